#!/bin/sh
# cli.sh - the `antri` command line as staff and managers use it: exit
# statuses, messages that say what to do, and bad input that changes
# nothing (unknown codes, bad numbers, a bad config line, a directory you
# cannot write, a file that is not a database).  Also: antri check finds a
# database that breaks the rules.
. tests/helpers/lib.sh
DB="$OUT/cli.db"
rm -rf "$OUT"/*.db* "$OUT/ro"
A() { "$ANTRI" --db "$DB" "$@"; }

# sum of the database files, to prove "nothing changed"
dbsum() { cat "$1" "$1-wal" 2>/dev/null | cksum; }

# ---- usage: exit 2 ----
expect_exit 2 "no command" "$ANTRI"
expect_exit 2 "unknown command" "$ANTRI" frobnicate
expect_match "unknown command is named" "$OUT/last.err" "unknown command 'frobnicate'"
expect_exit 0 "--help" "$ANTRI" --help
expect_match "help lists transfer" "$OUT/last.out" "transfer"
expect_exit 2 "--db without a file" "$ANTRI" status --db

# a missing database: exit 3 and how to make one
expect_exit 3 "status without a database" A status
expect_match "says how to create it" "$OUT/last.err" "antri init"
[ ! -e "$DB" ] && pass || fail "status created $DB"

check "init --demo" A init --demo
expect_exit 1 "init --demo twice" A init --demo
check "init again is harmless" A init
before=$(dbsum "$DB")

expect_exit 2 "issue without code" A issue
expect_exit 2 "issue two letters" A issue AB
expect_exit 2 "issue unknown service" A issue Q
expect_match "unknown service says where to look" "$OUT/last.err" "antri service list"
expect_exit 2 "issue a digit" A issue 7
expect_exit 2 "next without counter" A next
expect_exit 2 "next counter not a number" A next --counter two
expect_exit 2 "next counter 0" A next --counter 0
expect_exit 2 "next unknown counter" A next --counter 77
expect_exit 2 "transfer without --to" A transfer --counter 1
expect_exit 2 "limit negative" A limit -3
expect_exit 2 "limit not a number" A limit ten
expect_exit 2 "policy unknown" A policy maybe
expect_exit 2 "report bad day" A report --from 2026-13-01
expect_exit 2 "report from after to" A report --from 2026-11-02 --to 2026-11-01
expect_exit 2 "unknown option" A status --verbose
expect_exit 2 "service quota bad" A service quota A lots
expect_exit 2 "counter add bad codes" A counter add 9 A1
expect_exit 2 "cancel bad ticket" A cancel 7A
after=$(dbsum "$DB")
expect_eq "bad usage changed nothing" "$after" "$before"

# ---- refusals: exit 1 ----
expect_exit 1 "next with nobody waiting" A next --counter 1
expect_match "refusal says why" "$OUT/last.err" "nobody is waiting"
check "close C" A service close C
expect_exit 1 "issue closed service" A issue C
check "quota D 1" A service quota D 1
check "issue D" A issue D
expect_exit 1 "issue past quota" A issue D
expect_match "quota refusal says how to raise it" "$OUT/last.err" "service quota"
check "limit 1" A limit 1
check "policy refuse" A policy refuse
expect_exit 1 "room full under refuse" A issue A
expect_match "full refusal" "$OUT/last.err" "room is full"
check "policy hold" A policy hold
check "issue A outside" A issue A
expect_match "ticket says wait outside" "$OUT/last.out" "wait outside"
check "pause 2" A counter pause 2
expect_exit 1 "next at paused counter" A next --counter 2
check "open 2" A counter open 2

# ---- a day at the counter ----
expect_exit 1 "counter 2 (ABP): A001 is still outside" A next --counter 2
check "counter 4 (CD) calls D001" A next --counter 4
expect_match "D001 called" "$OUT/last.out" "^D001 called at counter 4"
check "done at 4" A done --counter 4
check "A001 came in: counter 2 calls it" A next --counter 2
expect_match "A001 called" "$OUT/last.out" "^A001 called at counter 2"
check "limit 5" A limit 5
check "issue A002" A issue A
check "issue B001" A issue B
check "status" A status
expect_match "status shows occupancy" "$OUT/last.out" "Room: 3 / 5 inside"
check "status --json" A --json status
expect_match "json has occupancy" "$OUT/last.out" '"occupancy":[0-9]+'
check "report --csv" A report --csv
expect_match "csv header" "$OUT/last.out" '^kind,name,issued,served'
check "notice" A notice "Loket 3 tutup pukul 12.00"
check "notice shown" A --json status
expect_match "notice in status" "$OUT/last.out" 'Loket 3 tutup'

# watch sees a change made by another process
"$ANTRI" --db "$DB" watch --count 2 >"$OUT/watch.out" 2>/dev/null &
wpid=$!
# it watches once it holds the database open (and its -shm)
holds() { ls -l "/proc/$1/fd" 2>/dev/null | grep -q -- "$2-shm\$"; }
wait_until "watch opened the database" 20 holds "$wpid" "$DB"
A service open C >/dev/null
A issue C >/dev/null
wait_until "watch ends after its two events" 20 \
    sh -c "! kill -0 $wpid 2>/dev/null"
kill "$wpid" 2>/dev/null
wait "$wpid" 2>/dev/null
expect_match "watch printed the opening" "$OUT/watch.out" "service_opened"
expect_match "watch printed the ticket" "$OUT/watch.out" "issued +C001"

# ---- a database locked by another program: exit 3, then it works ----
if command -v sqlite3 >/dev/null; then
	before=$(A --json status | sed 's/"last_event":[0-9]*//')
	check "another process holds the write lock" hold_lock "$DB" 60
	printf '[database]\nbusy_ms = 300\n' >"$OUT/busy.conf"
	expect_exit 3 "issue while another program holds the lock" "$ANTRI" --config "$OUT/busy.conf" --db "$DB" issue A
	expect_match "locked says try again" "$OUT/last.err" "locked by another program; try again"
	release_lock
	expect_eq "the locked attempt left no ticket" "$(A --json status | sed 's/"last_event":[0-9]*//')" "$before"
	check "issue once the lock is gone" A issue A
