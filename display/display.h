/* feed.h - what the room's screen knows of the queue, and what is new.
 *
 * Start here for how the display follows the database.  feed_poll() is
 * called every few ms: it asks queue_changed() (PRAGMA data_version on the
 * display's own connection) and, only when another program committed,
 * reads the events past the last one seen and the queue's status.  The
 * events worth a voice (called, recalled, admitted from outside) come out
 * oldest first, none dropped.  When the database is missing, locked or
 * unreadable the feed says so and retries by itself once a second.
 * No SDL here.
 */
#ifndef ANTRI_DISPLAY_FEED_H
#define ANTRI_DISPLAY_FEED_H

#include <stdint.h>

#include "queue.h"

#define FEED_MAX_NEW 64          /* announcements returned per poll */

enum {
	FEED_STATUS = 1,         /* st changed: redraw */
	FEED_STATE = 2,          /* connected/waiting changed: redraw */
};

struct feed {
	queue *q;                /* NULL while waiting for the database */
	char path[1024];
	int connected;
	int more;                /* events left unread last time */
	int64_t last_id;         /* newest event seen */
	int64_t retry_ms;        /* when to try opening again */
	struct q_status st;      /* valid when connected */
	char err[256];           /* why it waits, when not connected */
};

/* Remember the database path; nothing is opened until the first poll.
 * Never fails. */
void feed_init(struct feed *f, const char *path);
void feed_close(struct feed *f);

/* Look for changes at time now_ms (any monotonic clock).  New events to
 * announce go to out (at most FEED_MAX_NEW, oldest first; more are kept
 * for the next call), their count to *n.  Returns a mask of FEED_STATUS
 * and FEED_STATE, 0 when nothing changed.  On connect it starts after the
 * newest event: history is never announced.  Errors are not returned:
 * the feed drops the connection, sets err and connected = 0, and retries
 * a second later. */
int feed_poll(struct feed *f, int64_t now_ms, struct q_event_rec *out,
              int *n);

/* Re-read the status even without a commit (the business day or the
 * clock moved on).  Returns FEED_STATUS or 0. */
int feed_refresh(struct feed *f);

/* 1 if e should be spoken: a call, a recall, or an admission of someone
 * who waited outside (not the instant admission at the kiosk). */
int feed_announceable(const struct q_event_rec *e);

#endif
