#!/bin/sh
# Regenerates golden.txt.gz and golden_totals.txt: 200 matching instances
# (n = 50..300) written by /work/shared/bench/gen_instance.py ("matching"
# with several densities, integer and float weights, and "people") and the
# totals NetworkX's max_weight_matching finds for them, without and (for
# every other instance) with maxcardinality.
#
# usage: sh matching/testdata/gen_golden.sh [BENCH_DIR]
# Needs /usr/bin/python3 with python3-networkx (Debian). Takes a few minutes.
set -eu
bench=${1:-/work/shared/bench}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/all.txt"
: > "$tmp/totals.txt"
i=0
while [ $i -lt 200 ]; do
	n=$((50 + (i * 37) % 251))
	case $((i % 5)) in
	0) args="matching $n 0.05 $i int" ;;
	1) args="matching $n 0.1 $i float" ;;
	2) args="matching $((n / 2 + 25)) 0.3 $i int" ;;
	3) args="people $((n / 3 + 40)) 40 $i" ;;
	4) args="matching $n 0.03 $i int" ;;
	esac
	/usr/bin/python3 "$bench/gen_instance.py" $args > "$tmp/inst.txt"
	plain=$(/usr/bin/python3 "$bench/peer_networkx.py" "$tmp/inst.txt" | /usr/bin/python3 -c 'import json,sys; print(repr(json.load(sys.stdin)["total"]))')
	if [ $((i % 2)) -eq 0 ]; then
		maxcard=$(/usr/bin/python3 "$bench/peer_networkx.py" "$tmp/inst.txt" --maxcard | /usr/bin/python3 -c 'import json,sys; print(repr(json.load(sys.stdin)["total"]))')
	else
		maxcard=-
	fi
	echo "$i $args" | tr ' ' '_' | sed 's/^\([0-9]*\)_/\1 /' > "$tmp/name"
	echo "$(cat "$tmp/name") $plain $maxcard" >> "$tmp/totals.txt"
	cat "$tmp/inst.txt" >> "$tmp/all.txt"
	i=$((i + 1))
done
gzip -9 -n < "$tmp/all.txt" > "$here/golden.txt.gz"
cp "$tmp/totals.txt" "$here/golden_totals.txt"
