/* test_queue.c - the queue core's rules at the door, on a real SQLite
 * file with a clock the test moves (tests/helpers/fixture.h): opening a
 * database, numbering, the room's limit (hold and refuse, a lowered
 * limit), services and counters set up, estimates, and the business day
 * ending.  The counters' side is in test_queue_call.c.  Runs without a
 * display.
 *
 * Each test_* function starts from a fresh demo office (services A B C D
 * P, counters 1:AP 2:ABP 3:BC 4:CD, limit 10, policy hold) at 08:00 on
 * 2026-11-23 in Jakarta time (WIB, UTC+7).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "fixture.h"
#include "queue.h"

static void
test_open_errors(void)
{
	queue *q = NULL;
	char path[600];
	FILE *f;

	snprintf(path, sizeof path, "%s.missing", fx_dbpath);
	unlink(path);
	CHECK_INT(queue_open(&q, path, 0, "t"), Q_ENODB);
	CHECK(q == NULL);
	CHECK(access(path, F_OK) != 0);      /* nothing was created */
	snprintf(path, sizeof path, "%s.text", fx_dbpath);
	f = fopen(path, "w");
	fputs("this is not a database, just some text that is long enough "
	    "to fill a header of one hundred bytes or more. abcdefghijk\n", f);
	fclose(f);
	CHECK_INT(queue_open(&q, path, 0, "t"), Q_ENOTDB);
	CHECK_INT(queue_open(&q, path, Q_OPEN_CREATE, "t"), Q_ENOTDB);
	unlink(path);
	CHECK_INT(queue_open(&q, "", 0, "t"), Q_EINVAL);
}

static void
test_numbering(void)
{
	queue *q = fx_fresh();
	struct q_ticket t;

	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_STR(t.label, "A001");
	CHECK_INT(t.state, Q_ADMITTED);
	CHECK_INT(t.people_ahead, 0);
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_STR(t.label, "A002");
	CHECK_INT(t.people_ahead, 1);
	CHECK_INT(queue_issue(q, 'B', &t), Q_OK);
	CHECK_STR(t.label, "B001");
	CHECK_STR(t.kiosk, "test");
	CHECK_STR(t.day, "2026-11-23");
	CHECK_INT(queue_issue(q, 'Z', &t), Q_ENOSERVICE);
	CHECK_INT(queue_issue(q, '1', &t), Q_ENOSERVICE);
	CHECK_INT(fx_occupancy(q), 3);
	CHECK_INT(fx_svc(q, 'A')->issued_today, 2);
	CHECK_INT(fx_svc(q, 'A')->waiting, 2);
	fx_check_ok(q);
	queue_close(q);
}

static void
test_capacity_hold(void)
{
	queue *q = fx_fresh();
	struct q_ticket t;

	CHECK_INT(queue_set_limit(q, 2), Q_OK);
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(queue_issue(q, 'B', &t), Q_OK);
	CHECK_INT(queue_issue(q, 'C', &t), Q_OK);
	CHECK_INT(t.state, Q_OUTSIDE);          /* room full: wait outside */
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(t.state, Q_OUTSIDE);
	CHECK_INT(fx_occupancy(q), 2);
	CHECK_INT(fx_st.outside, 2);
	/* done frees one place: the oldest outside (C001) comes in */
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	CHECK_STR(t.label, "A001");
	CHECK_INT(fx_occupancy(q), 2);             /* called still counts */
	CHECK_INT(queue_done(q, 1, &t), Q_OK);
	CHECK_INT(fx_state_of(q, "C001"), Q_ADMITTED);
	CHECK_INT(fx_state_of(q, "A002"), Q_OUTSIDE);
	CHECK_INT(fx_occupancy(q), 2);
	CHECK_INT(fx_st.nadmitted > 0, 1);
	CHECK_STR(fx_st.admitted[0].label, "C001");
	/* a new ticket does not overtake those outside, even with space */
	CHECK_INT(queue_set_limit(q, 0), Q_OK);  /* 0 = no limit: all in */
	CHECK_INT(fx_state_of(q, "A002"), Q_ADMITTED);
	CHECK_INT(fx_occupancy(q), 3);
	fx_check_ok(q);
	queue_close(q);
}

static void
test_capacity_refuse(void)
{
	queue *q = fx_fresh();
	struct q_ticket t;

	CHECK_INT(queue_set_limit(q, 1), Q_OK);
	CHECK_INT(queue_set_policy(q, Q_POLICY_REFUSE), Q_OK);
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(queue_issue(q, 'A', &t), Q_EFULL);
	CHECK_STR(t.label, "");                 /* no ticket */
	CHECK_INT(queue_status(q, &fx_st), Q_OK);
	CHECK_INT(fx_svc(q, 'A')->issued_today, 1);
	/* the refused one took no number */
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	CHECK_INT(queue_done(q, 1, &t), Q_OK);
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_STR(t.label, "A002");
	fx_check_ok(q);
	queue_close(q);
}

