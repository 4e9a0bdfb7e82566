/* central_live.c - see central_live.h.  Start at listener(): it owns
 * its connection, polls its socket, and publishes changes to the hub
 * with post(); cl_stream() opens a page's stream there.  The hub holds
 * each stream as a suspended connection over its ring of messages (no
 * thread per stream, no copy of a message per stream) and sends the
 * heartbeats.
 */
#define _GNU_SOURCE
#include "central_live.h"
#include "central_outlet.h"
#include "hub.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SWEEP_MS 5000           /* every outlet read again */
#define CH_OUTLETS 1u           /* the hub's channel: both pages' */

static struct {
	pthread_t th;
	int running, stop, max;
	const char *conninfo;
	int64_t id;                 /* the last published */
	/* what was last posted per outlet, without last_seen */
	struct seen { char id[48]; char *key; } *seen;
	size_t nseen;
} li;

/* ---- the streams -------------------------------------------------- */

/* data (a JSON text) as an outlet event to every stream */
static void
post(const char *data)
{
	hub_publish_event(++li.id, CH_OUTLETS, "outlet", data);
}

/* The Last-Event-ID the browser came back with: 1 when the hub still
 * holds every message after it (the stream goes on from there). */
static int
resumable(const char *last, int64_t *after)
{
	char *end;
	long long v;

	if (!last)
		return 0;
	errno = 0;
	v = strtoll(last, &end, 10);
	if (errno || end == last || *end || v < hub_base() ||
	    v > hub_latest())
		return 0;
	*after = (int64_t)v;
	return 1;
}

enum MHD_Result
cl_stream(struct http_req *r, int (*still)(void *user), void *user)
{
	static const char hello[] = "retry: 3000\n\n";
	static const char reload[] = "retry: 3000\n\nevent: reload\n"
	    "data: {}\n\n";
	struct hub_open o;
	enum MHD_Result ret;
	const char *last = http_header(r, "Last-Event-ID");

	memset(&o, 0, sizeof o);
	o.channels = CH_OUTLETS;
	o.after = -1;               /* only what comes from now on */
	o.limit = li.max;
	/* a stream that missed messages the hub no longer holds (behind,
	 * or before a restart) reads everything again */
	o.first = !last || resumable(last, &o.after) ? hello : reload;
	o.still = still;
	o.user = user;
	o.user_free = free;
	if (hub_respond(r, &o, &ret)) {
		free(user);
		return http_error(r, 503, "busy", "too many live pages open; "
		    "try again in a minute");
	}
	return ret;
}

/* ---- the listener -------------------------------------------------------- */

static struct seen *
seen_of(const char *id)
{
	struct seen *n;

	for (size_t i = 0; i < li.nseen; i++)
		if (!strcmp(li.seen[i].id, id))
			return &li.seen[i];
	if (!(n = realloc(li.seen, (li.nseen + 1) * sizeof *n)))
		return NULL;
	li.seen = n;
	n = &li.seen[li.nseen++];
	snprintf(n->id, sizeof n->id, "%s", id);
	n->key = NULL;
	return n;
}

/* post o when what a citizen sees of it changed */
static int
consider(const struct cdb_outlet *o, void *ctx)
{
	json_t *j = co_public(o), *ls;
	struct seen *s = seen_of(o->id);
	char *key, *data;

	(void)ctx;
	if (!j || !s) {
		json_decref(j);
		return 0;
	}
	ls = json_incref(json_object_get(j, "last_seen"));
	json_object_del(j, "last_seen");
	key = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	if (key && s->key && !strcmp(key, s->key)) {
		free(key);
		json_decref(ls);
		json_decref(j);
		return 0;
	}
	free(s->key);
	s->key = key;
	json_object_set_new(j, "last_seen", ls ? ls : json_null());
	data = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (data)
		post(data);
	free(data);
	return 0;
}

struct ids {
	char (*id)[48];
	size_t n, cap;
};

static void
on_notify(const char *payload, void *ctx)
{
	struct ids *w = ctx;

	for (size_t i = 0; i < w->n; i++)
		if (!strcmp(w->id[i], payload))
			return;
	if (w->n == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 64;
		char (*n)[48] = realloc(w->id, cap * sizeof *n);

		if (!n)
			return;
		w->id = n;
		w->cap = cap;
	}
	snprintf(w->id[w->n++], 48, "%s", payload);
}

static void *
listener(void *arg)
{
	struct ids w = { NULL, 0, 0 };
	int64_t sweep = 0;
	cdb *c = NULL;
	char err[512];
	int rc;

	(void)arg;
	while (!__atomic_load_n(&li.stop, __ATOMIC_SEQ_CST)) {
		struct pollfd p;

		if (!c) {
			if (cdb_connect(&c, li.conninfo, 5, err, sizeof err) ||
			    cdb_listen(c)) {
				fprintf(stderr, "antri-central: live: the central "
				    "is unreachable: %s\n", c ? cdb_error(c) : err);
				cdb_close(c);
				c = NULL;
				for (int i = 0; i < 10 && !__atomic_load_n(&li.stop,
				    __ATOMIC_SEQ_CST); i++)
					poll(NULL, 0, 100);
				continue;
			}
			sweep = 0;          /* read everything again */
		}
		if (http_now_ms() >= sweep) {
			if ((rc = cdb_outlets(c, NULL, consider, NULL)) < 0)
				goto lost;
			sweep = http_now_ms() + SWEEP_MS;
		}
		p.fd = cdb_socket(c);
		p.events = POLLIN;
		p.revents = 0;
		if (poll(&p, 1, 200) <= 0)
			continue;
		w.n = 0;
		if (cdb_notified(c, on_notify, &w) < 0)
			goto lost;
		for (size_t i = 0; i < w.n; i++)
			if (cdb_outlets(c, w.id[i], consider, NULL) < 0)
				goto lost;
		continue;
lost:
		fprintf(stderr, "antri-central: live: %s\n", cdb_error(c));
		cdb_close(c);
		c = NULL;
	}
	cdb_close(c);
	free(w.id);
	return NULL;
}

int
cl_start(const char *conninfo, int max_streams)
{
	struct timespec ts;

	li.conninfo = conninfo;
	li.max = max_streams;
	/* ids from the clock: a browser's Last-Event-ID from before a
	 * restart is older than any of this run */
	clock_gettime(CLOCK_REALTIME, &ts);
	li.id = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	hub_start_at(li.id);
	if (pthread_create(&li.th, NULL, listener, NULL))
		return -1;
	li.running = 1;
	return 0;
}

void
cl_stop(void)
{
	if (li.running) {
		__atomic_store_n(&li.stop, 1, __ATOMIC_SEQ_CST);
		pthread_join(li.th, NULL);
		li.running = 0;
	}
	for (size_t i = 0; i < li.nseen; i++)
		free(li.seen[i].key);
	free(li.seen);
	li.seen = NULL;
	li.nseen = 0;
}
