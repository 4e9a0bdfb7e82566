#!/bin/sh
# gui_records.sh - records an office can trust on the three SDL
# programs, and the kiosk's large number in portrait, under
# Xvfb, all three on one database at once (kiosk 1080x1920 portrait,
# display 1280x720, counter panel 900x600):
#  - the -wal removed while they run (`rm q.db-wal`): each logs one line,
#    shows it to staff (the display's scene, the kiosk's trace, the
#    screenshots), survives and goes on working (the kiosk issues, the
#    counter calls, the display shows the call); the next `antri issue`
#    reuses no number, also after all three were killed with -9, and
#    `antri check` is ok.  Before this was built none of them noticed: no line.
#  - started under faketime with the wall clock a day ahead: each logs
#    "the clock looks wrong" and shows it (display and kiosk in
#    Indonesian, the counter in English); nothing is cancelled, the
#    business day is kept.
# Screenshots: $OUT/wal_*.png and $OUT/clock_*.png (kiosk_big: the ticket
# screen in large text, portrait).
. "$(dirname "$0")/../helpers/lib.sh"

in_xvfb 2400x2000x24

DB="$OUT/records.db"
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.layout"
A() { "$ANTRI" --db "$DB" "$@"; }
printf '[display]\nvoice = false\nhighlight_s = 1\n[kiosk]\nvoice = false\n' \
    >"$OUT/quiet.conf"
# only the wall clock is a day ahead (the boot clock is right), as on a
# box whose clock was set wrong (tests/scripts/clock.sh); exec, so that
# $! is the program itself (ft_preload, lib.sh)
wrong() {
	FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME=+1d \
	    LD_PRELOAD="$(ft_preload "$1")" exec "$@"
}
DPID="" CPID="" KPID=""
cleanup() {
	for p in $DPID $CPID $KPID; do kill -9 "$p" 2>/dev/null; done
	for p in $DPID $CPID $KPID; do wait "$p" 2>/dev/null; done
}
trap cleanup EXIT

# wait_log DESCRIPTION FILE REGEX: within 60 s, else show the file
wait_log() {
	if wait_match "$2" "$3" 600; then pass
	else fail "$1: no /$3/ in $2 within 60 s: $(tail -c 600 "$2")"; fi
}
# shot WINDOW NAME: with SHOTS=1 only (pictures for a person), nothing
# checks them
shot() { [ -n "${SHOTS:-}" ] && xwd -id "$1" -silent |
    convert xwd:- "$OUT/$2.png"; return 0; }
label() { sed -n 's/.*"number":"\([A-Z0-9]*\)".*/\1/p' "$OUT/last.out"; }
alive() { kill -0 "$1" 2>/dev/null; }

# start PREFIX [RUN]: the three programs (RUN: wrong, or nothing), their
# windows placed side by side; sets DPID CPID KPID and DW CW KW
start() {
	: >"$OUT/$1_scene"
	: >"$OUT/$1_ktrace"
	${2:-} "$BIN/antri-display" --renderer software --config \
	    "$OUT/quiet.conf" --db "$DB" --windowed 1280x720 \
	    --scene "$OUT/$1_scene" 2>"$OUT/$1_display.err" &
	DPID=$!
	${2:-} "$BIN/antri-counter" --renderer software --db "$DB" \
	    --counter 1 --lang en --windowed 900x600 >"$OUT/$1_counter.out" \
	    2>"$OUT/$1_counter.err" &
	CPID=$!
	${2:-} "$BIN/antri-kiosk" --renderer software --config \
	    "$OUT/quiet.conf" --db "$DB" --kiosk-id test --windowed 1080x1920 \
	    --trace "$OUT/$1_ktrace" 2>"$OUT/$1_kiosk.err" &
	KPID=$!
	# each window by its title, else by the program's pid (wait_window,
	# lib.sh: when none comes it says whether the program still runs,
	# which windows there are, and the end of the program's log)
	DW="" CW="" KW=""
	wait_window "$DPID" '^antri-display$' "$OUT/$1_display.err" &&
	    DW=$W && pass || fail "$1: no display window"
	wait_window "$CPID" '^Counter 1 ' "$OUT/$1_counter.err" &&
	    CW=$W && pass || fail "$1: no counter window"
	wait_window "$KPID" '^antri-kiosk$' "$OUT/$1_kiosk.err" &&
	    KW=$W && pass || fail "$1: no kiosk window"
	xdotool windowmove "$KW" 0 0 windowmove "$DW" 1100 0 \
	    windowmove "$CW" 1100 760 2>/dev/null
	wait_log "$1: the display shows the queue" "$OUT/$1_scene" \
	    '^text main_number '
	wait_log "$1: the kiosk's home screen" "$OUT/$1_ktrace" \
	    '^frame [0-9]+ home - 0'
	wait_log "$1: the counter's database" "$OUT/$1_counter.out" \
	    '^antri-counter 1: database '
}
stop_all() {
	for p in $DPID $CPID $KPID; do kill "$1" "$p" 2>/dev/null; done
	for p in $DPID $CPID $KPID; do wait "$p" 2>/dev/null; done
	DPID="" CPID="" KPID=""
}