fi

# ---- a bad config line: named by file and line, nothing changed ----
printf '[office]\nname = Test\n[printer]\npaper = 72\n' >"$OUT/bad.conf"
before=$(dbsum "$DB")
expect_exit 2 "bad config" "$ANTRI" --config "$OUT/bad.conf" --db "$DB" issue A
expect_match "config error has file:line" "$OUT/last.err" "bad.conf:4: 'paper' must be one of 58\|80"
expect_eq "bad config changed nothing" "$(dbsum "$DB")" "$before"

# the example config, every key uncommented, is read without complaint
sed 's/^;//' assets/antri.conf.example >"$OUT/example.conf"
check "assets/antri.conf.example is valid" "$ANTRI" --config "$OUT/example.conf" --db "$DB" status

# ---- not a database ----
echo "hello, I am a text file" >"$OUT/text.db"
sum=$(cksum <"$OUT/text.db")
expect_exit 3 "text file as database" "$ANTRI" --db "$OUT/text.db" status
expect_match "says not an antri database" "$OUT/last.err" "not an antri database"
expect_exit 3 "init over a text file" "$ANTRI" --db "$OUT/text.db" init
expect_eq "text file untouched" "$(cksum <"$OUT/text.db")" "$sum"
if command -v sqlite3 >/dev/null; then
	sqlite3 "$OUT/other.db" "CREATE TABLE notes(x); INSERT INTO notes VALUES (1);"
	sum=$(cksum <"$OUT/other.db")
	expect_exit 3 "someone else's SQLite file" "$ANTRI" --db "$OUT/other.db" init --demo
	expect_eq "their file untouched" "$(cksum <"$OUT/other.db")" "$sum"
fi

