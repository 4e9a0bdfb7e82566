# kiosk_lib.sh - helpers for the kiosk's GUI tests; source it after lib.sh.
# Runs the calling script again under its own Xvfb (1280x800, or
# $KIOSK_W x $KIOSK_H) when not yet
# inside one, starts the kiosk with --trace so the test can see which
# screen each frame showed, taps buttons at the centres the kiosk's own
# layout module prints (--print-layout), and with SHOTS=1 saves
# screenshots to $OUT.
W=${KIOSK_W:-1280}
H=${KIOSK_H:-800}
KIOSK_W=$W KIOSK_H=$H
export KIOSK_W KIOSK_H
in_xvfb "${W}x${H}x24" "$@"
KIOSK="$BIN/antri-kiosk"
TRACE="$OUT/trace"
KPID=""
MARK=0

# kstart [ARGS]: the kiosk on $DB, fullscreen, software renderer
kstart() {
	: >"$TRACE"
	MARK=0
	"$KIOSK" --trace "$TRACE" --renderer "${RENDERER:-software}" \
	    --db "$DB" --kiosk-id test "$@" >>"$OUT/kiosk.log" 2>&1 &
	KPID=$!
}

# kstop: SIGTERM, and the exit status must be 0
kstop() {
	[ -n "$KPID" ] || return 0
	kill -TERM "$KPID" 2>/dev/null
	wait "$KPID"
	rc=$?
	KPID=""
	expect_eq "kiosk ends cleanly on SIGTERM" "$rc" 0
}
trap '[ -n "$KPID" ] && kill -KILL "$KPID" 2>/dev/null' EXIT

# mark: later waits look only at frames drawn after this point
mark() { MARK=$(wc -l <"$TRACE"); }
# frames REGEX: trace lines after the mark matching REGEX
frames() { tail -n +$((MARK + 1)) "$TRACE" | grep -E -- "$1"; }
# wait_frame DESCRIPTION REGEX [SECONDS]: a frame after the mark matches.
# SECONDS is what a quiet machine needs; the wait allows three times that
# (a failure guard for a loaded machine and the sanitizer build, not a
# timing check: it returns as soon as the frame is there)
wait_frame() {
	n=$(( ${3:-10} * 30 ))
	while [ "$n" -gt 0 ]; do
		frames "$2" >/dev/null && { pass; return 0; }
		sleep 0.1
		n=$((n - 1))
	done
	fail "$1: no frame matching /$2/ within $((${3:-10} * 3)) s; last: $(tail -n 3 "$TRACE" | tr '\n' '|')"
	return 1
}

# pos SCREEN NAME INDEX: centre of a button, from the kiosk's layout
# (printed once per database and kept: the test database may be locked)
pos() {
	if [ ! -s "$DB.layout" ]; then
		"$KIOSK" --db "$DB" --print-layout "${W}x${H}" >"$DB.layout" ||
		    rm -f "$DB.layout"
	fi
	awk -v s="$1" -v n="$2" -v i="$3" \
	    '$1 == s && $2 == n && $3 == i { print $4, $5 }' "$DB.layout"
}
# tap SCREEN NAME INDEX [CLICKS]: click there
tap() {
	p=$(pos "$1" "$2" "$3")
	[ -n "$p" ] || { fail "no button $1 $2 $3 in the layout"; return 1; }
	# shellcheck disable=SC2086
	xdotool mousemove $p click --repeat "${4:-1}" --delay 60 1
}
# typepin DIGITS: tap them on the PIN pad, then OK
typepin() {
	for d in $(echo "$1" | sed 's/./& /g'); do
		tap pin pin_digit "$d"
		sleep 0.05
	done
	tap pin pin_ok 0
}
# longpress X Y SECONDS
longpress() {
	xdotool mousemove "$1" "$2" mousedown 1
	sleep "$3"
	xdotool mouseup 1
}

# grab NAME: the screen into $OUT/NAME.png, for a check that reads it
# (the trace's frame line comes after the frame is presented)
grab() { xwd -root -silent | convert xwd:- "$OUT/$1.png"; }
# shot NAME: grab, with SHOTS=1 only: pictures for a person (docs/img);
# nothing checks them
shot() { [ -z "${SHOTS:-}" ] || grab "$1"; }

# issued CODE / field CODE FIELD: from `antri --json status`
field() {
	"$ANTRI" --db "$DB" --json status |
	    jq -r ".services[] | select(.code == \"$1\") | .$2"
}
issued() { field "$1" issued; }
