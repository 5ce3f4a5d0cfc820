// Reading a form into a referral (the JSON contract of design.md), and the way back: which control a
// contract field path refers to.

import { fieldLabel } from './i18n.js';
import { $ } from './dom.js';
import { state, L, tr } from './state.js';

/**
 * A number field's value; `undefined` when empty. What is not a number becomes a problem (`{field,
 * text}`, pushed to `problems`) and the field is left out, so the engine still checks the rest.
 */
function readNumber(input, field, problems) {
  const v = input.value.trim();
  if (!input.validity.badInput && v === '') return undefined;
  const n = Number(v);
  if (!input.validity.badInput && Number.isFinite(n)) return n;
  problems.push({ field, text: tr('err_number', { field: fieldLabel(L(), field) }) });
  return undefined;
}

/**
 * The age in whole years. The field is text (inputmode numeric), not a number input: a number input
 * silently turns "81,5" into 815 in some locales, and an age with decimals is refused, not rounded.
 */
function readAge(input, problems) {
  const v = input.value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  problems.push({ field: 'age', text: v === '' ? tr('err_age_missing') : tr('err_age_integer', { got: v }) });
  return undefined;
}

/** The ids of an engine list whose checkboxes are ticked. */
function ticked(prefix, name, list) {
  return state.vocab[list].map((x) => x.id).filter((id) => $(`${prefix}-${name}-${id}`).checked);
}

export function hasPlace(prefix) {
  return $(`${prefix}-municipality`).value !== '' || $(`${prefix}-postcode`).value.trim() !== '';
}

/**
 * The form as a referral, and the problems the page finds itself (`[{field, text}]`): a field with
 * such a problem is left out of the referral, and the engine reports the rest.
 */
export function readReferral(prefix) {
  const f = (id) => $(`${prefix}-${id}`);
  const problems = [];
  const referral = { id: state.forms[prefix].id };
  // An age the page refused still goes to the engine as 0, only so that the engine checks the other
  // fields too (all problems at once); with a problem the page never shows a result.
  referral.age = readAge(f('age'), problems) ?? 0;
  referral.consent = f('consent').checked;
  const municipality = f('municipality').value;
  if (municipality) referral.municipality = municipality;
  const postcode = f('postcode').value.trim();
  if (postcode) referral.postcode = postcode;
  const areas = state.areas
    .filter((a) => f(`area-${a.id}`).checked)
    .map((a) => ({ area: a.id, severity: Number(f(`sev-${a.id}`).value) }));
  if (areas.length) referral.areas = areas;
  const text = f('text').value;
  if (text.trim()) referral.text = text;

  if (prefix === 'gp') {
    const dkl = {};
    for (const { id: k } of state.vocab.four_dkl) {
      const v = readNumber(f(`dkl-${k}`), `screening.4dkl.${k}`, problems);
      if (v !== undefined) dkl[k] = v;
    }
    if (Object.keys(dkl).length) referral.screening = { '4dkl': dkl };
    const flags = ticked(prefix, 'flag', 'flags');
    if (flags.length) referral.flags = flags;
    const ph = {};
    for (const k of state.vocab.positive_health) {
      const v = readNumber(f(`ph-${k}`), `positive_health.${k}`, problems);
      if (v !== undefined) ph[k] = v;
    }
    if (Object.keys(ph).length) referral.positive_health = ph;
    referral.referrer = f('referrer').value;
  } else {
    const p = {};
    const km = readNumber(f('max-km'), 'preferences.max_km', problems);
    if (km !== undefined) p.max_km = km;
    const eur = readNumber(f('budget'), 'preferences.max_eur_per_month', problems);
    if (eur !== undefined) p.max_eur_per_month = eur;
    const days = ticked(prefix, 'day', 'days');
    if (days.length) p.days = days;
    const times = ticked(prefix, 'time', 'times');
    if (times.length) p.times = times;
    const languages = ticked(prefix, 'lang', 'languages');
    if (languages.length) p.languages = languages;
    const group = document.querySelector('input[name="group"]:checked')?.value;
    if (group) p.group = group === 'true';
    if (f('wheelchair').checked) p.wheelchair = true;
    if (f('strict-days').checked) p.strict_days = true;
    if (Object.keys(p).length) referral.preferences = p;
    const audience = ticked(prefix, 'audience', 'audiences');
    if (audience.length) referral.audience = audience;
  }
  return { referral, problems };
}

/** The form control that a contract field path refers to. */
export function controlFor(prefix, field) {
  const f = (id) => $(`${prefix}-${id}`);
  if (field === 'age' || field === 'municipality' || field === 'postcode' || field === 'text') return f(field);
  let m = /^screening\.4dkl\.(\w+)$/.exec(field);
  if (m) return f(`dkl-${m[1]}`);
  m = /^positive_health\.(\w+)$/.exec(field);
  if (m) return f(`ph-${m[1]}`);
  if (field === 'preferences.max_km') return f('max-km');
  if (field === 'preferences.max_eur_per_month') return f('budget');
  if (field === 'preferences.strict_days') return f('strict-days');
  return null;
}
