/* sse.c - Server-Sent Events: every row of the events table, in order,
 * to each browser that asks, through the HTTP layer's stream hub
 * (hub.h: suspended connections, one broadcaster, heartbeats, clients
 * gone noticed).
 *
 * One watcher thread polls PRAGMA data_version on its own connection
 * (queue_changed, every 5 ms, as the display does), reads the new events
 * and publishes each twice, rendered once per kind of stream: for staff
 * (CH_STAFF) and, unless private, for the public (CH_PUBLIC: without
 * actors, account events and staff's free text).  A stream that resumes
 * from an id older than the hub's ring is first sent what it missed from
 * the database (a replay reaches back to today's first event at most).
 * Every two seconds a staff stream asks whether its session still holds.
 * There are max_streams at most.  Start at sse_respond() and watch_once().
 */
#define _GNU_SOURCE
#include "serve.h"
#include "hub.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define POLL_MS 5
#define BATCH 64                 /* events read at a time */
#define REPLAY_MAX 4096          /* events of one replay; the rest after
                                  * the browser reconnects */
enum { CH_STAFF = 1, CH_PUBLIC = 2 };

static struct {
	pthread_t th;
	int running;
	queue *q;
	int64_t latest;              /* newest event id published */
} w;

static void
sleep_ms(int ms)
{
	struct timespec ts = { 0, (long)ms * 1000000 };

	nanosleep(&ts, NULL);
}

/* The public stream's detail: only the words of the rules (an admission
 * "at issue" or "from outside", "A->B" of a transfer, a service's public
 * name); never what staff typed (a cancel reason may name the visitor,
 * a notice or a printer's reason is for staff: the pages read those from
 * status). */
static int
public_detail(enum q_event kind)
{
	return kind == QE_ADMITTED || kind == QE_TRANSFERRED ||
	    kind == QE_SERVICE_RENAMED;
}

/* 1 when ev[i] is an admission from outside whose ticket is called in
 * the same commit (the next caller took the free place): the room hears
 * only the call, as from antri-display (display.c). */
static int
called_next(const struct q_event_rec *ev, int n, int i)
{
	if (ev[i].kind != QE_ADMITTED || !ev[i].ticket)
		return 0;
	for (int j = i + 1; j < n; j++)
		if (ev[j].kind == QE_CALLED && ev[j].ticket == ev[i].ticket &&
		    ev[j].ts_ms - ev[i].ts_ms < 1000)
			return 1;
	return 0;
}

/* ev[i] as a stream's JSON text (malloc'd), or NULL when the public
 * does not see it. */
static char *
render(const struct q_event_rec *ev, int n, int i, int public)
{
	const struct q_event_rec *e = &ev[i];
	char *data;
	json_t *j;

	if (public && api_event_private(e))
		return NULL;
	if (!(j = api_event_json(e, public)))
		return NULL;
	if (called_next(ev, n, i))
		json_object_del(j, "clips");
	if (public && !public_detail(e->kind))
		json_object_set_new(j, "detail", json_string(""));
	data = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	return data;
}

/* Read what was committed since the last look and publish it. */
static void
watch_once(void)
{
	struct q_event_rec ev[BATCH];
	int n;

	do {
		n = BATCH;
		if (queue_events_since(w.q, w.latest, ev, &n))
			return;
		for (int i = 0; i < n; i++) {
			char *staff = render(ev, n, i, 0);
			char *pub = render(ev, n, i, 1);

			if (staff && pub && !strcmp(staff, pub))
				hub_publish(ev[i].id, CH_STAFF | CH_PUBLIC, staff);
			else {
				if (staff)
					hub_publish(ev[i].id, CH_STAFF, staff);
				if (pub)
					hub_publish(ev[i].id, CH_PUBLIC, pub);
			}
			free(staff);
			free(pub);
			w.latest = ev[i].id;
		}
	} while (n == BATCH);
}

/* About once a second: is the watcher's handle still the file's (a
 * restored backup, a removed -wal)?  If not, open the file again; its
 * events from the last id seen on are read at the next change. */
static void
watch_fresh(void)
{
	queue *q = NULL;

	if (pool_stale(w.q, "the events' watcher") != 1)
		return;
	if (queue_open(&q, srv.db_path, 0, "web"))
		return;                 /* keep the old one; again in a second */
	if (srv.busy_ms > 0)
		queue_set_busy_timeout(q, srv.busy_ms);
	queue_close(w.q);
	w.q = q;
	queue_changed(w.q);
	watch_once();
}

static void *
watcher(void *arg)
{
	int64_t fresh_at = http_now_ms() + 1000;

	(void)arg;
	while (w.running && !srv.stopping) {
		if (http_now_ms() >= fresh_at) {
			watch_fresh();
			fresh_at = http_now_ms() + 1000;
		}
		if (queue_changed(w.q) > 0)
			watch_once();
		sleep_ms(POLL_MS);
	}
	return NULL;
}

int
sse_start(char *err, size_t errlen)
{
	struct q_status *st = malloc(sizeof *st);
	int rc;

	if (!st || (rc = queue_open(&w.q, srv.db_path, 0, "web")) ||
	    (rc = queue_status(w.q, st))) {
		snprintf(err, errlen, "events: %s", st ? queue_strerror(rc) :
		    "out of memory");
		free(st);
		return -1;
	}
	if (srv.busy_ms > 0)
		queue_set_busy_timeout(w.q, srv.busy_ms);
	w.latest = st->last_event;
	free(st);
	queue_changed(w.q);
	return 0;
}

