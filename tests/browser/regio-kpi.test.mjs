// The Regio view's KPI table and capacity in headless Chromium: a register of evidence and a capacity
// file opened from disk (never uploaded) give the plan's KPI table with status, due date and evidence in
// plain Dutch, and capacity per municipality with a warning; a register alone is enough (effort KPIs fall
// due before there are cases). Screenshots at 1280 and 390 px in target/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEnv, withPage } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let env;
let dir;
before(async () => {
  env = await startEnv();
  dir = mkdtempSync(path.join(tmpdir(), 'wor-regio-kpi-'));
});
after(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const REGISTER = [
  'datum;regio;soort;omschrijving;deelnemers',
  '15-12-2025;;transformatieplan;Transformatieplan goedgekeurd;',
  '10-2-2026;zuid-holland-noord;behoeften;Behoeften 40 praktijken;',
  '3-3-2026;zuid-holland-noord;werkgroep;Werkgroep Leiden;',
  '15-9-2026;zuid-holland-noord;training;Training Positieve Gezondheid;24',
  '2-3-2026;haarlemmermeer;vergadering;Geen bekende soort;',
].join('\r\n');

const kase = (id, referred) => ({
  referral: { id, age: 50, consent: true, municipality: 'Haarlemmermeer', practice: 'Praktijk De Vaart', channel: 'zorgdomein' },
  map: { region: 'haarlemmermeer', version: '2026.1.0' },
  dates: { referred },
  outcome: { arrived: false, taken_into_care: true, still_attending_3m: false },
});

async function openRegio(page) {
  await page.click('#tab-regio');
  await page.waitForFunction(() => document.getElementById('view-regio').dataset.ready === 'true', null, { timeout: 20000 });
}

for (const width of [1280, 390]) {
  test(`Regio view at ${width} px: a register and a capacity file from disk give the KPI table and capacity in plain Dutch`, async () => {
    await withPage(env, { width }, async ({ page, requests }) => {
      await openRegio(page);
      await page.fill('#regio-date', '2026-11-30');
      const register = path.join(dir, 'register.csv');
      writeFileSync(register, REGISTER);
      // The register alone: the supra-regional and the regions' tables, no case file needed.
      await page.setInputFiles('#regio-register', register);
      const zhn = page.locator('#regio-monitor table.words tr', { hasText: '(7.1)' });
      await zhn.waitFor({ timeout: 10000 });
      const row = await zhn.innerText();
      assert.match(row, /Behoeften van de praktijken in kaart en lokale werkgroepen gestart \(7\.1\)/);
      assert.match(row, /1-7-2026/, 'due date');
      assert.match(row, /behaald/, 'status');
      assert.match(row, /Werkgroep Leiden/, 'evidence');
      const missed = await page.locator('#regio-monitor tr', { hasText: '(3)' }).innerText();
      assert.match(missed, /niet behaald/);
      // The unknown kind is a warning naming its line, under the form.
      assert.match(await page.locator('#regio-warnings').innerText(), /line 6: soort: unknown kind 'vergadering'/);

      // Cases and capacity: Haarlemmermeer over its capacity gets a warning.
      const cases = path.join(dir, 'cases.jsonl');
      writeFileSync(cases, `${[1, 2, 3].map((i) => JSON.stringify(kase(`c${i}`, `2026-0${i}-10`))).join('\n')}\n`);
      await page.setInputFiles('#regio-file', cases);
      const capacity = path.join(dir, 'capaciteit.csv');
      writeFileSync(capacity, 'gemeente;fte\r\nHaarlemmermeer;0,01\r\nLeiden;2\r\n');
      await page.setInputFiles('#regio-capacity', capacity);
      const capacityRow = page.locator('#regio-monitor tr', { hasText: 'Haarlemmermeer' }).filter({ hasText: '0,0' }).first();
      await page.locator('#regio-monitor h3', { hasText: 'Capaciteit tegen de instroom' }).waitFor({ timeout: 10000 });
      assert.ok(await capacityRow.count() >= 1, 'capacity row');
      assert.match(await page.locator('#regio-monitor .warn').innerText(), /Haarlemmermeer: de instroom/);
      // The region with cases comes first.
      const regions = await page.locator('#regio-monitor h3[data-region]').evaluateAll((hs) => hs.map((h) => h.dataset.region));
      assert.equal(regions[0], 'haarlemmermeer');
      // Nothing left the browser: no request carried the files.
      assert.ok(!requests.some((r) => r.method !== 'GET' || r.body.includes('Werkgroep')), 'only GET requests, none with the files');
      const shots = path.join(root, 'target/screenshots');
      mkdirSync(shots, { recursive: true });
      await page.locator('#regio-monitor').screenshot({ path: path.join(shots, `regio-kpi-${width}.png`) });
    });
  });
}
