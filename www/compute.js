// Recomputing a view: read the form, ask the engine, render the result or every input problem.
// Results update live while typing; the same input in the same language keeps the DOM as it is.

import { explainError, explainProblem } from './i18n.js';
import { $ } from './dom.js';
import { state, L } from './state.js';
import { readReferral, controlFor, hasPlace } from './referral.js';
import { clearError, showErrors, showFieldNotes } from './errors.js';
import { renderGp } from './gp-view.js';
import { renderSw } from './sw-view.js';
import { afterPointerRelease } from './settle.js';

const GP_NEARBY = 3;

/** The engine's problems (a thrown JS Error with `errors`) worded in the interface language. */
function engineProblems(error) {
  const list = error?.errors?.length ? error.errors : [{ field: error?.field, code: error?.code, params: error?.params }];
  return list.map((p) => ({ field: p.field ?? '', text: explainProblem(L(), p) }));
}

/** Asks the engine; throws the engine's error for an invalid referral. */
function compute(prefix, json) {
  // The resident's region decides with its own policy when it has one.
  const decision = state.engine.triage(json);
  if (prefix === 'gp') {
    let match = null;
    let matchError = null;
    try {
      match = state.engine.suggest(json, GP_NEARBY, state.today);
    } catch (e) {
      matchError = explainError(L(), e).text;
    }
    return { decision, match, matchError };
  }
  const topK = Number($('sw-topk').value) || 5;
  return { decision, match: state.engine.suggest(json, topK, state.today) };
}

/**
 * Recomputes one view. mode: 'submit' (show problems, move focus), 'live' (while typing: a problem in
 * the field being edited waits until the field is left), 'blur' and 'refresh' (show problems).
 */
export function update(prefix, mode) {
  const form = state.forms[prefix];
  if (!state.ready) return;
  if (!form.engaged) {
    if (mode !== 'submit' && !($(`${prefix}-age`).value.trim() !== '' && hasPlace(prefix))) return;
    form.engaged = true;
  }
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

export function scheduleUpdate(prefix, delay) {
  const form = state.forms[prefix];
  clearTimeout(form.timer);
  // A text field's `change` fires as the field is left, which may be the press on the next control.
  const run = () => afterPointerRelease(() => update(prefix, 'live'));
  if (delay) form.timer = setTimeout(run, delay);
  else run();
}
