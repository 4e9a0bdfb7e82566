/* api.c - the routes of antri-serve (docs/api.md).  Start at the table,
 * routes[]: a row per route, {method, pattern, access} (route.h) with its
 * handler h_* and, for a change, its queue call op_*.  api_handle() finds
 * the row, checks the request (POST: a matching Origin, a JSON body; then
 * the session and the row's access), and calls the handler, which calls
 * the queue and answers JSON.  The manager's accounts, reports, the clips
 * and the page gate are answered in api_manage.c.  The rules are the
 * core's; a queue error becomes an HTTP error through api_qerror().
 */
#define _GNU_SOURCE
#include "serve.h"
#include "route.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


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

/* A wait in both languages, worded by i18n_wait. */
static json_t *
wait_words(int seconds)
{
	char id[64], en[64];

	i18n_wait(LANG_ID, seconds, id, sizeof id);
	i18n_wait(LANG_EN, seconds, en, sizeof en);
	return json_pack("{s:s,s:s}", "id", id, "en", en);
}

static json_t *
service_json(const struct q_service *s)
{
	json_t *j = qjson_service(s);

	if (j && (json_object_set_new(j, "priority", json_boolean(s->priority)) ||
	    json_object_set_new(j, "est_wait", wait_words(s->est_wait_s)))) {
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
get_status(struct http_req *r, int what)
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
	return rc ? api_qerror(r, rc) : http_json(r, 200, j);
}

static int
add_ticket(const struct q_ticket *t, void *ctx)
{
	return json_array_append_new(ctx, ticket_json(t)) ? Q_ENOMEM : 0;
}

static enum MHD_Result
get_tickets(struct http_req *r)
{
	char day[Q_DAY_MAX];
	json_t *a = json_array();
	queue *q;
	int rc;

	if (!(q = pool_get("web", &rc))) {
		json_decref(a);
		return api_qerror(r, rc);
	}
	q_day_of(queue_now_ms(q), day);
	rc = queue_tickets_foreach(q, day, day, add_ticket, a);
	pool_put(q);
	if (rc) {
		json_decref(a);
		return api_qerror(r, rc);
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
after_of(struct http_req *r)
{
	const char *a = http_arg(r, "after");
	const char *h = http_header(r, "Last-Event-ID");

	if (!a && !h)
		return -1;
	return number_of(h ? h : a) < 0 ? -2 : number_of(h ? h : a);
}

static enum MHD_Result
get_events(struct http_req *r)
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
		return api_qerror(r, rc);
	}
	rc = queue_events_since(q, after < 0 ? 0 : after, ev, &n);
	pool_put(q);
	for (int i = 0; !rc && i < n; i++)
		json_array_append_new(a, api_event_json(&ev[i], 0));
	if (rc) {
		json_decref(a);
		return api_qerror(r, rc);
	}
	return http_json(r, 200, json_pack("{s:o,s:b}", "events", a, "more",
	    n == 200));
}

/* ---- writing routes ---------------------------------------------------- */

/* What a POST route's row does to the queue: op_* below.  A counter's
 * press fills t and says has_ticket; a setting only answers. */
struct op_ctx {
	int n;                   /* counter number */
	const char *code;        /* a service's code, as sent */
	json_t *body;
	struct q_ticket t;
	int has_ticket;
};
typedef int (*api_op)(queue *q, struct op_ctx *x);

static int
op_next(queue *q, struct op_ctx *x)
{
	x->has_ticket = 1;
	return queue_call_next(q, x->n, &x->t);
}

static int
op_recall(queue *q, struct op_ctx *x)
{
	x->has_ticket = 1;
	return queue_recall(q, x->n, &x->t);
}

static int
op_done(queue *q, struct op_ctx *x)
{
	x->has_ticket = 1;
	return queue_done(q, x->n, &x->t);
}

static int
op_noshow(queue *q, struct op_ctx *x)
{
	x->has_ticket = 1;
	return queue_noshow(q, x->n, &x->t);
}

static int
op_transfer(queue *q, struct op_ctx *x)
{
	const char *to = json_string_value(json_object_get(x->body, "to"));

	x->has_ticket = 1;
	if (!to || strlen(to) != 1)
		return Q_EINVAL;
	return queue_transfer(q, x->n, *to, &x->t);
}

static int
op_counter_services(queue *q, struct op_ctx *x)
{
	const char *codes = json_string_value(json_object_get(x->body,
	    "codes"));

	return codes ? queue_counter_set_services(q, x->n, codes) : Q_EINVAL;
}

static int
op_pause(queue *q, struct op_ctx *x)
{
	return queue_counter_set_state(q, x->n, Q_COUNTER_PAUSED);
}

static int
op_resume(queue *q, struct op_ctx *x)      /* resume and open */
{
	return queue_counter_set_state(q, x->n, Q_COUNTER_OPEN);
}

static int
op_counter_close(queue *q, struct op_ctx *x)
{
	return queue_counter_set_state(q, x->n, Q_COUNTER_CLOSED);
}

static int
op_limit(queue *q, struct op_ctx *x)
{
	json_t *v = json_object_get(x->body, "limit");

	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > 100000)
		return Q_EINVAL;
	return queue_set_limit(q, (int)json_integer_value(v));
}

