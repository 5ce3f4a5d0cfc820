// The peers: what a team without this engine would build. A text search (MiniSearch or Fuse.js) over the
// social map's activity names, descriptions and keywords, queried with the referral's free text and the
// Dutch labels of its explicit support areas. Configured the way their READMEs suggest, nothing tuned.
import MiniSearch from 'minisearch';
import Fuse from 'fuse.js';

/** Fuse.js matches the whole pattern (bitap, 32-character chunks), so long queries are cut here. */
export const FUSE_MAX_QUERY_CHARS = 64;

/** The searchable documents: one per map entry. */
export function documents(map) {
  return map.activities.map((a) => ({
    id: a.id,
    name: a.name ?? '',
    description: a.description ?? '',
    keywords: (a.keywords ?? []).join(' '),
  }));
}

/** area id -> "short_nl nl" (e.g. "eenzaamheid Eenzaamheid en een beperkt sociaal netwerk"). */
export function areaLabels(supportAreas) {
  return new Map(supportAreas.map((a) => [a.id, { short: a.short_nl, long: `${a.short_nl} ${a.nl}` }]));
}

/** The query a team would type: the Dutch labels of the explicit areas, then the referral note. */
export function queryText(referral, labels, { short = false } = {}) {
  const parts = (referral.areas ?? [])
    .map((a) => labels.get(a.area))
    .filter(Boolean)
    .map((l) => (short ? l.short : l.long));
  if (typeof referral.text === 'string') parts.push(referral.text);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Cuts a query to at most `max` characters, at a word boundary when there is one. */
export function capQuery(q, max = FUSE_MAX_QUERY_CHARS) {
  if (q.length <= max) return q;
  const cut = q.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut).trim();
}

export function miniSearchIndex(docs) {
  const ms = new MiniSearch({
    fields: ['name', 'description', 'keywords'],
    storeFields: [],
    searchOptions: { boost: { name: 2 }, prefix: true, fuzzy: 0.2 },
  });
  ms.addAll(docs);
  return ms;
}

/** Top-k activity ids for a query (MiniSearch's default OR of the terms, BM25+ scoring). */
export function miniSearchTop(ms, query, k) {
  if (query === '') return [];
  const hits = ms.search(query);
  const n = Math.min(k, hits.length);
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = hits[i].id;
  return out;
}

export function fuseIndex(docs) {
  return new Fuse(docs, {
    keys: ['name', 'description', 'keywords'],
    threshold: 0.4,
    ignoreLocation: true,
  });
}

/** Top-k activity ids (Fuse sorts by score, 0 = perfect). */
export function fuseTop(fuse, query, k) {
  if (query === '') return [];
  return fuse.search(query, { limit: k }).map((h) => h.item.id);
}

/**
 * The "peer + municipality filter" variant: one index per municipality holding the entries located there
 * or serving it (region-wide services). A referral's municipality comes from its `municipality` (name or
 * CBS code) or, failing that, from its PC4 via the postcodes of the map's own entries.
 */
export class MunicipalityRouter {
  constructor(map, municipalities) {
    this.byKey = new Map();
    for (const m of municipalities) {
      this.byKey.set(m.code.toLowerCase(), m.code);
      this.byKey.set(m.name.toLowerCase(), m.code);
    }
    for (const m of map.municipalities ?? []) {
      this.byKey.set(String(m.code).toLowerCase(), m.code);
      if (m.name) this.byKey.set(String(m.name).toLowerCase(), m.code);
    }
    this.pc4 = new Map();
    this.members = new Map(); // municipality code -> entry indexes
    map.activities.forEach((a, i) => {
      const home = this.code(a.municipality);
      const pc = a.location?.postcode?.replace(/\s+/g, '').slice(0, 4);
      if (home && pc && !this.pc4.has(pc)) this.pc4.set(pc, home);
      for (const m of new Set([home, ...(a.serves_municipalities ?? []).map((s) => this.code(s))])) {
        if (!m) continue;
        if (!this.members.has(m)) this.members.set(m, []);
        this.members.get(m).push(i);
      }
    });
  }

  code(nameOrCode) {
    return typeof nameOrCode === 'string' ? this.byKey.get(nameOrCode.trim().toLowerCase()) : undefined;
  }

  /** The referral's municipality code, or undefined (then the variant searches the whole map). */
  of(referral) {
    const m = this.code(referral.municipality);
    if (m) return m;
    const pc = typeof referral.postcode === 'string' ? referral.postcode.replace(/\s+/g, '').slice(0, 4) : '';
    return this.pc4.get(pc);
  }

  /** One index per municipality, built with `build(docsSubset)`. */
  indexes(docs, build) {
    const out = new Map();
    for (const [code, idx] of this.members) out.set(code, build(idx.map((i) => docs[i])));
    return out;
  }
}
