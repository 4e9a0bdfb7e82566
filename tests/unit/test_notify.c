/* test_notify.c - reminders (queue_notify.c): a phone number attached to
 * a remote ticket or a booking (refused when malformed, never in an
 * event), the outbox the notifier derives from the events and the waits
 * (booked, come now, 3 ahead, called, missed; each once per channel),
 * tries with backoff until a message is dead, and the numbers deleted
 * [privacy] keep_days after the visit, with the clock moved.
 *
 * Each test starts from a fresh demo office (services A B C D P,
 * counters 1:AP 2:ABP 3:BC 4:CD) at 08:00 on 2026-11-23, Jakarta time.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "fixture.h"
#include "queue.h"

#define PHONE "+6281234567890"

static struct q_remote_rules rules;
static const struct q_notify_rules both = { 30, Q_CHAN_SMS | Q_CHAN_WHATSAPP,
	1 };

/* The outbox's messages of kind for ticket (or booking) in state st. */
static int
count_kind(queue *q, enum q_msg_state st, enum q_msg_kind k, int64_t ticket,
           int64_t booking, struct q_msg *last)
{
	static struct q_msg m[256];
	int n = 256, c = 0;

	CHECK_INT(queue_notify_list(q, st, m, &n), Q_OK);
	for (int i = 0; i < n; i++)
		if (m[i].kind == k && m[i].ticket == ticket &&
		    m[i].booking == booking) {
			c++;
			if (last)
				*last = m[i];
		}
	return c;
}

static int
derive(queue *q, int64_t *cursor)
{
	int made = -1;

	CHECK_INT(queue_notify_derive(q, &both, cursor, 0, &made), Q_OK);
	return made;
}

/* No event of the database holds the number's digits. */
static void
no_phone_in_events(queue *q)
{
	static struct q_event_rec e[512];
	int n = 512;

	CHECK_INT(queue_events_since(q, 0, e, &n), Q_OK);
	for (int i = 0; i < n; i++) {
		CHECK(strstr(e[i].detail, "1234567890") == NULL);
		CHECK(strstr(e[i].actor, "1234567890") == NULL);
	}
}

static void
test_phone_set(void)
{
	queue *q = fx_fresh();
	struct q_ticket t, w;
	char c[7], qr[64];

	CHECK_INT(queue_remote_issue(q, 'A', &rules, &t, c, qr), Q_OK);
	CHECK_INT(queue_phone_set(q, t.id, 0, "12345", "id"), Q_EINVAL);
	CHECK_INT(queue_phone_set(q, t.id, 0, "0812-3456", "id"), Q_EINVAL);
	CHECK_INT(queue_phone_set(q, t.id, 0, "++628123456", "id"), Q_EINVAL);
	CHECK_INT(queue_phone_set(q, t.id, 0, "081234567890123456789", "id"),
	    Q_EINVAL);
	CHECK_INT(queue_phone_set(q, t.id, 0, PHONE, "fr"), Q_EINVAL);
	CHECK_INT(queue_phone_set(q, t.id, 5, PHONE, "id"), Q_EINVAL);
	CHECK_INT(queue_phone_set(q, 0, 0, PHONE, "id"), Q_EINVAL);
	CHECK_INT(queue_phone_set(q, 9999, 0, PHONE, "id"), Q_ENOTICKET);
	CHECK_INT(queue_phone_set(q, 0, 9999, PHONE, "id"), Q_ENOTICKET);
	CHECK_INT(queue_phone_set(q, t.id, 0, PHONE, "en"), Q_OK);
	CHECK_INT(queue_phone_set(q, t.id, 0, "081111111", "id"), Q_OK);
	/* a finished ticket takes none */
	CHECK_INT(queue_issue(q, 'B', &w), Q_OK);
	CHECK_INT(queue_cancel(q, w.label, "test"), Q_OK);
	CHECK_INT(queue_phone_set(q, w.id, 0, PHONE, "id"), Q_ESTATE);
	no_phone_in_events(q);
	queue_close(q);
}

