/* db.h - the only module that speaks SQL.
 *
 * Row-level access to the antri database for the queue module (queue*.c)
 * and the tests.  Nothing here knows the rules; queue*.c decide, the
 * db*.c files store (db.c says in which order to read them).  Every
 * function returns Q_OK or a negative Q_E* code from queue.h (SQLite errors are mapped: BUSY/LOCKED ->
 * Q_EBUSY, READONLY/CANTOPEN -> Q_EREADONLY, FULL -> Q_EDISKFULL, NOTADB ->
 * Q_ENOTDB); functions that find nothing return Q_ENOTICKET, Q_ENOSERVICE or
 * Q_ENOCOUNTER.  Writes must happen between db_begin() and db_end().
 */
#ifndef ANTRI_DB_H
#define ANTRI_DB_H

#include "queue.h"

typedef struct db db;

/* Open (and with create, make) the database; apply settings (WAL,
 * synchronous=FULL, busy_timeout, foreign_keys) and migrate the schema.
 * fast: synchronous=OFF, for generating benchmark data only. */
int db_open(db **out, const char *path, int create, int fast);
/* Open an existing database for reading only (Q_ENODB when missing):
 * no WAL switch, no migration, no checkpoint; any write fails with
 * Q_EREADONLY.  Works for a user who may read the file but not write it
 * or its folder, and on a full disk: when the -shm cannot be made and the
 * -wal is empty or absent, the file is read as immutable. */
int db_open_readonly(db **out, const char *path);
/* stale: the file was replaced under us; close without the checkpoint
 * that would touch the -wal by name. */
void db_close(db *d, int stale);


/* Transactions.  db_begin is BEGIN IMMEDIATE, retried on BUSY for up to
 * the busy timeout; db_read_begin is a deferred BEGIN for a consistent
 * snapshot.  db_end commits or, when rc != Q_OK, rolls back; it returns rc,
 * or the commit's error. */
int db_begin(db *d);
int db_read_begin(db *d);
int db_end(db *d, int rc);
/* A batch: one BEGIN IMMEDIATE around many units of work.  Inside it,
 * db_begin and db_read_begin open a SAVEPOINT and db_end releases it, or
 * rolls back to it when rc != Q_OK: a refused unit leaves no trace and
 * the others stay.  db_batch_end commits (commit != 0) or rolls back
 * everything; it returns the COMMIT's code, or the error that lost the
 * whole transaction (SQLite rolls back on some I/O errors), or Q_OK. */
int db_batch_begin(db *d);
int db_batch_end(db *d, int commit);

void db_busy_timeout(db *d, int ms);
/* Free the page cache's pages that no open statement holds. */
void db_release_memory(db *d);
/* SQLite's message for the last error on this connection. */
const char *db_errmsg(db *d);

/* 1 when another connection committed since the last call, else 0. */
int db_changed(db *d);

/* settings: a small key/value table */
int db_setting_get(db *d, const char *key, char *buf, size_t len);
int db_setting_get_int(db *d, const char *key, int64_t *v);
int db_setting_set(db *d, const char *key, const char *value);
int db_setting_set_int(db *d, const char *key, int64_t v);

/* services */
int db_service_insert(db *d, const struct q_service *s);
int db_service_get(db *d, char code, struct q_service *s);
int db_service_update(db *d, const struct q_service *s);
/* all services by code; *n in: capacity, out: count */
int db_services(db *d, struct q_service *out, int *n);

/* counters; current ticket id 0 = none */
int db_counter_insert(db *d, int number, enum q_cstate st);
int db_counter_get(db *d, int number, enum q_cstate *st, int64_t *current);
int db_counter_set(db *d, int number, enum q_cstate st, int64_t current);
int db_counter_services_set(db *d, int number, const char *codes);
int db_counter_services(db *d, int number, char *codes, size_t len);
/* all counters by number, with services and current ticket id */
int db_counters(db *d, struct q_counter *out, int64_t *current, int *n);
/* open counters serving a service */
int db_service_open_counters(db *d, char code, int *n);
/* open counters that serve at least one service */
int db_open_counters(db *d, int *n);
/* free every counter of its current ticket */
int db_counters_clear(db *d);

/* tickets */
int db_ticket_next_seq(db *d, const char *day, char issue_code, int *seq);
int db_ticket_insert(db *d, struct q_ticket *t);          /* sets t->id */
int db_ticket_get(db *d, int64_t id, struct q_ticket *t);
int db_ticket_by_label(db *d, const char *day, char issue_code, int seq,
                       struct q_ticket *t);
