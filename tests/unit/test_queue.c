/* test_queue.c - every rule of the queue core, on a real SQLite file, with
 * a clock the test moves.  Runs without a display.
 *
 * Each test_* function starts from a fresh demo office (services A B C D P,
 * counters 1:AP 2:ABP 3:BC 4:CD, limit 10, policy hold) at 08:00 on
 * 2026-11-23 in Jakarta time (WIB, UTC+7).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "queue.h"
#include "queue_test.h"
#include "report.h"

static int64_t now_ms;
static char dbpath[512];

static int64_t
fake_clock(void *ctx)
{
	(void)ctx;
	return now_ms;
}

/* 2026-11-23 08:00 WIB in ms */
#define DAY1_0800 ((int64_t)1795395600 * 1000)
#define MIN (60 * 1000)
#define HOUR (60 * MIN)

static queue *
fresh(void)
{
	queue *q = NULL;

	unlink(dbpath);
	for (const char *sfx = "-wal"; sfx; sfx = sfx[1] == 'w' ? "-shm" :
	    NULL) {
		char p[600];

		snprintf(p, sizeof p, "%s%s", dbpath, sfx);
		unlink(p);
	}
	now_ms = DAY1_0800;
	CHECK_INT(queue_open(&q, dbpath, Q_OPEN_CREATE, "test"), Q_OK);
	queue_test_set_clock(q, fake_clock, NULL);
	CHECK_INT(queue_init_demo(q), Q_OK);
	return q;
}

static struct q_status st;

static int
occupancy(queue *q)
{
	CHECK_INT(queue_status(q, &st), Q_OK);
	return st.occupancy;
}

static struct q_service *
svc(char code)
{
	for (int i = 0; i < st.nservices; i++)
		if (st.services[i].code == code)
			return &st.services[i];
	return NULL;
}

static enum q_state
state_of(queue *q, const char *label)
{
	struct q_ticket t;

	if (queue_ticket_find(q, label, &t) != Q_OK)
		return Q_STATE_COUNT;
	return t.state;
}

static void
check_ok(queue *q)
{
	char msg[512];
	int rc = queue_check(q, msg, sizeof msg);

	if (rc != Q_OK)
		fprintf(stderr, "queue_check: %s\n", msg);
	CHECK_INT(rc, Q_OK);
}

static void
test_open_errors(void)
{
	queue *q = NULL;
	char path[600];
	FILE *f;

	snprintf(path, sizeof path, "%s.missing", dbpath);
	unlink(path);
	CHECK_INT(queue_open(&q, path, 0, "t"), Q_ENODB);
	CHECK(q == NULL);
	CHECK(access(path, F_OK) != 0);      /* nothing was created */
	snprintf(path, sizeof path, "%s.text", dbpath);
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
	queue *q = fresh();
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
	CHECK_INT(occupancy(q), 3);
	CHECK_INT(svc('A')->issued_today, 2);
	CHECK_INT(svc('A')->waiting, 2);
	check_ok(q);
	queue_close(q);
}

static void
test_capacity_hold(void)
{
	queue *q = fresh();
	struct q_ticket t;

	CHECK_INT(queue_set_limit(q, 2), Q_OK);
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(queue_issue(q, 'B', &t), Q_OK);
	CHECK_INT(queue_issue(q, 'C', &t), Q_OK);
	CHECK_INT(t.state, Q_OUTSIDE);          /* room full: wait outside */
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(t.state, Q_OUTSIDE);
	CHECK_INT(occupancy(q), 2);
	CHECK_INT(st.outside, 2);
	/* done frees one place: the oldest outside (C001) comes in */
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	CHECK_STR(t.label, "A001");
	CHECK_INT(occupancy(q), 2);             /* called still counts */
	CHECK_INT(queue_done(q, 1, &t), Q_OK);
	CHECK_INT(state_of(q, "C001"), Q_ADMITTED);
	CHECK_INT(state_of(q, "A002"), Q_OUTSIDE);
	CHECK_INT(occupancy(q), 2);
	CHECK_INT(st.nadmitted > 0, 1);
	CHECK_STR(st.admitted[0].label, "C001");
	/* a new ticket does not overtake those outside, even with space */
	CHECK_INT(queue_set_limit(q, 0), Q_OK);  /* 0 = no limit: all in */
	CHECK_INT(state_of(q, "A002"), Q_ADMITTED);
	CHECK_INT(occupancy(q), 3);
	check_ok(q);
	queue_close(q);
}

