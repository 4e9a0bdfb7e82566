#!/bin/sh
# cli_perms.sh - who may do what: the database files get the
# caller's umask, never a wider mode; a user other than root replaces the
# manager PIN only with the current one, and setting a PIN does not lift
# the pad's lockout; the commands that only read work for a user who may
# read but not write the database and its folder, and on a full disk.
# Needs root (to act as `nobody` with setpriv, and to mount a tiny tmpfs);
# elsewhere it says why it skipped.
. tests/helpers/lib.sh
# in /tmp: nobody must reach it, whatever folder the tree is in
P=$(mktemp -d /tmp/antri-perms.XXXXXX)
chmod 755 "$P"
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null 2>&1 ||
    ! id nobody >/dev/null 2>&1; then
	rm -rf "$P"
	skip_all "needs root, setpriv and the user nobody"
fi
NOGROUP=$(id -gn nobody)
# as_nobody COMMAND...: run it as the unprivileged user nobody
as_nobody() { setpriv --reuid=nobody --regid="$NOGROUP" --clear-groups "$@"; }
mode() { stat -c %a "$1"; }
# holds PID DB: the process has DB open (and its -shm: it reads)
holds() { ls -l "/proc/$1/fd" 2>/dev/null | grep -q -- "$2-shm\$"; }

