/* rate.h - how often each client address did something within a window
 * (a public change: a phone taking a ticket at antri-serve's /take), for
 * a server's "too many" answers.  One table per kind of thing, in
 * memory: a server's own count, for a server that runs alone (antri-
 * central's servers share theirs in the database, cdb_citizen_ask). */
#ifndef ANTRI_RATE_H
#define ANTRI_RATE_H

#include <pthread.h>
#include <stdint.h>

#define RATE_SLOTS 2048              /* addresses remembered at once */

struct rate {
	pthread_mutex_t mu;
	int64_t window_ms;               /* the count's window, e.g. an hour */
	struct {
		char addr[64];
		int64_t since;           /* http_now_ms of the window's first */
		int n;
	} slot[RATE_SLOTS];
};

/* A table counting within window_ms (static storage, zero otherwise). */
#define RATE_INIT(window_ms) { PTHREAD_MUTEX_INITIALIZER, (window_ms), \
	{ { { 0 }, 0, 0 } } }

/* Count one more of addr when it has had fewer than limit in its
 * window: 0.  Else nothing is counted and the seconds until its window
 * ends come back.  With every slot taken, the address whose window began
 * first makes room (it had the longest time already). */
int rate_take(struct rate *t, const char *addr, int limit);

#endif
