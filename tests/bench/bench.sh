#!/bin/bash
# bench.sh BUILD - speed figures for antri, measured in one run on this
# machine.  Prints figures; asserts nothing (tests check behaviour).
set -u
B=${1:-build}
ANTRI="$B/antri"
W=$(mktemp -d /tmp/antri-bench.XXXXXX)
trap 'rm -rf "$W"' EXIT
ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

echo "== antri core benchmark ($(date -u +%Y-%m-%d), $(nproc) cores) =="

# 1. bare SQLite: one-row insert, one BEGIN IMMEDIATE transaction each,
#    WAL + synchronous=FULL, the settings antri uses.
N=2000
sqlite3 "$W/bare.db" "PRAGMA journal_mode=WAL; CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);" >/dev/null
{ echo "PRAGMA synchronous=FULL;"
  for i in $(seq $N); do echo "BEGIN IMMEDIATE; INSERT INTO t(v) VALUES ('ticket $i'); COMMIT;"; done
} >"$W/bare.sql"
t0=$(ms); sqlite3 "$W/bare.db" <"$W/bare.sql"; t1=$(ms)
bare=$(( N * 1000 / (t1 - t0 + 1) ))
echo "bare SQLite insert (WAL, synchronous=FULL, 1 tx each): $bare /s"

# 2. tickets issued per second, one process
"$ANTRI" --db "$W/issue.db" init --demo >/dev/null
"$ANTRI" --db "$W/issue.db" limit 0 >/dev/null
rate=$("$B/tests/bench_core" "$W/issue.db" issue $N)
echo "antri issue, one process: $rate tickets/s ($(( rate * 100 / (bare + 1) ))% of bare; target >= 70%)"

# 3. issue + call next, 4 processes at once
"$ANTRI" --db "$W/mixed.db" init --demo >/dev/null
"$ANTRI" --db "$W/mixed.db" limit 0 >/dev/null
M=500
t0=$(ms)
for c in 1 2 3 4; do "$B/tests/bench_core" "$W/mixed.db" mixed $c $M >"$W/mixed$c.out" & done
wait
t1=$(ms)
echo "antri issue + call, 4 processes: $(( 4 * 2 * M * 1000 / (t1 - t0 + 1) )) operations/s (all four, wall clock)"
"$ANTRI" --db "$W/mixed.db" check >/dev/null || echo "  (check FAILED after the mixed run)"

# 4. a year of a busy office: 300 days x 1,000 tickets
YEAR="$B/bench-year.db"
if [ ! -f "$YEAR" ]; then
	echo "building $YEAR (300 days x 1000 tickets, synchronous=OFF; once)..."
	rm -f "$YEAR.tmp" "$YEAR.tmp-wal" "$YEAR.tmp-shm"
	t0=$(ms)
	# bench_core makes the database itself: demo office, limit 0, no fsync
	"$B/tests/bench_core" "$YEAR.tmp" year 300 1000 || exit 1
	t1=$(ms)
	mv "$YEAR.tmp" "$YEAR"
	echo "  built in $(( (t1 - t0) / 1000 )) s"
fi
size=$(du -m "$YEAR" | cut -f1)
# the year was written on a made-up clock, which the clock guard then
# (rightly) takes for a clock that ran ahead: said so, as an office would
"$ANTRI" --db "$YEAR" clock accept >/dev/null
from=$(date -d '300 days ago' +%Y-%m-%d)
to=$(date -d 'yesterday' +%Y-%m-%d)
for i in $(seq 15); do t0=$(ms); "$ANTRI" --db "$YEAR" status >/dev/null; t1=$(ms); echo $((t1 - t0)); done | median >"$W/st"
echo "antri status on a year (${size} MB): median $(cat "$W/st") ms per run, process start included (target < 20 ms)"
for i in $(seq 5); do t0=$(ms); "$ANTRI" --db "$YEAR" report --from "$from" --to "$to" >"$W/report.txt"; t1=$(ms); echo $((t1 - t0)); done | median >"$W/rp"
for i in $(seq 3); do t0=$(ms); "$ANTRI" --db "$YEAR" report --from "$from" --to "$to" --pdf "$W/year.pdf" 2>/dev/null; t1=$(ms); echo $((t1 - t0)); done | median >"$W/pdf"
echo "antri report --pdf for the year (figures and 4 charts): median $(cat "$W/pdf") ms (target <= 2000 ms)"
echo "antri report for the year ($(sed -n 's/.*: \([0-9]*\) business days/\1/p' "$W/report.txt") days, $(awk '$1 == "all" {print $2}' "$W/report.txt") tickets): median $(cat "$W/rp") ms (target < 500 ms)"

if [ -x "$B/tests/bench_counter" ]; then
	echo "== antri-counter panel =="
	"$B/tests/bench_counter"
fi
echo "== printing =="
sh tests/bench/bench_print.sh "$B"
echo "== antri-kiosk =="
mkdir -p "$W/kiosk"
BIN="$B" OUT="$W/kiosk" sh tests/bench/bench_kiosk.sh | grep -v '^[0-9]* passed, [0-9]* failed'
echo "== antri-display =="
sh tests/bench/bench_display.sh "$B"
if [ -x "$B/antri-serve" ]; then
	echo "== antri-serve =="
	sh tests/bench/bench_serve.sh "$B"
	echo "== antri-serve and one hostile machine on the network =="
	sh tests/bench/bench_hostile.sh "$B"
	echo "== the visitor's page /t/<token> =="
	sh tests/bench/bench_ticket.sh "$B"
	echo "== the web counter panel (Chromium) -> antri-display =="
	sh tests/bench/bench_web.sh "$B"
fi
echo "== antri-central: /outlets and its streams =="
sh tests/bench/bench_central.sh "$B"
if [ -x "$B/tests/bench_hub" ]; then
	echo "== the HTTP layer alone: 10,000 event streams =="
	"$B/tests/bench_hub" 10000 10
fi
echo "== antri-sync -> PostgreSQL =="
sh tests/bench/bench_sync.sh "$B"
echo "== bookings on the central =="
sh tests/bench/bench_book.sh "$B"
echo
sh tests/bench/bench_notify.sh "$B"
echo "== the head office: 318 outlets on PostgreSQL =="
sh tests/bench/bench_central_scale.sh "$B"
exit 0
