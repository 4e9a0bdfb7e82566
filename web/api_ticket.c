/* api_ticket.c - the visitor's link: GET /api/v1/t/<token>, public, no
 * log-in.  The ticket's number, service, state in plain words (Indonesian
 * and English), the people ahead at the door and in its service, the
 * estimate and the last numbers called, and for a remote ticket not
 * checked in yet when to come (queue_remote_come); nothing about persons
 * or staff (no actor, kiosk, or times).  An unknown, malformed or earlier day's
 * token is 404.  The page /t/<token> (www/ticket.html) reads it again on
 * every event of the public stream.
 */
#define _GNU_SOURCE
#include "serve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

#define TICKET_CALLS 5               /* last numbers called, shown */

/* The state in plain words, both languages. */
static json_t *
state_words(const struct q_ticket *t, const char *reason)
{
	char id[256], en[256];

	i18n_state(LANG_ID, t->state, t->counter, reason, id, sizeof id);
	i18n_state(LANG_EN, t->state, t->counter, reason, en, sizeof en);
	return json_pack("{s:s,s:s}", "id", id, "en", en);
}

static json_t *
service_of(const struct q_status *st, char code)
{
	char c[2] = { code, 0 };

	for (int i = 0; i < st->nservices; i++)
		if (st->services[i].code == code)
			return json_pack("{s:s,s:s,s:s}", "code", c, "name_id",
			    st->services[i].name_id, "name_en",
			    st->services[i].name_en);
	return json_pack("{s:s,s:s,s:s}", "code", c, "name_id", "",
	    "name_en", "");
}

json_t *
api_ticket_come(const struct q_ticket *t, int64_t now_ms)
{
	struct q_remote_rules rules;
	char by[16] = "", id[128], en[128];
	int64_t by_ms;
	int now;

	if (t->state != Q_EXPECTED)
		return json_null();
	remote_rules(&rules);
	now = queue_remote_come(t, &rules, now_ms, &by_ms);
	if (!now && by_ms)
		i18n_hhmm(LANG_EN, by_ms, by, sizeof by);
	return json_pack("{s:b,s:s,s:s,s:s}", "now", now, "by", by, "id",
	    i18n_come(LANG_ID, now, by_ms, id, sizeof id), "en",
	    i18n_come(LANG_EN, now, by_ms, en, sizeof en));
}

/* kept: a phone number is kept for its reminders */
int
api_ticket_reminded(const struct q_ticket *t, json_t *come, int kept)
{
	return kept && q_reminder_ahead(t->state,
	    json_is_true(json_object_get(come, "now")));
}

static json_t *
ticket_doc(const struct q_ticket *t, const struct q_status *st,
           const char *reason, int kept, int64_t now_ms)
{
	char wid[64], wen[64];
	json_t *calls = json_array(), *come = api_ticket_come(t, now_ms);

	for (int i = 0; calls && i < st->ncalls && i < TICKET_CALLS; i++)
		json_array_append_new(calls, json_pack("{s:s,s:i}", "number",
		    st->calls[i].label, "counter", st->calls[i].counter));
	i18n_wait(LANG_ID, t->est_wait_s, wid, sizeof wid);
	i18n_wait(LANG_EN, t->est_wait_s, wen, sizeof wen);
	/* "reminded": the page may say a reminder will come */
	return json_pack("{s:s,s:s,s:s,s:o,s:s,s:o,s:i,s:s,s:{s:i,s:i,s:i},"
	    "s:{s:i,s:s,s:s},s:o,s:I,s:o,s:b}", "office", st->office,
	    "number", t->label, "day", t->day, "service", service_of(st,
	    t->service), "state", q_state_name(t->state), "words",
	    state_words(t, reason), "counter", t->state == Q_CALLED ?
	    t->counter : 0, "reason", reason, "ahead", "door",
	    t->ahead_outside, "service", t->ahead_inside, "total",
	    t->people_ahead, "wait", "s", t->est_wait_s, "id", wid, "en", wen,
	    "calls", calls, "last_event", (json_int_t)st->last_event,
	    "come", come ? come : json_null(), "reminded",
	    api_ticket_reminded(t, come, kept));
}

/* Read the ticket, where it stands and the board, on one handle. */
static int
read_ticket(queue *q, const char *token, struct q_ticket *t,
            struct q_status *st, char *reason, size_t len, int *kept,
            int64_t *now)
{
	int rc;

	*now = queue_now_ms(q);
	if ((rc = queue_ticket_by_token(q, token, t)) ||
	    (rc = queue_ticket_wait(q, t)) ||
	    (rc = queue_ticket_cancel_reason(q, t, reason, len)) ||
	    (rc = queue_phone_kept(q, t->id, kept)))
		return rc;
	return queue_status(q, st);
}

enum MHD_Result
api_ticket(struct http_req *r, const char *token)
{
	struct q_status *st;
	struct q_ticket t;
	char reason[Q_REASON_MAX] = "";
	json_t *j = NULL;
	int64_t now = 0;
	queue *q;
	int rc, kept = 0;

	if (strcmp(r->method, "GET"))
		return http_error(r, 405, "method_not_allowed", "use GET");
	if (!(st = malloc(sizeof *st)))
		return MHD_NO;
	if ((q = pool_get("web", &rc))) {
		rc = read_ticket(q, token, &t, st, reason, sizeof reason,
		    &kept, &now);
		pool_put(q);
	}
	if (!rc)
		j = ticket_doc(&t, st, reason, kept, now);
	free(st);
	if (rc == Q_ENOTICKET || rc == Q_EINVAL)
		return api_refuse(r, 404, "not_found", W_CZ_NO_TICKET);
	return rc ? api_qerror(r, rc) : http_json(r, 200, j);
}
