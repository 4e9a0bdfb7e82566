#!/bin/sh
# bench_central_scale.sh BUILD - the head office's scale on a throwaway
# PostgreSQL (fsync on, in /tmp, removed after).  Prints figures; asserts
# nothing.  Skipped when no cluster can be started.
#   1. 318 outlets at about 3,500 events/s in all for 30 s, each over its
#      own connection as its own role (bench_central live): p99 of "event
#      made -> in the central and its live state changed";
#   2. a whole day of 318 outlets (~1.9 M events) shipped at once after a
#      city-wide outage (bench_central catchup): the time to catch up;
#   3. a month of 318 outlets (~9.5 M tickets) reported by `antri-central
#      report` for all outlets, one area, one office.  The month is made
#      by SQL straight into the tables ingest fills (antri.tickets,
#      antri.outlet_days), not by replaying 38 M events: it measures the
#      report, not the ingest (1. and 2. do).  Timed from the tickets
#      (--no-rollup), then `antri-central rollup` summing the closed days,
#      then the reports reading the rollups; the plans of the report's
#      read from the server's log (auto_explain), all outlets both ways.
# CENTRAL_BENCH_SECONDS, CENTRAL_BENCH_RATE, CENTRAL_BENCH_DAY,
# CENTRAL_BENCH_MONTH_PERDAY scale it down for a quick look;
# CENTRAL_BENCH_PARTS chooses the parts ("live catchup month", the
# default, or some of them: "month" times the report alone).
B=$(cd "${1:-build}" && pwd)
BIN=$B
OUT=$(mktemp -d /tmp/antri-bench-central.XXXXXX)
. "$(dirname "$0")/../helpers/lib.sh"
. "$(dirname "$0")/../helpers/pg_lib.sh"
trap 'pg_cleanup; rm -rf "$OUT"' EXIT
trap 'exit 1' HUP INT PIPE TERM
why=$(pg_skip_reason)
[ -n "$why" ] && { echo "bench_central: skipped: $why"; exit 0; }
echo "bench_central: free in /tmp: $(df -h /tmp | awk 'NR == 2 {print $4}')"
pg_start || { echo "bench_central: skipped: the cluster did not start"; exit 0; }
# a connection per outlet: 318 and the head office's
psql -X -q "$ADMIN" -c "ALTER SYSTEM SET max_connections = 400" >/dev/null
pg_stop && pg_restart || { echo "bench_central: skipped: no restart"; exit 0; }
ms() { date +%s%3N; }
# the machine may be shared: its load with each figure
load() { echo "load average before $1: $(cut -d' ' -f1-3 /proc/loadavg)"; }
N=318
SECS=${CENTRAL_BENCH_SECONDS:-30}
RATE=${CENTRAL_BENCH_RATE:-3500}
DAY=${CENTRAL_BENCH_DAY:-6000}
PERDAY=${CENTRAL_BENCH_MONTH_PERDAY:-1358}
PARTS=${CENTRAL_BENCH_PARTS:-live catchup month}
part() { case " $PARTS " in *" $1 "*) return 0 ;; esac; return 1; }
AREAS="Jakarta Pusat|Jakarta Utara|Jakarta Barat|Jakarta Selatan|Jakarta Timur|Kepulauan Seribu"

"$B/antri-central" --pg "$ADMIN" init >/dev/null
# the outlets and their roles, one password for the bench (a passfile)
printf '*:*:*:*:bench-%s\n' "$$" >"$OUT/pass"
chmod 600 "$OUT/pass"
t0=$(ms)
psql -X -q "$ADMIN" -o /dev/null <<EOSQL
SELECT antri.office_add(format('bench-%s', lpad(i::text, 4, '0')),
  format('Outlet %s', i),
  (string_to_array('$AREAS', '|'))[1 + i % 6],
  (SELECT 'bench-$$'))
FROM generate_series(1, $N) i;
EOSQL
# office_add stores what it is given as the password: fine for a bench
echo "318 outlets registered in $(( $(ms) - t0 )) ms"
CONN="host=$PGSOCK port=$PGPORT_T dbname=antri user=antri_%s passfile=$OUT/pass"

# ---- 1. live ----------------------------------------------------------------
if part live; then
load "the live run"
"$B/tests/bench_central" live "$CONN" $N "$RATE" "$SECS" ||
    echo "bench_central live: failed"
fi

# ---- 2. catch-up --------------------------------------------------------------
psql -X -q "$ADMIN" -c "TRUNCATE antri.events, antri.tickets, \
    antri.outlet_now, antri.outlet_days, antri.live" >/dev/null
if part catchup; then
load "the catch-up"
"$B/tests/bench_central" catchup "$CONN" $N "$DAY" ||
    echo "bench_central catchup: failed"
echo "the central holds $(pgq "SELECT count(*) FROM antri.events") events," \
    "$(pgq "SELECT count(*) FROM antri.tickets") tickets rebuilt"
fi
part month || exit 0

# ---- 3. a month's report ---------------------------------------------------------
psql -X -q "$ADMIN" -c "TRUNCATE antri.events, antri.tickets, \
    antri.outlet_now, antri.outlet_days, antri.day_versions, antri.live, \
    antri.rollup_days, antri.rollup_parts" >/dev/null
