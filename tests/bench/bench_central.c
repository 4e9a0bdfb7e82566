/* bench_central.c - the head office's scale, driven by
 * tests/bench/bench_central.sh.  A load generator that speaks what
 * antri-sync speaks: chained events (chain_hash, the outlet's own hash)
 * in batches that carry the live state (cdb_events_live_put, one
 * statement and one commit), each simulated outlet over a connection of
 * its own as its own role.
 *
 *   bench_central live CONNFMT OUTLETS RATE SECONDS
 *       OUTLETS outlets making RATE events/s in all for SECONDS; each
 *       outlet ships what is new as soon as it is made, with its live
 *       state; prints the p50/p99/max of "made -> in the central and
 *       live state changed" (their commit), after each connection's
 *       first statement (the day's start, timed apart)
 *   bench_central catchup CONNFMT OUTLETS EVENTS
 *       each outlet's day of EVENTS events made first (the outage), then
 *       all outlets (connected again) ship at once in batches of
 *       CDB_BATCH; prints the time until the central holds them all
 *
 * CONNFMT is a libpq connection string with %s where the outlet's id
 * goes (its role is "antri_" + id).  The outlets are bench-0001... and
 * must be registered.  Events: a day started, then per ticket issued,
 * admitted, called, done (the moves the central's tickets replay).
 */
#define _POSIX_C_SOURCE 200809L
#include "cdb.h"
#include "chain.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int64_t
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int64_t
wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct outlet {
	char id[32];
	const char *connfmt;
	cdb *c;
	int64_t next_id;             /* the next event's id */
	int64_t ticket;              /* tickets made */
	char prev[Q_HASH_HEX];
	/* live: the events to make, their pace, the latencies measured */
	double per_s;
	int64_t until_us;
	int64_t *lat_us;
	size_t nlat, cap;
	/* catch-up: the day made before */
	struct q_event_rec *ev;
	int64_t nev;
	int retries;                 /* connections lost and made again */
	int err;
};

/* the next event of the outlet's simulated day into e (chained) */
static void
make_event(struct outlet *o, struct q_event_rec *e, int64_t ts)
{
	static const enum q_event cycle[4] = { QE_ISSUED, QE_ADMITTED,
		QE_CALLED, QE_DONE };
	int64_t n = o->next_id - 2;  /* 1 is the day's start */

	memset(e, 0, sizeof *e);
	e->id = o->next_id++;
	e->ts_ms = ts;
	snprintf(e->actor, sizeof e->actor, "kiosk:bench");
	if (e->id == 1) {
		struct tm tm;
		time_t s = (time_t)(ts / 1000);

		e->kind = QE_DAY_STARTED;
		localtime_r(&s, &tm);
		/* as the outlet writes it: "OLD->NEW clock", OLD "-" */
		strftime(e->detail, sizeof e->detail, "-->%Y-%m-%d bench", &tm);
	} else {
		e->kind = cycle[n % 4];
		if (n % 4 == 0)
			o->ticket++;
		e->ticket = o->ticket;
		e->service = "ABCD"[o->ticket % 4];
		snprintf(e->label, sizeof e->label, "%c%03d", e->service,
		    (int)(o->ticket % 1000));
		if (e->kind == QE_CALLED || e->kind == QE_DONE)
			e->counter = 1 + (int)(o->ticket % 4);
	}
	chain_hash(e, o->prev, e->hash);
	memcpy(o->prev, e->hash, sizeof o->prev);
}

static const char *
live_doc(const struct outlet *o, char *buf, size_t len)
{
	snprintf(buf, len, "{\"office\":\"%s\",\"open\":true,\"inside\":%d,"
	    "\"limit\":40,\"policy\":\"hold\",\"last_event\":%lld,"
	    "\"services\":[{\"code\":\"A\",\"waiting\":%d,\"outside\":0,"
	    "\"est_wait_s\":480},{\"code\":\"B\",\"waiting\":3,\"outside\":0,"
	    "\"est_wait_s\":300},{\"code\":\"C\",\"waiting\":1,\"outside\":0,"
	    "\"est_wait_s\":120},{\"code\":\"D\",\"waiting\":0,\"outside\":0,"
	    "\"est_wait_s\":0}],\"counters\":[{\"number\":1,\"state\":\"open\","
	    "\"current\":\"A012\"},{\"number\":2,\"state\":\"open\"},"
	    "{\"number\":3,\"state\":\"open\"},{\"number\":4,\"state\":"
	    "\"paused\"}],\"printer_problem\":false}", o->id,
	    (int)(o->ticket % 40), (long long)o->next_id - 1,
	    (int)(o->ticket % 9));
	return buf;
}

