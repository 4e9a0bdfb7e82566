#!/bin/sh
# ticket.sh - the visitor's link against a real antri-serve on
# a loopback port this test picks: a ticket's QR code, from its rendered
# PNG, decodes (zbarimg) to <public_url>/t/<token>; no public_url, no QR;
# GET /api/v1/t/<token> says the state in plain words and nothing about
# persons; unknown, malformed and yesterday's tokens are 404; the page is
# small; then in headless Chromium (tests/helpers/web_ticket.py) the page
# follows the ticket from "wait outside" to "please enter" to "counter 2"
# without a reload.  Under build-san the browser part is skipped.
. tests/helpers/lib.sh
. tests/helpers/serve_lib.sh
DB="$OUT/ticket.db"
rm -rf "$OUT"/ticket.db* "$OUT"/*.conf "$OUT"/*.png
PNG="$BIN/tests/ticket_png"
A() { "$ANTRI" --db "$DB" "$@"; }
trap 'kill_server' EXIT INT TERM
need curl jq sqlite3 zbarimg

check "init --demo" A init --demo
check "limit 1" A limit 1
check "issue A001 (let in)" A issue A
check "issue A002 (outside)" A issue A
check "issue A003 (outside)" A issue A

# start the server on a free port with public_url naming that port
ticket_conf() {
	printf '[office]\nname = PTSP Uji\n[serve]\npublic_url = %s/\n' "$1" \
		>"$OUT/ticket.conf"
}
SERVE_BEFORE=ticket_conf start_server "$OUT/ticket.conf" && pass ||
	{ fail "antri-serve did not start: $(tail -5 "$OUT/serve.log")"; finish; exit 1; }

# ---- the QR code on the printed ticket ----------------------------------
TOKEN=$("$PNG" "$OUT/ticket.conf" "$DB" A002 "$OUT/A002.png" 2>"$OUT/png.err")
expect_eq "ticket_png renders A002" "$?" 0
expect_eq "the token is stored" "$TOKEN" \
	"$(sqlite3 "$DB" "SELECT token FROM tickets WHERE label = 'A002'")"
echo "$TOKEN" | grep -Eq '^[a-z2-7]{16}$' && pass || fail "token '$TOKEN' is not 16 base32 digits"
URL=$(zbarimg -q --raw "$OUT/A002.png" 2>/dev/null)
expect_eq "the QR decodes to public_url/t/token" "$URL" "$U/t/$TOKEN"
printf '[office]\nname = PTSP Uji\n' >"$OUT/noqr.conf"
check "rendered without public_url" "$PNG" "$OUT/noqr.conf" "$DB" A002 "$OUT/A002-noqr.png"
expect_exit 4 "no public_url: zbarimg finds no code" zbarimg -q --raw "$OUT/A002-noqr.png"
printf '[serve]\npublic_url = ftp://x\n' >"$OUT/bad.conf"
expect_exit 2 "public_url must be http(s)" "$ANTRI" --config "$OUT/bad.conf" --db "$DB" status
expect_match "... says so with the line" "$OUT/last.err" "bad.conf:2:.*public_url"

# ---- the API -------------------------------------------------------------
get() { curl -s -o "$OUT/body" -w '%{http_code}' "$U$1"; }
expect_eq "GET /api/v1/t/TOKEN" "$(get "/api/v1/t/$TOKEN")" 200
jq -e '.number == "A002" and .state == "OUTSIDE" and .words.en == "Wait outside"
	and .words.id == "Tunggu di luar" and .service.code == "A"
	and .ahead.door == 0 and .ahead.service == 1 and .ahead.total == 1
	and (.wait.en | length > 0) and .office == "PTSP Kecamatan Menteng"' "$OUT/body" >/dev/null &&
	pass || fail "ticket JSON: $(cat "$OUT/body")"
jq -e '[.. | objects | keys[]] | map(select(test("^(actor|kiosk|token|print|print_reason|ticket)$|_ms$"))) | length == 0' \
	"$OUT/body" >/dev/null && pass || fail "ticket JSON carries private fields: $(cat "$OUT/body")"
T3=$(sqlite3 "$DB" "SELECT token FROM tickets WHERE label = 'A003'")
get "/api/v1/t/$T3" >/dev/null
jq -e '.ahead.door == 1 and .ahead.service == 1 and .ahead.total == 2' "$OUT/body" >/dev/null &&
	pass || fail "A003's places: $(cat "$OUT/body")"
expect_eq "unknown token: 404" "$(get /api/v1/t/aaaaaaaaaaaaaaaa)" 404
jq -e '.error.code == "not_found"' "$OUT/body" >/dev/null && pass || fail "404 body: $(cat "$OUT/body")"
expect_eq "malformed token: 404" "$(get /api/v1/t/A002)" 404
expect_eq "POST: 405" "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$U/api/v1/t/$TOKEN")" 405
# a ticket of yesterday: its link has ended
sqlite3 "$DB" "UPDATE tickets SET day = date(day, '-1 day') WHERE label = 'A003'"
expect_eq "yesterday's token: 404" "$(get "/api/v1/t/$T3")" 404
sqlite3 "$DB" "UPDATE tickets SET day = date(day, '+1 day') WHERE label = 'A003'"
expect_eq "... today's again: 200" "$(get "/api/v1/t/$T3")" 200
# cancelled, with its reason
check "issue B001" A issue B
check "cancel B001" A cancel B001 --reason "left the office"
TB=$(sqlite3 "$DB" "SELECT token FROM tickets WHERE label = 'B001'")
get "/api/v1/t/$TB" >/dev/null
jq -e '.state == "CANCELLED" and .words.en == "Cancelled: left the office"' "$OUT/body" >/dev/null &&
	pass || fail "cancelled: $(cat "$OUT/body")"

# ---- the page --------------------------------------------------------------
expect_eq "GET /t/TOKEN is the page" "$(get "/t/$TOKEN")" 200
expect_match "... the ticket page" "$OUT/body" 'src="/ticket.js"'
grep -q '<script>' "$OUT/body" && fail "inline script in ticket.html" || pass
# what a phone downloads for the page, as a browser asks (gzip taken)
BYTES=0
for f in "/t/$TOKEN" /ticket.js /ticket.css "/api/v1/t/$TOKEN" /api/v1/words; do
	BYTES=$((BYTES + $(curl -s --compressed -o /dev/null \
	    -w '%{size_download}' "$U$f")))
done
echo "the ticket's page: $BYTES bytes sent"
[ "$BYTES" -le 30720 ] && pass || fail "the page is $BYTES bytes, over 30 KB"
curl -s --compressed -D "$OUT/words.h" -o "$OUT/words.json" "$U/api/v1/words"
expect_match "the words are sent with gzip" "$OUT/words.h" \
    "^Content-Encoding: gzip"
expect_eq "... and read back whole" "$(jq -r '.id.web_pin_rules | length > 0' \
    "$OUT/words.json")" true
echo "the whole page: $BYTES bytes"

# ---- in the browser ----------------------------------------------------------
case "$BIN" in
*san*)
	echo "SKIP: the browser part under $(basename "$BIN") (the server is the same code; run it with BIN=build)"
	;;
*)
	browser_run web_ticket "$URL" "$OUT" "$ANTRI" "$DB"
	;;
esac

check "antri check" A check
stop_server; expect_eq "the server stops cleanly" "$?" 0
finish
