// Risk decides first, in the wasm API: a referral with a risk signal (a ticked box, or risk written in the
// note) is urgent whatever else is wrong with it; the problems come with the decision as
// `input_problems`, coded like every field error. Without a risk, an invalid referral still throws.
// Every combination of risk form and one or two breakages is tried, in both `triage` calls and `assess`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadWasm, loadBundledMaps } from './wasm-module.mjs';

const wasm = await loadWasm();
const TODAY = '2026-11-23';
const { engine } = loadBundledMaps(wasm, TODAY);

const BASE = { id: 'r1', age: 52, consent: true, municipality: 'Leiden', text: 'Voelt zich eenzaam.' };
const RISKS = {
  flag_suicidal: (r) => ({ ...r, flags: ['suicidal_ideation'] }),
  flag_psychosis: (r) => ({ ...r, flags: ['psychosis_suspected'] }),
  flag_danger: (r) => ({ ...r, flags: ['acute_danger'] }),
  note_pills: (r) => ({ ...r, text: `${r.text} Ziet het niet meer zitten, heeft pillen gespaard.` }),
  note_plan: (r) => ({ ...r, text: `${r.text} Has a plan to end his life.` }),
};
const BREAKAGES = {
  age_missing: (r) => { const { age, ...rest } = r; return rest; },
  age_text: (r) => ({ ...r, age: 'oud' }),
  age_negative: (r) => ({ ...r, age: -4 }),
  age_fraction: (r) => ({ ...r, age: 17.5 }),
  consent_missing: (r) => { const { consent, ...rest } = r; return rest; },
  consent_text: (r) => ({ ...r, consent: 'misschien' }),
  place_missing: (r) => { const { municipality, ...rest } = r; return rest; },
  postcode_invalid: (r) => ({ ...r, postcode: '12' }),
  area_unknown: (r) => ({ ...r, areas: [{ area: 'tuinieren', severity: 2 }] }),
};

function check(json, label) {
  for (const [name, call] of [
    ['triage', () => wasm.triage(json)],
    ['Engine.triage', () => engine.triage(json)],
    ['Engine.assess', () => engine.assess(json, 5, TODAY).decision],
  ]) {
    const d = call();
    assert.equal(d.route, 'urgent', `${name} ${label}`);
    assert.ok(d.input_problems?.length > 0, `${name} ${label}: problems travel with the decision`);
    for (const p of d.input_problems) assert.ok(p.code && typeof p.field === 'string' && p.message, JSON.stringify(p));
    assert.ok(d.pathways.some((s) => s.id === 'crisis_line' && s.nl.includes('0800-0113')), `${name} ${label}`);
  }
  assert.equal(engine.assess(json, 5, TODAY).match, undefined, `${label}: no suggestions on invalid input`);
}

test('a risk signal is urgent whatever else is wrong, in triage, Engine.triage and Engine.assess', () => {
  const names = Object.keys(BREAKAGES);
  let n = 0;
  for (const [risk, addRisk] of Object.entries(RISKS)) {
    for (let i = 0; i < names.length; i++) {
      for (let j = i; j < names.length; j++) {
        const broken = BREAKAGES[names[j]](BREAKAGES[names[i]](addRisk(BASE)));
        check(JSON.stringify(broken), `${risk} + ${names[i]} + ${names[j]}`);
        n++;
      }
    }
  }
  assert.equal(n, Object.keys(RISKS).length * (names.length * (names.length + 1)) / 2);
});

test('without a risk signal an invalid referral still throws its coded problems', () => {
  for (const [name, breakIt] of Object.entries(BREAKAGES)) {
    const json = JSON.stringify(breakIt(BASE));
    assert.throws(() => wasm.triage(json), (e) => e.code && e.errors.length > 0, name);
    assert.throws(() => engine.assess(json, 5, TODAY), (e) => e.code && e.errors.length > 0, name);
  }
});

test('assess gives the decision and the suggestions in one call, as triage and suggest do apart', () => {
  const json = JSON.stringify({ ...BASE, text: 'Weduwe, voelt zich eenzaam, wil graag mensen ontmoeten.' });
  const a = engine.assess(json, 5, TODAY);
  assert.deepEqual(a.decision, engine.triage(json));
  assert.deepEqual(a.match, engine.suggest(json, 5, TODAY));
  assert.equal(a.match_error, undefined);
  // A resident outside the regions (by postcode alone, as the address check asks): the decision still
  // comes, with its caution, and the reason for no suggestions beside it.
  const { municipality, ...noPlace } = BASE;
  const utrecht = engine.assess(JSON.stringify({ ...noPlace, postcode: '3511 AB' }), 5, TODAY);
  assert.equal(utrecht.decision.route, 'wor');
  assert.ok(utrecht.decision.warnings.some((w) => w.code === 'postcode_outside_regions'), JSON.stringify(utrecht.decision.warnings));
  assert.equal(utrecht.match, undefined);
  assert.ok(utrecht.match_error.code, JSON.stringify(utrecht.match_error));
});

test('the cautions travel with the suggestions', () => {
  const json = JSON.stringify({ ...BASE, text: 'Voelt zich eenzaam. Ontkent suïcidale gedachten.' });
  const m = engine.assess(json, 5, TODAY).match;
  assert.equal(m.route, 'wor');
  assert.ok(m.warnings.some((w) => w.code === 'risk_denied' && /ontkend/.test(w.nl) && /denied/.test(w.en)), JSON.stringify(m.warnings));
});
