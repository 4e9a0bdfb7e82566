#!/bin/sh
# central_book.sh - the head office asks an outlet, against a throwaway
# PostgreSQL (tests/helpers/pg_lib.sh) and running antri-sync processes:
# a remote ticket and a booking through `antri-central`, checked in at
# the outlet with `antri checkin`; slots set from the head office; the
# refusals (full slot, double booking, no slot, closed service, the
# share of the quota used) and bad input; an offline outlet answered
# "offline" and never issuing the
# request later, and the race of a short wait against a running outlet
# (every answer issued once, nothing issued for a withdrawn request); an
# answer lost between the issue and the answer, antri-sync killed, one
# ticket; one outlet's role against another's requests; an outlet whose
# clock is a day ahead of the central's; the link down during the day
# (check-in still works).  Skipped, never passed, when PostgreSQL cannot
# be started.
. "$(dirname "$0")/../helpers/lib.sh"
. "$(dirname "$0")/../helpers/pg_lib.sh"
C="$BIN/antri-central"

skip() {
	echo "skipped: $*"
	echo "$PASSED passed, $FAILED failed, 1 skipped"
	exit 0
}
why=$(pg_skip_reason)
[ -n "$why" ] && skip "$why"
need sqlite3
[ -n "$FTLIB" ] || skip "faketime is not installed"

