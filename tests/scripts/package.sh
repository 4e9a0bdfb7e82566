#!/bin/sh
# package.sh - the Debian package and its units, on a real-ish box:
#   - the package builds (make deb; or ANTRI_DEB=FILE, built by CI's own
#     step), lintian reports no error, Build-Depends match scripts/deps.sh;
#   - its contents: programs with /usr/share/antri compiled in, the
#     conffile, man pages, units, sysusers.d and tmpfiles.d;
#   - dpkg -i into a throwaway root: the antri user, /var/lib/antri 0770
#     group antri, the backup timer enabled, the screens not; dpkg -r keeps
#     the database and the conffile; dpkg -P deletes them after saying so;
#   - systemd-analyze verify on every unit, and the web server's sandbox
#     exposure below 5;
#   - the kiosk under headless cage as a non-root user: its home screen
#     (a grim screenshot), a redraw after `antri issue`, and SIGTERM to the
#     process group (what KillMode=control-group does) leaves no process.
# Runs once, with the plain build: under the sanitizer build it skips.
. tests/helpers/lib.sh
OUT=$(cd "$OUT" && pwd)   # absolute: dpkg --root and the non-root kiosk
case "$(basename "$BIN")" in
*san*)
	skip_all "under $BIN: the package, units and cage are tested" \
	    "once, with the plain build" ;;
esac
if [ "$(id -u)" != 0 ]; then
	skip_all "dpkg --root and the non-root user need root"
fi
TREE=$(pwd)
VERSION=$(sed -n 's/^VERSION = //p' config.mk)
ARCH=$(dpkg-architecture -qDEB_HOST_ARCH)
DEB=${ANTRI_DEB:-$TREE/dist/antri_${VERSION}_$ARCH.deb}

# --- build and lint ---------------------------------------------------------
if [ -z "${ANTRI_DEB:-}" ]; then
	check "make deb" make --no-print-directory deb
	cp "$OUT/last.out" "$OUT/deb.log"
fi
[ -f "$DEB" ] && pass || { fail "no $DEB"; finish; exit 1; }
lintian "$DEB" "${DEB%.deb}.changes" >"$OUT/lintian.txt" 2>&1
grep -v 'root privileges' "$OUT/lintian.txt"
expect_eq "lintian: no errors" "$(grep -c '^E:' "$OUT/lintian.txt")" 0
expect_eq "changelog version = config.mk VERSION" \
	"$(dpkg-parsechangelog -SVersion)" "$VERSION"
# every package of deps.sh's BUILD list is a Build-Depends, and back
want=$(sed -n '/^BUILD="/,/"$/p' scripts/deps.sh | tr -d '"' |
	sed 's/^BUILD=//' | tr ' ' '\n' | grep . | sort)
have=$(sed -n '/^Build-Depends:/,/^[A-Z]/p' debian/control |
	sed 's/^Build-Depends://; /^[A-Z]/d' | tr ',' '\n' |
	sed 's/(.*)//; s/ //g' | grep . | grep -v '^debhelper-compat' | sort)
expect_eq "Build-Depends = scripts/deps.sh BUILD" "$(echo $have)" "$(echo $want)"

# --- contents -----------------------------------------------------------------
dpkg-deb -c "$DEB" | awk '{print $1, $6}' >"$OUT/contents.txt"
for f in usr/bin/antri usr/bin/antri-kiosk usr/bin/antri-display \
    usr/bin/antri-counter usr/share/antri/sounds/chime.wav \
    usr/share/antri/voice/id/a.wav etc/antri/antri.conf \
    usr/lib/sysusers.d/antri.conf usr/lib/tmpfiles.d/antri.conf \
    usr/libexec/antri/antri-backup-daily usr/libexec/antri/antri-print \
    usr/libexec/antri/antri-sync usr/bin/antri-central \
    lib/systemd/system/antri-sync.service lib/systemd/system/antri-central.service \
    lib/systemd/system/antri-central-rollup.service \
    lib/systemd/system/antri-central-rollup.timer \
    usr/libexec/antri/antri-notify lib/systemd/system/antri-notify.service \
    usr/share/man/man8/antri-notify.8.gz \
    usr/share/man/man8/antri-sync.8.gz usr/share/man/man8/antri-central.8.gz \
    lib/systemd/system/antri-kiosk.service \
    lib/systemd/system/antri-display.service \
    lib/systemd/system/antri-backup.service \
    lib/systemd/system/antri-backup.timer \
    usr/share/man/man1/antri.1.gz usr/share/man/man1/antri-kiosk.1.gz \
    usr/share/man/man1/antri-display.1.gz \
    usr/share/man/man1/antri-counter.1.gz \
    usr/share/man/man5/antri.conf.5.gz; do
	expect_match "package has $f" "$OUT/contents.txt" " \\./$f\$"
