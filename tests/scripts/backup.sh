#!/bin/sh
# backup.sh - `antri backup` during a storm of issues and calls gives a
# database `antri check` accepts with every ticket committed before the
# backup began; `antri restore` checks the file first, refuses while any
# program has the database open, keeps the previous database and gives
# the restored one the old file's group and mode.
. tests/helpers/lib.sh
DB="$OUT/live.db"
BK="$OUT/backup.db"
rm -rf "$OUT"/*.db* "$OUT"/fresh
q() { sqlite3 "$1" "$2"; }

check "init" "$ANTRI" --db "$DB" init --demo
check "no limit" "$ANTRI" --db "$DB" limit 0

# --- the storm: 2 issuers and 2 counters at once --------------------------
for s in 1 2; do
	"$BIN/tests/stress" "$DB" issue 1200 "$s" >"$OUT/issue$s.out" 2>&1 &
	eval "pi$s=\$!"
done
for c in 1 2; do
	"$BIN/tests/stress" "$DB" call "$c" 600 "$((c + 20))" >"$OUT/call$c.out" 2>&1 &
	eval "pc$c=\$!"
done
n=0
while [ "$(q "$DB" 'SELECT count(*) FROM tickets' 2>/dev/null || echo 0)" -lt 150 ]; do
	n=$((n + 1)); [ "$n" -gt 300 ] && break; sleep 0.1
done
before=$(q "$DB" 'SELECT max(id) FROM tickets')
check "backup during the storm" "$ANTRI" --db "$DB" backup "$BK"
after=$(q "$DB" 'SELECT max(id) FROM tickets')
# restore refuses while the storm's programs hold the database
ino=$(stat -c %i "$DB")
expect_exit 1 "restore refused during the storm" "$ANTRI" --db "$DB" restore "$BK"
expect_match "it names a holder" "$OUT/last.err" 'in use by process [0-9]+'
expect_eq "the database was left in place" "$(stat -c %i "$DB")" "$ino"
for p in $pi1 $pi2 $pc1 $pc2; do
	if wait "$p"; then pass; else fail "worker $p: $(cat "$OUT"/*.out)"; fi
done
final=$(q "$DB" 'SELECT max(id) FROM tickets')
echo "tickets: $before before the backup, $after after it, $final in the end"
[ "$final" -gt "$after" ] && pass ||
	fail "the storm ended before the backup: nothing tested ($final)"

# --- the backup: one file, checked, every earlier ticket ----------------
[ ! -e "$BK-wal" ] && [ ! -e "$BK-journal" ] && pass || fail "backup left a -wal"
mkdir -p "$OUT/fresh"
check "restore onto a new box" "$ANTRI" --db "$OUT/fresh/antri.db" restore "$BK"
check "antri check accepts the restored backup" \
	"$ANTRI" --db "$OUT/fresh/antri.db" check
got=$(q "$OUT/fresh/antri.db" "SELECT count(*) FROM tickets WHERE id <= $before")
expect_eq "every ticket committed before the backup is in it" "$got" "$before"
got=$(q "$OUT/fresh/antri.db" 'SELECT count(*) FROM tickets')
[ "$got" -ge "$before" ] && [ "$got" -le "$after" ] && pass ||
	fail "backup holds $got tickets, not between $before and $after"
# each ticket's last event is in the same snapshot as its row
got=$(q "$OUT/fresh/antri.db" "SELECT count(*) FROM tickets t WHERE NOT
	EXISTS (SELECT 1 FROM events e WHERE e.ticket = t.id)")
expect_eq "no ticket without its events" "$got" 0

# --- restore while a program holds the database -------------------------
"$ANTRI" --db "$DB" watch --all >"$OUT/watch.out" 2>&1 &
wpid=$!
wait_match "$OUT/watch.out" 'waiting for changes' 50 || fail "watch did not start"
expect_exit 1 "restore refused while antri watch has it open" \
	"$ANTRI" --db "$DB" restore "$BK"
expect_match "it names that process" "$OUT/last.err" "in use by process $wpid"
check "backup works beside a running program" "$ANTRI" --db "$DB" backup "$OUT/b2.db"
kill "$wpid"; wait "$wpid" 2>/dev/null
ls "$DB".before-restore-* >/dev/null 2>&1 && fail "a refused restore kept a copy" || pass

# --- files that are not a good backup: nothing changes ------------------
sum=$(md5sum <"$DB")
echo "not a database" >"$OUT/garbage.db"
expect_exit 2 "garbage refused" "$ANTRI" --db "$DB" restore "$OUT/garbage.db"
expect_match "says why" "$OUT/last.err" 'not an antri database'
q "$OUT/other.db" 'CREATE TABLE t(x); INSERT INTO t VALUES (1);'
expect_exit 2 "another program's database refused" \
	"$ANTRI" --db "$DB" restore "$OUT/other.db"
expect_exit 2 "a missing file refused" "$ANTRI" --db "$DB" restore "$OUT/none.db"
expect_exit 2 "the database itself refused" "$ANTRI" --db "$DB" restore "$DB"
expect_exit 2 "backup onto the database refused" "$ANTRI" --db "$DB" backup "$DB"
expect_exit 2 "backup without a file" "$ANTRI" --db "$DB" backup
cp "$BK" "$OUT/bad.db"
q "$OUT/bad.db" "UPDATE tickets SET seq = seq + 1000 WHERE id = 1"
expect_exit 2 "a backup that breaks the rules refused" \
	"$ANTRI" --db "$DB" restore "$OUT/bad.db"
expect_match "the check's reason" "$OUT/last.err" 'check failed'
expect_eq "the database is untouched" "$(md5sum <"$DB")" "$sum"
ls "$DB".restore-* >/dev/null 2>&1 && fail "a temporary copy was left" || pass

# --- a real restore: previous kept, group and mode carried over ---------
chmod 0660 "$DB"
chgrp nogroup "$DB" 2>/dev/null
grp=$(stat -c %G "$DB")
check "restore with every program stopped" "$ANTRI" --db "$DB" restore "$BK"
expect_match "names the kept copy" "$OUT/last.out" 'kept as .*before-restore-'
saved=$(ls "$DB".before-restore-* | grep -v -- '-wal$' | head -n 1)
got=$(q "$DB" 'SELECT count(*) FROM tickets')
expect_eq "the database is the backup" "$got" \
	"$(q "$OUT/fresh/antri.db" 'SELECT count(*) FROM tickets')"
expect_eq "the kept copy has every ticket" \
	"$(q "$saved" 'SELECT max(id) FROM tickets')" "$final"
expect_eq "mode carried over" "$(stat -c %a "$DB")" 660
expect_eq "group carried over" "$(stat -c %G "$DB")" "$grp"
check "antri check on the restored database" "$ANTRI" --db "$DB" check
check "and it takes tickets" "$ANTRI" --db "$DB" issue A

# --- the daily backup of the package (antri-backup.service) -------------
D="$OUT/daily"
rm -rf "$D"; mkdir -p "$D"
for i in $(seq 1 35); do   # 35 old days
	touch "$D/antri-2026-01-$(printf %02d "$i").db"
done
touch "$D/notes.txt"
check "antri-backup-daily" env ANTRI="$ANTRI" ANTRI_DB="$DB" \
	ANTRI_BACKUP_DIR="$D" units/antri-backup-daily
today="$D/antri-$(date +%Y-%m-%d).db"
[ -f "$today" ] && pass || fail "no $today"
expect_match "it ran antri check on the backup" "$OUT/last.out" '^ok: '
expect_eq "the newest 30 kept" "$(ls "$D" | grep -c '^antri-.*\.db$')" 30
[ -f "$D/antri-2026-01-35.db" ] && [ ! -e "$D/antri-2026-01-05.db" ] &&
	pass || fail "kept the wrong ones: $(ls "$D" | head -3)"
[ -f "$D/notes.txt" ] && pass || fail "removed a file that is not a backup"
check "the daily backup restores" "$ANTRI" --db "$D/r.db" restore "$today"
echo "garbage" >"$OUT/garbage-live.db"
expect_exit 3 "a backup of a broken database fails" env ANTRI="$ANTRI" \
	ANTRI_DB="$OUT/garbage-live.db" ANTRI_BACKUP_DIR="$OUT/daily2" \
	units/antri-backup-daily
finish
