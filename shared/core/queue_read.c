/* queue_read.c - what the screens and reports read: status, tickets,
 * events, change detection.  (The names and messages of the codes are
 * names.c's, the people ahead and the waits queue_wait.c's.) */
#define _POSIX_C_SOURCE 200809L
#include "queue_int.h"

#include <stdio.h>
#include <string.h>

/* ---- reading ---------------------------------------------------------- */

/* Roll the day over if nobody has written yet today.  A clock that looks
 * wrong does not stop a screen: it keeps the stored day and says so. */
static int
roll_if_needed(queue *q, struct q_status *st)
{
	char today[Q_DAY_MAX], day[Q_DAY_MAX] = "";
	int rc;

	if (q->readonly) {  /* a reader shows what is stored */
		st->clock_wrong = qi_clock_suspect(q);
		return Q_OK;
	}
	q_day_of(queue_now_ms(q), today);
	rc = db_setting_get(q->d, "business_day", day, sizeof day);
	if (rc == Q_OK && strcmp(day, today) >= 0)
		return Q_OK;
	if (rc && rc != Q_ENOTICKET)
		return rc;
	if ((rc = qi_begin(q, today)) == Q_ECLOCK) {
		st->clock_wrong = 1;
		return Q_OK;
	}
	if (rc)
		return rc;
	return db_end(q->d, Q_OK);
}

static int
status_services(queue *q, struct q_status *st)
{
	int rc, n = Q_MAX_SERVICES;

	if ((rc = db_services(q->d, st->services, &n)))
		return rc;
	st->nservices = n;
	for (int i = 0; i < n; i++) {
		struct q_service *s = &st->services[i];

		if ((rc = db_count_issued(q->d, st->day, s->code,
		    &s->issued_today)) ||
		    (rc = db_count_state(q->d, Q_ADMITTED, s->code,
		    &s->waiting)) ||
		    (rc = db_count_state(q->d, Q_OUTSIDE, s->code,
		    &s->outside)) ||
		    (rc = db_service_open_counters(q->d, s->code,
		    &s->open_counters)))
			return rc;
	}
	return qi_status_waits(q, st);
}

static int
status_counters(queue *q, struct q_status *st)
{
	int64_t cur[Q_MAX_COUNTERS];
	int rc, n = Q_MAX_COUNTERS;

	if ((rc = db_counters(q->d, st->counters, cur, &n)))
		return rc;
	st->ncounters = n;
	for (int i = 0; i < n; i++) {
		if (!cur[i])
			continue;
		if ((rc = db_ticket_get(q->d, cur[i], &st->counters[i].current)))
			return rc;
		st->counters[i].has_current = 1;
	}
	return Q_OK;
}

/* The newest events of kind a or b since from_id; for QE_ADMITTED alone,
 * only admissions from outside whose visitor has not been called yet
 * (the display's "silakan masuk"). */
static int
status_recent(queue *q, enum q_event a, enum q_event b, int64_t from_id,
              struct q_recent *out, int *count)
{
	struct q_event_rec ev[Q_MAX_RECENT];
	int rc, n = Q_MAX_RECENT;

	if (a == QE_ADMITTED && b == QE_ADMITTED)
		rc = db_events_admit_waiting(q->d, from_id, ev, &n);
	else
		rc = db_events_recent(q->d, a, b, from_id, ev, &n);
	if (rc)
		return rc;
	for (int i = 0; i < n; i++) {
		snprintf(out[i].label, sizeof out[i].label, "%s", ev[i].label);
		out[i].counter = ev[i].counter;
		out[i].ts_ms = ev[i].ts_ms;
	}
	*count = n;
	return Q_OK;
}

int
queue_status(queue *q, struct q_status *st)
{
	int64_t since = 0;
	int rc;

	memset(st, 0, sizeof *st);
	if ((rc = roll_if_needed(q, st)))
		return rc;
	if ((rc = db_read_begin(q->d)))
		return rc;
	if ((rc = qi_today(q, st->day)))
		goto err;
	rc = db_setting_get_int(q->d, "day_first_event", &since);
	if (rc && rc != Q_ENOTICKET)
		goto err;
	rc = db_setting_get(q->d, "office", st->office, sizeof st->office);
	if (rc == Q_ENOTICKET)
		snprintf(st->office, sizeof st->office, "antri");
	else if (rc)
		goto err;
	rc = db_setting_get(q->d, "notice", st->notice, sizeof st->notice);
	if (rc && rc != Q_ENOTICKET)
		goto err;
	if ((rc = qi_limit(q, &st->limit)) ||
	    (rc = qi_policy(q, &st->policy)) ||
	    (rc = db_count_state(q->d, -1, 0, &st->occupancy)) ||
	    (rc = db_count_state(q->d, Q_OUTSIDE, 0, &st->outside)) ||
	    (rc = status_services(q, st)) ||
	    (rc = status_counters(q, st)) ||
	    (rc = status_recent(q, QE_CALLED, QE_RECALLED, since, st->calls,
	    &st->ncalls)) ||
	    (rc = status_recent(q, QE_ADMITTED, QE_ADMITTED, since,
	    st->admitted, &st->nadmitted)) ||
	    (rc = db_last_event(q->d, &st->last_event)))
		goto err;
err:
	return db_end(q->d, rc);
}

int
queue_ticket_find(queue *q, const char *label, struct q_ticket *t)
{
	memset(t, 0, sizeof *t);
	return qi_find(q, label, t);
}

int
queue_ticket_get(queue *q, int64_t id, struct q_ticket *t)
{
	return db_ticket_get(q->d, id, t);
}

int
queue_ticket_last_by(queue *q, const char *actor, struct q_ticket *t)
{
	char today[Q_DAY_MAX];
	int rc;

	if ((rc = qi_today(q, today)))
		return rc;
	return db_ticket_last_by(q->d, actor, today, t);
}

int
queue_tickets_print_failed(queue *q, struct q_ticket *out, int *n)
{
	char today[Q_DAY_MAX];
	int rc;

	if ((rc = qi_today(q, today)))
		return rc;
	return db_tickets_print_state(q->d, today, Q_PRINT_FAILED, out, n);
}

int
queue_counter_history(queue *q, int counter, struct q_ticket *out, int *n)
{
	char today[Q_DAY_MAX];
	int rc;

	if ((rc = qi_today(q, today)))
		return rc;
	return db_counter_history(q->d, counter, today, out, n);
}

int
queue_events_since(queue *q, int64_t after, struct q_event_rec *out, int *n)
{
	return db_events_since(q->d, after, out, n);
}

int
queue_changed(queue *q)
{
	return db_changed(q->d);
}

int
queue_tickets_foreach(queue *q, const char *from, const char *to,
                      int (*cb)(const struct q_ticket *, void *), void *ctx)
{
	int rc;

	if ((rc = db_read_begin(q->d)))
		return rc;
	rc = db_tickets_foreach(q->d, from, to, cb, ctx);
	return db_end(q->d, rc);
}

int
queue_peak_occupancy(queue *q, const char *from, const char *to, int *peak,
                     char day[Q_DAY_MAX])
{
	return db_peak_range(q->d, from, to, peak, day);
}
