#!/bin/sh
# display_db.sh - antri-display headless (dummy video, software renderer)
# while its database is locked, replaced by a file that is not a database,
# restored, deleted and made again.  Read from the scene file (--scene)
# and the trace (--trace), as in display.sh:
#  - a write lock held 3 s by the sqlite3 shell: the display keeps its
#    normal page (WAL readers are not blocked), and `antri next`, started
#    during the lock, commits right after it is released: that call is
#    shown and announced, once;
#  - the file renamed away and a text file put in its place: the waiting
#    page with the reason; the real file moved back: the normal page again,
#    and a call made then is shown and announced;
#  - the file deleted and made anew with `antri init --demo`: the new,
#    empty queue, and its first call is announced.
. "$(dirname "$0")/../helpers/lib.sh"
DISP="$BIN/antri-display"
DB="$OUT/db.db"
SCENE="$OUT/scene.txt"
TRACE="$OUT/trace.txt"
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.real"* "$DB.junkcopy" "$SCENE" "$TRACE"
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
printf '[display]\nvoice = false\nhighlight_s = 2\n' >"$OUT/quiet.conf"
A() { "$ANTRI" --db "$DB" "$@"; }
PID=""
LOCKPID=""
cleanup() {
	for p in $PID $LOCKPID; do kill "$p" 2>/dev/null; done
	for p in $PID $LOCKPID; do wait "$p" 2>/dev/null; done
}
trap cleanup EXIT

if ! command -v sqlite3 >/dev/null; then
	fail "no sqlite3 shell to hold the lock (apt-get install sqlite3)"
	finish
	exit 1
fi

# the frames in SCENE after line $1 (their text lines only)
after() { awk -v from="$1" 'NR > from' "$SCENE"; }
# wait_after LINE REGEX [TENTHS]: a line matching REGEX after line LINE
wait_after() {
	n=0
	until after "$1" | grep -Eq -- "$2"; do
		n=$((n + 1))
		[ "$n" -gt "${3:-100}" ] && return 1
		sleep 0.1
	done
	return 0
}
nlines() { wc -l <"$SCENE"; }
# how many times LABEL at COUNTER was announced as KIND
nannounced() { grep -c "^announce $1 $2 $3 " "$TRACE" || true; }

check "init --demo" A init --demo
for i in 1 2 3 4 5 6; do A issue A >/dev/null; done
check "a call before the display starts" A next --counter 1

"$DISP" --scene "$SCENE" --trace "$TRACE" --renderer software --config \
    "$OUT/quiet.conf" --db "$DB" --windowed 1280x720 2>"$OUT/display.err" &
PID=$!
check "display draws a first frame" wait_match "$SCENE" '^end$'
check "the first frame shows the queue" wait_match "$SCENE" \
    '^text main_number .* A001$'

# ---- (c) a long write lock, and a call committed as it is released
L=$(nlines)
check "another process holds the write lock" hold_lock "$DB" 3
# the CLI waits up to 5 s for the lock, so it commits just after COMMIT
A next --counter 2 >"$OUT/next.out" 2>&1 &
NEXTPID=$!
sleep 1
if kill -0 "$LOCKPID" 2>/dev/null && kill -0 "$NEXTPID" 2>/dev/null; then
	pass
else fail "the lock or the waiting call ended too early"; fi
wait "$LOCKPID"
expect_eq "the lock's shell committed" "$?" 0
LOCKPID=""
wait "$NEXTPID"
expect_eq "the call waiting for the lock went through" "$?" 0
expect_match "it called A002" "$OUT/next.out" 'A002'
check "the call after the lock is presented" wait_match "$TRACE" \
    '^present A002 2 ' 50
check "and is in a frame's big box" wait_after "$L" \
    '^text main_number .* A002$' 20
sleep 0.5
expect_eq "it is announced exactly once" "$(nannounced called A002 2)" 1
if after "$L" | grep -q '^text wait'; then
	fail "the waiting page was shown during a write lock"
else pass; fi

# ---- (a) renamed away, a text file in its place, then moved back
# with its -wal and -shm: a -wal left behind under the old name would be
# replayed into whatever file is opened there next (see the report)
L=$(nlines)
for f in "" -wal -shm; do [ -e "$DB$f" ] && mv "$DB$f" "$DB.real$f"; done
echo "not a database at all, just text that is long enough to look" \
    >"$DB.junk"
mv "$DB.junk" "$DB"
ln "$DB" "$DB.junkcopy"     # the same inode, to see it after the restore
check "a text file in place of the database: the waiting page" \
    wait_after "$L" '^text wait ' 50
check "with the reason" wait_after "$L" '^text wait_reason ' 20
after "$L" | grep '^text wait_reason ' | tail -n 1 >"$OUT/reason.txt"
echo "waiting page said: $(cut -d' ' -f7- "$OUT/reason.txt")"
sleep 1.5                   # it retries every second meanwhile
# from the first waiting page on: frames drawn before the display saw the
# file go (a loaded machine draws a few) are not "shown meanwhile"
W=$(awk -v from="$L" 'NR > from && /^text wait / { print NR; exit }' "$SCENE")
if after "${W:-$L}" | grep -q '^text main_number '; then
	fail "the queue was shown while the file was not a database"
else pass; fi
L=$(nlines)
# the text file goes first: a -wal put beside it would be replayed into it
rm -f "$DB" "$DB-wal" "$DB-shm"
for f in -wal -shm ""; do
	[ -e "$DB.real$f" ] && mv "$DB.real$f" "$DB$f"
done
check "the database moved back: the queue again" wait_after "$L" \
    '^text main_title ' 50
check "its last call is in the big box" wait_after "$L" \
    '^text main_number .* A002$' 20
expect_eq "the text file was left as it was" "$(wc -c <"$DB.junkcopy")" 61
check "a call after the restore" A next --counter 1
check "is presented" wait_match "$TRACE" '^present A003 1 ' 50
sleep 0.3
expect_eq "and announced once" "$(nannounced called A003 1)" 1

# ---- (b) deleted and made anew with antri init --demo
L=$(nlines)
rm -f "$DB" "$DB-wal" "$DB-shm"
check "init --demo again" A init --demo
check "the new, empty database is shown" wait_after "$L" \
    '^text main_number .* ---$' 50
A issue B >/dev/null
check "a call in the new database" A next --counter 2
check "is presented" wait_match "$TRACE" '^present B001 2 ' 50
sleep 0.3
expect_eq "and announced once" "$(nannounced called B001 2)" 1

kill "$PID"
wait "$PID"
expect_eq "display exits cleanly on SIGTERM" "$?" 0
PID=""
if grep -Eq 'ERROR|runtime error|Sanitizer' "$OUT/display.err"; then
	fail "the display's stderr: $(head -c 400 "$OUT/display.err")"
else pass; fi
finish
