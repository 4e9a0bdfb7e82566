#!/bin/sh
# central_report.sh - `antri-central report` against a throwaway PostgreSQL
# (tests/helpers/pg_lib.sh): real outlet databases (days of generated
# tickets, and a day of work through `antri` with a room limit, no-shows,
# transfers, cancels and a remote ticket) shipped by `antri-sync --once`;
# the central's report of one office equals the office's own `antri
# report` for the same days (JSON, CSV and text); an area's and all
# outlets' figures add up; an outlet whose shipped history lacks one
# event reports differently; bad arguments exit 2.  All outlets' closed
# days read from their rollups (antri-central rollup, or made by the
# report) give the tickets' figures, today and closed days together; a
# late event for a closed day makes its rollup stale until it is summed
# again, and the report exact meanwhile.  The same on the web
# (/hq's routes of antri-central): an outlet's JSON and CSV are its own,
# --by's JSON the command's, the PDF a PDF and the charts SVG, 401
# without a session, 400 for bad parameters; in Chromium the /hq reports
# show a table and the charts after log-in (screenshots with SHOTS=1).
# Skipped, never passed, when PostgreSQL cannot be started.
. "$(dirname "$0")/../helpers/lib.sh"
. "$(dirname "$0")/../helpers/pg_lib.sh"
HELPERS=$(cd "$(dirname "$0")/../helpers" && pwd)
C="$BIN/antri-central"

