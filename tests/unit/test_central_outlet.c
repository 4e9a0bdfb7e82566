/* test_central_outlet.c - what antri-central shows of an outlet
 * (central/central_outlet.c) without a database: the public object holds
 * only its named fields (a live state with an actor, a phone number, a
 * token and a staff name shows none of them), online by the heartbeat's
 * age, a citizen's order for one service, the board's problems and order,
 * the drill-down's counters and calls.  central.sh tests the same through
 * the server and PostgreSQL.
 */
#include <string.h>

#include "central_outlet.h"
#include "check.h"

#define STATE(wait, inside, printer) \
	"{\"open\":true,\"inside\":" #inside ",\"limit\":10,\"outside\":0," \
	"\"printer_problem\":" #printer ",\"actor\":\"petugas-siti\"," \
	"\"phone\":\"081234567890\",\"services\":[{\"code\":\"A\"," \
	"\"name_id\":\"Perizinan\",\"name_en\":\"Permits\",\"waiting\":3," \
	"\"outside\":0,\"est_wait_s\":" #wait ",\"token\":\"tok-secret\"}]," \
	"\"counters\":[{\"number\":1,\"state\":\"open\",\"services\":\"A\"," \
	"\"current\":\"A003\",\"staff\":\"petugas-siti\"}],\"calls\":[{" \
	"\"number\":\"A003\",\"counter\":1,\"ts_ms\":5,\"token\":\"tok-secret\"}]}"

static struct cdb_outlet
outlet(const char *id, const char *state, int age)
{
	struct cdb_outlet o = { id, "Kelurahan", "Jakarta Pusat", state, age,
		age < 0 ? 0 : 1780000000000LL };

	return o;
}

static char *
text(json_t *j)
{
	static char buf[4096];
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);

	snprintf(buf, sizeof buf, "%s", s ? s : "");
	free(s);
	return buf;
}

/* the keys of an object, sorted, joined by ',' */
static char *
keys(json_t *obj)
{
	json_t *k = json_array();
	const char *key;
	json_t *v;
	char *t;

	json_object_foreach(obj, key, v)
		json_array_append_new(k, json_string(key));
	t = text(k);
	json_decref(k);
	return t;
}

static void
test_public(void)
{
	struct cdb_outlet o = outlet("jkt-a", STATE(480, 3, false), 5);
	struct cdb_outlet never = outlet("jkt-b", NULL, -1);
	json_t *j = co_public(&o), *s;
	const char *t = text(j);

	CHECK(!strstr(t, "petugas") && !strstr(t, "0812") &&
	    !strstr(t, "tok-secret") && !strstr(t, "counters") &&
	    !strstr(t, "calls") && !strstr(t, "printer"));
	CHECK_STR(keys(j), "[\"id\",\"name\",\"area\",\"open\",\"online\","
	    "\"last_seen\",\"inside\",\"limit\",\"services\"]");
	s = json_array_get(json_object_get(j, "services"), 0);
	CHECK_STR(keys(s), "[\"code\",\"name_id\",\"name_en\",\"waiting\","
	    "\"outside\",\"est_wait_s\",\"bookable\"]");
	/* no slots in this live state: nothing to book */
	CHECK(json_is_false(json_object_get(s, "bookable")));
	CHECK_INT(json_integer_value(json_object_get(s, "est_wait_s")), 480);
	CHECK(json_is_true(json_object_get(j, "online")));
	CHECK(json_is_string(json_object_get(j, "last_seen")));
	json_decref(j);
	j = co_public(&never);
	CHECK_STR(text(j), "{\"area\":\"Jakarta Pusat\",\"id\":\"jkt-b\","
	    "\"inside\":0,\"last_seen\":null,\"limit\":0,\"name\":\"Kelurahan\","
	    "\"online\":false,\"open\":false,\"services\":[]}");
	json_decref(j);
}

static void
test_online(void)
{
	struct cdb_outlet o = outlet("jkt-a", "{}", CO_ONLINE_S);

	CHECK(co_online(&o));
	o.seen_age_s = CO_ONLINE_S + 1;
	CHECK(!co_online(&o));
	o.seen_age_s = -1;
	CHECK(!co_online(&o));
}

