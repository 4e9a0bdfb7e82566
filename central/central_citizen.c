/* central_citizen.c - a citizen's remote ticket and booking from the
 * public /outlets page (central_citizen.h; docs/central.md "A citizen on
 * /outlets").  Start at cz_remote.
 *
 * The head office never issues: the request goes down the outlet's own
 * antri-sync connection (cdb_request_remote / cdb_request_booking, the
 * same calls and checks as `antri-central remote` and `book`), the
 * outlet issues by its rules and answers.  An outlet whose live state
 * says it is offline is not asked (nothing is inserted, the citizen is
 * offered the outlets with the shortest waits at once); one that does
 * not take the request in time is withdrawn as for the commands.
 *
 * A request that goes to its outlet does not hold a server thread
 * while the outlet answers: checked here, it is held (http_suspend) and
 * handed to an asker thread (central_ask.c), which asks and resumes it;
 * this handler, called again, answers.  When every asker is busy and
 * their queue is full the answer is 503 "busy"; one address asks at
 * most CZ_PER_HOUR times an hour (429).  A refusal
 * answers 4xx {"error":{"code","message","words":{"id","en"}}}: words is
 * the sentence the page shows, the core's i18n_error.  The phone number
 * goes to the outlet and nowhere else: not into an answer, the log or
 * the central (the outlet's answer blanks the request's copy).
 */
#define _GNU_SOURCE
#include "central_citizen.h"
#include "central_ask.h"
#include "central.h"
#include "central_http.h"
#include "central_outlet.h"
#include "i18n.h"
#include "print.h"
#include "queue.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#define CZ_NEAREST 3                 /* outlets offered for an offline one */

/* ---- refusals ----------------------------------------------------------- */

static const struct { int err; unsigned status; const char *code; } rmap[] = {
	{ Q_ECLOSED, 409, "service_closed" }, { Q_EQUOTA, 409, "quota_reached" },
	{ Q_ESHARE, 409, "share_used" }, { Q_ESLOTFULL, 409, "slot_full" },
	{ Q_EBOOKED, 409, "double_booking" }, { Q_ENOSLOT, 409, "no_slot" },
	{ Q_EOFFLINE, 409, "outlet_offline" },
	{ Q_ENOSERVICE, 422, "no_service" },
};

/* The outlet's refusal err with its sentence in both languages; extra
 * (stolen, may be NULL) goes into the error object. */
static enum MHD_Result
refuse(struct http_req *r, int err, json_t *extra)
{
	unsigned status = 409;
	const char *code = "refused";
	json_t *e;

	for (size_t i = 0; i < sizeof rmap / sizeof rmap[0]; i++)
		if (rmap[i].err == err) {
			status = rmap[i].status;
			code = rmap[i].code;
		}
	e = http_refusal(code, NULL, i18n_error(LANG_ID, err),
	    i18n_error(LANG_EN, err));
	if (e && extra)
		json_object_update(e, extra);
	json_decref(extra);
	return http_json(r, status, json_pack("{s:o}", "error", e));
}

/* ---- requests per address ------------------------------------------------ */

static enum MHD_Result
too_many(struct http_req *r, int wait_s)
{
	char id[160], en[160];

	snprintf(id, sizeof id, i18n_w(LANG_ID, W_TK_TOO_MANY),
	    (wait_s + 59) / 60);
	snprintf(en, sizeof en, i18n_w(LANG_EN, W_TK_TOO_MANY),
	    (wait_s + 59) / 60);
	return http_refuse(r, 429, "too_many_requests", NULL, id, en);
}

/* ---- the outlet as the central sees it ------------------------------------ */

struct outlet {
	int found, online;
	char name[128];
	json_t *state;                   /* its live state, or NULL */
};

