#!/bin/sh
# hooks.sh - the installed programs take no test hooks from the
# environment: ANTRI_NOW_MS no longer dates tickets and
# ANTRI_DB_FAST no longer turns fsync off; the test-only clock and fast
# open of shared/queue_test.h are linked into no installed program.  The
# first checks fail on the code before they were guarded.  Nor do they read the
# other old test knobs (lock wait, SSE heartbeat, display polling, font
# folder, renderer, trace and scene files, TMPDIR): those are config keys
# or command-line options now, and no other ANTRI_ name is in them.  $ANTRI_CONFIG and $ANTRI_DB
# stay (the documented lookup order).
. "$(dirname "$0")/../helpers/lib.sh"

DB="$OUT/hooks.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
A() { "$ANTRI" --db "$DB" "$@"; }

check "init" A init --demo
TODAY=$(sqlite3 "$DB" "SELECT value FROM settings WHERE key = 'business_day'")
check "issue with ANTRI_NOW_MS set" env ANTRI_NOW_MS=86400000 \
    "$ANTRI" --db "$DB" --json issue A
expect_match "ANTRI_NOW_MS does not date the ticket" "$OUT/last.out" \
    "\"day\":\"$TODAY\""
for p in antri antri-print antri-kiosk antri-display antri-counter antri-serve; do
	[ -x "$BIN/$p" ] || continue
	for v in ANTRI_NOW_MS ANTRI_DB_FAST ANTRI_BUSY_MS ANTRI_SSE_HEARTBEAT_S \
	    ANTRI_DISPLAY_POLL ANTRI_FONT_DIR ANTRI_RENDERER ANTRI_TRACE \
	    ANTRI_SCENE TMPDIR; do
		if grep -q "$v" "$BIN/$p"; then fail "$p reads $v"
		else pass; fi
	done
	other=$(grep -aoE 'ANTRI_[A-Z_]+' "$BIN/$p" | sort -u |
	    grep -vxE 'ANTRI_CONFIG|ANTRI_DB' | tr '\n' ' ')
	if [ -n "$other" ]; then fail "$p names $other"
	else pass; fi
	if nm "$BIN/$p" | grep -q ' queue_test_'; then
		fail "$p carries the test hooks of queue_test.h"
	else pass; fi
done
check "antri still reads \$ANTRI_CONFIG and \$ANTRI_DB" sh -c \
    "grep -q ANTRI_CONFIG '$BIN/antri' && grep -q ANTRI_DB '$BIN/antri'"
check "test programs do carry them" sh -c \
    "nm '$BIN/tests/test_queue' | grep -q ' T queue_test_set_clock'"

finish
