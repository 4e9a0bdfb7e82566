#!/usr/bin/python3
"""web_manage.py BIN OUT - every setting a manager has on /manage, from the
page, in a real browser; and the event streams of every page closed on
`pagehide`, opened again on `pageshow`.

Headless Chromium (Debian's chromium + chromedriver) driven by Selenium,
with the helpers of web_browser.py.  It starts antri-serve on a port it
picks (heartbeat 1 s, so the server notices a closed stream soon) on a
database of its own and stops it at the end.

  settings  a service renamed from its row (seen in `antri --json status`
            and on /display), a name too long refused with the server's
            reason beside it; the limit, the policy, a service closed and
            opened, its quota (typed while events redraw the page), a
            counter's services, a counter paused, closed and opened (and a
            busy one refused), the notice, staff accounts added, disabled,
            enabled, given a new password, the kiosk PIN; each checked in
            the database or with the CLI.  A screenshot at 1366x768.
  streams   /display, /counter, /manage, /t/TOKEN and /: the page's
            EventSource is closed on pagehide (the server's log shows the
            stream ended) and a new one is open after pageshow.

Prints "N passed, N failed" last.
"""
import json
import os
import subprocess
import sys
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import web_browser as wb                      # noqa: E402  (argv: BIN OUT)
from selenium.webdriver.common.by import By   # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

DB = os.path.join(wb.OUT, "manage.db")
LOG = os.path.join(wb.OUT, "manage-serve.log")
ok, until = wb.ok, wb.until
WAIT = 30                                     # seconds, a loaded machine

# Every EventSource the page makes, for the stream tests.
TRACK_ES = """(() => {
  const E = window.EventSource;
  window.__es = [];
  window.EventSource = class extends E {
    constructor(u, o) { super(u, o); window.__es.push(this); }
  };
})();"""


# What the Content-Security-Policy refused on the page.
CSP = """window.__csp = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));"""


def antri(*args):
    return wb.antri(*args, db=DB)


def status():
    return wb.status(db=DB)


def sql(q):
    return subprocess.run(["sqlite3", DB, q], capture_output=True,
                          text=True).stdout.strip()


def service(code):
    return next(s for s in status()["services"] if s["code"] == code)


def counter(n):
    return next(c for c in status()["counters"] if c["number"] == n)


def log_tail(n=15, log=LOG):
    return "\n".join(open(log).read().splitlines()[-n:])


class Serve:
    def __init__(self, name="manage"):
        self.port = wb.free_port()
        self.log = os.path.join(wb.OUT, name + "-serve.log")
        conf = os.path.join(wb.OUT, "manage.conf")
        with open(conf, "w") as f:
            f.write("[serve]\nheartbeat_s = 1\n")
        open(self.log, "w").close()
        self.p = subprocess.Popen([os.path.join(wb.BIN, "antri-serve"),
                                   "--db", DB, "--config", conf, "--listen",
                                   "127.0.0.1:%d" % self.port],
                                  stdout=subprocess.DEVNULL,
                                  stderr=open(self.log, "a"))
        wb.procs.append(self.p)
        self.up = until(lambda: "listening on" in open(self.log).read(), WAIT)

    def stop(self):
        self.p.terminate()
        rc = self.p.wait(WAIT)
        wb.procs.remove(self.p)
        return rc


def setup():
    for f in os.listdir(wb.OUT):
        if f.startswith("manage.db"):
            os.remove(os.path.join(wb.OUT, f))
    antri("init", "--demo")
    antri("limit", "0")
    antri("policy", "hold")
    wb.add_user("budi", "manager", "manager-pass-1", db=DB)
    wb.add_user("siti", "clerk", "clerk-pass-1", db=DB)
    for _ in range(3):
        antri("issue", "A")


def login(d, base, name, pw, nxt):
    """Logged in and on nxt (the log-in page's own address ends with
    ?next=nxt: wait until it is left)."""
    return wb.login(d, base, name, pw, nxt) and until(
        lambda: "/login" not in d.current_url and
        d.current_url.endswith(nxt), WAIT)


