#!/bin/sh
# central_notify.sh - reminders of the head office's bookings (the
# central outbox, migration 5, sent by antri-notify --central), against a
# throwaway PostgreSQL (tests/helpers/pg_lib.sh) and an outlet's running
# antri-sync:
#  - a booking made through the central with a phone number: "booking
#    confirmed" as an SMS file of gammu-smsd's outbox (UTF-16), sent once;
#  - the outlet's "booked" event, shipped, links the reminder to the
#    outlet's booking; its "booking_no_show" (the outlet's clock moved
#    past the slot) puts "missed" in the outbox;
#  - a booking checked in, called and not there on its day: "ahead",
#    "called to counter 1" and "missed" from the outlet's live list of
#    the requests' tickets, sent by SMS; a list of the wrong shape makes
#    nothing;
#  - WhatsApp through the local HTTPS endpoint (tests/helpers/
#    wa_endpoint.py) answering 500: retried with backoff, dead after
#    max_tries, listed by `antri-central notify` with the number masked;
#  - the number deleted [privacy] keep_days after the visit (faketime on
#    the notifier): kept 30 days on, gone 40 days on;
#  - a remote ticket asked for centrally with a phone: "come now" from
#    the central outbox (the outlet's live list's come_now), the
#    number not sent to the outlet;
#  - the outlets' roles cannot read the outbox; the number is never in
#    the notifier's or antri-sync's log, an event, the live state (what
#    the public pages show) or the head office's requests.
# Skipped, never passed, when PostgreSQL cannot be started.
. "$(dirname "$0")/../helpers/lib.sh"
. "$(dirname "$0")/../helpers/pg_lib.sh"
. "$(dirname "$0")/../helpers/wa_lib.sh"
C="$BIN/antri-central"
N="$BIN/antri-notify"

why=$(pg_skip_reason)
[ -n "$why" ] && skip_all "$why"
need sqlite3 iconv openssl curl jq
[ -n "$FTLIB" ] || skip_all "faketime is not installed"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