static int
op_policy(queue *q, struct op_ctx *x)
{
	int p = q_policy_parse(json_string_value(json_object_get(x->body,
	    "policy")));

	return p < 0 ? Q_EINVAL : queue_set_policy(q, (enum q_policy)p);
}

static int
op_notice(queue *q, struct op_ctx *x)
{
	json_t *v = json_object_get(x->body, "text");

	return json_is_string(v) ? queue_set_notice(q, json_string_value(v)) :
	    Q_EINVAL;
}

/* services/X/...: X must be one character */
static int
op_quota(queue *q, struct op_ctx *x)
{
	json_t *v = json_object_get(x->body, "quota");

	if (strlen(x->code) != 1)
		return Q_ENOSERVICE;
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > 9999)
		return Q_EINVAL;
	return queue_service_set_quota(q, *x->code, (int)json_integer_value(v));
}

static int
op_service_open(queue *q, struct op_ctx *x)
{
	return strlen(x->code) != 1 ? Q_ENOSERVICE :
	    queue_service_set_open(q, *x->code, 1);
}

static int
op_service_close(queue *q, struct op_ctx *x)
{
	return strlen(x->code) != 1 ? Q_ENOSERVICE :
	    queue_service_set_open(q, *x->code, 0);
}

/* ---- the handlers: one per kind of row ------------------------------- */

struct api_route;

/* A request that matched a row: what every handler gets. */
struct call {
	struct http_req *r;
	const struct api_route *row;
	struct route_args a;
	struct q_user u;         /* the session's account (not for PUBLIC) */
	json_t *body;            /* a POST's JSON object, else NULL */
};
typedef enum MHD_Result (*api_fn)(struct call *c);

/* A row of antri-serve's table: the route, its handler, and for the
 * writing rows the queue call and the action's name in the answer. */
struct api_route {
	struct route rt;
	api_fn fn;
	api_op op;
	const char *act;
};

static enum MHD_Result
h_login(struct call *c)
{
	return auth_login(c->r, c->body);
}

/* Log-out works without a live session too; the account, when there is
 * one, names the request in the log. */
static enum MHD_Result
h_logout(struct call *c)
{
	auth_user(c->r, &c->u);
	return auth_logout(c->r);
}

static enum MHD_Result
h_me(struct call *c)
{
	return http_json(c->r, 200, json_pack("{s:s,s:s}", "name", c->u.name,
	    "role", q_role_name(c->u.role)));
}

static enum MHD_Result
h_status(struct call *c)
{
	return get_status(c->r, 0);
}

