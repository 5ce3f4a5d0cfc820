// The Welzijn op Recept page, entry module. Everything is computed in this browser by the wasm engine;
// the only requests are for the page's own static files (modules, wasm, maps). Referral data are never
// sent, never stored (not in localStorage, not in the service-worker cache) and never put in a URL.
//
// Modules, one concern each: dom.js (element helpers), state.js (state, language helpers), maps.js
// (maps, header, stamps), fields.js (form fields from one template and the engine's lists),
// referral.js (form -> referral JSON), errors.js, compute.js (engine calls), results.js, gp-view.js,
// sw-view.js, recept.js, views.js (tabs, hand-over, Regio), language.js, settle.js (no layout change
// under a pressed pointer).

import init, { supportAreas, municipalities, engineInfo, vocabulary } from './pkg/wor_wasm.js';
import { $, fill, h } from './dom.js';
import { state, L, tr } from './state.js';
import { loadMaps, renderMapStatus } from './maps.js';
import { placeResidentFields, buildEngineFields } from './fields.js';
import { clearError } from './errors.js';
import { update, scheduleUpdate } from './compute.js';
import { openRecept, closeRecept } from './recept.js';
import { VIEWS, selectView, transferToSw } from './views.js';
import { initialLanguage, applyStrings, setLanguage } from './language.js';
import { afterPointerRelease, watchPointer } from './settle.js';

const LIVE_DELAY_MS = 120;

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
      setTimeout(() => afterPointerRelease(() => update(prefix, 'blur')), 0);
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
  watchPointer();
  // "Naar het advies": on a phone the advice is below the form; one tap (or Enter) brings it.
  for (const link of ['gp-to-advice', 'sw-to-advice', 'gp-to-advice-note', 'sw-to-advice-note']) {
    const prefix = link.slice(0, 2);
    $(link).addEventListener('click', (e) => {
      e.preventDefault(); // no fragment in the URL
      const title = $(`${prefix}-results-title`);
      title.scrollIntoView({ block: 'start' });
      title.focus({ preventScroll: true });
    });
  }
  $('gp-output').addEventListener('click', (e) => {
    if (e.target.closest('#gp-to-sw')) transferToSw();
  });
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

async function main() {
  state.lang = initialLanguage();
  newId('gp');
  newId('sw');
  placeResidentFields();
  applyStrings();
  wire();
  const wasmReady = init();
  try {
    await Promise.all([wasmReady, loadMaps(wasmReady)]);
    state.info = engineInfo();
    state.areas = supportAreas();
    state.municipalities = municipalities();
    state.vocab = vocabulary();
  } catch (e) {
    state.mapError = e.message || String(e);
    renderMapStatus();
    document.body.dataset.ready = 'failed';
    return;
  }
  buildEngineFields();
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
