/* queue_wait.c - what a visitor is told: the people ahead of a ticket and
 * its estimated wait, counting the queue at the door as well as the queue
 * of its service (docs/rules.md, "What a visitor is told").
 *
 * A ticket outside waits for two things at once: a place in the room
 * (everyone ahead of it at the door must get in first, and the room lets
 * one in per visitor who leaves), and its service's queue (everyone of its
 * service already inside or ahead of it at the door is called first).
 * Both drain at the same time, so its wait is the longer of the two.
 */
#include "queue_int.h"

#include <string.h>

#define DEFAULT_SERVICE_S 300   /* estimate when no ticket was served yet */
#define MEAN_OVER 20            /* recent tickets in the mean service time */

/* The mean service time to assume when nothing was served yet. */
static int
default_mean(queue *q, int64_t *mean)
{
	int64_t def = 0;
	int rc = db_setting_get_int(q->d, "default_service_s", &def);

	if (rc && rc != Q_ENOTICKET)
		return rc;
	*mean = (def > 0 ? def : DEFAULT_SERVICE_S) * 1000;
	return Q_OK;
}

/* Estimated wait in seconds for someone with `ahead` people before them
 * in a service, -1 when no open counter serves it. */
int
qi_estimate(queue *q, char code, int ahead, int *est)
{
	int64_t mean = 0;
	int rc, open;

	*est = -1;
	if ((rc = db_service_open_counters(q->d, code, &open)))
		return rc;
	if (open == 0)
		return Q_OK;
	if ((rc = db_mean_service_ms(q->d, code, MEAN_OVER, &mean)))
		return rc;
	if (mean <= 0 && (rc = default_mean(q, &mean)))
		return rc;
	*est = (int)((int64_t)ahead * mean / open / 1000);
	return Q_OK;
}

/* What the door's wait depends on, read once per status. */
struct room {
	int ready;
	int limit, occ, servers;  /* servers: counters that can be busy */
	int64_t mean;             /* mean service time, ms, all services */
};

/* The mean time a visitor spends at a counter, over all services: the
 * average of the services' own means (each over its last MEAN_OVER
 * tickets), or the default when none was served yet. */
static int
room_mean(queue *q, int64_t *mean)
{
	struct q_service s[Q_MAX_SERVICES];
	int64_t m, sum = 0;
	int rc, n = Q_MAX_SERVICES, k = 0;

	if ((rc = db_services(q->d, s, &n)))
		return rc;
	for (int i = 0; i < n; i++) {
		if ((rc = db_mean_service_ms(q->d, s[i].code, MEAN_OVER, &m)))
			return rc;
		if (m > 0) {
			sum += m;
			k++;
		}
	}
	if (k == 0)
		return default_mean(q, mean);
	*mean = sum / k;
	return Q_OK;
}

static int
room_get(queue *q, struct room *r)
{
	int rc;

	if (r->ready)
		return Q_OK;
	if ((rc = qi_limit(q, &r->limit)) ||
	    (rc = db_count_state(q->d, -1, 0, &r->occ)) ||
	    (rc = db_open_counters(q->d, &r->servers)))
		return rc;
	if (r->limit > 0 && r->servers > r->limit)
		r->servers = r->limit;
	if (r->servers > 0 && (rc = room_mean(q, &r->mean)))
		return rc;
	r->ready = 1;
	return Q_OK;
}

/* Seconds until a visitor with ahead_out people before them at the door
 * gets a place: the room must lose (people above the limit) + ahead_out
 * + 1 visitors, and it loses one per mean service time at each counter
 * that can be busy (the open counters, at most the limit).  -1 when no
 * counter is open. */
static int
door_wait(queue *q, struct room *r, int ahead_out, int *est)
{
	int rc, leave;

	*est = -1;
	if ((rc = room_get(q, r)))
		return rc;
	if (r->servers == 0)
		return Q_OK;
	leave = (r->limit > 0 && r->occ > r->limit ? r->occ - r->limit : 0) +
	    ahead_out + 1;
	*est = (int)((int64_t)leave * r->mean / r->servers / 1000);
	return Q_OK;
}

/* The wait of a ticket with ahead_out people before it at the door, same
 * of them in its own service, and ahead_in of its service inside before
 * it; outside: whether it waits at the door.  See the file's comment. */
static int
wait_est(queue *q, struct room *r, char code, int outside, int ahead_out,
         int same, int ahead_in, int *est)
{
	int rc, door = 0;

	*est = -1;
	if (outside && (rc = door_wait(q, r, ahead_out, &door)))
		return rc;
	if ((rc = qi_estimate(q, code, ahead_in + same, est)))
		return rc;
	if (*est >= 0 && door > *est)
		*est = door;
	if (door < 0)
		*est = -1;
	return Q_OK;
}