/* a ticket of a day by its token; Q_ENOTICKET when none */
int db_ticket_by_token(db *d, const char *day, const char *token,
                       struct q_ticket *t);
int db_ticket_update(db *d, const struct q_ticket *t);   /* all mutable */
int db_ticket_last_by(db *d, const char *kiosk, const char *day,
                      struct q_ticket *t);
/* count of tickets in state st (-1: ADMITTED + CALLED), any service
 * when code is 0 */
int db_count_state(db *d, int st, char code, int *n);
int db_count_issued(db *d, const char *day, char code, int *n);
/* id of the OUTSIDE ticket to admit next, 0 when none: tickets of
 * priority services first, then by issue time */
int db_next_outside(db *d, int64_t *id);
/* count of tickets in state st (of service code, any when 0) that come
 * before a ticket of a service with this priority, issued at issued_ms
 * with this id, in that order (priority first, then issue time, id);
 * INT64_MAX for both counts everyone of its class */
int db_count_ahead(db *d, enum q_state st, char code, int priority,
                   int64_t issued_ms, int64_t id, int *n);
/* id of the ticket a counter should call next, 0 when none */
int db_next_for_counter(db *d, int counter, int64_t *id);
/* ids of live tickets (OUTSIDE/ADMITTED/CALLED) issued before day (NULL:
 * all); *n in/out.  Returns Q_OK even if more exist: call again. */
int db_live_tickets(db *d, const char *before_day, int64_t *ids, int *n);
/* mean of finished-called over the service's last n DONE tickets; 0 none */
int db_mean_service_ms(db *d, char code, int n, int64_t *mean);
/* tickets with a print state on a day, oldest first; *n in/out */
int db_tickets_print_state(db *d, const char *day, enum q_print ps,
                           struct q_ticket *out, int *n);
/* tickets a counter finished on a day, newest first; *n in/out */
int db_counter_history(db *d, int counter, const char *day,
                       struct q_ticket *out, int *n);
int db_tickets_foreach(db *d, const char *from, const char *to,
                       int (*cb)(const struct q_ticket *, void *), void *ctx);

/* events (db_chain.c): append sets e->id and e->hash, chained over the
 * newest event's hash (DB_CHAIN_GENESIS before the first) */
#define DB_CHAIN_GENESIS \
	"0000000000000000000000000000000000000000000000000000000000000000"
int db_event_append(db *d, struct q_event_rec *e);
/* SHA-256 of the event's canonical encoding with prev ("" = genesis),
 * as 64 hex digits.  Pure: queue_check.c recomputes the chain with it. */
int db_event_hash(const struct q_event_rec *e, const char *prev,
                  char out[Q_HASH_HEX]);
/* The canonical encoding itself (for the docs and the tests). */
void db_event_encode(const struct q_event_rec *e, const char *prev,
                     char *buf, size_t cap, size_t *len);
/* id and hash of the newest event (0 and "" when none) */
int db_event_tip(db *d, int64_t *id, char hash[Q_HASH_HEX]);
/* migration step: the anchor event the chain starts from */
int db_chain_start(db *d);
int db_events_since(db *d, int64_t after, struct q_event_rec *out, int *n);
/* newest events of kind a or b (b may equal a) with id >= from_id,
 * newest first */
int db_events_recent(db *d, enum q_event a, enum q_event b, int64_t from_id,
                     struct q_event_rec *out, int *n);
/* newest admissions from outside (detail Q_ADMIT_FROM_OUTSIDE) with id
 * >= from_id whose ticket is admitted and not called yet, newest first */
int db_events_admit_waiting(db *d, int64_t from_id, struct q_event_rec *out,
                            int *n);
/* a ticket's newest event of a kind with id >= from_id; Q_ENOTICKET
 * when none */
int db_event_of_ticket(db *d, int64_t from_id, int64_t ticket,
                       enum q_event kind, struct q_event_rec *e);
int db_events_foreach(db *d, int (*cb)(const struct q_event_rec *, void *),
                      void *ctx);
int db_last_event(db *d, int64_t *id);
/* time of the newest event; Q_ENOTICKET when there is none */
int db_last_event_ts(db *d, int64_t *ts);

/* per-day figures kept as the day goes */
int db_day_peak(db *d, const char *day, int occupancy);
int db_peak_range(db *d, const char *from, const char *to, int *peak,
                  char day[Q_DAY_MAX]);

/* staff accounts and sessions (db_users.c); hash is the crypt(3) string.
 * Missing rows give Q_ENOUSER (accounts) or Q_ENOSESSION (sessions). */
int db_user_insert(db *d, const struct q_user *u, const char *hash);
int db_user_get(db *d, const char *name, struct q_user *u, char *hash,
                size_t len);
