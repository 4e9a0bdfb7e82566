/* test_wait.c - the door's rules: what a visitor is told (the
 * people ahead at the door and in the service, a wait that includes the
 * wait for a place in the room), priority at the door, closed services,
 * and the counter's words when nobody can be called.
 *
 * Each test starts from a fresh demo office (services A B C D and priority
 * P, counters 1:AP 2:ABP 3:BC 4:CD, all open) at 08:00 WIB on 2026-11-23,
 * with no ticket served yet: every estimate uses the default 300 s.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "i18n.h"
#include "fixture.h"
#include "queue.h"

#define MEAN 300                 /* default service time, s */

/* Issue a ticket, a minute after the one before. */
static struct q_ticket
issue(queue *q, char code)
{
	struct q_ticket t;

	fx_now_ms += FX_MIN;
	CHECK_INT(queue_issue(q, code, &t), Q_OK);
	return t;
}

/* The issue's example: limit 2, ten A, then D.  Two counters can be busy
 * (the room holds two), so the room frees a place every MEAN / 2. */
static void
test_wait_counts_the_door(void)
{
	queue *q = fx_fresh();
	struct q_ticket t;
	struct q_service *s;

	CHECK_INT(queue_set_limit(q, 2), Q_OK);
	for (int i = 0; i < 10; i++)
		t = issue(q, 'A');
	t = issue(q, 'D');
	CHECK_STR(t.label, "D001");
	CHECK_INT(t.state, Q_OUTSIDE);
	CHECK_INT(t.people_ahead, 8);            /* A003..A010 at the door */
	CHECK_INT(t.ahead_outside, 8);
	CHECK_INT(t.ahead_inside, 0);
	/* 9 must leave the room (8 ahead, then one for D001) */
	CHECK_INT(t.est_wait_s, 9 * MEAN / 2);
	/* A010: 7 ahead at the door, A001 and A002 inside; its service's
	 * queue (9 at 2 counters) is longer than the door's (8 places) */
	CHECK_INT(queue_ticket_find(q, "A010", &t), Q_OK);
	CHECK_INT(queue_ticket_wait(q, &t), Q_OK);
	CHECK_STR(t.label, "A010");
	CHECK_INT(t.ahead_outside, 7);
	CHECK_INT(t.ahead_inside, 2);
	CHECK_INT(t.people_ahead, 9);
	CHECK_INT(t.est_wait_s, 9 * MEAN / 2);
	/* A001, inside: nobody ahead */
	CHECK_INT(queue_ticket_find(q, "A001", &t), Q_OK);
	CHECK_INT(queue_ticket_wait(q, &t), Q_OK);
	CHECK_INT(t.people_ahead, 0);
	CHECK_INT(t.est_wait_s, 0);
	/* the kiosk's tile for a new D: 9 at the door, D001 among them */
	s = fx_svc(q, 'D');
	CHECK_INT(s->waiting + s->outside, 1);
	CHECK_INT(s->ahead_outside, 9);
	CHECK_INT(s->ahead_inside, 0);
	CHECK_INT(s->people_ahead, 9);
	CHECK_INT(s->est_wait_s, 10 * MEAN / 2);
	/* and for a new A: 9 at the door, 2 of A inside; A's own queue (10
	 * at 2 counters) is as long as the door's (10 places) */
	s = fx_svc(q, 'A');
	CHECK_INT(s->ahead_outside, 9);
	CHECK_INT(s->people_ahead, 11);
	CHECK_INT(s->est_wait_s, 10 * MEAN / 2);
	/* with room to spare, a new ticket walks in: only its service */
	CHECK_INT(queue_set_limit(q, 0), Q_OK);
	s = fx_svc(q, 'D');
	CHECK_INT(s->ahead_outside, 0);
	CHECK_INT(s->people_ahead, 1);
	CHECK_INT(s->est_wait_s, 1 * MEAN);      /* D: counter 4 alone */
	fx_check_ok(q);
	queue_close(q);
}

/* A limit lowered below the people inside: those above it leave first. */
static void
test_wait_limit_lowered(void)
{
	queue *q = fx_fresh();
	struct q_ticket t;

	for (int i = 0; i < 4; i++)
		t = issue(q, 'A');
	CHECK_INT(queue_set_limit(q, 2), Q_OK);
	t = issue(q, 'B');
	CHECK_INT(t.state, Q_OUTSIDE);
	CHECK_INT(t.people_ahead, 0);
	CHECK_INT(t.est_wait_s, 3 * MEAN / 2);   /* 2 above the limit + 1 */
	/* no counter open: nobody knows */
	for (int c = 1; c <= 4; c++)
		CHECK_INT(queue_counter_set_state(q, c, Q_COUNTER_PAUSED), Q_OK);
	CHECK_INT(queue_ticket_wait(q, &t), Q_OK);
	CHECK_INT(t.est_wait_s, -1);
	fx_check_ok(q);
	queue_close(q);
}

/* Priority at the door: with limit 1, A001 inside, A002 and P001 outside:
 * the place A001 frees goes to P001; then FIFO within each class. */