/* People outside before the newest ticket of service code (priority
 * prio): everyone outside of its class or a higher one, counted per
 * service on the index (a per-ticket count reads every row outside). */
static int
newest_ahead(queue *q, char code, int prio, int *all, int *same)
{
	struct q_service s[Q_MAX_SERVICES];
	int rc, n = Q_MAX_SERVICES, k;

	*all = *same = 0;
	if ((rc = db_services(q->d, s, &n)))
		return rc;
	for (int i = 0; i < n; i++) {
		if (s[i].priority < prio)
			continue;
		if ((rc = db_count_state(q->d, Q_OUTSIDE, s[i].code, &k)))
			return rc;
		*all += k;
		if (s[i].code == code)
			*same = k;
	}
	return Q_OK;
}

int
qi_ticket_wait(queue *q, struct q_ticket *t, int newest)
{
	struct room r = { 0 };
	struct q_service s;
	int rc, same = 0;
	/* a remote ticket not checked in yet: counted as if it stood at the
	 * door at its place now */
	int out = t->state == Q_OUTSIDE || t->state == Q_EXPECTED;
	char c = t->service;

	t->ahead_outside = t->ahead_inside = t->people_ahead = 0;
	t->est_wait_s = 0;
	if (!out && t->state != Q_ADMITTED) {
		if (t->state != Q_CALLED)
			t->est_wait_s = -1;      /* finished: no estimate at all */
		return Q_OK;
	}
	if ((rc = db_service_get(q->d, c, &s)))
		return rc;
	if (newest) {                    /* it counts itself: take it out */
		if ((rc = db_count_state(q->d, Q_ADMITTED, c, &t->ahead_inside)))
			return rc;
		if (out && (rc = newest_ahead(q, c, s.priority,
		    &t->ahead_outside, &same)))
			return rc;
		if (out) {
			t->ahead_outside--;
			same--;
		} else {
			t->ahead_inside--;
		}
	} else if (out) {
		int64_t now = queue_now_ms(q);
		int due_all = 0, due_same = 0;

		/* at the door: those outside before it, and the appointments
		 * whose slot came that no write has moved there yet (they
		 * stand before it all the same); not the remote tickets not
		 * checked in: they are not there */
		if ((rc = db_count_ahead(q->d, Q_OUTSIDE, 0, s.priority,
		    t->place_ms, t->id, &t->ahead_outside)) ||
		    (rc = db_count_ahead(q->d, Q_OUTSIDE, c, s.priority,
		    t->place_ms, t->id, &same)) ||
		    (rc = db_count_due_ahead(q->d, 0, s.priority, t->place_ms,
		    t->id, now, &due_all)) ||
		    (rc = db_count_due_ahead(q->d, c, s.priority, t->place_ms,
		    t->id, now, &due_same)) ||
		    (rc = db_count_state(q->d, Q_ADMITTED, c, &t->ahead_inside)))
			return rc;
		t->ahead_outside += due_all;
		same += due_same;
	} else if ((rc = db_count_ahead(q->d, Q_ADMITTED, c, s.priority,
	    t->place_ms, t->id, &t->ahead_inside))) {
		return rc;
	}
	t->people_ahead = t->ahead_outside + t->ahead_inside;
	return wait_est(q, &r, c, out, t->ahead_outside, same,
	    t->ahead_inside, &t->est_wait_s);
}

int
qi_status_waits(queue *q, struct q_status *st)
{
	struct room r = { 0 };
	int enters = st->limit == 0 || (st->occupancy < st->limit &&
	    st->outside == 0);
	int rc;

	for (int i = 0; i < st->nservices; i++) {
		struct q_service *s = &st->services[i];

		s->ahead_inside = s->waiting;
		s->ahead_outside = 0;
		/* last of its class at the door: everyone outside of its
		 * class or a higher one is ahead */
		for (int k = 0; !enters && k < st->nservices; k++)
			if (st->services[k].priority >= s->priority)
				s->ahead_outside += st->services[k].outside;
		s->people_ahead = s->ahead_outside + s->ahead_inside;
		if ((rc = wait_est(q, &r, s->code, !enters, s->ahead_outside,
		    enters ? 0 : s->outside, s->ahead_inside, &s->est_wait_s)))
			return rc;
	}
	return Q_OK;
}

int
queue_ticket_wait(queue *q, struct q_ticket *t)
{
	int rc;

	if ((rc = db_read_begin(q->d)))
		return rc;
	if ((rc = db_ticket_get(q->d, t->id, t)))
		return db_end(q->d, rc);
	return db_end(q->d, qi_ticket_wait(q, t, 0));
}
