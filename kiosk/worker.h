/* worker.h - the kiosk's threads that touch the database and the printer.
 *
 * Start reading at kiosk_worker_start().  The UI thread never calls SQLite
 * or libcups: a busy database can make a call wait for seconds, a printer
 * for longer.  Three threads, each with its own queue handle:
 *   - the watcher polls its follower (follow.h: another program's commit,
 *     a replaced file) every few tens of ms and publishes a fresh q_status
 *     when something changed;
 *   - the writer runs jobs that write (issue, manager actions, PIN);
 *   - the printer runs print jobs, printer-state queries and test prints.
 * Each finished job leaves a kiosk_result and pushes one SDL user event
 * (the type given at start), so the UI sleeps in SDL_WaitEvent until then.
 * A database that is missing, locked, read-only or full gives results with
 * a Q_E* code; each thread's follower reopens and they recover on their own.
 */
#ifndef ANTRI_KIOSK_WORKER_H
#define ANTRI_KIOSK_WORKER_H

#include <stdint.h>

#include "i18n.h"
#include "print.h"
#include "queue.h"

enum kiosk_job_kind {
	KJ_ISSUE,          /* code; prints it when a printer is set */
	KJ_LIMIT,          /* arg: the change (+1 / -1) */
	KJ_POLICY,         /* arg: enum q_policy */
	KJ_SERVICE_OPEN,   /* code, arg: 1 open, 0 close */
	KJ_PIN,            /* pin */
	KJ_REPRINT,        /* the last ticket of this kiosk */
	KJ_PRINTER_STATE,  /* ask the printer */
	KJ_TEST_PRINT,     /* print a sample ticket */
	KJ_PRINTED,        /* a print job (arg 1: a reprint) and its result */
	KJ_WAL,            /* (internal) look at the -wal now; no result */
	KJ_CHECKIN,        /* text: a typed code or a scanned QR; prints the
	                    * ticket as KJ_ISSUE does */
};

#define KIOSK_CHECKIN_TEXT 64          /* what a check-in job carries */

struct kiosk_job {
	enum kiosk_job_kind kind;
	char code;
	int arg;
	char pin[32];
	uint32_t tag;                  /* caller's, returned in the result */
	enum lang lang;                /* for the paper ticket */
	char office[Q_NAME_MAX];
	char service_name[Q_NAME_MAX];
	char text[KIOSK_CHECKIN_TEXT + 1];  /* check-in */
};

struct kiosk_result {
	enum kiosk_job_kind kind;
	int rc;                        /* Q_OK or Q_E*; print: 0 or -1 */
	uint32_t tag;
	int printing;                  /* issue/reprint: a print job started */
	int repeat;                    /* issue: within the repeat guard, t is
	                                * the ticket just issued, no new one */
	int locked_s;                  /* PIN: seconds the pad stays locked */
	int how;                       /* check-in: enum q_checkin_how */
	struct q_ticket t;             /* issue, reprint, printed */
	struct printer_state ps;       /* printer state */
	char msg[256];                 /* print failure reason, etc. */
};

typedef struct kiosk_worker kiosk_worker;

/* Start the threads for the database at path, writing events as actor.
 * po: printer options copied (po->printer "" means no printing); rr: the
 * outlet's rules for check-ins (copied).  guard_ms:
 * an issue within that many ms of the previous one issues nothing and
 * answers with the previous ticket (repeat = 1).  The SDL
 * event type evtype is pushed after each result and each new status.
 * Returns NULL when threads cannot be made (SDL_GetError says why). */
kiosk_worker *kiosk_worker_start(const char *path, const char *actor,
                                 const struct print_opts *po,
                                 const struct q_remote_rules *rr,
                                 int guard_ms, uint32_t evtype);
/* Stop and join the threads (waits for a running job: at most one
 * database call or print job) and free everything. */
void kiosk_worker_stop(kiosk_worker *w);

/* Queue a job (copied).  Returns 0, or -1 when that thread's queue is full
 * (the UI shows the visitor "try again"). */
int kiosk_worker_submit(kiosk_worker *w, const struct kiosk_job *j);

/* How many times the watcher found the database's -wal removed (what the
 * kiosk's connections held of it saved, reopened: follow.h), so far.  The
 * UI logs and shows each new one; the writer and printer threads check
 * their own connections at once (and before every job anyway). */
unsigned long kiosk_worker_walgone(kiosk_worker *w);

/* Take the oldest result: 1 and *r filled, 0 when none is waiting. */
int kiosk_worker_result(kiosk_worker *w, struct kiosk_result *r);

/* The newest status if it changed since *gen (then *gen is updated and 1
 * returned), else 0.  *db_err gets Q_OK when the last read worked, else
 * the error (st is then the last good status, or zeroed). */
int kiosk_worker_status(kiosk_worker *w, struct q_status *st, int *db_err,
                        unsigned *gen);

#endif
