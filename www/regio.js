// The Regio view: monitoring and the business case for a regional project lead. Loaded (with its own
// wasm module, www/pkg-eval/) only when the view opens, so the GP and social-worker views never fetch
// it. The historic-case file is read from disk with the File API and stays in this browser: nothing is
// uploaded, stored or put in a URL.

import init, { monitor, businessCase, defaultParams } from './pkg-eval/wor_eval_wasm.js';
import { t, explainProblem } from './i18n.js';

const state = { lang: 'nl', cases: null, practices: null, register: null, capacity: null, maps: [], params: null, timer: 0, runs: 0 };
const $ = (id) => document.getElementById(id);
const tr = (key, vars) => t(state.lang, key, vars);

/** Numeric parameters offered in the editor: path in the params JSON and the i18n key of its label. */
const FIELDS = [
  ['zvw_saving_per_extra_referral_eur', 'bcSaving'],
  ['social_worker_hours_per_referral', 'bcHours'],
  ['social_worker_rate_eur', 'bcRate'],
  ['follow_up_share', 'bcFollowShare'],
  ['follow_up_cost_eur', 'bcFollowCost'],
  ['indexation', 'bcIndexation'],
];

/** The editor's label of a params path (`regions.x.growth[0]` is the input `regions.x.growth.0`), else
 * the path itself. */
function paramLabel(path) {
  const dataPath = String(path).replace(/\[(\d+)\]/g, '.$1');
  const input = $('regio-params').querySelector(`input[data-path="${CSS.escape(dataPath)}"]`);
  return input?.previousSibling?.textContent ?? path;
}

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
  const field = (path, label, value, step = 'any') => {
    const id = `bc-${path.replace(/[^a-z0-9]+/gi, '-')}`;
    const wrap = document.createElement('div');
    wrap.className = 'field';
    const l = document.createElement('label');
    l.htmlFor = id;
    l.textContent = label;
    const input = document.createElement('input');
    Object.assign(input, { type: 'number', id, step, value: String(value) });
    input.dataset.path = path;
    wrap.append(l, input);
    return wrap;
  };
  for (const [path, key] of FIELDS) box.append(field(path, tr(key), getPath(state.params, path)));
  for (const [id, r] of Object.entries(state.params.regions)) {
    const fs = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = r.name;
    fs.append(legend, field(`regions.${id}.base_referrals`, tr('bcBase', { year: state.params.base_year }), r.base_referrals, '1'));
    r.growth.forEach((g, i) => {
      fs.append(field(`regions.${id}.growth.${i}`, tr('bcGrowth', { year: state.params.first_year + i }), g));
    });
    box.append(fs);
  }
}

function readEditor() {
  const params = structuredClone(state.params);
  for (const input of $('regio-params').querySelectorAll('input[data-path]')) {
    const v = Number(input.value);
    if (input.value === '' || !Number.isFinite(v)) throw new Error(tr('bcBadNumber', { field: input.previousSibling.textContent }));
    setPath(params, input.dataset.path, v);
  }
  return params;
}

function render() {
  setError('');
  const date = $('regio-date').value;
  const out = { monitor: $('regio-monitor'), bc: $('regio-bc') };
  try {
    // A register alone is enough: effort KPIs fall due before there are cases.
    if (state.cases !== null || state.register !== null) {
      const m = monitor(state.cases ?? '', date, $('regio-shared').checked, state.lang, state.practices ?? undefined,
        state.maps, state.register ?? undefined, state.capacity ?? undefined);
      out.monitor.innerHTML = m.html; // built and escaped by the wasm module: no scripts, no styles
      out.monitor.dataset.state = 'done';
      showWarnings(m.warnings);
    }
    const useActuals = $('regio-actuals').checked && state.cases !== null;
    const bc = businessCase(JSON.stringify(readEditor()), useActuals ? state.cases : undefined, date, state.lang);
    out.bc.innerHTML = bc.html;
    out.bc.dataset.net = String(bc.json.totals.net_effect_total_eur);
  } catch (e) {
    setError(errorText(e));
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
