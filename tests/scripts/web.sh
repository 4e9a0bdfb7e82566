#!/bin/sh
# web.sh - antri-serve's routes for the pages (clips, the /manage and
# /counter gates, accounts, the PIN, a service's names, the printer, the
# report as JSON, CSV and PDF) with curl against a real server on a port
# this test picks, then the pages themselves in a real browser: headless
# Chromium driven by Selenium (tests/helpers/web_browser.py; web_manage.py
# for every setting of /manage and the streams closed on pagehide), with
# the SDL antri-display under Xvfb.  Everything it starts it stops.
# Under ASan (BIN=build-san) the browser part is skipped, with a line
# saying so.
. tests/helpers/lib.sh
. tests/helpers/serve_lib.sh
DB="$OUT/web.db"
rm -rf "$OUT"/*.db* "$OUT"/*.jar "$OUT"/*.conf "$OUT"/*.png "$OUT"/*.log
A() { "$ANTRI" --db "$DB" "$@"; }
trap 'kill_server' EXIT INT TERM
need curl jq sqlite3 pdftotext

check "init --demo" A init --demo
check "limit 0" A limit 0
echo "clerk-pass-1" | A user add siti --role clerk >/dev/null && pass || fail "user add siti"
echo "manager-pass-1" | A user add budi --role manager >/dev/null && pass || fail "user add budi"
printf '[serve]\ntimeout_s = 5\n' >"$OUT/web.conf"
SERVE_CONF="$OUT/web.conf"
# get PATH [curl args]: GET U/PATH (post and body: serve_lib.sh)
get() {
	p=$1; shift
	curl -s -o "$OUT/body" -w '%{http_code}' -b "$JAR" "$@" "$U/$p"
}

start_server || { fail "server did not start"; cat "$OUT/serve.log"; finish; exit 1; }
CJ="$OUT/clerk.jar"; MJ="$OUT/mgr.jar"; NJ="$OUT/none.jar"
: >"$NJ"
expect_eq "clerk logs in" "$(server_login "$CJ" siti clerk-pass-1)" 200
expect_eq "manager logs in" "$(server_login "$MJ" budi manager-pass-1)" 200

# ---- no SDL in the server ---------------------------------------------
ldd "$SERVE" >"$OUT/ldd.out"
grep -qi sdl "$OUT/ldd.out" && fail "antri-serve links SDL" || pass
expect_match "antri-serve links libcups" "$OUT/ldd.out" "libcups"

# ---- the page gate ---------------------------------------------------------
JAR=$NJ
curl -s -D "$OUT/hdr" -o /dev/null "$U/manage" 
expect_match "/manage without a session: 302" "$OUT/hdr" "^HTTP/1.1 302"
expect_match "... to the log-in" "$OUT/hdr" "^Location: /login\?next=/manage"
curl -s -D "$OUT/hdr" -o /dev/null "$U/counter"
expect_match "/counter without a session: 302" "$OUT/hdr" "^HTTP/1.1 302"
expect_match "... to the log-in" "$OUT/hdr" "^Location: /login\?next=/counter"
curl -s -D "$OUT/hdr" -o /dev/null "$U/manage.html"
expect_match "/manage.html is gated too" "$OUT/hdr" "^HTTP/1.1 302"
JAR=$CJ
expect_eq "/manage as a clerk: 403" "$(get manage)" 403
expect_match "403 page says managers only" "$OUT/body" "managers only"
expect_eq "/counter as a clerk: 200" "$(get counter)" 200
expect_match "/counter is the panel" "$OUT/body" "counter.js"
JAR=$MJ
expect_eq "/manage as a manager: 200" "$(get manage)" 200
expect_match "/manage is the page" "$OUT/body" "manage.js"
expect_eq "/login stays public" "$(JAR=$NJ get login)" 200

# ---- clips -------------------------------------------------------------------
JAR=$NJ
curl -s -D "$OUT/hdr" -o "$OUT/clip.wav" "$U/clips/id/nomor_antrian.wav"
expect_match "a voice clip: 200" "$OUT/hdr" "^HTTP/1.1 200"
expect_match "... audio/wav" "$OUT/hdr" "^Content-Type: audio/wav"
cmp -s "$OUT/clip.wav" assets/voice/id/nomor_antrian.wav && pass || fail "the clip is not the asset"
expect_eq "the chime" "$(get clips/chime.wav)" 200
cmp -s "$OUT/body" assets/sounds/chime.wav && pass || fail "the chime is not the asset"
expect_eq "an English clip" "$(get clips/en/silakan_masuk.wav)" 200
for bad in clips/id/../../Makefile clips/id/%2e%2e/x.wav clips/id/A.wav \
    clips/id/nope.wav clips/ID/a.wav clips/id/a.mp3 clips/x.wav \
    clips/id/a/b.wav clips/.wav clips/id/.wav; do
	expect_eq "bad clip $bad: 404 or 400" "$(get "$bad" --path-as-is | sed 's/400/404/')" 404
done
expect_match "clip requests are logged" "$OUT/serve.log" "^GET /clips/id/nomor_antrian.wav 200"

# ---- clips in the event stream ----------------------------------------------
JAR=$CJ
last=$(curl -s "$U/api/v1/status" | jq .last_event)
A issue A >/dev/null
expect_eq "next on counter 1" "$(post counters/1/next '{}')" 200
curl -s -N --max-time 2 "$U/api/v1/public/events/stream?after=$last" >"$OUT/sse" 2>/dev/null
grep '^data:' "$OUT/sse" | sed 's/^data: //' | jq -c 'select(.kind=="called") | .clips' >"$OUT/clips"
expect_eq "a call's clips" "$(cat "$OUT/clips")" '["chime","nomor_antrian","a","0","0","1","silakan_menuju_loket","1"]'
# admitted at issue: no clips; admitted from outside: clips
A limit 1 >/dev/null
A issue B >/dev/null
JAR=$CJ; post counters/1/done '{}' >/dev/null
curl -s -N --max-time 2 "$U/api/v1/public/events/stream?after=$last" >"$OUT/sse" 2>/dev/null
grep '^data:' "$OUT/sse" | sed 's/^data: //' | jq -c 'select(.kind=="admitted") | [.detail, .clips]' >"$OUT/adm"
expect_match "admitted at issue: no clips" "$OUT/adm" '^\["at issue",null\]$'
grep '^data:' "$OUT/sse" | sed 's/^data: //' | jq -c 'select(.kind=="issued") | .clips' >"$OUT/iss"
expect_eq "an issue has no clips" "$(sort -u "$OUT/iss")" null
expect_match "admitted from outside: its clips" "$OUT/adm" '^\["from outside",\["chime","silakan_masuk","b","0","0","1"\]\]$'
# admitted from outside and called in one commit: only the call is heard
A issue B >/dev/null
A next --counter 2 >/dev/null
last=$(curl -s "$U/api/v1/status" | jq .last_event)
A next --counter 2 >/dev/null
curl -s -N --max-time 2 "$U/api/v1/public/events/stream?after=$last" >"$OUT/sse" 2>/dev/null
grep '^data:' "$OUT/sse" | sed 's/^data: //' | jq -c 'select(.number=="B002") | [.kind, (.clips|length)]' >"$OUT/b2"
expect_eq "admitted and called at once: the call's clips only" "$(tr -d '\n' <"$OUT/b2")" '["admitted",0]["called",8]'
A limit 0 >/dev/null

# ---- accounts ---------------------------------------------------------------
JAR=$CJ
expect_eq "users as a clerk: 403" "$(get api/v1/users)" 403
expect_eq "add a user as a clerk: 403" "$(post users '{"name":"ana","role":"clerk","password":"ana-pass-12"}')" 403
JAR=$MJ
expect_eq "users" "$(get api/v1/users)" 200
expect_eq "two accounts" "$(body '.users | length')" 2
expect_eq "add ana" "$(post users '{"name":"ana","role":"clerk","password":"ana-pass-12"}')" 200
expect_eq "ana again: 409" "$(post users '{"name":"ana","role":"clerk","password":"ana-pass-12"}')" 409
expect_eq "short password: 422" "$(post users '{"name":"eko","role":"clerk","password":"short"}')" 422
expect_eq "bad role: 422" "$(post users '{"name":"eko","role":"boss","password":"eko-pass-123"}')" 422
expect_eq "no name: 422" "$(post users '{"role":"clerk","password":"eko-pass-123"}')" 422
A --json user list | jq -e 'map(select(.name=="ana" and .role=="clerk")) | length == 1' >/dev/null &&
	pass || fail "ana is not in antri user list"
n=$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE kind = 'user_added' AND actor = 'web:budi'")
expect_eq "the event says who added her" "$n" 1
AJ="$OUT/ana.jar"; : >"$AJ"
JAR=$AJ; expect_eq "ana logs in" "$(post login '{"name":"ana","password":"ana-pass-12"}')" 200
JAR=$MJ; expect_eq "disable ana" "$(post users/ana/disable '{}')" 200
get api/v1/users >/dev/null
expect_eq "ana shows disabled" "$(body '.users[] | select(.name=="ana") | .disabled')" true
JAR=$AJ; expect_eq "her session ended" "$(get api/v1/me)" 401
JAR=$MJ; expect_eq "enable ana" "$(post users/ana/enable '{}')" 200
expect_eq "new password" "$(post users/ana/passwd '{"password":"ana-pass-new"}')" 200
expect_eq "passwd without a password: 422" "$(post users/ana/passwd '{}')" 422
expect_eq "disable nobody: 422" "$(post users/nobody/disable '{}')" 422
JAR=$AJ; expect_eq "ana logs in with the new one" "$(post login '{"name":"ana","password":"ana-pass-new"}')" 200
expect_eq "users by GET of a POST route" "$(get api/v1/users/ana/disable)" 405

# ---- the kiosk PIN ---------------------------------------------------------
JAR=$CJ; expect_eq "PIN as a clerk: 403" "$(post pin '{"pin":"4321"}')" 403
JAR=$MJ
expect_eq "bad PIN: 422" "$(post pin '{"pin":"12a4"}')" 422
expect_eq "short PIN: 422" "$(post pin '{"pin":"12"}')" 422
expect_eq "PIN set" "$(post pin '{"pin":"4321"}')" 200
n=$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE kind = 'pin_changed' AND actor = 'web:budi'")
expect_eq "pin_changed by web:budi" "$n" 1
h=$(sqlite3 "$DB" "SELECT value FROM settings WHERE key = 'pin_hash'")
case "$h" in '$y$'*) pass ;; *) fail "PIN not stored hashed: $h" ;; esac
curl -s -N --max-time 1 "$U/api/v1/public/events/stream?after=0" | grep -c pin_changed >"$OUT/n" || true
expect_eq "the PIN event stays out of the public stream" "$(cat "$OUT/n")" 0

# ---- a service's names --------------------------------------------------
names() { sqlite3 "$DB" "SELECT code || '|' || name_id || '|' || name_en FROM services ORDER BY code"; }
nev() { sqlite3 "$DB" "SELECT count(*) FROM events"; }
before=$(names); evs=$(nev)
JAR=$CJ; expect_eq "rename as a clerk: 403" "$(post services/A/name '{"name_id":"X"}')" 403
expect_eq "... forbidden" "$(body .error.code)" forbidden
JAR=$NJ; expect_eq "rename without a session: 401" "$(post services/A/name '{"name_id":"X"}')" 401
JAR=$MJ
code=$(curl -s -o "$OUT/body" -w '%{http_code}' -b "$MJ" -H "Content-Type: application/json" \
	--data-binary '{"name_id":"X"}' "$U/api/v1/services/A/name")
expect_eq "rename without an Origin: 403" "$code" 403
expect_eq "... bad_origin" "$(body .error.code)" bad_origin
code=$(curl -s -o "$OUT/body" -w '%{http_code}' -b "$MJ" -H "Origin: http://evil.example" \
	-H "Content-Type: application/json" --data-binary '{"name_id":"X"}' "$U/api/v1/services/A/name")
expect_eq "rename from a foreign Origin: 403" "$code" 403
expect_eq "rename by GET: 405" "$(get api/v1/services/A/name)" 405
expect_eq "rename an unknown service: 404" "$(post services/Y/name '{"name_id":"X"}')" 404
expect_eq "... no_service" "$(body .error.code)" no_service
expect_eq "rename service 'AB': 404" "$(post services/AB/name '{"name_id":"X"}')" 404
expect_eq "rename service 'a': 404" "$(post services/a/name '{"name_id":"X"}')" 404
long=$(printf '%064d' 0 | tr 0 x)
# UTF-8 that is too long in bytes though 32 characters: 32 x 'é' = 64 bytes
elong=$(printf '%032d' 0 | sed 's/0/é/g')
for case in \
    'no name_id|{"name_en":"Permits"}|name_id|missing' \
    'an empty name_id|{"name_id":""}|name_id|empty' \
    'a number|{"name_id":7}|name_id|text' \
    'a newline|{"name_id":"Izin\nUsaha"}|name_id|control' \
    'a tab in name_en|{"name_id":"Izin","name_en":"Per\tmits"}|name_en|control' \
    'an escape|{"name_id":"Izin\u001b[2J"}|name_id|control' \
    'a DEL|{"name_id":"Izin\u007f"}|name_id|control' \
    "64 bytes|{\"name_id\":\"$long\"}|name_id|63 bytes" \
    "64 bytes of é|{\"name_id\":\"Izin\",\"name_en\":\"$elong\"}|name_en|63 bytes"; do
	what=${case%%|*}; rest=${case#*|}
	b=${rest%%|*}; rest=${rest#*|}
	field=${rest%%|*}; word=${rest#*|}
	expect_eq "rename with $what: 422" "$(post services/A/name "$b")" 422
	expect_eq "... invalid_value on $field" "$(body '.error.code + " " + .error.field')" "invalid_value $field"
	expect_match "... the reason says $word" "$OUT/body" "$word"
done
printf '{"name_id":"Izin \377"}' >"$OUT/bad-utf8.json"
expect_eq "rename with invalid UTF-8: 400" "$(post services/A/name "@$OUT/bad-utf8.json")" 400
expect_eq "... bad_json" "$(body .error.code)" bad_json
expect_match "... the reason says UTF-8" "$OUT/body" "UTF-8"
expect_eq "rename with a NUL (\\u0000): 400" "$(post services/A/name '{"name_id":"Izin\u0000x"}')" 400
expect_eq "rename with a body not JSON: 400" "$(post services/A/name 'name=x')" 400
expect_eq "nothing changed by the refusals" "$(names)" "$before"
expect_eq "no event by the refusals" "$(nev)" "$evs"
last=$(curl -s "$U/api/v1/status" | jq .last_event)
expect_eq "rename A" "$(post services/A/name '{"name_id":"Perizinan Usaha","name_en":"Business Permits"}')" 200
expect_eq "... the answer has the names" "$(body '[.ok, .code, .name_id, .name_en] | join(",")')" "true,A,Perizinan Usaha,Business Permits"
A --json status >"$OUT/st.json"
expect_eq "antri status has the new names" "$(jq -r '.services[] | select(.code=="A") | .name_id + "/" + .name_en' "$OUT/st.json")" "Perizinan Usaha/Business Permits"
ev=$(sqlite3 "$DB" "SELECT kind || '|' || service || '|' || actor || '|' || detail FROM events WHERE id > $last")
expect_eq "one event: service_renamed by web:budi" "$ev" "service_renamed|A|web:budi|Perizinan Usaha"
curl -s -N --max-time 1 "$U/api/v1/public/events/stream?after=$last" | grep '^data:' | sed 's/^data: //' >"$OUT/sse" || true
expect_eq "the public stream tells the pages (without the actor)" "$(jq -r '.kind + " " + (.actor // "none")' "$OUT/sse")" "service_renamed none"
m63=$(printf '%063d' 0 | tr 0 y)
expect_eq "63 bytes and no English: 200" "$(post services/B/name "{\"name_id\":\"$m63\"}")" 200
expect_eq "... English is the Indonesian one" "$(sqlite3 "$DB" "SELECT name_en = name_id AND length(name_id) = 63 FROM services WHERE code = 'B'")" 1
expect_eq "UTF-8 names: 200" "$(post services/B/name '{"name_id":"Kependudukan – KTP","name_en":""}')" 200
expect_eq "... stored as sent" "$(sqlite3 "$DB" "SELECT name_id || '|' || name_en FROM services WHERE code = 'B'")" "Kependudukan – KTP|Kependudukan – KTP"
expect_match "the request is logged with the manager" "$OUT/serve.log" "^POST /api/v1/services/A/name 200 [0-9]+ms budi"
A service rename B "Kependudukan" "Civil Registry" >/dev/null

# ---- the printer -------------------------------------------------------------
JAR=$CJ; expect_eq "printer as a clerk: 403" "$(get api/v1/printer)" 403
JAR=$MJ
expect_eq "printer" "$(get api/v1/printer)" 200
expect_eq "no printer: not reachable" "$(body .reachable)" false
expect_eq "in Indonesian" "$(body .text_id)" "Printer tidak menjawab"
expect_eq "and English" "$(body .text_en)" "Printer not answering"
expect_match "the message says why" "$OUT/body" 'no printer in the config'

# ---- reports -------------------------------------------------------------------
A service add Z "=HYPERLINK(\"http://x\",\"y\")" >/dev/null 2>&1 ||
	A service add Z "=HYPERLINK(1)" >/dev/null
A office "@SUM(1+1)" >/dev/null
A issue Z >/dev/null
JAR=$CJ; expect_eq "report as a clerk: 403" "$(get api/v1/report)" 403
JAR=$MJ
expect_eq "report (today)" "$(get api/v1/report)" 200
A --json report >"$OUT/cli.json"
for f in .days .total.issued .total.served '.per_hour|join(",")' \
    '[.services[]|.code,.issued,.served,.no_show]|join(",")' \
    '[.counters[]|.counter,.served,.no_show]|join(",")' .peak_occupancy; do
	expect_eq "report $f as the CLI" "$(body "$f")" "$(jq -r "$f" "$OUT/cli.json")"
done
expect_eq "called_hour has 24" "$(body '.called_hour | length')" 24
expect_eq "wait_p90_hour_s has 24" "$(body '.wait_p90_hour_s | length')" 24
expect_eq "bad day: 422" "$(get 'api/v1/report?from=2026-13-01')" 422
expect_eq "from after to: 422" "$(get 'api/v1/report?from=2026-02-01&to=2026-01-01')" 422
day=$(date +%F)
curl -s -D "$OUT/hdr" -o "$OUT/r.csv" -b "$MJ" "$U/api/v1/report.csv?from=$day&to=$day"
expect_match "CSV: 200" "$OUT/hdr" "^HTTP/1.1 200"
expect_match "CSV: text/csv" "$OUT/hdr" "^Content-Type: text/csv"
expect_match "CSV: the CLI's header" "$OUT/r.csv" "^kind,name,issued,served,no_show,cancelled,wait_mean_s,wait_p90_s,service_mean_s,title"
# one writer (qjson_report_csv): the same bytes as the CLI's, titles too
A report --csv --from "$day" --to "$day" >"$OUT/cli.csv"
cmp -s "$OUT/cli.csv" "$OUT/r.csv" && pass ||
	fail "CSV differs from antri report --csv"
expect_match "the office's name neutralised" "$OUT/r.csv" "^total,all,.*,'@SUM\(1\+1\)$"
expect_match "a service name neutralised (and quoted)" "$OUT/r.csv" "^service,Z,.*,\"?'=HYPERLINK"
if grep -v '^kind' "$OUT/r.csv" | awk -F, '{print $NF}' | grep -q "^[\"]*[=+@-]"; then
	fail "a CSV cell starts with a formula character"
else pass; fi
curl -s -D "$OUT/hdr" -o "$OUT/r.pdf" -b "$MJ" "$U/api/v1/report.pdf?from=$day&to=$day"
expect_match "PDF: 200" "$OUT/hdr" "^HTTP/1.1 200"
expect_match "PDF: application/pdf" "$OUT/hdr" "^Content-Type: application/pdf"
expect_eq "PDF: a PDF" "$(head -c 5 "$OUT/r.pdf")" "%PDF-"
pdftotext "$OUT/r.pdf" - 2>/dev/null | grep -q "SUM" && pass || fail "PDF has not the office's name"
ls /tmp/antri-report-* >/dev/null 2>&1 && fail "a temporary PDF was left in /tmp" || pass
expect_match "report requests are logged with the manager" "$OUT/serve.log" "^GET /api/v1/report.pdf 200 [0-9]+ms budi"
# the charts as /manage shows them: shared/chart's SVGs
for c in per_hour wait_hour services counters; do
	curl -s -D "$OUT/hdr" -o "$OUT/c.svg" -b "$MJ" "$U/api/v1/report/chart/$c.svg?from=$day&to=$day"
	expect_match "chart $c: 200" "$OUT/hdr" "^HTTP/1.1 200"
	expect_match "chart $c: image/svg+xml" "$OUT/hdr" "^Content-Type: image/svg\+xml"
	expect_match "chart $c: an SVG" "$OUT/c.svg" "^<svg xmlns=\"http://www.w3.org/2000/svg\""
done
expect_eq "no such chart: 404" "$(curl -s -o "$OUT/body" -w '%{http_code}' -b "$MJ" "$U/api/v1/report/chart/pie.svg")" 404
expect_eq "a chart as PNG: 404" "$(curl -s -o "$OUT/body" -w '%{http_code}' -b "$MJ" "$U/api/v1/report/chart/per_hour.png")" 404
expect_eq "a chart of a bad day: 422" "$(curl -s -o "$OUT/body" -w '%{http_code}' -b "$MJ" "$U/api/v1/report/chart/per_hour.svg?from=2026-13-01")" 422
# the words: public, the core's catalogue in both languages
expect_eq "words: 200 without a session" "$(curl -s -o "$OUT/words.json" -w '%{http_code}' "$U/api/v1/words")" 200
jq -e '.lang == "id" and .en.room_full_outside == "The room is full and nobody has been admitted (%d waiting outside)" and (.id | length) == (.en | length) and (.id | length) > 100' "$OUT/words.json" >/dev/null &&
	pass || fail "words: the catalogue, both languages"

check "antri check" A check
stop_server && pass || fail "server did not stop cleanly"

# ---- the browser ---------------------------------------------------------------
case "$BIN" in
*-san*) skip "the browser tests under ASan (BIN=$BIN): the server runs them in the plain build" ;;
*)
	if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && \
	    /usr/bin/python3 -c 'import selenium' 2>/dev/null; then
		# web_browser.py: the pages; web_manage.py: every setting of
		# /manage from the page, the streams closed on pagehide
		for py in web_browser web_manage; do
			/usr/bin/python3 tests/helpers/$py.py "$BIN" "$OUT" >"$OUT/$py.out" 2>&1
			cat "$OUT/$py.out"
			line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$OUT/$py.out" | tail -n 1)
			bp=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
			bf=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
			[ -z "$line" ] && { fail "$py.py ended without a summary"; bp=0; bf=0; }
			PASSED=$((PASSED + ${bp:-0}))
			FAILED=$((FAILED + ${bf:-0}))
		done
	else
		fail "chromium, chromedriver or python3-selenium missing (scripts/deps.sh TEST)"
	fi ;;
esac
finish
