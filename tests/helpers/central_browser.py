#!/usr/bin/python3
"""central_browser.py URL OUT USER PASSWORD [PARTS] - antri-central's pages in a
real browser (headless Chromium, Debian's chromium + chromedriver, driven
by Selenium; run with /usr/bin/python3).  The server and its outlets are
central.sh's; this only looks.

  /outlets  at 390x844 (a phone): the outlets listed, a service picked
            (the list then in the server's order), the language switched,
            an offline outlet says "no news since"; screenshots.
  /hq       at 1920x1080: log in, the board with the problems first, the
            drill-down to one outlet's counters and last calls, back;
            screenshots.
  reports   /hq at 1920x1080 (central_report.sh's outlets): log in, the
            reports of this month per outlet and per area with a total
            line, the four charts drawn, CSV and PDF links without a
            session in them, English after the switch; screenshots
            with SHOTS=1 only.

PARTS: comma-separated, default "outlets,hq".
BEAT (environment, optional): a shell command that gives central.sh's
outlets a heartbeat; run as each part starts, so they are online while it
looks (a part takes well under the 60 s an outlet stays online).
Prints "N passed, N failed" last.
"""
import os
import socket
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

URL, OUT, USER, PASSWORD = sys.argv[1:5]
PARTS = (sys.argv[5] if len(sys.argv) > 5 else "outlets,hq").split(",")
OUT = os.path.abspath(OUT)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
passed = failed = 0


def ok(cond, what, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: %s %s" % (what, detail), flush=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def browser(size):
    o = Options()
    o.binary_location = "/usr/bin/chromium"
    for f in FLAGS:
        o.add_argument(f)
    o.add_argument("--user-data-dir=" + tempfile.mkdtemp(prefix="chrome-",
                                                         dir=OUT))
    o.add_argument("--window-size=%d,%d" % size)
    svc = Service("/usr/bin/chromedriver", port=free_port(),
                  log_output=os.path.join(OUT, "chromedriver.log"))
    d = webdriver.Chrome(service=svc, options=o)
    # headless windows are 500 px wide at least: a phone is emulated
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": size[0], "height": size[1], "deviceScaleFactor": 1,
        "mobile": size[0] < 600})
    return d


def wait(d, cond, what, t=20):
    try:
        WebDriverWait(d, t, ignored_exceptions=[
            StaleElementReferenceException]).until(lambda _: cond())
        return True
    except Exception as e:
        ok(False, what, "(not within %d s: %s)" % (t, type(e).__name__))
        return False


def shot(d, name):
    d.save_screenshot(os.path.join(OUT, name))


def beat():
    if os.environ.get("BEAT"):
        subprocess.run(os.environ["BEAT"], shell=True, check=True)


def outlets():
    beat()
    d = browser((390, 844))
    try:
        d.get(URL + "/outlets")
        items = lambda: d.find_elements(By.CSS_SELECTOR, "li.outlet")
        if wait(d, lambda: len(items()) > 0, "/outlets lists outlets"):
            ok(True, "")
        # figures, not asserted: the first paint and the list drawn
        t = d.execute_script(
            "const p = performance.getEntriesByName('first-contentful-paint');"
            "const m = performance.getEntriesByName('outlets-drawn');"
            "const r = performance.getEntriesByType('resource')"
            ".concat(performance.getEntriesByType('navigation'));"
            "return [p.length ? p[0].startTime : -1,"
            " m.length ? m[0].startTime : -1,"
            " r.reduce((a, e) => a + (e.transferSize || 0), 0)];")
        print("figure: /outlets with %d outlets: first paint %.0f ms, list "
              "drawn %.0f ms, %d bytes transferred" % (len(items()), t[0],
                                                      t[1], t[2]), flush=True)
        ok("Antrean" in d.find_element(By.TAG_NAME, "h1").text,
           "the page opens in Indonesian", d.find_element(By.TAG_NAME, "h1").text)
        body = d.find_element(By.TAG_NAME, "body").text
        ok("Tidak ada kabar sejak" in body, "an offline outlet says "
           "'no news since'")
        ok("Tidak terhubung" in body, "an outlet that never sent news says "
           "'offline'")
        width = d.execute_script("return document.documentElement.scrollWidth")
        ok(width <= 390, "no sideways scrolling on a phone", str(width))
        shot(d, "outlets-phone.png")
        Select(d.find_element(By.ID, "svc")).select_by_value("A")
        # read in one go: 318 cards one call each is slow on a busy machine
        wait(d, lambda: d.execute_script(
            "const c = [...document.querySelectorAll('li.outlet')];"
            "return c.length > 0 && c.every(li => {"
            " const k = [...li.querySelectorAll('.svc .code')];"
            " return k.length > 0 && k.every(e => e.textContent === 'A'); });"),
            "picking service A shows A only")
        ids = d.execute_script("return [...document.querySelectorAll("
                               "'li.outlet')].map(li => li.dataset.id);")
        ok(ids[0] == "jkt-cepat" and ids[-1] == "jkt-mati",
           "the shortest wait first, the offline one last",
           str(ids[:3] + ids[-1:]))
        shot(d, "outlets-phone-service.png")
        d.find_element(By.ID, "lang").click()
        wait(d, lambda: "queues" in d.find_element(By.TAG_NAME, "h1").text,
             "English after the switch")
        ok("No news since" in d.find_element(By.TAG_NAME, "body").text,
           "English: 'No news since'")
        shot(d, "outlets-phone-en.png")
    finally:
        d.quit()


