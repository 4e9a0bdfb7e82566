/* test_queue_call.c - the queue core's rules at the counters and after,
 * on a real SQLite file with a clock the test moves
 * (tests/helpers/fixture.h): calling (priority first, recall, pause),
 * transfer, the PIN and its lockout, events seen by another process, the
 * print state, a database file replaced under the queue, and the report
 * built from a day.  The door's side is in test_queue.c.
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
#include "report.h"

static void
test_call_rules(void)
{
	queue *q = fx_fresh();
	struct q_ticket t, t2;

	CHECK_INT(queue_call_next(q, 1, &t), Q_ENOWAIT);
	CHECK_INT(queue_call_next(q, 9, &t), Q_ENOCOUNTER);
	CHECK_INT(queue_call_next(q, 0, &t), Q_ENOCOUNTER);
	CHECK_INT(queue_recall(q, 1, &t), Q_ENOCURRENT);
	CHECK_INT(queue_done(q, 1, &t), Q_ENOCURRENT);
	fx_now_ms += FX_MIN;
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	fx_now_ms += FX_MIN;
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	fx_now_ms += FX_MIN;
	CHECK_INT(queue_issue(q, 'P', &t), Q_OK);   /* priority, issued last */
	fx_now_ms += FX_MIN;
	CHECK_INT(queue_issue(q, 'C', &t), Q_OK);
	/* counter 1 (A, P): priority first */
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	CHECK_STR(t.label, "P001");
	CHECK_INT(t.state, Q_CALLED);
	CHECK_INT(t.counter, 1);
	/* then the oldest; calling finishes the previous ticket */
	fx_now_ms += 5 * FX_MIN;
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	CHECK_STR(t.label, "A001");
	CHECK_INT(fx_state_of(q, "P001"), Q_DONE);
	/* counter 2 serves A too: gets A002, never A001 again */
	CHECK_INT(queue_call_next(q, 2, &t2), Q_OK);
	CHECK_STR(t2.label, "A002");
	/* counter 1 has nobody left; its A001 is finished all the same */
	fx_now_ms += 5 * FX_MIN;
	CHECK_INT(queue_call_next(q, 1, &t), Q_ENOWAIT);
	CHECK_INT(fx_state_of(q, "A001"), Q_DONE);
	CHECK_INT(queue_recall(q, 2, &t), Q_OK);
	CHECK_STR(t.label, "A002");
	CHECK_INT(queue_status(q, &fx_st), Q_OK);
	CHECK_STR(fx_st.calls[0].label, "A002");   /* the recall, newest */
	CHECK_INT(fx_st.calls[0].counter, 2);
	CHECK_INT(fx_st.counters[1].has_current, 1);
	CHECK_STR(fx_st.counters[1].current.label, "A002");
	/* a paused counter calls nobody, but may finish its ticket */
	CHECK_INT(queue_counter_set_state(q, 2, Q_COUNTER_PAUSED), Q_OK);
	CHECK_INT(queue_call_next(q, 2, &t), Q_EPAUSED);
	CHECK_INT(queue_counter_set_state(q, 2, Q_COUNTER_CLOSED),
	    Q_EBUSYCOUNTER);
	CHECK_INT(queue_done(q, 2, &t), Q_OK);
	CHECK_INT(queue_counter_set_state(q, 2, Q_COUNTER_CLOSED), Q_OK);
	CHECK_INT(queue_counter_set_state(q, 2, Q_COUNTER_OPEN), Q_OK);
	/* the counter's history */
	{
		struct q_ticket h[4];
		int n = 4;

		CHECK_INT(queue_counter_history(q, 1, h, &n), Q_OK);
		CHECK_INT(n, 2);
		CHECK_STR(h[0].label, "A001");
	}
	fx_check_ok(q);
	queue_close(q);
}

