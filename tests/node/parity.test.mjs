// Parity: the same 100 referrals through the wasm module and through the native CLI give identical results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadWasm, loadBundledMaps, root } from './wasm-module.mjs';

const TODAY = '2026-11-23';
const wor = path.join(root, 'target/release/wor');

/** A small seeded PRNG (mulberry32), so the referrals are the same on every run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOTES = [
  'Mevr voelt zich eenzaam sinds overlijden van haar man.',
  'Dhr heeft veel schulden en slaapt slecht, ligt s nachts te piekeren.',
  'Mantelzorger voor haar moeder met dementie, overbelast.',
  'Kan niet goed lezen en schrijven, begrijpt brieven niet.',
  'Lonely since moving here, would like to meet people.',
  'Na scheiding somber en weinig contacten, zoekt werk.',
  'Weinig beweging, overgewicht, wil gezonder leven.',
  '',
];

function referrals(n, rnd, wasm) {
  const areas = wasm.supportAreas().map((a) => a.id);
  const places = wasm.municipalities();
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const out = [];
  for (let i = 0; i < n; i++) {
    const r = { id: `p${String(i).padStart(3, '0')}`, age: 18 + Math.floor(rnd() * 75), consent: rnd() > 0.05 };
    r.municipality = pick(places).name;
    const chosen = new Set();
    const k = Math.floor(rnd() * 3);
    for (let j = 0; j < k; j++) chosen.add(pick(areas));
    r.areas = [...chosen].map((area) => ({ area, severity: 1 + Math.floor(rnd() * 3) }));
    r.text = pick(NOTES);
    const prefs = {};
    if (rnd() < 0.5) prefs.max_km = 1 + Math.round(rnd() * 150) / 10;
    if (rnd() < 0.3) prefs.max_eur_per_month = pick([0, 5, 10, 25]);
    if (rnd() < 0.3) prefs.days = [pick(['mon', 'tue', 'wed', 'thu', 'fri', 'sat'])];
    if (rnd() < 0.3) prefs.times = [pick(['morning', 'afternoon', 'evening'])];
    if (rnd() < 0.2) prefs.languages = ['nl', pick(['tr', 'ar', 'en', 'pl'])];
    if (rnd() < 0.2) prefs.wheelchair = true;
    if (rnd() < 0.3) prefs.group = rnd() < 0.5;
    r.preferences = prefs;
    if (rnd() < 0.2) r.screening = { '4dkl': { distress: Math.floor(rnd() * 33), depression: Math.floor(rnd() * 13), anxiety: Math.floor(rnd() * 25) } };
    out.push(r);
  }
  return out;
}

test('100 referrals: wasm and native CLI agree exactly (triage and match)', async () => {
  const wasm = await loadWasm();
  const { engine } = loadBundledMaps(wasm, TODAY);
  const batch = referrals(100, prng(20261123), wasm);
  const dir = mkdtempSync(path.join(tmpdir(), 'wor-parity-'));
  try {
    const file = path.join(dir, 'referrals.jsonl');
    writeFileSync(file, batch.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const cliMatch = execFileSync(wor, ['match', '--map', path.join(root, 'social-map'), '--top', '5', '--date', TODAY, '--no-collective', file],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n').map((l) => JSON.parse(l));
    const cliTriage = execFileSync(wor, ['triage', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      .trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(cliMatch.length, 100);
    assert.equal(cliTriage.length, 100);
    let withSuggestions = 0;
    batch.forEach((r, i) => {
      const json = JSON.stringify(r);
      assert.deepEqual(wasm.triage(json), cliTriage[i], `triage ${r.id}`);
      const fromWasm = engine.suggest(json, 5, TODAY);
      assert.deepEqual(fromWasm, cliMatch[i], `match ${r.id}`);
      if (fromWasm.suggestions.length > 0) withSuggestions++;
    });
    assert.ok(withSuggestions > 40, `only ${withSuggestions} referrals got suggestions`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
