// The Regio view: monitoring and the business case for a regional project lead. Loaded (with its own
// wasm module, www/pkg-eval/) only when the view opens, so the GP and social-worker views never fetch
// it. The historic-case file is read from disk with the File API and stays in this browser: nothing is
// uploaded, stored or put in a URL.
//
// Every parameter is checked at its field as it is typed (regio-input.js reads decimal commas and
// percentages); a refused value is explained beside its field, and the figures it would change stay
// on screen marked as stale (visibly and for screen readers) until the input is valid again.

import init, { monitor, businessCase, defaultParams } from './pkg-eval/wor_eval_wasm.js';
import { t, explainProblem } from './i18n.js';
import { describedBy } from './errors.js';
import { KIND, readField } from './regio-input.js';

const state = {
  lang: 'nl', cases: null, practices: null, register: null, capacity: null, maps: [], params: null, timer: 0, runs: 0,
  shown: new Set(),
};
const $ = (id) => document.getElementById(id);
const tr = (key, vars) => t(state.lang, key, vars);

/**
 * Numeric parameters offered in the editor: path in the params JSON, the i18n key of its name, what it
 * holds, and for a share an example (the unit hint says "0,6 or 60%").
 */
const FIELDS = [
  ['zvw_saving_per_extra_referral_eur', 'bcSaving', KIND.amount, 'bcEuro'],
  ['social_worker_hours_per_referral', 'bcHours', KIND.amount],
  ['social_worker_rate_eur', 'bcRate', KIND.amount, 'bcEuro'],
  ['follow_up_share', 'bcFollowShare', KIND.share, 0.6],
  ['follow_up_cost_eur', 'bcFollowCost', KIND.amount, 'bcEuro'],
  ['indexation', 'bcIndexation', KIND.share, 0.03],
];
const GROWTH_EXAMPLE = 0.5;

/** The editor's input of a params path (`regions.x.growth[0]` is the input `regions.x.growth.0`). */
function paramInput(path) {
  const dataPath = String(path).replace(/\[(\d+)\]/g, '.$1');
  return $('regio-params').querySelector(`input[data-path="${CSS.escape(dataPath)}"]`);
}

/** The name of a params path as its field shows it, else the path itself. */
const paramLabel = (path) => paramInput(path)?.dataset.name ?? path;

const locale = () => (state.lang === 'en' ? 'en-GB' : 'nl-NL');
const percentText = (v) => new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 2 }).format(v);
/** A parameter's value as this language writes it (no thousands separators: it is edited). */
const numberText = (v) => new Intl.NumberFormat(locale(), { useGrouping: false, maximumFractionDigits: 10 }).format(v);

/** One problem the Regio module reported (`{field, code, params}`), worded from its code. */
function regioProblem(p) {
  const params = p.params ?? {};
  if (p.field === 'date') return tr('regioBadDate');
  if (p.field === 'maps') return tr('regioBadMap', { region: params.region ?? '' });
  const lists = { practices: 'regioBadPractices', register: 'regioBadRegister', capacity: 'regioBadCapacity' };
  if (lists[p.field]) {
    const inner = { ...p, field: params.field ?? 'start' };
    return tr(lists[p.field], { line: params.line, problem: explainProblem(state.lang, inner, (f) => f) });
  }
  if (params.line !== undefined) {
    return tr('regioCaseLine', { line: params.line, problem: explainProblem(state.lang, p, (f) => f) });
  }
  return explainProblem(state.lang, p, paramLabel);
}

/** A problem of the page's own check of a parameter field, worded like the engine's. */
function fieldProblem(name, { code, params }) {
  if (code === 'missing') return tr('bcMissing', { field: name });
  if (code === 'invalid_format') return tr('bcBadNumber', { field: name, got: params.value });
  if (code === 'share_out_of_range') return tr('bcShareRange', { field: name, got: params.got });
  if (code === 'growth_out_of_range') return tr('bcGrowthRange', { field: name, got: params.got });
  return explainProblem(state.lang, { field: name, code, params }, (f) => f);
}

/** A thrown error in the page's language: the module's (`WorError`, with codes) from its problems; the
 * page's own (no code, already worded) as it is. */
function errorText(e) {
  if (!e?.code) return e?.message || String(e);
  const problems = e.errors?.length ? e.errors : [e];
  return [...new Set(problems.map(regioProblem))].join(' ');
}

function setError(msg) {
  const box = $('regio-error');
  box.textContent = msg ? tr('regioError', { msg }) : '';
  box.hidden = !msg;
}

