// Triage rules v2 in the page, as a GP and a social worker meet them: risk written in the note is
// urgent with the words marked, a denied risk shows a caution, the social-worker view lists no
// activities (and offers no recept) for an urgent or not-eligible decision, and missing consent reads
// "Eerst toestemming vragen" with its reason in both views.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnv, withPage, fillReferral, rendersOf, waitRender } from './harness.mjs';

let env;
before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

async function submit(page, prefix) {
  const before = await rendersOf(page, prefix);
  await page.click(`#${prefix}-submit`);
  await waitRender(page, prefix, before);
}

const RISK_NOTE = 'Patiënte uit suïcidale gedachten, heeft al een plan gemaakt. Voelt zich erg eenzaam.';

test('GP view: risk written in the note (no box ticked) is urgent, with the words marked in the note', async () => {
  await withPage(env, {}, async ({ page }) => {
    await fillReferral(page, 'gp', { age: 46, consent: true, municipality: 'Leiden', text: RISK_NOTE });
    await submit(page, 'gp');
    assert.equal(await page.$eval('#gp-route', (el) => el.dataset.route), 'urgent');
    assert.match(await page.locator('#gp-route .route-text').innerText(), /^Spoed/);
    const reasons = await page.$$eval('#gp-reasons li', (lis) => lis.map((li) => [li.dataset.rule, li.textContent]));
    assert.ok(reasons.every(([rule]) => rule === 'acute_risk'), JSON.stringify(reasons));
    assert.ok(reasons.some(([, text]) => text.includes("'suïcidale gedachten'")), JSON.stringify(reasons));
    assert.deepEqual(await page.$$eval('#gp-note-quote mark', (ms) => ms.map((m) => m.textContent)), ['suïcidale gedachten']);
    assert.equal(await page.locator('#gp-nearby').count(), 0, 'no activities for an urgent note');
    assert.equal(await page.locator('#gp-to-sw').count(), 0, 'no hand-over to the social worker');
    assert.equal(await page.locator('#gp-route .route-signal').count(), 0);
  });
});

test('GP view: a denied risk is not urgent and shows the caution; mild gloom is not "no sign"', async () => {
  await withPage(env, {}, async ({ page }) => {
    await fillReferral(page, 'gp', {
      age: 62, consent: true, municipality: 'Katwijk',
      text: 'Weduwe sinds maart, voelt zich eenzaam en wat somber. Ontkent suïcidale gedachten.',
    });
    await submit(page, 'gp');
    assert.equal(await page.$eval('#gp-route', (el) => el.dataset.route), 'wor');
    const warnings = await page.$$eval('#gp-warnings li', (lis) => lis.map((li) => [li.dataset.code, li.textContent]));
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0][0], 'risk_denied');
    assert.match(warnings[0][1], /ontkend/);
    assert.match(await page.locator('#gp-warnings-block h3').innerText(), /Let op/);
    assert.match(await page.locator('#gp-route .route-signal').innerText(), /licht/);
    assert.ok(await page.locator('#gp-to-sw').isVisible());
  });
});

test('social-worker view: an urgent note gets no activities and no recept, but why and what to do', async () => {
  await withPage(env, {}, async ({ page }) => {
    await page.click('#tab-sw');
    await fillReferral(page, 'sw', { age: 46, consent: true, municipality: 'Leiden', text: RISK_NOTE });
    await submit(page, 'sw');
    assert.equal(await page.$eval('#sw-output', (el) => el.dataset.state), 'refused');
    assert.equal(await page.$eval('#sw-refusal', (el) => el.dataset.route), 'urgent');
    assert.equal(await page.locator('#sw-list').count(), 0, 'no activity list');
    assert.equal(await page.locator('#sw-output button[data-recept]').count(), 0, 'no recept can be made');
    assert.match(await page.locator('#sw-refusal').innerText(), /Geen activiteiten en geen welzijnsrecept/);
    const reasons = await page.$$eval('#sw-reasons li', (lis) => lis.map((li) => li.dataset.rule));
    assert.ok(reasons.length > 0 && reasons.every((r) => r === 'acute_risk'));
    assert.deepEqual(await page.$$eval('#sw-pathways li', (lis) => lis.map((li) => li.dataset.pathway)), ['assess_today', 'crisis_line']);
  });
});

