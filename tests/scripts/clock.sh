#!/bin/sh
# clock.sh - the business day only moves forward (docs/time.md), with the
# clock moved by faketime (Debian's package), never by the environment of
# antri itself.  Two ways to move it:
#   lived OFFSET CMD: the whole machine lived through the time (faketime
#     moves the wall clock and the boot clock together);
#   wrong OFFSET CMD: only the wall clock is wrong (the boot clock keeps
#     real time), as on a box whose clock was set wrong.
# Each check below fails on the code before the business day was guarded.
. "$(dirname "$0")/../helpers/lib.sh"

DB="$OUT/clock.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
A() { "$ANTRI" --db "$DB" "$@"; }
lived() { faked "$@"; }
wrong() { FAKETIME_DONT_FAKE_MONOTONIC=1 faked "$@"; }
label() { sed -n 's/.*"number":"\([A-Z0-9]*\)".*/\1/p' "$OUT/last.out"; }
day() { sed -n 's/.*"day":"\([0-9-]*\)".*/\1/p' "$OUT/last.out"; }
sql() { sqlite3 "$DB" "$1"; }

check "init" A init --demo
for i in 1 2 3; do check "issue A $i" A issue A; done
TODAY=$(sql "SELECT value FROM settings WHERE key = 'business_day'")
TOMORROW=$(date -d "$TODAY + 1 day" +%Y-%m-%d)

# ---- a clock a day behind: no second A001 ------------------------------
check "issue A with the clock a day back" lived -1d "$ANTRI" --db "$DB" \
    --json issue A
expect_eq "a clock behind continues today's numbers" "$(label)" A004
expect_eq "... on today's business day" "$(day)" "$TODAY"
expect_eq "A001 issued once" "$(sql "SELECT count(*) FROM tickets \
    WHERE label = 'A001'")" 1
check "antri check ok after the clock went back" A check
expect_eq "no event dated before the newest" "$(sql "SELECT count(*) FROM \
    events e JOIN events p ON p.id = e.id - 1 WHERE e.ts_ms < p.ts_ms \
    AND e.id > (SELECT id FROM events WHERE kind = 'chain_started')")" 0

# ---- a wall clock a day ahead, once: refused, nothing cancelled --------
expect_exit 3 "issue with the clock a day ahead is refused" wrong +1d \
    "$ANTRI" --db "$DB" issue A
expect_match "... saying the clock looks wrong" "$OUT/last.err" \
    "clock looks wrong"
expect_eq "nothing cancelled" "$(sql "SELECT count(*) FROM tickets WHERE \
    state = 'CANCELLED'")" 0
expect_eq "business day kept" "$(sql "SELECT value FROM settings WHERE \
    key = 'business_day'")" "$TODAY"
check "status with the clock ahead still works" wrong +1d "$ANTRI" \
    --db "$DB" status
expect_match "... and shows the clock looks wrong" "$OUT/last.err" \
    "clock looks wrong"
check "the right clock goes on" A --json issue A
expect_eq "... with today's next number" "$(label)" A005

# ---- the real next day still rolls over ---------------------------------
check "issue on the real next day" lived +1d "$ANTRI" --db "$DB" --json \
    issue A
expect_eq "the next day starts at A001" "$(label)" A001
expect_eq "... on the next day" "$(day)" "$TOMORROW"
expect_eq "yesterday's waiting tickets ended" "$(sql "SELECT count(*) FROM \
    tickets WHERE day = '$TODAY' AND state = 'CANCELLED'")" 5
expect_match "the new day is recorded with the clock's reading" \
    "$(sql "SELECT detail FROM events WHERE kind = 'day_started' ORDER BY \
    id DESC LIMIT 1" >"$OUT/ds.txt"; echo "$OUT/ds.txt")" \
    "^$TODAY->$TOMORROW clock $TOMORROW "
check "antri check ok after the new day" A check

# ---- after it, a clock behind does not reopen the old day ---------------
check "issue B with today's clock after tomorrow began" A --json issue B
expect_eq "... stays on the newest day" "$(day)" "$TOMORROW"
expect_eq "... numbered from that day" "$(label)" B001

# ---- the manager vouches for a clock that jumped -------------------------
expect_exit 3 "a jump of two days is refused" wrong +2d "$ANTRI" --db "$DB" \
    issue A
check "clock accept" wrong +2d "$ANTRI" --db "$DB" clock accept
check "then the new day begins" wrong +2d "$ANTRI" --db "$DB" --json \
    issue A
expect_eq "... at A001" "$(label)" A001
expect_eq "clock_accepted recorded" "$(sql "SELECT count(*) FROM events \
    WHERE kind = 'clock_accepted'")" 1
check "antri check ok at the end" A check

finish
