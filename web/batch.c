/* batch.c - group commit for the counters' presses.
 *
 * Every press must be on disk (synchronous=FULL) before its answer, and
 * one sync costs from a fraction of a millisecond to several on a busy
 * disk: one sync per press made fifty clerks queue behind each other's
 * syncs.  Here a request hands its press to one writer thread and is
 * held off the server's threads (http_suspend) until the writer's
 * done() resumes it; the writer takes every press waiting at that moment
 * and runs them in one transaction (queue_batch_begin), each on its own
 * (a refused one changes nothing and gets its own answer), then commits
 * once.  When the commit fails, every press of the batch gets that
 * error: none of them happened.  While a batch is being written the
 * next presses gather for the following one.
 */
#define _GNU_SOURCE
#include "serve.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BATCH_MAX 64             /* presses in one transaction at most */

struct job {
	int (*fn)(queue *, void *);
	void (*done)(void *, int);
	void *arg;
	char actor[Q_ACTOR_MAX];
	int rc;
	struct job *next;
};

static struct {
	pthread_mutex_t mu;
	pthread_cond_t work;         /* the writer waits for presses */
	struct job *head, **tail;
	pthread_t th;
	int running;
} b = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL,
	&b.head, 0, 0 };

/* Run up to BATCH_MAX jobs of the list in one transaction. */
static void
write_batch(struct job *list)
{
	queue *q;
	int rc;

	if (!(q = pool_get("web", &rc))) {
		for (struct job *j = list; j; j = j->next)
			j->rc = rc;
		return;
	}
	pool_write_lock();
	if ((rc = queue_batch_begin(q))) {
		for (struct job *j = list; j; j = j->next)
			j->rc = rc;
	} else {
		for (struct job *j = list; j; j = j->next) {
			queue_set_actor(q, j->actor);
			j->rc = j->fn(q, j->arg);
		}
		if ((rc = queue_batch_end(q, 1)))
			for (struct job *j = list; j; j = j->next)
				j->rc = rc;
	}
	pool_write_unlock();
	pool_put(q);
}

static void *
writer(void *arg)
{
	struct job *list, *j;
	int n;

	(void)arg;
	pthread_mutex_lock(&b.mu);
	for (;;) {
		while (!b.head && b.running)
			pthread_cond_wait(&b.work, &b.mu);
		if (!b.head)
			break;
		list = b.head;
		for (j = list, n = 1; j->next && n < BATCH_MAX; j = j->next)
			n++;
		b.head = j->next;
		if (!b.head)
			b.tail = &b.head;
		j->next = NULL;
		pthread_mutex_unlock(&b.mu);
		write_batch(list);
		while (list) {
			j = list;
			list = j->next;
			j->done(j->arg, j->rc);
			free(j);
		}
		pthread_mutex_lock(&b.mu);
	}
	pthread_mutex_unlock(&b.mu);
	return NULL;
}

int
batch_start(char *err, size_t errlen)
{
	b.running = 1;
	if (pthread_create(&b.th, NULL, writer, NULL)) {
		b.running = 0;
		snprintf(err, errlen, "cannot start the writer thread");
		return -1;
	}
	return 0;
}

void
batch_stop(void)
{
	if (!b.running)
		return;
	pthread_mutex_lock(&b.mu);
	b.running = 0;
	pthread_cond_signal(&b.work);
	pthread_mutex_unlock(&b.mu);
	pthread_join(b.th, NULL);
}

int
batch_submit(const char *actor, int (*fn)(queue *, void *),
             void (*done)(void *, int), void *arg)
{
	struct job *j = calloc(1, sizeof *j);

	if (!j)
		return Q_ENOMEM;
	j->fn = fn;
	j->done = done;
	j->arg = arg;
	snprintf(j->actor, sizeof j->actor, "%s", actor);
	pthread_mutex_lock(&b.mu);
	if (!b.running) {
		pthread_mutex_unlock(&b.mu);
		free(j);
		return Q_EBUSY;
	}
	*b.tail = j;
	b.tail = &j->next;
	pthread_cond_signal(&b.work);
	pthread_mutex_unlock(&b.mu);
	return Q_OK;
}
