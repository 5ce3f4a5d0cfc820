// Helpers the caseload's browser tests share: the passphrase, adding a case from the social-worker
// view, saving a file the page offers, and everything the browser stores for this page as one text.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fillReferral, rendersOf, waitRender, suggestionList, until, waitReady } from './harness.mjs';

const pad = (n) => String(n).padStart(2, '0');
const now = new Date();
/** The page's local date. */
export const TODAY = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;

export function addDays(iso, days) {
  const [y, m, d] = iso.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

export const PASS = 'paars fietspad onder de linde';
/** PBKDF2 with 600,000 iterations takes a moment on a busy two-core machine. */
export const SLOW = { timeout: 20000 };

/** Submits the social-worker form and waits for its rendering (later clicks then hit a settled page). */
export async function submitSw(page) {
  const before = await rendersOf(page, 'sw');
  await page.click('#sw-submit');
  await waitRender(page, 'sw', before);
  await until(async () => (await suggestionList(page)).length > 0, { message: 'suggestions' });
}

/** Clicks `selector`, which makes the page offer a file, and saves it in `dir`; returns its path and text. */
export async function downloadOf(page, selector, dir, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const file = path.join(dir, name);
  await download.saveAs(file);
  return { file, suggested: download.suggestedFilename(), text: readFileSync(file, 'utf8') };
}

/** Opens the social-worker view and sets the caseload's first passphrase. */
export async function setPassphrase(page, pass = PASS) {
  await page.click('#tab-sw');
  await page.locator('#caseload-setup').waitFor();
  await page.fill('#caseload-pass-new', pass);
  await page.fill('#caseload-pass-repeat', pass);
  await page.click('#caseload-setup-submit');
  await page.locator('#caseload-lock').waitFor(SLOW);
}

/** Opens the social-worker view and unlocks the caseload. */
export async function unlock(page, pass = PASS) {
  await page.click('#tab-sw');
  await page.locator('#caseload-unlock').waitFor();
  await page.fill('#caseload-pass', pass);
  await page.click('#caseload-unlock-submit');
  await page.locator('#caseload-lock').waitFor(SLOW);
}

/** Adds a referral with this note to the (unlocked) caseload; returns the entry's id. */
export async function addCase(page, text, extra = {}) {
  await fillReferral(page, 'sw', { age: 72, consent: true, municipality: 'Leiden', postcode: '2316 XK', text, areas: [{ area: 'loneliness', severity: 3 }], ...extra });
  await submitSw(page);
  const before = await page.locator('#caseload-list > li').count();
  await page.click('#sw-add-caseload');
  await until(async () => (await page.locator('#caseload-list > li').count()) === before + 1, { timeout: 15000, message: 'the case in the caseload' });
  return page.locator('#caseload-list > li').last().getAttribute('data-case-id');
}

/** A new caseload with one referral carrying `note`, unfolded: its id and `key(name)`, its controls' selector. */
export async function oneEntry(page, note) {
  await setPassphrase(page);
  const id = await addCase(page, note);
  await openEntry(page, id);
  return { id, key: (name) => `#cl-${id}-${name}` };
}

/** Reloads the page with the caseload's idle limit shortened to `ms` (the page's test hook). */
export async function withIdleLimit(page, context, ms) {
  await context.addInitScript((limit) => { globalThis.worCaseloadIdleMs = limit; }, ms);
  await page.reload();
  await waitReady(page);
}

/** Unfolds an entry if it is folded. */
export async function openEntry(page, id) {
  const details = page.locator(`#caseload-list > li[data-case-id="${id}"] details`);
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
}

/**
 * Everything this origin keeps in IndexedDB (every database, store, key and value), localStorage and
 * sessionStorage, as one text; binary values as Latin-1, so plain words in them would show.
 */
export function storedText(page) {
  return page.evaluate(async () => {
    const latin1 = (u8) => Array.from(u8, (b) => String.fromCharCode(b)).join('');
    const flat = (v) => {
      if (v instanceof ArrayBuffer) return latin1(new Uint8Array(v));
      if (ArrayBuffer.isView(v)) return latin1(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      if (Array.isArray(v)) return v.map(flat).join('\n');
      if (v && typeof v === 'object') return Object.entries(v).map(([k, x]) => `${k}: ${flat(x)}`).join('\n');
      return String(v);
    };
    const request = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    let out = '';
    for (const { name } of await indexedDB.databases()) {
      const db = await request(indexedDB.open(name));
      for (const store of db.objectStoreNames) {
        const s = db.transaction(store).objectStore(store);
        out += `[${name}/${store}]\n${flat(await request(s.getAllKeys()))}\n${flat(await request(s.getAll()))}\n`;
      }
      db.close();
    }
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++) out += `${storage.key(i)}=${storage.getItem(storage.key(i))}\n`;
    }
    return out;
  });
}