/** The message beside a field (none: `text` empty), which its `aria-describedby` points at. */
function setFieldError(input, text) {
  const id = `${input.id}-error`;
  let p = document.getElementById(id);
  if (!text) {
    p?.remove();
    describedBy(input, id, false);
    input.removeAttribute('aria-invalid');
    return;
  }
  if (!p) {
    p = Object.assign(document.createElement('p'), { id, className: 'field-error' });
    input.insertAdjacentElement('afterend', p);
    describedBy(input, id, true);
  }
  p.textContent = text;
  input.setAttribute('aria-invalid', 'true');
}

/**
 * Marks a result box as stale (`fields`: the names of what to correct) or current (`null`). Stale
 * figures stay readable, with a note above them in a live region that screen readers announce.
 */
function setStale(box, fields) {
  const note = $(`${box.id}-stale`);
  const stale = fields !== null && box.childElementCount > 0 && !box.querySelector('.placeholder');
  box.dataset.stale = String(stale);
  note.textContent = stale ? tr('regioStale', { fields: fields.join(', ') }) : '';
}

function getPath(obj, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

function setPath(obj, path, value) {
  const keys = path.split('.');
  const last = keys.pop();
  const target = keys.reduce((o, k) => o[k], obj);
  target[last] = value;
}

/** Builds the editor from the plan's parameters: the main amounts, and per region base and growth. */
function buildEditor() {
  const box = $('regio-params');
  box.replaceChildren();
  // A text field, not type=number: that one drops a decimal comma ("0,7" became "07") in some locales.
  const field = (path, name, kind, value, unit) => {
    const id = `bc-${path.replace(/[^a-z0-9]+/gi, '-')}`;
    const wrap = document.createElement('div');
    wrap.className = 'field';
    const l = document.createElement('label');
    l.htmlFor = id;
    l.textContent = unit ? `${name} ${unit}` : name;
    const input = document.createElement('input');
    Object.assign(input, { type: 'text', id, value: numberText(value), inputMode: 'decimal', autocomplete: 'off', spellcheck: false });
    Object.assign(input.dataset, { path, kind, name });
    wrap.append(l, input);
    if (kind !== KIND.amount) {
      // What a share or rate was read as ("= 60%"), so "60" and "0,6" are seen to mean the same.
      const read = Object.assign(document.createElement('p'), { id: `${id}-read`, className: 'hint read-as' });
      wrap.append(read);
      describedBy(input, read.id, true);
    }
    return wrap;
  };
  const example = (v) => tr('bcShareUnit', { fraction: numberText(v), percent: percentText(v) });
  for (const [path, key, kind, unit] of FIELDS) {
    const hint = kind === KIND.amount ? (unit ? tr(unit) : '') : example(unit);
    box.append(field(path, tr(key), kind, getPath(state.params, path), hint));
  }
  // The growth fields' unit once, not in every label.
  box.append(Object.assign(document.createElement('p'), { className: 'hint', textContent: tr('bcGrowthHint', { unit: example(GROWTH_EXAMPLE) }) }));
  for (const [id, r] of Object.entries(state.params.regions)) {
    const fs = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = r.name;
    fs.append(legend, field(`regions.${id}.base_referrals`, tr('bcBase', { year: state.params.base_year }), KIND.amount, r.base_referrals));
    r.growth.forEach((g, i) => {
      fs.append(field(`regions.${id}.growth.${i}`, tr('bcGrowth', { year: state.params.first_year + i }), KIND.growth, g));
    });
    box.append(fs);
  }
}

/**
 * The parameters as the fields say, each field checked: `{ params, invalid }` with the names of the
 * refused fields (each explained beside its field; shares and rates say what they were read as).
 */
function readEditor() {
  const params = structuredClone(state.params);
  const invalid = [];
  for (const input of $('regio-params').querySelectorAll('input[data-path]')) {
    const { kind, name, path } = input.dataset;
    const r = readField(input.value, kind);
    const read = $(`${input.id}-read`);
    if (read) read.textContent = r.problem ? '' : tr('bcReadAs', { percent: percentText(r.value) });
    setFieldError(input, r.problem ? fieldProblem(name, r.problem) : '');
    if (r.problem) invalid.push(name);
    else setPath(params, path, r.value);
  }
  return { params, invalid };
}

/**
 * Shows a thrown error where it belongs: a parameter's or the date's problems beside that field, the
 * rest (case file, practices list, maps) in the box above the inputs. Returns the names of the fields.
 */
function placeError(e) {
  const problems = e?.code ? (e.errors?.length ? e.errors : [e]) : [];
  const fields = [];
  const rest = [];
  for (const p of problems) {
    const input = p.field === 'date' ? $('regio-date') : paramInput(p.field);
    if (!input) {
      rest.push(regioProblem(p));
      continue;
    }
    setFieldError(input, regioProblem(p));
    fields.push(p.field === 'date' ? tr('regioDate') : paramLabel(p.field));
  }
  if (!e?.code) rest.push(errorText(e));
  if (rest.length) {
    // Both results may fail on the same file: its problems are listed once.
    for (const msg of rest) state.shown.add(msg);
    setError([...state.shown].join(' '));
    fields.push(tr('regioData'));
  }
  return [...new Set(fields)];
}

function renderMonitor(date) {
  const out = $('regio-monitor');
  // A register alone is enough: effort KPIs fall due before there are cases.
  if (state.cases === null && state.register === null) return;
  try {
    const m = monitor(state.cases ?? '', date, $('regio-shared').checked, state.lang, state.practices ?? undefined,
      state.maps, state.register ?? undefined, state.capacity ?? undefined);
    out.innerHTML = m.html; // built and escaped by the wasm module: no scripts, no styles
    out.dataset.state = 'done';
    showWarnings(m.warnings);
    setStale(out, null);
  } catch (e) {
    setStale(out, placeError(e));
  }
}

function renderBusinessCase(date) {
  const out = $('regio-bc');
  const { params, invalid } = readEditor();
  if (invalid.length) {
    setStale(out, invalid);
    return;
  }
  try {
    const useActuals = $('regio-actuals').checked && state.cases !== null;
    const bc = businessCase(JSON.stringify(params), useActuals ? state.cases : undefined, date, state.lang);
    out.innerHTML = bc.html;
    out.dataset.net = String(bc.json.totals.net_effect_total_eur);
    setStale(out, null);
  } catch (e) {
    setStale(out, placeError(e));
  }
}

function render() {
  setError('');
  state.shown.clear();
  const dateInput = $('regio-date');
  setFieldError(dateInput, '');
  const date = dateInput.value;
  if (!date) {
    // An empty date: both results wait for one.
    setFieldError(dateInput, tr('regioBadDate'));
    for (const id of ['regio-monitor', 'regio-bc']) setStale($(id), [tr('regioDate')]);
    readEditor();
  } else {
    renderMonitor(date);
    renderBusinessCase(date);
  }
  state.runs += 1;
  $('view-regio').dataset.runs = String(state.runs);
}

/** The input files' warnings (a register row not counted, with its line), as the module words them. */
function showWarnings(list) {
  const box = $('regio-warnings');
  box.replaceChildren(...list.map((w) => Object.assign(document.createElement('li'), { textContent: w })));
  box.hidden = list.length === 0;
}

function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(render, 150);
}

