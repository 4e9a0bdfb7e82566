/* api_remote.c - remote tickets on the office's network: POST take (a
 * visitor's phone takes a ticket of today, public), POST checkin (the
 * web counter checks a visitor in with the code, staff) and POST
 * t/TOKEN/cancel (the phone that took it gives it back, with its code).
 * A ticket taken with a phone number gets its reminders from this
 * office's outbox (antri-notify, docs/notify.md): the number is kept with
 * the ticket in the same commit.
 * The rules are queue_remote.c's (docs/rules.md, "Remote tickets and
 * check-in"); this file only translates, and keeps one count of its own:
 * how many tickets one address took this hour (rate_take, shared/http),
 * so a phone cannot take a hundred.
 *
 * Start at api_take.  A refusal answers 4xx with {"error":{"code",
 * "message","words":{"id","en"}}}: words is the sentence a page shows,
 * from the core's i18n_error.
 */
#define _GNU_SOURCE
#include "serve.h"
#include "i18n.h"
#include "print.h"
#include "rate.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
remote_rules(struct q_remote_rules *r)
{
	q_remote_defaults(r);
	r->share = (int)config_int(srv.cfg, "remote", "share", r->share);
	r->grace_min = (int)config_int(srv.cfg, "remote", "grace_min",
	    r->grace_min);
	r->come_min = (int)config_int(srv.cfg, "remote", "come_min",
	    r->come_min);
}

/* ---- the refusals ------------------------------------------------------- */

static const struct { int err; unsigned status; const char *code; } rmap[] = {
	{ Q_ECLOSED, 409, "service_closed" }, { Q_EQUOTA, 409, "quota_reached" },
	{ Q_ESHARE, 409, "share_used" }, { Q_ECODE, 409, "wrong_code" },
	{ Q_ECODEUSED, 409, "code_used" }, { Q_ECODEDAY, 409, "code_other_day" },
	{ Q_ECODEEXPIRED, 409, "code_expired" },
	{ Q_ECODELOCKED, 429, "too_many_attempts" },
	{ Q_ENOSERVICE, 422, "no_service" },
};

/* A refusal of the remote rules with the visitor's words; other errors
 * as every route answers them. */
static enum MHD_Result
remote_error(struct http_req *r, int err)
{
	for (size_t i = 0; i < sizeof rmap / sizeof rmap[0]; i++)
		if (rmap[i].err == err)
			return http_refuse(r, rmap[i].status, rmap[i].code,
			    NULL, i18n_error(LANG_ID, err),
			    i18n_error(LANG_EN, err));
	return api_qerror(r, err);
}

/* ---- tickets per address ------------------------------------------------ */

#define TAKE_PER_HOUR 3              /* [serve] take_per_hour's default */

static struct rate takes = RATE_INIT(3600 * 1000);

/* ---- POST take ------------------------------------------------------------ */

/* The QR's modules as rows of '0' and '1' (the page draws them): the
 * same encoder as the paper ticket's QR (print_qr.c). */
static json_t *
qr_rows(const char *text)
{
	struct ticket_qr qr;
	json_t *rows;
	char *line;

	if (ticket_qr_make(text, &qr))
		return NULL;
	rows = json_array();
	if ((line = malloc((size_t)qr.size + 1))) {
		for (int y = 0; rows && y < qr.size; y++) {
			for (int x = 0; x < qr.size; x++)
				line[x] = qr.mod[y * qr.size + x] ? '1' : '0';
			line[qr.size] = 0;
			json_array_append_new(rows, json_string(line));
		}
		free(line);
	}
	ticket_qr_free(&qr);
	return rows;
}

