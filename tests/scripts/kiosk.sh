#!/bin/sh
# kiosk.sh - antri-kiosk under Xvfb, driven by xdotool like a visitor and a
# manager: a tap issues a ticket of the right service, a double tap and a
# hammering child give one ticket, a full room under refuse issues nothing
# and under hold issues a ticket for outside, the home screen follows
# changes made elsewhere and draws nothing while idle, the manager's PIN
# pad refuses a wrong PIN and the right one changes the room, Escape and
# Alt+F4 do not leave, SIGTERM does, and a missing database shows "out of
# service" until it appears.  Checks go through `antri` (SQL only to wait
# for the PIN's events), the kiosk's frame trace (--trace); screenshots in $OUT with SHOTS=1.  Waits
# are for a frame, a row or a process; the few sleeps left are the kiosk's
# own timers (the ticket's 1 s, the 2 s repeat guard, the 3 s long press):
# there the time itself is what the test waits for.
. "$(dirname "$0")/../helpers/lib.sh"
. "$(dirname "$0")/../helpers/kiosk_lib.sh"

DB="$OUT/kiosk.db"
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.layout"
"$ANTRI" --db "$DB" init --demo >/dev/null
echo 1234 | "$ANTRI" --db "$DB" pin set >/dev/null
# a ticket stays until tapped (not 8 s): on a loaded machine the steps
# between showing it and the tap that sends it home took longer, and that
# tap issued a ticket
printf '[kiosk]\nreturn_s = 120\n' >"$OUT/kiosk.conf"

# --help: the usage on stdout, exit 0; bad command lines: usage on stderr
# and exit 2, nothing opened
"$KIOSK" --help >"$OUT/help.out" 2>"$OUT/help.err"
expect_eq "--help exits 0" $? 0
expect_match "--help: the usage on stdout" "$OUT/help.out" "^usage: antri-kiosk"
expect_eq "--help: nothing on stderr" "$(wc -c <"$OUT/help.err")" 0
"$KIOSK" --bogus >"$OUT/bad.out" 2>"$OUT/bad.err"
expect_eq "a bad option exits 2" $? 2
expect_match "a bad option: the usage on stderr" "$OUT/bad.err" "^usage: antri-kiosk"
expect_eq "a bad option: nothing on stdout" "$(wc -c <"$OUT/bad.out")" 0
expect_exit 2 "unknown option" "$KIOSK" --db "$DB" --bogus
expect_exit 2 "bad window size" "$KIOSK" --db "$DB" --windowed 10x10
expect_exit 2 "window size not WxH" "$KIOSK" --db "$DB" --windowed big
expect_exit 2 "option without its value" "$KIOSK" --db

kstart --config "$OUT/kiosk.conf"
wait_frame "home screen drawn with the queue" "^frame [0-9]+ home - 0$" 15
shot home

# --- a tap issues one ticket of that service
mark
tap home service A
wait_frame "ticket screen shows A001" "ticket A001" 5
expect_eq "one A ticket in the queue" "$(issued A)" 1
expect_eq "no other service got one" "$(issued B)" 0
shot ticket
timeout --foreground -k 5 2 "$ANTRI" --db "$DB" watch --all >"$OUT/events1" 2>/dev/null
expect_match "issued by this kiosk's actor" "$OUT/events1" \
    "issued +A001 by kiosk:test"
sleep 1.2                        # the ticket ignores taps for 1 s
mark
tap home service A               # on the ticket: any tap goes home
wait_frame "a tap on the ticket goes home" "home" 3

# --- a double tap, then a child hammering, issue one ticket
sleep 2.2                        # past the 2 s repeat guard of A001
mark
tap home service B 2
sleep 0.4                        # a child's pace, not a wait
for i in 1 2 3 4 5 6; do tap home service B; sleep 0.15; done
# every tap handled: eight presses after the mark
wait_until "the kiosk took the eight presses" 20 \
    sh -c "[ \$(tail -n +$((MARK + 1)) '$TRACE' | grep -c '^press') -ge 8 ]"
expect_eq "double tap and hammering: one B ticket" "$(issued B)" 1
wait_frame "ticket screen shows B001" "ticket B001" 3
if frames "ticket B002" >/dev/null; then fail "a second B ticket shown"
else pass; fi

# --- the room full under refuse: nothing issued, the screen says so
"$ANTRI" --db "$DB" limit 2 >/dev/null
"$ANTRI" --db "$DB" policy refuse >/dev/null
sleep 2.2                         # past the repeat guard of B
mark
tap home service C                # first tap: from the ticket to home
wait_frame "home redrawn" "home" 3
shot home-full-refuse
mark
tap home service C
wait_frame "refused screen: room full (Q_EFULL)" "refused - -2$" 5
expect_eq "refuse: no C ticket" "$(issued C)" 0
shot refused-full
sleep 1.0                         # the refused screen's 1 s
mark
tap home service C
wait_frame "the refused screen goes home on a tap" "home" 3