async function openFile(file, key, noteId) {
  if (!file) return;
  try {
    state[key] = await file.text();
    $(noteId).textContent = tr('regioFileLoaded', { name: file.name });
    render();
  } catch (e) {
    setError(errorText(e));
  }
}

/** The bundled social maps (the page's own static files), for the missing offer. */
async function loadMaps() {
  try {
    const index = await (await fetch('maps/index.json')).json();
    const texts = [];
    for (const m of index) texts.push(await (await fetch(`maps/${m.file}`)).text());
    state.maps = texts;
  } catch {
    state.maps = []; // the monitoring works without them, only the missing offer is left out
  }
}

/** Called once, when the Regio view first opens. */
export async function openRegio({ lang, today }) {
  state.lang = lang;
  await Promise.all([init(), loadMaps()]);
  state.params = JSON.parse(defaultParams());
  $('regio-date').value = today;
  buildEditor();
  $('regio-file').addEventListener('change', (e) => openFile(e.target.files[0], 'cases', 'regio-file-name'));
  $('regio-practices').addEventListener('change', (e) => openFile(e.target.files[0], 'practices', 'regio-practices-name'));
  $('regio-register').addEventListener('change', (e) => openFile(e.target.files[0], 'register', 'regio-register-name'));
  $('regio-capacity').addEventListener('change', (e) => openFile(e.target.files[0], 'capacity', 'regio-capacity-name'));
  for (const id of ['regio-date', 'regio-shared', 'regio-actuals']) $(id).addEventListener('change', render);
  $('regio-params').addEventListener('input', schedule);
  $('regio-reset').addEventListener('click', () => { buildEditor(); render(); });
  render();
  $('view-regio').dataset.ready = 'true';
}

/** The page's language changed: labels and the rendered sections follow. */
export function setRegioLanguage(lang) {
  state.lang = lang;
  if (!state.params) return;
  const values = readEditorSafe();
  buildEditor();
  for (const [path, v] of values) {
    const input = $('regio-params').querySelector(`input[data-path="${CSS.escape(path)}"]`);
    if (input) input.value = v;
  }
  render();
}

function readEditorSafe() {
  return [...$('regio-params').querySelectorAll('input[data-path]')].map((i) => [i.dataset.path, i.value]);
}
