#!/usr/bin/env python3
"""Cross-check `wor evaluate --qrels --run --json` against trec_eval via pytrec-eval-terrier.

Usage: python3 tests/evaluate/crosscheck.py PATH/TO/wor

For every qrels/run pair (the fixtures in this directory plus seeded random pairs with many score ties,
graded relevance, queries without relevant documents, retrieved documents missing from the qrels and
queries present in only one of the two files) and several cut-offs k, every per-query value and every
mean of nDCG@k, MRR (recip_rank), recall@k, precision@k (P_k) and MAP must agree to 1e-6, and the set of
evaluated queries must be the same. Exits 1 on the first disagreement, printing it.
"""
import json
import os
import random
import subprocess
import sys
import tempfile

import pytrec_eval

HERE = os.path.dirname(os.path.abspath(__file__))
TOLERANCE = 1e-6


def read_qrels(path):
    qrels = {}
    with open(path) as f:
        for line in f:
            parts = line.split()
            if parts:
                qid, _, doc, rel = parts
                qrels.setdefault(qid, {})[doc] = int(rel)
    return qrels


def read_run(path):
    run = {}
    with open(path) as f:
        for line in f:
            parts = line.split()
            if parts:
                qid, _, doc, _, score, _ = parts
                run.setdefault(qid, {})[doc] = float(score)
    return run


def reference(qrels, run, k):
    """pytrec_eval's values in wor's key names, per query."""
    measures = {"ndcg_cut.%d" % k, "recip_rank", "recall.%d" % k, "P.%d" % k, "map"}
    result = pytrec_eval.RelevanceEvaluator(qrels, measures).evaluate(run)
    names = {
        "ndcg_cut_%d" % k: "ndcg@%d" % k,
        "recip_rank": "mrr",
        "recall_%d" % k: "recall@%d" % k,
        "P_%d" % k: "precision@%d" % k,
        "map": "map",
    }
    return {q: {names[m]: v for m, v in values.items()} for q, values in result.items()}


def random_pair(seed, directory):
    """A seeded qrels/run pair full of edge cases."""
    rng = random.Random(seed)
    docs = ["d%d" % i for i in range(25)] + ["10", "9", "100", "A", "a", "Z_1"]
    qrels_lines, run_lines = [], []
    for q in range(30):
        qid = "q%02d" % q
        kind = rng.random()
        if kind > 0.1:  # in the qrels (10% of queries are only in the run)
            judged = rng.sample(docs, rng.randint(1, 15))
            no_relevant = rng.random() < 0.1
            for doc in judged:
                rel = 0 if no_relevant else rng.choice([0, 0, 1, 1, 2, 3])
                qrels_lines.append("%s 0 %s %d" % (qid, doc, rel))
        if kind < 0.9 or kind > 0.95:  # in the run (5% are only in the qrels)
            retrieved = rng.sample(docs, rng.randint(1, 25))
            for rank, doc in enumerate(retrieved, 1):
                score = round(rng.uniform(-2, 2), 1)  # one decimal: many ties
                run_lines.append("%s Q0 %s %d %s run%d" % (qid, doc, rank, score, seed))
    rng.shuffle(run_lines)  # file order must not matter
    qrels_path = os.path.join(directory, "random%d.qrels" % seed)
    run_path = os.path.join(directory, "random%d.run" % seed)
    with open(qrels_path, "w") as f:
        f.write("\n".join(qrels_lines) + "\n")
    with open(run_path, "w") as f:
        f.write("\n".join(run_lines) + "\n")
    return qrels_path, run_path


def check(wor, qrels_path, run_path, k):
    out = subprocess.run(
        [wor, "evaluate", "--qrels", qrels_path, "--run", run_path, "--k", str(k), "--json"],
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise SystemExit("wor failed on %s: %s" % (run_path, out.stderr))
    ours = json.loads(out.stdout)
    ref = reference(read_qrels(qrels_path), read_run(run_path), k)
    label = "%s k=%d" % (os.path.basename(run_path), k)
    if sorted(ours["per_query"]) != sorted(ref):
        raise SystemExit("%s: evaluated queries differ: wor %s, trec_eval %s"
                         % (label, sorted(ours["per_query"]), sorted(ref)))
    if ours["queries"] != len(ref) or ours["k"] != k:
        raise SystemExit("%s: header differs: %s" % (label, {x: ours[x] for x in ("queries", "k")}))
    for qid, values in ref.items():
        for name, expected in values.items():
            got = ours["per_query"][qid][name]
            if abs(got - expected) > TOLERANCE:
                raise SystemExit("%s: query %s %s: wor %.9f, trec_eval %.9f"
                                 % (label, qid, name, got, expected))
    for name in ours["mean"]:
        expected = sum(v[name] for v in ref.values()) / len(ref) if ref else 0.0
        got = ours["mean"][name]
        if abs(got - expected) > TOLERANCE:
            raise SystemExit("%s: mean %s: wor %.9f, trec_eval %.9f" % (label, name, got, expected))
    return len(ref)


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    wor = sys.argv[1]
    pairs = [(os.path.join(HERE, n + ".qrels"), os.path.join(HERE, n + ".run")) for n in ("basic", "ties")]
    with tempfile.TemporaryDirectory() as tmp:
        pairs += [random_pair(seed, tmp) for seed in (1, 2, 3)]
        checked = 0
        for qrels_path, run_path in pairs:
            for k in (1, 3, 5, 10, 20):
                checked += check(wor, qrels_path, run_path, k)
    print("crosscheck: %d pairs, %d query evaluations agree with trec_eval to %g"
          % (len(pairs), checked, TOLERANCE))


if __name__ == "__main__":
    main()
