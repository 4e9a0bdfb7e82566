#!/usr/bin/python3
"""bench_ticket.py URL ANTRI DB N - figures for the visitor's page
(called by tests/bench/bench_ticket.sh): bytes of a full load, first
paint in headless Chromium on loopback (median of 10 fresh loads), and the
time from `antri next --counter 1` to the page showing one fewer person
ahead (N times; median, p99, max).  Prints figures; asserts nothing."""
import os
import subprocess
import sys
import time

from selenium.webdriver.support.ui import WebDriverWait

sys.dont_write_bytecode = True            # nothing written into the tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "helpers"))
import headless  # noqa: E402  (tests/helpers)
from headless import pct  # noqa: E402


def main():
    url, antri, db, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    d, profile = headless.browser("antri-bench-chrome-")
    try:
        headless.cache_off(d)
        paints, sizes = [], []
        for _ in range(10):
            p, b = headless.fresh_load(d, url,
                                       "document.body.dataset.state !== ''")
            paints.append(p)
            sizes.append(b)
        print("  first paints, ms: " + " ".join("%.0f" % p for p in paints))
        print("/t/<token> full load: %d bytes transferred (headers "
              "included; target <= 30 KB)" % max(sizes))
        print("/t/<token> first contentful paint, headless Chromium on "
              "loopback: median %.0f ms, max %.0f ms (target <= 300 ms)"
              % (pct(paints, 50), max(paints)))
        d.execute_script(
            "window.seen = []; new MutationObserver(() => window.seen.push("
            "Date.now())).observe(document.getElementById('inside'), "
            "{childList: true, characterData: true, subtree: true});")
        lat_exit, lat_start = [], []
        for i in range(n):
            before = d.execute_script("return window.seen.length;")
            t0 = time.time() * 1000
            subprocess.run([antri, "--db", db, "next", "--counter", "1"],
                           stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            t1 = time.time() * 1000
            WebDriverWait(d, 5, 0.002).until(lambda d: d.execute_script(
                "return window.seen.length;") > before)
            ts = d.execute_script("return window.seen[%d];" % before)
            lat_exit.append(ts - t1)
            lat_start.append(ts - t0)
        print("antri next -> the page shows it (%d calls), from the command's "
              "exit: median %.0f ms, p99 %.0f ms, max %.0f ms (target p99 "
              "<= 50 ms)" % (n, pct(lat_exit, 50), pct(lat_exit, 99),
                             max(lat_exit)))
        print("  ... from the command's start (its process start included): "
              "median %.0f ms, p99 %.0f ms" % (pct(lat_start, 50),
                                               pct(lat_start, 99)))
    finally:
        headless.close(d, profile)


if __name__ == "__main__":
    main()
