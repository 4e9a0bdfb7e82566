/* api.c - the routes of antri-serve (docs/api.md): match the route,
 * check the request (POST: a matching Origin, a JSON body; then the
 * session and the role), call the queue, answer JSON.  The manager's
 * routes, the clips and the page gate are answered in api_manage.c.  The
 * rules are the core's; a queue error becomes an HTTP error through
 * http_qerror().
 */
#define _GNU_SOURCE
#include "serve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum access { PUBLIC, STAFF, CLERK_COUNTER, MANAGER };

/* ---- JSON of the queue's records --------------------------------------- */

/* The shared documents (qjson.h) plus the API's own members: a ticket's
 * finished_ms, a service's priority; the event's clips. */
static json_t *
ticket_json(const struct q_ticket *t)
{
	json_t *j = qjson_ticket(t);

	if (j && json_object_set_new(j, "finished_ms",
	    json_integer(t->finished_ms))) {
		json_decref(j);
		return NULL;
	}
	return j;
}

int
api_event_private(const struct q_event_rec *e)
{
	return e->kind == QE_USER_ADDED || e->kind == QE_USER_CHANGED ||
	    e->kind == QE_LOGIN_FAILED || e->kind == QE_PIN_FAILED ||
	    e->kind == QE_PIN_CHANGED;
}

json_t *
api_event_json(const struct q_event_rec *e, int public)
{
	json_t *j = qjson_event(e, !public);
	json_t *clips = j ? manage_event_clips(e) : NULL;

	if (clips)
		json_object_set_new(j, "clips", clips);
	return j;
}

static json_t *
service_json(const struct q_service *s)
{
	json_t *j = qjson_service(s);

	if (j && json_object_set_new(j, "priority", json_boolean(s->priority))) {
		json_decref(j);
		return NULL;
	}
	return j;
}

/* A counter; its current ticket with finished_ms. */
static json_t *
counter_json(const struct q_counter *k)
{
	json_t *j = qjson_counter(k);

	if (j && k->has_current && json_object_set_new(j, "current",
	    ticket_json(&k->current))) {
		json_decref(j);
		return NULL;
	}
	return j;
}

static json_t *
list_of(const struct q_status *st, int services)
{
	json_t *a = json_array();

	for (int i = 0; a && i < (services ? st->nservices : st->ncounters); i++)
		json_array_append_new(a, services ?
		    service_json(&st->services[i]) :
		    counter_json(&st->counters[i]));
	return a;
}

/* The same document as `antri --json status` (qjson_status), with the
 * API's members in its services and counters. */
static json_t *
status_json(const struct q_status *st)
{
	json_t *j = qjson_status(st);

	if (j && (json_object_set_new(j, "services", list_of(st, 1)) ||
	    json_object_set_new(j, "counters", list_of(st, 0)))) {
		json_decref(j);
		return NULL;
	}
	return j;
}

/* ---- reading routes ---------------------------------------------------- */

static enum MHD_Result
get_status(struct req *r, int what)
{
	struct q_status *st = malloc(sizeof *st);
	json_t *j = NULL;
	int rc;

	if (!st)
		return MHD_NO;
	if (!(rc = pool_status(st)))
		j = what == 0 ? status_json(st) : what == 1 ?
		    json_pack("{s:o}", "services", list_of(st, 1)) :
		    json_pack("{s:o}", "counters", list_of(st, 0));
	free(st);
	return rc ? http_qerror(r, rc) : http_json(r, 200, j);
}

static int
add_ticket(const struct q_ticket *t, void *ctx)
{
	return json_array_append_new(ctx, ticket_json(t)) ? Q_ENOMEM : 0;
}

static enum MHD_Result
get_tickets(struct req *r)
{
	char day[Q_DAY_MAX];
	json_t *a = json_array();
	queue *q;
	int rc;

	if (!(q = pool_get("web", &rc))) {
		json_decref(a);
		return http_qerror(r, rc);
	}
	q_day_of(queue_now_ms(q), day);
	rc = queue_tickets_foreach(q, day, day, add_ticket, a);
	pool_put(q);
	if (rc) {
		json_decref(a);
		return http_qerror(r, rc);
	}
	return http_json(r, 200, json_pack("{s:s,s:o}", "day", day,
	    "tickets", a));
}

