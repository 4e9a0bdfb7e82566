/* queue_check.c - rebuild the queue's history from the database alone and
 * check the invariants of docs/architecture.md.
 *
 * Used by `antri check` and by the multi-process and crash tests.  Three
 * passes: SQLite's own integrity check; the tickets, sorted by (day,
 * issue service, number), must run 1, 2, 3, ... with no gap or duplicate;
 * the events, replayed in order, must move each ticket only along the
 * state machine, admit from outside in the order of the rules
 * (admit_before), never admit above the limit in force, take done /
 * no-show / transfer / recall only from the counter holding the ticket,
 * end with each ticket in the state its row says, and form an unbroken
 * hash chain from its anchor (chain.c), day seals included.  Remote
 * tickets and appointments (queue_remote.c): EXPECTED is outside the room
 * and leaves only by a check-in or a cancel; a ticket's place is its
 * issue time, or a late check-in's time, or for an appointment the day
 * before its slot, and an appointment joins the door only once its slot
 * came.
 */
#define _POSIX_C_SOURCE 200809L
#include "queue_int.h"
#include "chain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
	int *holder;                 /* by ticket id: counter that called it */
	int64_t *issued;             /* by ticket id: its place in the door's
	                              * order: issued_ms of the row, or the
	                              * time of a late check-in */
	int64_t *place;              /* by ticket id: place_ms of the row */
	char *code;                  /* by ticket id: its issue service */
	int prio[Q_MAX_SERVICES];    /* by service letter: 1 = priority */
	int64_t *out;                /* ids OUTSIDE now, unordered */
	size_t nout, capout;
	int64_t maxid;
	struct chain chain;          /* the hash chain (chain.c) */
	int occ, limit;
	char *msg;
	size_t msglen;
};

