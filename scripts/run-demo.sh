#!/bin/sh
# run-demo.sh BUILD - the demo office: a database in demo/, then the kiosk,
# the display and a counter panel in windows, when those programs exist and
# a screen is there; otherwise the office's status.
set -u
B=${1:-build}
mkdir -p demo
DB=demo/antri.db
export ANTRI_DB="$DB"
if [ ! -f "$DB" ]; then
	"$B/antri" --db "$DB" init --demo || exit 1
	echo 1234 | "$B/antri" --db "$DB" pin set >/dev/null &&
		echo "demo manager PIN: 1234"
fi
pids=""
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
	[ -x "$B/antri-display" ] && { "$B/antri-display" --db "$DB" --windowed 1280x720 & pids="$pids $!"; }
	[ -x "$B/antri-kiosk" ] && { "$B/antri-kiosk" --db "$DB" --windowed 800x600 & pids="$pids $!"; }
	[ -x "$B/antri-counter" ] && { "$B/antri-counter" --db "$DB" --counter 1 & pids="$pids $!"; }
fi
if [ -z "$pids" ]; then
	"$B/antri" --db "$DB" status
	[ -z "${DISPLAY:-}" ] && echo "(no screen here: the kiosk, display and counter windows need one)"
	exit 0
fi
echo "demo office running (database $DB); close the windows or press Ctrl-C"
trap 'kill $pids 2>/dev/null' INT TERM
wait
