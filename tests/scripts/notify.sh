#!/bin/sh
# notify.sh - antri-notify, the reminders' sender, end to end:
#  - its settings: a token file others may read, a WhatsApp URL that is
#    not https, an outbox that is no folder, a bad value: refused with
#    the file and line, exit 2;
#  - SMS: remote tickets with a phone number get "come now", "3 ahead"
#    and "called to counter N" as files of gammu-smsd's outbox, named as
#    gammu-smsd-files(7) says and in UTF-16, in the visitor's language;
#    then a real gammu-smsd (files service, Gammu's dummy phone instead
#    of a modem) reads and transmits them;
#  - WhatsApp: a local HTTPS endpoint (tests/helpers/wa_endpoint.py, a
#    throwaway self-signed certificate given to the notifier as ca_file)
#    checks every request's shape and answers 500, 429, 400, or not at
#    all: retries with backoff, sent at last, dead after max_tries (or at
#    once for a 400), listed by `antri notify --dead`; without ca_file the
#    certificate is refused, never skipped;
#  - a phone number is never in an event, the notifier's log or the
#    managers' listing.
. "$(dirname "$0")/../helpers/lib.sh"
. "$(dirname "$0")/../helpers/serve_lib.sh"
. "$(dirname "$0")/../helpers/wa_lib.sh"
N="$BIN/antri-notify"
need sqlite3 iconv openssl od

# ---- the layers: libcurl only in antri-notify ----------------------------
bad=$(grep -lE '#include *[<"]curl' shared/*/*.[ch] cli/*.[ch] web/*.[ch] \
    sync/*.[ch] 2>/dev/null)
expect_eq "only notify/ includes libcurl" "$bad" ""
if ldd "$ANTRI" | grep -q libcurl; then fail "antri links libcurl"; else pass; fi
check "antri-notify links libcurl" sh -c "ldd '$N' | grep -q libcurl"
"$ANTRI" --help >"$OUT/help.txt" 2>&1
expect_match "antri --help lists notify" "$OUT/help.txt" "^  notify "

NPID=""
GPID=""
WPID=""
cleanup() {
	for p in $NPID $GPID $WPID $SPID; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
}
trap cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM
rm -rf "${OUT:?}"/*

# ---- settings --------------------------------------------------------------
mkdir -p "$OUT/gammu/out" "$OUT/gammu/sent" "$OUT/gammu/err" \
    "$OUT/gammu/in" "$OUT/gammu/phone"
printf 'EAAtesttoken123\n' >"$OUT/token"
chmod 600 "$OUT/token"
"$ANTRI" --db "$OUT/q.db" init --demo >/dev/null
conf_err() {   # NAME LINES...: a config, run --once, want exit 2 + FILE:LINE
	_n=$1; shift
	printf '%s\n' "[database]" "path = $OUT/q.db" "$@" >"$OUT/$_n.conf"
	expect_exit 2 "config $_n refused" "$N" --config "$OUT/$_n.conf" --once
	expect_match "config $_n: file and line" "$OUT/last.err" \
	    "$OUT/$_n.conf:[0-9]+:"
}
conf_err badkey "[notify]" "colour = red"
conf_err badchan "[notify]" "channel = pigeon"
conf_err badtries "[notify]" "max_tries = 0"
conf_err nofolder "[notify]" "channel = sms" "gammu_outbox = $OUT/none"
cp "$OUT/token" "$OUT/token.open"
chmod 644 "$OUT/token.open"
conf_err opentoken "[notify]" "channel = whatsapp" "phone_number_id = 123" \
    "token_file = $OUT/token.open"
expect_match "a readable token file: why" "$OUT/last.err" "chmod 600"
conf_err plainhttp "[notify]" "channel = whatsapp" "phone_number_id = 123" \
    "token_file = $OUT/token" "whatsapp_url = http://127.0.0.1:1/v21.0"
expect_exit 2 "antri notify: a bad argument" "$ANTRI" --db "$OUT/q.db" \
    notify --bogus
expect_exit 2 "antri remote: a bad phone number" "$ANTRI" --db "$OUT/q.db" \
    remote A --phone 0812-ABC
expect_eq "... and no ticket was issued" "$(sqlite3 "$OUT/q.db" \
    'SELECT count(*) FROM tickets')" 0

# ---- SMS through gammu-smsd's files service --------------------------------
cat >"$OUT/sms.conf" <<EOF2
[database]
path = $OUT/q.db
[notify]
channel = sms
gammu_outbox = $OUT/gammu/out
backoff_s = 1
EOF2
# the files take the folder's group (gammu-smsd may run as its own user);
# only root may give a file a group it is not in, so only root checks it
[ "$(id -u)" = 0 ] && chgrp nogroup "$OUT/gammu/out"
"$N" --config "$OUT/sms.conf" >"$OUT/sms.log" 2>&1 &
NPID=$!
wait_match "$OUT/sms.log" "started" 100 || fail "antri-notify did not start"
"$ANTRI" --db "$OUT/q.db" --json remote A --phone +6281234567801 \
    --lang en >"$OUT/r1.json"
code1=$(sed -n 's/.*"code": *"\([A-Z0-9]*\)".*/\1/p' "$OUT/r1.json")
"$ANTRI" --db "$OUT/q.db" remote B --phone 081234567802 >/dev/null
outs() { ls "$OUT/gammu/out" | grep -c '^OUT'; }
wait_until "four SMS in gammu's outbox (come now, 3 ahead; x2)" 30 \
    sh -c "[ \$(ls '$OUT/gammu/out' | grep -c '^OUT') -ge 4 ]"
expect_eq "nothing half-written left" "$(ls -A "$OUT/gammu/out" |
    grep -vc '^OUT')" 0
