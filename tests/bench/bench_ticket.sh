#!/bin/sh
# bench_ticket.sh BUILD - the visitor's page /t/<token> (called by
# tests/bench/bench.sh): bytes of a full load, first paint in headless
# Chromium on loopback, and `antri next` -> the page (p99 over 50).
# Prints figures; asserts nothing.
set -u
B=${1:-build}
W=$(mktemp -d /tmp/antri-bench-ticket.XXXXXX)
SPID=""
trap '[ -n "$SPID" ] && kill "$SPID" 2>/dev/null; rm -rf "$W"' EXIT
DB="$W/ticket.db"
if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ] ||
    ! /usr/bin/python3 -c 'import selenium' 2>/dev/null; then
	echo "chromium, chromedriver or python3-selenium missing: no figures"
	exit 0
fi
"$B/antri" --db "$DB" init --demo >/dev/null
"$B/antri" --db "$DB" limit 0 >/dev/null
N=50
for i in $(seq $((N + 5))); do "$B/antri" --db "$DB" issue A >/dev/null; done
"$B/antri" --db "$DB" issue A >/dev/null
LAST=$(sqlite3 "$DB" "SELECT token FROM tickets ORDER BY id DESC LIMIT 1")
for try in 1 2 3 4 5; do
	PORT=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))
	"$B/antri-serve" --db "$DB" --listen "127.0.0.1:$PORT" 2>"$W/log" &
	SPID=$!
	sleep 0.5
	grep -q listening "$W/log" && break
	kill "$SPID" 2>/dev/null; SPID=""
done
[ -z "$SPID" ] && { echo "antri-serve did not start"; exit 0; }
U="http://127.0.0.1:$PORT"
B0=0
for f in "/t/$LAST" /ticket.js /ticket.css "/api/v1/t/$LAST"; do
	B0=$((B0 + $(curl -s -o /dev/null -w '%{size_download}' "$U$f")))
done
echo "/t/<token> page, script, style and JSON: $B0 bytes uncompressed"
echo "load average: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) cores"
/usr/bin/python3 tests/bench/bench_ticket.py "$U/t/$LAST" "$B/antri" "$DB" "$N"
