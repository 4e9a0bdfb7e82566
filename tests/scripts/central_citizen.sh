#!/bin/sh
# central_citizen.sh - a citizen on the central's public pages, against a
# throwaway PostgreSQL (tests/helpers/pg_lib.sh), a running antri-central
# and an outlet's running antri-sync: a remote ticket taken over HTTP
# (POST /api/v1/outlets/ID/remote) is an EXPECTED ticket in the outlet's
# SQLite that checks in with the answered code; the free slots (GET
# .../slots); a booking (POST .../book) is the outlet's booking, with its
# phone there and nowhere else; a full slot, a double booking, a closed
# service, bad input, a foreign Origin, an unknown outlet, an outlet
# offline (answered at once with the outlets of shortest wait, or after
# the wait and withdrawn) are 4xx JSON and change nothing; the count per
# address (429); twelve phones at once all issued; eight requests waiting
# out an outlet's silence leave the public list answering; no phone number
# in any answer or log.  Then Selenium walks the phone's flow at 390x844
# (tests/helpers/central_citizen.py), with a screenshot of each step.  Skipped, never passed, when PostgreSQL
# cannot be started.
. "$(dirname "$0")/../helpers/lib.sh"
. "$(dirname "$0")/../helpers/pg_lib.sh"
C="$BIN/antri-central"
HELPERS=$(cd "$(dirname "$0")/../helpers" && pwd)
PHONE=0812345678
PHONE2=0819876543
PHONE3=0817000111

why=$(pg_skip_reason)
[ -n "$why" ] && skip_all "$why"
need sqlite3
need curl
need jq

