#!/bin/sh
# cli_input.sh - honest input and output of `antri`: text the
# queue stores is UTF-8 without control characters, refused in the core
# (exit 2) and never cut inside a character; numbers and ticket names are
# digits only; the JSON is valid JSON; usage errors come before the
# database or the printer is opened; errors go to stderr.
. tests/helpers/lib.sh
DB="$OUT/input.db"
rm -rf "$OUT"/input.db* "$OUT"/cwd
A() { "$ANTRI" --db "$DB" "$@"; }
dbsum() { cat "$1" "$1-wal" 2>/dev/null | cksum; }
ESC=$(printf '\033')
NL='
'
C1=$(printf '\302\233')           # U+009B, the C1 control "CSI"
BAD=$(printf 'ok\377')            # not UTF-8

check "init --demo" A init --demo
before=$(dbsum "$DB")

# ---- names, notices, reasons, office names: exit 2, nothing stored ----
for t in "${ESC}]0;x" "a${NL}b" "$C1" "$BAD" "tab	here"; do
	expect_exit 2 "service add refuses $(printf %s "$t" | od -An -c | tr -s ' ' | head -c 40)" \
	    A service add Q "$t"
	expect_exit 2 "English name refused" A service add Q Nama "$t"
	expect_exit 2 "notice refused" A notice "$t"
	expect_exit 2 "office refused" A office "$t"
	expect_exit 2 "close-day reason refused" A close-day --reason "$t"
	expect_exit 2 "issue --kiosk refused" A issue A --kiosk "$t"
done
expect_match "the message says why" "$OUT/last.err" "control characters"
expect_eq "refused text changed nothing" "$(dbsum "$DB")" "$before"
check "a UTF-8 name is fine" A service add Q "Layanan Ñusantara — é" "Services"
check "a UTF-8 notice is fine" A notice "Selamat datang · 欢迎"
check "issue A" A issue A
expect_exit 2 "cancel reason with ESC refused" A cancel A001 --reason "x${ESC}[2J"
check "A001 still waits" A --json status
check "A001 still admitted (A has 1 waiting)" jq -e \
	'.services[] | select(.code == "A") | .waiting == 1' "$OUT/last.out"

# the core refuses too (every front end): the panel-free way is test_queue;
# here a service name of 63 bytes is fine, 64 is refused, never cut
n63=$(printf 'é%.0s' $(seq 31))x
expect_exit 0 "63-byte name" A service add R "$n63"
expect_exit 2 "64-byte name refused" A service add S "${n63}y"

# a long reason is cut between characters, never inside one
r100=$(printf 'é%.0s' $(seq 100))
check "cancel with 100 é" A cancel A001 --reason "$r100"
n=$(A --json status | jq .last_event)
timeout --foreground -k 5 10 "$ANTRI" --db "$DB" --json watch --all --count "$n" >"$OUT/ev.json" 2>/dev/null
detail=$(grep '"kind":"cancelled"' "$OUT/ev.json" | tail -n 1 | jq -r .detail)
expect_eq "reason cut at a character: 79 é" "$detail" "$(printf 'é%.0s' $(seq 79))"
printf %s "$detail" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 && pass ||
	fail "stored reason is not valid UTF-8"
check "check after cancel" A check

# ---- JSON is JSON ----
check "issue A (A002)" A issue A
expect_exit 2 "cancel '#\\n2' refused (no id with a newline)" A --json cancel "#${NL}2"
expect_eq "nothing printed on stdout" "$(cat "$OUT/last.out")" ""
expect_exit 2 "cancel ' 2' refused" A cancel "# 2"
expect_exit 2 "cancel '+2' refused" A cancel "#+2"
expect_exit 2 "cancel 'A 2' refused" A cancel "A 2"
check "cancel a002 (lower case) as JSON" A --json cancel a002
jq -e .cancelled "$OUT/last.out" >/dev/null && pass || fail "cancel JSON: $(cat "$OUT/last.out")"
for cmd in status "service list" "counter list" limit policy notice office \
    report print-failed "watch --all --count 5"; do
	# shellcheck disable=SC2086
	A --json $cmd >"$OUT/j.out" 2>"$OUT/j.err"
	jq -e . "$OUT/j.out" >/dev/null 2>&1 && pass ||
		fail "--json $cmd is not JSON: $(head -c 300 "$OUT/j.out")"
done
# a database written before antri checked text: bytes that are not UTF-8
sqlite3 "$DB" "UPDATE services SET name_id = CAST(X'41FF42' AS TEXT) WHERE code = 'B'"
A --json service list >"$OUT/j.out"
jq -e '.[] | select(.code == "B") | .name_id == "A?B"' "$OUT/j.out" >/dev/null &&
	pass || fail "old bad bytes shown as '?': $(head -c 300 "$OUT/j.out")"
A --json status >"$OUT/j.out"
jq -e . "$OUT/j.out" >/dev/null 2>&1 && pass || fail "status with old bad bytes is not JSON"
sqlite3 "$DB" "UPDATE services SET name_id = 'Non-Perizinan' WHERE code = 'B'"