# ---- a text file put where a live database was: SQLite must not replay
# the database's leftover -wal into it (that would change the text file
# and lose the commits the -wal held) ----
if command -v sqlite3 >/dev/null; then
	W="$OUT/wal.db"
	rm -f "$W" "$W-wal" "$W-shm" "$W.real"
	"$ANTRI" --db "$W" init --demo >/dev/null
	"$ANTRI" --db "$W" issue A >/dev/null
	# another reader keeps the -wal from being folded into the file,
	# until told to stop (at most 30 s)
	rm -f "$OUT/reader.stop"
	{ echo "SELECT count(*) FROM tickets;"; n=0
	  while [ ! -e "$OUT/reader.stop" ] && [ $n -lt 300 ]; do
		sleep 0.1; n=$((n + 1)); done; } |
	    sqlite3 "$W" >"$OUT/reader.out" &
	hold=$!
	wait_match "$OUT/reader.out" '^[0-9]+$' 200 ||
	    fail "the sqlite3 reader did not start"
	"$ANTRI" --db "$W" next --counter 1 >/dev/null
	mv "$W" "$W.real"
	echo "notes, not a database" >"$W"
	sum=$(cksum <"$W")
	expect_exit 3 "a text file where the database was" "$ANTRI" --db "$W" status
	expect_eq "the text file is untouched" "$(cksum <"$W")" "$sum"
	mv "$W.real" "$W"
	touch "$OUT/reader.stop"
	wait "$hold"
	"$ANTRI" --db "$W" --json status >"$OUT/wal.json"
	expect_match "the call in the -wal survived" "$OUT/wal.json" '"number":1,"state":"open","services":"AP","current":\{"id":1,"number":"A001"'
fi

# ---- a directory you cannot write ----
# As root, permissions do not stop us: run antri as nobody instead.
mkdir -p "$OUT/ro"
A --json status >/dev/null
cp "$DB" "$OUT/ro/q.db"
"$ANTRI" --db "$OUT/ro/q.db" status >/dev/null
chmod 755 "$OUT/ro"
chmod 644 "$OUT/ro/q.db"
if [ "$(id -u)" = 0 ]; then
	chmod o+x "$OUT" "$(dirname "$OUT")" 2>/dev/null
	as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
	chmod 555 "$OUT/ro"
	chmod 444 "$OUT/ro/q.db"
	as_user() { "$@"; }
fi
sum=$(cksum <"$OUT/ro/q.db")
expect_exit 3 "issue into an unwritable place" as_user "$ANTRI" --db "$OUT/ro/q.db" issue A
expect_match "says to check permissions" "$OUT/last.err" "permissions"
expect_exit 3 "init in an unwritable directory" as_user "$ANTRI" --db "$OUT/ro/new.db" init
[ ! -e "$OUT/ro/new.db" ] && pass || fail "new.db was created"
expect_eq "unwritable database untouched" "$(cksum <"$OUT/ro/q.db")" "$sum"
chmod 755 "$OUT/ro"

# ---- antri check finds a broken database ----
check "check passes" A check
if command -v sqlite3 >/dev/null; then
	cp "$DB" "$OUT/gap.db"
	sqlite3 "$OUT/gap.db" "PRAGMA foreign_keys=OFF; DELETE FROM events WHERE ticket = (SELECT id FROM tickets WHERE label='A001'); DELETE FROM counters WHERE current = (SELECT id FROM tickets WHERE label='A001'); DELETE FROM tickets WHERE label='A001';"
	expect_exit 3 "check finds a gap" "$ANTRI" --db "$OUT/gap.db" check
	expect_match "gap named" "$OUT/last.err" "gap"
	cp "$DB" "$OUT/state.db"
	sqlite3 "$OUT/state.db" "UPDATE tickets SET state='DONE' WHERE label='B001'"
	expect_exit 3 "check finds a state without its events" "$ANTRI" --db "$OUT/state.db" check
	expect_match "ticket named" "$OUT/last.err" "in its row but its events end in"
fi

