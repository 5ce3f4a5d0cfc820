// The caseload encrypted at rest (issue 35), in headless Chromium: after a reload nothing of an entry is
// readable in IndexedDB or localStorage; the backup is encrypted and restores with its passphrase; a wrong
// passphrase changes nothing; the caseload locks after idle time and on "Vergrendelen"; a plain caseload
// from before is migrated once; two tabs do not overwrite each other; a save cut off halfway leaves the
// previous state; the page asks to keep its storage and says so when the browser refuses.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEnv, withPage, waitReady, until } from './harness.mjs';
import {
  PASS, SLOW, TODAY, setPassphrase, unlock, addCase, openEntry, oneEntry, withIdleLimit, storedText, downloadOf,
} from './caseload.mjs';

let env;
const dir = mkdtempSync(path.join(tmpdir(), 'wor-caseload-'));

before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

const NOTE = 'Geheim-4411 voelt zich eenzaam';
const PRIVATE = 'Privé-notitie-7788';
const PRACTICE = 'Praktijk-Zeldzaam-3391';

/** Fills the entry's outcome fields and saves; returns what must never be readable in storage. */
async function recordOutcome(page, id) {
  const key = (name) => `#cl-${id}-${name}`;
  await openEntry(page, id);
  await page.fill(key('practice'), PRACTICE);
  await page.fill(key('first-contact'), TODAY);
  const chosen = await page.locator(`${key('chosen')} option`).nth(1).getAttribute('value');
  const chosenName = (await page.locator(`${key('chosen')} option`).nth(1).innerText()).split(' (')[0];
  await page.selectOption(key('chosen'), chosen);
  await page.fill(key('notes'), PRIVATE);
  await page.click(key('save'));
  await until(async () => (await page.locator('#caseload-status').innerText()) === 'Opgeslagen.', { message: 'saved' });
  return [NOTE.split(' ')[0], 'eenzaam', PRIVATE, PRACTICE, 'Leiden', '2316', chosen, chosenName, id, TODAY, TODAY.replaceAll('-', '')];
}

function assertNoneOf(text, words, where) {
  for (const w of words) assert.ok(!text.includes(w), `${where} shows "${w}" in plain text`);
}

test('after a reload nothing of the entries is readable in IndexedDB or localStorage; the passphrase opens them', async () => {
  await withPage(env, {}, async ({ page }) => {
    await setPassphrase(page);
    const id = await addCase(page, NOTE);
    const secrets = await recordOutcome(page, id);
    await page.reload();
    await waitReady(page);
    const stored = await storedText(page);
    assert.match(stored, /\[wor-caseload\/records\]/, 'the scan reads the caseload store');
    assertNoneOf(stored, secrets, 'storage');
    // Locked after the reload: nothing of the entry on the page either, until the passphrase is entered.
    await page.click('#tab-sw');
    await page.locator('#caseload-unlock').waitFor();
    assertNoneOf(await page.locator('body').innerText(), [PRIVATE, PRACTICE, id], 'the locked page');
    await unlock(page);
    await openEntry(page, id);
    assert.equal(await page.inputValue(`#cl-${id}-notes`), PRIVATE);
    assert.equal(await page.inputValue(`#cl-${id}-practice`), PRACTICE);
  });
});

test('setting the passphrase says a forgotten one cannot be recovered; too short or unequal is refused at the field', async () => {
  await withPage(env, {}, async ({ page }) => {
    await page.click('#tab-sw');
    await page.locator('#caseload-setup').waitFor();
    assert.match(await page.locator('#caseload-forgotten').innerText(), /vergeten wachtzin kan niemand herstellen.*back-up/s);
    await page.fill('#caseload-pass-new', 'kort');
    await page.click('#caseload-setup-submit');
    await until(async () => /minstens 12 tekens/.test(await page.locator('#caseload-pass-new-error').innerText()), { message: 'too short' });
    assert.equal(await page.getAttribute('#caseload-pass-new', 'aria-invalid'), 'true');
    await page.fill('#caseload-pass-new', PASS);
    await page.fill('#caseload-pass-repeat', `${PASS}x`);
    await page.click('#caseload-setup-submit');
    await until(async () => /niet gelijk/.test(await page.locator('#caseload-pass-repeat-error').innerText()), { message: 'unequal' });
    assert.equal((await page.evaluate(() => indexedDB.databases())).length, 0, 'nothing stored yet');
    // In English too (the caseload is drawn again in the new language).
    await page.click('#lang-toggle');
    await until(async () => /Nobody can recover a forgotten passphrase/.test(await page.locator('#caseload-forgotten').innerText()), { message: 'English' });
  });
});