# --- the room full under hold: a ticket for outside
"$ANTRI" --db "$DB" policy hold >/dev/null
mark
tap home service C
wait_frame "hold: ticket C001 shown" "ticket C001" 5
expect_eq "hold: one C ticket" "$(issued C)" 1
expect_eq "hold: C001 waits outside" "$(field C outside)" 1
shot ticket-outside
sleep 1.0                         # the ticket's 1 s
mark
tap home service C
wait_frame "the ticket goes home on a tap" "home" 3

# --- a service whose daily quota is used up says so and issues nothing
sleep 1.2                         # past the repeat guard of C001
"$ANTRI" --db "$DB" service quota B 1 >/dev/null
mark
tap home service B
wait_frame "quota reached: refused screen (Q_EQUOTA)" "refused - -4$" 5
expect_eq "quota: still one B ticket" "$(issued B)" 1
sleep 1.0                         # the refused screen's 1 s
mark
tap home service B
wait_frame "the refused screen goes home on a tap" "home" 3
shot home-quota
"$ANTRI" --db "$DB" service quota B 0 >/dev/null

# --- English for this visitor
mark
tap home lang 0
wait_frame "English: the home screen redrawn" "home" 3
shot home-english
mark
tap home lang 0
wait_frame "Indonesian again" "home" 3

# --- large text, high contrast: a button on the home screen, kept for
# this visitor's ticket, gone for the next one
mark
tap home big 0
wait_frame "large text: the home screen redrawn so" "^frame [0-9]+ home - 0 big$" 3
shot home-big
mark
tap home service A
wait_frame "large text: the ticket too" "ticket A002 0 print=none big$" 5
shot ticket-big
sleep 1.1                         # the ticket's 1 s
mark
tap home service A
wait_frame "the next visitor: normal text again" "^frame [0-9]+ home - 0$" 3

# --- the home screen follows other programs, and idles without drawing
mark
"$ANTRI" --db "$DB" issue D >/dev/null
wait_frame "home redrawn after another program issued" "home" 2
sleep 0.5
mark
sleep 2                           # two idle seconds: no frame in them
n=$(frames . | wc -l)
if [ "$n" -le 1 ]; then pass; else fail "idle home drew $n frames in 2 s"; fi

# --- Escape and Alt+F4 do not leave the kiosk: still there and drawing
# after both (the frame a later change asks for)
xdotool key Escape
xdotool key alt+F4
mark
"$ANTRI" --db "$DB" issue D >/dev/null
wait_frame "after Escape and Alt+F4 the kiosk still draws" "home" 3
if kill -0 "$KPID" 2>/dev/null; then pass
else fail "the kiosk left on Escape or Alt+F4"; fi

