/* sse.c - Server-Sent Events: every row of the events table, in order,
 * to each browser that asks.
 *
 * One watcher thread polls PRAGMA data_version on its own connection
 * (queue_changed, every 5 ms, as the display does), reads the new events
 * into a ring of the most recent ones and wakes every stream (one
 * condition variable).  A stream sends what follows its last id: from the
 * ring, or from the database when it is further behind (a resume with an
 * old Last-Event-ID; a replay reaches back to today's first event at
 * most).  Each message is "id: N" and "data: {json}"; a comment line
 * every heartbeat_s keeps proxies and browsers on it.  Every second a
 * stream looks whether its client closed (a write would find out only
 * after two heartbeats), and every two a staff stream asks whether its
 * session still holds.  There are max_streams at most.
 */
#define _GNU_SOURCE
#include "serve.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RING 512
#define POLL_MS 5
#define FILL 16                  /* events a stream takes at a time */

static struct {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t th;
	int running;
	queue *q;
	int64_t latest;              /* newest event id seen */
	int64_t base;                /* the ring holds every event > base */
	struct q_event_rec ring[RING];
	int head, n;                 /* oldest slot, count */
} w = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, NULL,
	0, 0, {{0}}, 0, 0 };

static void
ring_add(const struct q_event_rec *e)
{
	if (w.n == RING) {
		w.base = w.ring[w.head].id;
		w.head = (w.head + 1) % RING;
		w.n--;
	}
	w.ring[(w.head + w.n) % RING] = *e;
	w.n++;
	w.latest = e->id;
}

static void
sleep_ms(int ms)
{
	struct timespec ts = { 0, (long)ms * 1000000 };

	nanosleep(&ts, NULL);
}

/* Read what was committed since the last look into the ring. */
static void
watch_once(void)
{
	struct q_event_rec ev[64];
	int n, rc;

	do {
		n = 64;
		if ((rc = queue_events_since(w.q, w.latest, ev, &n)))
			return;
		pthread_mutex_lock(&w.mu);
		for (int i = 0; i < n; i++)
			ring_add(&ev[i]);
		if (n)
			pthread_cond_broadcast(&w.cv);
		pthread_mutex_unlock(&w.mu);
	} while (n == 64);
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
	w.latest = w.base = st->last_event;
	free(st);
	queue_changed(w.q);
	watch_once();
	w.running = 1;
	if (pthread_create(&w.th, NULL, watcher, NULL)) {
		w.running = 0;
		snprintf(err, errlen, "cannot start the watcher thread");
		return -1;
	}
	return 0;
}

