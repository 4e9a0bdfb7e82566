#!/bin/sh
# multiproc.sh - 2 issuing and 4 calling processes on one database at once;
# then, from the database alone: no duplicate number, no gap, occupancy
# never above the limit, every transition legal (antri check), and every
# ticket a process was told it got is there.
. tests/helpers/lib.sh
DB="$OUT/multi.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
N_ISSUE=${N_ISSUE:-1500}
N_CALL=${N_CALL:-900}
check "init" "$ANTRI" --db "$DB" init --demo
check "limit 10" "$ANTRI" --db "$DB" limit 10

for s in 1 2; do
	"$BIN/tests/stress" "$DB" issue "$N_ISSUE" "$s" >"$OUT/issue$s.out" 2>&1 &
	eval "pi$s=\$!"
done
for c in 1 2 3 4; do
	"$BIN/tests/stress" "$DB" call "$c" "$N_CALL" "$((c + 10))" >"$OUT/call$c.out" 2>&1 &
	eval "pc$c=\$!"
done
for p in $pi1 $pi2 $pc1 $pc2 $pc3 $pc4; do
	if wait "$p"; then pass; else fail "worker $p failed: $(cat "$OUT"/*.out)"; fi
done
cat "$OUT"/issue*.out "$OUT"/call*.out

check "antri check after the run" "$ANTRI" --db "$DB" check
cat "$OUT/last.out"
issued=$(cat "$OUT"/issue*.out | awk '{s += $2} END {print s}')
called=$(cat "$OUT"/call*.out | awk '{s += $2} END {print s}')
"$ANTRI" --db "$DB" --json report >"$OUT/report.json"
total=$(sed -n 's/.*"total":{"issued":\([0-9]*\).*/\1/p' "$OUT/report.json")
expect_eq "tickets in the database = tickets the issuers got" "$total" "$issued"
# the room was full most of the time, so there were waits outside
expect_match "report has served tickets" "$OUT/report.json" '"served":[1-9]'
[ "$called" -gt 100 ] && pass || fail "callers called only $called"
echo "issued $issued, counter actions $called"
finish
