#!/bin/sh
# bench_serve.sh BUILD - antri-serve figures (called by tests/bench/bench.sh):
# 50 concurrent clients (wrk) on GET status and POST next, commit -> SSE
# latency over 200 calls, resident memory idle and with 200 SSE streams.
# Prints figures; asserts nothing.  POST next gets 24,000 waiting tickets
# (four stress processes at once) and 3 s, so that the figure is of
# presses that call somebody, not of "nobody waiting" answers; the line
# says how many answers were 409 all the same.
set -u
B=${1:-build}
W=$(mktemp -d /tmp/antri-bench-serve.XXXXXX)
BIN=$B; OUT=$W
. tests/helpers/lib.sh
. tests/helpers/serve_lib.sh
trap 'kill_server; rm -rf "$W"' EXIT
DB="$W/serve.db"
command -v wrk >/dev/null || { echo "wrk missing (apt-get install wrk)"; exit 0; }
"$B/antri" --db "$DB" init --demo >/dev/null
"$B/antri" --db "$DB" limit 0 >/dev/null
echo "bench-manager-1" | "$B/antri" --db "$DB" user add bench --role manager >/dev/null
for seed in 3 4 5 6; do
	"$B/tests/stress" "$DB" issue 6000 $seed >/dev/null &
done
wait
start_server || { echo "antri-serve did not start"; exit 0; }
rss() { awk '/^VmRSS/ { printf "%.1f MB", $2 / 1024 }' /proc/$SPID/status; }
echo "antri-serve resident memory, idle: $(rss) (target <= 20 MB)"
server_login "$W/jar" bench bench-manager-1 >/dev/null
TOK=$(awk '$6 == "antri_session" { print $7 }' "$W/jar")

figures() {   # wrk output -> one line
	awk -v what="$1" '/Requests\/sec/ { rps = $2 }
		$1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
		/requests in/ { all = $1 } /Non-2xx/ { non = $5 }
		END { printf "%s: %d req/s, p50 %s, p99 %s%s\n", what, rps, p50, p99,
			non ? " (" non " of " all " answers were 409: nobody " \
			"waiting)" : "" }'
}
wrk -t2 -c50 -d5s --latency "$U/api/v1/status" 2>&1 | figures "GET status, 50 clients"
cat >"$W/next.lua" <<LUA
-- POST next on counters 1-4 in turn, with the session and Origin
local n = 0
wrk.method = "POST"
wrk.body = "{}"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Origin"] = "$U"
wrk.headers["Cookie"] = "antri_session=$TOK"
request = function()
	n = n % 4 + 1
	return wrk.format(nil, "/api/v1/counters/" .. n .. "/next")
end
LUA
wrk -t2 -c50 -d3s --latency -s "$W/next.lua" "$U" 2>&1 | figures "POST next, 50 clients (target p99 <= 10 ms)"
"$B/antri" --db "$DB" check >/dev/null || echo "  (antri check FAILED after POST next)"
"$B/tests/bench_serve_sse" "$DB" "$PORT" 200 | sed 's/$/ (target p99 <= 20 ms)/'
"$B/tests/bench_serve_sse" - "$PORT" 200 6 >"$W/streams" &
hp=$!
sleep 3
echo "antri-serve resident memory with $(cut -d' ' -f2 "$W/streams") SSE streams: $(rss) (target <= 20 MB)"
wait $hp
stop_server
exit 0
