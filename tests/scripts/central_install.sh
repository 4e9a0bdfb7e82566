#!/bin/sh
# central_install.sh - a head office's install as docs/central.md describes
# it: one PostgreSQL, a streaming replica for reports, two antri-central
# on the same database as behind a proxy.  On throwaway clusters
# (tests/helpers/pg_lib.sh; the replica by pg_basebackup -R):
# - a session made on one server is good on the other, a log-out on one
#   ends it on both, and wrong passwords count across both;
# - `antri-central report` read from the replica equals the primary's;
# - antri-central on the replica serves the public list, refuses what
#   would write with a JSON reason and goes on serving; `init` against
#   the replica fails with the server's reason and changes nothing.
# Skipped, never passed, when PostgreSQL cannot be started.
. "$(dirname "$0")/../helpers/lib.sh"
. "$(dirname "$0")/../helpers/pg_lib.sh"
C="$BIN/antri-central"

why=$(pg_skip_reason)
[ -n "$why" ] && skip_all "$why"
need jq curl
S1="" S2="" S3="" STANDBY=""
cleanup() {
	for p in $S1 $S2 $S3; do kill "$p" 2>/dev/null; done
	[ -n "$STANDBY" ] && pg_as "$PGBIN/pg_ctl" -D "$STANDBY" -m immediate \
	    -w stop >/dev/null 2>&1
	pg_cleanup
}
trap cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM
rm -rf "$OUT"/*
pg_start || skip_all "the throwaway cluster did not start"

# ---- the primary: the schema, an outlet, an account --------------------------
check "init" "$C" --pg "$ADMIN" init
check "office add" "$C" --pg "$ADMIN" office add jkt-a "Kelurahan A" \
    --area "Jakarta Pusat" --passfile "$OUT/pass.a"
check "user add boss" sh -c \
    "echo 'rahasia-boss-1' | '$C' --pg '$ADMIN' user add boss --role admin"
pg_outlet_conf a
A() { "$ANTRI" --config "$OUT/a.conf" "$@"; }
A init --demo >/dev/null
for i in 1 2 3 4 5; do A issue A >/dev/null; A issue B >/dev/null; done
A next --counter 1 >/dev/null
A done --counter 1 >/dev/null
A next --counter 2 >/dev/null
check "the outlet ships" A sync --once

# ---- two servers on one database ---------------------------------------------
# serve NAME CONNINFO: an antri-central on a free port; sets PID and URL
serve() {
	"$C" --pg "$2" --listen 127.0.0.1:0 >"$OUT/$1.log" 2>&1 &
	PID=$!
	if ! wait_match "$OUT/$1.log" "serving http" 300; then
		fail "$1 did not start: $(tail -n 5 "$OUT/$1.log")"
		finish; exit 1
	fi
	URL=$(sed -n 's|.*serving \(http://[^/]*\)/outlets.*|\1|p' "$OUT/$1.log")
}
serve one "$ADMIN"; S1=$PID U1=$URL
serve two "$ADMIN"; S2=$PID U2=$URL
# code URL [CURL ARGS]: the status alone, the body in body.json
code() { u=$1; shift; curl -s -o "$OUT/body.json" -w '%{http_code}' \
    --max-time 20 "$@" "$u"; }
# login SERVER NAME PASSWORD JAR
login() {
	code "$1/api/v1/hq/login" -c "$4" -H "Origin: $1" \
	    -H "Content-Type: application/json" \
	    -d "{\"name\":\"$2\",\"password\":\"$3\"}"
}
expect_eq "log in on the first server" \
    "$(login "$U1" boss rahasia-boss-1 "$OUT/boss.jar")" 200
expect_eq "the session is good on the second" \
    "$(code "$U2/api/v1/hq/board" -b "$OUT/boss.jar")" 200
expect_eq "... and on the first" \
    "$(code "$U1/api/v1/hq/board" -b "$OUT/boss.jar")" 200
expect_eq "log out on the second" "$(code "$U2/api/v1/hq/logout" \
    -b "$OUT/boss.jar" -X POST -H "Origin: $U2" \
    -H "Content-Type: application/json" -d '{}')" 200
expect_eq "... the first no longer knows the session" \
    "$(code "$U1/api/v1/hq/board" -b "$OUT/boss.jar")" 401
# five wrong passwords, spread over both servers, from one address
for u in "$U1" "$U2" "$U1" "$U2" "$U1"; do
	login "$u" boss salah-salah-1 "$OUT/x.jar" >/dev/null
done
expect_eq "the sixth try waits, whichever server takes it" \
    "$(login "$U2" boss rahasia-boss-1 "$OUT/x.jar")" 429
expect_eq "... a JSON reason" "$(jq -r '.error.code | length > 0' \
    "$OUT/body.json")" true
pgq "DELETE FROM antri.hq_fails" >/dev/null

# ---- a streaming replica for reports -----------------------------------------
printf 'local replication postgres trust\n' |
    pg_as tee -a "$PGDIR/data/pg_hba.conf" >/dev/null
pg_as "$PGBIN/pg_ctl" -D "$PGDIR/data" reload >/dev/null
STANDBY=$PGDIR/standby
PORT2=$((PGPORT_T + 1))
check "pg_basebackup -R makes the replica" pg_as "$PGBIN/pg_basebackup" \
    -D "$STANDBY" -R -X stream -c fast \
    -d "host=$PGSOCK port=$PGPORT_T user=postgres"
check "the replica starts" pg_as "$PGBIN/pg_ctl" -D "$STANDBY" \
    -l "$PGDIR/standby.log" -w -o "-k $PGSOCK -p $PORT2 \
    -c listen_addresses='' -c fsync=on -c hot_standby=on" start
RO="host=$PGSOCK port=$PORT2 user=postgres dbname=antri"
expect_eq "it is a replica" "$(psql -X -qAt "$RO" -c \
    'SELECT pg_is_in_recovery()')" t
# more work after the copy: the replica must follow it by streaming
for i in 1 2 3; do A issue C >/dev/null; done
A next --counter 3 >/dev/null
check "the outlet ships again" A sync --once
primary_n=$(pgq "SELECT count(*) FROM antri.events")
replica_n() { [ "$(psql -X -qAt "$RO" -c \
    'SELECT count(*) FROM antri.events')" = "$primary_n" ]; }
wait_until "the replica holds every event the primary does" 60 replica_n
day=$(date +%Y-%m-%d)
"$C" --pg "$ADMIN" report --from "$day" --to "$day" --json >"$OUT/p.json"
"$C" --pg "$RO" report --from "$day" --to "$day" --json >"$OUT/r.json"
expect_eq "the report has today's tickets" "$(jq '.total.issued' "$OUT/p.json")" 13
expect_eq "the replica's report equals the primary's" \
    "$(jq -cS . "$OUT/r.json")" "$(jq -cS . "$OUT/p.json")"
"$C" --pg "$ADMIN" report --from "$day" --to "$day" --area "Jakarta Pusat" \
    --csv >"$OUT/p.csv"
"$C" --pg "$RO" report --from "$day" --to "$day" --area "Jakarta Pusat" \
    --csv >"$OUT/r.csv"
check "... an area's, as CSV too" cmp -s "$OUT/p.csv" "$OUT/r.csv"
expect_exit 3 "init against the replica fails" "$C" --pg "$RO" init
expect_match "... with the server's reason" "$OUT/last.err" "read-only"

# antri-central on the replica: reads, and says why it cannot write
serve three "$RO"; S3=$PID U3=$URL
expect_eq "the replica's server lists the outlets" \
    "$(code "$U3/api/v1/outlets")" 200
expect_eq "... the same outlet" "$(jq -r '.outlets[0].id' "$OUT/body.json")" \
    jkt-a
st=$(login "$U3" boss rahasia-boss-1 "$OUT/ro.jar")
case $st in 5??) pass ;; *) fail "a log-in on the replica: $st, wanted 5xx" ;; esac
expect_eq "... with a JSON reason" "$(jq -r '.error.code | length > 0' \
    "$OUT/body.json")" true
expect_eq "... and it goes on serving" "$(code "$U3/api/v1/outlets")" 200
expect_eq "nothing was written on the primary by it" \
    "$(pgq "SELECT count(*) FROM antri.hq_sessions")" 0

finish
