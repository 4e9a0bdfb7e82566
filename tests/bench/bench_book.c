/* bench_book.c - bookings asked of running outlets through the central
 * (cdb_request_booking, what antri-central and its web pages call), at a
 * fixed rate, spread over outlets: prints the latency of each booking
 * from its scheduled start to the outlet's answer (p50, p99, max) and
 * the refusals.  Driven by bench_book.sh; asserts nothing.
 *
 *   bench_book CONNINFO RATE SECONDS THREADS DAY OFFICE...
 *
 * Booking k goes to office k mod n, service A, a slot of DAY from 00:00
 * on (the outlets' rules: 5-minute slots, 100 places each).
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cdb.h"

static const char *conninfo, *day;
static char **offices;
static int noffices, total;
static double rate;
static int64_t t0;
static atomic_int next, refused, failed;
static int64_t *lat_us;

static int64_t
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void *
worker(void *arg)
{
	struct cdb_answer a;
	char err[256], slot[24];
	cdb *c;
	int k;

	(void)arg;
	if (cdb_connect(&c, conninfo, 10, err, sizeof err)) {
		fprintf(stderr, "bench_book: %s\n", err);
		return NULL;
	}
	while ((k = atomic_fetch_add(&next, 1)) < total) {
		int64_t at = t0 + (int64_t)(k * 1e6 / rate), w;
		int j = k / noffices, min = (j % 288) * 5;

		while ((w = at - now_us()) > 0) {
			struct timespec ts = { w / 1000000, (w % 1000000) * 1000 };

			nanosleep(&ts, NULL);
		}
		snprintf(slot, sizeof slot, "%s %02d:%02d", day, min / 60,
		    min % 60);
		if (cdb_request_booking(c, offices[k % noffices], 'A', slot,
		    NULL, NULL, NULL, NULL, 0, &a)) {
			atomic_fetch_add(&failed, 1);
			cdb_close(c);
			if (cdb_connect(&c, conninfo, 10, err, sizeof err))
				return NULL;
		} else if (a.error) {
			atomic_fetch_add(&refused, 1);
		}
		lat_us[k] = now_us() - at;
	}
	cdb_close(c);
	return NULL;
}

static int
cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	pthread_t th[64];
	int nth;

	if (argc < 7) {
		fprintf(stderr, "usage: bench_book CONNINFO RATE SECONDS "
		    "THREADS DAY OFFICE...\n");
		return 2;
	}
	conninfo = argv[1];
	rate = atof(argv[2]);
	total = (int)(rate * atof(argv[3]));
	nth = atoi(argv[4]);
	day = argv[5];
	offices = argv + 6;
	noffices = argc - 6;
	if (rate <= 0 || total <= 0 || nth < 1 || nth > 64)
		return 2;
	lat_us = calloc((size_t)total, sizeof *lat_us);
	if (!lat_us)
		return 3;
	t0 = now_us() + 200000;
	for (int i = 0; i < nth; i++)
		pthread_create(&th[i], NULL, worker, NULL);
	for (int i = 0; i < nth; i++)
		pthread_join(th[i], NULL);
	qsort(lat_us, (size_t)total, sizeof *lat_us, cmp);
	printf("central booking: %d bookings at %.0f/s over %d outlets "
	    "(%d client connections): p50 %.1f ms, p99 %.1f ms, max %.1f ms "
	    "(target p99 <= 50 ms); %d refused, %d failed\n", total, rate,
	    noffices, nth, lat_us[total / 2] / 1000.0,
	    lat_us[(int)(total * 0.99)] / 1000.0, lat_us[total - 1] / 1000.0,
	    atomic_load(&refused), atomic_load(&failed));
	free(lat_us);
	return 0;
}
