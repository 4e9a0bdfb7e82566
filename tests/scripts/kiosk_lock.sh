#!/bin/sh
# kiosk_lock.sh - a tap while another program holds the database's write
# lock for 10 s: the kiosk keeps drawing (its waiting animation, then "out
# of service"), answers taps, and once the lock goes the queue holds one
# new ticket or none, never half of one (`antri check` rebuilds the rules
# from tables and events); a tap afterwards issues normally.  The lock is
# held by the sqlite3 shell: BEGIN IMMEDIATE, sleep, COMMIT.
. "$(dirname "$0")/../helpers/lib.sh"
. "$(dirname "$0")/../helpers/kiosk_lib.sh"

DB="$OUT/lock.db"
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.layout"
"$ANTRI" --db "$DB" init --demo >/dev/null
"$ANTRI" --db "$DB" issue B >/dev/null   # someone came before

kstart
pos home corner 0 >/dev/null
wait_frame "home screen drawn" "^frame [0-9]+ home - 0$" 15
shot lock-home

check "another process holds the write lock" hold_lock "$DB" 10
mark
t0=$(date +%s)
tap home service A
wait_frame "the waiting screen is drawn while the lock is held" "wait" 3
shot lock-waiting
wait_frame "out of service once the write gives up (Q_EBUSY)" \
    "refused - -31$" 9
shot lock-out-of-service
sleep 1.2
held=$(( $(date +%s) - t0 ))
mark
tap home service A               # any tap: back home, while still locked
wait_frame "a tap still answers while the database is locked" "home" 2
n=$(tail -n +1 "$TRACE" | grep -c "^frame")
if [ "$n" -ge 10 ]; then pass; else fail "only $n frames during the lock"; fi
echo "lock held ${held}s at the answer; $n frames drawn" >"$OUT/lock.txt"
wait "$LOCKPID"
sleep 0.5
a=$("$ANTRI" --db "$DB" --json status | jq '.services[] | select(.code == "A") | .issued')
case "$a" in
0|1) pass ;;
*) fail "after the lock: $a A tickets, wanted 0 or 1" ;;
esac
check "the queue's rules hold after the lock" "$ANTRI" --db "$DB" check
mark
sleep 2.2                        # past the repeat guard
tap home service A
wait_frame "issues again once the lock is gone" "ticket A00[12]" 5
expect_eq "one more A ticket after the lock" "$(issued A)" $((a + 1))
kstop
finish
