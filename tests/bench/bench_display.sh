#!/bin/sh
# bench_display.sh [BUILD] - antri-display's figures (prints, asserts none):
#   - commit -> present latency over N calls (default 200): the display's
#     trace (--trace) logs each call event's ts_ms (taken inside the
#     writer's transaction) and the wall time right after the present of
#     the first frame that shows it; median and 99th percentile;
#   - CPU over IDLE_S seconds idle (default 60), from /proc/PID/stat;
#   - resident memory (VmRSS, and Pss) with the software renderer and with
#     the accelerated one (Mesa under Xvfb);
#   - CPU and memory while a notice too long for the screen scrolls.
# Runs its own Xvfb at 1920x1080.  Env: CALLS, IDLE_S.
set -u
B=${1:-build}
cd "$(dirname "$0")/../.."
if [ -z "${BENCH_DISPLAY_INNER:-}" ]; then
	BENCH_DISPLAY_INNER=1 exec xvfb-run -a -s "-screen 0 1920x1080x24" \
	    sh "$0" "$B"
fi
B=$(cd "$B" && pwd)
CALLS=${CALLS:-200}
IDLE_S=${IDLE_S:-60}
W=$(mktemp -d)
DB="$W/bench.db"
A() { "$B/antri" --db "$DB" "$@"; }
printf '[display]\nvoice = false\nhighlight_s = 1\n' >"$W/bench.conf"
# voice off: the latency is about seeing a call; with voice on the big box
# waits for the announcements ahead of it (the tiles do not).

A init --demo >/dev/null
A limit 0 >/dev/null
for c in 1 2 3 4; do A counter services $c A >/dev/null; done
A notice "" >/dev/null 2>&1
i=0
while [ $i -lt $((CALLS + 4)) ]; do A issue A >/dev/null; i=$((i + 1)); done

rss() {  # PID: "VmRSS kB, Pss kB"
	r=$(awk '/^VmRSS/ { print $2 }' /proc/$1/status)
	p=$(awk '/^Pss:/ { print $2 }' /proc/$1/smaps_rollup 2>/dev/null)
	echo "${r:-?} kB RSS, ${p:-?} kB PSS"
}
ticks() { awk '{ print $14 + $15 }' /proc/$1/stat; }

start() {  # RENDERER TRACE
	"$B/antri-display" --renderer "$1" --trace "$2" --config \
	    "$W/bench.conf" --db "$DB" --windowed 1920x1080 2>"$W/err" &
	PID=$!
	n=0
	while ! grep -q '^start' "$2" 2>/dev/null && [ $n -lt 100 ]; do
		sleep 0.1; n=$((n + 1))
	done
	sleep 1
}

echo "antri-display benchmark (Xvfb 1920x1080, $CALLS calls, ${IDLE_S}s idle)"
start software "$W/trace.txt"
i=0
while [ $i -lt "$CALLS" ]; do
	A next --counter $((i % 4 + 1)) >/dev/null
	sleep 0.02
	i=$((i + 1))
done
sleep 1
grep '^present' "$W/trace.txt" | sed 's/.*latency_ms=//' | sort -n >"$W/lat"
n=$(wc -l <"$W/lat")
med=$(awk -v n="$n" 'NR == int((n + 1) / 2) { print }' "$W/lat")
p99=$(awk -v n="$n" 'NR == int(n * 0.99 + 0.999) { print }' "$W/lat")
max=$(tail -n 1 "$W/lat")
echo "commit -> present latency (software renderer): $n calls seen of" \
    "$CALLS, median ${med:-?} ms, p99 ${p99:-?} ms, max ${max:-?} ms" \
    "(target p99 < 30 ms)"
sleep 2     # highlight over: really idle
t0=$(ticks $PID)
sleep "$IDLE_S"
t1=$(ticks $PID)
hz=$(getconf CLK_TCK)
echo "idle CPU over ${IDLE_S}s (software renderer):" \
    "$(awk -v d=$((t1 - t0)) -v s="$IDLE_S" -v hz="$hz" \
    'BEGIN { printf "%.2f%% of one core", d * 100 / (s * hz) }')" \
    "(target < 1%)"
echo "memory, software renderer: $(rss $PID) (target < 40 MB)"
# a notice too long for the screen scrolls at 30 frames a second
A notice "$(printf 'Pengumuman panjang yang harus bergulir di layar. %.0s' \
    1 2 3 4 5 6)" >/dev/null
sleep 1
t0=$(ticks $PID)
sleep 10
t1=$(ticks $PID)
echo "CPU while a long notice scrolls (software renderer):" \
    "$(awk -v d=$((t1 - t0)) -v hz="$hz" \
    'BEGIN { printf "%.1f%% of one core", d * 100 / (10 * hz) }');" \
    "memory then: $(rss $PID)"
kill $PID; wait $PID 2>/dev/null
A notice "" >/dev/null 2>&1

start accelerated "$W/trace2.txt"
echo "memory, accelerated renderer ($(sed -n 's/.*renderer=//p' \
    "$W/trace2.txt" | head -n 1)): $(rss $PID)"
kill $PID; wait $PID 2>/dev/null
rm -rf "$W"
