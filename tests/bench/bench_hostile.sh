#!/bin/sh
# bench_hostile.sh BUILD - antri-serve under one hostile machine (called by
# tests/bench/bench.sh): 1,200 event-stream requests from one address
# (127.0.0.2) held 3 s, then closed at once, while a clerk on another
# address (127.0.0.3) presses next; then 100 wrong log-ins at once from
# one address.  Prints the connections the attacker held, the time until
# the clerk's press was answered, the time until the attacker's address
# is served again after the flood stopped, and what the log-in burst got.
# Asserts nothing (tests/scripts/hostile.sh checks the behaviour).
set -u
B=${1:-build}
W=$(mktemp -d /tmp/antri-bench-hostile.XXXXXX)
BIN=$B; OUT=$W
. tests/helpers/lib.sh
. tests/helpers/serve_lib.sh
trap 'kill_server; rm -rf "$W"' EXIT
[ -x /usr/bin/python3 ] || { echo "/usr/bin/python3 missing"; exit 0; }
DB="$W/hostile.db"
"$B/antri" --db "$DB" init --demo >/dev/null
"$B/antri" --db "$DB" limit 0 >/dev/null
echo "bench-clerk-1" | "$B/antri" --db "$DB" user add clerk --role clerk >/dev/null
for i in $(seq 20); do "$B/antri" --db "$DB" issue A >/dev/null; done
start_server || { echo "antri-serve did not start"; exit 0; }
curl -s -o /dev/null --interface 127.0.0.3 -c "$W/jar" -H "Origin: $U" \
	-H "Content-Type: application/json" \
	-d '{"name":"clerk","password":"bench-clerk-1"}' "$U/api/v1/login"
TOK=$(awk '$6 == "antri_session" { print $7 }' "$W/jar")
/usr/bin/python3 tests/helpers/hostile.py flood "$PORT" 127.0.0.2 127.0.0.3 \
	"$TOK" 1200 3 >"$W/flood.out"
awk '$1 == "held" { h = $2 } $1 == "press" { ps = $2; pm = $3 }
	$1 == "recovered" { r = $2 " ms" } $1 == "not" { r = "not within 20 s" }
	END {
		printf "flood, 1200 stream requests from one address: %s connections held (per_address 64)\n", h
		printf "  a press of a clerk at another address during it: %s after %s ms (target <= 1000 ms)\n", ps, pm
		printf "  served again after the flood stopped: %s (a few seconds at most)\n", r
	}' "$W/flood.out"
/usr/bin/python3 tests/helpers/hostile.py burst "$PORT" 127.0.0.7 100 nobody \
	wrong-wrong 127.0.0.3 "$TOK" >"$W/burst.out"
echo "100 wrong log-ins at once from one address: $(grep -v '^press' "$W/burst.out" | tr '\n' ';' | sed 's/;$//')"
echo "  a press of a clerk during them: $(awk '$1 == "press" { print $2 " after " $3 " ms" }' "$W/burst.out")"
stop_server
exit 0
