// The page's module reads notes as GPs write them (issue 30 points 1-3): SOEP lines, inflected words and
// compounds, psychosis described in words, ContextD's context triggers. The reader's rules and words are
// data in the policy the page hands over (www/maps/policy.txt), so this runs the wasm module with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadWasm } from './wasm-module.mjs';

const wasm = await loadWasm();
const triage = (text) =>
  wasm.triage(JSON.stringify({ id: 'n1', age: 60, consent: true, municipality: 'Leiden', text }));
const areas = (d) => d.areas.map((a) => a.area);

test('a SOEP note on one line: each label ends a clause, the ICPC codes are read', () => {
  const d = triage('S: pte voelt zich alleen sinds overlijden man. O: rustig. E: Z15 verlies partner P: WoR i.o.m. pte');
  assert.equal(d.route, 'wor');
  assert.deepEqual(areas(d), ['loneliness', 'life_event']);
  assert.ok(d.areas[1].matched.includes('z15'), JSON.stringify(d.areas));
});

test('inflected forms and compounds are read by their base form and their parts', () => {
  const d = triage('Mw. heeft schuldenproblematiek en krijgt nauwelijks bezoekjes; last van wijkeenzaamheid.');
  assert.deepEqual(areas(d), ['loneliness', 'debt_poverty']);
  assert.ok(d.areas[0].matched.includes('nauwelijks bezoekjes'), JSON.stringify(d.areas));
});

test('psychosis described in words is urgent; follow-up by a specialist is not', () => {
  assert.equal(triage('Dhr. is ervan overtuigd dat de buren hem afluisteren.').route, 'urgent');
  assert.equal(triage('Believes the messages on the radio are meant for him.').route, 'urgent');
  assert.equal(triage('Heart failure, is being followed up by the cardiologist. Lonely since his wife died.').route, 'wor');
});

test('ContextD: a negated non-risk finding and someone else\'s illness are set aside', () => {
  const neg = triage('Geen klachten van depressie. Wel schulden.');
  assert.equal(neg.route, 'wor');
  assert.deepEqual(areas(neg), ['debt_poverty']);
  const other = triage('Stiefvader had een psychose. Mw. zelf is eenzaam.');
  assert.equal(other.route, 'wor');
});