for f in "$OUT"/gammu/out/OUT*; do
	b=$(basename "$f")
	if echo "$b" | grep -Eq \
	    '^OUT[A-Z][0-9]{8}_[0-9]{6}_[0-9]{2}_(\+6281234567801|081234567802)_antri[0-9]+\.txt$'
	then pass; else fail "gammu file name $b"; fi
	expect_eq "$b starts with UTF-16LE's mark" "$(od -An -tx1 -N2 "$f" |
	    tr -d ' ')" "fffe"
	if [ "$(id -u)" = 0 ]; then
		expect_eq "$b has the folder's group" "$(stat -c %G "$f")" nogroup
		expect_eq "$b: no execute bit, nothing for others" \
		    "$(( 0$(stat -c %a "$f") & 0117 ))" 0
	fi
	iconv -f UTF-16 -t UTF-8 "$f" >"$f.utf8" 2>/dev/null ||
	    fail "$b is not UTF-16"
done
grep -l "number A001" "$OUT"/gammu/out/*.utf8 >"$OUT/en.list"
expect_eq "A001's two SMS, in English" "$(wc -l <"$OUT/en.list")" 2
expect_match "come now" "$OUT/gammu/out/$(ls "$OUT/gammu/out" |
    grep 'OUTA.*7801.*utf8$' | head -n 1)" "Please come now"
expect_match "in Indonesian for B001" "$(grep -l 'nomor B001' \
    "$OUT"/gammu/out/*.utf8 | head -n 1)" "Silakan datang sekarang|orang di depan"
rm -f "$OUT"/gammu/out/*.utf8
# checked in and called at counter 2: "called to counter 2"
"$ANTRI" --db "$OUT/q.db" checkin "$code1" >/dev/null ||
    fail "check-in with $code1"
"$ANTRI" --db "$OUT/q.db" next --counter 2 >/dev/null
wait_until "the call's SMS" 30 sh -c \
    "[ \$(ls '$OUT/gammu/out' | grep -c '^OUT') -ge 5 ]"
f=$(ls "$OUT"/gammu/out/OUTA* | while read -r x; do
	iconv -f UTF-16 -t UTF-8 "$x" | grep -q "counter 2" && echo "$x"; done)
expect_eq "called to counter 2, once" "$(echo "$f" | grep -c .)" 1
"$ANTRI" --db "$OUT/q.db" notify --status >"$OUT/status.txt"
expect_match "antri notify --status" "$OUT/status.txt" "^sent 5$"
# the number is in the outbox's file names (gammu's way) and nowhere else
expect_eq "no number in any event" "$(sqlite3 "$OUT/q.db" "SELECT count(*) \
    FROM events WHERE detail LIKE '%23456780%' OR actor LIKE '%23456780%'")" 0
if grep -q 23456780 "$OUT/sms.log"; then fail "a number in the notifier's log"
else pass; fi

# a real gammu-smsd, Gammu's dummy phone for a modem, sends them
if command -v gammu-smsd >/dev/null; then
	cat >"$OUT/smsdrc" <<EOF2
[gammu]
device = $OUT/gammu/phone
model = dummy
connection = none
[smsd]
service = files
inboxpath = $OUT/gammu/in/
outboxpath = $OUT/gammu/out/
sentsmspath = $OUT/gammu/sent/
errorsmspath = $OUT/gammu/err/
logfile = $OUT/gammu.log
debuglevel = 1
CommTimeout = 1
StatusFrequency = 0
EOF2
	gammu-smsd -c "$OUT/smsdrc" >/dev/null 2>&1 &
	GPID=$!
	wait_until "gammu-smsd transmitted the five" 60 sh -c \
	    "[ \$(ls '$OUT/gammu/sent' | grep -c '^OUT') -ge 5 ]"
	expect_eq "none in gammu's error folder" "$(ls "$OUT/gammu/err" |
	    grep -c .)" 0
	expect_match "gammu-smsd read our text" "$OUT/gammu.log" \
	    'with text "antri: number A001 is called to counter 2\.'
	expect_match "... and the Indonesian one" "$OUT/gammu.log" \
	    'with text "antri: nomor B001'
	kill "$GPID"; wait "$GPID" 2>/dev/null; GPID=""
else
	skip "gammu-smsd is not installed: the files were checked, not sent"
fi
kill "$NPID"; wait "$NPID" 2>/dev/null; NPID=""

# ---- WhatsApp Cloud API over HTTPS -----------------------------------------
wa_start 500 429
port=$WA_PORT
"$ANTRI" --db "$OUT/w.db" init --demo >/dev/null
wconf() {   # NAME [ca_file line]
	cat >"$OUT/$1.conf" <<EOF2
[database]
path = $OUT/$1.db
[notify]
channel = whatsapp
whatsapp_url = https://127.0.0.1:$port/v21.0
phone_number_id = 1234567
token_file = $OUT/token
max_tries = 3
backoff_s = 1
timeout_s = 2
$2
EOF2
}
wconf w "ca_file = $OUT/cert.pem"
"$N" --config "$OUT/w.conf" >"$OUT/w.log" 2>&1 &
NPID=$!
"$ANTRI" --db "$OUT/w.db" remote A --phone +6281234567803 --lang en \
    >/dev/null
# two messages: the first tries get 500 and 429, then 200
wait_until "both sent after a 500 and a 429" 60 sh -c \
    "'$ANTRI' --db '$OUT/w.db' notify --status | grep -qx 'sent 2'"
expect_eq "four requests for two messages" "$(grep -c '^ok' "$OUT/wa.log")" 4
expect_match "a 500 was answered" "$OUT/wa.log" ' -> 500$'
expect_match "a 429 was answered" "$OUT/wa.log" ' -> 429$'
expect_match "a template in English to the number without +" \
    "$OUT/wa.log" '^ok antri_come en 6281234567803 A001\|[0-9]+ -> 200$'
expect_match "3 ahead's template" "$OUT/wa.log" \
    '^ok antri_ahead en 6281234567803 A001\|0 -> 200$'
# no answer, then 500s: dead after 3 tries each
printf 'hang\n500\n500\n500\n500\n500\n' >"$OUT/answers"
"$ANTRI" --db "$OUT/w.db" remote B --phone 081234567804 >/dev/null
wait_until "both dead after 3 tries" 90 sh -c \
    "'$ANTRI' --db '$OUT/w.db' notify --status | grep -qx 'dead 2'"
expect_match "a national 0812... goes to 62812..." "$OUT/wa.log" \
    '^ok antri_come id 6281234567804 B001\|'
"$ANTRI" --db "$OUT/w.db" notify --dead >"$OUT/dead.txt"
expect_eq "two dead listed" "$(grep -c '3 tries' "$OUT/dead.txt")" 2
expect_match "the unanswered try timed out" "$OUT/w.log" \
    "failed: .*[Tt]imeout"
expect_match "HTTP 500 among the reasons" "$OUT/dead.txt" "HTTP 500"
expect_match "the number masked" "$OUT/dead.txt" '\.\.\.7804'
if grep -q 234567804 "$OUT/dead.txt"; then fail "a whole number listed"
else pass; fi
expect_match "the log says dead" "$OUT/w.log" "failed: .*\(dead\)"
# a request the API refuses (400) is dead at once
printf '400\n400\n' >"$OUT/answers"
"$ANTRI" --db "$OUT/w.db" remote C --phone +6281234567805 >/dev/null
wait_until "refused ones dead at once" 60 sh -c \
    "'$ANTRI' --db '$OUT/w.db' notify --status | grep -qx 'dead 4'"
expect_eq "after one try" "$(sqlite3 "$OUT/w.db" "SELECT group_concat(tries) \
    FROM outbox WHERE error = 'HTTP 400'")" "1,1"
expect_eq "every request had the documented shape" "$(grep -c '^bad' \
    "$OUT/wa.log")" 0
if grep -q 23456780 "$OUT/w.log"; then fail "a number in the notifier's log"
else pass; fi
kill "$NPID"; wait "$NPID" 2>/dev/null; NPID=""

# the manager sees the dead ones on /manage (GET /api/v1/notify), the
# numbers masked; a clerk and nobody do not
DB="$OUT/w.db"
echo "boss-pass-12" | "$ANTRI" --db "$DB" user add boss --role manager \
    >/dev/null && pass || fail "user add boss"
echo "clerk-pass-1" | "$ANTRI" --db "$DB" user add siti --role clerk \
    >/dev/null && pass || fail "user add siti"
if start_server; then
	expect_eq "anonymous: 401" "$(curl -s -o /dev/null -w '%{http_code}' \
	    "$U/api/v1/notify")" 401
	JAR="$OUT/clerk.jar"
	expect_eq "the clerk logs in" "$(server_login "$JAR" siti clerk-pass-1)" 200
	expect_eq "a clerk: 403" "$(curl -s -o /dev/null -w '%{http_code}' \
	    -b "$JAR" "$U/api/v1/notify")" 403
	JAR="$OUT/boss.jar"
	expect_eq "the manager logs in" "$(server_login "$JAR" boss boss-pass-12)" 200
	expect_eq "the manager: 200" "$(curl -s -o "$OUT/body" -w '%{http_code}' \
	    -b "$JAR" "$U/api/v1/notify")" 200
	expect_eq "... 4 dead" "$(body .dead)" 4
	expect_eq "... 4 listed" "$(body '.dead_messages | length')" 4
	expect_eq "... each with its error" "$(body '[.dead_messages[] |
	    select(.error != "")] | length')" 4
	expect_match "... a number masked" "$OUT/body" '"\.\.\.780[0-9]"'
	if grep -q 23456780 "$OUT/body"; then fail "a whole number in the API"
	else pass; fi
	stop_server
else
	fail "antri-serve did not start: $(tail -n 3 "$OUT/serve.log")"
fi

# without ca_file the test's certificate is not trusted: never sent
"$ANTRI" --db "$OUT/v.db" init --demo >/dev/null
wconf v ""
"$ANTRI" --db "$OUT/v.db" remote A --phone +6281234567806 >/dev/null
n=$(grep -c . "$OUT/wa.log")
expect_exit 0 "one round without ca_file" "$N" --config "$OUT/v.conf" --once
expect_eq "the endpoint got no request it answered" "$(grep -c . \
    "$OUT/wa.log")" "$n"
expect_match "the certificate was refused" "$OUT/last.err" \
    "[Cc]ertificate|SSL"
expect_eq "still pending, to try again" "$(sqlite3 "$OUT/v.db" \
    "SELECT count(*) FROM outbox WHERE state = 'pending' AND tries = 1")" 2
finish
