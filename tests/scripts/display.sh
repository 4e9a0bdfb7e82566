#!/bin/sh
# display.sh - antri-display headless (SDL's dummy video driver, software
# renderer): the frame after `antri next --counter 2` shows that number and
# counter (read from the scene file the display writes, --scene), the
# called number is at least 15% of the height, history is not announced at
# start-up, a recall is announced again, three calls within 100 ms give
# three announcements in order, a missing database shows the waiting page
# and recovers, bad arguments exit 2.  Audio content: display_audio.sh.
. "$(dirname "$0")/../helpers/lib.sh"
DISP="$BIN/antri-display"
DB="$OUT/d.db"
SCENE="$OUT/scene.txt"
TRACE="$OUT/trace.txt"
rm -f "$DB" "$DB-wal" "$DB-shm" "$SCENE" "$TRACE"
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
printf '[display]\nvoice = false\nhighlight_s = 3\n' >"$OUT/quiet.conf"
A() { "$ANTRI" --db "$DB" "$@"; }


# the first complete frame in SCENE that starts after line $1
frame_after() {
	awk -v from="$1" 'NR > from && /^frame / { on = 1; next }
	    on && /^end$/ { exit } on { print }' "$SCENE"
}

CONF="$OUT/quiet.conf"
start() {   # DB WxH (env is passed through)
	"$DISP" --scene "$SCENE" --trace "$TRACE" --renderer software --config \
	    "$CONF" --db "$1" --windowed "$2" 2>"$OUT/display.err" &
	PID=$!
}

stop() {
	kill "$PID" 2>/dev/null
	wait "$PID"
	rc=$?
	expect_eq "display exits cleanly on SIGTERM" "$rc" 0
}

check "init --demo" A init --demo
for i in 1 2 3 4 5 6; do A issue A >/dev/null; done
A issue B >/dev/null
check "a call before the display starts" A next --counter 1

start "$DB" 1280x720
check "display draws a first frame" wait_match "$SCENE" '^end$'
check "display traces its start" wait_match "$TRACE" '^start '
sleep 0.3
if grep -q '^announce' "$TRACE"; then fail "history was announced"
else pass; fi
expect_match "start-up shows the last call in the big box" "$SCENE" \
    '^text main_number .* A001$'

# next --counter 2: the next frame shows A002 at counter 2
lines=$(wc -l <"$SCENE")
check "next --counter 2" A next --counter 2
check "display presents the call" wait_match "$TRACE" '^present A002 2 '
frame_after "$lines" >"$OUT/frame.txt"
expect_match "the next frame has the number in the big box" \
    "$OUT/frame.txt" '^text main_number [0-9]+ [0-9]+ [0-9]+ [0-9]+ A002$'
expect_match "the next frame has the counter in the big box" \
    "$OUT/frame.txt" '^text main_counter [0-9]+ [0-9]+ [0-9]+ [0-9]+ 2$'
expect_match "the next frame has it in counter 2's tile" \
    "$OUT/frame.txt" '^text tile_number .* A002$'
expect_match "the frame is highlighted" "$SCENE" '^frame .* highlight 1$'
h=$(awk '/^text main_number/ { print $6 }' "$OUT/frame.txt")
expect_eq "the big number is >= 15% of 720 px high" \
    "$([ "${h:-0}" -ge 108 ] && echo yes)" yes
expect_match "the call was announced" "$TRACE" \
    '^announce called A002 2 [0-9]+ clips=chime,nomor_antrian,a,0,0,2,silakan_menuju_loket,2$'
expect_match "the room's occupancy is shown" "$OUT/frame.txt" \
    '^text occupancy .* [0-9]+ / 10$'
expect_match "the notice is shown" "$OUT/frame.txt" '^text notice .*PTSP'

# a recall is announced again
check "recall --counter 2" A recall --counter 2
check "the recall is announced" wait_match "$TRACE" '^announce recalled A002 2 '

