# serve_lib.sh - antri-serve for a shell test or a benchmark: start it on
# a loopback port the script picks (another one when that is taken), log
# in, stop it.  Source it after lib.sh (it uses OUT and wait_match).
#
# The script sets SERVE (the antri-serve program) and DB; SERVE_CONF is
# the config start_server uses when given none (none: no --config).  The
# server's log is $OUT/serve.log; SPID is its process, to stop on exit:
#   trap 'kill_server' EXIT INT TERM
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

# server_login JAR NAME PASSWORD: log in at U, the session cookie into
# JAR; prints the HTTP status (the answer in $OUT/login.body).
server_login() {
	curl -s -o "$OUT/login.body" -w '%{http_code}' -c "$1" \
		-H "Origin: $U" -H "Content-Type: application/json" \
		--data-binary "{\"name\":\"$2\",\"password\":\"$3\"}" \
		"$U/api/v1/login"
}
