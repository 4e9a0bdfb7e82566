/* queue.h - the rules of antri: services, counters, tickets, the room.
 *
 * Start reading here.  Every program (kiosk, display, counter panel, the
 * `antri` command line, antri-serve) talks to the queue only through this header.  The
 * rules are those of docs/architecture.md: tickets move OUTSIDE -> ADMITTED -> CALLED ->
 * DONE | NO_SHOW (or back to ADMITTED in another service on transfer), or to
 * CANCELLED; occupancy = ADMITTED + CALLED never exceeds the limit unless the
 * limit was lowered below the people inside; admission from outside takes
 * the tickets of priority services first, then FIFO by issue time, and
 * happens in the same transaction that frees the space.  Closing a service
 * stops its new tickets; its visitors already waiting are still served.
 *
 * Every write is one BEGIN IMMEDIATE transaction (db_tx.c) and appends to
 * the events log.  Functions return Q_OK (0) or a negative Q_E* code; they
 * never print and never exit.  queue_strerror() turns a code into a sentence.
 * No SDL here: this file and the queue*.c build and test without a
 * display.
 */
#ifndef ANTRI_QUEUE_H
#define ANTRI_QUEUE_H

#include <stdint.h>
#include <stddef.h>

#define Q_MAX_SERVICES 26   /* one per code letter A-Z */
#define Q_MAX_COUNTERS 64
#define Q_MAX_RECENT   12   /* recent calls / admissions kept in a status */
#define Q_LABEL_MAX    8    /* "A007" + NUL, room for 4-digit numbers */
#define Q_NAME_MAX     64
#define Q_ACTOR_MAX    48
#define Q_REASON_MAX   160
#define Q_NOTICE_MAX   512
#define Q_DAY_MAX      11   /* "YYYY-MM-DD" + NUL */
#define Q_HASH_HEX     65   /* SHA-256 as hex + NUL */
#define Q_TICKET_TOKEN_LEN 16 /* a ticket's token: 16 base32 digits, 80 bits */
#define Q_TICKET_TOKEN_MAX (Q_TICKET_TOKEN_LEN + 1)

/* Result codes.  Classes: see queue_err_class(). */
enum q_err {
	Q_OK = 0,
	/* refused by the rules (CLI exit 1) */
	Q_ENOWAIT = -1,       /* nobody admitted and waiting for this counter
	                       * (some may wait outside for a place) */
	Q_EFULL = -2,         /* room full and policy is refuse */
	Q_ECLOSED = -3,       /* service closed */
	Q_EQUOTA = -4,        /* service's daily quota reached */
	Q_EPAUSED = -5,       /* counter paused or closed */
	Q_ENOCURRENT = -6,    /* counter has no current ticket */
	Q_EBUSYCOUNTER = -7,  /* counter still serving a ticket */
	Q_ESTATE = -8,        /* ticket is not in a state that allows this */
	Q_ESAME = -9,         /* transfer to the service it is already in */
	Q_EPINLOCKED = -10,   /* too many wrong PINs, pad locked for a while */
	Q_EPIN = -11,         /* wrong PIN */
	Q_ENOPIN = -12,       /* no manager PIN set */
	Q_ENOTSERVED = -13,   /* counter serves no open service */
	Q_ELOGIN = -14,       /* wrong name or password (or account disabled) */
	Q_ELOCKED = -15,      /* too many wrong passwords: account locked */
	Q_ENOSESSION = -16,   /* no such session, or it expired */
	/* bad input (CLI exit 2) */
	Q_EINVAL = -20,       /* malformed argument */
	Q_ENOSERVICE = -21,   /* no such service code */
	Q_ENOCOUNTER = -22,   /* no such counter */
	Q_ENOTICKET = -23,    /* no such ticket */
	Q_EEXIST = -24,       /* service, counter or user already exists */
	Q_ENOUSER = -25,      /* no such staff account */
	/* database or system (CLI exit 3) */
	Q_EDB = -30,          /* other database error */
	Q_EBUSY = -31,        /* database locked by another program too long */
	Q_EREADONLY = -32,    /* database or its directory not writable */
	Q_EDISKFULL = -33,
	Q_ENODB = -34,        /* database file missing */
	Q_ENOTDB = -35,       /* file is not an antri database */
	Q_ENEWER = -36,       /* schema made by a newer antri */
	Q_ENOMEM = -37,
	Q_ECORRUPT = -38,     /* integrity check failed */
	Q_ECLOCK = -39,       /* the clock looks wrong: a new day refused */
	Q_EWALGONE = -40,     /* our -wal was removed: checkpointed, reopen */
	/* refused by the rules of remote tickets (class "refused", like
	 * -1..-19; queue_err_class knows this range too) */
	Q_ECODE = -50,        /* no such check-in code (wrong or forged) */
	Q_ECODEUSED = -51,    /* the code was already used to check in */
	Q_ECODEDAY = -52,     /* the code is for another day */
	Q_ECODEEXPIRED = -53, /* its ticket was cancelled or has expired */
	Q_ECODELOCKED = -54,  /* too many wrong codes from this source */
	Q_ESHARE = -55,       /* the service's share of remote tickets is used */
	Q_ESLOTFULL = -56,    /* every place of that slot is booked */
	Q_EBOOKED = -57,      /* that phone number already booked that day */
	Q_ENOSLOT = -58,      /* no such slot: not in the service's rules,
	                       * past, or too many days ahead */
	Q_EOFFLINE = -59,     /* asked from the head office: the outlet did
	                       * not take the request in time (its link is
	                       * down); nothing was issued */
};

enum q_errclass { Q_CLASS_OK = 0, Q_CLASS_REFUSED = 1, Q_CLASS_USAGE = 2,
	Q_CLASS_SYSTEM = 3 };

/* Ticket states, in the order of their life. */
enum q_state { Q_OUTSIDE, Q_ADMITTED, Q_CALLED, Q_DONE, Q_NO_SHOW,
	Q_CANCELLED,
	Q_EXPECTED,   /* a remote ticket not checked in yet: not at the door,
	               * not in the room, not callable (queue_remote.c) */
	Q_STATE_COUNT };

