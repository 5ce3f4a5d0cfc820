// How the Regio view reads a typed parameter (www/regio-input.js): decimal commas and points, thousands
// separators, percentages for shares and growth, and the problems it refuses with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { root } from './wasm-module.mjs';

const { readField, parseNumber, KIND } = await import(path.join(root, 'www/regio-input.js'));

test('numbers as people type them: a decimal comma stays a decimal, thousands only when unambiguous', () => {
  const cases = [
    ['0,7', 0.7], ['0.7', 0.7], ['1021', 1021], ['1.234,5', 1234.5], ['1,234.5', 1234.5],
    ['1.234.567', 1234567], ['€ 95', 95], [' 8 ', 8], ['\u22121,5', -1.5], ['.5', 0.5],
  ];
  for (const [text, want] of cases) assert.equal(parseNumber(text), want, text);
  for (const text of ['abc', '1,2,3', '', '0,7a', '--1', '1e3']) assert.equal(parseNumber(text), null, text);
});

test('a share is 0..1 or a percentage; more than 100% is refused', () => {
  assert.deepEqual(readField('60', KIND.share), { value: 0.6, percent: true });
  assert.deepEqual(readField('60%', KIND.share), { value: 0.6, percent: true });
  assert.deepEqual(readField('0,7', KIND.share), { value: 0.7, percent: false });
  assert.deepEqual(readField('1', KIND.share), { value: 1, percent: false });
  assert.deepEqual(readField('3 %', KIND.share), { value: 0.03, percent: true });
  assert.deepEqual(readField('160', KIND.share).problem, { code: 'share_out_of_range', params: { got: '160' } });
  assert.equal(readField('-0,1', KIND.share).problem.code, 'share_out_of_range');
  assert.equal(readField('', KIND.share).problem.code, 'missing');
  assert.deepEqual(readField('zestig', KIND.share).problem, { code: 'invalid_format', params: { value: 'zestig' } });
});

test('growth may fall, never by more than 100%; amounts are never negative and never a percentage', () => {
  assert.deepEqual(readField('0,25', KIND.growth), { value: 0.25, percent: false });
  assert.deepEqual(readField('50', KIND.growth), { value: 0.5, percent: true });
  assert.deepEqual(readField('-10%', KIND.growth), { value: -0.1, percent: true });
  assert.equal(readField('-150%', KIND.growth).problem.code, 'growth_out_of_range');
  assert.deepEqual(readField('1.250,50', KIND.amount), { value: 1250.5, percent: false });
  assert.deepEqual(readField('-5', KIND.amount).problem, { code: 'out_of_range', params: { min: 0, got: '-5' } });
  assert.equal(readField('5%', KIND.amount).problem.code, 'invalid_format');
});