done
SERVE=0
grep -q ' \./usr/bin/antri-serve$' "$OUT/contents.txt" && SERVE=1
if [ "$SERVE" = 1 ]; then
	expect_match "antri-serve's unit" "$OUT/contents.txt" 'antri-serve.service$'
	expect_match "antri-serve(8)" "$OUT/contents.txt" 'man8/antri-serve.8.gz$'
else
	echo "package.sh: antri-serve is not in this tree yet: its unit is" \
	    "checked with a stand-in binary"
fi
grep -q ' \./var/lib/antri' "$OUT/contents.txt" &&
	fail "/var/lib/antri is shipped (dpkg would own the database folder)" || pass
dpkg-deb -I "$DEB" conffiles >"$OUT/conffiles.txt"
expect_match "antri.conf is a conffile" "$OUT/conffiles.txt" '^/etc/antri/antri.conf$'
X="$OUT/x"
rm -rf "$X"; dpkg-deb -x "$DEB" "$X"
expect_match "the conffile names the database" "$X/etc/antri/antri.conf" \
	'^path = /var/lib/antri/antri.db$'
for p in bin/antri libexec/antri/antri-print libexec/antri/antri-sync \
    libexec/antri/antri-notify \
    bin/antri-central bin/antri-kiosk \
    bin/antri-display bin/antri-counter; do
	if strings "$X/usr/$p" | grep -q '/usr/local/'; then
		fail "$p has /usr/local/ compiled in"
	else pass; fi
done
strings "$X/usr/bin/antri-display" | grep -qE '^/usr/share/antri(/|$)' && pass ||
	fail "antri-display does not look in /usr/share/antri"

# --- install, remove, purge in a throwaway root ---------------------------
R="$OUT/root"
rm -rf "$R"
mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates" "$R/etc"
touch "$R/var/lib/dpkg/status"
dpkgr() {
	dpkg --root="$R" --force-script-chrootless --force-depends \
	    --log=/dev/null "$@"
}
check "dpkg -i into a throwaway root" dpkgr -i "$DEB"
cp "$OUT/last.out" "$OUT/install.log"
expect_match "the antri user" "$R/etc/passwd" '^antri:x:[0-9]+:[0-9]+:.*:/var/lib/antri:'
expect_match "the antri group" "$R/etc/group" '^antri:x:'
uid=$(sed -n 's/^antri:x:\([0-9]*\):.*/\1/p' "$R/etc/passwd")
gid=$(sed -n 's/^antri:x:\([0-9]*\):.*/\1/p' "$R/etc/group")
expect_eq "/var/lib/antri is 0770, antri's, group antri" \
	"$(stat -c '%a %u %g' "$R/var/lib/antri" 2>/dev/null)" "770 $uid $gid"
[ -d "$R/var/lib/antri/backup" ] && pass || fail "no /var/lib/antri/backup"
[ -L "$R/etc/systemd/system/timers.target.wants/antri-backup.timer" ] &&
	pass || fail "the backup timer is not enabled"
