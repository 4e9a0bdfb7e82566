# lib.sh - helpers for shell tests; source it.  BIN is the build folder
# (build or build-san), OUT a folder for this test's files.  Every check
# counts a pass or prints what failed; `finish` prints "N passed, N failed"
# (and ", N skipped" when a part could not run here: `skip`, `skip_all`).
set -u
: "${BIN:=build}"
BIN=$(cd "$BIN" && pwd)
ANTRI="$BIN/antri"
: "${OUT:=$(mktemp -d)}"
mkdir -p "$OUT"
# the counts so far when in_xvfb ran the script again
PASSED=${XVFB_PASSED:-0}
FAILED=${XVFB_FAILED:-0}
SKIPPED=${XVFB_SKIPPED:-0}
unset XVFB_PASSED XVFB_FAILED XVFB_SKIPPED

pass() { PASSED=$((PASSED + 1)); }
fail() { FAILED=$((FAILED + 1)); echo "FAIL: $*" >&2; }

# check DESCRIPTION COMMAND...: passes when the command exits 0
check() {
	d=$1; shift
	if "$@" >"$OUT/last.out" 2>"$OUT/last.err"; then pass
	else fail "$d (exit $?): $(head -c 400 "$OUT/last.err")"; fi
}

# expect_exit N DESCRIPTION COMMAND...: passes when the command exits N
expect_exit() {
	want=$1; d=$2; shift 2
	"$@" >"$OUT/last.out" 2>"$OUT/last.err"
	got=$?
	if [ "$got" = "$want" ]; then pass
	else fail "$d: exit $got, wanted $want: $(head -c 400 "$OUT/last.err")"; fi
}

# expect_eq DESCRIPTION GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', wanted '$3'"; fi
}

# expect_match DESCRIPTION FILE REGEX: passes when FILE has a matching line
expect_match() {
	if grep -Eq -- "$3" "$2"; then pass
	else fail "$1: no line matching /$3/ in $2: $(head -c 300 "$2")"; fi
}

# wait_match FILE REGEX [TENTHS]: until FILE has a matching line (default
# 100 tenths of a second); 1 if it never does
wait_match() {
	n=0
	while ! grep -Eq -- "$2" "$1" 2>/dev/null; do
		n=$((n + 1))
		[ "$n" -gt "${3:-100}" ] && return 1
		sleep 0.1
	done
	return 0
}

# hold_lock DB SECONDS: another process (the sqlite3 shell) takes DB's
# write lock and keeps it SECONDS, or until release_lock.  Returns once the
# lock is held (1 if it never was); LOCKPID is the holder, to wait for or
# kill.
hold_lock() {
	rm -f "$OUT/lock.stop"
	{ echo "BEGIN IMMEDIATE;"
	  echo "UPDATE settings SET value = value WHERE key = 'limit';"
	  echo "SELECT 'locked';"
	  _l=$(($2 * 10))
	  while [ "$_l" -gt 0 ] && [ ! -e "$OUT/lock.stop" ]; do
		sleep 0.1; _l=$((_l - 1)); done
	  echo "COMMIT;"; } | sqlite3 "$1" >"$OUT/lock.out" 2>&1 &
	LOCKPID=$!
	wait_match "$OUT/lock.out" '^locked$' 50
}
# release_lock: hold_lock's holder commits now; returns once it has ended
release_lock() {
	touch "$OUT/lock.stop"
	wait "$LOCKPID"
}

