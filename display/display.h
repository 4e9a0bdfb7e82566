/* display.h - what the room's screen knows of the queue, and what is new.
 *
 * Start here for how the display follows the database.  display_poll()
 * is called from the main loop: its follower (shared/core/follow.h)
 * opens the database lazily, retries, reopens a replaced file and asks
 * PRAGMA data_version; only when another program committed does it read
 * the events past the last one seen and the queue's status.  The events
 * worth a voice (called, recalled, admitted from outside) come out oldest
 * first, none dropped.  While the database is missing, locked or
 * unreadable it says why.  struct display_state then decides what the
 * big box shows and when (a call when its sound starts, flashing for a
 * while) and which calls are said a second time.  No SDL here:
 * tests/unit/test_display.c.
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
	DISPLAY_WALGONE = 4,     /* the -wal was removed: its data saved,
	                          * reopened (follow.h); log it, tell staff */
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
 * DISPLAY_STATUS, DISPLAY_STATE and DISPLAY_WALGONE, 0 when nothing
 * changed.  On connect
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

/* ---- what the big box shows, and calls to say again ------------------ */

#define DISPLAY_PENDING 64       /* calls waiting to be shown or repeated */
#define DISPLAY_FLASH_MS 450     /* half a period of the highlight's flash */

struct display_call {
	struct q_event_rec e;    /* the call or recall */
	int64_t at;              /* monotonic ms: show it / say it again */
};

struct display_box {             /* the big box */
	char label[Q_LABEL_MAX]; /* "" none */
	int counter;
	int active;              /* highlighted (flashing) now */
	int flash_on;            /* flash phase while highlighted */
};

struct display_state {
	int highlight_ms;        /* how long a new call flashes */
	int repeat_ms;           /* say a call again this long after, 0 off */
	struct display_call show[DISPLAY_PENDING];
	int nshow;               /* oldest first */
	struct display_call rep[DISPLAY_PENDING];
	int nrep;
	int64_t hl_start, hl_until;
	int have_hl;             /* a call was shown since (re)connecting */
	struct display_box box;
};

/* Start with nothing shown: flash highlight_ms, repeat after repeat_ms
 * (0: never). */
void display_state_init(struct display_state *s, int highlight_ms,
                        int repeat_ms);
/* The database was (re)connected, perhaps to a new file: forget what
 * was waiting; the big box shows that database's newest call. */
void display_state_reset(struct display_state *s);
/* A call or recall e is being announced at now: show it in the big box
 * when its sound starts (ahead_ms: sound queued before it) and, with
 * repeat_ms, say it again repeat_ms after its sound ends (done_ms: all
 * sound queued, this one included).  When DISPLAY_PENDING calls wait,
 * the oldest is dropped. */
void display_state_call(struct display_state *s, const struct q_event_rec *e,
                        int64_t now, int ahead_ms, int done_ms);
/* Move the big box on to now (calls whose time came, the flash, or the
 * newest call of st when none was shown; st may be NULL).  Returns 1
 * when the picture changed. */
int display_state_tick(struct display_state *s, int64_t now,
                       const struct q_status *st);
/* The calls whose repeat is due at now, into out (at most max): only
 * those still at their counter in st (a visitor served meanwhile is not
 * called again).  Returns how many. */
int display_state_repeats(struct display_state *s, int64_t now,
                          const struct q_status *st, struct q_event_rec *out,
                          int max);
/* Milliseconds until the state needs a tick (a call to show, a repeat,
 * a flash step), at most limit. */
int64_t display_state_wait(const struct display_state *s, int64_t now,
                           int64_t limit);

/* 1 if e should be spoken: a call, a recall, or an admission from
 * outside (detail Q_ADMIT_FROM_OUTSIDE); an admission at the issue is
 * the kiosk's business: the visitor stands there and reads its screen. */
int display_announceable(const struct q_event_rec *e);

#endif
