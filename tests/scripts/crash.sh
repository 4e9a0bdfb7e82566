#!/bin/sh
# crash.sh - kill a process that issues and calls in a loop with SIGKILL at
# random moments, KILLS times (default 200).  After each kill: the database
# passes PRAGMA integrity_check and every rule (antri check), and the next
# number of service A follows the last one committed.
. tests/helpers/lib.sh
DB="$OUT/crash.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
# make check (ANTRI_QUICK) kills 40 times: the paths, not the count
KILLS=${KILLS:-${ANTRI_QUICK:+40}}
KILLS=${KILLS:-200}
check "init" "$ANTRI" --db "$DB" init --demo
"$ANTRI" --db "$DB" limit 0 >/dev/null

rand() { od -An -N2 -tu2 /dev/urandom | tr -d ' '; }

bad_check=0
bad_next=0
i=0
while [ $i -lt "$KILLS" ]; do
	"$BIN/tests/crashloop" "$DB" "$(rand)" 2>>"$OUT/crashloop.err" &
	pid=$!
	ms=$(( $(rand) % 120 + 5 ))
	sleep "$(printf '0.%03d' "$ms")"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	if ! "$ANTRI" --db "$DB" check >"$OUT/check.out" 2>&1; then
		bad_check=$((bad_check + 1))
		echo "after kill $i: $(cat "$OUT/check.out")" >&2
	fi
	# every tenth kill: the next A number follows the last committed one
	if [ $((i % 10)) = 0 ]; then
		n=$("$ANTRI" --db "$DB" --json status | sed 's/.*"code":"A"[^}]*"issued":\([0-9]*\).*/\1/')
		want=$(printf 'A%03d' $((n + 1)))
		got=$("$ANTRI" --db "$DB" issue A | awk 'NR==1 {print $1}')
		if [ "$got" != "$want" ]; then
			bad_next=$((bad_next + 1))
			echo "after kill $i: issued $got, wanted $want" >&2
		fi
	fi
	i=$((i + 1))
done
expect_eq "kills after which antri check failed" "$bad_check" 0
expect_eq "kills after which the next number was wrong" "$bad_next" 0
check "final check" "$ANTRI" --db "$DB" check
cat "$OUT/last.out"
[ -s "$OUT/crashloop.err" ] && fail "crashloop reported: $(head -3 "$OUT/crashloop.err")" || pass
echo "$KILLS kills"
finish
