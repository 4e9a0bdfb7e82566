/* export.c - read-only calls for antri-sync (export.h). */
#define _POSIX_C_SOURCE 200809L
#include "export.h"
#include "queue_int.h"

#include <stdio.h>
#include <string.h>

#define EXPORT_LOOKBACK 20000

int
export_print_problem(queue *q, const char *day, int *problem, char *reason,
                     size_t len)
{
	struct q_event_rec e;
	char d[Q_DAY_MAX];
	int64_t last = 0;
	int n = 1, rc;

	*problem = 0;
	if (reason && len)
		reason[0] = 0;
	/* a day has a few thousand events: look no further back than
	 * EXPORT_LOOKBACK, so an office without a printer is not a scan of
	 * its whole history at every change */
	if ((rc = db_last_event(q->d, &last)))
		return rc;
	rc = db_events_recent(q->d, QE_PRINTED, QE_PRINT_FAILED,
	    last > EXPORT_LOOKBACK ? last - EXPORT_LOOKBACK : 0, &e, &n);
	if (rc || n == 0)
		return rc;
	q_day_of(e.ts_ms, d);
	if (e.kind == QE_PRINT_FAILED && !strcmp(d, day)) {
		*problem = 1;
		if (reason && len)
			snprintf(reason, len, "%s", e.detail);
	}
	return Q_OK;
}
