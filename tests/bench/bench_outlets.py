#!/usr/bin/python3
"""bench_outlets.py URL N - figures for a citizen's /outlets (called by
tests/bench/bench_central.sh with N outlets online): 10 fresh loads in
headless Chromium at 390x844 on loopback, the cache off; for each, the
first contentful paint, the frame that shows the list of all N outlets
(the list made, then its frame drawn), and the
bytes transferred (headers included; the event stream, still open, adds
nothing it has not finished).  Prints figures; asserts nothing."""
import os
import sys

sys.dont_write_bytecode = True            # nothing written into the tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "helpers"))
import headless  # noqa: E402  (tests/helpers)
from headless import pct  # noqa: E402

# before the page's own scripts: once the list holds N outlets, the time
# of the frame that shows it
WATCH = """
window.shown = 0;
new MutationObserver((m, o) => {
  if (document.querySelectorAll('li.outlet').length >= %d) {
    o.disconnect();
    // the frame that shows it: after the next frame's callbacks
    requestAnimationFrame(() => setTimeout(() => {
      window.shown = performance.now();
    }));
  }
}).observe(document, {childList: true, subtree: true});
"""


def main():
    url, n = sys.argv[1], int(sys.argv[2])
    d, profile = headless.browser("antri-bench-outlets-", (390, 844))
    try:
        headless.cache_off(d)
        d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                          {"source": WATCH % n})
        paints, shown, sizes = [], [], []
        for _ in range(10):
            p, b = headless.fresh_load(d, url, "window.shown > 0")
            paints.append(p)
            shown.append(d.execute_script("return window.shown;"))
            sizes.append(b)
        print("  first paints, ms: " + " ".join("%.0f" % p for p in paints))
        print("  all %d outlets on screen, ms: " % n +
              " ".join("%.0f" % p for p in shown))
        print("/outlets, %d outlets, full load: %d bytes transferred "
              "(headers included; target <= 60 KB)" % (n, max(sizes)))
        print("/outlets first contentful paint, headless Chromium at 390x844 "
              "on loopback: median %.0f ms, max %.0f ms (target <= 300 ms); "
              "all %d on screen: median %.0f ms, max %.0f ms"
              % (pct(paints, 50), max(paints), n, pct(shown, 50),
                 max(shown)))
    finally:
        headless.close(d, profile)


if __name__ == "__main__":
    main()