static void
test_transfer(void)
{
	queue *q = fx_fresh();
	struct q_ticket t;

	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	CHECK_INT(queue_transfer(q, 1, 'A', &t), Q_ESAME);
	CHECK_INT(queue_service_set_open(q, 'C', 0), Q_OK);
	CHECK_INT(queue_transfer(q, 1, 'C', &t), Q_ECLOSED);
	CHECK_INT(fx_state_of(q, "A001"), Q_CALLED);  /* unchanged */
	CHECK_INT(queue_transfer(q, 1, 'Y', &t), Q_ENOSERVICE);
	CHECK_INT(queue_transfer(q, 1, 'B', &t), Q_OK);
	CHECK_STR(t.label, "A001");             /* keeps its number */
	CHECK_INT(t.service, 'B');
	CHECK_INT(t.state, Q_ADMITTED);
	CHECK_INT(fx_occupancy(q), 1);             /* still inside */
	CHECK_INT(fx_st.counters[0].has_current, 0);
	CHECK_INT(queue_call_next(q, 1, &t), Q_ENOWAIT);  /* 1 serves AP */
	CHECK_INT(queue_call_next(q, 3, &t), Q_OK);       /* 3 serves BC */
	CHECK_STR(t.label, "A001");
	CHECK_INT(queue_done(q, 3, &t), Q_OK);
	fx_check_ok(q);
	queue_close(q);
}

static void
test_pin(void)
{
	queue *q = fx_fresh();
	int locked = 0;

	CHECK_INT(queue_pin_check(q, "1234", &locked), Q_ENOPIN);
	CHECK_INT(queue_pin_set(q, "12"), Q_EINVAL);
	CHECK_INT(queue_pin_set(q, "12ab"), Q_EINVAL);
	CHECK_INT(queue_pin_set(q, "246810"), Q_OK);
	CHECK_INT(queue_pin_check(q, "246810", &locked), Q_OK);
	for (int i = 0; i < 4; i++)
		CHECK_INT(queue_pin_check(q, "000000", &locked), Q_EPIN);
	CHECK_INT(queue_pin_check(q, "000000", &locked), Q_EPINLOCKED);
	CHECK_INT(locked, 60);
	/* even the right PIN waits out the lock */
	fx_now_ms += 30 * 1000;
	CHECK_INT(queue_pin_check(q, "246810", &locked), Q_EPINLOCKED);
	CHECK_INT(locked, 30);
	fx_now_ms += 31 * 1000;
	CHECK_INT(queue_pin_check(q, "246810", &locked), Q_OK);
	/* a right PIN resets the count */
	for (int i = 0; i < 4; i++)
		CHECK_INT(queue_pin_check(q, "1", &locked), Q_EPIN);
	CHECK_INT(queue_pin_check(q, "246810", &locked), Q_OK);
	CHECK_INT(queue_pin_check(q, "1", &locked), Q_EPIN);
	queue_close(q);
}

static void
test_events_and_change(void)
{
	queue *q = fx_fresh(), *other = NULL;
	struct q_event_rec ev[16];
	struct q_ticket t;
	int64_t last;
	int n;

	other = fx_open(0, "counter:2");
	CHECK_INT(queue_status(q, &fx_st), Q_OK);
	last = fx_st.last_event;
	queue_changed(q);
	CHECK_INT(queue_changed(q), 0);
	CHECK_INT(queue_issue(other, 'A', &t), Q_OK);
	CHECK_INT(queue_call_next(other, 2, &t), Q_OK);
	CHECK_INT(queue_changed(q), 1);          /* the other's commit seen */
	CHECK_INT(queue_changed(q), 0);
	/* a handle without its cache reads the same and keeps its mark */
	queue_release_memory(q);
	CHECK_INT(queue_changed(q), 0);
	CHECK_INT(queue_status(q, &fx_st), Q_OK);
	CHECK_INT(fx_st.last_event, last + 3);
	queue_release_memory(other);
	CHECK_INT(queue_issue(other, 'A', &t), Q_OK);
	CHECK_INT(queue_changed(q), 1);
	n = 16;
	CHECK_INT(queue_events_since(q, last, ev, &n), Q_OK);
	CHECK_INT(n, 5);
	CHECK_INT(ev[0].kind, QE_ISSUED);
	CHECK_INT(ev[1].kind, QE_ADMITTED);
	CHECK_INT(ev[2].kind, QE_CALLED);
	CHECK_STR(ev[2].label, "A001");
	CHECK_INT(ev[2].counter, 2);
	CHECK_STR(ev[2].actor, "counter:2");
	CHECK_INT(ev[2].ts_ms, fx_now_ms);
	CHECK(ev[0].id < ev[1].id && ev[1].id < ev[2].id);
	queue_close(other);
	queue_close(q);
}

