#!/bin/sh
# routes.sh - antri-serve's route table walked row by row (the table is
# what `antri-serve --routes` prints, the one the server routes by, and
# what docs/api.md lists):
# every route that is not public, called without a session, answers 401;
# every manager's route called by a clerk answers 403; and neither
# changes anything: the events, tickets, services, counters, settings and
# accounts are the same before and after.  The body sent is one that
# would change something on every route if it were let through.
. tests/helpers/lib.sh
. tests/helpers/serve_lib.sh
DB="$OUT/routes.db"
rm -rf "$OUT"/routes.db* "$OUT"/*.jar
A() { "$ANTRI" --db "$DB" "$@"; }
trap 'kill_server' EXIT INT TERM
need curl jq sqlite3

check "init --demo" A init --demo
echo "clerk-pass-1" | A user add siti --role clerk >/dev/null && pass || fail "user add siti"
for s in A A B; do A issue "$s" >/dev/null; done
A next --counter 1 >/dev/null

"$SERVE" --routes >"$OUT/routes.txt" && pass || fail "antri-serve --routes"
expect_eq "the table has rows" "$([ "$(wc -l <"$OUT/routes.txt")" -gt 30 ] && echo yes)" yes
# the table is the one docs/api.md lists (a row's access changed shows
# there, to be reviewed)
sed -n '/^## The route table/,/^## /p' docs/api.md | sed -n '/^```$/,/^```$/p' |
	grep -v '^```$' >"$OUT/routes.doc"
expect_eq "docs/api.md lists the table" "$(diff "$OUT/routes.doc" "$OUT/routes.txt" && echo same)" same
expect_eq "every row: METHOD PATTERN ACCESS" "$(grep -cvE '^(GET|POST) /[^ ]+ (public|staff|manager)$' "$OUT/routes.txt")" 0
expect_eq "the pages behind a log-in are rows too" \
    "$(grep -cE '^GET /(manage|counter) (manager|staff)$' "$OUT/routes.txt")" 2

# the database's state apart from the sessions (a session's last use may
# be written by any request)
dbstate() {
	sqlite3 "$DB" "SELECT count(*), max(id) FROM events;
		SELECT * FROM tickets ORDER BY id; SELECT * FROM services ORDER BY code;
		SELECT * FROM counters ORDER BY number; SELECT * FROM counter_services; SELECT * FROM days;
		SELECT * FROM settings ORDER BY key;
		SELECT name, role, hash, enabled FROM users ORDER BY name;" | cksum
}
BODY='{"limit":3,"policy":"refuse","text":"x","quota":5,"codes":"B","to":"B","name":"zed","role":"manager","password":"long-pass-123","pin":"1234","name_id":"Zed","name_en":"Zed"}'

start_server && pass || { fail "server did not start"; cat "$OUT/serve.log"; finish; exit 1; }
NJ="$OUT/none.jar"; CJ="$OUT/clerk.jar"
: >"$NJ"
expect_eq "siti logs in" "$(server_login "$CJ" siti clerk-pass-1)" 200

# call METHOD PATTERN JAR: the route with its placeholders filled in;
# prints the status
call() {
	p=$(echo "$2" | sed -e 's/{n:num}/1/g' -e 's/{code}/A/g' \
		-e 's/{name}/siti/g' -e 's/{token}/aaaaaaaaaaaaaaaa/g' \
		-e 's/{[a-z]*}/x/g' -e 's|^/api/v1/||')
	JAR=$3
	if [ "$1" = POST ]; then
		post "$p" "$BODY"
	else
		curl -s -o "$OUT/body" -w '%{http_code}' --max-time 5 -b "$JAR" "$U/api/v1/$p"
	fi
}

# what a refused clerk reads: the catalogue's sentence, both languages
curl -s --max-time 5 "$U/api/v1/words" >"$OUT/words.json"
MGR_ID=$(jq -r '.id.web_manager_only' "$OUT/words.json")
MGR_EN=$(jq -r '.en.web_manager_only' "$OUT/words.json")
expect_eq "the catalogue has 'only a manager'" "$([ -n "$MGR_ID" ] &&
    [ "$MGR_ID" != null ] && [ "$MGR_ID" != "$MGR_EN" ] && echo yes)" yes
before=$(dbstate)
nanon=0; nclerk=0
# page PATTERN JAR: a page's status; its Location in $OUT/location
page() {
	curl -s -o "$OUT/body" -w '%{http_code} %{redirect_url}' --max-time 5 \
	    -b "$2" "$U$1" >"$OUT/page.out"
	cut -d' ' -f2- "$OUT/page.out" >"$OUT/location"
	cut -d' ' -f1 "$OUT/page.out"
}
npage=0
while read -r method pattern access; do
	[ "$access" = public ] && continue
	case "$pattern" in /api/*) ;; *)
		# a page: to the log-in, and back here after it
		npage=$((npage + 1))
		expect_eq "anonymous $pattern: 302" "$(page "$pattern" "$NJ")" 302
		expect_match "... to the log-in" "$OUT/location" '/login\?next=/'
		[ "$access" = manager ] || continue
		expect_eq "clerk $pattern: 403" "$(page "$pattern" "$CJ")" 403
		expect_match "... a page that says so" "$OUT/body" 'pengelola'
		continue ;;
	esac
	nanon=$((nanon + 1))
	expect_eq "anonymous $method $pattern: 401" "$(call "$method" "$pattern" "$NJ")" 401
	expect_eq "... not_logged_in" "$(ecode)" not_logged_in
	[ "$access" = manager ] || continue
	nclerk=$((nclerk + 1))
	expect_eq "clerk $method $pattern: 403" "$(call "$method" "$pattern" "$CJ")" 403
	expect_eq "... forbidden" "$(ecode)" forbidden
	expect_eq "... in both languages" "$(body '.error.words.id + "|" +
	    .error.words.en')" "$MGR_ID|$MGR_EN"
done <"$OUT/routes.txt"
expect_eq "nothing changed" "$(dbstate)" "$before"
echo "walked $nanon routes anonymously, $nclerk as a clerk, $npage pages"
expect_eq "the four pages behind a log-in walked" "$npage" 4
expect_eq "a clerk opens the counter's page" "$(page /counter "$CJ")" 200
expect_eq "a ticket's page is public" "$(page /t/aaaaaaaaaaaaaaaa "$NJ")" 200
expect_eq "a POST to a page: 405" "$(curl -s -o /dev/null -w '%{http_code}' \
    -X POST "$U/manage")" 405
expect_eq "some manager routes walked" "$([ "$nclerk" -gt 15 ] && echo yes)" yes

# the walk can fail: the clerk's own route goes through, and changes
expect_eq "a clerk's press goes through" "$(call POST '/api/v1/counters/{n:num}/next' "$CJ")" 200
expect_eq "... and changes the database" "$([ "$(dbstate)" != "$before" ] && echo changed)" changed

stop_server
finish
