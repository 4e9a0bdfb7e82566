#!/bin/sh
# bench_print.sh BUILD - printing figures: render + encode one ticket, and
# the median of 50 jobs from submit to completed against an ippeveprinter
# started here on a free loopback port (killed on exit).
set -u
BIN=$(cd "${1:-build}" && pwd)
WORK=$(mktemp -d /tmp/antri-bench-print.XXXXXX)
PIDS=""
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null; done
	sleep 0.2
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# ippeveprinter wants a system D-Bus: the tests' helper starts one, shared
. "$(dirname "$0")/../helpers/printer_lib.sh"
start_system_dbus
port=$("$BIN/tests/print_listen" --free-port)
mkdir -p "$WORK/spool"
ippeveprinter -p "$port" -n localhost -r off \
    -f image/pwg-raster,application/vnd.escpos -c /bin/true \
    -d "$WORK/spool" antri-bench >"$WORK/ippeve.log" 2>&1 &
PIDS="$PIDS $!"
uri="ipp://127.0.0.1:$port/ipp/print"
i=0
until "$BIN/antri" printer --printer "$uri" >/dev/null 2>&1; do
	i=$((i + 1))
	if [ $i -gt 100 ]; then
		echo "bench_print: ippeveprinter did not start" >&2
		tail -n 5 "$WORK/ippeve.log" >&2
		exit 1
	fi
	sleep 0.1
done
"$BIN/tests/bench_print" --printer "$uri" --jobs 50
