/* worker.c - the watcher, writer and printer threads of the kiosk.
 *
 * Start at kiosk_worker_start().  A "lane" is a thread with a small job
 * ring and its own database connection, a struct follow (follow.h): opened
 * on demand, dropped after a system error, reopened when the file under
 * the path was deleted or replaced (SQLite would go on using the old one),
 * so a missing or replaced database recovers by itself.  The writer lane
 * runs database jobs, the printer lane print jobs; the watcher is a plain
 * loop over follow_poll() with a follower of its own.  Results go to one
 * ring read by the UI thread; every result and new status pushes one SDL
 * user event.
 */
#define _POSIX_C_SOURCE 200809L
#include "worker.h"
#include "follow.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define JOBS 16
#define RESULTS 32
#define WATCH_MS 25           /* data_version poll period */
#define REFRESH_MS 5000       /* status re-read anyway (estimates, day) */
#define WRITE_BUSY_MS 3000    /* the writer's busy timeout */
#define WATCH_BUSY_MS 200     /* the watcher's busy timeout */

struct kiosk_worker;

struct lane {
	struct kiosk_worker *w;
	SDL_Thread *th;
	struct kiosk_job jobs[JOBS];
	int head, n;
	struct follow f;              /* this lane's connection */
	void (*run)(struct lane *, const struct kiosk_job *);
};

struct kiosk_worker {
	char path[1024];
	char actor[Q_ACTOR_MAX];
	struct print_opts po;
	struct q_remote_rules rr;     /* check-ins */
	int guard_ms;
	uint32_t evtype;
	SDL_mutex *mu;
	SDL_cond *cv;                 /* jobs arrived or stop */
	int stop;
	struct lane writer, printer;
	SDL_Thread *watcher;
	/* results */
	struct kiosk_result res[RESULTS];
	int rhead, rn;
	/* status */
	struct q_status st;
	int st_err;
	unsigned st_gen;
	unsigned long walgone;        /* removed -wal files the watcher saw */
	/* repeat guard (writer only) */
	uint64_t last_issue_ms;
	struct q_ticket last_ticket;
	int last_printing;
};

static void
notify(struct kiosk_worker *w)
{
	SDL_Event e;

	memset(&e, 0, sizeof e);
	e.type = w->evtype;
	SDL_PushEvent(&e);
}

static void
post(struct kiosk_worker *w, const struct kiosk_result *r)
{
	SDL_LockMutex(w->mu);
	if (w->rn == RESULTS) {        /* UI gone for long: drop the oldest */
		w->rhead = (w->rhead + 1) % RESULTS;
		w->rn--;
	}
	w->res[(w->rhead + w->rn) % RESULTS] = *r;
	w->rn++;
	SDL_UnlockMutex(w->mu);
	notify(w);
}

/* A handle for this lane, opened on demand.  Returns NULL with *rc set. */
static queue *
lane_queue(struct lane *l, int *rc)
{
	int64_t now = (int64_t)SDL_GetTicks64();

	/* a job is a visitor's tap: try to open now, not a second later */
	if (!follow_queue(&l->f))
		l->f.retry_at = now;
	/* and never write into a removed -wal: a stat() per job */
	follow_check_wal_soon(&l->f);
	if ((follow_poll(&l->f, now) & FOLLOW_REPLACED) && l == &l->w->writer)
		l->w->last_issue_ms = 0;   /* its ticket is in the old file */
	*rc = follow_queue(&l->f) ? Q_OK : l->f.err;
	return follow_queue(&l->f);
}

/* After a system error the handle is closed, so the next job reopens. */
static void
lane_check(struct lane *l, int rc)
{
	follow_failed(&l->f, rc, (int64_t)SDL_GetTicks64());
}

static int
lane_submit(struct lane *l, const struct kiosk_job *j)
{
	struct kiosk_worker *w = l->w;
	int rc = -1;

	SDL_LockMutex(w->mu);
	if (l->n < JOBS) {
		l->jobs[(l->head + l->n) % JOBS] = *j;
		l->n++;
		rc = 0;
		SDL_CondBroadcast(w->cv);
	}
	SDL_UnlockMutex(w->mu);
	return rc;
}

