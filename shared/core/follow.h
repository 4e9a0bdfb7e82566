/* follow.h - one long-running connection to the queue that looks after
 * itself: the kiosk's lanes, the display and the counter panel each keep
 * one (per thread) instead of a reconnect loop of their own.
 *
 * It opens lazily (at the first poll), retries a second after a failure,
 * reopens at once when the database file was deleted or replaced under it
 * (a restored backup, a new `antri init`), notices about once a second
 * that the -wal file was removed (then what the handle still holds of it
 * is copied into the database by queue_wal_check() and the handle
 * reopened, FOLLOW_WALGONE; the caller logs it and tells staff), and
 * reports "changed" when
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
#define FOLLOW_WAL_MS 1000       /* how often the -wal is looked at */

/* what follow_poll() reports, as a mask */
enum {
	FOLLOW_CHANGED = 1,      /* re-read: a commit, or (re)connected */
	FOLLOW_STATE = 2,        /* connected <-> lost flipped, or why changed */
	FOLLOW_REPLACED = 4,     /* the file under the path was replaced */
	FOLLOW_WALGONE = 8,      /* the -wal was removed: its commits were
	                          * saved into the database, reopened */
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
	int64_t wal_at;          /* monotonic ms of the next -wal check */
	unsigned long wal_gone;  /* -wal removals noticed so far */
};

/* Remember where and as whom; nothing is opened yet.  busy_ms: how long a
 * write of this handle waits for another program's lock (0: default). */
void follow_init(struct follow *f, const char *path, const char *actor,
                 int busy_ms);
/* Close the handle (if any).  follow_poll() may open it again. */
void follow_close(struct follow *f);

/* Look at the database at monotonic time now_ms: open when it is time to
 * try, notice a replaced file, every FOLLOW_WAL_MS a removed -wal (then
 * FOLLOW_WALGONE | FOLLOW_CHANGED | FOLLOW_STATE, and the handle is a new
 * one on the same database: nothing committed was lost), ask whether
 * anyone committed.  Returns a mask of FOLLOW_*, 0 when nothing happened.
 * Never blocks longer than one open, one checkpoint or one PRAGMA. */
int follow_poll(struct follow *f, int64_t now_ms);

/* The caller's own call on f->q failed with rc: a system error (file
 * gone, not a database, I/O) drops the connection, to be retried a
 * second later; refusals, bad input and a busy lock change nothing.
 * Returns 1 if the connection was dropped. */
int follow_failed(struct follow *f, int rc, int64_t now_ms);

/* Look at the -wal at the next follow_poll(), whenever the last look was:
 * before a write (a kiosk's issue), or when another thread of the program
 * saw it removed. */
static inline void
follow_check_wal_soon(struct follow *f)
{
	f->wal_at = 0;
}

/* The open handle, or NULL while waiting for the database. */
static inline queue *
follow_queue(const struct follow *f)
{
	return f->q;
}

#endif
