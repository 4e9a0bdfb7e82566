/* central_api.h - antri-central's routes (one table with its access
 * column, web/route.h) and what each does.  Start at ca_handle(). */
#ifndef ANTRI_CENTRAL_API_H
#define ANTRI_CENTRAL_API_H

#include <stdio.h>

#include "central_http.h"
#include "i18n.h"

struct ca_opts {
	enum lang lang;             /* the pages' first language */
	int long_wait_s;            /* the board's "long wait" */
	int idle_s, max_s;          /* a session's idle and whole life */
	int lock_s;                 /* log-in guessing window */
};

void ca_init(const struct ca_opts *o);
/* Answer a whole request (its body read) through the route table:
 * 404/405 when no row fits, 401 without a session for a staff row, 403
 * for a viewer on an admin row or a change from another Origin. */
enum MHD_Result ca_handle(struct http_req *r);
/* The table, one row a line: METHOD PATTERN ACCESS (the route walk of
 * the tests reads it: antri-central routes). */
void ca_routes(FILE *f);

#endif