static void
test_for_service(void)
{
	struct cdb_outlet o[] = {
		outlet("jkt-slow", STATE(900, 1, false), 1),
		outlet("jkt-off", STATE(10, 1, false), 600),
		outlet("jkt-fast", STATE(60, 1, false), 1),
		outlet("jkt-none", "{\"open\":true,\"services\":[]}", 1),
		outlet("jkt-unknown", STATE(-1, 1, false), 1),
	};
	json_t *a = json_array();

	for (size_t i = 0; i < sizeof o / sizeof o[0]; i++)
		json_array_append_new(a, co_public(&o[i]));
	co_for_service(a, 0);
	CHECK_INT(json_array_size(a), 5);
	co_for_service(a, 'A');
	CHECK_INT(json_array_size(a), 4);
	CHECK_STR(json_string_value(json_object_get(json_array_get(a, 0), "id")),
	    "jkt-fast");
	CHECK_STR(json_string_value(json_object_get(json_array_get(a, 1), "id")),
	    "jkt-slow");
	/* then the rest by id: offline, unknown wait */
	CHECK_STR(json_string_value(json_object_get(json_array_get(a, 2), "id")),
	    "jkt-off");
	CHECK_STR(json_string_value(json_object_get(json_array_get(a, 3), "id")),
	    "jkt-unknown");
	co_for_service(a, 'B');
	CHECK_INT(json_array_size(a), 0);
	json_decref(a);
	CHECK_INT(co_service_arg("A"), 'A');
	CHECK_INT(co_service_arg("a"), 0);
	CHECK_INT(co_service_arg("AB"), 0);
	CHECK_INT(co_service_arg(""), 0);
	CHECK_INT(co_service_arg(NULL), 0);
}

static void
test_board(void)
{
	struct cdb_outlet o[] = {
		outlet("jkt-fine", STATE(60, 3, false), 1),
		outlet("jkt-bad", STATE(7200, 11, true), 1),
		outlet("jkt-off", STATE(60, 3, false), 600),
	};
	json_t *a = json_array(), *d;

	for (size_t i = 0; i < sizeof o / sizeof o[0]; i++)
		json_array_append_new(a, co_board_row(&o[i], 3600));
	co_board_sort(a);
	CHECK_STR(text(json_object_get(json_array_get(a, 0), "problems")),
	    "[\"over_limit\",\"long_wait\",\"printer\"]");
	CHECK_STR(text(json_object_get(json_array_get(a, 1), "problems")),
	    "[\"offline\"]");
	CHECK_STR(text(json_object_get(json_array_get(a, 2), "problems")), "[]");
	CHECK_INT(json_integer_value(json_object_get(json_array_get(a, 0),
	    "max_wait_s")), 7200);
	/* 11 inside a limit of 10: over it; a row without the problem
	 * says nothing of the room */
	CHECK_STR(json_string_value(json_object_get(json_array_get(a, 0),
	    "room")), "over");
	CHECK(!json_object_get(json_array_get(a, 2), "room"));
	json_decref(a);
	{
		/* full, and people held at the door: "full", not "over" */
		struct cdb_outlet f = outlet("jkt-full", "{\"open\":true,"
		    "\"inside\":10,\"limit\":10,\"outside\":4,\"services\":[]}",
		    1);

		d = co_board_row(&f, 3600);
		CHECK_STR(text(json_object_get(d, "problems")),
		    "[\"over_limit\"]");
		CHECK_STR(json_string_value(json_object_get(d, "room")), "full");
		json_decref(d);
	}
	d = co_detail(&o[0]);
	CHECK_STR(text(json_object_get(d, "counters")), "[{\"current\":\"A003\","
	    "\"number\":1,\"services\":\"A\",\"state\":\"open\"}]");
	CHECK_STR(text(json_object_get(d, "calls")), "[{\"counter\":1,"
	    "\"number\":\"A003\",\"ts_ms\":5}]");
	CHECK(!strstr(text(d), "petugas") && !strstr(text(d), "tok-secret"));
	json_decref(d);
}

int
main(void)
{
	test_public();
	test_online();
	test_for_service();
	test_board();
	return check_done();
}
