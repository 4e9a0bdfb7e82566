/* queue_int.h - inside the queue module only (queue.c, queue_admin.c,
 * queue_read.c, queue_check.c): the handle and the helpers every write
 * uses.  Programs include queue.h, never this. */
#ifndef ANTRI_QUEUE_INT_H
#define ANTRI_QUEUE_INT_H

#include "db.h"
#include "queue.h"

struct queue {
	db *d;
	char actor[Q_ACTOR_MAX];
	int64_t (*clock)(void *);
	void *clock_ctx;
	int64_t fixed_now;          /* from ANTRI_NOW_MS, 0 when unset */
	char path[1024];
	uint64_t dev, ino;          /* the file opened, to see it replaced */
	int readonly;               /* opened with Q_OPEN_READONLY */
};

/* 1 for a service code letter A-Z. */
int qi_valid_code(char c);
/* Append an event about ticket t (may be NULL) or service, at counter. */
int qi_event(queue *q, enum q_event kind, const struct q_ticket *t,
             char service, int counter, const char *detail);
/* Open a write (BEGIN IMMEDIATE), rolling the business day over first;
 * today gets the day.  On error nothing is open. */
int qi_begin(queue *q, char today[Q_DAY_MAX]);
/* The limit (0 none) and policy settings. */
int qi_limit(queue *q, int *limit);
int qi_policy(queue *q, enum q_policy *p);
/* Give free places to the oldest tickets outside. */
int qi_admit_waiting(queue *q, const char *today);
/* Cancel live tickets of days before before_day (NULL: all). */
int qi_cancel_live(queue *q, const char *before_day, const char *reason,
                   int *count);
/* Estimated wait for `ahead` people in a service, -1 unknown. */
int qi_estimate(queue *q, char code, int ahead, int *est);
/* A ticket by label (today's) or #id. */
int qi_find(queue *q, const char *label, struct q_ticket *t);
/* The database handle, for queue_check.c. */
db *queue_db(queue *q);

#endif
