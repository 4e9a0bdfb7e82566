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
#      report, not the ingest (1. and 2. do).
# CENTRAL_BENCH_SECONDS, CENTRAL_BENCH_RATE, CENTRAL_BENCH_DAY,
# CENTRAL_BENCH_MONTH_PERDAY scale it down for a quick look.
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
load "the live run"
"$B/tests/bench_central" live "$CONN" $N "$RATE" "$SECS" ||
    echo "bench_central live: failed"

# ---- 2. catch-up --------------------------------------------------------------
psql -X -q "$ADMIN" -c "TRUNCATE antri.events, antri.tickets, \
    antri.outlet_now, antri.outlet_days, antri.live" >/dev/null
load "the catch-up"
"$B/tests/bench_central" catchup "$CONN" $N "$DAY" ||
    echo "bench_central catchup: failed"
echo "the central holds $(pgq "SELECT count(*) FROM antri.events") events," \
    "$(pgq "SELECT count(*) FROM antri.tickets") tickets rebuilt"

# ---- 3. a month's report ---------------------------------------------------------
psql -X -q "$ADMIN" -c "TRUNCATE antri.events, antri.tickets, \
    antri.outlet_now, antri.outlet_days, antri.live" >/dev/null
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
VACUUM ANALYZE antri.tickets;
VACUUM ANALYZE antri.outlet_days;
EOSQL
n=$(pgq "SELECT count(*) FROM antri.tickets")
from=$(pgq "SELECT min(day) FROM antri.tickets")
to=$(pgq "SELECT max(day) FROM antri.tickets")
echo "a month made by SQL into the ingest's tables: $n tickets of $N" \
    "outlets, $from to $to, in $(( $(ms) - t0 )) ms" \
    "($(pgq "SELECT pg_size_pretty(pg_total_relation_size('antri.tickets'))"))"
for sel in "all outlets|" "one area (Jakarta Pusat)|--area|Jakarta Pusat" \
    "one outlet|--office|bench-0001"; do
	name=${sel%%|*}; rest=${sel#*|}
	opt=${rest%%|*}; val=${rest#*|}
	load "the report ($name)"
	t0=$(ms)
	if [ -n "$opt" ]; then
		"$B/antri-central" --pg "$ADMIN" report --from "$from" --to "$to" \
		    "$opt" "$val" --json >"$OUT/r.json"
	else
		"$B/antri-central" --pg "$ADMIN" report --from "$from" --to "$to" \
		    --json >"$OUT/r.json"
	fi
	echo "report of a month, $name: $(( $(ms) - t0 )) ms," \
	    "$(jq .total.issued "$OUT/r.json") tickets"
done
# the report's grouped read, all outlets: its statement (cdb_sql.c
# CR_FIGURES) with the month's midnights as $5, under CR_MEMORY's settings
bases=$(d=$from; sep=""; printf '{'; while [ ! "$d" \> "$to" ]; do
	printf '%s%s000' "$sep" "$(date -d "$d 00:00" +%s)"; sep=,
	d=$(date -d "$d + 1 day" +%Y-%m-%d); done; printf '}')
echo "the plan of the report's grouped read, all outlets:"
psql -X -qAt "$ADMIN" <<EOSQL | sed 's/^/    /'
SET work_mem = '256MB';
SET hash_mem_multiplier = 4;
SET enable_indexscan = off;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT GROUPING(x.day),
  to_char(x.day, 'YYYY-MM-DD'), x.h, x.issue_service, x.service, x.counter,
  x.state, x.called, x.w, count(*), sum(x.svc)
FROM (SELECT t.day,
  (t.issued_ms - ('$bases'::bigint[])[t.day - '$from'::date + 1]) / 3600000
  AS h, t.issue_service, t.service, t.counter, t.state,
  t.called_ms > 0 AS called,
  CASE WHEN t.called_ms > 0 THEN (t.called_ms - t.issued_ms) / 1000 ELSE 0
  END AS w,
  CASE WHEN t.state = 'DONE' THEN t.finished_ms - t.called_ms ELSE 0 END AS svc
  FROM antri.tickets t WHERE t.day BETWEEN '$from'::date AND '$to'::date) x
GROUP BY GROUPING SETS ((x.day), (x.h, x.issue_service, x.service, x.counter,
  x.state, x.called, x.w));
EOSQL