static void
test_capacity_refuse(void)
{
	queue *q = fresh();
	struct q_ticket t;

	CHECK_INT(queue_set_limit(q, 1), Q_OK);
	CHECK_INT(queue_set_policy(q, Q_POLICY_REFUSE), Q_OK);
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(queue_issue(q, 'A', &t), Q_EFULL);
	CHECK_STR(t.label, "");                 /* no ticket */
	CHECK_INT(queue_status(q, &st), Q_OK);
	CHECK_INT(svc('A')->issued_today, 1);
	/* the refused one took no number */
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	CHECK_INT(queue_done(q, 1, &t), Q_OK);
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_STR(t.label, "A002");
	check_ok(q);
	queue_close(q);
}

static void
test_limit_lowered(void)
{
	queue *q = fresh();
	struct q_ticket t;

	for (int i = 0; i < 4; i++)
		CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(occupancy(q), 4);
	CHECK_INT(queue_set_limit(q, 2), Q_OK);
	CHECK_INT(occupancy(q), 4);             /* nobody is sent out */
	CHECK_INT(queue_issue(q, 'B', &t), Q_OK);
	CHECK_INT(t.state, Q_OUTSIDE);          /* nobody new comes in */
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	CHECK_INT(queue_done(q, 1, &t), Q_OK);
	CHECK_INT(occupancy(q), 3);
	CHECK_INT(state_of(q, "B001"), Q_OUTSIDE);
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	CHECK_INT(queue_noshow(q, 1, &t), Q_OK);
	CHECK_INT(state_of(q, "A002"), Q_NO_SHOW);
	CHECK_INT(occupancy(q), 2);
	CHECK_INT(state_of(q, "B001"), Q_OUTSIDE); /* 2 inside, limit 2 */
	CHECK_INT(queue_cancel(q, "A003", "left"), Q_OK);
	CHECK_INT(state_of(q, "B001"), Q_ADMITTED);
	CHECK_INT(occupancy(q), 2);
	CHECK_INT(queue_set_limit(q, -1), Q_EINVAL);
	check_ok(q);
	queue_close(q);
}

static void
test_call_rules(void)
{
	queue *q = fresh();
	struct q_ticket t, t2;

	CHECK_INT(queue_call_next(q, 1, &t), Q_ENOWAIT);
	CHECK_INT(queue_call_next(q, 9, &t), Q_ENOCOUNTER);
	CHECK_INT(queue_call_next(q, 0, &t), Q_ENOCOUNTER);
	CHECK_INT(queue_recall(q, 1, &t), Q_ENOCURRENT);
	CHECK_INT(queue_done(q, 1, &t), Q_ENOCURRENT);
	now_ms += MIN;
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	now_ms += MIN;
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	now_ms += MIN;
	CHECK_INT(queue_issue(q, 'P', &t), Q_OK);   /* priority, issued last */
	now_ms += MIN;
	CHECK_INT(queue_issue(q, 'C', &t), Q_OK);
	/* counter 1 (A, P): priority first */
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	CHECK_STR(t.label, "P001");
	CHECK_INT(t.state, Q_CALLED);
	CHECK_INT(t.counter, 1);
	/* then the oldest; calling finishes the previous ticket */
	now_ms += 5 * MIN;
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	CHECK_STR(t.label, "A001");
	CHECK_INT(state_of(q, "P001"), Q_DONE);
	/* counter 2 serves A too: gets A002, never A001 again */
	CHECK_INT(queue_call_next(q, 2, &t2), Q_OK);
	CHECK_STR(t2.label, "A002");
	/* counter 1 has nobody left; its A001 is finished all the same */
	now_ms += 5 * MIN;
	CHECK_INT(queue_call_next(q, 1, &t), Q_ENOWAIT);
	CHECK_INT(state_of(q, "A001"), Q_DONE);
	CHECK_INT(queue_recall(q, 2, &t), Q_OK);
	CHECK_STR(t.label, "A002");
	CHECK_INT(queue_status(q, &st), Q_OK);
	CHECK_STR(st.calls[0].label, "A002");   /* the recall, newest */
	CHECK_INT(st.calls[0].counter, 2);
	CHECK_INT(st.counters[1].has_current, 1);
	CHECK_STR(st.counters[1].current.label, "A002");
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
	check_ok(q);
	queue_close(q);
}

