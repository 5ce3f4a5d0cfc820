// The wasm module from Node: what it computes, and that bad input becomes a JS Error, never a trap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadWasm, loadBundledMaps, readJsonl } from './wasm-module.mjs';

const wasm = await loadWasm();
const TODAY = '2026-11-23';

test('engine info and the sixteen support areas with Dutch labels', () => {
  const info = wasm.engineInfo();
  assert.match(info.engine_version, /^\d+\.\d+\.\d+/);
  assert.equal(info.rules_version, 2);
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
