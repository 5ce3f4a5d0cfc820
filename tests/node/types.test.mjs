// The wasm modules' TypeScript declarations (generated from the Rust types by ts-rs, issue 21) describe
// what they really take and return: the fixtures' referrals, every result for them and the bundled maps,
// the reports of the Regio module and the errors thrown are written into TypeScript files as literals of
// their declared types and type-checked with the TypeScript compiler (strict, exact optional
// properties), so a missing, extra or mistyped field fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { loadWasm, loadBundledMaps, readJsonl, root } from './wasm-module.mjs';

const wasm = await loadWasm();
const TODAY = '2026-11-23';
const dir = path.join(root, 'target/types-check');
mkdirSync(dir, { recursive: true });

/** Type-checks `body`, which may use the `types` of the module at `pkg` (www/pkg, www/pkg-fhir, ...), and
 * returns the diagnostics as text. */
function check(name, pkg, types, body) {
  const file = path.join(dir, `${name}.ts`);
  writeFileSync(file, `import type { ${types.join(', ')} } from '../../${pkg}.js';\n${body}\n`);
  const program = ts.createProgram([file], {
    strict: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.esnext.d.ts', 'lib.dom.d.ts'],
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.relative(root, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/** One declaration a line: `const v12: Triage = {...};`. */
function literals(samples) {
  return samples.map(([type, value], i) => `const v${i}: ${type} = ${JSON.stringify(value)};`).join('\n');
}

/** The named types the samples use (`Rendered<Monitor>` uses Rendered and Monitor). */
function typesOf(samples) {
  return [...new Set(samples.flatMap(([type]) => type.match(/\w+/g)))];
}

async function loadModule(pkg) {
  const m = await import(path.join(root, `${pkg}.js`));
  m.initSync({ module: readFileSync(path.join(root, `${pkg}_bg.wasm`)) });
  return m;
}

/** A thrown Error as a `WorError` literal: what every Error has and the module's own properties. */
function worError(e) {
  return { name: e.name, message: e.message, code: e.code, field: e.field, params: e.params, errors: e.errors };
}

function thrown(f) {
  try {
    f();
  } catch (e) {
    return worError(e);
  }
  assert.fail('expected an Error');
}

/** `f`'s result as a sample of `type`, or what it throws as a `WorError`. */
function resultOrError(type, f) {
  try {
    return [type, f()];
  } catch (e) {
    return ['WorError', worError(e)];
  }
}

function samples() {
  const out = [['EngineInfo', wasm.engineInfo()], ['Vocabulary', wasm.vocabulary()]];
  for (const a of wasm.supportAreas()) out.push(['SupportAreaInfo', a]);
  for (const m of wasm.municipalities()) out.push(['MunicipalityInfo', m]);
  out.push(['PolicyInfo', wasm.setDefaultPolicy(readFileSync(path.join(root, 'www/maps/policy.txt'), 'utf8'))]);
  const { engine, index } = loadBundledMaps(wasm, TODAY);
  for (const m of engine.maps()) out.push(['MapInfo', m]);
  for (const m of index) {
    const read = (file) => readFileSync(path.join(root, 'www/maps', file), 'utf8');
    if (m.policy) out.push(['PolicyInfo', engine.loadPolicy(m.region, read(m.policy))]);
    if (m.weights) out.push(['WeightsInfo', engine.loadWeights(m.region, read(m.weights))]);
  }
  const referrals = [
    ...readJsonl('tests/fixtures/referrals.jsonl'),
    ...['triage_vignettes', 'triage_plan_vignettes', 'triage_safety_vignettes'].flatMap((f) =>
      readJsonl(`tests/fixtures/${f}.jsonl`).map((l) => JSON.stringify(JSON.parse(l).referral))),
    // A strict wish for days (`filtered`, `notes`) and low Positive Health scores (`suggested_areas`).
    JSON.stringify({ id: 'strict', age: 70, consent: true, municipality: 'Leiden', areas: [{ area: 'loneliness' }], preferences: { days: ['sun'], strict_days: true } }),
    JSON.stringify({ id: 'spider', age: 55, consent: true, municipality: 'Haarlemmermeer', areas: [{ area: 'lifestyle' }], positive_health: { meedoen: 2, zingeving: 3 } }),
  ];
  for (const r of referrals) {
    out.push(['Referral', JSON.parse(r)]);
    out.push(['Triage', engine.triage(r)]);
    out.push(resultOrError('MatchResult', () => engine.suggest(r, 10, TODAY)));
  }
  out.push(['WorError', thrown(() => wasm.triage('{"id":"x","age":150,"consent":true,"postcode":"12"}'))]);
  out.push(['WorError', thrown(() => engine.loadMap('{"schema":"wor-social-map/1"}', TODAY))]);
  // A map whose first entry breaks a rule: its problems name the entry.
  const map = JSON.parse(readFileSync(path.join(root, 'www/maps', index[0].file), 'utf8'));
  map.activities[0].areas = [];
  out.push(['WorError', thrown(() => engine.loadMap(JSON.stringify(map), TODAY))]);
  return out;
}

test('every result and error of the module is a value of its declared type', () => {
  const all = samples();
  const kinds = new Set(all.map(([type]) => type));
  for (const t of ['Triage', 'MatchResult', 'WorError', 'WeightsInfo', 'PolicyInfo', 'MapInfo']) assert.ok(kinds.has(t), `a ${t} sample`);
  // The fields the declarations mark optional are exercised both ways.
  const json = JSON.stringify(all);
  for (const field of ['"filtered"', '"notes"', '"weights"', '"suggested_areas"', '"assumption"', '"matched"', '"severity"', '"pc4"', '"entry"']) {
    assert.ok(json.includes(field), `some sample has ${field}`);
  }
  assert.deepEqual(check('results', 'www/pkg/wor_wasm', typesOf(all), literals(all)), []);
});

test('the check fails on a result that is not of its declared type', () => {
  const triage = wasm.triage(readJsonl('tests/fixtures/referrals.jsonl')[0]);
  const { route, ...noRoute } = triage;
  const wrong = [
    ['Triage', noRoute],
    ['Triage', { ...triage, route: 'maybe' }],
    ['Triage', { ...triage, reasons: [{ ...triage.reasons[0], assumption: 'yes' }] }],
    ['Triage', { ...triage, unexpected: 1 }],
  ];
  const problems = check('wrong', 'www/pkg/wor_wasm', ['Triage'], literals(wrong));
  assert.equal(problems.length, wrong.length, problems.join('\n'));
  problems.forEach((p, i) => assert.match(p, new RegExp(`wrong\\.ts:${i + 2} `), p));
});

test('the FHIR module\'s results and errors are values of their declared types', async () => {
  const fhir = await loadModule('www/pkg-fhir/wor_fhir_wasm');
  const policy = readFileSync(path.join(root, 'www/maps/policy.txt'), 'utf8');
  const out = [];
  for (const r of [...readJsonl('tests/fixtures/referrals.jsonl'), ...readJsonl('tests/fixtures/triage_vignettes.jsonl').map((l) => JSON.stringify(JSON.parse(l).referral))]) {
    // The FHIR module takes the main module's decision for the referral (issue 37.3).
    const decision = JSON.stringify(wasm.triage(r));
    out.push(['WhoCalls', fhir.whoCalls(r, decision, policy, TODAY)]);
    out.push(resultOrError('ImportedReferral', () => fhir.importReferral(fhir.exportReferral(r, decision, policy, TODAY, ''))));
  }
  out.push(['WorError', thrown(() => fhir.importReferral('{"resourceType": "Patient"}'))]);
  assert.ok(out.some(([t]) => t === 'ImportedReferral') && out.some(([t]) => t === 'WorError'));
  assert.deepEqual(check('fhir', 'www/pkg-fhir/wor_fhir_wasm', typesOf(out), literals(out)), []);
});

test('the Regio module\'s reports are values of their declared types', async () => {
  const regio = await loadModule('www/pkg-eval/wor_eval_wasm');
  const cases = execFileSync(path.join(root, 'target/release/wor'),
    ['evaluate', 'generate-cases', '--map', 'social-map', '--count', '300', '--seed', '7'], { cwd: root, encoding: 'utf8' });
  const index = JSON.parse(readFileSync(path.join(root, 'www/maps/index.json'), 'utf8'));
  const register = readFileSync(path.join(root, 'docs/examples/kpi-register.csv'), 'utf8');
  const maps = index.map((m) => readFileSync(path.join(root, 'www/maps', m.file), 'utf8'));
  const out = [
    ['Rendered<Monitor>', regio.monitor(cases, '2027-02-01', false, 'nl', 'practice,start\nA,2026-02-15\n', maps)],
    ['Rendered<Monitor>', regio.monitor(cases, '2026-06-30', true, 'en', undefined, [])],
    // With a KPI register (also alone, without cases) and a capacity file: the KPI table and capacity.
    ['Rendered<Monitor>', regio.monitor(cases, '2026-11-30', false, 'nl', undefined, [], register, 'gemeente;fte\nLeiden;1\nHaarlemmermeer;0,01\n')],
    ['Rendered<Monitor>', regio.monitor('', '2026-11-30', false, 'en', undefined, [], register, undefined)],
    ['Rendered<BusinessCase>', regio.businessCase(regio.defaultParams(), cases, '2027-02-01', 'nl')],
    ['Rendered<BusinessCase>', regio.businessCase('{}', undefined, '2027-02-01', 'en')],
  ];
  const json = JSON.stringify(out);
  for (const field of ['"<5"', '"starting_practices"', '"missing_offer"', '"synthetic_actuals"', '"capacity_to_date"', '"participants"', '"on_track"']) assert.ok(json.includes(field), `some sample has ${field}`);
  assert.deepEqual(check('regio', 'www/pkg-eval/wor_eval_wasm', typesOf(out), literals(out)), []);
});
