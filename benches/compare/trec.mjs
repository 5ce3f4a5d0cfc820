// TREC qrels and run files, and scoring them with `wor evaluate --qrels --run --json`.
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/**
 * The qrels of a historic case: its `judgements` plus the chosen activity's actual outcome (as
 * `HistoricCase::qrels` in wor-core does). Gains: 2 still attending after 3 months, 1 arrived, 0 not.
 */
export function caseQrels(c) {
  const q = new Map(Object.entries(c.judgements ?? {}));
  if (c.chosen) {
    const o = c.outcome ?? {};
    q.set(c.chosen, o.still_attending_3m ? 2 : o.arrived ? 1 : 0);
  }
  return q;
}

/** `qid 0 docid rel` lines. */
export function writeQrels(path, cases) {
  const lines = [];
  for (const c of cases) {
    for (const [doc, rel] of caseQrels(c)) lines.push(`${c.referral.id} 0 ${doc} ${rel}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

/**
 * `qid Q0 docid rank score tag` lines. The score is derived from the rank (k + 1 - rank), so that the
 * evaluator, which sorts by score, scores each system's own order (the engine's diversified top-k is not
 * sorted by its raw score).
 */
export function writeRun(path, tag, qids, rankings, k = 10) {
  const lines = [];
  qids.forEach((qid, i) => {
    const seen = new Set();
    let rank = 0;
    for (const doc of rankings[i] ?? []) {
      if (seen.has(doc) || rank >= k) continue;
      seen.add(doc);
      rank += 1;
      lines.push(`${qid} Q0 ${doc} ${rank} ${k + 1 - rank} ${tag}`);
    }
  });
  writeFileSync(path, lines.length ? lines.join('\n') + '\n' : '');
}

/** Mean metrics over every qrels query (`--complete`: a query without results scores 0). */
export function evaluate(wor, qrelsPath, runPath, k = 10) {
  const out = execFileSync(wor, ['evaluate', '--qrels', qrelsPath, '--run', runPath, '--k', String(k), '--json', '--complete'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 28,
  });
  const r = JSON.parse(out);
  return { queries: r.queries, ...r.mean };
}

/** Share of the returned top-k suggestions that have a judgement (unjudged ones count as gain 0). */
export function judgedShare(cases, rankings, k = 10) {
  let judged = 0;
  let total = 0;
  cases.forEach((c, i) => {
    const q = caseQrels(c);
    for (const doc of (rankings[i] ?? []).slice(0, k)) {
      total += 1;
      if (q.has(doc)) judged += 1;
    }
  });
  return total ? judged / total : 0;
}
