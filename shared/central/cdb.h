/* cdb.h - the head office's PostgreSQL database: the only module that
 * speaks its SQL (cdb_sql.c holds every text: the migrations and the
 * statements), shared by antri-sync on the outlets and antri-central at
 * the head office.  Start with docs/central.md.
 *
 * The outlets are the authority over their queues; the central keeps a
 * verified copy of their events (office, id, every column, the chain
 * hash), one live-state document per outlet, the flags raised when an
 * outlet's history changed after it was shipped, and the outlets'
 * tickets rebuilt from the events at ingest, which the reports read
 * (cdb_report.c).  Each outlet connects as
 * a role of its own that may insert and read only its own rows
 * (row-level security).
 *
 * Every call answers within the handle's timeout: a central that stops
 * answering (a stalled link) is a lost connection, never a hang.
 * Functions return CDB_OK or a negative CDB_E*; cdb_error() says why.
 */
#ifndef ANTRI_CDB_H
#define ANTRI_CDB_H

#include <stddef.h>
#include <stdint.h>

#include "queue.h"

enum cdb_err {
	CDB_OK = 0,
	CDB_EDOWN = -1,     /* unreachable, connection lost, no answer in time */
	CDB_ESQL = -2,      /* the central refused the statement */
	CDB_EINVAL = -3,    /* bad argument (office id, name) */
	CDB_EEXIST = -4,    /* the office is registered already */
	CDB_ENOOFFICE = -5, /* no such office, or not this role's */
	CDB_ESCHEMA = -6,   /* schema missing or newer than this program */
	CDB_ENOTFOUND = -7, /* no such account or session */
};

#define CDB_SCHEMA_VERSION 13
#define CDB_BATCH 500           /* events per INSERT */

typedef struct cdb cdb;

/* Connect with a libpq connection string (keywords or a URI), waiting at
 * most timeout_s for the whole of it.  On failure *out is NULL, the
 * reason is in err and CDB_EDOWN is returned. */
/* Removes every PG* variable from the environment (libpq reads PGHOST,
 * PGPASSWORD, PGSERVICEFILE... from it): only the config says where the
 * events go.  Call it at start, before any thread. */
void cdb_clear_env(void);

int cdb_connect(cdb **out, const char *conninfo, int timeout_s, char *err,
                size_t errlen);
void cdb_close(cdb *c);
/* The reason of the last failure on c. */
const char *cdb_error(const cdb *c);
/* 1 while the connection is usable. */
int cdb_alive(const cdb *c);

/* ---- the head office (antri-central) ------------------------------- */

/* Create the schema or bring it to CDB_SCHEMA_VERSION; *from gets the
 * version found (0: none).  Idempotent; concurrent runs wait for each
 * other. */
int cdb_init(cdb *c, int *from);
/* Register an outlet and create its role (role gets "antri_" + id).
 * password NULL: none (a client certificate, or set later); else the
 * password, sent to the server only as its SCRAM verifier. */
int cdb_office_add(cdb *c, const char *id, const char *name,
                   const char *area, const char *password, char *role,
                   size_t rolelen);
/* The registered offices' ids, in order, to cb (non-zero stops). */
int cdb_offices(cdb *c, int (*cb)(const char *id, void *ctx), void *ctx);
/* The head office has looked into an outlet's flags: clear them (the
 * outlet's antri-sync then ships again, or raises a new flag if its
 * history still differs).  *n gets the count cleared. */
int cdb_flags_clear(cdb *c, const char *office, int *n);
/* Every event the central holds for office, in id order, to cb
 * (non-zero return stops the walk and is returned). */
int cdb_events_walk(cdb *c, const char *office,
                    int (*cb)(const struct q_event_rec *e, void *ctx),
                    void *ctx);

/* ---- the head office's reports (cdb_report.c) ---------------------- */

struct report;
/* Fill r (report.h) with the figures `antri report --from from --to to`
 * prints (from, to: "YYYY-MM-DD", NULL for an open end), over the
 * tickets the central rebuilt from the events of one office (office not
 * NULL), of the offices of one area (area not NULL) or of all.  An
 * office's figures equal its own report's for the same days; over
 * several offices the lines add up their tickets (a day counts once),
 * and the peak occupancy is the highest of any one office.  The
 * appointments' figures stay 0 (the central does not hold the
 * bookings).  CDB_EINVAL for a malformed day.
 * Of all offices, a closed day whose rollup (cdb_rollup) still holds is
 * read from it, summed per part of the report, and every other day from
 * its tickets: the same figures, fewer rows. */
int cdb_report(cdb *c, const char *from, const char *to, const char *office,
               const char *area, struct report *r);
/* The same; tickets_only: from the tickets alone, never a rollup (to
 * check the rollups against). */
