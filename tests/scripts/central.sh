#!/bin/sh
# central.sh - antri-central's web server against a throwaway PostgreSQL
# (tests/helpers/pg_lib.sh; never the machine's own cluster) with 318
# outlets: one real outlet (an antri database shipped by `antri sync`),
# four made to order (a short, a middle and a long wait, one offline) and
# 313 generated ones whose live state carries personal data it must never
# show.  The API's shape and its order for a service, online and offline
# by the heartbeat's age, a live change reaching an open stream after
# cdb_live_put (antri sync) and after an outlet went quiet, the route
# walk (every staff route 401 anonymously, every admin route 403 for a
# viewer), bad parameters 400 with a JSON reason, Origin on changes, the
# log-in limit, accounts from stdin only, the config's errors, and the
# pages in Chromium (tests/helpers/central_browser.py: /outlets at
# 390x844, /hq at 1920x1080).  Prints the bytes of /api/v1/outlets and
# the browser's paint times (figures, not asserted).  Skipped, never
# passed, when PostgreSQL cannot be started.
. "$(dirname "$0")/../helpers/lib.sh"
. "$(dirname "$0")/../helpers/pg_lib.sh"
HELPERS=$(cd "$(dirname "$0")/../helpers" && pwd)
C="$BIN/antri-central"
need curl jq

why=$(pg_skip_reason)
[ -n "$why" ] && skip_all "$why"

