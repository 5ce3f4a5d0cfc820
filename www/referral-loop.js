// The referral loop: the GP saves a referral as FHIR; the social worker keeps a caseload in this browser
// (IndexedDB), records what happened, exports it as historic cases and FHIR Task updates, and writes the
// feedback letter to the GP. Loaded (with its own wasm module, www/pkg-fhir/) the first time one of
// these is used, so the main page stays as small as before. Nothing is sent anywhere: data leave only as
// files the user saves.

import init, {
  exportReferral, whoCalls, historicCase, outcomeTask, feedbackTask,
} from './pkg-fhir/wor_fhir_wasm.js';
import { formatDate, explainError } from './i18n.js';
import { lt } from './loop-strings.js';

const DB_NAME = 'wor-caseload';
const STORE = 'cases';
const CHANNELS = ['', 'zorgdomein', 'vip_live', 'po_sociaal', 'direct', 'other'];
const PH = ['lichaamsfuncties', 'mentaal_welbevinden', 'zingeving', 'kwaliteit_van_leven', 'meedoen', 'dagelijks_functioneren'];
/** Default retention before old entries are offered for deletion (months). An assumption: the plan sets none. */
const DEFAULT_RETENTION_MONTHS = 24;

let wasm = null;
/** Loads the FHIR wasm module once. */
export function ready() {
  wasm ??= init();
  return wasm;
}

// -------------------------------------------------------------------------------------------------
// Small DOM helpers (the page's CSP forbids inline styles: classes only)

function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

function message(lang, e) {
  return e && e.code ? explainError(lang, e).text : (e?.message || String(e));
}

/** Offers `text` as a file download (a blob URL in this browser; no request leaves the machine). */
function download(file, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: file, class: 'visually-hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const safeName = (s) => String(s).replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 60);

// -------------------------------------------------------------------------------------------------
// GP: save the referral as a FHIR Bundle

/**
 * Saves the referral (JSON text) as a FHIR R4 transaction Bundle. `ctx` = { lang, today, policyFor }.
 * Returns the file name; throws (an engine error) for a route that does not include WoR.
 */
export async function saveFhirReferral({ referralJson, region, match, ctx }) {
  await ready();
  const extras = match ? {
    map: { region: match.map.region, version: match.map.version, hash: match.map.hash ?? '' },
    suggestions: match.suggestions.map((s) => ({
      activity_id: s.activity_id, name: s.name, organisation: s.organisation, distance_km: s.distance_km,
    })),
  } : {};
  // The form's ids (web-1, web-2, ...) restart with every visit; a receiving system needs a unique one.
  const referral = JSON.parse(referralJson);
  if (/^web-\d+$/.test(referral.id)) referral.id = newCaseId(ctx.today);
  const bundle = exportReferral(JSON.stringify(referral), ctx.policyFor(region), ctx.today, JSON.stringify(extras));
  const file = `verwijzing-${safeName(referral.id)}.fhir.json`;
  download(file, bundle, 'application/fhir+json');
  return file;
}

/** The welzijnsrecept's "who calls by when" line: { text, assumption }. */
export async function receptContact({ referralJson, region, ctx }) {
  await ready();
  const c = whoCalls(referralJson, ctx.policyFor(region), ctx.today);
  return {
    text: lt(ctx.lang, 'receptContact', { date: formatDate(c.due, ctx.lang), who: ctx.lang === 'nl' ? c.who_nl : c.who_en }),
    assumption: c.assumption,
  };
}

// -------------------------------------------------------------------------------------------------
// The caseload store (IndexedDB, this browser only)

function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function withStore(mode, fn) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const result = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(result?.result ?? result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Every entry; reading never creates the database (after "Caseload wissen" nothing is left behind). */
async function allEntries() {
  if (indexedDB.databases && !(await indexedDB.databases()).some((d) => d.name === DB_NAME)) return [];
  return (await withStore('readonly', (s) => s.getAll())) ?? [];
}
const putEntry = (entry) => withStore('readwrite', (s) => { s.put(entry); });
const deleteEntry = (id) => withStore('readwrite', (s) => { s.delete(id); });

/** Deletes the whole database (not only its rows), so nothing of the caseload stays behind. */
function deleteDatabase() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    req.onblocked = () => resolve();
  });
}

