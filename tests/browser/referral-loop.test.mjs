// The referral loop in headless Chromium: a GP saves a FHIR referral that `wor fhir import` reads; a
// social worker records an outcome, reloads and finds it, exports historic cases that `wor evaluate`
// reads, writes the feedback letter, and clears the caseload; no request leaves the machine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  startEnv, withPage, waitReady, fillReferral, rendersOf, waitRender, until, longDate, axe, WOR, root,
} from './harness.mjs';
import { TODAY, addDays, submitSw, downloadOf as downloadIn, setPassphrase, unlock, openEntry } from './caseload.mjs';

let env;
const dir = mkdtempSync(path.join(tmpdir(), 'wor-loop-')); // the saved downloads, outside the repository

before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

const downloadOf = (page, selector, name) => downloadIn(page, selector, dir, name);

function assertLocal(requests) {
  assert.ok(requests.length > 0);
  for (const r of requests) {
    // A saved file is a blob: URL of the page itself; everything else is the local server.
    const local = r.url.startsWith(`${env.base}/`) || r.url.startsWith(`blob:${env.base}/`);
    assert.ok(local, `request left the machine: ${r.url}`);
    assert.equal(r.method, 'GET', `${r.method} ${r.url}`);
  }
}

const wor = (...args) => spawnSync(WOR, args, { cwd: root, encoding: 'utf8' });

test('a GP saves a WoR referral as a FHIR Bundle that `wor fhir import` reads back', async () => {
  await withPage(env, {}, async ({ page, requests }) => {
    const note = 'Mevrouw voelt zich eenzaam sinds het overlijden van haar man.';
    await fillReferral(page, 'gp', { age: 81, consent: true, municipality: 'Leiden', postcode: '2316', text: note });
    const before = await rendersOf(page, 'gp');
    await page.click('#gp-submit');
    await waitRender(page, 'gp', before);
    assert.ok(!requests.some((r) => r.url.includes('pkg-fhir')), 'the FHIR module is fetched only when used');
    const saved = await downloadOf(page, '#gp-save-fhir', 'gp.fhir.json');
    assert.match(saved.suggested, /^verwijzing-wor-\d{8}-[a-z0-9]+\.fhir\.json$/);
    assert.match(await page.locator('#gp-fhir-status').innerText(), /Opgeslagen als verwijzing-/);
    assert.ok(requests.some((r) => r.url.endsWith('pkg-fhir/wor_fhir_wasm_bg.wasm')));

    const bundle = JSON.parse(saved.text);
    assert.equal(bundle.resourceType, 'Bundle');
    assert.equal(bundle.type, 'transaction');
    const byType = Object.fromEntries(bundle.entry.map((e) => [e.resource.resourceType, e.resource]));
    assert.equal(byType.ServiceRequest.status, 'active');
    assert.equal(byType.ServiceRequest.intent, 'order');
    assert.ok(byType.ServiceRequest.reasonCode.some((r) => r.coding[0].code === 'loneliness'));
    assert.ok(byType.ServiceRequest.note.some((n) => n.text.startsWith('Suggestie 1:')), 'the nearby activities travel as notes');
    assert.equal(byType.Task.status, 'requested');
    assert.equal(byType.Task.restriction.period.end, addDays(TODAY, 14));
    assert.equal(byType.Task.owner.display, 'de welzijnscoach van Leiden');

    const back = wor('fhir', 'import', saved.file);
    assert.equal(back.status, 0, back.stderr);
    const referral = JSON.parse(back.stdout);
    assert.equal(referral.age, 81);
    assert.equal(referral.text, note);
    assert.equal(referral.postcode, '2316');
    assertLocal(requests);
  });
});

test('a refused route offers no FHIR button', async () => {
  await withPage(env, {}, async ({ page }) => {
    await fillReferral(page, 'gp', { age: 40, consent: true, municipality: 'Leiden', text: 'Suïcidale gedachten met een plan.' });
    const before = await rendersOf(page, 'gp');
    await page.click('#gp-submit');
    await waitRender(page, 'gp', before);
    assert.equal(await page.locator('#gp-route').getAttribute('data-route'), 'urgent');
    assert.equal(await page.locator('#gp-save-fhir').count(), 0);
  });
});

