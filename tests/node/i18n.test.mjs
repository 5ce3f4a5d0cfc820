// The page words the engine's problems from their codes, in Dutch and English, without parsing messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadWasm, loadBundledMaps, root } from './wasm-module.mjs';

// www/i18n.js is a browser module (no package.json marks .js as ESM here): load its text as one.
const i18n = await import(`data:text/javascript,${encodeURIComponent(readFileSync(path.join(root, 'www/i18n.js'), 'utf8'))}`);
const wasm = await loadWasm();
const TODAY = '2026-11-23';

function thrown(f) {
  try { f(); } catch (e) { return e; }
  return assert.fail('no error');
}

test('several problems of one referral are all worded, first field first', () => {
  const e = thrown(() => wasm.triage('{"id":"x","age":150,"consent":true,"postcode":"12"}'));
  assert.deepEqual(i18n.explainError('nl', e), {
    field: 'age',
    text: "Leeftijd: vul een leeftijd in van 0 tot en met 120 jaar. Ingevuld: 150. Postcode '12' klopt niet. Gebruik 1234 of 1234 AB.",
  });
  assert.equal(i18n.explainError('en', e).text,
    "Age: fill in an age from 0 to 120 years. Given: 150. Postcode '12' is not valid. Use 1234 or 1234 AB.");
});

test('every code the engine throws has a wording in both languages, never English inside Dutch', () => {
  const { engine } = loadBundledMaps(wasm, TODAY);
  const inputs = [
    '{"id":"x","age":40,"consent":true}',
    '{"age":40,"consent":true,"municipality":"Leiden"}',
    '{"id":" ","age":40,"consent":true,"municipality":"Leiden"}',
    'not json',
    '{"id":"x","age":"veertig","consent":true,"municipality":"Leiden"}',
    '{"id":"x","age":40,"consent":true,"municipality":"Leiden","areas":[{"area":"tuinieren"}]}',
    '{"id":"x","age":40,"consent":true,"municipality":"Leiden","preferences":{"languages":["nederlands"]}}',
    '{"id":"x","age":40,"consent":true,"municipality":"Leiden","screening":{"4dkl":{"depression":20}}}',
    `{"id":"x","age":40,"consent":true,"municipality":"Leiden","text":"${'a'.repeat(10001)}"}`,
    '{"id":"x","age":40,"consent":true,"municipality":"Leiden","flags":["acute_danger","acute_danger"]}',
    '{"id":"x","age":40,"consent":true,"municipality":"Utrecht"}',
    '{"id":"x","age":40,"consent":true,"postcode":"9999"}',
  ];
  const codes = new Set();
  for (const input of inputs) {
    const e = thrown(() => engine.suggest(input, 5, TODAY));
    for (const p of e.errors) codes.add(p.code);
    const nl = i18n.explainError('nl', e).text;
    const en = i18n.explainError('en', e).text;
    assert.notEqual(nl, en, input);
    assert.doesNotMatch(nl, /undefined|\{\w+\}|must|listed|expected|not a/, `${input}: ${nl}`);
    assert.doesNotMatch(en, /undefined|\{\w+\}/, `${input}: ${en}`);
  }
  assert.deepEqual([...codes].sort(), ['duplicate', 'empty', 'invalid_format', 'invalid_json', 'missing',
    'out_of_range', 'too_long', 'unknown_value', 'wrong_type']);
  const notCovered = thrown(() => new wasm.Engine().suggest('{"id":"x","age":40,"consent":true,"municipality":"Leiden"}', 5, TODAY));
  assert.equal(i18n.explainError('nl', notCovered).text, 'Leiden valt niet onder een geladen sociale kaart.');
});

test('an error without a code (not from the engine) still gets a sentence', () => {
  assert.deepEqual(i18n.explainError('en', new TypeError('x is undefined')), { field: '', text: 'The input: this value is not valid.' });
});
