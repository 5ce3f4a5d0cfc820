// The referral loop: the GP saves a referral as FHIR; the social worker keeps a caseload in this browser
// (IndexedDB), records what happened, exports it as historic cases and FHIR Task updates, and writes the
// feedback letter to the GP. Loaded (with its own wasm module, www/pkg-fhir/) the first time one of
// these is used, so the main page stays as small as before. Nothing is sent anywhere: data leave only as
// files the user saves.

import init, {
  exportReferral, importReferral, whoCalls, historicCase, outcomeTask, feedbackTask,
} from './pkg-fhir/wor_fhir_wasm.js';
import { formatDate, t } from './i18n.js';
import { h, fill } from './dom.js';
import { lt, loopMessage } from './loop-strings.js';
import * as store from './caseload-store.js';
import { state } from './state.js';

const PH = ['lichaamsfuncties', 'mentaal_welbevinden', 'zingeving', 'kwaliteit_van_leven', 'meedoen', 'dagelijks_functioneren'];
/** Default retention before old entries are offered for deletion (months). An assumption: the plan sets none. */
const DEFAULT_RETENTION_MONTHS = 24;
/** More conversations than this is a typing error (the plan counts a few per referral). */
const MAX_CONVERSATIONS = 50;

let wasm = null;
/** Loads the FHIR wasm module once. */
export function ready() {
  wasm ??= init();
  return wasm;
}

const message = loopMessage;

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
 * Saves the referral (JSON text) as a FHIR R4 transaction Bundle. `ctx` = { lang, today, policyFor, triage }.
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
  const json = JSON.stringify(referral);
  const bundle = exportReferral(json, ctx.triage(json), ctx.policyFor(region), ctx.today, JSON.stringify(extras));
  const file = `verwijzing-${safeName(referral.id)}.fhir.json`;
  download(file, bundle, 'application/fhir+json');
  return { file, id: referral.id };
}

/**
 * The GP's FHIR referral (a file's text) as the referral contract, its identifier as `id`. Refused, in
 * words, when it is no FHIR referral, and when the caseload already holds that identifier (that entry
 * is then unfolded).
 */
export async function takeIn(text, ctx) {
  await ready();
  let referral;
  try {
    ({ referral } = importReferral(text));
  } catch (e) {
    throw e?.code === 'invalid_json' || !e?.code ? new store.CaseloadError('notFhir') : e;
  }
  if (store.isUnlocked()) {
    const found = (await store.entries()).list.find((x) => x.entry.id === referral.id);
    if (found) {
      await showEntry(referral.id);
      throw new store.CaseloadError('duplicate', { id: referral.id });
    }
  }
  return referral;
}

/** Unfolds the caseload entry `id` and brings it into view. */
async function showEntry(id) {
  ui.open.add(id);
  if (ui.container) await redraw();
  const li = document.querySelector(`#caseload-list > li[data-case-id="${CSS.escape(id)}"]`);
  li?.scrollIntoView({ block: 'start' });
  li?.querySelector('summary')?.focus();
}

/** The welzijnsrecept's "who calls by when" line: { text, who (the region's role), assumption }. */
export async function receptContact({ referralJson, region, ctx }) {
  await ready();
  const c = whoCalls(referralJson, ctx.triage(referralJson), ctx.policyFor(region), ctx.today);
  const who = ctx.lang === 'nl' ? c.who_nl : c.who_en;
  return { text: lt(ctx.lang, 'receptContact', { date: formatDate(c.due, ctx.lang), who }), who, assumption: c.assumption };
}

// -------------------------------------------------------------------------------------------------
// Adding to the caseload (encrypted in this browser: www/caseload-store.js)

function newCaseId(today) {
  const rnd = crypto.getRandomValues(new Uint32Array(1))[0].toString(36);
  return `wor-${today.replaceAll('-', '')}-${rnd}`;
}

