/* test_report.c - report.c's accumulator fed three ways gives the same
 * figures: the tickets one by one (report_add, the outlet's `antri
 * report`), groups of tickets alike in every figure (report_add_group,
 * the central's grouped read), and groups alike only in what one part of
 * the report counts, summed per part and fed in another order
 * (report_add_part, the central's rollups of closed days).  A ticket
 * missing from the parts shows; an unknown part is refused.
 *
 * The tickets are made up (a fixed pseudo-random stream): several days,
 * four services with transfers, six counters, every final state, waits
 * that repeat and waits that do not.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "queue.h"
#include "report.h"

#define NT 3000
#define NDAYS 5

static struct q_ticket tk[NT];

static unsigned
rnd(void)
{
	static unsigned long long s = 0x2545F4914F6CDD1Dull;

	s ^= s << 13;
	s ^= s >> 7;
	s ^= s << 17;
	return (unsigned)(s >> 11);
}

static void
make_tickets(void)
{
	static const enum q_state st[] = { Q_DONE, Q_DONE, Q_DONE, Q_NO_SHOW,
	    Q_CANCELLED, Q_CALLED, Q_ADMITTED, Q_OUTSIDE, Q_EXPECTED };

	for (int i = 0; i < NT; i++) {
		struct q_ticket *t = &tk[i];
		int d = i * NDAYS / NT;

		memset(t, 0, sizeof *t);
		static const char *const days[NDAYS] = { "2026-11-02",
		    "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06" };

		snprintf(t->day, sizeof t->day, "%s", days[d]);
		t->issue_service = (char)('A' + rnd() % 4);
		t->service = rnd() % 5 ? t->issue_service :
		    (char)('A' + rnd() % 4);
		t->state = st[rnd() % (sizeof st / sizeof *st)];
		/* 07:30 to 17:30 local, some before the day's midnight's
		 * hour 0 would be (clamped) */
		t->issued_ms = report_day_base(t->day) + 27000000LL +
		    (int64_t)(rnd() % 36000) * 1000 + rnd() % 1000;
		if (t->state == Q_DONE || t->state == Q_NO_SHOW ||
		    t->state == Q_CALLED || (t->state == Q_CANCELLED &&
		    rnd() % 2)) {
			/* waits: a few common ones, most spread */
			int64_t w = rnd() % 3 ? (int64_t)(rnd() % 2400) * 1000 :
			    (int64_t)(rnd() % 4) * 60000;

			t->called_ms = t->issued_ms + w + rnd() % 1000;
			t->counter = 1 + (int)(rnd() % 6);
		} else if (rnd() % 7 == 0) {
			t->counter = 1 + (int)(rnd() % 6);   /* never called */
		}
		if (t->state == Q_DONE || t->state == Q_NO_SHOW ||
		    t->state == Q_CANCELLED)
			t->finished_ms = (t->called_ms ? t->called_ms :
			    t->issued_ms) + 60000 + (int64_t)(rnd() % 900000);
	}
}

/* a ticket as the group of one (as report_add makes it) */
static struct report_group
one(const struct q_ticket *t)
{
	struct report_group g;

	report_group_of(t, ((t->issued_ms - report_day_base(t->day)) /
	    3600000), &g);
	return g;
}

/* the fields a part groups by: what the central's GROUPING SETS keep */
static struct report_group
key(enum report_part p, const struct report_group *g)
{
	struct report_group k;

	memset(&k, 0, sizeof k);
	switch (p) {
	case RP_HOUR:
		k.hour = g->hour;
		k.called = g->called;
		k.wait_s = g->wait_s;
		break;
	case RP_ISSUED:
		k.issue_service = g->issue_service;
		break;
	case RP_COUNTER:
		k.counter = g->counter;
		/* fall through */
	case RP_SERVICE:
		if (p == RP_SERVICE)
			k.service = g->service;
		/* fall through */
	case RP_TOTAL:
		k.state = g->state;
		k.called = g->called;
		k.wait_s = g->wait_s;
		break;
	}
	return k;
}

struct sums {
	struct report_group g[NT];
	int n;
};

static void
sum_into(struct sums *s, enum report_part p, const struct report_group *g)
{
	struct report_group k = key(p, g);

	for (int i = 0; i < s->n; i++) {
		struct report_group *x = &s->g[i];

		if (x->hour == k.hour && x->issue_service == k.issue_service &&
		    x->service == k.service && x->counter == k.counter &&
		    x->state == k.state && x->called == k.called &&
		    x->wait_s == k.wait_s) {
			x->n += g->n;
			x->service_ms += g->service_ms;
			return;
		}
	}
	k.n = g->n;
	k.service_ms = g->service_ms;
	s->g[s->n++] = k;
}

