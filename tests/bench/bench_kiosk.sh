#!/bin/sh
# bench_kiosk.sh - antri-kiosk's figures under Xvfb (prints, asserts nothing):
#   - tap -> frame showing the ticket number: median and 99th percentile
#     over N taps (default 200), from the input event's SDL timestamp to
#     the return of the present call (--trace "shown" lines), no printer;
#   - scan -> frame showing the checked-in ticket: median and p99 over
#     N/2 remote tickets (`antri remote A`), their QR's text typed like a
#     USB barcode scanner (keys 5 ms apart, then Return), from the Return
#     key's SDL timestamp to the return of the present call;
#   - CPU use over S seconds (default 60) idle on the home screen, from
#     /proc/PID/stat (utime + stime);
#   - resident memory (VmRSS, VmHWM) with the software renderer and with the
#     accelerated one (Mesa's GL under Xvfb).
# Usage: BIN=build OUT=/tmp/b sh tests/bench/bench_kiosk.sh [N] [S]
. "$(dirname "$0")/../helpers/lib.sh"
. "$(dirname "$0")/../helpers/kiosk_lib.sh"
N=${1:-200}
S=${2:-60}

DB="$OUT/bench.db"
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.layout"
"$ANTRI" --db "$DB" init --demo >/dev/null
"$ANTRI" --db "$DB" limit 0 >/dev/null
CONF="$OUT/bench.conf"
printf '[kiosk]\nrepeat_guard_ms = 0\nreturn_s = 300\n' >"$CONF"
pos home corner 0 >/dev/null

rss() { awk '/^VmRSS|^VmHWM/ { printf "%s %s MB  ", $1, int($2 / 1024) }' \
    "/proc/$1/status"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# wait_count REGEX N: until the trace has N lines matching
wait_count() {
	i=0
	while [ "$(grep -c -- "$1" "$TRACE")" -lt "$2" ]; do
		sleep 0.01
		i=$((i + 1))
		[ "$i" -gt 500 ] && return 1
	done
	return 0
}

# latencies FILE: the trace's "shown" lines' times into FILE, sorted; cnt
# gets their number, lat "median M ms, p99 P ms, max X ms"
latencies() {
	grep "^shown" "$TRACE" | awk '{ print $3 - $2 }' | sort -n >"$1"
	cnt=$(wc -l <"$1")
	lat="median $(awk -v n="$cnt" 'NR == int((n + 1) / 2) { print }' "$1") ms"
	lat="$lat, p99 $(awk -v n="$cnt" 'NR == int(n * 0.99 + 0.999) { print }' "$1") ms"
	lat="$lat, max $(tail -n 1 "$1") ms"
}

for r in software accelerated; do
	RENDERER=$r
	kstart --config "$CONF"
	wait_count "^frame .* home - 0$" 1 || { echo "kiosk did not start"; exit 1; }
	sleep 1
	echo "renderer $r: after start: $(rss "$KPID")"
	if [ "$r" = software ]; then
		t0=$(cpu_ticks "$KPID")
		f0=$(grep -c "^frame" "$TRACE")
		sleep "$S"
		t1=$(cpu_ticks "$KPID")
		f1=$(grep -c "^frame" "$TRACE")
		hz=$(getconf CLK_TCK)
		echo "idle on home for ${S}s: $(awk -v d=$((t1 - t0)) -v hz="$hz" \
		    -v s="$S" 'BEGIN { printf "%.3f", 100 * d / hz / s }')% of \
one core, $((f1 - f0)) frames drawn"
	fi
	n=$N
	[ "$r" = accelerated ] && n=$((N / 4))
	for i in $(seq 1 "$n"); do
		c=$(printf 'A\nB\nC\nD\nP\n' | sed -n "$(( (i - 1) % 5 + 1 ))p")
		tap home service "$c"
		wait_count "^shown" "$i" || { echo "tap $i: no ticket shown"; break; }
		tap home service "$c"            # back home
		wait_count "^frame .* home" "$((i + 1))" || break
	done
	latencies "$OUT/lat-$r"
	echo "renderer $r: tap -> ticket number shown over $cnt taps: $lat"
	echo "renderer $r: after $cnt tickets: $(rss "$KPID")"
	kstop >/dev/null
	"$ANTRI" --db "$DB" close-day >/dev/null
done

# --- scan -> ticket: check-ins of remote tickets, software renderer
M=$((N / 2))
for i in $(seq 1 "$M"); do
	"$ANTRI" --db "$DB" --json remote A | jq -r .qr
done >"$OUT/qrs"
RENDERER=software
kstart --config "$CONF"
wait_count "^frame .* home - 0$" 1 || { echo "kiosk did not start"; exit 1; }
k=0                                  # (wait_count uses i)
for qr in $(cat "$OUT/qrs"); do
	k=$((k + 1))
	# shellcheck disable=SC2046
	xdotool key --delay 5 $(echo "$qr" | sed 's/./& /g; s/-/minus/g') Return
	wait_count "^shown" "$k" || { echo "scan $k: no ticket shown"; break; }
	tap home service A                   # back home
	wait_count "^frame .* home" "$((k + 1))" || break
done
latencies "$OUT/lat-scan"
echo "renderer software: scan -> checked-in ticket shown over $cnt scans: $lat"
kstop >/dev/null
