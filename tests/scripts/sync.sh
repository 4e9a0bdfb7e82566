#!/bin/sh
# sync.sh - antri-sync and antri-central against a throwaway PostgreSQL
# (tests/helpers/pg_lib.sh; never the machine's own cluster): a day of
# events shipped, each event once when shipped twice, a resume after the
# central was stopped, a proxy that drops and stalls the link, antri-sync
# killed 200 times (60 under the sanitizers) while tickets are issued, a branch restored from an old
# backup and an edited branch flagged (nothing overwritten), one outlet's
# role against another's rows, a password in the config refused, the exit
# statuses of `antri sync --once`.  (The queue's issue latency with the
# central down and up is a figure of `make bench`, bench_sync.sh.)
# Skipped, never passed, when PostgreSQL cannot be started.
. "$(dirname "$0")/../helpers/lib.sh"
. "$(dirname "$0")/../helpers/pg_lib.sh"
HELPERS=$(cd "$(dirname "$0")/../helpers" && pwd)
C="$BIN/antri-central"
# 200 kills in the plain build; the sanitizer build (slower to start, here
# for memory errors on the kill paths, not for the count) kills 60 times
# (make check, ANTRI_QUICK: 20, for the loop's paths, not its count)
case "$BIN${ANTRI_QUICK:+ quick}" in
*" quick") KILLS=${SYNC_KILLS:-20} ;;
*-san*) KILLS=${SYNC_KILLS:-60} ;;
*) KILLS=${SYNC_KILLS:-200} ;;
esac

