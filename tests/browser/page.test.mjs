// The web page in headless Chromium: header, GP view, social-worker view, language switch, the
// printable welzijnsrecept, readable errors, and that nothing leaves the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startEnv, withPage, waitReady, fillReferral, mapIndex, rendersOf, waitRender, suggestionList, until, longDate,
} from './harness.mjs';
import { loadWasm, loadBundledMaps } from '../node/wasm-module.mjs';

let env;
let wasm;
let engine;
const pad = (n) => String(n).padStart(2, '0');
const now = new Date();
const TODAY = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`; // the page uses the local date too

before(async () => {
  env = await startEnv();
  wasm = await loadWasm();
  ({ engine } = loadBundledMaps(wasm, TODAY));
});
after(async () => { await env?.close(); });

/** What the engine itself says for a referral: the page must show exactly this. */
const expectedSuggestions = (referral, k = 5) => engine.suggest(JSON.stringify({ id: 'expected', ...referral }), k, TODAY);
const expectedTriage = (referral) => wasm.triage(JSON.stringify({ id: 'expected', referrer: 'gp', ...referral }));

async function submitGp(page) {
  const before = await rendersOf(page, 'gp');
  await page.click('#gp-submit');
  await waitRender(page, 'gp', before);
}

async function gpResult(page) {
  return page.evaluate(() => ({
    route: document.querySelector('#gp-route')?.dataset.route,
    label: document.querySelector('#gp-route .route-text')?.textContent,
    reasons: [...document.querySelectorAll('#gp-reasons li')].map((li) => li.textContent),
    areas: [...document.querySelectorAll('#gp-areas-found li')].map((li) => ({ area: li.dataset.area, source: li.dataset.source, text: li.textContent })),
    pathways: [...document.querySelectorAll('#gp-pathways li')].map((li) => li.dataset.pathway),
    nearby: [...document.querySelectorAll('#gp-nearby li')].map((li) => li.dataset.activityId),
    stamp: document.querySelector('#gp-output .stamp')?.dataset ?? null,
    stampText: document.querySelector('#gp-output .stamp')?.textContent ?? '',
  }));
}

test('first paint: the header lists every bundled map with version and date, then the engine confirms it (DEMO-DATA)', async () => {
  await withPage(env, { wait: false }, async ({ page }) => {
    const index = mapIndex();
    assert.ok(index.length >= 1);
    // Without any interaction (and before the engine has to be ready) the maps appear in the header.
    for (const m of index) {
      const item = page.locator(`#map-status li[data-region="${m.region}"]`);
      await item.waitFor({ timeout: 10000 });
      const text = await item.innerText();
      assert.ok(text.includes(m.name), `${m.region}: ${text}`);
      assert.ok(text.includes(m.version), `${m.region} version: ${text}`);
      assert.ok(text.includes(longDate(m.published, 'nl')), `${m.region} date: ${text}`);
      assert.equal(await item.locator('time').getAttribute('datetime'), m.published);
    }
    await waitReady(page);
    // Confirmed by engine.maps(): same versions, hashes match index.json, DEMO-DATA shown.
    await until(() => page.evaluate(() => document.querySelector('#map-status').dataset.confirmed === 'true'), { message: 'maps confirmed' });
    const status = await page.locator('#map-status').innerText();
    assert.match(status, /DEMO-DATA/);
    assert.match(status, /geladen/);
    assert.doesNotMatch(status, /wijkt af/);
    for (const m of index) assert.ok(status.includes(m.hash.slice(7, 15)), `short hash of ${m.region}`);
    assert.ok(await page.locator('#demo-badge').isVisible());
    assert.match(await page.locator('#engine-info').innerText(), /Rekenkern \d+\.\d+\.\d+ · triageregels versie 3/);
  });
});

