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
expect_eq "every row: METHOD PATTERN ACCESS" "$(grep -cvE '^(GET|POST) /api/v1/[^ ]+ (public|staff|manager)$' "$OUT/routes.txt")" 0

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

before=$(dbstate)
nanon=0; nclerk=0
while read -r method pattern access; do
	[ "$access" = public ] && continue
	nanon=$((nanon + 1))
	expect_eq "anonymous $method $pattern: 401" "$(call "$method" "$pattern" "$NJ")" 401
	expect_eq "... not_logged_in" "$(ecode)" not_logged_in
	[ "$access" = manager ] || continue
	nclerk=$((nclerk + 1))
	expect_eq "clerk $method $pattern: 403" "$(call "$method" "$pattern" "$CJ")" 403
	expect_eq "... forbidden" "$(ecode)" forbidden
done <"$OUT/routes.txt"
expect_eq "nothing changed" "$(dbstate)" "$before"
echo "walked $nanon routes anonymously, $nclerk as a clerk"
expect_eq "some manager routes walked" "$([ "$nclerk" -gt 15 ] && echo yes)" yes

# the walk can fail: the clerk's own route goes through, and changes
expect_eq "a clerk's press goes through" "$(call POST '/api/v1/counters/{n:num}/next' "$CJ")" 200
expect_eq "... and changes the database" "$([ "$(dbstate)" != "$before" ] && echo changed)" changed

stop_server
finish
