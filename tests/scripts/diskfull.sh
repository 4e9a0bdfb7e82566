#!/bin/sh
# diskfull.sh - a full disk: antri says so (exit 3), issues no half ticket,
# the database stays whole, and once space is freed the numbers go on.
# Needs a small tmpfs (root); elsewhere it says why it skipped.
. tests/helpers/lib.sh
MNT="$OUT/tiny"
mkdir -p "$MNT"
if ! mount -t tmpfs -o size=1m tmpfs "$MNT" 2>"$OUT/mount.err"; then
	skip_all "cannot mount a small tmpfs here (needs root):" \
	    "$(head -c 200 "$OUT/mount.err")"
fi
trap 'umount "$MNT" 2>/dev/null' EXIT
DB="$MNT/q.db"
check "init on the small disk" "$ANTRI" --db "$DB" init --demo
"$ANTRI" --db "$DB" limit 0 >/dev/null
# leave little room: a filler file takes the rest
avail=$(df -k --output=avail "$MNT" | tail -n 1)
dd if=/dev/zero of="$MNT/filler" bs=1k count=$((avail - 160)) 2>/dev/null
ok=0
last=""
rc=0
i=0
while [ $i -lt 3000 ]; do
	out=$("$ANTRI" --db "$DB" issue A 2>"$OUT/err")
	rc=$?
	[ $rc != 0 ] && break
	last=$(echo "$out" | awk 'NR==1 {print $1}')
	ok=$((ok + 1))
	i=$((i + 1))
done
expect_eq "the disk filled up: exit 3" "$rc" 3
expect_match "the message says the disk is full" "$OUT/err" "disk is full"
echo "issued $ok tickets (last $last) before the disk was full"
rm -f "$MNT/filler"
check "the database is whole" "$ANTRI" --db "$DB" check
n=$("$ANTRI" --db "$DB" --json status | sed 's/.*"code":"A"[^}]*"issued":\([0-9]*\).*/\1/')
expect_eq "every reported ticket is there, no half one" "$n" "$ok"
check "space freed: issue again" "$ANTRI" --db "$DB" issue A
expect_match "the next number follows" "$OUT/last.out" "^$(printf 'A%03d' $((ok + 1)))"
finish
