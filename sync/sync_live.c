/* sync_live.c - the office's live state as one JSON document for the
 * head office (antri.live.state): open or closed, the room, per service
 * the people waiting inside and outside and the estimated wait of a new
 * ticket (the meanings of `antri --json status`), the counters, the last
 * calls and whether the printer has a problem; per service its
 * appointment slots (null when it has none) and the places taken in the
 * slots to come, so the head office can show the free ones; and the
 * tickets issued today for the head office's requests, by request, as
 * their links there show them (queue_request_tickets: state, people
 * ahead, wait, when to come by this office's [remote] rules).  No
 * actors, staff names, ticket tokens or phone numbers: the head office's
 * public pages copy out the fields they show (central_outlet.c), and a
 * ticket's entry only to the holder of its link.
 *
 *   {"office":"jkt-menteng","name":"...","day":"2026-12-04","open":true,
 *    "inside":3,"limit":10,"policy":"hold","outside":0,"open_counters":2,
 *    "services":[{"code":"A","name_id":"...","name_en":"...","open":true,
 *      "waiting":3,"outside":0,"open_counters":1,"est_wait_s":480,
 *      "slots":{"length_min":15,"per_slot":2,"days_ahead":14,
 *        "from":"08:00","to":"15:00",
 *        "booked":[{"at":"2026-12-07 09:15","n":2}]}}],
 *    "counters":[{"number":1,"state":"open","services":"AB",
 *      "current":"A003"}],
 *    "calls":[{"number":"A003","counter":1,"ts_ms":...}],
 *    "remote":[{"request":34,"number":"A014","state":"EXPECTED",
 *      "ahead":3,"est_wait_s":600,"counter":0,"come_now":false,
 *      "come_by_ms":...},{"request":35,"missed":true}],
 *    "printer_problem":false,"clock_wrong":false,"last_event":1234}
 */
#define _POSIX_C_SOURCE 200809L
#include "sync.h"
#include "export.h"
#include "qjson.h"

#include <stdio.h>
#include <stdlib.h>

#define TAKEN_MAX 200               /* booked slots shown per service */
#define REMOTE_MAX 200              /* tickets of the head office's
                                     * requests listed, the newest */

/* A service's slots and the places taken in those to come; null when
 * it has none; NULL with *rc on a database error. */
static json_t *
slots(queue *q, char code, int *rc)
{
	struct q_slot_taken *t;
	struct q_slot_rules r;
	char at[Q_SLOT_TEXT_MAX], from[24], to[24];
	json_t *b;
	int n = TAKEN_MAX;

	if ((*rc = queue_slots_get(q, code, &r)) == Q_ENOSLOT) {
		*rc = Q_OK;
		return json_null();
	}
	if (*rc)
		return NULL;
	if (!(t = calloc(TAKEN_MAX, sizeof *t))) {
		*rc = Q_ENOMEM;
		return NULL;
	}
	if ((*rc = queue_slots_taken(q, code, t, &n))) {
		free(t);
		return NULL;
	}
	b = json_array();
	for (int i = 0; b && i < n; i++) {
		q_slot_text(t[i].slot_ms, at);
		json_array_append_new(b, json_pack("{s:s,s:i}", "at", at, "n",
		    t[i].n));
	}
	free(t);
	snprintf(from, sizeof from, "%02d:%02d", r.from_min / 60,
	    r.from_min % 60);
	snprintf(to, sizeof to, "%02d:%02d", r.to_min / 60, r.to_min % 60);
	return json_pack("{s:i,s:i,s:i,s:s,s:s,s:o}", "length_min",
	    r.length_min, "per_slot", r.per_slot, "days_ahead", r.days_ahead,
	    "from", from, "to", to, "booked", b);
}

static json_t *
services(queue *q, const struct q_status *st, int *rc)
{
	json_t *a = json_array(), *sl;

	*rc = Q_OK;
	for (int i = 0; a && i < st->nservices; i++) {
		const struct q_service *v = &st->services[i];
		char code[2] = { v->code, 0 };

		if (!(sl = slots(q, v->code, rc))) {
			json_decref(a);
			return NULL;
		}
		json_array_append_new(a, json_pack("{s:s,s:o,s:o,s:b,s:i,s:i,"
		    "s:i,s:i,s:o}", "code", code, "name_id",
		    qjson_str(v->name_id), "name_en", qjson_str(v->name_en),
		    "open", v->open, "waiting", v->waiting, "outside",
		    v->outside, "open_counters", v->open_counters,
		    "est_wait_s", v->est_wait_s, "slots", sl));
	}
	return a;
}

