#!/bin/sh
# build.sh - the build itself: the layers cannot leak (an SDL or CUPS
# include in the core fails to compile), the programs are hardened (PIE,
# RELRO + BIND_NOW, stack protector, _FORTIFY_SOURCE), Debian's CPPFLAGS
# and LDFLAGS are honoured under -Werror, and the share folder compiled
# into a program follows PREFIX however the tree was built before.
. tests/helpers/lib.sh
W=$OUT/work
rm -rf "$W"; mkdir -p "$W"

# 1. the core's compile line sees neither SDL nor CUPS
core=$(make -s flags-core)
printf '#include "queue.h"\nint main(void) { return 0; }\n' >"$W/ok.c"
printf '#include "queue.h"\n#include <SDL.h>\nint main(void) { return 0; }\n' >"$W/sdl.c"
printf '#include <cups/cups.h>\nint main(void) { return 0; }\n' >"$W/cups.c"
printf '#include "ui.h"\nint main(void) { return 0; }\n' >"$W/ui.c"
check "a core file compiles with the core's flags" $core -c -o "$W/ok.o" "$W/ok.c"
expect_exit 1 "SDL.h is not reachable from the core" $core -c -o "$W/sdl.o" "$W/sdl.c"
expect_exit 1 "the UI kit is not reachable from the core" $core -c -o "$W/ui.o" "$W/ui.c"
# cups/cups.h lives in /usr/include: the core's flags cannot hide it, so
# the sources themselves are checked
bad=$(grep -lE '#include *[<"](SDL|cups|microhttpd|curl|ui\.h|print\.h)' shared/core/*.[ch])
expect_eq "no SDL, CUPS, HTTP, UI or print include in shared/core" "$bad" ""
bad=$(grep -lE '#include *[<"](cups|microhttpd|print\.h)' shared/ui/*.[ch])
expect_eq "no CUPS, HTTP or print include in shared/ui" "$bad" ""
bad=$(grep -lE '#include *[<"](SDL|cups|microhttpd|ui\.h|print\.h)' shared/json/*.[ch])
expect_eq "no SDL, CUPS, HTTP, UI or print include in shared/json" "$bad" ""
# the HTTP layer is any server's: no queue, database, config or server
# header (its compile line has no core include path either)
bad=$(grep -lE '#include *[<"](SDL|cups|sqlite|libpq|queue\.h|db\.h|config\.h|serve\.h|cdb\.h)' shared/http/*.[ch])
expect_eq "no core, database or server include in shared/http" "$bad" ""
bad=$(grep -lE '#include *[<"]SDL' cli/*.[ch])
expect_eq "the command line draws nothing itself" "$bad" ""

# 2. hardening of every program in BIN
for p in antri antri-print antri-kiosk antri-display antri-counter \
    antri-notify; do
	f="$BIN/$p"
	[ -x "$f" ] || { fail "$p not built"; continue; }
	expect_eq "$p is PIE" "$(readelf -h "$f" | awk '/Type:/ {print $2}')" DYN
	check "$p has a GNU_RELRO segment" sh -c "readelf -lW '$f' | grep -q GNU_RELRO"
	check "$p binds now" sh -c "readelf -dW '$f' | grep -Eq 'BIND_NOW|FLAGS_1.*NOW'"
	check "$p has the stack protector" sh -c "nm -D '$f' | grep -q __stack_chk_fail"
done
check "antri is fortified (_chk functions)" sh -c "nm -D '$BIN/antri' | grep -q '_chk@'"

# 2b. `antri` loads no CUPS, SDL or cairo (a process start of ~4 ms instead
#     of ~30): its printing and drawing commands run antri-print, and say
#     so plainly when it is missing
needed=$(readelf -dW "$BIN/antri" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p' | tr '\n' ' ')
case "$needed" in
*cups*|*SDL*|*cairo*|*png*|*qrencode*) fail "antri needs $needed" ;;
*) pass ;;
esac
check "antri init" "$BIN/antri" --db "$W/lean.db" init --demo
check "antri print-test --png runs antri-print" \
	"$BIN/antri" --db "$W/lean.db" print-test --png "$W/lean.png"
check "the ticket PNG is there" test -s "$W/lean.png"
mkdir -p "$W/alone"
cp "$BIN/antri" "$W/alone/antri"
expect_exit 3 "antri alone: print-test fails" \
	"$W/alone/antri" --db "$W/lean.db" print-test --png "$W/alone.png"
expect_match "antri alone: says antri-print is missing" "$OUT/last.err" \
	"antri-print\) is not installed"
expect_exit 0 "antri alone: status works" "$W/alone/antri" --db "$W/lean.db" status

# 3. Debian's flags under -Werror, and PREFIX compiled in (plain build only:
#    a whole build of the command line, twice)
case "$BIN${ANTRI_QUICK:+ quick}" in
*" quick") skip "the two whole builds with other flags (make check leaves them to make test)" ;;
*-san) ;;
*)
	B2=$W/build
	check "build with Debian's CPPFLAGS/LDFLAGS and -Werror, PREFIX=/opt/x" \
		make -s BUILD="$B2" PREFIX=/opt/x \
		CPPFLAGS="-Wdate-time -D_FORTIFY_SOURCE=2" \
		CFLAGS="-g -O2 -ffile-prefix-map=$PWD=. -fstack-protector-strong -Wformat -Werror=format-security" \
		LDFLAGS="-Wl,-z,relro -Wl,-z,now" "$B2/antri"
	check "/opt/x/libexec/antri compiled in" sh -c "strings '$B2/antri' | grep -q '^/opt/x/libexec/antri'"
	check "the same tree rebuilt with PREFIX=/usr" \
		make -s BUILD="$B2" PREFIX=/usr "$B2/antri"
	check "/usr/libexec/antri compiled in" sh -c "strings '$B2/antri' | grep -q '^/usr/libexec/antri'"
	expect_exit 1 "/opt/x no longer in the program" sh -c "strings '$B2/antri' | grep -q '/opt/x'"
	rm -rf "$B2"
	;;
esac
finish