function newCaseId(today) {
  const rnd = crypto.getRandomValues(new Uint32Array(1))[0].toString(36);
  return `wor-${today.replaceAll('-', '')}-${rnd}`;
}

/** Adds the social worker's current referral and its suggestions to the caseload; returns its id. */
export async function addToCaseload({ referral, match, ctx }) {
  const id = newCaseId(ctx.today);
  const names = Object.fromEntries(match.suggestions.map((s) => [s.activity_id, s.name]));
  await putEntry({
    id,
    added: ctx.today,
    referral: { ...referral, id },
    map: { region: match.map.region, version: match.map.version },
    offered: match.suggestions.map((s) => s.activity_id),
    names,
    practice: referral.practice ?? '',
    channel: referral.channel ?? '',
    referred: referral.date ?? ctx.today,
    first_contact: '',
    conversations: 0,
    chosen: '',
    taken_into_care: false,
    first_attendance: '',
    arrived: false,
    still_attending_3m: false,
    ph_before: {},
    ph_after: {},
    next_review: '',
    status: 'open',
    notes: '',
  });
  return id;
}

// -------------------------------------------------------------------------------------------------
// Caseload -> historic cases and Tasks

/** PC4 only: the export never holds a full postcode. */
const pc4 = (postcode) => String(postcode).replace(/\s+/g, '').slice(0, 4);

/** A caseload entry as a `wor-historic-case/1` object (free text only when asked; notes never). */
export function toHistoricCase(entry, withText = false) {
  const r = { ...entry.referral };
  if (!withText) delete r.text;
  if (r.postcode) r.postcode = pc4(r.postcode);
  if (entry.practice) r.practice = entry.practice; else delete r.practice;
  if (entry.channel) r.channel = entry.channel; else delete r.channel;
  r.date = entry.referred;
  const c = {
    origin: 'caseload_export', // stated, never inferred (wor-historic-case/1)
    referral: r,
    map: entry.map,
    offered: entry.offered,
    dates: { referred: entry.referred },
    conversations: Number(entry.conversations) || 0,
    status: entry.status,
  };
  if (entry.chosen) c.chosen = entry.chosen;
  if (entry.first_contact) c.dates.first_contact = entry.first_contact;
  if (entry.first_attendance) c.dates.first_attendance = entry.first_attendance;
  if (entry.status === 'closed') {
    c.outcome = {
      arrived: !!entry.arrived,
      taken_into_care: !!entry.taken_into_care,
      still_attending_3m: !!entry.still_attending_3m,
    };
    const before = scores(entry.ph_before);
    const after = scores(entry.ph_after);
    if (before) c.outcome.positive_health_before = before;
    if (after) c.outcome.positive_health_after = after;
  }
  return c;
}

function scores(ph) {
  const out = {};
  for (const d of PH) if (ph?.[d] !== undefined && ph[d] !== '') out[d] = Number(ph[d]);
  return Object.keys(out).length ? out : null;
}

/** Every entry through `convert` (a wasm function over the case's JSON); problems per entry. */
function convertAll(entries, withText, convert, lang) {
  const lines = [];
  const problems = [];
  for (const e of entries) {
    try {
      lines.push(convert(JSON.stringify(toHistoricCase(e, withText))));
    } catch (err) {
      problems.push(lt(lang, 'exportProblem', { id: e.id, msg: message(lang, err) }));
    }
  }
  return { lines, problems };
}

// -------------------------------------------------------------------------------------------------
// The caseload view

const ui = { container: null, ctx: null, status: null, seq: 0 };

function setStatus(text) {
  if (ui.status) ui.status.textContent = text;
}

function monthsBetween(from, to) {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm);
}

/** Renders the caseload into `container` (the social-worker view). `ctx` = { lang, today, policyFor }. */
export async function renderCaseload(container, ctx) {
  await ready();
  ui.container = container;
  ui.ctx = ctx;
  await redraw();
}

