// The page's hooks into the referral loop: the FHIR referral (GP view), the caseload (social-worker
// view) and the recept's "who calls by when". The loop itself (www/referral-loop.js) and its wasm
// module (www/pkg-fhir/) are fetched the first time one of these is used.

import { $, fill, h } from './dom.js';
import { state, L } from './state.js';
import { readReferral } from './referral.js';
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
    // The FHIR module triages with the same compiled policies as the engine (kept by maps.js).
    policyFor: (region) => state.policyTexts.regions[region] ?? state.policyTexts.default,
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
    const file = await m.saveFhirReferral({
      referralJson: JSON.stringify(formReferral('gp')), region: match?.map.region, match, ctx: context(),
    });
    status.textContent = lt(L(), 'savedFhir', { file });
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

async function addToCaseload() {
  const status = $('sw-caseload-status');
  try {
    const m = await loop();
    const id = await m.addToCaseload({ referral: formReferral('sw'), match: state.forms.sw.last, ctx: context() });
    if (status) status.textContent = lt(L(), 'addedToCaseload', { id });
    await m.renderCaseload($('caseload'), context());
  } catch (e) {
    if (status) status.textContent = failed(e);
  }
}

/** Draws the caseload (when the social-worker view opens, and again in a new language). */
export function openCaseload() {
  if (!state.ready) return;
  loop().then((m) => m.renderCaseload($('caseload'), context()))
    .catch((e) => fill($('caseload'), h('p', { class: 'map-error' }, failed(e))));
}

/** Redraws the caseload in the new language, if it was drawn. */
export function caseloadLanguage() {
  if (referralLoop && !$('view-sw').hidden) openCaseload();
}

/** Fills the recept's `#recept-contact` line: by when and by whom the resident is called. */
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
    })
    .catch((e) => {
      const el = $('recept-contact');
      if (el) el.textContent = failed(e);
    });
}
