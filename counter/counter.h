/* counter.h - what the counter panel knows and does, without SDL.
 *
 * Start reading at counter_poll() and counter_act().  A struct counter
 * holds the database connection of one counter ("counter:N", kept by a
 * struct follow, shared/core/follow.h), the last good snapshot of the
 * office (queue_status + this counter's history), the sentence that
 * tells the clerk what the last action did, and whether the database is
 * reachable.  draw.c paints it; main.c feeds it keys and taps.
 *
 * Database trouble: when the file is missing or unreadable the panel has
 * no connection, says so, retries every second and does nothing on a
 * button.  A write waits at most COUNTER_BUSY_MS for another program's lock;
 * if it still cannot start, SQLite rolled it back whole, so the clerk is
 * told "database busy, nothing done, press again" and a second press is
 * the first and only application.  Every action is one queue_* call, made
 * once per key press or tap; a successful action pressed again within the
 * repeat guard (a double tap) is ignored.
 */
#ifndef ANTRI_COUNTER_H
#define ANTRI_COUNTER_H

#include <stdint.h>

#include "follow.h"
#include "i18n.h"
#include "print.h"
#include "queue.h"

#define COUNTER_HIST 6             /* last tickets served, shown */
#define COUNTER_BUSY_MS 150        /* longest wait for a lock in the UI */
#define COUNTER_MSG_MAX 256
#define COUNTER_WAL_NOTE_MS (15 * 60 * 1000)  /* a removed -wal is told */

enum counter_act { CA_NEXT, CA_RECALL, CA_DONE, CA_NOSHOW, CA_TRANSFER,
	CA_PAUSE, CA_COUNT };

/* What colour the message line gets. */
enum counter_msgkind { CM_NONE, CM_OK, CM_REFUSED, CM_ERROR };

/* The connection, as the clerk should understand it. */
enum counter_conn {
	CC_OK,          /* connected, snapshot fresh */
	CC_NODB,        /* no database at the path (or not an antri one) */
	CC_BUSY,        /* locked by another program on the last read */
	CC_ERROR,       /* other database error on the last read */
};

struct counter {
	struct follow f;             /* the connection; f.path the database */
	int counter;
	enum lang lang;
	int guard_ms;                /* repeat guard, 0 = none */
	enum counter_conn conn;
	int conn_err;                /* Q_E* of the last failure */

	/* the last good snapshot; have_status 0 until the first one */
	int have_status;
	struct q_status st;
	int me_found;                /* this counter exists */
	struct q_counter me;         /* copy of st.counters[...] */
	int nhist;
	struct q_ticket hist[COUNTER_HIST];
	int64_t wall_ms;             /* the queue's "now" at the snapshot */
	int64_t snap_mono;           /* counter_mono_ms() at the snapshot */

	char msg[COUNTER_MSG_MAX];
	enum counter_msgkind msgkind;
	int64_t msg_at;              /* monotonic ms the message was set */

	int printer;                 /* 1: a printer is configured */
	int have_printer;            /* 1: it answered (or not) at least once */
	struct printer_state ps;     /* its latest state (printwatch.h) */

	int64_t wal_mono;            /* when the -wal was found removed, 0 no */
	char wal_hhmm[8];            /* ... on the wall clock */
	int wal_news;                /* 1 until main.c logged it */

	int transfer_mode;           /* picking a service to transfer to */
	int64_t last_ok[CA_COUNT];   /* monotonic ms of the last success */
};

/* Prepare p for counter in the database at db_path (copied) and try to
 * connect once.  Never fails: a missing database is shown and retried by
 * counter_poll().  guard_ms is the repeat guard (see above). */
void counter_init(struct counter *p, const char *db_path, int counter,
                enum lang lang, int guard_ms);
/* Close the connection. */
void counter_fini(struct counter *p);

/* Monotonic milliseconds (CLOCK_MONOTONIC), the panel's own clock. */
int64_t counter_mono_ms(void);

/* Keep p current: reconnect when disconnected (at most once a second),
 * notice a vanished database file, and re-read the snapshot when another
 * program changed the database or when force is set.  Returns 1 when what
 * the panel shows may have changed, else 0. */
int counter_poll(struct counter *p, int force);

/* Do action a (T opens the service choice instead of acting; P pauses an
 * open counter or opens a paused or closed one).  Sets the message and
 * refreshes the snapshot.  Returns the queue's code (Q_OK, a refusal, a
 * system error) or 1 when the press was ignored by the repeat guard. */
int counter_act(struct counter *p, enum counter_act a);
/* In transfer mode: send the current ticket to service code ('A'..'Z',
 * lower case accepted) and leave transfer mode.  Returns as counter_act. */
int counter_transfer_to(struct counter *p, char code);
/* Leave transfer mode without doing anything. */
void counter_transfer_cancel(struct counter *p);
/* The services the current ticket can be sent to: open, not its own.
 * Writes up to max codes into codes (NUL-terminated, so max+1 bytes) and
 * returns how many. */
int counter_transfer_choices(const struct counter *p, char *codes, int max);

/* One button of the pad, in the current mode. */
enum { CB_SERVICE = -1, CB_CANCEL = -2 };
struct counter_button {
	int act;                     /* CA_*, CB_SERVICE or CB_CANCEL */
	char code;                   /* service code for CB_SERVICE */
	char label[Q_NAME_MAX + 4];  /* "Berikutnya", "B Non-Perizinan" */
	char key[12];                /* "N", "Esc" */
	int enabled;                 /* 0: pressing it can do nothing now */
};
/* Fill b (room for CL_MAX_BUTTONS = 32) with the pad's buttons: the six
 * actions, or while transferring one per service choice and Cancel.
 * Returns how many. */
int counter_buttons(const struct counter *p, struct counter_button *b);

/* The staff's warning, in the panel's language: the clock looks wrong
 * (st.clock_wrong), and/or the database's -wal was removed (its data
 * saved, the connection reopened) in the last COUNTER_WAL_NOTE_MS.
 * Returns 1 with the sentence in buf, 0 with "" when all is well. */
int counter_warning(const struct counter *p, char *buf, size_t len);

/* Wall-clock ms "now" as the queue sees it, advanced by the panel's own
 * clock since the snapshot (for "called 2:13 ago" and the clock). */
int64_t counter_wall_now(const struct counter *p);

/* The printer's latest state, as the printer watch read it. */
void counter_set_printer(struct counter *p, const struct printer_state *st);
/* The general printer line in the panel's language: "Printer: Siap",
 * "Printer: Kertas habis (the printer's own message)", "Printer: ..."
 * before the first answer, "" when no printer is configured.  Returns 1
 * when the state is a problem worth the clerk's eye, else 0. */
int counter_printer_line(const struct counter *p, char *buf, size_t len);

/* A service of the snapshot by code, or NULL. */
const struct q_service *counter_service(const struct counter *p, char code);
/* People waiting inside and outside for the services this counter
 * serves (open ones only). */
void counter_waiting(const struct counter *p, int *inside, int *outside);

#endif