SERVER=""
STREAM=""
cleanup() {
	for p in $SERVER $STREAM; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	pg_cleanup
}
trap cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM
rm -rf "$OUT"/*
pg_start || skip_all "the throwaway cluster did not start: $(tail -n 3 \
    "$PGDIR"/*.log 2>/dev/null)"

# ---- accounts and the config ------------------------------------------------
check "init" "$C" --pg "$ADMIN" init
check "office add jkt-menteng" "$C" --pg "$ADMIN" office add jkt-menteng \
    "Kantor Kelurahan Menteng" --area "Jakarta Pusat" --passfile "$OUT/pass"
check "user add boss (admin), password on stdin" sh -c \
    "echo 'rahasia-boss-1' | '$C' --pg '$ADMIN' user add boss --role admin"
check "user add lihat (viewer)" sh -c \
    "echo 'rahasia-lihat-1' | '$C' --pg '$ADMIN' user add lihat --role viewer"
expect_exit 1 "the same account twice" sh -c \
    "echo 'rahasia-boss-1' | '$C' --pg '$ADMIN' user add boss --role admin"
expect_exit 2 "a password as an argument is no option" "$C" --pg "$ADMIN" \
    user add x --role admin --password rahasia-x
expect_exit 2 "a short password" sh -c \
    "echo 'short' | '$C' --pg '$ADMIN' user add y --role viewer"
expect_exit 2 "an unknown role" sh -c \
    "echo 'rahasia-z-12' | '$C' --pg '$ADMIN' user add z --role root"
expect_exit 2 "a bad account name" sh -c \
    "echo 'rahasia-z-12' | '$C' --pg '$ADMIN' user add 'Bad Name' --role viewer"
expect_eq "the central keeps hashes, not passwords" "$(pgq "SELECT count(*) \
    FROM antri.hq_users WHERE hash LIKE '\$y\$%' AND hash NOT LIKE '%rahasia%'")" 2
printf '[central]\npg = host=%s port=%s user=postgres dbname=antri\nlisten = nowhere\n' \
    "$PGSOCK" "$PGPORT_T" >"$OUT/bad-listen.conf"
expect_exit 2 "a bad [central] listen" "$C" --config "$OUT/bad-listen.conf"
expect_match "... names the file and line" "$OUT/last.err" "bad-listen.conf:3"
printf '[central]\nthis is no line\n' >"$OUT/bad-line.conf"
expect_exit 2 "a bad config line" "$C" --config "$OUT/bad-line.conf"
expect_match "... names the file and line" "$OUT/last.err" "bad-line.conf:2"
expect_exit 2 "a bad --listen" "$C" --pg "$ADMIN" --listen 127.0.0.1
expect_exit 2 "--listen with a command" "$C" --pg "$ADMIN" --listen \
    127.0.0.1:0 init

# ---- 318 outlets --------------------------------------------------------------
# the real one: an antri database, its live state by `antri sync`
cat >"$OUT/a.conf" <<EOF
[database]
path = $OUT/a.db
[central]
pg = host=$PGSOCK port=$PGPORT_T dbname=antri user=antri_jkt-menteng passfile=$OUT/pass connect_timeout=5
office = jkt-menteng
EOF
A() { "$ANTRI" --config "$OUT/a.conf" "$@"; }
A init --demo >/dev/null
A issue A >/dev/null
A issue A >/dev/null
A next --counter 1 >/dev/null
check "the real outlet ships its live state" A sync --once
# the rest straight into the tables; every live state carries an actor,
# a phone number and a ticket token the public side must never show
# state CODE-WAIT INSIDE LIMIT PRINTER: a live state document
pgq "CREATE FUNCTION pg_temp.state(w int, inside int, lim int, printer bool)
RETURNS jsonb LANGUAGE sql AS \$\$ SELECT jsonb_build_object(
 'open', true, 'inside', inside, 'limit', lim, 'policy', 'hold',
 'outside', 0, 'printer_problem', printer,
 'actor', 'petugas-siti', 'phone', '081234567890', 'token', 'tok-secret-abc',
 'services', jsonb_build_array(
   jsonb_build_object('code', 'A', 'name_id', 'Perizinan', 'name_en',
     'Permits', 'open', true, 'waiting', 3, 'outside', 0, 'est_wait_s', w,
     'actor', 'petugas-siti'),
   jsonb_build_object('code', 'B', 'name_id', 'Non-Perizinan', 'name_en',
     'Non-Permits', 'open', true, 'waiting', 1, 'outside', 0,
     'est_wait_s', 120)),
 'counters', jsonb_build_array(jsonb_build_object('number', 1, 'state',
   'open', 'services', 'AB', 'current', 'A003', 'staff', 'petugas-siti',
   'phone', '081234567890')),
 'calls', jsonb_build_array(jsonb_build_object('number', 'A003', 'counter',
   1, 'ts_ms', 1780000000000, 'token', 'tok-secret-abc'))) \$\$;
INSERT INTO antri.offices (id, name, area, role) VALUES
 ('jkt-cepat', 'Kelurahan Cepat', 'Jakarta Barat', 'antri_jkt-cepat'),
 ('jkt-sedang', 'Kelurahan Sedang', 'Jakarta Barat', 'antri_jkt-sedang'),
 ('jkt-lambat', 'Kelurahan Lambat', 'Jakarta Timur', 'antri_jkt-lambat'),
 ('jkt-mati', 'Kelurahan Mati', 'Jakarta Utara', 'antri_jkt-mati');
INSERT INTO antri.offices (id, name, area, role)
 SELECT 'jkt-gen-' || lpad(i::text, 3, '0'), 'Kelurahan Contoh ' || i,
  'Jakarta ' || (ARRAY['Pusat','Barat','Timur','Selatan','Utara'])[1 + i % 5],
  'antri_jkt-gen-' || i FROM generate_series(1, 313) i;
INSERT INTO antri.live (office, state) VALUES
 ('jkt-cepat', pg_temp.state(0, 2, 10, false)),
 ('jkt-sedang', pg_temp.state(600, 5, 10, false)),
 ('jkt-lambat', pg_temp.state(7200, 12, 10, true)),
 ('jkt-mati', pg_temp.state(30, 1, 10, false));
INSERT INTO antri.live (office, state)
 SELECT 'jkt-gen-' || lpad(i::text, 3, '0'), pg_temp.state(900 + i, i % 9, 10,
  false) FROM generate_series(1, 313) i;
UPDATE antri.live SET seen_at = now() - interval '10 minutes'
 WHERE office = 'jkt-mati';
DELETE FROM antri.live WHERE office = 'jkt-gen-313';" >/dev/null
expect_eq "318 outlets" "$(pgq "SELECT count(*) FROM antri.offices")" 318
# beat: every outlet but jkt-mati had a heartbeat just now
BEAT_SQL="UPDATE antri.live SET seen_at = now() WHERE office NOT IN \
    ('jkt-mati', 'jkt-gen-313')"
beat() { pgq "$BEAT_SQL" >/dev/null; }
beat

# ---- the server -----------------------------------------------------------------
"$C" --pg "$ADMIN" --listen 127.0.0.1:0 >"$OUT/server.log" 2>&1 &
SERVER=$!
wait_match "$OUT/server.log" "serving http" 300 ||
    { fail "antri-central did not start: $(tail -n 5 "$OUT/server.log")"; finish; exit 1; }
U=$(sed -n 's|.*serving \(http://[^/]*\)/outlets.*|\1|p' "$OUT/server.log")
HOST=${U#http://}
get() { curl -s --max-time 20 "$@"; }
# code URL [CURL ARGS]: the status alone
code() { u=$1; shift; curl -s -o "$OUT/body.json" -w '%{http_code}' --max-time 20 "$@" "$u"; }

# ---- the public API -------------------------------------------------------------
get "$U/api/v1/outlets" >"$OUT/outlets.json"
expect_eq "every outlet listed" "$(jq '.outlets | length' "$OUT/outlets.json")" 318
expect_eq "the outlet's fields" "$(jq -c '.outlets[] | select(.id == "jkt-cepat")
    | keys' "$OUT/outlets.json")" \
    '["area","id","inside","last_seen","limit","name","online","open","services"]'
expect_eq "a service's fields" "$(jq -c '.outlets[] | select(.id == "jkt-cepat")
    | .services[0] | keys' "$OUT/outlets.json")" \
    '["bookable","code","est_wait_s","name_en","name_id","outside","waiting"]'
expect_eq "the values" "$(jq -c '.outlets[] | select(.id == "jkt-cepat") |
    [.name, .area, .open, .online, .inside, .limit, .services[0].code,
     .services[0].waiting, .services[0].est_wait_s]' "$OUT/outlets.json")" \
    '["Kelurahan Cepat","Jakarta Barat",true,true,2,10,"A",3,0]'
expect_eq "in id order without a service" "$(jq -r '.outlets[0:3] | map(.id) |
    join(" ")' "$OUT/outlets.json")" "jkt-cepat jkt-gen-001 jkt-gen-002"
expect_eq "the real outlet as antri status says" "$(jq -c '.outlets[] |
    select(.id == "jkt-menteng") | .services[] | select(.code == "A") |
    [.waiting, .outside]' "$OUT/outlets.json")" "$(A --json status |
    jq -c '.services[] | select(.code == "A") | [.waiting, .outside]')"
expect_eq "online by a fresh heartbeat" "$(jq '.outlets[] |
    select(.id == "jkt-menteng") | .online' "$OUT/outlets.json")" true
expect_eq "offline after 10 minutes without one" "$(jq '.outlets[] |
    select(.id == "jkt-mati") | .online' "$OUT/outlets.json")" false
expect_eq "an outlet that never sent its state: offline, no time" \
    "$(jq -c '.outlets[] | select(.id == "jkt-gen-313") | [.online, .last_seen,
    .services]' "$OUT/outlets.json")" '[false,null,[]]'
expect_match "... with the time of its last news" "$OUT/outlets.json" \
    '"id":"jkt-mati"[^}]*"last_seen":"20[0-9-]+T[0-9:]+[+-][0-9:]+"'
get "$U/api/v1/outlets?service=A" >"$OUT/outlets-a.json"
expect_eq "for service A: the shortest wait first, offline last" \
    "$(jq -r '[.outlets[0].id, .outlets[-1].id] | join(" ")' \
    "$OUT/outlets-a.json")" "jkt-cepat jkt-mati"
expect_eq "... the online ones in wait order" "$(jq '[.outlets[] |
    select(.online and .open) | .services[] | select(.code == "A") |
    .est_wait_s] | . == sort' "$OUT/outlets-a.json")" true
get "$U/api/v1/outlets?service=Q" >"$OUT/outlets-q.json"
expect_eq "a service nobody offers: no outlet" \
    "$(jq '.outlets | length' "$OUT/outlets-q.json")" 0
for bad in "service=a" "service=AB" "service=" "sort=wait" "service=A&x=1" \
    "service=%00"; do
	expect_eq "?$bad is 400" "$(code "$U/api/v1/outlets?$bad")" 400
	expect_eq "... with a JSON reason" "$(jq -r '.error.code' "$OUT/body.json")" \
	    bad_parameter
done
expect_eq "the stream takes no parameters" \
    "$(code "$U/api/v1/outlets/stream?x=1")" 400
expect_eq "an unknown route is 404 JSON" "$(code "$U/api/v1/nothing")" 404
expect_eq "... JSON" "$(jq -r '.error.code' "$OUT/body.json")" not_found
expect_eq "POST to a GET route is 405" "$(code "$U/api/v1/outlets" -X POST)" 405
expect_eq "a file outside the pages is 404" "$(code "$U/s/..%2Fcentral_api.c")" 404

# size: compact and compressed (a figure, and the page's budget)
size=$(curl -s --compressed -o /dev/null -w '%{size_download}' "$U/api/v1/outlets")
words=$(curl -s --compressed -o /dev/null -w '%{size_download}' "$U/api/v1/words")
raw=$(wc -c <"$OUT/outlets.json")
echo "figure: /api/v1/outlets with 318 outlets: $size bytes gzip ($raw raw); /api/v1/words $words bytes gzip"
pages=0
for f in outlets s/central.css s/words.js s/outlets.js; do
	pages=$((pages + $(curl -s --compressed -o /dev/null -w '%{size_download}' "$U/$f")))
done
echo "figure: /outlets transferred in all: $((pages + size + words)) bytes"
if [ $((pages + size + words)) -le 61440 ]; then pass
else fail "/outlets takes $((pages + size + words)) bytes, more than 60 KB"; fi

# no personal data anywhere public
get "$U/outlets" >"$OUT/page.html"
cat "$OUT/outlets.json" "$OUT/outlets-a.json" "$OUT/page.html" >"$OUT/public.txt"
for secret in petugas-siti 081234567890 tok-secret-abc '"actor"' '"token"' \
    '"phone"' '"staff"' '"counters"' '"calls"'; do
	if grep -q -- "$secret" "$OUT/public.txt"; then
		fail "the public side shows $secret"
	else pass; fi
done

# headers: CSP without inline scripts, no inline script in the pages
curl -s -D "$OUT/h.txt" -o "$OUT/page.html" "$U/outlets"
expect_match "CSP" "$OUT/h.txt" "Content-Security-Policy: default-src 'self'"
if grep -qi "unsafe-inline" "$OUT/h.txt"; then fail "CSP allows inline"; else pass; fi
for p in outlets hq; do
	get "$U/$p" >"$OUT/p.html"
	if grep -Eq '<script>|<script [^>]*>[^<]|on(click|load)=|https?://' "$OUT/p.html"; then
		fail "/$p has an inline script or a link outside"
	else pass; fi
done
if grep -Eqn '"[A-Z][a-z]+ [a-z]+ [a-z]+' central/www/*.js; then
	fail "a sentence in the pages' scripts: $(grep -En '"[A-Z][a-z]+ [a-z]+ [a-z]+' central/www/*.js | head -n 2)"
else pass; fi

# ---- live: a change reaches an open stream ----------------------------------------
curl -s -N --max-time 120 "$U/api/v1/outlets/stream" >"$OUT/stream.txt" &
STREAM=$!
wait_match "$OUT/stream.txt" "^retry:" 100 || fail "the stream did not open"
before=$(A --json status | jq '.services[] | select(.code == "A") | .waiting')
A issue A >/dev/null
A sync --once >/dev/null
want=$((before + 1))
if wait_match "$OUT/stream.txt" "\"id\":\"jkt-menteng\".*\"code\":\"A\",\"name_id\":\"[^\"]*\",\"name_en\":\"[^\"]*\",\"waiting\":$want," 300; then
	pass
else
	fail "the issue did not reach the stream: $(tail -c 300 "$OUT/stream.txt")"
fi
# an outlet that goes quiet is posted as offline
beat
pgq "UPDATE antri.live SET seen_at = now() - interval '2 minutes' WHERE office = 'jkt-gen-200'" >/dev/null
if wait_match "$OUT/stream.txt" '"id":"jkt-gen-200".*"online":false' 300; then pass
else fail "an outlet gone quiet did not reach the stream as offline"; fi
if grep -Eq 'petugas-siti|081234567890|tok-secret-abc' "$OUT/stream.txt"; then
	fail "the stream shows personal data"
else pass; fi
# events carry ids: a browser back with the last it had gets what it
# missed; one with an id the server no longer holds (before a restart, or
# a stream that fell behind the ring) is told to read everything again
expect_match "an outlet's event is named" "$OUT/stream.txt" "^event: outlet$"
last=$(sed -n 's/^id: //p' "$OUT/stream.txt" | tail -n 1)
expect_match "... with an id" "$OUT/stream.txt" "^id: [0-9]+$"
from() { # LAST-EVENT-ID FILE REGEX: a stream from there shows REGEX
	curl -s -N --max-time 60 -H "Last-Event-ID: $1" \
	    "$U/api/v1/outlets/stream" >"$2" &
	wait_match "$2" "$3" 100
	r=$?
	kill $! 2>/dev/null
	return $r
}
if from "$((last - 1))" "$OUT/resume.txt" "^id: $last$"; then pass
else fail "back with the id before the last, the last was not sent again: $(head -c 300 "$OUT/resume.txt")"; fi
for old in 1 nonsense; do
	if from "$old" "$OUT/old.txt" "^event: reload$"; then pass
	else fail "back with the id '$old': no reload: $(head -c 300 "$OUT/old.txt")"; fi
done

# ---- staff: route walk, Origin, sessions ----------------------------------------------
"$C" routes >"$OUT/routes.txt"
expect_match "the route table lists admin routes" "$OUT/routes.txt" " admin$"
login() { # NAME PASSWORD JAR: the status of a log-in
	code "$U/api/v1/hq/login" -c "$3" -H "Origin: $U" \
	    -H "Content-Type: application/json" \
	    -d "{\"name\":\"$1\",\"password\":\"$2\"}"
}
expect_eq "log-in without Origin is 403" "$(code "$U/api/v1/hq/login" \
    -H "Content-Type: application/json" -d '{"name":"boss","password":"rahasia-boss-1"}')" 403
expect_eq "log-in from another Origin is 403" "$(code "$U/api/v1/hq/login" \
    -H "Origin: http://evil.example" -H "Content-Type: application/json" \
    -d '{"name":"boss","password":"rahasia-boss-1"}')" 403
expect_eq "a wrong password is 401" "$(login lihat salah-salah-1 \
    "$OUT/nobody.jar")" 401
expect_eq "... said in both languages" "$(jq -r \
    '.error.words | .id + "|" + .en' "$OUT/body.json")" \
    "Nama atau kata sandi salah|Wrong name or password"
expect_eq "a viewer logs in" "$(login lihat rahasia-lihat-1 "$OUT/viewer.jar")" 200
expect_eq "an admin logs in" "$(login boss rahasia-boss-1 "$OUT/admin.jar")" 200
expect_match "the cookie is HttpOnly and SameSite" "$OUT/admin.jar" "#HttpOnly_"
tok=$(awk '$6 == "antri_hq" { print $7 }' "$OUT/admin.jar")
expect_eq "the central keeps the token's hash only" "$(pgq "SELECT count(*) \
    FROM antri.hq_sessions WHERE token_hash = '$tok'")" 0
expect_eq "... the hash is there" "$(pgq "SELECT count(*) FROM antri.hq_sessions \
    WHERE token_hash = encode(sha256('$tok'), 'hex')")" 1
ADMIN_ONLY=$(curl -s "$U/api/v1/words" | jq -r '.id.web_admin_only')
walk=0
while read -r method pattern access; do
	[ "$access" = public ] && continue
	path=$(echo "$pattern" | sed 's/{id}/jkt-menteng/; s/{name}/per_hour.svg/;
	    s/{[a-z:]*}/x/g')
	if [ "$method" = POST ]; then
		set -- -X POST -H "Origin: $U" -H "Content-Type: application/json" -d '{}'
	else
		set --
	fi
	got=$(code "$U$path" "$@")
	expect_eq "$method $path anonymously" "$got" 401
	expect_eq "... JSON" "$(jq -r '.error.code' "$OUT/body.json")" no_session
	if [ "$access" = admin ]; then
		expect_eq "$method $path as a viewer" "$(code "$U$path" -b "$OUT/viewer.jar" "$@")" 403
		expect_eq "... 'only an admin', in Indonesian" "$(jq -r \
		    '.error.words.id' "$OUT/body.json")" "$ADMIN_ONLY"
	elif [ "$path" != /api/v1/hq/stream ] && [ "$path" != /api/v1/hq/logout ]; then
		expect_eq "$method $path as a viewer" "$(code "$U$path" -b "$OUT/viewer.jar" "$@")" 200
	fi
	walk=$((walk + 1))
done <"$OUT/routes.txt"
[ "$walk" -ge 5 ] && pass || fail "the route walk saw $walk staff routes"
expect_eq "a bad session is 401" "$(code "$U/api/v1/hq/board" -H \
    "Cookie: antri_hq=$(printf '%064d' 0)")" 401
expect_eq "the board" "$(code "$U/api/v1/hq/board" -b "$OUT/viewer.jar")" 200
curl -s --compressed -D "$OUT/board.h" -o /dev/null -b "$OUT/viewer.jar" "$U/api/v1/hq/board"
expect_match "... sent with gzip" "$OUT/board.h" "^Content-Encoding: gzip"
expect_match "... with the CSP" "$OUT/board.h" "^Content-Security-Policy: default-src 'self'"
expect_eq "problems first: the long wait over the limit with a printer problem" \
    "$(jq -c '.outlets[0] | [.id, .problems]' "$OUT/body.json")" \
    '["jkt-lambat",["over_limit","long_wait","printer"]]'
expect_eq "an offline outlet is on top too" "$(jq -r '[.outlets[0:4][].id] |
    index("jkt-mati") != null' "$OUT/body.json")" true
expect_eq "the drill-down" "$(code "$U/api/v1/hq/outlets/jkt-lambat" -b "$OUT/viewer.jar")" 200
expect_eq "... its counters and calls, nothing more" "$(jq -c \
    '[.counters[0], .calls[0]]' "$OUT/body.json")" \
    '[{"number":1,"state":"open","services":"AB","current":"A003"},{"number":"A003","counter":1,"ts_ms":1780000000000}]'
expect_eq "an unknown outlet is 404" "$(code "$U/api/v1/hq/outlets/jkt-nope" -b "$OUT/viewer.jar")" 404
expect_eq "staff routes take no parameters" "$(code "$U/api/v1/hq/board?x=1" -b "$OUT/viewer.jar")" 400
pgq "INSERT INTO antri.flags (office, kind, detail) VALUES ('jkt-cepat', 'history', 'test')" >/dev/null
expect_eq "an admin clears a flag" "$(code "$U/api/v1/hq/outlets/jkt-cepat/flags/clear" \
    -b "$OUT/admin.jar" -X POST -H "Origin: $U" -H "Content-Type: application/json" -d '{}')" 200
expect_eq "... cleared" "$(jq .cleared "$OUT/body.json")" 1
expect_eq "... without Origin: 403" "$(code "$U/api/v1/hq/outlets/jkt-cepat/flags/clear" \
    -b "$OUT/admin.jar" -X POST -H "Content-Type: application/json" -d '{}')" 403
expect_eq "the log names the actor" "$(pgq "SELECT actor || ' ' || action FROM \
    antri.hq_log WHERE action = 'flags clear'")" "boss flags clear"
expect_match "the request log names the actor" "$OUT/server.log" \
    "POST /api/v1/hq/outlets/jkt-cepat/flags/clear 200 [0-9]+ms boss"
# the viewer's live board, open while the session ends
curl -s -N -b "$OUT/viewer.jar" "$U/api/v1/hq/stream" >"$OUT/staff.stream" &
STREAM=$!
wait_match "$OUT/staff.stream" "^retry: " 300 || fail "the staff stream did not open"
expect_eq "log-out" "$(code "$U/api/v1/hq/logout" -b "$OUT/viewer.jar" -X POST \
    -H "Origin: $U" -H "Content-Type: application/json" -d '{}')" 200
expect_eq "... the session is gone" "$(code "$U/api/v1/hq/board" -b "$OUT/viewer.jar")" 401
wait_until "... and its open staff stream ends (checked every 5 s)" 30 sh -c \
    "! kill -0 $STREAM 2>/dev/null"
kill "$STREAM" 2>/dev/null

# ---- the pages in a browser ----------------------------------------------------------
case "$BIN${ANTRI_QUICK:+ quick}" in
*" quick") skip "the browser (make check leaves it to make test)" ;;
*-san*) skip "the browser under ASan (BIN=$BIN): the plain build runs it" ;;
*)
	if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && \
	    /usr/bin/python3 -c 'import selenium' 2>/dev/null; then
		# the outlets' heartbeat as each part of the browser's starts
		BEAT="psql -X -q '$ADMIN' -c \"$BEAT_SQL\" >/dev/null" \
		    /usr/bin/python3 "$HELPERS/central_browser.py" "$U" "$OUT" \
		    boss rahasia-boss-1 >"$OUT/browser.out" 2>&1
		cat "$OUT/browser.out"
		line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$OUT/browser.out" | tail -n 1)
		bp=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
		bf=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
		[ -z "$line" ] && { fail "central_browser.py ended without a summary"; bp=0; bf=0; }
		PASSED=$((PASSED + ${bp:-0}))
		FAILED=$((FAILED + ${bf:-0}))
	else
		fail "chromium, chromedriver or python3-selenium missing (scripts/deps.sh TEST)"
	fi ;;
esac

# ---- log-in limits (last: they lock this address out) ------------------------------
pgq "DELETE FROM antri.hq_fails" >/dev/null
for i in 1 2 3 4 5; do
	expect_eq "wrong password $i is 401" "$(login boss wrong-$i "$OUT/x.jar")" 401
done
expect_eq "then the address waits (429), even with the right one" \
    "$(login boss rahasia-boss-1 "$OUT/x.jar")" 429
expect_match "... saying how long" "$OUT/body.json" "Try again in [0-9]+ s"
expect_eq "the tries are counted in the central (every server sees them)" \
    "$(pgq "SELECT count(*) FROM antri.hq_fails")" 5

kill "$SERVER"
wait "$SERVER"
expect_eq "SIGTERM stops it cleanly" "$?" 0
SERVER=""
finish
