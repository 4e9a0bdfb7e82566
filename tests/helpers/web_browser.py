#!/usr/bin/python3
"""web_browser.py BIN OUT - the pages of antri-serve in a real browser.

Headless Chromium (Debian's chromium + chromedriver) driven by Selenium
(python3-selenium; run with /usr/bin/python3).  It starts everything on
ports it picks and stops it at the end: antri-serve, Xvfb with the SDL
antri-display (its --trace tells what it announced and presented), the
browsers.

  /counter  log in, Next by button and key N, seen in `antri --json
            status` and on antri-display; two panels on two counters;
            antri-serve stopped and started again under an open panel
            ("connection lost, retrying", then a call made meanwhile shows
            without a reload); the words of a refusal in both languages;
            screenshots at 1366x768, 1920x1080 and 360x740.
  /display  a call appears (the time is printed, not asserted) and the
            clips are requested in the order of the announcement; the
            "tap to enable sound" button with and without autoplay.
  /manage   a clerk gets 403; a manager changes the limit; a report over a
            generated month shows four charts, shared/chart's SVGs, whose
            bars match the report.

Prints "N passed, N failed" last.
"""
import json
import re
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

BIN, OUT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
ANTRI = os.path.join(BIN, "antri")
DB = os.path.join(OUT, "browser.db")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
SIZES = [(1366, 768), (1920, 1080), (360, 740)]

passed = failed = 0
procs = []
drivers = []


def ok(cond, what, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: %s %s" % (what, detail), file=sys.stderr, flush=True)
    return cond


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def antri(*args, db=DB):
    r = subprocess.run([ANTRI, "--db", db] + list(args), capture_output=True,
                       text=True, input="")
    return r


def status(db=DB):
    return json.loads(antri("--json", "status", db=db).stdout)


def add_user(name, role, pw, db=DB):
    subprocess.run([ANTRI, "--db", db, "user", "add", name, "--role", role],
                   input=pw + "\n", capture_output=True, text=True, check=True)


def until(fn, timeout=10.0, step=0.05):
    """fn() until it is true or timeout seconds passed; its last value."""
    end = time.monotonic() + timeout
    while True:
        try:
            v = fn()
        except Exception:       # a page in between, a file not yet there
            v = None
        if v or time.monotonic() > end:
            return v
        time.sleep(step)


class Server:
    def __init__(self, db, port, log):
        self.db, self.port, self.log, self.p = db, port, log, None

    def start(self):
        f = open(self.log, "a")
        self.p = subprocess.Popen([os.path.join(BIN, "antri-serve"), "--db",
                                   self.db, "--listen", "127.0.0.1:%d" %
                                   self.port], stderr=f, stdout=f)
        procs.append(self.p)
        return until(lambda: "listening on" in open(self.log).read(), 10)

    def stop(self):
        self.p.send_signal(signal.SIGTERM)
        rc = self.p.wait(10)
        procs.remove(self.p)
        return rc

    def lines(self):
        return open(self.log).read().splitlines()


def browser(autoplay=False, size=(1366, 768)):
    o = Options()
    o.binary_location = "/usr/bin/chromium"
    for f in FLAGS:
        o.add_argument(f)
    o.add_argument("--user-data-dir=" + tempfile.mkdtemp(prefix="chrome-",
                                                         dir=OUT))
    o.add_argument("--window-size=%d,%d" % size)
    if autoplay:
        o.add_argument("--autoplay-policy=no-user-gesture-required")
    # a loaded machine now and then loses a Chromium at start: try again
    for attempt in range(3):
        svc = Service("/usr/bin/chromedriver", port=free_port(),
                      log_output=os.path.join(OUT, "chromedriver.log"))
        try:
            d = webdriver.Chrome(service=svc, options=o)
            break
        except Exception as e:
            print("note: Chromium did not start (%s), again" %
                  str(e).splitlines()[0], flush=True)
            if attempt == 2:
                raise
            time.sleep(1)
    drivers.append(d)
    viewport(d, size)
    return d


def viewport(d, size):
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": size[0], "height": size[1], "deviceScaleFactor": 1,
        "mobile": size[0] < 600})


def text(d, id_):
    return d.find_element(By.ID, id_).text


def wait_text(d, id_, want, timeout=10):
    return until(lambda: want in text(d, id_), timeout)


