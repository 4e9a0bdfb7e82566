/* test_remote.c - remote tickets and check-in (queue_remote.c), on a
 * real SQLite file with the clock the test moves (tests/helpers/
 * fixture.h): an EXPECTED ticket is not in the room nor callable; a
 * check-in joins the door at its place, or at the end when its turn
 * passed longer than grace_min ago; wrong, used, forged and other-day
 * codes are refused with nothing changed; wrong codes are rate-limited;
 * the share of the quota keeps room for walk-ins; the people ahead of a
 * remote ticket count an appointment whose slot came, and when to come;
 * the visitor gives a remote ticket back with its code; the head office's
 * requests are issued once by their id.
 *
 * Each test starts from a fresh demo office (services A B C D P,
 * counters 1:AP 2:ABP 3:BC 4:CD, limit 10, policy hold) at 08:00 on
 * 2026-11-23, Jakarta time.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "fixture.h"
#include "queue.h"
#include "report.h"

static struct q_remote_rules rules;

/* A remote ticket of service code: its code into c (and qr). */
static void
remote(queue *q, char code, struct q_ticket *t, char c[7], char qr[64])
{
	CHECK_INT(queue_remote_issue(q, code, &rules, t, c, qr), Q_OK);
	CHECK_INT(t->state, Q_EXPECTED);
	CHECK_INT((int)strlen(c), Q_CHECKIN_CODE_LEN);
}

static void
test_not_counted(void)
{
	queue *q = fx_fresh();
	struct q_ticket t, w;
	char c[7], qr[64];

	remote(q, 'A', &t, c, qr);
	CHECK_STR(t.label, "A001");
	CHECK(t.token[0] != 0);                 /* a link like any ticket */
	CHECK_INT((int)strlen(qr), Q_CHECKIN_QR_MAX - 1);
	CHECK_INT(fx_occupancy(q), 0);
	CHECK_INT(fx_st.outside, 0);
	CHECK_INT(fx_svc(q, 'A')->waiting, 0);
	/* not callable */
	CHECK_INT(queue_call_next(q, 1, &w), Q_ENOWAIT);
	/* a walk-in after it has nobody ahead, and gets the next number */
	fx_now_ms += FX_MIN;
	CHECK_INT(queue_issue(q, 'A', &w), Q_OK);
	CHECK_STR(w.label, "A002");
	CHECK_INT(w.state, Q_ADMITTED);
	CHECK_INT(w.people_ahead, 0);
	CHECK_INT(fx_occupancy(q), 1);
	/* its link finds it */
	CHECK_INT(queue_ticket_by_token(q, t.token, &w), Q_OK);
	CHECK_STR(w.label, "A001");
	CHECK_INT(w.state, Q_EXPECTED);
	fx_check_ok(q);
	queue_close(q);
}

