#!/bin/sh
# kiosk_checkin.sh - a remote ticket checked in at the kiosk, under Xvfb,
# as a visitor does it: a USB barcode scanner (a keyboard that types the
# QR's text fast and ends with Enter: xdotool type --delay 5, then Return)
# on the home screen with no field to tap; the code tapped on the
# check-in keypad; the code typed slowly on a keyboard (on the home
# screen that is nothing, on the keypad it fills the code).  The ticket
# moves from EXPECTED to the door in the database and the ticket screen
# shows its number; a wrong code, a used one and a cancelled one get their
# refusal and change nothing; a full room under hold sends the checked-in
# visitor outside.  Codes come from `antri remote`.  Screenshots with
# SHOTS=1 (checkin-*.png).
. "$(dirname "$0")/../helpers/lib.sh"
. "$(dirname "$0")/../helpers/kiosk_lib.sh"
unset ANTRI_CONFIG

DB="$OUT/kcheckin.db"
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.layout"
"$ANTRI" --db "$DB" init --demo >/dev/null
printf '[kiosk]\nreturn_s = 120\n' >"$OUT/checkin.conf"

# remote SERVICE: a remote ticket; sets LABEL, CODE and QR
remote() {
	"$ANTRI" --db "$DB" --json remote "$1" >"$OUT/remote.json" ||
	    { fail "antri remote $1"; return 1; }
	LABEL=$(jq -r .number "$OUT/remote.json")
	CODE=$(jq -r .code "$OUT/remote.json")
	QR=$(jq -r .qr "$OUT/remote.json")
}
state() { sqlite3 "$DB" "SELECT state FROM tickets WHERE label = '$1'"; }
# scan TEXT: a barcode scanner reads it: its characters as keys 5 ms
# apart, then Return, in one xdotool call (`xdotool type` sends a newline
# through a scratch key code SDL does not map to Return, and a second
# call for Return may come later than a scanner's)
scan() {
	# shellcheck disable=SC2046
	xdotool key --delay 5 $(echo "$1" | sed 's/./& /g; s/-/minus/g') Return
	# xdotool held up for most of a second (a loaded machine) types
	# slower than a person: then the kiosk rightly takes no scan, and
	# the scanner reads the code again, as at the door
	n=30
	while [ "$n" -gt 0 ] && ! frames "^frame [0-9]+ (wait|ticket|refused)" \
	    >/dev/null; do
		sleep 0.1
		n=$((n - 1))
	done
	if [ "$n" = 0 ]; then
		echo "note: the scan was not taken; scanning again"
		# shellcheck disable=SC2046
		xdotool key --delay 5 $(echo "$1" | sed 's/./& /g; s/-/minus/g') \
		    Return
	fi
}

# keypad CODE: tap its characters on the check-in keypad, then OK
keypad() {
	for c in $(echo "$1" | sed 's/./& /g'); do
		tap checkin ci_key "$c" || return 1
		sleep 0.05
	done
	tap checkin ci_ok 0
}
# home_again: a tap on the ticket or refusal (after its 1 s) goes home
home_again() {
	sleep 1.1
	mark
	tap home checkin 0            # any point of the screen
	wait_frame "back home" "^frame [0-9]+ home " 3
}

kstart --config "$OUT/checkin.conf"
wait_frame "home drawn" "^frame [0-9]+ home - 0$" 15
shot checkin-home

# --- a scan on the home screen checks the remote ticket in
remote A
expect_eq "a remote ticket waits EXPECTED" "$(state "$LABEL")" EXPECTED
mark
scan "$QR"
wait_frame "the scan shows the ticket $LABEL" "ticket $LABEL" 5
expect_eq "scanned: $LABEL let in" "$(state "$LABEL")" ADMITTED
timeout --foreground -k 5 2 "$ANTRI" --db "$DB" watch --all \
    >"$OUT/events" 2>/dev/null
expect_match "checked in by this kiosk" "$OUT/events" \
    "checked_in +$LABEL .*by kiosk:test"
