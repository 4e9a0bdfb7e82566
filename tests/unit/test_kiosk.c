/* test_kiosk.c - the kiosk's screen logic (kiosk/kiosk.c) without a window,
 * a database or threads: taps become jobs (recorded by a fake submit),
 * made-up worker answers move the screens, and made-up times drive the
 * timers: the repeat guard and double tap, the return home, the long press
 * that opens the PIN pad, the pad itself, the manager's actions, and the
 * language going back for the next visitor; and the door's points: the PIN
 * lockout counts down and keeps the pad, taps meant for the pad never
 * issue a ticket, the home screen warns of a blocked printer before the
 * tap, the manager sees the printer's state and its own words apart, the
 * tiles count inside and outside, and the large-text mode (contrast of at
 * least 7:1, reset for the next visitor); check-in: a scanner's burst
 * on home, a person's slow keys (nothing), the keypad, refusals, a full
 * room, an early appointment, the keypad's timeout. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kiosk/kiosk.h"
#include "kiosk/words.h"

#define JOBS 16
static struct kiosk_job jobs[JOBS];
static int njobs, refuse_jobs;

static int
fake_submit(void *ctx, const struct kiosk_job *j)
{
	(void)ctx;
	if (refuse_jobs || njobs == JOBS)
		return -1;
	jobs[njobs++] = *j;
	return 0;
}

/* a demo-like office: A open, B closed, C with its quota used up */
static void
office(struct kiosk *k)
{
	struct q_service *s = k->st.services;

	memset(&k->st, 0, sizeof k->st);
	snprintf(k->st.office, sizeof k->st.office, "PTSP Test");
	k->st.nservices = 3;
	for (int i = 0; i < 3; i++) {
		s[i].code = (char)('A' + i);
		snprintf(s[i].name_id, sizeof s[i].name_id, "Layanan %c",
		    'A' + i);
		snprintf(s[i].name_en, sizeof s[i].name_en, "Service %c",
		    'A' + i);
		s[i].open = 1;
	}
	s[1].open = 0;
	s[2].quota = 2;
	s[2].issued_today = 2;
	k->db_err = Q_OK;
	kiosk_status(k);
}

static void
setup(struct kiosk *k, int has_printer)
{
	njobs = refuse_jobs = 0;
	kiosk_init(k, LANG_ID, 2000, 8, has_printer, fake_submit, NULL);
	office(k);
}

/* the answer to an issue job: ticket label, or a refusal */
static void
answer_issue(struct kiosk *k, const struct kiosk_job *j, int rc,
             const char *label, int64_t id, int repeat, int64_t now)
{
	struct kiosk_result r;

	memset(&r, 0, sizeof r);
	r.kind = KJ_ISSUE;
	r.tag = j->tag;
	r.rc = rc;
	r.repeat = repeat;
	r.t.id = id;
	r.t.service = j->code;
	r.t.state = Q_ADMITTED;
	snprintf(r.t.label, sizeof r.t.label, "%s", label);
	kiosk_result(k, &r, now);
}

static void
answer_pin(struct kiosk *k, int rc, int locked_s, int64_t now)
{
	struct kiosk_result r;

	memset(&r, 0, sizeof r);
	r.kind = KJ_PIN;
	r.rc = rc;
	r.locked_s = locked_s;
	kiosk_result(k, &r, now);
}