static void
test_transfer(void)
{
	queue *q = fresh();
	struct q_ticket t;

	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	CHECK_INT(queue_transfer(q, 1, 'A', &t), Q_ESAME);
	CHECK_INT(queue_service_set_open(q, 'C', 0), Q_OK);
	CHECK_INT(queue_transfer(q, 1, 'C', &t), Q_ECLOSED);
	CHECK_INT(state_of(q, "A001"), Q_CALLED);  /* unchanged */
	CHECK_INT(queue_transfer(q, 1, 'Y', &t), Q_ENOSERVICE);
	CHECK_INT(queue_transfer(q, 1, 'B', &t), Q_OK);
	CHECK_STR(t.label, "A001");             /* keeps its number */
	CHECK_INT(t.service, 'B');
	CHECK_INT(t.state, Q_ADMITTED);
	CHECK_INT(occupancy(q), 1);             /* still inside */
	CHECK_INT(st.counters[0].has_current, 0);
	CHECK_INT(queue_call_next(q, 1, &t), Q_ENOWAIT);  /* 1 serves AP */
	CHECK_INT(queue_call_next(q, 3, &t), Q_OK);       /* 3 serves BC */
	CHECK_STR(t.label, "A001");
	CHECK_INT(queue_done(q, 3, &t), Q_OK);
	check_ok(q);
	queue_close(q);
}

static void
test_services(void)
{
	queue *q = fresh();
	struct q_ticket t;

	CHECK_INT(queue_service_set_quota(q, 'C', 2), Q_OK);
	CHECK_INT(queue_issue(q, 'C', &t), Q_OK);
	CHECK_INT(queue_issue(q, 'C', &t), Q_OK);
	CHECK_INT(queue_issue(q, 'C', &t), Q_EQUOTA);
	CHECK_INT(queue_service_set_quota(q, 'C', -3), Q_EINVAL);
	CHECK_INT(queue_service_set_open(q, 'D', 0), Q_OK);
	CHECK_INT(queue_issue(q, 'D', &t), Q_ECLOSED);
	CHECK_INT(queue_status(q, &st), Q_OK);
	CHECK_INT(svc('D')->open, 0);
	CHECK_INT(svc('C')->issued_today, 2);
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
	check_ok(q);
	queue_close(q);
}

static void
test_estimate(void)
{
	queue *q = fresh();
	struct q_ticket t;

	/* counter 3 alone serves C: three served in 4 minutes each */
	for (int i = 0; i < 3; i++) {
		CHECK_INT(queue_issue(q, 'C', &t), Q_OK);
		CHECK_INT(queue_call_next(q, 3, &t), Q_OK);
		now_ms += 4 * MIN;
		CHECK_INT(queue_done(q, 3, &t), Q_OK);
	}
	/* counter 4 serves C as well, 2 counters open */
	CHECK_INT(queue_counter_set_state(q, 4, Q_COUNTER_PAUSED), Q_OK);
	for (int i = 0; i < 4; i++)
		CHECK_INT(queue_issue(q, 'C', &t), Q_OK);
	CHECK_INT(t.people_ahead, 3);
	CHECK_INT(t.est_wait_s, 3 * 240);        /* one counter: 3 x 4 min */
	CHECK_INT(queue_counter_set_state(q, 4, Q_COUNTER_OPEN), Q_OK);
	CHECK_INT(queue_status(q, &st), Q_OK);
	CHECK_INT(svc('C')->open_counters, 2);
	CHECK_INT(svc('C')->est_wait_s, 4 * 240 / 2);
	/* a service nobody serves has no estimate */
	CHECK_INT(queue_service_add(q, 'F', "Lain", NULL, 0), Q_OK);
	CHECK_INT(queue_issue(q, 'F', &t), Q_OK);
	CHECK_INT(t.est_wait_s, -1);
	queue_close(q);
}