int db_users(db *d, struct q_user *out, int *n);     /* *n in/out */
int db_user_set_hash(db *d, const char *name, const char *hash);
int db_user_set_enabled(db *d, const char *name, int enabled);
int db_user_set_fails(db *d, const char *name, int fails, int64_t until);
/* sessions by the hex SHA-256 of their token */
int db_session_insert(db *d, const char *hash, const char *user,
                      int64_t now);
int db_session_get(db *d, const char *hash, char *user, size_t len,
                   int64_t *created, int64_t *used);
int db_session_touch(db *d, const char *hash, int64_t now);
int db_session_delete(db *d, const char *hash);
int db_sessions_delete_user(db *d, const char *user);
/* delete sessions last used before used_before or made before
 * created_before */
int db_sessions_expire(db *d, int64_t used_before, int64_t created_before);

/* remote tickets' check-in codes (db_remote.c); hashes are hex SHA-256 */
struct db_checkin {
	int64_t ticket;
	char day[Q_DAY_MAX];
	char secret_hash[Q_HASH_HEX];
	int64_t used_ms;              /* 0 = not used yet */
};
int db_checkin_insert(db *d, int64_t ticket, const char *day,
                      const char *code_hash, const char *secret_hash);
/* the row of a code: today's when there is one, else its newest other
 * day; Q_ENOTICKET when none */
int db_checkin_get(db *d, const char *code_hash, const char *today,
                   struct db_checkin *c);
int db_checkin_use(db *d, int64_t ticket, int64_t now);
/* remote tickets of a day issued under a service */
int db_checkin_count(db *d, const char *day, char code, int *n);
/* wrong codes from a source: since when, how many, locked until (all 0
 * when the source has none) */
int db_checkin_tries(db *d, const char *source, int64_t *since, int *fails,
                     int64_t *locked_until);
int db_checkin_tries_set(db *d, const char *source, int64_t since,
                         int fails, int64_t locked_until);
/* when the turn of a place (place_ms, id) in service code of a day
 * passed: the first call of a ticket placed after it; 0 when none yet */
int db_turn_passed(db *d, const char *day, char code, int64_t place_ms,
                   int64_t id, int64_t *called_ms);

/* appointments (db_remote.c): a service's slot rules (Q_ENOTICKET when
 * it has none) and its bookings */
struct db_booking {
	int64_t id;
	char service;
	char day[Q_DAY_MAX];
	int64_t slot_ms;
	char secret_hash[Q_HASH_HEX];
	char state[16];               /* booked, checked_in, late, no_show */
	int64_t ticket;               /* 0 until checked in */
};
int db_slot_rules_set(db *d, char code, const struct q_slot_rules *r);
int db_slot_rules_get(db *d, char code, struct q_slot_rules *r);
int db_booking_insert(db *d, const struct db_booking *b,
                      const char *code_hash, const char *name,
                      const char *phone, int64_t now, int64_t *id);
/* places taken in a slot (no-shows released theirs) */
int db_booking_count_slot(db *d, char code, int64_t slot_ms, int *n);
/* bookings of a service on a day */
int db_booking_count_day(db *d, char code, const char *day, int *n);
/* live bookings of a service on a day with this phone number */
int db_booking_same_phone(db *d, char code, const char *day,
                          const char *phone, int *n);
/* a code's booking, today's first, else its newest other day */
int db_booking_get(db *d, const char *code_hash, const char *today,
                   struct db_booking *b);
int db_booking_set(db *d, int64_t id, const char *state, int64_t ticket,
                   int64_t checkin_ms);
/* ids of bookings still 'booked' whose slot began before `before`;
 * and of EXPECTED appointment tickets whose slot came by now; *n in/out */
int db_bookings_due(db *d, int64_t before, int64_t *ids, int *n);
int db_tickets_slot_came(db *d, int64_t now, int64_t *ids, int *n);
/* the head office's request req: the ticket and booking issued for it
 * (both 0 when none); record them; give what was issued a new code
 * (Q_ENOTICKET when it was used or is gone, Q_EEXIST on a code clash);
 * a booking's slot */
int db_request_get(db *d, int64_t req, int64_t *ticket, int64_t *booking);
int db_request_put(db *d, int64_t req, int64_t ticket, int64_t booking,
                   int64_t now);
/* the tickets of day of the head office's requests (remote tickets, and
 * bookings checked in), newest first, without those finished before
 * since_ms: up to *n pairs {request, ticket id}; *n gets the count */
int db_request_tickets(db *d, const char *day, int64_t since_ms,
                       int64_t (*pairs)[2], int *n);
