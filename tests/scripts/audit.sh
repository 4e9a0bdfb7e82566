#!/bin/sh
# audit.sh - the tamper-evident audit trail: every event is
# chained by SHA-256 to the one before; `antri check` names the first event
# that does not fit; `antri audit` lists the events with their hashes;
# `antri close-day` prints and records the day's final hash; an old
# database is migrated with an anchor.  The database is edited with the
# sqlite3 shell as someone with write access to the file could.  The
# tampering checks fail on the code before the chain (check said ok).
. "$(dirname "$0")/../helpers/lib.sh"

DB="$OUT/audit.db"
rm -f "$OUT"/*.db "$OUT"/*.db-wal "$OUT"/*.db-shm
A() { "$ANTRI" --db "$DB" "$@"; }
sql() { sqlite3 "$1" "$2"; }

# a day: the room holds one; B001 and C001 wait outside and come in in turn
check "init" A init --demo
check "limit 1" A limit 1
check "issue A001" A issue A
check "issue B001 (outside)" A issue B
check "issue C001 (outside)" A issue C
check "counter 1 calls A001" A next --counter 1
check "recall A001" A recall --counter 1
check "done A001: B001 comes in" A done --counter 1
check "counter 2 calls B001" A next --counter 2
check "B001 did not come: C001 comes in" A noshow --counter 2
check "limit 5" A limit 5
check "check ok on an honest day" A check
expect_match "... naming the chain" "$OUT/last.out" "audit chain whole"

# ---- antri audit ----------------------------------------------------------
check "audit" A audit
expect_match "audit lists the recall with its hash" "$OUT/last.out" \
    " recalled +A001 "
expect_match "... hashes are 64 hex digits" "$OUT/last.out" \
    "^ +[0-9a-f]{64}$"
check "audit --json" A --json audit
check "audit --json is JSON with a hash per event" jq -e \
    'length > 10 and all(.[]; (.hash | length) == 64)' "$OUT/last.out"
TODAY=$(sql "$DB" "SELECT value FROM settings WHERE key = 'business_day'")
check "audit --from today --to today" A audit --from "$TODAY" --to "$TODAY"
expect_match "... lists today's events" "$OUT/last.out" " no_show "
check "audit --from a later day" A audit --from 2999-01-01
expect_eq "... lists nothing" "$(wc -c <"$OUT/last.out")" 0
expect_exit 2 "audit --from not a day" A audit --from yesterday
expect_exit 2 "audit --from after --to" A audit --from 2026-02-01 \
    --to 2026-01-01

# ---- tampering: each on a copy, each named ------------------------------
tamper() {   # NAME SQL: a copy of the database edited with SQL
	cp "$DB" "$OUT/$1.db"
	sql "$OUT/$1.db" "$2"
}
ev() { sql "$DB" "SELECT id FROM events WHERE $1 ORDER BY id LIMIT 1"; }
REC=$(ev "kind = 'recalled'")
LIM=$(ev "kind = 'limit_changed' AND detail LIKE '%->5'")
NOS=$(ev "kind = 'no_show'")

tamper recall "DELETE FROM events WHERE id = $REC"
expect_exit 3 "a deleted recall fails the check" "$ANTRI" --db \
    "$OUT/recall.db" check
expect_match "... naming the event after the gap" "$OUT/last.err" \
    "event $((REC + 1)) \(done, .*event $REC before it is missing"

tamper actor "UPDATE events SET actor = 'cli:kepala_kantor' WHERE id = $LIM"
expect_exit 3 "a limit event's changed actor fails the check" "$ANTRI" \
    --db "$OUT/actor.db" check
expect_match "... naming it" "$OUT/last.err" \
    "audit chain broken at event $LIM \(limit_changed, "

tamper noshow "UPDATE events SET kind = 'done' WHERE id = $NOS;
    UPDATE tickets SET state = 'DONE' WHERE label = 'B001'"
expect_exit 3 "a no-show turned into done fails the check" "$ANTRI" \
    --db "$OUT/noshow.db" check
expect_match "... naming it" "$OUT/last.err" \
    "audit chain broken at event $NOS \(done, .*B001"

tamper counter "UPDATE events SET counter = 3 WHERE id = $NOS"
expect_exit 3 "a no-show from a counter that did not call fails" \
    "$ANTRI" --db "$OUT/counter.db" check
expect_match "... saying which counter holds it" "$OUT/last.err" \
    "event $NOS \(no_show B001\): from counter 3, but counter 2 holds"

tamper order "UPDATE tickets SET issued_ms = issued_ms - 60000 \
    WHERE label = 'C001'"
expect_exit 3 "an admission out of turn fails the check" "$ANTRI" \
    --db "$OUT/order.db" check
expect_match "... naming the one let in ahead" "$OUT/last.err" \
    "\(admitted B001\): admitted ahead of ticket #3"

tamper anchor "DELETE FROM events WHERE kind = 'chain_started'"
expect_exit 3 "a deleted anchor fails the check" "$ANTRI" --db \
    "$OUT/anchor.db" check
expect_match "... saying so" "$OUT/last.err" "before the chain's anchor"

# ---- close-day: the day's final hash -------------------------------------
check "close-day" A close-day
expect_match "close-day prints the day's final hash" "$OUT/last.out" \
    "^final hash of $TODAY \(event [0-9]+\): [0-9a-f]{64}$"
H=$(sed -n 's/^final hash of .*: \([0-9a-f]*\)$/\1/p' "$OUT/last.out")
E=$(sed -n 's/^final hash of .*(event \([0-9]*\)).*/\1/p' "$OUT/last.out")
expect_eq "... the hash of the day's last event" \
    "$(sql "$DB" "SELECT hash FROM events WHERE id = $E")" "$H"