async function redraw(statusText = '') {
  const { container, ctx } = ui;
  const L = ctx.lang;
  // Only the latest of overlapping redraws draws: an older one read the store before a later change.
  const seq = ++ui.seq;
  const entries = (await allEntries()).sort((a, b) => (a.referred + a.id).localeCompare(b.referred + b.id));
  if (seq !== ui.seq) return;
  const retention = Number(localStorage.getItem('wor-caseload-retention')) || DEFAULT_RETENTION_MONTHS;
  const old = entries.filter((e) => monthsBetween(e.added ?? e.referred, ctx.today) >= retention);
  const withText = h('input', { type: 'checkbox', id: 'caseload-with-text' });
  ui.status = h('p', { id: 'caseload-status', class: 'muted', role: 'status' }, statusText);
  const retentionInput = h('input', {
    type: 'number', id: 'caseload-retention', min: '1', max: '120', step: '1', value: String(retention),
    onchange: (ev) => { localStorage.setItem('wor-caseload-retention', String(Number(ev.target.value) || DEFAULT_RETENTION_MONTHS)); redraw(); },
  });
  const importInput = h('input', {
    type: 'file', id: 'caseload-import', accept: '.json,application/json',
    onchange: async (ev) => {
      const file = ev.target.files[0];
      if (!file) return;
      try {
        const list = JSON.parse(await file.text());
        if (!Array.isArray(list)) throw new Error('not a caseload export');
        for (const e of list) {
          if (!e || typeof e.id !== 'string' || !e.referral) throw new Error('not a caseload export');
        }
        for (const e of list) await putEntry(e);
        await redraw(lt(L, 'imported', { n: list.length }));
      } catch (e) {
        setStatus(lt(L, 'loopFailed', { msg: message(L, e) }));
      }
    },
  });
  const exportWith = (convert, file, type) => () => {
    const { lines, problems } = convertAll(entries, withText.checked, convert, L);
    if (lines.length) download(file, `${lines.join('\n')}\n`, type);
    setStatus([lt(L, 'exported', { n: lines.length, file }), ...problems].join(' '));
  };
  const closed = entries.filter((e) => e.status === 'closed');
  fill(container,
    h('h2', { id: 'caseload-title' }, lt(L, 'caseloadTitle')),
    h('p', { class: 'hint' }, lt(L, 'caseloadIntro')),
    ui.status,
    h('p', { id: 'caseload-count' }, entries.length ? lt(L, 'caseloadCount', { n: entries.length }) : lt(L, 'caseloadEmpty')),
    h('div', { class: 'field caseload-retention' }, h('label', { for: 'caseload-retention' }, lt(L, 'retention')), retentionInput),
    old.length ? h('div', { class: 'notice', id: 'caseload-old' },
      h('p', {}, lt(L, 'retentionOffer', { n: old.length, months: retention })),
      h('button', {
        type: 'button', class: 'btn btn-secondary', id: 'caseload-delete-old',
        onclick: async () => { for (const e of old) await deleteEntry(e.id); await redraw(); },
      }, lt(L, 'retentionDelete'))) : null,
    h('div', { class: 'check' }, withText, h('label', { for: 'caseload-with-text' }, lt(L, 'withText'))),
    h('p', { class: 'actions caseload-actions' },
      h('button', { type: 'button', class: 'btn btn-secondary', id: 'caseload-export-cases', disabled: !entries.length,
        onclick: exportWith(historicCase, `historische-casussen-${ctx.today}.jsonl`, 'application/x-ndjson') }, lt(L, 'exportCases')),
      h('button', { type: 'button', class: 'btn btn-secondary', id: 'caseload-export-tasks', disabled: !closed.length,
        onclick: () => {
          const { lines, problems } = convertAll(closed, false, outcomeTask, L);
          if (lines.length) download(`task-updates-${ctx.today}.jsonl`, `${lines.join('\n')}\n`, 'application/x-ndjson');
          setStatus([lt(L, 'exported', { n: lines.length, file: `task-updates-${ctx.today}.jsonl` }), ...problems].join(' '));
        } }, lt(L, 'exportTasks')),
      h('button', { type: 'button', class: 'btn btn-secondary', id: 'caseload-export-backup', disabled: !entries.length,
        onclick: () => download(`caseload-${ctx.today}.json`, JSON.stringify(entries, null, 1), 'application/json') }, lt(L, 'exportBackup')),
      h('span', { class: 'caseload-import' }, h('label', { for: 'caseload-import' }, lt(L, 'importBackup')), importInput),
      h('button', { type: 'button', class: 'btn btn-secondary', id: 'caseload-clear',
        onclick: async () => {
          if (!window.confirm(lt(L, 'clearConfirm'))) return;
          await deleteDatabase();
          localStorage.removeItem('wor-caseload-retention');
          await redraw(lt(L, 'cleared'));
        } }, lt(L, 'clearCaseload'))),
    h('ul', { class: 'caseload-list', id: 'caseload-list' }, entries.map((e) => entryItem(e, L))),
  );
}