/* A whole number from text; -1 when it is not one. */
static long long
number_of(const char *s)
{
	char *end;
	long long v;

	if (!s || !*s || *s == '-' || *s == '+')
		return -1;
	v = strtoll(s, &end, 10);
	return *end || v < 0 ? -1 : v;
}

/* after=ID from the query or Last-Event-ID; -1 when neither, -2 bad. */
static long long
after_of(struct req *r)
{
	const char *a = http_arg(r, "after");
	const char *h = http_header(r, "Last-Event-ID");

	if (!a && !h)
		return -1;
	return number_of(h ? h : a) < 0 ? -2 : number_of(h ? h : a);
}

static enum MHD_Result
get_events(struct req *r)
{
	struct q_event_rec ev[200];
	long long after = after_of(r);
	json_t *a = json_array();
	queue *q;
	int rc, n = 200;

	if (after == -2) {
		json_decref(a);
		return http_error(r, 422, "invalid_value", "after must be an "
		    "event id (a whole number)");
	}
	if (!(q = pool_get("web", &rc))) {
		json_decref(a);
		return http_qerror(r, rc);
	}
	rc = queue_events_since(q, after < 0 ? 0 : after, ev, &n);
	pool_put(q);
	for (int i = 0; !rc && i < n; i++)
		json_array_append_new(a, api_event_json(&ev[i], 0));
	if (rc) {
		json_decref(a);
		return http_qerror(r, rc);
	}
	return http_json(r, 200, json_pack("{s:o,s:b}", "events", a, "more",
	    n == 200));
}

/* ---- writing routes ---------------------------------------------------- */

/* The queue call of a counter action. */
static int
counter_call(queue *q, const char *act, int n, json_t *body,
             struct q_ticket *t, int *has_ticket)
{
	const char *to;

	*has_ticket = 1;
	if (!strcmp(act, "next"))
		return queue_call_next(q, n, t);
	if (!strcmp(act, "recall"))
		return queue_recall(q, n, t);
	if (!strcmp(act, "done"))
		return queue_done(q, n, t);
	if (!strcmp(act, "noshow"))
		return queue_noshow(q, n, t);
	if (!strcmp(act, "transfer")) {
		to = json_string_value(json_object_get(body, "to"));
		if (!to || strlen(to) != 1)
			return Q_EINVAL;
		return queue_transfer(q, n, *to, t);
	}
	*has_ticket = 0;
	if (!strcmp(act, "services")) {
		to = json_string_value(json_object_get(body, "codes"));
		return to ? queue_counter_set_services(q, n, to) : Q_EINVAL;
	}
	return queue_counter_set_state(q, n, !strcmp(act, "pause") ?
	    Q_COUNTER_PAUSED : !strcmp(act, "close") ? Q_COUNTER_CLOSED :
	    Q_COUNTER_OPEN);
}

/* A press, as the writer thread runs it (batch.c). */
struct press {
	const char *act;
	int n;
	json_t *body;
	struct q_ticket t;
	int has_ticket;
};

static int
press_run(queue *q, void *arg)
{
	struct press *p = arg;

	memset(&p->t, 0, sizeof p->t);
	return counter_call(q, p->act, p->n, p->body, &p->t, &p->has_ticket);
}

/* A counter's press goes into the next group commit with the others. */
static enum MHD_Result
post_counter(struct req *r, const struct q_user *u, int n, const char *act,
             json_t *body)
{
	char actor[Q_ACTOR_MAX];
	struct press p = { act, n, body, { 0 }, 0 };
	int rc;

	snprintf(actor, sizeof actor, "web:%s@counter %d", u->name, n);
	if ((rc = batch_run(actor, press_run, &p)))
		return http_qerror(r, rc);
	return http_json(r, 200, json_pack("{s:i,s:s,s:o}", "counter", n,
	    "action", act, "ticket", p.has_ticket ? ticket_json(&p.t) :
	    json_null()));
}