static int
lane_main(void *arg)
{
	struct lane *l = arg;
	struct kiosk_worker *w = l->w;
	struct kiosk_job j;

	for (;;) {
		SDL_LockMutex(w->mu);
		while (!w->stop && l->n == 0)
			SDL_CondWait(w->cv, w->mu);
		if (w->stop) {
			SDL_UnlockMutex(w->mu);
			break;
		}
		j = l->jobs[l->head];
		l->head = (l->head + 1) % JOBS;
		l->n--;
		SDL_UnlockMutex(w->mu);
		if (j.kind == KJ_WAL) {        /* the check of lane_queue only, */
			int rc;                /* on a handle the lane holds */

			if (follow_queue(&l->f))
				lane_queue(l, &rc);
			continue;
		}
		l->run(l, &j);
	}
	follow_close(&l->f);
	return 0;
}

static void
print_job(struct kiosk_worker *w, const struct q_ticket *t,
          const struct kiosk_job *j)
{
	struct kiosk_job pj = *j;

	(void)t;
	pj.kind = KJ_PRINTED;
	pj.tag = (uint32_t)t->id;     /* the printer lane reads id back */
	lane_submit(&w->printer, &pj);
}

/* ---- the writer --------------------------------------------------- */

static void
run_issue(struct lane *l, queue *q, const struct kiosk_job *j,
          struct kiosk_result *r)
{
	struct kiosk_worker *w = l->w;
	uint64_t now = SDL_GetTicks64();

	if (w->last_issue_ms && now - w->last_issue_ms <
	    (uint64_t)w->guard_ms) {
		r->rc = Q_OK;
		r->repeat = 1;
		r->t = w->last_ticket;
		r->printing = w->last_printing;
		return;
	}
	r->rc = queue_issue(q, j->code, &r->t);
	if (r->rc != Q_OK)
		return;
	w->last_issue_ms = now;
	w->last_ticket = r->t;
	w->last_printing = r->printing = w->po.printer[0] != 0;
	if (r->printing)
		print_job(w, &r->t, j);
}

/* The office's and the ticket's service's names, as the paper shows
 * them in the job's language, into pj. */
static void
paper_names(queue *q, const struct q_ticket *t, const struct kiosk_job *j,
            struct kiosk_job *pj)
{
	struct q_status s2;

	if (queue_status(q, &s2))
		return;
	snprintf(pj->office, sizeof pj->office, "%s", s2.office);
	for (int i = 0; i < s2.nservices; i++)
		if (s2.services[i].code == t->service)
			snprintf(pj->service_name, sizeof pj->service_name,
			    "%s", j->lang == LANG_EN && s2.services[i].name_en[0] ?
			    s2.services[i].name_en : s2.services[i].name_id);
}

/* A check-in: the core's answer, and the ticket printed as a walk-in's.
 * Text that is no code at all is told as an unknown code. */
static void
run_checkin(struct lane *l, queue *q, const struct kiosk_job *j,
            struct kiosk_result *r)
{
	struct kiosk_worker *w = l->w;
	enum q_checkin_how how = Q_CHECKIN_IN_PLACE;

	r->rc = queue_checkin(q, j->text, &w->rr, &r->t, &how);
	if (r->rc == Q_EINVAL)
		r->rc = Q_ECODE;
	r->how = (int)how;
	if (r->rc != Q_OK)
		return;
	r->printing = w->po.printer[0] != 0;
	if (r->printing) {
		struct kiosk_job pj = *j;

		paper_names(q, &r->t, j, &pj);
		print_job(w, &r->t, &pj);
	}
}

static void
writer_run(struct lane *l, const struct kiosk_job *j)
{
	struct kiosk_result r;
	struct q_status st;
	queue *q;

	memset(&r, 0, sizeof r);
	r.kind = j->kind;
	r.tag = j->tag;
	if (!(q = lane_queue(l, &r.rc))) {
		post(l->w, &r);
		return;
	}
	switch (j->kind) {
	case KJ_ISSUE:
		run_issue(l, q, j, &r);
		break;
	case KJ_CHECKIN:
		run_checkin(l, q, j, &r);
		break;
	case KJ_LIMIT:
		if (!(r.rc = queue_status(q, &st))) {
			int lim = st.limit + j->arg;
			r.rc = queue_set_limit(q, lim < 0 ? 0 : lim);
		}
		break;
	case KJ_POLICY:
		r.rc = queue_set_policy(q, (enum q_policy)j->arg);
		break;
	case KJ_SERVICE_OPEN:
		r.rc = queue_service_set_open(q, j->code, j->arg);
		break;
	case KJ_PIN:
		r.rc = queue_pin_check(q, j->pin, &r.locked_s);
		break;
	case KJ_REPRINT:
		r.rc = queue_ticket_last_by(q, l->w->actor, &r.t);
		if (!r.rc && l->w->po.printer[0]) {
			struct kiosk_job pj = *j;

			paper_names(q, &r.t, j, &pj);
			r.printing = 1;
			pj.arg = 1;            /* marked as a reprint */
			print_job(l->w, &r.t, &pj);
		}
		break;
	default:
		r.rc = Q_EINVAL;
		break;
	}
	lane_check(l, r.rc);
	post(l->w, &r);
}

