#!/bin/sh
# bench_sync.sh BUILD - antri-sync's catch-up: an office's history (days of
# generated tickets) shipped to a throwaway PostgreSQL (fsync on) by one
# `antri-sync --once`, and `antri-central check` over it; then the queue's
# issue latency with antri-sync following it, the central up and then
# down (stopped), and the time to ship the outage's tickets once it is
# back.  Prints figures; asserts nothing.  Skipped when no cluster can be
# started.
B=$(cd "${1:-build}" && pwd)
BIN=$B
OUT=$(mktemp -d /tmp/antri-bench-sync.XXXXXX)
. "$(dirname "$0")/../helpers/lib.sh"
. "$(dirname "$0")/../helpers/pg_lib.sh"
SYNC=""
trap '[ -n "$SYNC" ] && kill "$SYNC"; pg_cleanup; rm -rf "$OUT"' EXIT
trap 'exit 1' HUP INT PIPE TERM
why=$(pg_skip_reason)
[ -n "$why" ] && { echo "bench_sync: skipped: $why"; exit 0; }
pg_start || { echo "bench_sync: skipped: the cluster did not start"; exit 0; }
ms() { date +%s%3N; }
DAYS=${SYNC_BENCH_DAYS:-10}
PERDAY=${SYNC_BENCH_PERDAY:-1000}
"$B/tests/bench_core" "$OUT/o.db" year "$DAYS" "$PERDAY" >/dev/null
"$B/antri-central" --pg "$ADMIN" init >/dev/null
"$B/antri-central" --pg "$ADMIN" office add jkt-bench "Bench" \
    --passfile "$OUT/pass" >/dev/null
cat >"$OUT/o.conf" <<EOC
[central]
pg = host=$PGSOCK port=$PGPORT_T dbname=antri user=antri_jkt-bench passfile=$OUT/pass
office = jkt-bench
EOC
n=$(sqlite3 "$OUT/o.db" "SELECT max(id) FROM events")
t0=$(ms)
"$B/antri-sync" --config "$OUT/o.conf" --db "$OUT/o.db" --once >/dev/null
t1=$(ms)
echo "antri-sync catch-up: $n events in $((t1 - t0)) ms," \
    "$((n * 1000 / (t1 - t0 + 1))) events/s (batches of 500, fsync on)"
t0=$(ms)
"$B/antri-central" --pg "$ADMIN" check --office jkt-bench >/dev/null
t1=$(ms)
echo "antri-central check: $n events in $((t1 - t0)) ms"

# the days were made on a made-up clock: the office says its clock is right
"$B/antri" --db "$OUT/o.db" clock accept >/dev/null
"$B/antri-sync" --config "$OUT/o.conf" --db "$OUT/o.db" 2>"$OUT/sync.log" &
SYNC=$!
N=1000
set -- $("$B/tests/bench_core" "$OUT/o.db" latency $N)
echo "issue latency, ms (p50 p99 max), $N tickets, antri-sync following:" \
    "the central up $1 $2 $3"
pg_stop
wait_match "$OUT/sync.log" "unreachable" 300
set -- $("$B/tests/bench_core" "$OUT/o.db" latency $N)
echo "  ... the central down: $1 $2 $3 (the queue does not wait on it)"
last=$(sqlite3 "$OUT/o.db" "SELECT max(id) FROM events")
t0=$(ms)
pg_restart
held=0
while [ $(( $(ms) - t0 )) -lt 120000 ]; do
	held=$(pgq "SELECT coalesce(max(id), 0) FROM antri.events")
	[ "$held" -ge "$last" ] && break
	sleep 0.1
done
if [ "$held" -ge "$last" ]; then
	echo "  ... the central back: the outage's $N tickets there after" \
	    "$(( $(ms) - t0 )) ms (its restart and antri-sync's back-off included)"
else
	echo "  ... the central back: after 120 s it holds events up to $held" \
	    "of $last (not caught up)"
fi