expect_eq "... recorded in a day_sealed event" "$(sql "$DB" "SELECT count(*) \
    FROM events WHERE kind = 'day_sealed' AND detail LIKE '%$H'")" 1
check "check ok after close-day" A check
tamper seal "UPDATE events SET detail = 'day closed' WHERE id = $E"
expect_exit 3 "an edit of the closed day shows" "$ANTRI" --db \
    "$OUT/seal.db" check
expect_match "... at that event" "$OUT/last.err" \
    "audit chain broken at event $E \(day_closed"
check "close-day --json" A --json close-day
check "... gives the hash" jq -e '(.hash | length) == 64' "$OUT/last.out"

# ---- an old database is migrated: the chain starts at an anchor ----------
OLD="$OUT/old.db"
cp "$DB" "$OLD"
sql "$OLD" "DELETE FROM events WHERE kind IN ('chain_started', 'day_sealed');
    ALTER TABLE events DROP COLUMN hash; ALTER TABLE tickets DROP COLUMN token;
    PRAGMA user_version = 2"
N=$(sql "$OLD" "SELECT count(*) FROM events")
L=$(sql "$OLD" "SELECT max(id) FROM events")
check "an old database opens (migrates)" "$ANTRI" --db "$OLD" issue A
expect_eq "the anchor counts the events before it" "$(sql "$OLD" "SELECT \
    detail FROM events WHERE kind = 'chain_started'")" \
    "chain starts after $N events, last id $L"
expect_eq "old events keep no hash" "$(sql "$OLD" "SELECT count(*) FROM \
    events WHERE hash = '' AND id <= $L")" "$N"
check "check ok on the migrated database" "$ANTRI" --db "$OLD" check
check "audit on it" "$ANTRI" --db "$OLD" audit
expect_match "... shows the events before the chain" "$OUT/last.out" \
    "\(before the chain\)"
sql "$OLD" "DELETE FROM events WHERE id = 3"
expect_exit 3 "an old event removed after the migration shows" "$ANTRI" \
    --db "$OLD" check
expect_match "... at the anchor" "$OUT/last.err" \
    "\(chain_started, .*the anchor does not match"

finish