# --- the manager: long press, wrong PIN, right PIN, changes
set -- $(pos home corner 0)
mark
longpress "$1" "$2" 1
sleep 0.3                         # a negative: no PIN pad after it
if frames "pin" >/dev/null; then fail "PIN pad opened on a short press"
else pass; fi
mark
longpress "$1" "$2" 3.4
wait_frame "a 3 s press in the corner opens the PIN pad" "pin" 3
shot pin
lim0=$("$ANTRI" --db "$DB" limit)
typepin 9999
pin_failed() { [ "$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE \
    kind = 'pin_failed' AND actor = 'kiosk:test'")" -ge "$1" ]; }
wait_until "wrong PIN is an event" 20 pin_failed 1
expect_eq "wrong PIN: limit unchanged" "$("$ANTRI" --db "$DB" limit)" "$lim0"
if frames "manager" >/dev/null; then fail "wrong PIN opened the manager"
else pass; fi
timeout --foreground -k 5 2 "$ANTRI" --db "$DB" watch --all >"$OUT/events2" 2>/dev/null
expect_match "wrong PIN is an event" "$OUT/events2" "pin_failed.*kiosk:test"
mark
typepin 1234
wait_frame "right PIN opens the manager's screen" "manager" 5
shot manager
lim0=$("$ANTRI" --db "$DB" --json status | jq .limit)
st() { "$ANTRI" --db "$DB" --json status | jq -r "$1"; }
is() { [ "$(st "$1")" = "$2" ]; }
tap manager limit_up 0
wait_until "limit up from the manager's screen" 20 is .limit $((lim0 + 1))
tap manager refuse 0
wait_until "policy refuse from the manager's screen" 20 is .policy refuse
tap manager m_service D
wait_until "service D closed from the manager's screen" 20 \
    is '.services[] | select(.code == "D") | .open' false
timeout --foreground -k 5 2 "$ANTRI" --db "$DB" watch --all >"$OUT/events3" 2>/dev/null
expect_match "limit change is an event by the kiosk" "$OUT/events3" \
    "limit_changed.*kiosk:test"
expect_match "service closed by the kiosk" "$OUT/events3" \
    "service_closed +service D by kiosk:test"
shot manager-after
mark
tap manager back 0
wait_frame "back to the home screen" "home" 3
shot home-after-manager

# --- "leave the kiosk" from the manager's screen ends it with status 0
set -- $(pos home corner 0)
mark
longpress "$1" "$2" 3.4
wait_frame "PIN pad again" "pin" 3
typepin 1234
wait_frame "manager's screen again" "manager" 5
tap manager quit 0
i=0
while kill -0 "$KPID" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$KPID" 2>/dev/null; then fail "leave the kiosk: still running"
else
	wait "$KPID"
	expect_eq "leave the kiosk: exit status" $? 0
	KPID=""
fi

# --- five wrong PINs lock the pad: the right one is refused for a while
kstart --config "$OUT/kiosk.conf"
wait_frame "home drawn again" "^frame [0-9]+ home - 0$" 15
mark
longpress "$1" "$2" 3.4
wait_frame "PIN pad for the lock test" "pin" 3
n0=$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE kind = 'pin_failed' \
    AND actor = 'kiosk:test'")
for i in 1 2 3 4 5; do
	typepin 0000
	wait_until "wrong PIN $i is an event" 20 pin_failed $((n0 + i))
done
mark
typepin 1234
wait_until "the kiosk took the right PIN's five taps" 20 \
    sh -c "[ \$(tail -n +$((MARK + 1)) '$TRACE' | grep -c '^press') -ge 5 ]"
sleep 1.5                         # a negative: no manager's screen in 1.5 s
wait_frame "the pad says it is locked" "pin - 0 locked=[0-9]+$" 3
if frames "manager" >/dev/null; then fail "right PIN accepted while locked"
else pass; fi
shot pin-locked
timeout --foreground -k 5 2 "$ANTRI" --db "$DB" watch --all >"$OUT/events4" 2>/dev/null
n=$(grep -c "pin_failed.*kiosk:test" "$OUT/events4")
if [ "$n" -ge 6 ]; then pass; else fail "wrong PINs as events: $n, wanted >= 6"; fi
# the countdown counts down (it stood still before): a frame with less
# time left than the first one
l1=$(frames "locked=" | tail -n 1 | sed 's/.*locked=//')
lower() { l=$(frames "locked=" | tail -n 1 | sed 's/.*locked=//')
    [ -n "$l1" ] && [ -n "$l" ] && [ "$l" -lt "$l1" ]; }
wait_until "lockout countdown: below $l1 s" 10 lower
# digits tapped on the locked pad (where the home screen has its
# services) issue nothing and leave the pad as it is.  That it also stays
# past its 30 s idle time while locked is test_kiosk.c's (a fake clock)
before=$(( $(issued A) + $(issued B) + $(issued C) + $(issued D) + $(issued P) ))
mark
for d in 1 2 3 4 5 6 7 8 9 0; do tap pin pin_digit "$d"; done
wait_until "the kiosk took the ten taps" 20 \
    sh -c "[ \$(tail -n +$((MARK + 1)) '$TRACE' | grep -c '^press') -ge 10 ]"
if frames "^frame [0-9]+ home" >/dev/null; then
	fail "the pad went home while locked: $(frames home | head -n 1)"
else pass; fi
wait_frame "the pad still counts down" "pin - 0 locked=[0-9]+$" 2
shot pin-locked-30s
after=$(( $(issued A) + $(issued B) + $(issued C) + $(issued D) + $(issued P) ))
expect_eq "digits on the locked pad issue no ticket" "$after" "$before"
# leaving the pad: taps right after it are still the manager's
mark
xdotool key Escape
wait_frame "Escape leaves the pad" "^frame [0-9]+ home" 3
tap home service A
sleep 0.5                         # a negative: no ticket after it
after=$(( $(issued A) + $(issued B) + $(issued C) + $(issued D) + $(issued P) ))
expect_eq "a tap just after leaving the pad issues nothing" "$after" "$before"
kstop
"$ANTRI" --db "$DB" check >"$OUT/check.out" 2>&1
expect_eq "antri check passes" $? 0

# --- a missing database: out of service, then recovery
DB="$OUT/missing.db"
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.layout"
kstart --config "$OUT/kiosk.conf"
wait_frame "missing database: out of service (Q_ENODB)" "home - -34$" 15
shot out-of-service
mark
"$ANTRI" --db "$DB" init --demo >/dev/null
wait_frame "recovers when the database appears" "home - 0$" 6
mark
tap home service P
wait_frame "and issues again" "ticket P001" 5
kstop
finish