# ---- numbers: digits only ----
before=$(dbsum "$DB")
expect_exit 2 "limit ' 3'" A limit " 3"
expect_exit 2 "limit '3 '" A limit "3 "
expect_exit 2 "limit '+3'" A limit "+3"
expect_exit 2 "next --counter ' 1'" A next --counter " 1"
expect_exit 2 "next --counter '+1'" A next --counter "+1"
expect_exit 2 "service quota A ' 5'" A service quota A " 5"
expect_exit 2 "counter pause ' 2'" A counter pause " 2"
expect_exit 2 "watch --count ' 1'" timeout --foreground -k 5 5 "$ANTRI" --db "$DB" watch --count " 1"
expect_eq "bad numbers changed nothing" "$(dbsum "$DB")" "$before"

# ---- usage before the database or the printer ----
expect_exit 2 "reprint x: bad ticket before 'no printer'" A reprint x
expect_exit 2 "reprint x without a database" "$ANTRI" --db "$OUT/none.db" reprint x
expect_exit 2 "cancel x without a database" "$ANTRI" --db "$OUT/none.db" cancel x
expect_exit 2 "notice with ESC without a database" "$ANTRI" --db "$OUT/none.db" notice "$ESC"
expect_exit 2 "service add with ESC without a database" "$ANTRI" --db "$OUT/none.db" service add Q "$ESC"
[ ! -e "$OUT/none.db" ] && pass || fail "a usage error created a database"

# ---- next with nobody waiting: finished AND nobody waiting ----
check "issue D" A issue D
check "counter 4 calls D" A next --counter 4
expect_exit 1 "next again: nobody waiting" A next --counter 4
expect_match "says the ticket is done" "$OUT/last.out" "^D001 done at counter 4"
expect_match "and that nobody waits" "$OUT/last.err" "D001 done: nobody is waiting"
expect_exit 1 "next once more: nothing was finished" A next --counter 4
expect_eq "no 'done' when nothing was finished" "$(cat "$OUT/last.out")" ""

# ---- who did it: the real user, not $USER ----
check "USER=kepala_kantor antri limit 7" env USER=kepala_kantor "$ANTRI" --db "$DB" limit 7
n=$(A --json status | jq .last_event)
timeout --foreground -k 5 10 "$ANTRI" --db "$DB" --json watch --all --count "$n" >"$OUT/ev.json" 2>/dev/null
expect_eq "the limit event names the process's user" \
    "$(grep '"kind":"limit_changed"' "$OUT/ev.json" | tail -n 1 | jq -r .actor)" \
    "cli:$(id -un)"

# ---- config: no ./antri.conf ----
mkdir -p "$OUT/cwd"
printf '[database]\npath = %s\n' "$DB" >"$OUT/cwd/antri.conf"
(cd "$OUT/cwd" && env -u ANTRI_CONFIG -u ANTRI_DB "$ANTRI" status) \
    >"$OUT/last.out" 2>"$OUT/last.err"
expect_eq "an antri.conf in the current folder is not read (exit 3: no ./antri.db)" "$?" 3
[ ! -e "$OUT/cwd/antri.db" ] && pass || fail "status created ./antri.db"
check "the same file given with --config is read" \
    env -u ANTRI_DB "$ANTRI" --config "$OUT/cwd/antri.conf" status
check "and with \$ANTRI_CONFIG" \
    env -u ANTRI_DB ANTRI_CONFIG="$OUT/cwd/antri.conf" "$ANTRI" status

# ---- errors on stderr ----
expect_exit 3 "an absent printer" A printer --printer ipp://127.0.0.1:1/printers/x --timeout 2
expect_match "its error is on stderr" "$OUT/last.err" "printer ipp://127.0.0.1:1/printers/x: "
if grep -q "^error" "$OUT/last.out"; then fail "the error is on stdout too"; else pass; fi
A --json printer --printer ipp://127.0.0.1:1/printers/x --timeout 2 >"$OUT/j.out" 2>"$OUT/j.err"
jq -e '.reachable == false' "$OUT/j.out" >/dev/null && pass || fail "printer --json: $(cat "$OUT/j.out")"
expect_match "and on stderr with --json" "$OUT/j.err" "printer ipp://"
if [ -x "$BIN/antri-counter" ]; then
	echo "not a database" >"$OUT/garbage.db"
	SDL_VIDEODRIVER=dummy timeout --foreground -k 5 3 "$BIN/antri-counter" --db "$OUT/garbage.db" \
	    --counter 1 --windowed 320x240 >"$OUT/panel.out" 2>"$OUT/panel.err"
	expect_match "antri-counter: a garbage database on stderr" "$OUT/panel.err" \
	    "garbage.db: .*not an antri database.*retrying"
	expect_eq "and nothing on stdout" "$(cat "$OUT/panel.out")" ""
	SDL_VIDEODRIVER=dummy timeout --foreground -k 5 3 "$BIN/antri-counter" --db "$OUT/none.db" \
	    --counter 1 --windowed 320x240 >"$OUT/panel.out" 2>"$OUT/panel.err"
	expect_match "antri-counter: a missing database on stderr" "$OUT/panel.err" \
	    "not there yet: retrying"
	expect_eq "and nothing on stdout" "$(cat "$OUT/panel.out")" ""
fi

finish
