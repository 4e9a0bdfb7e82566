/* central_outlet.h - what antri-central shows of an outlet, built from
 * the registry's row and its live state document (sync/sync_live.c):
 * the public shape of GET /api/v1/outlets (no personal data: only the
 * fields named here are copied), the order a citizen sees for one
 * service, the head office's board row with its problems, and the
 * drill-down.  Pure JSON work (jansson), no database, no HTTP: start at
 * co_public().
 */
#ifndef ANTRI_CENTRAL_OUTLET_H
#define ANTRI_CENTRAL_OUTLET_H

#include <jansson.h>

#include "cdb.h"

#define CO_ONLINE_S 60          /* a heartbeat this recent: online */

/* 1 when o's last state or heartbeat is at most CO_ONLINE_S old. */
int co_online(const struct cdb_outlet *o);

/* The public object of o:
 * {"id","name","area","open","online","last_seen","inside","limit",
 *  "services":[{"code","name_id","name_en","waiting","outside",
 *  "est_wait_s"}]}; last_seen is the local time of the last news
 * ("2026-12-04T10:42:05+07:00") or null. */
json_t *co_public(const struct cdb_outlet *o);

/* A service code as a query gives it: one letter A-Z.  0 when s is not
 * one (the caller answers 400). */
char co_service_arg(const char *s);

/* outlets (an array of co_public objects, id order) for a citizen who
 * picked service: only outlets that offer it, those that can take him
 * now (online, open, a known wait) first by the estimated wait, then
 * the rest by id.  service 0: unchanged. */
void co_for_service(json_t *outlets, char service);

/* The board's row of o: the public fields plus "waiting", "outside",
 * "max_wait_s", "printer_problem" and "problems" (a list of
 * "offline", "over_limit", "long_wait", "printer"), where a long wait is
 * an estimated wait of long_wait_s or more. */
json_t *co_board_row(const struct cdb_outlet *o, int long_wait_s);
/* The board in its order: most problems first, then by id. */
void co_board_sort(json_t *rows);

/* One outlet's drill-down: the public fields plus "counters" and
 * "calls" and "printer_problem" of its live state. */
json_t *co_detail(const struct cdb_outlet *o);

#endif
