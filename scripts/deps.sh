#!/bin/sh
# deps.sh - install the Debian packages antri needs to build, test and run.
# Installs only what is missing; uses sudo when not root.  Set ANTRI_NO_DEPS=1
# to skip (e.g. on a machine that is set up by hand).
set -u
[ "${ANTRI_NO_DEPS:-}" = 1 ] && exit 0

# build: compiler parts and libraries
BUILD="pkg-config libsqlite3-dev libsdl2-dev libsdl2-ttf-dev libcups2-dev
libcrypt-dev libcairo2-dev fonts-dejavu-core libmicrohttpd-dev libjansson-dev
libssl-dev libgnutls28-dev libpng-dev libqrencode-dev libpq-dev zlib1g-dev
libcurl4-openssl-dev"
# tests: a real X server, input, screenshots, printers, sound tools, HTTP,
# a process at another time; the Debian package (make deb, lintian) and
# the kiosk under cage (grim); a throwaway PostgreSQL for antri-sync and
# antri-central (postgresql: the server; util-linux: runuser); the
# reminders' SMS daemon (gammu-smsd) and a throwaway certificate for their
# HTTPS endpoint (openssl)
TEST="postgresql util-linux sqlite3 xvfb xauth xdotool x11-utils x11-apps imagemagick cups-ipp-utils
cups-daemon cups-client cups dbus espeak-ng sox procps psmisc jq
poppler-utils curl wrk faketime dpkg-dev debhelper lintian binutils systemd
cage xwayland grim zbar-tools chromium chromium-driver python3-selenium
gammu-smsd openssl"

missing=""
for p in $BUILD $TEST; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
	case "$st" in
	*"ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "antri: these Debian packages are missing:$missing" >&2
	echo "antri: install them as root: apt-get install$missing" >&2
	exit 1
fi
echo "antri: installing missing packages:$missing"
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! $SUDO apt-get install -y -q --no-install-recommends $missing; then
	$SUDO apt-get update -q &&
	$SUDO apt-get install -y -q --no-install-recommends $missing || {
		echo "antri: could not install:$missing" >&2
		exit 1
	}
fi
