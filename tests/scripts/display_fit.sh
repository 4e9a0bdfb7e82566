#!/bin/sh
# display_fit.sh - service names of the longest accepted length (63
# bytes, the core's limit) fit their row on the room's screen at every
# supported size (1280x720 .. 3840x2160, landscape and portrait), read
# from the scene file (--scene): each drawn line of the name stays
# inside the screen and left of its row's waiting count, is never shrunk
# below 60% of the size a short name gets (ui_draw_fit: shrink, then two
# lines, then an ellipsis), and what is shown is the name itself, its two
# halves, or its beginning with an ellipsis.
. "$(dirname "$0")/../helpers/lib.sh"
DISP="$BIN/antri-display"
DB="$OUT/fit.db"
SCENE="$OUT/scene.txt"
rm -f "$DB" "$DB-wal" "$DB-shm"
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
printf '[display]\nvoice = false\n' >"$OUT/quiet.conf"
A() { "$ANTRI" --db "$DB" "$@"; }

LONG="Pelayanan Perizinan Berusaha Berbasis Risiko dan Non Perizinan."
WIDE="WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW"
expect_eq "the long name is 63 bytes" "$(printf %s "$LONG" | wc -c)" 63
check "init --demo" A init --demo
check "a service with a 63-byte name" A service add Y "$LONG"
check "one with 63 wide letters, no space" A service add Z "$WIDE"
expect_exit 2 "64 bytes are refused" "$ANTRI" --db "$DB" service add X \
    "${LONG}x"

# judge SIZE: the last whole frame of the scene, checked as above
judge() {
	awk '/^frame /{ f = "" } { f = f $0 "\n" } /^end$/ { last = f }
	    END { printf "%s", last }' "$SCENE" >"$OUT/frame-$1.txt"
	awk -v size="$1" -v long="Y  $LONG" -v wide="Z  $WIDE" '
	function fail(m) { print size ": " m; bad++ }
	BEGIN { split(size, d, "x"); W = d[1]; H = d[2] }
	$1 == "text" && $2 == "service" {
		s = $0; sub(/^text service [0-9-]+ [0-9-]+ [0-9-]+ [0-9-]+ /, "", s)
		n++; x[n] = $3; y[n] = $4; w[n] = $5; h[n] = $6; t[n] = s
		if (substr(s, 1, 3) == "A  ") short = $6
	}
	$1 == "text" && $2 == "service_waiting" { m++; wx[m] = $3; wy[m] = $4; wh[m] = $6 }
	END {
		if (!short) fail("no short name to compare with")
		for (i = 1; i <= n; i++) {
			if (x[i] < 0 || y[i] < 0 || x[i] + w[i] > W || y[i] + h[i] > H)
				fail("off screen: " t[i])
			for (j = 1; j <= m; j++)   # the count of the same row
				if (y[i] < wy[j] + wh[j] && wy[j] < y[i] + h[i] &&
				    x[i] + w[i] > wx[j])
					fail("runs into its count: " t[i])
			if (h[i] * 100 < short * 60 - 200)
				fail("shrunk to " h[i] " px (short names: " short "): " t[i])
		}
		for (k = 0; k < 2; k++) {
			name = k ? wide : long; shown = ""
			for (i = 1; i <= n; i++) {
				if (index(name, t[i]) == 1 || index(name, shown " " t[i]) == 1)
					shown = shown == "" ? t[i] : shown " " t[i]
				else if (substr(t[i], length(t[i]) - 2) == "\342\200\246" &&
				    index(name, substr(t[i], 1, length(t[i]) - 3)) == 1)
					shown = t[i]
			}
			if (shown == "") fail("not shown: " name)
			else if (shown != name && substr(shown, length(shown) - 2) != "\342\200\246")
				fail("cut without an ellipsis: " shown)
			else print size ": " shown
		}
		exit bad != 0
	}' "$OUT/frame-$1.txt"
}

for size in 1280x720 1280x800 1366x768 1920x1080 2560x1440 3840x2160 \
    720x1280 1080x1920; do
	rm -f "$SCENE"
	"$DISP" --scene "$SCENE" --renderer software --config "$OUT/quiet.conf" --db "$DB" \
	    --windowed "$size" 2>"$OUT/display.err" &
	PID=$!
	if wait_match "$SCENE" '^end$' 100; then
		sleep 0.2
		check "$size: the long names fit their rows" judge "$size"
		cat "$OUT/last.out"
	else
		fail "$size: no frame: $(cat "$OUT/display.err")"
	fi
	kill "$PID" 2>/dev/null
	wait "$PID"
	expect_eq "$size: display exits cleanly" "$?" 0
done
finish
