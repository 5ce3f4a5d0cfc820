// The interface language (Dutch by default, English available): static strings by `data-i18n`, labels
// from the engine's lists by `data-area-label`, `data-sev-label` and `data-vocab`.

import { $ } from './dom.js';
import { state, L, tr, vocabLabel } from './state.js';
import { renderMapStatus, renderEngineInfo } from './maps.js';
import { update } from './compute.js';
import { renderRecept } from './recept.js';
import { regioModule } from './views.js';
import { caseloadLanguage } from './loop-hooks.js'; // referral-loop hook

export function initialLanguage() {
  try {
    const saved = localStorage.getItem('wor-lang'); // the UI language only; never referral data
    if (saved === 'nl' || saved === 'en') return saved;
  } catch { /* storage unavailable */ }
  return 'nl';
}

const capitalised = (s) => s.charAt(0).toUpperCase() + s.slice(1);

export function applyStrings() {
  const lang = L();
  document.documentElement.lang = lang;
  document.title = tr('docTitle');
  for (const el of document.querySelectorAll('[data-i18n]')) {
    el.textContent = tr(el.dataset.i18n, el.dataset.i18nParams ? JSON.parse(el.dataset.i18nParams) : {});
  }
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
  for (const el of document.querySelectorAll('[data-vocab]')) {
    const [list, id] = el.dataset.vocab.split(':');
    el.textContent = capitalised(vocabLabel(list, id));
  }
  renderMapStatus();
  renderEngineInfo();
}

export function setLanguage(lang) {
  state.lang = lang;
  try { localStorage.setItem('wor-lang', lang); } catch { /* ignore */ }
  applyStrings();
  for (const prefix of ['gp', 'sw']) {
    if (state.forms[prefix].engaged) update(prefix, 'refresh');
  }
  if (state.recept) renderRecept();
  regioModule()?.then((m) => m?.setRegioLanguage(lang));
  caseloadLanguage(); // referral-loop hook
}
