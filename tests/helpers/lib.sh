# lib.sh - helpers for shell tests; source it.  BIN is the build folder
# (build or build-san), OUT a folder for this test's files.  Every check
# counts a pass or prints what failed; `finish` prints "N passed, N failed".
set -u
: "${BIN:=build}"
BIN=$(cd "$BIN" && pwd)
ANTRI="$BIN/antri"
: "${OUT:=$(mktemp -d)}"
mkdir -p "$OUT"
PASSED=0
FAILED=0

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
# write lock and keeps it SECONDS.  Returns once the lock is held (1 if it
# never was); LOCKPID is the holder, to wait for or kill.
hold_lock() {
	{ echo "BEGIN IMMEDIATE;"
	  echo "UPDATE settings SET value = value WHERE key = 'limit';"
	  echo "SELECT 'locked';"
	  sleep "$2"
	  echo "COMMIT;"; } | sqlite3 "$1" >"$OUT/lock.out" 2>&1 &
	LOCKPID=$!
	wait_match "$OUT/lock.out" '^locked$' 50
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

finish() {
	echo "$PASSED passed, $FAILED failed"
	[ "$FAILED" = 0 ]
}