int
sse_begin(char *err, size_t errlen)
{
	hub_start_at(w.latest);
	w.running = 1;
	if (pthread_create(&w.th, NULL, watcher, NULL)) {
		w.running = 0;
		snprintf(err, errlen, "cannot start the watcher thread");
		return -1;
	}
	return 0;
}

void
sse_stop(void)
{
	if (w.running) {
		w.running = 0;
		pthread_join(w.th, NULL);
	}
	queue_close(w.q);
	w.q = NULL;
}

/* ---- one stream -------------------------------------------------------- */

static struct {
	pthread_mutex_t mu;
	char day[Q_DAY_MAX];         /* the day of floor */
	int64_t floor;               /* the id before that day's first event */
} lim = { PTHREAD_MUTEX_INITIALIZER, "", 0 };

/* Is the first event after id x of today (or is there none)? */
static int
today_after(queue *q, int64_t x, const char *today)
{
	struct q_event_rec e;
	char day[Q_DAY_MAX];
	int n = 1;

	if (queue_events_since(q, x, &e, &n) || n == 0)
		return 1;
	q_day_of(e.ts_ms, day);
	return strcmp(day, today) >= 0;
}

/* The id before today's first event: a replay starts there at the
 * earliest (event times never go back, so a binary search over the ids
 * finds it in a few reads).  Kept for the day; -1 when the database
 * cannot be read (then nothing is bounded). */
static int64_t
today_floor(void)
{
	char today[Q_DAY_MAX];
	int64_t lo = 0, hi, mid, floor;
	queue *q;
	int rc;

	if (!(q = pool_get("web", &rc)))
		return -1;
	q_day_of(queue_now_ms(q), today);
	pthread_mutex_lock(&lim.mu);
	if (!strcmp(lim.day, today)) {
		floor = lim.floor;
		pthread_mutex_unlock(&lim.mu);
		pool_put(q);
		return floor;
	}
	pthread_mutex_unlock(&lim.mu);
	hi = hub_latest();
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (today_after(q, mid, today))
			hi = mid;
		else
			lo = mid + 1;
	}
	pool_put(q);
	pthread_mutex_lock(&lim.mu);
	snprintf(lim.day, sizeof lim.day, "%s", today);
	lim.floor = lo;
	pthread_mutex_unlock(&lim.mu);
	return lo;
}

struct text {
	char *s;
	size_t len, cap;
};

static void
add(struct text *t, const char *s)
{
	size_t n = strlen(s);

	if (t->len + n + 1 > t->cap) {
		size_t cap = (t->len + n + 1) * 2;
		char *b = realloc(t->s, cap);

		if (!b)
			return;
		t->s = b;
		t->cap = cap;
	}
	memcpy(t->s + t->len, s, n + 1);
	t->len += n;
}

/* The events after *after that the hub's ring no longer holds, from the
 * database, into t; *after becomes the last id read. */
static void
replay(struct text *t, int64_t *after, int public)
{
	struct q_event_rec *ev = malloc(BATCH * sizeof *ev);
	int n, rc, total = 0;
	char head[48];
	queue *q;

	if (!ev || !(q = pool_get("web", &rc))) {
		free(ev);
		return;
	}
	while (*after < hub_base() && total < REPLAY_MAX) {
		n = BATCH;
		if (queue_events_since(q, *after, ev, &n) || n == 0)
			break;
		for (int i = 0; i < n; i++) {
			char *data = render(ev, n, i, public);

			if (data) {
				snprintf(head, sizeof head, "id: %lld\ndata: ",
				    (long long)ev[i].id);
				add(t, head);
				add(t, data);
				add(t, "\n\n");
				free(data);
			}
			*after = ev[i].id;
		}
		total += n;
	}
	pool_put(q);
	free(ev);
}

/* A staff stream goes on while its session holds (a database that
 * cannot answer now keeps it). */
static int
still(void *user)
{
	return auth_still(user) != Q_ENOSESSION;
}

enum MHD_Result
sse_respond(struct http_req *r, int64_t after, int public)
{
	const char *tok = public ? NULL : auth_token(r);
	struct text first = { NULL, 0, 0 };
	struct hub_open o = { 0 };
	enum MHD_Result ret;
	int64_t floor;

	add(&first, "retry: 2000\n\n");
	if (after >= 0 && (floor = today_floor()) > after)
		after = floor;
	if (after >= 0)
		replay(&first, &after, public);
	o.channels = public ? CH_PUBLIC : CH_STAFF;
	o.after = after;
	o.first = first.s;
	/* public streams may fill nine tenths, the rest is kept for staff */
	o.limit = public ? srv.max_streams - (srv.max_streams + 9) / 10 :
	    srv.max_streams;
	if (!public) {
		o.still = still;
		o.user = strdup(tok ? tok : "");
		o.user_free = free;
	}
	if (hub_respond(r, &o, &ret)) {
		free(first.s);
		free(o.user);
		return http_error(r, 503, "too_many_streams", public ?
		    "too many live streams open; try again later" :
		    "too many live streams open, even for staff; try again "
		    "later");
	}
	free(first.s);
	return ret;
}