shot checkin-scanned
FIRST_QR=$QR
home_again

# --- the same QR again: already used, nothing changes
mark
scan "$FIRST_QR"
wait_frame "used code: refused (Q_ECODEUSED)" "refused - -51$" 5
expect_eq "the used code changed nothing" "$(state "$LABEL")" ADMITTED
shot checkin-used
home_again

# --- a person typing the code slowly on the home screen: nothing
remote B
mark
# shellcheck disable=SC2046
xdotool key --delay 150 $(echo "$CODE" | sed 's/./& /g') Return
# --- ... and on the check-in keypad it fills the code, Enter is OK
# (the kiosk takes events in order: had the typing on home checked in,
# the tap would land on its ticket, not open the keypad)
tap home checkin 0
wait_frame "the check-in keypad" "^frame [0-9]+ checkin " 3
if frames "wait|ticket|refused" >/dev/null; then
	fail "slow typing on the home screen did something"
else pass; fi
expect_eq "slow typing on home: $LABEL still EXPECTED" "$(state "$LABEL")" \
    EXPECTED
# shellcheck disable=SC2046
xdotool key --delay 150 $(echo "$CODE" | tr 'A-Z' 'a-z' | sed 's/./& /g') \
    Return
wait_frame "typed on the keypad: ticket $LABEL" "ticket $LABEL" 5
expect_eq "typed: $LABEL let in" "$(state "$LABEL")" ADMITTED
home_again

# --- the code tapped on the keypad
remote C
mark
tap home checkin 0
wait_frame "the check-in keypad" "^frame [0-9]+ checkin " 3
# a wrong character first, taken back with delete
tap checkin ci_key A
tap checkin ci_del 0
mark
for c in $(echo "$CODE" | cut -c1-3 | sed 's/./& /g'); do
	tap checkin ci_key "$c"; sleep 0.05
done
wait_frame "three characters typed" "^frame [0-9]+ checkin " 3
shot checkin-keypad
mark
for c in $(echo "$CODE" | cut -c4-6 | sed 's/./& /g'); do
	tap checkin ci_key "$c"; sleep 0.05
done
tap checkin ci_ok 0
wait_frame "tapped on the keypad: ticket $LABEL" "ticket $LABEL" 5
expect_eq "tapped: $LABEL let in" "$(state "$LABEL")" ADMITTED
home_again

# --- a wrong code on the keypad: refused, nothing changes
BEFORE=$(sqlite3 "$DB" "SELECT group_concat(label || state) FROM tickets")
mark
tap home checkin 0
wait_frame "the check-in keypad" "^frame [0-9]+ checkin " 3
keypad AAAAAA
wait_frame "wrong code: refused (Q_ECODE)" "refused - -50$" 5
expect_eq "the wrong code changed no ticket" \
    "$(sqlite3 "$DB" "SELECT group_concat(label || state) FROM tickets")" \
    "$BEFORE"
shot checkin-wrong
home_again

# --- cancel leaves the keypad; the code of a ticket that ended (here
# made so by hand: `antri cancel` takes only a waiting one) is refused
remote A
sqlite3 "$DB" "UPDATE tickets SET state = 'CANCELLED' WHERE label = '$LABEL'"
mark
tap home checkin 0
wait_frame "the check-in keypad" "^frame [0-9]+ checkin " 3
mark
tap checkin ci_cancel 0
wait_frame "cancel goes home" "^frame [0-9]+ home " 3
mark
scan "$QR"
wait_frame "cancelled ticket's code: refused (Q_ECODEEXPIRED)" \
    "refused - -53$" 5
expect_eq "still cancelled" "$(state "$LABEL")" CANCELLED
home_again

# --- a booking for tomorrow: "for another day", nothing changes; one for
# later today (before 23:00): checked in early, it waits for its slot
"$ANTRI" --db "$DB" slots A --length 15 --per-slot 2 --days 14 \
    --from 00:00 --to 24:00 >/dev/null
