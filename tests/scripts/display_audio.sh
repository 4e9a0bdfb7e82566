#!/bin/sh
# display_audio.sh - what antri-display actually plays, recorded through
# SDL's disk audio driver (SDL_AUDIODRIVER=disk, SDL_DISKAUDIOFILE): the
# call of A007 at counter 3 is exactly chime, "nomor antrian", "A", "nol",
# "nol", "tujuh", "silakan menuju loket", "tiga" - sample for sample, in
# that order, nothing else but silence (display_clipcmp); then three calls
# committed within 100 ms play three whole announcements in order.
. "$(dirname "$0")/../helpers/lib.sh"
OUT=$(cd "$OUT" && pwd)   # absolute: one part runs from another folder
DISP="$BIN/antri-display"
CMP="$BIN/tests/display_clipcmp"
DB="$OUT/a.db"
TRACE="$OUT/trace.txt"
V=assets/voice/id
rm -f "$DB" "$DB-wal" "$DB-shm" "$TRACE" "$OUT"/*.raw
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=disk
# the disk driver writes a buffer every SDL_DISKAUDIODELAY ms (default: the
# buffer's own length, real time): 1 ms plays ~20 times faster; what is
# written, sample for sample, is the same
export SDL_DISKAUDIODELAY=1
printf '[display]\nvoice = true\nvoice_language = id\n' >"$OUT/voice.conf"
A() { "$ANTRI" --db "$DB" "$@"; }


# clips LABEL COUNTER: the WAV files a call should play, in order
clips() {
	l=$(echo "$1" | cut -c1 | tr A-Z a-z)
	printf '%s\n' assets/sounds/chime.wav $V/nomor_antrian.wav $V/$l.wav
	echo "$1" | cut -c2- | sed 's/./&\n/g' | grep . | sed "s|.*|$V/&.wav|"
	printf '%s\n' $V/silakan_menuju_loket.wav "$V/$2.wav"
}

# record RAW: start the display writing its sound to RAW
record() {
	: >"$TRACE"
	SDL_DISKAUDIOFILE="$1" "$DISP" --trace "$TRACE" --renderer software --config \
	    "$OUT/voice.conf" --db "$DB" --windowed 1280x720 \
	    2>"$OUT/display.err" &
	PID=$!
	wait_match "$TRACE" '^start audio=on' 100 ||
	    fail "display did not start with audio: $(cat "$OUT/display.err")"
}

stop() {
	kill "$PID" 2>/dev/null
	wait "$PID"
	expect_eq "display exits cleanly" "$?" 0
}

check "init --demo" A init --demo
check "counter 3 serves A" A counter services 3 A
for i in 1 2 3 4 5 6 7; do A issue A >/dev/null; done
for i in 1 2 3 4 5 6; do A next --counter 1 >/dev/null; done

record "$OUT/a007.raw"
check "A007 called at counter 3" sh -c "'$ANTRI' --db '$DB' next --counter 3 | grep -q '^A007 called at counter 3'"
check "announcement played to the end" wait_match "$TRACE" '^audio idle' 300
sleep 0.3
stop
clips A007 3 >"$OUT/a007.list"
expect_eq "eight clips expected" "$(wc -l <"$OUT/a007.list")" 8
check "the output is exactly the eight clips in order" \
    "$CMP" "$OUT/a007.raw" $(cat "$OUT/a007.list")
cat "$OUT/last.out"
# and the length: the recorded sound equals the clips' sound
sum=0
for f in $(cat "$OUT/a007.list"); do
	sum=$((sum + $(soxi -s "$f" 2>/dev/null || echo 0)))
done
got=$(sed -n 's/^ok: [0-9]* clips, \([0-9]*\) samples.*/\1/p' "$OUT/last.out")
echo "clips: $sum samples (with their edges); sound recorded: $got samples"
expect_eq "recorded sound is no longer than the clips" \
    "$([ "${got:-0}" -gt 0 ] && [ "${got:-0}" -le "$sum" ] && echo yes)" yes

# three calls within 100 ms: three announcements, whole, in order
for i in 1 2 3; do A issue A >/dev/null; done
record "$OUT/three.raw"
pids=
for c in 1 2 3; do A next --counter $c >"$OUT/call$c.txt" & pids="$pids $!"; done
for p in $pids; do wait "$p"; done
check "three announcements played" wait_match "$TRACE" '^audio idle' 400
sleep 0.3
stop
# the order the database committed them in, from its events log
timeout --foreground -k 5 2 "$ANTRI" --db "$DB" --json watch --all --count 100000 \
    >"$OUT/events.json" 2>/dev/null
grep '"kind":"called"' "$OUT/events.json" | tail -n 3 |
    sed 's/.*"number":"\([A-Z0-9]*\)".*"counter":\([0-9]*\).*/\1 \2/' \
    >"$OUT/calls.txt"
: >"$OUT/three.list"
while read -r label counter; do
	clips "$label" "$counter" >>"$OUT/three.list"
done <"$OUT/calls.txt"
span=$(grep '^announce called' "$TRACE" | awk '{ print $5 }' | sort -n |
    awk 'NR == 1 { a = $1 } { b = $1 } END { print b - a }')