/* Manager settings without a counter. */
static int
manager_call(queue *q, const char *what, const char *code, json_t *body)
{
	json_t *v;
	int p;

	if (!strcmp(what, "limit")) {
		v = json_object_get(body, "limit");
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > 100000)
			return Q_EINVAL;
		return queue_set_limit(q, (int)json_integer_value(v));
	}
	if (!strcmp(what, "policy")) {
		p = q_policy_parse(json_string_value(json_object_get(body,
		    "policy")));
		return p < 0 ? Q_EINVAL : queue_set_policy(q, (enum q_policy)p);
	}
	if (!strcmp(what, "notice")) {
		v = json_object_get(body, "text");
		return json_is_string(v) ? queue_set_notice(q,
		    json_string_value(v)) : Q_EINVAL;
	}
	/* services/X/open|close|quota */
	if (!code || strlen(code) != 1)
		return Q_ENOSERVICE;
	if (!strcmp(what, "quota")) {
		v = json_object_get(body, "quota");
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > 9999)
			return Q_EINVAL;
		return queue_service_set_quota(q, *code,
		    (int)json_integer_value(v));
	}
	return queue_service_set_open(q, *code, !strcmp(what, "open"));
}

static enum MHD_Result
post_manager(struct req *r, const struct q_user *u, const char *what,
             const char *code, json_t *body)
{
	char actor[Q_ACTOR_MAX];
	queue *q;
	int rc;

	snprintf(actor, sizeof actor, "web:%s", u->name);
	if (!(q = pool_get(actor, &rc)))
		return http_qerror(r, rc);
	pool_write_lock();
	rc = manager_call(q, what, code, body);
	pool_write_unlock();
	pool_put(q);
	if (rc)
		return http_qerror(r, rc);
	return http_json(r, 200, json_pack("{s:b}", "ok", 1));
}

/* ---- routing ----------------------------------------------------------- */

struct route {
	int post;
	enum access access;
	int kind;                /* what to do, see dispatch() */
	int n;                   /* counter number */
	const char *act, *code;
};

enum { R_LOGIN, R_LOGOUT, R_ME, R_STATUS, R_SERVICES, R_COUNTERS,
	R_TICKETS, R_EVENTS, R_STREAM, R_PUBSTREAM, R_COUNTER, R_MANAGER,
	R_USERS, R_USER_POST, R_PIN, R_PRINTER, R_REPORT, R_SERVICE_NAME,
	R_LOCKS, R_LOCKS_LIFT };

static int
one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(s, *list))
			return 1;
	return 0;
}

/* The manager's routes of api_manage.c; 0 when none matches. */
static int
match_manage(char **s, int ns, int post, struct route *rt)
{
	static const char *const reports[] = { "report", "report.csv",
		"report.pdf", NULL };
	static const char *const uact[] = { "disable", "enable", "passwd",
		NULL };

	if (ns == 1 && !strcmp(s[0], "users")) {
		*rt = (struct route){ post, MANAGER, post ? R_USER_POST : R_USERS,
			0, NULL, NULL };
		return 1;
	}
	if (ns == 3 && !strcmp(s[0], "users") && one_of(s[2], uact)) {
		*rt = (struct route){ 1, MANAGER, R_USER_POST, 0, s[2], s[1] };
		return 1;
	}
	if (ns == 3 && !strcmp(s[0], "services") && !strcmp(s[2], "name")) {
		*rt = (struct route){ 1, MANAGER, R_SERVICE_NAME, 0, NULL, s[1] };
		return 1;
	}
	if (ns == 1 && !strcmp(s[0], "pin")) {
		*rt = (struct route){ 1, MANAGER, R_PIN, 0, NULL, NULL };
		return 1;
	}
	/* log-in limits (auth.c): GET locks, POST locks/lift */
	if (ns == 1 && !strcmp(s[0], "locks")) {
		*rt = (struct route){ 0, MANAGER, R_LOCKS, 0, NULL, NULL };
		return 1;
	}
	if (ns == 2 && !strcmp(s[0], "locks") && !strcmp(s[1], "lift")) {
		*rt = (struct route){ 1, MANAGER, R_LOCKS_LIFT, 0, NULL, NULL };
		return 1;
	}
	if (ns == 1 && !strcmp(s[0], "printer")) {
		*rt = (struct route){ 0, MANAGER, R_PRINTER, 0, NULL, NULL };
		return 1;
	}
	for (int i = 0; ns == 1 && reports[i]; i++)
		if (!strcmp(s[0], reports[i])) {
			*rt = (struct route){ 0, MANAGER, R_REPORT, i, NULL, NULL };
			return 1;
		}
	return 0;
}