# wait_window PID REGEX [LOG]: sets W to the id of the X window whose name
# matches REGEX (or, failing that, the one of process PID), waiting up to
# 60 s.  A loaded machine running the sanitizer build can take long to
# open one; when the window never comes, W is empty and what the program
# logged, whether it still runs and which windows exist are printed, so
# the failure explains itself.  1 when no window.
wait_window() {
	W=""
	_n=0
	while [ -z "$W" ] && [ $_n -lt 600 ]; do
		W=$(xdotool search --onlyvisible --name "$2" 2>/dev/null |
		    head -n 1)
		[ -z "$W" ] && [ $_n -ge 50 ] &&
		    W=$(xdotool search --pid "$1" 2>/dev/null | tail -n 1)
		if [ -z "$W" ]; then
			kill -0 "$1" 2>/dev/null || break
			sleep 0.1
		fi
		_n=$((_n + 1))
	done
	[ -n "$W" ] && return 0
	if kill -0 "$1" 2>/dev/null; then
		echo "  process $1 still runs, no window /$2/ after 60 s" >&2
	else
		echo "  process $1 ended without a window /$2/" >&2
	fi
	if xdpyinfo >/dev/null 2>&1; then
		echo "  the X server $DISPLAY answers" >&2
	else
		echo "  the X server $DISPLAY does not answer:" \
		    "$(tail -c 300 "$OUT/xvfb.log" 2>/dev/null)" >&2
	fi
	echo "  windows: $(xwininfo -root -tree 2>&1 | grep -c '"')," \
	    "named: $(xwininfo -root -tree 2>&1 | grep -o '"[^"]*"' |
	    sort -u | head -n 10 | tr '\n' ' ')" >&2
	[ -n "${3:-}" ] && sed 's/^/  log: /' "$3" | tail -n 20 >&2
	return 1
}

# need TOOL...: every TOOL is on PATH; else a failure naming the missing
# one, the closing line, and the script ends (exit 1)
need() {
	for t in "$@"; do
		command -v "$t" >/dev/null && continue
		fail "$t is missing"; finish; exit 1
	done
}

# skip REASON: a part that cannot run here says so and counts as skipped,
# never as passed (tests/run.sh shows the reason)
skip() { SKIPPED=$((SKIPPED + 1)); echo "SKIPPED: $*"; }
# have_browser: Debian's chromium, chromedriver and python3-selenium are
# here (scripts/deps.sh TEST)
have_browser() {
	[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] &&
	    /usr/bin/python3 -c 'import selenium' 2>/dev/null
}
# browser_counts FILE: a browser helper's output shown, and its closing
# "N passed, N failed" added to this suite's (a failure when it has none)
browser_counts() {
	cat "$1"
	_line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
	[ -z "$_line" ] && { fail "$1: no closing summary"; return; }
	PASSED=$((PASSED + $(echo "$_line" | sed 's/ passed.*//')))
	FAILED=$((FAILED + $(echo "$_line" | sed 's/.* \([0-9]*\) failed.*/\1/')))
}
# skip_all REASON: nothing of the suite can run here: skip, the closing
# line, exit 0
skip_all() { skip "$@"; finish; exit 0; }

# wait_until DESCRIPTION SECONDS COMMAND...: until COMMAND succeeds, at
# most SECONDS (what a loaded machine under the sanitizers needs, not a
# timing check: it returns as soon as COMMAND does); a pass, or a failure
# saying what never happened.  1 when it never did.
wait_until() {
	_d=$1 _s=$2 _n=$(($2 * 10)); shift 2
	while ! "$@" >/dev/null 2>&1; do
		_n=$((_n - 1))
		if [ "$_n" -le 0 ]; then
			fail "$_d: not within $_s s"
			return 1
		fi
		sleep 0.1
	done
	pass
}

