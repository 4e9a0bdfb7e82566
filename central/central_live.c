/* central_live.c - see central_live.h.  Start at listener(): it owns
 * its connection, polls its socket, and posts changes with post().  A
 * stream is a callback response (reader()) over the ring of posted
 * messages; with nothing new to send it suspends its connection, and
 * post() resumes every suspended one.  No thread per stream, no copy of
 * a message per stream: 10,000 phones cost their sockets and MHD's
 * per-connection memory.
 */
#define _GNU_SOURCE
#include "central_live.h"
#include "central_outlet.h"

#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RING 512                /* messages kept for streams behind */
#define SWEEP_MS 5000           /* every outlet read again */
#define KEEPALIVE_MS 15000      /* a comment to every stream */
#define BLOCK 2048              /* a stream's write buffer */

struct stream {
	struct stream *prev, *next;
	struct MHD_Connection *c;
	uint64_t seq;               /* the next message it sends */
	size_t off;                 /* into that message */
	int suspended, hello;
};

static struct {
	pthread_mutex_t mu;
	struct stream head;         /* the open streams */
	int n, max, closing;
	char *msg[RING];
	size_t len[RING];
	uint64_t next;              /* seq of the next message posted */
} bc = { PTHREAD_MUTEX_INITIALIZER, { &bc.head, &bc.head, NULL, 0, 0, 0,
	0 }, 0, 0, 0, { NULL }, { 0 }, 1 };

static struct {
	pthread_t th;
	int running, stop;
	const char *conninfo;
	/* what was last posted per outlet, without last_seen */
	struct seen { char id[48]; char *key; } *seen;
	size_t nseen;
} li;

/* ---- the broadcaster ---------------------------------------------------- */

/* text (taken) to every stream; resumes the suspended ones */
static void
post(char *text)
{
	pthread_mutex_lock(&bc.mu);
	free(bc.msg[bc.next % RING]);
	bc.msg[bc.next % RING] = text;
	bc.len[bc.next % RING] = strlen(text);
	bc.next++;
	for (struct stream *s = bc.head.next; s != &bc.head; s = s->next)
		if (s->suspended) {
			s->suspended = 0;
			MHD_resume_connection(s->c);
		}
	pthread_mutex_unlock(&bc.mu);
}

static ssize_t
reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	static const char hello[] = "retry: 3000\n\n";
	static const char reload[] = "event: reload\ndata: {}\n\n";
	struct stream *s = cls;
	ssize_t n = 0;

	(void)pos;
	pthread_mutex_lock(&bc.mu);
	if (bc.closing) {
		pthread_mutex_unlock(&bc.mu);
		return MHD_CONTENT_READER_END_OF_STREAM;
	}
	if (!s->hello) {
		s->hello = 1;
		n = (ssize_t)(sizeof hello - 1);
		memcpy(buf, hello, (size_t)n);
	} else if (s->seq + RING <= bc.next) {
		/* fell behind the ring: the page reads everything again */
		s->seq = bc.next;
		s->off = 0;
		n = (ssize_t)(sizeof reload - 1);
		memcpy(buf, reload, (size_t)n);
	} else if (s->seq < bc.next) {
		size_t i = s->seq % RING, left = bc.len[i] - s->off;

		n = (ssize_t)(left < max ? left : max);
		memcpy(buf, bc.msg[i] + s->off, (size_t)n);
		s->off += (size_t)n;
		if (s->off == bc.len[i]) {
			s->seq++;
			s->off = 0;
		}
	} else {
		s->suspended = 1;
		MHD_suspend_connection(s->c);
	}
	pthread_mutex_unlock(&bc.mu);
	return n;
}

static void
stream_free(void *cls)
{
	struct stream *s = cls;

	pthread_mutex_lock(&bc.mu);
	s->prev->next = s->next;
	s->next->prev = s->prev;
	bc.n--;
	pthread_mutex_unlock(&bc.mu);
	free(s);
}

enum MHD_Result
cl_stream(struct http_req *r)
{
	struct MHD_Response *resp;
	struct stream *s;

	pthread_mutex_lock(&bc.mu);
	if (bc.n >= bc.max || bc.closing) {
		pthread_mutex_unlock(&bc.mu);
		return http_error(r, 503, "busy", "too many live pages open; "
		    "try again in a minute");
	}
	if (!(s = calloc(1, sizeof *s))) {
		pthread_mutex_unlock(&bc.mu);
		return MHD_NO;
	}
	s->c = r->c;
	s->seq = bc.next;           /* only what comes from now on */
	s->next = &bc.head;
	s->prev = bc.head.prev;
	bc.head.prev->next = s;
	bc.head.prev = s;
	bc.n++;
	pthread_mutex_unlock(&bc.mu);
	resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, BLOCK,
	    reader, s, stream_free);
	if (!resp) {
		stream_free(s);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", "text/event-stream");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	MHD_add_response_header(resp, "X-Accel-Buffering", "no");
	return http_send(r, 200, resp);
}

void
cl_end_streams(void)
{
	pthread_mutex_lock(&bc.mu);
	bc.closing = 1;
	for (struct stream *s = bc.head.next; s != &bc.head; s = s->next)
		if (s->suspended) {
			s->suspended = 0;
			MHD_resume_connection(s->c);
		}
	pthread_mutex_unlock(&bc.mu);
}

int
cl_streams(void)
{
	int n;

	pthread_mutex_lock(&bc.mu);
	n = bc.n;
	pthread_mutex_unlock(&bc.mu);
	return n;
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
	char *key, *data, *msg;
	size_t n;

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
	if (!data)
		return 0;
	n = strlen(data) + 32;
	if ((msg = malloc(n))) {
		snprintf(msg, n, "event: outlet\ndata: %s\n\n", data);
		post(msg);
	}
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
	int64_t sweep = 0, ka = http_now_ms() + KEEPALIVE_MS;
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
		if (http_now_ms() >= ka) {
			char *k = strdup(": keep-alive\n\n");

			if (k)
				post(k);
			ka = http_now_ms() + KEEPALIVE_MS;
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
	li.conninfo = conninfo;
	bc.max = max_streams;
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
	for (int i = 0; i < RING; i++) {
		free(bc.msg[i]);
		bc.msg[i] = NULL;
	}
}
