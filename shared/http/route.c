/* route.c - see route.h.  Start at route_find(): each row's pattern is
 * compared segment by segment with the path by route_match().
 */
#include "route.h"

#include <string.h>

/* The next non-empty segment of *p: its start and length; 0 at the end. */
static size_t
segment(const char **p, const char **start)
{
	size_t n;

	while (**p == '/')
		(*p)++;
	*start = *p;
	n = strcspn(*p, "/");
	*p += n;
	return n;
}

/* A whole number 0..1000000 written in digits only; -1 when not. */
static long
number(const char *s, size_t n)
{
	long v = 0;

	if (n == 0 || n > 7)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v <= 1000000 ? v : -1;
}

int
route_match(const char *pattern, const char *path, struct route_args *a)
{
	struct route_args dummy;
	const char *ps, *xs;
	size_t pn, xn;

	if (!a)
		a = &dummy;
	a->n = 0;
	for (;;) {
		pn = segment(&pattern, &ps);
		xn = segment(&path, &xs);
		if (!pn || !xn)
			return !pn && !xn;
		if (ps[0] == '{' && ps[pn - 1] == '}') {
			const char *colon = memchr(ps, ':', pn);
			int isnum = colon && pn - (size_t)(colon - ps) == 5 &&
			    !strncmp(colon, ":num}", 5);
			long v = isnum ? number(xs, xn) : -1;

			if (a->n >= ROUTE_ARGS_MAX || xn >= ROUTE_ARG_LEN ||
			    (isnum && v < 0))
				return 0;
			a->name[a->n] = ps + 1;      /* up to '}' or ':' */
			memcpy(a->value[a->n], xs, xn);
			a->value[a->n][xn] = 0;
			a->num[a->n] = v;
			a->n++;
		} else if (pn != xn || memcmp(ps, xs, pn)) {
			return 0;
		}
	}
}

const void *
route_find(const void *table, size_t nrows, size_t rowsize,
           const char *method, const char *path, struct route_args *a,
           int *status, const char **allowed)
{
	const char *row = table;

	*status = 404;
	*allowed = NULL;
	for (size_t i = 0; i < nrows; i++, row += rowsize) {
		const struct route *rt = (const struct route *)row;

		if (!route_match(rt->pattern, path, a))
			continue;
		if (!strcmp(rt->method, method))
			return rt;
		if (!*allowed) {
			*status = 405;
			*allowed = rt->method;
		}
	}
	return NULL;
}

const char *
route_access_name(enum route_access a)
{
	return a == ROUTE_PUBLIC ? "public" : a == ROUTE_STAFF ? "staff" :
	    "manager";
}