static int
connect_outlet(struct outlet *o)
{
	char conninfo[1024], err[512];

	snprintf(conninfo, sizeof conninfo, o->connfmt, o->id);
	/* antri-sync's timeout */
	if (cdb_connect(&o->c, conninfo, 10, err, sizeof err)) {
		fprintf(stderr, "bench_central: %s: %s\n", o->id, err);
		return -1;
	}
	return 0;
}

/* the connection was lost or the central did not answer in time */
static void
again(struct outlet *o)
{
	o->retries++;
	cdb_close(o->c);
	o->c = NULL;
	while (connect_outlet(o))
		o->retries++;
}

static void *
live_thread(void *p)
{
	struct outlet *o = p;
	struct q_event_rec e[64];
	char doc[2048];
	int64_t made[64], next = now_us() + (int64_t)(rand() % 1000000);
	int n, stored, rc;
	int64_t conflict;

	while (!o->err && next < o->until_us) {
		int64_t t = now_us();
		struct timespec ts;

		if (t < next) {
			ts.tv_sec = (next - t) / 1000000;
			ts.tv_nsec = (long)((next - t) % 1000000) * 1000;
			nanosleep(&ts, NULL);
		}
		/* every event due by now, shipped together as antri-sync
		 * ships what it finds new */
		for (n = 0; n < 64 && next <= now_us(); n++) {
			made[n] = next;
			make_event(o, &e[n], wall_ms());
			next += (int64_t)(1e6 / o->per_s);
		}
		/* as antri-sync: a lost or silent link, connect again and
		 * send again (stored once) */
		while ((rc = cdb_events_live_put(o->c, o->id, e, n,
		    live_doc(o, doc, sizeof doc), &stored, &conflict)) ==
		    CDB_EDOWN)
			again(o);
		if (rc) {
			fprintf(stderr, "bench_central: %s: %s\n", o->id,
			    cdb_error(o->c));
			o->err = 1;
			break;
		}
		t = now_us();
		for (int i = 0; i < n; i++) {
			if (o->nlat == o->cap) {
				o->cap = o->cap ? o->cap * 2 : 1024;
				o->lat_us = realloc(o->lat_us, o->cap *
				    sizeof *o->lat_us);
				if (!o->lat_us) {
					o->err = 1;
					return NULL;
				}
			}
			o->lat_us[o->nlat++] = t - made[i];
		}
	}
	return NULL;
}

