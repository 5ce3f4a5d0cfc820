// One referral from GP to social worker, exports that keep their promise, forms that help (issue 34), in
// headless Chromium: the GP's FHIR file is taken in under the GP's identifier, which the caseload entry,
// the letter and the Task updates quote; a second take-in is refused; no export holds the note's words
// unless asked, and the private notes never; impossible dates and counts are refused at their field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEnv, withPage, waitReady, fillReferral, rendersOf, waitRender, until, axe, root } from './harness.mjs';
import { TODAY, addDays, setPassphrase, unlock, addCase, openEntry, oneEntry, downloadOf } from './caseload.mjs';

let env;
const dir = mkdtempSync(path.join(tmpdir(), 'wor-forms-'));
const save = (page, selector, name) => downloadOf(page, selector, dir, name);

before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

const NOTE = 'Mevrouw Zeldzaamwoord-5120 voelt zich eenzaam sinds het overlijden van haar man.';
const NOTE_WORDS = ['Zeldzaamwoord-5120', 'overlijden'];
const PRIVATE = 'Privé-aantekening-7788';

/** The GP saves a WoR referral as FHIR; returns the saved file and the identifier the status names. */
async function gpSaves(page) {
  await fillReferral(page, 'gp', { age: 81, consent: true, municipality: 'Leiden', postcode: '2316', text: NOTE });
  const before = await rendersOf(page, 'gp');
  await page.click('#gp-submit');
  await waitRender(page, 'gp', before);
  const saved = await save(page, '#gp-save-fhir', 'gp.fhir.json');
  const status = await page.locator('#gp-fhir-status').innerText();
  const id = /Kenmerk van de verwijzing: (wor-\d{8}-[a-z0-9]+)\./.exec(status)?.[1];
  assert.ok(id, status);
  const sr = JSON.parse(saved.text).entry.map((e) => e.resource).find((r) => r.resourceType === 'ServiceRequest');
  assert.equal(sr.identifier[0].value, id, 'the status names the identifier the file carries');
  // Saving the same referral again gives the same identifier.
  const again = await save(page, '#gp-save-fhir', 'gp-again.fhir.json');
  assert.equal(again.suggested, saved.suggested);
  return { ...saved, id };
}

test('the GP\'s FHIR referral is taken in under its identifier, which the entry, letter and Task updates quote; a second take-in is refused', async () => {
  await withPage(env, {}, async ({ page }) => {
    const gp = await gpSaves(page);
    await setPassphrase(page);
    await page.setInputFiles('#sw-intake-file', gp.file);
    await until(async () => /ingelezen en in de caseload opgenomen/.test(await page.locator('#sw-intake-status').innerText()), { timeout: 15000, message: 'taken in' });
    assert.match(await page.locator('#sw-intake-status').innerText(), new RegExp(gp.id));
    // The intake is filled from the file.
    assert.equal(await page.inputValue('#sw-age'), '81');
    assert.equal(await page.inputValue('#sw-municipality'), 'Leiden');
    assert.equal(await page.inputValue('#sw-text'), NOTE);
    // The entry carries the GP's identifier and is shown unfolded.
    assert.deepEqual(await page.$$eval('#caseload-list > li', (lis) => lis.map((li) => li.dataset.caseId)), [gp.id]);
    assert.equal(await page.locator(`#caseload-list > li[data-case-id="${gp.id}"] details`).evaluate((d) => d.open), true);

    // The letter and both Task updates quote it.
    const key = (name) => `#cl-${gp.id}-${name}`;
    await page.fill(key('first-contact'), TODAY);
    await page.selectOption(key('status'), 'closed');
    await page.click(key('save'));
    await until(async () => (await page.locator('#caseload-status').innerText()) === 'Opgeslagen.', { message: 'saved' });
    const tasks = await save(page, '#caseload-export-tasks', 'tasks.jsonl');
    assert.equal(JSON.parse(tasks.text).basedOn[0].identifier.value, gp.id);
    await page.click(key('feedback'));
    await page.locator('#loop-letter').waitFor();
    assert.match(await page.locator('#loop-letter').innerText(), new RegExp(`uw verwijzing ${gp.id} van`));
    const feedback = await save(page, '#loop-letter-task', 'feedback.json');
    assert.equal(JSON.parse(feedback.text).basedOn[0].identifier.value, gp.id);
    await page.click('#loop-letter-close');

    // The same file again: refused, pointing at the entry, nothing added.
    await page.setInputFiles('#sw-intake-file', gp.file);
    await until(async () => /staat al in de caseload/.test(await page.locator('#sw-intake-status').innerText()), { message: 'refused' });
    assert.match(await page.locator('#sw-intake-status').innerText(), new RegExp(`Verwijzing ${gp.id} staat al in de caseload; die staat hieronder open`));
    assert.equal(await page.locator('#caseload-list > li').count(), 1);
    // A file that is no FHIR referral: said in Dutch.
    const other = path.join(dir, 'other.json');
    writeFileSync(other, '{"hello": 1}');
    await page.setInputFiles('#sw-intake-file', other);
    await until(async () => /geen FHIR-verwijzing|Dit lukte niet/.test(await page.locator('#sw-intake-status').innerText()), { message: 'not FHIR' });
    assert.doesNotMatch(await page.locator('#sw-intake-status').innerText(), /not a|missing|expected|invalid/i);
  });
});

