// The Welzijn op Recept page. Everything is computed in this browser by the wasm engine; the only
// requests are for the page's own static files (module, wasm, maps). Referral data are never sent,
// never stored (not in localStorage, not in the service-worker cache) and never put in a URL.

import init, { Engine, setDefaultPolicy, supportAreas, municipalities, engineInfo } from './pkg/wor_wasm.js';
import { t, formatDate, formatNumber, formatEuro, explainError, fieldLabel } from './i18n.js';
import { lt } from './loop-strings.js'; // referral-loop hook

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const TIMES = ['morning', 'afternoon', 'evening'];
// The audience ids of the referral contract (design.md, "Contract additions").
const AUDIENCES = ['newcomers', 'older_adults', 'young_adults', 'parents', 'carers', 'men', 'women', 'people_with_chronic_illness', 'low_income'];
const DKL = ['distress', 'depression', 'anxiety', 'somatization'];
const PH = ['lichaamsfuncties', 'mentaal_welbevinden', 'zingeving', 'kwaliteit_van_leven', 'meedoen', 'dagelijks_functioneren'];
const FLAGS = ['suicidal_ideation', 'psychosis_suspected', 'acute_danger', 'mental_disorder_suspected'];
/** Languages offered as preferences: ISO 639-1 code, Dutch name, English name. */
const LANGUAGES = [
  ['nl', 'Nederlands', 'Dutch'], ['en', 'Engels', 'English'], ['tr', 'Turks', 'Turkish'],
  ['ar', 'Arabisch', 'Arabic'], ['pl', 'Pools', 'Polish'], ['uk', 'Oekraïens', 'Ukrainian'],
  ['ti', 'Tigrinya', 'Tigrinya'], ['so', 'Somalisch', 'Somali'], ['fa', 'Perzisch', 'Persian'],
  ['de', 'Duits', 'German'], ['fr', 'Frans', 'French'], ['es', 'Spaans', 'Spanish'], ['zh', 'Chinees', 'Chinese'],
];
const ROUTE_ICON = { wor: '✓', mgn: '●', wor_and_mgn: '✓●', urgent: '!', medical: '+', not_eligible: '×' };
const GP_NEARBY = 3;
const LIVE_DELAY_MS = 120;

const state = {
  lang: 'nl',
  ready: false,
  engine: null,
  info: null,
  areas: [],
  municipalities: [],
  index: [],
  maps: [],
  mapError: null,
  descriptions: new Map(),
  today: localToday(),
  seq: 0,
  forms: {
    gp: { id: '', engaged: false, last: null, timer: 0, renders: 0 },
    sw: { id: '', engaged: false, last: null, timer: 0, renders: 0 },
  },
  recept: null,
};

const $ = (id) => document.getElementById(id);
const L = () => state.lang;
const tr = (key, vars) => t(state.lang, key, vars);