static int
take_outlet(const struct cdb_outlet *o, void *ctx)
{
	struct outlet *t = ctx;

	t->found = 1;
	t->online = co_online(o);
	snprintf(t->name, sizeof t->name, "%s", o->name ? o->name : o->id);
	t->state = o->state ? json_loads(o->state, 0, NULL) : NULL;
	return 0;
}

/* The live state's object of service svc, or NULL. */
static json_t *
state_service(const struct outlet *o, char svc)
{
	json_t *s;
	size_t i;

	json_array_foreach(json_object_get(o->state, "services"), i, s) {
		const char *c = json_string_value(json_object_get(s, "code"));

		if (c && c[0] == svc && !c[1])
			return s;
	}
	return NULL;
}

/* Read office; 1 when it may be asked for svc, else 0 with the answer
 * in *ret (404 unknown, 422 no such service, 503 database). */
static int
outlet_get(struct http_req *r, cdb *db, const char *office, char svc,
           struct outlet *o, enum MHD_Result *ret)
{
	int rc;

	memset(o, 0, sizeof *o);
	if ((rc = cdb_outlets(db, office, take_outlet, o)) < 0) {
		*ret = ch_db_error(r, db, rc);
		return 0;
	}
	if (!o->found) {
		*ret = http_error(r, 404, "no_outlet", "no such outlet");
		return 0;
	}
	if (o->state && !state_service(o, svc)) {
		*ret = refuse(r, Q_ENOSERVICE, NULL);
		return 0;
	}
	return 1;
}

static int
add_public(const struct cdb_outlet *o, void *ctx)
{
	json_array_append_new(ctx, co_public(o));
	return 0;
}

/* The outlets a citizen turned away from office may go to instead: the
 * first CZ_NEAREST of the public list's order for svc (online, open, a
 * known wait, the shortest first), {"id","name","area","est_wait_s"}. */
static json_t *
nearest(cdb *db, const char *office, char svc)
{
	json_t *all = json_array(), *out = json_array(), *o, *s;
	size_t i, k;

	if (cdb_outlets(db, NULL, add_public, all) < 0) {
		json_decref(all);
		return out;
	}
	co_for_service(all, svc);
	json_array_foreach(all, i, o) {
		const char *id = json_string_value(json_object_get(o, "id"));

		if (json_array_size(out) >= CZ_NEAREST)
			break;
		if (!id || !strcmp(id, office) ||
		    !json_is_true(json_object_get(o, "online")) ||
		    !json_is_true(json_object_get(o, "open")))
			continue;
		json_array_foreach(json_object_get(o, "services"), k, s) {
			const char *c = json_string_value(json_object_get(s,
			    "code"));
			json_int_t w = json_integer_value(json_object_get(s,
			    "est_wait_s"));

			if (c && c[0] == svc && w >= 0)
				json_array_append_new(out, json_pack("{s:O,s:O,"
				    "s:O,s:I}", "id", json_object_get(o, "id"),
				    "name", json_object_get(o, "name"), "area",
				    json_object_get(o, "area"), "est_wait_s", w));
		}
	}
	json_decref(all);
	return out;
}

static enum MHD_Result
offline(struct http_req *r, cdb *db, const char *office, char svc)
{
	return refuse(r, Q_EOFFLINE, json_pack("{s:o}", "nearest",
	    nearest(db, office, svc)));
}

/* ---- the answer ----------------------------------------------------------- */

/* text's QR code (libqrencode, the paper ticket's encoder) as an SVG with
 * the quiet zone of four modules a scanner needs; NULL when it fails. */
static json_t *
qr_svg(const char *text)
{
	struct ticket_qr qr;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	json_t *j = NULL;
	int n;

	if (ticket_qr_make(text, &qr))
		return json_null();
	n = qr.size + 8;
	if ((f = open_memstream(&buf, &len))) {
		fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 "
		    "0 %d %d\" shape-rendering=\"crispEdges\"><rect width=\"%d\" "
		    "height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"", n, n,
		    n, n);
		for (int y = 0; y < qr.size; y++)
			for (int x = 0; x < qr.size; x++)
				if (qr.mod[y * qr.size + x])
					fprintf(f, "M%d %dh1v1h-1z", x + 4, y + 4);
		fputs("\"/></svg>", f);
		if (!fclose(f))
			j = json_string(buf);
		free(buf);
	}
	ticket_qr_free(&qr);
	return j ? j : json_null();
}