static enum MHD_Result
h_services(struct call *c)
{
	return get_status(c->r, 1);
}

static enum MHD_Result
h_counters(struct call *c)
{
	return get_status(c->r, 2);
}

/* The catalogue (i18n.h) for the pages: {"lang": the office's,
 * "id": {key: sentence}, "en": {...}}.  The same for every request of a
 * run, so a browser may keep it a while. */
static json_t *
make_words(void *ctx)
{
	(void)ctx;
	return qjson_words(i18n_parse(config_str(srv.cfg, "office", "language",
	    "id")), 0);
}

static enum MHD_Result
h_words(struct call *c)
{
	static struct http_kept kept = HTTP_KEPT_INIT;

	return http_kept_json(c->r, &kept, make_words, NULL, "max-age=300");
}

static enum MHD_Result
h_tickets(struct call *c)
{
	return get_tickets(c->r);
}

static enum MHD_Result
h_events(struct call *c)
{
	return get_events(c->r);
}

static enum MHD_Result
stream(struct call *c, int public)
{
	long long after = after_of(c->r);

	if (after == -2)
		return http_error(c->r, 422, "invalid_value", "after must be "
		    "an event id (a whole number)");
	return sse_respond(c->r, after, public);
}

static enum MHD_Result
h_stream(struct call *c)
{
	return stream(c, 0);
}

static enum MHD_Result
h_pubstream(struct call *c)
{
	return stream(c, 1);
}

static enum MHD_Result
h_ticket(struct call *c)
{
	return api_ticket(c->r, c->a.value[0]);
}

/* A counter's press, as the writer thread runs it (batch.c); the
 * request is held meanwhile (http_suspend) and answered when resumed. */
struct press {
	api_op op;
	struct op_ctx x;
	const char *act;
	struct http_req *r;
	int rc;
};

static int
press_run(queue *q, void *arg)
{
	struct press *p = arg;

	memset(&p->x.t, 0, sizeof p->x.t);
	p->x.has_ticket = 0;
	return p->op(q, &p->x);
}

/* On the writer thread, once the press is on disk (or failed). */
static void
press_done(void *arg, int rc)
{
	struct press *p = arg;

	p->rc = rc;
	http_resume(p->r);
}

static void
press_free(void *arg)
{
	struct press *p = arg;

	json_decref(p->x.body);
	free(p);
}

/* The held press's answer, when its request is resumed. */
static enum MHD_Result
press_answer(struct http_req *r)
{
	struct press *p = r->user;

	if (p->rc)
		return api_qerror(r, p->rc);
	return http_json(r, 200, json_pack("{s:i,s:s,s:o}", "counter", p->x.n,
	    "action", p->act, "ticket", p->x.has_ticket ?
	    ticket_json(&p->x.t) : json_null()));
}

/* POST counters/N/ACT: into the next group commit with the others; the
 * request waits for it off the server's threads. */
static enum MHD_Result
h_counter(struct call *c)
{
	char actor[Q_ACTOR_MAX];
	struct press *p = calloc(1, sizeof *p);
	int rc;

	if (!p)
		return MHD_NO;
	p->op = c->row->op;
	p->x.n = (int)c->a.num[0];
	p->x.body = json_incref(c->body);
	p->act = c->row->act;
	p->r = c->r;
	c->r->user = p;
	c->r->user_free = press_free;
	snprintf(actor, sizeof actor, "web:%s@counter %d", c->u.name, p->x.n);
	http_suspend(c->r);
	if ((rc = batch_submit(actor, press_run, press_done, p)))
		press_done(p, rc);
	return MHD_YES;
}