static void
test_issue(void)
{
	struct kiosk k;
	int64_t t = 100000;

	setup(&k, 0);
	CHECK_INT(k.screen, KS_HOME);
	/* before the first status nothing is issued */
	k.db_err = -1;
	kiosk_tap(&k, KH_SERVICE, 0, 5, t);
	CHECK_INT(njobs, 0);
	k.db_err = Q_OK;

	/* a tap: one issue job, the waiting screen */
	kiosk_tap(&k, KH_SERVICE, 0, 5, t);
	CHECK_INT(njobs, 1);
	CHECK_INT(jobs[0].kind, KJ_ISSUE);
	CHECK_INT(jobs[0].code, 'A');
	CHECK_INT(jobs[0].tag, 5);
	CHECK_STR(jobs[0].office, "PTSP Test");
	CHECK_STR(jobs[0].service_name, "Layanan A");
	CHECK_INT(k.screen, KS_WAIT);
	/* the second tap of a double tap finds the waiting screen: nothing */
	kiosk_tap(&k, KH_ANYWHERE, 0, 6, t + 80);
	CHECK_INT(njobs, 1);
	/* the answer: the ticket screen */
	answer_issue(&k, &jobs[0], Q_OK, "A001", 1, 0, t + 200);
	CHECK_INT(k.screen, KS_TICKET);
	CHECK_STR(k.t.label, "A001");
	CHECK_INT(k.pstate, KP_NONE);
	CHECK_INT(k.shown_tag, 5);
	/* a tap on the ticket at once stays (double tap), later goes home */
	kiosk_tap(&k, KH_ANYWHERE, 0, 7, t + 300);
	CHECK_INT(k.screen, KS_TICKET);
	kiosk_tap(&k, KH_ANYWHERE, 0, 8, t + 1300);
	CHECK_INT(k.screen, KS_HOME);
	/* within the repeat guard a tap shows the same ticket, issues none */
	kiosk_tap(&k, KH_SERVICE, 0, 9, t + 1500);
	CHECK_INT(njobs, 1);
	CHECK_INT(k.screen, KS_TICKET);
	/* the ticket screen goes home by itself after return_s */
	CHECK(kiosk_tick(&k, t + 1600) > 0);
	CHECK_INT(k.screen, KS_TICKET);
	kiosk_tick(&k, t + 1500 + 8000);
	CHECK_INT(k.screen, KS_HOME);
	/* past the guard: a new job */
	kiosk_tap(&k, KH_SERVICE, 0, 10, t + 12000);
	CHECK_INT(njobs, 2);
	/* an answer to another tap is not this one's */
	answer_issue(&k, &jobs[0], Q_OK, "A009", 9, 0, t + 12100);
	CHECK_INT(k.screen, KS_WAIT);
	/* refused by the queue: the reason, and no guard for the next tap */
	answer_issue(&k, &jobs[1], Q_EFULL, "", 0, 0, t + 12200);
	CHECK_INT(k.screen, KS_REFUSED);
	CHECK_INT(k.refused_rc, Q_EFULL);
	kiosk_tap(&k, KH_ANYWHERE, 0, 11, t + 13300);
	CHECK_INT(k.screen, KS_HOME);
	kiosk_tap(&k, KH_SERVICE, 0, 12, t + 13400);
	CHECK_INT(njobs, 3);
}

static void
test_unavailable(void)
{
	struct kiosk k;
	int64_t t = 5000;

	setup(&k, 0);
	kiosk_tap(&k, KH_SERVICE, 1, 1, t);              /* B closed */
	CHECK_INT(njobs, 0);
	CHECK_INT(k.screen, KS_REFUSED);
	CHECK_INT(k.refused_rc, Q_ECLOSED);
	CHECK_INT(k.refused_code, 'B');
	kiosk_tick(&k, t + 8000);
	CHECK_INT(k.screen, KS_HOME);
	kiosk_tap(&k, KH_SERVICE, 2, 2, t + 9000);       /* C quota */
	CHECK_INT(njobs, 0);
	CHECK_INT(k.refused_rc, Q_EQUOTA);
	kiosk_tick(&k, t + 17000);
	/* the worker too busy to take it: refused, nothing issued */
	refuse_jobs = 1;
	kiosk_tap(&k, KH_SERVICE, 0, 3, t + 18000);
	CHECK_INT(k.screen, KS_REFUSED);
	CHECK_INT(k.refused_rc, Q_EBUSY);
	CHECK_INT(k.pending_tag, 0);
}

static void
test_language(void)
{
	struct kiosk k;
	int64_t t = 1000;

	setup(&k, 0);
	kiosk_tap(&k, KH_LANG, 0, 1, t);
	CHECK_INT(k.lang, LANG_EN);
	kiosk_tap(&k, KH_SERVICE, 0, 2, t + 100);
	CHECK_STR(jobs[0].service_name, "Service A");
	CHECK_INT(jobs[0].lang, LANG_EN);
	answer_issue(&k, &jobs[0], Q_OK, "A001", 1, 0, t + 200);
	kiosk_tick(&k, t + 200 + 8000);
	CHECK_INT(k.screen, KS_HOME);
	CHECK_INT(k.lang, LANG_ID);                  /* the next visitor */
}

/* hold the corner for 3 s: the PIN pad */
static void
open_pad(struct kiosk *k, int64_t t)
{
	kiosk_tap(k, KH_CORNER, 0, 1, t);
	kiosk_tick(k, t + 1000);
	CHECK_INT(k->screen, KS_HOME);
	kiosk_tick(k, t + KIOSK_LONG_PRESS_MS);
	CHECK_INT(k->screen, KS_PIN);
}

static void
type_pin(struct kiosk *k, const char *digits, int64_t t)
{
	for (const char *d = digits; *d; d++)
		kiosk_tap(k, KH_PIN_DIGIT, *d - '0', 1, t);
	kiosk_tap(k, KH_PIN_OK, 0, 1, t);
}