/* Group commit: units in one transaction, each kept or undone alone. */
static void
test_batch(void)
{
	queue *q = fx_fresh(), *other = fx_open(0, "counter:2");
	struct q_ticket t;

	for (int i = 0; i < 3; i++)
		CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(queue_batch_end(q, 1), Q_EINVAL);        /* none open */
	CHECK_INT(queue_batch_begin(q), Q_OK);
	CHECK_INT(queue_batch_begin(q), Q_EINVAL);
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	CHECK_STR(t.label, "A001");
	CHECK_INT(queue_counter_set_state(q, 2, Q_COUNTER_PAUSED), Q_OK);
	CHECK_INT(queue_call_next(q, 2, &t), Q_EPAUSED);   /* refused alone */
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	CHECK_STR(t.label, "A002");
	CHECK_INT(queue_status(other, &fx_st), Q_OK);       /* not yet seen */
	CHECK_INT(fx_st.counters[0].has_current, 0);
	CHECK_INT(fx_st.counters[1].state, Q_COUNTER_OPEN);
	CHECK_INT(queue_batch_end(q, 1), Q_OK);
	CHECK_INT(queue_batch_end(q, 1), Q_EINVAL);
	CHECK_INT(queue_status(other, &fx_st), Q_OK);       /* all of it now */
	CHECK_STR(fx_st.counters[0].current.label, "A002");
	CHECK_INT(fx_st.counters[1].state, Q_COUNTER_PAUSED);
	CHECK_INT(fx_state_of(other, "A001"), Q_DONE);
	/* a batch undone leaves nothing */
	CHECK_INT(queue_batch_begin(q), Q_OK);
	CHECK_INT(queue_counter_set_state(q, 2, Q_COUNTER_OPEN), Q_OK);
	CHECK_INT(queue_call_next(q, 2, &t), Q_OK);
	CHECK_STR(t.label, "A003");
	CHECK_INT(queue_batch_end(q, 0), Q_OK);
	CHECK_INT(queue_status(q, &fx_st), Q_OK);
	CHECK_INT(fx_st.counters[1].state, Q_COUNTER_PAUSED);
	CHECK_INT(fx_state_of(q, "A003"), Q_ADMITTED);
	/* and the handle works on its own again */
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	CHECK_STR(t.label, "A003");
	CHECK_INT(fx_state_of(other, "A003"), Q_CALLED);
	queue_close(other);
	queue_close(q);
}

static void
test_print_state(void)
{
	queue *q = fx_fresh();
	struct q_ticket t, u[4];
	int n = 4;

	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(queue_print_state(q, t.id, Q_PRINT_PENDING, NULL), Q_OK);
	CHECK_INT(queue_print_state(q, t.id, Q_PRINT_FAILED,
	    "media-empty-error"), Q_OK);
	CHECK_INT(queue_tickets_print_failed(q, u, &n), Q_OK);
	CHECK_INT(n, 1);
	CHECK_STR(u[0].print_reason, "media-empty-error");
	CHECK_INT(queue_print_state(q, t.id, Q_PRINT_PENDING, NULL), Q_OK);
	CHECK_INT(queue_print_state(q, t.id, Q_PRINT_PRINTED, NULL), Q_OK);
	n = 4;
	CHECK_INT(queue_tickets_print_failed(q, u, &n), Q_OK);
	CHECK_INT(n, 0);
	CHECK_INT(queue_ticket_last_by(q, "test", &u[0]), Q_OK);
	CHECK_STR(u[0].label, "A001");
	CHECK_INT(u[0].print_state, Q_PRINT_PRINTED);
	CHECK_INT(fx_state_of(q, "A001"), Q_ADMITTED);  /* place untouched */
	CHECK_INT(queue_print_state(q, 999, Q_PRINT_PRINTED, NULL),
	    Q_ENOTICKET);
	queue_close(q);
}