SYNCS=""
cleanup() {
	for p in $SYNCS; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	pg_cleanup
}
trap cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM
rm -rf "$OUT"/*
pg_start || skip "the throwaway cluster did not start"

# the outlet c's clock: tomorrow 12:00 local while the central's is now
C_OFF=$(( $(date -d "tomorrow 12:00" +%s) - $(date +%s) ))
TOMORROW=$(date -d tomorrow +%F)
DAY2=$(date -d "2 days" +%F)

# O NAME ARGS: antri on outlet NAME (outlet c a day ahead)
O() {
	n=$1; shift
	if [ "$n" = c ]; then
		faked "+${C_OFF}s" "$ANTRI" --config "$OUT/$n.conf" "$@"
	else
		"$ANTRI" --config "$OUT/$n.conf" "$@"
	fi
}
CE() { "$C" --pg "$ADMIN" "$@"; }
# start_sync NAME: antri-sync of outlet NAME in the background (its pid in
# SPID), once it listens for requests
start_sync() {
	: >"$OUT/sync.$1.log"
	if [ "$1" = c ]; then
		FAKETIME="+${C_OFF}s" LD_PRELOAD=$(ft_preload \
		    "$BIN/antri-sync") "$BIN/antri-sync" --config \
		    "$OUT/$1.conf" 2>>"$OUT/sync.$1.log" &
	else
		"$BIN/antri-sync" --config "$OUT/$1.conf" \
		    2>>"$OUT/sync.$1.log" &
	fi
	SPID=$!
	SYNCS="$SYNCS $SPID"
	wait_match "$OUT/sync.$1.log" "central holds events" 300
}
json_field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" "$2"; }
tickets() { sqlite3 "$OUT/$1.db" "SELECT count(*) FROM tickets"; }

check "init" CE init
for o in a b c; do
	check "office add jkt-$o" CE office add "jkt-$o" "Outlet $o" \
	    --passfile "$OUT/pass.$o"
	pg_outlet_conf "$o"
	O "$o" init --demo >/dev/null
	O "$o" slots A --length 15 --per-slot 1 --days 7 --from 08:00 \
	    --to 15:00 >/dev/null
done
check "antri-sync of a runs" start_sync a
SYNC_A=$SPID
check "antri-sync of c runs (a day ahead)" start_sync c

# ---- a remote ticket, checked in at the outlet -----------------------------
check "remote through the central" CE remote jkt-a A --json
cp "$OUT/last.out" "$OUT/remote.json"
CODE=$(json_field code "$OUT/remote.json")
NUM=$(json_field number "$OUT/remote.json")
expect_match "... a number" "$OUT/remote.json" '"number":"A[0-9]+"'
expect_match "... a code of 6" "$OUT/remote.json" '"code":"[A-Z0-9]{6}"'
expect_match "... a QR text" "$OUT/remote.json" '"qr":"[A-Z0-9]{6}-[a-z2-7]{16}"'
expect_eq "the outlet holds it, EXPECTED" "$(sqlite3 "$OUT/a.db" "SELECT \
    state FROM tickets WHERE label = '$NUM'")" EXPECTED
expect_eq "... and no code in clear" "$(sqlite3 "$OUT/a.db" "SELECT count(*) \
    FROM checkins WHERE code_hash = '$CODE'")" 0
check "check-in of the answered code" O a checkin "$CODE"
expect_match "... checked in" "$OUT/last.out" "^$NUM  checked in"
check "remote, text output" CE remote jkt-a B
expect_match "... says the code" "$OUT/last.out" "check in with code [A-Z0-9]{6}"

# ---- bookings ------------------------------------------------------------
check "book through the central" CE book jkt-a A "$TOMORROW 09:00" \
    --name "Budi" --phone 0812345678 --json
cp "$OUT/last.out" "$OUT/book.json"
expect_match "... a code" "$OUT/book.json" '"code":"[A-Z0-9]{6}"'
expect_match "... the slot" "$OUT/book.json" "\"slot\":\"$TOMORROW 09:00\""
expect_eq "the outlet holds the booking with its phone" "$(sqlite3 \
    "$OUT/a.db" "SELECT count(*) FROM bookings WHERE phone = '0812345678'")" 1
expect_eq "the central keeps no name or phone" "$(pgq "SELECT count(*) FROM \
    antri.requests WHERE name <> '' OR phone <> ''")" 0
expect_eq "nor the code" "$(pgq "SELECT count(*) FROM antri.requests WHERE \
    answer ? 'code'")" 3
BCODE=$(json_field code "$OUT/book.json")
expect_exit 1 "its code is for another day at the outlet" O a checkin "$BCODE"
expect_exit 1 "the same slot again: full" CE book jkt-a A "$TOMORROW 09:00"
expect_match "... says so" "$OUT/last.err" "slot is full"
expect_exit 1 "the same phone the same day: double booking" CE book jkt-a A \
    "$TOMORROW 10:00" --phone 0812345678
expect_match "... says so" "$OUT/last.err" "already has a booking"
expect_exit 1 "a time that is no slot (closed hours)" CE book jkt-a A \
    "$TOMORROW 20:00"
expect_match "... says so" "$OUT/last.err" "no slot at that time"
O a service close A >/dev/null
expect_exit 1 "a closed service" CE book jkt-a A "$DAY2 09:00"
expect_match "... says so" "$OUT/last.err" "Service closed"
O a service open A >/dev/null
O a service quota D 3 >/dev/null
check "remote within the share of D's quota" CE remote jkt-a D
expect_exit 1 "remote past the share of the quota (30% of 3)" CE remote \
    jkt-a D
expect_match "... says so" "$OUT/last.err" "online tickets for this service are used up"
expect_exit 2 "bad slot text" CE book jkt-a A "tomorrow 9"
expect_exit 2 "bad service" CE book jkt-a AB "$TOMORROW 09:00"
expect_exit 2 "bad phone" CE book jkt-a A "$TOMORROW 11:00" --phone 12ab
expect_exit 2 "unknown office" CE book jkt-zz A "$TOMORROW 11:00"
expect_match "... says so" "$OUT/last.err" "no office jkt-zz"
expect_exit 2 "remote: unknown option" CE remote jkt-a A --bogus
expect_exit 2 "remote: bad --wait" CE remote jkt-a A --wait 0

# ---- slots from the head office --------------------------------------------
check "slots set from the central" CE slots jkt-a B --length 20 --per-slot 3 \
    --days 5 --from 09:00 --to 12:00
check "... the outlet has them" O a slots B
expect_match "... 20 min x 3" "$OUT/last.out" "slots of 20 min, 3 per slot, up to 5 days ahead, 09:00-12:00"
expect_exit 2 "slots: out of range" CE slots jkt-a B --length 2 --per-slot 3 \
    --days 5 --from 09:00 --to 12:00
wait_sql() {   # wait_sql SQL WANT [TENTHS]
	n=0
	while [ "$(pgq "$1")" != "$2" ]; do
		n=$((n + 1)); [ "$n" -gt "${3:-300}" ] && return 1; sleep 0.1
	done
}
check "the live state shows B's slots" wait_sql "SELECT (state->'services' \
    -> 1 -> 'slots' ->> 'per_slot') FROM antri.live WHERE office = 'jkt-a'" 3
check "... and A's booked places" wait_sql "SELECT (state->'services' \
    -> 0 -> 'slots' -> 'booked' -> 0 ->> 'n') FROM antri.live WHERE \
    office = 'jkt-a'" 1

# ---- an outlet whose clock is a day ahead ----------------------------------
check "book at c for its today (the central's tomorrow)" CE book jkt-c A \
    "$TOMORROW 12:15" --json
CCODE=$(json_field code "$OUT/last.out")
check "... checked in at c: the slot's window is open there" O c checkin \
    "$CCODE"
expect_match "... called at its slot" "$OUT/last.out" "at your slot"
check "remote at c" CE remote jkt-c A --json
expect_eq "... a ticket of c's day" "$(sqlite3 "$OUT/c.db" "SELECT day FROM \
    tickets WHERE state = 'EXPECTED' ORDER BY id DESC LIMIT 1")" "$TOMORROW"

# ---- the link down during the day: nothing changes at the outlet -----------
check "book at c before the link drops" CE book jkt-c A "$TOMORROW 12:30" --json
CCODE2=$(json_field code "$OUT/last.out")
pg_stop
check "check-in at c with the central down" O c checkin "$CCODE2"
expect_exit 3 "the central down: antri-central says so" CE remote jkt-a A
pg_restart

# ---- another outlet's role ----------------------------------------------
ASA="host=$PGSOCK port=$PGPORT_T dbname=antri user=antri_jkt-b passfile=$OUT/pass.b"
asb() { psql -X -qAt "$ASB_CONN" -c "$1"; }
ASB_CONN=$ASA
expect_eq "b sees none of a's requests" "$(asb "SELECT count(*) FROM \
    antri.requests WHERE office <> 'jkt-b'")" 0
expect_eq "b cannot take a's requests" "$(asb "UPDATE antri.requests SET \
    status = 'taken' WHERE office = 'jkt-a' RETURNING id" | wc -l)" 0
expect_exit 1 "b cannot ask for itself" asb "INSERT INTO antri.requests \
    (office, kind, service) VALUES ('jkt-b', 'remote', 'A')"
ID_A=$(pgq "SELECT max(id) FROM antri.requests WHERE office = 'jkt-a'")
expect_eq "b cannot rewrite a's answer" "$(asb "UPDATE antri.requests SET \
    answer = '{}' WHERE id = $ID_A RETURNING id" | wc -l)" 0

# ---- offline: answered so, never issued later ------------------------------
T0=$(tickets b)
expect_exit 1 "b offline: remote refused" CE remote jkt-b A --wait 1500
expect_match "... says offline" "$OUT/last.err" "offline"
expect_eq "... the request is withdrawn" "$(pgq "SELECT status FROM \
    antri.requests WHERE office = 'jkt-b' ORDER BY id DESC LIMIT 1")" withdrawn
check "b comes back: a round" O b sync --once
expect_eq "... and issues nothing late" "$(tickets b)" "$T0"
expect_eq "... nothing recorded for it" "$(sqlite3 "$OUT/b.db" "SELECT \
    count(*) FROM central_requests")" 0

# the race: waits of 1-30 ms against a running outlet; each answer issued
# once, a withdrawn request never
check "antri-sync of b runs" start_sync b
SYNC_B=$SPID
ok=0
for i in $(seq 1 40); do
	CE remote jkt-b C --wait $((i % 30 + 1)) >/dev/null 2>&1 && ok=$((ok + 1))
done
wait_sql "SELECT count(*) FROM antri.requests WHERE office = 'jkt-b' AND \
    status IN ('asked', 'taken')" 0
DONE=$(pgq "SELECT count(*) FROM antri.requests WHERE office = 'jkt-b' AND \
    kind = 'remote' AND service = 'C' AND status = 'done'")
WD=$(pgq "SELECT count(*) FROM antri.requests WHERE office = 'jkt-b' AND \
    service = 'C' AND status = 'withdrawn'")
expect_eq "every request done or withdrawn" "$((DONE + WD))" 40
expect_eq "every answer the caller got was issued" "$ok" "$DONE"
expect_eq "the outlet issued exactly the done ones" "$(sqlite3 "$OUT/b.db" \
    "SELECT count(*) FROM tickets WHERE issue_service = 'C'")" "$DONE"
echo "race: $DONE answered, $WD withdrawn (waits of 1-30 ms)"
expect_exit 1 "an answered request cannot be asked again" asb \
    "UPDATE antri.requests SET status = 'asked' WHERE office = 'jkt-b' AND \
    status = 'done'"
expect_exit 1 "nor a withdrawn one taken" asb "UPDATE antri.requests SET \
    status = 'taken' WHERE office = 'jkt-b' AND status = 'withdrawn'"

# ---- an answer lost: antri-sync killed between the issue and the answer ----
pgq "CREATE OR REPLACE FUNCTION public.block_answer() RETURNS trigger
    LANGUAGE plpgsql AS \$\$ BEGIN IF NEW.status = 'done' THEN
    RAISE EXCEPTION 'the answer is lost'; END IF; RETURN NEW; END \$\$;
    CREATE TRIGGER zz_block BEFORE UPDATE ON antri.requests FOR EACH ROW
    EXECUTE FUNCTION public.block_answer()" >/dev/null
T0=$(tickets a)
CE remote jkt-a A --wait 60000 --json >"$OUT/lost.json" 2>"$OUT/lost.err" &
ASKER=$!
wait_issued() {
	n=0
	while [ "$(sqlite3 "$OUT/a.db" "SELECT count(*) FROM \
	    central_requests" 2>/dev/null)" = "$1" ]; do
		n=$((n + 1)); [ "$n" -gt 300 ] && return 1; sleep 0.1
	done
}
check "the outlet issued it" wait_issued "$(sqlite3 "$OUT/a.db" \
    "SELECT count(*) FROM central_requests")"
check "... and its answer was lost" \
    wait_match "$OUT/sync.a.log" "the answer is lost" 300
kill -9 "$SYNC_A"
wait "$SYNC_A" 2>/dev/null
pgq "DROP TRIGGER zz_block ON antri.requests" >/dev/null
check "antri-sync of a again" start_sync a
wait "$ASKER"
expect_eq "the caller got its answer" "$?" 0
expect_eq "one ticket for it" "$(tickets a)" "$((T0 + 1))"
LCODE=$(json_field code "$OUT/lost.json")
check "the answered code checks in" O a checkin "$LCODE"

finish
