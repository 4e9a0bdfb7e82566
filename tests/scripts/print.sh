#!/bin/sh
# print.sh - tickets on real printers, no mocks:
#  - ippeveprinter (cups-ipp-utils), an IPP Everywhere printer whose -c
#    command keeps every job's document: ESC/POS and PWG tickets are read
#    back (print_check) and compared byte for byte with the local encoding;
#  - a second ippeveprinter whose command reports "STATE: +media-empty-error"
#    and fails: the ticket's print state becomes failed with that reason and
#    `antri printer` shows it;
#  - a URI where nobody listens: failure within the timeout, ticket intact;
#  - a private cupsd (own config, loopback port) with a raw queue whose
#    device is socket://127.0.0.1:PORT to print_listen: the bytes that arrive
#    are the ESC/POS ticket, unchanged.
# Everything is started here on free loopback ports and killed on exit.
. "$(dirname "$0")/../helpers/lib.sh"

PIDS=""
WORK=$(mktemp -d /tmp/antri-print.XXXXXX)
chmod 755 "$WORK"            # cupsd's backends run as lp and read from here
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null; done
	for p in $PIDS; do
		i=0
		while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1; i=$((i + 1))
		done
		kill -9 "$p" 2>/dev/null
	done
	[ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

DB="$OUT/print.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
A() { "$ANTRI" --db "$DB" "$@"; }
# a fixed start for the clock (faketime, Debian's package): the same
# ticket twice is identical; the clock runs on from there, so CUPS's
# timeouts work, and the minute cannot turn within a ticket's render
AT="@$(date -d @1790000000 '+%Y-%m-%d %H:%M:00')"
fixed() { FAKETIME_DONT_FAKE_MONOTONIC=1 faked "$AT" "$@"; }
unset ANTRI_CONFIG CUPS_SERVER
. "$(dirname "$0")/../helpers/printer_lib.sh"
start_system_dbus
printer_commands

check "init demo office" A init --demo
check "issue A001" A issue A

# ---- ippeveprinter: ESC/POS and PWG, read back -------------------------
if start_printer good "$WORK/keep.sh"; then
	GOOD=$URI
	# the expected bytes, encoded locally, and where the number is
	fixed "$ANTRI" print-test --out "$WORK/exp58.bin" \
	    >"$WORK/exp58.txt"
	rows=$(sed -n 's/.*number in rows \([0-9]*\)\.\.\([0-9]*\).*/\1 \2/p' \
	    "$WORK/exp58.txt")
	ny=${rows% *}; ne=${rows#* }; nh=$((ne - ny + 1))
	check "print-test escpos to ippeveprinter" fixed \
	    "$ANTRI" print-test --printer "$GOOD"
	check "escpos job arrived" wait_for 5 test -f "$WORK/jobs/1"
	check "escpos ticket: ESC @, GS v 0 384 dots, cut, number inked" \
	    "$BIN/tests/print_check" escpos "$WORK/jobs/1" 384 --cut \
	    --number "$ny" "$nh"
	sed "s/^/    /" "$OUT/last.out"
	check "escpos bytes arrived unchanged" cmp "$WORK/exp58.bin" \
	    "$WORK/jobs/1"

	# ippeveprinter lists 300 and 600 dpi, not 203: the ticket goes at
	# 300 dpi, scaled so it keeps its size on paper
	fixed "$ANTRI" print-test --out "$WORK/exp80.pwg" \
	    --format pwg --paper 80 --dpi 300 >"$WORK/exp80.txt"
	rows=$(sed -n 's/.*number in rows \([0-9]*\)\.\.\([0-9]*\).*/\1 \2/p' \
	    "$WORK/exp80.txt")
	ny=${rows% *}; ne=${rows#* }; nh=$((ne - ny + 1))
	check "print-test pwg 80 mm to ippeveprinter" fixed \
	    "$ANTRI" print-test --printer "$GOOD" --format pwg --paper 80
	check "pwg job arrived" wait_for 5 test -f "$WORK/jobs/2"
	check "pwg ticket: 80 mm at 300 dpi, black_1, number inked" \
	    "$BIN/tests/print_check" pwg "$WORK/jobs/2" \
	    $(((576 * 300 + 101) / 203)) 300 --number "$ny" "$nh"
	sed "s/^/    /" "$OUT/last.out"
	check "pwg bytes arrived unchanged" cmp "$WORK/exp80.pwg" \
	    "$WORK/jobs/2"

	# a real ticket from the queue: its print state becomes printed
	check "print A001 (reprint of a never printed ticket)" \
	    A --json reprint A001 --printer "$GOOD"
	expect_match "A001 recorded printed" "$OUT/last.out" \
	    '"print":"printed"'
	check "A001's job arrived" wait_for 5 test -f "$WORK/jobs/3"
	check "A001 as ESC/POS" "$BIN/tests/print_check" escpos \
	    "$WORK/jobs/3" 384 --cut
	check "printer state of a good printer" A printer --printer "$GOOD"
	expect_match "printer idle" "$OUT/last.out" '^state: +idle'
fi

# ---- paper out ------------------------------------------------------------
check "issue A002" A issue A
if start_printer nopaper "$WORK/nopaper.sh"; then
	NOPAPER=$URI
	expect_exit 3 "print A002 on a printer out of paper" \
	    A reprint A002 --printer "$NOPAPER" --timeout 10
	expect_match "reason names the paper" "$OUT/last.err" 'media-empty'
	check "list failed prints" A --json print-failed
	expect_match "A002 failed with media-empty" "$OUT/last.out" \
	    '"number":"A002".*"print":"failed","print_reason":"[^"]*media-empty'
	expect_match "A002 still waiting in the room" "$OUT/last.out" \
	    '"number":"A002","service":"A","state":"ADMITTED"'
	expect_exit 1 "antri printer: not ready" A printer --printer "$NOPAPER"
	expect_match "antri printer shows media-empty" "$OUT/last.out" \
	    '^reasons: .*media-empty'
	expect_match "antri printer says out of paper" "$OUT/last.out" \
	    'Out of paper'
	sed "s/^/    /" "$OUT/last.out"
fi

# ---- nobody listening -------------------------------------------------------
check "issue A003" A issue A
DEAD="ipp://127.0.0.1:$(free_port)/ipp/print"
expect_exit 3 "print A003 where nobody listens" \
    A reprint A003 --printer "$DEAD" --timeout 5
expect_match "reason says there is no answer" "$OUT/last.err" \
    'no answer|cannot connect'
check "list failed prints" A --json print-failed
expect_match "A003 failed" "$OUT/last.out" \
    '"number":"A003".*"print":"failed"'
expect_match "A003 intact" "$OUT/last.out" \
    '"number":"A003","service":"A","state":"ADMITTED"'
expect_exit 3 "antri printer: no answer" A printer --printer "$DEAD"
# a printer that takes the connection and never answers: the timeout
"$BIN/tests/print_listen" "$WORK/mport" "$WORK/mute" &
PIDS="$PIDS $!"
if wait_for 5 test -s "$WORK/mport"; then
	MUTE="ipp://127.0.0.1:$(cat "$WORK/mport")/ipp/print"
	expect_exit 3 "print A003 on a printer that never answers" \
	    A reprint A003 --printer "$MUTE" --timeout 2
	expect_match "reason names the silence" "$OUT/last.err" \
	    'A003 not printed: .+'
	check "list failed prints" A --json print-failed
	expect_match "A003 still intact" "$OUT/last.out" \
	    '"number":"A003","service":"A","state":"ADMITTED"'
else
	fail "mute listener did not start"
fi
check "issuing goes on after print failures" A issue A
expect_match "A004 issued" "$OUT/last.out" '^A004 '
check "queue still consistent" A check

# ---- private cupsd, raw queue to a socket listener ---------------------------
C="$WORK/cups"
mkdir -p "$C/spool" "$C/cache" "$C/state" "$C/tmp" "$C/log" "$C/ppd"
"$BIN/tests/print_listen" "$WORK/lport" "$WORK/recv" &
PIDS="$PIDS $!"
check "listener started" wait_for 5 test -s "$WORK/lport"
LPORT=$(cat "$WORK/lport")
CPORT=$(free_port)
cat >"$C/cupsd.conf" <<EOS
Listen 127.0.0.1:$CPORT
LogLevel info
Browsing No
WebInterface No
DefaultAuthType None
DefaultEncryption Never
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
    Allow all
  </Limit>
</Policy>
EOS
cat >"$C/cups-files.conf" <<EOS
ServerRoot $C
RequestRoot $C/spool
CacheDir $C/cache
StateDir $C/state
TempDir $C/tmp
ErrorLog $C/log/error_log
AccessLog $C/log/access_log
PageLog $C/log/page_log
FileDevice Yes
Sandboxing Relaxed
SystemGroup root
EOS
cupsd -f -c "$C/cupsd.conf" -s "$C/cups-files.conf" >"$OUT/cupsd.out" 2>&1 &
PIDS="$PIDS $!"
export CUPS_SERVER="127.0.0.1:$CPORT"
if wait_for 10 sh -c "lpstat -r | grep -q 'scheduler is running'"; then
	check "raw queue added" lpadmin -p antri-raw -E \
	    -v "socket://127.0.0.1:$LPORT"
	check "print-test to the raw queue" fixed \
	    "$ANTRI" print-test --printer antri-raw --timeout 20
	check "bytes reached the socket" wait_for 10 test -f "$WORK/recv.1"
	check "raw queue: ESC/POS arrived unchanged" cmp "$WORK/exp58.bin" \
	    "$WORK/recv.1"
	check "printer state through cupsd" A printer --printer antri-raw
	expect_match "raw queue idle" "$OUT/last.out" '^state: +idle'
	check "print A004 through cupsd" A --json reprint A004 \
	    --printer antri-raw --timeout 20
	expect_match "A004 recorded printed" "$OUT/last.out" \
	    '"print":"printed"'
	check "A004 reached the socket" wait_for 10 test -f "$WORK/recv.2"
	check "A004 as ESC/POS" "$BIN/tests/print_check" escpos \
	    "$WORK/recv.2" 384 --cut
	expect_exit 3 "unknown queue" A printer --printer no-such-queue
	tail -n 5 "$C/log/error_log" >"$OUT/cupsd-error.log" 2>/dev/null
else
	fail "private cupsd did not start: $(tail -n 5 "$OUT/cupsd.out" \
	    "$C/log/error_log" 2>/dev/null)"
fi
unset CUPS_SERVER

# ---- the image of the ticket ---------------------------------------------------
check "print-test --png" A print-test --png "$OUT/ticket-58.png"
check "PNG is a 384-dot wide image" sh -c \
    "identify '$OUT/ticket-58.png' | grep -q ' PNG 384x'"
check "print-test --png 80 mm English" A print-test --png \
    "$OUT/ticket-80-en.png" --paper 80 --lang en
check "PNG is a 576-dot wide image" sh -c \
    "identify '$OUT/ticket-80-en.png' | grep -q ' PNG 576x'"
expect_exit 2 "print-test: bad --format" A print-test --format zpl --png x
expect_exit 2 "print-test: bad --paper" A print-test --paper 60 --png x
expect_exit 2 "reprint: no ticket given" A reprint
expect_exit 1 "printer: none configured" A printer
expect_exit 2 "reprint: unknown ticket" A reprint Z999 --printer "$DEAD"

finish