def login(d, base, name, pw, nxt):
    d.get(base + "/login?next=" + nxt)
    WebDriverWait(d, 10).until(lambda d: d.find_element(By.NAME, "name"))
    d.find_element(By.NAME, "name").send_keys(name)
    d.find_element(By.NAME, "password").send_keys(pw)
    d.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    return until(lambda: d.current_url.endswith(nxt), 10)


def shots(d, page, ready_id):
    for w, h in SIZES:
        viewport(d, (w, h))
        time.sleep(0.3)
        until(lambda: d.find_element(By.ID, ready_id).is_displayed(), 5)
        d.execute_script("document.getElementById(arguments[0])"
                         ".scrollIntoView()", ready_id)
        path = os.path.join(OUT, "%s-%dx%d.png" % (page, w, h))
        d.save_screenshot(path)
        ok(os.path.getsize(path) > 5000, "screenshot " + path)
        # nothing wider than the screen (no sideways scrolling)
        sw = d.execute_script("return document.documentElement.scrollWidth")
        ok(sw <= w + 1, "%s at %dx%d fits its width" % (page, w, h),
           "(scrollWidth %d)" % sw)
    viewport(d, SIZES[0])


def trace_has(path, needle, timeout=10):
    return until(lambda: needle in open(path).read(), timeout)


# ---- the office, the programs ------------------------------------------

def setup():
    for f in os.listdir(OUT):
        if f.startswith(("browser.db", "month.db", "chrome-")):
            p = os.path.join(OUT, f)
            shutil.rmtree(p) if os.path.isdir(p) else os.remove(p)
    antri("init", "--demo")
    antri("limit", "0")
    antri("policy", "hold")
    add_user("siti", "clerk", "clerk-pass-1")
    add_user("rina", "clerk", "clerk-pass-2")
    add_user("budi", "manager", "manager-pass-1")
    for _ in range(4):
        antri("issue", "A")


def start_display(voice=True):
    """Xvfb and antri-display with a trace; the trace's path.  Without
    voice a call is shown at once, not when the sound before it ends."""
    trace = os.path.join(OUT, "display.trace")
    if os.path.exists(trace):
        os.remove(trace)
    env = dict(os.environ, SDL_AUDIODRIVER="dummy")
    if shutil.which("Xvfb"):
        num = 90 + os.getpid() % 500
        x = subprocess.Popen(["Xvfb", ":%d" % num, "-screen", "0",
                              "1280x720x24", "-nolisten", "tcp",
                              "-noreset"],  # see in_xvfb, lib.sh
                             stderr=subprocess.DEVNULL)
        procs.append(x)
        until(lambda: os.path.exists("/tmp/.X11-unix/X%d" % num), 5)
        env["DISPLAY"] = ":%d" % num
    else:
        print("note: no Xvfb, antri-display on SDL's dummy video driver")
        env["SDL_VIDEODRIVER"] = "dummy"
    conf = os.path.join(OUT, "display.conf")
    with open(conf, "w") as f:
        f.write("[display]\nvoice = %s\n" % ("true" if voice else "false"))
    p = subprocess.Popen([os.path.join(BIN, "antri-display"), "--trace", trace,
                          "--db", DB,
                          "--config", conf, "--windowed", "1280x720"],
                         env=env,
                         stdout=subprocess.DEVNULL,
                         stderr=open(os.path.join(OUT, "display.log"), "w"))
    procs.append(p)
    ok(trace_has(trace, "start", 10), "antri-display started")
    return trace


# ---- /counter -------------------------------------------------------------

def pick_counter(d, n):
    # the log-in's navigation to /counter may still be under way: a look
    # it aborts ("aborted by navigation", seen once) is looked again
    WebDriverWait(d, 10, ignored_exceptions=(WebDriverException,)).until(
        lambda d: len(Select(d.find_element(By.ID, "counter")).options) > 1)
    Select(d.find_element(By.ID, "counter")).select_by_value(str(n))


def current(n):
    for c in status()["counters"]:
        if c["number"] == n:
            return c["current"]["number"] if c["current"] else None