t0=$(ms)
# 22 business days of the last 31; per office-day PERDAY tickets from
# 08:00, four services, waits 0..40 min, service 1..15 min, a no-show in
# twenty, counters 1..6
psql -X -q "$ADMIN" >/dev/null <<EOSQL
CREATE TEMP TABLE d AS SELECT day::date AS day FROM generate_series(
  current_date - 31, current_date - 1, interval '1 day') day
  WHERE extract(isodow FROM day) < 6 ORDER BY day LIMIT 22;
INSERT INTO antri.tickets (office, ticket, day, issue_service, service, seq,
  state, issued_ms, called_ms, finished_ms, counter)
SELECT o.id, (d.day - date '2000-01-01') * 10000 + k, d.day,
  chr(65 + k % 4), chr(65 + k % 4), k / 4 + 1,
  CASE WHEN (k * 7 + o.n) % 20 = 0 THEN 'NO_SHOW' ELSE 'DONE' END,
  t.ms, t.ms + w.s * 1000 + k % 1000,
  t.ms + w.s * 1000 + k % 1000 + (60 + (k * 31 + o.n) % 840) * 1000 + k % 997,
  1 + (k + o.n) % 6
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM antri.offices) o
CROSS JOIN d CROSS JOIN generate_series(1, $PERDAY) k
CROSS JOIN LATERAL (SELECT (extract(epoch FROM d.day::timestamp
  + interval '8 hours') * 1000)::bigint + k * (28800000 / $PERDAY) AS ms) t
CROSS JOIN LATERAL (SELECT (k * 7919 + o.n * 104729) % 2400 AS s) w;
INSERT INTO antri.outlet_days (office, day, peak)
SELECT t.office, t.day, 20 + (hashtext(t.office || t.day) & 15)
FROM antri.tickets t GROUP BY t.office, t.day;
INSERT INTO antri.day_versions (office, day)
SELECT office, day FROM antri.outlet_days;
VACUUM ANALYZE antri.tickets;
VACUUM ANALYZE antri.outlet_days;
VACUUM ANALYZE antri.day_versions;
EOSQL
n=$(pgq "SELECT count(*) FROM antri.tickets")
from=$(pgq "SELECT min(day) FROM antri.tickets")
to=$(pgq "SELECT max(day) FROM antri.tickets")
echo "a month made by SQL into the ingest's tables: $n tickets of $N" \
    "outlets, $from to $to, in $(( $(ms) - t0 )) ms" \
    "($(pgq "SELECT pg_size_pretty(pg_total_relation_size('antri.tickets'))"))"
# R NAME [ARGS]: antri-central report of the month, timed
R() {
	name=$1; shift
	load "the report ($name)"
	t0=$(ms)
	"$B/antri-central" --pg "$ADMIN" report --from "$from" --to "$to" \
	    "$@" --json >"$OUT/r.json"
	echo "report of a month, $name: $(( $(ms) - t0 )) ms," \
	    "$(jq .total.issued "$OUT/r.json") tickets"
}
R "all outlets, from the tickets" --no-rollup
cp "$OUT/r.json" "$OUT/tickets.json"
load "the rollup of the closed days"
t0=$(ms)
"$B/antri-central" --pg "$ADMIN" rollup --from "$from" --to "$to" | tail -n 1
echo "rollup of a month's closed days: $(( $(ms) - t0 )) ms," \
    "$(pgq "SELECT count(*) FROM antri.rollup_parts") rows" \
    "($(pgq "SELECT pg_size_pretty(pg_total_relation_size('antri.rollup_parts'))"))"
psql -X -q "$ADMIN" -c "VACUUM ANALYZE antri.rollup_parts" >/dev/null
psql -X -q "$ADMIN" -c "VACUUM ANALYZE antri.rollup_days" >/dev/null
R "all outlets, closed days from their rollups"
R "all outlets, again"
if cmp -s "$OUT/tickets.json" "$OUT/r.json"; then
	echo "the figures from the rollups are those from the tickets"
else
	echo "THE FIGURES FROM THE ROLLUPS DIFFER FROM THE TICKETS'"
fi
R "one area (Jakarta Pusat)" --area "Jakarta Pusat"
R "one outlet" --office bench-0001
# the report's own statements' plans, from the server's log
psql -X -q "$ADMIN" <<EOSQL >/dev/null
ALTER SYSTEM SET session_preload_libraries = 'auto_explain';
LOAD 'auto_explain';
ALTER SYSTEM SET auto_explain.log_min_duration = 0;
ALTER SYSTEM SET auto_explain.log_analyze = on;
ALTER SYSTEM SET auto_explain.log_buffers = on;
SELECT pg_reload_conf();
EOSQL
for how in "" --no-rollup; do
	lines=$(wc -l <"$PGDIR/server.log")
	"$B/antri-central" --pg "$ADMIN" report --from "$from" --to "$to" \
	    $how --json >/dev/null
	echo "the plan of the report's read, all outlets${how:+ ($how)}:"
	tail -n +"$((lines + 1))" "$PGDIR/server.log" | awk '
	    /^[0-9][0-9][0-9][0-9]-/ { keep = 0; head = $0 }
	    /Query Text: WITH parts/ { keep = 1; print head; next }
	    keep' | sed 's/{[-0-9,]*}/{...}/g; s/^/    /'
done