test('a GP\'s file dropped on the social-worker form is taken in too', async () => {
  await withPage(env, {}, async ({ page }) => {
    const gp = await gpSaves(page);
    await setPassphrase(page);
    await page.evaluate(({ text, name }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'application/fhir+json' }));
      const form = document.getElementById('sw-form');
      form.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      form.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, { text: gp.text, name: gp.suggested });
    await until(async () => (await page.locator(`#caseload-list > li[data-case-id="${gp.id}"]`).count()) === 1, { timeout: 15000, message: 'dropped file taken in' });
  });
});

test('each export without free text holds none of the note\'s words, and the private notes never leave', async () => {
  await withPage(env, {}, async ({ page }) => {
    const { id, key } = await oneEntry(page, NOTE);
    await page.fill(key('first-contact'), TODAY);
    await page.fill(key('notes'), PRIVATE);
    await page.selectOption(key('status'), 'closed');
    await page.click(key('save'));
    await until(async () => (await page.locator('#caseload-status').innerText()) === 'Opgeslagen.', { message: 'saved' });
    const none = (text, words, what) => { for (const w of words) assert.ok(!text.includes(w), `${what} holds "${w}"`); };

    none((await save(page, '#caseload-export-cases', 'cases.jsonl')).text, [...NOTE_WORDS, PRIVATE], 'historic cases');
    await page.check('#caseload-with-text');
    const withText = await save(page, '#caseload-export-cases', 'cases-text.jsonl');
    assert.equal(JSON.parse(withText.text).referral.text, NOTE, 'the free text when ticked');
    none(withText.text, [PRIVATE], 'historic cases with text');
    assert.equal(await page.isChecked('#caseload-with-text'), false, 'the tick is for that export only');
    none((await save(page, '#caseload-export-cases', 'cases-after.jsonl')).text, NOTE_WORDS, 'the next export');
    none((await save(page, '#caseload-export-tasks', 'tasks.jsonl')).text, [...NOTE_WORDS, PRIVATE], 'Task updates');
    await openEntry(page, id);
    await page.click(key('feedback'));
    await page.locator('#loop-letter').waitFor();
    none(await page.locator('#loop-letter').innerText(), [...NOTE_WORDS, PRIVATE], 'the letter');
    none((await save(page, '#loop-letter-task', 'feedback.json')).text, [...NOTE_WORDS, PRIVATE], 'the feedback Task');
  });
});

