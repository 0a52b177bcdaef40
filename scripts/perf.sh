#!/usr/bin/env bash
# Reproduce the README's Performance tables on this machine.
#
#   scripts/perf.sh solvers   # peermatch match/assign beside LEMON, NetworkX, SciPy
#   scripts/perf.sh library   # go benchmarks: reading, pairing, groups
#
# Needs ../shared/bench (the peer timers) and Debian's python3, python3-networkx,
# python3-scipy and liblemon-dev (compare.sh installs the last three).
set -euo pipefail
cd "$(dirname "$0")/.."
bench=${BENCH_DIR:-../shared/bench}
inst=${INSTANCE_DIR:-/tmp/peermatch-instances}
mkdir -p "$inst"

gen() { # name args...
  local name=$1; shift
  [ -s "$inst/$name.txt" ] || /usr/bin/python3 "$bench/gen_instance.py" "$@" > "$inst/$name.txt"
}

case "${1:-solvers}" in
solvers)
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
  ;;
library)
  go test ./skills -run '^$' -bench 'ReadCSV10000' -benchmem -benchtime 3x
  go test ./internal/matching -run '^$' -bench 'Sparse' -benchmem -benchtime 1x
  go test ./pairing -run '^$' -bench 'Optimal' -benchmem -benchtime 1x
  go test ./cohort -run '^$' -bench 'Form' -benchmem -benchtime 1x
  ;;
*)
  echo "usage: scripts/perf.sh solvers|library" >&2; exit 2
  ;;
esac
