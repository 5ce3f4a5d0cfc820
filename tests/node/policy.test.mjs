// Regional triage policies in the wasm module: the region's own policy (as `wor map bundle` writes it,
// validated and in full form) decides for its residents; anything else is a JS Error naming the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadWasm, loadBundledMaps, root } from './wasm-module.mjs';

const wasm = await loadWasm();
const TODAY = '2026-11-23';
const override = readFileSync(path.join(root, 'social-map/zuid-holland-noord/policy.json'), 'utf8');
const zhnPolicy = readFileSync(path.join(root, 'www/maps/zuid-holland-noord.policy.txt'), 'utf8');
const demoPractice = JSON.parse(override).pathways.po_sociaal_practices.value[0];

test('a region\'s policy decides for its residents only', () => {
  const { engine } = loadBundledMaps(wasm, TODAY);
  const leiden = JSON.stringify({ id: 'p', age: 60, consent: true, municipality: 'Leiden', practice: demoPractice, text: 'eenzaam' });
  const before = engine.triage(leiden);
  assert.deepEqual(before.pathways.map((p) => p.id), ['zorgdomein_vip_live_welzijnscoach']);
  assert.equal(before.policy.id, 'default');
  assert.deepEqual(engine.loadPolicy('zuid-holland-noord', zhnPolicy), { id: 'zuid-holland-noord', version: '2026.1', region: 'zuid-holland-noord' });
  const after = engine.triage(leiden);
  assert.deepEqual(after.pathways.map((p) => p.id), ['po_sociaal']);
  assert.equal(after.policy.id, 'zuid-holland-noord');
  assert.equal(after.pathways[0].assumption, true, 'the practice list is an assumption of the region');
  const amstelveen = engine.triage(JSON.stringify({ id: 'a', age: 60, consent: true, municipality: 'Amstelveen', text: 'eenzaam' }));
  assert.equal(amstelveen.policy.id, 'default');
  // Suggestions decide the route with the same policy.
  assert.equal(engine.suggest(leiden, 3, TODAY).route, 'wor');
});

test('an unbundled override, or a policy before the default, is a JS Error with code and field', () => {
  const { engine } = loadBundledMaps(wasm, TODAY);
  assert.throws(() => engine.loadPolicy('zuid-holland-noord', override), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.code, 'invalid_format');
    assert.equal(e.field, 'policy');
    assert.equal(e.errors.length, 1);
    return true;
  });
  assert.throws(() => engine.loadPolicy('nowhere', zhnPolicy), (e) => e.code === 'unknown_value' && e.field === 'region');
});

// Issue 28: every export that triages, called before the page installed the default policy, throws a
// JS Error with the contract's code and field; none traps the module (a trap is a RuntimeError, and
// the module would be dead afterwards).
test('before setDefaultPolicy every export that triages throws a coded Error, and the module lives on', async () => {
  const { pathToFileURL } = await import('node:url');
  // A second instance of the module (a different URL is a different ES module), with no policy yet.
  const url = `${pathToFileURL(path.join(root, 'www/pkg/wor_wasm.js')).href}?no-policy`;
  const fresh = await import(url);
  fresh.initSync({ module: readFileSync(path.join(root, 'www/pkg/wor_wasm_bg.wasm')) });
  const referral = '{"id":"x","age":40,"consent":true,"municipality":"Leiden","text":"eenzaam"}';
  const engine = new fresh.Engine();
  const map = JSON.parse(readFileSync(path.join(root, 'www/maps/index.json'), 'utf8'))[0];
  engine.loadMap(readFileSync(path.join(root, 'www/maps', map.file), 'utf8'), TODAY);
  const calls = {
    triage: () => fresh.triage(referral),
    'Engine.triage': () => engine.triage(referral),
    'Engine.assess': () => engine.assess(referral, 5, TODAY),
    'Engine.suggest': () => engine.suggest(referral, 5, TODAY),
    'Engine.loadPolicy': () => engine.loadPolicy('zuid-holland-noord', zhnPolicy),
  };
  for (const [name, call] of Object.entries(calls)) {
    assert.throws(call, (e) => {
      assert.ok(e instanceof Error && !(e instanceof WebAssembly.RuntimeError), `${name}: ${e}`);
      assert.deepEqual([e.code, e.field, e.params?.name], ['missing', 'policy', 'policy'], name);
      assert.equal(e.errors.length, 1, name);
      return true;
    });
  }
  // Once the default is installed, the same instance decides.
  fresh.setDefaultPolicy(readFileSync(path.join(root, 'www/maps/policy.txt'), 'utf8'));
  assert.equal(fresh.triage(referral).route, 'wor');
  assert.equal(engine.assess(referral, 5, TODAY).decision.route, 'wor');
});

// Issue 28.6: the GP form's 4DKL hints are worded from the thresholds of the policy that decides for the
// resident, a regional override included; a scale no rule reads has no threshold to show.
test('fourDkl gives the thresholds of the resident\'s policy: a region\'s own, else the default', () => {
  const { engine } = loadBundledMaps(wasm, TODAY);
  const threshold = (compiled, name) => Number(new RegExp(`^threshold\\t${name}\\t(\\d+)$`, 'm').exec(compiled)[1]);
  const defaultDistress = threshold(readFileSync(path.join(root, 'www/maps/policy.txt'), 'utf8'), 'distress_elevated');
  const tighter = defaultDistress - 2;
  const tightened = zhnPolicy.replace(/^threshold\tdistress_elevated\t\d+$/m, `threshold\tdistress_elevated\t${tighter}`);
  assert.notEqual(tightened, zhnPolicy, 'the test edits the bundled threshold');
  const elevatedFrom = (place) => Object.fromEntries(engine.fourDkl(JSON.stringify(place)).map((s) => [s.id, s.elevated_from]));
  assert.equal(elevatedFrom({ municipality: 'Leiden' }).distress, defaultDistress);
  engine.loadPolicy('zuid-holland-noord', tightened);
  // By name, by CBS code and by postcode (2312: Leiden), whatever else the referral lacks.
  for (const place of [{ municipality: 'Leiden' }, { municipality: 'GM0546' }, { postcode: '2312 AB' }, { id: 'x', age: 'not yet', municipality: 'Leiden' }]) {
    assert.equal(elevatedFrom(place).distress, tighter, JSON.stringify(place));
  }
  assert.equal(elevatedFrom({ municipality: 'Amstelveen' }).distress, defaultDistress, 'another region keeps the default');
  assert.equal(elevatedFrom({}).distress, defaultDistress, 'no place yet: the default');
  const scales = engine.fourDkl('{"municipality":"Leiden"}');
  assert.deepEqual(scales.map((s) => s.id), wasm.vocabulary().four_dkl.map((s) => s.id));
  assert.equal(scales.find((s) => s.id === 'somatization').elevated_from, undefined, 'no rule reads somatisation');
});
