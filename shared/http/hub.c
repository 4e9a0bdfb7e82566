/* hub.c - see hub.h.  Start at hub_publish() (a message into the ring,
 * the waiting streams resumed), then reader() (what a resumed stream
 * sends, or its suspension) and ticker() (heartbeats, clients gone,
 * still()).  One mutex guards the ring and the list of streams; MHD's
 * suspend and resume are called under it, so a publish cannot slip
 * between a stream finding nothing and its suspension.
 */
#define _GNU_SOURCE
#include "hub.h"

#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BLOCK 1024               /* MHD's buffer per stream */
#define TICK_MS 100
#define LOOK_MS 1000             /* is the client still there? */
#define STILL_MS 2000            /* may a stream go on? */

struct msg {
	int64_t id;
	unsigned channels;
	char *text;                  /* "id: N\ndata: ...\n\n" */
	size_t len;
};

struct stream {
	struct stream *prev, *next;
	struct MHD_Connection *c;
	int fd;
	unsigned channels;
	int64_t last;                /* cursor: the last id passed */
	char *buf;                   /* pending: `first`, or a message too
	                              * long for one block */
	size_t len, off;
	int suspended, beat, over, closed, refs;
	int64_t beat_at, still_at;
	int (*still)(void *);
	void *user;
	void (*user_free)(void *);
};

static struct {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct msg *ring;
	int cap, head, n;
	int64_t base, latest;
	struct stream list;
	int open, stopping, running;
	int heartbeat_ms;
	pthread_t th;
} h = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, 0, 0, 0,
	0, 0, { &h.list, &h.list, NULL, -1, 0, 0, NULL, 0, 0, 0, 0, 0, 0, 0,
	0, 0, NULL, NULL, NULL }, 0, 0, 0, 15000, 0 };

static void
stream_free(struct stream *s)
{
	if (s->user_free)
		s->user_free(s->user);
	free(s->buf);
	free(s);
}

/* mu held: let a suspended stream run its reader again */
static void
wake(struct stream *s)
{
	if (s->suspended) {
		s->suspended = 0;
		MHD_resume_connection(s->c);
	}
}

/* ---- publishing ---------------------------------------------------- */

void
hub_publish(int64_t id, unsigned channels, const char *text)
{
	hub_publish_event(id, channels, NULL, text);
}

void
hub_publish_event(int64_t id, unsigned channels, const char *event,
                  const char *text)
{
	struct msg m = { id, channels, NULL, 0 };
	size_t n = strlen(text) + (event ? strlen(event) : 0) + 64;

	if (!(m.text = malloc(n)))
		return;
	m.len = (size_t)snprintf(m.text, n,
	    "id: %" PRId64 "\n%s%s%sdata: %s\n\n", id, event ? "event: " : "",
	    event ? event : "", event ? "\n" : "", text);
	pthread_mutex_lock(&h.mu);
	if (!h.cap) {
		pthread_mutex_unlock(&h.mu);
		free(m.text);
		return;
	}
	if (h.n == h.cap) {
		struct msg *old = &h.ring[h.head];

		h.base = old->id;
		free(old->text);
		h.head = (h.head + 1) % h.cap;
		h.n--;
	}
	h.ring[(h.head + h.n) % h.cap] = m;
	h.n++;
	if (id > h.latest)
		h.latest = id;
	for (struct stream *s = h.list.next; s != &h.list; s = s->next)
		if (s->channels & channels)
			wake(s);
	pthread_mutex_unlock(&h.mu);
}

int64_t
hub_base(void)
{
	int64_t b;

	pthread_mutex_lock(&h.mu);
	b = h.base;
	pthread_mutex_unlock(&h.mu);
	return b;
}

int64_t
hub_latest(void)
{
	int64_t l;

	pthread_mutex_lock(&h.mu);
	l = h.latest;
	pthread_mutex_unlock(&h.mu);
	return l;
}

void
hub_start_at(int64_t id)
{
	pthread_mutex_lock(&h.mu);
	if (h.n == 0)
		h.base = h.latest = id;
	pthread_mutex_unlock(&h.mu);
}

int
hub_open_count(void)
{
	int n;

	pthread_mutex_lock(&h.mu);
	n = h.open;
	pthread_mutex_unlock(&h.mu);
	return n;
}

/* ---- one stream ------------------------------------------------------ */

/* mu held: keep text[from..] to be sent next */
static int
keep(struct stream *s, const char *text, size_t len)
{
	char *b = malloc(len);

	if (!b)
		return -1;
	memcpy(b, text, len);
	free(s->buf);
	s->buf = b;
	s->len = len;
	s->off = 0;
	return 0;
}

