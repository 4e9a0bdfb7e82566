/* report.c - one pass over the tickets of a range of days.
 *
 * Waits are kept per service and per counter in growing arrays (a wait
 * and how many waited it) so that the 90th percentile is exact (sorted
 * once at the end).  The tickets come one by one (report_add) or as
 * groups of tickets alike in every figure (report_add_group), or as
 * groups alike in what one part of the report counts (report_add_part:
 * the head office's grouped read and its rollups of closed days); all
 * end in add_part(), the one place each figure is counted.
 */
#define _POSIX_C_SOURCE 200809L
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct wait {                     /* n tickets called after w seconds */
	int w, n;
};

struct acc {                      /* running figures of one r_line */
	struct r_line *line;
	struct wait *waits;           /* of tickets called, as they came */
	size_t nw, cap;
	int64_t nwait;                /* tickets called (sum of the n) */
	double wait_sum;
	int64_t svc_ms;               /* DONE: call to finish, summed */
	int64_t nsvc;
};

struct walk {
	struct report *r;
	struct acc svc[Q_MAX_SERVICES], ctr[Q_MAX_COUNTERS], total;
	struct acc hour[24];           /* waits by the hour of issue */
	struct r_line hour_line[24];
	char lastday[Q_DAY_MAX];
	int64_t hour_cache_base;      /* local midnight of lastday, ms */
	double slot_sum;              /* appointments: waits from the slot, s */
	int err;
};

int
report_valid_day(const char *s)
{
	struct tm tm;
	int y, m, d;
	char extra;

	if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d,
	    &extra) != 3 || s[4] != '-' || s[7] != '-')
		return 0;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	if (mktime(&tm) == (time_t)-1)
		return 0;
	return tm.tm_year == y - 1900 && tm.tm_mon == m - 1 && tm.tm_mday == d;
}

static int
push_wait(struct acc *a, int w, int n)
{
	struct wait *p;

	if (a->nw && a->waits[a->nw - 1].w == w) {
		a->waits[a->nw - 1].n += n;
	} else {
		if (a->nw == a->cap) {
			a->cap = a->cap ? a->cap * 2 : 256;
			if (!(p = realloc(a->waits, a->cap * sizeof *p)))
				return -1;
			a->waits = p;
		}
		a->waits[a->nw].w = w;
		a->waits[a->nw++].n = n;
	}
	a->nwait += n;
	a->wait_sum += (double)w * n;
	return 0;
}

static void
count(struct acc *a, const struct report_group *g, int *err)
{
	if (!a->line)
		return;
	if (g->state == Q_DONE) {
		a->line->served += g->n;
		a->svc_ms += g->service_ms;
		a->nsvc += g->n;
	} else if (g->state == Q_NO_SHOW) {
		a->line->no_show += g->n;
	} else if (g->state == Q_CANCELLED) {
		a->line->cancelled += g->n;
	}
	if (g->called && push_wait(a, g->wait_s, g->n))
		*err = Q_ENOMEM;
}

int64_t
report_day_base(const char *day)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	if (sscanf(day, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday)
	    != 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm) * 1000;
}

/* the hour of the day of a time h hours after its day's midnight */
static int
clamp_hour(int64_t h)
{
	return h < 0 ? 0 : h > 23 ? 23 : (int)h;
}

static int
hour_of(struct walk *w, const struct q_ticket *t)
{
	if (strcmp(w->lastday, t->day) != 0) {
		snprintf(w->lastday, sizeof w->lastday, "%s", t->day);
		w->hour_cache_base = report_day_base(t->day);
		w->r->days++;
	}
	return clamp_hour((t->issued_ms - w->hour_cache_base) / 3600000);
}

/* n tickets alike in what one part of the report counts of them (the
 * rule of each figure; add_group is every part of one group) */
static int
add_part(struct walk *w, enum report_part p, const struct report_group *g)
{
	struct report *r = w->r;
	int si = g->issue_service - 'A', cur = g->service - 'A';
	int h = clamp_hour(g->hour);

	switch (p) {
	case RP_HOUR:             /* of the hour's line, only the waits */
		r->per_hour[h] += g->n;
		if (g->called && push_wait(&w->hour[h], g->wait_s, g->n))
			w->err = Q_ENOMEM;
		break;
	case RP_ISSUED:
		if (si >= 0 && si < Q_MAX_SERVICES) {
			if (!w->svc[si].line) {
				w->svc[si].line = &r->services[r->nservices++];
				w->svc[si].line->key = g->issue_service;
			}
			w->svc[si].line->issued += g->n;
		}
		r->total.issued += g->n;
		break;
	case RP_SERVICE:
		/* served, waits: counted under the service that finished
		 * it */
		if (cur >= 0 && cur < Q_MAX_SERVICES) {
			if (!w->svc[cur].line) {
				w->svc[cur].line = &r->services[r->nservices++];
				w->svc[cur].line->key = g->service;
			}
			count(&w->svc[cur], g, &w->err);
		}
		break;
	case RP_TOTAL:
		count(&w->total, g, &w->err);
		break;
	case RP_COUNTER:
		if (g->counter > 0 && g->called) {
			struct acc *a = NULL;

			for (int i = 0; i < r->ncounters; i++)
				if (r->counters[i].counter == g->counter)
					a = &w->ctr[i];
			if (!a && r->ncounters < Q_MAX_COUNTERS) {
				a = &w->ctr[r->ncounters];
				a->line = &r->counters[r->ncounters++];
				a->line->counter = g->counter;
			}
			if (a)
				count(a, g, &w->err);
		}
		break;
	default:
		return w->err ? w->err : Q_EINVAL;
	}
	return w->err;
}

