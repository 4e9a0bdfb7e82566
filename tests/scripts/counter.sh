#!/bin/sh
# counter.sh - antri-counter under Xvfb, driven by xdotool, checked through
# `antri --json status` and `antri watch --all --json` (no SQL here).
#
# Two panels (counters 1: AP and 2: ABP) on a demo database with tickets
# waiting: N calls the oldest admitted ticket of the counter's services; N
# in both at once never calls one ticket twice; recall, done, no-show,
# transfer (key and tap) and pause change the database as the core's rules
# say; "room full" is told apart from "nobody waiting"; a panel started on
# a missing database says so, does nothing on N, and works once the
# database appears.  Screenshots go to $OUT.
. "$(dirname "$0")/../helpers/lib.sh"

PANEL="$BIN/antri-counter"
if [ ! -x "$PANEL" ] || [ ! -x "$ANTRI" ]; then
	fail "no $PANEL or $ANTRI: build them first (make testbins)"
	finish
	exit 1
fi
if [ -z "${IN_XVFB:-}" ]; then
	# bad arguments need no screen
	expect_exit 2 "no --counter" "$PANEL"
	expect_exit 2 "--counter not a number" "$PANEL" --counter x
	expect_exit 2 "--counter 0" "$PANEL" --counter 0
	expect_exit 2 "unknown option" "$PANEL" --counter 1 --bogus
	expect_exit 2 "--lang fr" "$PANEL" --counter 1 --lang fr
	expect_exit 2 "--windowed 12" "$PANEL" --counter 1 --windowed 12
	expect_exit 2 "--db without value" "$PANEL" --counter 1 --db
	expect_match "usage printed" "$OUT/last.err" "usage: antri-counter"
	# asked for, the usage is no error: stdout, exit 0
	expect_exit 0 "--help" "$PANEL" --help
	expect_match "--help: usage on stdout" "$OUT/last.out" \
	    "usage: antri-counter"
	expect_eq "--help: nothing on stderr" "$(cat "$OUT/last.err")" ""
	expect_exit 0 "-h" "$PANEL" -h
	in_xvfb 1600x900x24
fi

TMP=$(mktemp -d)
DB="$TMP/antri.db"
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	for p in $pids; do wait "$p" 2>/dev/null; done
	rm -rf "$TMP"
}
trap cleanup EXIT

