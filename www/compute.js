// Recomputing a view: read the form, ask the engine, render the result or every input problem.
// Results update live while typing; the same input in the same language keeps the DOM as it is.

import { explainProblem } from './i18n.js';
import { $ } from './dom.js';
import { state, L } from './state.js';
import { readReferral, controlFor, hasPlace } from './referral.js';
import { clearError, showErrors, showFieldNotes } from './errors.js';
import { renderGp } from './gp-view.js';
import { renderSw } from './sw-view.js';
import { afterPointerRelease } from './settle.js';
import { showDklHints } from './fields.js';

const GP_NEARBY = 3;

/** The engine's problems (a thrown JS Error with `errors`) worded in the interface language. */
function engineProblems(error) {
  const list = error?.errors?.length ? error.errors : [{ field: error?.field, code: error?.code, params: error?.params }];
  return list.map((p) => ({ field: p.field ?? '', text: explainProblem(L(), p) }));
}

/**
 * Asks the engine once (triage and suggestions, the resident's region deciding with its own policy);
 * throws the engine's error for an invalid referral, unless risk decided first: then the decision is
 * urgent and lists what is still wrong in `input_problems`.
 */
function compute(prefix, json) {
  const topK = prefix === 'gp' ? GP_NEARBY : Number($('sw-topk').value) || 5;
  const a = state.engine.assess(json, topK, state.today);
  const matchError = a.match_error ? explainProblem(L(), a.match_error) : null;
  return { decision: a.decision, match: a.match ?? null, matchError };
}

/**
 * The GP's 4DKL hints follow the policy of the resident's region (its own thresholds when its policy
 * moves them); the engine is asked again only when the place changes.
 */
function dklHintsForPlace(form) {
  const municipality = $('gp-municipality').value;
  const postcode = $('gp-postcode').value.trim();
  const place = `${municipality}|${postcode}`;
  if (place === form.dklPlace) return;
  form.dklPlace = place;
  showDklHints(state.engine.fourDkl(JSON.stringify({ municipality: municipality || undefined, postcode: postcode || undefined })));
}

/** Problems the engine found beside an urgent decision, worded, after the page's own. */
function withInputProblems(problems, decision) {
  const seen = new Set(problems.map((p) => p.field));
  const more = (decision.input_problems ?? []).map((p) => ({ field: p.field ?? '', text: explainProblem(L(), p) }));
  return [...problems, ...more.filter((p) => !seen.has(p.field) || !p.field)];
}

/**
 * Recomputes one view. mode: 'submit' (show problems, move focus), 'live' (while typing: a problem in
 * the field being edited waits until the field is left), 'blur' and 'refresh' (show problems).
 */
export function update(prefix, mode) {
  const form = state.forms[prefix];
  if (!state.ready) return;
  if (prefix === 'gp') dklHintsForPlace(form);
  // Risk decides first: a note or a ticked risk box is read before age and place are filled in, and an
  // urgent decision shows at once. Anything calmer waits until the form is engaged.
  const engaged = form.engaged || mode === 'submit' || ($(`${prefix}-age`).value.trim() !== '' && hasPlace(prefix));
  if (!engaged && !mayCarryRisk(prefix)) return;
  form.engaged = engaged;
  const { referral, problems } = readReferral(prefix);
  const json = JSON.stringify(referral);
  // Same input, same language, same result: keep the DOM (a button being clicked stays in place).
  const key = `${L()}|${prefix === 'sw' ? $('sw-topk').value : ''}|${json}|${problems.map((p) => p.field).join()}`;
  if (mode !== 'submit' && key === form.key && form.last) return;
  let result = null;
  try {
    result = compute(prefix, json);
  } catch (e) {
    // The page's own findings come first; the engine adds what it finds in the other fields.
    const seen = new Set(problems.map((p) => p.field));
    for (const p of engineProblems(e)) {
      if (!seen.has(p.field) || !controlFor(prefix, p.field)) problems.push(p);
    }
  }
  if (result?.decision.route === 'urgent' && problems.length + (result.decision.input_problems?.length ?? 0) > 0) {
    form.key = null;
    showUrgent(prefix, result, withInputProblems(problems, result.decision), mode);
    return;
  }
  if (!engaged) return;
  if (problems.length) {
    form.key = null;
    const editing = problems.some((p) => controlFor(prefix, p.field) === document.activeElement);
    if (mode === 'live' && editing) return;
    showErrors(prefix, problems, mode === 'submit');
    return;
  }
  form.key = key;
  clearError(prefix);
  if (prefix === 'gp') {
    renderGp(result.decision, result.match, result.matchError);
    form.last = result;
  } else {
    renderSw(result.match, result.decision);
    form.last = result.match;
  }
  showFieldNotes(prefix, result.decision.warnings);
  if (mode === 'submit') $(`${prefix}-results-title`).focus();
}

/** Whether the form holds anything that can make a decision urgent: a note, or a ticked flag. */
function mayCarryRisk(prefix) {
  if ($(`${prefix}-text`).value.trim() !== '') return true;
  return prefix === 'gp' && state.vocab.flags.some((f) => $(`gp-flag-${f.id}`).checked);
}

/**
 * An urgent decision on an incomplete or invalid form: the advice first, what is still missing below it
 * and beside each field (never instead of the advice).
 */
function showUrgent(prefix, result, problems, mode) {
  clearError(prefix);
  if (prefix === 'gp') renderGp(result.decision, null, null, problems);
  else renderSw(null, result.decision, problems);
  state.forms[prefix].last = null;
  showFieldNotes(prefix, result.decision.warnings);
  if (mode === 'submit') $(`${prefix}-results-title`).focus();
}

export function scheduleUpdate(prefix, delay) {
  const form = state.forms[prefix];
  clearTimeout(form.timer);
  // A text field's `change` fires as the field is left, which may be the press on the next control.
  const run = () => afterPointerRelease(() => update(prefix, 'live'));
  if (delay) form.timer = setTimeout(run, delay);
  else run();
}