int cdb_report_how(cdb *c, const char *from, const char *to,
                   const char *office, const char *area, int tickets_only,
                   struct report *r);
/* Make again the rollup of each closed day from from to to (NULL: open
 * ends) whose rollup is missing, no longer holds (its tickets changed
 * since: a late event) or counts its hours from another local midnight
 * than this process's: a day's tickets of all offices summed per part
 * of the report, in one snapshot.  A closed day is a day before today
 * with tickets on which no office is still working.  Each closed day
 * goes to cb (made 1: made now, 0: it held; non-zero stops).  CDB_OK,
 * CDB_EINVAL for a malformed day, or the failure of the first day that
 * could not be made (the days before it are kept). */
int cdb_rollup(cdb *c, const char *from, const char *to,
               int (*cb)(const char *day, int made, void *ctx), void *ctx);
/* The groups of a report by office (by_area 0: each office's id and
 * name) or by area (the area's name twice), within the same selection,
 * in order, to cb (non-zero stops and is returned). */
int cdb_report_groups(cdb *c, const char *office, const char *area,
                      int by_area,
                      int (*cb)(const char *key, const char *name, void *ctx),
                      void *ctx);
/* The office's name and its services' names (st->office, st->services'
 * code and name_id, the rest zero) for the CSV's titles; CDB_ENOOFFICE
 * when there is no such office. */
int cdb_report_names(cdb *c, const char *office, struct q_status *st);
/* ---- the head office's web server (antri-central) ----------------- */

/* One outlet as the server reads it: the registry's row and its live
 * state document (sync_live.c's JSON text, NULL when it never sent one).
 * The ages are the database's clock, so several servers agree. */
struct cdb_outlet {
	const char *id, *name, *area;
	const char *state;          /* JSON text or NULL */
	int seen_age_s;             /* since its last state or heartbeat;
	                             * -1 never */
	int64_t seen_ms;            /* that moment, Unix ms; 0 never */
};

/* Every registered outlet in id order (only: that one; NULL all) to cb;
 * the strings live until cb returns.  Non-zero from cb stops. */
int cdb_outlets(cdb *c, const char *only,
                int (*cb)(const struct cdb_outlet *o, void *ctx), void *ctx);
/* LISTEN antri_live on this connection: then cdb_socket() turns readable
 * when an outlet's live state changes, and cdb_notified() hands over the
 * offices named. */
int cdb_listen(cdb *c);
/* The connection's socket for poll(); -1 when not connected. */
int cdb_socket(const cdb *c);
/* Read what the socket holds (PQconsumeInput) and give each arrived
 * notification's payload (an office id) to cb; the count, or CDB_EDOWN
 * when the connection is gone. */
int cdb_notified(cdb *c, void (*cb)(const char *payload, void *ctx),
                 void *ctx);

/* Staff accounts of the head office (not the outlets' staff): name,
 * role ("viewer", "admin"), the password's crypt(3) hash. */
int cdb_user_add(cdb *c, const char *name, const char *role,
                 const char *hash);
/* An account's role and hash; CDB_ENOTFOUND when none or disabled. */
int cdb_user_get(cdb *c, const char *name, char *role, size_t rolelen,
                 char *hash, size_t hashlen);
/* Sessions: the central stores only the token's SHA-256.  New: the
 * account's session for token; sessions older than max_s go. */
int cdb_session_new(cdb *c, const char *token, const char *name, int max_s);
/* The account of a session used within idle_s and begun within max_s
 * (and marks it used); CDB_ENOTFOUND when none. */
int cdb_session_check(cdb *c, const char *token, int idle_s, int max_s,
                      char *name, size_t namelen, char *role,
                      size_t rolelen);
int cdb_session_end(cdb *c, const char *token);
/* Log-in limits, shared by every server on the database: *fails gets an
 * address's wrong passwords within window_s, *wait_s the seconds until
 * the oldest of them leaves the window. */
int cdb_login_fails(cdb *c, const char *addr, int window_s, int *fails,
                    int *wait_s);
/* Count a wrong password of addr (name as typed is not kept). */
int cdb_login_failed(cdb *c, const char *addr);
/* A citizen's request to an outlet from addr, counted by every server on
 * the database: counted when fewer than limit came within window_s
 * (*wait_s 0), else not, and *wait_s gets the seconds until the oldest
 * leaves the window. */
int cdb_citizen_ask(cdb *c, const char *addr, int window_s, int limit,
                    int *wait_s);
/* One line of the head office's log: who did what. */
int cdb_log(cdb *c, const char *actor, const char *action,
            const char *detail);

/* ---- an outlet (antri-sync) ---------------------------------------- */