ls "$R"/etc/systemd/system/*.wants 2>/dev/null | grep -E 'kiosk|display|serve|sync|central' &&
	fail "a screen, a server or the head office's rollup was enabled on install" || pass

# systemd-analyze verify: the units as installed, in that root, with
# systemd's own units and cage beside them (and a stand-in antri-serve)
cp -an /lib/systemd/system/. "$R/lib/systemd/system/"
mkdir -p "$R/usr/bin"; cp /usr/bin/cage "$R/usr/bin/cage"
UNITS="antri-kiosk.service antri-display.service antri-backup.service antri-backup.timer antri-sync.service antri-central.service antri-central-rollup.service antri-central-rollup.timer antri-notify.service"
if [ "$SERVE" = 0 ]; then
	cp units/antri-serve.service "$R/lib/systemd/system/"
	printf '#!/bin/sh\n' >"$R/usr/bin/antri-serve"
	chmod 0755 "$R/usr/bin/antri-serve"
	install -D -m 0644 man/antri-serve.8 "$R/usr/share/man/man8/antri-serve.8"
fi
UNITS="$UNITS antri-serve.service"
for u in $UNITS; do
	check "systemd-analyze verify $u" env MANPATH="$R/usr/share/man" \
	    systemd-analyze verify --root="$R" "$u"
done
systemd-analyze security --offline=true --root="$R" antri-serve.service \
	>"$OUT/security.txt" 2>&1
exposure=$(sed -n 's/.*Overall exposure level for antri-serve.service: \([0-9.]*\).*/\1/p' "$OUT/security.txt")
echo "antri-serve.service: systemd-analyze security exposure $exposure"
awk -v e="${exposure:-99}" 'BEGIN { exit !(e < 5) }' && pass ||
	fail "antri-serve.service exposure ${exposure:-unknown}, not below 5"
if [ "$SERVE" = 0 ]; then
	rm -f "$R/usr/bin/antri-serve" "$R/lib/systemd/system/antri-serve.service"
fi

echo "a database" >"$R/var/lib/antri/antri.db"
echo "# the office's change" >>"$R/etc/antri/antri.conf"
check "dpkg -r" dpkgr -r antri
expect_match "remove says the data stays" "$OUT/last.out" 'stay in /var/lib/antri'
[ ! -e "$R/usr/bin/antri" ] && [ ! -e "$R/usr/bin/antri-kiosk" ] && pass ||
	fail "dpkg -r left the programs"
[ -f "$R/var/lib/antri/antri.db" ] && pass || fail "dpkg -r deleted the database"
expect_match "dpkg -r keeps the conffile" "$R/etc/antri/antri.conf" "office's change"
check "dpkg -P" dpkgr -P antri
expect_match "purge says what it deletes" "$OUT/last.out" \
	'purge: deleting /var/lib/antri'
[ ! -e "$R/var/lib/antri" ] && pass || fail "dpkg -P left /var/lib/antri"
[ ! -e "$R/etc/antri" ] && pass || fail "dpkg -P left /etc/antri"
[ ! -e "$R/etc/systemd/system/timers.target.wants/antri-backup.timer" ] &&
	pass || fail "dpkg -P left the timer enabled"
rm -rf "$R" "$X"