enum q_policy { Q_POLICY_HOLD, Q_POLICY_REFUSE };
enum q_cstate { Q_COUNTER_OPEN, Q_COUNTER_PAUSED, Q_COUNTER_CLOSED };
enum q_print { Q_PRINT_NONE, Q_PRINT_PENDING, Q_PRINT_PRINTED, Q_PRINT_FAILED };

/* Event kinds as stored in events.kind (the strings of q_event_name()). */
enum q_event {
	QE_ISSUED, QE_ADMITTED, QE_CALLED, QE_RECALLED, QE_DONE, QE_NO_SHOW,
	QE_TRANSFERRED, QE_CANCELLED, QE_REFUSED, QE_LIMIT_CHANGED,
	QE_POLICY_CHANGED, QE_SERVICE_ADDED, QE_SERVICE_OPENED,
	QE_SERVICE_CLOSED, QE_QUOTA_CHANGED, QE_COUNTER_ADDED, QE_COUNTER_OPENED,
	QE_COUNTER_PAUSED, QE_COUNTER_CLOSED, QE_NOTICE_CHANGED, QE_PRINTED,
	QE_PRINT_FAILED, QE_REPRINT, QE_PIN_CHANGED, QE_PIN_FAILED,
	QE_DAY_CLOSED, QE_OFFICE_CHANGED, QE_COUNTER_SERVICES,
	QE_USER_ADDED, QE_USER_CHANGED, QE_LOGIN_FAILED,
	QE_DAY_STARTED, QE_CLOCK_ACCEPTED, QE_CHAIN_STARTED, QE_DAY_SEALED,
	QE_SERVICE_RENAMED,
	QE_CHECKED_IN,     /* EXPECTED -> OUTSIDE at the door (queue_remote.c) */
	QE_CHECKIN_FAILED, /* a wrong check-in code, counted per source */
	QE_BOOKED,         /* an appointment booked (no ticket yet) */
	QE_BOOKING_NO_SHOW, /* not checked in by its slot + Q_SLOT_LATE_MIN */
	QE_SLOTS_CHANGED,  /* a service's appointment slots set */
	QE_KIND_COUNT
};

typedef struct queue queue;   /* opaque handle: one database connection */

struct q_service {
	char code;                     /* 'A'..'Z' */
	char name_id[Q_NAME_MAX];      /* Indonesian name */
	char name_en[Q_NAME_MAX];      /* English name */
	int open;                      /* 1 open; 0 closed: no new tickets,
	                                * those waiting are still called */
	int quota;                     /* tickets per day, 0 = no quota */
	int priority;                  /* 1: admitted from outside and called
	                                * before others */
	/* filled by queue_status() for the current business day: */
	int issued_today;
	int waiting;                   /* ADMITTED, not yet called */
	int outside;                   /* OUTSIDE (held at the door) */
	int open_counters;             /* open counters serving it */
	/* a new ticket of this service, now (see struct q_ticket): */
	int ahead_outside;             /* people ahead of it at the door */
	int ahead_inside;              /* of this service, inside, ahead */
	int people_ahead;              /* the sum */
	int est_wait_s;                /* its estimated wait, -1 unknown */
};

struct q_ticket {
	int64_t id;
	char label[Q_LABEL_MAX];       /* "A007": issue letter + number */
	char service;                  /* current service code */
	char issue_service;            /* code the number was issued under */
	int seq;                       /* 7 in A007 */
	char day[Q_DAY_MAX];           /* business day it was issued on */
	enum q_state state;
	int64_t issued_ms, admitted_ms, called_ms, finished_ms; /* 0 = never */
	int counter;                   /* counter serving or last serving, 0 none */
	char kiosk[Q_ACTOR_MAX];       /* who issued it */
	enum q_print print_state;
	char print_reason[Q_REASON_MAX];
	/* the visitor's link, /t/<token>: random, lowercase base32
	 * (a-z 2-7); "" for tickets issued before schema 4 */
	char token[Q_TICKET_TOKEN_MAX];
	/* its place in the door's and the counters' order: the issue time,
	 * or for a remote ticket checked in after its turn passed, the time
	 * of its check-in (the end of the line) */
	int64_t place_ms;
	/* the slot of the appointment it came from (ms), 0 for others */
	int64_t slot_ms;
	/* filled by queue_issue() and queue_ticket_wait() only, for a ticket
	 * OUTSIDE or ADMITTED (0 otherwise): */
	int ahead_outside;             /* outside, admitted before this one
	                                * (0 when this one is inside) */
	int ahead_inside;              /* ADMITTED in its service, called
	                                * before this one */
	int people_ahead;              /* ahead_outside + ahead_inside */
	int est_wait_s;                /* until called, with the wait for a
	                                * place in the room; -1 unknown */
};

struct q_counter {
	int number;
	enum q_cstate state;
	char services[Q_MAX_SERVICES + 1]; /* codes it serves, e.g. "AP" */
	int has_current;
	struct q_ticket current;       /* valid when has_current */
};

/* The detail of an "admitted" event: let in by the kiosk in the same
 * transaction as the issue (the visitor is told on the kiosk's screen), or
 * later, from the queue outside (the display announces it).  Events
 * written before this rule have an empty detail. */
#define Q_ADMIT_AT_ISSUE "at issue"
#define Q_ADMIT_FROM_OUTSIDE "from outside"
/* the detail of the 'issued' event of a remote ticket (state EXPECTED) */
#define Q_ISSUED_REMOTE "remote"
/* the detail of a 'checked_in' event whose ticket joined the end */
#define Q_CHECKIN_LATE_DETAIL "late: joins the end"
/* the detail of the 'issued' event of an appointment's ticket (EXPECTED
 * until its slot), and of its 'checked_in' when the slot came */
#define Q_ISSUED_BOOKING "booking"
#define Q_CHECKIN_SLOT_DETAIL "its slot came"