test('a social worker records an outcome, reloads, exports cases `wor evaluate` reads, writes feedback, and clears the caseload', async () => {
  await withPage(env, {}, async ({ page, requests }) => {
    page.on('dialog', (d) => d.accept());
    await setPassphrase(page);
    assert.match(await page.locator('#caseload-count').innerText(), /leeg/);

    await fillReferral(page, 'sw', { age: 72, consent: true, municipality: 'Leiden', postcode: '2316 XK', text: 'Geheim-4411 eenzaam', areas: [{ area: 'loneliness', severity: 3 }] });
    await submitSw(page);
    await page.click('#sw-add-caseload');
    await until(async () => (await page.locator('#caseload-list > li').count()) === 1,
      { timeout: 15000, message: 'the case in the caseload' });
    const id = await page.locator('#caseload-list > li').getAttribute('data-case-id');
    const key = (name) => `#cl-${id}-${name}`;

    await openEntry(page, id); // a new entry is shown unfolded
    await page.fill(key('practice'), '01234567');
    await page.selectOption(key('channel'), 'zorgdomein');
    await page.fill(key('first-contact'), TODAY);
    await page.fill(key('conversations'), '2');
    const firstOffered = await page.locator(`${key('chosen')} option`).nth(1).getAttribute('value');
    await page.selectOption(key('chosen'), firstOffered);
    await page.check(key('taken'));
    await page.check(key('arrived'));
    await page.check(key('still'));
    await page.fill(key('ph-before-meedoen'), '3');
    await page.fill(key('ph-after-meedoen'), '6');
    await page.fill(key('next-review'), addDays(TODAY, 30));
    await page.selectOption(key('status'), 'closed');
    await axe(page, 'caseload with an open entry');
    await page.click(key('save'));
    await until(async () => (await page.locator('#caseload-status').innerText()) === 'Opgeslagen.', { message: 'saved' });

    // Reload: the caseload is still there (IndexedDB in this browser), behind the passphrase.
    await page.reload();
    await waitReady(page);
    await unlock(page);
    await until(async () => (await page.locator(`#caseload-list > li[data-case-id="${id}"][data-status="closed"]`).count()) === 1, { message: 'the case after a reload' });

    // Historic cases: PC4 only, no free text, and `wor evaluate` reads them.
    const cases = await downloadOf(page, '#caseload-export-cases', 'cases.jsonl');
    const lines = cases.text.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 1);
    assert.equal(lines[0].referral.id, id);
    assert.equal(lines[0].referral.postcode, '2316');
    assert.equal(lines[0].referral.text, undefined, 'free text left out unless asked');
    assert.equal(lines[0].chosen, firstOffered);
    assert.equal(lines[0].outcome.still_attending_3m, true);
    const evaluated = wor('evaluate', '--map', 'social-map/zuid-holland-noord', '--cases', cases.file, '--json');
    assert.equal(evaluated.status, 0, evaluated.stderr);
    const tasks = wor('fhir', 'outcomes', cases.file);
    assert.equal(tasks.status, 0, tasks.stderr);
    assert.equal(JSON.parse(tasks.stdout).status, 'completed');

    // With the free text when asked.
    await page.check('#caseload-with-text');
    const withText = await downloadOf(page, '#caseload-export-cases', 'cases-text.jsonl');
    assert.equal(JSON.parse(withText.text).referral.text, 'Geheim-4411 eenzaam');

    // FHIR Task updates of the closed cases.
    const taskFile = await downloadOf(page, '#caseload-export-tasks', 'tasks.jsonl');
    assert.equal(JSON.parse(taskFile.text).basedOn[0].identifier.value, id);

    // Feedback to the GP: the letter and its Task update.
    await openEntry(page, id);
    await page.click(key('feedback'));
    await page.locator('#loop-letter').waitFor();
    await axe(page, 'feedback letter');
    assert.equal(await page.locator('#loop-letter-contact').innerText(), `Contact met de inwoner: op ${longDate(TODAY)}.`);
    assert.match(await page.locator('#loop-letter-chosen').innerText(), /^Gekozen: /);
    assert.equal(await page.locator('#loop-letter-next').innerText(), `Ik bekijk de situatie opnieuw op ${longDate(addDays(TODAY, 30))}.`);
    const feedback = await downloadOf(page, '#loop-letter-task', 'feedback.json');
    const task = JSON.parse(feedback.text);
    assert.equal(task.status, 'completed');
    assert.ok(task.output.some((o) => o.type.coding[0].code === 'next_review' && o.valueDate === addDays(TODAY, 30)));
    await page.click('#loop-letter-close');

    // Clear: the database itself is deleted.
    await page.click('#caseload-clear');
    await until(async () => (await page.locator('#caseload-list > li').count()) === 0, { message: 'an empty caseload' });
    const dbs = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    assert.ok(!dbs.includes('wor-caseload'), `still there: ${dbs}`);
    await page.reload();
    await waitReady(page);
    await page.click('#tab-sw');
    await page.locator('#caseload-setup').waitFor(); // nothing stored: a new caseload asks for a passphrase

    assertLocal(requests);
    for (const r of requests) assert.ok(!r.url.includes('Geheim-4411'), r.url);
  });
});

test('the welzijnsrecept says who calls by when', async () => {
  await withPage(env, {}, async ({ page }) => {
    await page.click('#tab-sw');
    await fillReferral(page, 'sw', { age: 72, consent: true, municipality: 'Leiden', areas: [{ area: 'loneliness' }] });
    await submitSw(page);
    await page.locator('#sw-list button[data-recept]').first().click();
    await page.locator('#recept').waitFor();
    await until(async () => (await page.locator('#recept-contact').innerText()).length > 0, { message: 'the contact line' });
    assert.equal(await page.locator('#recept-contact').innerText(),
      `Uiterlijk ${longDate(addDays(TODAY, 14))} neemt de welzijnscoach van Leiden contact met u op.`);
    assert.equal(await page.locator('#recept-contact').getAttribute('data-assumption'), 'true');
    // The region's role fills "Uw sociaal werker"; the question reads as what the resident can do.
    assert.equal(await page.locator('#recept-worker').innerText(), 'de welzijnscoach van Leiden');
    assert.ok((await page.locator('#recept dt').allInnerTexts()).includes('Wie kunt u bellen?'));
  });
});

test('the English welzijnsrecept says the description is in Dutch', async () => {
  await withPage(env, { lang: 'en' }, async ({ page }) => {
    await page.click('#tab-sw');
    await fillReferral(page, 'sw', { age: 72, consent: true, municipality: 'Leiden', areas: [{ area: 'loneliness' }] });
    await submitSw(page);
    await page.locator('#sw-list button[data-recept]').first().click();
    await page.locator('#recept').waitFor();
    assert.equal(await page.locator('.recept-desc').getAttribute('lang'), 'nl');
    assert.equal(await page.locator('.recept-desc .recept-desc-lang').innerText(), 'Description in Dutch:');
    assert.equal(await page.locator('.recept-desc .recept-desc-lang').getAttribute('lang'), 'en');
    await until(async () => (await page.locator('#recept-worker').innerText()) === 'the welfare coach of Leiden', { message: 'the role in English' });
  });
});