function fill(el, ...children) {
  el.replaceChildren();
  for (const c of children.flat(Infinity)) if (c != null && c !== false) el.append(c);
}

function entryItem(e, L) {
  const key = (name) => `cl-${safeName(e.id)}-${name}`;
  const field = (name, label, input) => h('div', { class: 'field' }, h('label', { for: key(name) }, label), input);
  const check = (name, label, on) => h('div', { class: 'check' },
    h('input', { type: 'checkbox', id: key(name), checked: !!on }), h('label', { for: key(name) }, label));
  const date = (name, value) => h('input', { type: 'date', id: key(name), value: value || '' });
  const phInputs = (which, values) => h('fieldset', { class: 'caseload-ph' },
    h('legend', {}, lt(L, which === 'before' ? 'fPhBefore' : 'fPhAfter')),
    PH.map((d) => h('div', { class: 'field' },
      h('label', { for: key(`ph-${which}-${d}`) }, d.replaceAll('_', ' ')),
      h('input', { type: 'number', id: key(`ph-${which}-${d}`), min: '0', max: '10', step: '1', value: values?.[d] ?? '' }))));
  const chosen = h('select', { id: key('chosen') },
    h('option', { value: '' }, lt(L, 'chosenNone')),
    e.offered.map((id) => h('option', { value: id, selected: id === e.chosen }, e.names?.[id] ? `${e.names[id]} (${id})` : id)));
  const channel = h('select', { id: key('channel') },
    CHANNELS.map((c) => h('option', { value: c, selected: c === (e.channel || '') }, lt(L, `channel_${c}`))));
  const status = h('select', { id: key('status') },
    ['open', 'closed'].map((s) => h('option', { value: s, selected: s === e.status }, lt(L, `status_${s}`))));
  const $ = (name) => document.getElementById(key(name));
  const read = () => {
    const ph = (which) => Object.fromEntries(PH.map((d) => [d, $(`ph-${which}-${d}`).value]).filter(([, v]) => v !== ''));
    return {
      ...e,
      practice: $('practice').value.trim(),
      channel: $('channel').value,
      referred: $('referred').value || e.referred,
      first_contact: $('first-contact').value,
      conversations: Number($('conversations').value) || 0,
      offered: $('offered').value.split(',').map((s) => s.trim()).filter(Boolean),
      chosen: $('chosen').value,
      taken_into_care: $('taken').checked,
      first_attendance: $('first-attendance').value,
      arrived: $('arrived').checked,
      still_attending_3m: $('still').checked,
      ph_before: ph('before'),
      ph_after: ph('after'),
      next_review: $('next-review').value,
      status: $('status').value,
      notes: $('notes').value,
    };
  };
  return h('li', { class: 'caseload-entry', 'data-case-id': e.id, 'data-status': e.status },
    h('details', {},
      h('summary', {}, lt(L, 'entryTitle', { id: e.id, date: formatDate(e.referred, L), status: lt(L, `status_${e.status}`) })),
      h('form', { class: 'form caseload-form', novalidate: true, onsubmit: async (ev) => {
        ev.preventDefault();
        await putEntry(read());
        await redraw(lt(L, 'savedEntry'));
      } },
      field('practice', lt(L, 'fPractice'), h('input', { type: 'text', id: key('practice'), value: e.practice || '' })),
      field('channel', lt(L, 'fChannel'), channel),
      field('referred', lt(L, 'fReferred'), date('referred', e.referred)),
      field('first-contact', lt(L, 'fFirstContact'), date('first-contact', e.first_contact)),
      field('conversations', lt(L, 'fConversations'), h('input', { type: 'number', id: key('conversations'), min: '0', max: '50', step: '1', value: String(e.conversations ?? 0) })),
      field('offered', lt(L, 'fOffered'), h('input', { type: 'text', id: key('offered'), value: e.offered.join(', ') })),
      field('chosen', lt(L, 'fChosen'), chosen),
      check('taken', lt(L, 'fTaken'), e.taken_into_care),
      field('first-attendance', lt(L, 'fFirstAttendance'), date('first-attendance', e.first_attendance)),
      check('arrived', lt(L, 'fArrived'), e.arrived),
      check('still', lt(L, 'fStill'), e.still_attending_3m),
      phInputs('before', e.ph_before),
      phInputs('after', e.ph_after),
      field('next-review', lt(L, 'fNextReview'), date('next-review', e.next_review)),
      field('status', lt(L, 'fStatus'), status),
      field('notes', lt(L, 'fNotes'), h('textarea', { id: key('notes'), rows: '2' }, e.notes || '')),
      h('p', { class: 'actions' },
        h('button', { type: 'submit', class: 'btn btn-primary', id: key('save') }, lt(L, 'save')),
        h('button', { type: 'button', class: 'btn btn-secondary', id: key('feedback'), onclick: () => openLetter(read(), L) }, lt(L, 'feedback')),
        h('button', { type: 'button', class: 'btn btn-secondary', id: key('delete'),
          onclick: async () => { await deleteEntry(e.id); await redraw(); } }, lt(L, 'deleteEntry'))))));
}