# ---- the door: what visitors and clerks are told ----
D="$OUT/door.db"
rm -f "$D" "$D-wal" "$D-shm"
B() { "$ANTRI" --db "$D" "$@"; }
B init --demo >/dev/null
B limit 2 >/dev/null
for i in 1 2 3 4 5 6 7 8 9 10; do B issue A >/dev/null; done
check "D001 waits outside" B issue D
expect_match "D001 counts the 8 ahead at the door" "$OUT/last.out" \
    "^people ahead: 8 \\(8 at the door, 0 inside for D\\), estimated wait: 23 min"
check "status --json" B --json status
expect_match "a new D's tile counts the door" "$OUT/last.out" \
    '"code":"D",[^}]*"outside":1,[^}]*"people_ahead":9,"ahead_outside":9,"ahead_inside":0,"est_wait_s":1500'
expect_exit 1 "counter 4 (CD): nobody inside for it" B next --counter 4
expect_match "says the room is full, not 'admit people'" "$OUT/last.err" \
    "^antri: counter 4: The room is full and nobody has been admitted \\(1 waiting outside\\)$"
# priority at the door: with limit 1, P001 goes in before A002
B close-day >/dev/null
B limit 1 >/dev/null
B issue A >/dev/null
B issue A >/dev/null
check "P001 waits outside" B --json issue P
expect_match "P001: nobody ahead at the door, one place to wait for" \
    "$OUT/last.out" '"people_ahead":0,"ahead_outside":0,"ahead_inside":0,"est_wait_s":300'
check "A001 called" B next --counter 1
check "A001 done" B done --counter 1
check "status" B --json status
expect_match "P001 was let in, not A002" "$OUT/last.out" '"admitted":\["P001"'
check "check: every admission legal" B check
# a closed service takes no new tickets; its waiting are still called
B close-day >/dev/null
B limit 0 >/dev/null
B issue B >/dev/null
check "close B" B service close B
expect_match "close says the waiting are still called" "$OUT/last.out" \
    "^service B closed: no new tickets; the 1 waiting \\(1 inside, 0 outside\\) are still called"
expect_exit 1 "no new B ticket" B issue B
check "counter 3 still calls B001" B next --counter 3
expect_match "B001 called" "$OUT/last.out" "^B001 called at counter 3"
# print-test heads the ticket with the office's name from the database
B office "Kantor Satu" >/dev/null
check "print-test, office one" env ANTRI_NOW_MS=1795395600000 \
    "$ANTRI" --db "$D" print-test --png "$OUT/office1.png"
B office "Kantor Dua Yang Lain" >/dev/null
check "print-test, office two" env ANTRI_NOW_MS=1795395600000 \
    "$ANTRI" --db "$D" print-test --png "$OUT/office2.png"
check "print-test, office two again" env ANTRI_NOW_MS=1795395600000 \
    "$ANTRI" --db "$D" print-test --png "$OUT/office2b.png"
expect_eq "same office, same ticket" "$(cksum <"$OUT/office2.png")" \
    "$(cksum <"$OUT/office2b.png")"
cmp -s "$OUT/office1.png" "$OUT/office2.png" && \
    fail "print-test ignores the database's office name" || pass

# ---- close the day ----
check "close-day" A close-day
expect_match "close-day counts" "$OUT/last.out" "cancelled"
check "check after close-day" A check

# ---- new names for a service ----
check "rename a service" A service rename B "Non-Perizinan Usaha" "Other business"
check "... listed" A --json service list
check "... both names" jq -e '.[] | select(.code == "B") |
	.name_id == "Non-Perizinan Usaha" and .name_en == "Other business"' "$OUT/last.out"
check "... recorded as an event" sh -c "'$ANTRI' --db '$DB' audit | grep -q service_renamed"
expect_exit 2 "rename an unknown service" A service rename Q "Apa saja"
expect_exit 2 "rename to a name with an escape" A service rename B "x$(printf '\033')[2J"
expect_exit 2 "rename without a name" A service rename B
check "check after renaming" A check
finish
