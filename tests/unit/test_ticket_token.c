/* test_ticket_token.c - the visitor's link: every ticket gets a random
 * token, queue_ticket_by_token finds today's ticket only, and
 * queue_ticket_wait counts the people ahead at the door and in the
 * service.  A real SQLite file and a clock the test moves; the demo
 * office (services A B C D P, counters 1:AP 2:ABP 3:BC 4:CD). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "fixture.h"
#include "print.h"
#include "queue.h"

static int
token_ok(const char *s)
{
	if (strlen(s) != Q_TICKET_TOKEN_LEN)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '2' && *s <= '7')))
			return 0;
	return 1;
}

static void
test_tokens(void)
{
	queue *q = fx_fresh();
	struct q_ticket a, b, c;
	char bad[32];

	CHECK_INT(queue_issue(q, 'A', &a), Q_OK);
	CHECK_INT(queue_issue(q, 'A', &b), Q_OK);
	CHECK(token_ok(a.token));
	CHECK(token_ok(b.token));
	CHECK(strcmp(a.token, b.token) != 0);
	/* stored: read back by id and by token */
	CHECK_INT(queue_ticket_get(q, a.id, &c), Q_OK);
	CHECK_STR(c.token, a.token);
	CHECK_INT(queue_ticket_by_token(q, b.token, &c), Q_OK);
	CHECK_STR(c.label, "A002");
	CHECK_INT(c.id, b.id);
	/* malformed or unknown */
	CHECK_INT(queue_ticket_by_token(q, "", &c), Q_EINVAL);
	CHECK_INT(queue_ticket_by_token(q, NULL, &c), Q_EINVAL);
	CHECK_INT(queue_ticket_by_token(q, "A001", &c), Q_EINVAL);
	snprintf(bad, sizeof bad, "%s", a.token);
	bad[3] = '1';                            /* not in base32 */
	CHECK_INT(queue_ticket_by_token(q, bad, &c), Q_EINVAL);
	snprintf(bad, sizeof bad, "%sa", a.token);
	CHECK_INT(queue_ticket_by_token(q, bad, &c), Q_EINVAL);
	snprintf(bad, sizeof bad, "%s", a.token);
	bad[0] = bad[0] == 'a' ? 'b' : 'a';
	CHECK_INT(queue_ticket_by_token(q, bad, &c), Q_ENOTICKET);
	/* a thousand tokens, all different (80 bits: a clash would be a
	 * broken generator) */
	{
		static char seen[1000][Q_TICKET_TOKEN_MAX];
		int dup = 0;

		for (int i = 0; i < 1000; i++) {
			struct q_ticket t;

			CHECK_INT(queue_issue(q, 'C', &t), Q_OK);
			snprintf(seen[i], sizeof seen[i], "%s", t.token);
			for (int k = 0; k < i; k++)
				dup += !strcmp(seen[k], seen[i]);
		}
		CHECK_INT(dup, 0);
	}
	queue_close(q);
}

static void
test_day_end(void)
{
	queue *q = fx_fresh();
	struct q_ticket a, c;

	CHECK_INT(queue_issue(q, 'A', &a), Q_OK);
	fx_now_ms += 15 * FX_HOUR;                     /* 23:00, same day */
	CHECK_INT(queue_ticket_by_token(q, a.token, &c), Q_OK);
	/* past midnight: no write yet, the link has ended all the same */
	fx_now_ms += 2 * FX_HOUR;                      /* 01:00 next day */
	CHECK_INT(queue_ticket_by_token(q, a.token, &c), Q_ENOTICKET);
	/* the day rolled over by a write: still gone */
	fx_now_ms += 7 * FX_HOUR;
	CHECK_INT(queue_issue(q, 'B', &c), Q_OK);
	CHECK_INT(queue_ticket_by_token(q, a.token, &c), Q_ENOTICKET);
	/* the ticket itself is still there, by id, with its token */
	CHECK_INT(queue_ticket_get(q, a.id, &c), Q_OK);
	CHECK_STR(c.token, a.token);
	queue_close(q);
}

