// The social maps: loading the bundled maps and policies into the engine, the header that names them,
// and the stamp (region, version, date, hash) every result carries.

import { Engine, setDefaultPolicy } from './pkg/wor_wasm.js';
import { formatDate } from './i18n.js';
import { $, fill, h } from './dom.js';
import { state, L, tr } from './state.js';

export function regionName(regionId) {
  return state.maps.find((m) => m.region === regionId)?.region_name
    ?? state.index.find((m) => m.region === regionId)?.name
    ?? regionId;
}

const shortHash = (hash) => (hash || '').replace(/^sha256:/, '').slice(0, 8);

export function renderMapStatus() {
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

export function renderEngineInfo() {
  const el = $('engine-info');
  if (el && state.info) el.textContent = tr('footerEngine', { engine: state.info.engine_version, rules: state.info.rules_version });
}

export function stampText(map) {
  return tr('stamp', {
    region: regionName(map.region), version: map.version,
    date: formatDate(map.published, L()), hash: shortHash(map.hash),
  });
}

/** "afgestemd op N verwijzingen (periode)": the region's matching weights, when the bundle has them. */
export function weightsText(region) {
  const w = state.weights[region];
  if (!w) return '';
  const text = tr('tunedOn', { n: w.cases, from: formatDate(w.from, L()), to: formatDate(w.to, L()) });
  return w.synthetic ? `${text} ${tr('tunedSynthetic')}` : text;
}

export function stampEl(map, extra) {
  const tuned = weightsText(map.region);
  return h('p', {
    class: 'stamp', 'data-region': map.region, 'data-version': map.version,
    'data-published': map.published, 'data-hash': map.hash,
  }, stampText(map), tuned ? h('span', { class: 'tuned' }, ` · ${tuned}`) : null, extra ? ` · ${extra}` : '');
}

async function fetchText(path) {
  const r = await fetch(path);
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return r.text();
}

/**
 * Fetches maps/index.json, every bundled map and regional policy and the default policy, then loads
 * them into a new engine (once the wasm module is ready). A map or policy the engine refuses is
 * reported in the header; the others still load.
 */
export async function loadMaps(wasmReady) {
  state.index = JSON.parse(await fetchText('maps/index.json'));
  renderMapStatus();
  const texts = [];
  const policies = [];
  const weights = [];
  for (const m of state.index) { // one after the other: a few ms, and gentle on the small local server
    texts.push(await fetchText(`maps/${m.file}`));
    if (m.policy) policies.push([m.region, m.policy, await fetchText(`maps/${m.policy}`)]);
    if (m.weights) weights.push([m.region, m.weights, await fetchText(`maps/${m.weights}`)]);
  }
  const defaultPolicy = await fetchText('maps/policy.txt');
  // referral-loop hook: the FHIR module (www/referral-loop.js) triages with the same policies.
  state.policyTexts = { default: defaultPolicy, regions: Object.fromEntries(policies.map(([region, , text]) => [region, text])) };
  await wasmReady;
  setDefaultPolicy(defaultPolicy);
  const engine = new Engine();
  const problems = [];
  texts.forEach((text, i) => {
    try {
      engine.loadMap(text, state.today);
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
  // A region's learned matching weights (wor tune), after its map: its suggestions then use them.
  state.weights = {};
  for (const [region, file, text] of weights) {
    try {
      state.weights[region] = engine.loadWeights(region, text);
    } catch (e) {
      problems.push(`${file}: ${e.message}`);
    }
  }
  state.engine = engine;
  state.maps = engine.maps();
  if (problems.length) state.mapError = problems.join('; ');
}
