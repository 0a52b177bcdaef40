#!/usr/bin/env bash
# Make the README's Performance tables on this machine, from a clone.
#
#   scripts/perf.sh library          # go benchmarks: one row each, with peak memory
#   scripts/perf.sh library --large  # the same and the 100,000-person Optimal (minutes)
#   scripts/perf.sh solvers          # the exact solvers beside LEMON, NetworkX, SciPy
#
# library needs Go and /usr/bin/time. solvers needs the peer timers of
# ../shared/bench (or BENCH_DIR) and Debian's python3, python3-networkx,
# python3-scipy and liblemon-dev (compare.sh installs the last three).
# Each library row runs its benchmark once (-benchtime 1x) in a compiled
# test binary; peak memory is that process's maximum resident set.
set -euo pipefail
cd "$(dirname "$0")/.."

library() {
  local tmp
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  echo "| what | benchmark | time | peak memory | target |"
  echo "|---|---|---|---|---|"
  row() { # package benchmark what target
    local pkg=$1 bench=$2 what=$3 target=$4 bin out ns peak
    bin="$tmp/$(echo "$pkg" | tr / _).test"
    [ -x "$bin" ] || go test -c -o "$bin" "./$pkg"
    out=$(cd "$pkg" && /usr/bin/time -f 'PEAK %M' "$bin" -test.run '^$' -test.bench "$bench" -test.benchtime 1x -test.timeout 1h 2>&1)
    ns=$(awk '/ns\/op/ {for (i = 1; i < NF; i++) if ($(i+1) == "ns/op") {print $i; exit}}' <<<"$out")
    peak=$(awk '/^PEAK/ {print $2}' <<<"$out")
    if [ -z "$ns" ]; then
      echo "benchmark $pkg $bench did not run:" >&2
      echo "$out" >&2
      return 1
    fi
    printf '| %s | `%s` `%s` | %s | %s | %s |\n' "$what" "$pkg" "$bench" \
      "$(awk -v ns="$ns" 'BEGIN {s = ns / 1e9; if (s < 1) printf "%.3f s", s; else printf "%.2f s", s}')" \
      "$(awk -v kb="$peak" 'BEGIN {if (kb >= 1048576) printf "%.2f GiB", kb / 1048576; else printf "%.0f MiB", kb / 1024}')" \
      "$target"
  }
  row skills 'ReadCSV10000x200$' 'read a 10,000 × 200 survey CSV' '≤ 0.5 s, ≤ 300 MiB'
  row skills 'ReadXLSX10000x200$' 'read a 10,000 × 200 survey .xlsx' '≤ 5 s'
  row skills 'ReadSurveyCSV10000x200$' 'read a 10,000 × 200 Google Forms export (CSV, word answers, mapping)' '≤ 1 s, ≤ 300 MiB'
  row skills 'ReadSurveyXLSX10000x200$' 'the same export as .xlsx' '≤ 5 s'
  row matching 'Sparse/100000$' 'matching, n = 100,000, average degree 32' '≤ 10 s, ≤ 1 GiB'
  row pairing 'Optimal/n=1000$' 'optimal pairs, 1,000 people × 200 skills' '≤ 0.3 s'
  row pairing 'Optimal/n=3000$' 'optimal pairs, 3,000 × 200' ''
  row pairing 'Optimal/n=10000$' 'optimal pairs, 10,000 × 200' '≤ 3 s'
  row pairing 'Greedy/n=10000$' 'greedy pairs (no blocking pair), 10,000 × 200' '≤ 5 s'
  row pairing 'Stable/n=10000$' 'stable pairs, 10,000 × 200' '≤ 5 s'
  row pairing 'Capacity/n=1000$' 'optimal under capacities (20% at 2–3), 1,000 × 200' ''
  row pairing 'Capacity/n=10000$' 'optimal under capacities (20% at 2–3), 10,000 × 200' '≤ 5 s'
  row pairing 'CapacityFewSkills/n=10000$' 'optimal under capacities (10% at 2), 10,000 people × 12 skills' '≤ 10 s'
  row pairing 'CapacityComplete/n=5000$' 'capacities on the complete graph (the fallback), 5,000 × 200' ''
  row pairing 'Degenerate/identical-100000$' '100,000 identical people' '≤ 10 s'
  row pairing 'Degenerate/nobody-eligible-100000$' '100,000 people who want nothing' '≤ 10 s'
  row pairing 'Degenerate/everyone-eligible-20000$' '20,000 people, every pair eligible' ''
  row pairing 'Degenerate/one-department-200-20000$' '20,000 × 200, one department and one grade' ''
  row pairing 'ScorerExplainAll$' 'explain all 1.1 million pairs of 1,500 × 200 (Scorer)' '≤ 2 s'
  if [ "${1:-}" = --large ]; then
    row pairing 'Large100k$' 'optimal pairs, 100,000 × 200' '≤ 120 s, ≤ 8 GiB'
  fi
  row cohort 'Form/n=1000$' 'groups of 6–10, 1,000 people' '≤ 3 s'
  row cohort 'Form/n=10000$' 'groups of 6–10, 10,000 people' '≤ 15 s'
  row cohort 'FormPeerLearning/n=10000$' 'peer-learning groups, 10,000 people' ''
  row schedule 'Calendars/people=10000$' 'calendar files of 10,000 people (groups and check-ins)' ''
  row programme 'Repair/leaver/n=10000$' 'repair after one leaver, 10,000 participants' '≤ 50 ms'
}

solvers() {
  local bench=${BENCH_DIR:-../shared/bench} inst=${INSTANCE_DIR:-/tmp/peermatch-instances}
  if [ ! -x "$bench/compare.sh" ]; then
    echo "solvers needs the peer timers: set BENCH_DIR to a folder with compare.sh and gen_instance.py" >&2
    exit 2
  fi
  mkdir -p "$inst"
  gen() { # name args...
    local name=$1; shift
    [ -s "$inst/$name.txt" ] || /usr/bin/python3 "$bench/gen_instance.py" "$@" > "$inst/$name.txt"
  }
  gen m300 matching 300 1 1 int
  gen m1000 matching 1000 1 1 int
  gen m2000 matching 2000 1 1 int
  gen p300 people 300 40 1
  gen p1000 people 1000 40 1
  gen p3000 people 3000 40 1
  gen a2000 assignment 2000 2000 1 int
  gen a4000f assignment 4000 4000 1 float
  for f in m300 m1000 m2000 p300 p1000 p3000; do
    echo "== matching $f"; "$bench/compare.sh" matching "$inst/$f.txt"
  done
  echo "== matching m300 --maxcard"; "$bench/compare.sh" matching "$inst/m300.txt" --maxcard
  for f in a2000 a4000f; do
    echo "== assignment $f"; "$bench/compare.sh" assignment "$inst/$f.txt"
  done
}

case "${1:-library}" in
library) shift || true; library "$@" ;;
solvers) solvers ;;
*)
  echo "usage: scripts/perf.sh library [--large] | solvers" >&2; exit 2
  ;;
esac
