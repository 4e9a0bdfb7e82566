#!/bin/sh
# remote_web.sh - remote tickets on the office's network against a real
# antri-serve on a loopback port: POST take gives a ticket EXPECTED (in
# the database, not in the room's count) with a check-in code and the QR
# of the paper ticket's encoder (decoded here by zbarimg); its link says
# when to come ("come by HH:MM", then "come now" once the queue ahead
# shrinks under [remote] come_min); closed service, used share and quota
# are 409 with the visitor's words and change nothing; an address takes
# at most [serve] take_per_hour tickets (429); the counter's POST checkin
# moves it to the room or the door with the clerk as actor, and a wrong,
# used, forged or malformed code is 4xx and changes nothing; five wrong
# codes lock the clerk's check-ins (429); the visitor gives a ticket back
# with its code (a wrong code, a ticket over: refused, nothing changes).  Then in headless Chromium
# (tests/helpers/web_remote.py): /take on a phone (390x844) through to
# the ticket page, and the counter's check-in box (1920x1080), typed and
# scanned.  Under build-san the browser part is skipped.
. tests/helpers/lib.sh
. tests/helpers/serve_lib.sh
DB="$OUT/remote.db"
rm -rf "$OUT"/remote.db* "$OUT"/*.conf "$OUT"/*.jar "$OUT"/*.png "$OUT"/*.pbm
A() { "$ANTRI" --db "$DB" "$@"; }
JAR="$OUT/none.jar"
trap 'kill_server' EXIT INT TERM
need curl jq sqlite3 zbarimg

check "init --demo" A init --demo
echo "clerk-pass-1" | A user add siti --role clerk >/dev/null && pass || fail "user add siti"
check "limit 2" A limit 2
printf '[office]\nname = PTSP Uji\n[serve]\ntake_per_hour = 100\n' >"$OUT/remote.conf"
start_server "$OUT/remote.conf" && pass ||
	{ fail "antri-serve did not start: $(tail -5 "$OUT/serve.log")"; finish; exit 1; }

# what a refused request must not change: tickets, check-in codes, days
dbsum() {
	sqlite3 "$DB" "SELECT * FROM tickets ORDER BY id; SELECT * FROM checkins
		ORDER BY ticket; SELECT * FROM days;" | cksum
}
take() { post take "{\"service\":\"$1\"}"; }

# ---- take ---------------------------------------------------------------------
expect_eq "take A" "$(take A)" 200
cp "$OUT/body" "$OUT/take1.json"
jq -e '.number == "A001" and .state == "EXPECTED" and .service == "A"
	and (.code | test("^[ACEFHJKMNPRWXY34679]{6}$"))
	and (.code as $c | .qr | startswith($c + "-")) and (.link | test("^/t/[a-z2-7]{16}$"))
	and (.qr_rows | length > 20) and .come != null' "$OUT/body" >/dev/null &&
	pass || fail "take's answer: $(cat "$OUT/body")"
CODE1=$(body .code); QR1=$(body .qr); LINK1=$(body .link)
expect_eq "EXPECTED in the database" \
	"$(sqlite3 "$DB" "SELECT state FROM tickets WHERE label = 'A001'")" EXPECTED
expect_eq "... not in the room, not at the door" \
	"$(A --json status | jq -c '[.occupancy, .outside]')" "[0,0]"
expect_eq "the code is stored only as a hash" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM checkins WHERE code_hash LIKE '%$CODE1%'")" 0
# the QR: the rows drawn as a PBM with its quiet zone, 4 pixels a module
jq -r '.qr_rows[]' "$OUT/take1.json" | awk -v q=4 -v s=4 '
	{ rows[NR] = $0; n = length($0) }
	END {
		w = n + 2 * q
		printf "P1\n%d %d\n", w * s, w * s
		for (y = 0; y < w; y++) {
			line = ""
			for (x = 0; x < w; x++) {
				m = "0"
				if (y >= q && y < n + q && x >= q && x < n + q)
					m = substr(rows[y - q + 1], x - q + 1, 1)
				for (j = 0; j < s; j++) line = line m " "
			}
			for (k = 0; k < s; k++) print line
		}
	}' >"$OUT/qr.pbm"
expect_eq "the QR decodes to the check-in text" \
	"$(zbarimg -q --raw "$OUT/qr.pbm" 2>/dev/null)" "$QR1"
expect_eq "take: the event names no phone, the actor is the address" \
	"$(sqlite3 "$DB" "SELECT actor || ' ' || detail FROM events WHERE kind = 'issued'")" \
	"web:127.0.0.1 remote"

# the ticket's link: EXPECTED, when to come, nothing private
get() { curl -s -o "$OUT/body" -w '%{http_code}' "$U$1"; }
expect_eq "GET the link" "$(get "/api/v1$LINK1")" 200
jq -e '.state == "EXPECTED" and .words.en == "Online ticket: check in when you arrive"
	and (.come | has("now") and has("by") and has("id") and has("en"))' \
	"$OUT/body" >/dev/null && pass || fail "the link's JSON: $(cat "$OUT/body")"
jq -e '[.. | objects | keys[]] | map(select(test("^(actor|kiosk|token|qr|phone|print|ticket)$|_ms$"))) | length == 0' \
	"$OUT/body" >/dev/null && pass || fail "the link carries private fields: $(cat "$OUT/body")"
grep -q "$CODE1" "$OUT/body" && fail "the link shows the check-in code" || pass

# ---- refusals: 4xx with words, nothing changes ---------------------------------------
S0=$(dbsum)
expect_eq "service 'a1': 422" "$(take a1)" 422
expect_eq "no such service: 422" "$(take Q)" 422
expect_eq "... no_service" "$(ecode)" no_service
expect_eq "no Origin: 403" "$(curl -s -o /dev/null -w '%{http_code}' \
	-H 'Content-Type: application/json' -d '{"service":"A"}' "$U/api/v1/take")" 403
expect_eq "GET take: 405" "$(get /api/v1/take)" 405
check "close C" A service close C
E0=$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE kind = 'refused'")
S0=$(dbsum)
expect_eq "take C (closed): 409" "$(take C)" 409
expect_eq "... service_closed" "$(ecode)" service_closed
expect_eq "... in the visitor's words" "$(body .error.words.id)" "Layanan ditutup"
expect_eq "... nothing changed" "$(dbsum)" "$S0"
expect_eq "... one 'refused' event" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE kind = 'refused'")" $((E0 + 1))
# share: [remote] share 30 of a quota of 10 is 3 remote tickets
check "quota B 10" A service quota B 10
for i in 1 2 3; do expect_eq "take B ($i of 3)" "$(take B)" 200; done
S0=$(dbsum)
expect_eq "take B past the share: 409" "$(take B)" 409
expect_eq "... share_used" "$(ecode)" share_used
expect_eq "... nothing changed" "$(dbsum)" "$S0"
check "quota D 1" A service quota D 1
check "a walk-in takes D's quota" A issue D
S0=$(dbsum)
expect_eq "take D past its quota: 409" "$(take D)" 409
expect_eq "... quota_reached" "$(ecode)" quota_reached
expect_eq "... nothing changed" "$(dbsum)" "$S0"

# ---- when to come: "come by", then "come now" -------------------------------------
# a service with one counter: 8 walk-ins inside ahead of it at the default
# 300 s each is 40 min, over come_min (30); then served down to 2
check "E: a service of its own" A service add E "Uji" "Test"
check "limit 0" A limit 0
check "counter 9 serves E" A counter add 9 E
for i in 1 2 3 4 5 6 7 8; do A issue E >/dev/null; done
expect_eq "take E" "$(take E)" 200
LINKE=$(body .link)
expect_eq "GET E's link" "$(get "/api/v1$LINKE")" 200
jq -e '.ahead.total == 8 and .wait.s >= 1800 and .come.now == false
	and (.come.by | test("^[0-2][0-9]:[0-5][05]$"))
	and .come.en == "Come by " + .come.by
	and .come.id == "Datanglah paling lambat pukul " + (.come.by | sub(":"; "."))' \
	"$OUT/body" >/dev/null && pass || fail "come by: $(cat "$OUT/body")"
for n in 001 002 003 004 005 006; do A cancel "E$n" >/dev/null; done
expect_eq "GET E's link again" "$(get "/api/v1$LINKE")" 200
jq -e '.ahead.total == 2 and .wait.s < 1800 and .come.now == true and .come.by == ""
	and .come.en == "Come now: your turn is near"' "$OUT/body" >/dev/null &&
	pass || fail "come now: $(cat "$OUT/body")"

# ---- check-in at the counter ----------------------------------------------------------
JAR="$OUT/siti.jar"
S0=$(dbsum)
expect_eq "checkin without a session: 401" "$(post checkin "{\"code\":\"$CODE1\"}")" 401
expect_eq "... nothing changed" "$(dbsum)" "$S0"
OCC=$(A --json status | jq .occupancy)
expect_eq "siti logs in" "$(server_login "$JAR" siti clerk-pass-1)" 200
expect_eq "checkin with no Origin: 403" "$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR" \
	-H 'Content-Type: application/json' -d "{\"code\":\"$CODE1\"}" "$U/api/v1/checkin")" 403
expect_eq "check A001 in (lower case typed)" \
	"$(post checkin "{\"code\":\"$(echo "$CODE1" | tr 'A-Z' 'a-z')\"}")" 200
jq -e '.ticket.number == "A001" and .ticket.state == "ADMITTED" and .how == "in_place"
	and .words.en == "A001: joined the line at its place"' "$OUT/body" >/dev/null &&
	pass || fail "checkin's answer: $(cat "$OUT/body")"
expect_eq "... the clerk is the actor" \
	"$(sqlite3 "$DB" "SELECT actor FROM events WHERE kind = 'checked_in'")" "web:siti"
expect_eq "... now in the room's count" "$(A --json status | jq .occupancy)" $((OCC + 1))
# a room that is full: the next one waits outside
check "limit: the room is full" A limit $((OCC + 1))
expect_eq "take A (2)" "$(take A)" 200
QR2=$(body .qr)
expect_eq "check in by the QR's text" "$(post checkin "{\"code\":\"$QR2\"}")" 200
jq -e '.ticket.state == "OUTSIDE" and .how == "in_place"' "$OUT/body" >/dev/null &&
	pass || fail "checked in to a full room: $(cat "$OUT/body")"
expect_eq "take A (3)" "$(take A)" 200
CODE3=$(body .code); QR3=$(body .qr)
S0=$(dbsum)
for bad in "$CODE1:code_used:409" "${QR3%-*}-aaaaaaaaaaaaaaaa:wrong_code:409" \
    "xx:invalid_value:422"; do
	c=${bad%%:*}; rest=${bad#*:}; want=${rest%%:*}; st=${rest#*:}
	expect_eq "checkin '$c': $st" "$(post checkin "{\"code\":\"$c\"}")" "$st"
	expect_eq "... $want" "$(ecode)" "$want"
	[ -n "$(body .error.words.id)" ] && pass || fail "no words for $want: $(cat "$OUT/body")"
	expect_eq "... nothing changed" "$(dbsum)" "$S0"
done
expect_eq "checkin with no code: 422" "$(post checkin '{}')" 422
# wrong codes from one clerk: the fifth within a minute locks her check-ins
for c in AAAAAA CCCCCC EEEEEE; do post checkin "{\"code\":\"$c\"}" >/dev/null; done
expect_eq "after five wrong codes a right one: 429" "$(post checkin "{\"code\":\"$CODE3\"}")" 429
expect_eq "... too_many_attempts" "$(ecode)" too_many_attempts
expect_eq "... nothing changed" "$(dbsum)" "$S0"
check "antri checkin (another actor) still works" A checkin "$CODE3"

# ---- the visitor gives a remote ticket back, with its code ------------------------------
JAR="$OUT/none.jar"
expect_eq "take A (4)" "$(take A)" 200
CODE4=$(body .code); TOK4=$(body .link | cut -d/ -f3)
expect_eq "take A (5)" "$(take A)" 200
CODE5=$(body .code)
S0=$(dbsum)
expect_eq "cancel with another ticket's code: 409" \
	"$(post "t/$TOK4/cancel" "{\"code\":\"$CODE5\"}")" 409
expect_eq "... wrong_code" "$(ecode)" wrong_code
expect_eq "cancel with no code: 422" "$(post "t/$TOK4/cancel" '{}')" 422
expect_eq "cancel of no such ticket: 404" \
	"$(post "t/aaaaaaaaaaaaaaaa/cancel" "{\"code\":\"$CODE4\"}")" 404
expect_eq "cancel with no Origin: 403" "$(curl -s -o /dev/null -w '%{http_code}' \
	-H 'Content-Type: application/json' -d "{\"code\":\"$CODE4\"}" \
	"$U/api/v1/t/$TOK4/cancel")" 403
expect_eq "... nothing changed" "$(dbsum)" "$S0"
expect_eq "cancel with its code: 200" "$(post "t/$TOK4/cancel" "{\"code\":\"$CODE4\"}")" 200
expect_eq "... CANCELLED" "$(sqlite3 "$DB" "SELECT state FROM tickets WHERE token = '$TOK4'")" CANCELLED
expect_eq "... its link says so" "$(get "/api/v1/t/$TOK4")" 200
expect_eq "... 'Dibatalkan'" "$(body .words.id)" "Dibatalkan"
S0=$(dbsum)
expect_eq "cancel again: 409" "$(post "t/$TOK4/cancel" "{\"code\":\"$CODE4\"}")" 409
expect_eq "... bad_state" "$(ecode)" bad_state
expect_eq "... nothing changed" "$(dbsum)" "$S0"
expect_exit 1 "its code no longer checks in" A checkin "$CODE4"

# ---- a phone number for the reminders -------------------------------------------------
S0=$(dbsum)
expect_eq "take with a wrong phone number: 422" "$(post take \
	'{"service":"A","phone":"12ab"}')" 422
expect_eq "... the catalogue's sentence" "$(body .error.words.id)" \
	"Nomor ponsel: 6 sampai 19 angka, boleh diawali +"
expect_eq "... nothing changed" "$(dbsum)" "$S0"
expect_eq "take with lang fr: 422" "$(post take \
	'{"service":"A","phone":"081234567890","lang":"fr"}')" 422
expect_eq "... nothing changed" "$(dbsum)" "$S0"
expect_eq "dashes and spaces: 422 (the page leaves them out, the API does not)" \
	"$(post take '{"service":"A","phone":"0812-3456 7890","lang":"en"}')" 422
# E far from its turn again (8 more ahead, 40 min): "come by", so the
# page promises a reminder; beside "come now" it would not
for i in 1 2 3 4 5 6 7 8; do A issue E >/dev/null; done
expect_eq "take with a phone number as the page sends it: 200" "$(post take \
	'{"service":"E","phone":"081234567890","lang":"en"}')" 200
expect_eq "... 'come by', its reminder promised" "$(body .come.now)/$(body .reminded)" \
	false/true
PLINK=$(body .link)
PCODE=$(body .code)
expect_eq "... and on its page" "$(get "/api/v1$PLINK")/$(body .reminded)" 200/true
PNUM=$(body .number)
expect_eq "... the number kept with that ticket, in English, for the reminders" \
	"$(sqlite3 "$DB" "SELECT p.phone || ' ' || p.lang FROM phones p JOIN tickets t \
	ON t.id = p.ticket WHERE t.label = '$PNUM'")" "081234567890 en"
expect_eq "... in no event" "$(sqlite3 "$DB" "SELECT count(*) FROM events \
	WHERE detail LIKE '%234567890%' OR actor LIKE '%234567890%'")" 0
expect_eq "take without one: none promised" "$(take E)/$(body .reminded)" 200/false
expect_eq "... nor on its page" "$(get "/api/v1$(body .link)")/$(body .reminded)" 200/false
expect_eq "the visitor gives it back" "$(post "${PLINK#/}/cancel" \
	"{\"code\":\"$PCODE\"}")" 200
expect_eq "its page once it is over: none promised" \
	"$(get "/api/v1$PLINK")/$(body .state)/$(body .reminded)" 200/CANCELLED/false

# ---- tickets per address ------------------------------------------------------------
stop_server; expect_eq "the server stops cleanly" "$?" 0
printf '[serve]\ntake_per_hour = 2\n' >"$OUT/limit.conf"
start_server "$OUT/limit.conf" && pass || fail "antri-serve did not start again"
JAR="$OUT/none.jar"
expect_eq "take 1 of 2" "$(take A)" 200
expect_eq "take 2 of 2" "$(take A)" 200
S0=$(dbsum)
expect_eq "take 3: 429" "$(take A)" 429
expect_eq "... too_many_tickets" "$(ecode)" too_many_tickets
body .error.words.en | grep -q "Try again in [0-9]* min" && pass ||
	fail "429's words: $(cat "$OUT/body")"
expect_eq "... nothing changed" "$(dbsum)" "$S0"

# ---- in the browser ----------------------------------------------------------
case "$BIN" in
*san*)
	skip "the browser part under $(basename "$BIN") (the server is the same code; run it with BIN=build)"
	;;
*)
	stop_server
	printf '[serve]\ntake_per_hour = 100\n' >"$OUT/web.conf"
	start_server "$OUT/web.conf" && pass || fail "antri-serve did not start again"
	browser_run web_remote "$U" "$OUT" "$ANTRI" "$DB"
	;;
esac

check "antri check" A check
stop_server; expect_eq "the server stops cleanly" "$?" 0
finish