struct q_event_rec {
	int64_t id;
	int64_t ts_ms;
	enum q_event kind;
	int64_t ticket;                /* 0 when none */
	char label[Q_LABEL_MAX];       /* ticket label or "" */
	char service;                  /* service code or 0 */
	int counter;                   /* 0 when none */
	char actor[Q_ACTOR_MAX];
	char detail[Q_REASON_MAX];     /* kind-specific, e.g. "10->8", reason */
	char hash[Q_HASH_HEX];         /* the audit chain's link, "" before it */
};

struct q_recent {                  /* one line of the display's history */
	char label[Q_LABEL_MAX];
	int counter;                   /* 0 for admissions */
	int64_t ts_ms;
};

struct q_status {
	char day[Q_DAY_MAX];
	char office[Q_NAME_MAX];
	char notice[Q_NOTICE_MAX];
	int limit;                     /* 0 = no limit */
	enum q_policy policy;
	int occupancy;                 /* ADMITTED + CALLED */
	int outside;                   /* OUTSIDE, all services */
	int nservices;
	struct q_service services[Q_MAX_SERVICES];   /* by code */
	int ncounters;
	struct q_counter counters[Q_MAX_COUNTERS];   /* by number */
	int ncalls;
	struct q_recent calls[Q_MAX_RECENT];         /* newest first */
	int nadmitted;                 /* let in from outside, not called yet */
	struct q_recent admitted[Q_MAX_RECENT];      /* newest first */
	int64_t last_event;            /* id of the newest event */
	int clock_wrong;               /* 1: the clock looks wrong (Q_ECLOCK);
	                                  the day shown is the stored one */
};

/* ---- opening ---------------------------------------------------------- */

enum {
	Q_OPEN_CREATE = 1,             /* create the file and schema if missing */
	Q_OPEN_READONLY = 2,           /* read only: db_open_readonly (db.h) */
};

/* Open the database at path.  Without Q_OPEN_CREATE a missing file gives
 * Q_ENODB.  With Q_OPEN_READONLY the handle only reads (status, reports,
 * check, watching): it works for a user who may not write the database or
 * its folder and on a full disk; its writes fail with Q_EREADONLY, and a
 * new business day is not rolled over by it.  On success *out is a handle to free with queue_close().  The
 * actor ("kiosk:lobby", "counter:3", "cli:budi") is written on every event
 * this handle causes; NULL means "unknown".  A write waits 5000 ms for a
 * lock (queue_set_busy_timeout changes it).  Returns Q_OK or Q_E*. */
int queue_open(queue **out, const char *path, int flags, const char *actor);
/* Close the handle.  When the file was replaced meanwhile (see
 * queue_replaced) it closes without the final checkpoint, so SQLite cannot
 * fold or delete the -wal that now belongs to the new file. */
void queue_close(queue *q);
/* 1 when the path no longer names the file this handle opened: deleted,
 * or another file put there (a restored backup, a new `antri init`).
 * Programs that run all day check it now and then and reopen. */
int queue_replaced(queue *q);
/* Call about once a second in a program that runs all day: checks that
 * the database's -wal file is still the one this handle opened (device and
 * inode).  When it was removed or replaced, what the handle holds of it is
 * copied into the database at once, and Q_EWALGONE says so: log it, then
 * queue_close() and reopen.  Q_OK when all is well; Q_EBUSY when the copy
 * must wait for a reader (call again); another Q_E* on error. */
int queue_wal_check(queue *q);
void queue_set_actor(queue *q, const char *actor);
/* How long a write waits for another program's lock before Q_EBUSY
 * (default 5000 ms).  A UI thread may want less. */
void queue_set_busy_timeout(queue *q, int ms);
/* Group commit: many calls of this handle in one transaction, one sync
 * to disk for all of them.  Between queue_batch_begin (which takes the
 * write lock, as a write does) and queue_batch_end, every call works as
 * on its own (a refused or failed one changes nothing and gets its own
 * code; the others keep their work), but nothing is on disk, nor seen by
 * other programs, until queue_batch_end(q, 1) commits; its code is the
 * code of every call of the batch (not Q_OK: none of them happened).
 * queue_batch_end(q, 0) undoes the whole batch.  Q_EINVAL when a batch is
 * already open (begin) or none is (end). */
int queue_batch_begin(queue *q);
int queue_batch_end(queue *q, int commit);
/* Hand back the memory of the handle's page cache (SQLite reads the pages
 * from the file again when it needs them): for a program that runs all
 * day, once a burst of work is over.  Changes nothing else. */
void queue_release_memory(queue *q);
/* SQLite's words for the last database error on this handle, or "". */
const char *queue_errdetail(queue *q);

/* "Now" in ms since the epoch: the system clock, but never before the
 * newest event this handle has seen (see docs/time.md). */
int64_t queue_now_ms(queue *q);
/* The manager vouches for the clock after Q_ECLOCK: the clock as it reads
 * now becomes the reference, recorded as a clock_accepted event, so the
 * next write may start the new business day.  Returns Q_OK or Q_E*. */
int queue_clock_accept(queue *q);

/* Fill an empty database with the demo office of the README: services A, B,
 * C, D and priority P, four counters, limit 10, policy hold. */
int queue_init_demo(queue *q);

/* ---- visitor ---------------------------------------------------------- */

/* Issue a ticket for service code.  On Q_OK *t is the new ticket (state
 * Q_ADMITTED or Q_OUTSIDE, people ahead and est_wait_s filled).  Refusals:
 * Q_ECLOSED, Q_EQUOTA, Q_EFULL (policy refuse and room full); then nothing
 * was written but a 'refused' event. */
int queue_issue(queue *q, char code, struct q_ticket *t);
/* The people ahead of ticket t->id and its estimated wait, now: *t is
 * read again and ahead_outside, ahead_inside, people_ahead, est_wait_s
 * filled (docs/rules.md).  Q_ENOTICKET when there is no such ticket. */
int queue_ticket_wait(queue *q, struct q_ticket *t);

/* ---- remote tickets and check-in (queue_remote.c) -------------------- */