static void
test_priority_at_the_door(void)
{
	queue *q = fx_fresh();
	struct q_ticket t;

	CHECK_INT(queue_set_limit(q, 1), Q_OK);
	t = issue(q, 'A');
	CHECK_INT(t.state, Q_ADMITTED);
	t = issue(q, 'A');
	CHECK_INT(t.state, Q_OUTSIDE);
	CHECK_INT(t.ahead_outside, 0);
	CHECK_INT(t.people_ahead, 1);            /* A001, inside */
	t = issue(q, 'P');
	CHECK_STR(t.label, "P001");
	CHECK_INT(t.state, Q_OUTSIDE);
	CHECK_INT(t.ahead_outside, 0);           /* goes in before A002 */
	CHECK_INT(t.people_ahead, 0);
	CHECK_INT(t.est_wait_s, MEAN);           /* one place, one counter busy */
	t = issue(q, 'P');
	CHECK_INT(t.ahead_outside, 1);           /* P002: behind P001 only */
	CHECK_INT(t.est_wait_s, 2 * MEAN);
	/* A002 is now behind both P tickets */
	CHECK_INT(queue_ticket_find(q, "A002", &t), Q_OK);
	CHECK_INT(queue_ticket_wait(q, &t), Q_OK);
	CHECK_INT(t.ahead_outside, 2);
	CHECK_INT(t.ahead_inside, 1);            /* A001 */
	CHECK_INT(fx_svc(q, 'P')->ahead_outside, 2);
	CHECK_INT(fx_svc(q, 'A')->ahead_outside, 3);
	/* A001 done: P001 comes in, not A002 */
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	CHECK_STR(t.label, "A001");
	CHECK_INT(queue_done(q, 1, &t), Q_OK);
	CHECK_INT(fx_state_of(q, "P001"), Q_ADMITTED);
	CHECK_INT(fx_state_of(q, "A002"), Q_OUTSIDE);
	CHECK_INT(queue_status(q, &fx_st), Q_OK);
	CHECK_STR(fx_st.admitted[0].label, "P001");
	CHECK_INT(queue_call_next(q, 2, &t), Q_OK);
	CHECK_STR(t.label, "P001");
	CHECK_INT(queue_done(q, 2, &t), Q_OK);
	CHECK_INT(fx_state_of(q, "P002"), Q_ADMITTED);   /* FIFO among P */
	CHECK_INT(queue_call_next(q, 2, &t), Q_OK);
	CHECK_INT(queue_noshow(q, 2, &t), Q_OK);
	CHECK_INT(fx_state_of(q, "A002"), Q_ADMITTED);   /* then the others */
	fx_check_ok(q);
	queue_close(q);
}

/* Closing a service stops its new tickets; those waiting, inside or
 * outside, are still admitted and called. */
static void
test_closed_service(void)
{
	queue *q = fx_fresh();
	struct q_ticket t;

	CHECK_INT(queue_set_limit(q, 1), Q_OK);
	issue(q, 'B');
	t = issue(q, 'B');
	CHECK_INT(t.state, Q_OUTSIDE);
	CHECK_INT(queue_service_set_open(q, 'B', 0), Q_OK);
	fx_now_ms += FX_MIN;
	CHECK_INT(queue_issue(q, 'B', &t), Q_ECLOSED);
	CHECK_INT(queue_call_next(q, 3, &t), Q_OK);
	CHECK_STR(t.label, "B001");
	CHECK_INT(queue_done(q, 3, &t), Q_OK);
	CHECK_INT(fx_state_of(q, "B002"), Q_ADMITTED);
	CHECK_INT(queue_call_next(q, 3, &t), Q_OK);
	CHECK_STR(t.label, "B002");
	CHECK_INT(queue_call_next(q, 3, &t), Q_ENOWAIT);
	CHECK_INT(fx_svc(q, 'B')->issued_today, 2);
	fx_check_ok(q);
	queue_close(q);
}

/* The words for "nobody to call": never an admit command that does not
 * exist. */
static void
test_nowait_words(void)
{
	char buf[160];

	CHECK_STR(i18n_nowait(LANG_EN, 1, buf, sizeof buf),
	    "The room is full and nobody has been admitted (1 waiting "
	    "outside)");
	CHECK_STR(i18n_nowait(LANG_ID, 3, buf, sizeof buf),
	    "Ruangan penuh: belum ada yang boleh masuk (3 menunggu di luar)");
	CHECK_STR(i18n_nowait(LANG_EN, 0, buf, sizeof buf),
	    "Nobody waiting inside");
	CHECK(strstr(queue_strerror(Q_ENOWAIT), "admit people") == NULL);
}

/* The catalogue: every row has a key (unique), both languages, and the
 * same placeholders in the same order in both. */
static void
placeholders(const char *s, char *out, size_t len)
{
	size_t n = 0;

	for (; *s && n + 1 < len; s++)
		if (s[0] == '%' && s[1])
			out[n++] = *++s;
	out[n] = 0;
}

static void
test_catalogue(void)
{
	char a[16], b[16];

	for (int w = 0; w < W_COUNT; w++) {
		const char *k = i18n_w_key((enum i18n_word)w);

		CHECK(k && *k && *i18n_w(LANG_ID, (enum i18n_word)w) &&
		    *i18n_w(LANG_EN, (enum i18n_word)w));
		placeholders(i18n_w(LANG_ID, (enum i18n_word)w), a, sizeof a);
		placeholders(i18n_w(LANG_EN, (enum i18n_word)w), b, sizeof b);
		if (strcmp(a, b))
			fprintf(stderr, "word %s: %%%s vs %%%s\n", k, a, b);
		CHECK_STR(a, b);
		for (int v = 0; v < w; v++)
			CHECK(strcmp(k, i18n_w_key((enum i18n_word)v)) != 0);
	}
	CHECK_STR(i18n_w(LANG_EN, W_ROOM_FULL_OUTSIDE), "The room is full and "
	    "nobody has been admitted (%d waiting outside)");
}

int
main(void)
{
	static void (*const tests[])(void) = { test_wait_counts_the_door,
	    test_wait_limit_lowered, test_priority_at_the_door,
	    test_closed_service, test_nowait_words, test_catalogue };

	return fx_main("test_wait", tests, sizeof tests / sizeof tests[0]);
}