function localToday() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Replaces an element's children, skipping null/false entries (replaceChildren would print "null"). */
function fill(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

/** A small element builder; text is always set as text, never parsed as HTML. */
function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

// ---------------------------------------------------------------------------------------------------
// Language

function initialLanguage() {
  try {
    const saved = localStorage.getItem('wor-lang'); // the UI language only; never referral data
    if (saved === 'nl' || saved === 'en') return saved;
  } catch { /* storage unavailable */ }
  return 'nl';
}

function applyStrings() {
  const lang = L();
  document.documentElement.lang = lang;
  document.title = tr('docTitle');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = tr(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', tr(el.dataset.i18nAriaLabel));
  const toggle = $('lang-toggle');
  toggle.textContent = tr('langButton');
  toggle.lang = tr('langButtonLang');
  for (const el of document.querySelectorAll('[data-area-label]')) {
    const a = state.areas.find((x) => x.id === el.dataset.areaLabel);
    if (a) el.textContent = lang === 'nl' ? a.nl : a.en;
  }
  for (const el of document.querySelectorAll('[data-sev-label]')) {
    const a = state.areas.find((x) => x.id === el.dataset.sevLabel);
    if (a) el.textContent = `${tr('severity')}: ${lang === 'nl' ? a.short_nl : a.short_en}`;
  }
  for (const el of document.querySelectorAll('[data-language-label]')) {
    const l = LANGUAGES.find((x) => x[0] === el.dataset.languageLabel);
    el.textContent = lang === 'nl' ? l[1] : l[2];
  }
  renderMapStatus();
  renderEngineInfo();
}

function setLanguage(lang) {
  state.lang = lang;
  try { localStorage.setItem('wor-lang', lang); } catch { /* ignore */ }
  applyStrings();
  for (const prefix of ['gp', 'sw']) {
    if (state.forms[prefix].engaged) update(prefix, 'refresh');
  }
  if (state.recept) renderRecept();
  regio?.then((m) => m?.setRegioLanguage(lang));
  if (referralLoop && !$('view-sw').hidden) openCaseload(); // referral-loop hook
}

// ---------------------------------------------------------------------------------------------------
// Header: the loaded maps

function regionName(regionId) {
  return state.maps.find((m) => m.region === regionId)?.region_name
    ?? state.index.find((m) => m.region === regionId)?.name
    ?? regionId;
}

const shortHash = (hash) => (hash || '').replace(/^sha256:/, '').slice(0, 8);

function renderMapStatus() {
  const box = $('map-status');
  if (!box) return;
  if (state.mapError && state.maps.length === 0) {
    fill(box, h('span', { class: 'map-error' }, tr('mapFailed', { msg: state.mapError })));
    return;
  }
  const confirmed = state.maps.length > 0;
  const list = confirmed ? state.maps : state.index;
  if (list.length === 0) {
    fill(box, h('span', {}, tr('mapLoading')));
    return;
  }
  const items = list.map((m) => h('li', { 'data-region': m.region, 'data-version': m.version, 'data-published': m.published },
    h('strong', {}, m.region_name ?? m.name), ' ',
    tr('mapVersion', { v: m.version }), ' · ',
    h('time', { datetime: m.published }, formatDate(m.published, L())), ' ',
    h('span', { class: 'hash', title: m.hash }, shortHash(m.hash))));
  const demo = confirmed && state.maps.some((m) => m.demo);
  const mismatches = confirmed ? state.index.filter((i) => {
    const m = state.maps.find((x) => x.region === i.region);
    return m && m.hash !== i.hash;
  }) : [];
  fill(box,
    h('span', { class: 'map-label' }, `${tr('mapLabel')}:`), ' ',
    h('ul', { class: 'map-list' }, items), ' ',
    demo ? h('span', { class: 'badge badge-demo', id: 'demo-badge', title: tr('demoTitle') }, tr('demoBadge')) : null, ' ',
    h('span', { class: confirmed ? 'map-state ok' : 'map-state' }, confirmed ? `✓ ${tr('mapConfirmed')}` : tr('mapChecking')),
    mismatches.map((m) => h('span', { class: 'map-error' }, ' ', tr('mapMismatch', { region: m.name, hash: shortHash(m.hash) }))),
  );
  box.dataset.confirmed = String(confirmed);
}

function renderEngineInfo() {
  const el = $('engine-info');
  if (el && state.info) el.textContent = tr('footerEngine', { engine: state.info.engine_version, rules: state.info.rules_version });
}

function stampText(map) {
  return tr('stamp', {
    region: regionName(map.region), version: map.version,
    date: formatDate(map.published, L()), hash: shortHash(map.hash),
  });
}

function stampEl(map, extra) {
  return h('p', {
    class: 'stamp', 'data-region': map.region, 'data-version': map.version,
    'data-published': map.published, 'data-hash': map.hash,
  }, stampText(map), extra ? ` · ${extra}` : '');
}

// ---------------------------------------------------------------------------------------------------
// Forms: generated controls

function buildForms() {
  for (const prefix of ['gp', 'sw']) {
    const box = $(`${prefix}-areas`);
    fill(box, ...state.areas.map((a) => {
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
  fill($('sw-days'), ...DAYS.map((d) => h('div', { class: 'check' },
    h('input', { type: 'checkbox', id: `sw-day-${d}`, name: 'day', value: d }),
    h('label', { for: `sw-day-${d}`, 'data-i18n': `day_${d}` }))));
  fill($('sw-times'), ...TIMES.map((x) => h('div', { class: 'check' },
    h('input', { type: 'checkbox', id: `sw-time-${x}`, name: 'time', value: x }),
    h('label', { for: `sw-time-${x}`, 'data-i18n': `time_${x}` }))));
  fill($('sw-audience'), ...AUDIENCES.map((a) => h('div', { class: 'check' },
    h('input', { type: 'checkbox', id: `sw-audience-${a}`, name: 'audience', value: a, 'aria-describedby': 'sw-audience-hint' }),
    h('label', { for: `sw-audience-${a}`, 'data-i18n': `audience_${a}` }))));
  fill($('sw-languages'), ...LANGUAGES.map(([code]) => h('div', { class: 'check' },
    h('input', { type: 'checkbox', id: `sw-lang-${code}`, name: 'language', value: code }),
    h('label', { for: `sw-lang-${code}`, 'data-language-label': code, lang: null }))));
}

// ---------------------------------------------------------------------------------------------------
// Reading a form into a referral (the JSON contract of design.md)

class InputProblem extends Error {
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

function readReferral(prefix) {
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
    const flags = FLAGS.filter((k) => f(`flag-${k}`).checked);
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
    const days = DAYS.filter((d) => f(`day-${d}`).checked);
    if (days.length) p.days = days;
    const times = TIMES.filter((x) => f(`time-${x}`).checked);
    if (times.length) p.times = times;
    const languages = LANGUAGES.map((l) => l[0]).filter((c) => f(`lang-${c}`).checked);
    if (languages.length) p.languages = languages;
    const group = document.querySelector('input[name="group"]:checked')?.value;
    if (group) p.group = group === 'true';
    if (f('wheelchair').checked) p.wheelchair = true;
    if (f('strict-days').checked) p.strict_days = true;
    if (Object.keys(p).length) referral.preferences = p;
    const audience = AUDIENCES.filter((a) => f(`audience-${a}`).checked);
    if (audience.length) referral.audience = audience;
  }
  return referral;
}

/** The form control that a contract field path refers to. */
function controlFor(prefix, field) {
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

// ---------------------------------------------------------------------------------------------------
// Errors

function clearError(prefix) {
  fill($(`${prefix}-error`));
  for (const el of $(`${prefix}-form`).querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    if (el.dataset.describedby !== undefined) {
      if (el.dataset.describedby) el.setAttribute('aria-describedby', el.dataset.describedby);
      else el.removeAttribute('aria-describedby');
      delete el.dataset.describedby;
    }
  }
}

function showError(prefix, problem, technical, focus) {
  clearError(prefix);
  const box = $(`${prefix}-error`);
  fill(box,
    h('p', { class: 'error-title' }, tr('errorTitle')),
    h('p', { class: 'error-text', 'data-field': problem.field || null }, problem.text),
    technical ? h('p', { class: 'error-detail' }, `${tr('errorTechnical')} `, h('span', { lang: 'en' }, technical)) : null,
  );
  const control = controlFor(prefix, problem.field);
  if (control) {
    control.setAttribute('aria-invalid', 'true');
    control.dataset.describedby = control.getAttribute('aria-describedby') ?? '';
    control.setAttribute('aria-describedby', `${control.dataset.describedby} ${prefix}-error`.trim());
    const details = control.closest('details');
    if (details) details.open = true;
    if (focus) control.focus();
  }
  const out = $(`${prefix}-output`);
  fill(out, h('p', { class: 'placeholder' }, tr(prefix === 'gp' ? 'placeholderGp' : 'placeholderSw')));
  out.dataset.state = 'error';
  state.forms[prefix].last = null;
}

// ---------------------------------------------------------------------------------------------------
// Computing and rendering

function areaLabel(id, short = false) {
  const a = state.areas.find((x) => x.id === id);
  if (!a) return id;
  if (short) return L() === 'nl' ? a.short_nl : a.short_en;
  return L() === 'nl' ? a.nl : a.en;
}

function hasPlace(prefix) {
  return $(`${prefix}-municipality`).value !== '' || $(`${prefix}-postcode`).value.trim() !== '';
}

/**
 * Recomputes one view. mode: 'submit' (show errors, move focus), 'live' (while typing: an error in
 * the field being edited waits until the field is left), 'blur' and 'refresh' (show errors).
 */
function update(prefix, mode) {
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

function scheduleUpdate(prefix, delay) {
  const form = state.forms[prefix];
  clearTimeout(form.timer);
  if (delay) form.timer = setTimeout(() => update(prefix, 'live'), delay);
  else update(prefix, 'live');
}

function markRendered(prefix, out, stateName) {
  const form = state.forms[prefix];
  form.renders += 1;
  out.dataset.state = stateName;
  out.dataset.renders = String(form.renders);
}

function block(titleKey, ...content) {
  return h('section', { class: 'block' }, h('h3', {}, tr(titleKey)), ...content);
}

/** Missing consent is not unsuitability: the GP asks first (the engine's `no_consent` rule). */
function askConsentFirst(d) {
  return d.route === 'not_eligible' && d.reasons.some((r) => r.rule === 'no_consent') && !d.reasons.some((r) => r.rule === 'age');
}

/** The reasons and, when there are any, the cautions of a triage decision (both views show them). */
function decisionBlocks(d, prefix) {
  const blocks = [block('reasonsTitle', h('ul', { class: 'reasons', id: `${prefix}-reasons` },
    d.reasons.map((r) => h('li', { 'data-rule': r.rule, 'data-assumption': r.assumption ? 'true' : null }, r[L()]))))];
  if (d.warnings.length) {
    blocks.push(h('section', { class: 'block warnings', id: `${prefix}-warnings-block` },
      h('h3', {}, tr('warningsTitle')),
      h('ul', { id: `${prefix}-warnings` }, d.warnings.map((w) => h('li', { 'data-code': w.code, 'data-assumption': w.assumption ? 'true' : null }, w[L()])))));
  }
  return blocks;
}

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

function renderGp(d, match, matchError) {
  const out = $('gp-output');
  const parts = [];
  parts.push(h('div', { class: `route-card route-${d.route}`, id: 'gp-route', 'data-route': d.route },
    h('p', { class: 'route-kicker' }, tr('routeKicker')),
    h('p', { class: 'route-label' },
      h('span', { class: 'route-icon', 'aria-hidden': 'true' }, ROUTE_ICON[d.route]),
      h('span', { class: 'route-text' }, d.headline[L()])),
    h('p', { class: 'route-hint' }, tr(askConsentFirst(d) ? 'routeHint_no_consent' : `routeHint_${d.route}`)),
    // The 4DKL/referrer signal; not shown where it would contradict the route (urgent, not eligible).
    d.route === 'urgent' || d.route === 'not_eligible' ? null
      : h('p', { class: 'route-signal', 'data-signal': d.mental_health_signal },
        `${tr('mhSignal')}: ${tr(`signal_${d.mental_health_signal}`)}`)));

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

  if (d.pathways.length) {
    parts.push(block('pathwaysTitle', h('ul', { class: 'pathways', id: 'gp-pathways' },
      d.pathways.map((p) => h('li', { 'data-pathway': p.id, 'data-assumption': p.assumption ? 'true' : null }, p[L()], p.assumption ? [' ', h('span', { class: 'tag tag-assumption' }, tr('assumptionTag'))] : null)))));
  }

  const socialRoute = d.route === 'wor' || d.route === 'wor_and_mgn';
  if (socialRoute) {
    if (match && match.suggestions.length) {
      parts.push(block('nearbyTitle',
        h('p', { class: 'muted' }, tr('nearbyHint')),
        h('ol', { class: 'nearby', id: 'gp-nearby' }, match.suggestions.map((s) => h('li', { 'data-activity-id': s.activity_id },
          h('span', { class: 'nearby-name' }, s.name), ' ',
          h('span', { class: 'muted' }, `${s.organisation} · ${kmText(s, match)} · ${costText(s.cost_eur_per_month)}`))))));
    } else if (matchError) {
      parts.push(block('nearbyTitle', h('p', { class: 'muted' }, tr('nearbyUnavailable', { msg: matchError }))));
    }
    parts.push(h('p', { class: 'actions' }, h('button', { type: 'button', class: 'btn btn-secondary', id: 'gp-to-sw', onclick: transferToSw }, `${tr('toSw')} →`)));
    // referral-loop hook: save as FHIR (www/referral-loop.js)
    parts.push(h('p', { class: 'actions' },
      h('button', { type: 'button', class: 'btn btn-secondary', id: 'gp-save-fhir', onclick: saveFhir }, lt(L(), 'saveFhir'))),
    h('p', { class: 'hint', id: 'gp-fhir-status', role: 'status' }, lt(L(), 'saveFhirHint')));
  }

  parts.push(match ? stampEl(match.map, tr('rules', { v: d.rules_version }))
    : h('p', { class: 'stamp' }, tr('rules', { v: d.rules_version })));

  fill(out, ...parts);
  markRendered('gp', out, 'result');
  out.dataset.route = d.route;
  $('gp-status').textContent = tr('gpStatus', { route: tr(`route_${d.route}`) });
}

/** "1,2 km vanaf postcodegebied 1181": the engine measures from a PC4 centroid or a town centre. */
function kmText(s, res) {
  return tr('kmFrom', { km: formatNumber(s.distance_km, L()), from: res.origin[L()] });
}

function costText(eur) {
  return eur === 0 ? tr('free') : tr('perMonth', { eur: formatEuro(eur, L()) });
}

function scheduleText(s) {
  if (s.by_appointment) return tr('byAppointment');
  if (!s.schedule.length) return tr('noSchedule');
  return s.schedule.map((x) => `${tr(`day_${x.day}`)} ${x.start}–${x.end}`).join(', ');
}

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
function renderSwRefusal(res, d) {
  const out = $('sw-output');
  fill(out,
    h('div', { class: `route-card route-${d.route}`, id: 'sw-refusal', 'data-route': d.route },
      h('p', { class: 'route-label' },
        h('span', { class: 'route-icon', 'aria-hidden': 'true' }, ROUTE_ICON[d.route]),
        h('span', { class: 'route-text' }, d.headline[L()])),
      h('p', { class: 'route-hint' }, h('strong', {}, `${tr('swRefusedTitle')}. `),
        tr(askConsentFirst(d) ? 'routeHint_no_consent' : `swRefused_${d.route}`))),
    ...decisionBlocks(d, 'sw'),
    d.pathways.length ? block('swInstead', h('ul', { class: 'pathways', id: 'sw-pathways' },
      d.pathways.map((p) => h('li', { 'data-pathway': p.id }, p[L()])))) : null,
    stampEl(res.map));
  markRendered('sw', out, 'refused');
  $('sw-status').textContent = `${d.headline[L()]}. ${tr('swRefusedTitle')}.`;
}

function renderSw(res, d) {
  if (d.route === 'urgent' || d.route === 'not_eligible') {
    renderSwRefusal(res, d);
    return;
  }
  const out = $('sw-output');
  const n = res.suggestions.length;
  const routeLabel = tr(`route_${res.route}`);
  const parts = [
    h('p', { class: 'result-meta', id: 'sw-count' }, n === 1 ? tr('countLineOne', { route: routeLabel }) : tr('countLine', { n, route: routeLabel })),
    stampEl(res.map),
    // referral-loop hook: add to the caseload (www/referral-loop.js)
    h('p', { class: 'actions' },
      h('button', { type: 'button', class: 'btn btn-secondary', id: 'sw-add-caseload', onclick: addToCaseload }, lt(L(), 'addToCaseload'))),
    h('p', { class: 'hint', id: 'sw-caseload-status', role: 'status' }),
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
            h('h3', { id: titleId }, h('span', { class: 'visually-hidden' }, `${tr('rank', { n: i + 1 })}: `), s.name),
            h('p', { class: 'org' }, `${s.organisation} · ${tr(`kind_${s.kind}`)}`)),
          s.requires_indication ? h('span', { class: 'badge badge-wmo' }, tr('wmoBadge')) : null),
        h('ul', { class: 'why' }, s.why.map((w) => h('li', { 'data-code': w.code }, w[L()]))),
        h('dl', { class: 'facts' },
          fact('factDistance', kmText(s, res)),
          fact('factWhen', scheduleText(s)),
          fact('factCost', costText(s.cost_eur_per_month)),
          fact('factWhere', `${s.address}${s.postcode ? `, ${s.postcode}` : ''}`),
          fact('factContact', contactNodes(s.contact))),
        h('div', { class: 's-foot' },
          stampEl(res.map),
          h('button', { type: 'button', class: 'btn btn-secondary', 'data-recept': s.activity_id },
            tr('makeRecept'), h('span', { class: 'visually-hidden' }, `: ${s.name}`)))));
  })));
  fill(out, ...parts);
  markRendered('sw', out, 'result');
  $('sw-status').textContent = tr('swStatus', { n });
}

// ---------------------------------------------------------------------------------------------------
// Transfer GP -> social worker

function transferToSw() {
  for (const id of ['age', 'postcode', 'text']) $(`sw-${id}`).value = $(`gp-${id}`).value;
  $('sw-municipality').value = $('gp-municipality').value;
  $('sw-consent').checked = $('gp-consent').checked;
  for (const a of state.areas) {
    const on = $(`gp-area-${a.id}`).checked;
    $(`sw-area-${a.id}`).checked = on;
    $(`sw-sev-${a.id}`).value = $(`gp-sev-${a.id}`).value;
    $(`sw-sev-${a.id}`).hidden = !on;
  }
  state.forms.sw.id = state.forms.gp.id;
  state.forms.sw.engaged = true;
  selectView('sw');
  update('sw', 'refresh');
  $('sw-results-title').focus();
}

// ---------------------------------------------------------------------------------------------------
// Views (tabs)

const VIEWS = ['gp', 'sw', 'regio'];

function selectView(name, focusTab = false) {
  closeRecept(false);
  for (const v of VIEWS) {
    const tab = $(`tab-${v}`);
    tab.setAttribute('aria-selected', String(v === name));
    $(`view-${v}`).hidden = v !== name;
  }
  if (focusTab) $(`tab-${name}`).focus();
  if (name === 'regio') openRegioView();
  if (name === 'sw') openCaseload(); // referral-loop hook
}

// The Regio view brings its own module and wasm (www/regio.js, www/pkg-eval/): fetched the first time
// the view opens, never for the GP and social-worker views.
let regio = null;

function openRegioView() {
  if (regio) return;
  regio = import('./regio.js')
    .then(async (m) => {
      await m.openRegio({ lang: L(), today: state.today });
      $('regio-loading').hidden = true;
      return m;
    })
    .catch((e) => {
      fill($('regio-loading'), h('span', { class: 'map-error' }, tr('regioFailed', { msg: e.message || String(e) })));
      regio = null;
    });
}

// ---------------------------------------------------------------------------------------------------
// The welzijnsrecept

function openRecept(activityId, returnFocus) {
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

function closeRecept(restoreFocus = true) {
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

function renderRecept() {
  const { s, map } = state.recept;
  const lang = L();
  $('recept').lang = lang;
  $('recept-title').textContent = tr('receptTitle');
  const when = s.by_appointment ? [tr('receptAppointment')]
    : s.schedule.length ? s.schedule.map((x) => tr('receptEvery', { day: tr(`day_${x.day}`), start: x.start, end: x.end }))
      : [tr('receptNoTimes')];
  const call = [];
  if (s.contact.phone) call.push(h('p', { class: 'recept-phone' }, tr('receptPhone', { phone: s.contact.phone })));
  if (s.contact.email) call.push(h('p', {}, tr('receptEmail', { email: s.contact.email })));
  if (s.contact.website) call.push(h('p', {}, tr('receptWebsite', { website: s.contact.website.replace(/^https?:\/\//, '') })));
  if (!call.length) call.push(h('p', {}, tr('receptNoContact')));
  const description = state.descriptions.get(s.activity_id);
  const row = (key, ...content) => h('div', { class: 'recept-row' }, h('dt', {}, tr(key)), h('dd', {}, ...content));
  fill($('recept-body'),
    h('p', { class: 'recept-lead' }, tr('receptLead')),
    h('dl', { class: 'recept-list' },
      row('receptWhat', h('p', { class: 'recept-name', id: 'recept-name' }, s.name), h('p', {}, s.organisation),
        description ? h('p', { class: 'recept-desc', lang: 'nl' }, description) : null),
      row('receptWhen', when.map((w) => h('p', { class: 'recept-when' }, w))),
      row('receptWhere', h('p', { class: 'recept-where' }, s.address), s.postcode ? h('p', {}, s.postcode) : null),
      row('receptCost', h('p', { class: 'recept-cost' }, s.cost_eur_per_month === 0 ? tr('receptFree') : tr('receptPaid', { eur: formatEuro(s.cost_eur_per_month, lang) }))),
      row('receptCall', h('div', { class: 'recept-call' }, call))),
    s.requires_indication ? h('p', { class: 'recept-note' }, tr('receptWmo')) : null,
    h('p', { class: 'recept-tip' }, tr('receptTip')),
    h('p', { class: 'recept-contact', id: 'recept-contact' }), // referral-loop hook: who calls by when
    h('div', { class: 'recept-worker' },
      h('p', {}, `${tr('receptWorker')}: `, h('span', { class: 'write-line' })),
      h('p', {}, `${tr('receptWorkerPhone')}: `, h('span', { class: 'write-line' }))),
    h('p', { class: 'recept-help' }, tr('receptHelp')),
    h('p', { class: 'stamp recept-stamp', 'data-region': map.region, 'data-version': map.version, 'data-published': map.published },
      `${tr('receptMade', { date: formatDate(state.today, lang) })} · ${stampText(map)}`),
  );
  fillReceptContact(map.region);
}

// ---------------------------------------------------------------------------------------------------
// Referral-loop hooks: the FHIR referral, the caseload and the recept's "who calls by when" live in
// www/referral-loop.js with their own wasm module (www/pkg-fhir/), fetched the first time one is used.

let referralLoop = null;

function loop() {
  referralLoop ??= import('./referral-loop.js').catch((e) => {
    referralLoop = null;
    throw e;
  });
  return referralLoop;
}

function loopContext() {
  return {
    lang: L(),
    today: state.today,
    policyFor: (region) => state.policyTexts.regions[region] ?? state.policyTexts.default,
  };
}

const loopError = (e) => lt(L(), 'loopFailed', { msg: e?.code ? explainError(L(), e).text : (e?.message || String(e)) });

async function saveFhir() {
  const status = $('gp-fhir-status');
  try {
    const m = await loop();
    const match = state.forms.gp.last?.match ?? null;
    const file = await m.saveFhirReferral({ referralJson: JSON.stringify(readReferral('gp')), region: match?.map.region, match, ctx: loopContext() });
    status.textContent = lt(L(), 'savedFhir', { file });
  } catch (e) {
    status.textContent = loopError(e);
  }
}

async function addToCaseload() {
  const status = $('sw-caseload-status');
  try {
    const m = await loop();
    const id = await m.addToCaseload({ referral: readReferral('sw'), match: state.forms.sw.last, ctx: loopContext() });
    status.textContent = lt(L(), 'addedToCaseload', { id });
    await m.renderCaseload($('caseload'), loopContext());
  } catch (e) {
    status.textContent = loopError(e);
  }
}

function openCaseload() {
  if (!state.ready) return;
  loop().then((m) => m.renderCaseload($('caseload'), loopContext()))
    .catch((e) => fill($('caseload'), h('p', { class: 'map-error' }, loopError(e))));
}

function fillReceptContact(region) {
  let referralJson;
  try {
    referralJson = JSON.stringify(readReferral('sw'));
  } catch {
    return; // the recept was made from a valid referral; a later edit leaves the line empty
  }
  loop().then((m) => m.receptContact({ referralJson, region, ctx: loopContext() }))
    .then((c) => {
      const el = $('recept-contact');
      if (!el) return;
      el.textContent = c.text;
      if (c.assumption) el.dataset.assumption = 'true';
    })
    .catch((e) => { const el = $('recept-contact'); if (el) el.textContent = loopError(e); });
}

// ---------------------------------------------------------------------------------------------------
// Wiring

function newId(prefix) {
  state.seq += 1;
  state.forms[prefix].id = `web-${state.seq}`;
}

function wireForm(prefix) {
  const form = $(`${prefix}-form`);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(state.forms[prefix].timer);
    update(prefix, 'submit');
  });
  form.addEventListener('input', (e) => {
    const el = e.target;
    const texty = el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && (el.type === 'text' || el.type === 'number'));
    scheduleUpdate(prefix, texty ? LIVE_DELAY_MS : 0);
  });
  form.addEventListener('change', () => scheduleUpdate(prefix, 0));
  form.addEventListener('focusout', (e) => {
    if (state.forms[prefix].engaged && e.target.matches('input, textarea, select')) {
      clearTimeout(state.forms[prefix].timer);
      setTimeout(() => update(prefix, 'blur'), 0);
    }
  });
  form.addEventListener('reset', () => {
    setTimeout(() => {
      for (const sel of form.querySelectorAll('select.severity')) sel.hidden = true;
      const f = state.forms[prefix];
      clearTimeout(f.timer);
      f.engaged = false;
      f.last = null;
      newId(prefix);
      clearError(prefix);
      const out = $(`${prefix}-output`);
      fill(out, h('p', { class: 'placeholder' }, tr(prefix === 'gp' ? 'placeholderGp' : 'placeholderSw')));
      out.dataset.state = 'placeholder';
    }, 0);
  });
}

function wire() {
  $('lang-toggle').addEventListener('click', () => setLanguage(L() === 'nl' ? 'en' : 'nl'));
  const tabs = VIEWS;
  for (const v of tabs) {
    const tab = $(`tab-${v}`);
    tab.addEventListener('click', () => selectView(v));
    tab.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft' && e.key !== 'Home' && e.key !== 'End') return;
      e.preventDefault();
      const i = tabs.indexOf(v);
      const next = e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1
        : (i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length;
      selectView(tabs[next], true);
    });
  }
  wireForm('gp');
  wireForm('sw');
  $('sw-output').addEventListener('click', (e) => {
    const btn = e.target.closest('button[data-recept]');
    if (btn) openRecept(btn.dataset.recept, btn);
  });
  $('recept-back').addEventListener('click', () => closeRecept(true));
  $('recept-print').addEventListener('click', () => window.print());
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.recept) closeRecept(true);
  });
}

async function loadMaps(wasmReady) {
  const indexResponse = await fetch('maps/index.json');
  if (!indexResponse.ok) throw new Error(`maps/index.json: HTTP ${indexResponse.status}`);
  state.index = await indexResponse.json();
  renderMapStatus();
  const texts = [];
  const policies = [];
  for (const m of state.index) { // one after the other: a few ms, and gentle on the small local server
    const r = await fetch(`maps/${m.file}`);
    if (!r.ok) throw new Error(`maps/${m.file}: HTTP ${r.status}`);
    texts.push(await r.text());
    if (m.policy) {
      const p = await fetch(`maps/${m.policy}`);
      if (!p.ok) throw new Error(`maps/${m.policy}: HTTP ${p.status}`);
      policies.push([m.region, m.policy, await p.text()]);
    }
  }
  const policyResponse = await fetch('maps/policy.txt');
  if (!policyResponse.ok) throw new Error(`maps/policy.txt: HTTP ${policyResponse.status}`);
  const defaultPolicy = await policyResponse.text();
  // referral-loop hook: the FHIR module triages with the same policies.
  state.policyTexts = { default: defaultPolicy, regions: Object.fromEntries(policies.map(([region, , text]) => [region, text])) };
  await wasmReady;
  setDefaultPolicy(defaultPolicy);
  const engine = new Engine();
  const problems = [];
  texts.forEach((text, i) => {
    try {
      engine.loadMap(text, state.today);
      for (const a of JSON.parse(text).activities ?? []) {
        if (a.id && a.description) state.descriptions.set(a.id, a.description);
      }
    } catch (e) {
      problems.push(`${state.index[i].file}: ${e.message}`);
    }
  });
  for (const [region, file, text] of policies) {
    try {
      engine.loadPolicy(region, text);
    } catch (e) {
      problems.push(`${file}: ${e.message}`);
    }
  }
  state.engine = engine;
  state.maps = engine.maps();
  if (problems.length) state.mapError = problems.join('; ');
}

async function main() {
  state.lang = initialLanguage();
  newId('gp');
  newId('sw');
  applyStrings();
  wire();
  const wasmReady = init();
  try {
    await Promise.all([wasmReady, loadMaps(wasmReady)]);
    state.info = engineInfo();
    state.areas = supportAreas();
    state.municipalities = municipalities();
  } catch (e) {
    state.mapError = e.message || String(e);
    renderMapStatus();
    document.body.dataset.ready = 'failed';
    return;
  }
  buildForms();
  applyStrings();
  state.ready = true;
  document.body.dataset.ready = 'true';
  // Anything typed while the engine was loading.
  update('gp', 'live');
  update('sw', 'live');
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('./sw.js').catch(() => { /* offline use is a bonus */ });
  }
}

main();
