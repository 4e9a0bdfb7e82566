#!/bin/sh
# kiosk_db.sh - the kiosk's database goes bad while it runs, and comes back:
#   - the disk fills up (a filler file on a small tmpfs): a tap says "out of
#     service", nothing is issued, `antri check` passes; the filler goes and
#     the next tap issues the next number;
#   - the database turns read-only: the screen says "out of service" and
#     issues nothing until it is writable again, then issues the next number;
#   - the database file is deleted and a new one made at the same path: out
#     of service while it is missing, then the kiosk shows the new
#     database's state (service A closed there) and issues into it.
# A mount holding open writable files cannot be remounted read-only (EBUSY),
# and the kiosk always holds its database open; so the read-only case
# copies the database to a second tmpfs, makes that read-only and mounts it
# over the first: the path now leads to read-only storage, as after the
# kernel remounts a failing disk; then `remount,rw` of the second tmpfs
# and `remount,bind,rw` of the path make it writable again.  Mounting needs root; elsewhere
# only the deleted-file case runs, on $OUT, and the script says so.
. "$(dirname "$0")/../helpers/lib.sh"
. "$(dirname "$0")/../helpers/kiosk_lib.sh"

MNT="$OUT/dbdisk"
RO="$OUT/dbdisk-ro"
mkdir -p "$MNT" "$RO"
# unmount everything here on any exit; the kiosk first (it holds files)
cleanup() {
	[ -n "$KPID" ] && kill -KILL "$KPID" 2>/dev/null && wait "$KPID"
	for m in "$MNT" "$MNT" "$RO"; do
		mountpoint -q "$m" && umount -l "$m"
	done
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

mounted=0
if mount -t tmpfs -o size=1m tmpfs "$MNT" 2>/dev/null; then
	mounted=1
	DB="$MNT/q.db"
else
	skip "cannot mount a tmpfs here (needs root): the full disk" \
	    "and read-only cases"
	DB="$OUT/db.db"
fi
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.layout"
"$ANTRI" --db "$DB" init --demo >/dev/null
"$ANTRI" --db "$DB" issue A >/dev/null      # A001: someone came before

kstart
pos home corner 0 >/dev/null                 # the layout, while healthy
wait_frame "home screen drawn" "^frame [0-9]+ home - 0$" 15
sleep 0.3

# tapa WANT_REGEX DESCRIPTION: tap service A past the repeat guard, and
# a frame matching WANT follows
tapa() {
	sleep 2.2
	mark
	tap home service A
	wait_frame "$2" "$1" 8
}
# home: a tap (on the ticket or refused screen, after its first second)
# goes back home
home() {
	sleep 1.1
	mark
	tap home service A
	wait_frame "back home" "^frame [0-9]+ home " 3
}

if [ "$mounted" = 1 ]; then
	# --- the disk fills up
	avail=$(df -k --output=avail "$MNT" | tail -n 1)
	dd if=/dev/zero of="$MNT/filler" bs=1k count=$((avail + 64)) \
	    2>/dev/null
	echo "disk full: $(df -k --output=avail "$MNT" | tail -n 1) kB free"
	tapa "refused - -33$" "disk full: out of service (Q_EDISKFULL)"
	shot db-disk-full
	check "disk full: the queue's rules hold" "$ANTRI" --db "$DB" check
	# a second program opening the database on the full disk may itself
	# fail (SQLite cannot set up its WAL index there), so the count is
	# read once space is freed, before any new tap
	home
	rm -f "$MNT/filler"
	expect_eq "disk full: no new ticket" "$(issued A)" 1
	check "space freed: the queue's rules hold" "$ANTRI" --db "$DB" check
	tapa "ticket A002" "space freed: the next number, A002"
	expect_eq "space freed: one new ticket" "$(issued A)" 2
	check "after the full disk: the queue's rules hold" \
	    "$ANTRI" --db "$DB" check
	home

	# --- the database turns read-only (see the header)
	mount -t tmpfs -o size=1m tmpfs "$RO"
	# not the inode number q.db has on the first tmpfs: SQLite tells a
	# moved database by its inode number alone, and closing the kiosk's
	# handle on the old file would then delete the new file's -wal and
	# -shm by name (a SQLite limitation across file systems; see
	# docs/kiosk.md)
	: >"$RO/.first"
	cp "$DB" "$DB.layout" "$RO/"
	echo "inodes: old $(stat -c %d:%i "$DB") new $(stat -c %d:%i "$RO/q.db")"
	[ -f "$DB-wal" ] && cp "$DB-wal" "$RO/"
	mark
	# read-only before it is put at the path: the kiosk reopens a replaced
	# file at its next poll (25 ms), and a writable moment would let it
	# open the new file for writing, which then blocks the remount (EBUSY)
	mount -o remount,ro "$RO"
	mount --bind "$RO" "$MNT"
	wait_frame "read-only: out of service (Q_EREADONLY)" \
	    "^frame [0-9]+ home - -32$" 5
	shot db-read-only
	sleep 2
	mark
	tap home service A
	sleep 1
	if frames "ticket|wait" >/dev/null; then
		fail "read-only: a tap was taken: $(frames . | tr '\n' '|')"
	else pass; fi
	mark
	mount -o remount,rw "$RO"
	mount -o remount,bind,rw "$MNT"
	wait_frame "writable again: recovers by itself" \
	    "^frame [0-9]+ home - 0$" 5
	expect_eq "read-only: no new ticket" "$(issued A)" 2
	check "after read-only: the queue's rules hold" \
	    "$ANTRI" --db "$DB" check
	tapa "ticket A003" "writable again: the next number, A003"
	expect_eq "writable again: one new ticket" "$(issued A)" 3
	home
fi

# --- the database deleted, and a new one made at the same path
mark
rm -f "$DB" "$DB-wal" "$DB-shm"
wait_frame "deleted: out of service (Q_ENODB)" "^frame [0-9]+ home - -34$" 5
shot db-deleted
mark                      # before: the kiosk may draw it at once
"$ANTRI" --db "$DB" init --demo >/dev/null
"$ANTRI" --db "$DB" service close A >/dev/null
wait_frame "a new database at the path: back in service" \
    "^frame [0-9]+ home - 0$" 5
shot db-new
tapa "refused - -3$" "the new database's state: A is closed there"
home
"$ANTRI" --db "$DB" service open A >/dev/null
tapa "ticket A001" "issues into the new database: A001"
expect_eq "the new database has the ticket" "$(issued A)" 1
check "the new database's rules hold" "$ANTRI" --db "$DB" check
kstop
finish
