// Form fields. The resident blocks (age, place, consent; support areas and note) are the same in the
// GP and the social-worker form, so one builder makes both. Every closed list (areas, flags, days, times,
// languages, audiences, referrers, Positive Health dimensions, 4DKL scales with their maxima and
// thresholds) comes from the engine, never from a copy in the page.

import { $, fill, h } from './dom.js';
import { state, tr } from './state.js';
import { regionName } from './maps.js';

/** Who the resident is (age, place, consent): both forms start with these. */
function residentFields(prefix) {
  const id = (name) => `${prefix}-${name}`;
  return [
    h('fieldset', {},
      h('legend', { 'data-i18n': 'fsResident' }),
      h('div', { class: 'field field-age' },
        h('label', { for: id('age'), 'data-i18n': 'age' }),
        // Text, not type=number: a number input turns "81,5" into 815 in some locales; the page refuses it.
        h('input', { type: 'text', id: id('age'), name: 'age', inputmode: 'numeric', maxlength: 5, autocomplete: 'off', spellcheck: 'false' })),
      h('div', { class: 'row' },
        h('div', { class: 'field' },
          h('label', { for: id('municipality'), 'data-i18n': 'municipality' }),
          h('select', { id: id('municipality'), name: 'municipality' }, h('option', { value: '', 'data-i18n': 'municipalityNone' }))),
        h('div', { class: 'field field-narrow' },
          h('label', { for: id('postcode'), 'data-i18n': 'postcode' }),
          h('input', { type: 'text', id: id('postcode'), name: 'postcode', maxlength: 7, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': id('postcode-hint') }))),
      h('p', { class: 'hint', id: id('postcode-hint'), 'data-i18n': 'postcodeHint' }),
      h('div', { class: 'check' },
        h('input', { type: 'checkbox', id: id('consent'), name: 'consent' }),
        h('label', { for: id('consent'), 'data-i18n': 'consent' }))),
  ];
}

/** What plays (support areas) and the note; `noteRows` differs because the GP's note is the main input. */
function situationFields(prefix, noteRows) {
  const id = (name) => `${prefix}-${name}`;
  return [
    h('fieldset', {},
      h('legend', { 'data-i18n': 'fsAreas' }),
      h('p', { class: 'hint', 'data-i18n': 'areasHint' }),
      h('div', { id: id('areas'), class: 'areas' })),
    h('div', { class: 'field' },
      h('label', { for: id('text'), 'data-i18n': 'note' }),
      h('p', { class: 'hint', id: id('text-hint'), 'data-i18n': 'noteHint' }),
      h('textarea', { id: id('text'), name: 'text', rows: noteRows, maxlength: 10000, 'aria-describedby': id('text-hint'), spellcheck: 'true' }),
      // On a phone the advice is far below the note: one tap from it (app.js wires it like the top link).
      h('a', { class: 'to-advice to-advice-note', id: id('to-advice-note'), href: `#${prefix}-results-title`, 'data-i18n': prefix === 'gp' ? 'toAdviceGp' : 'toAdviceSw' })),
  ];
}

/**
 * Puts the shared blocks in place of each form's `<div data-resident-fields>` and
 * `<div data-situation-fields>` (before the engine loads). The GP form has its risk signals between
 * the two: they decide first.
 */
export function placeResidentFields() {
  for (const slot of document.querySelectorAll('[data-resident-fields]')) slot.replaceWith(...residentFields(slot.dataset.residentFields));
  for (const slot of document.querySelectorAll('[data-situation-fields]')) {
    const prefix = slot.dataset.situationFields;
    slot.replaceWith(...situationFields(prefix, prefix === 'gp' ? 4 : 3));
  }
}

/** One checkbox per item of an engine list; its label follows the interface language (applyStrings). */
function vocabChecks(box, prefix, name, list, extra = {}) {
  fill(box, ...state.vocab[list].map((item) => h('div', { class: 'check' },
    h('input', { type: 'checkbox', id: `${prefix}-${name}-${item.id}`, name, value: item.id, ...extra }),
    h('label', { for: `${prefix}-${name}-${item.id}`, 'data-vocab': `${list}:${item.id}` }))));
}

/**
 * A whole-number score field of the GP form, 0 to `max`; `hint` ({key, params}) is worded by
 * applyStrings in the page's language.
 */
function scoreField(id, labelKey, max, hint) {
  const hintId = `${id}-hint`;
  return h('div', { class: 'field' },
    h('label', { for: id, 'data-i18n': labelKey }),
    hint && h('p', { class: 'hint', id: hintId, 'data-i18n': hint.key, 'data-i18n-params': JSON.stringify(hint.params) }),
    h('input', { type: 'number', id, min: 0, max, step: 1, inputmode: 'numeric', ...(hint ? { 'aria-describedby': hintId } : {}) }));
}

/** A 4DKL field's hint: its range, and from which score the deciding policy reads it as elevated. */
const dklHint = (s) => (s.elevated_from === undefined
  ? { key: 'dklRange', params: { max: s.max } }
  : { key: 'dklRangeElevated', params: { max: s.max, from: s.elevated_from } });

/** The GP's 4DKL and Positive Health scores and the referrer list, from the engine and its policy. */
function gpScoreFields() {
  const v = state.vocab;
  fill($('gp-dkl'), ...v.four_dkl.map((s) => scoreField(`gp-dkl-${s.id}`, `dkl_${s.id}`, s.max, dklHint(s))));
  fill($('gp-ph'), ...v.positive_health.map((d) => scoreField(`gp-ph-${d}`, `ph_${d}`, v.positive_health_max)));
  fill($('gp-referrer'), ...v.referrers.map((r) => h('option', { value: r, 'data-i18n': `ref_${r}` })));
}

/** The controls that need the engine's lists; called once the engine is loaded. */
export function buildEngineFields() {
  for (const prefix of ['gp', 'sw']) {
    fill($(`${prefix}-areas`), ...state.areas.map((a) => {
      const cb = h('input', { type: 'checkbox', id: `${prefix}-area-${a.id}`, name: 'area', value: a.id });
      const sel = h('select', { id: `${prefix}-sev-${a.id}`, class: 'severity', hidden: true },
        [1, 2, 3].map((n) => h('option', { value: n, selected: n === 2, 'data-i18n': `sev${n}` }, tr(`sev${n}`))));
      cb.addEventListener('change', () => { sel.hidden = !cb.checked; });
      return h('div', { class: 'area-row' },
        h('div', { class: 'check' }, cb, h('label', { for: cb.id, 'data-area-label': a.id })),
        h('label', { for: sel.id, class: 'visually-hidden', 'data-sev-label': a.id }),
        sel);
    }));
    const select = $(`${prefix}-municipality`);
    const regions = [...new Set(state.municipalities.map((m) => m.region))];
    select.replaceChildren(select.options[0], ...regions.map((region) => h('optgroup', { label: regionName(region) },
      state.municipalities.filter((m) => m.region === region)
        .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
        .map((m) => h('option', { value: m.name, 'data-code': m.code }, m.name)))));
  }
  vocabChecks($('gp-flags'), 'gp', 'flag', 'flags');
  vocabChecks($('sw-days'), 'sw', 'day', 'days');
  vocabChecks($('sw-times'), 'sw', 'time', 'times');
  vocabChecks($('sw-audience'), 'sw', 'audience', 'audiences', { 'aria-describedby': 'sw-audience-hint' });
  vocabChecks($('sw-languages'), 'sw', 'lang', 'languages');
  gpScoreFields();
}

/**
 * Rewords the GP's 4DKL hints for the policy that decides for the resident (`scales`: the engine's
 * `fourDkl` for the referral): a region whose policy moves a threshold shows its own.
 */
export function showDklHints(scales) {
  for (const s of scales) {
    const el = $(`gp-dkl-${s.id}-hint`);
    if (!el) continue;
    const hint = dklHint(s);
    el.dataset.i18n = hint.key;
    el.dataset.i18nParams = JSON.stringify(hint.params);
    el.textContent = tr(hint.key, hint.params);
  }
}