static void
test_in_place(void)
{
	queue *q = fx_fresh();
	struct q_ticket t, w;
	enum q_checkin_how how;
	char c[7], qr[64];

	remote(q, 'A', &t, c, qr);                   /* A001 at 08:00 */
	fx_now_ms += FX_MIN;
	CHECK_INT(queue_issue(q, 'A', &w), Q_OK);    /* A002 */
	fx_now_ms += FX_MIN;
	CHECK_INT(queue_issue(q, 'A', &w), Q_OK);    /* A003 */
	fx_now_ms += 10 * FX_MIN;
	/* typed in lower case: the same code */
	for (char *p = c; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	CHECK_INT(queue_checkin(q, c, &rules, &t, &how), Q_OK);
	CHECK_INT(how, Q_CHECKIN_IN_PLACE);
	CHECK_STR(t.label, "A001");
	CHECK_INT(t.state, Q_ADMITTED);
	CHECK_INT(t.ahead_inside, 0);               /* first by its place */
	CHECK_INT(fx_occupancy(q), 3);
	CHECK_INT(queue_call_next(q, 1, &w), Q_OK);
	CHECK_STR(w.label, "A001");
	fx_check_ok(q);
	queue_close(q);

	/* a full room: it waits outside, but ahead of later walk-ins */
	q = fx_fresh();
	CHECK_INT(queue_set_limit(q, 2), Q_OK);
	remote(q, 'B', &t, c, qr);                   /* B001 at 08:00 */
	fx_now_ms += FX_MIN;
	CHECK_INT(queue_issue(q, 'A', &w), Q_OK);
	CHECK_INT(queue_issue(q, 'A', &w), Q_OK);
	fx_now_ms += FX_MIN;
	CHECK_INT(queue_issue(q, 'C', &w), Q_OK);    /* C001 outside */
	CHECK_INT(w.state, Q_OUTSIDE);
	fx_now_ms += FX_MIN;
	CHECK_INT(queue_checkin(q, qr, &rules, &t, &how), Q_OK);
	CHECK_INT(t.state, Q_OUTSIDE);
	CHECK_INT(t.ahead_outside, 0);
	CHECK_INT(fx_occupancy(q), 2);
	/* a place frees: B001 goes in, not C001 */
	CHECK_INT(queue_call_next(q, 1, &w), Q_OK);
	fx_now_ms += FX_MIN;
	CHECK_INT(queue_done(q, 1, &w), Q_OK);
	CHECK_INT(fx_state_of(q, "B001"), Q_ADMITTED);
	CHECK_INT(fx_state_of(q, "C001"), Q_OUTSIDE);
	CHECK_INT(fx_occupancy(q), 2);
	fx_check_ok(q);
	queue_close(q);
}

static void
test_late(void)
{
	queue *q = fx_fresh();
	struct q_ticket t, t2, w;
	enum q_checkin_how how;
	char c[7], c2[7], qr[64];

	remote(q, 'A', &t, c, qr);                   /* A001 08:00 */
	remote(q, 'A', &t2, c2, qr);                 /* A002 08:00 */
	fx_now_ms += FX_MIN;
	CHECK_INT(queue_issue(q, 'A', &w), Q_OK);    /* A003 08:01 */
	CHECK_INT(queue_issue(q, 'A', &w), Q_OK);    /* A004 08:01 */
	fx_now_ms += 4 * FX_MIN;
	CHECK_INT(queue_call_next(q, 1, &w), Q_OK);  /* A003 at 08:05 */
	CHECK_STR(w.label, "A003");
	/* 08:15: its turn passed 10 min ago, within the grace: in place */
	fx_now_ms += 10 * FX_MIN;
	CHECK_INT(queue_checkin(q, c2, &rules, &t2, &how), Q_OK);
	CHECK_INT(how, Q_CHECKIN_IN_PLACE);
	/* 08:25: 20 min ago: the end of the line, after A004 and A005 */
	fx_now_ms += 5 * FX_MIN;
	CHECK_INT(queue_issue(q, 'A', &w), Q_OK);    /* A005 08:20 */
	fx_now_ms += 5 * FX_MIN;
	CHECK_INT(queue_checkin(q, c, &rules, &t, &how), Q_OK);
	CHECK_INT(how, Q_CHECKIN_LATE);
	CHECK_INT(t.state, Q_ADMITTED);
	CHECK(t.place_ms == fx_now_ms);
	CHECK(t.issued_ms == FX_DAY1_0800);         /* its issue time stays */
	CHECK_INT(t.ahead_inside, 3);               /* A002, A004, A005 */
	CHECK_INT(queue_call_next(q, 1, &w), Q_OK);
	CHECK_STR(w.label, "A002");
	CHECK_INT(queue_call_next(q, 1, &w), Q_OK);
	CHECK_STR(w.label, "A004");
	CHECK_INT(queue_call_next(q, 1, &w), Q_OK);
	CHECK_STR(w.label, "A005");
	CHECK_INT(queue_call_next(q, 1, &w), Q_OK);
	CHECK_STR(w.label, "A001");
	fx_check_ok(q);
	queue_close(q);
}

/* Events so far (to see that a refusal wrote nothing but its count). */
static int64_t
last_event(queue *q)
{
	struct q_event_rec e[64];
	int64_t last = 0;
	int n;

	do {
		n = 64;
		CHECK_INT(queue_events_since(q, last, e, &n), Q_OK);
		if (n)
			last = e[n - 1].id;
	} while (n == 64);
	return last;
}

static void
test_refused(void)
{
	queue *q = fx_fresh();
	struct q_ticket t, w;
	enum q_checkin_how how;
	char c[7], qr[64], forged[64];
	struct q_event_rec e[4];
	int64_t before;
	int n;

	remote(q, 'A', &t, c, qr);
	fx_now_ms += FX_MIN;
	before = last_event(q);
	/* wrong: refused, the ticket as it was, one checkin_failed event */
	CHECK_INT(queue_checkin(q, strcmp(c, "AAAAAA") ? "AAAAAA" : "CCCCCC",
	    &rules, &w, &how), Q_ECODE);
	CHECK_INT(w.id, 0);
	CHECK_INT(fx_state_of(q, "A001"), Q_EXPECTED);
	n = 4;
	CHECK_INT(queue_events_since(q, before, e, &n), Q_OK);
	CHECK_INT(n, 1);
	CHECK_INT(e[0].kind, QE_CHECKIN_FAILED);
	/* a forged QR: the right code with another secret */
	snprintf(forged, sizeof forged, "%s", qr);
	forged[strlen(forged) - 1] = forged[strlen(forged) - 1] == 'a' ?
	    'b' : 'a';
	CHECK_INT(queue_checkin(q, forged, &rules, &w, &how), Q_ECODE);
	CHECK_INT(fx_state_of(q, "A001"), Q_EXPECTED);
	/* not a code at all: bad input, nothing written */
	before = last_event(q);
	CHECK_INT(queue_checkin(q, "0O1IL", &rules, &w, &how), Q_EINVAL);
	CHECK_INT(queue_checkin(q, "A0A0A0", &rules, &w, &how), Q_EINVAL);
	CHECK_INT(queue_checkin(q, "", &rules, &w, &how), Q_EINVAL);
	CHECK(last_event(q) == before);
	CHECK_INT(queue_err_class(Q_ECODE), Q_CLASS_REFUSED);
	CHECK_INT(queue_err_class(Q_ESHARE), Q_CLASS_REFUSED);
	/* right, then used */
	CHECK_INT(queue_checkin(q, c, &rules, &w, &how), Q_OK);
	CHECK_INT(fx_occupancy(q), 1);
	CHECK_INT(queue_checkin(q, c, &rules, &w, &how), Q_ECODEUSED);
	CHECK_INT(queue_checkin(q, qr, &rules, &w, &how), Q_ECODEUSED);
	CHECK_INT(fx_occupancy(q), 1);
	fx_check_ok(q);
	/* another day's code: yesterday's ticket was cancelled with it */
	remote(q, 'B', &t, c, qr);
	fx_now_ms += FX_DAY;
	CHECK_INT(queue_issue(q, 'C', &w), Q_OK);   /* starts the new day */
	CHECK_INT(queue_checkin(q, c, &rules, &w, &how), Q_ECODEDAY);
	CHECK_INT(queue_ticket_get(q, t.id, &w), Q_OK);
	CHECK_INT(w.state, Q_CANCELLED);
	fx_check_ok(q);
	queue_close(q);
}

static void
test_rate_limit(void)
{
	queue *q = fx_fresh();
	struct q_ticket t, w;
	enum q_checkin_how how;
	char c[7], qr[64];
	const char *bad;

	remote(q, 'A', &t, c, qr);
	bad = strcmp(c, "AAAAAA") ? "AAAAAA" : "CCCCCC";
	for (int i = 0; i < Q_CHECKIN_TRIES; i++) {
		fx_now_ms += 1000;
		CHECK_INT(queue_checkin(q, bad, &rules, &w, &how), Q_ECODE);
	}
	/* locked now, even for the right code, from this source */
	CHECK_INT(queue_checkin(q, c, &rules, &w, &how), Q_ECODELOCKED);
	CHECK_INT(fx_state_of(q, "A001"), Q_EXPECTED);
	/* another source (the kiosk) is not locked */
	queue_set_actor(q, "kiosk:lobby");
	CHECK_INT(queue_checkin(q, bad, &rules, &w, &how), Q_ECODE);
	queue_set_actor(q, "test");
	fx_now_ms += (int64_t)Q_CHECKIN_LOCK_S * 1000;
	CHECK_INT(queue_checkin(q, c, &rules, &w, &how), Q_OK);
	/* wrong codes spread wider than a minute do not lock */
	remote(q, 'A', &t, c, qr);
	for (int i = 0; i < 2 * Q_CHECKIN_TRIES; i++) {
		fx_now_ms += 20 * 1000;
		CHECK_INT(queue_checkin(q, bad, &rules, &w, &how), Q_ECODE);
	}
	CHECK_INT(queue_checkin(q, c, &rules, &w, &how), Q_OK);
	fx_check_ok(q);
	queue_close(q);
}

static void
test_share(void)
{
	queue *q = fx_fresh();
	struct q_ticket t;
	char c[7], qr[64];

	CHECK_INT(queue_service_set_quota(q, 'A', 10), Q_OK);
	for (int i = 0; i < 3; i++)
		remote(q, 'A', &t, c, qr);            /* 30% of 10 */
	CHECK_INT(queue_remote_issue(q, 'A', &rules, &t, c, qr), Q_ESHARE);
	CHECK_INT(t.id, 0);
	CHECK_STR(c, "");
	/* walk-ins still get theirs, up to the quota */
	for (int i = 0; i < 7; i++)
		CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(queue_issue(q, 'A', &t), Q_EQUOTA);
	/* a service without a quota has no cap; a closed one takes none */
	for (int i = 0; i < 5; i++)
		remote(q, 'B', &t, c, qr);
	CHECK_INT(queue_service_set_open(q, 'C', 0), Q_OK);
	CHECK_INT(queue_remote_issue(q, 'C', &rules, &t, c, qr), Q_ECLOSED);
	CHECK_INT(queue_remote_issue(q, 'Z', &rules, &t, c, qr), Q_ENOSERVICE);
	fx_check_ok(q);
	queue_close(q);
}

/* Slots for A: 15 min, 2 each, 14 days ahead, 08:00-15:00. */
static void
slots_a(queue *q)
{
	struct q_slot_rules r = { 15, 2, 14, 8 * 60, 15 * 60 };

	CHECK_INT(queue_slots_set(q, 'A', &r), Q_OK);
}

#define AT(h, m) (FX_DAY1_0800 + ((h) - 8) * FX_HOUR + (m) * FX_MIN)

static void
test_book_rules(void)
{
	queue *q = fx_fresh();
	struct q_slot_rules r = { 15, 2, 14, 8 * 60, 15 * 60 }, got;
	struct q_ticket w;
	char c[7], qr[64];

	CHECK_INT(queue_book(q, 'A', AT(9, 0), NULL, NULL, &rules, c, qr),
	    Q_ENOSLOT);                               /* no slots yet */
	CHECK_INT(queue_slots_get(q, 'A', &got), Q_ENOSLOT);
	r.length_min = 2;
	CHECK_INT(queue_slots_set(q, 'A', &r), Q_EINVAL);
	r.length_min = 15;
	r.to_min = r.from_min + 10;
	CHECK_INT(queue_slots_set(q, 'A', &r), Q_EINVAL);
	slots_a(q);
	CHECK_INT(queue_slots_get(q, 'A', &got), Q_OK);
	CHECK_INT(got.per_slot, 2);
	/* not a slot: off the grid, before the first, after the last, past,
	 * too far ahead */
	CHECK_INT(queue_book(q, 'A', AT(9, 5), NULL, NULL, &rules, c, qr),
	    Q_ENOSLOT);
	CHECK_INT(queue_book(q, 'A', AT(7, 45), NULL, NULL, &rules, c, qr),
	    Q_ENOSLOT);
	CHECK_INT(queue_book(q, 'A', AT(15, 0), NULL, NULL, &rules, c, qr),
	    Q_ENOSLOT);
	fx_now_ms = AT(8, 20);
	CHECK_INT(queue_book(q, 'A', AT(8, 15), NULL, NULL, &rules, c, qr),
	    Q_ENOSLOT);
	CHECK_INT(queue_book(q, 'A', AT(9, 0) + 15 * FX_DAY, NULL, NULL,
	    &rules, c, qr), Q_ENOSLOT);
	/* the list a booking page shows is the same rule: at 08:20 the
	 * 08:00 and 08:15 slots are gone, 08:30-14:45 stay (26); the day
	 * 14 ahead has all 28, the day 15 ahead none */
	{
		int64_t st[64];
		struct q_slot_rules a = { 15, 2, 14, 8 * 60, 15 * 60 };
		char d0[Q_DAY_MAX], d14[Q_DAY_MAX], d15[Q_DAY_MAX];

		q_day_of(AT(12, 0), d0);
		q_day_of(AT(12, 0) + 14 * FX_DAY, d14);
		q_day_of(AT(12, 0) + 15 * FX_DAY, d15);
		CHECK_INT(q_slots_on_day(&a, d0, d0,
		    fx_now_ms, st, 64), 26);
		CHECK(st[0] == AT(8, 30) && st[25] == AT(14, 45));
		CHECK_INT(q_slots_on_day(&a, d14, d0, fx_now_ms, st,
		    64), 28);
		CHECK_INT(q_slots_on_day(&a, d15, d0, fx_now_ms, st,
		    64), 0);
		CHECK_INT(q_slots_on_day(&a, d0, d0,
		    fx_now_ms, st, 3), 3);
	}
	CHECK_INT(queue_book(q, 'A', AT(9, 0) + 14 * FX_DAY, NULL, NULL,
	    &rules, c, qr), Q_OK);
	CHECK_STR(c, qr[0] ? c : "x");
	CHECK_INT((int)strlen(c), Q_CHECKIN_CODE_LEN);
	/* a full slot */
	CHECK_INT(queue_book(q, 'A', AT(9, 0), "Siti", "+628123456789", &rules,
	    c, qr), Q_OK);
	CHECK_INT(queue_book(q, 'A', AT(9, 0), NULL, NULL, &rules, c, qr),
	    Q_OK);
	CHECK_INT(queue_book(q, 'A', AT(9, 0), NULL, NULL, &rules, c, qr),
	    Q_ESLOTFULL);
	CHECK_STR(c, "");
	/* a double booking: the same phone, same service and day */
	CHECK_INT(queue_book(q, 'A', AT(10, 0), NULL, "+628123456789", &rules,
	    c, qr), Q_EBOOKED);
	CHECK_INT(queue_book(q, 'A', AT(10, 0), NULL, "12ab", &rules, c, qr),
	    Q_EINVAL);
	CHECK_INT(queue_book(q, 'B', AT(10, 0), NULL, NULL, &rules, c, qr),
	    Q_ENOSLOT);
	/* a closed service takes no bookings */
	CHECK_INT(queue_service_set_open(q, 'A', 0), Q_OK);
	CHECK_INT(queue_book(q, 'A', AT(10, 0), NULL, NULL, &rules, c, qr),
	    Q_ECLOSED);
	CHECK_INT(queue_service_set_open(q, 'A', 1), Q_OK);
	/* the share: quota 10, 30% for remote and booked together */
	CHECK_INT(queue_service_set_quota(q, 'A', 10), Q_OK);
	CHECK_INT(queue_book(q, 'A', AT(10, 0), NULL, NULL, &rules, c, qr),
	    Q_OK);                                    /* the 3rd of today */
	CHECK_INT(queue_book(q, 'A', AT(10, 0), NULL, NULL, &rules, c, qr),
	    Q_ESHARE);
	/* a remote ticket counts in the same share */
	CHECK_INT(queue_remote_issue(q, 'A', &rules, &w, c, qr), Q_ESHARE);
	fx_check_ok(q);
	queue_close(q);
}

static void
test_book_called(void)
{
	queue *q = fx_fresh();
	struct q_ticket t, w;
	enum q_checkin_how how;
	char c[7], early[7], qr[64];

	slots_a(q);
	CHECK_INT(queue_book(q, 'A', AT(9, 0), NULL, NULL, &rules, c, qr),
	    Q_OK);
	CHECK_INT(queue_book(q, 'A', AT(9, 30), NULL, NULL, &rules, early, qr),
	    Q_OK);
	/* walk-ins from 08:10 */
	for (int i = 0; i < 6; i++) {
		fx_now_ms = AT(8, 10 + i);
		CHECK_INT(queue_issue(q, 'A', &w), Q_OK);
	}
	/* 08:40: in the window: a ticket that waits for 09:00 */
	fx_now_ms = AT(8, 40);
	CHECK_INT(queue_checkin(q, c, &rules, &t, &how), Q_OK);
	CHECK_INT(how, Q_CHECKIN_SLOT);
	CHECK_INT(t.state, Q_EXPECTED);
	CHECK_STR(t.label, "A007");
	CHECK_INT(fx_occupancy(q), 6);
	/* 08:45: before its slot the walk-ins are called */
	fx_now_ms = AT(8, 45);
	CHECK_INT(queue_call_next(q, 1, &w), Q_OK);
	CHECK_STR(w.label, "A001");
	/* 08:50: the other checks in 40 min early: it waits too */
	fx_now_ms = AT(8, 50);
	CHECK_INT(queue_checkin(q, early, &rules, &t, &how), Q_OK);
	CHECK_INT(t.state, Q_EXPECTED);
	/* 09:01: its slot came: the next call takes it, ahead of A002 */
	fx_now_ms = AT(9, 1);
	CHECK_INT(queue_call_next(q, 1, &w), Q_OK);
	CHECK_STR(w.label, "A007");
	CHECK(w.called_ms - AT(9, 0) <= 10 * FX_MIN);
	CHECK_INT(queue_call_next(q, 2, &w), Q_OK);
	CHECK_STR(w.label, "A002");
	/* 09:30: the early one */
	fx_now_ms = AT(9, 30);
	CHECK_INT(queue_call_next(q, 2, &w), Q_OK);
	CHECK_STR(w.label, "A008");
	/* its code is used now */
	CHECK_INT(queue_checkin(q, early, &rules, &t, &how), Q_ECODEUSED);
	fx_check_ok(q);
	queue_close(q);
}

static void
test_book_noshow(void)
{
	queue *q = fx_fresh();
	struct q_ticket t, w;
	enum q_checkin_how how;
	char c[7], c2[7], qr[64];
	struct q_event_rec e[64];
	int n, noshow = 0;

	slots_a(q);
	CHECK_INT(queue_book(q, 'A', AT(9, 0), NULL, NULL, &rules, c, qr),
	    Q_OK);
	CHECK_INT(queue_book(q, 'A', AT(9, 0), NULL, NULL, &rules, c2, qr),
	    Q_OK);
	CHECK_INT(queue_book(q, 'A', AT(9, 0), NULL, NULL, &rules, c2, qr),
	    Q_ESLOTFULL);
	/* 09:14: still in the window: nothing happens on a write */
	fx_now_ms = AT(9, 14);
	CHECK_INT(queue_issue(q, 'B', &w), Q_OK);
	/* 09:16: the next write marks both no-shows; the slot's places are
	 * released */
	fx_now_ms = AT(9, 16);
	CHECK_INT(queue_issue(q, 'B', &w), Q_OK);
	n = 64;
	CHECK_INT(queue_events_since(q, 0, e, &n), Q_OK);
	for (int i = 0; i < n; i++)
		noshow += e[i].kind == QE_BOOKING_NO_SHOW;
	CHECK_INT(noshow, 2);
	/* 09:20: one comes late after all: a walk-in ticket, told so */
	fx_now_ms = AT(9, 20);
	CHECK_INT(queue_issue(q, 'A', &w), Q_OK);            /* A001 */
	CHECK_INT(queue_checkin(q, c, &rules, &t, &how), Q_OK);
	CHECK_INT(how, Q_CHECKIN_SLOT_LATE);
	CHECK_STR(t.label, "A002");
	CHECK_INT(t.state, Q_ADMITTED);
	CHECK(t.slot_ms == 0);
	CHECK_INT(queue_call_next(q, 1, &w), Q_OK);
	CHECK_STR(w.label, "A001");
	CHECK_INT(queue_checkin(q, c, &rules, &t, &how), Q_ECODEUSED);
	/* tomorrow's booking today: another day's code, nothing made */
	CHECK_INT(queue_book(q, 'A', AT(10, 0) + FX_DAY, NULL, NULL, &rules,
	    c2, qr), Q_OK);
	CHECK_INT(queue_checkin(q, c2, &rules, &t, &how), Q_ECODEDAY);
	CHECK_INT(t.id, 0);
	CHECK_INT(fx_state_of(q, "A003"), Q_STATE_COUNT);
	fx_check_ok(q);
	queue_close(q);
}

/* ---- an office day with remote and booked visitors ------------------- */

enum kind { WALK, REMOTE, BOOKED };

struct visitor {
	enum kind kind;
	char svc;
	int arrive;          /* minute after 08:00; -1 never (a no-show) */
	int take;            /* remote: minute it takes its ticket */
	int slot;            /* booked: the slot's minute after 08:00 */
	int on_time;         /* booked: checks in within its window */
	char code[7];
	int64_t id;          /* its ticket, 0 until it has one */
};

#define NVIS 230
static struct visitor vis[NVIS];
static unsigned sim_seed;

static unsigned
sim_rand(void)
{
	sim_seed = sim_seed * 1103515245u + 12345u;
	return (sim_seed >> 16) & 0x7fff;
}

/* The day's visitors, the same in both runs: arrivals spread over
 * 08:00-14:30, services A-D; with remote != 0, 15% take a remote ticket
 * 45 min before they come (1 in 5 of them an hour late) and 15% book
 * a slot (1 in 10 late, 1 in 10 never comes). */
static void
sim_people(int remote)
{
	sim_seed = 7;
	for (int i = 0; i < NVIS; i++) {
		struct visitor *v = &vis[i];
		unsigned r = sim_rand() % 100;

		memset(v, 0, sizeof *v);
		v->svc = (char)('A' + sim_rand() % 4);
		v->arrive = (int)(i * 390 / NVIS + sim_rand() % 5);
		v->kind = !remote ? WALK : r < 15 ? REMOTE : r < 30 ? BOOKED :
		    WALK;
		if (v->kind == REMOTE) {
			v->take = v->arrive > 45 ? v->arrive - 45 : 0;
			if (sim_rand() % 5 == 0)
				v->arrive += 60;
		} else if (v->kind == BOOKED) {
			/* the slot at or after its arrival */
			v->slot = 15 + (v->arrive / 15) * 15;
			v->on_time = 1;
			r = sim_rand() % 10;
			v->arrive = v->slot - 5 - (int)(sim_rand() % 20);
			if (r == 0) {
				v->arrive = v->slot + 20 + (int)(sim_rand() %
				    20);
				v->on_time = 0;
			} else if (r == 1) {
				v->arrive = -1;
				v->on_time = 0;
			}
		}
	}
}

struct sim_result {
	double walk_wait_s;     /* walk-ins' mean wait, issue to call */
	int walkins, over_limit, booked_on_time, booked_in_10;
	double slot_wait_s;     /* the report's mean wait from the slot */
};

/* Run the day: each minute the visitors of that minute act, then every
 * free counter calls the next; service takes 3-8 minutes. */
static void
sim_day(int remote, struct sim_result *res)
{
	queue *q = fx_fresh();
	struct q_slot_rules sr = { 15, 3, 14, 8 * 60, 15 * 60 };
	struct q_ticket t;
	enum q_checkin_how how;
	int busy[5] = { 0 }, limit = 10;
	char qr[64];
	double sum = 0;

	memset(res, 0, sizeof *res);
	sim_people(remote);
	for (char c = 'A'; c <= 'D'; c++)
		CHECK_INT(queue_slots_set(q, c, &sr), Q_OK);
	for (int i = 0; i < NVIS; i++)
		if (vis[i].kind == BOOKED) {
			int rc = queue_book(q, vis[i].svc, AT(8, vis[i].slot),
			    NULL, NULL, &rules, vis[i].code, qr);

			CHECK_INT(rc, Q_OK);
		}
	for (int m = 0; m < 10 * 60; m++) {
		fx_now_ms = AT(8, m);
		for (int i = 0; i < NVIS; i++) {
			struct visitor *v = &vis[i];

			if (v->kind == REMOTE && v->take == m) {
				CHECK_INT(queue_remote_issue(q, v->svc, &rules,
				    &t, v->code, qr), Q_OK);
				v->id = t.id;
			}
			if (v->arrive != m)
				continue;
			if (v->kind == WALK) {
				CHECK_INT(queue_issue(q, v->svc, &t), Q_OK);
				v->id = t.id;
			} else {
				CHECK_INT(queue_checkin(q, v->code, &rules, &t,
				    &how), Q_OK);
				if (v->kind == BOOKED)
					v->id = t.id;
			}
		}
		for (int k = 1; k <= 4; k++) {
			int rc;

			if (busy[k] > m)
				continue;
			rc = queue_call_next(q, k, &t);
			CHECK(rc == Q_OK || rc == Q_ENOWAIT);
			busy[k] = rc == Q_OK ? m + 3 + (int)((uint64_t)t.id *
			    2654435761u % 6) :
			    m + 1;
		}
		if (fx_occupancy(q) > limit)
			res->over_limit++;
	}
	for (int i = 0; i < NVIS; i++) {
		struct visitor *v = &vis[i];

		if (!v->id)
			continue;
		CHECK_INT(queue_ticket_get(q, v->id, &t), Q_OK);
		if (v->kind == WALK && t.called_ms) {
			sum += (double)(t.called_ms - t.issued_ms) / 1000;
			res->walkins++;
		}
		if (v->kind == BOOKED && v->on_time) {
			res->booked_on_time++;
			res->booked_in_10 += t.called_ms &&
			    t.called_ms - AT(8, v->slot) <= 10 * FX_MIN;
		}
	}
	res->walk_wait_s = res->walkins ? sum / res->walkins : 0;
	{
		struct report rep;
		int booked = 0, in = 0, never = 0;

		for (int i = 0; i < NVIS; i++) {
			booked += vis[i].kind == BOOKED;
			in += vis[i].kind == BOOKED && vis[i].arrive >= 0;
			never += vis[i].kind == BOOKED && vis[i].arrive < 0;
		}
		CHECK_INT(report_build(q, "2026-11-23", "2026-11-23", &rep),
		    Q_OK);
		CHECK_INT(rep.booked, booked);
		CHECK_INT(rep.booked_checked_in, in);
		/* the late ones were no-shows first, then came: checked in */
		CHECK_INT(rep.booked_no_show, never);
		CHECK_INT(rep.slot_called, res->booked_on_time);
		CHECK(rep.slot_wait_mean_s <= 10 * 60);
		res->slot_wait_s = rep.slot_wait_mean_s;
	}
	fx_check_ok(q);
	queue_close(q);
}

static void
test_office_day(void)
{
	struct sim_result plain, mixed;

	sim_day(0, &plain);
	sim_day(1, &mixed);
	CHECK_INT(plain.over_limit, 0);
	CHECK_INT(mixed.over_limit, 0);
	CHECK(mixed.booked_on_time > 10);
	/* at least 90% of on-time appointments called within 10 min */
	CHECK(mixed.booked_in_10 * 10 >= mixed.booked_on_time * 9);
	printf("office day, %d visitors: walk-ins' mean wait %.1f min "
	    "without remote and booked visitors (%d walk-ins), %.1f min "
	    "with 30%% of them (%d walk-ins); on-time appointments called "
	    "within 10 min of their slot: %d of %d (mean wait from the "
	    "slot %.1f min)\n", NVIS,
	    plain.walk_wait_s / 60, plain.walkins, mixed.walk_wait_s / 60,
	    mixed.walkins, mixed.booked_in_10, mixed.booked_on_time,
	    mixed.slot_wait_s / 60);
}

/* The head office's requests: issued once by their id, whatever the
 * number of times they are asked; the second time with a new code (the
 * first one was shown to nobody) and the first code no longer valid. */
static void
test_request_once(void)
{
	queue *q = fx_fresh();
	struct q_ticket t, t2, w;
	struct q_slot_taken tk[4];
	enum q_checkin_how how;
	char c[7], c2[7], qr[64], qr2[64];
	int n = 4;

	CHECK_INT(queue_request_remote(q, 0, 'A', &rules, &t, c, qr),
	    Q_EINVAL);
	CHECK_INT(queue_request_remote(q, 41, 'A', &rules, &t, c, qr), Q_OK);
	CHECK_INT(queue_request_remote(q, 41, 'A', &rules, &t2, c2, qr2),
	    Q_OK);
	CHECK_INT((int)t2.id, (int)t.id);           /* one ticket */
	CHECK_STR(t2.label, "A001");
	CHECK(strcmp(c, c2) != 0);                  /* a new code */
	CHECK_INT(queue_request_remote(q, 42, 'A', &rules, &w, c, qr), Q_OK);
	CHECK_STR(w.label, "A002");                 /* another request */
	CHECK_INT(queue_checkin(q, qr, &rules, &w, &how), Q_OK);
	CHECK_INT(queue_request_remote(q, 42, 'A', &rules, &w, c, qr),
	    Q_ECODEUSED);                           /* checked in meanwhile */
	CHECK_INT(queue_checkin(q, c2, &rules, &w, &how), Q_OK);
	CHECK_STR(w.label, "A001");
	/* a booking likewise */
	slots_a(q);
	CHECK_INT(queue_request_book(q, 43, 'A', AT(9, 0), "Siti", NULL,
	    &rules, c, qr), Q_OK);
	CHECK_INT(queue_request_book(q, 43, 'A', AT(9, 0), "Siti", NULL,
	    &rules, c2, qr2), Q_OK);
	CHECK(strcmp(c, c2) != 0);
	CHECK_INT(queue_slots_taken(q, 'A', tk, &n), Q_OK);
	CHECK_INT(n, 1);                            /* one place taken */
	CHECK_INT(tk[0].n, 1);
	CHECK(tk[0].slot_ms == AT(9, 0));
	CHECK_INT(queue_checkin(q, c, &rules, &w, &how), Q_ECODE);
	/* what their links at the head office show: the remote tickets,
	 * and the booking once it checked in, newest request first */
	{
		struct q_request_ticket rt[8];
		int m = 8;

		CHECK_INT(queue_request_tickets(q, &rules, rt, &m), Q_OK);
		CHECK_INT(m, 2);                    /* 43 not checked in */
		CHECK(rt[0].request == 42 && rt[1].request == 41);
		CHECK_STR(rt[0].t.label, "A002");
		CHECK_INT(queue_checkin(q, c2, &rules, &w, &how), Q_OK);
		m = 8;
		CHECK_INT(queue_request_tickets(q, &rules, rt, &m), Q_OK);
		CHECK_INT(m, 3);
		CHECK(rt[0].request == 43);
		CHECK(rt[0].t.id == w.id);
		CHECK(rt[0].t.state == w.state);
		m = 1;                              /* room for one: the newest */
		CHECK_INT(queue_request_tickets(q, &rules, rt, &m), Q_OK);
		CHECK_INT(m, 1);
		CHECK(rt[0].request == 43);
		/* a booking not checked in by its slot + Q_SLOT_LATE_MIN:
		 * listed after the tickets, missed, without one */
		CHECK_INT(queue_request_book(q, 44, 'A', AT(9, 15), NULL, NULL,
		    &rules, c, qr), Q_OK);
		fx_now_ms = AT(9, 15) + (Q_SLOT_LATE_MIN + 1) * FX_MIN;
		CHECK_INT(queue_issue(q, 'B', &t), Q_OK);   /* a write steps */
		m = 8;
		CHECK_INT(queue_request_tickets(q, &rules, rt, &m), Q_OK);
		CHECK_INT(m, 4);
		CHECK(rt[3].request == 44 && rt[3].missed && !rt[3].t.id);
		CHECK(!rt[0].missed);
	}
	/* the texts a slot is asked with */
	CHECK(q_slot_parse("2026-11-23 09:15") == AT(9, 15));
	CHECK(q_slot_parse("2026-11-23T09:15") == AT(9, 15));
	CHECK(q_slot_parse("2026-11-23 9:15") == -1);
	CHECK(q_slot_parse("2026-02-30 09:15") == -1);
	CHECK(q_slot_parse("2026-11-23 09:1x") == -1);
	CHECK_INT(q_hhmm_parse("08:30"), 510);
	CHECK_INT(q_hhmm_parse("24:00"), 1440);
	CHECK_INT(q_hhmm_parse("24:01"), -1);
	CHECK_INT(q_hhmm_parse("8:30"), -1);
	fx_check_ok(q);
	queue_close(q);
}

/* People ahead of a remote ticket not checked in: an appointment checked
 * in whose slot came stands at the door before any write moves it there
 * (a read counts it); then when to come, from the wait. */
static void
test_ahead_and_come(void)
{
	queue *q = fx_fresh();
	struct q_ticket t, b, w;
	enum q_checkin_how how;
	char c[7], bc[7], qr[64];
	int64_t by;

	slots_a(q);
	CHECK_INT(queue_book(q, 'A', AT(9, 0), NULL, NULL, &rules, bc, qr),
	    Q_OK);
	fx_now_ms = AT(8, 5);
	remote(q, 'A', &t, c, qr);
	fx_now_ms = AT(8, 40);
	CHECK_INT(queue_checkin(q, bc, &rules, &b, &how), Q_OK);
	CHECK_INT(b.state, Q_EXPECTED);
	/* 08:50: its slot has not come: not ahead */
	fx_now_ms = AT(8, 50);
	CHECK_INT(queue_ticket_wait(q, &t), Q_OK);
	CHECK_INT(t.people_ahead, 0);
	/* 09:01, nothing written since: the appointment is ahead already */
	fx_now_ms = AT(9, 1);
	CHECK_INT(queue_ticket_wait(q, &t), Q_OK);
	CHECK_INT(t.ahead_outside, 1);
	CHECK_INT(t.people_ahead, 1);
	CHECK_INT(queue_ticket_wait(q, &b), Q_OK);
	CHECK_INT(b.people_ahead, 0);          /* it does not count itself */
	/* a write moves it to the door: the same count */
	CHECK_INT(queue_issue(q, 'B', &w), Q_OK);
	CHECK_INT(queue_ticket_wait(q, &t), Q_OK);
	CHECK_INT(t.people_ahead, 1);

	/* when to come: under come_min "come now", else by its turn,
	 * rounded down to Q_COME_ROUND_MIN; no estimate, no advice */
	memset(&w, 0, sizeof w);
	w.state = Q_EXPECTED;
	w.est_wait_s = 40 * 60 + 20;
	CHECK_INT(queue_remote_come(&w, &rules, AT(9, 1), &by), 0);
	CHECK(by == AT(9, 40));
	w.est_wait_s = rules.come_min * 60;
	CHECK_INT(queue_remote_come(&w, &rules, AT(9, 1), &by), 0);
	CHECK(by == AT(9, 30));
	w.est_wait_s = rules.come_min * 60 - 1;
	CHECK_INT(queue_remote_come(&w, &rules, AT(9, 1), &by), 1);
	CHECK(by == 0);
	/* come_min 1 and 3 minutes' wait at 09:01: 09:04 rounds down to
	 * 09:00, a time gone: come now; 5 minutes' wait: by 09:05 */
	rules.come_min = 1;
	w.est_wait_s = 3 * 60;
	CHECK_INT(queue_remote_come(&w, &rules, AT(9, 1), &by), 1);
	CHECK(by == 0);
	w.est_wait_s = 4 * 60;
	CHECK_INT(queue_remote_come(&w, &rules, AT(9, 1), &by), 0);
	CHECK(by == AT(9, 5));
	w.est_wait_s = -1;
	CHECK_INT(queue_remote_come(&w, &rules, AT(9, 1), &by), 0);
	CHECK(by == 0);
	w.est_wait_s = 3600;
	w.state = Q_OUTSIDE;                   /* there already */
	CHECK_INT(queue_remote_come(&w, &rules, AT(9, 1), &by), 0);
	CHECK(by == 0);
	fx_check_ok(q);
	queue_close(q);
}

/* The visitor gives a remote ticket back with its code; another ticket's
 * code, a checked-in ticket: refused, nothing changes. */
static void
test_visitor_cancel(void)
{
	queue *q = fx_fresh();
	struct q_ticket t, u, w;
	enum q_checkin_how how;
	char c[7], cu[7], qr[64], qru[64];

	remote(q, 'A', &t, c, qr);
	remote(q, 'A', &u, cu, qru);
	CHECK_INT(queue_remote_cancel(q, t.token, cu), Q_ECODE);
	CHECK_INT(queue_remote_cancel(q, t.token, "xx"), Q_EINVAL);
	CHECK_INT(queue_remote_cancel(q, "aaaaaaaaaaaaaaaa", c), Q_ENOTICKET);
	/* a forged QR: its code with another secret */
	qr[Q_CHECKIN_CODE_LEN + 1] = qr[Q_CHECKIN_CODE_LEN + 1] == 'a' ? 'b' : 'a';
	CHECK_INT(queue_remote_cancel(q, t.token, qr), Q_ECODE);
	CHECK_INT(queue_ticket_by_token(q, t.token, &w), Q_OK);
	CHECK_INT(w.state, Q_EXPECTED);
	CHECK_INT(queue_remote_cancel(q, t.token, c), Q_OK);
	CHECK_INT(queue_ticket_by_token(q, t.token, &w), Q_OK);
	CHECK_INT(w.state, Q_CANCELLED);
	CHECK_INT(queue_remote_cancel(q, t.token, c), Q_ESTATE);
	CHECK_INT(queue_checkin(q, c, &rules, &w, &how), Q_ECODEEXPIRED);
	/* checked in: the visitor is there, staff cancel it */
	CHECK_INT(queue_checkin(q, qru, &rules, &w, &how), Q_OK);
	CHECK_INT(queue_remote_cancel(q, u.token, cu), Q_ESTATE);
	fx_check_ok(q);
	queue_close(q);
}

int
main(void)
{
	static void (*const tests[])(void) = { test_not_counted,
	    test_in_place, test_late, test_refused, test_rate_limit,
	    test_share, test_book_rules, test_book_called, test_book_noshow,
	    test_request_once, test_office_day, test_ahead_and_come,
	    test_visitor_cancel };

	q_remote_defaults(&rules);
	return fx_main("test_remote", tests, sizeof tests / sizeof tests[0]);
}