/* "come now" or "come by 10.40" for a remote ticket estimated est_wait_s
 * from now, by the core's rule with the outlet's [remote] come_min (its
 * answer says it; the default when an older antri-sync does not); null
 * when the wait is unknown. */
static json_t *
come(int est_wait_s, int come_min)
{
	struct q_remote_rules rules;
	struct q_ticket t;
	int64_t by_ms;
	int now;

	memset(&t, 0, sizeof t);
	t.state = Q_EXPECTED;
	t.est_wait_s = est_wait_s;
	q_remote_defaults(&rules);
	if (come_min > 0)
		rules.come_min = come_min;
	now = queue_remote_come(&t, &rules, http_wall_ms(), &by_ms);
	return cz_come(now, by_ms);
}

json_t *
cz_come(int now, int64_t by_ms)
{
	char id[128], en[128], by[16] = "";

	if (!now && !by_ms)
		return json_null();
	if (!now)
		i18n_hhmm(LANG_EN, by_ms, by, sizeof by);
	return json_pack("{s:b,s:s,s:s,s:s}", "now", now, "by", by, "id",
	    i18n_come(LANG_ID, now, by_ms, id, sizeof id), "en",
	    i18n_come(LANG_EN, now, by_ms, en, sizeof en));
}

/* ---- the routes ----------------------------------------------------------- */

/* Only the body's fields named in allowed (NULL-ended); 1, or 0 with
 * the 422 answer in *ret: a field we do not ask for (a NIK) is refused,
 * not stored. */
static int
fields_ok(struct http_req *r, json_t *body, const char *const *allowed,
          enum MHD_Result *ret)
{
	const char *key;
	json_t *v;
	char msg[160];

	json_object_foreach(body, key, v) {
		const char *const *a = allowed;

		while (*a && strcmp(*a, key))
			a++;
		if (!*a) {
			snprintf(msg, sizeof msg, "unknown field '%.40s' (no "
			    "NIK or other personal data is asked for)", key);
			*ret = http_error(r, 422, "invalid_value", msg);
			return 0;
		}
		if (!json_is_string(v)) {
			snprintf(msg, sizeof msg, "'%.40s' is a string", key);
			*ret = http_error(r, 422, "invalid_value", msg);
			return 0;
		}
	}
	return 1;
}

static enum MHD_Result
busy(struct http_req *r)
{
	return http_refuse(r, 503, "busy", NULL, i18n_w(LANG_ID, W_CZ_BUSY),
	    i18n_w(LANG_EN, W_CZ_BUSY));
}

/* What both POSTs do before asking: the body's service, the outlet, the
 * address's count.  1 when it may ask. */
static int
before_asking(struct http_req *r, cdb *db, const char *office, json_t *body,
              const char *const *allowed, char *svc, struct outlet *o,
              enum MHD_Result *ret)
{
	int wait, rc;

	snprintf(r->actor, sizeof r->actor, "citizen@%.50s", r->addr);
	if (!fields_ok(r, body, allowed, ret))
		return 0;
	if (!(*svc = central_service(json_string_value(json_object_get(body,
	    "service")))) || *svc != json_string_value(json_object_get(body,
	    "service"))[0]) {
		*ret = http_error(r, 422, "invalid_value", "service must be a "
		    "service's code, one letter A-Z");
		return 0;
	}
	if (!outlet_get(r, db, office, *svc, o, ret))
		return 0;
	if (!o->online) {
		*ret = offline(r, db, office, *svc);
		return 0;
	}
	/* counted in the database: every server behind a proxy the same */
	if ((rc = cdb_citizen_ask(db, r->addr, 3600, CZ_PER_HOUR, &wait))) {
		*ret = ch_db_error(r, db, rc);
		return 0;
	}
	if (wait > 0) {
		*ret = too_many(r, wait);
		return 0;
	}
	return 1;
}

