#!/usr/bin/env bash
# Two builds of the criterion `engine` bench, compared in one run on a shared machine (issue 32): the runs
# alternate A B B A per round so load from other work hits both alike, and each benchmark's figure is the
# fastest sample of each run (per iteration), the one least disturbed by that load. Prints, per benchmark,
# the median over the runs of A and B (the range of the runs in brackets), B/A, and the range of the
# rounds' ratios as the run-to-run spread.
#
#   cargo bench --bench engine --no-run; cp target/release/deps/engine-HASH /tmp/engine-b   (likewise A, from
#   a worktree of the other commit), then:
#   benches/ab.sh /tmp/engine-a /tmp/engine-b [ROUNDS (default 4)] [FILTER (default 'match_single|triage')]
set -euo pipefail
A=$1 B=$2 ROUNDS=${3:-4} FILTER=${4:-'match_single|triage'}
DIR=$(mktemp -d)
for r in $(seq "$ROUNDS"); do
  for side in a b b a; do
    bin=$A; [ "$side" = b ] && bin=$B
    CRITERION_HOME="$DIR/home-$side" "$bin" --bench "$FILTER" --warm-up-time 0.5 --measurement-time 2 \
      --noplot >/dev/null 2>&1
    (cd "$DIR/home-$side" && find . -path '*/new/sample.json') | while read -r f; do
      id=$(dirname "$(dirname "$f")" | sed 's|^\./||; s|/|:|g')
      mkdir -p "$DIR/runs/$id"
      cp "$DIR/home-$side/$f" "$DIR/runs/$id/$r-$side-$(date +%s%N).json"
    done
  done
done
python3 - "$DIR/runs" <<'PY'
import glob, json, os, statistics as st, sys
for bench in sorted(os.listdir(sys.argv[1])):
    runs = {"a": {}, "b": {}}
    for f in glob.glob(os.path.join(sys.argv[1], bench, "*.json")):
        r, side, _ = os.path.basename(f)[:-5].split("-")
        s = json.load(open(f))
        runs[side].setdefault(r, []).append(min(t / i for t, i in zip(s["times"], s["iters"])) / 1e3)
    a = [m for ms in runs["a"].values() for m in ms]
    b = [m for ms in runs["b"].values() for m in ms]
    rounds = [st.mean(runs["b"][r]) / st.mean(runs["a"][r]) for r in runs["a"] if r in runs["b"]]
    print(f"{bench}: A {st.median(a):.1f} us ({min(a):.1f}-{max(a):.1f}), B {st.median(b):.1f} us "
          f"({min(b):.1f}-{max(b):.1f}); B/A {st.median(b) / st.median(a):.2f}, rounds "
          f"{min(rounds):.2f}-{max(rounds):.2f}")
PY
rm -rf "$DIR"