/** Adds the social worker's current referral and its suggestions to the caseload; returns its id. */
export async function addToCaseload({ referral, match, ctx }) {
  // A referral taken in from the GP keeps the GP's identifier; one typed in here gets a new one.
  const id = /^web-\d+$/.test(referral.id) ? newCaseId(ctx.today) : referral.id;
  const names = Object.fromEntries(match.suggestions.map((s) => [s.activity_id, s.name]));
  if (!store.isUnlocked()) {
    const st = await store.state();
    throw new Error(lt(ctx.lang, st === 'locked' ? 'locked' : 'noPassphrase'));
  }
  const entry = {
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
  };
  try {
    await store.add(entry);
  } catch (e) {
    if (e.key === 'duplicate') await showEntry(id);
    throw e;
  }
  ui.open.add(id); // the new entry is shown unfolded
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

/** Locks after this long without use (issue 35); a test may shorten it, never lengthen it. */
const IDLE_MS = 15 * 60 * 1000;
const idleMs = () => Math.min(IDLE_MS, Number(globalThis.worCaseloadIdleMs) || IDLE_MS);

// `open`: ids of the entries shown unfolded (kept across redraws); `dirty`: entries edited, not saved.
const ui = { container: null, ctx: null, status: null, seq: 0, open: new Set(), dirty: new Set(), persist: null, lastUse: 0, timer: null };

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

// -------------------------------------------------------------------------------------------------
// Locking: on "Vergrendelen", after IDLE_MS without use, and when another tab locks or clears

function used() {
  if (!store.isUnlocked()) return;
  // A timer in a background tab may fire late: the time since the last use decides.
  if (Date.now() - ui.lastUse > idleMs()) {
    lockNow('lockedIdle');
    return;
  }
  ui.lastUse = Date.now();
  clearTimeout(ui.timer);
  ui.timer = setTimeout(() => lockNow('lockedIdle'), idleMs());
}

function startIdleTimer() {
  ui.lastUse = Date.now();
  used();
}

for (const type of ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart']) {
  document.addEventListener(type, used, { capture: true, passive: true });
}
document.addEventListener('visibilitychange', () => { if (!document.hidden) used(); });

/** Drops the keys and every decrypted word on the page (the list, an open letter, unsaved edits). */
function lockNow(reason, everywhere = false) {
  store.lock({ everywhere });
  clearTimeout(ui.timer);
  ui.dirty.clear();
  // The lines that named a case id beside the social-worker form go too.
  for (const id of ['sw-caseload-status', 'sw-intake-status']) {
    const line = document.getElementById(id);
    if (line) line.textContent = '';
  }
  const letter = document.getElementById('loop-letter');
  if (letter) {
    letter.replaceChildren();
    letter.hidden = true;
    document.body.classList.remove('letter-open');
  }
  if (ui.container) redraw(lt(ui.ctx.lang, reason));
}

store.onOtherTab((type) => {
  if (!ui.container) return;
  if (type === 'locked') lockNow('lockedElsewhere');
  else if (type === 'cleared') lockNow('clearedElsewhere');
  else if (type === 'changed' && ui.dirty.size === 0) redraw(lt(ui.ctx.lang, 'reloadedOtherTab'));
  else if (type === 'changed') setStatus(lt(ui.ctx.lang, 'changedOtherTab'));
});

// -------------------------------------------------------------------------------------------------
// Drawing

async function redraw(statusText = '') {
  const { container, ctx } = ui;
  const L = ctx.lang;
  // Only the latest of overlapping redraws draws: an older one read the store before a later change.
  const seq = ++ui.seq;
  let st;
  let read = { list: [], damaged: 0 };
  try {
    st = await store.state();
    if (st === 'unlocked') read = await store.entries();
  } catch (e) {
    if (seq === ui.seq) fill(container, h('p', { class: 'map-error', role: 'alert' }, lt(L, 'loopFailed', { msg: message(L, e) })));
    return;
  }
  if (seq !== ui.seq) return;
  // Focus stays where it was when the list is drawn again (after "Opslaan" on the same button).
  const focused = document.activeElement?.id;
  ui.status = h('p', { id: 'caseload-status', class: 'muted', role: 'status' },
    [statusText, read.damaged ? lt(L, 'damagedRecords', { n: read.damaged }) : ''].filter(Boolean).join(' '));
  const head = [h('h2', { id: 'caseload-title' }, lt(L, 'caseloadTitle')), h('p', { class: 'hint' }, lt(L, 'caseloadIntro'))];
  if (st === 'unlocked') fill(container, head, ui.status, unlockedView(read.list, L, ctx));
  else if (st === 'locked') fill(container, head, ui.status, lockedView(L));
  else fill(container, head, ui.status, passphraseView(L, st === 'plain'));
  if (focused) document.getElementById(focused)?.focus();
}

/** A passphrase field with its own error line (`aria-describedby`). */
function passField(id, label, autocomplete) {
  return h('div', { class: 'field field-medium' },
    h('label', { for: id }, label),
    h('input', { type: 'password', id, autocomplete, 'aria-describedby': `${id}-error`, spellcheck: 'false' }),
    h('p', { id: `${id}-error`, class: 'field-error', hidden: true }));
}

function showFieldError(id, text) {
  const input = document.getElementById(id);
  const err = document.getElementById(`${id}-error`);
  err.textContent = text;
  err.hidden = !text;
  if (text) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  if (text) input.focus();
}

/** First use (or a plain caseload from before): choose the passphrase, with what forgetting it means. */
function passphraseView(L, plain) {
  const submit = async (ev) => {
    ev.preventDefault();
    const pass = document.getElementById('caseload-pass-new').value;
    const again = document.getElementById('caseload-pass-repeat').value;
    showFieldError('caseload-pass-new', '');
    showFieldError('caseload-pass-repeat', '');
    if (pass.length < store.MIN_PASSPHRASE) return showFieldError('caseload-pass-new', lt(L, 'passphraseShort', { n: store.MIN_PASSPHRASE }));
    if (pass !== again) return showFieldError('caseload-pass-repeat', lt(L, 'passphraseMismatch'));
    setStatus(lt(L, 'working'));
    try {
      const migrated = await store.setPassphrase(pass);
      startIdleTimer();
      ui.persist = await store.persistence();
      await redraw(plain ? lt(L, 'migrated', { n: migrated }) : lt(L, 'passphraseSet'));
    } catch (e) {
      setStatus(lt(L, 'loopFailed', { msg: message(L, e) }));
    }
    return undefined;
  };
  return h('form', { class: 'form caseload-lock', id: 'caseload-setup', novalidate: true, onsubmit: submit },
    h('h3', {}, lt(L, 'setupTitle')),
    plain ? h('p', { class: 'notice', id: 'caseload-plain' }, lt(L, 'plainFound')) : null,
    h('p', {}, lt(L, 'setupIntro', { n: store.MIN_PASSPHRASE })),
    h('p', { class: 'notice', id: 'caseload-forgotten' }, h('strong', {}, lt(L, 'forgottenWarning'))),
    passField('caseload-pass-new', lt(L, 'passLabel'), 'new-password'),
    passField('caseload-pass-repeat', lt(L, 'passRepeat'), 'new-password'),
    h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'caseload-setup-submit' }, lt(L, 'setupButton'))));
}

