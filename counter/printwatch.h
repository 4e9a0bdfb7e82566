/* printwatch.h - the counter panel's look at the printer: a small thread
 * that asks the configured printer for its state (print_printer_state,
 * IPP) every few seconds, so that the UI thread never waits for a printer
 * that does not answer.  The panel reads the latest answer when it likes.
 */
#ifndef ANTRI_PRINTWATCH_H
#define ANTRI_PRINTWATCH_H

#include <pthread.h>

#include "config.h"
#include "print.h"

#define PRINTWATCH_MS 5000       /* between two questions to the printer */

struct printwatch {
	struct print_opts o;
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int running, stop;
	int interval_ms;
	unsigned long seq;           /* answers so far */
	struct printer_state st;     /* the latest answer, under mu */
};

/* Start asking the printer of cfg ([printer] printer) every interval_ms
 * (PRINTWATCH_MS when <= 0); the first question at once.  Returns 1 when
 * a printer is configured and the thread runs, 0 when there is no printer
 * (nothing started), -1 when the thread could not be started. */
int printwatch_start(struct printwatch *w, const config *cfg,
                     int interval_ms);
/* The latest answer into st when there is one newer than *seq (updates
 * *seq): returns 1, else 0.  Never blocks on the printer. */
int printwatch_get(struct printwatch *w, struct printer_state *st,
                   unsigned long *seq);
/* Stop the thread (waits for a question under way to end). */
void printwatch_stop(struct printwatch *w);

#endif
