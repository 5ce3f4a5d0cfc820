// Input problems: each one beside its field (the field's `aria-describedby` points at it) and all of
// them in a summary that links to the fields. Worded in the interface language from the problem codes
// only; the engine's English message is never shown. Also the engine's notes about a field that are
// not errors (a postcode outside the chosen municipality or the regions, an age the note contradicts).

import { $, fill, h } from './dom.js';
import { state, L, tr } from './state.js';
import { controlFor } from './referral.js';

/** The id of the message beside a field: `gp-error-age`, `gp-error-screening-4dkl-distress`. */
const messageId = (prefix, field) => `${prefix}-error-${field.replace(/[^a-z0-9]+/gi, '-')}`;

export function describedBy(el, id, on) {
  const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter((x) => x && x !== id);
  if (on) ids.push(id);
  if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
  else el.removeAttribute('aria-describedby');
}

/** Removes the messages beside fields (errors and notes) and the summary. */
export function clearError(prefix) {
  fill($(`${prefix}-error`));
  const form = $(`${prefix}-form`);
  for (const msg of form.querySelectorAll('.field-error, .field-note')) {
    const control = form.querySelector(`[aria-describedby~="${msg.id}"]`);
    if (control) {
      describedBy(control, msg.id, false);
      control.removeAttribute('aria-invalid');
    }
    msg.remove();
  }
}

/** A summary link moves focus to its field (opening a folded section) without touching the URL. */
function focusField(control) {
  return (e) => {
    e.preventDefault();
    const details = control.closest('details');
    if (details) details.open = true;
    control.focus();
    control.scrollIntoView({ block: 'center' });
  };
}

/** A message right after the field's control, announced with it. */
function placeBeside(control, id, className, text) {
  const existing = $(id);
  if (existing) {
    existing.append(' ', text); // a second problem of the same field joins the first
    return;
  }
  // Below a row of fields (municipality | postcode) or a narrow field (age): at full width, readable.
  (control.closest('.row, .field-age, .field-medium') ?? control).insertAdjacentElement('afterend', h('p', { class: className, id }, text));
  describedBy(control, id, true);
}

/**
 * Shows every problem (`[{field, text}]`): beside its field when the form has one, and all of them in
 * the summary. `focus` (on submit) moves focus to the first field with a problem.
 */
export function showErrors(prefix, problems, focus) {
  clearError(prefix);
  const { items, first } = markFields(prefix, problems);
  fill($(`${prefix}-error`),
    h('p', { class: 'error-title' }, tr('errorTitle')),
    h('ul', { class: 'error-list' }, items));
  if (focus && first) first.focus();
  const out = $(`${prefix}-output`);
  fill(out, h('p', { class: 'placeholder' }, tr(prefix === 'gp' ? 'placeholderGp' : 'placeholderSw')));
  out.dataset.state = 'error';
  state.forms[prefix].last = null;
}

/**
 * Puts each problem beside its field and returns the list items that link to them (a problem without
 * a field is a plain item) and the first field with a problem.
 */
export function markFields(prefix, problems) {
  const items = [];
  let first = null;
  for (const problem of problems) {
    const control = controlFor(prefix, problem.field);
    if (!control) {
      items.push(h('li', { 'data-field': problem.field || null }, problem.text));
      continue;
    }
    first ??= control;
    placeBeside(control, messageId(prefix, problem.field), 'field-error', problem.text);
    control.setAttribute('aria-invalid', 'true');
    const details = control.closest('details');
    if (details) details.open = true;
    items.push(h('li', { 'data-field': problem.field },
      h('a', { href: `#${control.id}`, onclick: focusField(control) }, problem.text)));
  }
  return { items, first };
}

/** Engine warnings that concern one field, shown beside it (they stay in the result's cautions too). */
const FIELD_WARNINGS = { postcode_outside_municipality: 'postcode', postcode_outside_regions: 'postcode', age_differs_from_note: 'age' };

export function showFieldNotes(prefix, warnings) {
  for (const w of warnings) {
    const field = FIELD_WARNINGS[w.code];
    if (field) placeBeside($(`${prefix}-${field}`), `${prefix}-note-${field}`, 'field-note', w[L()]);
  }
}
