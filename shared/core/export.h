/* export.h - what the office tells the head office (antri-sync) that no
 * other reader asks for: read-only calls over a queue handle, in the
 * core because only the core reads the database.  The events themselves
 * go with queue_events_since (queue.h).
 */
#ifndef ANTRI_EXPORT_H
#define ANTRI_EXPORT_H

#include "queue.h"

/* Whether the printer has a problem now: 1 when the newest print outcome
 * of the business day `day` ("YYYY-MM-DD") is a failed print (not
 * followed by a good one), else 0.  When 1 and reason is not NULL, the
 * failure's detail goes to reason.  Q_OK or Q_E*. */
int export_print_problem(queue *q, const char *day, int *problem,
                         char *reason, size_t len);

#endif