#define Q_CHECKIN_CODE_LEN 6   /* the code typed at the kiosk */
/* what the QR carries: the code, '-', a 16-digit base32 secret (80 bits) */
#define Q_CHECKIN_QR_MAX (Q_CHECKIN_CODE_LEN + 1 + Q_TICKET_TOKEN_LEN + 1)
#define Q_CHECKIN_TRIES 5      /* wrong codes per minute from one source */
#define Q_CHECKIN_LOCK_S 300   /* ... before it is refused for this long */
/* The characters a check-in code is made of (no look-alikes), for a
 * keypad that offers exactly these: Q_CHECKIN_ALPHA_N of them. */
extern const char q_checkin_alphabet[];
#define Q_CHECKIN_ALPHA_N 19

/* The outlet's rules for remote tickets ([remote] in antri.conf). */
struct q_remote_rules {
	int share;        /* % of a service's daily quota that remote tickets
	                   * may take (no cap when the service has no quota) */
	int grace_min;    /* a check-in this long after its turn passed joins
	                   * the end of the line */
	int come_min;     /* "come now" when the wait falls under this */
};
/* The defaults: share 30, grace 15, come 30. */
void q_remote_defaults(struct q_remote_rules *r);
/* The defaults overridden by [remote] share, grace_min and come_min of
 * cfg (config.h; NULL: the defaults). */
struct config;
void q_remote_from_config(const struct config *cfg, struct q_remote_rules *r);

/* Issue a remote ticket of today for service code: a real ticket (number,
 * token) in state Q_EXPECTED, and its check-in code.  code gets the 6
 * characters to type, qr the text of its QR code (code and an 80-bit
 * secret); only hashes of both are stored.  Refusals as queue_issue
 * (Q_ECLOSED, Q_EQUOTA) and Q_ESHARE; a refusal writes a 'refused'
 * event and nothing else. */
int queue_remote_issue(queue *q, char code, const struct q_remote_rules *r,
                       struct q_ticket *t,
                       char checkin_code[Q_CHECKIN_CODE_LEN + 1],
                       char qr[Q_CHECKIN_QR_MAX]);

enum q_checkin_how {
	Q_CHECKIN_IN_PLACE,   /* joined the door at its place (issue time) */
	Q_CHECKIN_LATE,       /* its turn passed > grace_min ago: at the end */
	Q_CHECKIN_SLOT,       /* an appointment: called at its slot, ahead of
	                       * the walk-ins (waits EXPECTED until it came) */
	Q_CHECKIN_SLOT_LATE,  /* after slot + Q_SLOT_LATE_MIN: a walk-in */
};

/* ---- appointments (queue_remote.c) ------------------------------------ */

#define Q_SLOT_EARLY_MIN 30    /* the check-in window opens slot - 30 min */
#define Q_SLOT_LATE_MIN 15     /* ... and closes slot + 15: then no-show */
#define Q_BOOK_NAME_MAX 64
#define Q_BOOK_PHONE_MAX 20

/* A service's slots: length_min 5-240 long, per_slot people each (1-100),
 * bookable up to days_ahead days ahead (0-90), from from_min to to_min
 * (minutes after local midnight; the last slot ends by to_min). */
struct q_slot_rules {
	int length_min, per_slot, days_ahead, from_min, to_min;
};
/* Set or read a service's slots.  Q_ENOSERVICE, Q_EINVAL (out of range,
 * or from_min + length_min > to_min); get: Q_ENOSLOT when it has none. */
int queue_slots_set(queue *q, char code, const struct q_slot_rules *r);
/* The slots of rules r on day ("YYYY-MM-DD") that a booking may still
 * take at now, when the office's business day is today: their starts
 * (ms) in time order, up to max into out; how many.  The same rule
 * queue_book applies (0 for a day out of range, a begun slot left out),
 * for whoever lists the free places, the office's pages or the head
 * office's. */
int q_slots_on_day(const struct q_slot_rules *r, const char *day,
                   const char *today, int64_t now, int64_t *out, int max);
int queue_slots_get(queue *q, char code, struct q_slot_rules *r);
/* The places taken in service code's slots from now on (slots with none
 * are left out), in time order, up to *n; *n gets the count.  With the
 * rules, what a booking page needs to show the free places. */
struct q_slot_taken {
	int64_t slot_ms;
	int n;
};
int queue_slots_taken(queue *q, char code, struct q_slot_taken *out, int *n);
/* Book slot slot_ms of service code (name and phone may be NULL or "";
 * no NIK is ever asked).  On Q_OK the booking's check-in code and QR
 * text, as for a remote ticket (only their hashes are stored).
 * Refusals, nothing written: Q_ENOSLOT (not a slot of the rules, begun
 * already, or beyond days_ahead), Q_ECLOSED, Q_ESLOTFULL, Q_EBOOKED (the
 * phone already booked this service that day), Q_ESHARE (remote and
 * booked tickets would pass [remote] share of the day's quota).
 * Q_EINVAL for a bad name or phone. */
/* Bookings for days from..to (NULL: open ends): all, checked in (on
 * time or late), no-shows.  Reads only. */
int queue_booking_stats(queue *q, const char *from, const char *to,
                        int *booked, int *checked_in, int *no_show);
int queue_book(queue *q, char code, int64_t slot_ms, const char *name,
               const char *phone, const struct q_remote_rules *r,
               char checkin_code[Q_CHECKIN_CODE_LEN + 1],
               char qr[Q_CHECKIN_QR_MAX]);

/* The same two, asked by the head office as its request req (> 0):
 * idempotent by req.  Asked again after the first was issued (the
 * answer was lost with the link), they issue nothing new: the same
 * ticket or booking gets a new check-in code (the first was shown to
 * nobody) and is returned as issued; Q_ECODEUSED if it was checked in
 * meanwhile.  Otherwise as queue_remote_issue and queue_book. */
int queue_request_remote(queue *q, int64_t req, char code,
                         const struct q_remote_rules *r, struct q_ticket *t,
                         char checkin_code[Q_CHECKIN_CODE_LEN + 1],
                         char qr[Q_CHECKIN_QR_MAX]);