/* mu held: the ring's first message (counted from its oldest) with an
 * id past last; ids never go down along the ring, so a binary search
 * (ten thousand streams each scanning a full ring would cost more than
 * the sending). */
static int
first_after(int64_t last)
{
	int lo = 0, hi = h.n;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (h.ring[(h.head + mid) % h.cap].id <= last)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static ssize_t
reader(void *cls, uint64_t pos, char *out, size_t max)
{
	struct stream *s = cls;
	size_t n = 0;

	(void)pos;
	pthread_mutex_lock(&h.mu);
	if (s->off < s->len) {               /* what is pending first */
		n = s->len - s->off < max ? s->len - s->off : max;
		memcpy(out, s->buf + s->off, n);
		s->off += n;
		if (s->off == s->len) {
			free(s->buf);
			s->buf = NULL;
			s->len = s->off = 0;
		}
		pthread_mutex_unlock(&h.mu);
		return (ssize_t)n;
	}
	if (h.stopping) {
		pthread_mutex_unlock(&h.mu);
		return MHD_CONTENT_READER_END_OF_STREAM;
	}
	if (s->over || s->last < h.base) {   /* gone, refused, or behind */
		pthread_mutex_unlock(&h.mu);
		return MHD_CONTENT_READER_END_WITH_ERROR;
	}
	for (int i = first_after(s->last); i < h.n; i++) {
		const struct msg *m = &h.ring[(h.head + i) % h.cap];

		if (m->id <= s->last || !(m->channels & s->channels))
			continue;
		if (n + m->len > max) {
			if (n == 0 && keep(s, m->text + max, m->len - max) == 0) {
				memcpy(out, m->text, max);
				n = max;
				s->last = m->id;
			}
			break;
		}
		memcpy(out + n, m->text, m->len);
		n += m->len;
		s->last = m->id;
	}
	if (n) {
		s->beat = 0;
		s->beat_at = http_now_ms() + h.heartbeat_ms;
	} else if (s->beat) {
		static const char beat[] = ": heartbeat\n\n";

		s->beat = 0;
		s->beat_at = http_now_ms() + h.heartbeat_ms;
		n = sizeof beat - 1 < max ? sizeof beat - 1 : max;
		memcpy(out, beat, n);
	} else {
		/* nothing for it: off MHD's loop until a message or the
		 * ticker resumes it */
		s->suspended = 1;
		MHD_suspend_connection(s->c);
	}
	pthread_mutex_unlock(&h.mu);
	return (ssize_t)n;
}

/* MHD is done with the stream's answer (the connection ended). */
static void
reader_free(void *cls)
{
	struct stream *s = cls;
	int gone;

	pthread_mutex_lock(&h.mu);
	s->prev->next = s->next;
	s->next->prev = s->prev;
	h.open--;
	s->closed = 1;
	gone = s->refs == 0;
	pthread_cond_broadcast(&h.cv);
	pthread_mutex_unlock(&h.mu);
	if (gone)
		stream_free(s);
}

int
hub_respond(struct http_req *r, const struct hub_open *o,
            enum MHD_Result *ret)
{
	struct MHD_Response *resp;
	struct stream *s;
	int64_t now = http_now_ms();

	pthread_mutex_lock(&h.mu);
	if (h.open >= o->limit || h.stopping || !h.running) {
		pthread_mutex_unlock(&h.mu);
		return -1;
	}
	h.open++;
	pthread_mutex_unlock(&h.mu);
	if (!(s = calloc(1, sizeof *s)) || (o->first && *o->first &&
	    keep(s, o->first, strlen(o->first)))) {
		free(s);
		pthread_mutex_lock(&h.mu);
		h.open--;
		pthread_mutex_unlock(&h.mu);
		*ret = MHD_NO;
		return 0;
	}
	s->c = r->c;
	s->fd = http_socket(r);
	s->channels = o->channels;
	s->still = o->still;
	s->user = o->user;
	s->user_free = o->user_free;
	s->beat_at = now + h.heartbeat_ms;
	s->still_at = now + STILL_MS;
	resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, BLOCK, reader,
	    s, reader_free);
	pthread_mutex_lock(&h.mu);
	s->last = o->after < 0 ? h.latest : o->after;
	if (resp) {
		s->next = h.list.next;
		s->prev = &h.list;
		h.list.next->prev = s;
		h.list.next = s;
	} else {
		h.open--;
	}
	pthread_mutex_unlock(&h.mu);
	if (!resp) {
		stream_free(s);
		*ret = MHD_NO;
		return 0;
	}
	MHD_add_response_header(resp, "Content-Type", "text/event-stream");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	MHD_add_response_header(resp, "X-Accel-Buffering", "no");
	http_long_lived(r);
	*ret = http_send(r, 200, resp);
	return 0;
}

