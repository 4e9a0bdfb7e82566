#!/bin/sh
# run.sh BUILD... - run every test against each build folder (build, and
# build-san with ASan+UBSan) and print the total.  The lists come from the
# Makefile through TEST_UNITS (programs in BUILD/tests) and TEST_SCRIPTS.
# Each test's output goes to test-output/BUILD/NAME.log.
set -u
cd "$(dirname "$0")/.."
total_p=0
total_f=0
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$(pwd)/tests/helpers/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

for b in "$@"; do
	mkdir -p "test-output/$b"
	for t in $TEST_UNITS $TEST_SCRIPTS; do
		name=$(basename "$t" .sh)
		log="test-output/$b/$name.log"
		case "$t" in
		*.sh) BIN=$b OUT="test-output/$b/$name" sh "$t" >"$log" 2>&1 ;;
		*) OUT="test-output/$b/$name" "$b/tests/$t" >"$log" 2>&1 ;;
		esac
		rc=$?
		line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
		p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
		f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
		p=${p:-0}
		f=${f:-0}
		if [ -z "$line" ] || { [ "$rc" != 0 ] && [ "$f" = 0 ]; }; then
			f=$((f + 1))   # crashed, or failed without saying so
			echo "$b/$name: exit $rc without a clean summary" >>"$log"
		fi
		printf '%-10s %-22s %5s passed, %s failed\n' "$b" "$name" "$p" "$f"
		[ "$f" != 0 ] && tail -n 15 "$log" | sed 's/^/    /'
		total_p=$((total_p + p))
		total_f=$((total_f + f))
	done
done
echo "$total_p passed, $total_f failed"
[ "$total_f" = 0 ]
