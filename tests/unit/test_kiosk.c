/* test_kiosk.c - the kiosk's screen logic (kiosk/kiosk.c) without a window,
 * a database or threads: taps become jobs (recorded by a fake submit),
 * made-up worker answers move the screens, and made-up times drive the
 * timers: the repeat guard and double tap, the return home, the long press
 * that opens the PIN pad, the pad itself, the manager's actions, and the
 * language going back for the next visitor. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kiosk/kiosk.h"

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

int
main(void)
{
	test_issue();
	test_unavailable();
	test_language();
	test_pin_and_manager();
	return check_done();
}