static void
test_pin_and_manager(void)
{
	struct kiosk k;
	int64_t t = 50000;

	setup(&k, 1);
	/* a short press does nothing */
	kiosk_tap(&k, KH_CORNER, 0, 1, t);
	kiosk_release(&k);
	kiosk_tick(&k, t + 4000);
	CHECK_INT(k.screen, KS_HOME);
	open_pad(&k, t += 5000);
	njobs = 0;                    /* the home screen asked the printer */
	/* digits, delete, OK: one PIN job with the digits */
	kiosk_tap(&k, KH_PIN_DIGIT, 1, 1, t);
	kiosk_tap(&k, KH_PIN_DIGIT, 9, 1, t);
	kiosk_tap(&k, KH_PIN_DEL, 0, 1, t);
	type_pin(&k, "234", t);
	CHECK_INT(njobs, 1);
	CHECK_INT(jobs[0].kind, KJ_PIN);
	CHECK_STR(jobs[0].pin, "1234");
	CHECK_STR(k.pin, "");
	CHECK(k.pin_busy);
	/* wrong */
	answer_pin(&k, Q_EPIN, 0, t + 100);
	CHECK_INT(k.screen, KS_PIN);
	CHECK_INT(k.pin_rc, Q_EPIN);
	/* right: the manager's screen, and the printer is asked */
	type_pin(&k, "1234", t + 200);
	answer_pin(&k, Q_OK, 0, t + 300);
	CHECK_INT(k.screen, KS_MANAGER);
	CHECK_INT(jobs[njobs - 1].kind, KJ_PRINTER_STATE);
	/* the manager's buttons are jobs */
	njobs = 0;
	kiosk_tap(&k, KH_M_LIMIT_UP, 0, 1, t + 400);
	kiosk_tap(&k, KH_M_REFUSE, 0, 1, t + 400);
	kiosk_tap(&k, KH_M_SERVICE, 1, 1, t + 400);
	kiosk_tap(&k, KH_M_REPRINT, 0, 1, t + 400);
	CHECK_INT(njobs, 4);
	CHECK_INT(jobs[0].kind, KJ_LIMIT);
	CHECK_INT(jobs[0].arg, 1);
	CHECK_INT(jobs[1].kind, KJ_POLICY);
	CHECK_INT(jobs[1].arg, Q_POLICY_REFUSE);
	CHECK_INT(jobs[2].kind, KJ_SERVICE_OPEN);
	CHECK_INT(jobs[2].code, 'B');
	CHECK_INT(jobs[2].arg, 1);                  /* B was closed: open */
	CHECK_INT(jobs[3].kind, KJ_REPRINT);
	/* Escape leaves; the window may close only on the manager's screen */
	CHECK_INT(kiosk_close_request(&k), 1);
	k.quit = 0;
	kiosk_escape(&k, t + 500);
	CHECK_INT(k.screen, KS_HOME);
	CHECK_INT(kiosk_close_request(&k), 0);
	/* the manager's screen goes home after 2 min without a touch */
	open_pad(&k, t += 10000);
	type_pin(&k, "1234", t + 3000);
	answer_pin(&k, Q_OK, 0, t + 3100);
	kiosk_tick(&k, t + 3100 + KIOSK_MANAGER_IDLE_MS - 1);
	CHECK_INT(k.screen, KS_MANAGER);
	kiosk_tick(&k, t + 3100 + KIOSK_MANAGER_IDLE_MS);
	CHECK_INT(k.screen, KS_HOME);
	/* an idle pad goes home after 30 s */
	open_pad(&k, t += 200000);
	kiosk_tick(&k, t + KIOSK_LONG_PRESS_MS + KIOSK_PIN_IDLE_MS);
	CHECK_INT(k.screen, KS_HOME);
}

