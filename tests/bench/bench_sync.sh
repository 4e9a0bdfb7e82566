#!/bin/sh
# bench_sync.sh BUILD - antri-sync's catch-up: an office's history (days of
# generated tickets) shipped to a throwaway PostgreSQL (fsync on) by one
# `antri-sync --once`, and `antri-central check` over it.  Prints figures;
# asserts nothing.  Skipped when no cluster can be started.
B=$(cd "${1:-build}" && pwd)
BIN=$B
OUT=$(mktemp -d /tmp/antri-bench-sync.XXXXXX)
. "$(dirname "$0")/../helpers/lib.sh"
. "$(dirname "$0")/../helpers/pg_lib.sh"
trap 'pg_cleanup; rm -rf "$OUT"' EXIT
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