/* what a page may promise to the holder of a ticket with a phone */
static void
test_reminder_ahead(void)
{
	CHECK_INT(q_reminder_ahead(Q_EXPECTED, 0), 1);
	CHECK_INT(q_reminder_ahead(Q_EXPECTED, 1), 0);  /* "come now" says it */
	CHECK_INT(q_reminder_ahead(Q_OUTSIDE, 0), 1);
	CHECK_INT(q_reminder_ahead(Q_ADMITTED, 0), 1);
	CHECK_INT(q_reminder_ahead(Q_CALLED, 0), 0);
	CHECK_INT(q_reminder_ahead(Q_DONE, 0), 0);
	CHECK_INT(q_reminder_ahead(Q_NO_SHOW, 0), 0);
	CHECK_INT(q_reminder_ahead(Q_CANCELLED, 0), 0);
}

static void
test_ticket_messages(void)
{
	queue *q = fx_fresh();
	struct q_ticket t, w;
	struct q_msg m;
	enum q_checkin_how how;
	int64_t cursor = 0;
	char c[7], qr[64];
	int come_at = -1, ahead_at = -1;

	/* 20 walk-ins in A (two counters): about 50 minutes */
	for (int i = 0; i < 20; i++)
		CHECK_INT(queue_issue(q, 'A', &w), Q_OK);
	fx_now_ms += FX_MIN;
	CHECK_INT(queue_remote_issue(q, 'A', &rules, &t, c, qr), Q_OK);
	CHECK_INT(derive(q, &cursor), 0);          /* no number yet */
	CHECK_INT(queue_phone_set(q, t.id, 0, PHONE, "en"), Q_OK);
	CHECK_INT(derive(q, &cursor), 0);          /* too far to come */
	CHECK(cursor > 0);
	/* the counters work through the walk-ins */
	for (int i = 0; i < 20; i++) {
		fx_now_ms += 2 * FX_MIN;
		CHECK_INT(queue_call_next(q, 1 + i % 2, &w), Q_OK);
		derive(q, &cursor);
		if (come_at < 0 && count_kind(q, Q_MSG_PENDING, Q_MSG_COME,
		    t.id, 0, NULL))
			come_at = i;
		if (ahead_at < 0 && count_kind(q, Q_MSG_PENDING, Q_MSG_AHEAD,
		    t.id, 0, NULL))
			ahead_at = i;
	}
	CHECK(come_at >= 0);
	CHECK(ahead_at > come_at);           /* 3 ahead comes later */
	CHECK_INT(count_kind(q, Q_MSG_PENDING, Q_MSG_COME, t.id, 0, &m), 2);
	CHECK_STR(m.phone, PHONE);
	CHECK_STR(m.lang, "en");
	CHECK_STR(m.p1, t.label);
	CHECK(m.trigger_ms > 0 && m.trigger_ms <= fx_now_ms);
	CHECK_INT(count_kind(q, Q_MSG_PENDING, Q_MSG_AHEAD, t.id, 0, &m), 2);
	CHECK(atoi(m.p2) <= Q_MSG_AHEAD_N);
	/* checked in, called at counter 2: "called to counter 2" */
	CHECK_INT(queue_checkin(q, c, &rules, &w, &how), Q_OK);
	for (int i = 0; i < 30; i++) {
		fx_now_ms += 2 * FX_MIN;
		if (queue_call_next(q, 2, &w) != Q_OK || w.id == t.id)
			break;
	}
	CHECK_INT(w.id, t.id);
	derive(q, &cursor);
	CHECK_INT(count_kind(q, Q_MSG_PENDING, Q_MSG_CALLED, t.id, 0, &m), 2);
	CHECK_STR(m.p2, "2");
	CHECK_INT(queue_noshow(q, 2, &w), Q_OK);
	derive(q, &cursor);
	CHECK_INT(count_kind(q, Q_MSG_PENDING, Q_MSG_MISSED, t.id, 0, NULL), 2);
	/* once each, however often it is derived, from any cursor */
	cursor = 0;
	derive(q, &cursor);
	cursor = 1;
	CHECK_INT(derive(q, &cursor), 0);
	CHECK_INT(count_kind(q, Q_MSG_PENDING, Q_MSG_COME, t.id, 0, NULL), 2);
	/* a walk-in without a number gets nothing */
	CHECK_INT(count_kind(q, Q_MSG_PENDING, Q_MSG_CALLED, w.id - 1, 0,
	    NULL), 0);
	no_phone_in_events(q);
	queue_close(q);
}

