/* central_ticket.c - see central_ticket.h.  Start at ct_ticket(). */
#define _POSIX_C_SOURCE 200809L
#include "central_ticket.h"
#include "central_ask.h"
#include "central_citizen.h"
#include "central_http.h"
#include "central_outlet.h"
#include "i18n.h"
#include "queue.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1 when s is a link's token: CASK_VIEW_LEN lower-case hex digits */
static int
token_ok(const char *s)
{
	size_t i;

	for (i = 0; s && i < CASK_VIEW_LEN; i++)
		if (!isxdigit((unsigned char)s[i]) || isupper((unsigned char)s[i]))
			return 0;
	return s && !s[i];
}

static int
take_public(const struct cdb_outlet *o, void *ctx)
{
	*(json_t **)ctx = co_public(o);
	return 1;
}

/* a booking not checked in: when its check-in window is (the core's
 * Q_SLOT_EARLY_MIN before its slot to Q_SLOT_LATE_MIN after), or that it
 * has passed; both languages */
static json_t *
window(const char *slot, int64_t now_ms)
{
	int64_t at = q_slot_parse(slot), from, to;
	char id[256], en[256], f[2][16], t[2][16];

	from = at - (int64_t)Q_SLOT_EARLY_MIN * 60000;
	to = at + (int64_t)Q_SLOT_LATE_MIN * 60000;
	if (at <= 0)
		id[0] = en[0] = 0;
	else if (now_ms > to) {
		snprintf(id, sizeof id, "%s", i18n_w(LANG_ID, W_CZ_WINDOW_GONE));
		snprintf(en, sizeof en, "%s", i18n_w(LANG_EN, W_CZ_WINDOW_GONE));
	} else {
		for (int l = 0; l < 2; l++) {
			i18n_hhmm((enum lang)l, from, f[l], sizeof f[l]);
			i18n_hhmm((enum lang)l, to, t[l], sizeof t[l]);
		}
		snprintf(id, sizeof id, i18n_w(LANG_ID, W_CZ_WINDOW), f[0], t[0]);
		snprintf(en, sizeof en, i18n_w(LANG_EN, W_CZ_WINDOW), f[1], t[1]);
	}
	return json_pack("{s:s,s:s}", "id", id, "en", en);
}

/* What the page can say of a request: its ticket as the outlet lists
 * it, a booking not checked in yet or missed, a day gone by, or nothing
 * yet from the outlet. */
enum seen { SEEN_TICKET, SEEN_BOOKED, SEEN_MISSED, SEEN_OVER, SEEN_NOT_YET };

static enum seen
seen_of(const struct cdb_view *v, json_t *e, int state)
{
	if (v->day[0] && v->live_day[0] && strcmp(v->live_day, v->day) > 0)
		return SEEN_OVER;
	if (state >= 0)
		return SEEN_TICKET;
	if (json_is_true(json_object_get(e, "missed")))
		return SEEN_MISSED;
	/* a booking the outlet does not list is not checked in yet */
	return *v->slot ? SEEN_BOOKED : SEEN_NOT_YET;
}

/* 1 while the page may promise a reminder: a booking not checked in,
 * nothing known yet, or a ticket as the core says (q_reminder_ahead) */
static int
waiting(enum seen w, int state, json_t *e)
{
	if (w == SEEN_TICKET)
		return q_reminder_ahead((enum q_state)state,
		    json_is_true(json_object_get(e, "come_now")));
	return w == SEEN_BOOKED || w == SEEN_NOT_YET;
}

/* the sentence of what it is now, both languages */
static json_t *
words(enum seen w, int state, int counter, const struct cdb_view *v)
{
	char id[256], en[256];

	switch (w) {
	case SEEN_TICKET:
		i18n_state(LANG_ID, state, counter, "", id, sizeof id);
		i18n_state(LANG_EN, state, counter, "", en, sizeof en);
		break;
	case SEEN_BOOKED:
		return window(v->slot, http_wall_ms());
	case SEEN_MISSED:
		snprintf(id, sizeof id, i18n_w(LANG_ID, W_CZ_MISSED),
		    Q_SLOT_LATE_MIN);
		snprintf(en, sizeof en, i18n_w(LANG_EN, W_CZ_MISSED),
		    Q_SLOT_LATE_MIN);
		break;
	case SEEN_OVER:
		snprintf(id, sizeof id, i18n_w(LANG_ID, W_CZ_OVER), v->day);
		snprintf(en, sizeof en, i18n_w(LANG_EN, W_CZ_OVER), v->day);
		break;
	default:
		snprintf(id, sizeof id, "%s", i18n_w(LANG_ID, W_CZ_NOT_YET));
		snprintf(en, sizeof en, "%s", i18n_w(LANG_EN, W_CZ_NOT_YET));
		break;
	}
	return json_pack("{s:s,s:s}", "id", id, "en", en);
}

