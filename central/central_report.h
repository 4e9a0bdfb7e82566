/* central_report.h - the reports across outlets: `antri-central report`
 * and what /hq's report routes (central_hqreport.c) share with it: the
 * check of a selection and the documents made of it (central_report.c).
 */
#ifndef ANTRI_CENTRAL_REPORT_H
#define ANTRI_CENTRAL_REPORT_H

#include <jansson.h>

#include "cdb.h"
#include "i18n.h"
#include "queue.h"
#include "report.h"

/* What a report covers: days from..to ("YYYY-MM-DD"), one office, one
 * area or all (both NULL), and grouped by office or area or not. */
enum cr_by { CR_BY_NONE, CR_BY_OFFICE, CR_BY_AREA };
struct cr_sel {
	const char *from, *to, *office, *area;
	enum cr_by by;
	int tickets_only;            /* never a rollup (cdb_report_how) */
};

/* What is wrong with a report's days from and to (both given, each
 * YYYY-MM-DD, from not after to), in English; NULL when nothing. */
const char *cr_days(const char *from, const char *to);
/* Fill s from the arguments as given (NULL: not given; by "office",
 * "area" or NULL), the days as cr_days checks them.  NULL when they make a selection, else what is wrong
 * with them, one sentence for a person (the CLI's usage line, the web's
 * 400). */
const char *cr_select(struct cr_sel *s, const char *from, const char *to,
                      const char *office, const char *area, const char *by);

/* The figures of one selection (s->by not used) into *r, and its title
 * into st (the office's name and services for the CSV, the area's name,
 * or all outlets in language l).  CDB_OK or a CDB_E*: CDB_ENOOFFICE for
 * no such office. */
int cr_figures(cdb *c, const struct cr_sel *s, enum lang l, struct report *r,
               struct q_status *st);

/* The report as `antri-central report --json` writes it: the selection's
 * qjson_report(), or with s->by {"by", "groups": [{"office"|"area",
 * "name", "report"}], "total"}.  NULL with *rc a CDB_E* (CDB_OK: out of
 * memory). */
json_t *cr_json(cdb *c, const struct cr_sel *s, int *rc);

/* argv[0] is "report"; *c is connected here when the arguments are good
 * (the caller closes it).  Returns the exit status: 0 done, 2 bad usage,
 * 3 the central unreachable or failing. */
int central_report(cdb **c, const char *conninfo, int argc, char **argv);

#endif