enum MHD_Result
api_take(struct http_req *r, json_t *body)
{
	struct q_remote_rules rules;
	struct q_ticket t;
	char actor[Q_ACTOR_MAX], code[Q_CHECKIN_CODE_LEN + 1];
	char qr[Q_CHECKIN_QR_MAX], link[96];
	json_t *come;
	const char *svc = json_string_value(json_object_get(body, "service"));
	const char *phone = json_string_value(json_object_get(body, "phone"));
	const char *lang = json_string_value(json_object_get(body, "lang"));
	int64_t now = 0;
	int rc, end, wait, batch = 0;
	queue *q;
	json_t *j, *rows;

	if (!svc || strlen(svc) != 1 || svc[0] < 'A' || svc[0] > 'Z')
		return http_error(r, 422, "invalid_value", "service must be a "
		    "service's code, one letter A-Z");
	/* the reminders' number, optional (empty: none); the rule is the
	 * core's, the sentence the catalogue's */
	if (phone && !*phone)
		phone = NULL;
	if (phone && !q_phone_valid(phone))
		return api_refuse(r, 422, "invalid_value", W_CZ_BAD_PHONE);
	if (lang && strcmp(lang, "id") && strcmp(lang, "en"))
		return http_error(r, 422, "invalid_value", "lang: id or en");
	if ((wait = rate_take(&takes, r->addr, (int)config_int(srv.cfg,
	    "serve", "take_per_hour", TAKE_PER_HOUR))) > 0) {
		char id[160], en[160];

		snprintf(id, sizeof id, i18n_w(LANG_ID, W_TK_TOO_MANY),
		    (wait + 59) / 60);
		snprintf(en, sizeof en, i18n_w(LANG_EN, W_TK_TOO_MANY),
		    (wait + 59) / 60);
		return http_refuse(r, 429, "too_many_tickets", NULL, id, en);
	}
	remote_rules(&rules);
	/* the phone's address names the taker in the log, as a wrong log-in */
	snprintf(actor, sizeof actor, "web:%.40s", r->addr);
	if (!(q = pool_get(actor, &rc)))
		return api_qerror(r, rc);
	pool_write_lock();
	/* with a phone: the ticket and its number in one commit, or neither */
	if (!(rc = phone ? queue_batch_begin(q) : Q_OK))
		batch = phone != NULL;
	if (!rc)
		rc = queue_remote_issue(q, svc[0], &rules, &t, code, qr);
	if (!rc && phone)
		rc = queue_phone_set(q, t.id, 0, phone, lang);
	if (batch && (end = queue_batch_end(q, rc == Q_OK)) && !rc)
		rc = end;
	pool_write_unlock();
	if (!rc)
		now = queue_now_ms(q);
	pool_put(q);
	if (rc)
		return remote_error(r, rc);
	snprintf(link, sizeof link, "/t/%s", t.token);
	/* the ticket exists now: without its QR (out of memory) the answer
	 * still gives the code to type */
	if (!(rows = qr_rows(qr)))
		rows = json_null();
	come = api_ticket_come(&t, now);
	/* "reminded": a reminder will come (never the number) */
	j = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:i,s:o,s:b}", "number",
	    t.label, "service", svc, "state", q_state_name(t.state), "code",
	    code, "qr", qr, "link", link, "qr_rows", rows, "ahead",
	    t.people_ahead, "come", come ? come : json_null(), "reminded",
	    api_ticket_reminded(&t, come, phone != NULL));
	return http_json(r, 200, j);
}

/* ---- POST checkin --------------------------------------------------------- */

static const char *
how_name(enum q_checkin_how h)
{
	switch (h) {
	case Q_CHECKIN_LATE: return "late";
	case Q_CHECKIN_SLOT: return "slot";
	case Q_CHECKIN_SLOT_LATE: return "slot_late";
	default: return "in_place";
	}
}

static enum i18n_word
how_word(enum q_checkin_how h)
{
	switch (h) {
	case Q_CHECKIN_LATE: return W_CK_LATE;
	case Q_CHECKIN_SLOT: return W_CK_SLOT;
	case Q_CHECKIN_SLOT_LATE: return W_CK_SLOT_LATE;
	default: return W_CK_IN_PLACE;
	}
}

enum MHD_Result
api_checkin(struct http_req *r, const struct q_user *u, json_t *body)
{
	struct q_remote_rules rules;
	struct q_ticket t;
	enum q_checkin_how how;
	char actor[Q_ACTOR_MAX], id[160], en[160];
	const char *text = json_string_value(json_object_get(body, "code"));
	queue *q;
	int rc;

	if (!text)
		return api_refuse(r, 422, "invalid_value", W_CK_BAD);
	remote_rules(&rules);
	snprintf(actor, sizeof actor, "web:%s", u->name);
	if (!(q = pool_get(actor, &rc)))
		return api_qerror(r, rc);
	pool_write_lock();
	rc = queue_checkin(q, text, &rules, &t, &how);
	pool_write_unlock();
	pool_put(q);
	if (rc == Q_EINVAL)
		return api_refuse(r, 422, "invalid_value", W_CK_BAD);
	if (rc)
		return remote_error(r, rc);
	snprintf(id, sizeof id, i18n_w(LANG_ID, how_word(how)), t.label);
	snprintf(en, sizeof en, i18n_w(LANG_EN, how_word(how)), t.label);
	return http_json(r, 200, json_pack("{s:o,s:s,s:{s:s,s:s}}", "ticket",
	    qjson_ticket(&t), "how", how_name(how), "words", "id", id, "en",
	    en));
}

/* ---- POST t/TOKEN/cancel ---------------------------------------------------- */

enum MHD_Result
api_remote_cancel(struct http_req *r, const char *token, json_t *body)
{
	const char *text = json_string_value(json_object_get(body, "code"));
	char actor[Q_ACTOR_MAX];
	queue *q;
	int rc;

	if (!text)
		return api_refuse(r, 422, "invalid_value", W_CK_BAD);
	snprintf(actor, sizeof actor, "web:%.40s", r->addr);
	if (!(q = pool_get(actor, &rc)))
		return api_qerror(r, rc);
	pool_write_lock();
	rc = queue_remote_cancel(q, token, text);
	pool_write_unlock();
	pool_put(q);
	if (rc == Q_ENOTICKET)
		return api_refuse(r, 404, "not_found", W_CZ_NO_TICKET);
	if (rc == Q_EINVAL)
		return api_refuse(r, 422, "invalid_value", W_CK_BAD);
	if (rc == Q_ESTATE)
		return api_refuse(r, 409, "bad_state", W_T_CANCEL_LATE);
	if (rc)
		return remote_error(r, rc);
	return http_json(r, 200, json_pack("{s:b}", "ok", 1));
}