static void
test_day_change(void)
{
	queue *q = fresh();
	struct q_ticket t;
	struct q_event_rec ev[64];
	int n = 64, cancelled = 0;

	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(queue_issue(q, 'B', &t), Q_OK);
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	/* late evening, still the same day: nothing changes */
	now_ms += 15 * HOUR;                     /* 23:00 WIB */
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_STR(t.label, "A003");
	/* next morning: the first write ends what yesterday left */
	now_ms += 9 * HOUR;                      /* 08:00 next day */
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_STR(t.label, "A001");
	CHECK_STR(t.day, "2026-11-24");
	CHECK_INT(queue_status(q, &st), Q_OK);
	CHECK_INT(st.occupancy, 1);
	CHECK_INT(st.counters[0].has_current, 0);
	CHECK_INT(svc('A')->issued_today, 1);
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
	now_ms += 24 * HOUR;
	CHECK_INT(queue_status(q, &st), Q_OK);
	CHECK_INT(st.occupancy, 0);
	CHECK_STR(st.day, "2026-11-25");
	/* close-day cancels what still waits */
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(queue_issue(q, 'C', &t), Q_OK);
	CHECK_INT(queue_close_day(q, "closing", &cancelled), Q_OK);
	CHECK_INT(cancelled, 2);
	CHECK_INT(occupancy(q), 0);
	check_ok(q);
	queue_close(q);
}

static void
test_pin(void)
{
	queue *q = fresh();
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
	now_ms += 30 * 1000;
	CHECK_INT(queue_pin_check(q, "246810", &locked), Q_EPINLOCKED);
	CHECK_INT(locked, 30);
	now_ms += 31 * 1000;
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
	queue *q = fresh(), *other = NULL;
	struct q_event_rec ev[16];
	struct q_ticket t;
	int64_t last;
	int n;

	CHECK_INT(queue_open(&other, dbpath, 0, "counter:2"), Q_OK);
	queue_test_set_clock(other, fake_clock, NULL);
	CHECK_INT(queue_status(q, &st), Q_OK);
	last = st.last_event;
	queue_changed(q);
	CHECK_INT(queue_changed(q), 0);
	CHECK_INT(queue_issue(other, 'A', &t), Q_OK);
	CHECK_INT(queue_call_next(other, 2, &t), Q_OK);
	CHECK_INT(queue_changed(q), 1);          /* the other's commit seen */
	CHECK_INT(queue_changed(q), 0);
	/* a handle without its cache reads the same and keeps its mark */
	queue_release_memory(q);
	CHECK_INT(queue_changed(q), 0);
	CHECK_INT(queue_status(q, &st), Q_OK);
	CHECK_INT(st.last_event, last + 3);
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
	CHECK_INT(ev[2].ts_ms, now_ms);
	CHECK(ev[0].id < ev[1].id && ev[1].id < ev[2].id);
	queue_close(other);
	queue_close(q);
}