static void
test_pin_lockout(void)
{
	struct kiosk k;
	int64_t t = 10000, locked;

	setup(&k, 0);
	open_pad(&k, t);
	t += KIOSK_LONG_PRESS_MS;
	type_pin(&k, "0000", t);
	answer_pin(&k, Q_EPINLOCKED, 60, t + 100);
	locked = t + 100;
	/* the countdown counts, and asks for a frame when it changes */
	CHECK_INT(kiosk_pin_left_s(&k, locked), 60);
	k.dirty = 0;
	CHECK(kiosk_tick(&k, locked + 1000) <= 1000);
	CHECK(k.dirty);
	CHECK_INT(kiosk_pin_left_s(&k, locked + 1000), 59);
	CHECK_INT(kiosk_pin_left_s(&k, locked + 20500), 40);
	k.dirty = 0;
	kiosk_tick(&k, locked + 20500);
	CHECK(k.dirty);
	/* the pad stays past its 30 s idle time while locked */
	kiosk_tick(&k, locked + KIOSK_PIN_IDLE_MS + 5000);
	CHECK_INT(k.screen, KS_PIN);
	kiosk_tick(&k, locked + 59900);
	CHECK_INT(k.screen, KS_PIN);
	/* digits tapped now are the pad's: no job, the pad stays */
	kiosk_tap(&k, KH_PIN_DIGIT, 1, 1, locked + 59950);
	CHECK_INT(k.screen, KS_PIN);
	CHECK_INT(njobs, 1);                          /* the PIN only */
	CHECK_INT(kiosk_pin_left_s(&k, locked + 60000), 0);
	/* a touch keeps it 30 s more; then home */
	kiosk_tick(&k, locked + 60000);
	CHECK_INT(k.screen, KS_PIN);
	kiosk_tick(&k, locked + 59950 + KIOSK_PIN_IDLE_MS);
	CHECK_INT(k.screen, KS_HOME);
	/* the next taps were meant for the pad: no ticket */
	t = locked + 59950 + KIOSK_PIN_IDLE_MS;
	kiosk_tap(&k, KH_SERVICE, 0, 1, t + 200);
	kiosk_tap(&k, KH_SERVICE, 0, 1, t + KIOSK_PAD_GUARD_MS - 1);
	CHECK_INT(njobs, 1);                          /* the PIN only */
	CHECK_INT(k.screen, KS_HOME);
	kiosk_tap(&k, KH_SERVICE, 0, 1, t + KIOSK_PAD_GUARD_MS);
	CHECK_INT(njobs, 2);
	CHECK_INT(jobs[1].kind, KJ_ISSUE);

	/* the same after Cancel, and while a PIN is being checked the pad
	 * does not go home under the manager's fingers */
	setup(&k, 0);
	open_pad(&k, t = 1000);
	t += KIOSK_LONG_PRESS_MS;
	type_pin(&k, "1", t);
	kiosk_tick(&k, t + KIOSK_PIN_IDLE_MS + 10);
	CHECK_INT(k.screen, KS_PIN);
	answer_pin(&k, Q_EPIN, 0, t + KIOSK_PIN_IDLE_MS + 20);
	kiosk_tap(&k, KH_PIN_CANCEL, 0, 1, t + KIOSK_PIN_IDLE_MS + 30);
	CHECK_INT(k.screen, KS_HOME);
	kiosk_tap(&k, KH_SERVICE, 0, 1, t + KIOSK_PIN_IDLE_MS + 100);
	CHECK_INT(njobs, 1);
}

static void
printer_answer(struct kiosk *k, int rc, const char *reasons, const char *msg,
               int64_t now)
{
	struct kiosk_result r;

	memset(&r, 0, sizeof r);
	r.kind = KJ_PRINTER_STATE;
	r.rc = rc;
	r.ps.reachable = rc == 0;
	r.ps.state = 3;
	snprintf(r.ps.reasons, sizeof r.ps.reasons, "%s", reasons);
	snprintf(r.ps.message, sizeof r.ps.message, "%s", msg);
	if (rc)
		snprintf(r.msg, sizeof r.msg, "%s", msg);
	kiosk_result(k, &r, now);
}

static void
test_printer(void)
{
	struct kiosk k;
	enum kiosk_tone tone;
	char b[300], says[300];
	int64_t t = 1000;

	/* no printer: never asked, nothing said */
	setup(&k, 0);
	kiosk_tick(&k, t);
	CHECK_INT(njobs, 0);
	/* a printer: asked on the home screen, once at a time, again later */
	setup(&k, 1);
	kiosk_tick(&k, t);
	CHECK_INT(njobs, 1);
	CHECK_INT(jobs[0].kind, KJ_PRINTER_STATE);
	kiosk_tick(&k, t + KIOSK_PRINTER_POLL_MS + 1);
	CHECK_INT(njobs, 1);                        /* still asking */
	printer_answer(&k, 0, "none", "", t + 50);
	words_home_banner(&k, b, sizeof b, &tone);
	CHECK_STR(b, "Sentuh layanan yang Anda perlukan");
	kiosk_tick(&k, t + KIOSK_PRINTER_POLL_MS + 1);
	CHECK_INT(njobs, 2);
	/* out of paper: the home screen says so before any tap */
	printer_answer(&k, 0, "media-empty-error", "Printing.", t + 20000);
	CHECK(kiosk_printer_blocked(&k));
	words_home_banner(&k, b, sizeof b, &tone);
	CHECK_STR(b, "Tiket kertas tidak tersedia: nomor Anda akan "
	    "ditampilkan di layar.");
	CHECK_INT(tone, KT_WARN);
	k.lang = LANG_EN;
	words_home_banner(&k, b, sizeof b, &tone);
	CHECK_STR(b, "No paper ticket: your number will be shown on screen.");
	/* full room under hold: both things said */
	k.st.limit = 1;
	k.st.occupancy = 1;
	words_home_banner(&k, b, sizeof b, &tone);
	CHECK(strstr(b, "wait outside") != NULL);
	CHECK(strstr(b, "No paper ticket") != NULL);
	/* the manager: the state in the screen's language, the printer's
	 * own words apart */
	k.lang = LANG_ID;
	CHECK_INT(words_printer_lines(&k, b, sizeof b, says, sizeof says), 1);
	CHECK_STR(b, "Printer: Kertas habis");
	CHECK_STR(says, "Pesan printer: Printing.");
	k.lang = LANG_EN;
	words_printer_lines(&k, b, sizeof b, says, sizeof says);
	CHECK_STR(b, "Printer: Out of paper");
	CHECK_STR(says, "Printer says: Printing.");
	/* paper back */
	printer_answer(&k, 0, "none", "", t + 30000);
	CHECK(!kiosk_printer_blocked(&k));
	CHECK_INT(words_printer_lines(&k, b, sizeof b, says, sizeof says), 0);
	CHECK_STR(says, "");
	/* no answer at all: blocked too, and why */
	printer_answer(&k, -1, "", "connection refused", t + 40000);
	CHECK(kiosk_printer_blocked(&k));
	words_printer_lines(&k, b, sizeof b, says, sizeof says);
	CHECK_STR(b, "Printer: not answering");
	CHECK_STR(says, "Detail: connection refused");
}

