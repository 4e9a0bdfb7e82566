#!/bin/sh
# kiosk_print.sh - the kiosk's tickets on a real IPP printer (ippeveprinter
# keeping each job as a file): a tap prints the ticket and the screen says
# "printed"; on a printer out of paper the ticket is still issued, the
# screen says "printer problem: remember or photograph your number" and the
# ticket is listed by `antri print-failed`, and the home screen then warns
# the next visitor before the tap that no paper ticket will come; the
# manager's screen reprints the last ticket and shows the printer's state
# (in the screen's language, and the printer's own words on their own line).
. "$(dirname "$0")/../helpers/lib.sh"
. "$(dirname "$0")/../helpers/kiosk_lib.sh"

PIDS=""
WORK=$(mktemp -d /tmp/antri-kprint.XXXXXX)
cleanup() {
	[ -n "$KPID" ] && kill -KILL "$KPID" 2>/dev/null
	for p in $PIDS; do kill "$p" 2>/dev/null; done
	rm -rf "$WORK"
}
trap cleanup EXIT
unset ANTRI_CONFIG CUPS_SERVER

. "$(dirname "$0")/../helpers/printer_lib.sh"
start_system_dbus
printer_commands

DB="$OUT/kprint.db"
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.layout"
"$ANTRI" --db "$DB" init --demo >/dev/null
echo 1234 | "$ANTRI" --db "$DB" pin set >/dev/null

# --- a good printer
start_printer good "$WORK/keep.sh" || { finish; exit 1; }
printf '[printer]\nprinter = %s\n[kiosk]\nreturn_s = 30\n' "$URI" \
    >"$OUT/good.conf"
kstart --config "$OUT/good.conf"
wait_frame "home drawn" "^frame [0-9]+ home - 0$" 15
mark
tap home service A
wait_frame "ticket A001 shown" "ticket A001" 5
wait_frame "the screen says printed" "ticket A001 0 print=printed" 15
i=0
while [ ! -f "$WORK/jobs/1" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
check "the printer received the ticket" test -s "$WORK/jobs/1"
shot print-printed
# the manager reprints it
set -- $(pos home corner 0)
sleep 1.2                           # the ticket's 1 s
mark
tap home service A                  # back home
wait_frame "a tap on the ticket goes home" "home" 3
mark
longpress "$1" "$2" 3.4
wait_frame "PIN pad" "pin" 3
typepin 1234
wait_frame "manager's screen" "manager" 5
shot print-manager
tap manager reprint 0
i=0
while [ ! -f "$WORK/jobs/2" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
check "reprint of the last ticket reached the printer" test -s "$WORK/jobs/2"
tap manager testprint 0
i=0
while [ ! -f "$WORK/jobs/3" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
check "test print reached the printer" test -s "$WORK/jobs/3"
expect_eq "the test print issued no ticket" "$(issued A)" 1
kstop

# --- a printer out of paper
start_printer nopaper "$WORK/nopaper.sh" || { finish; exit 1; }
printf '[printer]\nprinter = %s\ntimeout = 10\n[kiosk]\nreturn_s = 30\n' \
    "$URI" >"$OUT/bad.conf"
kstart --config "$OUT/bad.conf"
wait_frame "home drawn" "^frame [0-9]+ home - 0$" 15
mark
tap home service B
wait_frame "ticket B001 shown" "ticket B001" 5
wait_frame "the screen says printer problem" "ticket B001 0 print=failed" 20
expect_eq "the ticket is issued all the same" "$(issued B)" 1
shot print-failed
# the manager's screen: "Kertas habis" and the printer's own words apart
sleep 1.2                           # the ticket's 1 s
mark
tap home service B                  # back home
set -- $(pos home corner 0)
wait_frame "a tap on the ticket goes home" "home" 3
mark
longpress "$1" "$2" 3.4
wait_frame "PIN pad" "pin" 3
typepin 1234
wait_frame "manager's screen" "manager" 5
shot print-manager-nopaper
xdotool key Escape
"$ANTRI" --db "$DB" print-failed >"$OUT/failed.txt" 2>&1
expect_match "print-failed lists B001" "$OUT/failed.txt" "B001"
# the printer goes away (switched off, cable out): the home screen tells
# the next visitor before the tap that no paper ticket will come
sleep 1.2
tap home service B                  # back home
nopaper_pid=${PIDS##* }
kill "$nopaper_pid"
wait "$nopaper_pid" 2>/dev/null
mark
wait_frame "printer gone: the home screen warns before the tap" \
    "^frame [0-9]+ home - 0 printer=blocked$" 20
shot print-home-blocked
mark
tap home service A
wait_frame "a tap still gives a number" "ticket A002" 5
wait_frame "and says the paper failed" "ticket A002 0 print=failed" 20
shot print-failed-offline
sleep 1.2
tap home service A
# the manager: the state in the screen's language, the printer's words apart
set -- $(pos home corner 0)
sleep 3.2
mark
longpress "$1" "$2" 3.4
wait_frame "PIN pad" "pin" 3
typepin 1234
wait_frame "manager's screen" "manager" 5
shot print-manager-offline
kstop
finish