static void
test_limit_lowered(void)
{
	queue *q = fx_fresh();
	struct q_ticket t;

	for (int i = 0; i < 4; i++)
		CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(fx_occupancy(q), 4);
	CHECK_INT(queue_set_limit(q, 2), Q_OK);
	CHECK_INT(fx_occupancy(q), 4);             /* nobody is sent out */
	CHECK_INT(queue_issue(q, 'B', &t), Q_OK);
	CHECK_INT(t.state, Q_OUTSIDE);          /* nobody new comes in */
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	CHECK_INT(queue_done(q, 1, &t), Q_OK);
	CHECK_INT(fx_occupancy(q), 3);
	CHECK_INT(fx_state_of(q, "B001"), Q_OUTSIDE);
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	CHECK_INT(queue_noshow(q, 1, &t), Q_OK);
	CHECK_INT(fx_state_of(q, "A002"), Q_NO_SHOW);
	CHECK_INT(fx_occupancy(q), 2);
	CHECK_INT(fx_state_of(q, "B001"), Q_OUTSIDE); /* 2 inside, limit 2 */
	CHECK_INT(queue_cancel(q, "A003", "left"), Q_OK);
	CHECK_INT(fx_state_of(q, "B001"), Q_ADMITTED);
	CHECK_INT(fx_occupancy(q), 2);
	CHECK_INT(queue_set_limit(q, -1), Q_EINVAL);
	fx_check_ok(q);
	queue_close(q);
}

static void
test_services(void)
{
	queue *q = fx_fresh();
	struct q_ticket t;

	CHECK_INT(queue_service_set_quota(q, 'C', 2), Q_OK);
	CHECK_INT(queue_issue(q, 'C', &t), Q_OK);
	CHECK_INT(queue_issue(q, 'C', &t), Q_OK);
	CHECK_INT(queue_issue(q, 'C', &t), Q_EQUOTA);
	CHECK_INT(queue_service_set_quota(q, 'C', -3), Q_EINVAL);
	CHECK_INT(queue_service_set_open(q, 'D', 0), Q_OK);
	CHECK_INT(queue_issue(q, 'D', &t), Q_ECLOSED);
	CHECK_INT(queue_status(q, &fx_st), Q_OK);
	CHECK_INT(fx_svc(q, 'D')->open, 0);
	CHECK_INT(fx_svc(q, 'C')->issued_today, 2);
	CHECK_INT(queue_service_add(q, 'A', "Lagi", NULL, 0), Q_EEXIST);
	CHECK_INT(queue_service_add(q, 'e', "Kecil", NULL, 0), Q_EINVAL);
	CHECK_INT(queue_service_add(q, 'E', "", NULL, 0), Q_EINVAL);
	CHECK_INT(queue_service_add(q, 'E', "Pengaduan", "Complaints", 0), Q_OK);
	CHECK_INT(queue_counter_add(q, 5, "EQ"), Q_ENOSERVICE);
	CHECK_INT(queue_counter_add(q, 5, "EE"), Q_EINVAL);
	CHECK_INT(queue_counter_add(q, 1, "E"), Q_EEXIST);
	CHECK_INT(queue_counter_add(q, 5, "E"), Q_OK);
	CHECK_INT(queue_issue(q, 'E', &t), Q_OK);
	CHECK_INT(queue_call_next(q, 5, &t), Q_OK);
	CHECK_STR(t.label, "E001");
	CHECK_INT(queue_counter_set_services(q, 5, "A"), Q_OK);
	CHECK_INT(queue_counter_set_services(q, 42, "A"), Q_ENOCOUNTER);
	fx_check_ok(q);
	queue_close(q);
}

static void
test_estimate(void)
{
	queue *q = fx_fresh();
	struct q_ticket t;

	/* counter 3 alone serves C: three served in 4 minutes each */
	for (int i = 0; i < 3; i++) {
		CHECK_INT(queue_issue(q, 'C', &t), Q_OK);
		CHECK_INT(queue_call_next(q, 3, &t), Q_OK);
		fx_now_ms += 4 * FX_MIN;
		CHECK_INT(queue_done(q, 3, &t), Q_OK);
	}
	/* counter 4 serves C as well, 2 counters open */
	CHECK_INT(queue_counter_set_state(q, 4, Q_COUNTER_PAUSED), Q_OK);
	for (int i = 0; i < 4; i++)
		CHECK_INT(queue_issue(q, 'C', &t), Q_OK);
	CHECK_INT(t.people_ahead, 3);
	CHECK_INT(t.est_wait_s, 3 * 240);        /* one counter: 3 x 4 min */
	CHECK_INT(queue_counter_set_state(q, 4, Q_COUNTER_OPEN), Q_OK);
	CHECK_INT(queue_status(q, &fx_st), Q_OK);
	CHECK_INT(fx_svc(q, 'C')->open_counters, 2);
	CHECK_INT(fx_svc(q, 'C')->est_wait_s, 4 * 240 / 2);
	/* a service nobody serves has no estimate */
	CHECK_INT(queue_service_add(q, 'F', "Lain", NULL, 0), Q_OK);
	CHECK_INT(queue_issue(q, 'F', &t), Q_OK);
	CHECK_INT(t.est_wait_s, -1);
	queue_close(q);
}

