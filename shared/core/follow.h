/* follow.h - one long-running connection to the queue that looks after
 * itself: the kiosk's lanes, the display and the counter panel each keep
 * one (per thread) instead of a reconnect loop of their own.
 *
 * It opens lazily (at the first poll), retries a second after a failure,
 * reopens at once when the database file was deleted or replaced under it
 * (a restored backup, a new `antri init`), and reports "changed" when
 * another program committed (PRAGMA data_version) or the connection came
 * back, so the caller re-reads what it shows.  No threads, no SDL: the
 * caller decides when to poll and passes its own monotonic clock, so the
 * logic is unit-tested (tests/unit/test_follow.c).
 */
#ifndef ANTRI_FOLLOW_H
#define ANTRI_FOLLOW_H

#include <stdint.h>

#include "queue.h"

#define FOLLOW_RETRY_MS 1000

/* what follow_poll() reports, as a mask */
enum {
	FOLLOW_CHANGED = 1,      /* re-read: a commit, or (re)connected */
	FOLLOW_STATE = 2,        /* connected <-> lost flipped, or why changed */
	FOLLOW_REPLACED = 4,     /* the file under the path was replaced */
};

struct follow {
	queue *q;                /* NULL while not connected */
	char path[1024];
	char actor[Q_ACTOR_MAX];
	int busy_ms;             /* lock wait of the handle, 0: queue default */
	int err;                 /* Q_OK when connected, else why not */
	char why[256];           /* the sentence for err, with SQLite's words */
	int64_t retry_at;        /* monotonic ms of the next attempt */
	unsigned long opens;     /* successful opens so far (for tests) */
};

/* Remember where and as whom; nothing is opened yet.  busy_ms: how long a
 * write of this handle waits for another program's lock (0: default). */
void follow_init(struct follow *f, const char *path, const char *actor,
                 int busy_ms);
/* Close the handle (if any).  follow_poll() may open it again. */
void follow_close(struct follow *f);

/* Look at the database at monotonic time now_ms: open when it is time to
 * try, notice a replaced file, ask whether anyone committed.  Returns a
 * mask of FOLLOW_*, 0 when nothing happened.  Never blocks longer than
 * one open or one PRAGMA. */
int follow_poll(struct follow *f, int64_t now_ms);

/* The caller's own call on f->q failed with rc: a system error (file
 * gone, not a database, I/O) drops the connection, to be retried a
 * second later; refusals, bad input and a busy lock change nothing.
 * Returns 1 if the connection was dropped. */
int follow_failed(struct follow *f, int rc, int64_t now_ms);

/* The open handle, or NULL while waiting for the database. */
static inline queue *
follow_queue(const struct follow *f)
{
	return f->q;
}

#endif