static void
test_tiles(void)
{
	struct kiosk k;
	char in[64], out[64];

	setup(&k, 0);
	k.st.services[0].waiting = 3;
	words_tile_count(&k, &k.st.services[0], in, sizeof in, out, sizeof out);
	CHECK_STR(in, "3 menunggu");
	CHECK_STR(out, "");
	/* with people outside: both counts, not their sum */
	k.st.services[0].outside = 8;
	words_tile_count(&k, &k.st.services[0], in, sizeof in, out, sizeof out);
	CHECK_STR(in, "3 di dalam");
	CHECK_STR(out, "8 di luar");
	k.lang = LANG_EN;
	words_tile_count(&k, &k.st.services[0], in, sizeof in, out, sizeof out);
	CHECK_STR(in, "3 inside");
	CHECK_STR(out, "8 outside");
}

static void
test_big(void)
{
	struct kiosk k;
	SDL_Color bg = words_hc_colour(KHC_BG);
	int64_t t = 1000;

	setup(&k, 0);
	kiosk_tap(&k, KH_BIG, 0, 1, t);
	CHECK_INT(k.big, 1);
	kiosk_tap(&k, KH_SERVICE, 0, 2, t + 100);
	answer_issue(&k, &jobs[0], Q_OK, "A001", 1, 0, t + 200);
	CHECK_INT(k.big, 1);                          /* on its ticket too */
	kiosk_tick(&k, t + 200 + 8000);
	CHECK_INT(k.screen, KS_HOME);
	CHECK_INT(k.big, 0);                          /* the next visitor */
	kiosk_tap(&k, KH_BIG, 0, 1, t + 9000);
	kiosk_tap(&k, KH_BIG, 0, 1, t + 9100);
	CHECK_INT(k.big, 0);
	/* every text colour on the background: at least 7:1 */
	CHECK(words_contrast(words_hc_colour(KHC_TEXT), bg) >= 7.0);
	CHECK(words_contrast(words_hc_colour(KHC_SOFT), bg) >= 7.0);
	CHECK(words_contrast(words_hc_colour(KHC_ACCENT), bg) >= 7.0);
	/* the formula itself: black on white is 21:1, grey 777 is 4.48 */
	CHECK(words_contrast((SDL_Color){ 0, 0, 0, 255 },
	    (SDL_Color){ 255, 255, 255, 255 }) > 20.99);
	CHECK(words_contrast((SDL_Color){ 0x77, 0x77, 0x77, 255 },
	    (SDL_Color){ 255, 255, 255, 255 }) < 4.5);
}

/* what was said, as one string of clip names */
static const char *
said(struct kiosk *k)
{
	static char b[600];

	b[0] = 0;
	for (int i = 0; i < k->nsay; i++) {
		strcat(b, i ? " " : "");
		strcat(b, k->say[i]);
	}
	k->nsay = 0;
	return b;
}

