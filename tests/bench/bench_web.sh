#!/bin/sh
# bench_web.sh BUILD - the web counter panel in headless Chromium to the
# SDL antri-display (called by tests/bench/bench.sh): press -> frame
# presented, p50/p99 over 50 presses (tests/bench/bench_web.py).  Figures
# only; says so and stops when Chromium or Selenium is missing.
set -u
B=${1:-build}
W=$(mktemp -d /tmp/antri-bench-web.XXXXXX)
trap 'rm -rf "$W"' EXIT
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || \
    ! /usr/bin/python3 -c 'import selenium' 2>/dev/null; then
	echo "web: chromium, chromium-driver or python3-selenium missing; skipped"
	exit 0
fi
/usr/bin/python3 tests/bench/bench_web.py "$B" "$W" "${WEB_PRESSES:-50}"
exit 0
