// The page's hooks into the referral loop: the FHIR referral (GP view), the caseload (social-worker
// view) and the recept's "who calls by when". The loop itself (www/referral-loop.js) and its wasm
// module (www/pkg-fhir/) are fetched the first time one of these is used.

import { $, fill, h } from './dom.js';
import { state, L } from './state.js';
import { readReferral } from './referral.js';
import { update } from './compute.js';
import { lt, loopMessage } from './loop-strings.js';

let referralLoop = null;

function loop() {
  referralLoop ??= import('./referral-loop.js').catch((e) => {
    referralLoop = null;
    throw e;
  });
  return referralLoop;
}

function context() {
  return {
    lang: L(),
    today: state.today,
    // The contact promise comes from the same compiled policies as the engine's (kept by maps.js).
    policyFor: (region) => state.policyTexts.regions[region] ?? state.policyTexts.default,
    // The main module's decision (JSON) for exactly this referral: the FHIR module carries no triage.
    triage: (referralJson) => JSON.stringify(state.engine.triage(referralJson)),
  };
}

/** The form's referral; a problem the page found itself (shown at its field by the view) is thrown. */
function formReferral(prefix) {
  const { referral, problems } = readReferral(prefix);
  if (problems.length) throw new Error(problems.map((p) => p.text).join(' '));
  return referral;
}

const failed = (e) => lt(L(), 'loopFailed', { msg: loopMessage(L(), e) });

/** The GP view's "Verwijzing opslaan (FHIR)" button and its status line (for a WoR route). */
export function fhirButton() {
  return [
    h('p', { class: 'actions' },
      h('button', { type: 'button', class: 'btn btn-secondary', id: 'gp-save-fhir', onclick: saveFhir }, lt(L(), 'saveFhir'))),
    h('p', { class: 'hint', id: 'gp-fhir-status', role: 'status' }, lt(L(), 'saveFhirHint')),
  ];
}

async function saveFhir() {
  const status = $('gp-fhir-status');
  try {
    const m = await loop();
    const match = state.forms.gp.last?.match ?? null;
    const { file, id } = await m.saveFhirReferral({
      referralJson: JSON.stringify(formReferral('gp')), region: match?.map.region, match, ctx: context(),
    });
    // The identifier stays with this referral: saving it again gives the same one.
    state.forms.gp.id = id;
    status.textContent = lt(L(), 'savedFhir', { file, id });
  } catch (e) {
    status.textContent = failed(e);
  }
}

/** The social-worker result's "Opnemen in caseload" button and its status line. */
export function caseloadButton() {
  return [
    h('p', { class: 'actions' },
      h('button', { type: 'button', class: 'btn btn-secondary', id: 'sw-add-caseload', onclick: addToCaseload }, lt(L(), 'addToCaseload'))),
    h('p', { class: 'hint', id: 'sw-caseload-status', role: 'status' }),
  ];
}

/** The GP's referral last taken in: what the form does not show (practice, channel, date) comes from it. */
let intake = null;

/** The form's referral, with the GP's own fields when it is the referral taken in. */
function swReferral() {
  const referral = formReferral('sw');
  return intake?.id === referral.id ? { ...intake, ...referral } : referral;
}

async function addToCaseload() {
  const status = $('sw-caseload-status');
  try {
    const m = await loop();
    const id = await m.addToCaseload({ referral: swReferral(), match: state.forms.sw.last, ctx: context() });
    if (status) status.textContent = lt(L(), 'addedToCaseload', { id });
    await m.renderCaseload($('caseload'), context());
  } catch (e) {
    if (status) status.textContent = failed(e);
  }
}

// -------------------------------------------------------------------------------------------------
// Taking in the GP's FHIR referral (file picker, or a file dropped on the social-worker form)