static void
test_replaced(void)
{
	queue *q = fx_fresh(), *other = NULL;
	char moved[600];
	struct q_ticket t;

	CHECK_INT(queue_replaced(q), 0);
	snprintf(moved, sizeof moved, "%s.moved", fx_dbpath);
	CHECK_INT(rename(fx_dbpath, moved), 0);
	CHECK_INT(queue_replaced(q), 1);           /* gone from the path */
	CHECK_INT(rename(moved, fx_dbpath), 0);
	CHECK_INT(queue_replaced(q), 0);           /* the same file again */
	other = fx_open(0, "t");                   /* the same machine */
	CHECK_INT(queue_replaced(other), 0);
	CHECK_INT(queue_issue(other, 'A', &t), Q_OK);
	queue_close(other);
	queue_close(q);
}

static void
test_report(void)
{
	queue *q = fx_fresh();
	struct q_ticket t;
	struct report r;

	/* ten A tickets at 08:00; served one after another at counter 1,
	 * each called 1 min after the previous is done and served 5 min */
	for (int i = 0; i < 10; i++)
		CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	for (int i = 0; i < 10; i++) {
		fx_now_ms += FX_MIN;
		CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
		fx_now_ms += 5 * FX_MIN;
		if (i == 9)
			CHECK_INT(queue_noshow(q, 1, &t), Q_OK);
		else
			CHECK_INT(queue_done(q, 1, &t), Q_OK);
	}
	CHECK_INT(report_build(q, "2026-11-23", "2026-11-23", &r), Q_OK);
	CHECK_INT(r.total.issued, 10);
	CHECK_INT(r.total.served, 9);
	CHECK_INT(r.total.no_show, 1);
	CHECK_INT(r.days, 1);
	/* waits: 1, 7, 13, ... 55 minutes: mean 28, p90 (9th of 10) 49 */
	CHECK_INT((int)r.total.wait_mean_s, 28 * 60);
	CHECK_INT((int)r.total.wait_p90_s, 49 * 60);
	CHECK_INT((int)r.total.service_mean_s, 5 * 60);
	CHECK_INT(r.nservices, 1);
	CHECK_INT(r.services[0].key, 'A');
	CHECK_INT(r.ncounters, 1);
	CHECK_INT(r.counters[0].counter, 1);
	CHECK_INT(r.counters[0].served, 9);
	CHECK_INT(r.peak_occupancy, 10);
	CHECK_INT(r.per_hour[8], 10);
	CHECK_INT(r.called_hour[8], 10);
	CHECK_INT((int)r.wait_mean_hour_s[8], 28 * 60);
	CHECK_INT((int)r.wait_p90_hour_s[8], 49 * 60);
	/* two more at 09:00, called after 3 and 11 minutes: that hour's
	 * waits are theirs alone */
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	fx_now_ms += 3 * FX_MIN;
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	fx_now_ms += 8 * FX_MIN;
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	CHECK_INT(report_build(q, "2026-11-23", "2026-11-23", &r), Q_OK);
	CHECK_INT(r.per_hour[9], 2);
	CHECK_INT(r.called_hour[9], 2);
	CHECK_INT((int)r.wait_mean_hour_s[9], 7 * 60);
	CHECK_INT((int)r.wait_p90_hour_s[9], 11 * 60);
	CHECK_INT((int)r.wait_mean_hour_s[8], 28 * 60);
	CHECK_INT(r.called_hour[10], 0);
	CHECK_INT(report_build(q, "2026-11-24", NULL, &r), Q_OK);
	CHECK_INT(r.total.issued, 0);
	CHECK_INT(report_build(q, "2026-02-30", NULL, &r), Q_EINVAL);
	CHECK_INT(report_build(q, "yesterday", NULL, &r), Q_EINVAL);
	queue_close(q);
}

int
main(void)
{
	static void (*const tests[])(void) = { test_call_rules,
	    test_transfer, test_pin, test_events_and_change, test_batch,
	    test_print_state, test_replaced, test_report };

	return fx_main("test_queue_call", tests, sizeof tests / sizeof tests[0]);
}