/* The outcome the asker brought back: the server stopping, the
 * database's failure, the outlet's refusal or silence (1 with the
 * answer in *ret), or 0 to answer j->a. */
static int
after_asking(struct http_req *r, cdb *db, const struct cask_job *j,
             enum MHD_Result *ret)
{
	if (j->rc == CASK_STOPPED) {
		*ret = busy(r);
		return 1;
	}
	if (j->rc == CDB_ENOOFFICE) {
		*ret = http_error(r, 404, "no_outlet", "no such outlet");
		return 1;
	}
	if (j->rc) {
		/* the database's own words may quote what was sent (a phone
		 * number): the citizen hears only that it failed (the asker
		 * dropped its broken connection) */
		*ret = http_error(r, 503, "database_error", "the central "
		    "database did not answer; try again in a moment");
		return 1;
	}
	if (j->a.error == Q_EOFFLINE) {
		*ret = offline(r, db, j->office, j->service);
		return 1;
	}
	if (j->a.error) {
		*ret = refuse(r, j->a.error, NULL);
		return 1;
	}
	return 0;
}

/* The handler's second call, the request resumed by its asker: the
 * number or the slot, the code and its QR. */
static enum MHD_Result
answer(struct http_req *r, cdb *db, const struct cask_job *j)
{
	enum MHD_Result ret;
	char svcs[2] = { j->service, 0 }, link[16 + CASK_VIEW_LEN];
	json_t *o;

	/* the token after the '#': a browser never sends it to a server */
	snprintf(link, sizeof link, "/ticket#%s", j->view);
	if (!cask_done(j))
		return busy(r);
	if (after_asking(r, db, j, &ret))
		return ret;
	o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:o}", "office", j->office,
	    "outlet", j->outlet, "service", svcs, "code", j->a.code, "qr",
	    j->a.qr, "qr_svg", qr_svg(j->a.qr));
	if (o && j->booking)
		json_object_update_new(o, json_pack("{s:s,s:s}", "slot",
		    j->a.slot, "link", link));
	else if (o)
		json_object_update_new(o, json_pack("{s:s,s:i,s:i,s:o,s:s}",
		    "number", j->a.number, "people_ahead", j->a.people_ahead,
		    "est_wait_s", j->a.est_wait_s, "come",
		    come(j->a.est_wait_s, j->a.come_min), "link", link));
	return http_json(r, 200, o);
}

static char *
dup_or_null(const char *s, int *failed)
{
	char *d;

	if (!s)
		return NULL;
	if (!(d = strdup(s)))
		*failed = 1;
	return d;
}

/* A remote ticket's or a booking's link's token into out: 0, or -1
 * without random numbers. */
static int
view_token(char out[CASK_VIEW_LEN + 1])
{
	unsigned char raw[CASK_VIEW_LEN / 2];

	if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
		return -1;
	for (size_t i = 0; i < sizeof raw; i++)
		snprintf(out + 2 * i, 3, "%02x", raw[i]);
	return 0;
}

/* Ask office for a remote ticket (slot NULL) or a booking of slot: once
 * checked, the request is held and goes to an asker (answer() sends
 * what came back); 503 busy when the askers' queue is full. */
