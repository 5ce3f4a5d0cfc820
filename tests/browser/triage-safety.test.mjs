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
    assert.deepEqual(await page.$$eval('#sw-pathways li', (lis) => lis.map((li) => li.dataset.pathway)), ['same_day_care']);
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