/** Draws the take-in control into the form's `#sw-intake` (and again in a new language). */
function drawIntake() {
  const box = $('sw-intake');
  if (!box) return;
  fill(box,
    h('label', { for: 'sw-intake-file' }, lt(L(), 'intakeLabel')),
    h('p', { class: 'hint', id: 'sw-intake-hint' }, lt(L(), 'intakeHint')),
    h('input', { type: 'file', id: 'sw-intake-file', accept: '.json,application/fhir+json,application/json', 'aria-describedby': 'sw-intake-hint',
      onchange: (ev) => { if (ev.target.files[0]) takeIn(ev.target.files[0]); } }),
    h('p', { id: 'sw-intake-status', role: 'status' }));
  if (box.dataset.wired) return;
  box.dataset.wired = 'true';
  const form = $('sw-form');
  form.addEventListener('dragover', (ev) => {
    if (![...ev.dataTransfer.types].includes('Files')) return;
    ev.preventDefault();
    form.classList.add('drop-target');
  });
  form.addEventListener('dragleave', () => form.classList.remove('drop-target'));
  form.addEventListener('drop', (ev) => {
    form.classList.remove('drop-target');
    const file = ev.dataTransfer.files[0];
    if (!file) return;
    ev.preventDefault();
    takeIn(file);
  });
}

/** Puts a referral into the social-worker form, from a clean form (no wishes of an earlier resident). */
async function fillSwForm(referral) {
  $('sw-form').reset();
  await new Promise((r) => { setTimeout(r, 0); }); // after the form's own reset handler (a new form id)
  const f = (id) => $(`sw-${id}`);
  f('age').value = referral.age ?? '';
  f('consent').checked = !!referral.consent;
  f('municipality').value = referral.municipality ?? '';
  f('postcode').value = referral.postcode ?? '';
  f('text').value = referral.text ?? '';
  const areas = new Map((referral.areas ?? []).map((a) => [a.area, a.severity ?? 2]));
  for (const a of state.areas) {
    f(`area-${a.id}`).checked = areas.has(a.id);
    f(`sev-${a.id}`).value = String(areas.get(a.id) ?? 2);
    f(`sev-${a.id}`).hidden = !areas.has(a.id);
  }
  state.forms.sw.id = referral.id;
  state.forms.sw.engaged = true;
  update('sw', 'refresh');
}

async function takeIn(file) {
  const status = $('sw-intake-status');
  status.textContent = '';
  try {
    const m = await loop();
    const referral = await m.takeIn(await file.text(), context());
    intake = referral;
    await fillSwForm(referral);
    if (!state.forms.sw.last) {
      status.textContent = lt(L(), 'intakeFilled', { id: referral.id, reason: '' }).trim();
      return;
    }
    try {
      await m.addToCaseload({ referral: swReferral(), match: state.forms.sw.last, ctx: context() });
      status.textContent = lt(L(), 'intakeDone', { id: referral.id });
    } catch (e) {
      status.textContent = lt(L(), 'intakeFilled', { id: referral.id, reason: loopMessage(L(), e) });
    }
    await m.renderCaseload($('caseload'), context());
  } catch (e) {
    status.textContent = failed(e);
  } finally {
    $('sw-intake-file').value = '';
  }
}

/** Draws the caseload (when the social-worker view opens, and again in a new language). */
export function openCaseload() {
  if (!state.ready) return;
  drawIntake();
  loop().then((m) => m.renderCaseload($('caseload'), context()))
    .catch((e) => fill($('caseload'), h('p', { class: 'map-error' }, failed(e))));
}

/** Redraws the caseload in the new language, if it was drawn. */
export function caseloadLanguage() {
  if (referralLoop && !$('view-sw').hidden) openCaseload();
}

/** Fills the recept's `#recept-contact` line (by when and by whom the resident is called) and its social worker. */
export function fillReceptContact(region) {
  let referralJson;
  try {
    referralJson = JSON.stringify(formReferral('sw'));
  } catch {
    return; // the recept was made from a valid referral; a later edit leaves the line empty
  }
  loop().then((m) => m.receptContact({ referralJson, region, ctx: context() }))
    .then((c) => {
      const el = $('recept-contact');
      if (!el) return;
      el.textContent = c.text;
      if (c.assumption) el.dataset.assumption = 'true';
      // "Uw sociaal werker": the region's role instead of an empty line to write on.
      const worker = $('recept-worker');
      if (worker && c.who) {
        worker.textContent = c.who;
        worker.className = 'recept-worker-role';
      }
    })
    .catch((e) => {
      const el = $('recept-contact');
      if (el) el.textContent = failed(e);
    });
}