static json_t *
counters(const struct q_status *st, int *open)
{
	json_t *a = json_array();

	*open = 0;
	for (int i = 0; a && i < st->ncounters; i++) {
		const struct q_counter *k = &st->counters[i];

		if (k->state == Q_COUNTER_OPEN)
			(*open)++;
		json_array_append_new(a, json_pack("{s:i,s:s,s:s,s:o}",
		    "number", k->number, "state", q_cstate_name(k->state),
		    "services", k->services, "current", k->has_current ?
		    json_string(k->current.label) : json_null()));
	}
	return a;
}

static json_t *
calls(const struct q_status *st)
{
	json_t *a = json_array();

	for (int i = 0; a && i < st->ncalls; i++)
		json_array_append_new(a, json_pack("{s:s,s:i,s:I}", "number",
		    st->calls[i].label, "counter", st->calls[i].counter,
		    "ts_ms", (json_int_t)st->calls[i].ts_ms));
	return a;
}

/* the tickets of the head office's requests; NULL with *rc on a
 * database error */
static json_t *
remote(queue *q, const struct q_remote_rules *r, int *rc)
{
	struct q_request_ticket *t = calloc(REMOTE_MAX, sizeof *t);
	int n = REMOTE_MAX;
	json_t *a;

	if (!t) {
		*rc = Q_ENOMEM;
		return NULL;
	}
	if ((*rc = queue_request_tickets(q, r, t, &n))) {
		free(t);
		return NULL;
	}
	a = json_array();
	for (int i = 0; a && i < n; i++)
		json_array_append_new(a, t[i].missed ? json_pack("{s:I,s:b}",
		    "request", (json_int_t)t[i].request, "missed", 1) :
		    json_pack("{s:I,s:s,s:s,s:i,s:i,s:i,s:b,s:I}", "request",
		    (json_int_t)t[i].request, "number", t[i].t.label, "state",
		    q_state_name(t[i].t.state), "ahead", t[i].t.people_ahead,
		    "est_wait_s", t[i].t.est_wait_s, "counter", t[i].t.counter,
		    "come_now", t[i].come_now, "come_by_ms",
		    (json_int_t)t[i].come_by_ms));
	free(t);
	*rc = a ? Q_OK : Q_ENOMEM;
	return a;
}

char *
sync_live_json(queue *q, const char *office, const struct q_remote_rules *r,
               int *rc)
{
	struct q_status *st = calloc(1, sizeof *st);
	json_t *j, *sv, *kv, *rv;
	char *doc = NULL;
	int open_k = 0, open_s = 0, printer = 0;

	*rc = Q_ENOMEM;
	if (!st)
		return NULL;
	if ((*rc = queue_status(q, st)) ||
	    (*rc = export_print_problem(q, st->day, &printer, NULL, 0))) {
		free(st);
		return NULL;
	}
	for (int i = 0; i < st->nservices; i++)
		open_s += st->services[i].open;
	if (!(sv = services(q, st, rc))) {
		if (!*rc)
			*rc = Q_ENOMEM;
		free(st);
		return NULL;
	}
	if (!(rv = remote(q, r, rc))) {
		json_decref(sv);
		free(st);
		return NULL;
	}
	kv = counters(st, &open_k);
	j = json_pack("{s:s,s:o,s:s,s:b,s:i,s:i,s:s,s:i,s:i,s:o,s:o,s:o,"
	    "s:o,s:b,s:b,s:I}", "office", office, "name", qjson_str(st->office),
	    "day", st->day, "open", open_s > 0 && open_k > 0,
	    "inside", st->occupancy, "limit", st->limit,
	    "policy", q_policy_name(st->policy), "outside", st->outside,
	    "open_counters", open_k, "services", sv, "counters", kv,
	    "calls", calls(st), "remote", rv, "printer_problem", printer,
	    "clock_wrong", st->clock_wrong,
	    "last_event", (json_int_t)st->last_event);
	free(st);
	*rc = Q_ENOMEM;
	if (j && (doc = json_dumps(j, JSON_COMPACT)))
		*rc = Q_OK;
	json_decref(j);
	return doc;
}