static struct report r_one, r_group, r_parts, r_less;
static struct sums sums[RP_COUNTER + 1];

/* the report from the parts' sums, fed last part first and each part's
 * groups last first; skip: a ticket left out of every part (-1 none) */
static int
from_parts(struct report *r, int skip)
{
	struct report_acc *a = report_begin(r, "2026-11-02", "2026-11-06");
	int rc = Q_OK;

	for (int p = RP_HOUR; p <= RP_COUNTER; p++)
		sums[p].n = 0;
	for (int i = 0; i < NT; i++) {
		struct report_group g = one(&tk[i]);

		if (i == skip)
			continue;
		for (int p = RP_HOUR; p <= RP_COUNTER; p++)
			sum_into(&sums[p], (enum report_part)p, &g);
	}
	for (int p = RP_COUNTER; p >= RP_HOUR; p--)
		for (int i = sums[p].n - 1; i >= 0; i--)
			if (report_add_part(a, (enum report_part)p,
			    &sums[p].g[i]))
				rc = Q_EINVAL;
	if (report_end(a))
		rc = Q_ENOMEM;
	r->days = NDAYS;
	return rc;
}

static void
test_three_ways(void)
{
	struct report_acc *a;

	make_tickets();
	a = report_begin(&r_one, "2026-11-02", "2026-11-06");
	for (int i = 0; i < NT; i++)
		CHECK_INT(report_add(a, &tk[i]), Q_OK);
	CHECK_INT(report_end(a), Q_OK);
	CHECK_INT(r_one.days, NDAYS);
	CHECK_INT(r_one.total.issued, NT);
	CHECK(r_one.total.served > 0 && r_one.total.no_show > 0 &&
	    r_one.total.cancelled > 0);
	CHECK_INT(r_one.nservices, 4);
	CHECK_INT(r_one.ncounters, 6);
	CHECK(r_one.total.wait_p90_s > 0 && r_one.total.service_mean_s > 0);

	/* groups of one, backwards (no day counted: the caller's) */
	a = report_begin(&r_group, "2026-11-02", "2026-11-06");
	for (int i = NT - 1; i >= 0; i--) {
		struct report_group g = one(&tk[i]);

		CHECK_INT(report_add_group(a, &g), Q_OK);
	}
	CHECK_INT(report_end(a), Q_OK);
	r_group.days = NDAYS;
	CHECK(memcmp(&r_one, &r_group, sizeof r_one) == 0);

	/* summed per part, another order */
	CHECK_INT(from_parts(&r_parts, -1), Q_OK);
	CHECK(sums[RP_HOUR].n < NT && sums[RP_TOTAL].n < NT);
	CHECK(memcmp(&r_one, &r_parts, sizeof r_one) == 0);
	CHECK_INT(r_parts.total.issued, r_one.total.issued);
	CHECK(r_parts.total.wait_p90_s == r_one.total.wait_p90_s);
	CHECK(r_parts.counters[2].wait_mean_s ==
	    r_one.counters[2].wait_mean_s);
	CHECK(r_parts.wait_p90_hour_s[10] == r_one.wait_p90_hour_s[10]);
	for (int h = 0; h < 24; h++)
		CHECK_INT(r_parts.per_hour[h], r_one.per_hour[h]);
}

/* it can fail: one DONE ticket fewer is seen */
static void
test_one_less_shows(void)
{
	int k = 0;

	while (tk[k].state != Q_DONE)
		k++;
	CHECK_INT(from_parts(&r_less, k), Q_OK);
	CHECK(memcmp(&r_one, &r_less, sizeof r_one) != 0);
	CHECK_INT(r_less.total.served, r_one.total.served - 1);
	CHECK_INT(r_less.total.issued, r_one.total.issued - 1);
}

static void
test_unknown_part(void)
{
	struct report r;
	struct report_acc *a = report_begin(&r, NULL, NULL);
	struct report_group g = one(&tk[0]);

	CHECK_INT(report_add_part(a, (enum report_part)0, &g), Q_EINVAL);
	CHECK_INT(report_add_part(a, (enum report_part)(RP_COUNTER + 1), &g),
	    Q_EINVAL);
	CHECK_INT(r.total.issued, 0);
	CHECK_INT(report_end(a), Q_OK);
}

int
main(void)
{
	setenv("TZ", "Asia/Jakarta", 1);
	test_three_ways();
	test_one_less_shows();
	test_unknown_part();
	return check_done();
}
