// Reading a form into a referral (the JSON contract of design.md), and the way back: which control a
// contract field path refers to.

import { fieldLabel } from './i18n.js';
import { $ } from './dom.js';
import { state, L, tr } from './state.js';

const DKL = ['distress', 'depression', 'anxiety', 'somatization'];
const PH = ['lichaamsfuncties', 'mentaal_welbevinden', 'zingeving', 'kwaliteit_van_leven', 'meedoen', 'dagelijks_functioneren'];

/** A problem the page finds itself before the engine sees the referral (e.g. not a number). */
export class InputProblem extends Error {
  constructor(field, text) {
    super(text);
    this.field = field;
    this.text = text;
  }
}

function readNumber(input, field) {
  if (input.validity.badInput) throw new InputProblem(field, tr('err_number', { field: fieldLabel(L(), field) }));
  const v = input.value.trim();
  if (v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new InputProblem(field, tr('err_number', { field: fieldLabel(L(), field) }));
  return n;
}

/** The ids of an engine list whose checkboxes are ticked. */
function ticked(prefix, name, list) {
  return state.vocab[list].map((x) => x.id).filter((id) => $(`${prefix}-${name}-${id}`).checked);
}

export function hasPlace(prefix) {
  return $(`${prefix}-municipality`).value !== '' || $(`${prefix}-postcode`).value.trim() !== '';
}

export function readReferral(prefix) {
  const f = (id) => $(`${prefix}-${id}`);
  const referral = { id: state.forms[prefix].id };
  const age = readNumber(f('age'), 'age');
  if (age === undefined) throw new InputProblem('age', tr('err_age_missing'));
  referral.age = age;
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
    for (const k of DKL) {
      const v = readNumber(f(`dkl-${k}`), `screening.4dkl.${k}`);
      if (v !== undefined) dkl[k] = v;
    }
    if (Object.keys(dkl).length) referral.screening = { '4dkl': dkl };
    const flags = ticked(prefix, 'flag', 'flags');
    if (flags.length) referral.flags = flags;
    const ph = {};
    for (const k of PH) {
      const v = readNumber(f(`ph-${k}`), `positive_health.${k}`);
      if (v !== undefined) ph[k] = v;
    }
    if (Object.keys(ph).length) referral.positive_health = ph;
    referral.referrer = f('referrer').value;
  } else {
    const p = {};
    const km = readNumber(f('max-km'), 'preferences.max_km');
    if (km !== undefined) p.max_km = km;
    const eur = readNumber(f('budget'), 'preferences.max_eur_per_month');
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
  return referral;
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
