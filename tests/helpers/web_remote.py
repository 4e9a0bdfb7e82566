#!/usr/bin/python3
"""web_remote.py - remote tickets in headless Chromium, for
tests/scripts/remote_web.sh.

    web_remote.py URL OUTDIR ANTRI DB

On a phone (390x844): /take lists the open services; a tap takes a
ticket (with a phone number typed as people write it, for its
reminders) and shows its number, the 6-character code, the QR and that
a reminder will come; its link
opens the ticket page, which shows the state, the people ahead, when to
come and the same code.  On a desk (1920x1080) a new clerk logs in to
/counter and checks the code in with the check-in box; the phone's page
turns to "please enter" without a reload.  A second ticket's QR text,
typed as fast as a USB scanner types it with the focus elsewhere, checks
in too and calls nobody (the code's letters are also shortcuts).  A wrong
code is refused in the core's words.  Then the phone takes another
ticket and gives it back from its page (two taps).  A ticket far from
its turn says "come by HH.MM".  Screenshots in OUTDIR.  Prints one
line per check and "N passed, N failed"; exit 1 on a failure.
"""
import json
import os
import subprocess
import sys
import time
import urllib.request

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.dont_write_bytecode = True            # nothing written into the tree
import headless  # noqa: E402  (beside this file)

C = headless.Checks()
ok = C.ok
PHONE = (390, 844)
DESK = (1920, 1080)


def until(d, fn, timeout=5):
    try:
        WebDriverWait(d, timeout, poll_frequency=0.05).until(lambda d: fn())
        return True
    except Exception:
        return False


def text(d, id_):
    return d.find_element(By.ID, id_).text


def sql(db, q):
    return subprocess.run(["sqlite3", db, q], capture_output=True,
                          text=True).stdout.strip()


def viewport(d, size):
    """The page's own size (the window's inner size) set to size."""
    d.set_window_size(max(size[0], 800), max(size[1], 600))
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": size[0], "height": size[1], "deviceScaleFactor": 1,
        "mobile": size[0] < 600})


def shot(d, out, name):
    time.sleep(0.3)
    p = os.path.join(out, name + ".png")
    ok(d.save_screenshot(p) and os.path.getsize(p) > 5000, "screenshot " + p)
    sw = d.execute_script("return document.documentElement.scrollWidth")
    w = d.execute_script("return innerWidth")
    ok(sw <= w + 1, "%s fits its width (%d <= %d)" % (name, sw, w))


def take_api(base, code):
    req = urllib.request.Request(base + "/api/v1/take", data=json.dumps(
        {"service": code}).encode(), headers={
            "Content-Type": "application/json", "Origin": base})
    with urllib.request.urlopen(req) as r:
        return json.load(r)