static void
test_voice(void)
{
	struct kiosk k;
	struct kiosk_result r;
	int64_t t = 1000;

	/* voice off: nothing to say */
	setup(&k, 0);
	kiosk_tap(&k, KH_SERVICE, 1, 1, t);                 /* B closed */
	CHECK_INT(k.nsay, 0);
	kiosk_tick(&k, t + 8000);
	/* voice on: the number and where to go */
	setup(&k, 1);
	k.voice = 1;
	kiosk_tap(&k, KH_SERVICE, 0, 1, t);
	CHECK_INT(k.nsay, 0);                            /* not yet issued */
	answer_issue(&k, &jobs[njobs - 1], Q_OK, "A007", 7, 0, t + 100);
	CHECK_STR(said(&k), "chime nomor_antrian a 0 0 7 masuk_ruang_tunggu");
	CHECK_INT(k.say_lang, LANG_ID);
	/* its paper failed: said too */
	memset(&r, 0, sizeof r);
	r.kind = KJ_PRINTED;
	r.rc = -1;
	r.t = k.t;
	kiosk_result(&k, &r, t + 500);
	CHECK_STR(said(&k), "printer_bermasalah");
	/* a repeat (double tap) is not said again */
	kiosk_tap(&k, KH_ANYWHERE, 0, 1, t + 1600);
	kiosk_tap(&k, KH_SERVICE, 0, 1, t + 1700);
	CHECK_INT(k.nsay, 0);
	kiosk_tick(&k, t + 10000);
	/* outside, in English */
	kiosk_tap(&k, KH_LANG, 0, 1, t + 11000);
	kiosk_tap(&k, KH_SERVICE, 0, 1, t + 11100);
	memset(&r, 0, sizeof r);
	r.kind = KJ_ISSUE;
	r.tag = k.pending_tag;
	r.t.id = 8;
	r.t.state = Q_OUTSIDE;
	snprintf(r.t.label, sizeof r.t.label, "A008");
	kiosk_result(&k, &r, t + 11200);
	CHECK_STR(said(&k), "chime nomor_antrian a 0 0 8 tunggu_di_luar");
	CHECK_INT(k.say_lang, LANG_EN);
	kiosk_tick(&k, t + 20000);
	/* refusals, each with its reason */
	kiosk_tap(&k, KH_SERVICE, 1, 1, t + 21000);         /* closed */
	CHECK_STR(said(&k), "chime layanan_ditutup");
	kiosk_tick(&k, t + 30000);
	kiosk_tap(&k, KH_SERVICE, 2, 1, t + 31000);         /* quota */
	CHECK_STR(said(&k), "chime kuota_habis");
	kiosk_tick(&k, t + 40000);
	kiosk_tap(&k, KH_SERVICE, 0, 1, t + 41000);
	answer_issue(&k, &jobs[njobs - 1], Q_EFULL, "", 0, 0, t + 41100);
	CHECK_STR(said(&k), "chime ruangan_penuh");
	kiosk_tick(&k, t + 50000);
	kiosk_tap(&k, KH_SERVICE, 0, 1, t + 51000);
	answer_issue(&k, &jobs[njobs - 1], Q_EDISKFULL, "", 0, 0, t + 51100);
	CHECK_STR(said(&k), "chime tidak_dapat_melayani");
}

/* the staff's small line: the office's language, not the visitor's;
 * the clock only while the database answers; the -wal for
 * KIOSK_WAL_NOTE_MS */
static void
test_staff_line(void)
{
	static struct kiosk k;
	char line[1100];

	setup(&k, 0);
	CHECK_INT(words_staff_line(&k, 1000, line, sizeof line), 0);
	CHECK_STR(line, "");
	k.st.clock_wrong = 1;
	k.lang = LANG_EN;                  /* a visitor's choice */
	CHECK_INT(words_staff_line(&k, 1000, line, sizeof line), 1);
	CHECK(strstr(line, "Jam komputer tampaknya salah") != NULL);
	k.db_err = Q_EBUSY;
	CHECK_INT(words_staff_line(&k, 1000, line, sizeof line), 0);
	k.db_err = Q_OK;
	k.st.clock_wrong = 0;
	k.wal_at = 5000;
	snprintf(k.wal_hhmm, sizeof k.wal_hhmm, "09:41");
	CHECK_INT(words_staff_line(&k, 6000, line, sizeof line), 1);
	CHECK(strstr(line, "dihapus pukul 09:41") != NULL);
	CHECK_INT(words_staff_line(&k, 5000 + KIOSK_WAL_NOTE_MS, line,
	    sizeof line), 0);
}

/* keys typed from t0, gap ms apart, then Enter gap later */
static int64_t
type_keys(struct kiosk *k, const char *s, int64_t t0, int gap)
{
	for (; *s; s++, t0 += gap)
		kiosk_key(k, (unsigned char)*s, t0);
	kiosk_key(k, '\n', t0);
	return t0;
}

/* the answer to a check-in job */
static void
answer_checkin(struct kiosk *k, const struct kiosk_job *j, int rc,
               enum q_state st, enum q_checkin_how how, int64_t now)
{
	struct kiosk_result r;

	memset(&r, 0, sizeof r);
	r.kind = KJ_CHECKIN;
	r.tag = j->tag;
	r.rc = rc;
	r.how = (int)how;
	if (rc == Q_OK) {
		r.t.id = 77;
		r.t.service = 'A';
		r.t.state = st;
		snprintf(r.t.label, sizeof r.t.label, "A077");
	}
	kiosk_result(k, &r, now);
}

/* Check-in: a scanner's burst on the home screen, a person's slow keys
 * there (nothing), the keypad tapped and typed, the refusals, a full
 * room, an early appointment, the keypad's timeout. */