SYNCS="" SERVER=""
cleanup() {
	for p in $SYNCS $SERVER; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	pg_cleanup
}
trap cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM
rm -rf "$OUT"/*
pg_start || skip_all "the throwaway cluster did not start"

TOMORROW=$(date -d tomorrow +%F)

O() { n=$1; shift; "$ANTRI" --config "$OUT/$n.conf" "$@"; }
CE() { "$C" --pg "$ADMIN" "$@"; }
start_sync() {
	: >"$OUT/sync.$1.log"
	"$BIN/antri-sync" --config "$OUT/$1.conf" 2>>"$OUT/sync.$1.log" &
	SPID=$!
	SYNCS="$SYNCS $SPID"
	wait_match "$OUT/sync.$1.log" "central holds events" 300
}
bookings() { sqlite3 "$OUT/$1.db" "SELECT count(*) FROM bookings"; }
tickets() { sqlite3 "$OUT/$1.db" "SELECT count(*) FROM tickets"; }
requests() { pgq "SELECT count(*) FROM antri.requests"; }

check "init" CE init
for o in a b; do
	check "office add jkt-$o" CE office add "jkt-$o" "Kelurahan $o" \
	    --area "Jakarta Pusat" --passfile "$OUT/pass.$o"
	pg_outlet_conf "$o"
	# "come now" below a minute's wait at a (the default would be 30)
	printf '[remote]\ncome_min = 1\n' >>"$OUT/$o.conf"
	O "$o" init --demo >/dev/null
	O "$o" slots A --length 15 --per-slot 1 --days 7 --from 08:00 \
	    --to 15:00 >/dev/null
done
check "antri-sync of a runs" start_sync a
SYNC_A=$SPID
# b's antri-sync never runs: b is offline

"$C" --pg "$ADMIN" --listen 127.0.0.1:0 >"$OUT/server.log" 2>&1 &
SERVER=$!
wait_match "$OUT/server.log" "serving http" 300 ||
    { fail "antri-central did not start: $(tail -n 5 "$OUT/server.log")"; finish; exit 1; }
U=$(sed -n 's|.*serving \(http://[^/]*\)/outlets.*|\1|p' "$OUT/server.log")
# post FROM PATH JSON [CURL ARGS]: the status, the body in $OUT/body.json;
# FROM is the source address (every address of 127/8 is this machine's),
# so the count per address of one part leaves the others alone
# (Origin $ORIGIN, by default this server; Content-Type $CTYPE, JSON)
post() {
	f=$1 p=$2 d=$3; shift 3
	curl -s -o "$OUT/body.json" -w '%{http_code}' --max-time 30 \
	    --interface "$f" -X POST -H "Origin: ${ORIGIN:-$U}" \
	    -H "Content-Type: ${CTYPE:-application/json}" -d "$d" "$@" \
	    "$U/api/v1/$p"
}
get() { curl -s -o "$OUT/body.json" -w '%{http_code}' --max-time 20 "$U/api/v1/$1"; }
err() { jq -r '.error.code' "$OUT/body.json"; }
a_online() { curl -s "$U/api/v1/outlets" | jq -e '.outlets[] |
    select(.id == "jkt-a") | .online' >/dev/null; }
wait_until "a is online at the central" 30 a_online
BOOKABLE='.outlets[] | select(.id == "jkt-a") | [.services[] |
    select(.code == "A" or .code == "B") | .bookable]'
expect_eq "the public list: A of a takes appointments (it has slots), B not" \
    "$(curl -s "$U/api/v1/outlets" | jq -c "$BOOKABLE")" '[true,false]'

# ---- a remote ticket ----------------------------------------------------------
R0=$(requests)
expect_eq "remote without Origin: 403" "$(curl -s -o "$OUT/body.json" -w \
    '%{http_code}' -X POST -H "Content-Type: application/json" \
    -d '{"service":"A"}' "$U/api/v1/outlets/jkt-a/remote")" 403
expect_eq "remote from another Origin: 403" "$(ORIGIN=http://evil.example \
    post 127.0.0.2 outlets/jkt-a/remote '{"service":"A"}')" 403
expect_eq "... asked nothing" "$(requests)" "$R0"
# walk-ins ahead: a wait past the 5 minutes "come by" is rounded to
for i in 1 2 3 4 5 6 7 8; do O a issue A >/dev/null; done
expect_eq "remote over HTTP: 200" "$(post 127.0.0.2 outlets/jkt-a/remote \
    '{"service":"A"}')" 200
cp "$OUT/body.json" "$OUT/remote.json"
NUM=$(jq -r .number "$OUT/remote.json")
CODE=$(jq -r .code "$OUT/remote.json")
expect_match "... a number" "$OUT/remote.json" '"number":"A[0-9]+"'
expect_match "... a code of 6" "$OUT/remote.json" '"code":"[A-Z0-9]{6}"'
expect_eq "... its QR as SVG" "$(jq -r '.qr_svg | startswith("<svg")' \
    "$OUT/remote.json")" true
expect_eq "... the fields" "$(jq -c 'keys' "$OUT/remote.json")" \
    '["code","come","est_wait_s","link","number","office","outlet","people_ahead","qr","qr_svg","service"]'
expect_eq "... 'come by', by a's come_min of 1 min (est. $(jq .est_wait_s \
    "$OUT/remote.json") s; the default 30 would say 'come now')" \
    "$(jq -c '[.come.now, (.come.by | test("^[0-9]{2}[:.][0-9]{2}$"))]' \
    "$OUT/remote.json")" '[false,true]'
expect_eq "the outlet holds it, EXPECTED" "$(sqlite3 "$OUT/a.db" "SELECT \
    state FROM tickets WHERE label = '$NUM'")" EXPECTED

# its link: /ticket#TOKEN, the token read with the X-Ticket header
LINK=$(jq -r .link "$OUT/remote.json")
TOKEN=${LINK#/ticket#}
expect_eq "... its link: /ticket# and a token of 128 bits" \
    "$(echo "$LINK" | grep -cE '^/ticket#[0-9a-f]{32}$')" 1
# tk [TOKEN]: GET /api/v1/ticket with the header (no header: none)
tk() { curl -s -o "$OUT/body.json" -w '%{http_code}' --max-time 20 \
    ${1:+-H "X-Ticket: $1"} "$U/api/v1/ticket"; }
tk_is() { tk "$TOKEN" >/dev/null && jq -e "$1" "$OUT/body.json" >/dev/null; }
expect_eq "the ticket without its token: 400" "$(tk)" 400
expect_eq "... bad_token, with the sentence a page shows" \
    "$(jq -c '[.error.code, .error.words.id]' "$OUT/body.json")" \
    '["bad_token","Tiket tidak dikenal. Periksa tautan Anda."]'
expect_eq "the token in the address instead: 400, never read" \
    "$(curl -s -o "$OUT/body.json" -w '%{http_code}' \
    "$U/api/v1/ticket?t=$TOKEN")" 400
expect_eq "a token of no ticket: 404" "$(tk "$(echo "$TOKEN" | tr 0-9a-f 1-9a-f0)")" 404
expect_eq "... no_ticket, said in both languages" \
    "$(jq -c '[.error.code, (.error.words.id | length > 0)]' "$OUT/body.json")" \
    '["no_ticket",true]'
expect_eq "its ticket: 200" "$(tk "$TOKEN")" 200
wait_until "the outlet's figures for it reach the central" 30 \
    tk_is '.known and .state == "expected"'
cp "$OUT/body.json" "$OUT/ticket.json"
expect_eq "... its number, outlet and service; no phone, no reminder" \
    "$(jq -c '[.number, .outlet.name, .service, .over, .reminded]' \
    "$OUT/ticket.json")" "[\"$NUM\",\"Kelurahan a\",\"A\",false,false]"
expect_eq "... in words, and when to come by a's own rule" "$(jq -c \
    '[(.words.id | test("check-in")), .come.now, (.come.id | test("pukul"))]' \
    "$OUT/ticket.json")" '[true,false,true]'
expect_eq "... people ahead, the wait" \
    "$(jq -c '[(.people_ahead | type), (.est_wait_s | type)]' \
    "$OUT/ticket.json")" '["number","number"]'
expect_eq "... never the check-in code" "$(grep -c -e "$CODE" -e qr \
    "$OUT/ticket.json")" 0
# one more, with a phone: its page promises a reminder while "come by"
expect_eq "remote with a phone: 200" "$(post 127.0.0.2 outlets/jkt-a/remote \
    "{\"service\":\"A\",\"phone\":\"$PHONE\",\"lang\":\"en\"}")" 200
expect_eq "... no phone in the answer" "$(grep -c "$PHONE" "$OUT/body.json")" 0
PTOKEN=$(jq -r .link "$OUT/body.json" | sed 's|^/ticket#||')
wait_until "... its page: known, a reminder promised while 'come by'" 30 sh -c \
    "curl -s -H 'X-Ticket: $PTOKEN' '$U/api/v1/ticket' | jq -e \
'.known and .come.now == false and .reminded' >/dev/null"
expect_eq "the central keeps the token's hash only" "$(pgq "SELECT \
    count(*) FILTER (WHERE view_hash = '$TOKEN'), count(*) FILTER (WHERE \
    view_hash = encode(sha256('$TOKEN'), 'hex')) FROM antri.requests")" "0|1"
expect_eq "the public list carries no ticket of a request" \
    "$(curl -s "$U/api/v1/outlets" | grep -c -e '"remote"' -e '"request"')" 0
expect_eq "the list is kept apart from the state every page reads" \
    "$(pgq "SELECT state ? 'remote', jsonb_typeof(remote) FROM antri.live \
    WHERE office = 'jkt-a'")" "f|array"

check "its code checks in at the outlet" O a checkin "$CODE"
expect_match "... checked in" "$OUT/last.out" "^$NUM  checked in"
wait_until "its link says it is at the office now" 30 \
    tk_is '.state == "outside" or .state == "admitted"'
expect_eq "... and no 'come' any more" "$(jq -c .come "$OUT/body.json")" null
# the counters call until it is its turn
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	sqlite3 "$OUT/a.db" "SELECT state FROM tickets WHERE label = '$NUM'" |
	    grep -q CALLED && break
	O a next --counter 1 >/dev/null 2>&1
done
wait_until "its link says: called, with the counter" 30 \
    tk_is '.state == "called" and .counter == 1'
expect_eq "... in words" "$(jq -r .words.en "$OUT/body.json" | grep -c 'counter 1')" 1

# ---- slots and a booking ------------------------------------------------------
expect_eq "slots of tomorrow: 200" "$(get "outlets/jkt-a/slots?service=A&day=$TOMORROW")" 200
expect_eq "... 28 slots of 15 min from 08:00 to 15:00" "$(jq '.slots | length' \
    "$OUT/body.json")" 28
expect_eq "... 09:00 has a place" "$(jq -c ".slots[] | select(.slot == \
    \"$TOMORROW 09:00\") | .free" "$OUT/body.json")" 1
expect_eq "... the days one may book" "$(jq '.days | length' "$OUT/body.json")" 8
B0=$(bookings a)
expect_eq "book over HTTP: 200" "$(post 127.0.0.2 outlets/jkt-a/book \
    "{\"service\":\"A\",\"slot\":\"$TOMORROW 09:00\",\"name\":\"Budi\",\"phone\":\"$PHONE\"}")" 200
cp "$OUT/body.json" "$OUT/book.json"
expect_match "... the slot" "$OUT/book.json" "\"slot\":\"$TOMORROW 09:00\""
expect_match "... a code" "$OUT/book.json" '"code":"[A-Z0-9]{6}"'
expect_eq "... no phone or name in the answer" "$(grep -c -e "$PHONE" -e Budi \
    "$OUT/book.json")" 0
expect_eq "the outlet holds the booking with its phone" "$(sqlite3 "$OUT/a.db" \
    "SELECT count(*) FROM bookings WHERE phone = '$PHONE' AND name = 'Budi'")" 1
expect_eq "the central keeps no name or phone" "$(pgq "SELECT count(*) FROM \
    antri.requests WHERE name <> '' OR phone <> ''")" 0
BLINK=$(jq -r .link "$OUT/book.json")
expect_eq "... a link to its page too" \
    "$(echo "$BLINK" | grep -cE '^/ticket#[0-9a-f]{32}$')" 1
expect_eq "its page: 200" "$(tk "${BLINK#/ticket#}")" 200
expect_eq "... a booking at its time, not checked in: when to check in" \
    "$(jq -c '[.kind, .slot, .state, .known, (.words.en | test("between 08:30 and 09:15"))]' \
    "$OUT/body.json")" "[\"booking\",\"$TOMORROW 09:00\",\"booked\",false,true]"
expect_eq "... booked with a phone: its reminders said to come" \
    "$(jq .reminded "$OUT/body.json")" true
# the outlet lists a booking of its requests that was missed as
# {"request":N,"missed":true} (test_remote makes one; here the entry is
# put into the central's copy by hand, read at once)
BREQ=$(pgq "SELECT id FROM antri.requests WHERE view_hash = \
    encode(sha256('${BLINK#/ticket#}'), 'hex')")
pgq "UPDATE antri.live SET remote = coalesce(remote, '[]'::jsonb) || \
    jsonb_build_array(jsonb_build_object('request', $BREQ, 'missed', true)) \
    WHERE office = 'jkt-a'" >/dev/null
expect_eq "a booking the outlet marked missed: said so" \
    "$(tk "${BLINK#/ticket#}")$(jq -c \
    '[.state, (.words.id | test("terlewat")), .reminded]' "$OUT/body.json")" \
    '200["missed",true,false]'
slot_taken() { get "outlets/jkt-a/slots?service=A&day=$TOMORROW" >/dev/null &&
    jq -e ".slots[] | select(.slot == \"$TOMORROW 09:00\") | .free == 0" \
    "$OUT/body.json" | grep -q true; }
wait_until "the slots then show 09:00 full" 30 slot_taken

# ---- refusals: 4xx JSON, nothing changes --------------------------------------
B1=$(bookings a) T1=$(tickets a)
expect_eq "the same slot again: 409" "$(post 127.0.0.2 outlets/jkt-a/book \
    "{\"service\":\"A\",\"slot\":\"$TOMORROW 09:00\"}")" 409
expect_eq "... slot_full" "$(err)" slot_full
expect_match "... says so, in both languages" "$OUT/body.json" \
    '"words":\{"id":"Jadwal itu sudah penuh.*","en":".*slot is full'
expect_eq "the same phone the same day: 409" "$(post 127.0.0.2 \
    outlets/jkt-a/book "{\"service\":\"A\",\"slot\":\"$TOMORROW 10:00\",\"phone\":\"$PHONE\"}")" 409
expect_eq "... double_booking" "$(err)" double_booking
expect_eq "... the phone is not echoed" "$(grep -c "$PHONE" "$OUT/body.json")" 0
O a service close B >/dev/null
expect_eq "a closed service: 409" "$(post 127.0.0.2 outlets/jkt-a/remote \
    '{"service":"B"}')" 409
expect_eq "... service_closed" "$(err)" service_closed
O a service open B >/dev/null
expect_eq "a time that is no slot: 409" "$(post 127.0.0.2 outlets/jkt-a/book \
    "{\"service\":\"A\",\"slot\":\"$TOMORROW 20:00\"}")" 409
expect_eq "... no_slot" "$(err)" no_slot
R1=$(requests)
expect_eq "bad service: 422" "$(post 127.0.0.2 outlets/jkt-a/remote \
    '{"service":"AB"}')" 422
expect_eq "a service the outlet lacks: 422" "$(post 127.0.0.2 \
    outlets/jkt-a/remote '{"service":"Z"}')" 422
expect_eq "... no_service" "$(err)" no_service
expect_eq "bad slot text: 422" "$(post 127.0.0.2 outlets/jkt-a/book \
    '{"service":"A","slot":"tomorrow 9"}')" 422
expect_eq "bad phone: 422" "$(post 127.0.0.2 outlets/jkt-a/book \
    "{\"service\":\"A\",\"slot\":\"$TOMORROW 11:00\",\"phone\":\"12ab99\"}")" 422
expect_eq "... names the field, not the value" "$(jq -r .error.message \
    "$OUT/body.json" | grep -c 12ab99)" 0
expect_eq "... the field, and the sentence in both languages for the page" \
    "$(jq -r '[.error.field, (.error.words.id | length > 0),
    (.error.words.en | length > 0)] | map(tostring) | join(" ")' \
    "$OUT/body.json")" "phone true true"
expect_eq "a NIK is refused, not stored: 422" "$(post 127.0.0.2 \
    outlets/jkt-a/book "{\"service\":\"A\",\"slot\":\"$TOMORROW 11:00\",\"nik\":\"3171234567890123\"}")" 422
expect_eq "not JSON: 415" "$(CTYPE=text/plain post 127.0.0.2 \
    outlets/jkt-a/remote 'service=A')" 415
expect_eq "an unknown outlet: 404" "$(post 127.0.0.2 outlets/jkt-zz/remote \
    '{"service":"A"}')" 404
expect_eq "GET on a POST route: 405" "$(get outlets/jkt-a/remote)" 405
expect_eq "slots, a bad day: 400" "$(get "outlets/jkt-a/slots?service=A&day=7-12")" 400
expect_eq "slots, an unknown parameter: 400" "$(get \
    "outlets/jkt-a/slots?service=A&phone=1")" 400
expect_eq "slots, no service: 400" "$(get outlets/jkt-a/slots)" 400
expect_eq "none of these asked the outlet" "$(requests)" "$R1"
expect_eq "... nor changed its bookings" "$(bookings a)" "$B1"
expect_eq "... nor its tickets" "$(tickets a)" "$((T1))"

# ---- an outlet offline ------------------------------------------------------------
expect_eq "b (offline) asked for a ticket: 409 at once" "$(post 127.0.0.2 \
    outlets/jkt-b/remote '{"service":"A"}')" 409
expect_eq "... outlet_offline" "$(err)" outlet_offline
expect_match "... says so" "$OUT/body.json" '"en":"That office is offline'
expect_eq "... offers a, online with a short wait" "$(jq -c \
    '[.error.nearest[].id]' "$OUT/body.json")" '["jkt-a"]'
expect_eq "... asked nothing of b" "$(pgq "SELECT count(*) FROM antri.requests \
    WHERE office = 'jkt-b'")" 0
expect_eq "b's booking too: 409" "$(post 127.0.0.2 outlets/jkt-b/book \
    "{\"service\":\"A\",\"slot\":\"$TOMORROW 09:00\",\"phone\":\"$PHONE2\"}")" 409
expect_eq "b's slots: none known" "$(get "outlets/jkt-b/slots?service=A" >/dev/null &&
    jq -c '[.online, .bookable]' "$OUT/body.json")" '[false,false]'

# ---- the count per address ----------------------------------------------------------
# counted in the database: a second antri-central on it, as behind a
# proxy, and the address's requests spread over both
"$C" --pg "$ADMIN" --listen 127.0.0.1:0 >"$OUT/server2.log" 2>&1 &
SERVER2=$!
SERVER1=$SERVER
SERVER="$SERVER1 $SERVER2"
wait_match "$OUT/server2.log" "serving http" 300 ||
    fail "a second antri-central did not start: $(tail -n 5 "$OUT/server2.log")"
U2=$(sed -n 's|.*serving \(http://[^/]*\)/outlets.*|\1|p' "$OUT/server2.log")
O a service close C >/dev/null
n=0
while [ "$n" -lt 10 ]; do
	if [ $((n % 2)) = 0 ]; then s=$(post 127.0.0.3 outlets/jkt-a/remote \
	    '{"service":"C"}')
	else s=$(ORIGIN=$U2 U=$U2 post 127.0.0.3 outlets/jkt-a/remote \
	    '{"service":"C"}'); fi
	[ "$s" = 409 ] || fail "request $n of 127.0.0.3: $s"
	n=$((n + 1))
done
expect_eq "the 11th request of one address within the hour, five on each of two servers: 429" \
    "$(post 127.0.0.3 outlets/jkt-a/remote '{"service":"A"}')" 429
expect_match "... says how long" "$OUT/body.json" 'Try again in [0-9]+ min'
expect_eq "... on the other server too" "$(ORIGIN=$U2 U=$U2 post 127.0.0.3 \
    outlets/jkt-a/remote '{"service":"A"}')" 429
expect_eq "another address still may" "$(post 127.0.0.4 outlets/jkt-a/remote \
    '{"service":"C"}')" 409
O a service open C >/dev/null
kill "$SERVER2"
wait "$SERVER2" 2>/dev/null
SERVER=$SERVER1

# ---- twelve phones at once: every one issued, none "busy" ----------------------------
# (the askers carry them to the outlet; none holds a server thread)
T3=$(tickets a)
ROW3=$(sqlite3 "$OUT/a.db" "SELECT coalesce(max(rowid), 0) FROM tickets")
rm -f "$OUT"/many.*
for i in 10 11 12 13 14 15 16 17 18 19 20 21; do
	curl -s -o "$OUT/many.$i.json" -w '%{http_code}\n' --max-time 30 \
	    --interface "127.0.0.$i" -X POST -H "Origin: $U" \
	    -H "Content-Type: application/json" -d '{"service":"A"}' \
	    "$U/api/v1/outlets/jkt-a/remote" >"$OUT/many.$i.status" &
done
wait_until "the twelve answered" 60 sh -c "cat '$OUT'/many.*.status | grep -c . | grep -qx 12"
ok200=$(cat "$OUT"/many.*.status | grep -c '^200$')
echo "twelve phones at once: $ok200 issued"
expect_eq "... all twelve issued" "$ok200" 12
expect_eq "... none busy" "$(cat "$OUT"/many.*.status | grep -c '^503$')" 0
expect_eq "... the outlet issued twelve" "$(tickets a)" "$((T3 + 12))"
expect_eq "... exactly the numbers answered" "$(sqlite3 "$OUT/a.db" "SELECT \
    label FROM tickets WHERE rowid > $ROW3" | sort | tr '\n' ' ')" \
    "$(cat "$OUT"/many.*.json | jq -r .number | sort | tr '\n' ' ')"

# ---- the phone's flow in a browser ---------------------------------------------------
case "$BIN" in
*-san*) skip "the browser under ASan (BIN=$BIN): the plain build runs it" ;;
*)
	if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && \
	    /usr/bin/python3 -c 'import selenium' 2>/dev/null; then
		/usr/bin/python3 "$HELPERS/central_citizen.py" "$U" "$OUT" \
		    "$TOMORROW" "$PHONE2" "$PHONE3" >"$OUT/browser.out" 2>&1
		add_counts central_citizen.py "$OUT/browser.out"
		BNUM=$(sed -n 's/^ticket: //p' "$OUT/browser.out")
		expect_eq "the browser's ticket is EXPECTED at the outlet" "$(sqlite3 \
		    "$OUT/a.db" "SELECT state FROM tickets WHERE label = '$BNUM'")" EXPECTED
		expect_eq "the browser's booking is at the outlet, with its phone" \
		    "$(sqlite3 "$OUT/a.db" "SELECT count(*) FROM bookings WHERE \
		    phone = '$PHONE2'")" 1
		expect_eq "the browser's remote ticket: its phone kept centrally \
for its reminders" "$(pgq "SELECT count(*) FROM antri.reminders m JOIN \
		    antri.requests q ON q.office = m.office AND q.id = m.request \
		    WHERE q.kind = 'remote' AND m.phone = '$PHONE2' AND \
		    m.slot_hm = ''")" 1
		expect_eq "... its reminders in the page's language: Indonesian" \
		    "$(pgq "SELECT string_agg(DISTINCT lang, ',') FROM \
		    antri.reminders WHERE phone = '$PHONE2'")" id
		expect_eq "... and the booking made in English: English" \
		    "$(pgq "SELECT string_agg(DISTINCT lang, ',') FROM \
		    antri.reminders WHERE phone = '$PHONE3'")" en
	else
		fail "chromium, chromedriver or python3-selenium missing (scripts/deps.sh TEST)"
	fi ;;
esac

# ---- the outlet's link down within its heartbeat: asked, withdrawn ------------------
kill "$SYNC_A"
wait "$SYNC_A" 2>/dev/null
T2=$(tickets a)
expect_eq "a, its antri-sync gone a moment ago: 409 after the wait" "$(post \
    127.0.0.5 outlets/jkt-a/remote '{"service":"A"}')" 409
expect_eq "... outlet_offline" "$(err)" outlet_offline
expect_eq "... the request withdrawn" "$(pgq "SELECT status FROM antri.requests \
    ORDER BY id DESC LIMIT 1")" withdrawn

# eight phones wait for a's answer (none comes: every asker waits out
# the timeout); the public list answers meanwhile, before any of them
rm -f "$OUT"/slow.* "$OUT/order"
RQ=$(pgq "SELECT coalesce(max(id), 0) FROM antri.requests")
for i in 30 31 32 33 34 35 36 37; do
	( curl -s -o "$OUT/slow.$i.json" -w '%{http_code}' --max-time 30 \
	    --interface "127.0.0.$i" -X POST -H "Origin: $U" \
	    -H "Content-Type: application/json" -d '{"service":"A"}' \
	    "$U/api/v1/outlets/jkt-a/remote" >"$OUT/slow.$i.status"
	  echo asked >>"$OUT/order" ) &
done
eight_out() { [ "$(pgq "SELECT count(*) FROM antri.requests WHERE id > $RQ \
    AND status = 'asked'")" = 8 ]; }
wait_until "eight requests out at a at once" 30 eight_out
LIST=$(curl -s -o "$OUT/list.json" -w '%{http_code}' --max-time 20 \
    "$U/api/v1/outlets")
echo list >>"$OUT/order"
expect_eq "meanwhile GET /api/v1/outlets: 200" "$LIST" 200
expect_eq "... with the outlets" "$(jq '.outlets | length' "$OUT/list.json")" 2
wait_until "the eight answered" 60 sh -c "grep -c asked '$OUT/order' | grep -qx 8"
expect_eq "... the list answered before any of the eight" "$(head -n 1 \
    "$OUT/order")" list
expect_eq "... each of the eight: 409 outlet_offline" "$(cat "$OUT"/slow.*.status |
    tr -d '\n')/$(cat "$OUT"/slow.*.json | jq -r .error.code | sort -u)" \
    "409409409409409409409409/outlet_offline"
expect_eq "... each withdrawn" "$(pgq "SELECT count(*) FROM antri.requests \
    WHERE id > $RQ AND status = 'withdrawn'")" 8
check "a's antri-sync again" start_sync a
expect_eq "... which issues nothing late" "$(tickets a)" "$T2"

# ---- no phone number anywhere public -------------------------------------------------
expect_eq "no phone number in the server's log" "$(grep -c -e "$PHONE" \
    -e "$PHONE2" -e "$PHONE3" "$OUT/server.log")" 0
expect_eq "... nor in antri-sync's" "$(cat "$OUT"/sync.*.log | grep -c -e \
    "$PHONE" -e "$PHONE2" -e "$PHONE3")" 0
expect_eq "... nor in the public list" "$(curl -s "$U/api/v1/outlets" |
    grep -c -e "$PHONE" -e "$PHONE2" -e "$PHONE3")" 0
expect_eq "... nor at the central" "$(pgq "SELECT count(*) FROM antri.requests \
    WHERE phone <> '' OR answer::text LIKE '%081%'")" 0
expect_match "the request log names the citizen's address" "$OUT/server.log" \
    "^POST /api/v1/outlets/jkt-a/book 200 [0-9]+ms citizen@127.0.0.2$"

# ---- the central's database down ------------------------------------------------------
kill "$SPID" 2>/dev/null
pg_stop
expect_eq "a booking with the database down: 503" "$(post 127.0.0.6 \
    outlets/jkt-a/book "{\"service\":\"A\",\"slot\":\"$TOMORROW 12:00\",\"phone\":\"$PHONE\"}")" 503
expect_eq "... as JSON, without the phone" "$(jq -r .error.code "$OUT/body.json")/$(grep \
    -c "$PHONE" "$OUT/body.json")" database_error/0

kill "$SERVER"
wait "$SERVER"
expect_eq "SIGTERM stops it cleanly" "$?" 0
SERVER=""
finish
