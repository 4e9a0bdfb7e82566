#!/bin/sh
# demo-central.sh BUILD - the head office in one command (make
# demo-central): a throwaway PostgreSQL cluster (tests/helpers/pg_lib.sh:
# initdb in /tmp, a Unix socket only, fsync on, never the machine's own
# cluster), antri-central on port 8090 (ANTRI_DEMO_CENTRAL_PORT), and
# three demo outlets: real antri databases in demo-central/, each with
# its own antri-sync and a small simulated day (tickets issued, called,
# served) so /outlets and /hq move within a minute.  Ctrl-C stops it all
# and removes the cluster; the outlets' databases stay in demo-central/.
set -u
B=${1:-build}
TREE=$(pwd)
D=$TREE/demo-central
PORT=${ANTRI_DEMO_CENTRAL_PORT:-8090}
. "$TREE/tests/helpers/pg_lib.sh"

for p in antri antri-sync antri-central; do
	[ -x "$B/$p" ] || { echo "demo-central: $B/$p is missing (make all)" >&2; exit 1; }
done
why=$(pg_skip_reason)
[ -n "$why" ] && { echo "demo-central: $why (scripts/deps.sh installs it)" >&2; exit 1; }

pids=""
stop() {
	trap - EXIT INT TERM
	for p in $pids; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	pg_cleanup
	echo "demo-central: stopped; the cluster is removed, the outlets stay in $D"
}
trap stop EXIT
trap 'exit 0' INT TERM

mkdir -p "$D"
chmod 0700 "$D"
pg_start || { echo "demo-central: the cluster did not start:" >&2;
	tail -n 5 "$PGDIR"/*.log >&2; exit 1; }
"$B/antri-central" --pg "$ADMIN" init || exit 1

# id|name|area|limit|visitors per round|most waiting outside: a busy,
# a calm and a crowded outlet
OUTLETS="jkt-menteng|PTSP Kecamatan Menteng|Jakarta Pusat|12|3|15
jkt-tebet|PTSP Kecamatan Tebet|Jakarta Selatan|8|1|4
jkt-cengkareng|PTSP Kecamatan Cengkareng|Jakarta Barat|10|4|30"

echo "$OUTLETS" | while IFS='|' read -r id name area lim n most; do
	db=$D/$id.db conf=$D/$id.conf pass=$D/$id.pass
	rm -f "$db" "$db-wal" "$db-shm" "$pass"
	"$B/antri-central" --pg "$ADMIN" office add "$id" "$name" \
	    --area "$area" --passfile "$pass" >/dev/null || exit 1
	cat >"$conf" <<EOF
[office]
name = $name
[database]
path = $db
[central]
pg = host=$PGSOCK port=$PGPORT_T dbname=antri user=antri_$id passfile=$pass connect_timeout=5
office = $id
EOF
	"$B/antri" --config "$conf" init --demo >/dev/null &&
	"$B/antri" --config "$conf" office "$name" >/dev/null &&
	"$B/antri" --config "$conf" limit "$lim" >/dev/null || exit 1
done || exit 1

for conf in "$D"/*.conf; do
	"$B/antri-sync" --config "$conf" 2>>"$D/sync.log" &
	pids="$pids $!"
done

# the head office's staff: a viewer and an admin
echo hq-demo-1 | "$B/antri-central" --pg "$ADMIN" user add \
    hq-admin --role admin >/dev/null 2>&1
echo hq-demo-2 | "$B/antri-central" --pg "$ADMIN" user add \
    hq-viewer --role viewer >/dev/null 2>&1
"$B/antri-central" --pg "$ADMIN" --listen "0.0.0.0:$PORT" \
    2>"$D/central.log" &
pids="$pids $!"

echo "antri-central: http://localhost:$PORT/outlets   (log: $D/central.log)"
echo "  head office: http://localhost:$PORT/hq  hq-admin / hq-demo-1, hq-viewer / hq-demo-2"
echo "  three outlets in $D (antri --config $D/jkt-menteng.conf status)"
echo "  Ctrl-C stops the demo"

# a small day: each round, each outlet gets visitors and its open counters
# call and serve; a round every 2 s.  The counters serve fewer than come
# to the busy outlets, so visitors stop coming to one whose queue outside
# is at its most (they go elsewhere): a queue that stays a day's, not
# one that grows by hundreds while the demo runs
round=0
while :; do
	round=$((round + 1))
	echo "$OUTLETS" | while IFS='|' read -r id name area lim n most; do
		A() { "$B/antri" --config "$D/$id.conf" "$@" >/dev/null 2>&1; }
		out=$("$B/antri" --config "$D/$id.conf" --json status 2>/dev/null |
		    jq -r '.outside // 0')
		i=0
		[ "${out:-0}" -ge "$most" ] && i=$n
		while [ $i -lt "$n" ]; do
			case $(( (round + i) % 3 )) in
			0) A issue A ;; 1) A issue B ;; *) A issue C ;;
			esac
			i=$((i + 1))
		done
		for c in 1 2 3; do
			[ $(( (round + c) % 2 )) = 0 ] && A next --counter "$c"
		done
	done
	sleep 2
done
