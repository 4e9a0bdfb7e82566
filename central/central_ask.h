/* central_ask.h - the askers: a few threads that carry a citizen's
 * request (a remote ticket, a booking) to its outlet and wait for the
 * outlet's answer (cdb_request_remote / cdb_request_booking, up to
 * CDB_REQUEST_WAIT_MS), each on its own connection to the central
 * database (ch_db), while the HTTP request is held off the server's
 * threads (http_suspend).  The asker stores the outcome in the job and
 * resumes the request; the route's handler, called again, answers
 * (central_citizen.c).  Bounded: CASK_THREADS ask at once, CASK_QUEUE
 * more wait for an asker; past that cask_submit() refuses ("busy"), and
 * one that waited CASK_LATE_MS for an asker (the outlets silent) comes
 * back unasked, before its phone or the reaper gives up on it.
 * Start at cask_submit().
 */
#ifndef ANTRI_CENTRAL_ASK_H
#define ANTRI_CENTRAL_ASK_H

#include "cdb.h"
#include "http.h"

#define CASK_VIEW_LEN 32           /* a link's token: 128 random bits, hex */
#define CASK_THREADS 8           /* requests out at outlets at once */
#define CASK_QUEUE 64            /* requests waiting for an asker */
#define CASK_LATE_MS 20000       /* queued longer: not asked any more */
#define CASK_STOPPED (-1000)     /* rc of a job not asked: the server's
                                  * stop cut it off, or it waited past
                                  * CASK_LATE_MS for an asker */

/* One request to an outlet: filled by the handler, answered by an
 * asker (rc, a).  r->user holds it (cask_free) until the request ends. */
struct cask_job {
	struct http_req *r;          /* held while the job is out */
	char office[64];
	char outlet[128];            /* the outlet's name, for the answer */
	char service;
	int booking;                 /* 0: a remote ticket */
	char *slot, *name;           /* a booking's (malloc'ed; may be NULL) */
	char *phone;                 /* a booking's or a remote ticket's */
	char lang[4];                /* "" or "id"/"en" */
	char view[CASK_VIEW_LEN + 1];  /* a remote ticket's link's token */
	int done;                    /* set by the asker before it resumes */
	int rc;                      /* cdb_request_*'s, or CASK_STOPPED */
	int64_t queued_ms;           /* when it joined the queue */
	struct cdb_answer a;
	struct cask_job *next;
};

/* Start the askers (each opens its connection when it first asks);
 * 0, or -1 when a thread cannot start. */
int cask_start(void);
/* Cut off the requests still waiting for an asker (CASK_STOPPED), wait
 * for the ones out at outlets to come back, join the askers: before
 * http_stop(), which waits for held requests. */
void cask_stop(void);
/* Hold j->r and queue j: 0, or -1 (nothing held, j untouched) when
 * every asker is busy and CASK_QUEUE are waiting, or when stopped. */
int cask_submit(struct cask_job *j);
/* 1 when the asker has answered j (the handler's second call). */
int cask_done(const struct cask_job *j);
/* A user_free for struct http_req: the phone wiped, all freed. */
void cask_free(void *job);

#endif