def counter_tests(srv, base, trace):
    d1 = browser()
    ok(login(d1, base, "siti", "clerk-pass-1", "/counter"), "siti logs in")
    pick_counter(d1, 1)
    d1.find_element(By.CSS_SELECTOR, "button[data-act=next]").click()
    ok(wait_text(d1, "number", "A001"), "Next (button) shows A001",
       text(d1, "number"))
    ok(until(lambda: current(1) == "A001", 5), "antri status: A001 at 1")
    ok(trace_has(trace, "announce called A001 1 "), "display announced A001")
    ok(trace_has(trace, "present A001 1 "), "display presented A001")
    d1.find_element(By.TAG_NAME, "body").send_keys("n")
    ok(wait_text(d1, "number", "A002"), "key N shows A002", text(d1, "number"))
    ok(until(lambda: current(1) == "A002", 5), "antri status: A002 at 1")
    ok(trace_has(trace, "present A002 1 "), "display presented A002")
    ok("A002" in text(d1, "msg"), "the press says what it did",
       text(d1, "msg"))

    # a second panel on counter 2
    d2 = browser()
    ok(login(d2, base, "rina", "clerk-pass-2", "/counter"), "rina logs in")
    pick_counter(d2, 2)
    d2.find_element(By.TAG_NAME, "body").send_keys("n")
    ok(wait_text(d2, "number", "A003"), "second panel calls A003")
    ok(until(lambda: current(2) == "A003" and current(1) == "A002", 5),
       "antri status: A002 at 1, A003 at 2")
    ok(text(d1, "number") == "A002", "first panel keeps A002")
    ok(trace_has(trace, "present A003 2 "), "display presented A003")
    n = subprocess.run(["sqlite3", DB, "SELECT count(*) FROM events WHERE "
                        "kind = 'called' AND actor = 'web:rina@counter 2'"],
                       capture_output=True, text=True).stdout.strip()
    ok(n == "1", "the event's actor is web:rina@counter 2", n)

    # the server goes away and comes back; a call made meanwhile shows
    d1.execute_script("window.__kept = 42;")
    ok(srv.stop() == 0, "antri-serve stops cleanly")
    ok(until(lambda: d1.find_element(By.ID, "conn").is_displayed(), 10),
       "the panel notices the server is gone")
    ok("mencoba lagi" in text(d1, "conn"), "it says connection lost, "
       "retrying", text(d1, "conn"))
    antri("next", "--counter", "1")
    ok(current(1) == "A004", "A004 called by the CLI while away")
    ok(srv.start(), "antri-serve starts again")
    ok(until(lambda: not d1.find_element(By.ID, "conn").is_displayed(), 15),
       "the panel reconnects by itself")
    ok(wait_text(d1, "number", "A004", 10), "and shows A004",
       text(d1, "number"))
    ok(d1.execute_script("return window.__kept") == 42, "without a reload")

    # refusal: the room is full, one waits outside
    antri("limit", "1")
    antri("issue", "B")
    d2.find_element(By.TAG_NAME, "body").send_keys("n")
    # the sentence is the core's catalogue, as GET /api/v1/words sends it
    words = json.loads(urllib.request.urlopen(base + "/api/v1/words",
                                              timeout=5).read())
    ok(words["en"]["room_full_outside"] == "The room is full and nobody "
       "has been admitted (%d waiting outside)", "the words are the core's",
       words["en"].get("room_full_outside", ""))
    want = words["id"]["room_full_outside"].replace("%d", "1")
    ok(want.startswith("Ruangan penuh"), "Indonesian words", want)
    ok(wait_text(d2, "msg", want), "refusal in Indonesian", text(d2, "msg"))
    d2.find_element(By.ID, "lang").click()
    d2.find_element(By.TAG_NAME, "body").send_keys("n")
    want = "The room is full and nobody has been admitted (1 waiting outside)"
    ok(wait_text(d2, "msg", want), "refusal in English", text(d2, "msg"))
    ok(status()["outside"] == 1, "B001 still outside")
    antri("limit", "0")
    ok(wait_text(d1, "outside", "0"), "the panel follows the room")
    shots(d1, "counter", "number")
    return d1


# ---- /display -------------------------------------------------------------

