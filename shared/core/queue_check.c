/* queue_check.c - rebuild the queue's history from the database alone and
 * check the invariants of docs/architecture.md.
 *
 * Used by `antri check` and by the multi-process and crash tests.  Three
 * passes: SQLite's own integrity check; the tickets, sorted by (day,
 * issue service, number), must run 1, 2, 3, ... with no gap or duplicate;
 * the events, replayed in order, must move each ticket only along the
 * state machine, never admit above the limit in force, and end with each
 * ticket in the state its row says.
 */
#include "queue_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct num {                     /* one ticket's number, for sorting */
	char day[Q_DAY_MAX];
	char code;
	int seq;
};

struct replay {
	struct num *nums;
	size_t nnum, cap;
	signed char *state;          /* by ticket id; -1 = not issued yet */
	signed char *final;          /* by ticket id: state in the row */
	int64_t maxid;
	int occ, limit;
	char *msg;
	size_t msglen;
};

static int
grow(struct replay *r, int64_t id)
{
	int64_t n;
	signed char *a, *b;

	if (id < r->maxid)
		return Q_OK;
	n = r->maxid ? r->maxid : 1024;
	while (n <= id)
		n *= 2;
	if (!(a = realloc(r->state, (size_t)n)))
		return Q_ENOMEM;
	r->state = a;
	if (!(b = realloc(r->final, (size_t)n)))
		return Q_ENOMEM;
	r->final = b;
	memset(r->state + r->maxid, -1, (size_t)(n - r->maxid));
	memset(r->final + r->maxid, -1, (size_t)(n - r->maxid));
	r->maxid = n;
	return Q_OK;
}

static int
on_ticket(const struct q_ticket *t, void *ctx)
{
	struct replay *r = ctx;
	struct num *nn;

	if (r->nnum == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 4096;
		if (!(nn = realloc(r->nums, r->cap * sizeof *nn)))
			return Q_ENOMEM;
		r->nums = nn;
	}
	nn = &r->nums[r->nnum++];
	memcpy(nn->day, t->day, sizeof nn->day);
	nn->code = t->issue_service;
	nn->seq = t->seq;
	if (grow(r, t->id))
		return Q_ENOMEM;
	r->final[t->id] = (signed char)t->state;
	return Q_OK;
}

static int
cmp_num(const void *a, const void *b)
{
	const struct num *x = a, *y = b;
	int c = strcmp(x->day, y->day);

	if (c)
		return c;
	if (x->code != y->code)
		return x->code - y->code;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static int
fail(struct replay *r, const char *what, const struct q_event_rec *e)
{
	if (e)
		snprintf(r->msg, r->msglen, "event %lld (%s %s): %s",
		    (long long)e->id, q_event_name(e->kind), e->label, what);
	else
		snprintf(r->msg, r->msglen, "%s", what);
	return Q_ECORRUPT;
}

static int
inside(int st)
{
	return st == Q_ADMITTED || st == Q_CALLED;
}

static int
on_event(const struct q_event_rec *e, void *ctx)
{
	struct replay *r = ctx;
	const char *arrow;
	int from, to = -1;

	if (e->kind == QE_LIMIT_CHANGED) {
		if (!(arrow = strstr(e->detail, "->")))
			return fail(r, "limit change without a value", e);
		r->limit = atoi(arrow + 2);
		return Q_OK;
	}
	if (!e->ticket || e->kind == QE_PRINTED || e->kind == QE_PRINT_FAILED ||
	    e->kind == QE_REPRINT)
		return Q_OK;
	if (e->ticket >= r->maxid || r->final[e->ticket] < 0)
		return fail(r, "event for a ticket that has no row", e);
	from = r->state[e->ticket];
	switch (e->kind) {
	case QE_ISSUED:
		if (from == -1)
			to = Q_OUTSIDE;
		break;
	case QE_ADMITTED:
		if (from == Q_OUTSIDE)
			to = Q_ADMITTED;
		break;
	case QE_CALLED:
		if (from == Q_ADMITTED)
			to = Q_CALLED;
		break;
	case QE_RECALLED:
		if (from == Q_CALLED)
			to = Q_CALLED;
		break;
	case QE_DONE:
		if (from == Q_CALLED)
			to = Q_DONE;
		break;
	case QE_NO_SHOW:
		if (from == Q_CALLED)
			to = Q_NO_SHOW;
		break;
	case QE_TRANSFERRED:
		if (from == Q_CALLED)
			to = Q_ADMITTED;
		break;
	case QE_CANCELLED:
		if (from == Q_OUTSIDE || inside(from))
			to = Q_CANCELLED;
		break;
	default:
		return fail(r, "unexpected event kind for a ticket", e);
	}
	if (to < 0) {
		char what[96];

		snprintf(what, sizeof what, "illegal transition from %s",
		    from < 0 ? "nothing" : q_state_name((enum q_state)from));
		return fail(r, what, e);
	}
	r->occ += inside(to) - inside(from);
	if (e->kind == QE_ADMITTED && r->limit > 0 && r->occ > r->limit) {
		char what[96];

		snprintf(what, sizeof what, "occupancy %d above the limit %d",
		    r->occ, r->limit);
		return fail(r, what, e);
	}
	r->state[e->ticket] = (signed char)to;
	return Q_OK;
}

int
queue_check(queue *q, char *msg, size_t msglen)
{
	struct replay r;
	db *d = queue_db(q);
	int rc;

	memset(&r, 0, sizeof r);
	r.msg = msg;
	r.msglen = msglen;
	snprintf(msg, msglen, "ok");
	if ((rc = db_integrity(d, msg, msglen)))
		return rc;
	if ((rc = db_read_begin(d)))
		return rc;
	if ((rc = db_tickets_foreach(d, NULL, NULL, on_ticket, &r)))
		goto err;
	if (r.nnum)
		qsort(r.nums, r.nnum, sizeof *r.nums, cmp_num);
	for (size_t i = 0; i < r.nnum; i++) {
		int first = i == 0 || strcmp(r.nums[i].day, r.nums[i - 1].day) ||
		    r.nums[i].code != r.nums[i - 1].code;
		int want = first ? 1 : r.nums[i - 1].seq + 1;

		if (r.nums[i].seq != want) {
			snprintf(msg, msglen, "%s %c: number %d follows %d "
			    "(a %s)", r.nums[i].day, r.nums[i].code,
			    r.nums[i].seq, want - 1,
			    r.nums[i].seq < want ? "duplicate" : "gap");
			rc = Q_ECORRUPT;
			goto err;
		}
	}
	if ((rc = db_events_foreach(d, on_event, &r)))
		goto err;
	for (int64_t id = 0; id < r.maxid; id++) {
		if (r.final[id] >= 0 && r.final[id] != r.state[id]) {
			snprintf(msg, msglen, "ticket #%lld is %s in its row but "
			    "its events end in %s", (long long)id,
			    q_state_name((enum q_state)r.final[id]),
			    r.state[id] < 0 ? "nothing" :
			    q_state_name((enum q_state)r.state[id]));
			rc = Q_ECORRUPT;
			goto err;
		}
	}
	snprintf(msg, msglen, "ok: %zu tickets, every number in sequence, "
	    "every transition legal, occupancy within the limit", r.nnum);
err:
	free(r.nums);
	free(r.state);
	free(r.final);
	return db_end(d, rc);
}