a() { "$ANTRI" --db "$DB" "$@"; }
status() { a --json status >"$TMP/st.json" 2>/dev/null; }
# current ticket of counter N, "-" when none
cur() { status && jq -r ".counters[] | select(.number==$1) |
	(.current.number // \"-\")" "$TMP/st.json"; }
cstate() { status && jq -r ".counters[] | select(.number==$1) | .state" \
	"$TMP/st.json"; }
waiting() { status && jq -r ".services[] | select(.code==\"$1\") |
	.waiting" "$TMP/st.json"; }
# every event so far, one JSON object per line
events() {
	status || return 1
	n=$(jq -r .last_event "$TMP/st.json")
	timeout --foreground -k 5 10 "$ANTRI" --db "$DB" watch --all --count "$n" --json
}
# how many events of KIND (at counter C, for ticket T when given)
nevents() {
	events | jq -r "select(.kind==\"$1\") | \"\(.counter) \(.number)\"" |
	    grep -c "^${2:-[0-9]*} ${3:-}" || true
}

# wait_for DESCRIPTION COMMAND...: passes once the command succeeds; fails
# after a generous deadline (a failure guard, not a timing check)
wait_for() {
	d=$1; shift
	i=0
	while [ $i -lt 150 ]; do
		if "$@" >/dev/null 2>&1; then pass; return 0; fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "$d: still not true: $*"
	return 1
}
is() { [ "$("$1" "$2")" = "$3" ]; }
isnt() { [ "$("$1" "$2")" != "$3" ]; }
# nev_is N KIND [COUNTER [TICKET]]: exactly N such events
nev_is() { want=$1; shift; [ "$(nevents "$@")" = "$want" ]; }

# start_panel COUNTER LANG WxH DB [CONFIG]: sets W to its window
start_panel() {
	"$PANEL" --renderer software --db "$4" --counter "$1" --lang "$2" --windowed "$3" \
	    ${5:+--config "$5"} >"$OUT/panel$1.log" 2>&1 &
	pids="$pids $!"
	if wait_window "$!" "^(Loket|Counter) $1 " "$OUT/panel$1.log"; then
		pass
	else
		fail "panel $1 has no window"
	fi
}
key() { xdotool key --window "$1" "$2"; }
# shot WINDOW NAME: with SHOTS=1 only (pictures for a person), nothing
# checks them
shot() { [ -n "${SHOTS:-}" ] && [ -n "$1" ] &&
    xwd -id "$1" -silent | convert xwd:- "$OUT/$2.png"; return 0; }
# tap X Y inside window W (its own coordinates)
tap() { xdotool mousemove --window "$1" "$2" "$3" click 1; }

# a database the panel cannot use: said on stderr, nothing on stdout
printf 'this is not a database\n' >"$TMP/garbage.db"
"$PANEL" --renderer software --db "$TMP/garbage.db" --counter 7 --lang en --windowed 480x320 \
    >"$OUT/garbage.out" 2>"$OUT/garbage.err" &
gpid=$!
pids="$pids $gpid"
wait_for "garbage database: said on stderr" grep -q \
    "antri-counter 7: database .*garbage.db.*retrying" "$OUT/garbage.err"
expect_eq "garbage database: nothing on stdout" "$(cat "$OUT/garbage.out")" ""
kill "$gpid"

# the general printer line: a printer that does not answer (a free
# loopback port) is named on the panel and logged
port=$("$BIN/tests/print_listen" --free-port)
printf '[printer]\nprinter = ipp://127.0.0.1:%s/ipp/print\n' "$port" \
    >"$TMP/printer.conf"
check "init demo for the printer" "$ANTRI" --db "$TMP/printer.db" init --demo
for size in 1280x720 1600x900; do
	start_panel 1 en "$size" "$TMP/printer.db" "$TMP/printer.conf"
	wait_for "printer line at $size" grep -q \
	    "antri-counter 1: Printer: Printer not answering" "$OUT/panel1.log"
	shot "$W" "counter-printer-$size"
	cp "$OUT/panel1.log" "$OUT/panel1-printer-$size.log"
	kill "${pids##* }"
	wait "${pids##* }" 2>/dev/null
done

check "init demo" a init --demo
check "room for everyone" a limit 40
# B001 is the oldest ticket, then A001..A008
check "issue B" a issue B
for i in 1 2 3 4 5 6 7 8; do check "issue A" a issue A; done

# the rounds below press N faster than the double-tap guard allows
printf '[counter]\nrepeat_guard_ms = 0\n' >"$TMP/panel.conf"
start_panel 1 en 480x320 "$DB" "$TMP/panel.conf"
W1=$W
start_panel 2 id 800x480 "$DB" "$TMP/panel.conf"
W2=$W
# side by side: without a window manager both open centred, one on top
xdotool windowmove "$W1" 0 0 windowmove "$W2" 500 0
shot "$W1" counter1-start

# N on counter 1 (A, P) calls A001, not the older B001 it does not serve
key "$W1" n
wait_for "counter 1 calls A001" is cur 1 A001
expect_eq "counter 2 still free" "$(cur 2)" -
expect_eq "B001 still waiting" "$(waiting B)" 1
expect_eq "called by counter:1" "$(events | jq -r \
	'select(.kind=="called") | .actor')" counter:1
# counter 2 (A, B, P) calls the oldest of all: B001; keypad Enter works too
key "$W2" KP_Enter
wait_for "counter 2 calls B001" is cur 2 B001
shot "$W1" counter1-called
shot "$W2" counter2-called

# N in both at once, three times: never the same ticket twice
for round in 1 2 3; do
	c1=$(cur 1)
	c2=$(cur 2)
	key "$W1" n &
	k1=$!
	key "$W2" n &
	k2=$!
	wait $k1 $k2
	wait_for "round $round: counter 1 moved on" isnt cur 1 "$c1"
	wait_for "round $round: counter 2 moved on" isnt cur 2 "$c2"
	n1=$(cur 1)
	n2=$(cur 2)
	if [ "$n1" = "$n2" ]; then fail "round $round: both called $n1"
	else pass; fi
done
dups=$(events | jq -r 'select(.kind=="called") | .number' | sort | uniq -d)
expect_eq "no ticket called twice" "$dups" ""
expect_eq "eight calls so far" "$(nevents called)" 8
expect_eq "A008 still waiting" "$(waiting A)" 1

# recall: an event, the same ticket
t1=$(cur 1)
key "$W1" r
wait_for "recall recorded" nev_is 1 recalled 1 "$t1"
expect_eq "recall keeps the ticket" "$(cur 1)" "$t1"

# done: the ticket is finished, the counter free
key "$W1" d
wait_for "done frees counter 1" is cur 1 -
expect_eq "done event for $t1" "$(nevents done 1 "$t1")" 1

# no-show on counter 2
t2=$(cur 2)
key "$W2" x
wait_for "no-show frees counter 2" is cur 2 -
expect_eq "no_show event for $t2" "$(nevents no_show 2 "$t2")" 1

# transfer by keys: T then C sends the ticket back to wait under C
key "$W1" n
wait_for "counter 1 calls A008" is cur 1 A008
cw=$(waiting C)
key "$W1" t
shot "$W1" counter1-transfer
key "$W1" c
wait_for "transfer frees counter 1" is cur 1 -
expect_eq "A008 waits under C" "$(waiting C)" $((cw + 1))
expect_eq "transferred event" "$(nevents transferred 1 A008)" 1

# transfer by taps: Next, Transfer, then the service button for D.
# At 480x320 the pad is two rows of three along the bottom: Next is the
# first, Transfer the fifth; the choices for an A ticket are B C D P Cancel.
check "issue A" a issue A
tap "$W1" 80 242
wait_for "tap Next calls A009" is cur 1 A009
tap "$W1" 240 290
sleep 0.3
dw=$(waiting D)
tap "$W1" 400 242
wait_for "tap transfer frees counter 1" is cur 1 -
expect_eq "A009 waits under D" "$(waiting D)" $((dw + 1))
expect_eq "transferred by tap" "$(nevents transferred 1 A009)" 1

# pause and resume counter 2; while paused N calls nobody
key "$W2" p
wait_for "P pauses counter 2" is cstate 2 paused
check "issue A" a issue A
ncalls=$(nevents called)
key "$W2" n
sleep 0.5
expect_eq "paused counter calls nobody" "$(nevents called)" "$ncalls"
expect_eq "A010 still waiting" "$(waiting A)" 1
shot "$W2" counter2-paused
key "$W2" p
wait_for "P opens counter 2 again" is cstate 2 open
key "$W2" n
wait_for "counter 2 calls A010 after resuming" is cur 2 A010

# room full: counter 1 free, nobody admitted for A or P, one A outside
status
occ=$(jq -r .occupancy "$TMP/st.json")
check "limit = occupancy" a limit "$occ"
check "issue A outside" a issue A
status
expect_eq "A011 waits outside" "$(jq -r '.services[] | select(.code=="A") |
	.outside' "$TMP/st.json")" 1
key "$W1" n
wait_for "panel says the room is full" grep -q \
	"room is full and nobody has been admitted" "$OUT/panel1.log"
expect_eq "nothing called" "$(cur 1)" -
shot "$W1" counter1-room-full
# with nobody outside either it is "nobody waiting inside"
key "$W2" d
wait_for "done on 2 admits A011" is waiting A 1
key "$W1" n
wait_for "counter 1 calls A011" is cur 1 A011
key "$W1" d
wait_for "counter 1 free" is cur 1 -
key "$W1" n
wait_for "panel says nobody waiting" grep -q "Nobody waiting inside" \
	"$OUT/panel1.log"

# the core's own check over everything the panels did
check "antri check" a check
# figures, not checks: memory and CPU time of the two panels so far
for p in $pids; do
	echo "panel pid $p: $(ps -o rss=,time= -p "$p" 2>/dev/null) (RSS kB, CPU)"
done

# a panel on a missing database: says so, does nothing, recovers
DB2="$TMP/later.db"
start_panel 3 en 480x320 "$DB2"
W3=$W
xdotool windowmove "$W3" 0 400
expect_match "says the database is missing" "$OUT/panel3.log" \
	"not there yet"
key "$W3" n
wait_for "N on no database says nothing was done" grep -q \
	"No database at .*nothing was done" "$OUT/panel3.log"
if [ -e "$DB2" ]; then fail "the panel created $DB2"; else pass; fi
shot "$W3" counter3-no-database
check "create it" "$ANTRI" --db "$DB2" init --demo
check "issue B there" "$ANTRI" --db "$DB2" issue B
# press N until the panel has reconnected and called B001; it must be
# called once however often N was pressed before
i=0
while [ $i -lt 40 ]; do
	key "$W3" n
	sleep 0.3
	c=$("$ANTRI" --db "$DB2" --json status | jq -r \
	    '.counters[] | select(.number==3) | (.current.number // "-")')
	[ "$c" = B001 ] && break
	i=$((i + 1))
done
expect_eq "recovered and called B001" "$c" B001
DB=$DB2
sleep 1
expect_eq "B001 called exactly once" "$(nevents called 3 B001)" 1

cleanup
trap - EXIT
finish