/* ---- the ticker ------------------------------------------------------ */

/* mu held: poll every suspended stream's socket at once; a client that
 * closed (or a failed connection) ends its stream. */
static void
look(void)
{
	struct pollfd *p;
	struct stream **who;
	int n = 0;

	if (!(p = malloc((size_t)h.open * sizeof *p + 1)) ||
	    !(who = malloc((size_t)h.open * sizeof *who + 1))) {
		free(p);
		return;
	}
	for (struct stream *s = h.list.next; s != &h.list && n < h.open;
	    s = s->next) {
		if (!s->suspended || s->fd < 0)
			continue;
		p[n].fd = s->fd;
		p[n].events = POLLIN | POLLRDHUP;
		p[n].revents = 0;
		who[n++] = s;
	}
	if (n && poll(p, (nfds_t)n, 0) > 0)
		for (int i = 0; i < n; i++)
			if (p[i].revents && http_client_gone(p[i].fd)) {
				who[i]->over = 1;
				wake(who[i]);
			}
	free(p);
	free(who);
}

/* mu held: the streams whose still() is due, asked without the lock
 * (it may read a database); a stream ended meanwhile is freed here. */
static void
ask_still(int64_t now)
{
	struct stream *s, *next;

	for (s = h.list.next; s != &h.list; s = next) {
		int ok;

		if (!s->still || now < s->still_at || s->over) {
			next = s->next;
			continue;
		}
		s->still_at = now + STILL_MS;
		s->refs++;
		pthread_mutex_unlock(&h.mu);
		ok = s->still(s->user);
		pthread_mutex_lock(&h.mu);
		s->refs--;
		if (!ok && !s->closed) {
			s->over = 1;
			wake(s);
		}
		if (s->closed && s->refs == 0) {
			/* it left the list; start again from the head */
			stream_free(s);
			next = h.list.next;
			continue;
		}
		next = s->next;
	}
}

static void *
ticker(void *arg)
{
	int64_t look_at = 0;
	struct timespec ts;

	(void)arg;
	pthread_mutex_lock(&h.mu);
	while (h.running) {
		int64_t now = http_now_ms();

		for (struct stream *s = h.list.next; s != &h.list; s = s->next)
			if (now >= s->beat_at && !s->beat) {
				s->beat = 1;
				wake(s);
			}
		if (now >= look_at) {
			look();
			look_at = now + LOOK_MS;
		}
		ask_still(now);
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += TICK_MS * 1000000L;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&h.cv, &h.mu, &ts);
	}
	pthread_mutex_unlock(&h.mu);
	return NULL;
}

int
hub_start(int ring, int heartbeat_s, char *err, size_t errlen)
{
	if (ring < 16)
		ring = 16;
	if (!(h.ring = calloc((size_t)ring, sizeof *h.ring))) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	h.cap = ring;
	h.head = h.n = 0;
	h.stopping = 0;
	h.heartbeat_ms = (heartbeat_s > 0 ? heartbeat_s : 15) * 1000;
	h.running = 1;
	if (pthread_create(&h.th, NULL, ticker, NULL)) {
		h.running = 0;
		free(h.ring);
		h.ring = NULL;
		h.cap = 0;
		snprintf(err, errlen, "cannot start the streams' thread");
		return -1;
	}
	return 0;
}

void
hub_stop(int ms)
{
	struct timespec ts;

	if (!h.running)
		return;
	pthread_mutex_lock(&h.mu);
	h.stopping = 1;
	for (struct stream *s = h.list.next; s != &h.list; s = s->next)
		wake(s);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	while (h.open > 0)
		if (pthread_cond_timedwait(&h.cv, &h.mu, &ts))
			break;
	h.running = 0;
	pthread_cond_broadcast(&h.cv);
	pthread_mutex_unlock(&h.mu);
	pthread_join(h.th, NULL);
	pthread_mutex_lock(&h.mu);
	for (int i = 0; i < h.n; i++)
		free(h.ring[(h.head + i) % h.cap].text);
	free(h.ring);
	h.ring = NULL;
	h.cap = h.n = h.head = 0;
	pthread_mutex_unlock(&h.mu);
}
