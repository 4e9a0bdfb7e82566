/* hub.h - event streams (Server-Sent Events) as suspended connections
 * fed by one broadcaster: the stream hub of the HTTP layer (http.h), for
 * both servers (antri-serve's queue events, antri-central's outlets).
 *
 * The server publishes messages (an id that never goes down, the
 * channels they are for, a JSON text); the hub keeps the most recent
 * ones in a ring.  A stream is a connection with its channels and its
 * cursor (the last id it passed): while it has nothing to send it is
 * suspended (no thread, no polling); a message for its channels resumes
 * it, and it sends "id: N\ndata: TEXT\n\n" for every message past its
 * cursor.  One timer thread sends heartbeat comments, notices clients
 * that went away (each second, as a suspended connection is not watched
 * by the server), and asks a stream's still() whether it may go on (a
 * staff stream's session).  A stream whose cursor fell out of the ring
 * (a client that did not read) is ended: its browser comes back with
 * Last-Event-ID and the server replays from its own records.
 *
 * The hub starts and stops with the server (http_start, http_stop).
 * Start at hub_respond() and hub_publish().
 */
#ifndef ANTRI_HUB_H
#define ANTRI_HUB_H

#include <stdint.h>

#include "http.h"

struct hub_open {
	unsigned channels;           /* a bit mask: the messages it gets */
	int64_t after;               /* sends messages with id > after;
	                              * -1: from now on */
	const char *first;           /* sent first (a retry line, a replay
	                              * the server read); copied; NULL */
	int limit;                   /* refused when this many streams are
	                              * open already */
	/* Optional: asked every two seconds, from the hub's thread; 0 ends
	 * the stream.  user is freed with user_free when the stream ends. */
	int (*still)(void *user);
	void *user;
	void (*user_free)(void *user);
};

/* Answer r with an event stream.  0 with the answer in *ret; -1 when
 * `limit` streams are open (nothing sent: the server answers 503 in its
 * own words, user untouched).  The connection is long-lived
 * (http_long_lived). */
int hub_respond(struct http_req *r, const struct hub_open *o,
                enum MHD_Result *ret);

/* Send text (one line, JSON) with id to every stream of one of the
 * channels.  Ids are published in order; one id may be published for
 * several channel sets (a staff and a public version of an event). */
void hub_publish(int64_t id, unsigned channels, const char *text);
/* The same as an event of a name ("event: NAME" before the data), for
 * pages that listen by name (antri-central's "outlet"). */
void hub_publish_event(int64_t id, unsigned channels, const char *event,
                       const char *text);

/* Ids up to this one were published before the hub's ring: a stream
 * starting after an older id must be given those messages as `first`.
 * Before any publish it is what hub_start_at() said. */
int64_t hub_base(void);
/* The newest id published (or hub_start_at's). */
int64_t hub_latest(void);
/* The ids so far end at id (before the first publish: a stream with
 * after -1 starts there). */
void hub_start_at(int64_t id);
/* Streams open now. */
int hub_open_count(void);

/* ---- for http.c ---------------------------------------------------- */
/* ring: messages kept; heartbeat_s: seconds between comments. */
int hub_start(int ring, int heartbeat_s, char *err, size_t errlen);
/* End every stream (resumed to close) and wait up to ms for them to be
 * gone; then the timer stops. */
void hub_stop(int ms);

#endif