/* A manager's setting (limit, policy, notice, services/X/...). */
static enum MHD_Result
h_setting(struct call *c)
{
	char actor[Q_ACTOR_MAX];
	struct op_ctx x = { 0, c->a.n ? c->a.value[0] : NULL, c->body, { 0 },
		0 };
	queue *q;
	int rc;

	snprintf(actor, sizeof actor, "web:%s", c->u.name);
	if (!(q = pool_get(actor, &rc)))
		return api_qerror(c->r, rc);
	pool_write_lock();
	rc = c->row->op(q, &x);
	pool_write_unlock();
	pool_put(q);
	if (rc)
		return api_qerror(c->r, rc);
	return http_json(c->r, 200, json_pack("{s:b}", "ok", 1));
}

/* The manager's routes of api_manage.c. */
static enum MHD_Result
h_users(struct call *c)
{
	return manage_users(c->r);
}

static enum MHD_Result
h_user_add(struct call *c)
{
	return manage_user_post(c->r, &c->u, NULL, NULL, c->body);
}

static enum MHD_Result
h_user(struct call *c)
{
	return manage_user_post(c->r, &c->u, c->a.value[0], c->row->act,
	    c->body);
}

static enum MHD_Result
h_pin(struct call *c)
{
	return manage_pin(c->r, &c->u, c->body);
}

static enum MHD_Result
h_service_name(struct call *c)
{
	return manage_service_name(c->r, &c->u, c->a.value[0], c->body);
}

static enum MHD_Result
h_printer(struct call *c)
{
	return manage_printer(c->r);
}

static enum MHD_Result
h_report(struct call *c)
{
	return manage_report(c->r, REP_JSON);
}

static enum MHD_Result
h_report_csv(struct call *c)
{
	return manage_report(c->r, REP_CSV);
}

static enum MHD_Result
h_report_pdf(struct call *c)
{
	return manage_report(c->r, REP_PDF);
}

/* The log-in limits of auth.c: who waits, and lifting it. */
static enum MHD_Result
h_locks(struct call *c)
{
	return auth_locks(c->r);
}

/* The reminders' outbox: what a manager must see of it. */
static enum MHD_Result
h_notify(struct call *c)
{
	return manage_notify(c->r);
}

static enum MHD_Result
h_locks_lift(struct call *c)
{
	return auth_locks_lift(c->r, c->body);
}

static enum MHD_Result
h_report_chart(struct call *c)
{
	return manage_report_chart(c->r, c->a.value[0]);
}

/* Remote tickets (api_remote.c): a phone takes one or gives it back, a
 * clerk checks one in. */
static enum MHD_Result
h_take(struct call *c)
{
	return api_take(c->r, c->body);
}

static enum MHD_Result
h_remote_cancel(struct call *c)
{
	return api_remote_cancel(c->r, c->a.value[0], c->body);
}

static enum MHD_Result
h_checkin(struct call *c)
{
	return api_checkin(c->r, &c->u, c->body);
}

/* ---- the table ----------------------------------------------------------- */

#define V1 "/api/v1/"
#define PUB ROUTE_PUBLIC
#define STAFF ROUTE_STAFF
#define MGR ROUTE_MANAGER

/* Every route of /api/v1 (docs/api.md).  Who may call it is its third
 * column; a path that fits a row of another method is 405, the first
 * such row's method named. */