/* the head office's requests whose booking of day was a no-show, newest
 * first: up to *n; *n gets the count */
int db_request_missed(db *d, const char *day, int64_t *req, int *n);
int db_checkin_rekey(db *d, int64_t ticket, const char *code_hash,
                     const char *secret_hash);
int db_booking_rekey(db *d, int64_t id, const char *code_hash,
                     const char *secret_hash);
int db_booking_slot(db *d, int64_t id, int64_t *slot_ms);
/* places taken per slot of service code from from_ms on, up to *n */
int db_booking_per_slot(db *d, char code, int64_t from_ms,
                        struct q_slot_taken *out, int *n);
/* appointments' tickets EXPECTED whose slot came by now, of service code
 * (0: any), that stand before place/id in the door's order (priority,
 * then place), as db_count_ahead counts the door */
int db_count_due_ahead(db *d, char code, int priority, int64_t place_ms,
                       int64_t id, int64_t now, int *n);
/* bookings of days from..to: all, checked in (on time or late), no-show */
int db_booking_stats(db *d, const char *from, const char *to, int *booked,
                     int *checked_in, int *no_show);

/* reminders (db_outbox.c): the phones table, the outbox, the notifier's
 * cursor, the deletion of old numbers */
int db_phone_put(db *d, int64_t ticket, int64_t booking, const char *phone,
                 const char *lang, const char *day, int64_t now);
/* remove the number attached to ticket or booking (and a booking's own) */
int db_phone_del(db *d, int64_t ticket, int64_t booking);
/* a booking's day, state and slot; Q_ENOTICKET when none */
int db_booking_by_id(db *d, int64_t id, char day[Q_DAY_MAX], char *state,
                     size_t len, int64_t *slot_ms);
/* where ticket's or booking's reminders go; Q_ENOTICKET when nowhere
 * (as for a booking the head office made, reminded from its outbox) */
int db_phone_for(db *d, int64_t ticket, int64_t booking, char *phone,
                 size_t len, char lang[3]);
/* live tickets with a number still owed "come" or "ahead"; *n in/out */
int db_phone_live(db *d, int64_t *ids, int *n);
/* whether the outbox holds kind for ticket or booking (any channel) */
int db_outbox_has(db *d, int64_t ticket, int64_t booking, const char *kind,
                  int *has);
/* add m (ignored when it is there already); *added 1 or 0 */
int db_outbox_add(db *d, const struct q_msg *m, const char *day,
                  int *added);
int db_outbox_due(db *d, int64_t now, struct q_msg *out, int *n);
int db_outbox_list(db *d, const char *state, struct q_msg *out, int *n);
int db_outbox_get(db *d, int64_t id, struct q_msg *m);
int db_outbox_set(db *d, const struct q_msg *m);
int db_outbox_counts(db *d, int counts[Q_MSG_STATE_COUNT], int64_t *oldest);
int db_notify_cursor(db *d, int64_t *last);
int db_notify_cursor_put(db *d, int64_t last);
/* delete the numbers of days before day; *n: rows that lost one */
int db_privacy_purge(db *d, const char *day, int *n);

/* The -wal this connection uses was removed: copy all it holds into the
 * database file now (a TRUNCATE checkpoint through the open handle).
 * Q_OK when everything is in the database, Q_EBUSY when a reader kept
 * part of it back (call again), or another Q_E*.  db_wal.c. */
int db_wal_rescue(db *d);

/* PRAGMA integrity_check; Q_ECORRUPT with the first message */
int db_integrity(db *d, char *msg, size_t len);

/* ---- copies (db_backup.c) --------------------------------------------- */

/* Copy the database d has open into a new file dest (which must not
 * exist), as of one commit, while other programs keep writing (SQLite's
 * online backup API).  The copy is one file in rollback-journal mode. */
int db_backup(db *d, const char *dest);
/* The same from the database file src, opened read-only (a backup
 * given to restore): Q_ENODB when src is missing, Q_ENOTDB when it is no
 * SQLite database. */
int db_copy_file(const char *src, const char *dest);
/* Whether another process has the database at path open, from SQLite's
 * file locks.  Q_OK: none has; *fd then holds the database's lock bytes,
 * so a program starting meanwhile waits, until db_gate_close(*fd).
 * Q_EBUSY: one has; *holder gets its pid (0 when not visible here).  Q_ENODB or
 * Q_EREADONLY when path cannot be opened for writing.  The calling process
 * must have no connection of its own to path (closing *fd drops them). */
int db_gate(const char *path, int *fd, long *holder);
void db_gate_close(int fd);

#endif