#define AT(h, m) (FX_DAY1_0800 + ((h) - 8) * FX_HOUR + (m) * FX_MIN)

static void
test_booking_messages(void)
{
	queue *q = fx_fresh();
	struct q_slot_rules sr = { 15, 2, 14, 8 * 60, 15 * 60 };
	struct q_ticket w;
	struct q_msg m;
	enum q_checkin_how how;
	int64_t cursor = 0, id;
	char c[7], qr[64];

	CHECK_INT(queue_slots_set(q, 'A', &sr), Q_OK);
	CHECK_INT(queue_book(q, 'A', AT(9, 0), NULL, PHONE, &rules, c, qr),
	    Q_OK);
	id = 1;                              /* the first booking */
	derive(q, &cursor);
	CHECK_INT(count_kind(q, Q_MSG_PENDING, Q_MSG_BOOKED, 0, id, &m), 2);
	CHECK_STR(m.p1, "09.00");
	CHECK_STR(m.p2, "2026-11-23");
	CHECK_STR(m.lang, "id");             /* given when booked: Indonesian */
	/* the number attached later, in English, replaces it */
	CHECK_INT(queue_phone_set(q, 0, id, "+628999999999", "en"), Q_OK);
	/* not checked in by 09:15: missed */
	fx_now_ms = AT(9, 20);
	CHECK_INT(queue_issue(q, 'B', &w), Q_OK);
	derive(q, &cursor);
	CHECK_INT(count_kind(q, Q_MSG_PENDING, Q_MSG_MISSED, 0, id, &m), 2);
	CHECK_STR(m.phone, "+628999999999");
	CHECK_STR(m.lang, "en");
	CHECK_STR(m.p1, "09.00");
	CHECK_INT(queue_phone_set(q, 0, id, PHONE, "id"), Q_ESTATE);
	/* a booking checked in before its slot waits EXPECTED, but it is
	 * here: no "come now" */
	CHECK_INT(queue_book(q, 'A', AT(10, 0), NULL, "+628555555555", &rules,
	    c, qr), Q_OK);
	fx_now_ms = AT(9, 40);
	CHECK_INT(queue_checkin(q, c, &rules, &w, &how), Q_OK);
	CHECK_INT(w.state, Q_EXPECTED);
	derive(q, &cursor);
	CHECK_INT(count_kind(q, Q_MSG_PENDING, Q_MSG_COME, w.id, 0, NULL), 0);
	no_phone_in_events(q);
	queue_close(q);
}

/* A booking the head office made is reminded from the head office's
 * outbox (confirmed, 3 ahead, called, missed), so the office derives
 * none of its messages; its own booking, checked in and called beside
 * it, gets them all. */
