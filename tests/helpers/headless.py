"""headless.py - headless Chromium for the pages' tests and benchmarks
(tests/helpers/*.py, tests/bench/bench_ticket.py, bench_outlets.py):
Debian's chromium and chromedriver, a phone-sized window, a throwaway
profile, nothing fetched on its own.

    d, profile = headless.browser("antri-chrome-")
    try: ...
    finally: headless.close(d, profile)

A benchmark loads a page afresh and reads its figures:

    headless.cache_off(d)
    paint_ms, nbytes = headless.fresh_load(d, url, "READY-JS")

A test counts its checks with Checks and runs its steps with run():

    C = headless.Checks()
    sys.exit(headless.run(C, "antri-chrome-", (390, 844), steps))
"""
import shutil
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

ARGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage")


def browser(prefix, size=(360, 740)):
    """A new session in a new profile folder (named from prefix, in the
    temporary folder); returns (driver, profile)."""
    profile = tempfile.mkdtemp(prefix=prefix)
    o = Options()
    for a in ARGS + ("--user-data-dir=" + profile,
                     "--window-size=%d,%d" % size):
        o.add_argument(a)
    o.binary_location = "/usr/bin/chromium"
    try:
        d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"),
                             options=o)
    except Exception:
        shutil.rmtree(profile, ignore_errors=True)
        raise
    return d, profile


def close(d, profile):
    """Quit the session, even one whose browser has crashed, and remove
    its profile folder."""
    try:
        d.quit()
    except Exception:
        pass
    shutil.rmtree(profile, ignore_errors=True)


def cache_off(d):
    """Every load from now on fetches everything again."""
    d.execute_cdp_cmd("Network.enable", {})
    d.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})


def fresh_load(d, url, ready):
    """url loaded anew, waited on until the JavaScript expression ready
    is true and something was painted; returns its first contentful
    paint in ms and the bytes it transferred, headers included (a
    stream still open adds nothing it has not finished)."""
    d.get("about:blank")
    d.get(url)
    WebDriverWait(d, 20, 0.02).until(lambda d: d.execute_script(
        "return (" + ready + ") && "
        "performance.getEntriesByType('paint').length > 0"))
    return d.execute_script(
        "const p = performance.getEntriesByType('paint')"
        ".find(e => e.name === 'first-contentful-paint') || "
        "performance.getEntriesByType('paint')[0]; return p.startTime;"), \
        d.execute_script(
            "const n = performance.getEntriesByType('navigation')[0];"
            "let b = n.transferSize; performance.getEntriesByType("
            "'resource').forEach(r => { b += r.transferSize; });"
            "return b;")


def pct(v, p):
    """The p-th percentile of the figures v (nearest rank)."""
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))]


class Checks:
    """A browser test's checks: ok() prints one line per check (a failure
    on stderr); summary() the closing "N passed, N failed"."""

    def __init__(self):
        self.passed = self.failed = 0

    def ok(self, cond, what):
        if cond:
            self.passed += 1
            print("ok   " + what)
        else:
            self.failed += 1
            print("FAIL " + what, file=sys.stderr)

    def summary(self):
        print("%d passed, %d failed" % (self.passed, self.failed))
        return 1 if self.failed else 0


def run(checks, prefix, size, steps):
    """steps(d) in a new session of window size; a session that breaks
    (a crashed renderer, a lost driver) is one failed check.  Closes the
    session, prints the summary, returns the exit status."""
    d, profile = browser(prefix, size)
    try:
        steps(d)
    except Exception as e:
        checks.ok(False, "the browser session: %s" % str(e).splitlines()[0])
    finally:
        close(d, profile)
    return checks.summary()
