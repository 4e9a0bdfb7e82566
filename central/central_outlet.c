/* central_outlet.c - see central_outlet.h.  Start at co_public(): every
 * field a page shows is copied by name out of the live state, so a field
 * sync_live.c adds later is never shown by accident.
 */
#define _POSIX_C_SOURCE 200809L
#include "central_outlet.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

int
co_online(const struct cdb_outlet *o)
{
	return o->seen_age_s >= 0 && o->seen_age_s <= CO_ONLINE_S;
}

static json_t *
last_seen(const struct cdb_outlet *o)
{
	time_t t = (time_t)(o->seen_ms / 1000);
	struct tm tm;
	char buf[40], z[8];

	if (!o->seen_ms || !localtime_r(&t, &tm))
		return json_null();
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(z, sizeof z, "%z", &tm);      /* +0700 -> +07:00 */
	if (strlen(z) == 5)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf),
		    "%.3s:%s", z, z + 3);
	return json_string(buf);
}

static json_int_t
num(json_t *obj, const char *key)
{
	return json_integer_value(json_object_get(obj, key));
}

static const char *
str(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));

	return s ? s : "";
}

/* o's live state parsed, or NULL when it never sent one (or it is bad) */
static json_t *
state_of(const struct cdb_outlet *o)
{
	json_t *st = o->state ? json_loads(o->state, 0, NULL) : NULL;

	if (st && !json_is_object(st)) {
		json_decref(st);
		st = NULL;
	}
	return st;
}

static json_t *
public_of(const struct cdb_outlet *o, json_t *st)
{
	json_t *sv = json_array(), *j;
	size_t i;
	json_t *s;

	json_array_foreach(json_object_get(st, "services"), i, s) {
		json_array_append_new(sv, json_pack("{s:s,s:s,s:s,s:I,s:I,s:I,"
		    "s:b}", "code", str(s, "code"), "name_id", str(s, "name_id"),
		    "name_en", str(s, "name_en"), "waiting", num(s, "waiting"),
		    "outside", num(s, "outside"), "est_wait_s",
		    json_object_get(s, "est_wait_s") ? num(s, "est_wait_s") :
		    (json_int_t)-1, "bookable",
		    json_is_object(json_object_get(s, "slots"))));
	}
	j = json_pack("{s:s,s:s,s:s,s:b,s:b,s:o,s:I,s:I,s:o}", "id", o->id,
	    "name", o->name, "area", o->area, "open",
	    json_is_true(json_object_get(st, "open")), "online", co_online(o),
	    "last_seen", last_seen(o), "inside", num(st, "inside"), "limit",
	    num(st, "limit"), "services", sv);
	return j;
}

json_t *
co_public(const struct cdb_outlet *o)
{
	json_t *st = state_of(o), *j = public_of(o, st);

	json_decref(st);
	return j;
}

char
co_service_arg(const char *s)
{
	return s && s[0] >= 'A' && s[0] <= 'Z' && !s[1] ? s[0] : 0;
}

/* the outlet's est_wait_s for code; -2 when it does not offer it */
static json_int_t
wait_for(json_t *outlet, char code)
{
	size_t i;
	json_t *s;

	json_array_foreach(json_object_get(outlet, "services"), i, s)
		if (str(s, "code")[0] == code && !str(s, "code")[1])
			return num(s, "est_wait_s");
	return -2;
}

static _Thread_local char sort_code;  /* qsort has no context argument */

/* may take a citizen now: online, open, a known wait */
static int
usable(json_t *o)
{
	return json_is_true(json_object_get(o, "online")) &&
	    json_is_true(json_object_get(o, "open")) && wait_for(o, sort_code)
	    >= 0;
}

static int
cmp_service(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int ux = usable(x), uy = usable(y);
	json_int_t wx = wait_for(x, sort_code), wy = wait_for(y, sort_code);

	if (ux != uy)
		return uy - ux;
	if (ux && wx != wy)
		return wx < wy ? -1 : 1;
	return strcmp(str(x, "id"), str(y, "id"));
}

