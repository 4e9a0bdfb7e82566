#!/bin/sh
# bench_central.sh BUILD - antri-central against a throwaway PostgreSQL
# with 318 outlets of five services each: the bytes of /api/v1/outlets,
# its answers per second (curl in a loop, the one-second cache), the page
# /outlets on a phone in Chromium (tests/bench/bench_outlets.py: first
# paint, the whole list, bytes), and STREAMS event streams held
# at once (tests/bench/bench_central_streams.py: memory, and one change
# reaching every stream).  Prints figures; asserts nothing.  Skipped when
# no cluster can be started.
B=$(cd "${1:-build}" && pwd)
BIN=$B
OUT=$(mktemp -d /tmp/antri-bench-central.XXXXXX)
. "$(dirname "$0")/../helpers/lib.sh"
. "$(dirname "$0")/../helpers/pg_lib.sh"
SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER"; pg_cleanup; rm -rf "$OUT"' EXIT
trap 'exit 1' HUP INT PIPE TERM
why=$(pg_skip_reason)
[ -n "$why" ] && { echo "bench_central: skipped: $why"; exit 0; }
pg_start || { echo "bench_central: skipped: the cluster did not start"; exit 0; }
STREAMS=${CENTRAL_BENCH_STREAMS:-10000}
ms() { date +%s%3N; }
"$B/antri-central" --pg "$ADMIN" init >/dev/null
pgq "INSERT INTO antri.offices (id, name, area, role)
 SELECT 'jkt-bench-' || i, 'Kelurahan ' || i, 'Jakarta Pusat',
  'antri_jkt-bench-' || i FROM generate_series(1, 318) i;
INSERT INTO antri.live (office, state) SELECT 'jkt-bench-' || i,
 jsonb_build_object('open', true, 'inside', i % 12, 'limit', 10,
  'outside', i % 7, 'services', (SELECT jsonb_agg(jsonb_build_object('code',
   s.code, 'name_id', s.id, 'name_en', s.en, 'open', true, 'waiting',
   (i + s.n) % 9, 'outside', (i * s.n) % 5, 'est_wait_s', 60 * ((i + s.n) % 40)))
  FROM (VALUES (1, 'A', 'Perizinan', 'Permits'),
   (2, 'B', 'Non-Perizinan', 'Non-Permits'), (3, 'C', 'Konsultasi',
   'Consultation'), (4, 'D', 'Pengambilan Dokumen', 'Document Pickup'),
   (5, 'P', 'Prioritas', 'Priority')) s (n, code, id, en)))
 FROM generate_series(1, 318) i" >/dev/null
# the streams need a socket each, on both sides
ulimit -n "$(ulimit -Hn)" 2>/dev/null
"$B/antri-central" --pg "$ADMIN" --listen 127.0.0.1:0 >"$OUT/server.log" 2>/dev/null &
SERVER=$!
wait_match "$OUT/server.log" "serving http" 300 || { echo "bench_central: the server did not start"; exit 0; }
PORT=$(sed -n 's|.*serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$OUT/server.log")
U="http://127.0.0.1:$PORT"
size=$(curl -s --compressed -o /dev/null -w '%{size_download}' "$U/api/v1/outlets")
echo "/api/v1/outlets, 318 outlets: $size bytes with gzip"
n=300
t0=$(ms)
i=0
while [ $i -lt $n ]; do curl -s --compressed -o /dev/null "$U/api/v1/outlets"; i=$((i + 1)); done
t1=$(ms)
echo "/api/v1/outlets, one client after another: $((n * 1000 / (t1 - t0 + 1))) answers/s (curl started each time)"
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] &&
    /usr/bin/python3 -c 'import selenium' 2>/dev/null; then
	echo "load average: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) cores"
	/usr/bin/python3 "$(dirname "$0")/bench_outlets.py" "$U/outlets" 318
else
	echo "/outlets: chromium, chromedriver or python3-selenium missing: no figures"
fi
/usr/bin/python3 "$(dirname "$0")/bench_central_streams.py" 127.0.0.1 "$PORT" \
    "$STREAMS" "$SERVER" "$ADMIN"
exit 0