def hq():
    beat()
    d = browser((1920, 1080))
    try:
        d.get(URL + "/hq")
        if not wait(d, lambda: d.find_element(By.ID, "login").is_displayed(),
                    "/hq shows the log-in"):
            return
        d.find_element(By.ID, "name").send_keys(USER)
        d.find_element(By.ID, "password").send_keys("wrong-password")
        d.find_element(By.ID, "go").click()
        # the server's sentence, in the page's language (Indonesian first)
        wait(d, lambda: d.find_element(By.ID, "loginerr").text ==
             "Nama atau kata sandi salah", "a wrong password is said, in "
             "Indonesian")
        shot(d, "hq-wrong-password.png")
        d.find_element(By.ID, "password").clear()
        d.find_element(By.ID, "password").send_keys(PASSWORD)
        d.find_element(By.ID, "go").click()
        rows = lambda: d.find_elements(By.CSS_SELECTOR, "#rows tr")
        if not wait(d, lambda: len(rows()) > 0, "the board after log-in"):
            shot(d, "hq-fail.png")
            return
        ok(not d.find_element(By.ID, "login").is_displayed(),
           "the log-in form is gone once logged in")
        # the board is redrawn live: read it in one go
        classes = d.execute_script(
            "return [...document.querySelectorAll('#rows tr')]"
            ".map(r => [r.dataset.id, r.className]);")
        ok(classes[0][1] == "bad", "a row with problems first", str(classes[0]))
        ok(classes[-1][1] == "", "rows without problems last", str(classes[-1]))
        # 12 inside a limit of 10: over it, in words (a full room with
        # people at its door says "full": test_central_outlet's "room")
        over = d.execute_script(
            "const b = document.querySelector('#rows tr[data-id=\"jkt-lambat\"]"
            " .badge.over_limit'); return b ? b.textContent : '';")
        ok(over == "Melebihi batas ruangan", "an outlet over its room limit "
           "says so", over)
        # who is held at the door shows beside who waits inside
        cols = d.execute_script(
            "return [[...document.querySelectorAll('#board thead th')]"
            ".map(t => t.textContent), [...document.querySelectorAll("
            "'#rows tr')].map(r => r.cells.length)];")
        ok("Di luar" in cols[0] and all(n == len(cols[0]) for n in cols[1]),
           "a column of the people outside, in every row", str(cols))
        ok("token" not in d.current_url and "session" not in d.current_url,
           "no session in the address", d.current_url)
        shot(d, "hq-board.png")
        ok(any(c[0] == "jkt-menteng" for c in classes),
           "the real outlet is on the board")
        wait(d, lambda: d.find_element(
            By.CSS_SELECTOR, '#rows tr[data-id="jkt-menteng"]').click() or True,
            "a click on the real outlet")
        if wait(d, lambda: d.find_element(By.ID, "detail").is_displayed(),
                "the drill-down opens"):
            wait(d, lambda: len(d.find_elements(By.CSS_SELECTOR,
                                                "#counters tr")) >= 1,
                 "the drill-down lists counters")
            ok(len(d.find_elements(By.CSS_SELECTOR, "#calls li")) >= 1,
               "the drill-down lists the last calls")
            svcs = d.execute_script(
                "return [...document.querySelectorAll('#svcs tr')]"
                ".map(r => [...r.cells].map(c => c.textContent));")
            ok(len(svcs) == 5 and svcs[0][0] == "A \u2014 Perizinan" and
               all(len(r) == 4 for r in svcs),
               "the drill-down lists each service: waiting, outside, wait",
               str(svcs))
            shot(d, "hq-detail.png")
            d.find_element(By.ID, "back").click()
            wait(d, lambda: d.find_element(By.ID, "board").is_displayed(),
                 "back to the board")
        d.find_element(By.ID, "logout").click()
        wait(d, lambda: d.find_element(By.ID, "login").is_displayed(),
             "log-out shows the log-in again")
    finally:
        d.quit()