/* ---- the printer -------------------------------------------------- */

static void
printer_run(struct lane *l, const struct kiosk_job *j)
{
	struct kiosk_worker *w = l->w;
	struct kiosk_result r;
	struct ticket_text tx = { 0 };
	struct print_opts po = w->po;
	char err[256] = "";
	int rc;
	queue *q;

	memset(&r, 0, sizeof r);
	r.kind = j->kind;
	r.tag = j->tag;
	po.lang = j->lang;
	tx.office = j->office;
	tx.service_name = j->service_name;
	tx.note = j->kind == KJ_PRINTED && j->arg ? tr(j->lang, "CETAK ULANG",
	    "REPRINT") : NULL;
	switch (j->kind) {
	case KJ_PRINTER_STATE:
		if (!po.printer[0]) {
			r.rc = -1;
			snprintf(r.msg, sizeof r.msg, "no printer configured");
			break;
		}
		r.rc = print_printer_state(&po, &r.ps, r.msg, sizeof r.msg);
		break;
	case KJ_TEST_PRINT:
	case KJ_PRINTED:
		if (!po.printer[0]) {
			r.rc = -1;
			snprintf(r.msg, sizeof r.msg, "no printer configured");
			break;
		}
		if (j->kind == KJ_TEST_PRINT) {
			/* a sample ticket, not in the queue: nothing recorded */
			memset(&r.t, 0, sizeof r.t);
			snprintf(r.t.label, sizeof r.t.label, "A000");
			r.t.service = r.t.issue_service = 'A';
			r.t.issued_ms = (int64_t)time(NULL) * 1000;
			r.t.state = Q_ADMITTED;
			r.t.est_wait_s = -1;
			r.rc = print_ticket(NULL, &po, &r.t, &tx, r.msg,
			    sizeof r.msg);
			break;
		}
		if (!(q = lane_queue(l, &rc))) {
			r.rc = -1;
			snprintf(r.msg, sizeof r.msg, "%s", queue_strerror(rc));
			break;
		}
		if ((rc = queue_ticket_get(q, (int64_t)j->tag, &r.t))) {
			lane_check(l, rc);
			r.rc = -1;
			snprintf(r.msg, sizeof r.msg, "%s", queue_strerror(rc));
			break;
		}
		r.rc = print_ticket(q, &po, &r.t, &tx, err, sizeof err);
		snprintf(r.msg, sizeof r.msg, "%s", err);
		break;
	default:
		r.rc = -1;
		break;
	}
	post(w, &r);
}

/* ---- the watcher -------------------------------------------------- */

static void
publish(struct kiosk_worker *w, const struct q_status *st, int err)
{
	SDL_LockMutex(w->mu);
	if (st)
		w->st = *st;
	w->st_err = err;
	w->st_gen++;
	SDL_UnlockMutex(w->mu);
	notify(w);
}

/* Sleep ms unless stopped; returns 1 when stopping. */
static int
nap(struct kiosk_worker *w, int ms)
{
	int stop;

	SDL_LockMutex(w->mu);
	if (!w->stop)
		SDL_CondWaitTimeout(w->cv, w->mu, (Uint32)ms);
	stop = w->stop;
	SDL_UnlockMutex(w->mu);
	return stop;
}

/* The watcher's connection found the -wal removed (and saved what it
 * held): count it for the UI, have the other lanes look at theirs now. */
static void
wal_gone(struct kiosk_worker *w)
{
	struct kiosk_job j;

	memset(&j, 0, sizeof j);
	j.kind = KJ_WAL;
	SDL_LockMutex(w->mu);
	w->walgone++;
	SDL_UnlockMutex(w->mu);
	lane_submit(&w->writer, &j);
	lane_submit(&w->printer, &j);
	notify(w);
}

