/* qjson.c - the queue's documents as JSON and the report as CSV, shared
 * by the CLI and antri-serve (see qjson.h).
 */
#define _GNU_SOURCE                  /* open_memstream */
#include "qjson.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

json_t *
qjson_words(enum lang office, int wait_minutes)
{
	json_t *j = json_object(), *wait = json_object();
	enum lang langs[2] = { LANG_ID, LANG_EN };
	char buf[64];

	for (int l = 0; l < 2; l++) {
		json_t *w = json_object(), *a = json_array();

		for (int k = 0; k < W_COUNT; k++)
			json_object_set_new(w, i18n_w_key((enum i18n_word)k),
			    json_string(i18n_w(langs[l], (enum i18n_word)k)));
		if (wait_minutes > 0) {
			json_object_set_new(w, "wait_unknown", json_string(
			    i18n_wait(langs[l], -1, buf, sizeof buf)));
			for (int m = 0; m <= wait_minutes; m++)
				json_array_append_new(a, json_string(i18n_wait(
				    langs[l], m * 60, buf, sizeof buf)));
		}
		json_object_set_new(j, i18n_code(langs[l]), w);
		json_object_set_new(wait, i18n_code(langs[l]), a);
	}
	json_object_set_new(j, "lang", json_string(i18n_code(office)));
	if (wait_minutes > 0)
		json_object_set_new(j, "wait", wait);
	else
		json_decref(wait);
	return j;
}

json_t *
qjson_str(const char *s)
{
	json_t *j;
	char *clean;
	size_t n;

	if (!s)
		s = "";
	if ((j = json_string(s)))
		return j;
	n = strlen(s) + 1;
	if (!(clean = malloc(n)))
		return NULL;
	text_clean(clean, n, s);
	j = json_string(clean);
	free(clean);
	return j;
}

/* Append o to array a; on failure free both and return NULL, so a chain
 * of appends ends in one NULL check. */
static json_t *
add(json_t *a, json_t *o)
{
	if (a && o && json_array_append_new(a, o) == 0)
		return a;
	json_decref(a);
	json_decref(o);
	return NULL;
}

json_t *
qjson_ticket(const struct q_ticket *t)
{
	char svc[2] = { t->service, 0 };

	return json_pack("{s:I,s:o,s:s,s:s,s:s,s:I,s:I,s:i,s:i,s:i,s:i,s:i,s:s,"
	    "s:o}", "id", (json_int_t)t->id, "number", qjson_str(t->label),
	    "service", svc, "state", q_state_name(t->state), "day", t->day,
	    "issued_ms", (json_int_t)t->issued_ms,
	    "called_ms", (json_int_t)t->called_ms, "counter", t->counter,
	    "people_ahead", t->people_ahead, "ahead_outside", t->ahead_outside,
	    "ahead_inside", t->ahead_inside, "est_wait_s", t->est_wait_s,
	    "print", q_print_name(t->print_state),
	    "print_reason", qjson_str(t->print_reason));
}

json_t *
qjson_service(const struct q_service *s)
{
	char code[2] = { s->code, 0 };

	return json_pack("{s:s,s:o,s:o,s:b,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,"
	    "s:i}", "code", code, "name_id", qjson_str(s->name_id),
	    "name_en", qjson_str(s->name_en), "open", s->open, "quota",
	    s->quota, "issued", s->issued_today, "waiting", s->waiting,
	    "outside", s->outside, "open_counters", s->open_counters,
	    "people_ahead", s->people_ahead, "ahead_outside",
	    s->ahead_outside, "ahead_inside", s->ahead_inside,
	    "est_wait_s", s->est_wait_s);
}

json_t *
qjson_counter(const struct q_counter *k)
{
	return json_pack("{s:i,s:s,s:s,s:o}", "number", k->number,
	    "state", q_cstate_name(k->state), "services", k->services,
	    "current", k->has_current ? qjson_ticket(&k->current) :
	    json_null());
}

json_t *
qjson_status(const struct q_status *st)
{
	json_t *svc = json_array(), *ctr = json_array();
	json_t *calls = json_array(), *adm = json_array();

	for (int i = 0; svc && i < st->nservices; i++)
		svc = add(svc, qjson_service(&st->services[i]));
	for (int i = 0; ctr && i < st->ncounters; i++)
		ctr = add(ctr, qjson_counter(&st->counters[i]));
	for (int i = 0; calls && i < st->ncalls; i++)
		calls = add(calls, json_pack("{s:o,s:i,s:I}", "number",
		    qjson_str(st->calls[i].label), "counter",
		    st->calls[i].counter, "ts_ms",
		    (json_int_t)st->calls[i].ts_ms));
	for (int i = 0; adm && i < st->nadmitted; i++)
		adm = add(adm, qjson_str(st->admitted[i].label));
	return json_pack("{s:s,s:o,s:i,s:s,s:i,s:i,s:o,s:o,s:o,s:o,s:o,s:I}",
	    "day", st->day, "office", qjson_str(st->office),
	    "limit", st->limit, "policy", q_policy_name(st->policy),
	    "occupancy", st->occupancy, "outside", st->outside,
	    "services", svc, "counters", ctr, "calls", calls, "admitted", adm,
	    "notice", qjson_str(st->notice),
	    "last_event", (json_int_t)st->last_event);
}