# faked TIME PROGRAM [ARGS]: PROGRAM with its wall clock at TIME
# (libfaketime's FAKETIME: "+1d", "+90s", "@2026-12-05 08:00:00"; any
# FAKETIME_* option in the environment passes through).  ft_preload
# PROGRAM prints the LD_PRELOAD for it, for a program started in the
# background (`FAKETIME=+1d LD_PRELOAD=$(ft_preload P) P &`: $! is P).
# libfaketime is preloaded in place, never through the faketime command:
# that one makes a semaphore named by its pid in /dev/shm, left there when
# a test kills it, and a later faketime given the same pid fails
# ("sem_open: File exists", seen in CI).  Under ASan the sanitizer's
# runtime comes first in the list, as both ask: with libfaketime first its
# clock calls run before ASan is set up (a known deadlock, which
# verify_asan_link_order=0 used to hide).
FTLIB=$(ls /usr/lib/*/faketime/libfaketimeMT.so.1 \
    /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -n 1)
ft_preload() {
	[ -n "$FTLIB" ] || { echo "no libfaketime (apt-get install faketime)" >&2
	    return 1; }
	_asan=$(ldd "$1" 2>/dev/null |
	    sed -n 's|.*=> \(/[^ ]*libasan[^ ]*\) .*|\1|p' | head -n 1)
	echo "${_asan:+$_asan }$FTLIB"
}
faked() {
	_t=$1; shift
	_pre=$(ft_preload "$1") || return 127
	FAKETIME="$_t" LD_PRELOAD="$_pre" "$@"
}

# in_xvfb WxHxD [ARGS]: runs the calling script again (with ARGS) under an
# X server of its own with that screen, unless already inside one, and
# ends with its status; the counts so far carry over.  Xvfb picks a free display itself (-displayfd),
# so suites started together never race for one as `xvfb-run -a` can.
in_xvfb() {
	[ -n "${IN_XVFB:-}" ] && return 0
	need Xvfb
	_scr=$1; shift
	: >"$OUT/xvfb.display"
	# -noreset: by default Xvfb resets itself when its last client goes,
	# and a program connecting during the reset cannot open the display
	# ("unable to open display": 3 of 400 xdpyinfo runs one after another
	# on a loaded machine, 13-18 of 400 under libfaketime, 0 of 400 with
	# -noreset).  gui_records kills all three programs, then starts three
	# under libfaketime at once: in CI none of them got a window.
	Xvfb -displayfd 9 -screen 0 "$_scr" -nolisten tcp -noreset \
	    9>"$OUT/xvfb.display" >"$OUT/xvfb.log" 2>&1 &
	_xpid=$!
	trap 'kill "$_xpid" 2>/dev/null' EXIT
	trap 'exit 143' INT TERM
	if ! wait_match "$OUT/xvfb.display" '^[0-9]+$' 300; then
		fail "Xvfb did not start within 30 s: $(tail -c 300 "$OUT/xvfb.log")"
		finish; exit 1
	fi
	# SDL on this X server and nothing else: when X11 cannot open, the
	# program says why and ends ("cannot start the video: x11 not
	# available") instead of SDL trying Wayland and other drivers, which
	# left programs running with no window on this screen (the reset
	# above).  A runtime folder of the test's own, so that nothing
	# probing Wayland prints "XDG_RUNTIME_DIR is invalid".
	mkdir -p -m 700 "$OUT/xdg"
	XVFB_PASSED=$PASSED XVFB_FAILED=$FAILED XVFB_SKIPPED=$SKIPPED IN_XVFB=1 \
	    DISPLAY=":$(cat "$OUT/xvfb.display")" BIN="$BIN" OUT="$OUT" \
	    SDL_VIDEODRIVER="${SDL_VIDEODRIVER:-x11}" XDG_RUNTIME_DIR="$OUT/xdg" \
	    sh "$0" "$@"
	exit $?
}

# add_counts NAME FILE: shows FILE, the output of a helper program (a
# browser's walk) that ends with "N passed, N failed", and adds its counts
# to this script's; a failure when it has no such line
add_counts() {
	cat "$2"
	_l=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$2" | tail -n 1)
	if [ -z "$_l" ]; then
		fail "$1 ended without a summary"
		return
	fi
	PASSED=$((PASSED + $(echo "$_l" | sed 's/^\([0-9]*\) passed.*/\1/')))
	FAILED=$((FAILED + $(echo "$_l" | sed 's/.* \([0-9]*\) failed.*/\1/')))
}

finish() {
	if [ "$SKIPPED" != 0 ]; then
		echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
	else
		echo "$PASSED passed, $FAILED failed"
	fi
	[ "$FAILED" = 0 ]
}
