// Recomputing a view: read the form, ask the engine, render the result or the input problem. Results
// update live while typing; the same input in the same language keeps the DOM as it is.

import { explainError } from './i18n.js';
import { $ } from './dom.js';
import { state, L } from './state.js';
import { InputProblem, readReferral, controlFor, hasPlace } from './referral.js';
import { clearError, showError } from './errors.js';
import { renderGp } from './gp-view.js';
import { renderSw } from './sw-view.js';

const GP_NEARBY = 3;

/**
 * Recomputes one view. mode: 'submit' (show errors, move focus), 'live' (while typing: an error in
 * the field being edited waits until the field is left), 'blur' and 'refresh' (show errors).
 */
export function update(prefix, mode) {
  const form = state.forms[prefix];
  if (!state.ready) return;
  if (!form.engaged) {
    if (mode !== 'submit' && !($(`${prefix}-age`).value.trim() !== '' && hasPlace(prefix))) return;
    form.engaged = true;
  }
  let referral;
  let json;
  try {
    referral = readReferral(prefix);
    json = JSON.stringify(referral);
    // Same input, same language, same result: keep the DOM (a button being clicked stays in place).
    const key = `${L()}|${prefix === 'sw' ? $('sw-topk').value : ''}|${json}`;
    if (mode !== 'submit' && key === form.key && form.last) return;
    form.key = key;
    if (prefix === 'gp') {
      // The resident's region decides with its own policy when it has one.
      const decision = state.engine.triage(json);
      let match = null;
      let matchError = null;
      try {
        match = state.engine.suggest(json, GP_NEARBY, state.today);
      } catch (e) {
        matchError = explainError(L(), e).text;
      }
      renderGp(decision, match, matchError);
      form.last = { decision, match };
    } else {
      const topK = Number($('sw-topk').value) || 5;
      const decision = state.engine.triage(json);
      const match = state.engine.suggest(json, topK, state.today);
      renderSw(match, decision);
      form.last = match;
    }
    clearError(prefix);
  } catch (e) {
    const problem = e instanceof InputProblem ? e : explainError(L(), e);
    const control = controlFor(prefix, problem.field);
    if (mode === 'live' && control && control === document.activeElement) return;
    form.key = null;
    showError(prefix, problem, e instanceof InputProblem ? null : e.message, mode === 'submit');
    return;
  }
  if (mode === 'submit') $(`${prefix}-results-title`).focus();
}

export function scheduleUpdate(prefix, delay) {
  const form = state.forms[prefix];
  clearTimeout(form.timer);
  if (delay) form.timer = setTimeout(() => update(prefix, 'live'), delay);
  else update(prefix, 'live');
}