static void
test_central_booking(void)
{
	queue *q = fx_fresh();
	struct q_slot_rules sr = { 15, 2, 14, 8 * 60, 15 * 60 };
	struct q_ticket w;
	enum q_checkin_how how;
	int64_t cursor = 0, hq, own;
	char c[7], qr[64], c2[7], qr2[64];

	CHECK_INT(queue_slots_set(q, 'A', &sr), Q_OK);
	/* bookings 1 and 2 the head office's, 3 the office's own */
	CHECK_INT(queue_request_book(q, 43, 'A', AT(9, 0), NULL, PHONE,
	    &rules, c, qr), Q_OK);
	CHECK_INT(queue_request_book(q, 44, 'A', AT(9, 15), NULL,
	    "+628111111111", &rules, c2, qr2), Q_OK);
	CHECK_INT(queue_book(q, 'A', AT(9, 15), NULL, "+628555555555", &rules,
	    c2, qr2), Q_OK);
	derive(q, &cursor);
	CHECK_INT(count_kind(q, Q_MSG_PENDING, Q_MSG_BOOKED, 0, 1, NULL), 0);
	CHECK_INT(count_kind(q, Q_MSG_PENDING, Q_MSG_BOOKED, 0, 2, NULL), 0);
	CHECK_INT(count_kind(q, Q_MSG_PENDING, Q_MSG_BOOKED, 0, 3, NULL), 2);
	fx_now_ms = AT(8, 50);
	CHECK_INT(queue_checkin(q, c, &rules, &w, &how), Q_OK);
	hq = w.id;
	fx_now_ms = AT(9, 0);
	CHECK_INT(queue_call_next(q, 1, &w), Q_OK);
	CHECK_INT(w.id, hq);
	derive(q, &cursor);
	CHECK_INT(count_kind(q, Q_MSG_PENDING, Q_MSG_AHEAD, hq, 0, NULL), 0);
	CHECK_INT(count_kind(q, Q_MSG_PENDING, Q_MSG_CALLED, hq, 0, NULL), 0);
	/* the office's own, checked in at 09:10 and called */
	fx_now_ms = AT(9, 10);
	CHECK_INT(queue_checkin(q, c2, &rules, &w, &how), Q_OK);
	own = w.id;
	derive(q, &cursor);
	CHECK_INT(count_kind(q, Q_MSG_PENDING, Q_MSG_AHEAD, own, 0, NULL), 2);
	fx_now_ms = AT(9, 15);
	CHECK_INT(queue_call_next(q, 1, &w), Q_OK);
	CHECK_INT(w.id, own);
	derive(q, &cursor);
	CHECK_INT(count_kind(q, Q_MSG_PENDING, Q_MSG_CALLED, own, 0, NULL), 2);
	/* 2 not checked in by 09:30: missed, from the head office only */
	fx_now_ms = AT(9, 35);
	CHECK_INT(queue_issue(q, 'B', &w), Q_OK);
	derive(q, &cursor);
	CHECK_INT(count_kind(q, Q_MSG_PENDING, Q_MSG_MISSED, 0, 2, NULL), 0);
	CHECK_INT(count_kind(q, Q_MSG_PENDING, Q_MSG_MISSED, 0, 3, NULL), 0);
	queue_close(q);
}

static void
test_tries(void)
{
	queue *q = fx_fresh();
	struct q_ticket t;
	struct q_msg due[8], more[8];
	int64_t cursor = 0, oldest;
	int counts[Q_MSG_STATE_COUNT], n;
	char c[7], qr[64];

	CHECK_INT(queue_remote_issue(q, 'A', &rules, &t, c, qr), Q_OK);
	CHECK_INT(queue_phone_set(q, t.id, 0, PHONE, "id"), Q_OK);
	CHECK_INT(derive(q, &cursor), 4);    /* come now and 3 ahead, x2 */
	n = 8;
	CHECK_INT(queue_notify_due(q, due, &n), Q_OK);
	CHECK_INT(n, 4);
	CHECK_INT(queue_notify_result(q, due[0].id, 1, 0, NULL, 3, 10), Q_OK);
	CHECK_INT(queue_notify_result(q, due[0].id, 1, 0, NULL, 3, 10),
	    Q_ENOTICKET);                    /* sent already */
	/* due[1]: fails, again 10 s later, then 20 s, then it is dead */
	CHECK_INT(queue_notify_result(q, due[1].id, 0, 0, "HTTP 500", 3, 10),
	    Q_OK);
	n = 8;
	CHECK_INT(queue_notify_due(q, more, &n), Q_OK);
	CHECK_INT(n, 2);                     /* not yet due again */
	fx_now_ms += 10 * 1000;
	n = 8;
	CHECK_INT(queue_notify_due(q, more, &n), Q_OK);
	CHECK_INT(n, 3);
	CHECK_INT(queue_notify_result(q, due[1].id, 0, 0, "HTTP 429", 3, 10),
	    Q_OK);
	fx_now_ms += 19 * 1000;
	n = 8;
	CHECK_INT(queue_notify_due(q, more, &n), Q_OK);
	CHECK_INT(n, 2);                     /* backoff doubled: 20 s */
	fx_now_ms += 1000;
	CHECK_INT(queue_notify_result(q, due[1].id, 0, 0, "timeout", 3, 10),
	    Q_OK);
	/* due[2]: refused for good at once */
	CHECK_INT(queue_notify_result(q, due[2].id, 0, 1, "HTTP 400", 3, 10),
	    Q_OK);
	CHECK_INT(queue_notify_counts(q, counts, &oldest), Q_OK);
	CHECK_INT(counts[Q_MSG_SENT], 1);
	CHECK_INT(counts[Q_MSG_DEAD], 2);
	CHECK_INT(counts[Q_MSG_PENDING], 1);
	CHECK(oldest > 0);
	n = 8;
	CHECK_INT(queue_notify_list(q, Q_MSG_DEAD, due, &n), Q_OK);
	CHECK_INT(n, 2);
	CHECK_STR(due[1].error, "timeout");
	CHECK_INT(due[1].tries, 3);
	queue_close(q);
}

