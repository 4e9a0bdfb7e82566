/* sync.h - antri-sync: the office's events and live state to the head
 * office's PostgreSQL (docs/central.md).  Start in sync_main.c (the
 * command line and the loop); sync.c is one round (where the central
 * stands, the events it lacks, the live state); sync_live.c the live
 * state's document.
 *
 * It reads the office's database through a read-only handle and only
 * between the queue's writes (SQLite's WAL: a reader never blocks a
 * writer), so the queue neither waits on it nor on the network.
 */
#ifndef ANTRI_SYNC_H
#define ANTRI_SYNC_H

#include <stdint.h>

#include "cdb.h"
#include "queue.h"

#define SYNC_BEAT_MS 10000      /* heartbeat */
#define SYNC_TIMEOUT_S 10       /* a central that does not answer: down */

/* exit statuses of --once and --status */
enum { SYNC_DONE = 0, SYNC_DOWN = 1, SYNC_USAGE = 2, SYNC_LOCAL = 3,
	SYNC_FLAGGED = 4 };

struct sync {
	const char *conninfo;
	const char *office;
	const char *db_path;
	queue *q;                   /* read-only, NULL while not open */
	cdb *c;                     /* NULL while not connected */
	int known;                  /* the central's tip was read */
	int64_t shipped;            /* newest event the central holds */
	int64_t local;              /* newest event here, at the last look */
	int flagged;                /* shipping stopped: history changed */
	char flag[640];             /* why, for the log and --status */
	char *live;                 /* last live state sent, or NULL */
	int64_t beat_at;            /* monotonic ms of the next heartbeat */
	char err[640];              /* the last failure */
	char seen[40];              /* the central's last seen_at */
	int64_t held;               /* events the central holds */
	/* the head office's requests (sync_request.c) */
	struct q_remote_rules rules; /* [remote] of the config */
	queue *w;                   /* writes what was asked; NULL until then */
	int listening;              /* LISTEN sent on this connection */
	int asked;                  /* look for requests in the next round */
};

/* One round: open what is closed, learn where the central stands (once
 * per connection), ship what it lacks, send the live state when it
 * changed (or a heartbeat when due at now_ms).  Returns SYNC_DONE,
 * SYNC_DOWN (s->err says why; the connection is closed), SYNC_LOCAL (the
 * office's database could not be read) or SYNC_FLAGGED (the history
 * changed: nothing more is shipped; s->flag says why; the live state
 * still goes). */
int sync_round(struct sync *s, int64_t now_ms);
/* Take what the head office asked of this office (remote tickets,
 * bookings, slots), issue each through the core by this office's rules
 * (idempotent by the request's id) and answer it.  SYNC_DONE, SYNC_DOWN
 * (the connection is closed; a request taken and not answered is taken
 * again by the next connection) or SYNC_LOCAL. */
int sync_requests(struct sync *s);
/* The central's connection was lost: keep why in s->err, close it and
 * forget what belonged to it.  Returns SYNC_DOWN. */
int sync_down(struct sync *s);
/* Close both ends and free what the round kept. */
void sync_close(struct sync *s);

/* The live state document of the office (compact JSON, to free), or NULL
 * with *rc set on a database error; r: its [remote] rules. */
char *sync_live_json(queue *q, const char *office,
                     const struct q_remote_rules *r, int *rc);

#endif