static int
grow(struct replay *r, int64_t id)
{
	int64_t n;
	signed char *a, *b;
	int64_t *c;
	int *h;
	char *k;

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
	if (!(c = realloc(r->issued, (size_t)n * sizeof *c)))
		return Q_ENOMEM;
	r->issued = c;
	if (!(c = realloc(r->place, (size_t)n * sizeof *c)))
		return Q_ENOMEM;
	r->place = c;
	if (!(h = realloc(r->holder, (size_t)n * sizeof *h)))
		return Q_ENOMEM;
	r->holder = h;
	if (!(k = realloc(r->code, (size_t)n)))
		return Q_ENOMEM;
	r->code = k;
	memset(r->code + r->maxid, 0, (size_t)(n - r->maxid));
	memset(r->state + r->maxid, -1, (size_t)(n - r->maxid));
	memset(r->final + r->maxid, -1, (size_t)(n - r->maxid));
	memset(r->issued + r->maxid, 0, (size_t)(n - r->maxid) * sizeof *c);
	memset(r->place + r->maxid, 0, (size_t)(n - r->maxid) * sizeof *c);
	memset(r->holder + r->maxid, 0, (size_t)(n - r->maxid) * sizeof *h);
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
	/* an appointment's place is fixed by its slot (queue_remote.c):
	 * the day before it, ahead of every walk-in, in slot order */
	r->issued[t->id] = t->slot_ms ? t->slot_ms - (int64_t)24 * 3600 * 1000 :
	    t->issued_ms;
	r->place[t->id] = t->place_ms;
	r->code[t->id] = t->issue_service;
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

/* ---- the order of admission ------------------------------------------ */

static int
prio_of(const struct replay *r, int64_t id)
{
	int i = r->code[id] - 'A';

	return i >= 0 && i < Q_MAX_SERVICES ? r->prio[i] : 0;
}

/* 1 when ticket a must be let in from outside before ticket b.  The rule
 * of db_sql.c's S_T_NEXT_OUT (docs/architecture.md): a priority service's
 * tickets first, then first issued, first in; ties by id. */
static int
admit_before(const struct replay *r, int64_t a, int64_t b)
{
	if (prio_of(r, a) != prio_of(r, b))
		return prio_of(r, a) > prio_of(r, b);
	if (r->issued[a] != r->issued[b])
		return r->issued[a] < r->issued[b];
	return a < b;
}

static int
out_add(struct replay *r, int64_t id)
{
	int64_t *o;

	if (r->nout == r->capout) {
		r->capout = r->capout ? 2 * r->capout : 256;
		if (!(o = realloc(r->out, r->capout * sizeof *o)))
			return Q_ENOMEM;
		r->out = o;
	}
	r->out[r->nout++] = id;
	return Q_OK;
}

static void
out_del(struct replay *r, int64_t id)
{
	for (size_t i = 0; i < r->nout; i++)
		if (r->out[i] == id) {
			r->out[i] = r->out[--r->nout];
			return;
		}
}

/* An admission from outside: nobody still outside may come first. */
static int
check_order(struct replay *r, const struct q_event_rec *e)
{
	char what[96];

	for (size_t i = 0; i < r->nout; i++) {
		int64_t y = r->out[i];

		if (y != e->ticket && admit_before(r, y, e->ticket)) {
			snprintf(what, sizeof what, "admitted ahead of ticket "
			    "#%lld, who waited outside longer", (long long)y);
			return fail(r, what, e);
		}
	}
	return Q_OK;
}

/* done, no-show, transfer and recall come from the counter that called
 * the ticket. */
static int
check_holder(struct replay *r, const struct q_event_rec *e)
{
	char what[96];

	if (e->counter == r->holder[e->ticket])
		return Q_OK;
	snprintf(what, sizeof what, "from counter %d, but counter %d holds "
	    "the ticket", e->counter, r->holder[e->ticket]);
	return fail(r, what, e);
}

/* ---- the replay -------------------------------------------------------- */

/* The state a ticket event moves the ticket to from `from`, -1 if none. */
static int
transition(const struct q_event_rec *e, int from)
{
	switch (e->kind) {
	case QE_ISSUED:
		if (from != -1)
			return -1;
		return strcmp(e->detail, Q_ISSUED_REMOTE) &&
		    strcmp(e->detail, Q_ISSUED_BOOKING) ? Q_OUTSIDE : Q_EXPECTED;
	case QE_CHECKED_IN: return from == Q_EXPECTED ? Q_OUTSIDE : -1;
	case QE_ADMITTED: return from == Q_OUTSIDE ? Q_ADMITTED : -1;
	case QE_CALLED: return from == Q_ADMITTED ? Q_CALLED : -1;
	case QE_RECALLED: return from == Q_CALLED ? Q_CALLED : -1;
	case QE_DONE: return from == Q_CALLED ? Q_DONE : -1;
	case QE_NO_SHOW: return from == Q_CALLED ? Q_NO_SHOW : -1;
	case QE_TRANSFERRED: return from == Q_CALLED ? Q_ADMITTED : -1;
	case QE_CANCELLED:
		return from == Q_OUTSIDE || from == Q_EXPECTED || inside(from) ?
		    Q_CANCELLED : -1;
	default: return -2;
	}
}

/* One ticket event: legal move, order of admission, the right counter,
 * the limit. */
static int
ticket_event(struct replay *r, const struct q_event_rec *e)
{
	char what[96];
	int from, to, rc;

	if (e->ticket >= r->maxid || r->final[e->ticket] < 0)
		return fail(r, "event for a ticket that has no row", e);
	from = r->state[e->ticket];
	if ((to = transition(e, from)) == -2)
		return fail(r, "unexpected event kind for a ticket", e);
	if (to < 0) {
		snprintf(what, sizeof what, "illegal transition from %s",
		    from < 0 ? "nothing" : q_state_name((enum q_state)from));
		return fail(r, what, e);
	}
	if (e->kind == QE_ADMITTED && (rc = check_order(r, e)))
		return rc;
	/* a late check-in's place is its check-in, not its issue: the row's
	 * place, which must lie between the two */
	if (e->kind == QE_CHECKED_IN && !strcmp(e->detail, Q_CHECKIN_LATE_DETAIL)) {
		if (r->place[e->ticket] < r->issued[e->ticket] ||
		    r->place[e->ticket] > e->ts_ms)
			return fail(r, "a late check-in's place is not the "
			    "time of its check-in", e);
		r->issued[e->ticket] = r->place[e->ticket];
	}
	/* an appointment joins the door when its slot came, not before
	 * (its place is the day before its slot) */
	if (e->kind == QE_CHECKED_IN && !strcmp(e->detail,
	    Q_CHECKIN_SLOT_DETAIL) && e->ts_ms < r->issued[e->ticket] +
	    (int64_t)24 * 3600 * 1000)
		return fail(r, "an appointment joined the door before its slot",
		    e);
	if ((e->kind == QE_RECALLED || e->kind == QE_DONE ||
	    e->kind == QE_NO_SHOW || e->kind == QE_TRANSFERRED) &&
	    (rc = check_holder(r, e)))
		return rc;
	r->holder[e->ticket] = e->kind == QE_CALLED ? e->counter :
	    to == Q_CALLED ? r->holder[e->ticket] : 0;
	if (to == Q_OUTSIDE && (rc = out_add(r, e->ticket)))
		return rc;
	if (from == Q_OUTSIDE && to != Q_OUTSIDE)
		out_del(r, e->ticket);
	r->occ += inside(to) - inside(from);
	if (e->kind == QE_ADMITTED && r->limit > 0 && r->occ > r->limit) {
		snprintf(what, sizeof what, "occupancy %d above the limit %d",
		    r->occ, r->limit);
		return fail(r, what, e);
	}
	r->state[e->ticket] = (signed char)to;
	return Q_OK;
}

static int
on_event(const struct q_event_rec *e, void *ctx)
{
	struct replay *r = ctx;
	const char *arrow;
	int rc;

	/* the rules first: a forged event is named for what it breaks */
	if (e->kind == QE_LIMIT_CHANGED) {
		if (!(arrow = strstr(e->detail, "->")))
			return fail(r, "limit change without a value", e);
		r->limit = atoi(arrow + 2);
	} else if (e->ticket && e->kind != QE_PRINTED &&
	    e->kind != QE_PRINT_FAILED && e->kind != QE_REPRINT) {
		if ((rc = ticket_event(r, e)))
			return rc;
	}
	return chain_step(&r->chain, e, r->msg, r->msglen);
}

/* Which services admit first at the door (service P of the offices). */
static int
load_priorities(db *d, struct replay *r)
{
	struct q_service sv[Q_MAX_SERVICES];
	int n = Q_MAX_SERVICES, rc;

	if ((rc = db_services(d, sv, &n)))
		return rc;
	for (int i = 0; i < n; i++)
		if (sv[i].code >= 'A' && sv[i].code <= 'Z')
			r->prio[sv[i].code - 'A'] = sv[i].priority;
	return Q_OK;
}

int
queue_check(queue *q, char *msg, size_t msglen)
{
	struct replay r;
	db *d = queue_db(q);
	int rc;

	memset(&r, 0, sizeof r);
	chain_init(&r.chain);
	r.msg = msg;
	r.msglen = msglen;
	snprintf(msg, msglen, "ok");
	if ((rc = db_integrity(d, msg, msglen)))
		return rc;
	if ((rc = db_read_begin(d)))
		return rc;
	if ((rc = load_priorities(d, &r)) ||
	    (rc = db_tickets_foreach(d, NULL, NULL, on_ticket, &r)))
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
	if ((rc = chain_end(&r.chain, msg, msglen)))
		goto err;
	for (int64_t id = 0; id < r.maxid; id++) {
		if (r.final[id] >= 0 && r.place[id] != r.issued[id]) {
			snprintf(msg, msglen, "ticket #%lld's place in the line "
			    "is not its issue time, and it did not check in "
			    "late", (long long)id);
			rc = Q_ECORRUPT;
			goto err;
		}
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
	    "every transition legal, occupancy within the limit, audit chain "
	    "whole (%lld events)", r.nnum, (long long)r.chain.prev_id);
err:
	free(r.nums);
	free(r.holder);
	free(r.issued);
	free(r.place);
	free(r.code);
	free(r.out);
	free(r.state);
	free(r.final);
	return db_end(d, rc);
}