int queue_request_book(queue *q, int64_t req, char code, int64_t slot_ms,
                       const char *name, const char *phone,
                       const struct q_remote_rules *r,
                       char checkin_code[Q_CHECKIN_CODE_LEN + 1],
                       char qr[Q_CHECKIN_QR_MAX]);

/* Today's tickets of the head office's requests (its remote tickets,
 * and its bookings once checked in), as their links at the head office
 * show them (antri-sync sends them with the live
 * state): newest first, those finished more than Q_REQUEST_SHOWN_MIN
 * minutes ago left out, up to *n (*n gets the count).  Each with its
 * people ahead and wait (as queue_ticket_wait) and, while EXPECTED, when
 * to come by this office's rules r (queue_remote_come).  After them, in
 * what room is left, today's bookings of its requests that were missed
 * (missed set, no ticket). */
#define Q_REQUEST_SHOWN_MIN 60
struct q_request_ticket {
	int64_t request;            /* the head office's request id */
	struct q_ticket t;          /* zero for a missed booking */
	int missed;                 /* a booking not checked in by its slot +
	                             * Q_SLOT_LATE_MIN: it has no ticket */
	int come_now;               /* EXPECTED: come now */
	int64_t come_by_ms;         /* EXPECTED: else come by, 0 unknown */
};
int queue_request_tickets(queue *q, const struct q_remote_rules *r,
                          struct q_request_ticket *out, int *n);

/* Check in with a typed code (6 characters, case ignored) or the QR's
 * text.  On Q_OK *t is the ticket, now OUTSIDE or ADMITTED by the room's
 * rules, with people ahead and its wait filled, and *how says where it
 * joined.  Refusals (nothing changes but the count of wrong codes):
 * Q_ECODE, Q_ECODEUSED, Q_ECODEDAY, Q_ECODEEXPIRED, Q_ECODELOCKED
 * (Q_CHECKIN_TRIES wrong codes within a minute from this handle's actor:
 * refused for Q_CHECKIN_LOCK_S).  Q_EINVAL when text is not a code. */
int queue_checkin(queue *q, const char *text, const struct q_remote_rules *r,
                  struct q_ticket *t, enum q_checkin_how *how);

/* ---- reminders by SMS and WhatsApp (queue_notify.c) ------------------ */

/* A visitor's phone number is personal data (UU 27/2022): stored only in
 * the phones table (and a booking's own), copied into the outbox rows
 * that need it, never in an event, a log or a public page, and deleted
 * [privacy] keep_days after the visit (queue_privacy_purge). */

/* Attach the phone number reminders go to, and their language ("id" or
 * "en"), to a live ticket (ticket != 0: EXPECTED, OUTSIDE or ADMITTED)
 * or to a booking (booking != 0; not one already a no-show); exactly one
 * of the two.  A second call replaces the number; phone "" removes it.
 * The number: 6-19 digits, an optional leading '+'.  Writes no event.
 * Q_EINVAL (bad number, language, or both or neither id), Q_ENOTICKET
 * (no such ticket or booking), Q_ESTATE (finished ticket, missed
 * booking). */
int queue_phone_set(queue *q, int64_t ticket, int64_t booking,
                    const char *phone, const char *lang);
/* *kept = 1 when ticket's reminders have a number to go to (its own, or
 * its booking's; never one of a booking the head office made, whose
 * reminders the head office sends), else 0.  The number is not given
 * out.  Q_OK, or a database error. */
int queue_phone_kept(queue *q, int64_t ticket, int *kept);
/* 1 when a page may tell the holder of a ticket in state, with a phone
 * kept, that a reminder will come: before its call, and not beside
 * "come now" (come_now: the page says that itself; the reminder of it
 * is on its way), else 0. */
int q_reminder_ahead(enum q_state state, int come_now);
/* 1 when phone is a number queue_phone_set and queue_book take: 6-19
 * digits, an optional leading '+' (queue_remote.c), else 0; to refuse a
 * bad one before anything is written. */
int q_phone_valid(const char *phone);

/* What a reminder says (the sentences: i18n.c's W_N_* rows). */
enum q_msg_kind {
	Q_MSG_BOOKED,   /* the booking is confirmed: its slot */
	Q_MSG_COME,     /* the wait fell under [remote] come_min: come now */
	Q_MSG_AHEAD,    /* Q_MSG_AHEAD_N or fewer people ahead */
	Q_MSG_CALLED,   /* called to counter N */
	Q_MSG_MISSED,   /* not there when called, or a booking not checked in */
	Q_MSG_KIND_COUNT
};
#define Q_MSG_AHEAD_N 3
enum q_msg_state { Q_MSG_PENDING, Q_MSG_SENT, Q_MSG_DEAD, Q_MSG_STATE_COUNT };
/* channels, a mask */
enum { Q_CHAN_SMS = 1, Q_CHAN_WHATSAPP = 2 };

/* One message of the outbox.  p1, p2: its words (a ticket's label, a
 * counter's number, a slot's time), the template's parameters. */
struct q_msg {
	int64_t id, ticket, booking;
	enum q_msg_kind kind;
	int channel;                    /* Q_CHAN_SMS or Q_CHAN_WHATSAPP */
	char lang[3];                   /* "id" or "en" */
	char phone[Q_BOOK_PHONE_MAX + 1];
	char p1[32], p2[32];
	enum q_msg_state state;
	int tries;
	int64_t trigger_ms;             /* when what it says became true */
	int64_t made_ms, next_ms, sent_ms;
	char error[Q_REASON_MAX];       /* the last failure, "" */
};

struct q_notify_rules {
	int come_min;                   /* [remote] come_min */
	int channels;                   /* Q_CHAN_* mask */
	int waits;                      /* 1: this pass also reads the waits
	                                 * ("come now", "3 ahead"); 0: only
	                                 * the events (cheaper, for a pass
	                                 * at every commit) */
};