json_t *
qjson_event(const struct q_event_rec *e, int with_actor)
{
	char svc[2] = { e->service, 0 };
	json_t *j = json_pack("{s:I,s:I,s:s,s:I,s:o,s:s,s:i,s:o}", "id",
	    (json_int_t)e->id, "ts_ms", (json_int_t)e->ts_ms, "kind",
	    q_event_name(e->kind), "ticket", (json_int_t)e->ticket, "number",
	    qjson_str(e->label), "service", svc, "counter", e->counter,
	    "detail", qjson_str(e->detail));

	if (j && with_actor && json_object_set_new(j, "actor",
	    qjson_str(e->actor))) {
		json_decref(j);
		return NULL;
	}
	return j;
}

static json_t *
num1(double v)                   /* one decimal, as the text and CSV */
{
	return json_real(round(v * 10.0) / 10.0);
}

/* A report line's figures as members of o (NULL on failure). */
static json_t *
line_json(json_t *o, const struct r_line *l)
{
	json_t *f = json_pack("{s:i,s:i,s:i,s:i,s:o,s:o,s:o}", "issued",
	    l->issued, "served", l->served, "no_show", l->no_show, "cancelled",
	    l->cancelled, "wait_mean_s", num1(l->wait_mean_s),
	    "wait_p90_s", num1(l->wait_p90_s), "service_mean_s",
	    num1(l->service_mean_s));

	if (!o || !f || json_object_update(o, f)) {
		json_decref(o);
		o = NULL;
	}
	json_decref(f);
	return o;
}

json_t *
qjson_report(const struct report *r)
{
	json_t *sv = json_array(), *ct = json_array(), *ph = json_array();
	json_t *ch = json_array(), *wm = json_array(), *wp = json_array();

	for (int i = 0; sv && i < r->nservices; i++) {
		char code[2] = { r->services[i].key, 0 };

		sv = add(sv, line_json(json_pack("{s:s}", "code", code),
		    &r->services[i]));
	}
	for (int i = 0; ct && i < r->ncounters; i++)
		ct = add(ct, line_json(json_pack("{s:i}", "counter",
		    r->counters[i].counter), &r->counters[i]));
	for (int h = 0; h < 24; h++) {
		ph = add(ph, json_integer(r->per_hour[h]));
		ch = add(ch, json_integer(r->called_hour[h]));
		wm = add(wm, num1(r->wait_mean_hour_s[h]));
		wp = add(wp, num1(r->wait_p90_hour_s[h]));
	}
	return json_pack("{s:s,s:s,s:i,s:o,s:o,s:o,s:o,s:i,s:s,s:o,s:o,s:o,"
	    "s:{s:i,s:i,s:i,s:i,s:o}}",
	    "from", r->from, "to", r->to, "days", r->days, "total",
	    line_json(json_object(), &r->total), "services", sv, "counters", ct,
	    "per_hour", ph, "peak_occupancy", r->peak_occupancy, "peak_day",
	    r->peak_day, "called_hour", ch, "wait_mean_hour_s", wm,
	    "wait_p90_hour_s", wp, "appointments", "booked", r->booked,
	    "checked_in", r->booked_checked_in, "no_show", r->booked_no_show,
	    "called", r->slot_called, "wait_from_slot_mean_s",
	    num1(r->slot_wait_mean_s));
}

/* A CSV cell (RFC 4180 quoting); typed text gets the formula guard. */
static void
csv_cell(FILE *f, const char *s, int typed, int last)
{
	int quote = strpbrk(s, ",\"\r\n") != NULL;

	if (quote)
		fputc('"', f);
	if (typed && *s && strchr("=+-@\t\r", *s))
		fputc('\'', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	if (quote)
		fputc('"', f);
	fputc(last ? '\n' : ',', f);
}

static void
csv_line(FILE *f, const char *kind, const char *name, const struct r_line *l,
         const char *title)
{
	fprintf(f, "%s,%s,%d,%d,%d,%d,%.1f,%.1f,%.1f,", kind, name, l->issued,
	    l->served, l->no_show, l->cancelled, l->wait_mean_s, l->wait_p90_s,
	    l->service_mean_s);
	csv_cell(f, title, 1, 1);
}

int
qjson_report_csv(FILE *f, const struct report *r, const struct q_status *st)
{
	char name[32];

	fprintf(f, "kind,name,issued,served,no_show,cancelled,wait_mean_s,"
	    "wait_p90_s,service_mean_s,title\n");
	csv_line(f, "total", "all", &r->total, st ? st->office : "");
	for (int i = 0; i < r->nservices; i++) {
		const char *title = "";

		for (int k = 0; st && k < st->nservices; k++)
			if (st->services[k].code == r->services[i].key)
				title = st->services[k].name_id;
		snprintf(name, sizeof name, "%c", r->services[i].key);
		csv_line(f, "service", name, &r->services[i], title);
	}
	for (int i = 0; i < r->ncounters; i++) {
		snprintf(name, sizeof name, "%d", r->counters[i].counter);
		csv_line(f, "counter", name, &r->counters[i], "");
	}
	for (int h = 0; h < 24; h++)
		fprintf(f, "hour,%02d,%d,,,,,,,\n", h, r->per_hour[h]);
	fprintf(f, "peak_occupancy,%s,%d,,,,,,,\n", r->peak_day,
	    r->peak_occupancy);
	return ferror(f) ? -1 : 0;
}

char *
qjson_report_csv_mem(const struct report *r, const struct q_status *st,
                     size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	if (!f)
		return NULL;
	if (qjson_report_csv(f, r, st) | fclose(f)) {
		free(buf);
		return NULL;
	}
	return buf;
}