def msg(d):
    return wb.text(d, "msg")


def row(d, sel):
    return d.find_element(By.CSS_SELECTOR, sel)


# ---- the settings -----------------------------------------------------------

def names_tests(d, base):
    disp = wb.browser(size=(1366, 768))
    disp.get(base + "/display")
    ok(until(lambda: "A " + service("A")["name_id"] in
             wb.text(disp, "services"), WAIT), "/display shows A's name",
       wb.text(disp, "services"))
    r = row(d, "#services tr[data-code=A]")
    click(r.find_element(By.CSS_SELECTOR, "button.edit"))
    f = r.find_element(By.CSS_SELECTOR, "form.names")
    ok(f.is_displayed(), "the names' editor opens")
    ok(f.find_element(By.NAME, "name_id").get_attribute("value") ==
       service("A")["name_id"], "it holds the Indonesian name")
    # refused: 64 bytes; the server's reason beside it, nothing changed
    before = sql("SELECT name_id, name_en FROM services WHERE code = 'A'")
    nid = f.find_element(By.NAME, "name_id")
    nid.clear()
    nid.send_keys("x" * 64)
    click(f.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    note = r.find_element(By.CSS_SELECTOR, ".note")
    # the catalogue's sentence, both languages (the page is the manager's)
    ok(until(lambda: "paling banyak 63 byte" in note.text and
             "at most 63 bytes" in note.text, WAIT), "a name too long: the "
       "reason beside it, in Indonesian and English", note.text)
    ok("paling banyak 63 byte" in msg(d), "... and in the message line",
       msg(d))
    # the message line stays in view wherever the button was
    d.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    ok(d.execute_script("const r = document.getElementById('msg')"
                        ".getBoundingClientRect(); return r.top >= 0 && "
                        "r.bottom <= innerHeight && r.height > 0"),
       "... which stays in view at the foot of the page")
    ok(sql("SELECT name_id, name_en FROM services WHERE code = 'A'") ==
       before, "... nothing changed")
    ok(f.is_displayed(), "... the editor stays open")
    # renamed
    nid.clear()
    nid.send_keys("Perizinan Usaha Mikro")
    nen = f.find_element(By.NAME, "name_en")
    nen.clear()
    nen.send_keys("Micro Business Permits")
    click(f.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    ok(until(lambda: service("A")["name_id"] == "Perizinan Usaha Mikro" and
             service("A")["name_en"] == "Micro Business Permits", WAIT),
       "renamed on /manage: the new names in antri --json status",
       str(service("A")))
    ok(until(lambda: "saved" in note.text, WAIT), "... 'saved' beside it",
       note.text)
    ok(until(lambda: not f.is_displayed(), WAIT), "... the editor closes")
    ok(until(lambda: "Perizinan Usaha Mikro / Micro Business Permits" in
             r.find_element(By.CSS_SELECTOR, ".name").text, WAIT),
       "... the row shows the new names")
    ok(until(lambda: "A Perizinan Usaha Mikro" in wb.text(disp, "services"),
             WAIT), "... and /display shows it without a reload",
       wb.text(disp, "services"))
    ok(sql("SELECT actor || '|' || detail FROM events WHERE kind = "
           "'service_renamed' ORDER BY id DESC LIMIT 1") ==
       "web:budi|Perizinan Usaha Mikro", "the event says who renamed it")
    disp.quit()
    wb.drivers.remove(disp)


def redrawn(d, code):
    """Until the page shows the service's count of people inside."""
    want = str(service(code)["waiting"])
    ok(until(lambda: row(d, "#services tr[data-code=%s] td:nth-child(3)" %
                         code).text == want, WAIT), "the page redrawn with "
       "service %s's count" % code)


def click(e):
    """Click e in the middle of the window: the sticky bar at the top
    would take a click on an element scrolled to the very top."""
    e.parent.execute_script("arguments[0].scrollIntoView({block: "
                            "'center'})", e)
    e.click()


def form_post(d, form, field, value, select=False):
    e = row(d, "#%s [name=%s]" % (form, field))
    if select:
        Select(e).select_by_value(value)
    else:
        e.clear()
        e.send_keys(value)
    click(row(d, "#%s button[type=submit]" % form))


def room_tests(d):
    form_post(d, "f-limit", "limit", "7")
    ok(until(lambda: status()["limit"] == 7, WAIT), "limit 7 from the page")
    form_post(d, "f-policy", "policy", "refuse", select=True)
    ok(until(lambda: status()["policy"] == "refuse", WAIT), "policy refuse "
       "from the page")
    # a choice not yet saved stays while events redraw the page
    Select(row(d, "#f-policy [name=policy]")).select_by_value("hold")
    antri("issue", "B")
    redrawn(d, "B")
    ok(row(d, "#f-policy [name=policy]").get_attribute("value") == "hold",
       "an unsaved choice survives a redraw")
    click(row(d, "#f-policy button[type=submit]"))
    ok(until(lambda: status()["policy"] == "hold", WAIT), "policy hold from "
       "the page")
    form_post(d, "f-notice", "text", "Loket 3 tutup pukul 12")
    ok(until(lambda: status()["notice"] == "Loket 3 tutup pukul 12", WAIT),
       "the notice from the page")
    form_post(d, "f-limit", "limit", "0")
    ok(until(lambda: status()["limit"] == 0, WAIT), "limit 0 from the page")


def service_tests(d):
    r = row(d, "#services tr[data-code=C]")
    click(r.find_element(By.CSS_SELECTOR, "button.open"))
    ok(until(lambda: not service("C")["open"], WAIT), "service C closed "
       "from the page")
    ok(until(lambda: "buka" in r.find_element(By.CSS_SELECTOR,
                                               "button.open").text, WAIT),
       "... its button now opens")
    click(r.find_element(By.CSS_SELECTOR, "button.open"))
    ok(until(lambda: service("C")["open"], WAIT), "service C opened again")
    # the quota typed while events redraw the page keeps its text
    q = row(d, "#services tr[data-code=B] input[type=number]")
    q.clear()
    q.send_keys("25")
    click(row(d, "#f-notice [name=text]"))       # the focus elsewhere
    antri("issue", "B")
    redrawn(d, "B")
    ok(q.get_attribute("value") == "25", "a quota being typed survives a "
       "redraw", q.get_attribute("value"))
    click(row(d, "#services tr[data-code=B] td:nth-child(6) button"))
    ok(until(lambda: service("B")["quota"] == 25, WAIT), "quota 25 from the "
       "page")


def counter_tests(d):
    r = row(d, "#counters tr[data-counter='2']")
    sv = r.find_element(By.CSS_SELECTOR, "input")
    sv.clear()
    sv.send_keys("ab")
    click(r.find_element(By.CSS_SELECTOR, "td:nth-child(3) button"))
    ok(until(lambda: counter(2)["services"] == "AB", WAIT), "counter 2 "
       "serves AB, set from the page", counter(2)["services"])
    for act, state in (("pause", "paused"), ("close", "closed"),
                       ("open", "open")):
        until(lambda: r.find_element(By.CSS_SELECTOR, "button." +
                                     act).is_displayed(), WAIT)
        click(r.find_element(By.CSS_SELECTOR, "button." + act))
        ok(until(lambda: counter(2)["state"] == state, WAIT), "counter 2 %s "
           "from the page" % state, counter(2)["state"])
    antri("next", "--counter", "1")
    r1 = row(d, "#counters tr[data-counter='1']")
    until(lambda: r1.find_element(By.CSS_SELECTOR, "td:nth-child(4)").text
          != "-", WAIT)
    click(r1.find_element(By.CSS_SELECTOR, "button.close"))
    ok(until(lambda: "counter 1:" in msg(d) and "bad" in row(
        d, "#msg").get_attribute("class"), WAIT),
       "closing a busy counter: the reason shows", msg(d))
    ok("Loket masih melayani / Counter still serving" in msg(d),
       "... in the core's words, in both languages", msg(d))
    ok(counter(1)["state"] == "open", "... and it stays open")


def login_api(base, name, pw):
    req = urllib.request.Request(base + "/api/v1/login", data=json.dumps(
        {"name": name, "password": pw}).encode(), headers={
        "Content-Type": "application/json", "Origin": base})
    try:
        return urllib.request.urlopen(req, timeout=WAIT).status
    except urllib.error.HTTPError as e:
        return e.code


def user_state(name):
    for u in json.loads(antri("--json", "user", "list").stdout):
        if u["name"] == name:
            return u
    return None


def staff_tests(d, base):
    f = row(d, "#f-user")
    f.find_element(By.NAME, "name").send_keys("ana")
    Select(f.find_element(By.NAME, "role")).select_by_visible_text("clerk")
    f.find_element(By.NAME, "password").send_keys("ana-pass-12")
    click(f.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    ok(until(lambda: user_state("ana"), WAIT), "ana added from the page")
    ok(sql("SELECT actor FROM events WHERE kind = 'user_added' ORDER BY id "
           "DESC LIMIT 1") == "web:budi", "... by web:budi")
    sel = "#users tr[data-user=ana]"
    until(lambda: row(d, sel), WAIT)
    click(row(d, sel + " button.disable"))
    ok(until(lambda: user_state("ana")["state"] == "disabled", WAIT),
       "ana disabled from the page", str(user_state("ana")))
    ok(until(lambda: "nonaktif" in row(d, sel).text, WAIT), "... the row "
       "says so")
    ok(login_api(base, "ana", "ana-pass-12") == 401, "... she cannot log in")
    until(lambda: row(d, sel + " button.enable"), WAIT)
    click(row(d, sel + " button.enable"))
    ok(until(lambda: user_state("ana")["state"] == "enabled", WAIT),
       "ana enabled again", str(user_state("ana")))
    until(lambda: row(d, sel + " form.passwd"), WAIT)
    pw = row(d, sel + " form.passwd input")
    pw.send_keys("ana-new-pass-3")
    click(row(d, sel + " form.passwd button"))
    ok(until(lambda: login_api(base, "ana", "ana-new-pass-3") == 200, WAIT),
       "a new password for ana from the page: she logs in with it")
    ok(login_api(base, "ana", "ana-pass-12") == 401, "... not with the old")


def pin_tests(d):
    old = sql("SELECT value FROM settings WHERE key = 'pin_hash'")
    form_post(d, "f-pin", "pin", "482913")
    ok(until(lambda: sql("SELECT actor FROM events WHERE kind = "
                         "'pin_changed' ORDER BY id DESC LIMIT 1") ==
             "web:budi", WAIT), "the kiosk PIN set from the page (event by "
       "web:budi)")
    h = sql("SELECT value FROM settings WHERE key = 'pin_hash'")
    ok(h != old and h.startswith("$y$"), "... stored hashed", h[:8])
    try:
        import warnings
        warnings.simplefilter("ignore", DeprecationWarning)
        import crypt                            # Python 3.11 (Debian 12)
        ok(crypt.crypt("482913", h) == h, "... the hash is of 482913")
    except ImportError:
        print("note: no crypt module, the PIN's hash not verified")


def settings_tests(base):
    d = wb.browser(size=(1366, 768))
    d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                      {"source": CSP})
    ok(login(d, base, "budi", "manager-pass-1", "/manage"), "budi logs in")
    ok(until(lambda: len(d.find_elements(By.CSS_SELECTOR,
                                         "#services tr[data-code]")) > 0,
             WAIT), "the services are listed")
    names_tests(d, base)
    room_tests(d)
    service_tests(d)
    counter_tests(d)
    staff_tests(d, base)
    pin_tests(d)
    csp = d.execute_script("return window.__csp")
    ok(csp == [], "no CSP violation on /manage", str(csp))
    d.execute_script("window.scrollTo(0, 0)")
    path = os.path.join(wb.OUT, "manage-settings-1366x768.png")
    d.save_screenshot(path)
    ok(os.path.getsize(path) > 5000, "screenshot " + path)
    click(row(d, "#services tr[data-code=B] button.edit"))
    d.execute_script("document.getElementById('services').scrollIntoView()")
    path = os.path.join(wb.OUT, "manage-rename-1366x768.png")
    d.save_screenshot(path)
    sw = d.execute_script("return document.documentElement.scrollWidth")
    ok(sw <= 1367, "/manage with the editor open fits 1366", str(sw))
    d.quit()
    wb.drivers.remove(d)


# ---- the streams --------------------------------------------------------------

def streams_ended(log):
    return sum(1 for ln in open(log).read().splitlines()
               if ln.startswith("GET ") and "/events/stream " in ln)


def es_states(d):
    return d.execute_script("return (window.__es || []).map(e => "
                            "e.readyState)")


def stream_test(d, srv, name, url, opened):
    """opened: the streams this browser opened before (all ended now)."""
    d.get(url)
    ok(until(lambda: 1 in es_states(d), WAIT), name + ": its stream opens",
       str(es_states(d)))
    ok(until(lambda: streams_ended(srv.log) == opened, WAIT), name + ": the "
       "page before's stream ended", log_tail(log=srv.log))
    opened += len(es_states(d))
    d.execute_script("window.dispatchEvent(new PageTransitionEvent("
                     "'pagehide', { persisted: true }))")
    ok(until(lambda: es_states(d) and set(es_states(d)) == {2}, WAIT),
       name + ": pagehide closes the stream", str(es_states(d)))
    ok(until(lambda: streams_ended(srv.log) == opened, WAIT), name + ": the "
       "server sees it end", log_tail(log=srv.log))
    before = len(es_states(d))
    d.execute_script("window.dispatchEvent(new PageTransitionEvent("
                     "'pageshow', { persisted: true }))")
    ok(until(lambda: len(es_states(d)) > before and es_states(d)[-1] == 1,
             WAIT), name + ": pageshow opens it again", str(es_states(d)))
    ok(es_states(d).count(1) == 1, name + ": one stream at a time",
       str(es_states(d)))
    return opened + len(es_states(d)) - before


def session_cookie(base):
    req = urllib.request.Request(base + "/api/v1/login", data=json.dumps(
        {"name": "budi", "password": "manager-pass-1"}).encode(), headers={
        "Content-Type": "application/json", "Origin": base})
    with urllib.request.urlopen(req, timeout=WAIT) as r:
        c = r.headers.get("Set-Cookie", "")
    name, _, rest = c.partition("=")
    return {"name": name, "value": rest.split(";")[0], "path": "/",
            "httpOnly": True}


def streams_tests():
    """On a server of their own, so its log holds only these streams."""
    srv = Serve("streams")
    if not ok(srv.up, "antri-serve (streams) starts", log_tail(log=srv.log)):
        return
    base = "http://127.0.0.1:%d" % srv.port
    d = wb.browser(size=(1366, 768))
    d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                      {"source": TRACK_ES})
    d.get(base + "/login")                  # no stream; the cookie's site
    d.add_cookie(session_cookie(base))
    token = sql("SELECT token FROM tickets WHERE token IS NOT NULL ORDER BY "
                "id DESC LIMIT 1")
    n = 0
    for name, path in (("/display", "/display"), ("/t/TOKEN", "/t/" + token),
                       ("/", "/"), ("/manage", "/manage"),
                       ("/counter", "/counter")):
        n = stream_test(d, srv, name, base + path, n)
    d.quit()
    wb.drivers.remove(d)
    ok(srv.stop() == 0, "antri-serve (streams) stops cleanly")


def main():
    setup()
    srv = Serve()
    if not ok(srv.up, "antri-serve starts", log_tail()):
        return
    base = "http://127.0.0.1:%d" % srv.port
    settings_tests(base)
    ok(srv.stop() == 0, "antri-serve stops cleanly")
    streams_tests()
    ok(antri("check").returncode == 0, "antri check")


if __name__ == "__main__":
    wb.run(main, "/manage tests", lambda: print(log_tail(), file=sys.stderr))
