#!/usr/bin/env bash
# Batch throughput and peak memory of `wor match` and `wor triage` (issue 37): a generated 10k-entry map
# (seed 42), synthetic referrals on it (cases of seed 7, cycled to N with fresh ids), each command run
# under `/usr/bin/time -v` with its output written to a file. Prints one line per run: wall seconds,
# peak RSS in MB and output bytes per referral.
#
#   benches/batch.sh [N] [DIR]            N referrals (default 200000), files in DIR (default target/bench-batch)
#   WOR=path/to/wor benches/batch.sh ...  another build (default target/release/wor)
#   RUNS="match-jsonl triage-csv" ...     only these runs (default: all six, see below)
#   KEEP=1 ...                            keep the outputs (DIR/out-RUN.*) to compare builds with cmp
#   SINK=pipe ...                         write to standard output into a pipe that counts the bytes (a
#                                         million referrals' JSON is about 12 GB on disk)
set -euo pipefail
N=${1:-200000}
DIR=${2:-target/bench-batch}
WOR=${WOR:-target/release/wor}
RUNS=${RUNS:-"match-jsonl match-csv match-compact triage-jsonl triage-csv"}
DATE=2026-06-01
mkdir -p "$DIR"

map="$DIR/map-10k.json"
[ -s "$map" ] || "$WOR" map generate --entries 10000 --seed 42 --output "$map" >&2
cases="$DIR/cases-2000.jsonl"
[ -s "$cases" ] || "$WOR" evaluate generate-cases --map "$map" --cases 2000 --seed 7 \
  --from "$DATE" --to "$DATE" --output "$cases" >&2
referrals="$DIR/referrals-$N.jsonl"
if [ ! -s "$referrals" ]; then
  # The cases' referrals, repeated with fresh ids up to N (ids stay unique: no duplicate-id errors).
  python3 - "$cases" "$N" >"$referrals" <<'EOF'
import json, sys
refs = [json.loads(line)["referral"] for line in open(sys.argv[1], encoding="utf-8")]
out = sys.stdout
for i in range(int(sys.argv[2])):
    r = dict(refs[i % len(refs)], id=f"c{i:07d}")
    out.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
EOF
fi

run() { # name, output file, wor arguments...
  local name=$1 out=$2
  shift 2
  local log="$DIR/time-$name.txt"
  local wall rss bytes cpu
  if [ "${SINK:-file}" = pipe ]; then
    # Without a file name the format is not in its extension.
    local format=jsonl
    [ "${out##*.}" = csv ] && format=csv
    bytes=$({ /usr/bin/time -v "$WOR" "$@" --output-format "$format" "$referrals" 2>"$log" || echo "failed" >&2; } | wc -c)
  else
    /usr/bin/time -v "$WOR" "$@" --output "$out" "$referrals" 2>"$log" >/dev/null || {
      tail -n 30 "$log" >&2
      exit 1
    }
    bytes=$(stat -c %s "$out")
  fi
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$log")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$log")
  printf '%-14s %8d referrals  %7.1f s wall  %7.1f s CPU  %5d MB peak RSS  %6d bytes/referral\n' \
    "$name" "$N" "$wall" "$cpu" "$rss" $((bytes / N))
  [ -n "${KEEP:-}" ] || rm -f "$out"
}

for r in $RUNS; do
  case $r in
    match-jsonl) run "$r" "$DIR/out-$r.jsonl" match --map "$map" --top 10 --date "$DATE" ;;
    match-csv) run "$r" "$DIR/out-$r.csv" match --map "$map" --top 10 --date "$DATE" ;;
    match-compact) run "$r" "$DIR/out-$r.jsonl" match --map "$map" --top 10 --date "$DATE" --compact ;;
    triage-jsonl) run "$r" "$DIR/out-$r.jsonl" triage ;;
    triage-csv) run "$r" "$DIR/out-$r.csv" triage ;;
    *) echo "unknown run $r" >&2; exit 2 ;;
  esac
done