static int
watcher_main(void *arg)
{
	struct kiosk_worker *w = arg;
	struct q_status *st = malloc(sizeof *st);
	struct q_status *prev = calloc(1, sizeof *prev);
	struct follow f;
	int64_t last = 0;
	int err = -1, rc, ev, first = 1;

	if (!st || !prev) {
		free(st);
		free(prev);
		return 0;
	}
	follow_init(&f, w->path, w->actor, WATCH_BUSY_MS);
	while (!nap(w, first ? 0 : WATCH_MS)) {
		int64_t now = (int64_t)SDL_GetTicks64();

		first = 0;
		ev = follow_poll(&f, now);
		if (ev & FOLLOW_WALGONE)
			wal_gone(w);
		if (!follow_queue(&f)) {
			if (f.err != err)
				publish(w, NULL, f.err);
			err = f.err;
			continue;
		}
		if (!(ev & FOLLOW_CHANGED) && err == Q_OK &&
		    now - last < REFRESH_MS)
			continue;
		memset(st, 0, sizeof *st);
		rc = queue_status(follow_queue(&f), st);
		last = now;
		if (rc == Q_OK) {
			/* a periodic re-read that changed nothing: no frame */
			if (err != Q_OK || memcmp(st, prev, sizeof *st))
				publish(w, st, Q_OK);
			memcpy(prev, st, sizeof *st);
		} else if (rc != err) {
			publish(w, NULL, rc);
		}
		err = rc;
		follow_failed(&f, rc, now);
	}
	follow_close(&f);
	free(st);
	free(prev);
	return 0;
}

/* ---- the interface ------------------------------------------------ */

kiosk_worker *
kiosk_worker_start(const char *path, const char *actor,
                   const struct print_opts *po,
                   const struct q_remote_rules *rr, int guard_ms,
                   uint32_t evtype)
{
	kiosk_worker *w = calloc(1, sizeof *w);

	if (!w) {
		SDL_SetError("out of memory");
		return NULL;
	}
	snprintf(w->path, sizeof w->path, "%s", path);
	snprintf(w->actor, sizeof w->actor, "%s", actor);
	w->po = *po;
	w->rr = *rr;
	w->guard_ms = guard_ms;
	w->evtype = evtype;
	w->st_err = -1;
	w->writer.w = w->printer.w = w;
	w->writer.run = writer_run;
	w->printer.run = printer_run;
	follow_init(&w->writer.f, path, actor, WRITE_BUSY_MS);
	follow_init(&w->printer.f, path, actor, WRITE_BUSY_MS);
	if (!(w->mu = SDL_CreateMutex()) || !(w->cv = SDL_CreateCond()))
		goto fail;
	w->writer.th = SDL_CreateThread(lane_main, "kiosk-writer", &w->writer);
	w->printer.th = SDL_CreateThread(lane_main, "kiosk-printer",
	    &w->printer);
	w->watcher = SDL_CreateThread(watcher_main, "kiosk-watcher", w);
	if (!w->writer.th || !w->printer.th || !w->watcher) {
		kiosk_worker_stop(w);
		return NULL;
	}
	return w;
fail:
	if (w->mu)
		SDL_DestroyMutex(w->mu);
	free(w);
	return NULL;
}

void
kiosk_worker_stop(kiosk_worker *w)
{
	if (!w)
		return;
	SDL_LockMutex(w->mu);
	w->stop = 1;
	SDL_CondBroadcast(w->cv);
	SDL_UnlockMutex(w->mu);
	if (w->writer.th)
		SDL_WaitThread(w->writer.th, NULL);
	if (w->printer.th)
		SDL_WaitThread(w->printer.th, NULL);
	if (w->watcher)
		SDL_WaitThread(w->watcher, NULL);
	SDL_DestroyCond(w->cv);
	SDL_DestroyMutex(w->mu);
	free(w);
}

int
kiosk_worker_submit(kiosk_worker *w, const struct kiosk_job *j)
{
	switch (j->kind) {
	case KJ_PRINTER_STATE:
	case KJ_TEST_PRINT:
		return lane_submit(&w->printer, j);
	default:
		return lane_submit(&w->writer, j);
	}
}

unsigned long
kiosk_worker_walgone(kiosk_worker *w)
{
	unsigned long n;

	SDL_LockMutex(w->mu);
	n = w->walgone;
	SDL_UnlockMutex(w->mu);
	return n;
}

int
kiosk_worker_result(kiosk_worker *w, struct kiosk_result *r)
{
	int got = 0;

	SDL_LockMutex(w->mu);
	if (w->rn) {
		*r = w->res[w->rhead];
		w->rhead = (w->rhead + 1) % RESULTS;
		w->rn--;
		got = 1;
	}
	SDL_UnlockMutex(w->mu);
	return got;
}

int
kiosk_worker_status(kiosk_worker *w, struct q_status *st, int *db_err,
                    unsigned *gen)
{
	int changed = 0;

	SDL_LockMutex(w->mu);
	if (w->st_gen != *gen) {
		*st = w->st;
		*db_err = w->st_err;
		*gen = w->st_gen;
		changed = 1;
	}
	SDL_UnlockMutex(w->mu);
	return changed;
}