test('impossible dates and counts are refused at the field with the reason; the entry stays open; disabled buttons say why', async () => {
  await withPage(env, {}, async ({ page }) => {
    await setPassphrase(page);
    const id = await addCase(page, NOTE);
    const key = (name) => `#cl-${id}-${name}`;
    // Nothing closed yet: the Task export is disabled and says why, beside it.
    const why = await page.getAttribute('#caseload-export-tasks', 'aria-describedby');
    assert.equal(await page.isDisabled('#caseload-export-tasks'), true);
    assert.match(await page.locator(`#${why}`).innerText(), /afgesloten/);
    await openEntry(page, id);
    const height = await page.locator(key('first-contact')).evaluate((el) => el.getBoundingClientRect().height);
    assert.ok(height >= 40, `date field ${height} px high`);

    const referred = await page.inputValue(key('referred'));
    const errorOf = (name) => page.locator(key(`${name}-error`)).innerText();
    await page.fill(key('first-contact'), addDays(referred, -3));
    await page.fill(key('conversations'), '99');
    await page.fill(key('next-review'), addDays(referred, -1));
    await page.fill(key('ph-before-meedoen'), '11');
    await page.click(key('save'));
    await until(async () => /Niet opgeslagen: 4 veld/.test(await page.locator('#caseload-status').innerText()), { message: 'refused' });
    assert.match(await errorOf('first-contact'), /vóór de verwijzing/);
    assert.match(await errorOf('conversations'), /0 tot en met 50/);
    assert.match(await errorOf('next-review'), /vóór de verwijzing/);
    assert.match(await errorOf('ph-before-meedoen'), /0 tot en met 10/);
    assert.equal(await page.getAttribute(key('first-contact'), 'aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.id), `cl-${id}-first-contact`);

    await page.fill(key('first-contact'), addDays(TODAY, 2));
    await page.fill(key('conversations'), '3');
    await page.fill(key('next-review'), addDays(TODAY, 30));
    await page.fill(key('ph-before-meedoen'), '4');
    await page.click(key('save'));
    await until(async () => /Niet opgeslagen: 1 veld/.test(await page.locator('#caseload-status').innerText()), { message: 'future date refused' });
    assert.match(await errorOf('first-contact'), /na vandaag/);

    await page.fill(key('first-contact'), TODAY);
    await page.click(key('save'));
    await until(async () => (await page.locator('#caseload-status').innerText()) === 'Opgeslagen.', { message: 'saved' });
    assert.equal(await page.locator(`#caseload-list > li[data-case-id="${id}"] details`).evaluate((d) => d.open), true, 'the entry stays open');
    assert.equal(await page.locator(`${key('first-contact')}-error`).isHidden(), true);
    await page.reload();
    await waitReady(page);
    await unlock(page);
    await openEntry(page, id);
    assert.equal(await page.inputValue(key('conversations')), '3');
  });
});

test('offered and chosen activities are shown and picked by name, with the map version', async () => {
  await withPage(env, {}, async ({ page }) => {
    await setPassphrase(page);
    const id = await addCase(page, NOTE);
    const names = await page.$$eval('#sw-list > li', (lis) => Object.fromEntries(lis.map((li) => [li.dataset.activityId, li.querySelector('.s-name').textContent])));
    const key = (name) => `#cl-${id}-${name}`;
    await openEntry(page, id);
    const options = await page.$$eval(`${key('chosen')} option`, (os) => os.slice(1).map((o) => [o.value, o.textContent]));
    assert.ok(options.length > 0);
    for (const [value, text] of options) assert.equal(text, names[value], `option ${value} by name`);
    const offered = await page.$$eval(`#caseload-list > li[data-case-id="${id}"] .caseload-offered label`, (ls) => ls.map((l) => l.textContent));
    assert.deepEqual(offered, Object.values(names));
    assert.match(await page.locator(`#caseload-list > li[data-case-id="${id}"] .caseload-offered .hint`).innerText(), /sociale kaart \S+, versie \S+/);
    await page.selectOption(key('chosen'), options[0][0]);
    await page.click(key('save'));
    await until(async () => (await page.locator('#caseload-status').innerText()) === 'Opgeslagen.', { message: 'saved' });
    assert.match(await page.locator(`#caseload-list > li[data-case-id="${id}"] summary`).innerText(), new RegExp(`gekozen: ${options[0][1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    await axe(page, 'caseload entry with names');
  });
});

for (const size of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
  const tag = `${size.width}x${size.height}`;
  test(`the caseload at ${tag}: nothing wider than the screen, every control at least 40 px high; screenshots`, async () => {
    await withPage(env, size, async ({ page }) => {
      const shots = path.join(root, 'target/screenshots');
      mkdirSync(shots, { recursive: true });
      await page.click('#tab-sw');
      await page.locator('#caseload-setup').waitFor();
      await page.locator('#caseload').screenshot({ path: path.join(shots, `caseload-setup-${tag}.png`) });
      const { id } = await oneEntry(page, NOTE);
      const fits = await page.$$eval('#caseload input:not([type=checkbox]):not([type=radio]), #caseload select, #caseload button, #caseload textarea', (els, width) => els
        .filter((el) => el.offsetParent !== null)
        .map((el) => ({ id: el.id, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.right > width + 1 || r.height < 40)
        .map(({ id, r }) => `${id}: ${Math.round(r.width)}x${Math.round(r.height)} at ${Math.round(r.left)}`), size.width);
      assert.deepEqual(fits, []);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scrolling');
      await page.locator('#caseload').screenshot({ path: path.join(shots, `caseload-${tag}.png`) });
      await page.evaluate((caseId) => document.querySelector(`[data-case-id="${caseId}"]`).scrollIntoView(), id);
      await page.screenshot({ path: path.join(shots, `caseload-entry-${tag}.png`) });
      await page.click('#caseload-lock');
      await page.locator('#caseload-unlock').waitFor();
      await page.locator('#caseload').screenshot({ path: path.join(shots, `caseload-locked-${tag}.png`) });
    });
  });
}

test('on a 390 px phone the map stamp takes at most two lines and the advice is one tap from the note', async () => {
  await withPage(env, { width: 390, height: 844 }, async ({ page }) => {
    const lines = await page.$eval('#map-status', (el) => {
      const style = getComputedStyle(el);
      const inner = el.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      return inner / parseFloat(style.lineHeight === 'normal' ? Number.parseFloat(style.fontSize) * 1.5 : style.lineHeight);
    });
    assert.ok(lines <= 2.4, `the map stamp takes ${lines.toFixed(1)} lines`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scrolling');
    for (const prefix of ['gp', 'sw']) {
      await page.click(`#tab-${prefix}`);
      await fillReferral(page, prefix, { age: 72, consent: true, municipality: 'Leiden', text: NOTE });
      await page.focus(`#${prefix}-text`);
      const link = page.locator(`#${prefix}-to-advice-note`);
      assert.ok(await link.isVisible(), 'a link right below the note');
      const gap = await page.evaluate((p) => document.getElementById(`${p}-to-advice-note`).getBoundingClientRect().top
        - document.getElementById(`${p}-text`).getBoundingClientRect().bottom, prefix);
      assert.ok(gap >= 0 && gap < 40, `the link is ${gap} px below the note`);
      await link.click();
      await until(() => page.evaluate((p) => document.activeElement.id === `${p}-results-title`, prefix), { message: 'focus on the advice' });
      const top = await page.$eval(`#${prefix}-results-title`, (el) => el.getBoundingClientRect().top);
      assert.ok(top >= 0 && top < 844, `the advice heading is on screen (top ${top})`);
    }
    await page.screenshot({ path: path.join(root, 'target/screenshots/phone-advice-390x844.png') });
  });
});