/* Match the path's segments (after /api/v1/); 0 when no route. */
static int
match(char **s, int ns, int post, struct route *rt)
{
	static const char *const clerk[] = { "next", "recall", "done", "noshow",
		"pause", "resume", "transfer", NULL };
	static const char *const mgr_ctr[] = { "open", "close", "services",
		NULL };
	static const char *const simple[] = { "login", "logout", "me",
		"status", "services", "counters", "tickets", "events", NULL };
	static const char *const svc[] = { "open", "close", "quota", NULL };
	long long n;

	memset(rt, 0, sizeof *rt);
	if (match_manage(s, ns, post, rt))
		return 1;
	if (ns == 1 && one_of(s[0], simple)) {
		static const int kinds[] = { R_LOGIN, R_LOGOUT, R_ME, R_STATUS,
			R_SERVICES, R_COUNTERS, R_TICKETS, R_EVENTS };
		for (int i = 0; simple[i]; i++)
			if (!strcmp(s[0], simple[i]))
				rt->kind = kinds[i];
		rt->post = rt->kind <= R_LOGOUT;
		rt->access = rt->kind <= R_LOGOUT ? PUBLIC : rt->kind <= R_COUNTERS
		    && rt->kind != R_ME ? PUBLIC : STAFF;
		return 1;
	}
	if (ns == 1 && one_of(s[0], (const char *const[]){ "limit", "policy",
	    "notice", NULL })) {
		*rt = (struct route){ 1, MANAGER, R_MANAGER, 0, s[0], NULL };
		return 1;
	}
	if (ns == 2 && !strcmp(s[0], "events") && !strcmp(s[1], "stream")) {
		*rt = (struct route){ 0, STAFF, R_STREAM, 0, NULL, NULL };
		return 1;
	}
	if (ns == 3 && !strcmp(s[0], "public") && !strcmp(s[1], "events") &&
	    !strcmp(s[2], "stream")) {
		*rt = (struct route){ 0, PUBLIC, R_PUBSTREAM, 0, NULL, NULL };
		return 1;
	}
	if (ns == 3 && !strcmp(s[0], "counters") && (n = number_of(s[1])) >= 0 &&
	    n <= 1000000 && (one_of(s[2], clerk) || one_of(s[2], mgr_ctr))) {
		*rt = (struct route){ 1, one_of(s[2], clerk) ? CLERK_COUNTER :
		    MANAGER, R_COUNTER, (int)n, s[2], NULL };
		return 1;
	}
	if (ns == 3 && !strcmp(s[0], "services") && one_of(s[2], svc)) {
		*rt = (struct route){ 1, MANAGER, R_MANAGER, 0, s[2], s[1] };
		return 1;
	}
	return 0;
}

/* A POST must come from our own pages: Origin is this server. */
static int
origin_ok(struct req *r)
{
	const char *o = http_header(r, "Origin");
	const char *h = http_header(r, MHD_HTTP_HEADER_HOST);
	const char *scheme = srv.tls ? "https://" : "http://";
	size_t n = strlen(scheme);

	return o && h && !strncmp(o, scheme, n) && !strcmp(o + n, h);
}

static int
is_json_body(struct req *r)
{
	const char *ct = http_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
	size_t n = strlen("application/json");

	return ct && !strncasecmp(ct, "application/json", n) &&
	    (ct[n] == 0 || ct[n] == ';' || ct[n] == ' ');
}