static enum MHD_Result
ask(struct http_req *r, cdb *db, const char *office, json_t *body,
    const char *const *allowed, const char *slot, const char *name,
    const char *phone, const char *lang)
{
	struct cask_job *j;
	struct outlet o;
	enum MHD_Result ret;
	int failed = 0;
	char svc;

	memset(&o, 0, sizeof o);
	if (!before_asking(r, db, office, body, allowed, &svc, &o, &ret))
		goto out;
	if (!(j = calloc(1, sizeof *j))) {
		ret = busy(r);
		goto out;
	}
	j->r = r;
	snprintf(j->office, sizeof j->office, "%s", office);
	snprintf(j->outlet, sizeof j->outlet, "%s", o.name);
	j->service = svc;
	j->booking = slot != NULL;
	j->slot = dup_or_null(slot, &failed);
	j->name = dup_or_null(name, &failed);
	j->phone = dup_or_null(phone, &failed);
	snprintf(j->lang, sizeof j->lang, "%s", lang ? lang : "");
	if (view_token(j->view))
		failed = 1;
	r->user = j;
	r->user_free = cask_free;
	if (failed || cask_submit(j)) {
		r->user = NULL;
		r->user_free = NULL;
		cask_free(j);
		ret = busy(r);
		goto out;
	}
	ret = MHD_YES;
out:
	json_decref(o.state);
	return ret;
}

/* The reminders' phone and language of a remote ticket or a booking
 * (an empty phone is one not given): 1, or 0 with the refusal sent in
 * *ret.  The reason names the field, never its value. */
static int
phone_ok(struct http_req *r, json_t *body, const char **phone,
         const char **lang, enum MHD_Result *ret)
{
	*phone = json_string_value(json_object_get(body, "phone"));
	*lang = json_string_value(json_object_get(body, "lang"));
	if (*phone && !**phone)
		*phone = NULL;
	/* a number a person typed wrong: the sentence in both languages,
	 * for the page to show (the rule lives in the core, q_phone_valid) */
	if (*phone && !q_phone_valid(*phone)) {
		json_t *e = http_refusal("invalid_value", NULL, i18n_w(LANG_ID,
		    W_CZ_BAD_PHONE), i18n_w(LANG_EN, W_CZ_BAD_PHONE));

		if (e)
			json_object_set_new(e, "field", json_string("phone"));
		*ret = http_json(r, 422, json_pack("{s:o}", "error", e));
		return 0;
	}
	if (*lang && strcmp(*lang, "id") && strcmp(*lang, "en")) {
		*ret = http_error(r, 422, "invalid_value", "lang: id or en");
		return 0;
	}
	return 1;
}

enum MHD_Result
cz_remote(struct http_req *r, cdb *db, const char *office, json_t *body)
{
	static const char *const allowed[] = { "service", "phone", "lang",
		NULL };
	const char *phone, *lang;
	enum MHD_Result ret;

	if (r->user)
		return answer(r, db, r->user);
	snprintf(r->actor, sizeof r->actor, "citizen@%.50s", r->addr);
	if (!fields_ok(r, body, allowed, &ret) ||
	    !phone_ok(r, body, &phone, &lang, &ret))
		return ret;
	return ask(r, db, office, body, allowed, NULL, NULL, phone, lang);
}

enum MHD_Result
cz_book(struct http_req *r, cdb *db, const char *office, json_t *body)
{
	static const char *const allowed[] = { "service", "slot", "name",
		"phone", "lang", NULL };
	const char *slot = json_string_value(json_object_get(body, "slot"));
	const char *name = json_string_value(json_object_get(body, "name"));
	const char *phone, *lang, *bad;
	enum MHD_Result ret;

	if (r->user)
		return answer(r, db, r->user);
	/* an empty field is one not given */
	name = name && *name ? name : NULL;
	snprintf(r->actor, sizeof r->actor, "citizen@%.50s", r->addr);
	if (!fields_ok(r, body, allowed, &ret) ||
	    !phone_ok(r, body, &phone, &lang, &ret))
		return ret;
	/* the reason names the field, never its value */
	if ((bad = central_booking_bad(slot, name, phone)))
		return http_error(r, 422, "invalid_value", bad);
	return ask(r, db, office, body, allowed, slot ? slot : "", name,
	    phone, lang);
}