def display_tests(srv, base):
    d = browser(autoplay=True, size=(1920, 1080))
    d.get(base + "/display")
    ok(until(lambda: text(d, "office") != "antri" or True, 5) and
       until(lambda: d.execute_script("return document.readyState") !=
             "loading", 5), "the board loads")
    time.sleep(1.5)                     # the start-up sound probe
    ok(not d.find_element(By.ID, "sound").is_displayed(),
       "autoplay allowed: no tap-to-enable button")
    mark = len(srv.lines())
    antri("issue", "C")
    # the page's own clock when the number changes (no polling in between)
    d.execute_script(
        "window.__shown = 0; new MutationObserver(() => {"
        " if (document.getElementById('callnum').textContent === 'C001' &&"
        " !window.__shown) window.__shown = performance.timeOrigin +"
        " performance.now(); }).observe(document.getElementById('callnum'),"
        " { childList: true, characterData: true, subtree: true });")
    antri("next", "--counter", "4")
    seen = until(lambda: text(d, "callnum") == "C001", 5)
    ok(seen, "the call appears on /display", text(d, "callnum"))
    calls = [c for c in status()["calls"] if c["number"] == "C001"]
    shown = d.execute_script("return window.__shown")
    if calls and shown:
        print("figure: /display shows the call %.0f ms after its commit "
              "(event ts_ms to the page's DOM change)" %
              (shown - calls[0]["ts_ms"]))
    want = ["/clips/chime.wav"] + ["/clips/id/%s.wav" % c for c in
                                   ["nomor_antrian", "c", "0", "0", "1",
                                    "silakan_menuju_loket", "4"]]

    def clips():
        got = []
        for ln in srv.lines()[mark:]:
            w = ln.split()
            if len(w) > 2 and w[0] == "GET" and w[1].startswith("/clips/"):
                got.append(w[1])
        return got[:len(want)]
    until(lambda: len(clips()) >= len(want), 20, 0.2)
    ok(clips() == want, "clips requested in the announcement's order",
       str(clips()))
    shots(d, "display", "callnum")

    b = browser(size=(1366, 768))
    b.get(base + "/display")
    ok(until(lambda: b.find_element(By.ID, "sound").is_displayed(), 8),
       "autoplay blocked: the tap-to-enable button shows")
    b.find_element(By.ID, "sound").click()
    ok(until(lambda: not b.find_element(By.ID, "sound").is_displayed(), 3),
       "a tap hides it")
    b.quit()
    drivers.remove(b)
    d.quit()
    drivers.remove(d)


# ---- /manage --------------------------------------------------------------

def manage_tests(base, clerk):
    clerk.get(base + "/manage")
    ok(until(lambda: "managers only" in clerk.page_source, 5),
       "a clerk gets 403 on /manage")
    d = browser()
    ok(login(d, base, "budi", "manager-pass-1", "/manage"), "budi logs in")
    # an event's time in the office's language (Indonesian: 13.36.56)
    ok(until(lambda: d.find_elements(By.CSS_SELECTOR, "#events li"), 10),
       "the last events show")
    first = d.find_elements(By.CSS_SELECTOR, "#events li")[0].text
    ok(re.match(r"^\d\d\.\d\d\.\d\d ", first) is not None,
       "an event's time is written the Indonesian way", first)
    f = WebDriverWait(d, 10).until(lambda d: d.find_element(
        By.CSS_SELECTOR, "#f-limit input[name=limit]"))
    until(lambda: f.get_attribute("value") != "", 5)
    f.clear()
    f.send_keys("7")
    d.find_element(By.CSS_SELECTOR, "#f-limit button").click()
    ok(until(lambda: status()["limit"] == 7, 5), "the limit is 7 in antri "
       "status")
    d.quit()
    drivers.remove(d)