static void
test_checkin(void)
{
	static struct kiosk k;
	const char *qr = "EJMRH4-zrupgk45mb566wmi";
	int64_t t;
	int a = (int)(strchr(q_checkin_alphabet, 'A') - q_checkin_alphabet);

	/* the keypad offers exactly the core's alphabet */
	CHECK_INT((int)strlen(q_checkin_alphabet), Q_CHECKIN_ALPHA_N);
	CHECK(strchr(q_checkin_alphabet, 'O') == NULL);
	CHECK(strchr(q_checkin_alphabet, '0') == NULL);

	/* a scan on home: fast keys and Enter check the QR's text in */
	setup(&k, 0);
	k.voice = 1;
	t = type_keys(&k, qr, 1000, 5);
	CHECK_INT(njobs, 1);
	CHECK_INT(jobs[0].kind, KJ_CHECKIN);
	CHECK_STR(jobs[0].text, qr);
	CHECK_INT(k.screen, KS_WAIT);
	answer_checkin(&k, &jobs[0], Q_OK, Q_ADMITTED, Q_CHECKIN_IN_PLACE,
	    t + 20);
	CHECK_INT(k.screen, KS_TICKET);
	CHECK(k.checkin);
	CHECK_STR(k.t.label, "A077");
	CHECK_INT(k.shown_tag, jobs[0].tag);
	/* spoken as a walk-in's ticket */
	CHECK(k.nsay > 2 && !strcmp(k.say[k.nsay - 1], "masuk_ruang_tunggu"));
	k.nsay = 0;
	/* a second scan while the ticket shows: nothing */
	type_keys(&k, qr, t + 100, 5);
	CHECK_INT(njobs, 1);
	kiosk_tick(&k, t + 20 + 8000);
	CHECK_INT(k.screen, KS_HOME);

	/* a person's slow keys on home (150 ms apart), then Enter: nothing */
	setup(&k, 0);
	type_keys(&k, "EJMRH4", 1000, 150);
	CHECK_INT(njobs, 0);
	CHECK_INT(k.screen, KS_HOME);
	/* nor keys a little fast but slower than a scanner (90 ms) */
	type_keys(&k, "EJMRH4", 5000, 90);
	CHECK_INT(njobs, 0);
	/* fewer than a code's characters, fast: nothing */
	type_keys(&k, "EJM", 9000, 5);
	CHECK_INT(njobs, 0);
	/* one key held up once (200 ms) in a scan of 23: still a scan */
	for (int i = 0; qr[i]; i++)
		kiosk_key(&k, (unsigned char)qr[i], 20000 + i * 5 +
		    (i >= 10 ? 200 : 0));
	kiosk_key(&k, '\n', 20000 + 23 * 5 + 200);
	CHECK_INT(njobs, 1);
	CHECK_STR(jobs[0].text, qr);

	/* the keypad: the button, characters, delete, OK only when whole */
	setup(&k, 0);
	kiosk_tap(&k, KH_CHECKIN, 0, 1, 1000);
	CHECK_INT(k.screen, KS_CHECKIN);
	for (int i = 0; i < 5; i++)
		kiosk_tap(&k, KH_CI_KEY, i, 1, 1100 + i);
	kiosk_tap(&k, KH_CI_KEY, a, 1, 1200);      /* a sixth */
	kiosk_tap(&k, KH_CI_KEY, a, 1, 1210);      /* a seventh: ignored */
	CHECK_INT((int)strlen(k.ci_code), Q_CHECKIN_CODE_LEN);
	kiosk_tap(&k, KH_CI_DEL, 0, 1, 1300);
	kiosk_tap(&k, KH_CI_OK, 0, 1, 1310);       /* five: not sent */
	CHECK_INT(njobs, 0);
	CHECK_INT(k.screen, KS_CHECKIN);
	kiosk_tap(&k, KH_CI_KEY, Q_CHECKIN_ALPHA_N - 1, 1, 1400);
	kiosk_tap(&k, KH_CI_OK, 0, 1, 1410);
	CHECK_INT(njobs, 1);
	CHECK_INT((int)strlen(jobs[0].text), Q_CHECKIN_CODE_LEN);
	CHECK(!strncmp(jobs[0].text, q_checkin_alphabet, 5));
	CHECK_INT(jobs[0].text[5], q_checkin_alphabet[Q_CHECKIN_ALPHA_N - 1]);
	CHECK_INT(k.screen, KS_WAIT);
	/* a wrong code: the refusal, as the core says it */
	answer_checkin(&k, &jobs[0], Q_ECODE, 0, 0, 1500);
	CHECK_INT(k.screen, KS_REFUSED);
	CHECK_INT(k.refused_rc, Q_ECODE);
	CHECK(k.checkin);
	kiosk_tick(&k, 1500 + 8000);
	CHECK_INT(k.screen, KS_HOME);

	/* typed slowly on the keypad (lower case too): Enter is OK */
	setup(&k, 0);
	kiosk_tap(&k, KH_CHECKIN, 0, 1, 1000);
	t = type_keys(&k, "ejmrh4", 2000, 200);
	CHECK_INT(njobs, 1);
	CHECK_STR(jobs[0].text, "EJMRH4");
	/* a used code */
	answer_checkin(&k, &jobs[0], Q_ECODEUSED, 0, 0, t + 10);
	CHECK_INT(k.screen, KS_REFUSED);
	CHECK_INT(k.refused_rc, Q_ECODEUSED);

	/* a scan on the keypad screen sends the scan, not the keypad's */
	setup(&k, 0);
	kiosk_tap(&k, KH_CHECKIN, 0, 1, 1000);
	kiosk_tap(&k, KH_CI_KEY, a, 1, 1100);
	type_keys(&k, qr, 3000, 5);
	CHECK_INT(njobs, 1);
	CHECK_STR(jobs[0].text, qr);

	/* the room full: the checked-in visitor waits outside, and is told */
	setup(&k, 0);
	k.voice = 1;
	t = type_keys(&k, qr, 1000, 5);
	answer_checkin(&k, &jobs[0], Q_OK, Q_OUTSIDE, Q_CHECKIN_LATE, t + 5);
	CHECK_INT(k.screen, KS_TICKET);
	CHECK_INT(k.t.state, Q_OUTSIDE);
	CHECK_INT(k.ci_how, Q_CHECKIN_LATE);
	CHECK(k.nsay > 2 && !strcmp(k.say[k.nsay - 1], "tunggu_di_luar"));
	/* an appointment early: it waits (not let in), and is told so */
	setup(&k, 0);
	k.voice = 1;
	t = type_keys(&k, qr, 1000, 5);
	answer_checkin(&k, &jobs[0], Q_OK, Q_EXPECTED, Q_CHECKIN_SLOT, t + 5);
	CHECK_INT(k.screen, KS_TICKET);
	CHECK(!strcmp(k.say[k.nsay - 1], "tunggu_di_luar"));
	/* a walk-in's tap after it: not a check-in's ticket */
	kiosk_tick(&k, t + 9000);
	kiosk_tap(&k, KH_SERVICE, 0, 9500, t + 9500);
	CHECK(!k.checkin);

	/* the keypad goes home after KIOSK_CHECKIN_IDLE_MS untouched, and
	 * the next visitor gets the office's language */
	setup(&k, 0);
	kiosk_tap(&k, KH_LANG, 0, 1, 500);
	kiosk_tap(&k, KH_CHECKIN, 0, 1, 1000);
	kiosk_tap(&k, KH_CI_KEY, a, 1, 2000);
	CHECK_INT(k.lang, LANG_EN);
	CHECK(kiosk_tick(&k, 2000 + KIOSK_CHECKIN_IDLE_MS - 1) <= 1);
	CHECK_INT(k.screen, KS_CHECKIN);
	kiosk_tick(&k, 2000 + KIOSK_CHECKIN_IDLE_MS);
	CHECK_INT(k.screen, KS_HOME);
	CHECK_INT(k.lang, LANG_ID);
	CHECK_INT(njobs, 0);
	/* cancel goes home with this visitor's language kept */
	kiosk_tap(&k, KH_LANG, 0, 1, 40000);
	kiosk_tap(&k, KH_CHECKIN, 0, 1, 40100);
	kiosk_tap(&k, KH_CI_CANCEL, 0, 1, 40200);
	CHECK_INT(k.screen, KS_HOME);
	CHECK_INT(k.lang, LANG_EN);
	/* Escape leaves the keypad too */
	kiosk_tap(&k, KH_CHECKIN, 0, 1, 40300);
	kiosk_escape(&k, 40400);
	CHECK_INT(k.screen, KS_HOME);

	/* the worker too busy: refused at once, nothing pending */
	setup(&k, 0);
	refuse_jobs = 1;
	type_keys(&k, qr, 1000, 5);
	CHECK_INT(k.screen, KS_REFUSED);
	CHECK_INT(k.refused_rc, Q_EBUSY);
	CHECK_INT((int)k.pending_tag, 0);
	/* a scan longer than a job carries: sent cut, the core refuses it */
	setup(&k, 0);
	{
		char longer[KIOSK_CHECKIN_TEXT * 2 + 1];

		memset(longer, 'x', sizeof longer - 1);
		longer[sizeof longer - 1] = 0;
		type_keys(&k, longer, 1000, 2);
		CHECK_INT(njobs, 1);
		CHECK_INT((int)strlen(jobs[0].text), KIOSK_CHECKIN_TEXT);
	}
	/* the check-in's words are the catalogue's, in both languages */
	for (int w = W_CI_BUTTON; w <= W_CI_NOT_DONE; w++) {
		CHECK(*i18n_w(LANG_ID, (enum i18n_word)w));
		CHECK(strcmp(i18n_w(LANG_ID, (enum i18n_word)w),
		    i18n_w(LANG_EN, (enum i18n_word)w)));
	}
	CHECK_STR(kiosk_screen_name(KS_CHECKIN), "checkin");
}

int
main(void)
{
	test_checkin();
	test_staff_line();
	test_voice();
	test_pin_lockout();
	test_printer();
	test_tiles();
	test_big();
	test_issue();
	test_unavailable();
	test_language();
	test_pin_and_manager();
	return check_done();
}
