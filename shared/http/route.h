/* route.h - a server's routes as one table, and the one matcher.
 *
 * A row is {method, pattern, access} plus, in the server's own row type,
 * its handler: the server's table is an array of its own struct whose
 * FIRST member is a struct route (web/api.c: struct api_route), and
 * route_find() walks it with the row's size.  Who may call a route is
 * the row's access column, never its place in the table.
 *
 * A pattern is an absolute path of segments: a literal ("status",
 * "report.csv"), or a placeholder "{name}" (any one segment) or
 * "{name:num}" (a whole number 0..1000000, digits only).  A path's empty
 * segments are skipped ("/a//b/" is "/a/b").  Nothing here knows
 * antri-serve: antri-central uses the same row type and matcher.
 * Start at route_find().
 */
#ifndef ANTRI_ROUTE_H
#define ANTRI_ROUTE_H

#include <stddef.h>

enum route_access {
	ROUTE_PUBLIC,     /* anyone, no session */
	ROUTE_STAFF,      /* a logged-in clerk or manager */
	ROUTE_MANAGER,    /* a logged-in manager */
};

struct route {
	const char *method;       /* "GET", "POST" */
	const char *pattern;      /* "/api/v1/counters/{n:num}/next" */
	enum route_access access;
};

#define ROUTE_ARGS_MAX 4
#define ROUTE_ARG_LEN 256

/* The placeholders' values of a matched path, in the pattern's order. */
struct route_args {
	int n;
	const char *name[ROUTE_ARGS_MAX];     /* the pattern's names */
	char value[ROUTE_ARGS_MAX][ROUTE_ARG_LEN];
	long num[ROUTE_ARGS_MAX];             /* {x:num}: the number, else -1 */
};

/* Does path (no query) fit pattern?  1 with the placeholders in *a (may
 * be NULL), 0 when not (also for a segment longer than ROUTE_ARG_LEN-1
 * in a placeholder's place, or more than ROUTE_ARGS_MAX placeholders). */
int route_match(const char *pattern, const char *path, struct route_args *a);

/* The row of table (nrows rows of rowsize bytes, each starting with a
 * struct route) for method and path, with its arguments in *a; NULL when
 * none.  Then *status is 404 (no pattern fits the path) or 405 (one does,
 * with another method; *allowed is that row's method, the first in the
 * table). */
const void *route_find(const void *table, size_t nrows, size_t rowsize,
                       const char *method, const char *path,
                       struct route_args *a, int *status,
                       const char **allowed);

/* "public", "staff", "manager". */
const char *route_access_name(enum route_access a);

#endif
