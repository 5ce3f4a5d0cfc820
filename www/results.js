// Pieces both result views use: blocks, the triage decision's reasons and cautions, and the wording of
// an offer's distance, cost and times.

import { formatNumber, formatEuro } from './i18n.js';
import { h } from './dom.js';
import { state, L, tr, vocabLabel } from './state.js';
import { markFields } from './errors.js';

export const ROUTE_ICON = { wor: '✓', mgn: '●', wor_and_mgn: '✓●', urgent: '!', medical: '+', not_eligible: '×', unclear: '?' };

export function block(titleKey, ...content) {
  return h('section', { class: 'block' }, h('h3', {}, tr(titleKey)), ...content);
}

/** Missing consent is not unsuitability: the GP asks first (the engine's `no_consent` rule). */
export function askConsentFirst(d) {
  return d.route === 'not_eligible' && d.reasons.some((r) => r.rule === 'no_consent') && !d.reasons.some((r) => r.rule === 'age');
}

/**
 * What a rule rests on (`{plan: "§4.1 ..."}` or `{assumption: "..."}`), folded: the text of an urgent
 * decision carries no caveat, the basis is one click away.
 */
export function basisDetails(basis) {
  const assumption = basis.assumption !== undefined;
  return h('details', { class: 'basis', 'data-basis': assumption ? 'assumption' : 'plan' },
    h('summary', {}, tr(assumption ? 'basisAssumption' : 'basisPlan')),
    h('p', { lang: 'nl' }, basis.assumption ?? basis.plan));
}

/** What the form still lacks beside an urgent decision, each linking to its field. */
export function missingBlock(prefix, problems) {
  const { items } = markFields(prefix, problems);
  return h('section', { class: 'block missing', id: `${prefix}-missing` },
    h('h3', {}, tr('missingTitle')), h('ul', { class: 'error-list' }, items));
}

/** The reasons and, when there are any, the cautions of a triage decision (both views show them). */
export function decisionBlocks(d, prefix) {
  const blocks = [block('reasonsTitle', h('ul', { class: 'reasons', id: `${prefix}-reasons` },
    d.reasons.map((r) => h('li', { 'data-rule': r.rule, 'data-assumption': r.assumption ? 'true' : null }, r[L()],
      r.basis ? basisDetails(r.basis) : null))))];
  if (d.warnings.length) {
    blocks.push(h('section', { class: 'block warnings', id: `${prefix}-warnings-block` },
      h('h3', {}, tr('warningsTitle')),
      h('ul', { id: `${prefix}-warnings` }, d.warnings.map((w) => h('li', { 'data-code': w.code, 'data-assumption': w.assumption ? 'true' : null }, w[L()])))));
  }
  return blocks;
}

export function markRendered(prefix, out, stateName) {
  const form = state.forms[prefix];
  form.renders += 1;
  out.dataset.state = stateName;
  out.dataset.renders = String(form.renders);
}

/** "1,2 km vanaf postcodegebied 1181": the engine measures from a PC4 centroid or a town centre. */
export function kmText(s, res) {
  return tr('kmFrom', { km: formatNumber(s.distance_km, L()), from: res.origin[L()] });
}

export function costText(eur) {
  return eur === 0 ? tr('free') : tr('perMonth', { eur: formatEuro(eur, L()) });
}

export function scheduleText(s) {
  if (s.by_appointment) return tr('byAppointment');
  if (!s.schedule.length) return tr('noSchedule');
  return s.schedule.map((x) => `${vocabLabel('days', x.day)} ${x.start}–${x.end}`).join(', ');
}

/**
 * A step's text with its phone numbers ("0800-0113", "112") as links that never break across lines: on a
 * phone the crisis line must be one tap and read whole.
 */
export function withPhoneLinks(text) {
  return text.split(/(\b0\d{2,3}-\d{4,7}\b|\b112\b)/).map((part, i) => (i % 2
    ? h('a', { class: 'tel', href: `tel:${part.replace('-', '')}` }, part)
    : part));
}