test('a wrong passphrase changes nothing and says so', async () => {
  await withPage(env, {}, async ({ page }) => {
    await setPassphrase(page);
    await addCase(page, NOTE);
    await page.click('#caseload-lock');
    await page.locator('#caseload-unlock').waitFor();
    const before = await storedText(page);
    await page.fill('#caseload-pass', 'dit is niet de wachtzin');
    await page.click('#caseload-unlock-submit');
    await until(async () => (await page.locator('#caseload-pass-error').innerText()) === 'Onjuiste wachtzin. Er is niets gewijzigd.', SLOW);
    assert.equal(await page.locator('#caseload-list').count(), 0, 'still locked');
    assert.equal(await storedText(page), before, 'storage unchanged');
    await unlock(page);
    assert.equal(await page.locator('#caseload-list > li').count(), 1);
  });
});

test('the caseload locks after idle time and on "Vergrendelen"; adding while locked is refused with the reason', async () => {
  await withPage(env, {}, async ({ page, context }) => {
    await withIdleLimit(page, context, 4000);
    const { key } = await oneEntry(page, NOTE);
    await page.fill(key('notes'), PRIVATE); // typed, not saved: it must vanish with the lock
    // No input for the (shortened) idle time: locked, and no entry text left on the page.
    await page.locator('#caseload-unlock').waitFor({ timeout: 15000 });
    assert.match(await page.locator('#caseload-status').innerText(), /vergrendeld na 15 minuten zonder gebruik/);
    assert.equal(await page.locator('#caseload-list').count(), 0);
    assert.ok(!(await page.content()).includes(PRIVATE), 'the unsaved note is gone from the page');
    // Adding while locked says why.
    await page.click('#sw-add-caseload');
    await until(async () => /vergrendeld/.test(await page.locator('#sw-caseload-status').innerText()), { message: 'refused while locked' });
    // "Vergrendelen" locks at once.
    await unlock(page);
    await page.click('#caseload-lock');
    await page.locator('#caseload-unlock').waitFor();
    assert.equal(await page.locator('#caseload-status').innerText(), 'De caseload is vergrendeld.');
  });
});

test('use keeps the caseload open: the idle timer restarts with every key or click', async () => {
  await withPage(env, {}, async ({ page, context }) => {
    await withIdleLimit(page, context, 3000);
    await setPassphrase(page);
    for (let i = 0; i < 5; i++) {
      await page.waitForTimeout(1000);
      await page.keyboard.press('Shift');
    }
    assert.equal(await page.locator('#caseload-lock').count(), 1, 'still open after 5 s of use with a 3 s idle limit');
  });
});

test('the backup shows nothing in plain text, restores with its passphrase, and a wrong passphrase or damaged or foreign file changes nothing', async () => {
  await withPage(env, {}, async ({ page }) => {
    page.on('dialog', (d) => d.accept());
    await setPassphrase(page);
    const id = await addCase(page, NOTE);
    const secrets = await recordOutcome(page, id);
    const saved = await downloadOf(page, '#caseload-export-backup', dir, 'backup.json');
    assert.match(saved.suggested, /^caseload-backup-\d{4}-\d{2}-\d{2}\.json$/);
    assertNoneOf(saved.text, secrets, 'the backup');
    const backup = JSON.parse(saved.text);
    assert.equal(backup.format, 'wor-caseload-backup/1');
    assert.equal(backup.kdf.iterations, 600000);

    // A fresh caseload with another passphrase: the backup still needs its own.
    await page.click('#caseload-clear');
    await setPassphrase(page, 'een heel andere wachtzin');
    const count = () => page.locator('#caseload-list > li').count();
    const restore = async (file, pass) => {
      await page.setInputFiles('#caseload-import', file);
      await page.fill('#caseload-restore-pass', pass);
      await page.click('#caseload-restore');
    };
    await restore(saved.file, 'dit is niet de wachtzin');
    await until(async () => (await page.locator('#caseload-restore-pass-error').innerText()) === 'Onjuiste wachtzin. Er is niets gewijzigd.', SLOW);
    assert.equal(await count(), 0);

    const damaged = { ...backup, payload: { ...backup.payload, ct: `A${backup.payload.ct.slice(1)}` } };
    if (damaged.payload.ct === backup.payload.ct) damaged.payload.ct = `B${backup.payload.ct.slice(1)}`;
    const damagedFile = path.join(dir, 'damaged.json');
    writeFileSync(damagedFile, JSON.stringify(damaged));
    await restore(damagedFile, PASS);
    await until(async () => /beschadigd\. Er is niets gewijzigd/.test(await page.locator('#caseload-status').innerText()), SLOW);
    assert.equal(await count(), 0);

    const foreignFile = path.join(dir, 'foreign.json');
    writeFileSync(foreignFile, JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry: [] }));
    await restore(foreignFile, PASS);
    await until(async () => /geen back-up van een caseload\. Er is niets gewijzigd/.test(await page.locator('#caseload-status').innerText()), { message: 'foreign file' });
    assert.equal(await count(), 0);

    await restore(saved.file, PASS);
    await until(async () => (await count()) === 1, { ...SLOW, message: 'restored' });
    assert.match(await page.locator('#caseload-status').innerText(), /1 verwijzing\(en\) teruggezet/);
    await openEntry(page, id);
    assert.equal(await page.inputValue(`#cl-${id}-notes`), PRIVATE);
    // Restoring again adds nothing twice.
    await restore(saved.file, PASS);
    await until(async () => /0 verwijzing\(en\) teruggezet; 1 stond/.test(await page.locator('#caseload-status').innerText()), SLOW);
    assert.equal(await count(), 1);
  });
});

