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


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))]


def main():
    url, antri, db, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    d, profile = headless.browser("antri-bench-chrome-")
    try:
        d.execute_cdp_cmd("Network.enable", {})
        d.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
        paints, sizes = [], []
        for _ in range(10):
            d.get("about:blank")
            d.get(url)
            WebDriverWait(d, 10, 0.02).until(lambda d: d.execute_script(
                "return document.body.dataset.state !== '' && "
                "performance.getEntriesByType('paint').length > 0"))
            paints.append(d.execute_script(
                "const p = performance.getEntriesByType('paint')"
                ".find(e => e.name === 'first-contentful-paint') || "
                "performance.getEntriesByType('paint')[0]; return p.startTime;"))
            sizes.append(d.execute_script(
                "const n = performance.getEntriesByType('navigation')[0];"
                "let b = n.transferSize; performance.getEntriesByType("
                "'resource').forEach(r => { b += r.transferSize; });"
                "return b;"))
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