static enum MHD_Result
answer(struct http_req *r, const struct cdb_view *v, json_t *outlet)
{
	static const char *const name[] = { [SEEN_BOOKED] = "booked",
		[SEEN_MISSED] = "missed" };
	json_t *e = v->live ? json_loads(v->live, 0, NULL) : NULL;
	const char *st = json_string_value(json_object_get(e, "state"));
	const char *num = json_string_value(json_object_get(e, "number"));
	int state = st ? q_state_parse(st) : -1;
	int counter = (int)json_integer_value(json_object_get(e, "counter"));
	enum seen w = seen_of(v, e, state);
	char svc[2] = { v->service, 0 }, lower[16] = "";
	json_t *o;

	for (size_t i = 0; w == SEEN_TICKET && st[i] && i < sizeof lower - 1;
	    i++)
		lower[i] = (char)tolower((unsigned char)st[i]);
	o = json_pack("{s:o,s:s,s:s,s:s,s:o,s:s,s:b,s:b,s:b,s:o,s:o}",
	    "outlet", outlet ? outlet : json_null(), "kind", *v->slot ?
	    "booking" :
	    "remote", "service", svc, "number", num ? num : v->number,
	    "slot", *v->slot ? json_string(v->slot) : json_null(), "day",
	    v->day, "known", w == SEEN_TICKET || w == SEEN_MISSED, "over",
	    w == SEEN_OVER, "reminded", v->reminded && waiting(w, state, e),
	    "state", w == SEEN_TICKET ? json_string(lower) :
	    w == SEEN_BOOKED || w == SEEN_MISSED ? json_string(name[w]) :
	    json_null(), "words", words(w, state, counter, v));
	if (o && w == SEEN_TICKET) {
		json_object_update_new(o, json_pack("{s:I,s:I,s:i}",
		    "people_ahead", json_integer_value(json_object_get(e,
		    "ahead")), "est_wait_s", json_integer_value(json_object_get(e,
		    "est_wait_s")), "counter", counter));
		json_object_set_new(o, "come", state == Q_EXPECTED ?
		    cz_come(json_is_true(json_object_get(e, "come_now")),
		    json_integer_value(json_object_get(e, "come_by_ms"))) :
		    json_null());
	}
	json_decref(e);
	return http_json(r, 200, o);
}

/* a refusal with the sentence the page shows */
static enum MHD_Result
no_ticket(struct http_req *r, unsigned status, const char *code,
          const char *msg)
{
	return http_refuse(r, status, code, msg, i18n_w(LANG_ID,
	    W_CZ_NO_TICKET), i18n_w(LANG_EN, W_CZ_NO_TICKET));
}

enum MHD_Result
ct_ticket(struct http_req *r, cdb *db)
{
	const char *tok = http_header(r, "X-Ticket");
	struct cdb_view v;
	json_t *outlet = NULL;
	enum MHD_Result ret;
	int rc;

	/* a link cut short says what a wrong one says, to a person */
	if (!token_ok(tok))
		return no_ticket(r, 400, "bad_token", "send the ticket link's "
		    "token (the part after '#') in the X-Ticket header");
	if ((rc = cdb_request_view(db, tok, &v)) == CDB_ENOTFOUND)
		return no_ticket(r, 404, "no_ticket",
		    i18n_w(LANG_EN, W_CZ_NO_TICKET));
	if (rc)
		return ch_db_error(r, db, rc);
	if ((rc = cdb_outlets(db, v.office, take_public, &outlet)) < 0) {
		json_decref(outlet);
		free(v.live);
		return ch_db_error(r, db, rc);
	}
	ret = answer(r, &v, outlet);
	free(v.live);
	return ret;
}
