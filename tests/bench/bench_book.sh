#!/bin/sh
# bench_book.sh BUILD - bookings on the central: 200 a second for 10 s,
# spread over 4 outlets each with its own running antri-sync, against a
# throwaway PostgreSQL (fsync on).  Each booking is a request the
# outlet's antri-sync takes, books by its rules and answers
# (cdb_request.c).  Prints figures; asserts nothing.  Skipped when no
# cluster can be started.
B=$(cd "${1:-build}" && pwd)
BIN=$B
OUT=$(mktemp -d /tmp/antri-bench-book.XXXXXX)
. "$(dirname "$0")/../helpers/lib.sh"
. "$(dirname "$0")/../helpers/pg_lib.sh"
SYNCS=""
trap 'for p in $SYNCS; do kill $p 2>/dev/null; done; wait; pg_cleanup; rm -rf "$OUT"' EXIT
trap 'exit 1' HUP INT PIPE TERM
why=$(pg_skip_reason)
[ -n "$why" ] && { echo "bench_book: skipped: $why"; exit 0; }
pg_start || { echo "bench_book: skipped: the cluster did not start"; exit 0; }
RATE=${BOOK_BENCH_RATE:-200}
SECS=${BOOK_BENCH_SECONDS:-10}
N=${BOOK_BENCH_OUTLETS:-4}
"$B/antri-central" --pg "$ADMIN" init >/dev/null
OFFICES=""
for i in $(seq 1 "$N"); do
	o=jkt-bench$i
	"$B/antri-central" --pg "$ADMIN" office add $o "Bench $i" \
	    --passfile "$OUT/pass$i" >/dev/null
	cat >"$OUT/$i.conf" <<EOC
[database]
path = $OUT/$i.db
[central]
pg = host=$PGSOCK port=$PGPORT_T dbname=antri user=antri_$o passfile=$OUT/pass$i
office = $o
EOC
	"$B/antri" --config "$OUT/$i.conf" init --demo >/dev/null
	"$B/antri" --config "$OUT/$i.conf" slots A --length 5 --per-slot 100 \
	    --days 30 --from 00:00 --to 24:00 >/dev/null
	"$B/antri-sync" --config "$OUT/$i.conf" 2>"$OUT/sync$i.log" &
	SYNCS="$SYNCS $!"
	OFFICES="$OFFICES $o"
done
for i in $(seq 1 "$N"); do
	wait_match "$OUT/sync$i.log" "central holds events" 300 ||
	    { echo "bench_book: skipped: antri-sync $i did not start"; exit 0; }
done
"$B/tests/bench_book" "$ADMIN" "$RATE" "$SECS" 16 \
    "$(date -d tomorrow +%F)" $OFFICES
