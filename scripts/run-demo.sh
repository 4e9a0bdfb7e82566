#!/bin/sh
# run-demo.sh BUILD - the demo office: a database in demo/, antri-serve on
# port 8080 (ANTRI_DEMO_PORT) with a demo clerk and manager, then the kiosk,
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
# antri-serve: the office's network; a demo clerk and manager
if [ -x "$B/antri-serve" ]; then
	if ! "$B/antri" --db "$DB" user list 2>/dev/null | grep -q '^demo-clerk '; then
		echo "clerk-demo-1" | "$B/antri" --db "$DB" user add demo-clerk --role clerk >/dev/null
		echo "manager-demo-1" | "$B/antri" --db "$DB" user add demo-manager --role manager >/dev/null
	fi
	PORT=${ANTRI_DEMO_PORT:-8080}
	"$B/antri-serve" --db "$DB" --listen "0.0.0.0:$PORT" 2>demo/serve.log &
	pids="$pids $!"
	echo "antri-serve: http://localhost:$PORT/ (log: demo/serve.log)"
	echo "  clerk:   demo-clerk / clerk-demo-1"
	echo "  manager: demo-manager / manager-demo-1"
fi
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
	[ -x "$B/antri-display" ] && { "$B/antri-display" --config "$CONF" --db "$DB" --windowed 1280x720 & pids="$pids $!"; }
	[ -x "$B/antri-kiosk" ] && { "$B/antri-kiosk" --config "$CONF" --db "$DB" --windowed 800x600 & pids="$pids $!"; }
	[ -x "$B/antri-counter" ] && { "$B/antri-counter" --config "$CONF" --db "$DB" --counter 1 & pids="$pids $!"; }
fi
if [ -z "$pids" ] || [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
	"$B/antri" --config "$CONF" --db "$DB" status
	[ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && echo "(no screen here: the kiosk, display and counter windows need one)"
	[ -z "$pids" ] && exit 0
fi
echo "demo office running (database $DB); close the windows or press Ctrl-C"
trap 'kill $pids 2>/dev/null' INT TERM
wait