static const struct api_route routes[] = {
	{ { "POST", V1 "login", PUB }, h_login, NULL, NULL },
	{ { "POST", V1 "logout", PUB }, h_logout, NULL, NULL },
	{ { "GET", V1 "me", STAFF }, h_me, NULL, NULL },
	{ { "GET", V1 "status", PUB }, h_status, NULL, NULL },
	{ { "GET", V1 "services", PUB }, h_services, NULL, NULL },
	{ { "GET", V1 "counters", PUB }, h_counters, NULL, NULL },
	{ { "GET", V1 "words", PUB }, h_words, NULL, NULL },
	{ { "GET", V1 "tickets", STAFF }, h_tickets, NULL, NULL },
	{ { "GET", V1 "events", STAFF }, h_events, NULL, NULL },
	{ { "GET", V1 "events/stream", STAFF }, h_stream, NULL, NULL },
	{ { "GET", V1 "public/events/stream", PUB }, h_pubstream, NULL, NULL },
	{ { "GET", V1 "t/{token}", PUB }, h_ticket, NULL, NULL },
	{ { "POST", V1 "take", PUB }, h_take, NULL, NULL },
	{ { "POST", V1 "t/{token}/cancel", PUB }, h_remote_cancel, NULL, NULL },

	{ { "POST", V1 "counters/{n:num}/next", STAFF }, h_counter, op_next,
		"next" },
	{ { "POST", V1 "counters/{n:num}/recall", STAFF }, h_counter, op_recall,
		"recall" },
	{ { "POST", V1 "counters/{n:num}/done", STAFF }, h_counter, op_done,
		"done" },
	{ { "POST", V1 "counters/{n:num}/noshow", STAFF }, h_counter, op_noshow,
		"noshow" },
	{ { "POST", V1 "counters/{n:num}/pause", STAFF }, h_counter, op_pause,
		"pause" },
	{ { "POST", V1 "counters/{n:num}/resume", STAFF }, h_counter, op_resume,
		"resume" },
	{ { "POST", V1 "counters/{n:num}/transfer", STAFF }, h_counter,
		op_transfer, "transfer" },
	{ { "POST", V1 "counters/{n:num}/open", MGR }, h_counter, op_resume,
		"open" },
	{ { "POST", V1 "counters/{n:num}/close", MGR }, h_counter,
		op_counter_close, "close" },
	{ { "POST", V1 "counters/{n:num}/services", MGR }, h_counter,
		op_counter_services, "services" },
	{ { "POST", V1 "checkin", STAFF }, h_checkin, NULL, NULL },

	{ { "POST", V1 "limit", MGR }, h_setting, op_limit, NULL },
	{ { "POST", V1 "policy", MGR }, h_setting, op_policy, NULL },
	{ { "POST", V1 "notice", MGR }, h_setting, op_notice, NULL },
	{ { "POST", V1 "services/{code}/open", MGR }, h_setting,
		op_service_open, NULL },
	{ { "POST", V1 "services/{code}/close", MGR }, h_setting,
		op_service_close, NULL },
	{ { "POST", V1 "services/{code}/quota", MGR }, h_setting, op_quota,
		NULL },
	{ { "POST", V1 "services/{code}/name", MGR }, h_service_name, NULL,
		NULL },

	{ { "GET", V1 "users", MGR }, h_users, NULL, NULL },
	{ { "POST", V1 "users", MGR }, h_user_add, NULL, NULL },
	{ { "POST", V1 "users/{name}/disable", MGR }, h_user, NULL, "disable" },
	{ { "POST", V1 "users/{name}/enable", MGR }, h_user, NULL, "enable" },
	{ { "POST", V1 "users/{name}/passwd", MGR }, h_user, NULL, "passwd" },
	{ { "POST", V1 "pin", MGR }, h_pin, NULL, NULL },
	{ { "GET", V1 "locks", MGR }, h_locks, NULL, NULL },
	{ { "POST", V1 "locks/lift", MGR }, h_locks_lift, NULL, NULL },
	{ { "GET", V1 "printer", MGR }, h_printer, NULL, NULL },
	{ { "GET", V1 "notify", MGR }, h_notify, NULL, NULL },
	{ { "GET", V1 "report", MGR }, h_report, NULL, NULL },
	{ { "GET", V1 "report.csv", MGR }, h_report_csv, NULL, NULL },
	{ { "GET", V1 "report.pdf", MGR }, h_report_pdf, NULL, NULL },
	{ { "GET", V1 "report/chart/{name}", MGR }, h_report_chart, NULL,
		NULL },
};

/* A page outside /api/v1 that is not just a file of the www folder: its
 * route, and the file it serves (NULL: fn answers). */