# ---- 1. modes follow the umask, never chmod'ed wider ----
for m in 077:600 007:660 022:644; do
	u=${m%:*} want=${m#*:}
	DB="$P/u$u.db"
	(umask "$u" && "$ANTRI" --db "$DB" init --demo >/dev/null)
	expect_eq "umask $u: the database is $want" "$(mode "$DB")" "$want"
	# while a program holds it, -wal and -shm exist: same mode
	(umask "$u" && exec "$ANTRI" --db "$DB" watch --poll-ms 20 >/dev/null 2>&1) &
	wp=$!
	wait_until "umask $u: watch opened the database" 20 holds "$wp" "$DB"
	(umask "$u" && "$ANTRI" --db "$DB" issue A >/dev/null)
	expect_eq "umask $u: -wal is $want" "$(mode "$DB-wal")" "$want"
	expect_eq "umask $u: -shm is $want" "$(mode "$DB-shm")" "$want"
	kill "$wp"; wait "$wp" 2>/dev/null
done
if [ "$(mode "$P/u077.db")" = 600 ]; then
	expect_exit 3 "umask 077: nobody cannot read it" as_nobody "$ANTRI" --db "$P/u077.db" status
fi

# ---- 2. the manager PIN ----
mkdir -p "$P/pin"
DB="$P/pin/q.db"
(umask 000 && "$ANTRI" --db "$DB" init --demo >/dev/null)
chmod 777 "$P/pin"
chmod 666 "$DB"      # writable by nobody, whatever mode init gave it
N() { as_nobody "$ANTRI" --db "$DB" "$@"; }
echo 1234 >"$P/in1"
expect_exit 0 "no PIN yet: nobody sets the first one" sh -c "$(printf '%s' \
    "setpriv --reuid=nobody --regid=$NOGROUP --clear-groups $ANTRI --db $DB pin set <$P/in1")"
printf '9999\n5678\n' >"$P/in2"
expect_exit 1 "nobody with a wrong current PIN: refused" sh -c \
    "setpriv --reuid=nobody --regid=$NOGROUP --clear-groups $ANTRI --db $DB pin set <$P/in2"
expect_match "says the current PIN is wrong" "$OUT/last.err" "not the current PIN"
printf '5678\n' >"$P/in3"
expect_exit 1 "nobody with only a new PIN: refused (it is read as the current one)" sh -c \
    "setpriv --reuid=nobody --regid=$NOGROUP --clear-groups $ANTRI --db $DB pin set <$P/in3"
printf '1234\n2468\n' >"$P/in4"
expect_exit 0 "nobody with the current PIN: replaced" sh -c \
    "setpriv --reuid=nobody --regid=$NOGROUP --clear-groups $ANTRI --db $DB pin set <$P/in4"
expect_exit 0 "root replaces a forgotten PIN without the old one" sh -c \
    "echo 1357 | $ANTRI --db $DB pin set"
# five wrong current PINs lock the pad; setting a PIN (root) does not lift it
for i in 1 2 3 4 5; do
	sh -c "setpriv --reuid=nobody --regid=$NOGROUP --clear-groups $ANTRI --db $DB pin set <$P/in2" \
	    >/dev/null 2>&1
done
expect_exit 0 "root sets a PIN during the lock" sh -c "echo 8642 | $ANTRI --db $DB pin set"
printf '8642\n1111\n' >"$P/in5"
expect_exit 1 "the lock holds after the PIN was set" sh -c \
    "setpriv --reuid=nobody --regid=$NOGROUP --clear-groups $ANTRI --db $DB pin set <$P/in5"
expect_match "says the pad is locked" "$OUT/last.err" "too many wrong PINs"
expect_eq "the lock is in the database" \
    "$(sqlite3 "$DB" "SELECT value > 0 FROM settings WHERE key = 'pin_locked_until'")" 1
check "check" "$ANTRI" --db "$DB" check

# ---- 4. read-only commands for a reader, and on a full disk ----
mkdir -p "$P/ro"
DB="$P/ro/q.db"
(umask 022 && "$ANTRI" --db "$DB" init --demo >/dev/null &&
    "$ANTRI" --db "$DB" issue A >/dev/null && "$ANTRI" --db "$DB" issue B >/dev/null)
chmod 755 "$P/ro"
# ro_cmds LABEL COMMAND...: every read-only command through COMMAND
ro_cmds() {
	l=$1; shift
	for c in status "--json status" check report "report --csv" \
	    "watch --all --count 3" "service list" "counter list" limit policy \
	    notice office print-failed; do
		# shellcheck disable=SC2086
		expect_exit 0 "$l: $c" "$@" $c
	done
}
ro_cmds "a reader" as_nobody "$ANTRI" --db "$DB"
expect_exit 3 "a reader cannot write" as_nobody "$ANTRI" --db "$DB" issue A
expect_match "and is told why" "$OUT/last.err" "cannot write the database"
# a reader watching while nobody writes reads the file as immutable: the
# first write after that must still reach it
setpriv --reuid=nobody --regid="$NOGROUP" --clear-groups "$ANTRI" --db "$DB" \
    watch --count 1 --poll-ms 20 >"$OUT/rowatch.out" 2>/dev/null &
wp=$!
# the reader opens the file alone (immutable: no -shm): its descriptor
wait_until "the reader's watch opened the database" 20 \
    sh -c "ls -l /proc/$wp/fd 2>/dev/null | grep -q -- '$DB\$'"
check "a writer issues D" "$ANTRI" --db "$DB" issue D
n=0
while kill -0 "$wp" 2>/dev/null && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
kill "$wp" 2>/dev/null; wait "$wp" 2>/dev/null
expect_match "the reader's watch saw D001 issued" "$OUT/rowatch.out" "issued +D001"
# while a writer holds the database open (-wal and -shm there)
"$ANTRI" --db "$DB" watch --poll-ms 20 >/dev/null 2>&1 &
wp=$!
wait_until "the writer's watch opened the database" 20 holds "$wp" "$DB"
check "issue C while it is open" "$ANTRI" --db "$DB" issue C
ro_cmds "a reader, the database open elsewhere" as_nobody "$ANTRI" --db "$DB"
as_nobody "$ANTRI" --db "$DB" --json status >"$OUT/ro.json"
expect_eq "the reader sees the ticket in the -wal" \
    "$(jq '.services[] | select(.code == "C") | .issued' "$OUT/ro.json")" 1
kill "$wp"; wait "$wp" 2>/dev/null

MNT="$P/tiny"
mkdir -p "$MNT"
if mount -t tmpfs -o size=1m tmpfs "$MNT" 2>/dev/null; then
	trap 'umount "$MNT" 2>/dev/null' EXIT
	DB="$MNT/q.db"
	"$ANTRI" --db "$DB" init --demo >/dev/null
	"$ANTRI" --db "$DB" issue A >/dev/null
	dd if=/dev/zero of="$MNT/filler" bs=1k count=2000 2>/dev/null
	ro_cmds "full disk" "$ANTRI" --db "$DB"
	expect_exit 3 "full disk: a write says so" "$ANTRI" --db "$DB" issue A
	expect_match "the disk is full" "$OUT/last.err" "disk is full"
	rm -f "$MNT/filler"
	check "space freed: issue" "$ANTRI" --db "$DB" issue A
	check "check" "$ANTRI" --db "$DB" check
	umount "$MNT"
	trap - EXIT
else
	skip "cannot mount a tmpfs: the read-only commands on a full disk"
fi
rm -rf "$P" 2>/dev/null
finish