skip() {
	echo "skipped: $*"
	echo "$PASSED passed, $FAILED failed, 1 skipped"
	exit 0
}
# ---- the layers: libpq only where it belongs -----------------------------
bad=$(grep -lE '#include *[<"]libpq' shared/core/*.[ch] shared/json/*.[ch] \
    sync/*.[ch] central/*.[ch] cli/*.[ch] 2>/dev/null)
expect_eq "only shared/central includes libpq" "$bad" ""
if ldd "$ANTRI" | grep -q libpq; then fail "antri links libpq"; else pass; fi
check "antri-sync links libpq" sh -c "ldd '$BIN/antri-sync' | grep -q libpq"
expect_match "antri --help lists sync" "$(
    "$ANTRI" --help >"$OUT/help.txt"; echo "$OUT/help.txt")" "^  sync "

why=$(pg_skip_reason)
[ -n "$why" ] && skip "$why"
[ -x /usr/bin/python3 ] || skip "/usr/bin/python3 is missing (the proxy)"
need sqlite3

DAEMON=""
PROXY=""
ISSUER=""
cleanup() {
	for p in $DAEMON $PROXY $ISSUER; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	pg_cleanup
}
trap cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM   # the cluster goes with the EXIT trap
rm -rf "$OUT"/*
pg_start || skip "the throwaway cluster did not start: $(tail -n 3 \
    "$PGDIR"/*.log 2>/dev/null)"

# conf NAME OFFICE PASSFILE [HOST PORT]: a config for an outlet
conf() {
	cat >"$OUT/$1.conf" <<EOF
[database]
path = $OUT/$1.db
[central]
pg = host=${4:-$PGSOCK} port=${5:-$PGPORT_T} dbname=antri user=antri_$2 passfile=$3 connect_timeout=5
office = $2
EOF
}
O() { n=$1; shift; "$ANTRI" --config "$OUT/$n.conf" "$@"; }
count() { pgq "SELECT count(*) FROM antri.events WHERE office = '$1'"; }
local_last() { sqlite3 "$OUT/$1.db" "SELECT coalesce(max(id), 0) FROM events"; }
# wait_caught NAME OFFICE [TENTHS]: the central holds every event of NAME
wait_caught() {
	n=0
	while [ "$(count "$2")" != "$(local_last "$1")" ]; do
		n=$((n + 1))
		[ "$n" -gt "${3:-600}" ] && return 1
		sleep 0.1
	done
}
now_ms() { date +%s%3N; }
# a day's work on outlet NAME: tickets issued, called, done, no-show
day() {
	O "$1" limit 8 >/dev/null
	for i in $(seq 1 "$2"); do
		O "$1" issue A >/dev/null; O "$1" issue B >/dev/null
		O "$1" issue C >/dev/null
		O "$1" next --counter 1 >/dev/null 2>&1
		O "$1" next --counter 3 >/dev/null 2>&1
		[ $((i % 3)) = 0 ] && O "$1" noshow --counter 1 >/dev/null 2>&1
		O "$1" done --counter 3 >/dev/null 2>&1
	done
}

# ---- the central: init, outlets -----------------------------------------
check "init creates the schema" "$C" --pg "$ADMIN" init
expect_match "... says created" "$OUT/last.out" "created"
check "init again (idempotent)" "$C" --pg "$ADMIN" init
expect_match "... says current" "$OUT/last.out" "current"
for o in a b c d; do
	check "office add jkt-$o" "$C" --pg "$ADMIN" office add "jkt-$o" \
	    "Outlet $o" --area "Jakarta Pusat" --passfile "$OUT/pass.$o"
	conf "$o" "jkt-$o" "$OUT/pass.$o"
	O "$o" init --demo >/dev/null
done
expect_eq "passfile is 0600" "$(stat -c %a "$OUT/pass.a")" 600
expect_exit 1 "office add twice is refused" "$C" --pg "$ADMIN" office add \
    jkt-a "Again"
expect_exit 2 "office add with a bad id" "$C" --pg "$ADMIN" office add \
    Bad_Id "Bad"
expect_exit 2 "--pg with a password" "$C" --pg "$ADMIN password=x" init
expect_match "... says why" "$OUT/last.err" "must not hold a password"

# ---- a day shipped, twice -------------------------------------------------
day a 40
check "sync --once ships a day" O a sync --once
expect_eq "the central holds every event" "$(count jkt-a)" "$(local_last a)"
check "sync --once again" O a sync --once
expect_eq "... each event once" "$(count jkt-a)" "$(local_last a)"
day a 10
O a sync --once >/dev/null 2>&1 &
p1=$!
O a sync --once >/dev/null 2>&1 &
p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
expect_eq "two rounds at once both succeed" "$r1 $r2" "0 0"
expect_eq "... each event once" "$(count jkt-a)" "$(local_last a)"
sqlite3 "$OUT/a.db" "SELECT id || ' ' || hash FROM events ORDER BY id" \
    >"$OUT/a.local"
pgq "SELECT id || ' ' || hash FROM antri.events WHERE office = 'jkt-a' \
    ORDER BY id" >"$OUT/a.central"
check "the central's ids and hashes are the office's" cmp "$OUT/a.local" \
    "$OUT/a.central"
check "the live state is there" pgq "SELECT 1 FROM antri.live WHERE \
    office = 'jkt-a' AND (state->>'last_event')::bigint > 0"
expect_eq "... with the room" "$(pgq "SELECT state->>'limit' FROM \
    antri.live WHERE office = 'jkt-a'")" 8
expect_eq "... and no actor in it" "$(pgq "SELECT count(*) FROM antri.live \
    WHERE state::text LIKE '%cli:%'")" 0
check "antri-central check" "$C" --pg "$ADMIN" check
expect_match "... ok for jkt-a" "$OUT/last.out" "^jkt-a: ok"
check "sync --status" O a sync --status
expect_match "... 0 to ship" "$OUT/last.out" "0 to ship"

# ---- the exit statuses ---------------------------------------------------
printf '[database]\npath = %s\n' "$OUT/a.db" >"$OUT/none.conf"
expect_exit 2 "no [central]: exit 2" "$ANTRI" --config "$OUT/none.conf" \
    sync --once
expect_match "... naming the key" "$OUT/last.err" "\[central\] pg"
printf '[central]\noffice = jkt-a\npg = host=%s port=%s user=antri_jkt-a password=secret\n' \
    "$PGSOCK" "$PGPORT_T" >"$OUT/pw.conf"
expect_exit 2 "a password in [central] pg: exit 2" "$ANTRI" --config \
    "$OUT/pw.conf" sync --once
expect_match "... naming file and line" "$OUT/last.err" \
    "pw.conf:3: .*must not hold a password"
expect_exit 2 "a bad office id in the config" sh -c "printf \
    '[central]\noffice = Bad Id\n' >'$OUT/bad.conf'; '$ANTRI' --config \
    '$OUT/bad.conf' sync --once"
expect_exit 2 "an unknown argument" O a sync --bogus
expect_exit 3 "the office's database missing: exit 3" "$ANTRI" --config \
    "$OUT/a.conf" --db "$OUT/missing.db" sync --once
conf down jkt-a "$OUT/pass.a" "$PGSOCK" 1
cp "$OUT/a.db" "$OUT/down.db"
expect_exit 1 "the central unreachable: exit 1" O down sync --once
expect_match "... with the reason" "$OUT/last.err" "unreachable: .*(connect|socket|such file)"
# a central that answers too late: its statement_timeout (a second after
# antri-sync's own, here 0.3 s) cancels the batch; that is the link's
# trouble, sent again, not a refusal
psql -X -q "$ADMIN" -c "CREATE FUNCTION public.slow() RETURNS trigger \
    LANGUAGE plpgsql AS \$\$BEGIN PERFORM pg_sleep(1); RETURN NULL; END\$\$" \
    -c "CREATE TRIGGER zz_slow AFTER INSERT ON antri.events FOR EACH \
    STATEMENT EXECUTE FUNCTION public.slow()" >/dev/null
day a 1
sed 's/connect_timeout=5/& options=-cstatement_timeout=300/' "$OUT/a.conf" \
    >"$OUT/late.conf"
held=$(count jkt-a)
expect_exit 1 "the central cancels a late batch: exit 1" O late sync --once
expect_match "... as an answer that came late" "$OUT/last.err" \
    "did not answer in time"
expect_eq "... nothing stored" "$(count jkt-a)" "$held"
psql -X -q "$ADMIN" -c "DROP TRIGGER zz_slow ON antri.events" >/dev/null
check "... the next round ships it" O late sync --once
expect_eq "... each event once" "$(count jkt-a)" "$(local_last a)"

# ---- outlet A's role against outlet B's rows -----------------------------
day b 5
check "outlet b ships" O b sync --once
ASA="host=$PGSOCK port=$PGPORT_T dbname=antri user=antri_jkt-a passfile=$OUT/pass.a"
asa() { psql -X -qAt "$ASA" -c "$1"; }
expect_eq "A sees none of B's events" "$(asa "SELECT count(*) FROM \
    antri.events WHERE office = 'jkt-b'")" 0
expect_eq "A sees its own" "$(asa "SELECT count(*) FROM antri.events")" \
    "$(count jkt-a)"
expect_eq "A sees none of B's live state" "$(asa "SELECT count(*) FROM \
    antri.live WHERE office = 'jkt-b'")" 0
expect_exit 1 "A cannot insert an event of B" asa "INSERT INTO antri.events \
    (office, id, ts_ms, kind, ticket, label, service, counter, actor, \
    detail, hash) VALUES ('jkt-b', 999999, 0, 'issued', 0, '', '', 0, '', \
    '', '')"
expect_exit 1 "A cannot change its own events" asa "UPDATE antri.events \
    SET detail = 'x' WHERE office = 'jkt-a'"
expect_exit 1 "A cannot delete its own events" asa "DELETE FROM \
    antri.events WHERE office = 'jkt-a'"
B_LIVE=$(pgq "SELECT state::text FROM antri.live WHERE office = 'jkt-b'")
asa "UPDATE antri.live SET state = '{}' WHERE office = 'jkt-b'" \
    >/dev/null 2>&1
expect_eq "A cannot change B's live state" "$(pgq "SELECT state::text FROM \
    antri.live WHERE office = 'jkt-b'")" "$B_LIVE"
expect_exit 1 "A cannot flag B" asa "INSERT INTO antri.flags (office, kind, \
    detail) VALUES ('jkt-b', 'history', 'x')"
expect_exit 1 "A cannot register an office" asa "SELECT \
    antri.office_add('jkt-z', 'z', '', NULL)"
conf ab jkt-b "$OUT/pass.a"
sed -i "s/user=antri_jkt-b/user=antri_jkt-a/" "$OUT/ab.conf"
cp "$OUT/b.db" "$OUT/ab.db"
expect_exit 1 "antri-sync with A's role as outlet B is refused" O ab \
    sync --once
expect_match "... saying so" "$OUT/last.err" "no office 'jkt-b'"

# ---- the central stopped and started; the live state -----------------------
"$BIN/antri-sync" --config "$OUT/a.conf" 2>"$OUT/daemon.log" &
DAEMON=$!
day a 3
check "the running antri-sync catches up" wait_caught a jkt-a
t0=$(now_ms)
O a issue A >/dev/null
last=$(local_last a)
n=0
while [ "$(pgq "SELECT state->>'last_event' FROM antri.live WHERE \
    office = 'jkt-a'")" != "$last" ] && [ $n -lt 100 ]; do
	n=$((n + 1)); sleep 0.02
done
expect_eq "the live state follows an issue" "$(pgq "SELECT \
    state->>'last_event' FROM antri.live WHERE office = 'jkt-a'")" "$last"
echo "figure: live state at the central $(($(now_ms) - t0)) ms after an issue"
# the batch carries the live state: one statement, one commit (rows
# written by one transaction share its xmin)
expect_eq "... written in the same transaction as the issue's event" \
    "$(pgq "SELECT l.xmin = e.xmin FROM antri.live l JOIN antri.events e \
    ON e.office = l.office WHERE l.office = 'jkt-a' AND e.id = $last")" t
# the head office's pages will wait on NOTIFY: one for the events, one for
# the live state, with the office's name
mkfifo "$OUT/listen.in"
psql -X "$ADMIN" <"$OUT/listen.in" >"$OUT/listen.out" 2>&1 &
exec 3>"$OUT/listen.in"
echo "LISTEN antri_events; LISTEN antri_live; SELECT 'listen' || 'ing';" >&3
wait_match "$OUT/listen.out" listening
O a issue A >/dev/null
n=0
while ! { grep -q '"antri_live" with payload "jkt-a"' "$OUT/listen.out" &&
    grep -q '"antri_events" with payload "jkt-a:[0-9]*"' "$OUT/listen.out"; } &&
    [ $n -lt 100 ]; do
	echo "SELECT 1;" >&3; sleep 0.1; n=$((n + 1))
done
exec 3>&-
expect_match "NOTIFY antri_events 'office:id' after a batch" \
    "$OUT/listen.out" '"antri_events" with payload "jkt-a:[0-9]+"'
expect_match "NOTIFY antri_live 'office' after a change" "$OUT/listen.out" \
    '"antri_live" with payload "jkt-a"'

pg_stop
before=$(local_last a)
i=0; ok=0
while [ $i -lt 30 ]; do
	O a issue C >/dev/null 2>&1 && ok=$((ok + 1))
	i=$((i + 1))
done
expect_eq "the central stopped: 30 tickets issued all the same" "$ok" 30
expect_eq "... each with its events in the office's database" \
    "$(sqlite3 "$OUT/a.db" "SELECT count(*) FROM events WHERE id > $before \
    AND kind = 'issued'")" 30
day a 3
check "antri-sync says the central is unreachable" wait_match \
    "$OUT/daemon.log" "antri-sync: the central" 200
check "antri-sync still runs" kill -0 "$DAEMON"
pg_restart
check "after the central's restart it catches up" wait_caught a jkt-a 900

# ---- a proxy that drops and stalls ---------------------------------------
kill "$DAEMON"; wait "$DAEMON"; rc=$?; DAEMON=""
expect_eq "antri-sync stops cleanly on SIGTERM (nothing leaked)" "$rc" 0
echo pass >"$OUT/proxy.mode"
/usr/bin/python3 "$HELPERS/pg_proxy.py" "$OUT/proxy.port" "$OUT/proxy.mode" \
    "$PGSOCK/.s.PGSQL.$PGPORT_T" 2>"$OUT/proxy.log" &
PROXY=$!
wait_match "$OUT/proxy.port" "^[0-9]+$" 100 || fail "the proxy did not start"
PP=$(cat "$OUT/proxy.port")
conf ap jkt-a "$OUT/pass.a" 127.0.0.1 "$PP"
sed -i "s|^path = .*|path = $OUT/a.db|" "$OUT/ap.conf"
"$BIN/antri-sync" --config "$OUT/ap.conf" 2>"$OUT/daemon2.log" &
DAEMON=$!
check "through the proxy it catches up" wait_caught a jkt-a
echo drop >"$OUT/proxy.mode"
day a 2
check "a dropped link is noticed" wait_match "$OUT/daemon2.log" \
    "the central" 300
echo pass >"$OUT/proxy.mode"
check "after the drop it catches up" wait_caught a jkt-a 900
echo stall >"$OUT/proxy.mode"
: >"$OUT/daemon2.log"
day a 2
check "a stalled link is noticed (no hang)" wait_match "$OUT/daemon2.log" \
    "did not answer|timeout|timed out" 600
echo pass >"$OUT/proxy.mode"
check "after the stall it catches up" wait_caught a jkt-a 900
kill "$DAEMON"; wait "$DAEMON"; rc=$?; DAEMON=""
expect_eq "... and stops cleanly" "$rc" 0

# ---- antri-sync killed at random moments while tickets are issued --------
( while [ ! -e "$OUT/stop-issuing" ]; do
	O d issue A >/dev/null 2>&1; O d issue B >/dev/null 2>&1
	O d next --counter 1 >/dev/null 2>&1; O d done --counter 1 \
	    >/dev/null 2>&1
  done ) &
ISSUER=$!
# the kills fall anywhere in a round: between 0 and twice the time one
# round takes here (a sanitizer build starts and connects slower)
t0=$(now_ms)
O d sync --once >/dev/null 2>&1
SPAN=$((2 * ($(now_ms) - t0)))
[ "$SPAN" -lt 100 ] && SPAN=100
[ "$SPAN" -gt 999 ] && SPAN=999
k=0
while [ $k -lt "$KILLS" ]; do
	"$BIN/antri-sync" --config "$OUT/d.conf" 2>>"$OUT/kill.log" &
	p=$!
	r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	sleep "0.$(printf %03d $((r % SPAN)))"
	kill -9 "$p" 2>/dev/null
	wait "$p" 2>/dev/null
	k=$((k + 1))
done
touch "$OUT/stop-issuing"
wait "$ISSUER"; ISSUER=""
echo "figure: $KILLS kills within 0-$SPAN ms of a start;" \
    "$(grep -c 'central holds' "$OUT/kill.log") rounds finished between" \
    "them; the office has $(local_last d) events, the central held" \
    "$(count jkt-d) before the last round"
check "after $KILLS kills one round finishes" O d sync --once
expect_eq "every event of d is at the central" "$(count jkt-d)" \
    "$(local_last d)"
expect_eq "... each once, ids 1..n" "$(pgq "SELECT count(DISTINCT id) = \
    max(id) AND min(id) = 1 FROM antri.events WHERE office = 'jkt-d'")" t
sqlite3 "$OUT/d.db" "SELECT id || ' ' || hash FROM events ORDER BY id" \
    >"$OUT/d.local"
pgq "SELECT id || ' ' || hash FROM antri.events WHERE office = 'jkt-d' \
    ORDER BY id" >"$OUT/d.central"
check "... with the office's hashes" cmp "$OUT/d.local" "$OUT/d.central"
check "antri-central check --office jkt-d" "$C" --pg "$ADMIN" check \
    --office jkt-d
expect_match "... ok" "$OUT/last.out" "^jkt-d: ok"

# ---- a branch restored from an old backup, then new tickets ---------------
check "backup of b" O b backup "$OUT/b-old.db"
day b 3
check "b ships after the backup" O b sync --once
HELD=$(count jkt-b)
TIP=$(pgq "SELECT max(id) FROM antri.events WHERE office = 'jkt-b'")
TIPHASH=$(pgq "SELECT hash FROM antri.events WHERE office = 'jkt-b' AND \
    id = $TIP")
check "b restored from the old backup" O b restore "$OUT/b-old.db"
day b 8
expect_exit 4 "sync --once: history changed, exit 4" O b sync --once
expect_match "... FLAGGED" "$OUT/last.err" "FLAGGED"
expect_eq "nothing was added" "$(count jkt-b)" "$HELD"
expect_eq "nothing was overwritten" "$(pgq "SELECT hash FROM antri.events \
    WHERE office = 'jkt-b' AND id = $TIP")" "$TIPHASH"
expect_eq "the outlet is flagged" "$(pgq "SELECT count(*) FROM antri.flags \
    WHERE office = 'jkt-b' AND cleared_at IS NULL")" 1
expect_exit 4 "sync --status says so" O b sync --status
expect_match "... FLAGGED" "$OUT/last.out" "FLAGGED"
expect_exit 4 "sync --once again still stops" O b sync --once
expect_exit 1 "antri-central check names it" "$C" --pg "$ADMIN" check
expect_match "... b flagged" "$OUT/last.out" "^jkt-b: FLAGGED"
expect_match "... b's chain as received is whole" "$OUT/last.out" "^jkt-b: ok"
expect_match "... a still ok" "$OUT/last.out" "^jkt-a: ok"
# the central's own guard: the same ids with other hashes, sent by hand
asb() {
	psql -X -qAt "host=$PGSOCK port=$PGPORT_T dbname=antri \
	    user=antri_jkt-b passfile=$OUT/pass.b" -c "$1"
}
FORGE="INSERT INTO antri.events (office, id, ts_ms, kind, ticket, label, \
    service, counter, actor, detail, hash) VALUES ('jkt-b', $TIP, 0, \
    'issued', 0, '', '', 0, '', '', 'forged') ON CONFLICT DO NOTHING \
    RETURNING id"
expect_exit 1 "A cannot send B's event again" asa "$FORGE"
expect_eq "... and raises no flag on B" "$(pgq "SELECT count(*) FROM \
    antri.flags WHERE office = 'jkt-b' AND outlet_hash = 'forged'")" 0
expect_eq "a second copy with another hash is not stored" "$(asb "$FORGE")" ""
expect_eq "... and flagged" "$(pgq "SELECT count(*) FROM antri.flags \
    WHERE office = 'jkt-b' AND outlet_hash = 'forged'")" 1

check "the head office clears b's flags" "$C" --pg "$ADMIN" flags clear jkt-b
expect_match "... 2 of them" "$OUT/last.out" "^2 flags of jkt-b cleared"
expect_exit 4 "b's history still differs: flagged again" O b sync --once
expect_eq "... one new flag" "$(pgq "SELECT count(*) FROM antri.flags \
    WHERE office = 'jkt-b' AND cleared_at IS NULL")" 1
expect_eq "... and still nothing overwritten" "$(pgq "SELECT hash FROM \
    antri.events WHERE office = 'jkt-b' AND id = $TIP")" "$TIPHASH"

# ---- a branch restored with no new ticket: rewound ------------------------
check "backup of c" O c backup "$OUT/c-old.db"
day c 3
check "c ships" O c sync --once
check "c restored" O c restore "$OUT/c-old.db"
expect_exit 4 "an outlet behind the central's copy is flagged" O c sync --once
expect_eq "... as rewound" "$(pgq "SELECT kind FROM antri.flags WHERE \
    office = 'jkt-c'")" rewound

# ---- an edited branch database ---------------------------------------------
day d 2
check "d ships" O d sync --once
DTIP=$(local_last d)
DHASH=$(pgq "SELECT hash FROM antri.events WHERE office = 'jkt-d' AND \
    id = $DTIP")
check "backup of d as shipped" O d backup "$OUT/d-before.db"
sqlite3 "$OUT/d.db" "UPDATE events SET detail = 'edited', hash = \
    '$(printf '%064d' 7)' WHERE id = $DTIP"
expect_exit 4 "an edited database is flagged" O d sync --once
expect_eq "... the central kept its copy" "$(pgq "SELECT hash FROM \
    antri.events WHERE office = 'jkt-d' AND id = $DTIP")" "$DHASH"
expect_eq "... flagged as history" "$(pgq "SELECT kind FROM antri.flags \
    WHERE office = 'jkt-d'")" history
# the office puts its database back as it was shipped: after the flag is
# cleared, shipping goes on
check "d's database put back as it was" O d restore "$OUT/d-before.db"
check "d's flag cleared" "$C" --pg "$ADMIN" flags clear jkt-d
O d issue A >/dev/null
check "d ships again" O d sync --once
expect_eq "... everything" "$(count jkt-d)" "$(local_last d)"
check "antri-central check --office jkt-d after all that" "$C" --pg "$ADMIN" \
    check --office jkt-d

finish