static enum MHD_Result
dispatch(struct req *r, const struct route *rt, const struct q_user *u,
         json_t *body)
{
	long long after;

	switch (rt->kind) {
	case R_LOGIN: return auth_login(r, body);
	case R_LOGOUT: return auth_logout(r);
	case R_ME: return http_json(r, 200, json_pack("{s:s,s:s}", "name",
	    u->name, "role", q_role_name(u->role)));
	case R_STATUS: return get_status(r, 0);
	case R_SERVICES: return get_status(r, 1);
	case R_COUNTERS: return get_status(r, 2);
	case R_TICKETS: return get_tickets(r);
	case R_EVENTS: return get_events(r);
	case R_STREAM:
	case R_PUBSTREAM:
		if ((after = after_of(r)) == -2)
			return http_error(r, 422, "invalid_value", "after must be "
			    "an event id (a whole number)");
		return sse_respond(r, after, rt->kind == R_PUBSTREAM);
	case R_COUNTER: return post_counter(r, u, rt->n, rt->act, body);
	case R_USERS: return manage_users(r);
	case R_USER_POST: return manage_user_post(r, u, rt->code, rt->act,
	    body);
	case R_PIN: return manage_pin(r, u, body);
	case R_SERVICE_NAME: return manage_service_name(r, u, rt->code, body);
	case R_PRINTER: return manage_printer(r);
	case R_REPORT: return manage_report(r, rt->n);
	case R_LOCKS: return auth_locks(r);
	case R_LOCKS_LIFT: return auth_locks_lift(r, body);
	default: return post_manager(r, u, rt->act, rt->code, body);
	}
}

/* Session and role; 0 when the request may go on. */
static int
allowed(struct req *r, const struct route *rt, struct q_user *u,
        enum MHD_Result *ret)
{
	int rc;

	if (rt->access == PUBLIC && rt->kind != R_LOGOUT)
		return 1;
	rc = auth_user(r, u);
	if (rt->kind == R_LOGOUT)
		return 1;       /* log-out works without a live session too */
	if (rc) {
		*ret = http_qerror(r, rc);
		return 0;
	}
	if (rt->access == MANAGER && u->role != Q_ROLE_MANAGER) {
		*ret = http_error(r, 403, "forbidden", "only a manager may do "
		    "that");
		return 0;
	}
	return 1;
}

enum MHD_Result
api_handle(struct req *r)
{
	char path[512], *seg[8], *save = NULL, *p;
	struct route rt;
	struct q_user u;
	json_t *body = NULL;
	json_error_t jerr;
	enum MHD_Result ret = MHD_NO;
	int ns = 0;

	snprintf(path, sizeof path, "%s", r->path);
	if (strncmp(path, "/api/v1/", 8))
		return http_error(r, 404, "not_found", "no such route");
	for (p = strtok_r(path + 8, "/", &save); p && ns < 8;
	    p = strtok_r(NULL, "/", &save))
		seg[ns++] = p;
	if (ns == 2 && !strcmp(seg[0], "t"))       /* api_ticket.c */
		return api_ticket(r, seg[1]);
	if (!match(seg, ns, !strcmp(r->method, "POST"), &rt))
		return http_error(r, 404, "not_found", "no such route");
	if (strcmp(r->method, rt.post ? "POST" : "GET"))
		return http_error(r, 405, "method_not_allowed", rt.post ?
		    "use POST with a JSON body" : "use GET");
	memset(&u, 0, sizeof u);
	if (rt.post) {
		if (!origin_ok(r))
			return http_error(r, 403, "bad_origin", "a change must "
			    "come from this server's pages (Origin)");
		if (!is_json_body(r))
			return http_error(r, 415, "not_json", "send a JSON body "
			    "(Content-Type: application/json)");
		if (!(body = json_loadb(r->body ? r->body : "", r->len, 0,
		    &jerr)) || !json_is_object(body)) {
			char why[256];     /* jansson's reason: bad UTF-8, ... */

			snprintf(why, sizeof why, "the body is not a JSON object "
			    "in UTF-8%s%s", body ? "" : ": ", body ? "" :
			    jerr.text);
			json_decref(body);
			return http_error(r, 400, "bad_json", why);
		}
	}
	if (allowed(r, &rt, &u, &ret))
		ret = dispatch(r, &rt, &u, body);
	json_decref(body);
	return ret;
}

/* Not /api/: the voice clips, the pages behind a log-in, the rest of the
 * www folder. */
enum MHD_Result
api_page(struct req *r)
{
	enum MHD_Result ret;
	const char *p = r->path;

	if (!strncmp(p, "/clips/", 7))
		return manage_clip(r);
	if ((!strcmp(p, "/manage") || !strcmp(p, "/manage.html")) &&
	    !manage_gate(r, 1, &ret))
		return ret;
	if ((!strcmp(p, "/counter") || !strcmp(p, "/counter.html")) &&
	    !manage_gate(r, 0, &ret))
		return ret;
	return http_page(r);
}