"$ANTRI" --db "$DB" --json book A "$(date -d tomorrow +%F) 09:15" \
    >"$OUT/book.json" || fail "antri book"
NB=$(sqlite3 "$DB" "SELECT count(*) FROM tickets")
mark
scan "$(jq -r .qr "$OUT/book.json")"
wait_frame "tomorrow's booking: refused (Q_ECODEDAY)" "refused - -52$" 5
expect_eq "tomorrow's booking made no ticket" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM tickets")" "$NB"
shot checkin-otherday
home_again
if [ "$(date +%H)" -lt 23 ]; then
	"$ANTRI" --db "$DB" --json book A "$(date +%F) 23:45" \
	    >"$OUT/book.json" || fail "antri book"
	mark
	scan "$(jq -r .qr "$OUT/book.json")"
	wait_frame "an early appointment: its ticket shown" "ticket A0" 5
	expect_eq "early: its ticket waits for the slot" "$(sqlite3 "$DB" \
	    "SELECT state FROM tickets WHERE slot_ms > 0")" EXPECTED
	shot checkin-early
	home_again
else
	skip "an early appointment: too close to midnight"
fi

# --- the room full under hold: the checked-in visitor waits outside
"$ANTRI" --db "$DB" policy hold >/dev/null
"$ANTRI" --db "$DB" limit 1 >/dev/null
remote D
mark
scan "$QR"
wait_frame "full room: ticket $LABEL shown" "ticket $LABEL" 5
expect_eq "full room: $LABEL waits outside" "$(state "$LABEL")" OUTSIDE
shot checkin-outside
kstop

# --- with a printer (ippeveprinter keeping each job as a file): the
# checked-in ticket prints as a walk-in's, and the screen says so
PIDS=""
WORK=$(mktemp -d /tmp/antri-kcheckin.XXXXXX)
trap '[ -n "$KPID" ] && kill -KILL "$KPID" 2>/dev/null;
    for p in $PIDS; do kill "$p" 2>/dev/null; done; rm -rf "$WORK"' EXIT
unset CUPS_SERVER
. "$(dirname "$0")/../helpers/printer_lib.sh"
start_system_dbus
printer_commands
if start_printer good "$WORK/keep.sh"; then
	printf '[printer]\nprinter = %s\n[kiosk]\nreturn_s = 120\n' "$URI" \
	    >"$OUT/print.conf"
	"$ANTRI" --db "$DB" limit 0 >/dev/null
	kstart --config "$OUT/print.conf"
	wait_frame "home drawn (printer)" "^frame [0-9]+ home - 0" 15
	remote A
	mark
	scan "$QR"
	wait_frame "scanned with a printer: $LABEL printed" \
	    "ticket $LABEL 0 print=printed" 20
	wait_for 10 test -s "$WORK/jobs/1" && pass ||
	    fail "the printer received no job for $LABEL"
	expect_eq "its print state recorded" "$(sqlite3 "$DB" \
	    "SELECT print_state FROM tickets WHERE label = '$LABEL'")" printed
	shot checkin-printed
	kstop
fi

# --- large text: the keypad and a refusal
if [ -n "${SHOTS:-}" ]; then
	TRACE="$OUT/trace-big"
	kstart --config "$OUT/checkin.conf"
	wait_frame "home drawn" "^frame [0-9]+ home - 0$" 15
	mark
	tap home big 0
	wait_frame "large text" "home - 0 big" 3
	shot checkin-home-big
	mark
	tap home checkin 0
	wait_frame "the keypad in large text" "checkin .* big" 3
	for c in 4 7 X; do tap checkin ci_key "$c"; sleep 0.05; done
	mark
	tap checkin ci_key K
	wait_frame "typed in large text" "checkin .* big" 3
	shot checkin-keypad-big
	remote A
	mark
	scan "$QR"
	wait_frame "large text: ticket $LABEL" "ticket $LABEL" 5
	shot checkin-outside-big
	kstop
fi
finish