// -------------------------------------------------------------------------------------------------
// Feedback to the GP: a short printable letter and a Task update

function openLetter(e, L) {
  const letter = document.getElementById('loop-letter') ?? h('section', { id: 'loop-letter', class: 'loop-letter', 'aria-labelledby': 'loop-letter-title' });
  if (!letter.isConnected) document.body.append(letter);
  const name = (id) => e.names?.[id] ? `${e.names[id]}` : id;
  const close = () => {
    letter.hidden = true;
    document.body.classList.remove('letter-open');
    document.getElementById(`cl-${safeName(e.id)}-feedback`)?.focus();
  };
  fill(letter,
    h('div', { class: 'recept-actions' },
      h('button', { type: 'button', class: 'btn btn-secondary', id: 'loop-letter-close', onclick: close }, lt(L, 'close')),
      h('button', { type: 'button', class: 'btn btn-secondary', id: 'loop-letter-task', onclick: () => {
        try {
          const task = feedbackTask(JSON.stringify(toHistoricCase(e, false)), e.next_review || '');
          download(`terugkoppeling-${safeName(e.id)}.fhir.json`, task, 'application/fhir+json');
        } catch (err) {
          window.alert(lt(L, 'loopFailed', { msg: message(L, err) }));
        }
      } }, lt(L, 'feedbackTask')),
      h('button', { type: 'button', class: 'btn btn-primary', id: 'loop-letter-print', onclick: () => window.print() }, lt(L, 'print'))),
    h('article', { class: 'recept-paper', lang: L },
      h('h2', { id: 'loop-letter-title', tabindex: '-1' }, lt(L, 'letterTitle')),
      h('p', {}, e.practice ? lt(L, 'letterTo', { practice: e.practice }) : lt(L, 'letterToUnknown')),
      h('p', {}, lt(L, 'letterAbout', { id: e.id, date: formatDate(e.referred, L) })),
      h('p', { id: 'loop-letter-contact' }, e.first_contact ? lt(L, 'letterContact', { date: formatDate(e.first_contact, L) }) : lt(L, 'letterNoContact')),
      e.conversations ? h('p', {}, lt(L, 'letterConversations', { n: e.conversations })) : null,
      h('p', { id: 'loop-letter-chosen' }, e.chosen ? lt(L, 'letterChosen', { name: name(e.chosen) }) : lt(L, 'letterNoChoice')),
      e.taken_into_care ? h('p', {}, lt(L, 'letterTaken')) : null,
      e.next_review ? h('p', { id: 'loop-letter-next' }, lt(L, 'letterNext', { date: formatDate(e.next_review, L) })) : null,
      h('p', {}, lt(L, 'letterSign'))));
  letter.hidden = false;
  document.body.classList.add('letter-open');
  document.getElementById('loop-letter-title').focus();
}