function lockedView(L) {
  const submit = async (ev) => {
    ev.preventDefault();
    const input = document.getElementById('caseload-pass');
    showFieldError('caseload-pass', '');
    setStatus(lt(L, 'working'));
    try {
      await store.unlock(input.value);
      startIdleTimer();
      ui.persist ??= await store.persistence();
      await redraw(lt(L, 'unlocked'));
    } catch (e) {
      input.value = '';
      setStatus('');
      showFieldError('caseload-pass', message(L, e));
    }
  };
  return [
    h('form', { class: 'form caseload-lock', id: 'caseload-unlock', novalidate: true, onsubmit: submit },
      h('h3', {}, lt(L, 'lockedTitle')),
      h('p', {}, lt(L, 'lockedIntro')),
      passField('caseload-pass', lt(L, 'passLabel'), 'current-password'),
      h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'caseload-unlock-submit' }, lt(L, 'unlockButton')))),
    h('p', { class: 'hint' }, lt(L, 'forgottenLocked')),
    clearButton(L),
  ];
}

function clearButton(L) {
  return h('p', { class: 'actions' }, h('button', { type: 'button', class: 'btn btn-secondary', id: 'caseload-clear',
    onclick: async () => {
      if (!window.confirm(lt(L, 'clearConfirm'))) return;
      await store.wipe();
      localStorage.removeItem('wor-caseload-retention');
      ui.open.clear();
      ui.dirty.clear();
      await redraw(lt(L, 'cleared'));
    } }, lt(L, 'clearCaseload')));
}