test('GP view: a lonely widow in Leiden gets Welzijn op Recept, with the engine\'s reasons, matched words, pathway and nearby offer', async () => {
  await withPage(env, {}, async ({ page }) => {
    const referral = {
      age: 79, consent: true, municipality: 'Leiden', areas: [{ area: 'loneliness', severity: 3 }],
      text: 'Weduwe sinds vorig jaar, voelt zich erg eenzaam en komt de deur bijna niet meer uit.',
    };
    await fillReferral(page, 'gp', referral);
    await submitGp(page);
    const r = await gpResult(page);
    const want = expectedTriage(referral);
    assert.equal(want.route, 'wor');
    assert.equal(r.route, 'wor');
    assert.equal(r.label, 'Welzijn op Recept');
    assert.deepEqual(r.reasons, want.reasons.map((x) => x.nl));
    assert.ok(r.reasons.some((x) => x.includes('eenzaam')), r.reasons.join(' | '));
    const lonely = r.areas.find((a) => a.area === 'loneliness');
    assert.equal(lonely.source, 'both');
    assert.match(lonely.text, /Eenzaamheid en een beperkt sociaal netwerk/);
    assert.match(lonely.text, /ernstig/);
    assert.match(lonely.text, /‘eenzaam’/);
    assert.ok(r.areas.some((a) => a.area === 'life_event' && a.source === 'detected' && /weduwe/.test(a.text)), JSON.stringify(r.areas));
    assert.deepEqual(r.pathways, want.pathways.map((p) => p.id));
    assert.ok(r.pathways.includes('zorgdomein_vip_live_welzijnscoach'));
    const nearby = expectedSuggestions(referral, 3);
    assert.deepEqual(r.nearby, nearby.suggestions.map((s) => s.activity_id));
    const zhn = mapIndex().find((m) => m.region === 'zuid-holland-noord');
    assert.equal(r.stamp.region, 'zuid-holland-noord');
    assert.equal(r.stamp.version, zhn.version);
    assert.equal(r.stamp.published, zhn.published);
    assert.ok(r.stampText.includes('Zuid-Holland Noord') && r.stampText.includes(longDate(zhn.published)) && r.stampText.includes(zhn.hash.slice(7, 15)), r.stampText);
    // Focus moves to the result after submit.
    assert.equal(await page.evaluate(() => document.activeElement.id), 'gp-results-title');
  });
});

test('GP view: acute flag -> spoed; age 16 -> niet geschikt; 4DKL depression 8 -> MGN', async () => {
  await withPage(env, {}, async ({ page }) => {
    // suicidal ideation: urgent, whatever else is filled in
    await fillReferral(page, 'gp', {
      age: 45, consent: true, municipality: 'Katwijk', areas: [{ area: 'loneliness', severity: 2 }],
      text: 'Somber, ziet het niet meer zitten.', flags: ['suicidal_ideation'],
    });
    await submitGp(page);
    let r = await gpResult(page);
    assert.equal(r.route, 'urgent');
    assert.match(r.label, /^Spoed/);
    // The ticked box and the note's own words ("ziet het niet meer zitten", read the safe way).
    assert.equal(r.reasons.length, 2);
    assert.match(r.reasons[0], /Acuut risico \(suïcidale gedachten\)/);
    assert.match(r.reasons[1], /veilige kant/);
    assert.deepEqual(r.pathways, ['assess_today', 'crisis_line']);
    assert.deepEqual(r.nearby, [], 'no activities for an urgent case');
    assert.ok(await page.locator('#gp-route.route-urgent').isVisible());

    await page.click('#gp-form button[type="reset"]');
    await until(() => page.evaluate(() => document.getElementById('gp-output').dataset.state === 'placeholder'), { message: 'reset' });
    await fillReferral(page, 'gp', { age: 16, consent: true, municipality: 'Uithoorn', areas: [{ area: 'loneliness', severity: 2 }] });
    await submitGp(page);
    r = await gpResult(page);
    assert.equal(r.route, 'not_eligible');
    assert.equal(r.label, 'Niet geschikt voor Welzijn op Recept');
    assert.ok(r.reasons.some((x) => /Leeftijd 16 is onder de 18/.test(x) && /jeugdhulp/.test(x)), r.reasons.join(' | '));
    assert.deepEqual(r.pathways, ['youth_care']);

    await page.click('#gp-form button[type="reset"]');
    await until(() => page.evaluate(() => document.getElementById('gp-output').dataset.state === 'placeholder'), { message: 'reset' });
    await fillReferral(page, 'gp', {
      age: 35, consent: true, municipality: 'Alphen aan den Rijn', text: 'Klachten sinds maanden.',
      dkl: { distress: 25, depression: 8, anxiety: 2 },
    });
    await submitGp(page);
    r = await gpResult(page);
    assert.equal(r.route, 'mgn');
    assert.equal(r.label, 'Mentaal Gezondheidsnetwerk');
    assert.ok(r.reasons.some((x) => x.includes('4DKL depressie 8')), r.reasons.join(' | '));
    assert.ok(r.pathways.includes('mgn_exploratory_talk'));
    assert.match(await page.locator('#gp-route .route-signal').innerText(), /sterk verhoogd/);
  });
});

