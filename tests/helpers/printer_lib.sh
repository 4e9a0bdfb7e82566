# printer_lib.sh - real printers for the tests, started here on loopback:
# source it after lib.sh, with WORK (a scratch folder), PIDS (processes to
# kill on exit), OUT, BIN and ANTRI set.
#   wait_for SECONDS COMMAND...   retry until the command succeeds
#   start_system_dbus             ippeveprinter needs one (DNS-SD)
#   printer_commands              WORK/keep.sh keeps each job as
#                                 WORK/jobs/JOB-ID; WORK/nopaper.sh reports
#                                 media-empty and fails
#   start_printer NAME COMMAND    an ippeveprinter on a free port; sets URI

free_port() { "$BIN/tests/print_listen" --free-port; }

wait_for() {
	n=$(($1 * 10)); shift
	while [ "$n" -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1; n=$((n - 1))
	done
	return 1
}

# The system bus is the machine's, shared by every suite that runs beside
# this one (print.sh and kiosk_print.sh run in parallel, in two builds): one
# suite at a time may start it, and none stops it when it ends, or a
# printer of another suite loses DNS-SD mid-test.  The lock is the
# machine's too, in /tmp, not in the suite's own TMPDIR (run.sh gives each
# suite one): with a lock per suite, two suites on a machine without a bus
# both started one, each removing the other's socket.  The bus answers
# before the lock is let go.
bus_answers() {
	[ -S /run/dbus/system_bus_socket ] &&
	    dbus-send --system --print-reply --dest=org.freedesktop.DBus / \
	    org.freedesktop.DBus.GetId >/dev/null 2>&1
}
start_system_dbus() {
	exec 8>/tmp/antri-test-dbus.lock
	flock 8
	if ! bus_answers; then
		mkdir -p /run/dbus
		rm -f /run/dbus/pid /run/dbus/system_bus_socket
		if ! dbus-daemon --system --fork 2>"$WORK/dbus.err"; then
			echo "note: no system D-Bus: $(cat "$WORK/dbus.err")"
		elif ! wait_for 10 bus_answers; then
			echo "note: the system D-Bus started but does not answer"
		fi
	fi
	flock -u 8; exec 8>&-
}

printer_commands() {
	mkdir -p "$WORK/jobs"
	cat >"$WORK/keep.sh" <<EOS
#!/bin/sh
# ippeveprinter's print command: keep the document as jobs/JOB-ID
cp "\$1" "$WORK/jobs/\$IPP_JOB_ID.part" &&
mv "$WORK/jobs/\$IPP_JOB_ID.part" "$WORK/jobs/\$IPP_JOB_ID"
EOS
	cat >"$WORK/nopaper.sh" <<'EOS'
#!/bin/sh
# ippeveprinter's print command for a printer out of paper
echo "STATE: +media-empty-error" >&2
echo "ERROR: out of paper" >&2
exit 1
EOS
	chmod +x "$WORK/keep.sh" "$WORK/nopaper.sh"
}

start_printer() {
	port=$(free_port)
	mkdir -p "$WORK/$1.spool"
	ippeveprinter -p "$port" -n localhost -r off \
	    -f image/pwg-raster,application/vnd.escpos -c "$2" \
	    -d "$WORK/$1.spool" "antri-$1-$$" >"$OUT/$1.log" 2>&1 &
	PIDS="$PIDS $!"
	URI="ipp://127.0.0.1:$port/ipp/print"
	if ! wait_for 10 "$ANTRI" printer --printer "$URI"; then
		fail "ippeveprinter $1 did not start: $(tail -n 5 "$OUT/$1.log")"
		return 1
	fi
}