function unlockedView(list, L, ctx) {
  const items = list.sort((a, b) => (a.entry.referred + a.entry.id).localeCompare(b.entry.referred + b.entry.id));
  const entries = items.map((x) => x.entry);
  const retention = Number(localStorage.getItem('wor-caseload-retention')) || DEFAULT_RETENTION_MONTHS;
  const old = items.filter((x) => monthsBetween(x.entry.added ?? x.entry.referred, ctx.today) >= retention);
  const withText = h('input', { type: 'checkbox', id: 'caseload-with-text' });
  const retentionInput = h('input', {
    type: 'number', id: 'caseload-retention', min: '1', max: '120', step: '1', value: String(retention),
    onchange: (ev) => { localStorage.setItem('wor-caseload-retention', String(Number(ev.target.value) || DEFAULT_RETENTION_MONTHS)); redraw(); },
  });
  const change = async (work, doneKey) => {
    try {
      await work();
      await redraw(doneKey ? lt(L, doneKey) : '');
    } catch (e) {
      // The caseload's own problems are whole sentences ("... Er is niets gewijzigd.").
      await redraw(e.key ? message(L, e) : lt(L, 'loopFailed', { msg: message(L, e) }));
    }
  };
  const restore = async () => {
    const file = document.getElementById('caseload-import').files[0];
    const pass = document.getElementById('caseload-restore-pass');
    showFieldError('caseload-restore-pass', '');
    if (!file) return setStatus(lt(L, 'restoreNoFile'));
    setStatus(lt(L, 'working'));
    try {
      const { added, kept, plain } = await store.restore(await file.text(), pass.value);
      pass.value = '';
      await redraw([lt(L, 'restored', { added, kept }), plain ? lt(L, 'restoredPlain') : ''].join(' ').trim());
    } catch (e) {
      setStatus('');
      pass.value = '';
      if (e.key === 'wrongPassphrase') showFieldError('caseload-restore-pass', message(L, e));
      else setStatus(lt(L, 'loopFailed', { msg: message(L, e) }));
    }
    return undefined;
  };
  const exportWith = (convert, file, type) => () => {
    const { lines, problems } = convertAll(entries, withText.checked, convert, L);
    withText.checked = false; // the free text is asked for per export
    if (lines.length) download(file, `${lines.join('\n')}\n`, type);
    setStatus([lt(L, 'exported', { n: lines.length, file }), ...problems].join(' '));
  };
  const closed = entries.filter((e) => e.status === 'closed');
  // A disabled button says why, beside it (a disabled button cannot be focused to ask).
  const why = (id, key, off) => (off ? { 'aria-describedby': id, hint: h('p', { class: 'hint', id }, lt(L, key)) } : {});
  const emptyWhy = why('caseload-empty-why', 'emptyHint', !entries.length);
  const tasksWhy = why('caseload-tasks-why', 'tasksHint', entries.length && !closed.length);
  return [
    h('p', { class: 'actions caseload-lock-actions' },
      h('button', { type: 'button', class: 'btn btn-secondary', id: 'caseload-lock', onclick: () => lockNow('lockedManual', true) }, lt(L, 'lockButton')),
      h('span', { class: 'hint' }, lt(L, 'idleNote'))),
    ui.persist === 'refused' ? h('p', { class: 'notice', id: 'caseload-persist' }, lt(L, 'persistRefused')) : null,
    h('p', { id: 'caseload-count' }, entries.length ? lt(L, 'caseloadCount', { n: entries.length }) : lt(L, 'caseloadEmpty')),
    old.length ? h('div', { class: 'notice', id: 'caseload-old' },
      h('p', {}, lt(L, 'retentionOffer', { n: old.length, months: retention })),
      h('button', { type: 'button', class: 'btn btn-secondary', id: 'caseload-delete-old', onclick: () => change(() => store.remove(old)) },
        lt(L, 'retentionDelete'))) : null,
    // The referrals first; exports, backup and retention below them.
    h('ul', { class: 'caseload-list', id: 'caseload-list' }, items.map((x) => entryItem(x, L, change, ctx.today))),
    h('h3', { class: 'caseload-tools-title' }, lt(L, 'toolsTitle')),
    h('div', { class: 'check' }, withText, h('label', { for: 'caseload-with-text' }, lt(L, 'withText'))),
    h('p', { class: 'actions caseload-actions' },
      h('button', { type: 'button', class: 'btn btn-secondary', id: 'caseload-export-cases', disabled: !entries.length, 'aria-describedby': emptyWhy['aria-describedby'],
        onclick: exportWith(historicCase, `historische-casussen-${ctx.today}.jsonl`, 'application/x-ndjson') }, lt(L, 'exportCases')),
      h('button', { type: 'button', class: 'btn btn-secondary', id: 'caseload-export-tasks', disabled: !closed.length, 'aria-describedby': tasksWhy['aria-describedby'],
        onclick: () => {
          const { lines, problems } = convertAll(closed, false, outcomeTask, L);
          if (lines.length) download(`task-updates-${ctx.today}.jsonl`, `${lines.join('\n')}\n`, 'application/x-ndjson');
          setStatus([lt(L, 'exported', { n: lines.length, file: `task-updates-${ctx.today}.jsonl` }), ...problems].join(' '));
        } }, lt(L, 'exportTasks')),
      h('button', { type: 'button', class: 'btn btn-secondary', id: 'caseload-export-backup', disabled: !entries.length, 'aria-describedby': emptyWhy['aria-describedby'],
        onclick: async () => {
          try {
            const file = `caseload-backup-${ctx.today}.json`;
            download(file, await store.backup(), 'application/json');
            setStatus(lt(L, 'backupSaved', { file }));
          } catch (e) {
            setStatus(lt(L, 'loopFailed', { msg: message(L, e) }));
          }
        } }, lt(L, 'exportBackup'))),
    emptyWhy.hint, tasksWhy.hint,
    h('fieldset', { class: 'caseload-restore' },
      h('legend', {}, lt(L, 'importBackup')),
      h('div', { class: 'field' }, h('label', { for: 'caseload-import' }, lt(L, 'restoreFile')),
        h('input', { type: 'file', id: 'caseload-import', accept: '.json,application/json' })),
      passField('caseload-restore-pass', lt(L, 'restorePass'), 'current-password'),
      h('p', { class: 'actions' }, h('button', { type: 'button', class: 'btn btn-secondary', id: 'caseload-restore', onclick: restore }, lt(L, 'restoreButton')))),
    h('div', { class: 'field field-medium caseload-retention' }, h('label', { for: 'caseload-retention' }, lt(L, 'retention')), retentionInput),
    clearButton(L),
  ];
}

