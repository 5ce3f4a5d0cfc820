// A region's matching weights in the wasm module (issue 17): `wor map bundle` compiles the region's
// `social-map/<region>/weights/` file into www/maps/<region>.weights.txt; loaded, they rank that region's
// suggestions, which then carry `weights: {id, hash}`; anything else is a JS Error naming the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadWasm, loadBundledMaps, root } from './wasm-module.mjs';

const wasm = await loadWasm();
const TODAY = '2026-11-23';

function bundledWeights(index, region) {
  const m = index.find((x) => x.region === region);
  assert.ok(m.weights, `index.json names ${region}'s weights`);
  return readFileSync(path.join(root, 'www/maps', m.weights), 'utf8');
}

const referrals = ['Hoofddorp', 'Nieuw-Vennep', 'Badhoevedorp', 'Zwanenburg'].flatMap((place, i) => [
  { id: `a${i}`, age: 30 + 12 * i, consent: true, municipality: 'Haarlemmermeer', postcode: undefined, text: `eenzaam, woont in ${place}`, areas: [{ area: 'loneliness', severity: 2 }, { area: 'debt_poverty', severity: 1 }] },
  { id: `b${i}`, age: 70 + i, consent: true, municipality: 'Haarlemmermeer', areas: [{ area: 'lifestyle', severity: 3 }], preferences: { days: ['tue'] } },
]).map((r) => JSON.stringify(r));

test('bundled weights rank the region\'s suggestions and stamp them; scores follow the rank', () => {
  const { engine, index } = loadBundledMaps(wasm, TODAY);
  const before = referrals.map((r) => engine.suggest(r, 10, TODAY));
  for (const res of before) assert.equal(res.weights, undefined);
  const info = engine.loadWeights('haarlemmermeer', bundledWeights(index, 'haarlemmermeer'));
  assert.equal(info.region, 'haarlemmermeer');
  assert.equal(info.synthetic, true, 'the demo weights say they are synthetic');
  assert.ok(info.cases >= 200, `learned on ${info.cases} cases`);
  assert.match(info.from, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(info.hash, /^sha256:/);
  const after = referrals.map((r) => engine.suggest(r, 10, TODAY));
  let changed = 0;
  after.forEach((res, i) => {
    assert.deepEqual(res.weights, { id: info.id, hash: info.hash });
    const scores = res.suggestions.map((s) => s.score);
    assert.ok(scores.every((s, j) => j === 0 || scores[j - 1] >= s), `${res.id}: ${scores}`);
    assert.ok(res.suggestions.every((s) => s.relevance > 0));
    const ids = (x) => x.suggestions.map((s) => s.activity_id).join(',');
    if (ids(res) !== ids(before[i]) || res.suggestions.some((s, j) => s.relevance !== before[i].suggestions[j]?.relevance)) changed += 1;
  });
  assert.ok(changed > 0, 'the weights change the scores');
  // Another region keeps the defaults.
  const leiden = engine.suggest(JSON.stringify({ id: 'l', age: 50, consent: true, municipality: 'Leiden', areas: [{ area: 'loneliness' }] }), 5, TODAY);
  assert.equal(leiden.weights, undefined);
});

test('weights that are not compiled, or for a region not loaded, are a JS Error with code and field', () => {
  const { engine, index } = loadBundledMaps(wasm, TODAY);
  const raw = readFileSync(path.join(root, 'social-map/haarlemmermeer/weights/2026.2.0-demo.json'), 'utf8');
  assert.throws(() => engine.loadWeights('haarlemmermeer', raw), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.code, 'invalid_format');
    assert.equal(e.field, 'weights');
    return true;
  });
  assert.throws(() => engine.loadWeights('nergens', bundledWeights(index, 'haarlemmermeer')), (e) => {
    assert.equal(e.code, 'unknown_value');
    assert.equal(e.field, 'region');
    return true;
  });
});