static void
test_privacy(void)
{
	queue *q = fx_fresh();
	struct q_slot_rules sr = { 15, 2, 14, 8 * 60, 15 * 60 };
	struct q_ticket t, w;
	struct q_msg m;
	int64_t cursor = 0, day1 = fx_now_ms;
	int removed;
	char c[7], qr[64];

	CHECK_INT(queue_slots_set(q, 'A', &sr), Q_OK);
	CHECK_INT(queue_remote_issue(q, 'A', &rules, &t, c, qr), Q_OK);
	CHECK_INT(queue_phone_set(q, t.id, 0, PHONE, "id"), Q_OK);
	/* a booking 3 days ahead keeps its number longer */
	CHECK_INT(queue_book(q, 'A', AT(9, 0) + 3 * FX_DAY, NULL,
	    "+628777777777", &rules, c, qr), Q_OK);
	derive(q, &cursor);
	CHECK_INT(queue_privacy_purge(q, 30, &removed), Q_OK);
	CHECK_INT(removed, 0);
	/* day 1 + 30 days: still kept */
	fx_now_ms = day1 + 30 * FX_DAY;
	CHECK_INT(queue_issue(q, 'B', &w), Q_OK);
	CHECK_INT(queue_privacy_purge(q, 30, &removed), Q_OK);
	CHECK_INT(removed, 0);
	/* day 1 + 31: the ticket's number and its messages' are gone, the
	 * booking's (day 4) stays */
	fx_now_ms = day1 + 31 * FX_DAY;
	CHECK_INT(queue_issue(q, 'B', &w), Q_OK);
	CHECK_INT(queue_privacy_purge(q, 30, &removed), Q_OK);
	CHECK(removed >= 1 + 4);
	CHECK_INT(count_kind(q, Q_MSG_DEAD, Q_MSG_COME, t.id, 0, &m), 2);
	CHECK_STR(m.phone, "");
	CHECK_INT(count_kind(q, Q_MSG_PENDING, Q_MSG_BOOKED, 0, 1, &m), 2);
	CHECK_STR(m.phone, "+628777777777");
	fx_now_ms = day1 + 34 * FX_DAY;
	CHECK_INT(queue_issue(q, 'B', &w), Q_OK);
	CHECK_INT(queue_privacy_purge(q, 30, &removed), Q_OK);
	CHECK(removed >= 1);
	CHECK_INT(count_kind(q, Q_MSG_DEAD, Q_MSG_BOOKED, 0, 1, &m), 2);
	CHECK_STR(m.phone, "");
	CHECK_INT(queue_privacy_purge(q, 0, &removed), Q_EINVAL);
	fx_check_ok(q);
	queue_close(q);
}

int
main(void)
{
	static void (*const tests[])(void) = { test_phone_set,
	    test_reminder_ahead, test_ticket_messages, test_booking_messages,
	    test_central_booking,
	    test_tries,
	    test_privacy };

	q_remote_defaults(&rules);
	return fx_main("test_notify", tests, sizeof tests / sizeof tests[0]);
}