/** A whole number within [min, max], or an empty field. */
const wholeIn = (v, min, max) => v === '' || v === undefined || (Number.isInteger(Number(v)) && Number(v) >= min && Number(v) <= max);

/**
 * What cannot be true of an entry, each at its field (`name`, the control's suffix) with the sentence's
 * key: dates in the future or before the referral (or the first contact), counts and scores out of range.
 */
export function entryProblems(e, today) {
  const out = [];
  const add = (name, key, params = {}) => out.push({ name, key, params });
  if (!e.referred) add('referred', 'errRequired');
  else if (e.referred > today) add('referred', 'errFuture');
  const after = (name, value, { past = true, contact = false } = {}) => {
    if (!value) return;
    if (past && value > today) add(name, 'errFuture');
    else if (e.referred && value < e.referred) add(name, 'errBeforeReferral', { date: e.referred });
    else if (contact && e.first_contact && value < e.first_contact) add(name, 'errBeforeContact', { date: e.first_contact });
  };
  after('first-contact', e.first_contact);
  after('first-attendance', e.first_attendance, { contact: true });
  after('next-review', e.next_review, { past: false });
  if (!wholeIn(e.conversations, 0, MAX_CONVERSATIONS)) add('conversations', 'errCount', { max: MAX_CONVERSATIONS });
  for (const which of ['before', 'after']) {
    for (const d of PH) if (!wholeIn(e[`ph_${which}`]?.[d], 0, 10)) add(`ph-${which}-${d}`, 'errScore');
  }
  return out;
}