static int
add_group(struct walk *w, const struct report_group *g)
{
	static const enum report_part parts[] = { RP_HOUR, RP_ISSUED,
	    RP_SERVICE, RP_TOTAL, RP_COUNTER };

	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
		add_part(w, parts[i], g);
	return w->err;
}

void
report_group_of(const struct q_ticket *t, int64_t hour, struct report_group *g)
{
	memset(g, 0, sizeof *g);
	g->hour = hour;
	g->issue_service = t->issue_service;
	g->service = t->service;
	g->counter = t->counter;
	g->state = t->state;
	g->called = t->called_ms > 0;
	g->wait_s = g->called ? (int)((t->called_ms - t->issued_ms) / 1000) :
	    0;
	g->n = 1;
	g->service_ms = t->state == Q_DONE ? t->finished_ms - t->called_ms :
	    0;
}

static int
on_ticket(const struct q_ticket *t, void *ctx)
{
	struct walk *w = ctx;
	struct report_group g;

	report_group_of(t, hour_of(w, t), &g);
	if (t->slot_ms > 0 && t->called_ms > 0) {
		/* an appointment's wait is from its slot (0 when called
		 * before it: the office was early, not the visitor late) */
		int64_t d = t->called_ms - t->slot_ms;

		w->slot_sum += d > 0 ? (double)d / 1000.0 : 0;
		w->r->slot_called++;
	}
	return add_group(w, &g);
}

static int
cmp_wait(const void *a, const void *b)
{
	int x = ((const struct wait *)a)->w, y = ((const struct wait *)b)->w;

	return (x > y) - (x < y);
}

static void
finish(struct acc *a)
{
	int64_t k, seen = 0;

	if (a->line && a->nwait) {
		qsort(a->waits, a->nw, sizeof *a->waits, cmp_wait);
		a->line->wait_mean_s = a->wait_sum / (double)a->nwait;
		/* nearest rank: the smallest wait >= 90% of all waits */
		k = (a->nwait * 9 + 9) / 10;
		for (size_t i = 0; i < a->nw; i++) {
			seen += a->waits[i].n;
			if (seen >= k) {
				a->line->wait_p90_s = a->waits[i].w;
				break;
			}
		}
	}
	if (a->line && a->nsvc)
		a->line->service_mean_s = (double)a->svc_ms / 1000.0 /
		    (double)a->nsvc;
	free(a->waits);
}

static int
cmp_service(const void *a, const void *b)
{
	return ((const struct r_line *)a)->key - ((const struct r_line *)b)->key;
}

static int
cmp_counter(const void *a, const void *b)
{
	return ((const struct r_line *)a)->counter -
	    ((const struct r_line *)b)->counter;
}

struct report_acc {
	struct walk w;
};

struct report_acc *
report_begin(struct report *r, const char *from, const char *to)
{
	struct report_acc *a;

	memset(r, 0, sizeof *r);
	snprintf(r->from, sizeof r->from, "%s", from ? from : "");
	snprintf(r->to, sizeof r->to, "%s", to ? to : "");
	if (!(a = calloc(1, sizeof *a)))
		return NULL;
	a->w.r = r;
	a->w.total.line = &r->total;
	for (int h = 0; h < 24; h++)
		a->w.hour[h].line = &a->w.hour_line[h];
	return a;
}

int
report_add(struct report_acc *a, const struct q_ticket *t)
{
	return on_ticket(t, &a->w);
}

int
report_add_group(struct report_acc *a, const struct report_group *g)
{
	return add_group(&a->w, g);
}

int
report_add_part(struct report_acc *a, enum report_part p,
                const struct report_group *g)
{
	return add_part(&a->w, p, g);
}

int
report_end(struct report_acc *a)
{
	struct walk *w = &a->w;
	struct report *r = w->r;
	int rc = w->err;

	for (int i = 0; i < Q_MAX_SERVICES; i++)
		finish(&w->svc[i]);
	for (int i = 0; i < Q_MAX_COUNTERS; i++)
		finish(&w->ctr[i]);
	finish(&w->total);
	for (int h = 0; h < 24; h++) {
		r->called_hour[h] = (int)w->hour[h].nwait;
		finish(&w->hour[h]);
		r->wait_mean_hour_s[h] = w->hour_line[h].wait_mean_s;
		r->wait_p90_hour_s[h] = w->hour_line[h].wait_p90_s;
	}
	if (r->slot_called)
		r->slot_wait_mean_s = w->slot_sum / r->slot_called;
	/* waits are finished above through pointers: sort lines after */
	qsort(r->services, (size_t)r->nservices, sizeof *r->services,
	    cmp_service);
	qsort(r->counters, (size_t)r->ncounters, sizeof *r->counters,
	    cmp_counter);
	free(a);
	return rc;
}

static int
add_cb(const struct q_ticket *t, void *ctx)
{
	return report_add(ctx, t);
}

int
report_build(queue *q, const char *from, const char *to, struct report *r)
{
	struct report_acc *a;
	int rc, end;

	memset(r, 0, sizeof *r);
	if ((from && !report_valid_day(from)) || (to && !report_valid_day(to)))
		return Q_EINVAL;
	if (!(a = report_begin(r, from, to)))
		return Q_ENOMEM;
	rc = queue_tickets_foreach(q, from, to, add_cb, a);
	end = report_end(a);
	if (rc || (rc = end) || (rc = queue_booking_stats(q, from, to,
	    &r->booked, &r->booked_checked_in, &r->booked_no_show)))
		return rc;
	return queue_peak_occupancy(q, from, to, &r->peak_occupancy,
	    r->peak_day);
}
