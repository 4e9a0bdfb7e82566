/* central_report.h - `antri-central report` (central_report.c). */
#ifndef ANTRI_CENTRAL_REPORT_H
#define ANTRI_CENTRAL_REPORT_H

#include "cdb.h"

/* argv[0] is "report"; *c is connected here when the arguments are good
 * (the caller closes it).  Returns the exit status: 0 done, 2 bad usage,
 * 3 the central unreachable or failing. */
int central_report(cdb **c, const char *conninfo, int argc, char **argv);

#endif
