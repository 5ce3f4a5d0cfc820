// The GP view's result: the route box first (colour and icon), then why, what the engine read in the
// note, the support areas, pathways and, for a social route, what is nearby.

import { formatNumber } from './i18n.js';
import { $, fill, h } from './dom.js';
import { L, tr, areaLabel } from './state.js';
import { stampEl } from './maps.js';
import { ROUTE_ICON, block, askConsentFirst, basisDetails, decisionBlocks, markRendered, missingBlock, kmText, costText, withPhoneLinks } from './results.js';
import { fhirButton } from './loop-hooks.js'; // referral-loop hook

/** The note as written, with the words the engine read marked (case-insensitive). */
function highlighted(note, words) {
  const lower = note.toLowerCase();
  const marks = [];
  for (const w of new Set(words)) {
    for (let i = lower.indexOf(w); i >= 0 && w; i = lower.indexOf(w, i + w.length)) marks.push([i, i + w.length]);
  }
  marks.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out = [];
  let at = 0;
  for (const [from, to] of marks) {
    if (from < at) continue;
    out.push(note.slice(at, from), h('mark', {}, note.slice(from, to)));
    at = to;
  }
  out.push(note.slice(at));
  return out;
}

/**
 * The GP's advice. `missing` (`[{field, text}]`): what is still wrong with the form when risk decided
 * first; listed below the urgent advice, never instead of it.
 */
/** The next steps. A step with its basis (the urgent advice) shows it folded instead of a caveat. */
function pathwaysBlock(d) {
  return block(d.route === 'urgent' ? 'urgentStepsTitle' : 'pathwaysTitle', h('ul', { class: 'pathways', id: 'gp-pathways' },
    d.pathways.map((p) => h('li', { 'data-pathway': p.id, 'data-assumption': p.assumption ? 'true' : null }, withPhoneLinks(p[L()]),
      p.basis ? basisDetails(p.basis)
        : p.assumption ? [' ', h('span', { class: 'tag tag-assumption' }, tr('assumptionTag'))] : null))));
}

/** Moves focus to the support areas (the question an unclear note leaves open). */
function chooseAreaButton() {
  const button = h('button', { type: 'button', class: 'btn btn-secondary', id: 'gp-choose-area' }, tr('chooseArea'));
  button.addEventListener('click', () => {
    const first = $('gp-areas').querySelector('input');
    first?.scrollIntoView({ block: 'center' });
    first?.focus();
  });
  return button;
}

export function renderGp(d, match, matchError, missing = []) {
  const out = $('gp-output');
  const parts = [];
  parts.push(h('div', { class: `route-card route-${d.route}`, id: 'gp-route', 'data-route': d.route },
    h('p', { class: 'route-kicker' }, tr('routeKicker')),
    h('p', { class: 'route-label' },
      h('span', { class: 'route-icon', 'aria-hidden': 'true' }, ROUTE_ICON[d.route]),
      h('span', { class: 'route-text' }, d.headline[L()])),
    h('p', { class: 'route-hint' }, tr(askConsentFirst(d) ? 'routeHint_no_consent' : `routeHint_${d.route}`)),
    // Nothing recognised: the engine asks, and the answer is one press away.
    d.route === 'unclear' ? h('p', { class: 'actions' }, chooseAreaButton()) : null,
    // The 4DKL/referrer signal; not shown where it would contradict the route (urgent, not eligible).
    d.route === 'urgent' || d.route === 'not_eligible' ? null
      : h('p', { class: 'route-signal', 'data-signal': d.mental_health_signal },
        `${tr('mhSignal')}: ${tr(`signal_${d.mental_health_signal}`)}`)));

  // Urgent: what to do comes straight after the route, then what the form still lacks.
  const urgent = d.route === 'urgent';
  if (urgent) parts.push(pathwaysBlock(d));
  if (missing.length) parts.push(missingBlock('gp', missing));
  parts.push(...decisionBlocks(d, 'gp'));
  const note = $('gp-text').value;
  const read = d.reasons.flatMap((r) => r.matched ?? []);
  if (note.trim() && read.length) {
    parts.push(block('noteTitle', h('blockquote', { class: 'note-quote', id: 'gp-note-quote' }, highlighted(note, read))));
  }

  parts.push(block('areasTitle', d.areas.length === 0
    ? h('p', { class: 'muted' }, tr('noAreas'))
    : h('ul', { class: 'findings', id: 'gp-areas-found' }, d.areas.map((f) => h('li', { 'data-area': f.area, 'data-source': f.source },
      h('span', { class: 'finding-name' }, areaLabel(f.area)), ' ',
      h('span', { class: 'tag' }, tr(`source_${f.source}`)),
      f.severity ? [' ', h('span', { class: 'tag' }, tr('severityN', { s: tr(`sev${f.severity}`) }))] : null,
      f.matched?.length ? h('span', { class: 'matched' },
        tr('matched', { words: f.matched.map((w) => `‘${w}’`).join(', ') })) : null)))));

  if (d.suggested_areas?.length) {
    parts.push(block('suggestedTitle', h('ul', { class: 'findings', id: 'gp-suggested' }, d.suggested_areas.map((s) => h('li', { 'data-area': s.area },
      h('span', { class: 'finding-name' }, areaLabel(s.area)), ' ',
      h('span', { class: 'matched' }, tr('suggestedLine', { dimension: tr(`ph_${s.dimension}`), score: formatNumber(s.score, L(), Number.isInteger(s.score) ? 0 : 1) })))))));
  }

  if (d.pathways.length && !urgent) parts.push(pathwaysBlock(d));

  const socialRoute = d.route === 'wor' || d.route === 'wor_and_mgn';
  if (socialRoute) {
    if (match && match.suggestions.length) {
      parts.push(block('nearbyTitle',
        h('p', { class: 'muted' }, tr('nearbyHint')),
        // As in the social worker's list: the map describes the offer in Dutch, and in English the page says so.
        L() === 'nl' ? null : h('p', { class: 'notice notice-lang', id: 'gp-dutch-note' }, tr('offerInDutch')),
        h('ol', { class: 'nearby', id: 'gp-nearby' }, match.suggestions.map((s) => h('li', { 'data-activity-id': s.activity_id },
          // Names come from the map, in Dutch whatever the interface language.
          h('span', { class: 'nearby-name', lang: 'nl' }, s.name), ' ',
          h('span', { class: 'muted' }, h('span', { lang: 'nl' }, s.organisation), ` · ${kmText(s, match)} · ${costText(s.cost_eur_per_month)}`))))));
    } else if (matchError) {
      parts.push(block('nearbyTitle', h('p', { class: 'muted' }, tr('nearbyUnavailable', { msg: matchError }))));
    }
    parts.push(h('p', { class: 'actions' }, h('button', { type: 'button', class: 'btn btn-secondary', id: 'gp-to-sw' }, `${tr('toSw')} →`)));
    parts.push(...fhirButton()); // referral-loop hook: save as FHIR
  }

  parts.push(match ? stampEl(match.map, tr('rules', { v: d.rules_version }))
    : h('p', { class: 'stamp' }, tr('rules', { v: d.rules_version })));

  fill(out, ...parts);
  markRendered('gp', out, 'result');
  out.dataset.route = d.route;
  // What a screen reader hears is what the route box shows.
  $('gp-status').textContent = tr('gpStatus', { route: d.headline[L()] });
}
