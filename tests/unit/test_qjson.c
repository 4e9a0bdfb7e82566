/* test_qjson.c - the shared JSON documents and CSV (shared/json/qjson.h):
 * text that is not UTF-8 becomes '?' instead of a lost member, a ticket
 * and an event have their members (the actor only when asked), the
 * report carries the per-hour waits, the CSV guards typed text that
 * a spreadsheet would read as a formula, and the pages' catalogue holds
 * every sentence in both languages (with the waits' words when asked).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "qjson.h"

static void
test_str(void)
{
	json_t *j = qjson_str("caf\xc3");

	CHECK_STR(json_string_value(j), "caf?");
	json_decref(j);
	j = qjson_str(NULL);
	CHECK_STR(json_string_value(j), "");
	json_decref(j);
	j = qjson_str("Perizinan é");
	CHECK_STR(json_string_value(j), "Perizinan é");
	json_decref(j);
}

static void
test_ticket_event(void)
{
	struct q_ticket t;
	struct q_event_rec e;
	json_t *j;

	memset(&t, 0, sizeof t);
	t.id = 7;
	t.service = 'A';
	strcpy(t.label, "A007");
	strcpy(t.print_reason, "paper \xff out");
	j = qjson_ticket(&t);
	CHECK(j != NULL);
	CHECK_STR(json_string_value(json_object_get(j, "number")), "A007");
	CHECK_STR(json_string_value(json_object_get(j, "service")), "A");
	CHECK_STR(json_string_value(json_object_get(j, "print_reason")),
	    "paper ? out");
	CHECK_INT(json_integer_value(json_object_get(j, "id")), 7);
	CHECK(json_object_get(j, "finished_ms") == NULL);
	json_decref(j);

	memset(&e, 0, sizeof e);
	e.id = 3;
	strcpy(e.label, "B001");
	strcpy(e.actor, "siti");
	j = qjson_event(&e, 0);
	CHECK(j && json_object_get(j, "actor") == NULL);
	CHECK_STR(json_string_value(json_object_get(j, "number")), "B001");
	json_decref(j);
	j = qjson_event(&e, 1);
	CHECK_STR(json_string_value(json_object_get(j, "actor")), "siti");
	json_decref(j);
}

static void
test_report(void)
{
	struct report *r = calloc(1, sizeof *r);
	struct q_status *st = calloc(1, sizeof *st);
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	json_t *j;

	if (!r || !st || !(f = open_memstream(&buf, &len))) {
		CHECK(0);
		free(r);
		free(st);
		return;
	}
	r->nservices = 1;
	r->services[0].key = 'Z';
	r->services[0].wait_mean_s = 61.25;
	r->wait_p90_hour_s[9] = 30.04;
	strcpy(st->office, "@SUM(1+1)");
	st->nservices = 1;
	st->services[0].code = 'Z';
	strcpy(st->services[0].name_id, "=HYPERLINK(\"x\",1)");
	j = qjson_report(r);
	CHECK(j != NULL);
	CHECK_INT(json_array_size(json_object_get(j, "wait_p90_hour_s")), 24);
	CHECK(json_real_value(json_array_get(json_object_get(j,
	    "wait_p90_hour_s"), 9)) == 30.0);
	CHECK(json_real_value(json_object_get(json_array_get(json_object_get(j,
	    "services"), 0), "wait_mean_s")) == 61.3);
	json_decref(j);
	CHECK_INT(qjson_report_csv(f, r, st), 0);
	fclose(f);
	CHECK(strncmp(buf, "kind,name,issued,served,no_show,cancelled,"
	    "wait_mean_s,wait_p90_s,service_mean_s,title\n", 86) == 0);
	CHECK(strstr(buf, "\ntotal,all,0,0,0,0,0.0,0.0,0.0,'@SUM(1+1)\n"));
	CHECK(strstr(buf, "\nservice,Z,0,0,0,0,61.2,0.0,0.0,"
	    "\"'=HYPERLINK(\"\"x\"\",1)\"\n") ||
	    strstr(buf, "\nservice,Z,0,0,0,0,61.3,0.0,0.0,"
	    "\"'=HYPERLINK(\"\"x\"\",1)\"\n"));
	CHECK(strstr(buf, "\nhour,23,0,,,,,,,\n"));
	free(buf);
	buf = NULL;
	if ((f = open_memstream(&buf, &len))) {
		CHECK_INT(qjson_report_csv(f, r, NULL), 0);
		fclose(f);
		CHECK(strstr(buf, "\ntotal,all,0,0,0,0,0.0,0.0,0.0,\n"));
		free(buf);
	}
	free(r);
	free(st);
}

static void
test_words(void)
{
	json_t *j = qjson_words(LANG_EN, 0), *w;
	char buf[64];

	CHECK_STR(json_string_value(json_object_get(j, "lang")), "en");
	CHECK(json_object_get(j, "wait") == NULL);
	CHECK_INT((int)json_object_size(json_object_get(j, "id")), W_COUNT);
	CHECK_STR(json_string_value(json_object_get(json_object_get(j, "id"),
	    "web_pin_rules")), i18n_w(LANG_ID, W_WEB_PIN_RULES));
	CHECK_STR(json_string_value(json_object_get(json_object_get(j, "en"),
	    "web_pin_rules")), i18n_w(LANG_EN, W_WEB_PIN_RULES));
	json_decref(j);
	j = qjson_words(LANG_ID, 90);
	CHECK_STR(json_string_value(json_object_get(j, "lang")), "id");
	w = json_object_get(json_object_get(j, "wait"), "en");
	CHECK_INT((int)json_array_size(w), 91);
	CHECK_STR(json_string_value(json_array_get(w, 90)), i18n_wait(LANG_EN,
	    90 * 60, buf, sizeof buf));
	CHECK_STR(json_string_value(json_object_get(json_object_get(j, "id"),
	    "wait_unknown")), i18n_wait(LANG_ID, -1, buf, sizeof buf));
	json_decref(j);
}

int
main(void)
{
	test_str();
	test_words();
	test_ticket_event();
	test_report();
	return check_done();
}