struct cdb_tip {
	int64_t max_id;             /* newest event held, 0 none */
	char hash[Q_HASH_HEX];      /* its hash */
	int64_t count;              /* events held */
	int flags;                  /* flags not cleared */
	char flag[512];             /* the oldest of them, "" when none */
	int64_t flag_event;         /* the event it is about, 0 none */
	char seen[40];              /* last live state or heartbeat, "" never */
};

/* Where the central stands for office: CDB_ENOOFFICE when the office is
 * not registered or this role may not see it. */
int cdb_tip(cdb *c, const char *office, struct cdb_tip *t);
/* The hash the central holds for (office, id) into hash; *found 0 when it
 * holds no such event. */
int cdb_hash_at(cdb *c, const char *office, int64_t id,
                char hash[Q_HASH_HEX], int *found);
/* Raise a flag: kind ("history", "rewound", "broken"), the event it is
 * about (0 none), both hashes ("" unknown) and a sentence. */
int cdb_flag(cdb *c, const char *office, const char *kind, int64_t event,
             const char *central_hash, const char *outlet_hash,
             const char *detail);
/* Ship n events (n <= CDB_BATCH) in one statement: INSERT ... ON
 * CONFLICT DO NOTHING, so shipping twice stores each once.  An event the
 * central already holds with a different hash is not stored, the central
 * flags it itself, and *conflict gets its id (else 0).  *stored gets the
 * count of new rows; when any, NOTIFY antri_events 'office:newest id
 * stored' follows in a transaction of its own (cdb_sql.c CS_ANNOUNCE
 * says why). */
int cdb_events_put(cdb *c, const char *office, const struct q_event_rec *e,
                   int n, int *stored, int64_t *conflict);
/* The same, and the outlet's live state (JSON text, as cdb_live_put)
 * stored by the same statement: one commit for both, where two took
 * twice the central's commits (live may be NULL: the events alone). */
int cdb_events_live_put(cdb *c, const char *office,
                        const struct q_event_rec *e, int n, const char *live,
                        int *stored, int64_t *conflict);
/* The outlet's live state document (JSON text); then NOTIFY antri_live
 * 'office' (as above).  The heartbeat: cdb_beat, seen_at only. */
int cdb_live_put(cdb *c, const char *office, const char *json);
int cdb_beat(cdb *c, const char *office);


/* ---- requests: the head office asks an outlet (cdb_request.c) ------- */

/* How long a caller waits for an outlet's answer by default (ms): an
 * outlet's antri-sync answers in milliseconds while it runs. */
#define CDB_REQUEST_WAIT_MS 4000
/* ... and once the outlet took it: it lost its link or died between the
 * take and the answer if it has not answered by then */
#define CDB_REQUEST_TAKEN_MS 10000

/* What the outlet answered.  error: Q_OK, the outlet's refusal (a Q_E*
 * code of queue.h: Q_ESLOTFULL, Q_ECLOSED, ...; i18n_error says it) or
 * Q_EOFFLINE (nobody took the request in time: withdrawn, never issued
 * later).  code is the check-in code, qr its QR text: shown once to the
 * citizen, kept by nobody (the outlet stores their hashes). */
struct cdb_answer {
	int64_t id;                 /* the request's id */
	int error;
	char number[16];            /* the ticket's number (remote) */
	char code[16];
	char qr[48];
	char slot[24];              /* the booked slot, "YYYY-MM-DD HH:MM" */
	int people_ahead;           /* remote: ahead of it now */
	int est_wait_s;             /* remote: its estimated wait, -1 unknown */
	int come_min;               /* remote: the outlet's [remote] come_min,
	                             * 0 unknown (an older antri-sync) */
};

/* Ask office for a remote ticket of its today for service (an upper-case
 * letter), a booking of slot ("YYYY-MM-DD HH:MM", the outlet's local time;
 * name and phone may be NULL: no NIK, a phone only for reminders), or to
 * set service's slots (rules "LENGTH PER_SLOT DAYS HH:MM HH:MM").  Waits
 * at most wait_ms (<= 0: CDB_REQUEST_WAIT_MS) for the outlet to take the
 * request, then withdraws it; a request the outlet took is waited for
 * until it answers (at most CDB_REQUEST_TAKEN_MS more: past that the
 * outlet lost its link between the take and the answer; it answers when
 * it is back, and this caller hears Q_EOFFLINE).  CDB_OK with *a
 * filled (a->error says how it went); CDB_ENOOFFICE for an office that
 * is not registered;
 * CDB_EINVAL for a bad service, slot, name or phone; CDB_EDOWN.
 * Callable from any thread with a handle of its own; the handle LISTENs
 * only while it waits. */
/* phone and lang (NULL: none, "id"): a remote ticket's reminders ("come
 * now", "3 ahead", "called", "missed"), sent from the head office's
 * outbox; the outlet is not sent that phone.  view (NULL or "": none): a
 * remote ticket's link's token, whose SHA-256 is kept with the request
 * for cdb_request_view. */
