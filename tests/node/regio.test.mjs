// The Regio view's wasm module (www/pkg-eval) in Node: it computes what the native CLI computes, and the
// main module (www/pkg) carries none of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from './wasm-module.mjs';

const wor = path.join(root, 'target/release/wor');

async function loadEval() {
  const m = await import(path.join(root, 'www/pkg-eval/wor_eval_wasm.js'));
  m.initSync({ module: readFileSync(path.join(root, 'www/pkg-eval/wor_eval_wasm_bg.wasm')) });
  return m;
}

const CASES = [
  { referral: { id: 'n1', age: 70, consent: true, municipality: 'Leiden', practice: 'A', channel: 'zorgdomein' }, map: { region: 'zuid-holland-noord', version: '1' }, dates: { referred: '2026-03-02', first_contact: '2026-03-06' }, conversations: 2, outcome: { arrived: false, taken_into_care: true, still_attending_3m: false } },
  { referral: { id: 'n2', age: 30, consent: true, municipality: 'Amstelveen', practice: 'B' }, map: { region: 'amstelland', version: '1' }, dates: { referred: '2026-07-01' }, status: 'open' },
  { referral: { id: 'n3', age: 45, consent: true, municipality: 'Leiden', text: 'eenzaam sinds de verhuizing' }, map: { region: 'zuid-holland-noord', version: '1' }, dates: { referred: '2027-01-04' }, outcome: { arrived: false, taken_into_care: false, still_attending_3m: false } },
].map((c) => JSON.stringify(c)).join('\n');

test('monitoring and business case: wasm equals the CLI', async () => {
  const m = await loadEval();
  const dir = mkdtempSync(path.join(tmpdir(), 'wor-regio-node-'));
  try {
    const file = path.join(dir, 'cases.jsonl');
    writeFileSync(file, `${CASES}\n`);
    const practices = path.join(dir, 'practices.csv');
    writeFileSync(practices, 'practice,start\nA,2026-02-15\n');
    const cli = JSON.parse(execFileSync(wor, ['monitor', '--cases', file, '--date', '2027-02-01', '--json',
      '--practices', practices, '--map', 'social-map'], { cwd: root }));
    // The page passes the bundled maps (www/maps: the latest version of each region, as the CLI loads).
    const index = JSON.parse(readFileSync(path.join(root, 'www/maps/index.json'), 'utf8'));
    const maps = index.map((x) => readFileSync(path.join(root, 'www/maps', x.file), 'utf8'));
    const wasm = m.monitor(CASES, '2027-02-01', false, 'nl', 'practice,start\nA,2026-02-15\n', maps);
    assert.deepEqual(wasm.json, cli);
    assert.ok(Array.isArray(wasm.json.learning_groups['zuid-holland-noord'].missing_offer));
    assert.equal(wasm.json.starting_practices.practices[0].practice, 'A');
    assert.equal(wasm.json.regions['zuid-holland-noord']['2026'].successful, 1);
    assert.match(wasm.html, /<svg class="chart"/);

    // The KPI register and the capacity file: the same KPI table and capacity as the CLI.
    const register = path.join(root, 'docs/examples/kpi-register.csv');
    const capacity = path.join(root, 'docs/examples/capacity.csv');
    const kpiCli = JSON.parse(execFileSync(wor, ['monitor', '--cases', file, '--date', '2026-11-30', '--json',
      '--register', register, '--capacity', capacity], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }));
    const kpiWasm = m.monitor(CASES, '2026-11-30', false, 'nl', undefined, [],
      readFileSync(register, 'utf8'), readFileSync(capacity, 'utf8'));
    assert.deepEqual(kpiWasm.json, kpiCli);
    assert.equal(kpiWasm.json.kpis.find((k) => k.id === '7.1').status, 'met');
    assert.ok(kpiWasm.json.capacity.Leiden.capacity_referrals > 0);

    const bcCli = JSON.parse(execFileSync(wor, ['business-case', '--actuals', file, '--date', '2027-02-01', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] }));
    const bcWasm = m.businessCase(m.defaultParams(), CASES, '2027-02-01', 'en');
    assert.deepEqual(bcWasm.json, bcCli);
    assert.equal(bcWasm.json.regions['zuid-holland-noord'].referrals[0], 1);
    assert.match(bcWasm.html, /Business case/);
    const plan = m.businessCase('{}', undefined, '2027-02-01', 'nl');
    assert.equal(plan.json.totals.net_effect_total_eur, 393022);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad input throws with line, field and code (the wor-js contract); the main module has no Regio code', async () => {
  const m = await loadEval();
  assert.throws(() => m.monitor('{"referral": {"id": "x", "age": "old"}}', '2026-01-01', false, 'nl', undefined, []), /line 1: referral\.age/);
  assert.throws(() => m.monitor('', '2026-01-01', false, 'nl', 'A,2026-13-01', []), /practices: line 1: start/);
  assert.throws(() => m.businessCase('{"indexation": "x"}', undefined, '2026-01-01', 'nl'), /params: indexation/);
  // The wor-js error contract: code, field, params and every problem in errors.
  const coded = (code, field, params = {}) => (e) => {
    assert.equal(e.code, code, e.message);
    assert.equal(e.field, field, e.message);
    for (const [k, v] of Object.entries(params)) assert.deepEqual(e.params[k], v, `${k}: ${e.message}`);
    assert.ok(e.errors.length >= 1 && e.errors[0].code === code, e.message);
    return true;
  };
  assert.throws(() => m.monitor('{"referral": {"id": "x", "age": "old"}}', '2026-01-01', false, 'nl', undefined, []), coded('wrong_type', 'referral.age', { line: 1 }));
  assert.throws(() => m.monitor('', '2026-13-01', false, 'nl', undefined, []), coded('invalid_format', 'date', { format: 'date' }));
  assert.throws(() => m.monitor('', '2026-01-01', false, 'nl', 'A,2026-13-01', []), coded('invalid_format', 'practices', { line: 1, field: 'start' }));
  assert.throws(() => m.monitor('', '2026-01-01', false, 'nl', undefined, ['{']), coded('invalid_json', 'maps'));
  assert.throws(() => m.businessCase('{"follow_up_share": -1}', undefined, '2026-01-01', 'nl'), coded('out_of_range', 'follow_up_share', { min: 0, got: -1 }));
  // A share of 60 (meant as 60%) is refused by the module too, not only by the page's field check.
  assert.throws(() => m.businessCase('{"follow_up_share": 60}', undefined, '2026-01-01', 'nl'), coded('out_of_range', 'follow_up_share', { min: 0, max: 1, got: 60 }));
  const main = readFileSync(path.join(root, 'www/pkg/wor_wasm.js'), 'utf8');
  for (const name of ['businessCase', 'defaultParams', 'monitor']) {
    assert.ok(!main.includes(`export function ${name}`), `${name} in the main module`);
  }
});