test('consent not given: "Eerst toestemming vragen" with its reason, in both views', async () => {
  await withPage(env, {}, async ({ page }) => {
    await fillReferral(page, 'gp', { age: 70, consent: false, municipality: 'Amstelveen', text: 'Eenzaam sinds de verhuizing.' });
    await submit(page, 'gp');
    assert.equal(await page.$eval('#gp-route', (el) => el.dataset.route), 'not_eligible');
    assert.equal(await page.locator('#gp-route .route-text').innerText(), 'Eerst toestemming vragen');
    assert.match(await page.locator('#gp-route .route-hint').innerText(), /toestemming/);
    assert.ok((await page.$$eval('#gp-reasons li', (lis) => lis.map((li) => li.dataset.rule))).includes('no_consent'));

    await page.click('#tab-sw');
    await fillReferral(page, 'sw', { age: 70, consent: false, municipality: 'Amstelveen', text: 'Eenzaam sinds de verhuizing.' });
    await submit(page, 'sw');
    assert.equal(await page.$eval('#sw-refusal', (el) => el.dataset.route), 'not_eligible');
    assert.equal(await page.locator('#sw-refusal .route-text').innerText(), 'Eerst toestemming vragen');
    const reason = await page.locator('#sw-reasons li[data-rule="no_consent"]').innerText();
    assert.match(reason, /vraag de inwoner eerst/);
    assert.equal(await page.locator('#sw-output button[data-recept]').count(), 0);

    // In English too.
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.querySelector('#sw-refusal .route-text')?.textContent === 'Ask for consent first', null, { timeout: 10000 });
  });
});

test('the GP sees which parts of a decision are assumptions, and the region\'s own policy is used', async () => {
  await withPage(env, {}, async ({ page }) => {
    await fillReferral(page, 'gp', {
      age: 58, consent: true, municipality: 'Leiden', text: 'Voelt zich eenzaam sinds de verhuizing.',
      dkl: { distress: 14, depression: 4, anxiety: 2 },
    });
    await submit(page, 'gp');
    const reasons = await page.$$eval('#gp-reasons li', (lis) => lis.map((li) => [li.dataset.assumption ?? '', li.textContent]));
    assert.ok(reasons.some(([a, text]) => a === 'true' && /4DKL depressie 4/.test(text) && /Aanname/.test(text)), JSON.stringify(reasons));
    const pathway = page.locator('#gp-pathways li[data-pathway="zorgdomein_vip_live_welzijnscoach"]');
    assert.equal(await pathway.getAttribute('data-assumption'), 'true');
    assert.match(await pathway.innerText(), /binnen 14 dagen/);
    assert.match(await pathway.locator('.tag-assumption').innerText(), /aanname/);
  });
});