test('GP view updates live while typing, without submit', async () => {
  await withPage(env, {}, async ({ page }) => {
    await fillReferral(page, 'gp', { age: 50, consent: true, municipality: 'Amstelveen' });
    await until(async () => (await gpResult(page)).route === 'unclear', { message: 'no note yet: the engine asks for an area' });
    const before = await rendersOf(page, 'gp');
    await page.locator('#gp-text').pressSequentially('Veel schulden, de post blijft ongeopend.', { delay: 5 });
    await waitRender(page, 'gp', before);
    const r = await until(async () => {
      const x = await gpResult(page);
      return x.route === 'wor' ? x : null;
    }, { message: 'wor route after typing' });
    assert.ok(r.areas.some((a) => a.area === 'debt_poverty' && a.source === 'detected'), JSON.stringify(r.areas));
    assert.ok(r.pathways.includes('zorgdomein_welzijn_op_recept'), r.pathways.join(','));
    assert.equal(r.stamp.region, 'amstelland');
  });
});

test('social-worker view: ranked suggestions stamped with the map; filters re-rank at once without submit', async () => {
  await withPage(env, {}, async ({ page }) => {
    await page.click('#tab-sw');
    assert.ok(await page.locator('#view-sw').isVisible());
    assert.ok(await page.locator('#view-gp').isHidden());
    const referral = {
      age: 72, consent: true, municipality: 'Leiden', postcode: '2315', areas: [{ area: 'loneliness', severity: 3 }],
      text: 'Voelt zich eenzaam sinds de verhuizing.',
    };
    await fillReferral(page, 'sw', referral);
    let before = await rendersOf(page, 'sw');
    await page.click('#sw-submit');
    await waitRender(page, 'sw', before);
    const first = await suggestionList(page);
    const want0 = expectedSuggestions(referral);
    assert.ok(first.length >= 3, `only ${first.length} suggestions`);
    assert.deepEqual(first.map((s) => s.id), want0.suggestions.map((s) => s.activity_id));

    // The list carries one stamp with region/version/date/hash (a result is the whole list).
    const zhn = mapIndex().find((m) => m.region === 'zuid-holland-noord');
    const stamps = await page.$$eval('#sw-output .stamp', (els) => els.map((el) => ({ ...el.dataset, text: el.textContent })));
    assert.equal(stamps.length, 1);
    const [stamp] = stamps;
    assert.equal(stamp.region, 'zuid-holland-noord');
    assert.equal(stamp.version, zhn.version);
    assert.equal(stamp.published, zhn.published);
    assert.ok(stamp.text.includes(zhn.version) && stamp.text.includes(longDate(zhn.published)) && stamp.text.includes(zhn.hash.slice(7, 15)));
    // Every card: name, organisation, why lines (distance, time and cost once), details on demand.
    const cards = await page.$$eval('#sw-list > li', (lis) => lis.map((li) => ({
      name: li.querySelector('h3').textContent,
      org: li.querySelector('.org').textContent,
      why: [...li.querySelectorAll('.why li')].map((x) => x.textContent),
      whyByCode: Object.fromEntries([...li.querySelectorAll('.why li')].map((x) => [x.dataset.code, x.textContent])),
      facts: Object.fromEntries([...li.querySelectorAll('.fact')].map((f) => [f.querySelector('dt').textContent, f.querySelector('dd').textContent])),
      button: li.querySelector('button[data-recept]')?.textContent,
    })));
    cards.forEach((c, i) => {
      const s = want0.suggestions[i];
      assert.ok(c.name.endsWith(s.name), c.name);
      assert.ok(c.org.startsWith(s.organisation));
      assert.deepEqual(c.why, s.why.map((w) => w.nl));
      assert.match(c.whyByCode.distance, /^\d+,\d km vanaf postcodegebied 2315$/);
      assert.match(c.whyByCode.cost, /^(gratis|€ \d+(,\d\d)? per maand)/);
      assert.equal(c.facts.Afstand, undefined, 'distance is not repeated');
      assert.equal(c.facts.Kosten, undefined, 'cost is not repeated');
      if (s.description) assert.equal(c.facts['Over het aanbod'], s.description);
      assert.match(c.facts.Wanneer, /^((maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) \d\d:\d\d–\d\d:\d\d(, )?)+$|^op afspraak$|^tijden via contact$/);
      if (s.contact.phone) assert.ok(c.facts.Contact.includes(s.contact.phone));
      assert.match(c.button, /^Maak welzijnsrecept/);
    });
    assert.match(await page.locator('#sw-count').innerText(), /suggesties · route: Welzijn op Recept/);

    // Maximum distance: typed, no submit. Every suggestion within it, and the ranking is the engine's.
    before = await rendersOf(page, 'sw');
    await page.fill('#sw-max-km', '2');
    await waitRender(page, 'sw', before);
    const near = await suggestionList(page);
    const want1 = expectedSuggestions({ ...referral, preferences: { max_km: 2 } });
    assert.deepEqual(near.map((s) => s.id), want1.suggestions.map((s) => s.activity_id));
    assert.ok(near.length > 0);
    for (const s of near) assert.ok(s.km <= 2, `${s.id} at ${s.km} km`);
    assert.notDeepEqual(near.map((s) => s.id), first.map((s) => s.id), 'max distance must change the list');

    // Evening only: a checkbox change re-ranks at once.
    before = await rendersOf(page, 'sw');
    await page.check('#sw-time-evening');
    await waitRender(page, 'sw', before);
    const evening = await suggestionList(page);
    const want2 = expectedSuggestions({ ...referral, preferences: { max_km: 2, times: ['evening'] } });
    assert.deepEqual(evening.map((s) => s.id), want2.suggestions.map((s) => s.activity_id));
    assert.notDeepEqual(evening.map((s) => s.id), near.map((s) => s.id), 'evening must re-rank');
  });
});