/** One entry, folded; `change(work, doneKey)` runs a store change and redraws with its outcome. */
function entryItem(item, L, change, today) {
  const e = item.entry;
  const key = (name) => `cl-${safeName(e.id)}-${name}`;
  const $ = (name) => document.getElementById(key(name));
  const errorLine = (name) => h('p', { id: key(`${name}-error`), class: 'field-error', hidden: true });
  const field = (name, label, input) => {
    input.setAttribute('aria-describedby', key(`${name}-error`));
    return h('div', { class: 'field' }, h('label', { for: key(name) }, label), input, errorLine(name));
  };
  const check = (name, label, on) => h('div', { class: 'check' },
    h('input', { type: 'checkbox', id: key(name), checked: !!on }), h('label', { for: key(name) }, label));
  const date = (name, value, past = true) => h('input', { type: 'date', id: key(name), value: value || '', max: past ? today : null });
  const phInputs = (which, values) => h('fieldset', { class: 'caseload-ph' },
    h('legend', {}, lt(L, which === 'before' ? 'fPhBefore' : 'fPhAfter')),
    PH.map((d) => field(`ph-${which}-${d}`, t(L, `ph_${d}`), // the GP form's labels
      h('input', { type: 'number', id: key(`ph-${which}-${d}`), min: '0', max: '10', step: '1', inputmode: 'numeric', value: values?.[d] ?? '' }))));
  // Every suggestion the entry knows, offered first, each by its name (its id only when no name is known).
  const known = [...new Set([...e.offered, ...Object.keys(e.names ?? {})])];
  const name = (id) => e.names?.[id] ?? id;
  const offered = h('fieldset', { class: 'caseload-offered' },
    h('legend', {}, lt(L, 'fOffered')),
    e.map ? h('p', { class: 'hint' }, lt(L, 'fromMap', { region: e.map.region, version: e.map.version })) : null,
    known.map((id, i) => h('div', { class: 'check' },
      h('input', { type: 'checkbox', id: key(`offered-${i}`), 'data-activity': id, checked: e.offered.includes(id) }),
      h('label', { for: key(`offered-${i}`), lang: 'nl' }, name(id)))));
  const chosen = h('select', { id: key('chosen') },
    h('option', { value: '' }, lt(L, 'chosenNone')),
    known.map((id) => h('option', { value: id, selected: id === e.chosen, lang: 'nl' }, name(id))));
  const channel = h('select', { id: key('channel') },
    // The engine's channels (its vocabulary); '' is "unknown". Before the engine loads, only that.
    ['', ...(state.vocab?.channels ?? [])].map((c) => h('option', { value: c, selected: c === (e.channel || '') }, lt(L, `channel_${c}`))));
  const status = h('select', { id: key('status') },
    ['open', 'closed'].map((s) => h('option', { value: s, selected: s === e.status }, lt(L, `status_${s}`))));
  const read = () => {
    const ph = (which) => Object.fromEntries(PH.map((d) => [d, $(`ph-${which}-${d}`).value]).filter(([, v]) => v !== '').map(([d, v]) => [d, Number(v)]));
    const pick = $('chosen').value;
    const ticked = known.filter((_, i) => $(`offered-${i}`).checked);
    const conversations = $('conversations').value;
    return {
      ...e,
      practice: $('practice').value.trim(),
      channel: $('channel').value,
      referred: $('referred').value,
      first_contact: $('first-contact').value,
      conversations: conversations === '' ? 0 : Number(conversations),
      // What was chosen was offered.
      offered: pick && !ticked.includes(pick) ? [...ticked, pick] : ticked,
      chosen: pick,
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
  /** Shows each problem beside its field (and nothing beside the others); focus on the first. */
  const showProblems = (problems) => {
    for (const el of document.querySelectorAll(`[data-case-id="${CSS.escape(e.id)}"] .field-error`)) {
      el.hidden = true;
      el.textContent = '';
      document.querySelector(`[aria-describedby="${el.id}"]`)?.removeAttribute('aria-invalid');
    }
    for (const p of problems) {
      const el = $(`${p.name}-error`);
      el.textContent = lt(L, p.key, { ...p.params, date: p.params.date ? formatDate(p.params.date, L) : undefined });
      el.hidden = false;
      $(p.name).setAttribute('aria-invalid', 'true');
    }
    if (problems.length) $(problems[0].name).focus();
  };
  const summary = [lt(L, 'entryTitle', { id: e.id, date: formatDate(e.referred, L), status: lt(L, `status_${e.status}`) }),
    e.chosen ? ` · ${lt(L, 'entryChosen', { name: name(e.chosen) })}` : ''].join('');
  return h('li', { class: 'caseload-entry', 'data-case-id': e.id, 'data-status': e.status },
    h('details', { open: ui.open.has(e.id), ontoggle: (ev) => { if (ev.target.open) ui.open.add(e.id); else ui.open.delete(e.id); } },
      h('summary', {}, summary),
      h('form', { class: 'form caseload-form', novalidate: true, oninput: () => ui.dirty.add(e.id), onsubmit: (ev) => {
        ev.preventDefault();
        const entry = read();
        const problems = entryProblems(entry, today);
        showProblems(problems);
        if (problems.length) return setStatus(lt(L, 'notSaved', { n: problems.length }));
        // A refused save (changed in another tab) redraws the stored version: the edit is no longer pending.
        return change(() => store.save(entry, item.v).finally(() => ui.dirty.delete(e.id)), 'savedEntry');
      } },
      field('practice', lt(L, 'fPractice'), h('input', { type: 'text', id: key('practice'), value: e.practice || '' })),
      field('channel', lt(L, 'fChannel'), channel),
      field('referred', lt(L, 'fReferred'), date('referred', e.referred)),
      field('first-contact', lt(L, 'fFirstContact'), date('first-contact', e.first_contact)),
      field('conversations', lt(L, 'fConversations'), h('input', { type: 'number', id: key('conversations'), min: '0', max: String(MAX_CONVERSATIONS), step: '1', inputmode: 'numeric', value: String(e.conversations ?? 0) })),
      offered,
      field('chosen', lt(L, 'fChosen'), chosen),
      check('taken', lt(L, 'fTaken'), e.taken_into_care),
      field('first-attendance', lt(L, 'fFirstAttendance'), date('first-attendance', e.first_attendance)),
      check('arrived', lt(L, 'fArrived'), e.arrived),
      check('still', lt(L, 'fStill'), e.still_attending_3m),
      phInputs('before', e.ph_before),
      phInputs('after', e.ph_after),
      field('next-review', lt(L, 'fNextReview'), date('next-review', e.next_review, false)),
      field('status', lt(L, 'fStatus'), status),
      field('notes', lt(L, 'fNotes'), h('textarea', { id: key('notes'), rows: '2' }, e.notes || '')),
      h('p', { class: 'actions' },
        h('button', { type: 'submit', class: 'btn btn-primary', id: key('save') }, lt(L, 'save')),
        h('button', { type: 'button', class: 'btn btn-secondary', id: key('feedback'), onclick: () => openLetter(read(), L) }, lt(L, 'feedback')),
        h('button', { type: 'button', class: 'btn btn-secondary', id: key('delete'),
          onclick: () => change(() => store.remove([item])) }, lt(L, 'deleteEntry'))))));
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