test('a plain caseload from before is encrypted once and its plain copy removed', async () => {
  await withPage(env, {}, async ({ page }) => {
    const plain = {
      id: 'wor-20250301-oud1', added: '2025-03-01', referral: { id: 'wor-20250301-oud1', age: 70, consent: true, municipality: 'Leiden', text: 'Oud-geheim-9090' },
      map: { region: 'zuid-holland-noord', version: '1' }, offered: ['act-x'], names: { 'act-x': 'Koffieochtend' }, practice: 'Oude-praktijk-5151',
      channel: '', referred: '2025-03-01', first_contact: '', conversations: 0, chosen: '', taken_into_care: false, first_attendance: '',
      arrived: false, still_attending_3m: false, ph_before: {}, ph_after: {}, next_review: '', status: 'open', notes: 'Oude-aantekening-6262',
    };
    // What the page before issue 35 stored: database version 1, store `cases`, plain objects.
    await page.evaluate((entry) => new Promise((resolve, reject) => {
      const req = indexedDB.open('wor-caseload', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('cases', { keyPath: 'id' });
      req.onsuccess = () => {
        const tx = req.result.transaction('cases', 'readwrite');
        tx.objectStore('cases').put(entry);
        tx.oncomplete = () => { req.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
      req.onerror = () => reject(req.error);
    }), plain);
    const secrets = ['Oud-geheim-9090', 'Oude-praktijk-5151', 'Oude-aantekening-6262', 'Koffieochtend', 'wor-20250301-oud1'];
    for (const w of secrets) assert.ok((await storedText(page)).includes(w), `the scan finds plain "${w}"`);

    await page.click('#tab-sw');
    await page.locator('#caseload-plain').waitFor();
    await setPassphrase(page);
    assert.match(await page.locator('#caseload-status').innerText(), /versleuteld \(1 verwijzing\(en\)\); de onversleutelde kopie is verwijderd/);
    assert.equal(await page.locator('#caseload-list > li[data-case-id="wor-20250301-oud1"]').count(), 1);
    assertNoneOf(await storedText(page), secrets, 'storage after the migration');
    // Once: after a reload the page asks to unlock, not to migrate again.
    await page.reload();
    await waitReady(page);
    await unlock(page);
    assert.equal(await page.locator('#caseload-list > li').count(), 1);
    await openEntry(page, 'wor-20250301-oud1');
    assert.equal(await page.inputValue('#cl-wor-20250301-oud1-notes'), 'Oude-aantekening-6262');
  });
});

test('two tabs: a save over a version changed in the other tab is refused and reloaded; an idle tab reloads by itself', async () => {
  await withPage(env, {}, async ({ page: a, context }) => {
    await setPassphrase(a);
    const id = await addCase(a, NOTE);
    const b = await context.newPage();
    await b.goto(env.base);
    await waitReady(b);
    await unlock(b);
    const key = (name) => `#cl-${id}-${name}`;
    await openEntry(a, id);
    await openEntry(b, id);
    await b.fill(key('practice'), 'praktijk-uit-tab-B'); // B edits and has not saved yet

    await a.fill(key('practice'), 'praktijk-uit-tab-A');
    await a.click(key('save'));
    await until(async () => (await a.locator('#caseload-status').innerText()) === 'Opgeslagen.', { message: 'A saved' });
    await until(async () => /ander tabblad gewijzigd/.test(await b.locator('#caseload-status').innerText()), { message: 'B told' });
    assert.equal(await b.inputValue(key('practice')), 'praktijk-uit-tab-B', 'B keeps its pending edit');

    await b.click(key('save'));
    await until(async () => /intussen in een ander tabblad gewijzigd.*niet opgeslagen/.test(await b.locator('#caseload-status').innerText()), { message: 'B refused' });
    assert.equal(await b.inputValue(key('practice')), 'praktijk-uit-tab-A', 'B shows the stored version');
    await b.fill(key('practice'), 'praktijk-uit-tab-B');
    await b.click(key('save'));
    await until(async () => (await b.locator('#caseload-status').innerText()) === 'Opgeslagen.', { message: 'B saved' });
    // A had nothing pending: it reloads by itself and stays unfolded.
    await until(async () => (await a.inputValue(key('practice'))) === 'praktijk-uit-tab-B', { message: 'A reloaded' });
    assert.match(await a.locator('#caseload-status').innerText(), /opnieuw geladen/);
    // "Vergrendelen" in one tab locks the other too.
    await a.click('#caseload-lock');
    await b.locator('#caseload-unlock').waitFor();
    await b.close();
  });
});

test('a save cut off before it commits leaves the previous state, and the page says it was not saved', async () => {
  await withPage(env, {}, async ({ page }) => {
    const { id, key } = await oneEntry(page, NOTE);
    await page.fill(key('practice'), 'eerste-versie');
    await page.click(key('save'));
    await until(async () => (await page.locator('#caseload-status').innerText()) === 'Opgeslagen.', { message: 'saved' });
    // The tab "dies" between writing the record and committing: the transaction is aborted after put().
    await page.evaluate(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function crash(...args) {
        const req = put.apply(this, args);
        this.transaction.abort();
        return req;
      };
    });
    await page.fill(key('practice'), 'tweede-versie');
    await page.click(key('save'));
    await until(async () => /Er is niets gewijzigd/.test(await page.locator('#caseload-status').innerText()), { message: 'failure shown' });
    await page.reload();
    await waitReady(page);
    await unlock(page);
    await openEntry(page, id);
    assert.equal(await page.inputValue(key('practice')), 'eerste-versie');
  });
});

for (const [granted, shown] of [[false, 1], [true, 0]]) {
  test(`the page asks to keep its storage; a ${granted ? 'grant is quiet' : 'refusal is shown in the caseload'}`, async () => {
    await withPage(env, {}, async ({ page, context }) => {
      await context.addInitScript((g) => {
        globalThis.persistAsked = 0;
        navigator.storage.persisted = async () => false;
        navigator.storage.persist = async () => { globalThis.persistAsked += 1; return g; };
      }, granted);
      await page.reload();
      await waitReady(page);
      await setPassphrase(page);
      assert.equal(await page.evaluate(() => globalThis.persistAsked), 1);
      assert.equal(await page.locator('#caseload-persist').count(), shown);
      if (shown) assert.match(await page.locator('#caseload-persist').innerText(), /niet toegezegd.*back-up/);
    });
  });
}

test('a plain backup file of an earlier version restores, with the advice to delete it', async () => {
  await withPage(env, {}, async ({ page }) => {
    await setPassphrase(page);
    const id = await addCase(page, NOTE);
    // What "Exporteer caseload" wrote before issue 35: the entries as a plain JSON list.
    const entry = { id: 'wor-20250101-plain', added: '2025-01-01', referral: { id: 'wor-20250101-plain', age: 70, consent: true }, map: { region: 'r', version: '1' },
      offered: [], names: {}, referred: '2025-01-01', status: 'open', notes: '' };
    const file = path.join(dir, 'old-backup.json');
    writeFileSync(file, JSON.stringify([entry]));
    await page.setInputFiles('#caseload-import', file);
    await page.click('#caseload-restore');
    await until(async () => (await page.locator('#caseload-list > li').count()) === 2, { message: 'restored' });
    assert.match(await page.locator('#caseload-status').innerText(), /onversleutelde back-up.*verwijder dat bestand/);
    assert.deepEqual((await page.$$eval('#caseload-list > li', (lis) => lis.map((li) => li.dataset.caseId))).sort(), [id, entry.id].sort());
  });
});