SPID=""
NPID=""
WPID=""
cleanup() {
	for p in $NPID $WPID $SPID; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	pg_cleanup
}
trap cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM
rm -rf "${OUT:?}"/*
pg_start || skip_all "the throwaway cluster did not start"

TOMORROW=$(date -d tomorrow +%F)
CE() { "$C" --pg "$ADMIN" "$@"; }
# sms_text GLOB FILE: the SMS files of gammu's outbox OUT$GLOB as text
sms_text() {
	for x in "$OUT"/gammu/OUT$1; do
		iconv -f UTF-16 -t UTF-8 "$x"; echo
	done >"$2"
}
O() { "$ANTRI" --config "$OUT/a.conf" "$@"; }
OUTLET="host=$PGSOCK port=$PGPORT_T dbname=antri user=antri_jkt-a passfile=$OUT/pass.a connect_timeout=5"

check "init (schema 5)" CE init
expect_eq "schema version 5 or later (the outbox's)" "$(pgq 'SELECT version >= 5 FROM antri.schema_version')" t
check "office add jkt-a" CE office add jkt-a "Outlet A" --passfile "$OUT/pass.a"
cat >"$OUT/a.conf" <<EOF2
[database]
path = $OUT/a.db
[central]
pg = $OUTLET
office = jkt-a
EOF2
O init --demo >/dev/null
O slots A --length 15 --per-slot 2 --days 7 --from 08:00 --to 15:00 >/dev/null
: >"$OUT/sync.log"
"$BIN/antri-sync" --config "$OUT/a.conf" 2>>"$OUT/sync.log" &
SPID=$!
wait_match "$OUT/sync.log" "central holds events" 300 ||
    fail "antri-sync did not start"

# the outlet's role sees nothing of the outbox
expect_exit 1 "an outlet's role cannot read the outbox" psql -X -qAt \
    "$OUTLET" -v ON_ERROR_STOP=1 -c "SELECT count(*) FROM antri.outbox"
expect_match "... permission denied" "$OUT/last.err" "permission denied"
expect_exit 1 "... nor the numbers kept" psql -X -qAt "$OUTLET" \
    -v ON_ERROR_STOP=1 -c "SELECT count(*) FROM antri.reminders"

# ---- SMS: booking confirmed -------------------------------------------------
mkdir -p "$OUT/gammu"
cat >"$OUT/sms.conf" <<EOF2
[notify]
channel = sms
gammu_outbox = $OUT/gammu
backoff_s = 1
EOF2
expect_exit 2 "--central without a connection string" "$N" --config \
    "$OUT/sms.conf" --central
expect_exit 2 "--central with --status" "$N" --config "$OUT/sms.conf" \
    --central "$ADMIN" --status
expect_match "... points to antri-central notify" "$OUT/last.err" \
    "antri-central notify"
expect_exit 3 "an unreachable central, one round: exit 3" "$N" --config \
    "$OUT/sms.conf" --central "host=$OUT/nowhere port=1 dbname=x \
connect_timeout=2" --once
"$N" --config "$OUT/sms.conf" --central "$ADMIN" >"$OUT/n.log" 2>&1 &
NPID=$!
wait_match "$OUT/n.log" "started" 100 || fail "antri-notify did not start"
check "book with a phone through the central" CE book jkt-a A \
    "$TOMORROW 09:00" --phone 081234567811 --json
wait_until "the confirmation's SMS file" 30 sh -c \
    "ls '$OUT/gammu' | grep -q '^OUT'"
f=$(ls "$OUT"/gammu/OUT* | head -n 1)
if basename "$f" | grep -Eq \
    '^OUTB[0-9]{8}_[0-9]{6}_[0-9]{2}_081234567811_antric[0-9]+\.txt$'
then pass; else fail "gammu file name $(basename "$f")"; fi
iconv -f UTF-16 -t UTF-8 "$f" >"$OUT/sms1.txt" 2>/dev/null ||
    fail "not UTF-16"
expect_match "booking confirmed, its time and day (Indonesian)" \
    "$OUT/sms1.txt" "dikonfirmasi, pukul 09\.00 tanggal $TOMORROW"
check "a booking without a phone" CE book jkt-a A "$TOMORROW 09:15"
expect_exit 2 "antri-central notify with an argument" CE notify --dead
CE notify >"$OUT/st1.txt"
expect_match "antri-central notify: sent 1" "$OUT/st1.txt" "^sent 1$"
expect_match "... none dead" "$OUT/st1.txt" "^dead 0$"
expect_eq "one SMS only" "$(ls "$OUT/gammu" | grep -c '^OUT')" 1
wait_until "the outlet's booked event links the reminder" 30 sh -c \
    "[ \"\$(psql -X -qAt '$ADMIN' -c 'SELECT count(*) FROM antri.reminders \
WHERE booking > 0')\" = 1 ]"
BK=$(pgq "SELECT booking FROM antri.reminders")
expect_eq "... to the outlet's booking with that number" "$(sqlite3 \
    "$OUT/a.db" "SELECT id FROM bookings WHERE phone = '081234567811'")" "$BK"
kill "$NPID"; wait "$NPID" 2>/dev/null; NPID=""

# ---- WhatsApp answering 500: retries, then dead -----------------------------
printf 'EAAtesttoken123\n' >"$OUT/token"
chmod 600 "$OUT/token"
wa_start 500 500 500 500
cat >"$OUT/wa.conf" <<EOF2
[notify]
channel = whatsapp
whatsapp_url = https://127.0.0.1:$WA_PORT/v21.0
phone_number_id = 1234567
token_file = $OUT/token
ca_file = $OUT/cert.pem
max_tries = 3
backoff_s = 1
timeout_s = 5
EOF2
"$N" --config "$OUT/wa.conf" --central "$ADMIN" >"$OUT/w.log" 2>&1 &
NPID=$!
wait_match "$OUT/w.log" "started" 100 || fail "antri-notify did not start"
expect_exit 2 "--lang other than id or en" CE book jkt-a A \
    "$TOMORROW 10:00" --phone +6281234567822 --lang fr
check "book with a phone, WhatsApp, in English" CE book jkt-a A \
    "$TOMORROW 10:00" --phone +6281234567822 --lang en
wait_until "dead after 3 tries" 60 sh -c \
    "'$C' --pg '$ADMIN' notify | grep -qx 'dead 1'"
expect_eq "three requests, each answered 500" "$(grep -c '^ok.* -> 500$' \
    "$OUT/wa.log")" 3
expect_match "the template, to the number without +" "$OUT/wa.log" \
    '^ok antri_booked en 6281234567822 10\.00\|'
expect_eq "three tries recorded" "$(pgq "SELECT tries FROM \
    antri.outbox WHERE channel = 'whatsapp'")" 3
CE notify >"$OUT/st2.txt"
expect_match "antri-central notify lists it" "$OUT/st2.txt" \
    "jkt-a	booked	whatsapp	.*\.\.\.7822	3 tries	HTTP 500"
if grep -q 234567822 "$OUT/st2.txt"; then fail "a whole number listed"
else pass; fi
expect_match "the log says dead" "$OUT/w.log" "failed: HTTP 500 \(dead\)"
kill "$NPID"; wait "$NPID" 2>/dev/null; NPID=""

# ... and on the web: GET /api/v1/hq/notify, head-office staff only
echo 'rahasia-lihat-1' | CE user add lihat --role viewer >/dev/null ||
    fail "user add lihat"
"$C" --pg "$ADMIN" --listen 127.0.0.1:0 >"$OUT/server.log" 2>&1 &
HPID=$!
NPID="$HPID"
if wait_match "$OUT/server.log" "serving http" 300; then
	U=$(sed -n 's|.*serving \(http://[^/]*\)/outlets.*|\1|p' \
	    "$OUT/server.log")
	code() { u=$1; shift; curl -s -o "$OUT/body.json" -w '%{http_code}' \
	    --max-time 20 "$@" "$u"; }
	expect_eq "anonymous: 401" "$(code "$U/api/v1/hq/notify")" 401
	expect_eq "a viewer logs in" "$(code "$U/api/v1/hq/login" \
	    -c "$OUT/v.jar" -H "Origin: $U" -H "Content-Type: application/json" \
	    -d '{"name":"lihat","password":"rahasia-lihat-1"}')" 200
	expect_eq "the viewer: 200" "$(code "$U/api/v1/hq/notify" \
	    -b "$OUT/v.jar")" 200
	expect_eq "... the counts" "$(jq -c '[.sent, .dead]' "$OUT/body.json")" \
	    "[1,1]"
	expect_eq "... the dead one, masked" "$(jq -c '.dead_messages[0] |
	    [.office, .kind, .channel, .phone, .tries, .error]' \
	    "$OUT/body.json")" '["jkt-a","booked","whatsapp","...7822",3,"HTTP 500"]'
	if grep -q 234567822 "$OUT/body.json"; then
		fail "a whole number in the API"
	else pass; fi
	for p in /api/v1/outlets /api/v1/hq/board /api/v1/hq/outlets/jkt-a; do
		expect_eq "GET $p" "$(code "$U$p" -b "$OUT/v.jar")" 200
		if grep -Eq '234567811|234567822' "$OUT/body.json"; then
			fail "a number in $p"
		else pass; fi
	done
else
	fail "antri-central did not start: $(tail -n 3 "$OUT/server.log")"
fi
kill "$HPID"; wait "$HPID" 2>/dev/null; NPID=""

# ---- missed: the outlet's clock past the slot ---------------------------------
# the SMS notifier again: new messages are made for its channel
check "the SMS notifier, one round (nothing due)" "$N" --config \
    "$OUT/sms.conf" --central "$ADMIN" --once
expect_eq "... new messages by SMS" "$(pgq "SELECT channels::text FROM \
    antri.notify_conf")" "{sms}"
expect_eq "... and the core's 'few ahead' (Q_MSG_AHEAD_N)" "$(pgq "SELECT \
    ahead_n FROM antri.notify_conf")" 3

# ---- the day's messages of a central booking, from the central outbox -------
# the outlet's clock on the booking's day (its antri-sync too, whose live
# state lists the requests' tickets): checked in at 10.56 for 11.00, the
# central outbox gets "ahead"; called at 11.00 to counter 1, "called"
BJ=$(CE book jkt-a A "$TOMORROW 11:00" --phone 081234567833 --json) ||
    fail "book for 11.00"
CODE=$(printf '%s' "$BJ" | jq -r .code)
RQ=$(pgq "SELECT id FROM antri.requests WHERE slot LIKE '% 11:00%'")
kill "$SPID"; wait "$SPID" 2>/dev/null
# exec: $! is antri-sync itself, which cleanup() kills (a function in the
# background would leave it running)
(FAKETIME="@$TOMORROW 10:55:00" LD_PRELOAD="$(ft_preload \
    "$BIN/antri-sync")" exec "$BIN/antri-sync" --config "$OUT/a.conf" \
    2>>"$OUT/sync.log") &
SPID=$!
check "check in at 10.56" faked "@$TOMORROW 10:56:00" "$ANTRI" --config \
    "$OUT/a.conf" checkin "$CODE"
wait_until "'ahead' in the central outbox for that booking" 30 sh -c \
    "[ \"\$(psql -X -qAt '$ADMIN' -c \"SELECT count(*) FROM antri.outbox \
WHERE kind = 'ahead' AND request = $RQ\")\" = 1 ]"
NUM=$(pgq "SELECT p1 FROM antri.outbox WHERE kind = 'ahead' AND \
    request = $RQ")
expect_eq "... with its number" "$NUM" "$(sqlite3 "$OUT/a.db" "SELECT \
    t.label FROM tickets t JOIN bookings b ON b.ticket = t.id WHERE \
    b.phone = '081234567833'")"
check "called at 11.00" faked "@$TOMORROW 11:00:30" "$ANTRI" --config \
    "$OUT/a.conf" next --counter 1
wait_until "'called' in the central outbox, to counter 1" 30 sh -c \
    "[ \"\$(psql -X -qAt '$ADMIN' -c \"SELECT p1 || '/' || p2 FROM \
antri.outbox WHERE kind = 'called' AND request = $RQ\")\" = '$NUM/1' ]"
check "not there when called: a no-show" faked "@$TOMORROW 11:03:00" \
    "$ANTRI" --config "$OUT/a.conf" noshow --counter 1
wait_until "'missed' in the central outbox, for the number's call" 30 sh -c \
    "[ \"\$(psql -X -qAt '$ADMIN' -c \"SELECT p1 || '/' || booking FROM \
antri.outbox WHERE kind = 'missed' AND request = $RQ\")\" = '$NUM/0' ]"
# a list of the wrong shape from the outlet's role: stored, nothing made
before=$(pgq "SELECT count(*) FROM antri.outbox")
check "the outlet's role writes a list of the wrong shape" psql -X -qAt \
    "$OUTLET" -v ON_ERROR_STOP=1 -c "UPDATE antri.live SET remote = \
'[7, {\"request\": \"x\"}, {\"request\": 99999999999999999999}, \
{\"request\": $RQ, \"state\": \"CALLED\", \"number\": \"A1\", \
\"counter\": \"1 or 2\"}, {\"request\": $RQ, \"state\": \"ADMITTED\", \
\"number\": \"A1\", \"ahead\": -1}]' WHERE office = 'jkt-a'"
expect_eq "... no message made of it" "$(pgq "SELECT count(*) FROM \
    antri.outbox")" "$before"
check "the SMS notifier sends them" "$N" --config "$OUT/sms.conf" \
    --central "$ADMIN" --once
sms_text "*081234567833*" "$OUT/sms-day.txt"
expect_match "the SMS: few ahead" "$OUT/sms-day.txt" \
    "nomor $NUM, tinggal [0-3] orang di depan Anda"
expect_match "the SMS: called to counter 1" "$OUT/sms-day.txt" \
    "nomor $NUM dipanggil ke loket 1\."
expect_match "the SMS: missed when called" "$OUT/sms-day.txt" \
    "nomor $NUM terlewat karena tidak hadir"
expect_eq "four SMS to that number: booked, ahead, called, missed" "$(ls \
    "$OUT/gammu" | grep -c 081234567833)" 4

# ---- a remote ticket asked for centrally with a phone -------------------------
# its turn is near at once (an empty queue): "come now" from the central
# outbox, by the outlet's rule (its live list's come_now), in English;
# the outlet is not sent the number
expect_exit 2 "remote: a bad phone, exit 2" CE remote jkt-a B --phone 12ab
expect_match "... saying what a phone is" "$OUT/last.err" "phone: 6-19 digits"
RJ=$(CE remote jkt-a B --phone 081234567844 --lang en --json) ||
    fail "remote with a phone"
RNUM=$(printf '%s' "$RJ" | jq -r .number)
RR=$(pgq "SELECT id FROM antri.requests WHERE kind = 'remote' ORDER BY id \
    DESC LIMIT 1")
expect_eq "the number kept for its reminders, for the outlet's day" \
    "$(pgq "SELECT day || ' ' || lang FROM antri.reminders WHERE request = \
    $RR AND phone = '081234567844'")" "$TOMORROW en"
wait_until "'come now' in the central outbox for the remote ticket" 30 sh -c \
    "[ \"\$(psql -X -qAt '$ADMIN' -c \"SELECT p1 FROM antri.outbox WHERE \
kind = 'come' AND request = $RR\")\" = '$RNUM' ]"
check "the SMS notifier sends it" "$N" --config "$OUT/sms.conf" \
    --central "$ADMIN" --once
sms_text "*081234567844*" "$OUT/sms-remote.txt"
expect_match "the SMS: come now, in English" "$OUT/sms-remote.txt" \
    "number $RNUM.*come now and check in at the kiosk"
expect_eq "no 'booked' for a remote ticket" "$(pgq "SELECT count(*) FROM \
    antri.outbox WHERE kind = 'booked' AND request = $RR")" 0
if sqlite3 "$OUT/a.db" .dump | grep -q 234567844; then
	fail "the remote ticket's number at the outlet"
else pass; fi
# one write at the outlet two days on: the bookings not checked in are
# no-shows; antri-sync ships the events and the central outbox gets
# "missed" for the two with a phone
faked "+2d" "$ANTRI" --config "$OUT/a.conf" remote B >/dev/null ||
    fail "a write at the outlet two days on"
wait_until "missed in the outbox for the bookings with a phone" 30 sh -c \
    "[ \"\$(psql -X -qAt '$ADMIN' -c \"SELECT count(*) FROM antri.outbox \
WHERE kind = 'missed' AND booking > 0\")\" = 2 ]"
expect_eq "... one of them the first booking's" "$(pgq "SELECT count(*) \
    FROM antri.outbox WHERE kind = 'missed' AND booking = $BK")" 1
expect_eq "... none for the booking without" "$(pgq "SELECT count(*) FROM \
    antri.outbox o JOIN antri.reminders r USING (office, request) WHERE \
    r.slot_hm = '09.15'")" 0
check "the SMS notifier, one round" "$N" --config "$OUT/sms.conf" --central \
    "$ADMIN" --once
cat "$OUT/last.err" >>"$OUT/n.log"
sms_text "*" "$OUT/sms2.txt"
expect_match "the missed appointment's SMS" "$OUT/sms2.txt" \
    "janji temu pukul 09\.00 terlewat"
expect_match "... and the other's, in English" "$OUT/sms2.txt" \
    "your appointment at 10\.00 was missed"

# ---- the number deleted keep_days after the visit ----------------------------
check "30 days on: kept" faked "+30d" "$N" --config "$OUT/sms.conf" \
    --central "$ADMIN" --once
expect_eq "... numbers still there" "$(pgq "SELECT count(*) FROM \
    antri.reminders WHERE phone <> ''")" 4
check "40 days on: deleted" faked "+40d" "$N" --config \
    "$OUT/sms.conf" --central "$ADMIN" --once
expect_match "... the log says how many" "$OUT/last.err" \
    "deleted [0-9]+ phone numbers older than 30 days"
expect_eq "... none in the reminders" "$(pgq "SELECT count(*) FROM \
    antri.reminders WHERE phone <> ''")" 0
expect_eq "... none in the outbox" "$(pgq "SELECT count(*) FROM \
    antri.outbox WHERE phone <> ''")" 0
CE notify >"$OUT/st3.txt"
expect_match "the dead one: (deleted)" "$OUT/st3.txt" "\(deleted\)"

# ---- the number nowhere else ------------------------------------------------
for l in n.log w.log sync.log; do
	if grep -Eq '2345678(11|22|33|44)' "$OUT/$l"; then
		fail "a number in $l"
	else pass; fi
done
expect_eq "no number in any event" "$(pgq "SELECT count(*) FROM \
    antri.events WHERE detail ~ '23456781|23456782|23456784' OR actor ~ \
    '23456781|23456782|23456784'")" 0
expect_eq "nor in the live state (the public pages)" "$(pgq "SELECT count(*) \
    FROM antri.live WHERE (state::text || coalesce(remote::text, '')) ~ \
    '2345678[1234]'")" 0
expect_eq "nor in the requests" "$(pgq "SELECT count(*) FROM antri.requests \
    WHERE phone <> '' OR answer::text ~ '23456781|23456782|23456784'")" 0
finish
