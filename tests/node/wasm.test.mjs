// The wasm module from Node: what it computes, and that bad input becomes a JS Error, never a trap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadWasm, loadBundledMaps, readJsonl, root } from './wasm-module.mjs';

const wasm = await loadWasm();
const TODAY = '2026-11-23';

test('engine info and the sixteen support areas with Dutch labels', () => {
  const info = wasm.engineInfo();
  assert.match(info.engine_version, /^\d+\.\d+\.\d+/);
  assert.equal(info.rules_version, 3);
  const areas = wasm.supportAreas();
  assert.equal(areas.length, 16);
  assert.deepEqual(areas[0], {
    id: 'loneliness',
    nl: 'Eenzaamheid en een beperkt sociaal netwerk',
    en: 'Loneliness and a small social network',
    short_nl: 'eenzaamheid',
    short_en: 'loneliness',
  });
  assert.equal(wasm.municipalities().length, 18);
});

test('the engine lists the page builds its controls from: every id is accepted by the referral parser', () => {
  const v = wasm.vocabulary();
  for (const [list, n] of [['flags', 4], ['days', 7], ['times', 3], ['routes', 7], ['audiences', 9]]) {
    assert.equal(v[list].length, n, list);
  }
  assert.ok(v.languages.length >= 10);
  for (const list of ['flags', 'days', 'times', 'languages', 'routes', 'audiences']) {
    for (const item of v[list]) assert.ok(item.id && item.nl && item.en, JSON.stringify(item));
  }
  assert.deepEqual(v.days.map((d) => d.id), ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
  assert.deepEqual(v.languages.find((l) => l.id === 'uk'), { id: 'uk', nl: 'Oekraïens', en: 'Ukrainian' });
  // A referral using every id of every list parses (an unknown id would throw unknown_value).
  const referral = {
    id: 'vocab', age: 40, consent: true, municipality: 'Leiden',
    flags: v.flags.map((f) => f.id), audience: v.audiences.map((a) => a.id),
    preferences: { days: v.days.map((d) => d.id), times: v.times.map((t) => t.id), languages: v.languages.map((l) => l.id) },
  };
  const t = wasm.triage(JSON.stringify(referral));
  assert.equal(t.route, 'urgent');
  // The route labels are the headlines triage gives.
  assert.deepEqual(t.headline, { nl: v.routes.find((r) => r.id === 'urgent').nl, en: v.routes.find((r) => r.id === 'urgent').en });
  assert.deepEqual(v.routes.map((r) => r.id), ['wor', 'mgn', 'wor_and_mgn', 'urgent', 'medical', 'not_eligible', 'unclear']);
});

test('the referrers, channels, Positive Health dimensions and 4DKL scales the page builds its form from are the contract\'s', () => {
  const v = wasm.vocabulary();
  const base = { id: 'lists', age: 40, consent: true, municipality: 'Leiden' };
  const problems = (referral) => {
    try { wasm.triage(JSON.stringify({ ...base, ...referral })); return []; } catch (e) { return e.errors; }
  };
  assert.deepEqual(v.referrers, ['gp', 'poh', 'paramedic', 'pharmacist', 'hospital', 'home_care']);
  for (const referrer of v.referrers) assert.deepEqual(problems({ referrer }), [], referrer);
  assert.equal(problems({ referrer: 'nurse' })[0].code, 'unknown_value');
  assert.deepEqual(v.channels, ['zorgdomein', 'vip_live', 'po_sociaal', 'direct', 'other']);
  for (const channel of v.channels) assert.deepEqual(problems({ channel }), [], channel);
  // Each dimension and scale accepts exactly 0..max; one above is refused on that field with that maximum.
  assert.equal(v.positive_health.length, 6);
  for (const d of v.positive_health) {
    assert.deepEqual(problems({ positive_health: { [d]: v.positive_health_max } }), [], d);
    const [p] = problems({ positive_health: { [d]: v.positive_health_max + 1 } });
    assert.equal(p.field, `positive_health.${d}`);
    assert.equal(p.params.max, v.positive_health_max);
  }
  assert.deepEqual(v.four_dkl.map((s) => [s.id, s.max]), [['distress', 32], ['depression', 12], ['anxiety', 24], ['somatization', 32]]);
  for (const s of v.four_dkl) {
    assert.deepEqual(problems({ screening: { '4dkl': { [s.id]: s.max } } }), [], s.id);
    const [p] = problems({ screening: { '4dkl': { [s.id]: s.max + 1 } } });
    assert.equal(p.field, `screening.4dkl.${s.id}`);
    assert.equal(p.params.max, s.max);
  }
  // The thresholds are the installed policy's: triage reads a scale as elevated from exactly there.
  const policy = JSON.parse(readFileSync(path.join(root, 'social-map/policy/default.json'), 'utf8')).thresholds;
  const scale = (id) => v.four_dkl.find((s) => s.id === id);
  assert.equal(scale('distress').elevated_from, policy.distress_elevated.value);
  assert.equal(scale('depression').elevated_from, policy.depression_moderate.value);
  assert.equal(scale('anxiety').elevated_from, policy.anxiety_moderate.value);
  assert.equal(scale('somatization').elevated_from, undefined, 'no rule reads somatisation: no threshold to show');
  const route = (score) => wasm.triage(JSON.stringify({ ...base, screening: { '4dkl': { depression: score } } })).route;
  const from = scale('depression').elevated_from;
  assert.equal(route(from - 1), route(0));
  assert.notEqual(route(from), route(0), 'depression at its threshold changes the decision');
});

test('triage of fixture referrals', () => {
  const lines = readJsonl('tests/fixtures/referrals.jsonl');
  const routes = Object.fromEntries(lines.map((l) => {
    const t = wasm.triage(l);
    return [t.id, t.route];
  }));
  assert.equal(routes.r005, 'urgent');
  assert.equal(routes.r006, 'not_eligible');
  assert.equal(routes.r004, 'mgn');
  assert.equal(routes.r007, 'medical');
});

test('bundled maps load and suggestions are stamped with the map', () => {
  const { engine, index } = loadBundledMaps(wasm, TODAY);
  assert.equal(engine.maps().length, index.length);
  const referral = readJsonl('tests/fixtures/referrals.jsonl')[0];
  const result = engine.suggest(referral, 5, TODAY);
  assert.equal(result.id, 'r001');
  assert.equal(result.map.region, 'zuid-holland-noord');
  assert.match(result.map.hash, /^sha256:[0-9a-f]{64}$/);
  assert.ok(result.suggestions.length > 0);
  for (const s of result.suggestions) assert.ok(s.distance_km <= 5, `${s.activity_id} at ${s.distance_km} km`);
});

test('bad input is a JS Error naming the field, and the module keeps working', () => {
  assert.throws(() => wasm.triage('{"id":"x","age":40,"consent":true,"municipality":"Leiden","areas":[{"area":"eenzaamheid"}]}'),
    (e) => e instanceof Error && /areas\[0\]\.area/.test(e.message) && /eenzaamheid/.test(e.message));
  assert.throws(() => wasm.triage('{"id":"x","age":-3,"consent":true,"municipality":"Leiden"}'), /age/);
  assert.throws(() => wasm.triage('not json'), Error);
  assert.throws(() => new wasm.Engine().loadMap('{"schema":"x"}', TODAY), /map/);
  assert.throws(() => new wasm.Engine().suggest('{"id":"x","age":40,"consent":true,"municipality":"Leiden"}', 5, 'gisteren'), /today/);
  assert.equal(wasm.triage('{"id":"ok","age":40,"consent":true,"municipality":"Leiden","text":"eenzaam"}').route, 'wor');
});

test('a thrown Error carries the first problem as code, field and params, and all problems in errors', () => {
  let error;
  try {
    wasm.triage('{"id":"x","age":130,"consent":true,"postcode":"12","areas":[{"area":"loneliness","severity":4}]}');
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof Error);
  assert.equal(error.code, 'out_of_range');
  assert.equal(error.field, 'age');
  assert.deepEqual(error.params, { min: 0, max: 120, got: 130 });
  assert.deepEqual(error.errors.map((p) => [p.field, p.code]), [
    ['age', 'out_of_range'],
    ['postcode', 'invalid_format'],
    ['areas[0].severity', 'out_of_range'],
  ]);
  assert.deepEqual(error.errors[1].params, { format: 'postcode', value: '12' });
  // The message words every problem in English, as the CLI does.
  assert.equal(error.message, "age: must be between 0 and 120, got 130; postcode: '12' is not a Dutch postcode "
    + '(expected 1234 or 1234 AB); areas[0].severity: must be 1, 2 or 3, got 4');
  for (const p of error.errors) assert.equal(typeof p.message, 'string');
});

test('shape errors, dates, places and maps throw coded Errors too', () => {
  const thrown = (f) => { try { f(); } catch (e) { return e; } assert.fail('no error'); };
  let e = thrown(() => wasm.triage('not json'));
  assert.equal(e.code, 'invalid_json');
  assert.equal(e.errors.length, 1);
  e = thrown(() => wasm.triage('{"id":"x","age":"old","consent":true,"municipality":"Leiden"}'));
  assert.deepEqual([e.code, e.field, e.params], ['wrong_type', 'age', { expected: 'integer', got: 'string' }]);
  e = thrown(() => wasm.triage('{"id":"x","age":40,"consent":true,"municipality":"Leiden","areas":[{"area":"tuinieren"}]}'));
  assert.equal(e.code, 'unknown_value');
  assert.deepEqual(e.params, { value: 'tuinieren' });
  const { engine } = loadBundledMaps(wasm, TODAY);
  e = thrown(() => engine.suggest('{"id":"x","age":40,"consent":true,"municipality":"Leiden"}', 5, '23-11-2026'));
  assert.deepEqual([e.code, e.field, e.params.format], ['invalid_format', 'today', 'date']);
  e = thrown(() => engine.suggest('{"id":"x","age":40,"consent":true,"municipality":"Utrecht"}', 5, TODAY));
  assert.deepEqual([e.code, e.field, e.params.value], ['unknown_value', 'municipality', "Utrecht"]);
  e = thrown(() => new wasm.Engine().suggest('{"id":"x","age":40,"consent":true,"municipality":"Leiden"}', 5, TODAY));
  assert.deepEqual([e.code, e.params.place], ['not_covered', 'Leiden']);
  const map = JSON.parse(readFileSync(path.join(root, 'www/maps', loadBundledMaps(wasm, TODAY).index[0].file), 'utf8'));
  map.activities[1].id = map.activities[0].id;
  map.activities[2].cost_eur_per_month = -1;
  e = thrown(() => new wasm.Engine().loadMap(JSON.stringify(map), TODAY));
  assert.match(e.message, /^map .* has 2 error\(s\)/);
  assert.deepEqual([e.code, e.field], ['duplicate', 'id']);
  assert.deepEqual(e.errors.map((p) => [p.level, p.entry, p.code]), [
    ['error', map.activities[0].id, 'duplicate'],
    ['error', map.activities[2].id, 'out_of_range'],
  ]);
});
