/* bench_counter.c - what the counter panel costs, without a display: one
 * refresh (queue_status + history, what happens after every change another
 * program makes), one action (Next, a write with synchronous=FULL), and
 * how soon a change by another connection is noticed by counter_poll().
 * Prints figures; asserts nothing about time.
 *
 *   build/tests/bench_counter [N]     (N refreshes, default 2000)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "queue.h"
#include "counter/counter.h"

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
report(const char *what, double *v, int n, const char *unit, double div)
{
	double sum = 0;

	qsort(v, (size_t)n, sizeof *v, cmp);
	for (int i = 0; i < n; i++)
		sum += v[i];
	printf("%-34s n=%-5d mean %8.1f  p50 %8.1f  p99 %8.1f  max %8.1f %s\n",
	    what, n, sum / n / div, v[n / 2] / div, v[n * 99 / 100] / div,
	    v[n - 1] / div, unit);
}

int
main(int argc, char **argv)
{
	static struct counter p;
	int n = argc > 1 ? atoi(argv[1]) : 2000, acts = 200;
	char dir[] = "/tmp/antri-bench-panelXXXXXX", path[128], sfx[160];
	struct q_ticket t;
	double *v;
	queue *q;

	if (n < 10)
		n = 10;
	if (!mkdtemp(dir) || !(v = malloc(sizeof *v * (size_t)n))) {
		perror("bench_counter");
		return 1;
	}
	snprintf(path, sizeof path, "%s/antri.db", dir);
	if (queue_open(&q, path, Q_OPEN_CREATE, "bench") ||
	    queue_init_demo(q) || queue_set_limit(q, 0)) {
		fprintf(stderr, "bench_counter: cannot make %s\n", path);
		return 1;
	}
	for (int i = 0; i < acts + 50; i++)
		queue_issue(q, "ABP"[i % 3], &t);
	counter_init(&p, path, 2, LANG_EN, 0);

	for (int i = 0; i < n; i++) {
		double t0 = now_us();

		counter_poll(&p, 1);
		v[i] = now_us() - t0;
	}
	report("refresh (status + history)", v, n, "us", 1);

	for (int i = 0; i < acts; i++) {
		double t0 = now_us();

		if (counter_act(&p, CA_NEXT) != Q_OK)
			fprintf(stderr, "bench_counter: next: %s\n", p.msg);
		v[i] = now_us() - t0;
	}
	report("Next pressed to result shown", v, acts, "ms", 1000);

	/* another program issues; the panel polls back to back */
	for (int i = 0; i < acts; i++) {
		double t0 = now_us();

		queue_issue(q, 'C', &t);
		while (counter_poll(&p, 0) == 0)
			;
		v[i] = now_us() - t0;
	}
	report("other's write to panel refreshed", v, acts, "ms", 1000);
	printf("(the panel's watcher thread wakes it a few ms after the "
	    "commit: add that to the last figure)\n");

	counter_fini(&p);
	queue_close(q);
	free(v);
	unlink(path);
	snprintf(sfx, sizeof sfx, "%s-wal", path);
	unlink(sfx);
	snprintf(sfx, sizeof sfx, "%s-shm", path);
	unlink(sfx);
	rmdir(dir);
	return 0;
}