echo "the three calls were committed within $span ms (aim: 100 ms)"
expect_eq "24 clips expected" "$(wc -l <"$OUT/three.list")" 24
check "the output is the three announcements in commit order" \
    "$CMP" "$OUT/three.raw" $(cat "$OUT/three.list")
cat "$OUT/last.out" | tail -n 1
expect_eq "three announce lines" "$(grep -c '^announce called' "$TRACE")" 3

# [display] repeat_after = 1: each call is said a second time a second
# after it ends - the recording is the call twice, nothing else; a call
# whose visitor was served meanwhile is not said again
printf '[display]\nvoice = true\nvoice_language = id\nrepeat_after = 1\n' \
    >"$OUT/repeat.conf"
A issue A >/dev/null
: >"$TRACE"
SDL_DISKAUDIOFILE="$OUT/twice.raw" "$DISP" --trace "$TRACE" --renderer software --config \
    "$OUT/repeat.conf" --db "$DB" --windowed 1280x720 \
    2>"$OUT/display.err" &
PID=$!
check "repeat: started with audio" wait_match "$TRACE" '^start audio=on' 100
out=$(A next --counter 3)
label=$(echo "$out" | cut -d' ' -f1)
check "repeat: said again" wait_match "$TRACE" "^repeat called $label 3 " 100
# idle_after REGEX: "audio idle" after the last line matching REGEX
idle_after() {
	n=0
	until awk -v re="$1" '$0 ~ re { seen = 1; idle = 0 }
	    seen && /^audio idle/ { idle = 1 } END { exit !idle }' "$TRACE"; do
		n=$((n + 1))
		[ "$n" -gt 300 ] && return 1
		sleep 0.1
	done
}
check "repeat: played to the end" idle_after "^repeat called $label "
# a second call, done at once: not repeated
A issue A >/dev/null
out=$(A next --counter 3)
label2=$(echo "$out" | cut -d' ' -f1)
A done --counter 3 >/dev/null
check "repeat: the second call played" idle_after \
    "^announce called $label2 3 "
sleep 2
if grep -q "^repeat called $label2 " "$TRACE"; then
	fail "a call whose visitor was served was said again"
else pass; fi
stop
expect_eq "repeat: said once more, not more" \
    "$(grep -c "^repeat called $label " "$TRACE")" 1
{ clips "$label" 3; clips "$label" 3; clips "$label2" 3; } >"$OUT/twice.list"
check "repeat: the recording is the call twice, then the next call" \
    "$CMP" "$OUT/twice.raw" $(cat "$OUT/twice.list")
tail -n 1 "$OUT/last.out"

# voice from anywhere: started from another folder (no ./assets there),
# without `make install` and without voice_dir, it finds the clips in the
# source tree of its executable and plays the call whole
ELSEWHERE=$(mktemp -d)
printf '[display]\nvoice = true\nvoice_language = id\n' >"$ELSEWHERE/v.conf"
: >"$TRACE"
A issue A >/dev/null
(cd "$ELSEWHERE" && SDL_DISKAUDIOFILE="$OUT/away.raw" \
    exec "$DISP" --trace "$TRACE" --renderer software --config v.conf --db "$DB" \
    --windowed 1280x720 2>"$OUT/display.err") &
PID=$!
check "from /tmp: started with audio" wait_match "$TRACE" '^start audio=on' 100
expect_match "from /tmp: the voice set of the executable's tree" "$TRACE" \
    "^start .* voice=$(pwd)/assets/voice/id\$"
out=$(A next --counter 3)
label=$(echo "$out" | cut -d' ' -f1)
check "from /tmp: announcement played" wait_match "$TRACE" '^audio idle' 300
sleep 0.3
stop
clips "$label" 3 >"$OUT/away.list"
check "from /tmp: the call played whole, from the right clips" \
    "$CMP" "$OUT/away.raw" $(cat "$OUT/away.list")
if grep -q 'missing' "$OUT/display.err"; then
	fail "from /tmp: clips missing: $(cat "$OUT/display.err")"
else pass; fi

# a copy of the program with no clips anywhere near it: it says so on
# the screen (a small line), not only on stderr
mkdir -p "$ELSEWHERE/bin"
cp "$DISP" "$ELSEWHERE/bin/antri-display"
: >"$TRACE"
(cd "$ELSEWHERE" && SDL_DISKAUDIOFILE=/dev/null exec bin/antri-display \
    --trace "$TRACE" --scene "$OUT/lost.scene" --renderer software --config v.conf \
    --db "$DB" --windowed 1280x720 2>"$OUT/display.err") &
PID=$!
check "no clips: started" wait_match "$TRACE" '^start ' 100
if grep -q '^start .* voice=-$' "$TRACE"; then
	check "no clips: said on the screen" wait_match "$OUT/lost.scene" \
	    '^text voice_missing .*rekaman suara tidak ditemukan'
	expect_match "no clips: and on stderr" "$OUT/display.err" \
	    'no voice clips in'
else
	skip "no clips: an installed voice set was found ($(cat "$TRACE"))"
fi
stop
rm -rf "$ELSEWHERE"
finish