# --- the kiosk under headless cage, as a non-root user ---------------------
kiosk_under_cage() {
	# in /tmp: nobody must reach it, whatever folder the tree is in
	C=$(mktemp -d /tmp/antri-cage.XXXXXX); mkdir -p "$C/run"
	chmod 0777 "$C"; chown nobody "$C/run"; chmod 0700 "$C/run"
	"$ANTRI" --db "$C/k.db" init --demo >/dev/null
	chown nobody "$C/k.db"
	as_nobody() {
		setpriv --reuid=nobody --regid=nogroup --clear-groups \
		    env -u DISPLAY -u WAYLAND_DISPLAY XDG_RUNTIME_DIR="$C/run" "$@"
	}
	# as the unit runs it (x11 through Xwayland, software renderer); one
	# pixel narrower than the headless output: cage 0.1.4 on wlroots 0.15
	# headless gives grim a black frame for a window covering the output
	# setsid: cage leads a process group of its own, as in its unit
	setsid sh -c 'echo $$ >"$0"; exec "$@"' "$C/pid" \
	    setpriv --reuid=nobody --regid=nogroup --clear-groups \
	    env -u DISPLAY -u WAYLAND_DISPLAY XDG_RUNTIME_DIR="$C/run" \
	    WLR_BACKENDS=headless WLR_RENDERER=pixman \
	    WLR_LIBINPUT_NO_DEVICES=1 SDL_VIDEODRIVER=x11 \
	    cage -- "$BIN/antri-kiosk" --renderer software \
	    --trace "$C/trace.txt" --db "$C/k.db" \
	    --windowed 1279x720 >"$C/cage.log" 2>&1 </dev/null &
	cpid=$!
	wait_match "$C/pid" . 50
	pg=$(cat "$C/pid")
	if [ "$pg" != "$(ps -o pgid= -p "$pg" | tr -d ' ')" ] ||
	    [ "$pg" = "$(ps -o pgid= -p $$ | tr -d ' ')" ]; then
		fail "cage is not in a process group of its own"
		return
	fi
	if wait_match "$C/trace.txt" '^frame .* home' 150; then pass
	else fail "the kiosk drew nothing under cage: $(tail -5 "$C/cage.log")"; fi
	sleep 1
	as_nobody WAYLAND_DISPLAY=wayland-0 grim "$C/home.png" && pass ||
		fail "grim"
	cp "$C/home.png" "$OUT/kiosk-home.png" 2>/dev/null
	colours=$(convert "$C/home.png" -format '%k' info: 2>/dev/null)
	[ "${colours:-0}" -gt 50 ] && pass ||
		fail "the screenshot is blank ($colours colours)"
	# cage 0.1.4 (wlroots 0.15, headless, pixman) stops repainting its
	# output for later frames of an Xwayland window: grim keeps showing
	# the first one.  So the redraw is read from the kiosk's own window
	# in Xwayland (xwd), before and after the issue.
	kpid=$(pgrep -g "$pg" -x antri-kiosk)
	xd=$(tr '\0' '\n' <"/proc/$kpid/environ" | sed -n 's/^DISPLAY=//p')
	xwin=$(as_nobody DISPLAY="$xd" xwininfo -root -tree 2>/dev/null |
		awk '/"antri-kiosk"/ { print $1; exit }')
	as_nobody DISPLAY="$xd" xwd -id "$xwin" -out "$C/home.xwd" 2>/dev/null
	frames=$(grep -c '^frame' "$C/trace.txt")
	check "antri issue A beside the kiosk" "$ANTRI" --db "$C/k.db" issue A
	n=0
	while [ "$(grep -c '^frame' "$C/trace.txt")" -le "$frames" ]; do
		n=$((n + 1)); [ "$n" -gt 50 ] && break; sleep 0.1
	done
	[ "$n" -le 50 ] && pass || fail "no redraw after antri issue"
	sleep 0.5
	as_nobody DISPLAY="$xd" xwd -id "$xwin" -out "$C/issued.xwd" 2>/dev/null
	convert "$C/issued.xwd" "$OUT/kiosk-issued.png" 2>/dev/null
	diff=$(compare -metric AE "$C/home.xwd" "$C/issued.xwd" null: 2>&1)
	[ "${diff%% *}" -gt 0 ] 2>/dev/null && pass ||
		fail "the kiosk's window did not change after antri issue ($diff)"
	# systemd's KillMode=control-group: SIGTERM to every process of the
	# group, SIGKILL after TimeoutStopSec=5
	kill -TERM "-$pg" 2>/dev/null
	n=0
	while pgrep -g "$pg" >/dev/null; do
		n=$((n + 1)); [ "$n" -gt 50 ] && break; sleep 0.1
	done
	if pgrep -g "$pg" >/dev/null; then
		fail "SIGTERM to the group left: $(pgrep -a -g "$pg")"
		kill -KILL "-$pg" 2>/dev/null
	else pass; fi
	wait "$cpid" 2>/dev/null
	pgrep -f "antri-kiosk --db $C/k.db" >/dev/null &&
		fail "an antri-kiosk is left" || pass
}
if command -v cage >/dev/null && command -v grim >/dev/null &&
    command -v Xwayland >/dev/null && command -v convert >/dev/null; then
	kiosk_under_cage
else
	echo "package.sh: cage, grim, xwayland or imagemagick missing:" \
	    "the kiosk under cage is not tested"
	fail "cage, grim, xwayland or imagemagick missing (scripts/deps.sh TEST)"
fi
finish
