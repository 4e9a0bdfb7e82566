#!/bin/sh
# serve.sh - antri-serve against a real server on a loopback port this
# test picks: log-in, every counter action and manager setting, every
# error class (401, 403, 404, 405, 409, 413, 415, 422, 429, 431, 503, 400),
# roles, Origin refusal, session expiry, restart keeps the session,
# lockout, SSE order and resume, static pages and traversal, a slow
# client, 1,000 idle connections, a client closing mid-stream, and eight
# clients pressing Next on four counters (no ticket called twice, antri
# check ok).  The database is unchanged after each bad request.
. tests/helpers/lib.sh
. tests/helpers/serve_lib.sh
DB="$OUT/serve.db"
rm -rf "$OUT"/*.db* "$OUT"/*.jar "$OUT"/*.conf "$OUT"/storm.*
CONN="$BIN/tests/serve_conn"
A() { "$ANTRI" --db "$DB" "$@"; }
trap 'kill_server' EXIT INT TERM
need curl jq sqlite3

# ---- set-up: the demo office, two accounts, a config -------------------
check "init --demo" A init --demo
check "limit 0" A limit 0
echo "clerk-pass-1" | A user add siti --role clerk >/dev/null && pass || fail "user add siti"
echo "manager-pass-1" | A user add budi --role manager >/dev/null && pass || fail "user add budi"
echo "lock-me-pass" | A user add lena --role clerk >/dev/null && pass || fail "user add lena"
expect_exit 2 "user add twice" sh -c "echo clerk-pass-2 | '$ANTRI' --db '$DB' user add siti --role clerk"
expect_exit 2 "user add short password" sh -c "echo short | '$ANTRI' --db '$DB' user add ana --role clerk"
expect_exit 2 "user add bad role" sh -c "echo clerk-pass-2 | '$ANTRI' --db '$DB' user add ana --role boss"
expect_exit 2 "user add bad name" sh -c "echo clerk-pass-2 | '$ANTRI' --db '$DB' user add 'Ana B' --role clerk"
check "user list" A user list
expect_match "list shows budi as manager" "$OUT/last.out" "^budi +manager +enabled"
A --json user list | jq -e 'length == 3' >/dev/null && pass || fail "json user list"
sqlite3 "$DB" "SELECT hash FROM users WHERE name = 'siti'" | grep -q '^\$y\$' &&
	pass || fail "password not stored as yescrypt"

# a database of schema 1 (before accounts) gains the tables when opened
cp "$DB" "$OUT/old.db"
sqlite3 "$OUT/old.db" "DROP TABLE sessions; DROP TABLE users; DELETE FROM events WHERE kind = 'chain_started'; ALTER TABLE events DROP COLUMN hash; ALTER TABLE tickets DROP COLUMN token; PRAGMA user_version = 1"
check "schema 1 migrates" "$ANTRI" --db "$OUT/old.db" user list
# the newest schema: the one a new database gets (no number written here)
"$ANTRI" --db "$OUT/newest.db" init >/dev/null 2>&1
expect_eq "now the newest schema" "$(sqlite3 "$OUT/old.db" 'PRAGMA user_version')" \
    "$(sqlite3 "$OUT/newest.db" 'PRAGMA user_version')"

cat >"$OUT/serve.conf" <<CONF
[serve]
session_idle_s = 600
lock_s = 3
timeout_s = 3
max_connections = 1200
per_address = 1100
heartbeat_s = 1
[database]
busy_ms = 300
CONF
sed 's/session_idle_s = 600/session_idle_s = 2/' "$OUT/serve.conf" >"$OUT/short.conf"
sed 's/busy_ms = 300/busy_ms = 5000/' "$OUT/serve.conf" >"$OUT/storm.conf"

# get PATH [curl args]: GET U/api/v1/PATH (post, body, ecode:
# serve_lib.sh)
get() {
	p=$1; shift
	curl -s -o "$OUT/body" -w '%{http_code}' -b "$JAR" "$@" "$U/api/v1/$p"
}
# the database's state: every event and the status
dbstate() {
	sqlite3 "$DB" "SELECT count(*), max(id) FROM events; SELECT * FROM
		settings ORDER BY key; SELECT * FROM counters;" | cksum
}

start_server "$OUT/serve.conf" && pass || { fail "server did not start"; cat "$OUT/serve.log"; finish; exit 1; }
CJ="$OUT/clerk.jar"; MJ="$OUT/mgr.jar"; NJ="$OUT/none.jar"
: >"$NJ"

# ---- command line --------------------------------------------------------
expect_exit 0 "--help" "$SERVE" --help
expect_match "help names --listen" "$OUT/last.out" "--listen"
expect_exit 2 "bad argument" "$SERVE" --frobnicate
expect_exit 2 "bad listen" "$SERVE" --db "$DB" --listen nowhere
expect_exit 3 "missing database" "$SERVE" --db "$OUT/none.db" --listen 127.0.0.1:1

# ---- log-in --------------------------------------------------------------
JAR=$CJ
expect_eq "me before log-in: 401" "$(get me)" 401
expect_eq "401 says not_logged_in" "$(ecode)" not_logged_in
expect_eq "wrong password: 401" "$(post login '{"name":"siti","password":"nope-nope"}')" 401
expect_eq "wrong password code" "$(ecode)" bad_login
expect_eq "clerk logs in" "$(post login '{"name":"siti","password":"clerk-pass-1"}')" 200
expect_eq "log-in answers the role" "$(body .role)" clerk
grep -q 'HttpOnly' "$CJ" && pass || fail "session cookie is not HttpOnly"
curl -s -D "$OUT/hdr" -o /dev/null -H "Origin: $U" -H "Content-Type: application/json" \
	--data '{"name":"budi","password":"manager-pass-1"}' -c "$MJ" "$U/api/v1/login"
expect_match "cookie SameSite=Strict" "$OUT/hdr" "^Set-Cookie: antri_session=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Strict"
tok=$(awk '$6 == "antri_session" { print $7 }' "$CJ")
n=$(sqlite3 "$DB" "SELECT count(*) FROM sessions WHERE hash = '$tok'")
expect_eq "the token itself is not stored" "$n" 0
expect_eq "me after log-in" "$(get me)" 200
expect_eq "me is siti" "$(body .name)" siti
expect_eq "login without password: 422" "$(post login '{"name":"siti"}')" 422

# ---- every counter action ------------------------------------------------
for i in 1 2 3; do A issue A >/dev/null; done
A issue B >/dev/null
expect_eq "next" "$(post counters/1/next '{}')" 200
expect_eq "next calls A001" "$(body .ticket.number)" A001
expect_eq "A001 called" "$(body .ticket.state)" CALLED
n=$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE kind = 'called' AND actor = 'web:siti@counter 1'")
expect_eq "actor web:siti@counter 1" "$n" 1
expect_eq "recall" "$(post counters/1/recall '{}')" 200
expect_eq "recall A001" "$(body .ticket.number)" A001
expect_eq "done" "$(post counters/1/done '{}')" 200
expect_eq "done twice: 409" "$(post counters/1/done '{}')" 409
expect_eq "409 code" "$(ecode)" no_current_ticket
expect_eq "next A002" "$(post counters/1/next '{}')" 200
expect_eq "noshow" "$(post counters/1/noshow '{}')" 200
expect_eq "noshow state" "$(body .ticket.state)" NO_SHOW
expect_eq "next A003" "$(post counters/1/next '{}')" 200
expect_eq "transfer to Z: 422" "$(post counters/1/transfer '{"to":"Z"}')" 422
expect_eq "transfer without to: 422" "$(post counters/1/transfer '{}')" 422
expect_eq "transfer to B" "$(post counters/1/transfer '{"to":"B"}')" 200
expect_eq "transferred to B" "$(body .ticket.service)$(body .ticket.state)" BADMITTED
expect_eq "pause" "$(post counters/1/pause '{}')" 200
expect_eq "next while paused: 409" "$(post counters/1/next '{}')" 409
expect_eq "paused code" "$(ecode)" counter_paused
expect_eq "resume" "$(post counters/1/resume '{}')" 200
expect_eq "nobody waiting: 409" "$(post counters/1/next '{}')" 409
expect_eq "nobody waiting code" "$(ecode)" nobody_waiting
expect_eq "... the sentence a page shows, in both languages (the core's)" \
    "$(body '[.error.words.id, .error.words.en] | join(" / ")')" \
    "Tidak ada yang menunggu di dalam / Nobody waiting inside"
expect_eq "unknown counter: 422" "$(post counters/77/next '{}')" 422
expect_eq "... said in Indonesian too" "$(body .error.words.id)" \
    "Loket itu tidak ada"
expect_eq "tickets" "$(get tickets)" 200
expect_eq "tickets of today" "$(body '.tickets | length')" 4
expect_eq "events" "$(get 'events?after=0')" 200
[ "$(body '.events | length')" -gt 10 ] && pass || fail "events after=0"
expect_eq "events after=x: 422" "$(get 'events?after=x')" 422

# ---- roles ---------------------------------------------------------------
for r in 'limit {"limit":5}' 'policy {"policy":"refuse"}' \
	'notice {"text":"x"}' 'services/C/close {}' 'services/C/quota {"quota":3}' \
	'counters/2/close {}' 'counters/2/services {"codes":"AB"}'; do
	expect_eq "clerk may not ${r%% *}" "$(post ${r%% *} "${r#* }")" 403
done
expect_eq "403 code" "$(ecode)" forbidden
JAR=$MJ
expect_eq "manager: limit" "$(post limit '{"limit":5}')" 200
expect_eq "limit -1: 422" "$(post limit '{"limit":-1}')" 422
expect_eq "limit text: 422" "$(post limit '{"limit":"five"}')" 422
expect_eq "policy refuse" "$(post policy '{"policy":"refuse"}')" 200
expect_eq "policy maybe: 422" "$(post policy '{"policy":"maybe"}')" 422
expect_eq "notice" "$(post notice '{"text":"Istirahat 12:00"}')" 200
expect_eq "service close" "$(post services/C/close '{}')" 200
expect_eq "service open" "$(post services/C/open '{}')" 200
expect_eq "quota" "$(post services/C/quota '{"quota":3}')" 200
expect_eq "quota bad: 422" "$(post services/C/quota '{"quota":-2}')" 422
expect_eq "unknown service: 422" "$(post services/Q/open '{}')" 422
expect_eq "counter services" "$(post counters/2/services '{"codes":"AB"}')" 200
expect_eq "counter services bad: 422" "$(post counters/2/services '{"codes":"A1"}')" 422
expect_eq "counter close" "$(post counters/2/close '{}')" 200
expect_eq "counter open" "$(post counters/2/open '{}')" 200
expect_eq "manager may call too" "$(post counters/3/next '{}')" 200
expect_eq "status" "$(get status)" 200
expect_eq "status: limit 5" "$(body .limit)/$(body .policy)/$(body .notice)" "5/refuse/Istirahat 12:00"
A --json status | jq -S 'del(.services[].est_wait_s)' >"$OUT/cli.json"
# the API adds a service's priority and worded wait, a ticket's finished_ms
jq -e '[.services[].est_wait | (.id | type) == "string" and (.en | type) ==
	"string"] | all' "$OUT/body" >/dev/null && pass || fail "status: each service's est_wait in words"
jq -S 'del(.services[].est_wait_s, .services[].priority, .services[].est_wait,
	.counters[].current.finished_ms?)' "$OUT/body" >"$OUT/api.json"
cmp -s "$OUT/cli.json" "$OUT/api.json" && pass || fail "status differs from antri --json status: $(diff "$OUT/cli.json" "$OUT/api.json" | head -5)"
expect_eq "services" "$(get services)" 200
expect_eq "five services" "$(body '.services | length')" 5
expect_eq "counters" "$(get counters)" 200
expect_eq "four counters" "$(body '.counters | length')" 4
expect_eq "manager actor" "$(sqlite3 "$DB" "SELECT actor FROM events WHERE kind = 'limit_changed' ORDER BY id DESC LIMIT 1")" "web:budi"
post policy '{"policy":"hold"}' >/dev/null

# ---- bad requests change nothing -----------------------------------------
JAR=$CJ
before=$(dbstate)
expect_eq "no Origin: 403" "$(curl -s -o "$OUT/body" -w '%{http_code}' -b "$CJ" -H 'Content-Type: application/json' -d '{}' "$U/api/v1/counters/4/next")" 403
expect_eq "no Origin code" "$(ecode)" bad_origin
expect_eq "foreign Origin: 403" "$(curl -s -o "$OUT/body" -w '%{http_code}' -b "$CJ" -H 'Origin: http://evil.example' -H 'Content-Type: application/json' -d '{}' "$U/api/v1/counters/4/next")" 403
expect_eq "Origin of another port: 403" "$(curl -s -o "$OUT/body" -w '%{http_code}' -b "$CJ" -H "Origin: $U""1" -H 'Content-Type: application/json' -d '{}' "$U/api/v1/counters/4/next")" 403
expect_eq "form post: 415" "$(curl -s -o "$OUT/body" -w '%{http_code}' -b "$CJ" -H "Origin: $U" -d 'a=b' "$U/api/v1/counters/4/next")" 415
expect_eq "malformed JSON: 400" "$(post counters/4/next '{"oops":')" 400
expect_eq "400 code" "$(ecode)" bad_json
expect_eq "JSON not an object: 400" "$(post limit '[1]')" 400
head -c 20000 /dev/zero | tr '\0' 'a' | sed 's/^/{"text":"/; s/$/"}/' >"$OUT/big.json"
expect_eq "body over 16 KB: 413" "$(curl -s -o "$OUT/body" -w '%{http_code}' -b "$MJ" -H "Origin: $U" -H 'Content-Type: application/json' --data-binary @"$OUT/big.json" "$U/api/v1/notice")" 413
expect_eq "unknown route: 404" "$(get nowhere)" 404
expect_eq "404 code" "$(ecode)" not_found
expect_eq "GET on a POST route: 405" "$(get counters/1/next)" 405
expect_eq "not logged in: 401" "$(JAR=$NJ post counters/4/next '{}')" 401
expect_eq "manager route as clerk: 403" "$(post limit '{"limit":1}')" 403
big=$(head -c 40000 /dev/zero | tr '\0' 'h')
code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Big: $big" "$U/api/v1/status")
case $code in 431|400|413) pass ;; *) fail "huge header: $code" ;; esac
expect_eq "database unchanged by bad requests" "$(dbstate)" "$before"

# ---- 503: the database is locked -------------------------------------------
if hold_lock "$DB" 60; then
	expect_eq "locked database: 503" "$(post counters/4/next '{}')" 503
	expect_eq "503 code" "$(ecode)" database_busy
	expect_eq "503 says nothing was done" "$(body .error.message)" "Database busy: nothing was done"
	release_lock
else
	fail "could not lock the database"
fi

# ---- static pages -----------------------------------------------------------
curl -s -D "$OUT/hdr" -o "$OUT/page" "$U/"
expect_match "index 200" "$OUT/hdr" "^HTTP/1.1 200"
expect_match "index is html" "$OUT/hdr" "^Content-Type: text/html"
expect_match "CSP" "$OUT/hdr" "^Content-Security-Policy: default-src 'self'"
expect_match "X-Frame-Options" "$OUT/hdr" "^X-Frame-Options: DENY"
expect_match "nosniff" "$OUT/hdr" "^X-Content-Type-Options: nosniff"
grep -qi '<script>' "$OUT/page" && fail "inline script in index" || pass
curl -s -D "$OUT/hdr" -o /dev/null "$U/api/v1/status"
expect_match "API has CSP too" "$OUT/hdr" "^Content-Security-Policy: default-src 'self'"
expect_eq "login page" "$(curl -s -o /dev/null -w '%{http_code}' "$U/login")" 200
expect_eq "css type" "$(curl -s -o /dev/null -w '%{content_type}' "$U/style.css")" "text/css; charset=utf-8"
expect_eq "js type" "$(curl -s -o /dev/null -w '%{content_type}' "$U/app.js")" "text/javascript; charset=utf-8"
for p in '/../../../etc/passwd' '/%2e%2e/%2e%2e/etc/passwd' '/..%2f..%2fetc%2fpasswd' \
	'/.%2e/serve.db' '/%5c..%5cetc' '/.hidden'; do
	code=$(curl -s --path-as-is -o "$OUT/page" -w '%{http_code}' "$U$p")
	case $code in 400|404) pass ;; *) fail "traversal $p: $code" ;; esac
	grep -q 'root:' "$OUT/page" && fail "traversal $p served /etc/passwd"
done
expect_eq "double-encoded: 404" "$(curl -s --path-as-is -o /dev/null -w '%{http_code}' "$U/%252e%252e/etc/passwd")" 404
expect_eq "missing page: 404" "$(curl -s -o "$OUT/body" -w '%{http_code}' "$U/nope.html")" 404
expect_eq "404 is JSON" "$(ecode)" not_found
expect_eq "POST to a page: 405" "$(curl -s -o /dev/null -w '%{http_code}' -d x "$U/index.html")" 405

# ---- SSE: order, resume ------------------------------------------------------
last=$(sqlite3 "$DB" "SELECT max(id) FROM events")
curl -s -N -b "$CJ" --max-time 4 "$U/api/v1/events/stream?after=$last" >"$OUT/sse1" &
c1=$!
curl -s -N --max-time 4 "$U/api/v1/public/events/stream" >"$OUT/sse2" &
c2=$!
# conns N: at least N clients connected to the server now
conns() { [ "$(ss -Htn state established "( dport = :$PORT )" | wc -l)" -ge "$1" ]; }
# conns_below N: fewer than N
conns_below() { [ "$(ss -Htn state established "( dport = :$PORT )" | wc -l)" -lt "$1" ]; }
wait_until "both streams connected" 20 conns 2
for i in 1 2 3; do A issue D >/dev/null; done
post counters/4/next '{}' >/dev/null
post counters/4/done '{}' >/dev/null
wait $c1 $c2
ids=$(sed -n 's/^id: //p' "$OUT/sse1" | tr '\n' ' ')
want=$(sqlite3 "$DB" "SELECT id FROM events WHERE id > $last ORDER BY id" | tr '\n' ' ')
expect_eq "SSE: every event in order" "$ids" "$want"
expect_match "SSE has the call" "$OUT/sse1" '"kind":"called".*"actor":"web:siti@counter 4"'
grep -q '"actor"' "$OUT/sse2" && fail "public stream shows actors" || pass
expect_match "public stream has the call" "$OUT/sse2" '"kind":"called"'
expect_match "heartbeat" "$OUT/sse1" '^: heartbeat'
mid=$(echo "$want" | awk '{ print $2 }')
curl -s -N -b "$CJ" --max-time 1.5 -H "Last-Event-ID: $mid" "$U/api/v1/events/stream" >"$OUT/sse3"
first=$(sed -n 's/^id: //p' "$OUT/sse3" | head -n 1)
expect_eq "resume with Last-Event-ID" "$first" "$((mid + 1))"
expect_eq "resumed to the end" "$(sed -n 's/^id: //p' "$OUT/sse3" | tail -n 1)" "$(echo "$want" | awk '{ print $NF }')"
expect_eq "stream needs a session" "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$U/api/v1/events/stream")" 401
"$CONN" cut "$PORT" /api/v1/events/stream "$tok" && pass || fail "cut mid-stream"
is_200() { [ "$(get status)" = 200 ]; }
wait_until "serves after a client cut mid-stream" 20 is_200

# ---- slow and idle clients ---------------------------------------------------
"$CONN" slow "$PORT" 30 >"$OUT/slow.out" &
sp=$!
wait_until "the slow client connected" 20 conns 1
expect_eq "serves others beside a slow client" "$(get status)" 200
wait $sp && pass || fail "slow client was not timed out: $(cat "$OUT/slow.out")"
rss0=$(awk '/^VmRSS/ { print $2 }' /proc/$SPID/status)
"$CONN" idle "$PORT" 1000 4 >"$OUT/idle.out" &
ip=$!
wait_match "$OUT/idle.out" "^connected" 50
expect_match "1000 idle connections" "$OUT/idle.out" "^connected 1000$"
expect_eq "answers with 1000 idle connections" "$(get status)" 200
rss1=$(awk '/^VmRSS/ { print $2 }' /proc/$SPID/status)
echo "RSS: ${rss0} kB idle, ${rss1} kB with 1000 idle connections"
[ "$rss1" -lt 200000 ] && pass || fail "RSS $rss1 kB with 1000 idle connections"
wait $ip
wait_until "the idle connections closed" 20 conns_below 10

# ---- lockout -----------------------------------------------------------------
JAR=$NJ
# five wrong passwords from an address: that address waits lock_s (the
# account itself never locks: tests/scripts/hostile.sh)
for i in 1 2 3 4 5; do
	expect_eq "wrong password $i" "$(post login '{"name":"lena","password":"wrong-wrong"}')" 401
done
expect_eq "after five wrong passwords the address waits" "$(post login '{"name":"lena","password":"wrong-wrong"}')" 429
expect_eq "429 code" "$(ecode)" too_many_attempts
body '.error.words.id' >"$OUT/said"
expect_match "... said in Indonesian, with the wait" "$OUT/said" \
    'alamat ini\. Coba lagi dalam [1-9][0-9]* detik\.$'
expect_eq "right password from it meanwhile: 429" "$(post login '{"name":"lena","password":"lock-me-pass"}')" 429
n=$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE kind = 'login_failed' AND actor = 'web:127.0.0.1' AND detail LIKE 'lena%'")
[ "$n" -ge 5 ] && pass || fail "login failures as events: $n"
expect_eq "lena's wrong passwords counted" "$(sqlite3 "$DB" "SELECT fails FROM users WHERE name = 'lena'")" 5
sleep 4                           # lock_s = 3: the server's own timer
expect_eq "unlocked after lock_s" "$(post login '{"name":"lena","password":"lock-me-pass"}')" 200

# ---- logout, restart keeps the session, expiry ------------------------------
JAR=$CJ
stop_server && pass || fail "SIGTERM: exit $rc"
expect_match "logged each request" "$OUT/serve.log" "^POST /api/v1/counters/1/next 200 [0-9]+ms siti$"
grep -q 'after=' "$OUT/serve.log" && fail "the log shows a query" || pass
PORT_KEEP=$PORT start_server "$OUT/serve.conf" && pass || fail "restart"
expect_eq "restart keeps the session" "$(get me)" 200
expect_eq "logout" "$(post logout '{}')" 200
expect_eq "after logout: 401" "$(get me)" 401
stop_server
PORT_KEEP=$PORT start_server "$OUT/short.conf" && pass || fail "start with short sessions"
expect_eq "log in (short)" "$(post login '{"name":"siti","password":"clerk-pass-1"}')" 200
expect_eq "fresh session works" "$(get me)" 200
sleep 3.5                         # session_idle_s = 2: the server's timer
expect_eq "idle session expired: 401" "$(get me)" 401
echo "clerk-pass-1" | A user disable siti >/dev/null
expect_eq "disabled account cannot log in" "$(post login '{"name":"siti","password":"clerk-pass-1"}')" 401
A user enable siti >/dev/null

# ---- storm: eight clients, four counters, thousands of presses ---------------
stop_server
PORT_KEEP=$PORT start_server "$OUT/storm.conf" && pass || fail "start for the storm"
JAR=$MJ
expect_eq "manager logs in again" "$(post login '{"name":"budi","password":"manager-pass-1"}')" 200
A limit 0 >/dev/null
start=$(sqlite3 "$DB" "SELECT max(id) FROM events")
"$BIN/tests/stress" "$DB" issue 600 7 >/dev/null || fail "stress issue"
pids=""
for c in 1 2 3 4 1 2 3 4; do
	curl -s -b "$MJ" -H "Origin: $U" -H "Content-Type: application/json" \
		-d '{}' -w '\n%{http_code}\n' "$U/api/v1/counters/$c/next?press=[1-250]" \
		>"$OUT/storm.$c.$$.$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')" &
	pids="$pids $!"
done
wait $pids
codes=$(cat "$OUT"/storm.* | grep -E '^[0-9]{3}$' | sort | uniq -c | tr -s ' ' | tr '\n' ';')
echo "storm: $codes"
bad=$(cat "$OUT"/storm.* | grep -E '^[0-9]{3}$' | grep -cvE '^(200|409)$')
expect_eq "storm: only 200 and 409" "$bad" 0
n=$(cat "$OUT"/storm.* | grep -cE '^[0-9]{3}$')
expect_eq "storm: 2000 presses answered" "$n" 2000
twice=$(sqlite3 "$DB" "SELECT count(*) FROM (SELECT ticket FROM events WHERE kind = 'called' AND id > $start GROUP BY ticket HAVING count(*) > 1)")
expect_eq "no ticket called twice" "$twice" 0
check "antri check after the storm" A check
stop_server && pass || fail "stop after the storm"

# ---- the -wal removed under the running server -------------------------------
# Tickets the server's handles hold in the -wal survive its removal and
# the server's death: it saves them into the database and reopens (once a
# second, and before each request), and says so in its log.
PORT_KEEP=$PORT start_server "$OUT/storm.conf" && pass || fail "start for the -wal"
JAR=$MJ
expect_eq "status through the server" "$(curl -s -o /dev/null -w '%{http_code}' -b "$MJ" "$U/api/v1/status")" 200
for i in 1 2 3; do A issue D >/dev/null; done
last=$(A --json issue D | jq -r .number)
expect_eq "status again" "$(curl -s -o /dev/null -w '%{http_code}' -b "$MJ" "$U/api/v1/status")" 200
if [ -f "$DB-wal" ]; then pass; else fail "no -wal while the server runs"; fi
rm -f "$DB-wal"
if wait_match "$OUT/serve.log" "wal file was removed" 100; then pass
else fail "the server did not notice the removed -wal: $(tail -n 5 "$OUT/serve.log")"; fi
expect_eq "a request after it works" "$(curl -s -o /dev/null -w '%{http_code}' -b "$MJ" "$U/api/v1/status")" 200
kill -9 "$SPID"; wait "$SPID" 2>/dev/null; SPID=""
next=$(A --json issue D | jq -r .number)
expect_eq "after the -wal's removal and kill -9: no number again" \
    "$next" "D$(printf '%03d' $(( $(echo "${last#D}" | sed 's/^0*//') + 1 )))"
check "antri check after the removed -wal" A check
finish