check "init --demo" A init --demo
for i in 1 2 3; do check "issue A $i" A issue A; done
check "A001 called at counter 1" A next --counter 1
"$BIN/antri-kiosk" --db "$DB" --print-layout 1080x1920 >"$DB.layout"
pos() { awk -v n="$1" -v i="$2" '$1 == "home" && $2 == n && $3 == i \
    { print $4, $5 }' "$DB.layout"; }
ktap() { xdotool mousemove --window "$KW" $(pos "$1" "$2") click 1; }

# ---- the -wal removed under the three -----------------------------------
start wal
check "issue A (A004)" A issue A
check "issue A (A005)" A issue A
check "the tickets are in the -wal, not yet in the file" test -s "$DB-wal"
rm -f "$DB-wal"
wait_log "the display logs the removed -wal" "$OUT/wal_display.err" \
    '^antri-display: .*-wal.* was removed; .* saved in the database'
wait_log "the counter logs it" "$OUT/wal_counter.err" \
    '^antri-counter 1: .*-wal.* was removed; .* saved in the database'
wait_log "the kiosk logs it" "$OUT/wal_kiosk.err" \
    '^antri-kiosk: .*-wal file was removed; .* saved in the database'
for p in "$DPID" "$CPID" "$KPID"; do
	if alive "$p"; then pass; else fail "program $p died"; fi
done
wait_log "the display shows it to staff (Indonesian)" "$OUT/wal_scene" \
    '^text staff .*Berkas -wal database dihapus pukul [0-9:]+; datanya sudah disimpan'
wait_log "the kiosk's header shows it" "$OUT/wal_ktrace" 'wal=removed'
shot "$DW" wal_display
shot "$CW" wal_counter
expect_eq "the display logged it once" \
    "$(grep -c 'was removed' "$OUT/wal_display.err")" 1
expect_eq "the kiosk logged it once" \
    "$(grep -c 'was removed' "$OUT/wal_kiosk.err")" 1

# they go on: the kiosk issues, the CLI issues, the counter calls
ktap big 0
sleep 0.5
ktap service A
wait_log "the kiosk issues A006 in large text" "$OUT/wal_ktrace" \
    '^frame [0-9]+ ticket A006 0 .*big'
shot "$KW" wal_kiosk_big
check "issue A from the CLI" A --json issue A
expect_eq "... is A007: no number reused" "$(label)" A007
xdotool key --window "$CW" n
wait_log "the counter calls A002" "$OUT/wal_counter.out" \
    'antri-counter 1: .*A002'
wait_log "the display shows the call" "$OUT/wal_scene" \
    '^text main_number .* A002$'
check "antri check ok after the -wal was removed" A check

# nothing committed lived only in the removed file: kill -9 them all
stop_all -9
check "issue A after kill -9" A --json issue A
expect_eq "... is A008" "$(label)" A008
check "antri check ok after kill -9" A check
expect_eq "eight A tickets, each number once" "$(sqlite3 "$DB" "SELECT \
    count(DISTINCT seq) || ' ' || max(seq) || ' ' || count(*) FROM tickets \
    WHERE issue_service = 'A'")" "8 8 8"

# ---- a wall clock a day ahead -------------------------------------------
if [ -z "$FTLIB" ]; then
	fail "no libfaketime.so.1 (apt-get install faketime)"
	finish
	exit 1
fi
DAY=$(sqlite3 "$DB" "SELECT value FROM settings WHERE key = 'business_day'")
start clock wrong
wait_log "the display logs the wrong clock" "$OUT/clock_display.err" \
    '^antri-display: the clock looks wrong'
wait_log "the counter logs it" "$OUT/clock_counter.err" \
    '^antri-counter 1: the clock looks wrong'
wait_log "the kiosk logs it" "$OUT/clock_kiosk.err" \
    '^antri-kiosk: the clock looks wrong'
wait_log "the display shows it (Indonesian)" "$OUT/clock_scene" \
    '^text staff .*Jam komputer tampaknya salah'
wait_log "the kiosk's header shows it" "$OUT/clock_ktrace" 'clock=wrong'
shot "$DW" clock_display
shot "$CW" clock_counter
shot "$KW" clock_kiosk
expect_eq "nothing cancelled" "$(sqlite3 "$DB" "SELECT count(*) FROM \
    tickets WHERE state = 'CANCELLED'")" 0
expect_eq "the business day kept" "$(sqlite3 "$DB" "SELECT value FROM \
    settings WHERE key = 'business_day'")" "$DAY"
stop_all -TERM
check "antri check ok at the end" A check

finish