def report_tests():
    month = os.path.join(OUT, "month.db")
    r = subprocess.run([os.path.join(BIN, "tests", "bench_core"), month,
                        "year", "30", "40"], capture_output=True, text=True)
    if not ok(r.returncode == 0, "bench_core makes a month", r.stderr):
        return
    antri("clock", "accept", db=month)     # its last day is yesterday
    add_user("budi", "manager", "manager-pass-1", db=month)
    r = subprocess.run(["sqlite3", month, "SELECT min(day), max(day) FROM "
                        "tickets"], capture_output=True, text=True)
    first, last = r.stdout.strip().split("|")
    srv = Server(month, free_port(), os.path.join(OUT, "month.log"))
    ok(srv.start(), "a server on the month")
    base = "http://localhost:%d" % srv.port      # its own cookie
    d = browser(size=(1366, 768))
    ok(login(d, base, "budi", "manager-pass-1", "/manage"), "budi logs in "
       "(month)")
    WebDriverWait(d, 10).until(lambda d: d.find_element(By.ID, "f-report"))
    d.execute_script("const f = document.getElementById('f-report');"
                     "f.from.value = arguments[0]; f.to.value = arguments[1];"
                     "f.querySelector('button').click();", first, last)
    ok(until(lambda: len(d.find_elements(By.CSS_SELECTOR, "#charts figure"))
             == 4, 20), "four charts")
    ok(until(lambda: d.execute_script(
        "return [...document.querySelectorAll('#charts img')].every("
        "(i) => i.complete && i.naturalWidth > 0)"), 20),
       "the four charts are the server's SVGs, loaded")
    rep = json.loads(antri("--json", "report", "--from", first, "--to", last,
                           db=month).stdout)
    # the waits per hour are not in `antri --json report`: the API's
    api = json.loads(d.execute_script(
        "const r = await fetch('/api/v1/report?from=' + arguments[0] + "
        "'&to=' + arguments[1]); return await r.text();", first, last))

    def svg(fig):
        """The SVG the page shows in figure fig, and its content type."""
        src = d.find_element(By.CSS_SELECTOR, "#%s img" % fig) \
            .get_attribute("src")
        ok(("from=%s" % first) in src and ("to=%s" % last) in src,
           "%s asks for the report's days" % fig, src)
        return d.execute_script(
            "const r = await fetch(arguments[0]); return [r.headers.get("
            "'Content-Type'), await r.text()];", src)

    # shared/chart's colours: a bar is a filled rectangle path of its
    # series' colour; the first path of each colour is its legend's box
    colour = {"blue": "16%,38%,67%", "orange": "90%,49%,13%",
              "green": "22%,56%,24%", "grey": "55%,55%,55%"}

    def bars(text, c):
        """Heights of the bars of colour c, left to right (none of 0)."""
        got = []
        for m in re.finditer(r'fill:rgb\(%s\);[^"]*" d="M ([-\d.]+) '
                             r'([-\d.]+) L [-\d.]+ [-\d.]+ L [-\d.]+ '
                             r'([-\d.]+)' % re.escape(colour[c]), text):
            got.append((float(m.group(1)),
                        float(m.group(3)) - float(m.group(2))))
        return [h for x, h in sorted(got[1:]) if abs(h) > 0.01]

    def same_shape(fig, c, values, what):
        """The bars' heights are the values, to scale (one axis)."""
        vals = [v for v in values if v > 0]
        ctype, text = svg(fig)
        ok(ctype == "image/svg+xml" and text.startswith("<?xml"),
           "%s is SVG" % fig, str(ctype))
        hs = bars(text, c)
        top = max(vals) if vals else 0
        ok(len(hs) == len(vals) and all(
            abs(h / max(hs) - v / top) < 0.01 for h, v in zip(hs, vals)),
           what, "%s vs %s" % (hs, vals))
    hours = [h for h in range(24) if rep["per_hour"][h]]
    span = range(hours[0], hours[-1] + 1) if hours else range(8, 17)
    same_shape("c-hour", "blue", [rep["per_hour"][h] for h in span],
               "tickets per hour match")
    ok(sum(rep["per_hour"][h] for h in span) == rep["total"]["issued"],
       "the hours add up to the issued total")
    for c, key in (("blue", "issued"), ("green", "served"),
                   ("grey", "no_show")):
        same_shape("c-service", c, [x[key] for x in rep["services"]],
                   "per service %s match" % key)
    for c, key in (("green", "served"), ("grey", "no_show")):
        same_shape("c-counter", c, [x[key] for x in rep["counters"]],
                   "per counter %s match" % key)
    same_shape("c-wait", "blue", [api["wait_mean_hour_s"][h] for h in span],
               "mean wait per hour matches the report")
    ok(api["total"]["issued"] == rep["total"]["issued"] and
       api["per_hour"] == rep["per_hour"], "the API's report is the CLI's")
    shots(d, "manage", "charts")
    d.quit()
    drivers.remove(d)
    srv.stop()


def main():
    setup()
    trace = start_display()
    srv = Server(DB, free_port(), os.path.join(OUT, "browser-serve.log"))
    open(srv.log, "w").close()
    if not ok(srv.start(), "antri-serve starts"):
        return
    base = "http://127.0.0.1:%d" % srv.port
    clerk = counter_tests(srv, base, trace)
    display_tests(srv, base)
    manage_tests(base, clerk)
    srv.stop()
    report_tests()
    ok(antri("check").returncode == 0, "antri check")


def run(body, what, on_error=None):
    """Run the test body; a step that broke counts as a failure.  Then
    quit every browser, stop every process started, print the closing
    line and exit (1 when anything failed)."""
    try:
        body()
    except Exception as e:
        import traceback
        traceback.print_exc()
        ok(False, "the %s stopped: %r" % (what, e))
        if on_error:
            on_error()
    finally:
        for d in drivers:
            try:
                d.quit()
            except Exception:
                pass
        for p in reversed(procs):
            try:
                p.terminate()
                p.wait(5)
            except Exception:
                p.kill()
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    run(main, "browser tests")
