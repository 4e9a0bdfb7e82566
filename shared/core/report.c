/* report.c - one pass over the tickets of a range of days.
 *
 * Waits are kept per service and per counter in growing arrays so that
 * the 90th percentile is exact (sorted once at the end).
 */
#define _POSIX_C_SOURCE 200809L
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct acc {                      /* running figures of one r_line */
	struct r_line *line;
	int *waits;                   /* seconds, of tickets called */
	size_t nwait, cap;
	double wait_sum, svc_sum;
	int nsvc;
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
push_wait(struct acc *a, int w)
{
	int *p;

	if (a->nwait == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 256;
		if (!(p = realloc(a->waits, a->cap * sizeof *p)))
			return -1;
		a->waits = p;
	}
	a->waits[a->nwait++] = w;
	a->wait_sum += w;
	return 0;
}

static void
count(struct acc *a, const struct q_ticket *t, int *err)
{
	if (!a->line)
		return;
	if (t->state == Q_DONE) {
		a->line->served++;
		a->svc_sum += (double)(t->finished_ms - t->called_ms) / 1000.0;
		a->nsvc++;
	} else if (t->state == Q_NO_SHOW) {
		a->line->no_show++;
	} else if (t->state == Q_CANCELLED) {
		a->line->cancelled++;
	}
	if (t->called_ms > 0 && push_wait(a, (int)((t->called_ms -
	    t->issued_ms) / 1000)))
		*err = Q_ENOMEM;
}

static int
hour_of(struct walk *w, const struct q_ticket *t)
{
	time_t s;
	struct tm tm;
	int64_t h;

	if (strcmp(w->lastday, t->day) != 0) {
		snprintf(w->lastday, sizeof w->lastday, "%s", t->day);
		s = (time_t)(t->issued_ms / 1000);
		localtime_r(&s, &tm);
		tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
		tm.tm_isdst = -1;
		w->hour_cache_base = (int64_t)mktime(&tm) * 1000;
		w->r->days++;
	}
	h = (t->issued_ms - w->hour_cache_base) / 3600000;
	return h < 0 ? 0 : h > 23 ? 23 : (int)h;
}

static int
on_ticket(const struct q_ticket *t, void *ctx)
{
	struct walk *w = ctx;
	struct report *r = w->r;
	int si = t->issue_service - 'A', cur = t->service - 'A';
	int h = hour_of(w, t);

	w->r->per_hour[h]++;
	count(&w->hour[h], t, &w->err);
	if (si >= 0 && si < Q_MAX_SERVICES) {
		if (!w->svc[si].line) {
			w->svc[si].line = &r->services[r->nservices++];
			w->svc[si].line->key = t->issue_service;
		}
		w->svc[si].line->issued++;
	}
	r->total.issued++;
	if (t->slot_ms > 0 && t->called_ms > 0) {
		/* an appointment's wait is from its slot (0 when called
		 * before it: the office was early, not the visitor late) */
		int64_t d = t->called_ms - t->slot_ms;

		w->slot_sum += d > 0 ? (double)d / 1000.0 : 0;
		r->slot_called++;
	}
	/* served, waits: counted under the service that finished it */
	if (cur >= 0 && cur < Q_MAX_SERVICES) {
		if (!w->svc[cur].line) {
			w->svc[cur].line = &r->services[r->nservices++];
			w->svc[cur].line->key = t->service;
		}
		count(&w->svc[cur], t, &w->err);
	}
	count(&w->total, t, &w->err);
	if (t->counter > 0 && t->called_ms > 0) {
		struct acc *a = NULL;

		for (int i = 0; i < r->ncounters; i++)
			if (r->counters[i].counter == t->counter)
				a = &w->ctr[i];
		if (!a && r->ncounters < Q_MAX_COUNTERS) {
			a = &w->ctr[r->ncounters];
			a->line = &r->counters[r->ncounters++];
			a->line->counter = t->counter;
		}
		if (a)
			count(a, t, &w->err);
	}
	return w->err;
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void
finish(struct acc *a)
{
	size_t k;

	if (a->line && a->nwait) {
		qsort(a->waits, a->nwait, sizeof *a->waits, cmp_int);
		a->line->wait_mean_s = a->wait_sum / (double)a->nwait;
		/* nearest rank: the smallest wait >= 90% of all waits */
		k = (a->nwait * 9 + 9) / 10;
		a->line->wait_p90_s = a->waits[k - 1];
	}
	if (a->line && a->nsvc)
		a->line->service_mean_s = a->svc_sum / a->nsvc;
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