/* sort arr in place with cmp (jansson has no sort) */
static void
sort_array(json_t *arr, int (*cmp)(const void *, const void *))
{
	size_t n = json_array_size(arr);
	json_t **v = n ? malloc(n * sizeof *v) : NULL;

	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(arr, i));
	qsort(v, n, sizeof *v, cmp);
	json_array_clear(arr);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, v[i]);
	free(v);
}

void
co_for_service(json_t *outlets, char service)
{
	if (!service)
		return;
	for (size_t i = json_array_size(outlets); i-- > 0;)
		if (wait_for(json_array_get(outlets, i), service) == -2)
			json_array_remove(outlets, i);
	sort_code = service;
	sort_array(outlets, cmp_service);
}

json_t *
co_board_row(const struct cdb_outlet *o, int long_wait_s)
{
	json_t *st = state_of(o), *j = public_of(o, st), *p = json_array();
	json_int_t waiting = 0, outside = num(st, "outside"), max_wait = -1;
	json_int_t inside = num(st, "inside"), limit = num(st, "limit");
	int printer = json_is_true(json_object_get(st, "printer_problem"));
	size_t i;
	json_t *s;

	json_array_foreach(json_object_get(j, "services"), i, s) {
		waiting += num(s, "waiting");
		if (num(s, "est_wait_s") > max_wait)
			max_wait = num(s, "est_wait_s");
	}
	if (!co_online(o))
		json_array_append_new(p, json_string("offline"));
	/* more inside than the limit, or full with people held outside;
	 * "room" says which, for the words */
	if (limit > 0 && (inside > limit || (inside >= limit && outside > 0))) {
		json_array_append_new(p, json_string("over_limit"));
		json_object_set_new(j, "room", json_string(inside > limit ?
		    "over" : "full"));
	}
	if (max_wait >= long_wait_s)
		json_array_append_new(p, json_string("long_wait"));
	if (printer)
		json_array_append_new(p, json_string("printer"));
	json_object_set_new(j, "waiting", json_integer(waiting));
	json_object_set_new(j, "outside", json_integer(outside));
	json_object_set_new(j, "max_wait_s", json_integer(max_wait));
	json_object_set_new(j, "printer_problem", json_boolean(printer));
	json_object_set_new(j, "problems", p);
	json_decref(st);
	return j;
}

static int
cmp_board(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	size_t px = json_array_size(json_object_get(x, "problems"));
	size_t py = json_array_size(json_object_get(y, "problems"));

	if (px != py)
		return px > py ? -1 : 1;
	return strcmp(str(x, "id"), str(y, "id"));
}

void
co_board_sort(json_t *rows)
{
	sort_array(rows, cmp_board);
}

json_t *
co_detail(const struct cdb_outlet *o)
{
	json_t *st = state_of(o), *j = public_of(o, st);
	json_t *k = json_array(), *c = json_array(), *e;
	size_t i;

	json_array_foreach(json_object_get(st, "counters"), i, e)
		json_array_append_new(k, json_pack("{s:I,s:s,s:s,s:O}",
		    "number", num(e, "number"), "state", str(e, "state"),
		    "services", str(e, "services"), "current",
		    json_object_get(e, "current") ? json_object_get(e,
		    "current") : json_null()));
	json_array_foreach(json_object_get(st, "calls"), i, e)
		json_array_append_new(c, json_pack("{s:s,s:I,s:I}", "number",
		    str(e, "number"), "counter", num(e, "counter"), "ts_ms",
		    num(e, "ts_ms")));
	json_object_set_new(j, "counters", k);
	json_object_set_new(j, "calls", c);
	json_object_set_new(j, "printer_problem",
	    json_boolean(json_is_true(json_object_get(st, "printer_problem"))));
	json_decref(st);
	return j;
}