static void
test_wait(void)
{
	queue *q = fx_fresh();
	struct q_ticket t[6], w;
	int n;

	CHECK_INT(queue_set_limit(q, 3), Q_OK);
	/* inside: A001 A002 B001; outside: A003 B002 A004 */
	CHECK_INT(queue_issue(q, 'A', &t[0]), Q_OK);
	CHECK_INT(queue_issue(q, 'A', &t[1]), Q_OK);
	CHECK_INT(queue_issue(q, 'B', &t[2]), Q_OK);
	CHECK_INT(queue_issue(q, 'A', &t[3]), Q_OK);
	fx_now_ms += 1000;
	CHECK_INT(queue_issue(q, 'B', &t[4]), Q_OK);
	fx_now_ms += 1000;
	CHECK_INT(queue_issue(q, 'A', &t[5]), Q_OK);
	CHECK_INT(t[5].state, Q_OUTSIDE);
	/* the newest: the same figures as at issue */
	w = t[5];
	CHECK_INT(queue_ticket_wait(q, &w), Q_OK);
	CHECK_INT(w.people_ahead, t[5].people_ahead);
	CHECK_INT(w.est_wait_s, t[5].est_wait_s);
	CHECK_INT(w.ahead_outside, 2);           /* A003, B002 */
	CHECK_INT(w.ahead_inside, 2);            /* A001, A002 */
	/* everyone ahead of it: at the door and inside (docs/rules.md) */
	CHECK_INT(w.people_ahead, 4);
	/* inside: only its own service, in the order of the call */
	w = t[1];
	CHECK_INT(queue_ticket_wait(q, &w), Q_OK);
	CHECK_INT(w.ahead_outside, 0);
	CHECK_INT(w.ahead_inside, 1);
	CHECK_INT(w.people_ahead, 1);
	CHECK(w.est_wait_s > 0);
	/* A001 called at counter 1, then done: A003 enters */
	CHECK_INT(queue_call_next(q, 1, &w), Q_OK);
	CHECK_STR(w.label, "A001");
	CHECK_INT(queue_ticket_wait(q, &w), Q_OK);
	CHECK_INT(w.people_ahead, 0);
	CHECK_INT(w.est_wait_s, 0);
	CHECK_INT(queue_done(q, 1, &w), Q_OK);
	CHECK_INT(queue_ticket_by_token(q, t[3].token, &w), Q_OK);
	CHECK_INT(w.state, Q_ADMITTED);
	CHECK_INT(queue_ticket_wait(q, &w), Q_OK);
	CHECK_INT(w.ahead_inside, 1);            /* A002 */
	CHECK_INT(w.ahead_outside, 0);
	CHECK_INT(queue_ticket_by_token(q, t[5].token, &w), Q_OK);
	CHECK_INT(queue_ticket_wait(q, &w), Q_OK);
	CHECK_INT(w.ahead_outside, 1);           /* B002 */
	CHECK_INT(w.ahead_inside, 2);            /* A002 A003 */
	/* finished or cancelled: nobody ahead, no estimate */
	CHECK_INT(queue_cancel(q, "A004", "left"), Q_OK);
	CHECK_INT(queue_ticket_by_token(q, t[5].token, &w), Q_OK);
	CHECK_INT(w.state, Q_CANCELLED);
	CHECK_INT(queue_ticket_wait(q, &w), Q_OK);
	CHECK_INT(w.people_ahead + w.ahead_outside + w.ahead_inside, 0);
	CHECK_INT(w.est_wait_s, -1);
	{
		char why[Q_REASON_MAX];

		CHECK_INT(queue_ticket_cancel_reason(q, &w, why, sizeof why),
		    Q_OK);
		CHECK_STR(why, "left");
		CHECK_INT(queue_ticket_by_token(q, t[4].token, &w), Q_OK);
		CHECK_INT(queue_ticket_cancel_reason(q, &w, why, sizeof why),
		    Q_OK);
		CHECK_STR(why, "");
	}
	n = 0;
	for (int i = 0; i < 6; i++)
		n += t[i].token[0] != 0;
	CHECK_INT(n, 6);
	queue_close(q);
}

/* The link's QR code: the URL, the matrix, and the printed ticket grows
 * by the code only when there is a public URL and a token. */
static void
test_qr(void)
{
	queue *q = fx_fresh();
	struct print_opts o;
	struct ticket_bitmap b0, b1;
	struct ticket_qr qr;
	struct q_ticket t, old;
	char url[200], err[256];
	int dark = 0;

	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	queue_close(q);
	CHECK_INT(ticket_qr_url("http://10.0.0.1:8080", &t, url, sizeof url), 0);
	CHECK(!strncmp(url, "http://10.0.0.1:8080/t/", 23));
	CHECK_STR(url + 23, t.token);
	CHECK_INT(ticket_qr_url("", &t, url, sizeof url), -1);
	CHECK_STR(url, "");
	CHECK_INT(ticket_qr_url("http://10.0.0.1:8080", &t, url, 20), -1);
	old = t;
	old.token[0] = 0;                        /* issued before schema 4 */
	CHECK_INT(ticket_qr_url("http://10.0.0.1:8080", &old, url,
	    sizeof url), -1);
	CHECK_INT(ticket_qr_make("http://10.0.0.1:8080/t/abcdefghijklmnop",
	    &qr), 0);
	CHECK(qr.size >= 21 && qr.size <= 41);
	for (int i = 0; i < qr.size * qr.size; i++)
		dark += qr.mod[i];
	CHECK(dark > qr.size * qr.size / 4 && dark < qr.size * qr.size * 3 / 4);
	CHECK_INT(qr.mod[0], 1);                 /* a finder pattern's corner */
	ticket_qr_free(&qr);
	CHECK_INT(qr.size, 0);
	print_opts_from_config(&o, NULL);
	if (ticket_render(&o, &t, NULL, &b0, err, sizeof err)) {
		fprintf(stderr, "no font, renderer not checked: %s\n", err);
		return;
	}
	snprintf(o.public_url, sizeof o.public_url, "http://10.0.0.1:8080");
	CHECK_INT(ticket_render(&o, &t, NULL, &b1, err, sizeof err), 0);
	CHECK(b1.h > b0.h + 150);                /* the code and its line */
	ticket_bitmap_free(&b1);
	CHECK_INT(ticket_render(&o, &old, NULL, &b1, err, sizeof err), 0);
	CHECK_INT(b1.h, b0.h);                   /* no token: no code */
	ticket_bitmap_free(&b1);
	ticket_bitmap_free(&b0);
}

int
main(void)
{
	static void (*const tests[])(void) = { test_tokens, test_day_end,
	    test_wait, test_qr };

	return fx_main("test_ticket_token", tests, sizeof tests / sizeof tests[0]);
}