/* day + n days, both "YYYY-MM-DD" */
static void
day_add(const char *day, int n, char out[11])
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	sscanf(day, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += n;
	tm.tm_hour = 12;
	timegm(&tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* The places booked at "YYYY-MM-DD HH:MM" in the live state's list. */
static int
booked(json_t *list, const char *at)
{
	json_t *b;
	size_t i;

	json_array_foreach(list, i, b)
		if (!strcmp(json_string_value(json_object_get(b, "at")) ?
		    json_string_value(json_object_get(b, "at")) : "", at))
			return (int)json_integer_value(json_object_get(b, "n"));
	return 0;
}

enum MHD_Result
cz_slots(struct http_req *r, cdb *db, const char *office)
{
	const char *sv = http_arg(r, "service"), *day = http_arg(r, "day");
	const char *today;
	char svc = sv ? co_service_arg(sv) : 0, at[32], d[11];
	json_t *s, *rules, *days, *list;
	struct q_slot_rules sr;
	struct outlet o;
	enum MHD_Result ret;
	int64_t starts[24 * 60 / 5];
	int n;

	if (!svc)
		return http_error(r, 400, "bad_parameter", "service is one capital "
		    "letter A-Z (a service's code, e.g. ?service=A)");
	snprintf(at, sizeof at, "%.10s 00:00", day ? day : "");
	if (day && (strlen(day) != 10 || q_slot_parse(at) < 0))
		return http_error(r, 400, "bad_parameter", "day is YYYY-MM-DD, "
		    "e.g. ?day=2026-12-07");
	if (!outlet_get(r, db, office, svc, &o, &ret))
		return ret;
	s = state_service(&o, svc);
	rules = json_object_get(s, "slots");
	today = json_string_value(json_object_get(o.state, "day"));
	if (!json_is_object(rules) || !today || strlen(today) != 10) {
		ret = http_json(r, 200, json_pack("{s:s,s:s%,s:b,s:b,s:[],s:[]}",
		    "office", office, "service", &svc, (size_t)1, "online",
		    o.online, "bookable", 0, "days", "slots"));
		json_decref(o.state);
		return ret;
	}
	sr.length_min = (int)json_integer_value(json_object_get(rules,
	    "length_min"));
	sr.per_slot = (int)json_integer_value(json_object_get(rules,
	    "per_slot"));
	sr.days_ahead = (int)json_integer_value(json_object_get(rules,
	    "days_ahead"));
	sr.from_min = q_hhmm_parse(json_string_value(json_object_get(rules,
	    "from")));
	sr.to_min = q_hhmm_parse(json_string_value(json_object_get(rules,
	    "to")));
	days = json_array();
	for (int i = 0; i <= sr.days_ahead && i <= 90; i++) {
		day_add(today, i, d);
		json_array_append_new(days, json_string(d));
	}
	if (!day)
		day = today;
	/* the slots a booking may take, by the core's rule (queue_book's) */
	n = sr.from_min < 0 || sr.to_min < 0 ? 0 : q_slots_on_day(&sr, day,
	    today, (int64_t)time(NULL) * 1000, starts,
	    (int)(sizeof starts / sizeof starts[0]));
	list = json_array();
	for (int i = 0; i < n; i++) {
		int free_n;

		q_slot_text(starts[i], at);
		free_n = sr.per_slot - booked(json_object_get(rules, "booked"),
		    at);
		json_array_append_new(list, json_pack("{s:s,s:s,s:i}", "slot", at,
		    "time", at + 11, "free", free_n > 0 ? free_n : 0));
	}
	ret = http_json(r, 200, json_pack("{s:s,s:s%,s:b,s:b,s:s,s:i,s:o,s:o}",
	    "office", office, "service", &svc, (size_t)1, "online", o.online,
	    "bookable", 1, "day", day, "length_min", sr.length_min, "days", days,
	    "slots", list));
	json_decref(o.state);
	return ret;
}
