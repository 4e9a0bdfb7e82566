/* qjson.h - the queue's documents as JSON (jansson) and the report as
 * CSV, built once for `antri --json ...` and antri-serve's API, so the
 * two answer the same shape by construction.  Core + jansson only: no
 * SDL, CUPS or HTTP.  A program may add its own members on top
 * (json_object_set_new) but not rename or drop these.
 *
 * Every json_t function returns a new reference, or NULL only when out
 * of memory (a NULL part makes the whole document NULL).
 */
#ifndef ANTRI_QJSON_H
#define ANTRI_QJSON_H

#include <stdio.h>

#include <jansson.h>

#include "i18n.h"
#include "queue.h"
#include "report.h"

/* The catalogue of sentences (i18n.h) for the pages: {"lang": office,
 * "id": {key: sentence}, "en": {...}}; with wait_minutes > 0 also
 * "wait": {"id": [...], "en": [...]}, wait[m] the one wait formatter's
 * words for m minutes (0..wait_minutes), and each language's
 * "wait_unknown" (i18n_wait of an unknown wait). */
json_t *qjson_words(enum lang office, int wait_minutes);

/* Text from the database as a JSON string; NULL is "".  Bytes that are
 * not UTF-8 (a database written before antri checked) are shown as '?'
 * rather than the member dropped. */
json_t *qjson_str(const char *s);

/* A ticket: id, number, service, state, day, issued_ms, called_ms,
 * counter, people_ahead, ahead_outside, ahead_inside, est_wait_s, print,
 * print_reason. */
json_t *qjson_ticket(const struct q_ticket *t);

/* A service of the status: code, name_id, name_en, open, quota, issued,
 * waiting, outside, open_counters, people_ahead, ahead_outside,
 * ahead_inside, est_wait_s. */
json_t *qjson_service(const struct q_service *s);

/* A counter: number, state, services, current (a ticket or null). */
json_t *qjson_counter(const struct q_counter *k);

/* The status (`antri --json status`, GET /api/v1/status): day, office,
 * limit, policy, occupancy, outside, services, counters, calls, admitted,
 * notice, last_event. */
json_t *qjson_status(const struct q_status *st);

/* An event: id, ts_ms, kind, ticket, number, service, counter, detail,
 * and actor when with_actor is non-zero. */
json_t *qjson_event(const struct q_event_rec *e, int with_actor);

/* A report: from, to, days, total, services, counters (each line with
 * issued, served, no_show, cancelled and the means to one decimal),
 * per_hour, peak_occupancy, peak_day, called_hour, wait_mean_hour_s,
 * wait_p90_hour_s. */
json_t *qjson_report(const struct report *r);

/* The report as CSV lines on f: a header, then total, service, counter,
 * hour and peak_occupancy rows; the last column "title" holds the
 * office's and the services' names from st (empty when st is NULL).
 * Typed text starting with = + - @ tab or CR gets a leading ' so a
 * spreadsheet does not read it as a formula.  0, or -1 on a write error. */
int qjson_report_csv(FILE *f, const struct report *r,
                     const struct q_status *st);
/* The same CSV in memory: malloc'ed text of *len bytes, or NULL. */
char *qjson_report_csv_mem(const struct report *r, const struct q_status *st,
                           size_t *len);

#endif