test('social-worker view: Wmo provisions carry the indication badge; hard budget filter holds', async () => {
  await withPage(env, {}, async ({ page }) => {
    await page.click('#tab-sw');
    const referral = { age: 80, consent: true, municipality: 'Leiden', areas: [{ area: 'transport_housing_household', severity: 3 }] };
    await fillReferral(page, 'sw', referral);
    const before = await rendersOf(page, 'sw');
    await page.click('#sw-submit');
    await waitRender(page, 'sw', before);
    const want = expectedSuggestions(referral);
    const wmo = want.suggestions.filter((s) => s.requires_indication).map((s) => s.activity_id);
    assert.ok(wmo.length > 0, 'fixture precondition: a Wmo provision among the suggestions');
    const badges = await page.$$eval('#sw-list > li', (lis) => lis.filter((li) => li.querySelector('.badge-wmo')).map((li) => li.dataset.activityId));
    assert.deepEqual(badges, wmo);
    assert.equal(await page.locator('#sw-list .badge-wmo').first().innerText(), 'Wmo-indicatie nodig');

    const b2 = await rendersOf(page, 'sw');
    await page.fill('#sw-budget', '0');
    await waitRender(page, 'sw', b2);
    const costs = await page.$$eval('#sw-list .why li[data-code="cost"]', (lis) => lis.map((li) => li.textContent));
    assert.ok(costs.length > 0);
    for (const c of costs) assert.equal(c, 'gratis');
  });
});

