/* printwatch.c - the printer-state thread of the counter panel; see
 * printwatch.h. */
#define _POSIX_C_SOURCE 200809L
#include "printwatch.h"

#include <errno.h>
#include <string.h>
#include <time.h>

static void *
watch(void *arg)
{
	struct printwatch *w = arg;
	struct printer_state st;
	struct timespec until;
	char err[256];

	pthread_mutex_lock(&w->mu);
	while (!w->stop) {
		pthread_mutex_unlock(&w->mu);
		memset(&st, 0, sizeof st);
		if (print_printer_state(&w->o, &st, err, sizeof err) != 0)
			st.reachable = 0;
		pthread_mutex_lock(&w->mu);
		w->st = st;
		w->seq++;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += w->interval_ms / 1000;
		until.tv_nsec += (long)(w->interval_ms % 1000) * 1000000;
		if (until.tv_nsec >= 1000000000) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000;
		}
		while (!w->stop && pthread_cond_timedwait(&w->cv, &w->mu,
		    &until) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

int
printwatch_start(struct printwatch *w, const config *cfg, int interval_ms)
{
	memset(w, 0, sizeof *w);
	print_opts_from_config(&w->o, cfg);
	if (!w->o.printer[0])
		return 0;
	w->interval_ms = interval_ms > 0 ? interval_ms : PRINTWATCH_MS;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	if (pthread_create(&w->th, NULL, watch, w) != 0) {
		pthread_cond_destroy(&w->cv);
		pthread_mutex_destroy(&w->mu);
		return -1;
	}
	w->running = 1;
	return 1;
}

int
printwatch_get(struct printwatch *w, struct printer_state *st,
               unsigned long *seq)
{
	int fresh = 0;

	if (!w->running)
		return 0;
	pthread_mutex_lock(&w->mu);
	if (w->seq != *seq) {
		*st = w->st;
		*seq = w->seq;
		fresh = 1;
	}
	pthread_mutex_unlock(&w->mu);
	return fresh;
}

void
printwatch_stop(struct printwatch *w)
{
	if (!w->running)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = 1;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->th, NULL);
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->mu);
	w->running = 0;
}