# three calls within 100 ms, at once from three processes: three
# announcements, in the order the database committed them
A issue A >/dev/null; A issue A >/dev/null; A issue B >/dev/null
before=$(grep -c '^announce called' "$TRACE")
pids=
for c in 1 2 3; do A next --counter $c >"$OUT/call$c.txt" & pids="$pids $!"; done
for p in $pids; do wait "$p"; done
n=0
while [ "$(grep -c '^announce called' "$TRACE")" -lt $((before + 3)) ] &&
    [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
sleep 0.3
expect_eq "three announcements, none dropped, none doubled" \
    "$(grep -c '^announce called' "$TRACE")" $((before + 3))
# the committed order, from the events log itself
timeout --foreground -k 5 2 "$ANTRI" --db "$DB" --json watch --all --count 100000 \
    >"$OUT/events.json" 2>/dev/null
want=$(grep '"kind":"called"' "$OUT/events.json" | tail -n 3 |
    sed 's/.*"number":"\([A-Z0-9]*\)".*"counter":\([0-9]*\).*/\1 \2,/' |
    tr -d '\n')
got=$(grep '^announce called' "$TRACE" | tail -n 3 |
    awk '{ printf "%s %s,", $3, $4 }')
expect_eq "three calls announced, in commit order" "$got" "$want"
ts=$(grep '^announce called' "$TRACE" | tail -n 3 | awk '{ print $5 }')
span=$(echo "$ts" | sort -n | awk 'NR == 1 { a = $1 } { b = $1 } END { print b - a }')
echo "the three calls were committed within $span ms (aim: 100 ms)"
stop

# without inotify hints (plain 5 ms polling) calls are seen all the same;
# and with the voice on but no audio device the display works silently
rm -f "$SCENE"
printf '[display]\nvoice = true\npoll = yes\n' >"$OUT/voice.conf"
CONF="$OUT/voice.conf"
SDL_AUDIODRIVER=no-such-driver start "$DB" 1280x720
CONF="$OUT/quiet.conf"
check "polling display starts" wait_match "$SCENE" '^end$'
A issue A >/dev/null
out=$(A next --counter 1)
check "polling display presents the call" wait_match "$TRACE" \
    "^present $(echo "$out" | cut -d' ' -f1) 1 "
expect_match "no audio device: it says it is silent" "$OUT/display.err" \
    'silent: no audio'
expect_match "no audio device: trace says audio=off" "$TRACE" \
    '^start audio=off'
stop

# portrait, and the layout's numbers fit
rm -f "$SCENE"
start "$DB" 720x1280
check "portrait frame" wait_match "$SCENE" '^end$'
expect_match "portrait shows the last call" "$SCENE" '^text main_number '
h=$(awk '/^text main_number/ { print $6; exit }' "$SCENE")
expect_eq "portrait: big number >= 15% of 1280 px" \
    "$([ "${h:-0}" -ge 192 ] && echo yes)" yes
# the demo notice is too long for 720 px: it scrolls, in frames that
# repeat the static picture and move only the notice
check "portrait: the long notice scrolls" wait_match "$SCENE" \
    '^frame .* scroll$' 30
sleep 0.3
xs=$(awk '/^frame .* scroll$/ { on = 1; next } on && /^text notice/ \
    { print $3; on = 0 }' "$SCENE" | sort -u | wc -l)
expect_eq "portrait: the notice moves between frames" \
    "$([ "$xs" -ge 3 ] && echo yes)" yes
expect_match "portrait: scroll frames keep the big number" "$(awk \
    '/^frame .* scroll$/ { n++ } n == 2 { print }' "$SCENE" \
    >"$OUT/scroll.txt"; echo "$OUT/scroll.txt")" '^text main_number '
stop

# no database yet: the waiting page, then it recovers by itself
rm -f "$SCENE" "$OUT/late.db"
start "$OUT/late.db" 1280x720
check "waiting page without a database" wait_match "$SCENE" '^text wait '
"$ANTRI" --db "$OUT/late.db" init --demo >/dev/null
check "recovers when the database appears" wait_match "$SCENE" \
    '^text main_title ' 50
"$ANTRI" --db "$OUT/late.db" issue A >/dev/null
"$ANTRI" --db "$OUT/late.db" next --counter 1 >/dev/null
check "and follows it" wait_match "$TRACE" '^present A001 1 '
# the file replaced under it (deleted, made anew): it follows the new one
lines=$(wc -l <"$SCENE")
rm -f "$OUT/late.db" "$OUT/late.db-wal" "$OUT/late.db-shm"
"$ANTRI" --db "$OUT/late.db" init --demo >/dev/null
n=0
until awk -v from="$lines" 'NR > from && /^text main_number .* ---$/ \
    { f = 1 } END { exit !f }' "$SCENE" || [ $n -gt 50 ]; do
	sleep 0.1; n=$((n + 1))
done
expect_eq "shows the new, empty database" "$([ $n -le 50 ] && echo yes)" yes
"$ANTRI" --db "$OUT/late.db" issue B >/dev/null
"$ANTRI" --db "$OUT/late.db" next --counter 3 >/dev/null
check "follows a database made anew" wait_match "$TRACE" '^present B001 3 '
stop

# a file that is not a database: the waiting page says so
rm -f "$SCENE"
echo "not a database at all, just text that is long enough to look" \
    >"$OUT/junk.db"
start "$OUT/junk.db" 1280x720
check "waiting page for a file that is not a database" wait_match "$SCENE" \
    '^text wait_reason '
stop

# admissions, decided from the events: let in from outside is announced
# (even right after the issue) and listed under "silakan masuk", newest
# first and marked; let in at the kiosk is neither; a call takes it off
rm -f "$SCENE" "$OUT/adm.db"*
B() { "$ANTRI" --db "$OUT/adm.db" "$@"; }
B init --demo >/dev/null
B limit 1 >/dev/null
B issue A >/dev/null
B issue A >/dev/null
B issue A >/dev/null
start "$OUT/adm.db" 1280x720
check "admissions: first frame" wait_match "$SCENE" '^end$'
B issue A >/dev/null
B limit 3 >/dev/null
check "admitted from outside: announced" wait_match "$TRACE" \
    '^announce admitted A002 0 [0-9]+ clips=chime,silakan_masuk,a,0,0,2$'
check "the second one too" wait_match "$TRACE" '^announce admitted A003 '
check "the newest admission shown" wait_match "$SCENE" \
    '^text admitted_new .* A003$'
sleep 0.2
awk '/^frame /{ f = "" } { f = f $0 "\n" } /^end$/ { last = f }
    END { printf "%s", last }' "$SCENE" >"$OUT/adm.txt"
expect_match "the newest admission is marked" "$OUT/adm.txt" \
    '^text admitted_new .* A003$'
expect_match "the one before is listed" "$OUT/adm.txt" '^text admitted .* A002$'
expect_eq "only those two are listed" \
    "$(grep -cE '^text admitted(_new)? ' "$OUT/adm.txt")" 2
B limit 10 >/dev/null
B issue B >/dev/null
check "the limit raised: A004 let in from outside" wait_match "$TRACE" \
    '^announce admitted A004 '
B next --counter 1 >/dev/null
check "a call after it" wait_match "$TRACE" '^announce called A001 1 '
sleep 0.3
if grep -q '^announce admitted B001' "$TRACE"; then
	fail "B001, let in at the kiosk, was announced"
else pass; fi
B next --counter 2 >/dev/null
check "A002 called" wait_match "$TRACE" '^present A002 2 '
sleep 0.3
awk '/^frame /{ f = "" } { f = f $0 "\n" } /^end$/ { last = f }
    END { printf "%s", last }' "$SCENE" >"$OUT/adm2.txt"
expect_eq "called: off the list; admitted at the kiosk: never on it" \
    "$(grep -E '^text admitted(_new)? ' "$OUT/adm2.txt" | awk '{ print $NF }' |
    tr '\n' ' ')" "A004 A003 "
stop

# bad arguments: usage, exit 2; --help: the usage on stdout, exit 0
expect_exit 2 "unknown option" "$DISP" --bogus
expect_exit 2 "bad window size" "$DISP" --windowed 12by3
expect_exit 0 "--help" "$DISP" --help
"$DISP" --help >"$OUT/help.out" 2>"$OUT/help.err"
expect_match "--help: usage on stdout" "$OUT/help.out" '^usage: antri-display'
expect_eq "--help: nothing on stderr" "$(wc -c <"$OUT/help.err")" 0
expect_exit 1 "bad config" "$DISP" --config /nonexistent/antri.conf
finish