def main():
    base, out, antri, db = sys.argv[1:5]
    os.makedirs(out, exist_ok=True)
    subprocess.run([antri, "--db", db, "limit", "0"], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run([antri, "--db", db, "user", "add", "rina", "--role",
                    "clerk"], input=b"rina-pass-12\n", check=True,
                   stdout=subprocess.DEVNULL)
    def steps(d):
        viewport(d, PHONE)
        # ---- the phone: /take --------------------------------------------
        d.get(base + "/take")
        ok(until(d, lambda: d.find_elements(
            By.CSS_SELECTOR, "#services button[data-code=A]")),
            "/take lists the open services")
        ok(not d.find_elements(By.CSS_SELECTOR,
                               "#services button[data-code=C]"),
           "... not the closed one (C)")
        ok("Pilih layanan" in text(d, "pick"), "Indonesian first")
        # a wrong number, a tap on the last service: the refusal in view
        d.find_element(By.ID, "phone").send_keys("12ab")
        d.find_elements(By.CSS_SELECTOR, "#services button")[-1].click()
        ok(until(d, lambda: "Nomor ponsel" in text(d, "err")),
           "a wrong phone number: the catalogue's sentence")
        ok(until(d, lambda: d.execute_script(
            "const r = document.getElementById('err')"
            ".getBoundingClientRect();"
            "return r.top >= 0 && r.bottom <= innerHeight;")),
           "... in view, under the list it was tapped from")
        ok(not sql(db, "SELECT count(*) FROM phones WHERE phone = '12ab'")
           .strip("0"), "... nothing kept")
        d.find_element(By.ID, "phone").clear()
        d.find_element(By.ID, "phone").send_keys("0812-3456 7891")
        shot(d, out, "take-pick-390x844")
        d.find_element(By.CSS_SELECTOR,
                       "#services button[data-code=A]").click()
        ok(until(d, lambda: len(text(d, "code")) == 6),
           "a tap: the code is shown")
        code = text(d, "code")
        number = text(d, "number")
        ok(number.startswith("A"), "... and the number (%s)" % number)
        # a reminder promised, unless the page says "come now" itself
        come_now = "Datanglah sekarang" in text(d, "come")
        ok(d.find_element(By.ID, "reminded").is_displayed() != come_now and
           "Pengingat akan dikirim" in d.find_element(By.ID, "reminded")
           .get_attribute("textContent"),
           "... a reminder promised" + (", not beside 'come now'"
                                        if come_now else ""))
        ok(sql(db, "SELECT p.phone FROM phones p JOIN tickets t ON t.id = "
               "p.ticket WHERE t.label = '%s'" % number) == "081234567891",
           "... its number kept without the dashes and spaces")
        ok(d.execute_script("return document.getElementById('qr').width")
           > 200, "... and the QR, drawn")
        ok(sql(db, "SELECT state FROM tickets WHERE label = '%s'" % number)
           == "EXPECTED", "%s is EXPECTED in the database" % number)
        shot(d, out, "take-got-390x844")
        d.find_element(By.ID, "link").click()
        ok(until(d, lambda: "Tiket online" in text(d, "state")),
           "its link: the ticket page says 'online ticket'")
        ok(until(d, lambda: text(d, "come") != ""),
           "... when to come: %r" % text(d, "come"))
        ok(text(d, "code") == code, "... the same code, kept on the phone")
        ok(d.find_element(By.ID, "reminded").is_displayed() != come_now,
           "... a reminder promised there as on the take page")
        ok(d.find_element(By.ID, "allrow").is_displayed(),
           "... everyone ahead")
        phone = d.current_window_handle
        d.execute_script("window.antriSamePage = 7;")
        shot(d, out, "ticket-expected-390x844")

        # ---- the desk: /counter's check-in box -----------------------------
        d.switch_to.new_window("tab")
        viewport(d, DESK)
        d.get(base + "/login?next=/counter")
        until(d, lambda: d.find_elements(By.NAME, "name"))
        d.find_element(By.NAME, "name").send_keys("rina")
        d.find_element(By.NAME, "password").send_keys("rina-pass-12")
        d.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        ok(until(d, lambda: d.current_url.endswith("/counter") and
                 text(d, "who") == "rina", 10), "rina logs in to /counter")
        until(d, lambda: len(d.find_elements(
            By.CSS_SELECTOR, "#counter option")) > 1)
        Select(d.find_element(By.ID, "counter")).select_by_value("1")
        box = d.find_element(By.ID, "ckcode")
        box.send_keys(code.lower() + Keys.ENTER)
        ok(until(d, lambda: number in text(d, "ckmsg")),
           "typed code: %r" % text(d, "ckmsg"))
        ok("good" in d.find_element(By.ID, "ckmsg").get_attribute("class"),
           "... shown as done")
        ok(sql(db, "SELECT actor FROM events WHERE kind = 'checked_in' "
               "ORDER BY id DESC LIMIT 1") == "web:rina",
           "... the clerk is the event's actor")
        shot(d, out, "counter-checkin-1920x1080")
        # a scanner with the focus outside the box
        t2 = take_api(base, "A")
        calls = sql(db, "SELECT count(*) FROM events WHERE kind = 'called'")
        d.find_element(By.ID, "number").click()
        ActionChains(d).send_keys(t2["qr"] + Keys.ENTER).perform()
        ok(until(d, lambda: t2["number"] in text(d, "ckmsg")),
           "scanned QR text: %r" % text(d, "ckmsg"))
        ok(sql(db, "SELECT count(*) FROM events WHERE kind = 'called'")
           == calls, "... its letters pressed no shortcut (nobody called)")
        # a wrong code: the core's words, nothing done
        box.send_keys("AAAAAA" + Keys.ENTER)
        ok(until(d, lambda: "Kode tidak dikenal" in text(d, "ckmsg") or
                 "Unknown code" in text(d, "ckmsg")),
           "wrong code: %r" % text(d, "ckmsg"))
        ok("bad" in d.find_element(By.ID, "ckmsg").get_attribute("class"),
           "... shown as refused")
        shot(d, out, "counter-wrong-1920x1080")

        # ---- back to the phone: it followed ---------------------------------
        d.switch_to.window(phone)
        viewport(d, PHONE)
        ok(until(d, lambda: "Silakan masuk" in text(d, "state")),
           "the phone's page: 'silakan masuk' (%r)" % text(d, "state"))
        ok(d.execute_script("return window.antriSamePage;") == 7,
           "... without a reload")
        ok(not d.find_element(By.ID, "checkin").is_displayed(),
           "... the code is gone once checked in")
        shot(d, out, "ticket-admitted-390x844")

        # ---- the phone gives another ticket back ---------------------------
        d.get(base + "/take")
        until(d, lambda: d.find_elements(
            By.CSS_SELECTOR, "#services button[data-code=A]"))
        d.find_element(By.CSS_SELECTOR,
                       "#services button[data-code=A]").click()
        ok(until(d, lambda: len(text(d, "code")) == 6), "take another A")
        number = text(d, "number")
        d.find_element(By.ID, "link").click()
        ok(until(d, lambda: d.find_element(By.ID, "cancel").is_displayed()),
           "its page offers to give it back")
        d.find_element(By.ID, "cancel").click()
        ok(until(d, lambda: "Ketuk lagi" in text(d, "cancel")),
           "a first tap asks again")
        shot(d, out, "ticket-cancel-ask-390x844")
        d.find_element(By.ID, "cancel").click()
        ok(until(d, lambda: text(d, "state") == "Dibatalkan"),
           "a second tap: 'Dibatalkan' (%r)" % text(d, "state"))
        ok(sql(db, "SELECT state FROM tickets WHERE label = '%s'" % number)
           == "CANCELLED", "%s is CANCELLED in the database" % number)
        ok(not d.find_element(By.ID, "checkin").is_displayed(),
           "... its code is gone from the page")
        shot(d, out, "ticket-cancelled-390x844")

        # ---- far from its turn: "come by HH.MM" -----------------------------
        for _ in range(10):
            subprocess.run([antri, "--db", db, "issue", "E"], check=True,
                           stdout=subprocess.DEVNULL)
        far = take_api(base, "E")
        d.get(base + far["link"])
        ok(until(d, lambda: "paling lambat pukul" in text(d, "come")),
           "a long queue ahead: %r" % text(d, "come"))
        ok(not d.find_element(By.ID, "checkin").is_displayed(),
           "... another phone's ticket: no code on this one")
        shot(d, out, "ticket-come-by-390x844")

    return headless.run(C, "antri-chrome-", DESK, steps)


if __name__ == "__main__":
    sys.exit(main())
