#!/bin/sh
# bench_notify.sh BUILD - the reminders' figures (printed, not asserted):
#  1. a ticket's issue (bench_core latency: p50 p99 max in ms) without
#     antri-notify, and with it following the same database while 200
#     remote tickets with a phone number wait (what its reads and its
#     short writes cost the queue's writes);
#  2. "come now": from the commit that made a ticket's wait fall under
#     [remote] come_min (the earliest commit the notifier had not read) to
#     the SMS in gammu-smsd's outbox folder, over every such reminder of a
#     busy morning compressed into a minute (target: 99% within 30 s).
set -u
B=$(cd "${1:-build}" && pwd)
A="$B/antri"
N="$B/antri-notify"
W=$(mktemp -d /tmp/antri-bench-notify.XXXXXX)
NPID=""
trap '[ -n "$NPID" ] && kill "$NPID" 2>/dev/null; wait 2>/dev/null; rm -rf "$W"' EXIT
echo "== reminders (antri-notify) =="
mkdir -p "$W/out"
office() {   # DB: the demo office, no room limit, 400 walk-ins, 200 remote
	"$A" --db "$1" init --demo >/dev/null
	"$A" --db "$1" limit 0 >/dev/null
	for s in A B C D; do
		i=0; while [ $i -lt 100 ]; do
			"$A" --db "$1" issue "$s" >/dev/null; i=$((i + 1)); done
	done
	i=0; while [ $i -lt 200 ]; do
		"$A" --db "$1" remote "$(echo ABCD | cut -c$((i % 4 + 1)))" \
		    --phone "+62812000$(printf %05d $i)" >/dev/null
		i=$((i + 1))
	done
}
conf() {     # DB: a config that sends SMS into $W/out
	printf '[database]\npath = %s\n[notify]\nchannel = sms\ngammu_outbox = %s\n' \
	    "$1" "$W/out" >"$W/notify.conf"
}

# 1. the queue's issue with and without the notifier
office "$W/a.db"
before=$("$B/tests/bench_core" "$W/a.db" latency 1000)
conf "$W/a.db"
"$N" --config "$W/notify.conf" 2>"$W/a.log" &
NPID=$!
sleep 1
after=$("$B/tests/bench_core" "$W/a.db" latency 1000)
kill "$NPID"; wait "$NPID" 2>/dev/null; NPID=""
echo "issue latency, ms (p50 p99 max), 1000 tickets: without antri-notify" \
    "$before; with it following $after"

# 2. "come now": counters call fast, waits fall, reminders go out
rm -f "$W"/out/*
office "$W/b.db"
conf "$W/b.db"
"$N" --config "$W/notify.conf" 2>"$W/b.log" &
NPID=$!
i=0
while [ $i -lt 150 ]; do
	for c in 1 2 3 4; do "$A" --db "$W/b.db" next --counter $c >/dev/null 2>&1; done
	sleep 0.3
	i=$((i + 1))
done
# until nothing is pending (at most a minute more)
i=0
while [ $i -lt 600 ] && [ "$(sqlite3 "$W/b.db" "SELECT count(*) FROM outbox \
    WHERE state = 'pending'")" != 0 ]; do sleep 0.1; i=$((i + 1)); done
kill "$NPID"; wait "$NPID" 2>/dev/null; NPID=""
sqlite3 "$W/b.db" "SELECT sent_ms - trigger_ms FROM outbox WHERE kind = 'come'
    AND state = 'sent' ORDER BY 1" >"$W/come.ms"
n=$(grep -c . "$W/come.ms")
if [ "$n" -gt 0 ]; then
	p50=$(sed -n "$(( (n + 1) / 2 ))p" "$W/come.ms")
	p99=$(sed -n "$(( (n * 99 + 99) / 100 ))p" "$W/come.ms")
	max=$(tail -n 1 "$W/come.ms")
	in30=$(awk '$1 <= 30000' "$W/come.ms" | grep -c .)
	echo "\"come now\": $n reminders, trigger to SMS file p50 $p50 ms," \
	    "p99 $p99 ms, max $max ms; $((in30 * 100 / n))% within 30 s" \
	    "(target 99%)"
else
	echo "\"come now\": no reminder was triggered (bench broken)"
fi
echo "outbox: $(sqlite3 "$W/b.db" "SELECT group_concat(kind || ' ' || n, ', ')
    FROM (SELECT kind, count(*) n FROM outbox GROUP BY kind)"); SMS files:" \
    "$(ls "$W/out" | grep -c '^OUT')"
