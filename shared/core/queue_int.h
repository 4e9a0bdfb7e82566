/* queue_int.h - inside the queue module only: the handle and the helpers
 * every write uses.  Included by the module's files (queue.c,
 * queue_handle.c, queue_batch.c, queue_clock.c, queue_admin.c,
 * queue_read.c, queue_wait.c, queue_token.c, queue_remote.c, queue_notify.c, queue_user.c,
 * queue_check.c, queue_backup.c, queue_test.c) and by nothing else:
 * programs include queue.h, and test-only hooks are in queue_test.h. */
#ifndef ANTRI_QUEUE_INT_H
#define ANTRI_QUEUE_INT_H

#include "db.h"
#include "queue.h"

struct queue {
	db *d;
	char actor[Q_ACTOR_MAX];
	int64_t (*clock)(void *);   /* test clocks (queue_test.h), or NULL */
	void *clock_ctx;
	int64_t (*boot_clock)(void *);
	void *boot_ctx;
	int64_t floor_ms;           /* newest event time seen: now >= it */
	char boot_id[40];           /* this boot's id, "" if unknown */
	int wal_known;              /* wal_dev/wal_ino are set */
	int wal_gone;               /* it was removed: rescued, reopen */
	uint64_t wal_dev, wal_ino;  /* the -wal file this handle uses */
	char path[1024];
	uint64_t dev, ino;          /* the file opened, to see it replaced */
	int readonly;               /* opened with Q_OPEN_READONLY */
};

/* queue_open with fast = 1: synchronous=OFF (test helpers only, through
 * queue_test.h; never reachable from the environment).  queue_handle.c. */
int qi_open(queue **out, const char *path, int flags, const char *actor,
            int fast);
/* Read this boot's id for the clock rule (queue_clock.c). */
void qi_clock_init(queue *q);
/* 1 for a service code letter A-Z. */
int qi_valid_code(char c);
/* queue.c: append an event about ticket t (may be NULL) or service, at
 * counter. */
int qi_event(queue *q, enum q_event kind, const struct q_ticket *t,
             char service, int counter, const char *detail);
/* queue.c, inside a write: whether service code takes a new ticket
 * today.  *s gets the service; a closed service or a reached quota is
 * logged as refused and put in *refused (Q_ECLOSED, Q_EQUOTA; else
 * Q_OK).  Returns Q_OK or a database error. */
int qi_service_takes(queue *q, char code, const char *today,
                     struct q_service *s, int *refused);
/* queue.c, inside a write: *t cleared and made the next ticket of service
 * code today, as of now, with its link's token; not yet inserted. */
int qi_new_ticket(queue *q, const char *today, char code, struct q_ticket *t);
/* queue_clock.c: open a write (BEGIN IMMEDIATE), rolling the business
 * day over first when the clock may (docs/time.md); today gets the
 * business day.  On
 * error (Q_ECLOCK: the clock looks wrong) nothing is open. */
int qi_begin(queue *q, char today[Q_DAY_MAX]);
/* queue_remote.c, run by qi_begin: bookings not checked in by slot +
 * Q_SLOT_LATE_MIN become no-shows; checked-in appointments whose slot
 * came join the door. */
int qi_remote_step(queue *q, const char *today);
/* 1 when a write now would be refused with Q_ECLOCK (the clock ran ahead
 * into a new day); for readers, which do not start days themselves. */
int qi_clock_suspect(queue *q);
/* The business day as stored (inside a transaction or not); before the
 * first write, the day of the clock. */
int qi_today(queue *q, char today[Q_DAY_MAX]);
/* queue.c: the limit (0 none) and policy settings. */
int qi_limit(queue *q, int *limit);
int qi_policy(queue *q, enum q_policy *p);
/* Give free places to the tickets outside, in the admission order:
 * priority services first, then by issue time. */
int qi_admit_waiting(queue *q, const char *today);
/* Cancel live tickets of days before before_day (NULL: all). */
int qi_cancel_live(queue *q, const char *before_day, const char *reason,
                   int *count);
/* queue_wait.c: estimated wait for `ahead` people in a service, -1
 * unknown; the people ahead of a ticket and its wait (from its state;
 * newest: it was issued last, so counted on the index); the same for a
 * new ticket of each service of a status whose limit, occupancy, outside
 * and services are filled. */
int qi_estimate(queue *q, char code, int ahead, int *est);
int qi_ticket_wait(queue *q, struct q_ticket *t, int newest);
int qi_status_waits(queue *q, struct q_status *st);
/* A fresh random ticket token (queue_token.c); Q_ENOMEM when the
 * system gives no random bytes. */
int qi_ticket_token(char out[Q_TICKET_TOKEN_MAX]);
/* A ticket by label (today's) or #id. */
int qi_find(queue *q, const char *label, struct q_ticket *t);
/* queue_admin.c: hash a secret (PIN, password) with crypt(3) yescrypt
 * and a fresh salt into out; Q_ENOMEM or Q_EDB on failure. */
#define QI_HASH_MAX 256
int qi_hash_secret(const char *secret, char *out, size_t len);
/* 1 when secret hashes to stored (compared in constant time). */
int qi_secret_matches(const char *secret, const char *stored);
/* The database handle, for queue_check.c (queue_handle.c). */
db *queue_db(queue *q);

#endif