int cdb_request_remote(cdb *c, const char *office, char service,
                       const char *phone, const char *lang,
                       const char *view, int wait_ms,
                       struct cdb_answer *a);
/* lang: the language of the booking's reminders, "id" or "en" (NULL:
 * "id"); view as for cdb_request_remote. */
int cdb_request_booking(cdb *c, const char *office, char service,
                        const char *slot, const char *name,
                        const char *phone, const char *lang,
                        const char *view, int wait_ms,
                        struct cdb_answer *a);
int cdb_request_slots(cdb *c, const char *office, char service,
                      const char *rules, int wait_ms, struct cdb_answer *a);

/* A remote ticket or a booking by its link's token: the request and
 * what the outlet answered, and its ticket's entry in the outlet's live
 * state now (sync_live.c's "remote": JSON text to free, NULL when the
 * outlet does not list it: a booking not checked in, finished long ago,
 * another day, or an older antri-sync).  CDB_ENOTFOUND for a token of
 * no answered request. */
struct cdb_view {
	int64_t request;
	char office[64];
	char service;
	char number[16];            /* a remote ticket's */
	char slot[24];              /* a booking's, "YYYY-MM-DD HH:MM" */
	char day[16];               /* the day it is for, "" unknown */
	char live_day[16];          /* the outlet's day in its live state */
	char *live;
	int reminded;               /* a phone kept for its reminders */
};
int cdb_request_view(cdb *c, const char *token, struct cdb_view *v);

/* The outlet's side.  cdb_requests_listen: be woken by requests for
 * office (call once per connection); cdb_socket (above): the descriptor
 * to poll for them; cdb_woken: read what came without waiting, 1 when a request was
 * asked, 0 when not, -1 when the connection broke (the next statement
 * says why). */
int cdb_requests_listen(cdb *c, const char *office);
int cdb_woken(cdb *c);

struct cdb_req {
	int64_t id;
	char kind[8];               /* "remote", "booking", "slots" */
	char service;
	char slot[64];
	char name[72];
	char phone[24];
};
/* Take up to max requests asked of office (and ones taken by a session
 * of this office that is gone) into r; *n gets the count.  Taken, a
 * request is this session's to answer: the caller no longer withdraws
 * it. */
int cdb_requests_take(cdb *c, const char *office, struct cdb_req *r,
                      int max, int *n);
/* Answer request id taken by this session: done (ok 1) or refused, with
 * the answer's JSON (an object).  The request's name and phone are
 * blanked centrally.  CDB_ENOOFFICE when it is not this session's to
 * answer. */
int cdb_request_answer(cdb *c, int64_t id, int ok, const char *json);
/* The n answers of requests r (taken by this session) in one commit:
 * ok[i] done or refused, json[i] the answer.  One that is not this
 * session's to answer is skipped. */
int cdb_answers(cdb *c, const struct cdb_req *r, int n, const int *ok,
                const char *const *json);

/* ---- the head office's outbox: reminders of its bookings (cdb_notify.c,
 * docs/notify.md "The head office's outbox") ---------------------------- */

/* A message of the head office's outbox: m's booking is the outlet's
 * booking id (the request's id until the outlet's "booked" event came),
 * its ticket the request's id; office the outlet. */
struct cdb_msg {
	struct q_msg m;
	char office[48];
};

/* The channels new messages are made for (Q_CHAN_* mask), as the
 * notifier's [notify] channel says, and the core's Q_MSG_AHEAD_N for
 * the "ahead" reminders made from the outlets' live state. */
int cdb_notify_channels(cdb *c, int channels);
/* Pending messages due by now_ms, oldest first; *n in/out. */
int cdb_notify_due(cdb *c, int64_t now_ms, struct cdb_msg *out, int *n);
/* The result of a try of m (as cdb_notify_due gave it): the same rule as
 * the office's outbox (q_msg_after_try).  CDB_ENOTFOUND when it is no
 * longer pending. */
int cdb_notify_result(cdb *c, const struct q_msg *m, int ok, int permanent,
                      const char *why, int max_tries, int backoff_s,
                      int64_t now_ms);
/* How many in each state; *oldest: the oldest pending's made_ms, 0. */
int cdb_notify_counts(cdb *c, int counts[Q_MSG_STATE_COUNT],
                      int64_t *oldest);
/* Messages in state st, newest first; *n in/out. */
int cdb_notify_list(cdb *c, enum q_msg_state st, struct cdb_msg *out,
                    int *n);
/* Delete the numbers of visits before day ("YYYY-MM-DD"): the
 * reminders' and the outbox's (a pending message is dead then);
 * *removed: the rows that lost one. */
int cdb_notify_purge(cdb *c, const char *day, int *removed);

#endif
