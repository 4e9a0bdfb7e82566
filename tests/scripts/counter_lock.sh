#!/bin/sh
# counter_lock.sh - antri-counter under Xvfb while another process holds the
# database's write lock (the sqlite3 shell: BEGIN IMMEDIATE, a no-op
# UPDATE, sleep 4 s, COMMIT).  N pressed twice during the lock: the panel
# says on its message line (and on stdout, which is read here) that the
# database is busy and nothing was done, and the queue shows nothing
# called once the lock is gone (`antri --json status`, `antri watch`).
# N pressed after the lock calls exactly one ticket: A001.  Screenshots of
# the busy message and of the call go to $OUT.
. "$(dirname "$0")/../helpers/lib.sh"

PANEL="$BIN/antri-counter"
if [ ! -x "$PANEL" ] || [ ! -x "$ANTRI" ]; then
	fail "no $PANEL or $ANTRI: build them first (make testbins)"
	finish
	exit 1
fi
if ! command -v sqlite3 >/dev/null; then
	fail "no sqlite3 shell to hold the lock (apt-get install sqlite3)"
	finish
	exit 1
fi
in_xvfb 1280x800x24

TMP=$(mktemp -d)
DB="$TMP/antri.db"
LOG="$OUT/panel1.log"
pids=""
LOCKPID=""
cleanup() {
	for p in $pids $LOCKPID; do kill "$p" 2>/dev/null; done
	for p in $pids $LOCKPID; do wait "$p" 2>/dev/null; done
	rm -rf "$TMP"
}
trap cleanup EXIT

a() { "$ANTRI" --db "$DB" "$@"; }
status() { a --json status >"$TMP/st.json" 2>/dev/null; }
cur() { status && jq -r ".counters[] | select(.number==$1) |
	(.current.number // \"-\")" "$TMP/st.json"; }
waiting() { status && jq -r ".services[] | select(.code==\"$1\") |
	.waiting" "$TMP/st.json"; }
# how many "called" events the log holds (every event, oldest first)
ncalled() {
	status || return 1
	n=$(jq -r .last_event "$TMP/st.json")
	timeout --foreground -k 5 10 "$ANTRI" --db "$DB" watch --all --count "$n" --json |
	    jq -r 'select(.kind=="called") | .number' | wc -l
}
# busy messages the panel has logged so far
nbusy() { grep -c "Database busy: nothing was done" "$LOG" || true; }
key() { xdotool key --window "$1" "$2"; }
# shot WINDOW NAME: with SHOTS=1 only (pictures for a person), nothing
# checks them
shot() { [ -n "${SHOTS:-}" ] && [ -n "$1" ] &&
    xwd -id "$1" -silent | convert xwd:- "$OUT/$2.png"; return 0; }

check "init demo" a init --demo
for i in 1 2 3; do check "issue A" a issue A; done
expect_eq "three A waiting" "$(waiting A)" 3

"$PANEL" --renderer software --db "$DB" --counter 1 --lang en --windowed 640x400 >"$LOG" 2>&1 &
pids="$pids $!"
if wait_window "$!" "^Counter 1 " "$LOG"; then pass
else fail "panel 1 has no window"; fi
sleep 0.5

# the lock: the shell writes "locked" once BEGIN IMMEDIATE and the UPDATE
# went through, so the presses below are known to fall inside it
check "another process holds the write lock" hold_lock "$DB" 4

key "$W" n
check "the panel says the database is busy" wait_match "$LOG" \
    "Database busy: nothing was done, press again" 30
shot "$W" panel-lock-busy
# a second press during the lock is refused the same way, not queued
key "$W" n
n=0
while [ "$(nbusy)" -lt 2 ] && [ $n -lt 30 ]; do sleep 0.1; n=$((n + 1)); done
expect_eq "a second press during the lock is refused too" "$(nbusy)" 2
if kill -0 "$LOCKPID" 2>/dev/null; then pass
else fail "the lock ended before both presses were answered"; fi
# reads go on in WAL mode while the lock is held
expect_eq "nothing called while locked" "$(cur 1)" -

wait "$LOCKPID"
expect_eq "the lock's shell committed cleanly" "$?" 0
LOCKPID=""
expect_eq "after the lock: counter 1 serves nobody" "$(cur 1)" -
expect_eq "after the lock: no call in the events" "$(ncalled)" 0
expect_eq "after the lock: still three A waiting" "$(waiting A)" 3
if grep -q "called to counter" "$LOG"; then
	fail "the panel claimed a call during the lock: $(cat "$LOG")"
else pass; fi

# the lock is gone: one press, one call
key "$W" n
check "the panel reports the call" wait_match "$LOG" \
    "A001 called to counter 1" 50
expect_eq "counter 1 calls A001" "$(cur 1)" A001
sleep 0.5
expect_eq "exactly one ticket was called" "$(ncalled)" 1
expect_eq "two A still waiting" "$(waiting A)" 2
check "the queue's rules hold" a check
shot "$W" panel-lock-after
echo "panel said:"; sed 's/^/    /' "$LOG"
finish
