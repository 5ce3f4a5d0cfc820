// The page's state: interface language, the engine and what it told us (lists, maps), and per view
// the last result. Referral data live only here, in memory: never stored, never sent.

import { t } from './i18n.js';

export const state = {
  lang: 'nl',
  ready: false,
  engine: null,
  info: null,
  areas: [],
  municipalities: [],
  /** The engine's closed lists with labels (wasm `vocabulary()`): flags, days, times, languages, routes, audiences. */
  vocab: { flags: [], days: [], times: [], languages: [], routes: [], audiences: [] },
  index: [],
  maps: [],
  /** Per region the matching weights the engine loaded (wasm `WeightsInfo`: cases, from, to, synthetic). */
  weights: {},
  mapError: null,
  today: localToday(),
  seq: 0,
  forms: {
    gp: { id: '', engaged: false, last: null, timer: 0, renders: 0 },
    sw: { id: '', engaged: false, last: null, timer: 0, renders: 0 },
  },
  recept: null,
};

export const L = () => state.lang;
export const tr = (key, vars) => t(state.lang, key, vars);

/** The label of `id` in one of the engine's lists, in the interface language (the id when unknown). */
export function vocabLabel(list, id) {
  const item = state.vocab[list].find((x) => x.id === id);
  return item ? item[state.lang] : id;
}

export function areaLabel(id, short = false) {
  const a = state.areas.find((x) => x.id === id);
  if (!a) return id;
  if (short) return L() === 'nl' ? a.short_nl : a.short_en;
  return L() === 'nl' ? a.nl : a.en;
}

function localToday() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
