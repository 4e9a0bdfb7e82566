"""headless.py - headless Chromium for the visitor's page, shared by the
test (tests/helpers/web_ticket.py) and the benchmark
(tests/bench/bench_ticket.py): Debian's chromium and chromedriver, a
phone-sized window, a throwaway profile, nothing fetched on its own.

    d, profile = headless.browser("antri-chrome-")
    try: ...
    finally: headless.close(d, profile)
"""
import shutil
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

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
