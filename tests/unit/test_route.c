/* test_route.c - the route matcher of shared/http/route.c alone: literal and
 * placeholder segments, {x:num}, skipped empty segments, too long or too
 * many parts, and route_find's 404 / 405 and row choice on a small table
 * of its own (antri-serve's table is walked by tests/scripts/routes.sh).
 */
#include <string.h>

#include "check.h"
#include "route.h"

struct row {
	struct route rt;
	int id;
};

static const struct row table[] = {
	{ { "GET", "/api/v1/status", ROUTE_PUBLIC }, 1 },
	{ { "GET", "/api/v1/users", ROUTE_MANAGER }, 2 },
	{ { "POST", "/api/v1/users", ROUTE_MANAGER }, 3 },
	{ { "POST", "/api/v1/counters/{n:num}/next", ROUTE_STAFF }, 4 },
	{ { "POST", "/api/v1/users/{name}/passwd", ROUTE_MANAGER }, 5 },
	{ { "GET", "/api/v1/t/{token}", ROUTE_PUBLIC }, 6 },
};

static const struct row *
find(const char *method, const char *path, struct route_args *a,
     int *status, const char **allowed)
{
	return route_find(table, sizeof table / sizeof table[0],
	    sizeof table[0], method, path, a, status, allowed);
}

int
main(void)
{
	struct route_args a;
	const struct row *r;
	const char *allowed;
	char longseg[400];
	int status;

	CHECK(route_match("/api/v1/status", "/api/v1/status", &a));
	CHECK_INT(a.n, 0);
	CHECK(route_match("/api/v1/status", "/api//v1/status/", NULL));
	CHECK(!route_match("/api/v1/status", "/api/v1/status/x", NULL));
	CHECK(!route_match("/api/v1/status", "/api/v1", NULL));
	CHECK(!route_match("/api/v1/status", "/api/v1/statu", NULL));
	CHECK(!route_match("/api/v1/status", "/api/v1/statuses", NULL));

	CHECK(route_match("/c/{n:num}/next", "/c/42/next", &a));
	CHECK_INT(a.n, 1);
	CHECK_INT((int)a.num[0], 42);
	CHECK_STR(a.value[0], "42");
	CHECK(!strncmp(a.name[0], "n:num}", 6));
	CHECK(route_match("/c/{n:num}/next", "/c/1000000/next", &a));
	CHECK(!route_match("/c/{n:num}/next", "/c/1000001/next", &a));
	CHECK(!route_match("/c/{n:num}/next", "/c/-1/next", &a));
	CHECK(!route_match("/c/{n:num}/next", "/c/+1/next", &a));
	CHECK(!route_match("/c/{n:num}/next", "/c/1x/next", &a));
	CHECK(!route_match("/c/{n:num}/next", "/c//next", &a));

	CHECK(route_match("/u/{name}/{act}", "/u/siti/passwd", &a));
	CHECK_INT(a.n, 2);
	CHECK_STR(a.value[0], "siti");
	CHECK_STR(a.value[1], "passwd");
	CHECK_INT((int)a.num[1], -1);
	memset(longseg, 'a', sizeof longseg - 1);
	longseg[0] = '/';
	longseg[sizeof longseg - 1] = 0;
	CHECK(!route_match("/{x}", longseg, &a));          /* too long */
	CHECK(!route_match("/{a}/{b}/{c}/{d}/{e}", "/1/2/3/4/5", &a));

	r = find("GET", "/api/v1/status", &a, &status, &allowed);
	CHECK(r && r->id == 1);
	r = find("POST", "/api/v1/users", &a, &status, &allowed);
	CHECK(r && r->id == 3 && r->rt.access == ROUTE_MANAGER);
	r = find("POST", "/api/v1/counters/3/next", &a, &status, &allowed);
	CHECK(r && r->id == 4 && a.num[0] == 3);
	r = find("GET", "/api/v1/counters/3/next", &a, &status, &allowed);
	CHECK(!r);
	CHECK_INT(status, 405);
	CHECK_STR(allowed, "POST");
	r = find("PUT", "/api/v1/users", &a, &status, &allowed);
	CHECK(!r);
	CHECK_INT(status, 405);
	CHECK_STR(allowed, "GET");                /* the first row's */
	r = find("GET", "/api/v1/nowhere", &a, &status, &allowed);
	CHECK(!r);
	CHECK_INT(status, 404);
	CHECK(allowed == NULL);
	r = find("POST", "/api/v1/counters/x/next", &a, &status, &allowed);
	CHECK(!r);
	CHECK_INT(status, 404);
	r = find("GET", "/api/v1/t/abcdefgh", &a, &status, &allowed);
	CHECK(r && r->id == 6);
	CHECK_STR(a.value[0], "abcdefgh");
	CHECK_STR(route_access_name(ROUTE_STAFF), "staff");
	return check_done();
}
