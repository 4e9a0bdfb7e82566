#!/usr/bin/python3
"""central_citizen.py URL OUT DAY PHONE PHONE_EN - a citizen's phone (390x844,
headless Chromium driven by Selenium; run with /usr/bin/python3) on
antri-central's public pages; the server and the outlets jkt-a (online,
slots for A) and jkt-b (offline) are central_citizen.sh's.

  1. /outlets, service A picked: "take a number" and "book" per outlet;
  2. take a number at jkt-a, with a phone number for its reminders (a
     wrong one first: the server's sentence): the number, the
     6-character code, its QR;
  3. book jkt-a's service A on DAY: the day, a free time, a phone
     number, the appointment with its code and QR;
  4. jkt-b, offline: the refusal, with the outlets of shortest wait;
  5. the same screens in English;
  6. a link without its token;
  7. a booking made in English, with PHONE_EN (the shell reads that its
     reminders are to be in English: the page's language is sent).
A screenshot of each step (citizen-N-*.png in OUT).  Prints "ticket:
NUMBER" for the shell to look up, and "N passed, N failed" last.
"""
import os
import re
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.dont_write_bytecode = True            # nothing written into the tree
import headless  # noqa: E402  (beside this file)

URL, OUT, DAY, PHONE, PHONE_EN = sys.argv[1:6]
OUT = os.path.abspath(OUT)
C = headless.Checks()


def ok(cond, what, detail=""):
    C.ok(cond, what + (" (%s)" % detail if detail and not cond else ""))


def wait(d, fn, what, timeout=20):
    """fn() true within timeout (a loaded machine's bound, not a timing
    check); a failed check otherwise."""
    try:
        WebDriverWait(d, timeout, poll_frequency=0.05).until(lambda _: fn())
        return True
    except Exception as e:
        ok(False, what, "not within %d s: %s" % (timeout, type(e).__name__))
        return False


def shot(d, name):
    d.save_screenshot(os.path.join(OUT, name))


def text(d):
    return d.find_element(By.TAG_NAME, "body").text


def no_sideways(d, what):
    w = d.execute_script("return document.documentElement.scrollWidth")
    ok(w <= 390, what + ": no sideways scrolling", str(w))


def ready(d):
    return wait(d, lambda: d.execute_script(
        "return document.body.dataset.ready === '1'"), "the page is ready")


def wrong_phone_first(d, field, button, what):
    """A number typed wrong into field and sent with button: the server's
    sentence (the rule is the core's), gone once PHONE is typed."""
    d.find_element(By.ID, field).send_keys("12ab")
    d.find_element(By.ID, button).click()
    wait(d, lambda: "Nomor ponsel" in d.find_element(By.ID, "errtext").text,
         what + ": a wrong number, the sentence from the server")
    d.find_element(By.ID, field).clear()
    d.find_element(By.ID, field).send_keys(PHONE)
    wait(d, lambda: not d.find_element(By.ID, "err").is_displayed(),
         what + ": ... gone once the number is corrected")