void
sse_wake_all(void)
{
	pthread_mutex_lock(&w.mu);
	pthread_cond_broadcast(&w.cv);
	pthread_mutex_unlock(&w.mu);
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

#define LOOK_MS 1000             /* is the client still there? */
#define SESSION_MS 2000          /* does a staff stream's session hold? */

static struct {
	pthread_mutex_t mu;
	int open;                    /* streams open */
	char day[Q_DAY_MAX];         /* the day of floor */
	int64_t floor;               /* the id before that day's first event */
} lim = { PTHREAD_MUTEX_INITIALIZER, 0, "", 0 };

struct stream {
	int64_t last;                /* id of the last event sent */
	int public;
	int fd;                      /* the client's socket */
	char token[Q_TOKEN_MAX];     /* a staff stream's session */
	int64_t look_at, session_at, beat_at;
	char *buf;
	size_t len, off, cap;
};

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
 * cannot be read (then nothing is bounded, the fill reads in steps). */
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
	pthread_mutex_lock(&w.mu);
	hi = w.latest;
	pthread_mutex_unlock(&w.mu);
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

static int
put(struct stream *s, const char *text)
{
	size_t n = strlen(text);

	if (s->len + n + 1 > s->cap) {
		size_t cap = (s->len + n + 1) * 2;
		char *b = realloc(s->buf, cap);

		if (!b)
			return -1;
		s->buf = b;
		s->cap = cap;
	}
	memcpy(s->buf + s->len, text, n + 1);
	s->len += n;
	return 0;
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

static void
put_event(struct stream *s, const struct q_event_rec *e, int quiet)
{
	char head[48];
	char *data;
	json_t *j;

	s->last = e->id;
	if (s->public && api_event_private(e))
		return;
	if (!(j = api_event_json(e, s->public)))
		return;
	if (quiet)
		json_object_del(j, "clips");
	if (s->public && !public_detail(e->kind))
		json_object_set_new(j, "detail", json_string(""));
	data = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (!data)
		return;
	snprintf(head, sizeof head, "id: %lld\ndata: ", (long long)e->id);
	put(s, head);
	put(s, data);
	put(s, "\n\n");
	free(data);
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

/* Events after s->last into the buffer; from the ring when it reaches
 * back far enough, else from the database.  Returns how many. */
static int
fill(struct stream *s)
{
	/* on the heap, not the stack: a page of stack that every stream's
	 * thread touches once stays resident for as long as it lives */
	struct q_event_rec *ev = malloc(FILL * sizeof *ev);
	int n = 0, rc;
	queue *q;

	if (!ev)
		return 0;
	pthread_mutex_lock(&w.mu);
	if (s->last >= w.base) {
		for (int i = 0; i < w.n && n < FILL; i++) {
			const struct q_event_rec *e = &w.ring[(w.head + i) % RING];

			if (e->id > s->last && n < FILL)
				ev[n++] = *e;
		}
		pthread_mutex_unlock(&w.mu);
	} else {
		pthread_mutex_unlock(&w.mu);
		if (!(q = pool_get("web", &rc))) {
			free(ev);
			return 0;
		}
		n = FILL;
		if (queue_events_since(q, s->last, ev, &n))
			n = 0;
		pool_put(q);
	}
	for (int i = 0; i < n; i++)
		put_event(s, &ev[i], called_next(ev, n, i));
	free(ev);
	return n;
}

/* Wait until an event past last arrives, stopping, or ms pass. */
static void
wait_news(int64_t last, int64_t ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += (time_t)(ms / 1000);
	ts.tv_nsec += (long)(ms % 1000) * 1000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&w.mu);
	while (w.latest <= last && !srv.stopping)
		if (pthread_cond_timedwait(&w.cv, &w.mu, &ts))
			break;
	pthread_mutex_unlock(&w.mu);
}

/* 1 when the stream is to end: its client went away (closed, or the
 * connection failed), or (staff) its session ended: logged out, expired,
 * the account disabled.  Looked at every LOOK_MS and SESSION_MS; a
 * database that cannot answer now keeps the stream. */
static int
stream_over(struct stream *s, int64_t now)
{
	if (now >= s->look_at) {
		s->look_at = now + LOOK_MS;
		if (http_client_gone(s->fd))
			return 1;
	}
	if (!s->public && now >= s->session_at) {
		s->session_at = now + SESSION_MS;
		if (auth_still(s->token) == Q_ENOSESSION)
			return 1;
	}
	return 0;
}

static ssize_t
reader(void *cls, uint64_t pos, char *out, size_t max)
{
	struct stream *s = cls;
	int64_t now, left;
	size_t n;

	(void)pos;
	while (s->off >= s->len) {
		s->off = s->len = 0;
		if (srv.stopping)
			return MHD_CONTENT_READER_END_OF_STREAM;
		now = http_now_ms();
		if (stream_over(s, now))
			return MHD_CONTENT_READER_END_WITH_ERROR;
		if (fill(s)) {
			s->beat_at = now + (int64_t)srv.heartbeat_s * 1000;
			continue;      /* all of them may have been private */
		}
		if (now >= s->beat_at) {
			put(s, ": heartbeat\n\n");
			s->beat_at = now + (int64_t)srv.heartbeat_s * 1000;
			break;
		}
		left = s->beat_at - now;
		wait_news(s->last, left < LOOK_MS ? left : LOOK_MS);
	}
	n = s->len - s->off < max ? s->len - s->off : max;
	memcpy(out, s->buf + s->off, n);
	s->off += n;
	return (ssize_t)n;
}

static void
stream_free(void *cls)
{
	struct stream *s = cls;

	pthread_mutex_lock(&lim.mu);
	lim.open--;
	pthread_mutex_unlock(&lim.mu);
	free(s->buf);
	free(s);
}

enum MHD_Result
sse_respond(struct http_req *r, int64_t after, int public)
{
	struct MHD_Response *resp;
	struct stream *s;
	const char *tok = public ? NULL : auth_token(r);
	int64_t floor, now = http_now_ms();
	int full;

	/* public streams may fill nine tenths, the rest is kept for staff */
	pthread_mutex_lock(&lim.mu);
	full = lim.open >= (public ? srv.max_streams - (srv.max_streams + 9) /
	    10 : srv.max_streams);
	if (!full)
		lim.open++;
	pthread_mutex_unlock(&lim.mu);
	if (full)
		return http_error(r, 503, "too_many_streams", public ?
		    "too many live streams open; try again later" :
		    "too many live streams open, even for staff; try again "
		    "later");
	if (!(s = calloc(1, sizeof *s))) {
		pthread_mutex_lock(&lim.mu);
		lim.open--;
		pthread_mutex_unlock(&lim.mu);
		return MHD_NO;
	}
	s->public = public;
	s->fd = http_socket(r);
	snprintf(s->token, sizeof s->token, "%s", tok ? tok : "");
	s->look_at = now + LOOK_MS;
	s->session_at = now + SESSION_MS;
	s->beat_at = now + (int64_t)srv.heartbeat_s * 1000;
	if (after >= 0 && (floor = today_floor()) > after)
		after = floor;
	pthread_mutex_lock(&w.mu);
	s->last = after < 0 ? w.latest : after;
	pthread_mutex_unlock(&w.mu);
	put(s, "retry: 2000\n\n");
	resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 1024, reader,
	    s, stream_free);
	if (!resp) {
		stream_free(s);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", "text/event-stream");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	MHD_add_response_header(resp, "X-Accel-Buffering", "no");
	http_long_lived(r);
	return http_send(r, 200, resp);
}