/* The notifier's one step of following the queue: reads the events after
 * its cursor (*cursor, 0 at start: the stored one) and, when r->waits,
 * the waits of the live tickets with a phone, and puts the messages they call for in the
 * outbox, each (ticket or booking, kind, channel) at most once: booked,
 * booking_no_show, called and no_show events; "come now" for an EXPECTED
 * ticket whose estimated wait fell under come_min; "3 ahead" when
 * Q_MSG_AHEAD_N or fewer are ahead.  It reads in a read transaction and
 * writes (BEGIN IMMEDIATE, the outbox rows and the cursor) only when
 * there is something to write or save is set, so the queue's own writes
 * never wait for it otherwise.  *made gets the messages added. */
int queue_notify_derive(queue *q, const struct q_notify_rules *r,
                        int64_t *cursor, int save, int *made);
/* Pending messages due by now, oldest first; *n in/out. */
int queue_notify_due(queue *q, struct q_msg *out, int *n);
/* The result of a try of message id: sent (ok), or failed with why; a
 * failed one is dead after max_tries tries, or at once when permanent,
 * else tried again backoff_s * 2^(tries - 1) seconds later (at most an
 * hour).  Q_ENOTICKET when there is no such pending message. */
int queue_notify_result(queue *q, int64_t id, int ok, int permanent,
                        const char *why, int max_tries, int backoff_s);
/* The rule of both outboxes (this one and the head office's): after
 * try number tries of a message, sent when ok; dead when permanent or
 * tries >= max_tries; else still pending, *next_ms set to now_ms +
 * backoff_s * 2^(tries - 1) seconds (at most an hour). */
enum q_msg_state q_msg_after_try(int tries, int ok, int permanent,
                                 int max_tries, int backoff_s,
                                 int64_t now_ms, int64_t *next_ms);
/* How many messages in each state; *oldest: the oldest pending's
 * made_ms, 0 when none. */
int queue_notify_counts(queue *q, int counts[Q_MSG_STATE_COUNT],
                        int64_t *oldest);
/* Messages in state st, newest first; *n in/out. */
int queue_notify_list(queue *q, enum q_msg_state st, struct q_msg *out,
                      int *n);
/* Delete the phone numbers of visits (a ticket's or a booking's day)
 * more than keep_days days before today's business day: the phones
 * table's, the bookings', the outbox rows' (a pending one is dead then).
 * *removed: the rows that lost a number. */
int queue_privacy_purge(queue *q, int keep_days, int *removed);
const char *q_msg_kind_name(enum q_msg_kind k);   /* "come" */
const char *q_msg_state_name(enum q_msg_state s); /* "dead" */
const char *q_msg_channel_name(int channel);     /* "sms", "whatsapp" */
/* What a manager may see of a number: its last 4 digits ("...6789"), or
 * "(deleted)" once [privacy] keep_days removed it. */
void q_phone_masked(const char *phone, char *out, size_t len);
/* The visitor cancels the remote ticket of link token (EXPECTED, today)
 * from its page, showing its check-in code (typed, or the QR's text):
 * only the phone that took it has the code, while the link may be seen
 * by others.  On Q_OK it is CANCELLED (a 'cancelled' event, no reason:
 * the actor says who).  Refusals, nothing changed but the count of wrong
 * codes: Q_ENOTICKET (no such ticket today), Q_ECODE (not its code),
 * Q_ESTATE (checked in or over already), Q_ECODELOCKED (as check-in).
 * Q_EINVAL when code is not a code. */
int queue_remote_cancel(queue *q, const char *token, const char *code);

#define Q_COME_ROUND_MIN 5     /* "come by" is rounded down to this */
/* When the visitor of an EXPECTED ticket should come (docs/rules.md,
 * "When to come"): t with its people ahead and wait filled at now_ms (as
 * by queue_ticket_wait).  Returns 1, "come now", when its estimated wait
 * is under r->come_min minutes, or when "come by" would be before now;
 * else 0 and *by_ms, "come by", the
 * estimated time of its turn rounded down to Q_COME_ROUND_MIN minutes
 * (0 when its wait is unknown: no counter of its service is open).  Any
 * other state: 0 and *by_ms 0.  Reads nothing. */
int queue_remote_come(const struct q_ticket *t,
                      const struct q_remote_rules *r, int64_t now_ms,
                      int64_t *by_ms);

/* ---- counter ---------------------------------------------------------- */

/* Finish the counter's current ticket (DONE) and call the next: among
 * ADMITTED tickets of the services this counter serves, open or closed (a
 * closed service takes no new tickets, but those it gave out are served),
 * priority services first, then oldest issue.  On Q_OK *t is the called
 * ticket.  Q_ENOWAIT when nobody is waiting inside (the previous ticket is
 * still finished, so the clerk is free): *t is then that finished ticket
 * (state Q_DONE), or all zero (id 0) when the counter had none.
 * Q_EPAUSED when the counter is not open. */
int queue_call_next(queue *q, int counter, struct q_ticket *t);
/* Announce the current ticket again.  Q_ENOCURRENT when there is none. */
int queue_recall(queue *q, int counter, struct q_ticket *t);
/* Mark the counter's current ticket DONE or NO_SHOW; admits from outside. */
int queue_done(queue *q, int counter, struct q_ticket *t);
int queue_noshow(queue *q, int counter, struct q_ticket *t);
/* Send the current ticket back to ADMITTED under another service (it keeps
 * its number).  Q_ECLOSED if that service is closed, Q_ESAME if it is the
 * ticket's own service. */
int queue_transfer(queue *q, int counter, char to_code, struct q_ticket *t);
/* Cancel a waiting ticket (OUTSIDE or ADMITTED), e.g. the visitor left. */
int queue_cancel(queue *q, const char *label, const char *reason);

/* ---- manager ---------------------------------------------------------- */

int queue_service_add(queue *q, char code, const char *name_id,
                      const char *name_en, int priority);
/* Open or close a service.  Closed: the kiosk refuses its new tickets
 * (Q_ECLOSED), transfers to it are refused; its tickets already issued,
 * outside or inside, keep their place and are called as before. */