def steps(d):
    # headless windows are 500 px wide at least: a phone is emulated
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    # 1. the list, service A: the ways in
    d.get(URL + "/outlets")
    wait(d, lambda: len(d.find_elements(By.CSS_SELECTOR, "li.outlet")) > 1,
         "/outlets lists the outlets")

    def acts_of(code):
        """the classes of jkt-a's links for service code (None: no line)"""
        for li in d.find_elements(
                By.CSS_SELECTOR, 'li.outlet[data-id="jkt-a"] li.svc'):
            if li.find_element(By.CSS_SELECTOR, "b.code").text == code:
                return [a.get_attribute("class")
                        for a in li.find_elements(By.CSS_SELECTOR, "a.act")]
        return None
    wait(d, lambda: acts_of("B") is not None, "jkt-a lists its service B")
    ok(acts_of("A") == ["act take", "act book"],
       "A, with slots: 'take a number' and 'book'", str(acts_of("A")))
    ok(acts_of("B") == ["act take"],
       "B, without slots: 'take a number' only, no 'book'", str(acts_of("B")))
    shot(d, "citizen-0-all-services.png")
    Select(d.find_element(By.ID, "svc")).select_by_value("A")
    take = lambda: d.find_elements(
        By.CSS_SELECTOR, 'li.outlet[data-id="jkt-a"] a.act.take')
    wait(d, lambda: len(take()) == 1, "jkt-a offers 'take a number'")
    ok(len(d.find_elements(By.CSS_SELECTOR,
                           'li.outlet[data-id="jkt-b"] a.act')) == 0,
       "offline jkt-b offers nothing to take or book")
    ok(take()[0].text == "Ambil nomor", "in Indonesian", take()[0].text)
    no_sideways(d, "/outlets")
    shot(d, "citizen-1-outlets.png")

    # 2. take a number
    take()[0].click()
    ready(d)
    ok("Kelurahan a" in d.find_element(By.ID, "outlet").text,
       "the outlet's name on top")
    shot(d, "citizen-2-take.png")
    wrong_phone_first(d, "tphone", "go", "take")
    d.find_element(By.ID, "go").click()
    wait(d, lambda: re.search(r"/ticket#[0-9a-f]{32}$", d.current_url),
         "the ticket opens on its own page, its link")
    ready(d)
    wait(d, lambda: d.find_element(By.ID, "got").is_displayed(),
         "the ticket is shown")
    num = d.find_element(By.ID, "number").text
    code = d.find_element(By.ID, "ccode").text
    ok(re.fullmatch(r"A\d+", num) is not None, "a number", num)
    ok(re.fullmatch(r"[A-Z0-9]{6}", code) is not None, "a code", code)
    ok(len(d.find_elements(By.CSS_SELECTOR, "#qr svg path")) == 1,
       "its QR drawn")
    qr = d.find_element(By.CSS_SELECTOR, "#qr svg").size
    ok(qr["width"] >= 200, "the QR is large enough to scan", str(qr))
    ok("Simpan kode ini" in text(d), "'keep this code'")
    ok(d.title == "antri: Nomor antrean", "its title, from the catalogue",
       d.title)
    wait(d, lambda: "check-in" in d.find_element(By.ID, "state").text,
         "what it is now, from the outlet")
    ok("Orang di depan Anda" in d.find_element(By.ID, "ahead").text,
       "the people ahead", d.find_element(By.ID, "ahead").text)
    ok("Diperbarui pukul" in d.find_element(By.ID, "news").text,
       "when it was read", d.find_element(By.ID, "news").text)
    # taken with a phone: a reminder is promised, unless the page says
    # "come now" itself (this outlet's come_min is 1 minute)
    come_now = "Datanglah sekarang" in d.find_element(By.ID, "come").text
    ok(d.find_element(By.ID, "reminded").is_displayed() != come_now and
       "Pengingat akan dikirim" in d.find_element(By.ID, "reminded")
       .get_attribute("textContent"),
       "a reminder promised" + (", not beside 'come now'" if come_now
                                else ""),
       d.find_element(By.ID, "come").text)
    no_sideways(d, "the ticket")
    print("ticket: " + num, flush=True)
    shot(d, "citizen-3-ticket.png")
    d.refresh()
    ready(d)
    ok(d.find_element(By.ID, "ccode").text == code,
       "a reload shows the same code (nothing taken twice)")

    # 3. book a time
    d.get(URL + "/citizen?outlet=jkt-a&service=A&do=book")
    ready(d)
    day = lambda: d.find_elements(
        By.CSS_SELECTOR, '#days button[data-day="%s"]' % DAY)
    wait(d, lambda: len(day()) == 1, "tomorrow among the days")
    day()[0].click()
    free = lambda: d.find_elements(By.CSS_SELECTOR,
                                   "#slots button.slot:not([disabled])")
    full = lambda: d.find_elements(By.CSS_SELECTOR,
                                   "#slots button.slot[disabled]")
    wait(d, lambda: len(free()) > 0 and
         free()[0].get_attribute("data-slot").startswith(DAY),
         "tomorrow's free times")
    ok(len(full()) >= 1, "the time booked by curl shows full")
    shot(d, "citizen-4-book-day.png")
    first = free()[0]
    slot = first.get_attribute("data-slot")
    first.click()
    wait(d, lambda: d.find_element(By.ID, "confirm").is_enabled(),
         "the confirm button once a time is picked")
    wrong_phone_first(d, "phone", "confirm", "book")
    wait(d, lambda: d.find_element(By.ID, "confirm").is_enabled(),
         "the confirm button once a time is picked")
    ok(slot[11:] in d.find_element(By.ID, "confirm").text,
       "the button names the time", d.find_element(By.ID, "confirm").text)
    shot(d, "citizen-5-book-time.png")
    d.find_element(By.ID, "confirm").click()
    wait(d, lambda: d.find_element(By.ID, "got").is_displayed(),
         "the appointment is shown")
    ok("Janji temu Anda" in text(d), "'your appointment'")
    ok(slot[11:] in d.find_element(By.ID, "number").text,
       "its time", d.find_element(By.ID, "number").text)
    ok(re.fullmatch(r"[A-Z0-9]{6}",
                    d.find_element(By.ID, "ccode").text) is not None,
       "its code")
    ok(PHONE not in text(d), "the phone number is not shown back")
    ok(len(d.find_elements(By.CSS_SELECTOR, "#qr svg")) == 1, "its QR")
    no_sideways(d, "the appointment")
    shot(d, "citizen-6-booked.png")
    # its own page, with the same code, and when to check in
    bcode = d.find_element(By.ID, "ccode").text
    link = d.find_element(By.ID, "link")
    ok(link.is_displayed() and "Buka halaman tiket" in link.text,
       "a link to the appointment's page", link.text)
    link.click()
    wait(d, lambda: re.search(r"/ticket#[0-9a-f]{32}$", d.current_url),
         "the appointment's page opens")
    ready(d)
    wait(d, lambda: "Check-in di kiosk antara pukul" in
         d.find_element(By.ID, "state").text,
         "when to check in, from the server")
    ok(slot[11:] in d.find_element(By.ID, "number").text,
       "... its time", d.find_element(By.ID, "number").text)
    ok(d.find_element(By.ID, "ccode").text == bcode,
       "... the code this phone was given", d.find_element(By.ID, "ccode").text)
    no_sideways(d, "the appointment's page")
    shot(d, "citizen-6b-booked-page.png")

    # 4. an offline outlet
    d.get(URL + "/citizen?outlet=jkt-b&service=A&do=take")
    ready(d)
    d.find_element(By.ID, "go").click()
    wait(d, lambda: d.find_element(By.ID, "err").is_displayed(),
         "the refusal is shown")
    ok("tidak terhubung" in d.find_element(By.ID, "errtext").text,
       "it says offline", d.find_element(By.ID, "errtext").text)
    near = d.find_elements(By.CSS_SELECTOR, "#nearlist a")
    ok(len(near) == 1 and "Kelurahan a" in near[0].text,
       "it offers jkt-a", str([a.text for a in near]))
    shot(d, "citizen-7-offline.png")

    # 5. English
    d.find_element(By.ID, "lang").click()
    wait(d, lambda: "offline" in d.find_element(By.ID, "errtext").text,
         "the refusal in English")
    shot(d, "citizen-8-offline-en.png")
    # redrawn in English: found again
    d.find_element(By.CSS_SELECTOR, "#nearlist a").click()
    # this tab took a number there already (step 2): its page again
    wait(d, lambda: "/ticket#" in d.current_url,
         "the offered outlet opens: the number taken there")
    ready(d)
    wait(d, lambda: "Check-in code" in text(d) and
         d.find_element(By.ID, "number").text == num,
         "the other outlet's page, in English, with the number taken there")
    ok("Kelurahan a" in d.find_element(By.ID, "outlet").text,
       "named on top", d.find_element(By.ID, "outlet").text)
    ok(d.title == "antri: Your number", "... in English too", d.title)
    shot(d, "citizen-9-again-en.png")

    # 6. a link cut short: said so, in the page's language
    d.get(URL + "/ticket")
    ready(d)
    wait(d, lambda: d.find_element(By.ID, "err").is_displayed() and
         "Unknown ticket" in d.find_element(By.ID, "errtext").text,
         "a link without its token: 'unknown ticket'")
    shot(d, "citizen-10-no-token.png")

    # 7. a booking in English: its reminders are to be in English (this
    # tab's booking of step 3 forgotten, as in a new tab)
    d.execute_script("sessionStorage.clear()")
    d.get(URL + "/citizen?outlet=jkt-a&service=A&do=book")
    ready(d)
    wait(d, lambda: len(day()) == 1, "in English: tomorrow among the days")
    day()[0].click()
    wait(d, lambda: len(free()) > 0 and
         free()[0].get_attribute("data-slot").startswith(DAY),
         "... tomorrow's free times")
    free()[0].click()
    wait(d, lambda: d.find_element(By.ID, "confirm").is_enabled(),
         "... the confirm button once a time is picked")
    d.find_element(By.ID, "phone").send_keys(PHONE_EN)
    d.find_element(By.ID, "confirm").click()
    wait(d, lambda: d.find_element(By.ID, "got").is_displayed(),
         "... the appointment is shown")
    ok("Your appointment" in text(d), "... in English", text(d)[:200])
    shot(d, "citizen-11-booked-en.png")


sys.exit(headless.run(C, "antri-citizen-", (390, 844), steps))
