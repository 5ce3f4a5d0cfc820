// The referral loop's wasm module (www/pkg-fhir) in Node: the same Bundle bytes as `wor fhir export`,
// refusals and bad input as JS Errors with code and field, and the main module (www/pkg) carries none of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, readJsonl, loadWasm } from './wasm-module.mjs';

const wor = path.join(root, 'target/release/wor');
const DATE = '2026-11-23';
const policy = readFileSync(path.join(root, 'www/maps/policy.txt'), 'utf8');

/** The main module's triage (JSON) of a referral line, as the page hands it to the FHIR module. */
const main = await loadWasm();
const triage = (line) => JSON.stringify(main.triage(line));

async function loadFhir() {
  const m = await import(path.join(root, 'www/pkg-fhir/wor_fhir_wasm.js'));
  m.initSync({ module: readFileSync(path.join(root, 'www/pkg-fhir/wor_fhir_wasm_bg.wasm')) });
  return m;
}

test('exportReferral gives the CLI\'s Bundle for every WoR referral and refuses the others', async () => {
  const m = await loadFhir();
  const lines = readJsonl('tests/fixtures/referrals.jsonl');
  const cli = spawnSync(wor, ['fhir', 'export', '--date', DATE, 'tests/fixtures/referrals.jsonl'], { cwd: root, encoding: 'utf8' });
  const expected = cli.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const got = [];
  let refused = 0;
  for (const line of lines) {
    try {
      got.push(JSON.parse(m.exportReferral(line, triage(line), policy, DATE, '')));
    } catch (e) {
      assert.equal(e.code, 'inconsistent');
      assert.equal(e.field, 'route');
      assert.ok(['mgn', 'urgent', 'not_eligible', 'medical', 'unclear'].includes(e.params.value), e.params.value);
      assert.ok(e.params.nl.length > 0);
      refused += 1;
    }
  }
  assert.equal(refused, 4);
  assert.deepEqual(got, expected);
});

test('importReferral, whoCalls, historicCase and outcomeTask', async () => {
  const m = await loadFhir();
  const [first] = readJsonl('tests/fixtures/referrals.jsonl');
  const bundle = m.exportReferral(first, triage(first), policy, DATE, '');
  const { referral, warnings } = m.importReferral(bundle);
  assert.equal(referral.id, 'r001');
  assert.equal(referral.date, DATE);
  assert.deepEqual(warnings, []);
  assert.throws(() => m.importReferral('{"resourceType": "Patient"}'), (e) => e.code === 'unknown_value' && e.field === 'resourceType');
  assert.throws(() => m.importReferral(`{"resourceType": "Bundle", "entry": ${'['.repeat(500)}${']'.repeat(500)}}`), (e) => e.code === 'invalid_json');

  const who = m.whoCalls(first, triage(first), policy, DATE);
  assert.equal(who.due, '2026-12-07');
  assert.equal(who.who_nl, 'de welzijnscoach van Leiden');
  // Without the main module's decision there is nothing to export: the error names the argument.
  assert.throws(() => m.exportReferral(first, '', policy, DATE, ''), (e) => e.code === 'invalid_json' && e.field === 'triage');
  assert.throws(() => m.whoCalls(first, triage(first), 'wor-policy/1', DATE), (e) => e.code === 'invalid_format' && e.field === 'policy');

  const kase = { referral: JSON.parse(first), map: { region: 'zuid-holland-noord', version: '2026.3.0' }, offered: ['zhn-a'], chosen: 'zhn-a', dates: { referred: '2026-09-01', first_contact: '2026-09-05' }, conversations: 1, outcome: { arrived: true, taken_into_care: true, still_attending_3m: false } };
  const line = m.historicCase(JSON.stringify(kase));
  const task = JSON.parse(m.outcomeTask(line));
  const dir = mkdtempSync(path.join(tmpdir(), 'wor-fhir-node-'));
  const file = path.join(dir, 'case.jsonl');
  writeFileSync(file, `${line}\n`);
  const cli = execFileSync(wor, ['fhir', 'outcomes', file], { cwd: root, encoding: 'utf8' });
  rmSync(dir, { recursive: true });
  assert.deepEqual(task, JSON.parse(cli));
  assert.throws(() => m.historicCase('{"referral": {}}'), (e) => e.errors.length > 0 && typeof e.field === 'string');
  assert.throws(() => m.outcomeTask(JSON.stringify({ ...kase, status: 'open' })), (e) => e.field === 'status');
  const feedback = JSON.parse(m.feedbackTask(JSON.stringify({ ...kase, status: 'open' }), '2026-10-01'));
  assert.equal(feedback.status, 'in-progress');
});

test('the main module carries no FHIR code', () => {
  const main = readFileSync(path.join(root, 'www/pkg/wor_wasm.js'), 'utf8');
  assert.ok(!/exportReferral|outcomeTask/.test(main));
  const wasm = readFileSync(path.join(root, 'www/pkg/wor_wasm_bg.wasm'));
  assert.ok(!wasm.includes('welzijn-op-recept.example.invalid/fhir'), 'FHIR code system URLs in the main module');
});

test('the referral loop\'s strings exist in Dutch and English, and every key the page asks for is there', async () => {
  const { LOOP_STRINGS } = await import(pathToFileURL(path.join(root, 'www/loop-strings.js')).href);
  assert.deepEqual(Object.keys(LOOP_STRINGS.en).sort(), Object.keys(LOOP_STRINGS.nl).sort());
  let used = 0;
  for (const file of ['www/loop-hooks.js', 'www/referral-loop.js']) {
    const code = readFileSync(path.join(root, file), 'utf8');
    for (const [, key] of code.matchAll(/\blt\([^,]+,\s*'(\w+)'/g)) {
      assert.ok(key in LOOP_STRINGS.nl, `${file}: ${key}`);
      used += 1;
    }
  }
  assert.ok(used > 30, `only ${used} keys found`);
  // The caseload's own problems are worded from their key.
  const store = readFileSync(path.join(root, 'www/caseload-store.js'), 'utf8');
  const keys = [...store.matchAll(/CaseloadError\('(\w+)'/g)].map((m) => m[1]);
  assert.ok(keys.length > 8, keys.join());
  for (const key of keys) assert.ok(key in LOOP_STRINGS.nl && key in LOOP_STRINGS.en, `caseload-store.js: ${key}`);
  for (const c of ['', 'zorgdomein', 'vip_live', 'po_sociaal', 'direct', 'other']) assert.ok(`channel_${c}` in LOOP_STRINGS.nl);
  for (const s of ['open', 'closed']) assert.ok(`status_${s}` in LOOP_STRINGS.en);
});
