#!/bin/sh
# run.sh BUILD... - run every test against each build folder (build, and
# build-san with ASan+UBSan), JOBS at a time (default: twice the number
# of cores: the tests wait far more than they compute -- on a quiet
# 2-core machine their own times add up to about twice their CPU time --
# so one per core leaves the cores half idle), and print one line per test in a fixed order, then the total.
# The lists come from the Makefile through TEST_UNITS (programs in
# BUILD/tests) and TEST_SCRIPTS.
#
# Each test runs alone in its slot: its output in test-output/BUILD/NAME.log,
# its files in test-output/BUILD/NAME/, its own TMPDIR; a script that
# needs X starts its own Xvfb (lib.sh's in_xvfb) and picks free ports.
# The builds' tests share one pool, longest first (the times of the last
# run, test-output/BUILD/NAME.result, or in a fresh clone those of
# tests/times), so the slow ones do not start last.
#
# A test ends with `N passed, N failed` (optionally `, N skipped`).  One
# that passed nothing and failed nothing, or said `SKIPPED: REASON` for
# all of it, is SKIPPED, never a pass; one that ends without that line or
# exits non-zero without a failure is a failure.  SUITE_TIMEOUT (seconds,
# default 1200) ends a test that hangs, as a failure.
set -u
cd "$(dirname "$0")/.."
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$(pwd)/tests/helpers/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

now_ms() { echo $(($(date +%s%N) / 1000000)); }
# secs MS: 1234 -> 1.2
secs() { printf '%d.%d' $(($1 / 1000)) $(($1 % 1000 / 100)); }
tname() { basename "$1" .sh; }

# run.sh --one BUILD TEST: run one test, write test-output/BUILD/NAME.result
# ("PASSED FAILED SKIPPED RC WALL_MS CPU_MS" and the skip reason or the
# failure's cause on the next line)
# run.sh --times: the last run's times as tests/times holds them
if [ "${1:-}" = --times ]; then
	sed -n '/^#/p' tests/times
	for r in test-output/*/*.result; do
		[ -f "$r" ] || continue
		echo "$(basename "$(dirname "$r")") $(basename "$r" .result)" \
		    "$(awk 'NR == 1 { print $5 }' "$r")"
	done | sort -k3,3nr
	exit 0
fi

if [ "${1:-}" = --one ]; then
	b=$2 t=$3
	name=$(tname "$t")
	log="test-output/$b/$name.log"
	out="test-output/$b/$name"
	rm -rf "$out"
	mkdir -p "$out"
	tmp=$(mktemp -d "/tmp/antri-test-$name.XXXXXX")
	t0=$(now_ms)
	case "$t" in
	*.sh) TMPDIR=$tmp BIN=$b OUT=$out timeout -k 10 \
	    "${SUITE_TIMEOUT:-1200}" sh "$t" >"$log" 2>&1 </dev/null ;;
	*) TMPDIR=$tmp OUT=$out timeout -k 10 "${SUITE_TIMEOUT:-1200}" \
	    "$b/tests/$t" >"$log" 2>&1 </dev/null ;;
	esac
	rc=$?
	wall=$(($(now_ms) - t0))
	# the children's user and system time, as this shell counted them
	# (`times` in this shell, not in a pipeline's subshell)
	times >"$tmp/times"
	cpu=$(tail -n 1 "$tmp/times" | tr -d 's' | awk '{
	    split($1, u, "m"); split($2, s, "m")
	    printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }')
	rm -rf "$tmp"
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
	f=$(echo "$line" | sed -n 's/^[0-9]* passed, \([0-9]*\) failed.*/\1/p')
	s=$(echo "$line" | sed -n 's/.* failed, \([0-9]*\) skipped.*/\1/p')
	p=${p:-0} f=${f:-0} s=${s:-0}
	why=$(sed -n 's/^SKIPPED: //p' "$log" | head -n 3 | tr '\n' ';' |
	    sed 's/;$//; s/;/; /g')
	if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
		f=$((f + 1)) why="timed out after ${SUITE_TIMEOUT:-1200} s"
	elif [ -z "$line" ] || { [ "$rc" != 0 ] && [ "$f" = 0 ]; }; then
		f=$((f + 1)) why="exit $rc without a clean summary"
	fi
	[ "$f" != 0 ] && echo "$b/$name: $why" >>"$log"
	printf '%s %s %s %s %s %s\n%s\n' "$p" "$f" "$s" "$rc" "$wall" "$cpu" \
	    "$why" >"test-output/$b/$name.result"
	printf '  ... %s/%s %s s\n' "$b" "$name" "$(secs "$wall")" >&2
	exit 0
fi

JOBS=${JOBS:-$(($(nproc 2>/dev/null || echo 1) * 2))}
start=$(now_ms)
for b in "$@"; do mkdir -p "test-output/$b"; done
jobs=$(mktemp "/tmp/antri-tests-jobs.XXXXXX")
# the job list: every test of every build, the longest last time first
for b in "$@"; do
	for t in $TEST_UNITS $TEST_SCRIPTS; do
		r="test-output/$b/$(tname "$t").result"
		w=999999999
		if [ -f "$r" ]; then
			w=$(awk 'NR == 1 { print $5 }' "$r")
		elif [ -f tests/times ]; then
			# no last run here (a fresh clone): the quiet machine's
			w=$(awk -v b="$b" -v n="$(tname "$t")" \
			    '$1 == b && $2 == n { print $3 }' tests/times)
		fi
		echo "${w:-999999999} $b $t"
		rm -f "$r"
	done
done | sort -s -k1,1nr | cut -d' ' -f2- >"$jobs"
echo "running $(wc -l <"$jobs") tests, $JOBS at a time" >&2
xargs -P "$JOBS" -L 1 sh tests/run.sh --one <"$jobs"
rm -f "$jobs"

total_p=0 total_f=0 total_s=0 sum=0 cpu_sum=0
for b in "$@"; do
	for t in $TEST_UNITS $TEST_SCRIPTS; do
		name=$(tname "$t")
		r="test-output/$b/$name.result"
		if [ ! -f "$r" ]; then
			echo "0 1 0 - 0 0" >"$r"
			echo "never ran" >>"$r"
		fi
		read -r p f s rc wall cpu <"$r"
		why=$(sed -n 2p "$r")
		if [ "$f" != 0 ]; then status=FAILED
		elif [ "$p" = 0 ]; then
			status="SKIPPED: ${why:-it ran no check}"
			[ "$s" = 0 ] && s=1
		elif [ "$s" != 0 ]; then status="ok, skipped: ${why:-?}"
		else status=ok; fi
		printf '%-10s %-20s %5s passed, %s failed, %s skipped %6s s  %s\n' \
		    "$b" "$name" "$p" "$f" "$s" "$(secs "$wall")" "$status"
		[ "$f" != 0 ] && tail -n 15 "test-output/$b/$name.log" |
		    sed 's/^/    /'
		total_p=$((total_p + p)) total_f=$((total_f + f))
		total_s=$((total_s + s))
		sum=$((sum + wall)) cpu_sum=$((cpu_sum + cpu))
	done
done
echo "time: $(secs $(($(now_ms) - start))) s with JOBS=$JOBS" \
    "(the tests' own times add up to $(secs "$sum") s, CPU $(secs "$cpu_sum") s;" \
    "load $(cut -d' ' -f1-3 /proc/loadavg))"
echo "$total_p passed, $total_f failed, $total_s skipped"
[ "$total_f" = 0 ]