int queue_service_set_open(queue *q, char code, int open);
int queue_service_set_quota(queue *q, char code, int quota);
/* New names for a service (name_en NULL or "": the Indonesian one); the
 * same text rules as queue_service_add.  Q_ENOSERVICE, Q_EINVAL. */
int queue_service_rename(queue *q, char code, const char *name_id,
                         const char *name_en);
/* services: codes it serves ("ABP"); each must exist. */
int queue_counter_add(queue *q, int number, const char *services);
int queue_counter_set_services(queue *q, int number, const char *services);
/* Q_EBUSYCOUNTER when closing a counter that still serves a ticket. */
int queue_counter_set_state(queue *q, int number, enum q_cstate st);
/* Set the occupancy limit (0 = none); raising it admits from outside. */
int queue_set_limit(queue *q, int limit);
int queue_set_policy(queue *q, enum q_policy p);
int queue_set_notice(queue *q, const char *text);
int queue_set_office(queue *q, const char *name);
/* Cancel every OUTSIDE, ADMITTED and CALLED ticket with the reason, free
 * the counters.  *cancelled gets the count (may be NULL). */
int queue_close_day(queue *q, const char *reason, int *cancelled);
/* The newest day_sealed event that close-day records: its detail is
 * "DAY event ID hash HEX", the hash of the day's last event before it.
 * Q_ENOTICKET when no day was closed yet. */
int queue_day_seal(queue *q, struct q_event_rec *e);

/* Manager PIN: stored salted and hashed (crypt(3), yescrypt).  check gives
 * Q_OK, Q_EPIN (wrong; counted), Q_EPINLOCKED (5 wrong within the lock
 * window: locked for 60 s) or Q_ENOPIN.  *locked_s, if not NULL, gets the
 * seconds until the pad opens again. */
int queue_pin_set(queue *q, const char *pin);
/* 1 when a manager PIN is set, 0 when not, or Q_E*.  Reads only.  Setting
 * a PIN neither clears the count of wrong tries nor lifts a lock: whoever
 * replaces a PIN without root must first pass queue_pin_check with the
 * current one (the `antri pin set` command does). */
int queue_pin_is_set(queue *q);
int queue_pin_check(queue *q, const char *pin, int *locked_s);

/* The core's one way to keep a secret (the PIN's and the accounts'
 * crypt(3) yescrypt hash), for a program that stores accounts elsewhere
 * (antri-central's head-office staff): hash into out (Q_OK), and 1 when
 * secret matches a stored hash, in constant time. */
int queue_secret_hash(const char *secret, char *out, size_t len);
int queue_secret_matches(const char *secret, const char *stored);

/* ---- staff accounts and sessions (queue_user.c) ---------------------- */

#define Q_USER_MAX  32     /* account name: 1-31 of a-z 0-9 . _ - */
#define Q_PASS_MIN  8      /* password length, bytes */
#define Q_PASS_MAX  128
#define Q_TOKEN_MAX 65     /* session token: 64 hex digits (256 bits) */
#define Q_USER_TRIES 5     /* wrong passwords before a guesser waits */

enum q_role { Q_ROLE_CLERK, Q_ROLE_MANAGER };

struct q_user {
	char name[Q_USER_MAX];
	enum q_role role;
	int enabled;
	int fails;                     /* wrong passwords since the last good */
	int64_t locked_until_ms;       /* 0 = not locked */
	int64_t created_ms;
};

/* Add an account; the password is hashed like the PIN (yescrypt).
 * Q_EINVAL for a bad name or a password outside Q_PASS_MIN..Q_PASS_MAX,
 * Q_EEXIST when the name is taken.  Each change is an event. */
int queue_user_add(queue *q, const char *name, enum q_role role,
                   const char *password);
/* New password (also unlocks); Q_ENOUSER, Q_EINVAL. */
int queue_user_passwd(queue *q, const char *name, const char *password);
/* Enable or disable (disabling ends the account's sessions); unlocks. */
int queue_user_set_enabled(queue *q, const char *name, int enabled);
/* All accounts by name; *n in: capacity, out: count. */
int queue_user_list(queue *q, struct q_user *out, int *n);
int queue_user_get(queue *q, const char *name, struct q_user *u);
/* Log-in check.  Q_OK with *u filled (the account's count of wrong
 * passwords back to 0); Q_ELOGIN for an unknown name, a wrong password or
 * a disabled account alike, after the same yescrypt work: a
 * 'login_failed' event is written with the handle's actor and the
 * account's name, or "(unknown)" when no account has that name (what was
 * typed is never stored), and an account's count goes up.  No account is
 * ever locked here: limiting the guessers is the caller's (antri-serve
 * limits addresses).  The hash runs outside any transaction. */
int queue_user_check(queue *q, const char *name, const char *password,
                     struct q_user *u);

/* Start a session for an account: token gets a fresh random token (hex);
 * only its SHA-256 is stored. */
int queue_session_new(queue *q, const char *name, char token[Q_TOKEN_MAX]);
/* The account of a live session.  Q_ENOSESSION when the token is unknown,
 * idle longer than idle_s, older than max_s (both delete it) or its
 * account is disabled.  Marks the session used (written at most every
 * min(60 s, idle_s / 4), so reads stay reads). */
int queue_session_check(queue *q, const char *token, int idle_s, int max_s,
                        struct q_user *u);
/* The same answer as queue_session_check, writing nothing (neither the
 * session's last use nor the removal of expired ones): for an open event
 * stream asking again whether its session still holds. */
int queue_session_live(queue *q, const char *token, int idle_s, int max_s,
                       struct q_user *u);
/* End a session (log-out); Q_OK even when it did not exist. */
int queue_session_end(queue *q, const char *token);

const char *q_role_name(enum q_role r);     /* "clerk" */
int q_role_parse(const char *s);            /* -1 if unknown */

/* ---- printing bookkeeping -------------------------------------------- */

/* Record a ticket's print state (pending, printed, failed with reason). */
int queue_print_state(queue *q, int64_t ticket, enum q_print st,
                      const char *reason);

