#!/bin/sh
# bench_ticket.sh BUILD - the visitor's page /t/<token> (called by
# tests/bench/bench.sh): bytes of a full load, first paint in headless
# Chromium on loopback, and `antri next` -> the page (p99 over 50).
# Prints figures; asserts nothing.
set -u
B=${1:-build}
W=$(mktemp -d /tmp/antri-bench-ticket.XXXXXX)
BIN=$B; OUT=$W
. tests/helpers/lib.sh
. tests/helpers/serve_lib.sh
trap 'kill_server; rm -rf "$W"' EXIT
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
start_server || { echo "antri-serve did not start"; exit 0; }
B0=0
for f in "/t/$LAST" /ticket.js /ticket.css "/api/v1/t/$LAST"; do
	B0=$((B0 + $(curl -s -o /dev/null -w '%{size_download}' "$U$f")))
done
echo "/t/<token> page, script, style and JSON: $B0 bytes uncompressed"
echo "load average: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) cores"
/usr/bin/python3 tests/bench/bench_ticket.py "$U/t/$LAST" "$B/antri" "$DB" "$N"