def login(d):
    d.get(URL + "/hq")
    if not wait(d, lambda: d.find_element(By.ID, "login").is_displayed(),
                "/hq shows the log-in"):
        return False
    d.find_element(By.ID, "name").send_keys(USER)
    d.find_element(By.ID, "password").send_keys(PASSWORD)
    d.find_element(By.ID, "go").click()
    return wait(d, lambda: d.find_element(By.ID, "board").is_displayed(),
                "the board after log-in")


def reports():
    d = browser((1920, 1080))
    rows = "return [...document.querySelectorAll('#rrows tr')].map(" \
        "r => [r.className, r.cells[0].textContent, r.cells[1].textContent]);"
    drawn = "const i = [...document.querySelectorAll('#charts img')];" \
        "return i.length === 4 && i.every(e => e.complete && e.naturalWidth > 0);"
    try:
        if not login(d):
            return
        d.find_element(By.ID, "tab-reports").click()
        if not wait(d, lambda: len(d.execute_script(rows)) >= 2,
                    "the reports show a table"):
            shot(d, "hq-reports-fail.png")
            return
        r = d.execute_script(rows)
        ok(r[-1][0] == "total" and r[-1][1] == "Jumlah",
           "per outlet, then the total line", str(r))
        ok(len(r) == 4, "a line per outlet (three) and the total", str(r))
        ok(wait(d, lambda: d.execute_script(drawn),
                "the four charts are drawn"), "charts")
        f = d.find_element(By.ID, "f-report")
        ok(f.find_element(By.NAME, "from").get_attribute("value")[8:] == "01",
           "the days start on the first of this month",
           f.find_element(By.NAME, "from").get_attribute("value"))
        for a in ("csv", "pdf"):
            href = d.find_element(By.ID, a).get_attribute("href")
            ok("/api/v1/hq/report." + a + "?" in href and "session" not in
               href and "token" not in href, a + " link, no session in it",
               href)
        if os.environ.get("SHOTS"):
            shot(d, "hq-reports.png")
        Select(f.find_element(By.NAME, "by")).select_by_value("area")
        f.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait(d, lambda: [x[1] for x in d.execute_script(rows)] ==
             ["Jakarta Barat", "Jakarta Pusat", "Jumlah"],
             "per area: two areas and the total")
        d.find_element(By.ID, "lang").click()
        wait(d, lambda: d.execute_script(rows)[-1][1] == "Total",
             "English after the switch")
        ok("issued" in d.find_element(By.ID, "rhead").text,
           "English column names", d.find_element(By.ID, "rhead").text)
        ok(wait(d, lambda: d.execute_script(drawn) and "lang=en" in
                d.find_element(By.CSS_SELECTOR, "#charts img")
                .get_attribute("src"), "the charts again in English"),
           "charts en")
        if os.environ.get("SHOTS"):
            shot(d, "hq-reports-en.png")
    finally:
        d.quit()


for part in (outlets, hq, reports):
    if part.__name__ not in PARTS:
        continue
    try:
        part()
    except Exception as e:
        ok(False, part.__name__, "raised %s: %s" % (type(e).__name__,
                                                   str(e).splitlines()[0]))
print("%d passed, %d failed" % (passed, failed))
