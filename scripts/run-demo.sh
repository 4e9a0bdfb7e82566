#!/bin/sh
# run-demo.sh BUILD - the demo office: a database in demo/, then the kiosk,
# the display and a counter panel in windows, when those programs exist and
# a screen is there; otherwise the office's status.
set -u
B=${1:-build}
mkdir -p demo
DB=demo/antri.db
# the demo's own config, passed explicitly: no /etc/antri/antri.conf (a
# real office's printer) is read by the demo
CONF=demo/antri.conf
[ -f "$CONF" ] || printf '[database]\npath = %s\n' "$DB" >"$CONF"
export ANTRI_DB="$DB" ANTRI_CONFIG="$CONF"
if [ ! -f "$DB" ]; then
	"$B/antri" --config "$CONF" --db "$DB" init --demo || exit 1
	echo 1234 | "$B/antri" --config "$CONF" --db "$DB" pin set >/dev/null &&
		echo "demo manager PIN: 1234"
fi
pids=""
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
	[ -x "$B/antri-display" ] && { "$B/antri-display" --config "$CONF" --db "$DB" --windowed 1280x720 & pids="$pids $!"; }
	[ -x "$B/antri-kiosk" ] && { "$B/antri-kiosk" --config "$CONF" --db "$DB" --windowed 800x600 & pids="$pids $!"; }
	[ -x "$B/antri-counter" ] && { "$B/antri-counter" --config "$CONF" --db "$DB" --counter 1 & pids="$pids $!"; }
fi
if [ -z "$pids" ]; then
	"$B/antri" --config "$CONF" --db "$DB" status
	[ -z "${DISPLAY:-}" ] && echo "(no screen here: the kiosk, display and counter windows need one)"
	exit 0
fi
echo "demo office running (database $DB); close the windows or press Ctrl-C"
trap 'kill $pids 2>/dev/null' INT TERM
wait
