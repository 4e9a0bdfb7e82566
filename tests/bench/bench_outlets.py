#!/usr/bin/python3
"""bench_outlets.py URL N - figures for a citizen's /outlets (called by
tests/bench/bench_central.sh with N outlets online): 10 fresh loads in
headless Chromium at 390x844 on loopback, the cache off; for each, the
first contentful paint, the moment the list holds all N outlets, and the
bytes transferred (headers included; the event stream, still open, adds
nothing it has not finished).  Prints figures; asserts nothing."""
import os
import sys

from selenium.webdriver.support.ui import WebDriverWait

sys.dont_write_bytecode = True            # nothing written into the tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "helpers"))
import headless  # noqa: E402  (tests/helpers)

# before the page's own scripts: the time the list first holds N outlets
WATCH = """
window.listed = 0;
new MutationObserver((m, o) => {
  if (document.querySelectorAll('li.outlet').length >= %d) {
    window.listed = performance.now();
    o.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))]


def main():
    url, n = sys.argv[1], int(sys.argv[2])
    d, profile = headless.browser("antri-bench-outlets-", (390, 844))
    try:
        d.execute_cdp_cmd("Network.enable", {})
        d.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
        d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                          {"source": WATCH % n})
        paints, listed, sizes = [], [], []
        for _ in range(10):
            d.get("about:blank")
            d.get(url)
            WebDriverWait(d, 20, 0.02).until(lambda d: d.execute_script(
                "return window.listed > 0 && "
                "performance.getEntriesByType('paint').length > 0"))
            paints.append(d.execute_script(
                "const p = performance.getEntriesByType('paint')"
                ".find(e => e.name === 'first-contentful-paint') || "
                "performance.getEntriesByType('paint')[0]; return p.startTime;"))
            listed.append(d.execute_script("return window.listed;"))
            sizes.append(d.execute_script(
                "const n = performance.getEntriesByType('navigation')[0];"
                "let b = n.transferSize; performance.getEntriesByType("
                "'resource').forEach(r => { b += r.transferSize; });"
                "return b;"))
        print("  first paints, ms: " + " ".join("%.0f" % p for p in paints))
        print("  all %d outlets listed, ms: " % n +
              " ".join("%.0f" % p for p in listed))
        print("/outlets, %d outlets, full load: %d bytes transferred "
              "(headers included; target <= 60 KB)" % (n, max(sizes)))
        print("/outlets first contentful paint, headless Chromium at 390x844 "
              "on loopback: median %.0f ms, max %.0f ms (target <= 300 ms); "
              "the %d outlets listed: median %.0f ms, max %.0f ms"
              % (pct(paints, 50), max(paints), n, pct(listed, 50),
                 max(listed)))
    finally:
        headless.close(d, profile)


if __name__ == "__main__":
    main()
