#!/usr/bin/env node
// `make bench-compare`: our engine (wasm in Node, native CLI) against MiniSearch and Fuse.js on the same
// synthetic 10k-entry map and the same referrals: queries per second and nDCG@10 on synthetic historic
// cases, peak memory for a 100k-entry map, and the issue-8 goals. JSON on stdout, a short table on stderr;
// everything happens in a temporary directory. See benches/compare/README.md.
import { parseArgs } from 'node:util';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, writeFileSync, openSync, closeSync, existsSync, statSync } from 'node:fs';
import { tmpdir, cpus, loadavg, totalmem, platform, arch } from 'node:os';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as peers from './peers.mjs';
import { writeQrels, writeRun, evaluate, judgedShare, caseQrels } from './trec.mjs';
import { loadWasm } from './wasm.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

const { values: opt } = parseArgs({
  options: {
    entries: { type: 'string', default: '10000' },
    'map-seed': { type: 'string', default: '42' },
    map: { type: 'string' },
    queries: { type: 'string', default: '2000' },
    'case-seed': { type: 'string', default: '7' },
    k: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '200' },
    'native-repeats': { type: 'string', default: '3' },
    'peer-budget': { type: 'string', default: '60' },
    'no-municipality': { type: 'boolean', default: false },
    'no-builtin': { type: 'boolean', default: false },
    'no-memory': { type: 'boolean', default: false },
    'memory-entries': { type: 'string', default: '100000' },
    million: { type: 'boolean', default: false },
    'million-chunk': { type: 'string', default: '1000000' },
    wor: { type: 'string', default: path.join(root, 'target/release/wor') },
    pkg: { type: 'string', default: path.join(root, 'www/pkg') },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (opt.help) {
  process.stderr.write(`usage: node benches/compare/run.mjs [options]   (make bench-compare COMPARE_ARGS="...")
  --entries N          synthetic map size (default 10000)        --map-seed S  (default 42)
  --map FILE           benchmark on this map instead of \`wor map generate\`
  --queries N          referrals / historic cases (default 2000) --case-seed S (default 7)
  --k N                suggestions per query and nDCG cut-off (default 10)
  --warmup N           untimed warm-up queries per JS system (default 200)
  --native-repeats N   runs of each native timing, median taken (default 3)
  --peer-budget S      seconds each JS peer run may take; beyond it an evenly spread subset of the
                       referrals is run and scored (default 60; 0 = no limit)
  --no-municipality    skip the "peer + municipality filter" variants
  --no-builtin         skip the \`wor evaluate --map --cases\` cross-check (engine vs its own baselines)
  --no-memory          skip the peak-memory measurement
  --memory-entries N   map size for the memory measurement (default 100000)
  --million            also time native batch matching of 1,000,000 referrals (default rayon threads)
  --million-chunk N    referrals per \`wor match\` process in --million (default 1000000: one process)
  --wor PATH --pkg DIR the native binary and the wasm package (default target/release/wor, www/pkg)
  --keep               keep the temporary directory (its path is printed on stderr)
`);
  process.exit(0);
}

function usage(msg) {
  process.stderr.write(`bench-compare: ${msg}\n`);
  process.exit(2);
}
const int = (name, min = 0) => {
  const v = Number(opt[name]);
  if (!Number.isInteger(v) || v < min) usage(`--${name} must be a whole number >= ${min}, got ${opt[name]}`);
  return v;
};
const K = int('k', 1);
const N_WANTED = int('queries', 1);
const WARMUP = int('warmup');
const REPEATS = int('native-repeats', 1);
const MILLION_CHUNK = int('million-chunk', 1);
const MEMORY_ENTRIES = int('memory-entries', 1);
const PEER_BUDGET_S = Number(opt['peer-budget']);
if (!(PEER_BUDGET_S >= 0)) usage(`--peer-budget must be a number of seconds, got ${opt['peer-budget']}`);
// The native batch is made at least this long on one thread (see "wor_native" below).
const NATIVE_BATCH_S = 2;
const notes = [];
const log = (s) => process.stderr.write(`${s}\n`);

for (const [p, what] of [[opt.wor, 'the native CLI'], [path.join(opt.pkg, 'wor_wasm.js'), 'the wasm module'], [path.join(opt.pkg, 'wor_wasm_bg.wasm'), 'the wasm module']]) {
  if (!existsSync(p)) {
    log(`bench-compare: ${p} (${what}) is missing: run \`make build\` first (or \`make bench-compare\`)`);
    process.exit(1);
  }
}

// ---------------------------------------------------------------- helpers
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const now = () => process.hrtime.bigint();
const secondsSince = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;
const round = (x, d = 3) => (x == null || !Number.isFinite(x) ? x : Math.round(x * 10 ** d) / 10 ** d);
const mb = (bytes) => round(bytes / 2 ** 20, 1);

/** Runs a command with stdout into a file (or /dev/null); returns wall seconds, exit status, stderr. */
function runTimed(cmd, args, { stdoutPath = '/dev/null', env = process.env } = {}) {
  const fd = openSync(stdoutPath, 'w');
  try {
    const t0 = now();
    const r = spawnSync(cmd, args, { stdio: ['ignore', fd, 'pipe'], env, maxBuffer: 1 << 28 });
    const seconds = secondsSince(t0);
    if (r.error) throw r.error;
    return { seconds, status: r.status, stderr: r.stderr.toString() };
  } finally {
    closeSync(fd);
  }
}

/** Throws unless the exit status is 0 (or 1 when `inputErrorsOk`: `wor match` rejected some records). */
function mustSucceed(r, what, { inputErrorsOk = false } = {}) {
  if (r.status === 0 || (inputErrorsOk && r.status === 1)) return r;
  log(r.stderr.trim().split('\n').slice(-15).join('\n'));
  throw new Error(`${what} failed (exit ${r.status})`);
}

/** Times `fn(query)` over all queries in one loop (single thread), after an untimed warm-up. */
function timeLoop(queries, fn, warmup) {
  for (let i = 0; i < Math.min(warmup, queries.length); i++) fn(queries[i]);
  const n = queries.length;
  const lat = new Float64Array(n);
  const results = new Array(n);
  const t0 = now();
  for (let i = 0; i < n; i++) {
    const s = now();
    results[i] = fn(queries[i]);
    lat[i] = Number(now() - s) / 1e3;
  }
  const seconds = secondsSince(t0);
  const sorted = Array.from(lat).sort((a, b) => a - b);
  return {
    seconds,
    qps: n / seconds,
    latency_us: { median: round(quantile(sorted, 0.5), 1), p95: round(quantile(sorted, 0.95), 1), max: round(sorted[n - 1] ?? 0, 1) },
    results,
  };
}

/** JSONL lines `from`..`to` of an endless cycle through the referrals, with fresh ids so ids stay unique. */
function cycledReferrals(referrals, from, to) {
  const lines = new Array(to - from);
  for (let i = from; i < to; i++) lines[i - from] = JSON.stringify({ ...referrals[i % referrals.length], id: `c${String(i).padStart(7, '0')}` });
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------- main
const dir = mkdtempSync(path.join(tmpdir(), 'wor-bench-compare-'));
const file = (name) => path.join(dir, name);
let exitCode = 0;
try {
  exitCode = await main();
} catch (e) {
  log(`bench-compare: ${e.stack ?? e}`);
  exitCode = 1;
} finally {
  if (opt.keep) log(`bench-compare: kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);

async function main() {
  const started = now();
  const load0 = loadavg()[0];
  const wor = opt.wor;
  const worVersion = execFileSync(wor, ['--version'], { encoding: 'utf8' }).trim();

  // 1. The map.
  let mapPath = file('map.json');
  if (opt.map) {
    mapPath = path.resolve(opt.map);
  } else {
    log(`generating a ${opt.entries}-entry synthetic map (seed ${opt['map-seed']}) ...`);
    mustSucceed(runTimed(wor, ['map', 'generate', '--entries', opt.entries, '--seed', opt['map-seed'], '--output', mapPath]), '`wor map generate`');
  }
  const mapJson = readFileSync(mapPath, 'utf8');
  const map = JSON.parse(mapJson);
  const entries = map.activities.length;
  const date = map.published; // every referral is dated on the map's publication date (see README)
  log(`map: ${map.region?.id} ${map.version}, ${entries} entries, published ${date}`);
  const matchArgs = (input) => ['match', '--map', mapPath, '--top', String(K), '--no-collective', '--date', date, input];

  // 2. Synthetic historic cases; keep the first N with at least one activity that would have worked.
  const casesWanted = Math.ceil(N_WANTED * 1.25) + 20;
  log(`generating ${casesWanted} synthetic historic cases (seed ${opt['case-seed']}) ...`);
  mustSucceed(
    runTimed(wor, ['evaluate', 'generate-cases', '--map', mapPath, '--cases', String(casesWanted), '--seed', opt['case-seed'], '--from', date, '--to', date, '--output', file('all-cases.jsonl')]),
    '`wor evaluate generate-cases`',
  );
  const allCases = readFileSync(file('all-cases.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  const cases = allCases.filter((c) => [...caseQrels(c).values()].some((g) => g >= 1)).slice(0, N_WANTED);
  if (cases.length < N_WANTED) notes.push(`only ${cases.length} of ${allCases.length} generated cases have an activity with gain >= 1; using those`);
  const N = cases.length;
  const referrals = cases.map((c) => c.referral);
  const qids = referrals.map((r) => r.id);
  const referralJson = referrals.map((r) => JSON.stringify(r));
  writeFileSync(file('cases.jsonl'), cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
  writeFileSync(file('referrals.jsonl'), referralJson.join('\n') + '\n');
  writeFileSync(file('empty.jsonl'), '');
  writeQrels(file('qrels.txt'), cases);
  log(`${N} referrals (cases of ${allCases.length} with a relevant activity), qrels from their judgements`);

  const systems = {}; // name -> { qps, seconds, rankings, queries, ... }
  const setupMs = {};
  const { api: wasm } = await loadWasm(opt.pkg);

  // 3a. wor_wasm: the wasm module in this Node process, called as the page calls it (JSON text in, JS object out).
  {
    log('wor_wasm: loading the map ...');
    const t0 = now();
    const engine = new wasm.Engine();
    engine.loadMap(mapJson, date);
    setupMs.wor_wasm_load_map = round(secondsSince(t0) * 1e3, 1);
    let errors = 0;
    const t = timeLoop(
      referralJson,
      (json) => {
        try {
          return engine.suggest(json, K, date).suggestions.map((s) => s.activity_id);
        } catch {
          errors += 1;
          return [];
        }
      },
      WARMUP,
    );
    engine.free();
    if (errors) notes.push(`wor_wasm: ${errors} suggest() calls threw (counted as empty rankings; includes warm-up)`);
    const wasmBytes = readFileSync(path.join(opt.pkg, 'wor_wasm_bg.wasm'));
    systems.wor_wasm = {
      qps: t.qps,
      seconds: t.seconds,
      latency_us: t.latency_us,
      rankings: t.results,
      queries: N,
      module: { raw_bytes: wasmBytes.length, gzip_bytes: gzipSync(wasmBytes, { level: 9 }).length },
    };
    log(`wor_wasm: ${round(t.qps, 1)} q/s (median ${t.latency_us.median} µs)`);
  }

  // 3b. wor_native: `wor match` on a batch minus `wor match` on empty input (process start + map load).
  //     The batch is the referrals repeated (fresh ids) until matching takes >= NATIVE_BATCH_S on one
  //     thread, so that the difference is not lost in the noise of the map load.
  {
    const single = { ...process.env, RAYON_NUM_THREADS: '1' };
    const parallel = { ...process.env };
    delete parallel.RAYON_NUM_THREADS;
    const medianRun = (env, input) =>
      median(Array.from({ length: REPEATS }, () => mustSucceed(runTimed(wor, matchArgs(input), { env }), '`wor match`', { inputErrorsOk: true }).seconds));
    log(`wor_native: timing \`wor match\` (median of ${REPEATS} runs each: empty input and a batch, on 1 and on default threads) ...`);
    const tEmpty1 = medianRun(single, file('empty.jsonl'));
    // One untimed run writes the rankings (and warms the page cache).
    const first = mustSucceed(runTimed(wor, matchArgs(file('referrals.jsonl')), { env: single, stdoutPath: file('native.jsonl') }), '`wor match`', { inputErrorsOk: true });
    if (first.status === 1) notes.push(`wor match rejected some referrals: ${first.stderr.trim().split('\n').pop()}`);
    const reps = Math.min(100, Math.max(1, Math.ceil(NATIVE_BATCH_S / Math.max(0.01, first.seconds - tEmpty1))));
    let batch = file('referrals.jsonl');
    if (reps > 1) {
      batch = file('batch.jsonl');
      writeFileSync(batch, cycledReferrals(referrals, 0, N * reps));
    }
    const batchSize = N * reps;
    const tFull1 = medianRun(single, batch);
    const tEmptyP = medianRun(parallel, file('empty.jsonl'));
    const tFullP = medianRun(parallel, batch);
    const rate = (label, full, empty) => {
      if (full > empty) return batchSize / (full - empty);
      notes.push(`${label}: the batch was not slower than empty input (noise); its q/s includes the map load`);
      return batchSize / full;
    };
    const q1 = rate('wor_native', tFull1, tEmpty1);
    const qP = rate('wor_native_parallel', tFullP, tEmptyP);
    setupMs.wor_native_load_map = round(tEmpty1 * 1e3, 1);
    const byId = new Map();
    for (const line of readFileSync(file('native.jsonl'), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line);
      byId.set(r.id, (r.suggestions ?? []).map((s) => s.activity_id));
    }
    const rankings = qids.map((q) => byId.get(q) ?? []);
    const timing = (full, empty) => ({ batch_referrals: batchSize, empty_input: round(empty, 4), batch: round(full, 4) });
    systems.wor_native = { qps: q1, seconds: batchSize / q1, timing_s: timing(tFull1, tEmpty1), rankings, queries: N, threads: 1 };
    systems.wor_native_parallel = { qps: qP, seconds: batchSize / qP, timing_s: timing(tFullP, tEmptyP), rankings, queries: N, threads: cpus().length };
    log(`wor_native: ${round(q1, 1)} q/s on 1 thread, ${round(qP, 1)} q/s on ${cpus().length} threads (batch of ${batchSize}, map load ${round(tEmpty1 * 1e3, 0)} ms)`);
    systems.wor_native.identical_to_wasm = systems.wor_wasm.rankings.every((r, i) => r.join() === rankings[i].join());
    if (!systems.wor_native.identical_to_wasm) notes.push('wor_native and wor_wasm rankings differ for some referrals (they should be identical)');
  }

  // 3c. The peers.
  const labels = peers.areaLabels(wasm.supportAreas());
  const docs = peers.documents(map);
  const msQueries = referrals.map((r) => peers.queryText(r, labels));
  const fuseQueries = referrals.map((r) => peers.capQuery(peers.queryText(r, labels, { short: true })));
  const timedBuild = (key, build) => {
    const t0 = now();
    const index = build();
    setupMs[key] = round(secondsSince(t0) * 1e3, 1);
    return index;
  };
  const ms = timedBuild('minisearch_index', () => peers.miniSearchIndex(docs));
  systems.minisearch = runWithinBudget('minisearch', msQueries, (q) => peers.miniSearchTop(ms, q, K));
  const fuse = timedBuild('fusejs_index', () => peers.fuseIndex(docs));
  systems.fusejs = runWithinBudget('fusejs', fuseQueries, (q) => peers.fuseTop(fuse, q, K));
  if (!opt['no-municipality']) {
    const router = new peers.MunicipalityRouter(map, wasm.municipalities());
    const where = referrals.map((r) => router.of(r));
    const unrouted = where.filter((w) => !w).length;
    if (unrouted) notes.push(`municipality filter: ${unrouted} referral(s) without a known municipality searched the whole map`);
    const idx = referrals.map((_, i) => i);
    const msBy = timedBuild('minisearch_municipality_indexes', () => router.indexes(docs, peers.miniSearchIndex));
    systems.minisearch_municipality = runWithinBudget('minisearch + municipality filter', idx, (i) => peers.miniSearchTop(msBy.get(where[i]) ?? ms, msQueries[i], K));
    const fuseBy = timedBuild('fusejs_municipality_indexes', () => router.indexes(docs, peers.fuseIndex));
    systems.fusejs_municipality = runWithinBudget('fusejs + municipality filter', idx, (i) => peers.fuseTop(fuseBy.get(where[i]) ?? fuse, fuseQueries[i], K));
  }

  // 4. Score every run with `wor evaluate` (over the queries each system ran). A peer that ran a subset
  //    is also compared with the engine on exactly that subset (`wor_on_same_queries`).
  log(`scoring the runs with \`wor evaluate --qrels --run --k ${K} --complete\` ...`);
  const ndcgKey = `ndcg@${K}`;
  const metrics = {};
  const score = (name, tag, rankings, subset) => {
    const sel = subset ?? qids.map((_, i) => i);
    const runPath = file(`run-${name}.txt`);
    writeRun(runPath, tag, sel.map((i) => qids[i]), sel.map((i) => rankings[i]), K);
    let qrels = file('qrels.txt');
    if (subset) {
      qrels = file(`qrels-${name}.txt`);
      writeQrels(qrels, sel.map((i) => cases[i]));
    }
    const m = evaluate(wor, qrels, runPath, K);
    m.judged = judgedShare(sel.map((i) => cases[i]), sel.map((i) => rankings[i]), K);
    return m;
  };
  for (const [name, s] of Object.entries(systems)) {
    metrics[name] = score(name, name, s.rankings, s.subset);
    metrics[name].wor_on_same_queries = s.subset ? score(`${name}-wor`, 'wor', systems.wor_wasm.rankings, s.subset)[ndcgKey] : metrics.wor_wasm[ndcgKey];
  }

  // 5. Cross-check: the engine against its own baselines (incl. BM25) in `wor evaluate --map --cases`.
  let builtin = null;
  if (!opt['no-builtin']) {
    log('cross-check: `wor evaluate --map --cases` (engine, offered, nearest, BM25, random) ...');
    const r = runTimed(wor, ['evaluate', '--map', mapPath, '--cases', file('cases.jsonl'), '--k', String(K), '--json', '--date', date], { stdoutPath: file('builtin.json') });
    if (r.status === 0) {
      const rep = JSON.parse(readFileSync(file('builtin.json'), 'utf8'));
      builtin = { evaluated: rep.cases?.evaluated };
      for (const s of rep.systems ?? []) {
        builtin[s.id] = { [ndcgKey]: round(s.mean?.[ndcgKey], 4), mrr: round(s.mean?.mrr, 4), judged: round(s.judged_share, 3) };
      }
    } else {
      notes.push(`the \`wor evaluate --map --cases\` cross-check failed (exit ${r.status}): ${r.stderr.trim().split('\n').pop()}`);
    }
  }

  // 6. Peak memory for loading a large map, natively and in wasm.
  const memory = opt['no-memory'] ? null : measureMemory(wor, date);

  // 7. Optional: a million referrals, native batch, default threads.
  const million = opt.million ? runMillion(wor, matchArgs, referrals) : null;

  // 8. Report.
  const core = ['wor_native', 'wor_wasm', 'minisearch', 'fusejs'];
  const peerNames = ['minisearch', 'fusejs'];
  const ours = ['wor_wasm', 'wor_native', 'wor_native_parallel'];
  const fasterPeer = peerNames.reduce((a, b) => (systems[a].qps >= systems[b].qps ? a : b));
  const ratio = (a, p = fasterPeer) => round(systems[a].qps / systems[p].qps, 2);
  const ndcgVsPeer = Object.fromEntries(
    peerNames.map((p) => [p, { queries: systems[p].queries, peer: round(metrics[p][ndcgKey], 4), wor: round(metrics[p].wor_on_same_queries, 4), better: metrics[p].wor_on_same_queries > metrics[p][ndcgKey] }]),
  );
  const qpsMet = systems.wor_wasm.qps >= 10 * systems[fasterPeer].qps;
  const ndcgMet = peerNames.every((p) => ndcgVsPeer[p].better);
  const nativeMeanUs = 1e6 / systems.wor_native.qps;
  const goals = {
    wasm_10x_faster_peer_with_better_ndcg: {
      faster_peer: fasterPeer,
      qps_ratio: ratio('wor_wasm'),
      qps_met: qpsMet,
      [`${ndcgKey}_vs_each_peer_on_its_queries`]: ndcgVsPeer,
      ndcg_met: ndcgMet,
      met: qpsMet && ndcgMet,
    },
    million_referrals_under_60s: million
      ? { seconds: million.seconds, threads: million.threads, met: million.seconds < 60 }
      : { seconds: null, met: null, note: 'not measured: run with --million' },
    native_mean_per_referral_under_100us: {
      mean_us: round(nativeMeanUs, 1),
      met: nativeMeanUs < 100,
      note: 'a proxy: the mean per referral of the 1-thread CLI batch, incl. JSON parsing and output; the goal (median of a single match) is measured by `cargo bench --bench engine`',
    },
  };
  const out = {
    map_entries: entries,
    queries: N,
    qps: Object.fromEntries([...core, 'wor_native_parallel'].map((s) => [s, round(systems[s].qps, 1)])),
    [ndcgKey]: Object.fromEntries(core.map((s) => [s, round(metrics[s][ndcgKey], 4)])),
    mrr: Object.fromEntries(core.map((s) => [s, round(metrics[s].mrr, 4)])),
    judged_share: Object.fromEntries(core.map((s) => [s, round(metrics[s].judged, 3)])),
    ratio_ours_per_peer: Object.fromEntries(ours.map((o) => [o, Object.fromEntries(peerNames.map((p) => [p, ratio(o, p)]))])),
    goals,
    memory,
    million,
    latency_us: {
      wor_wasm: systems.wor_wasm.latency_us,
      wor_native_mean_1_thread: round(nativeMeanUs, 1),
      minisearch: systems.minisearch.latency_us,
      fusejs: systems.fusejs.latency_us,
    },
    details: Object.fromEntries(
      Object.entries(systems).map(([name, s]) => [
        name,
        {
          qps: round(s.qps, 1),
          queries_timed: s.queries,
          seconds: round(s.seconds, 3),
          ...(s.latency_us ? { latency_us: s.latency_us } : {}),
          ...(s.subset ? { subset_of_referrals: true } : {}),
          ...(s.timing_s ? { timing_s: s.timing_s } : {}),
          ...(s.threads ? { threads: s.threads } : {}),
          ...(s.identical_to_wasm !== undefined ? { identical_to_wasm: s.identical_to_wasm } : {}),
          ...(s.module ? { wasm_module: s.module } : {}),
          metrics: Object.fromEntries(Object.entries(metrics[name]).map(([k, v]) => [k, round(v, 4)])),
        },
      ]),
    ),
    peer_municipality_filter: opt['no-municipality']
      ? null
      : {
          label: 'extra: the peer searching one index per municipality (entries there or serving it)',
          qps: { minisearch: round(systems.minisearch_municipality.qps, 1), fusejs: round(systems.fusejs_municipality.qps, 1) },
          [ndcgKey]: { minisearch: round(metrics.minisearch_municipality[ndcgKey], 4), fusejs: round(metrics.fusejs_municipality[ndcgKey], 4) },
        },
    builtin_eval: builtin,
    setup_ms: setupMs,
    config: {
      date,
      map: `${map.region?.id} ${map.version}`,
      map_source: opt.map ? mapPath : `wor map generate --entries ${opt.entries} --seed ${opt['map-seed']}`,
      cases: `wor evaluate generate-cases --cases ${casesWanted} --seed ${opt['case-seed']} --from ${date} --to ${date} (first ${N} with a relevant activity)`,
      k: K,
      warmup: WARMUP,
      native_repeats: REPEATS,
      peer_budget_s: PEER_BUDGET_S,
      minisearch: 'fields name/description/keywords, boost name 2, prefix, fuzzy 0.2; query = area labels (short_nl + nl) + note',
      fusejs: `keys name/description/keywords, threshold 0.4, ignoreLocation; query = short area labels + note, cut to ${peers.FUSE_MAX_QUERY_CHARS} chars at a word`,
    },
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      mem_gb: round(totalmem() / 2 ** 30, 1),
      platform: `${platform()} ${arch()}`,
      node: process.version,
      wor: worVersion,
      loadavg_1m_start: round(load0, 2),
      loadavg_1m_end: round(loadavg()[0], 2),
      seconds_total: round(secondsSince(started), 1),
    },
    notes,
  };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  log('');
  log(table({ systems, metrics, fasterPeer, peerNames, goals, memory, million, builtin, N, entries }));
  return 0;
}

/**
 * Runs all queries, or an evenly spread subset (every stride-th referral) when the whole set would exceed
 * --peer-budget. The first queries (up to 5, or 1 s) are an untimed probe: warm-up and cost estimate.
 */
function runWithinBudget(label, queries, fn) {
  const n = queries.length;
  const tp = now();
  let probe = 0;
  while (probe < Math.min(n, 5) && (probe === 0 || secondsSince(tp) < 1)) fn(queries[probe++]);
  const perQuery = secondsSince(tp) / probe;
  let subset = null;
  let qs = queries;
  if (PEER_BUDGET_S > 0 && perQuery * n > PEER_BUDGET_S) {
    const stride = Math.ceil((perQuery * n) / PEER_BUDGET_S);
    subset = [];
    for (let i = 0; i < n; i += stride) subset.push(i);
    qs = subset.map((i) => queries[i]);
    notes.push(
      `${label}: ~${round(perQuery * 1e3, 0)} ms per query, all ${n} would take ~${round(perQuery * n, 0)} s; ran every ${stride}th referral (${subset.length}) within the ${PEER_BUDGET_S} s budget: its q/s is that subset's rate, its nDCG is over that subset (the engine on the same subset: ndcg_vs_each_peer_on_its_queries / wor_on_same_queries)`,
    );
  }
  // A fast peer gets the same warm-up as the engine; a slow one is warm after the probe.
  const t = timeLoop(qs, fn, perQuery < 0.005 ? WARMUP : 0);
  let rankings = t.results;
  if (subset) {
    rankings = new Array(n).fill(null);
    subset.forEach((i, j) => (rankings[i] = t.results[j]));
  }
  log(`${label}: ${round(t.qps, 1)} q/s (median ${t.latency_us.median} µs${subset ? `, subset of ${subset.length}` : ''})`);
  return { qps: t.qps, seconds: t.seconds, latency_us: t.latency_us, rankings, subset, queries: qs.length };
}

/**
 * Peak resident memory for loading a MEMORY_ENTRIES map. Natively: `wor match` on empty input (parse,
 * validate, index: what matching needs) under python3, whose getrusage(RUSAGE_CHILDREN) reports the peak
 * RSS of the finished child. In wasm: a fresh Node process (wasm.mjs) loading the module and the map.
 */
function measureMemory(wor, date) {
  log(`memory: generating a ${MEMORY_ENTRIES}-entry map and loading it natively and in wasm ...`);
  const big = file('map-memory.json');
  mustSucceed(runTimed(wor, ['map', 'generate', '--entries', String(MEMORY_ENTRIES), '--seed', opt['map-seed'], '--date', date, '--output', big]), '`wor map generate` (memory)');
  const result = { map_entries: MEMORY_ENTRIES, map_file_bytes: statSync(big).size, native: null, wasm: null };
  const py = [
    'import resource, subprocess, sys',
    'r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)',
    'sys.stderr.buffer.write(r.stderr)',
    'print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)',
    'sys.exit(r.returncode)',
  ].join('\n');
  const n = spawnSync('python3', ['-c', py, wor, 'match', '--map', big, '--no-collective', '--date', date, file('empty.jsonl')], { encoding: 'utf8' });
  if (n.status === 0) result.native = { command: 'wor match --map MAP --no-collective EMPTY', peak_rss_bytes: Number(n.stdout.trim()) };
  else notes.push(`memory (native) failed: ${(n.error?.message ?? n.stderr.trim().split('\n').pop()) || `exit ${n.status}`}`);
  const w = spawnSync(process.execPath, [path.join(here, 'wasm.mjs'), opt.pkg, big, date], { encoding: 'utf8' });
  if (w.status === 0) result.wasm = JSON.parse(w.stdout);
  else notes.push(`memory (wasm) failed: ${w.stderr.trim().split('\n').pop() || `exit ${w.status}`}`);
  rmSync(big, { force: true });
  return result;
}

/** 1,000,000 referrals (the cases' referrals cycled, fresh ids), `wor match` with default threads. */
function runMillion(wor, matchArgs, referrals) {
  const TOTAL = 1_000_000;
  log(`--million: ${TOTAL} referrals in chunks of ${MILLION_CHUNK} (default rayon threads) ...`);
  const env = { ...process.env };
  delete env.RAYON_NUM_THREADS;
  const emptyRun = mustSucceed(runTimed(wor, matchArgs(file('empty.jsonl')), { env }), '`wor match` (--million)');
  let seconds = 0;
  const chunks = [];
  for (let start = 0; start < TOTAL; start += MILLION_CHUNK) {
    const end = Math.min(TOTAL, start + MILLION_CHUNK);
    writeFileSync(file('million.jsonl'), cycledReferrals(referrals, start, end));
    const r = mustSucceed(runTimed(wor, matchArgs(file('million.jsonl')), { env }), '`wor match` (--million)', { inputErrorsOk: true });
    seconds += r.seconds;
    chunks.push(round(r.seconds, 2));
    log(`  ${end} / ${TOTAL}: ${round(seconds, 1)} s`);
  }
  rmSync(file('million.jsonl'), { force: true });
  return {
    referrals: TOTAL,
    chunk: MILLION_CHUNK,
    processes: chunks.length,
    threads: cpus().length,
    seconds: round(seconds, 2),
    seconds_without_map_loads: round(seconds - chunks.length * emptyRun.seconds, 2),
    chunk_seconds: chunks,
    note: `wall time of the \`wor match --top ${K} --no-collective\` processes (map load, parse, match, JSON output to /dev/null); not the time to write the input files`,
  };
}

function table({ systems, metrics, fasterPeer, peerNames, goals, memory, million, builtin, N, entries }) {
  const rows = [
    ['wor_native (1 thread)', 'wor_native'],
    [`wor_native (${cpus().length} threads)`, 'wor_native_parallel'],
    ['wor_wasm (Node)', 'wor_wasm'],
    ['minisearch', 'minisearch'],
    ['fusejs', 'fusejs'],
    ['minisearch + municipality*', 'minisearch_municipality'],
    ['fusejs + municipality*', 'fusejs_municipality'],
  ].filter(([, k]) => systems[k]);
  const head = ['system', 'q/s', 'µs/query', ...peerNames.map((p) => `x ${p}`), `nDCG@${K}`, 'MRR', 'judged'];
  const body = rows.map(([label, k]) => {
    const s = systems[k];
    const m = metrics[k];
    return [
      label + (s.subset ? ` (${s.queries} q)` : ''),
      s.qps.toFixed(1),
      (s.latency_us?.median ?? 1e6 / s.qps).toFixed(1),
      ...peerNames.map((p) => (s.qps / systems[p].qps).toFixed(2)),
      m[`ndcg@${K}`].toFixed(4),
      m.mrr.toFixed(4),
      `${Math.round(m.judged * 100)}%`,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const lines = [`${entries}-entry map, ${N} referrals, top ${K}`, line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
  lines.push('µs/query: median per query in JS; mean per referral (batch minus map load) for the CLI. x peer: our q/s / its q/s.');
  for (const [label, k] of rows) {
    if (systems[k].subset) {
      lines.push(`${label}: a spread subset of ${systems[k].queries} referrals (time budget); on the same referrals the engine scores nDCG@${K} ${metrics[k].wor_on_same_queries.toFixed(4)}.`);
    }
  }
  if (systems.minisearch_municipality) lines.push("* extra: the peer searching only entries in (or serving) the resident's municipality.");
  if (builtin?.engine) {
    const others = Object.entries(builtin).filter(([k]) => k !== 'evaluated');
    lines.push(`cross-check (wor evaluate --map --cases), nDCG@${K}: ${others.map(([k, v]) => `${k} ${v[`ndcg@${K}`]}`).join(', ')}`);
  }
  if (memory) {
    const n = memory.native ? `native peak RSS ${mb(memory.native.peak_rss_bytes)} MB` : 'native failed';
    const w = memory.wasm
      ? `wasm linear memory ${mb(memory.wasm.wasm_memory_bytes)} MB, Node peak RSS ${mb(memory.wasm.peak_rss_bytes)} MB (${mb(memory.wasm.rss_bytes_before_map)} MB before the map)`
      : 'wasm failed';
    lines.push(`memory, ${memory.map_entries}-entry map (${mb(memory.map_file_bytes)} MB JSON): ${n}; ${w}`);
  }
  const verdict = (met) => (met === null ? 'not measured' : met ? 'MET' : 'NOT MET');
  const g = goals.wasm_10x_faster_peer_with_better_ndcg;
  const ndcgVs = Object.entries(g[`ndcg@${K}_vs_each_peer_on_its_queries`]).map(([p, v]) => `${v.wor} vs ${p} ${v.peer}`);
  lines.push(`goal wasm >= 10x ${g.faster_peer} q/s with better nDCG@${K}: ${verdict(g.met)} (${g.qps_ratio}x; ${ndcgVs.join(', ')})`);
  const m = goals.million_referrals_under_60s;
  lines.push(`goal 1M referrals on this map < 60 s natively: ${verdict(m.met)}${million ? ` (${million.seconds} s, ${million.processes} process(es), ${million.threads} threads)` : ' (--million)'}`);
  const u = goals.native_mean_per_referral_under_100us;
  lines.push(`proxy: native mean per referral < 100 µs: ${verdict(u.met)} (${u.mean_us} µs incl. JSON I/O; the median goal is in cargo bench)`);
  for (const n of notes) lines.push(`note: ${n}`);
  return lines.join('\n');
}
