// The Regio view in headless Chromium: its own wasm module loads only when the view opens, a
// historic-case file picked from disk (never uploaded) gives the monitoring, and the business case
// follows edited parameters; its errors are worded in Dutch (or English) from the module's codes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEnv, withPage, until, axe } from './harness.mjs';

let env;
let dir;
before(async () => {
  env = await startEnv();
  dir = mkdtempSync(path.join(tmpdir(), 'wor-regio-'));
});
after(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const outcome = (taken) => ({ arrived: false, taken_into_care: taken, still_attending_3m: false });
const kase = (id, municipality, referred, extra = {}) => ({
  referral: { id, age: 50, consent: true, municipality, practice: 'Praktijk De Vaart', channel: 'zorgdomein' },
  map: { region: 'haarlemmermeer', version: '2026.1.0' },
  dates: { referred },
  outcome: outcome(true),
  ...extra,
});

/** Six Haarlemmermeer cases in 2026 (five successful, one open) and one in 2027 after the date. */
function caseFile() {
  const cases = [
    kase('regio-geheim-1', 'Haarlemmermeer', '2026-01-15'),
    kase('regio-geheim-2', 'Haarlemmermeer', '2026-02-03'),
    kase('regio-geheim-3', 'Haarlemmermeer', '2026-02-20'),
    kase('regio-geheim-4', 'Haarlemmermeer', '2026-03-09'),
    kase('regio-geheim-5', 'Haarlemmermeer', '2026-04-01'),
    { ...kase('regio-geheim-6', 'Haarlemmermeer', '2026-04-02'), status: 'open', outcome: undefined },
    kase('regio-geheim-7', 'Haarlemmermeer', '2027-01-05'),
  ];
  const file = path.join(dir, 'casussen.jsonl');
  writeFileSync(file, `${cases.map((c) => JSON.stringify(c)).join('\n')}\n`);
  return file;
}

async function openRegio(page) {
  await page.click('#tab-regio');
  await page.waitForFunction(() => document.getElementById('view-regio').dataset.ready === 'true', null, { timeout: 20000 });
}

const runsOf = (page) => page.evaluate(() => Number(document.getElementById('view-regio').dataset.runs || 0));

test('Regio view: own module on demand, monitoring from a file on disk, business case follows its parameters', async () => {
  await withPage(env, {}, async ({ page, requests }) => {
    // The GP view's start never fetches the evaluation module.
    assert.ok(!requests.some((r) => r.url.includes('pkg-eval')), 'pkg-eval before the Regio view opened');
    await openRegio(page);
    assert.ok(requests.some((r) => r.url.endsWith('pkg-eval/wor_eval_wasm_bg.wasm')), 'the Regio module was loaded');

    // The business case with the plan's parameters: the net total of plan 7.3.
    const bc = page.locator('#regio-bc');
    assert.equal(await bc.getAttribute('data-net'), '393022');
    assert.match(await bc.innerText(), /393\.022/);
    assert.ok(await bc.locator('svg.chart').count() >= 2, 'charts');

    // Pick a file from disk: the monitoring appears.
    await page.fill('#regio-date', '2026-12-31');
    await page.setInputFiles('#regio-file', caseFile());
    const region = page.locator('#regio-monitor h3[data-region="haarlemmermeer"]');
    await region.waitFor({ timeout: 10000 });
    const rowText = await page.locator('#regio-monitor h3[data-region="haarlemmermeer"] + .scroll > table').innerText();
    // 2026: six referrals, five successful against the target of 479 (plan KPI 6.4), one open.
    assert.match(rowText, /2026\s+6\s+5\s+479/, rowText);
    assert.ok(await page.locator('#regio-monitor svg.chart').count() >= 1, 'month chart');
    // With the bundled maps the learning-group tables list the missing offer.
    assert.match(await page.locator('#regio-monitor').innerText(), /Ontbrekend aanbod/);
    // A starting-practices list from disk adds its table.
    const practices = path.join(dir, 'praktijken.csv');
    writeFileSync(practices, 'practice,start\nPraktijk De Vaart,2026-01-01\n');
    await page.setInputFiles('#regio-practices', practices);
    await until(async () => (await page.locator('#regio-monitor').innerText()).includes('Startende praktijken'), { message: 'starting practices' });
    await axe(page, 'Regio view with monitoring and business case');

    // Shared version: 1..4 become <5.
    await page.check('#regio-shared');
    await until(async () => (await page.locator('#regio-monitor').innerText()).includes('<5'), { message: 'suppressed counts' });
    await page.uncheck('#regio-shared');

    // Editing a parameter recomputes the business case and its charts.
    const before = await runsOf(page);
    await page.fill('#bc-zvw-saving-per-extra-referral-eur', '0');
    await until(async () => (await runsOf(page)) > before, { message: 'recomputed' });
    const net = Number(await bc.getAttribute('data-net'));
    assert.ok(net < -10_000_000, `net with no savings: ${net}`);
    assert.match(await bc.innerText(), /Eigen parameters/);

    // Actuals: realised 2026 counts for Haarlemmermeer replace the plan's 479.
    await page.click('#regio-reset');
    await page.check('#regio-actuals');
    await until(async () => (await bc.innerText()).includes('5*'), { message: 'actual count marked' });

    // The language switch re-renders the view in English (the fragment's own title is hidden: the panel has one).
    await page.click('#lang-toggle');
    await until(async () => (await bc.innerText()).includes('Net effect'), { message: 'English business case' });
    assert.equal(await page.locator('#regio-bc-title').innerText(), 'Business case');
    assert.match(await page.locator('#regio-monitor').innerText(), /Reference date/);
    assert.equal(await page.locator('label[for="regio-file"]').innerText(), 'Historic cases (JSONL)');

    // Nothing of the file left the browser.
    for (const r of requests) {
      assert.ok(!r.url.includes('geheim') && !r.body.includes('geheim'), `request carries case data: ${r.url}`);
      assert.equal(r.method, 'GET', r.url);
    }
  });
});

test('Regio view: a bad case file is reported with its line and field, in Dutch', async () => {
  await withPage(env, {}, async ({ page }) => {
    await openRegio(page);
    const file = path.join(dir, 'fout.jsonl');
    writeFileSync(file, `${JSON.stringify(kase('ok-1', 'Haarlemmermeer', '2026-01-15'))}\n{"referral": {"id": "x", "age": "oud"}}\n`);
    await page.setInputFiles('#regio-file', file);
    const box = page.locator('#regio-error');
    await box.waitFor({ state: 'visible', timeout: 10000 });
    const text = await box.innerText();
    // Worded in Dutch from the module's codes: the line and the field, no English message.
    assert.match(text, /^Dit lukte niet: Casusbestand, regel 2: referral\.age/, text);
    assert.doesNotMatch(text, /line 2|expected/, text);
  });
});

test('Regio view: a refused parameter is explained in Dutch beside its field (and in English after the switch)', async () => {
  await withPage(env, {}, async ({ page }) => {
    await openRegio(page);
    const box = page.locator('#bc-follow-up-share-error');
    assert.equal(await box.count(), 0);
    // A negative share is refused at the field, worded from the same codes as the module's problems.
    await page.fill('#bc-follow-up-share', '-1');
    await box.waitFor({ state: 'visible', timeout: 10000 });
    const text = await box.innerText();
    assert.equal(text, 'Aandeel met vervolgkosten: vul een aandeel in van 0 tot en met 1, of een percentage tot en met 100%. Ingevuld: -1.');
    await page.click('#lang-toggle');
    await until(async () => (await box.innerText()).startsWith('Share with'), { message: 'English error' });
    assert.equal(await box.innerText(), 'Share with follow-up costs: enter a share from 0 to 1, or a percentage up to 100%. Given: -1.');
    // A valid value again clears it.
    await page.fill('#bc-follow-up-share', '0.6');
    await box.waitFor({ state: 'detached', timeout: 10000 });
  });
});