struct page_route {
	struct route rt;
	const char *file;
	enum MHD_Result (*fn)(struct http_req *r);
};

/* Who may open a page is its access column, as for the API; a refusal is
 * a page (302 to the log-in with the way back, or 403), not JSON
 * (manage_gate).  Any other path is a file of the www folder, public. */
static const struct page_route pages[] = {
	{ { "GET", "/manage", MGR }, "/manage.html", NULL },
	{ { "GET", "/manage.html", MGR }, "/manage.html", NULL },
	{ { "GET", "/counter", STAFF }, "/counter.html", NULL },
	{ { "GET", "/counter.html", STAFF }, "/counter.html", NULL },
	/* a ticket's page: one page that reads the token from its address
	 * (api_ticket.c answers for it) */
	{ { "GET", "/t/{token}", PUB }, "/ticket.html", NULL },
	/* the voice clips of the browser's TV page */
	{ { "GET", "/clips/{file}", PUB }, NULL, manage_clip },
	{ { "GET", "/clips/{voice}/{file}", PUB }, NULL, manage_clip },
};

void
api_routes_print(FILE *f)
{
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
		fprintf(f, "%s %s %s\n", routes[i].rt.method, routes[i].rt.pattern,
		    route_access_name(routes[i].rt.access));
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++)
		fprintf(f, "%s %s %s\n", pages[i].rt.method, pages[i].rt.pattern,
		    route_access_name(pages[i].rt.access));
}

/* ---- a request through the table ----------------------------------------- */

/* The row's access column against the session; 1 when it may go on. */
static int
allowed(struct call *c, enum MHD_Result *ret)
{
	int rc;

	if (c->row->rt.access == ROUTE_PUBLIC)
		return 1;
	if ((rc = auth_user(c->r, &c->u))) {
		*ret = api_qerror(c->r, rc);
		return 0;
	}
	if (c->row->rt.access == ROUTE_MANAGER &&
	    c->u.role != Q_ROLE_MANAGER) {
		*ret = api_refuse(c->r, 403, "forbidden", W_WEB_MANAGER_ONLY);
		return 0;
	}
	return 1;
}

enum MHD_Result
api_handle(struct http_req *r)
{
	struct call *c = calloc(1, sizeof *c);
	const char *other;
	enum MHD_Result ret = MHD_NO;
	int status;

	if (!c)
		return MHD_NO;
	if (r->user) {                /* a held press, resumed */
		free(c);
		return press_answer(r);
	}
	c->r = r;
	c->row = route_find(routes, sizeof routes / sizeof routes[0],
	    sizeof routes[0], r->method, r->path, &c->a, &status, &other);
	if (!c->row)
		ret = status == 404 ? http_error(r, 404, "not_found", "no such "
		    "route") : http_error(r, 405, "method_not_allowed",
		    !strcmp(other, "POST") ? "use POST with a JSON body" :
		    "use GET");
	else if (strcmp(r->method, "POST") || !http_post_json(r, &c->body, &ret))
		if (allowed(c, &ret))
			ret = c->row->fn(c);
	json_decref(c->body);
	free(c);
	return ret;
}

/* Not /api/: a row of pages[] when one fits, else a file of the www
 * folder. */
enum MHD_Result
api_page(struct http_req *r)
{
	const struct page_route *p;
	struct route_args a;
	enum MHD_Result ret;
	const char *other;
	int status;

	p = route_find(pages, sizeof pages / sizeof pages[0], sizeof pages[0],
	    strcmp(r->method, "HEAD") ? r->method : "GET", r->path, &a,
	    &status, &other);
	if (!p)
		return status == 405 ? http_error(r, 405, "method_not_allowed",
		    "use GET") : http_page(r, NULL);
	if (p->rt.access != ROUTE_PUBLIC && !manage_gate(r,
	    p->rt.access == ROUTE_MANAGER, &ret))
		return ret;
	return p->fn ? p->fn(r) : http_page(r, p->file);
}