test('language switch: English labels, dates and engine texts; back to Dutch', async () => {
  await withPage(env, {}, async ({ page }) => {
    await fillReferral(page, 'gp', { age: 79, consent: true, municipality: 'Leiden', text: 'Voelt zich eenzaam.' });
    await submitGp(page);
    assert.equal(await page.locator('#lang-toggle').innerText(), 'English');
    await page.click('#lang-toggle');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.locator('#tab-gp').innerText(), 'GP');
    assert.equal(await page.locator('#tab-sw').innerText(), 'Social worker');
    assert.equal(await page.locator('label[for="gp-age"]').innerText(), 'Age (years)');
    assert.equal(await page.locator('label[for="gp-area-loneliness"]').innerText(), 'Loneliness and a small social network');
    assert.equal(await page.locator('#gp-submit').innerText(), 'Determine route');
    assert.equal(await page.locator('#lang-toggle').innerText(), 'Nederlands');
    const zhn = mapIndex().find((m) => m.region === 'zuid-holland-noord');
    const header = await page.locator('#map-status').innerText();
    assert.match(header, /Social map/);
    assert.ok(header.includes(longDate(zhn.published, 'en')), header);
    assert.match(await page.title(), /referral and social map/);
    // The result follows: English route label and the engine's English reasons.
    const want = expectedTriage({ age: 79, consent: true, municipality: 'Leiden', text: 'Voelt zich eenzaam.' });
    await until(async () => (await gpResult(page)).label === 'Welzijn op Recept (social prescribing)', { message: 'English route label' });
    assert.deepEqual((await gpResult(page)).reasons, want.reasons.map((x) => x.en));
    // The nearby activities come from the map, in Dutch: in English the GP view says so, as the social
    // worker's list does.
    await until(async () => (await page.locator('#gp-nearby li').count()) > 0, { message: 'nearby activities' });
    assert.match(await page.locator('#gp-dutch-note').innerText(), /describes each offer in Dutch/);

    await page.click('#lang-toggle');
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    assert.equal(await page.locator('#tab-gp').innerText(), 'Huisarts');
    assert.equal(await page.locator('label[for="gp-age"]').innerText(), 'Leeftijd (jaren)');
    await until(async () => (await gpResult(page)).label === 'Welzijn op Recept', { message: 'Dutch route label' });
    assert.deepEqual((await gpResult(page)).reasons, want.reasons.map((x) => x.nl));
    assert.equal(await page.locator('#gp-dutch-note').count(), 0, 'no language note in Dutch');
  });
});

test('welzijnsrecept: plain-language prescription with activity, time, place, cost, contact; print shows only it', async () => {
  await withPage(env, {}, async ({ page }) => {
    await page.click('#tab-sw');
    const referral = { age: 72, consent: true, municipality: 'Leiden', postcode: '2315', areas: [{ area: 'loneliness', severity: 3 }] };
    await fillReferral(page, 'sw', referral);
    const before = await rendersOf(page, 'sw');
    await page.click('#sw-submit');
    await waitRender(page, 'sw', before);
    const want = expectedSuggestions(referral);
    const s = want.suggestions.find((x) => x.schedule.length > 0 && x.contact.phone && !x.by_appointment);
    assert.ok(s, 'fixture precondition: a suggestion with a schedule and a phone number');
    await page.click(`#sw-list li[data-activity-id="${s.activity_id}"] button[data-recept]`);
    const recept = page.locator('#recept');
    await recept.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'recept-title');
    const text = await page.locator('#recept-paper').innerText();
    const days = { mon: 'maandag', tue: 'dinsdag', wed: 'woensdag', thu: 'donderdag', fri: 'vrijdag', sat: 'zaterdag', sun: 'zondag' };
    assert.ok(text.includes('Welzijnsrecept'));
    assert.ok(text.includes(s.name), `name ${s.name}`);
    const slot = s.schedule[0];
    assert.ok(text.includes(`Elke ${days[slot.day]} van ${slot.start} tot ${slot.end} uur.`), text);
    assert.ok(text.includes(s.address), `address ${s.address}`);
    assert.ok(text.includes(`Bel ${s.contact.phone}.`), `phone ${s.contact.phone}`);
    assert.ok(text.includes(s.cost_eur_per_month === 0 ? 'Het is gratis.' : 'Het kost €'));
    assert.ok(text.includes('zuid-holland-noord') || text.includes('Zuid-Holland Noord'));
    // Large type for residents with low literacy.
    const size = await page.$eval('#recept-paper', (el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(size >= 20, `recept font size ${size}px`);

    // Print button calls window.print().
    await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
    await page.click('#recept-print');
    assert.equal(await page.evaluate(() => window.__printed), 1);

    // Screen: header visible. Print: only the recept.
    assert.ok(await page.locator('.site-header').isVisible());
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.locator('#recept-paper').isVisible());
    assert.ok(await page.locator('#recept-name').isVisible());
    for (const sel of ['.site-header', '.views-nav', '#sw-form', '#gp-form', '.site-footer', '#recept-print', '#recept-back', '.skip-link']) {
      assert.ok(await page.locator(sel).isHidden(), `${sel} must be hidden in print`);
    }
    await page.emulateMedia({ media: 'screen' });
    assert.ok(await page.locator('.site-header').isVisible());

    // Back: the list and the button that opened the recept.
    await page.click('#recept-back');
    assert.ok(await recept.isHidden());
    assert.ok(await page.locator('#sw-form').isVisible());
    assert.equal(await page.evaluate(() => document.activeElement.dataset.recept), s.activity_id);
  });
});