/* Group commit: units in one transaction, each kept or undone alone. */
static void
test_batch(void)
{
	queue *q = fresh(), *other = NULL;
	struct q_ticket t;

	CHECK_INT(queue_open(&other, dbpath, 0, "counter:2"), Q_OK);
	queue_test_set_clock(other, fake_clock, NULL);
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
	CHECK_INT(queue_status(other, &st), Q_OK);          /* not yet seen */
	CHECK_INT(st.counters[0].has_current, 0);
	CHECK_INT(st.counters[1].state, Q_COUNTER_OPEN);
	CHECK_INT(queue_batch_end(q, 1), Q_OK);
	CHECK_INT(queue_batch_end(q, 1), Q_EINVAL);
	CHECK_INT(queue_status(other, &st), Q_OK);          /* all of it now */
	CHECK_STR(st.counters[0].current.label, "A002");
	CHECK_INT(st.counters[1].state, Q_COUNTER_PAUSED);
	CHECK_INT(state_of(other, "A001"), Q_DONE);
	/* a batch undone leaves nothing */
	CHECK_INT(queue_batch_begin(q), Q_OK);
	CHECK_INT(queue_counter_set_state(q, 2, Q_COUNTER_OPEN), Q_OK);
	CHECK_INT(queue_call_next(q, 2, &t), Q_OK);
	CHECK_STR(t.label, "A003");
	CHECK_INT(queue_batch_end(q, 0), Q_OK);
	CHECK_INT(queue_status(q, &st), Q_OK);
	CHECK_INT(st.counters[1].state, Q_COUNTER_PAUSED);
	CHECK_INT(state_of(q, "A003"), Q_ADMITTED);
	/* and the handle works on its own again */
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	CHECK_STR(t.label, "A003");
	CHECK_INT(state_of(other, "A003"), Q_CALLED);
	queue_close(other);
	queue_close(q);
}

static void
test_print_state(void)
{
	queue *q = fresh();
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
	CHECK_INT(state_of(q, "A001"), Q_ADMITTED);  /* place untouched */
	CHECK_INT(queue_print_state(q, 999, Q_PRINT_PRINTED, NULL),
	    Q_ENOTICKET);
	queue_close(q);
}

static void
test_replaced(void)
{
	queue *q = fresh(), *other = NULL;
	char moved[600];
	struct q_ticket t;

	CHECK_INT(queue_replaced(q), 0);
	snprintf(moved, sizeof moved, "%s.moved", dbpath);
	CHECK_INT(rename(dbpath, moved), 0);
	CHECK_INT(queue_replaced(q), 1);           /* gone from the path */
	CHECK_INT(rename(moved, dbpath), 0);
	CHECK_INT(queue_replaced(q), 0);           /* the same file again */
	CHECK_INT(queue_open(&other, dbpath, 0, "t"), Q_OK);
	CHECK_INT(queue_replaced(other), 0);
	queue_test_set_clock(other, fake_clock, NULL);   /* the same machine */
	CHECK_INT(queue_issue(other, 'A', &t), Q_OK);
	queue_close(other);
	queue_close(q);
}

static void
test_report(void)
{
	queue *q = fresh();
	struct q_ticket t;
	struct report r;

	/* ten A tickets at 08:00; served one after another at counter 1,
	 * each called 1 min after the previous is done and served 5 min */
	for (int i = 0; i < 10; i++)
		CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	for (int i = 0; i < 10; i++) {
		now_ms += MIN;
		CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
		now_ms += 5 * MIN;
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
	now_ms += 3 * MIN;
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	now_ms += 8 * MIN;
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
	const char *out = getenv("OUT");
	char dir[400];

	setenv("TZ", "WIB-7", 1);   /* Jakarta, without needing tzdata */
	tzset();
	snprintf(dir, sizeof dir, "%s", out && *out ? out : "/tmp");
	if (out && *out) {
		char cmd[500];

		snprintf(cmd, sizeof cmd, "mkdir -p '%s'", dir);
		if (system(cmd) != 0)
			return 1;
	}
	snprintf(dbpath, sizeof dbpath, "%s/test_queue-%d.db", dir,
	    (int)getpid());
	test_open_errors();
	test_numbering();
	test_capacity_hold();
	test_capacity_refuse();
	test_limit_lowered();
	test_call_rules();
	test_transfer();
	test_services();
	test_estimate();
	test_day_change();
	test_pin();
	test_events_and_change();
	test_batch();
	test_print_state();
	test_replaced();
	test_report();
	unlink(dbpath);
	return check_done();
}
