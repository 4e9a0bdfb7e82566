/* bench_core.c - the queue core's speed, driven by tests/bench/bench.sh.
 *
 *   bench_core DB issue N           issue N tickets, print tickets/s
 *   bench_core DB latency N         issue N tickets, print each issue's
 *                                   time: "p50 p99 max" in ms
 *   bench_core DB mixed COUNTER N   N x (issue + call next), print ops/s
 *   bench_core DB year DAYS PERDAY  fill DAYS business days of PERDAY
 *                                   tickets each (issued, called, done),
 *                                   ending yesterday
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "queue.h"
#include "queue_test.h"

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int64_t fake;

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int64_t
fake_clock(void *ctx)
{
	(void)ctx;
	return fake;
}

static int
die(const char *what, int rc, queue *q)
{
	fprintf(stderr, "bench_core: %s: %s (%s)\n", what, queue_strerror(rc),
	    q ? queue_errdetail(q) : "");
	return 1;
}

/* Local 08:00 of the day `back` days before today, in ms. */
static int64_t
morning(int back)
{
	time_t t = time(NULL) - (time_t)back * 86400;
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_hour = 8;
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm) * 1000;
}

static int
year(queue *q, int days, int perday)
{
	static const char codes[] = "ABCDP";
	static const int ctr_of[] = { 1, 2, 3, 4, 1 };   /* A B C D P */
	struct q_ticket t;
	unsigned long rng = 42;
	int rc;

	for (int d = days; d >= 1; d--) {
		int64_t start = morning(d), step = 8 * 3600 * 1000LL / perday;

		for (int i = 0; i < perday; i++) {
			int s;

			rng = rng * 6364136223846793005UL + 1;
			s = (int)((rng >> 33) % 5);
			fake = start + i * step;
			if ((rc = queue_issue(q, codes[s], &t)))
				return die("issue", rc, q);
			fake += 60000 + (int64_t)((rng >> 40) % 600000);
			if ((rc = queue_call_next(q, ctr_of[s], &t)) &&
			    rc != Q_ENOWAIT)
				return die("call", rc, q);
			fake += 120000 + (int64_t)((rng >> 20) % 300000);
			if (rc == Q_OK && (rc = queue_done(q, ctr_of[s], &t)))
				return die("done", rc, q);
		}
		if (d % 30 == 0)
			fprintf(stderr, "  %d days to go\n", d);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const char *serves[] = { "", "AP", "ABP", "BC", "CD" };
	struct q_ticket t;
	queue *q;
	double t0, dt;
	long n;
	int rc, counter;

	if (argc < 4) {
		fprintf(stderr, "usage: bench_core DB issue N | DB latency N | "
		    "DB mixed COUNTER N | DB year DAYS PERDAY\n");
		return 2;
	}
	if (!strcmp(argv[2], "year")) {
		/* a new database, made with the clock of its first day (time
		 * only moves forward) and without fsync: data, not a test */
		if ((rc = queue_test_open_fast(&q, argv[1], Q_OPEN_CREATE,
		    "kiosk:bench")))
			return die("open", rc, NULL);
		fake = morning(atoi(argv[3])) - 3600 * 1000;
		queue_test_set_clock(q, fake_clock, NULL);
		if ((rc = queue_init_demo(q)) || (rc = queue_set_limit(q, 0)))
			return die("init", rc, q);
	} else if ((rc = queue_open(&q, argv[1], 0, "kiosk:bench"))) {
		return die("open", rc, NULL);
	}
	queue_set_busy_timeout(q, 60000);
	if (!strcmp(argv[2], "issue")) {
		n = atol(argv[3]);
		t0 = now_s();
		for (long i = 0; i < n; i++)
			if ((rc = queue_issue(q, "ABCD"[i % 4], &t)))
				return die("issue", rc, q);
		dt = now_s() - t0;
		printf("%.0f\n", n / dt);
	} else if (!strcmp(argv[2], "latency")) {
		double *lat, t1;

		n = atol(argv[3]);
		if (n < 1 || !(lat = calloc((size_t)n, sizeof *lat)))
			return die("latency", Q_ENOMEM, q);
		for (long i = 0; i < n; i++) {
			t0 = now_s();
			if ((rc = queue_issue(q, "ABCD"[i % 4], &t)))
				return die("issue", rc, q);
			t1 = now_s();
			lat[i] = (t1 - t0) * 1000;
		}
		qsort(lat, (size_t)n, sizeof *lat, cmp_double);
		printf("%.2f %.2f %.2f\n", lat[n / 2], lat[(n * 99) / 100],
		    lat[n - 1]);
		free(lat);
	} else if (!strcmp(argv[2], "mixed") && argc == 5) {
		counter = atoi(argv[3]);
		n = atol(argv[4]);
		t0 = now_s();
		for (long i = 0; i < n; i++) {
			if ((rc = queue_issue(q, serves[counter][i % 2], &t)))
				return die("issue", rc, q);
			rc = queue_call_next(q, counter, &t);
			if (rc && rc != Q_ENOWAIT)
				return die("call", rc, q);
		}
		dt = now_s() - t0;
		printf("%.0f %.3f\n", 2 * n / dt, dt);
	} else if (!strcmp(argv[2], "year") && argc == 5) {
		if (year(q, atoi(argv[3]), atoi(argv[4])))
			return 1;
	} else {
		fprintf(stderr, "bench_core: unknown mode %s\n", argv[2]);
		return 2;
	}
	queue_close(q);
	return 0;
}
