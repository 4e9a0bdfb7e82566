#!/usr/bin/python3
"""web_ticket.py - the visitor's page /t/<token> in headless Chromium,
for tests/scripts/ticket.sh.

    web_ticket.py URL OUTDIR ANTRI DB

URL is the page (decoded from the ticket's QR code).  The ticket must be
waiting outside (the room full), with the ticket before it the one that
counter 1 calls and finishes.  The page must show, without a reload and
each within a second of the command: "wait outside"; after `antri done`
"please enter the room"; after `antri next --counter 2` "counter 2".
English by a tap.  Screenshots at 360x740, 1366x768, 1920x1080 in OUTDIR.
Prints one line per check and "N passed, N failed"; exit 1 on a failure.
"""
import os
import subprocess
import sys
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

sys.dont_write_bytecode = True            # nothing written into the tree
import headless  # noqa: E402  (beside this file)

C = headless.Checks()
ok = C.ok


def state_text(d):
    return d.find_element(By.ID, "state").text


def wait_text(d, want, timeout, what):
    """True when #state contains want within timeout seconds."""
    t0 = time.monotonic()
    try:
        WebDriverWait(d, timeout, poll_frequency=0.02).until(
            lambda d: want.lower() in state_text(d).lower())
        ok(True, "%s (%.0f ms)" % (what, (time.monotonic() - t0) * 1000))
        return True
    except Exception:
        ok(False, "%s: banner says %r, wanted %r" % (what, state_text(d),
                                                     want))
        return False


def run(antri, db, *args):
    r = subprocess.run([antri, "--db", db] + list(args),
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    ok(r.returncode == 0, "antri " + " ".join(args))


def shots(d, out, name):
    for w, h in ((360, 740), (1366, 768), (1920, 1080)):
        d.set_window_size(w, h)
        time.sleep(0.3)
        p = os.path.join(out, "%s-%dx%d.png" % (name, w, h))
        ok(d.save_screenshot(p), "screenshot " + p)
    d.set_window_size(360, 740)


def main():
    url, out, antri, db = sys.argv[1:5]
    os.makedirs(out, exist_ok=True)
    def steps(d):
        d.get(url)
        # Indonesian by default
        wait_text(d, "Tunggu di luar", 5, "first load: tunggu di luar")
        ok(d.title == "antri: Nomor antrean",
           "the title from the catalogue (%s)" % d.title)
        d.execute_script("window.antriSamePage = 42;")
        shots(d, out, "ticket-outside")
        # English by a tap
        d.find_element(By.ID, "lang").click()
        wait_text(d, "Wait outside", 1, "a tap: wait outside")
        ok("Estimated wait" in d.find_element(By.TAG_NAME, "main").text,
           "the page's words are English too")
        ok(d.title == "antri: Your number", "the title too (%s)" % d.title)
        run(antri, db, "next", "--counter", "1")
        time.sleep(0.3)
        ok("Wait outside" in state_text(d), "still outside while the "
           "ticket before it is served")
        run(antri, db, "done", "--counter", "1")
        wait_text(d, "please enter the room", 1, "after done: please "
                  "enter the room")
        shots(d, out, "ticket-admitted")
        run(antri, db, "next", "--counter", "2")
        wait_text(d, "counter 2", 1, "after next: go to counter 2")
        ok(d.execute_script("return window.antriSamePage;") == 42,
           "no reload")
        ok("flash" in d.find_element(By.ID, "state").get_attribute("class"),
           "the banner flashes when called")
        shots(d, out, "ticket-called")

    return headless.run(C, "antri-chrome-", (360, 740), steps)


if __name__ == "__main__":
    sys.exit(main())