/* ---- reading ---------------------------------------------------------- */

/* Everything a screen shows, for the current business day.  Cheap: a
 * handful of indexed queries.  Returns Q_OK or Q_E*. */
int queue_status(queue *q, struct q_status *st);
/* A ticket by label ("A007", today's) or by "#id"; Q_ENOTICKET. */
int queue_ticket_find(queue *q, const char *label, struct q_ticket *t);
int queue_ticket_get(queue *q, int64_t id, struct q_ticket *t);
/* Today's ticket by its token (the visitor's link).  Q_ENOTICKET when no
 * ticket of the current business day has it: unknown, or issued on an
 * earlier day (the link stops working when the day ends); Q_EINVAL when
 * the token is not Q_TICKET_TOKEN_LEN characters of a-z and 2-7.
 * queue_token.c. */
int queue_ticket_by_token(queue *q, const char *token, struct q_ticket *t);
/* The reason a ticket of today was cancelled (the detail of its
 * 'cancelled' event) into buf; "" when it was not cancelled today. */
int queue_ticket_cancel_reason(queue *q, const struct q_ticket *t,
                               char *buf, size_t len);
/* Last ticket issued by an actor today (for "reprint the last ticket"). */
int queue_ticket_last_by(queue *q, const char *actor, struct q_ticket *t);
/* Today's tickets whose print failed, oldest first; *n in/out. */
int queue_tickets_print_failed(queue *q, struct q_ticket *out, int *n);
/* Last tickets finished by a counter today, newest first; *n in/out. */
int queue_counter_history(queue *q, int counter, struct q_ticket *out, int *n);
/* Events with id > after, oldest first, at most *n; *n gets the count. */
int queue_events_since(queue *q, int64_t after, struct q_event_rec *out,
                       int *n);
/* 1 if another connection committed since the last call (PRAGMA
 * data_version on this handle's connection), 0 if not, or Q_E*. */
int queue_changed(queue *q);

/* Every ticket issued on days from..to (inclusive, "YYYY-MM-DD"; NULL for
 * open ends), by day, service and number, passed to cb; a non-zero return from cb stops
 * the walk and is returned.  Used by reports. */
int queue_tickets_foreach(queue *q, const char *from, const char *to,
                          int (*cb)(const struct q_ticket *, void *),
                          void *ctx);
/* Highest occupancy reached on a day in from..to; *day gets that day. */
int queue_peak_occupancy(queue *q, const char *from, const char *to,
                         int *peak, char day[Q_DAY_MAX]);

/* ---- checking --------------------------------------------------------- */

/* Verify the database: PRAGMA integrity_check, then the invariants rebuilt
 * from the tables and the events alone: no duplicate or missing number in
 * any service's day, occupancy never above the limit at an admission, every
 * ticket's transitions legal and its final state matching its row.  On a
 * violation returns Q_ECORRUPT and writes the first one to msg. */
int queue_check(queue *q, char *msg, size_t msglen);

/* ---- backups (queue_backup.c) ----------------------------------------- */

/* Write a copy of the database to file: the database as of one commit,
 * taken while every other program keeps working (SQLite's online backup
 * API).  It is written beside file and renamed into place, so file is
 * always the previous or the complete new backup.  Q_EINVAL when file is
 * a folder or the database itself. */
int queue_backup(queue *q, const char *file);

struct q_restore {
	char saved[1200];   /* where the previous database was kept, or "" */
	long holder;        /* on Q_EBUSY: pid of a process holding it, or 0 */
	char msg[512];      /* on Q_ECORRUPT: the check's first complaint */
};

/* Replace the database at path (no handle of this process may have it
 * open) by the backup in file.  The backup is copied beside path and the
 * copy checked first: Q_ENODB (no file), Q_ENOTDB (not an antri
 * database), Q_ENEWER, Q_ECORRUPT (integrity or a rule of queue_check,
 * r->msg says which).  Then Q_EBUSY, changing nothing, while any other
 * process has the database open (r->holder).  On Q_OK the old database
 * and its -wal were kept as r->saved ("PATH.before-restore-TIME"), and
 * the restored file has the old one's owner, group and mode.  When path
 * did not exist, the backup is simply put there. */
int queue_restore(const char *path, const char *file, struct q_restore *r);

/* ---- names (names.c) ------------------------------------------------- */

const char *queue_strerror(int err);        /* English sentence */
enum q_errclass queue_err_class(int err);
const char *q_state_name(enum q_state s);   /* "ADMITTED" */
const char *q_event_name(enum q_event e);   /* "admitted" */
const char *q_policy_name(enum q_policy p); /* "hold" */
const char *q_cstate_name(enum q_cstate s); /* "open" */
const char *q_print_name(enum q_print p);   /* "printed" */
int q_state_parse(const char *s);           /* -1 if unknown; likewise: */
int q_event_parse(const char *s);
int q_policy_parse(const char *s);
int q_print_parse(const char *s);
int q_cstate_parse(const char *s);
/* Parse a ticket's name: "A007" (code and number 1-99999, today's) or
 * "#123" (the ticket's id), digits only: no sign, no space.  Q_OK or
 * Q_EINVAL; *code 0 for an id, *id 0 for a label. */
int q_label_parse(const char *s, char *code, int *seq, int64_t *id);
/* Local business day of a time in ms, "YYYY-MM-DD". */
void q_day_of(int64_t ms, char day[Q_DAY_MAX]);
/* A slot's time as typed, "YYYY-MM-DD HH:MM" or "YYYY-MM-DDTHH:MM" (local
 * time), in ms; -1 when it is not such a time.  q_slot_text writes one
 * back ("YYYY-MM-DD HH:MM", 17 bytes). */
#define Q_SLOT_TEXT_MAX 17
int64_t q_slot_parse(const char *s);
void q_slot_text(int64_t ms, char out[Q_SLOT_TEXT_MAX]);
/* "HH:MM" as minutes after midnight (24:00 allowed), -1 if not. */
int q_hhmm_parse(const char *s);

#endif
