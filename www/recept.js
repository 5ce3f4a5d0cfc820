// The printable welzijnsrecept: one suggestion worded for the resident, with the map stamp.

import { formatDate, formatEuro } from './i18n.js';
import { $, fill, h } from './dom.js';
import { state, L, tr, vocabLabel } from './state.js';
import { stampText } from './maps.js';
import { fillReceptContact } from './loop-hooks.js'; // referral-loop hook

export function openRecept(activityId, returnFocus) {
  const res = state.forms.sw.last;
  const s = res?.suggestions.find((x) => x.activity_id === activityId);
  if (!s) return;
  state.recept = { s, map: res.map, activityId };
  renderRecept();
  document.body.classList.add('recept-open');
  $('recept').hidden = false;
  state.recept.returnFocus = returnFocus;
  window.scrollTo(0, 0);
  $('recept-title').focus();
}

export function closeRecept(restoreFocus = true) {
  if (!state.recept) return;
  const { activityId } = state.recept;
  state.recept = null;
  $('recept').hidden = true;
  document.body.classList.remove('recept-open');
  if (restoreFocus) {
    const btn = document.querySelector(`#sw-list button[data-recept="${CSS.escape(activityId)}"]`);
    (btn ?? $('sw-results-title')).focus();
  }
}

export function renderRecept() {
  const { s, map } = state.recept;
  const lang = L();
  $('recept').lang = lang;
  $('recept-title').textContent = tr('receptTitle');
  const when = s.by_appointment ? [tr('receptAppointment')]
    : s.schedule.length ? s.schedule.map((x) => tr('receptEvery', { day: vocabLabel('days', x.day), start: x.start, end: x.end }))
      : [tr('receptNoTimes')];
  const call = [];
  if (s.contact.phone) call.push(h('p', { class: 'recept-phone' }, tr('receptPhone', { phone: s.contact.phone })));
  if (s.contact.email) call.push(h('p', {}, tr('receptEmail', { email: s.contact.email })));
  if (s.contact.website) call.push(h('p', {}, tr('receptWebsite', { website: s.contact.website.replace(/^https?:\/\//, '') })));
  if (!call.length) call.push(h('p', {}, tr('receptNoContact')));
  const description = s.description;
  const row = (key, ...content) => h('div', { class: 'recept-row' }, h('dt', {}, tr(key)), h('dd', {}, ...content));
  fill($('recept-body'),
    h('p', { class: 'recept-lead' }, tr('receptLead')),
    h('dl', { class: 'recept-list' },
      row('receptWhat', h('p', { class: 'recept-name', id: 'recept-name' }, s.name), h('p', {}, s.organisation),
        // In English the reader is told the description is Dutch (inline: the A4 page keeps its spare line).
        description ? h('p', { class: 'recept-desc', lang: 'nl' },
          lang !== 'nl' ? [h('span', { class: 'recept-desc-lang', lang }, tr('receptDescDutch')), ' '] : null, description) : null),
      row('receptWhen', when.map((w) => h('p', { class: 'recept-when' }, w))),
      row('receptWhere', h('p', { class: 'recept-where' }, s.address), s.postcode ? h('p', {}, s.postcode) : null),
      row('receptCost', h('p', { class: 'recept-cost' }, s.cost_eur_per_month === 0 ? tr('receptFree') : tr('receptPaid', { eur: formatEuro(s.cost_eur_per_month, lang) }))),
      row('receptCall', h('div', { class: 'recept-call' }, call))),
    s.requires_indication ? h('p', { class: 'recept-note' }, tr('receptWmo')) : null,
    h('p', { class: 'recept-tip' }, tr('receptTip')),
    h('p', { class: 'recept-contact', id: 'recept-contact' }), // referral-loop hook: who calls by when
    h('div', { class: 'recept-worker' },
      h('p', {}, `${tr('receptWorker')}: `, h('span', { class: 'write-line', id: 'recept-worker' })), // referral-loop hook: the role
      h('p', {}, `${tr('receptWorkerPhone')}: `, h('span', { class: 'write-line' }))),
    h('p', { class: 'recept-help' }, tr('receptHelp')),
    h('p', { class: 'stamp recept-stamp', 'data-region': map.region, 'data-version': map.version, 'data-published': map.published },
      `${tr('receptMade', { date: formatDate(state.today, lang) })} · ${stampText(map)}`),
  );
  fillReceptContact(map.region); // referral-loop hook
}
