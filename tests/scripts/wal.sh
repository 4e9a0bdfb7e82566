#!/bin/sh
# wal.sh - the -wal file removed while a program holds the database
#: `antri watch` notices within a second or two, copies what it
# holds into the database and reopens, so a kill -9 afterwards loses no
# ticket.  Before the -wal was watched the next ticket was D001 again.
. "$(dirname "$0")/../helpers/lib.sh"

DB="$OUT/wal.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
A() { "$ANTRI" --db "$DB" "$@"; }
WPID=
cleanup() { [ -n "$WPID" ] && kill -9 "$WPID" 2>/dev/null; }
trap cleanup EXIT

check "init" A init --demo
"$ANTRI" --db "$DB" watch >"$OUT/watch.out" 2>"$OUT/watch.err" &
WPID=$!
check "the watcher runs" wait_match "$OUT/watch.err" "waiting for changes"
for i in 1 2 3; do check "issue D $i" A issue D; done
check "the watcher saw D003" wait_match "$OUT/watch.out" "issued +D003"
check "the three are in the -wal, not yet in the file" test -s "$DB-wal"
rm -f "$DB-wal"
check "the watcher notices within 3 s" wait_match "$OUT/watch.err" \
    "wal was removed" 30
kill -9 "$WPID"
wait "$WPID" 2>/dev/null
WPID=
check "issue D after the watcher died" A --json issue D
expect_match "it is D004: nothing committed was lost" "$OUT/last.out" \
    '"number":"D004"'
check "check ok" A check

# the watcher goes on after reopening: it still sees new events
"$ANTRI" --db "$DB" watch >"$OUT/watch2.out" 2>"$OUT/watch2.err" &
WPID=$!
check "a second watcher runs" wait_match "$OUT/watch2.err" \
    "waiting for changes"
check "issue D" A issue D
rm -f "$DB-wal"
check "... notices" wait_match "$OUT/watch2.err" "wal was removed" 30
check "issue D again" A issue D
check "the reopened watcher sees D006" wait_match "$OUT/watch2.out" \
    "issued +D006"
kill "$WPID"
wait "$WPID" 2>/dev/null
WPID=
check "check ok at the end" A check
expect_eq "six D tickets, numbered once" "$(sqlite3 "$DB" "SELECT \
    count(DISTINCT seq) || ' ' || max(seq) FROM tickets \
    WHERE issue_service = 'D'")" "6 6"

finish
