/* display.h - what the room's screen knows of the queue, and what is new.
 *
 * Start here for how the display follows the database.  display_poll()
 * is called from the main loop: its follower (shared/core/follow.h)
 * opens the database lazily, retries, reopens a replaced file and asks
 * PRAGMA data_version; only when another program committed does it read
 * the events past the last one seen and the queue's status.  The events
 * worth a voice (called, recalled, admitted from outside) come out oldest
 * first, none dropped.  While the database is missing, locked or
 * unreadable it says why.  No SDL here: tests/unit/test_display.c.
 */
#ifndef ANTRI_DISPLAY_DISPLAY_H
#define ANTRI_DISPLAY_DISPLAY_H

#include <stdint.h>

#include "follow.h"
#include "queue.h"

#define DISPLAY_MAX_NEW 64       /* announcements returned per poll */

enum {
	DISPLAY_STATUS = 1,      /* st changed: redraw */
	DISPLAY_STATE = 2,       /* connected/waiting changed: redraw */
};

struct display_feed {
	struct follow fw;        /* the display's own connection */
	int connected;           /* st is valid */
	int more;                /* events or status left unread last time */
	int64_t last_id;         /* newest event seen */
	struct q_status st;      /* valid when connected */
	char err[256];           /* why it waits, when not connected */
};

/* Remember the database path; nothing is opened until the first poll.
 * Never fails. */
void display_init(struct display_feed *f, const char *path);
void display_close(struct display_feed *f);

/* Look for changes at time now_ms (a monotonic clock).  New events to
 * announce go to out (at most DISPLAY_MAX_NEW, oldest first; more are
 * kept for the next call), their count to *n.  Returns a mask of
 * DISPLAY_STATUS and DISPLAY_STATE, 0 when nothing changed.  On connect
 * it starts after the newest event: history is never announced.  Errors
 * are not returned: the feed says why in err, with connected = 0, and
 * the follower retries a second later. */
int display_poll(struct display_feed *f, int64_t now_ms,
                 struct q_event_rec *out, int *n);

/* Re-read the status even without a commit (the business day or the
 * clock moved on).  Returns DISPLAY_STATUS or 0. */
int display_refresh(struct display_feed *f);

/* Someone saw the database file appear, vanish or be replaced: drop the
 * connection (if any) and try to open it at the next poll. */
void display_reopen(struct display_feed *f);

/* The next attempt to open, in the caller's monotonic ms (meaningful
 * while not connected). */
int64_t display_retry_at(const struct display_feed *f);

/* 1 if e should be spoken: a call, a recall, or an admission from
 * outside (detail Q_ADMIT_FROM_OUTSIDE); an admission at the issue is
 * the kiosk's business: the visitor stands there and reads its screen. */
int display_announceable(const struct q_event_rec *e);

#endif
