# serve_lib.sh - antri-serve for a shell test or a benchmark: start it on
# a loopback port the script picks (another one when that is taken), log
# in, stop it.  Source it after lib.sh (it uses OUT and wait_match).
#
# The script sets DB, and may set SERVE (the program; BIN's antri-serve
# by default) and SERVE_CONF (the config start_server uses when given
# none; none: no --config).  The server's log is $OUT/serve.log; SPID is
# its process, to stop on exit:
#   trap 'kill_server' EXIT INT TERM
: "${SERVE:=$BIN/antri-serve}"
SPID=""

# start_server [CONF]: antri-serve on DB with CONF, listening on
# 127.0.0.1:PORT_KEEP when that is set (a restart on the same port), else
# on a random port from 20000; eight tries, each waiting up to 10 s for
# "listening on".  SERVE_BEFORE, when set, is run with the server's URL
# before each try (to write a config that names the port).  Sets PORT, U
# (http://127.0.0.1:PORT) and SPID; 1 when it never started.
start_server() {
	sv_conf=${1:-${SERVE_CONF:-}}
	for sv_try in 1 2 3 4 5 6 7 8; do
		PORT=${PORT_KEEP:-$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))}
		U="http://127.0.0.1:$PORT"
		[ -n "${SERVE_BEFORE:-}" ] && $SERVE_BEFORE "$U"
		: >"$OUT/serve.log"
		"$SERVE" --db "$DB" ${sv_conf:+--config "$sv_conf"} \
			--listen "127.0.0.1:$PORT" 2>>"$OUT/serve.log" &
		SPID=$!
		wait_match "$OUT/serve.log" "listening on" 100 && return 0
		kill "$SPID" 2>/dev/null; wait "$SPID" 2>/dev/null
		SPID=""
		[ -n "${PORT_KEEP:-}" ] && sleep 1
	done
	return 1
}

# stop_server: SIGTERM, then wait; returns the server's exit status (also
# in rc).
stop_server() {
	kill -TERM "$SPID" 2>/dev/null
	wait "$SPID"
	rc=$?
	SPID=""
	return $rc
}

# kill_server: for a trap; stops a server still running, says nothing.
kill_server() {
	[ -n "$SPID" ] && kill "$SPID" 2>/dev/null
	return 0
}

# post PATH BODY [curl args]: POST BODY (JSON, with the page's Origin) to
# U/api/v1/PATH with the cookie jar JAR; prints the HTTP status, the
# answer goes to $OUT/body (read it with body or ecode).
post() {
	p=$1; b=$2; shift 2
	curl -s -o "$OUT/body" -w '%{http_code}' -b "$JAR" -c "$JAR" \
		-H "Origin: $U" -H "Content-Type: application/json" \
		--data-binary "$b" "$@" "$U/api/v1/$p"
}
# body JQ: that field of the last answer; ecode: its error code
body() { jq -r "$1" "$OUT/body" 2>/dev/null; }
ecode() { jq -r '.error.code' "$OUT/body" 2>/dev/null; }

# server_login JAR NAME PASSWORD: log in, the session into the cookie jar
# JAR (JAR itself is left as it was); prints the HTTP status.
server_login() (
	JAR=$1
	post login "{\"name\":\"$2\",\"password\":\"$3\"}"
)

# browser_run NAME ARGS...: tests/helpers/NAME.py with ARGS in headless
# Chromium (/usr/bin/python3, selenium); its lines are shown and its
# "N passed, N failed" added to this script's counts.  No browser here,
# or a script that ends without that line, is a failure.
browser_run() {
	br_py=$1; shift
	if [ -n "${ANTRI_QUICK:-}" ]; then
		skip "$br_py: the browser (make check leaves it to make test)"
		return 0
	fi
	if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] &&
	    /usr/bin/python3 -c 'import selenium' 2>/dev/null; then
		/usr/bin/python3 "tests/helpers/$br_py.py" "$@" >"$OUT/$br_py.out" 2>&1
		cat "$OUT/$br_py.out"
		br_n=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' \
			"$OUT/$br_py.out" | tail -n 1)
		if [ -n "$br_n" ]; then
			PASSED=$((PASSED + ${br_n% *})); FAILED=$((FAILED + ${br_n#* }))
		else
			fail "$br_py.py did not finish: $(tail -5 "$OUT/$br_py.out")"
		fi
	else
		fail "chromium, chromedriver or python3-selenium is missing (scripts/deps.sh TEST)"
	fi
}