test('invalid input shows a readable error naming the problem (role=alert), never a crash', async () => {
  await withPage(env, {}, async ({ page }) => {
    await fillReferral(page, 'gp', { age: 150, consent: true, municipality: 'Leiden', text: 'eenzaam' });
    await page.click('#gp-submit');
    const alert = page.locator('#gp-error[role="alert"]');
    await until(async () => (await alert.innerText()).includes('150'), { message: 'age error' });
    let msg = await alert.innerText();
    assert.match(msg, /Controleer de invoer/);
    assert.match(msg, /Leeftijd: vul een leeftijd in van 0 tot en met 120 jaar\. Ingevuld: 150\./);
    assert.doesNotMatch(msg, /must be|got 150/, 'no English engine text on the Dutch page');
    assert.equal(await page.getAttribute('#gp-age', 'aria-invalid'), 'true');
    assert.match(await page.getAttribute('#gp-age', 'aria-describedby'), /gp-error/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'gp-age');
    assert.equal(await page.locator('#gp-route').count(), 0, 'no result next to an error');

    // No municipality and no postcode.
    await page.fill('#gp-age', '40');
    await page.selectOption('#gp-municipality', '');
    await page.click('#gp-submit');
    await until(async () => (await alert.innerText()).includes('Kies een gemeente of vul een postcode in.'), { message: 'place error' });
    assert.equal(await page.getAttribute('#gp-municipality', 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute('#gp-age', 'aria-invalid'), null);

    // A malformed postcode.
    await page.fill('#gp-postcode', '12');
    await page.click('#gp-submit');
    await until(async () => (await alert.innerText()).includes("Postcode '12' klopt niet"), { message: 'postcode error' });

    // Fixed: the error goes, the result comes.
    await page.fill('#gp-postcode', '2312');
    await page.click('#gp-submit');
    await until(async () => (await gpResult(page)).route === 'wor', { message: 'result after fixing' });
    assert.equal((await alert.innerText()).trim(), '');
    assert.ok(await alert.isHidden());

    // Social worker: an impossible distance.
    await page.click('#tab-sw');
    await fillReferral(page, 'sw', { age: 60, consent: true, municipality: 'Lisse', areas: [{ area: 'lifestyle', severity: 2 }] });
    await page.fill('#sw-max-km', '-3');
    await page.click('#sw-submit');
    const swAlert = page.locator('#sw-error[role="alert"]');
    await until(async () => (await swAlert.innerText()).includes('Maximale afstand'), { message: 'max_km error' });
    msg = await swAlert.innerText();
    assert.doesNotMatch(msg, /preferences\.max_km|must be/, 'no engine field paths or English');
    assert.equal(await page.locator('#sw-list').count(), 0);
  });
});

test('privacy: every request stays on 127.0.0.1:<port>, is a GET, and no URL, body or storage holds the note', async () => {
  await withPage(env, {}, async ({ page, requests }) => {
    const note = 'Vertrouwelijk-7731 mevrouw Jansen voelt zich eenzaam na het overlijden van haar man';
    await fillReferral(page, 'gp', { age: 81, consent: true, municipality: 'Leiden', postcode: '2316', text: note });
    await submitGp(page);
    assert.equal((await gpResult(page)).route, 'wor');
    await page.click('#gp-to-sw');
    await until(async () => (await suggestionList(page)).length > 0, { message: 'suggestions after transfer' });
    assert.equal(await page.inputValue('#sw-text'), note, 'the note is carried to the social-worker view');
    await page.check('#sw-time-morning');
    await page.locator('#sw-list button[data-recept]').first().click();
    await page.locator('#recept').waitFor();
    await page.click('#recept-back');

    assert.ok(requests.length > 0);
    const needles = [note, 'Vertrouwelijk-7731', encodeURIComponent('Vertrouwelijk-7731'), 'Jansen'];
    for (const r of requests) {
      assert.ok(r.url.startsWith(`${env.base}/`), `request left 127.0.0.1: ${r.url}`);
      assert.equal(r.method, 'GET', `${r.method} ${r.url}`);
      for (const n of needles) {
        assert.ok(!r.url.includes(n) && !r.body.includes(n), `request carries referral data: ${r.url}`);
      }
    }
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
    for (const n of needles) assert.ok(!stored.includes(n), `storage holds referral data: ${stored}`);
    assert.equal(page.url(), `${env.base}/`, 'the URL never carries the referral');
  });
});

test('the GP form offers exactly the engine\'s referrers, Positive Health dimensions and 4DKL scales, with its maxima and thresholds', async () => {
  const v = wasm.vocabulary();
  for (const lang of ['nl', 'en']) {
    await withPage(env, { lang }, async ({ page }) => {
      const form = await page.evaluate(() => ({
        referrers: [...document.querySelectorAll('#gp-referrer option')].map((o) => [o.value, o.textContent]),
        ph: [...document.querySelectorAll('#gp-ph input')].map((i) => [i.id, i.min, i.max]),
        dkl: [...document.querySelectorAll('#gp-dkl input')].map((i) => [i.id, i.min, i.max,
          document.getElementById(i.getAttribute('aria-describedby'))?.textContent]),
      }));
      assert.deepEqual(form.referrers.map(([id]) => id), v.referrers);
      for (const [id, label] of form.referrers) assert.ok(label.trim(), `${lang}: referrer ${id} has a label`);
      assert.deepEqual(form.ph, v.positive_health.map((d) => [`gp-ph-${d}`, '0', String(v.positive_health_max)]));
      const elevated = lang === 'nl' ? 'verhoogd vanaf' : 'elevated from';
      assert.deepEqual(form.dkl, v.four_dkl.map((s) => [`gp-dkl-${s.id}`, '0', String(s.max),
        s.elevated_from === undefined ? `0–${s.max}` : `0–${s.max} · ${elevated} ${s.elevated_from}`]));
    });
  }
});

// Issue 28.6: the 4DKL hints follow the loaded policy of the resident's region. The region's bundle is
// served with a tightened distress threshold; a Leiden resident's hint shows it, an Amstelveen
// resident's the default's.
test('the GP form\'s 4DKL hint shows the threshold of the resident\'s regional policy', async () => {
  const { readFileSync } = await import('node:fs');
  const compiled = readFileSync(new URL('../../www/maps/zuid-holland-noord.policy.txt', import.meta.url), 'utf8');
  const defaultFrom = wasm.vocabulary().four_dkl.find((s) => s.id === 'distress').elevated_from;
  const tighter = defaultFrom - 2;
  const tightened = compiled.replace(/^threshold\tdistress_elevated\t\d+$/m, `threshold\tdistress_elevated\t${tighter}`);
  assert.notEqual(tightened, compiled);
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  try {
    await context.route('**/maps/zuid-holland-noord.policy.txt', (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: tightened }));
    const page = await context.newPage();
    await page.addInitScript(() => localStorage.setItem('wor-lang', 'nl'));
    await page.goto(`${env.base}/`);
    await waitReady(page);
    const hint = () => page.locator('#gp-dkl-distress-hint').textContent();
    assert.equal(await hint(), `0–32 · verhoogd vanaf ${defaultFrom}`, 'no place yet: the default policy');
    await page.selectOption('#gp-municipality', 'Leiden');
    await until(async () => (await hint()) === `0–32 · verhoogd vanaf ${tighter}`, { message: 'Leiden: the regional threshold' });
    await page.selectOption('#gp-municipality', 'Amstelveen');
    await until(async () => (await hint()) === `0–32 · verhoogd vanaf ${defaultFrom}`, { message: 'Amstelveen: the default threshold' });
    await page.selectOption('#gp-municipality', '');
    await page.fill('#gp-postcode', '2312 AB');
    await until(async () => (await hint()) === `0–32 · verhoogd vanaf ${tighter}`, { message: 'a Leiden postcode: the regional threshold' });
    // The language switch keeps the region's threshold.
    await page.click('#lang-toggle');
    await until(async () => (await hint()) === `0–32 · elevated from ${tighter}`, { message: 'English, same threshold' });
  } finally {
    await context.close();
  }
});
