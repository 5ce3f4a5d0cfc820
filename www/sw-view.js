// The social worker's result: suggestion cards (why, facts, contact) with a button to make the
// welzijnsrecept, or, for an urgent or not-eligible decision, why not and what to do instead.

import { $, fill, h } from './dom.js';
import { L, tr, vocabLabel } from './state.js';
import { stampEl } from './maps.js';
import { ROUTE_ICON, block, askConsentFirst, basisDetails, decisionBlocks, markRendered, missingBlock, scheduleText, withPhoneLinks } from './results.js';
import { caseloadButton } from './loop-hooks.js'; // referral-loop hook

function contactNodes(c) {
  const items = [];
  if (c.phone) items.push(h('li', {}, `${tr('phone')}: `, h('a', { href: `tel:${c.phone.replace(/[^0-9+]/g, '')}` }, c.phone)));
  if (c.email) items.push(h('li', {}, `${tr('email')}: `, h('a', { href: `mailto:${c.email}` }, c.email)));
  if (c.website) items.push(h('li', {}, `${tr('website')}: `, h('a', { href: c.website, rel: 'noopener noreferrer' }, c.website.replace(/^https?:\/\//, ''))));
  return items.length ? h('ul', { class: 'contact' }, items) : '—';
}

function fact(labelKey, value) {
  return h('div', { class: 'fact' }, h('dt', {}, tr(labelKey)), h('dd', {}, value));
}

/**
 * Urgent and not-eligible decisions get no activities and no recept: the social worker reads why and
 * what to do instead.
 */
function renderSwRefusal(res, d, missing) {
  const out = $('sw-output');
  const urgent = d.route === 'urgent';
  const instead = d.pathways.length ? block(urgent ? 'urgentStepsTitle' : 'swInstead', h('ul', { class: 'pathways', id: 'sw-pathways' },
    d.pathways.map((p) => h('li', { 'data-pathway': p.id }, withPhoneLinks(p[L()]), p.basis ? basisDetails(p.basis) : null)))) : null;
  fill(out,
    h('div', { class: `route-card route-${d.route}`, id: 'sw-refusal', 'data-route': d.route },
      h('p', { class: 'route-label' },
        h('span', { class: 'route-icon', 'aria-hidden': 'true' }, ROUTE_ICON[d.route]),
        h('span', { class: 'route-text' }, d.headline[L()])),
      h('p', { class: 'route-hint' }, h('strong', {}, `${tr('swRefusedTitle')}. `),
        tr(askConsentFirst(d) ? 'routeHint_no_consent' : `swRefused_${d.route}`))),
    // Urgent: what to do first, then what the form still lacks.
    urgent ? instead : null,
    missing.length ? missingBlock('sw', missing) : null,
    ...decisionBlocks(d, 'sw'),
    urgent ? null : instead,
    res ? stampEl(res.map) : null);
  markRendered('sw', out, 'refused');
  $('sw-status').textContent = `${d.headline[L()]}. ${tr('swRefusedTitle')}.`;
}

/** The suggestions, or the refusal; `missing` as in the GP view (urgent on an incomplete form). */
export function renderSw(res, d, missing = []) {
  if (d.route === 'urgent' || d.route === 'not_eligible') {
    renderSwRefusal(res, d, missing);
    return;
  }
  const out = $('sw-output');
  const n = res.suggestions.length;
  const routeLabel = vocabLabel('routes', res.route);
  const parts = [
    h('p', { class: 'result-meta', id: 'sw-count' }, n === 1 ? tr('countLineOne', { route: routeLabel }) : tr('countLine', { n, route: routeLabel })),
    // One stamp for the whole list: a result is the list, made from this map version.
    stampEl(res.map),
    ...caseloadButton(), // referral-loop hook: add to the caseload
    // The map describes the offer in Dutch; in English the page says so instead of pretending.
    L() === 'nl' ? null : h('p', { class: 'notice notice-lang', id: 'sw-dutch-note' }, tr('offerInDutch')),
  ];
  if (d.warnings.length) parts.push(...decisionBlocks(d, 'sw').slice(1));
  if (res.notes?.length) parts.push(h('div', { class: 'notice', id: 'sw-notes' }, res.notes.map((x) => h('p', { 'data-code': x.code }, x[L()]))));
  // How many entries "alleen deze dagen" left out (the note above says it in words).
  const strict = res.filtered?.find((x) => x.filter === 'strict_days');
  if (strict) out.dataset.filteredStrictDays = strict.entries;
  else delete out.dataset.filteredStrictDays;
  if (n === 0 && !res.notes?.length) parts.push(h('p', { class: 'notice' }, tr('noSuggestions')));
  parts.push(h('ol', { class: 'suggestions', id: 'sw-list' }, res.suggestions.map((s, i) => {
    const titleId = `sug-${i + 1}`;
    return h('li', { class: 'suggestion', 'data-activity-id': s.activity_id, 'data-distance-km': s.distance_km, 'data-score': s.score, 'data-group': String(s.group) },
      h('article', { 'aria-labelledby': titleId },
        h('div', { class: 's-head' },
          h('span', { class: 'rank', 'aria-hidden': 'true' }, String(i + 1)),
          h('div', { class: 's-title' },
            h('h3', { id: titleId }, h('span', { class: 'visually-hidden' }, `${tr('rank', { n: i + 1 })}: `), h('span', { class: 's-name', lang: 'nl' }, s.name)),
            h('p', { class: 'org' }, h('span', { lang: 'nl' }, s.organisation), ` · ${tr(`kind_${s.kind}`)}`)),
          s.requires_indication ? h('span', { class: 'badge badge-wmo', title: tr('wmoBadgeTitle') }, tr('wmoBadge')) : null),
        // The engine's reasons already say distance, time and cost: the card shows them once.
        h('ul', { class: 'why' }, s.why.map((w) => h('li', { 'data-code': w.code }, w[L()]))),
        h('details', { class: 's-more' },
          h('summary', {}, tr('moreDetails')),
          h('dl', { class: 'facts' },
            fact('factWhen', scheduleText(s)),
            fact('factWhere', `${s.address}${s.postcode ? `, ${s.postcode}` : ''}`),
            fact('factContact', contactNodes(s.contact)),
            s.description ? fact('factAbout', h('span', { lang: 'nl' }, s.description)) : null)),
        h('div', { class: 's-foot' },
          h('button', { type: 'button', class: 'btn btn-secondary', 'data-recept': s.activity_id },
            tr('makeRecept'), h('span', { class: 'visually-hidden' }, `: ${s.name}`)))));
  })));
  fill(out, ...parts);
  markRendered('sw', out, 'result');
  $('sw-status').textContent = tr('swStatus', { n });
}