why=$(pg_skip_reason)
[ -n "$why" ] && skip_all "$why"
need jq curl
SERVER=""
cleanup() {
	[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null
	wait 2>/dev/null
	pg_cleanup
}
trap cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM
rm -rf "$OUT"/*
pg_start || skip_all "the throwaway cluster did not start"

O() { n=$1; shift; "$ANTRI" --config "$OUT/$n.conf" "$@"; }
R() { "$C" --pg "$ADMIN" report "$@"; }
# a day's work today through antri: a room of 4, no-shows, transfers,
# a cancel, a remote ticket checked in
day() {
	O "$1" limit 4 >/dev/null
	for i in $(seq 1 "$2"); do
		O "$1" issue A >/dev/null; O "$1" issue B >/dev/null
		O "$1" issue C >/dev/null
		O "$1" next --counter 1 >/dev/null 2>&1
		O "$1" next --counter 3 >/dev/null 2>&1
		[ $((i % 3)) = 0 ] && O "$1" noshow --counter 1 >/dev/null 2>&1
		[ $((i % 4)) = 1 ] && O "$1" transfer --counter 3 --to A \
		    >/dev/null 2>&1
		O "$1" done --counter 3 >/dev/null 2>&1
	done
	t=$(O "$1" --json issue B | jq -r .number)
	O "$1" cancel "$t" >/dev/null
	code=$(O "$1" --json remote A | jq -r .code)
	O "$1" checkin "$code" >/dev/null
	O "$1" next --counter 1 >/dev/null 2>&1
	O "$1" next --counter 2 >/dev/null 2>&1
}

check "init" "$C" --pg "$ADMIN" init
# a: six generated days and today's work; b: today only; c: three days
check "a: six days of tickets" "$BIN/tests/bench_core" "$OUT/a.db" year 6 30
check "c: three days of tickets" "$BIN/tests/bench_core" "$OUT/c.db" year 3 20
for o in a b c; do
	pg_outlet_conf "$o"
	# the generated days were made with a clock of their own
	[ "$o" = b ] && O b init --demo >/dev/null || O "$o" clock accept \
	    >/dev/null
	name=$(O "$o" --json status | jq -r .office)
	area="Jakarta Pusat"; [ "$o" = c ] && area="Jakarta Barat"
	check "office add jkt-$o" "$C" --pg "$ADMIN" office add "jkt-$o" \
	    "$name" --area "$area" --passfile "$OUT/pass.$o"
done
day a 12
day b 6
for o in a b c; do
	check "jkt-$o ships" O "$o" sync --once
done
from=$(date -d '6 days ago' +%Y-%m-%d)
to=$(date +%Y-%m-%d)
yest=$(date -d yesterday +%Y-%m-%d)

# ---- one office: the outlet's own report --------------------------------
for range in "$from $to" "$from $yest" "$to $to"; do
	set -- $range
	O a --json report --from "$1" --to "$2" | jq -S . >"$OUT/a.own.json"
	R --office jkt-a --from "$1" --to "$2" --json | jq -S . \
	    >"$OUT/a.central.json"
	check "jkt-a $1..$2: the JSON is the outlet's own" \
	    cmp "$OUT/a.own.json" "$OUT/a.central.json"
	O a report --csv --from "$1" --to "$2" >"$OUT/a.own.csv"
	R --office jkt-a --from "$1" --to "$2" --csv >"$OUT/a.central.csv"
	check "jkt-a $1..$2: the CSV is the outlet's own" \
	    cmp "$OUT/a.own.csv" "$OUT/a.central.csv"
	O a report --from "$1" --to "$2" >"$OUT/a.own.txt"
	R --office jkt-a --from "$1" --to "$2" >"$OUT/a.central.txt"
	check "jkt-a $1..$2: the text is the outlet's own" \
	    cmp "$OUT/a.own.txt" "$OUT/a.central.txt"
done
O a --json report --from "$from" --to "$to" | jq -S . >"$OUT/a.own.json"
cp "$OUT/a.own.json" "$OUT/a.json"
check "the days have tickets (6 x 30 and today's)" \
    jq -e '.total.issued > 180' "$OUT/a.json"
expect_eq "... 7 business days" "$(jq .days "$OUT/a.json")" 7
check "... no-shows in it" jq -e '.total.no_show > 0' "$OUT/a.json"
check "... a room that filled (peak > 1)" jq -e '.peak_occupancy > 1' \
    "$OUT/a.json"
for o in b c; do
	O "$o" --json report --from "$from" --to "$to" | jq -S . \
	    >"$OUT/$o.own.json"
	R --office "jkt-$o" --from "$from" --to "$to" --json | jq -S . \
	    >"$OUT/$o.central.json"
	check "jkt-$o: the JSON is the outlet's own" \
	    cmp "$OUT/$o.own.json" "$OUT/$o.central.json"
done

# ---- areas and all: they add up -------------------------------------------
sum() { jq -s "map($1) | add" "$@"; }
issued() { jq "$1" "$2"; }
R --area "Jakarta Pusat" --from "$from" --to "$to" --json >"$OUT/pusat.json"
expect_eq "Jakarta Pusat issued = a + b" "$(jq .total.issued \
    "$OUT/pusat.json")" "$(jq -s 'map(.total.issued) | add' \
    "$OUT/a.own.json" "$OUT/b.own.json")"
expect_eq "... served = a + b" "$(jq .total.served "$OUT/pusat.json")" \
    "$(jq -s 'map(.total.served) | add' "$OUT/a.own.json" "$OUT/b.own.json")"
expect_eq "... its peak is the fullest room's" \
    "$(jq .peak_occupancy "$OUT/pusat.json")" \
    "$(jq -s 'map(.peak_occupancy) | max' "$OUT/a.own.json" "$OUT/b.own.json")"
R --from "$from" --to "$to" --by office --json >"$OUT/by.json"
expect_eq "--by office: three offices" "$(jq '.groups | length' \
    "$OUT/by.json")" 3
expect_eq "... each the outlet's own" "$(jq -c '[.groups[].report.total.issued]' \
    "$OUT/by.json")" "$(jq -s -c 'map(.total.issued)' "$OUT/a.own.json" \
    "$OUT/b.own.json" "$OUT/c.own.json")"
expect_eq "... the total adds up" "$(jq .total.total.issued "$OUT/by.json")" \
    "$(jq '[.groups[].report.total.issued] | add' "$OUT/by.json")"
expect_eq "... per hour too" "$(jq -c .total.per_hour "$OUT/by.json")" \
    "$(jq -c '[.groups[].report.per_hour] | transpose | map(add)' \
    "$OUT/by.json")"
R --from "$from" --to "$to" --by area --json >"$OUT/area.json"
expect_eq "--by area: two areas" "$(jq -c '[.groups[].area]' \
    "$OUT/area.json")" '["Jakarta Barat","Jakarta Pusat"]'
expect_eq "... Jakarta Pusat as --area says" "$(jq -S -c \
    '.groups[1].report' "$OUT/area.json")" "$(jq -S -c . "$OUT/pusat.json")"
check "--by office as text" R --from "$from" --to "$to" --by office
expect_match "... a part per office" "$OUT/last.out" "^== jkt-b "
expect_match "... and all" "$OUT/last.out" "^== all =="
check "--pdf" R --area "Jakarta Pusat" --from "$from" --to "$to" \
    --pdf "$OUT/pusat.pdf"
if command -v pdftotext >/dev/null; then
	pdftotext -layout "$OUT/pusat.pdf" "$OUT/pusat.txt"
	expect_match "... titled with the area" "$OUT/pusat.txt" "Jakarta Pusat"
fi

# ---- the same on the web: /hq's report routes ----------------------------
"$C" --pg "$ADMIN" --listen 127.0.0.1:0 >"$OUT/server.log" 2>&1 &
SERVER=$!
wait_match "$OUT/server.log" "serving http" 300 ||
    { fail "antri-central did not start: $(tail -n 5 "$OUT/server.log")"; finish; exit 1; }
U=$(sed -n 's|.*serving \(http://[^/]*\)/outlets.*|\1|p' "$OUT/server.log")
# W PATH?QUERY [CURL ARGS]: the status, the body in $OUT/web
W() { u=$1; shift; curl -s -o "$OUT/web" -w '%{http_code}' --max-time 60 \
    -b "$OUT/jar" "$@" "$U/api/v1/hq/$u"; }
check "user add lihat (viewer)" sh -c \
    "echo 'rahasia-lihat-1' | '$C' --pg '$ADMIN' user add lihat --role viewer"
expect_eq "anonymous: 401" "$(W "report?from=$from&to=$to" -b /dev/null)" 401
expect_eq "... the CSV too" "$(W "report.csv?from=$from&to=$to" -b /dev/null)" 401
expect_eq "... and a chart" "$(W "report/chart/per_hour.svg?from=$from&to=$to" \
    -b /dev/null)" 401
expect_eq "a viewer logs in" "$(curl -s -o /dev/null -w '%{http_code}' \
    -c "$OUT/jar" -H "Origin: $U" -H "Content-Type: application/json" \
    -d '{"name":"lihat","password":"rahasia-lihat-1"}' \
    "$U/api/v1/hq/login")" 200
for range in "$from $to" "$from $yest" "$to $to"; do
	set -- $range
	q="from=$1&to=$2&office=jkt-a"
	O a --json report --from "$1" --to "$2" | jq -S . >"$OUT/a.own.json"
	expect_eq "web jkt-a $1..$2: 200" "$(W "report?$q")" 200
	jq -S . "$OUT/web" >"$OUT/a.web.json"
	check "... the JSON is the outlet's own" cmp "$OUT/a.own.json" \
	    "$OUT/a.web.json"
	O a report --csv --from "$1" --to "$2" >"$OUT/a.own.csv"
	expect_eq "... report.csv: 200" "$(W "report.csv?$q")" 200
	check "... the CSV is the outlet's own" cmp "$OUT/a.own.csv" "$OUT/web"
done
for by in office area; do
	R --from "$from" --to "$to" --by "$by" --json | jq -S . >"$OUT/by.cli"
	expect_eq "web by=$by: 200" "$(W "report?from=$from&to=$to&by=$by")" 200
	jq -S . "$OUT/web" >"$OUT/by.web"
	check "... the JSON is antri-central report --by $by --json's" \
	    cmp "$OUT/by.cli" "$OUT/by.web"
done
R --area "Jakarta Pusat" --from "$from" --to "$to" --csv >"$OUT/pusat.csv"
expect_eq "web area CSV: 200" "$(W "report.csv?from=$from&to=$to&area=Jakarta%20Pusat")" 200
check "... the command's" cmp "$OUT/pusat.csv" "$OUT/web"
expect_eq "report.pdf: 200" "$(W "report.pdf?from=$from&to=$to&area=Jakarta%20Pusat")" 200
expect_eq "... a PDF" "$(head -c 5 "$OUT/web")" "%PDF-"
if command -v pdftotext >/dev/null; then
	pdftotext -layout "$OUT/web" "$OUT/web.txt"
	expect_match "... titled with the area" "$OUT/web.txt" "Jakarta Pusat"
fi
for k in per_hour wait_hour services counters; do
	expect_eq "chart $k: 200" "$(W "report/chart/$k.svg?from=$from&to=$to&lang=en")" 200
	expect_match "... SVG" "$OUT/web" "<svg"
done
bad() { # DESCRIPTION PATH?QUERY: a 400 with a JSON reason
	expect_eq "$1: 400" "$(W "$2")" 400
	check "... says why" jq -e '.error.code == "bad_parameter" and
	    (.error.message | length > 0)' "$OUT/web"
}
bad "no to" "report?from=$from"
bad "a bad day" "report?from=2026-02-30&to=$to"
expect_match "... says how a day is written" "$OUT/web" "YYYY-MM-DD"
bad "from after to" "report?from=$to&to=$from"
expect_eq "... said for the person who picked the days, both languages" \
    "$(jq -r '.error.words | (.id | test("TTTT-BB-HH")) and
    (.en | test("the first is not after the last"))' "$OUT/web")" true
bad "office and area" "report?from=$from&to=$to&office=jkt-a&area=X"
bad "by something" "report?from=$from&to=$to&by=day"
bad "an unknown parameter" "report?from=$from&to=$to&phone=1"
expect_match "... names what it takes" "$OUT/web" "from, to, office, area, by, lang"
bad "CSV with by" "report.csv?from=$from&to=$to&by=office"
bad "an office that is not there" "report.csv?from=$from&to=$to&office=jkt-zz"
bad "a language that is not there" "report.pdf?from=$from&to=$to&lang=fr"
expect_eq "a chart that is not there: 404" \
    "$(W "report/chart/pie.svg?from=$from&to=$to")" 404

# ... and in a browser
case "$BIN${ANTRI_QUICK:+ quick}" in
*" quick") skip "the browser (make check leaves it to make test)" ;;
*-san*) skip "the browser under ASan (BIN=$BIN): the plain build runs it" ;;
*)
	if have_browser; then
		/usr/bin/python3 "$HELPERS/central_browser.py" "$U" "$OUT" lihat \
		    rahasia-lihat-1 reports >"$OUT/browser.out" 2>&1
		browser_counts "$OUT/browser.out"
	else
		fail "chromium, chromedriver or python3-selenium missing (scripts/deps.sh TEST)"
	fi ;;
esac

# ---- it can fail: one event missing from what the central holds ---------
check "office add jkt-d" "$C" --pg "$ADMIN" office add jkt-d "Copy"
done_id=$(psql -X -qAt "$ADMIN" -c "SELECT min(id) FROM antri.events WHERE \
    office = 'jkt-a' AND kind = 'done' AND ts_ms > \
    extract(epoch FROM now() - interval '3 days') * 1000")
psql -X -q "$ADMIN" -c "INSERT INTO antri.events (office, id, ts_ms, kind, \
    ticket, label, service, counter, actor, detail, hash) SELECT 'jkt-d', \
    id, ts_ms, kind, ticket, label, service, counter, actor, detail, hash \
    FROM antri.events WHERE office = 'jkt-a' AND id <> $done_id \
    ORDER BY id" >/dev/null
R --office jkt-d --from "$from" --to "$to" --json | jq -S . >"$OUT/d.json"
O a --json report --from "$from" --to "$to" | jq -S . >"$OUT/a.own.json"
if cmp -s "$OUT/a.own.json" "$OUT/d.json"; then
	fail "a history without one 'done' reports as the whole one"
else
	pass
fi
expect_eq "... one served fewer" "$(jq .total.served "$OUT/d.json")" \
    "$(($(jq .total.served "$OUT/a.own.json") - 1))"

# ---- all outlets: the closed days from their rollups ----------------------
# (the reports of all outlets above made them already, lazily.)  jkt-e, a
# copy of jkt-a without one 'done' of jkt-a's second day, closed for every
# outlet: its days are summed again, the late event comes afterwards
late_day=$(pgq "SELECT min(day) + 1 FROM antri.tickets WHERE office = 'jkt-a'")
late_id=$(pgq "SELECT max(e.id) FROM antri.events e JOIN antri.tickets t ON \
    t.office = e.office AND t.ticket = e.ticket WHERE e.office = 'jkt-a' \
    AND e.kind = 'done' AND t.day = '$late_day'")
check "office add jkt-e" "$C" --pg "$ADMIN" office add jkt-e "Late" \
    --area "Jakarta Timur"
copy_events() { # WHERE: jkt-a's events as jkt-e's, in one statement
	psql -X -q "$ADMIN" -c "INSERT INTO antri.events (office, id, ts_ms, \
	    kind, ticket, label, service, counter, actor, detail, hash) SELECT \
	    'jkt-e', id, ts_ms, kind, ticket, label, service, counter, actor, \
	    detail, hash FROM antri.events WHERE office = 'jkt-a' AND $1 \
	    ORDER BY id" >/dev/null
}
copy_events "id <> $late_id"
check "rollup: the closed days changed are summed" "$C" --pg "$ADMIN" rollup \
    --from "$from" --to "$to"
expect_match "... $late_day among them" "$OUT/last.out" "^$late_day summed$"
expect_eq "... today is not closed" "$(pgq "SELECT count(*) FROM \
    antri.rollup_days WHERE day >= '$to'")" 0
rolled=$(pgq "SELECT count(*) FROM antri.rollup_days")
check "... several days" test "$rolled" -ge 4
check "rollup again" "$C" --pg "$ADMIN" rollup --from "$from" --to "$to"
expect_match "... every day held, none summed" "$OUT/last.out" \
    "^0 closed days summed, $rolled held$"
# today and closed days, and closed days alone: the rollups' figures are
# the tickets'
for range in "$from $to" "$from $yest" "$late_day $late_day"; do
	set -- $range
	R --from "$1" --to "$2" --json | jq -S . >"$OUT/all.roll.json"
	R --from "$1" --to "$2" --no-rollup --json | jq -S . >"$OUT/all.tk.json"
	check "all $1..$2: the JSON from the rollups is the tickets'" \
	    cmp "$OUT/all.tk.json" "$OUT/all.roll.json"
done
check "... with tickets in it" jq -e '.total.issued > 0 and
    .total.wait_p90_s > 0' "$OUT/all.roll.json"
R --from "$from" --to "$to" --csv >"$OUT/all.roll.csv"
R --from "$from" --to "$to" --csv --no-rollup >"$OUT/all.tk.csv"
check "... the CSV" cmp "$OUT/all.tk.csv" "$OUT/all.roll.csv"
R --from "$from" --to "$to" --by area --json | jq -S . >"$OUT/all.roll.json"
R --from "$from" --to "$to" --by area --no-rollup --json | jq -S . \
    >"$OUT/all.tk.json"
check "... --by area" cmp "$OUT/all.tk.json" "$OUT/all.roll.json"
R --from "$from" --to "$to" --no-rollup --json | jq -S . >"$OUT/all.tk.json"
# it can fail: a rollup changed by hand is what the report reads
psql -X -q "$ADMIN" -c "UPDATE antri.rollup_parts SET n = n + 1000 WHERE \
    part = 2 AND (day, issue_service) = (SELECT day, issue_service FROM \
    antri.rollup_parts WHERE part = 2 ORDER BY day, issue_service LIMIT 1)" \
    >/dev/null
expect_eq "a rollup changed by hand shows: the report read it" \
    "$(R --from "$from" --to "$to" --json | jq .total.issued)" \
    "$(($(jq .total.issued "$OUT/all.tk.json") + 1000))"
psql -X -q "$ADMIN" -c "UPDATE antri.rollup_parts SET n = n - 1000 WHERE \
    part = 2 AND (day, issue_service) = (SELECT day, issue_service FROM \
    antri.rollup_parts WHERE part = 2 ORDER BY day, issue_service LIMIT 1)" \
    >/dev/null
# the late event: jkt-e is jkt-a again, and $late_day's rollup no longer
# holds; the web's report (which makes no rollup) reads its tickets
copy_events "id = $late_id"
# (its tickets; not its peaks: the room's count replayed without that
# 'done' stayed one higher until it came)
nopeak='del(.peak_occupancy, .peak_day)'
R --office jkt-e --from "$from" --to "$to" --json | jq -S "$nopeak" >"$OUT/e.json"
O a --json report --from "$from" --to "$to" | jq -S "$nopeak" >"$OUT/a.own.json"
check "jkt-e with the late event: jkt-a's own figures" cmp "$OUT/a.own.json" \
    "$OUT/e.json"
R --from "$from" --to "$to" --no-rollup --json | jq -S . >"$OUT/all.late.json"
expect_eq "... all outlets: one served more" \
    "$(jq .total.served "$OUT/all.late.json")" \
    "$(($(jq .total.served "$OUT/all.tk.json") + 1))"
expect_eq "web, all outlets, after the late event: 200" \
    "$(W "report?from=$from&to=$to")" 200
jq -S . "$OUT/web" >"$OUT/all.web.json"
check "... the tickets' figures, not the old rollup's" \
    cmp "$OUT/all.late.json" "$OUT/all.web.json"
check "rollup after the late event" "$C" --pg "$ADMIN" rollup --from "$from" \
    --to "$to"
expect_match "... $late_day summed again" "$OUT/last.out" "^$late_day summed$"
expect_match "... it alone" "$OUT/last.out" "^1 closed day summed"
R --from "$from" --to "$to" --json | jq -S . >"$OUT/all.roll.json"
check "... the report from the rollups is exact again" \
    cmp "$OUT/all.late.json" "$OUT/all.roll.json"

# ---- bad arguments: exit 2, nothing read -----------------------------------
expect_exit 2 "no --from" R --to "$to"
expect_exit 2 "a bad day" R --from 2026-02-30 --to "$to"
expect_match "... says how a day is written" "$OUT/last.err" "YYYY-MM-DD"
expect_exit 2 "--from after --to" R --from "$to" --to "$from"
expect_exit 2 "--office and --area" R --from "$from" --to "$to" \
    --office jkt-a --area X
expect_exit 2 "--by something" R --from "$from" --to "$to" --by day
expect_exit 2 "--csv with --by" R --from "$from" --to "$to" --by office --csv
expect_exit 2 "--json and --csv" R --from "$from" --to "$to" --json --csv
expect_exit 2 "an unknown option" R --from "$from" --to "$to" --bogus
expect_exit 2 "an office that is not there" R --from "$from" --to "$to" \
    --office jkt-zz --csv
finish
