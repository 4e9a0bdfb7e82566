/* central_ask.c - see central_ask.h.  Start at cask_submit(): a job
 * joins one list; CASK_THREADS askers take them in order, each asking on
 * its own connection (ch_db keeps one per thread), and resume the held
 * request as the last thing they do with the job.
 */
#define _GNU_SOURCE
#include "central_ask.h"
#include "central_http.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
	pthread_mutex_t mu;
	pthread_cond_t work;         /* askers wait for a job */
	struct cask_job *head, **tail;
	int queued;                  /* in the list */
	int started, stopping;
	pthread_t th[CASK_THREADS];
} k = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, &k.head,
	0, 0, 0, { 0 } };

/* Ask j's outlet on this thread's connection. */
static void
ask(struct cask_job *j)
{
	char err[512];
	cdb *db = ch_db(err, sizeof err);

	memset(&j->a, 0, sizeof j->a);
	if (!db) {
		j->rc = CDB_EDOWN;
		return;
	}
	j->rc = j->booking ? cdb_request_booking(db, j->office, j->service,
	    j->slot ? j->slot : "", j->name, j->phone, j->lang[0] ? j->lang :
	    NULL, j->view, 0, &j->a) : cdb_request_remote(db, j->office,
	    j->service, j->phone, j->lang[0] ? j->lang : NULL, j->view, 0,
	    &j->a);
	/* a broken connection is this thread's to drop */
	if (j->rc)
		ch_db_failed(j->rc);
}

/* The phone is in the request now (a booking's goes to the outlet, a
 * remote ticket's to the reminders): this copy is dropped. */
static void
forget_phone(struct cask_job *j)
{
	if (j->phone) {
		explicit_bzero(j->phone, strlen(j->phone));
		free(j->phone);
		j->phone = NULL;
	}
}

/* The job's outcome is in: mark it, then hand the request back (the
 * job is the handler's from here on). */
static void
finish(struct cask_job *j)
{
	struct http_req *r = j->r;

	forget_phone(j);
	pthread_mutex_lock(&k.mu);
	j->done = 1;
	pthread_mutex_unlock(&k.mu);
	http_resume(r);
}

static void *
asker(void *arg)
{
	struct cask_job *j;

	(void)arg;
	pthread_mutex_lock(&k.mu);
	for (;;) {
		while (!k.head && !k.stopping)
			pthread_cond_wait(&k.work, &k.mu);
		if (!k.head)
			break;
		j = k.head;
		if (!(k.head = j->next))
			k.tail = &k.head;
		k.queued--;
		pthread_mutex_unlock(&k.mu);
		if (http_now_ms() - j->queued_ms > CASK_LATE_MS)
			j->rc = CASK_STOPPED;
		else
			ask(j);
		finish(j);
		pthread_mutex_lock(&k.mu);
	}
	pthread_mutex_unlock(&k.mu);
	return NULL;
}

int
cask_start(void)
{
	int i;

	pthread_mutex_lock(&k.mu);
	k.stopping = 0;
	pthread_mutex_unlock(&k.mu);
	for (i = 0; i < CASK_THREADS; i++)
		if (pthread_create(&k.th[i], NULL, asker, NULL))
			break;
	k.started = i;
	if (i < CASK_THREADS) {
		cask_stop();
		return -1;
	}
	return 0;
}

void
cask_stop(void)
{
	struct cask_job *list, *j;

	pthread_mutex_lock(&k.mu);
	k.stopping = 1;
	list = k.head;
	k.head = NULL;
	k.tail = &k.head;
	k.queued = 0;
	pthread_cond_broadcast(&k.work);
	pthread_mutex_unlock(&k.mu);
	while ((j = list)) {
		list = j->next;
		j->rc = CASK_STOPPED;
		finish(j);
	}
	for (int i = 0; i < k.started; i++)
		pthread_join(k.th[i], NULL);
	k.started = 0;
}

int
cask_submit(struct cask_job *j)
{
	pthread_mutex_lock(&k.mu);
	if (k.stopping || !k.started || k.queued >= CASK_QUEUE) {
		pthread_mutex_unlock(&k.mu);
		return -1;
	}
	j->done = 0;
	j->next = NULL;
	j->queued_ms = http_now_ms();
	/* held before any asker can resume it */
	http_suspend(j->r);
	*k.tail = j;
	k.tail = &j->next;
	k.queued++;
	pthread_cond_signal(&k.work);
	pthread_mutex_unlock(&k.mu);
	return 0;
}

int
cask_done(const struct cask_job *j)
{
	int done;

	pthread_mutex_lock(&k.mu);
	done = j->done;
	pthread_mutex_unlock(&k.mu);
	return done;
}

void
cask_free(void *job)
{
	struct cask_job *j = job;

	if (!j)
		return;
	forget_phone(j);
	free(j->slot);
	free(j->name);
	free(j);
}