static void
test_day_change(void)
{
	queue *q = fx_fresh();
	struct q_ticket t;
	struct q_event_rec ev[64];
	int n = 64, cancelled = 0;

	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(queue_issue(q, 'B', &t), Q_OK);
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	/* late evening, still the same day: nothing changes */
	fx_now_ms += 15 * FX_HOUR;                     /* 23:00 WIB */
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_STR(t.label, "A003");
	/* next morning: the first write ends what yesterday left */
	fx_now_ms += 9 * FX_HOUR;                      /* 08:00 next day */
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_STR(t.label, "A001");
	CHECK_STR(t.day, "2026-11-24");
	CHECK_INT(queue_status(q, &fx_st), Q_OK);
	CHECK_INT(fx_st.occupancy, 1);
	CHECK_INT(fx_st.counters[0].has_current, 0);
	CHECK_INT(fx_svc(q, 'A')->issued_today, 1);
	CHECK_INT(queue_events_since(q, 0, ev, &n), Q_OK);
	for (int i = 0; i < n; i++)
		if (ev[i].kind == QE_CANCELLED &&
		    !strcmp(ev[i].detail, "business day ended"))
			cancelled++;
	CHECK_INT(cancelled, 4);                 /* A001 A002 A003 B001 */
	{
		struct q_ticket old;

		CHECK_INT(queue_ticket_get(q, 1, &old), Q_OK);
		CHECK_INT(old.state, Q_CANCELLED);
		CHECK_STR(old.day, "2026-11-23");
	}
	/* a status read alone also rolls the day over */
	fx_now_ms += 24 * FX_HOUR;
	CHECK_INT(queue_status(q, &fx_st), Q_OK);
	CHECK_INT(fx_st.occupancy, 0);
	CHECK_STR(fx_st.day, "2026-11-25");
	/* close-day cancels what still waits */
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(queue_issue(q, 'C', &t), Q_OK);
	CHECK_INT(queue_close_day(q, "closing", &cancelled), Q_OK);
	CHECK_INT(cancelled, 2);
	CHECK_INT(fx_occupancy(q), 0);
	fx_check_ok(q);
	queue_close(q);
}

/* Staff accounts: a wrong password is counted and never locks the
 * account (antri-serve limits the guessers' addresses); a name no
 * account has is recorded as "(unknown)", never as typed; a session
 * looked at with queue_session_live writes nothing and ends with a
 * disabled account. */
static void
test_accounts(void)
{
	queue *q = fx_fresh();
	struct q_event_rec ev[8];
	struct q_user u;
	char token[Q_TOKEN_MAX];
	int n;

	CHECK_INT(queue_user_add(q, "siti", Q_ROLE_CLERK, "clerk-pass-1"),
	    Q_OK);
	for (int i = 0; i < Q_USER_TRIES + 2; i++)
		CHECK_INT(queue_user_check(q, "siti", "wrong-pass", &u), Q_ELOGIN);
	CHECK_INT(queue_user_get(q, "siti", &u), Q_OK);
	CHECK_INT(u.fails, Q_USER_TRIES + 2);
	CHECK_INT(u.locked_until_ms, 0);
	CHECK_INT(queue_user_check(q, "siti", "clerk-pass-1", &u), Q_OK);
	CHECK_INT(u.fails, 0);
	CHECK_INT(queue_user_get(q, "siti", &u), Q_OK);
	CHECK_INT(u.fails, 0);
	CHECK_INT(queue_user_check(q, "hunter2secret", "x", &u), Q_ELOGIN);
	CHECK_INT(queue_user_check(q, "Not A Name!", "x", &u), Q_ELOGIN);
	n = 8;
	CHECK_INT(queue_status(q, &fx_st), Q_OK);
	CHECK_INT(queue_events_since(q, fx_st.last_event - 2, ev, &n), Q_OK);
	CHECK_INT(n, 2);
	for (int i = 0; i < n && i < 2; i++) {
		CHECK_INT(ev[i].kind, QE_LOGIN_FAILED);
		CHECK_STR(ev[i].detail, "(unknown)");
	}
	CHECK_INT(queue_session_new(q, "siti", token), Q_OK);
	CHECK_INT(queue_session_live(q, token, 3600, 3600, &u), Q_OK);
	CHECK_STR(u.name, "siti");
	CHECK_INT(queue_user_set_enabled(q, "siti", 0), Q_OK);
	CHECK_INT(queue_session_live(q, token, 3600, 3600, &u), Q_ENOSESSION);
	fx_check_ok(q);
	queue_close(q);
}

int
main(void)
{
	static void (*const tests[])(void) = { test_open_errors,
	    test_numbering, test_capacity_hold, test_capacity_refuse,
	    test_limit_lowered, test_services, test_estimate,
	    test_day_change, test_accounts };

	return fx_main("test_queue", tests, sizeof tests / sizeof tests[0]);
}