// Risk decides first (issue 29): the urgent advice appears as soon as the note or the box says so,
// before age or municipality are filled in, with what is still missing listed below it.
async function urgentBeforeAnythingElse(page, label) {
  await page.waitForFunction(() => document.getElementById('gp-route')?.dataset.route === 'urgent', null, { timeout: 10000 });
  const steps = await page.$$eval('#gp-pathways li', (lis) => lis.map((li) => [li.dataset.pathway, li.textContent]));
  assert.deepEqual(steps.map(([id]) => id), ['assess_today', 'crisis_line'], label);
  assert.match(steps[1][1], /113 Zelfmoordpreventie/, label);
  assert.match(steps[1][1], /0800-0113/, label);
  // The crisis line is one tap and never broken across lines, on a phone too.
  const line = page.locator('#gp-pathways li[data-pathway="crisis_line"] a.tel', { hasText: '0800-0113' });
  assert.equal(await line.getAttribute('href'), 'tel:08000113', label);
  const rects = await line.evaluate((a) => a.getClientRects().length);
  assert.equal(rects, 1, `${label}: the number sits on one line`);
  // No caveat inside the crisis text; its basis is folded beside it.
  for (const [, text] of steps) assert.doesNotMatch(text.split('Waarop')[0], /Aanname/, label);
  assert.equal(await page.locator('#gp-pathways details.basis').count(), 2, label);
  // The advice comes first; the missing fields are listed below it and marked at the fields.
  const missing = await page.$$eval('#gp-missing li', (lis) => lis.map((li) => li.dataset.field));
  assert.ok(missing.includes('age') && missing.includes('municipality'), `${label}: ${JSON.stringify(missing)}`);
  const order = await page.$$eval('#gp-output > *', (els) => els.map((el) => el.id || el.querySelector('[id]')?.id || el.className));
  assert.ok(order.indexOf('gp-route') < order.indexOf('gp-missing'), JSON.stringify(order));
  assert.equal(await page.$eval('#gp-age', (el) => el.getAttribute('aria-invalid')), 'true');
  assert.equal(await page.locator('#gp-error .error-title').count(), 0, `${label}: no "Controleer de invoer" instead of the advice`);
  assert.match(await page.locator('#gp-status').textContent(), /Spoed/, label);
}

test('risk decides first: crisis words alone show the urgent advice with 113 before any other field', async () => {
  await withPage(env, {}, async ({ page }) => {
    await page.fill('#gp-text', 'Ziet het niet meer zitten, heeft pillen gespaard');
    await urgentBeforeAnythingElse(page, 'note only');
    // Filling the rest keeps it urgent and clears the list.
    await fillReferral(page, 'gp', { age: 52, consent: true, municipality: 'Leiden' });
    await submit(page, 'gp');
    assert.equal(await page.$eval('#gp-route', (el) => el.dataset.route), 'urgent');
    assert.equal(await page.locator('#gp-missing').count(), 0);
  });
});

test('risk decides first: the ticked box alone shows the urgent advice with 113 before any other field, on a phone too', async () => {
  await withPage(env, { width: 390, height: 844 }, async ({ page }) => {
    await page.check('#gp-flag-suicidal_ideation');
    await urgentBeforeAnythingElse(page, 'box only');
  });
});

test('risk decides first in the social-worker view too', async () => {
  await withPage(env, {}, async ({ page }) => {
    await page.click('#tab-sw');
    await page.fill('#sw-text', 'Heeft een plan om zich van het leven te beroven.');
    await page.waitForFunction(() => document.getElementById('sw-refusal')?.dataset.route === 'urgent', null, { timeout: 10000 });
    assert.match(await page.locator('#sw-pathways').innerText(), /0800-0113/);
    assert.ok((await page.$$eval('#sw-missing li', (lis) => lis.map((li) => li.dataset.field))).includes('age'));
  });
});

test('consent after need: routine care without consent is the medical route, and the screen reader hears what is shown', async () => {
  await withPage(env, {}, async ({ page }) => {
    await fillReferral(page, 'gp', { age: 64, consent: false, municipality: 'Leiden', text: 'Controle DM2' });
    await submit(page, 'gp');
    assert.equal(await page.$eval('#gp-route', (el) => el.dataset.route), 'medical');
    const shown = await page.locator('#gp-route .route-text').innerText();
    assert.doesNotMatch(shown, /toestemming/);
    assert.ok((await page.locator('#gp-status').textContent()).includes(shown), 'status says what the route box shows');

    // A social question without consent: ask first, and the status says the same words.
    await fillReferral(page, 'gp', { text: 'Eenzaam sinds de verhuizing.' });
    await submit(page, 'gp');
    assert.equal(await page.locator('#gp-route .route-text').innerText(), 'Eerst toestemming vragen');
    assert.match(await page.locator('#gp-status').textContent(), /Eerst toestemming vragen/);
    assert.doesNotMatch(await page.locator('#gp-status').textContent(), /Niet geschikt/);
  });
});