static void *
catchup_thread(void *p)
{
	struct outlet *o = p;
	int stored, rc;
	int64_t conflict;

	for (int64_t at = 0; at < o->nev && !o->err;) {
		int n = o->nev - at < CDB_BATCH ? (int)(o->nev - at) : CDB_BATCH;

		rc = cdb_events_put(o->c, o->id, o->ev + at, n, &stored,
		    &conflict);
		if (rc == CDB_OK) {
			at += n;
		} else if (rc == CDB_EDOWN) {
			/* as antri-sync: connect again, send the batch again
			 * (stored once) */
			again(o);
		} else {
			fprintf(stderr, "bench_central: %s: %s\n", o->id,
			    cdb_error(o->c));
			o->err = 1;
		}
	}
	return NULL;
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
	struct outlet *o;
	pthread_t *th;
	int n, bad = 0;

	if (argc != 6 && argc != 5) {
		fprintf(stderr, "usage: bench_central live CONNFMT OUTLETS RATE "
		    "SECONDS | catchup CONNFMT OUTLETS EVENTS\n");
		return 2;
	}
	n = atoi(argv[3]);
	o = calloc((size_t)n, sizeof *o);
	th = calloc((size_t)n, sizeof *th);
	if (!o || !th || n <= 0)
		return 2;
	for (int i = 0; i < n; i++) {
		snprintf(o[i].id, sizeof o[i].id, "bench-%04d", i + 1);
		o[i].connfmt = argv[2];
		o[i].next_id = 1;
	}
	if (!strcmp(argv[1], "live") && argc == 6) {
		double rate = atof(argv[4]);
		int secs = atoi(argv[5]);
		size_t total = 0, k = 0;
		int64_t *all, t0;

		int64_t *first = calloc((size_t)n, sizeof *first);

		/* each connection's first statement (the day's start) apart:
		 * a new backend loads its caches and compiles the triggers
		 * once, which antri-sync pays at its start, not per change */
		for (int i = 0; i < n; i++) {
			struct q_event_rec e;
			char doc[2048];
			int stored;
			int64_t conflict, t;

			if (!first || connect_outlet(&o[i]))
				return 1;
			make_event(&o[i], &e, wall_ms());
			t = now_us();
			if (cdb_events_live_put(o[i].c, o[i].id, &e, 1,
			    live_doc(&o[i], doc, sizeof doc), &stored,
			    &conflict)) {
				fprintf(stderr, "bench_central: %s: %s\n",
				    o[i].id, cdb_error(o[i].c));
				return 1;
			}
			first[i] = now_us() - t;
		}
		qsort(first, (size_t)n, sizeof *first, cmp_i64);
		printf("the first statement on each of %d new connections, one "
		    "at a time: p50 %.1f ms, max %.1f ms\n", n,
		    first[n / 2] / 1000.0, first[n - 1] / 1000.0);
		free(first);
		t0 = now_us();
		for (int i = 0; i < n; i++) {
			o[i].per_s = rate / n;
			o[i].until_us = t0 + (int64_t)secs * 1000000;
			pthread_create(&th[i], NULL, live_thread, &o[i]);
		}
		int retries = 0;

		for (int i = 0; i < n; i++) {
			pthread_join(th[i], NULL);
			bad |= o[i].err;
			total += o[i].nlat;
			retries += o[i].retries;
		}
		if (!(all = malloc((total + 1) * sizeof *all)))
			return 1;
		for (int i = 0; i < n; i++) {
			memcpy(all + k, o[i].lat_us, o[i].nlat * sizeof *all);
			k += o[i].nlat;
		}
		qsort(all, total, sizeof *all, cmp_i64);
		if (total)
			printf("%zu events from %d outlets in %d s (%.0f events/s):"
			    " made -> in the central with the live state: p50 "
			    "%.1f ms, p99 %.1f ms, max %.1f ms (%d statements "
			    "timed out after 10 s and were sent again)\n", total,
			    n, secs, (double)total / secs,
			    all[total / 2] / 1000.0,
			    all[(total * 99) / 100] / 1000.0,
			    all[total - 1] / 1000.0, retries);
		free(all);
	} else if (!strcmp(argv[1], "catchup") && argc == 5) {
		int64_t per = atoll(argv[4]), t0, t1, wall = wall_ms();

		for (int i = 0; i < n; i++) {
			o[i].ev = calloc((size_t)per, sizeof *o[i].ev);
			if (!o[i].ev)
				return 1;
			for (int64_t k = 0; k < per; k++)
				make_event(&o[i], &o[i].ev[k], wall - 36000000 +
				    k * 5000);
			o[i].nev = per;
		}
		/* connected first: 318 logins at once (SCRAM) are not the
		 * catch-up */
		for (int i = 0; i < n; i++)
			if (connect_outlet(&o[i]))
				return 1;
		t0 = now_us();
		for (int i = 0; i < n; i++)
			pthread_create(&th[i], NULL, catchup_thread, &o[i]);
		int retries = 0;

		for (int i = 0; i < n; i++) {
			pthread_join(th[i], NULL);
			bad |= o[i].err;
			retries += o[i].retries;
		}
		t1 = now_us();
		printf("catch-up after a city-wide outage: %lld events of %d "
		    "outlets (%lld each) in %.1f s, %.0f events/s (batches of "
		    "%d, a connection per outlet; %d statements timed out "
		    "after 10 s and were sent again)\n", (long long)per * n, n,
		    (long long)per, (t1 - t0) / 1e6,
		    (double)per * n / ((t1 - t0) / 1e6), CDB_BATCH, retries);
	} else {
		fprintf(stderr, "bench_central: unknown mode %s\n", argv[1]);
		return 2;
	}
	for (int i = 0; i < n; i++) {
		cdb_close(o[i].c);
		free(o[i].lat_us);
		free(o[i].ev);
	}
	free(o);
	free(th);
	return bad;
}
