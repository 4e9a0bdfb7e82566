/* rate.c - see rate.h. */
#include "rate.h"
#include "http.h"

#include <stdio.h>
#include <string.h>

int
rate_take(struct rate *t, const char *addr, int limit)
{
	int64_t now = http_now_ms();
	int wait = 0, e = -1, old = 0;

	pthread_mutex_lock(&t->mu);
	for (int i = 0; i < RATE_SLOTS && e < 0; i++) {
		if (!strcmp(t->slot[i].addr, addr))
			e = i;
		else if (t->slot[i].since < t->slot[old].since)
			old = i;
	}
	if (e < 0) {
		e = old;
		snprintf(t->slot[e].addr, sizeof t->slot[e].addr, "%s", addr);
		t->slot[e].since = now;
		t->slot[e].n = 0;
	}
	if (now - t->slot[e].since >= t->window_ms) {
		t->slot[e].since = now;
		t->slot[e].n = 0;
	}
	if (t->slot[e].n >= limit)
		wait = (int)((t->slot[e].since + t->window_ms - now + 999) /
		    1000);
	else
		t->slot[e].n++;
	pthread_mutex_unlock(&t->mu);
	return wait;
}
