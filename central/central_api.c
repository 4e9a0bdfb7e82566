/* central_api.c - antri-central's routes and their handlers: the public
 * outlets (page, JSON, live stream, the words), the head office's log-in
 * and its board, drill-down and the admin's actions.  Start at routes[]:
 * who may call a route is its access column (public; staff: any
 * head-office account, "viewer" or "admin"; admin), checked in
 * ca_handle() before the handler runs, with the Origin of every POST.
 *
 * Sessions: the token travels only in the antri_hq cookie (HttpOnly,
 * SameSite=Strict), the central keeps its SHA-256 (cdb_session_*).
 * Log-in limits live in the central database, so every antri-central
 * behind a proxy counts the same tries: an address with Q_USER_TRIES
 * wrong passwords within lock_s waits until the oldest leaves the
 * window (429); no account ever locks; at most HASH_MAX password checks
 * run at once (503 otherwise); an unknown name costs the same hash.
 */
#define _GNU_SOURCE
#include "central_api.h"
#include "central_citizen.h"
#include "central_hqreport.h"
#include "central_live.h"
#include "central_notify.h"
#include "central_outlet.h"
#include "central_ticket.h"
#include "qjson.h"
#include "queue.h"
#include "route.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#define COOKIE "antri_hq"
#define HASH_MAX 2
#define FAIL_DELAY_MS 300
#define CACHE_MS 1000            /* the public list, per service */

static struct ca_opts opt;
static char dummy[256];          /* a hash for a name without an account */

struct call {
	struct http_req *r;
	const struct row *row;
	struct route_args a;
	json_t *body;
	cdb *db;
	char user[Q_USER_MAX], role[16];
};

struct row {
	struct route rt;            /* first: route_find() walks the table */
	enum MHD_Result (*fn)(struct call *c);
};

void
ca_init(const struct ca_opts *o)
{
	opt = *o;
	if (queue_secret_hash("antri-central", dummy, sizeof dummy))
		dummy[0] = 0;
}

static enum MHD_Result
db_error(struct call *c, int rc)
{
	return ch_db_error(c->r, c->db, rc);
}

/* Only the query parameters named in allowed ("service", NULL-ended);
 * 1, or 0 with the 400 answer in *ret. */
static int
args_ok(struct http_req *r, const char *const *allowed, enum MHD_Result *ret);

/* ---- the public side ------------------------------------------------------ */

static enum MHD_Result
h_outlets_page(struct call *c)
{
	return http_page(c->r, "/outlets.html");
}

static enum MHD_Result
h_hq_page(struct call *c)
{
	return http_page(c->r, "/hq.html");
}

/* A file of the pages by its full name: not hidden, with a type. */
static enum MHD_Result
h_file(struct call *c)
{
	const char *name = c->a.value[0];
	char page[ROUTE_ARG_LEN + 1];

	if (name[0] == '.' || !strchr(name, '.'))
		return http_error(c->r, 404, "not_found", "no such file");
	snprintf(page, sizeof page, "/%s", name);
	return http_page(c->r, page);
}

static enum MHD_Result
h_root(struct call *c)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(0, NULL,
	    MHD_RESPMEM_PERSISTENT);

	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Location", "/outlets");
	return http_send(c->r, 302, resp);
}

/* The catalogue for the pages (qjson_words), with the wait formatter's
 * words for 0..WAIT_MINUTES minutes; made once, kept with its gzip. */
#define WAIT_MINUTES 480
static json_t *
make_words(void *ctx)
{
	(void)ctx;
	return qjson_words(opt.lang, WAIT_MINUTES);
}

static enum MHD_Result
h_words(struct call *c)
{
	static struct http_kept kept = HTTP_KEPT_INIT;

	return http_kept_json(c->r, &kept, make_words, NULL,
	    "public, max-age=300");
}

static int
add_public(const struct cdb_outlet *o, void *ctx)
{
	json_array_append_new(ctx, co_public(o));
	return 0;
}

/* The public list for one service ('@': all), built at most once a
 * second per service: 10,000 phones cost the database one query a
 * second, not 10,000. */
static struct cached {
	pthread_mutex_t mu;
	int64_t at;
	char *text, *gz;
	size_t len, gzlen;
} cache['Z' - '@' + 1];
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

static void
cache_init(void)
{
	for (size_t i = 0; i < sizeof cache / sizeof cache[0]; i++)
		pthread_mutex_init(&cache[i].mu, NULL);
}

static enum MHD_Result
h_outlets(struct call *c)
{
	static const char *const allowed[] = { "service", NULL };
	const char *sv = MHD_lookup_connection_value(c->r->c,
	    MHD_GET_ARGUMENT_KIND, "service");
	char code = 0, err[512];
	enum MHD_Result ret;
	struct cached *k;
	int rc;

	if (!args_ok(c->r, allowed, &ret))
		return ret;
	if (sv && !(code = co_service_arg(sv)))
		return http_error(c->r, 400, "bad_parameter", "service is one "
		    "capital letter A-Z (a service's code, e.g. ?service=A)");
	pthread_once(&cache_once, cache_init);
	k = &cache[code ? code - '@' : 0];
	pthread_mutex_lock(&k->mu);
	if (!k->text || http_now_ms() - k->at >= CACHE_MS) {
		json_t *a = json_array(), *doc;

		if (!(c->db = ch_db(err, sizeof err))) {
			pthread_mutex_unlock(&k->mu);
			json_decref(a);
			return http_error(c->r, 503, "database_error", err);
		}
		if ((rc = cdb_outlets(c->db, NULL, add_public, a)) < 0) {
			pthread_mutex_unlock(&k->mu);
			json_decref(a);
			return db_error(c, rc);
		}
		co_for_service(a, code);
		free(k->text);
		free(k->gz);
		k->gz = NULL;
		doc = json_pack("{s:o}", "outlets", a);
		k->text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
		json_decref(doc);
		k->len = k->text ? strlen(k->text) : 0;
		if (k->text)
			http_gzip(k->text, k->len, &k->gz, &k->gzlen);
		k->at = http_now_ms();
	}
	ret = k->text ? http_text(c->r, 200, "application/json; charset=utf-8",
	    k->text, k->len, k->gz, k->gzlen, "no-cache") : MHD_NO;
	pthread_mutex_unlock(&k->mu);
	return ret;
}

/* A staff stream's session, asked again every STAFF_RECHECK_MS from the
 * hub's thread: a log-out on any server, or the session's end, ends the
 * stream; a database that does not answer does not (it is asked again).
 * Like any staff call the check counts as the session's use, so an open
 * board keeps its session. */
#define STAFF_RECHECK_MS 5000
static const char *cookie_token(struct http_req *r);
struct staff_watch {
	char token[65];
	int64_t next_ms;
};

static int
staff_still(void *user)
{
	struct staff_watch *w = user;
	char err[256], name[Q_USER_MAX], role[16];
	int64_t now = http_now_ms();
	cdb *db;
	int rc;

	if (now < w->next_ms)
		return 1;
	w->next_ms = now + STAFF_RECHECK_MS;
	if (!(db = ch_db(err, sizeof err)))
		return 1;
	rc = cdb_session_check(db, w->token, opt.idle_s, opt.max_s, name,
	    sizeof name, role, sizeof role);
	if (rc && rc != CDB_ENOTFOUND)
		ch_db_failed(rc);
	return rc != CDB_ENOTFOUND;
}

static enum MHD_Result
h_stream(struct call *c)
{
	static const char *const none[] = { NULL };
	struct staff_watch *w = NULL;
	enum MHD_Result ret;

	if (!args_ok(c->r, none, &ret))
		return ret;
	if (c->row->rt.access != ROUTE_PUBLIC) {
		/* allowed() checked the token: 64 characters */
		if (!(w = calloc(1, sizeof *w)))
			return http_error(c->r, 503, "busy", "out of memory");
		snprintf(w->token, sizeof w->token, "%s", cookie_token(c->r));
		w->next_ms = http_now_ms() + STAFF_RECHECK_MS;
	}
	return cl_stream(c->r, w ? staff_still : NULL, w);
}

/* a citizen's flow (central_citizen.c) */
static enum MHD_Result
h_citizen_page(struct call *c)
{
	return http_page(c->r, "/citizen.html");
}

static enum MHD_Result
h_slots(struct call *c)
{
	static const char *const allowed[] = { "service", "day", NULL };
	enum MHD_Result ret;
	char err[512];

	if (!args_ok(c->r, allowed, &ret))
		return ret;
	if (!(c->db = ch_db(err, sizeof err)))
		return http_error(c->r, 503, "database_error", err);
	return cz_slots(c->r, c->db, c->a.value[0]);
}

static enum MHD_Result
h_remote(struct call *c)
{
	return cz_remote(c->r, c->db, c->a.value[0], c->body);
}

static enum MHD_Result
h_ticket_page(struct call *c)
{
	return http_page(c->r, "/ticket.html");
}

static enum MHD_Result
h_ticket(struct call *c)
{
	static const char *const none[] = { NULL };
	enum MHD_Result ret;
	char err[512];

	/* the token never in the address: ?t=... is refused */
	if (!args_ok(c->r, none, &ret))
		return ret;
	if (!(c->db = ch_db(err, sizeof err)))
		return http_error(c->r, 503, "database_error", err);
	return ct_ticket(c->r, c->db);
}

static enum MHD_Result
h_book(struct call *c)
{
	return cz_book(c->r, c->db, c->a.value[0], c->body);
}

/* ---- log-in ----------------------------------------------------------------- */

static struct {
	pthread_mutex_t mu;
	int hashing;
} gate = { PTHREAD_MUTEX_INITIALIZER, 0 };

static void
sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

static const char *
cookie_token(struct http_req *r)
{
	return http_cookie(r, COOKIE);
}

static enum MHD_Result
send_cookie(struct call *c, const char *token, json_t *j)
{
	char cookie[256], *text = json_dumps(j, JSON_COMPACT);
	struct MHD_Response *resp;

	json_decref(j);
	if (!text)
		return MHD_NO;
	snprintf(cookie, sizeof cookie, COOKIE "=%s; Path=/; HttpOnly; "
	    "SameSite=Strict; Max-Age=%d", token, token[0] ? opt.max_s : 0);
	resp = MHD_create_response_from_buffer(strlen(text), text,
	    MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(text);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type",
	    "application/json; charset=utf-8");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	MHD_add_response_header(resp, "Set-Cookie", cookie);
	return http_send(c->r, 200, resp);
}

/* A refusal a person reads: the catalogue's sentence w, both languages */
static enum MHD_Result
says(struct call *c, unsigned status, const char *code, enum i18n_word w)
{
	return http_refuse(c->r, status, code, NULL, i18n_w(LANG_ID, w),
	    i18n_w(LANG_EN, w));
}

static enum MHD_Result
h_login(struct call *c)
{
	const char *name = json_string_value(json_object_get(c->body, "name"));
	const char *pw = json_string_value(json_object_get(c->body,
	    "password"));
	char role[16] = "", hash[256] = "", token[65], id[160], en[160];
	unsigned char raw[32];
	int rc, fails, wait, ok;

	if (!name || !pw)
		return http_error(c->r, 422, "invalid_value",
		    "give {\"name\": ..., \"password\": ...}");
	if ((rc = cdb_login_fails(c->db, c->r->addr, opt.lock_s, &fails,
	    &wait)))
		return db_error(c, rc);
	if (fails >= Q_USER_TRIES) {
		wait = wait > 0 ? wait : 1;
		snprintf(id, sizeof id, i18n_w(LANG_ID, W_WEB_LOCKED), wait);
		snprintf(en, sizeof en, i18n_w(LANG_EN, W_WEB_LOCKED), wait);
		return http_refuse(c->r, 429, "too_many_attempts", NULL, id, en);
	}
	pthread_mutex_lock(&gate.mu);
	ok = gate.hashing < HASH_MAX;
	gate.hashing += ok;
	pthread_mutex_unlock(&gate.mu);
	if (!ok)
		return says(c, 503, "busy", W_WEB_BUSY);
	rc = cdb_user_get(c->db, name, role, sizeof role, hash, sizeof hash);
	/* a name without an account costs the same hash */
	ok = queue_secret_matches(pw, rc == CDB_OK ? hash : dummy) &&
	    rc == CDB_OK;
	pthread_mutex_lock(&gate.mu);
	gate.hashing--;
	pthread_mutex_unlock(&gate.mu);
	if (rc != CDB_OK && rc != CDB_ENOTFOUND)
		return db_error(c, rc);
	if (!ok) {
		if ((rc = cdb_login_failed(c->db, c->r->addr)))
			return db_error(c, rc);
		sleep_ms(FAIL_DELAY_MS);
		return http_refuse(c->r, 401, "bad_login", NULL,
		    i18n_error(LANG_ID, Q_ELOGIN), i18n_error(LANG_EN, Q_ELOGIN));
	}
	if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
		return http_error(c->r, 503, "no_random", "no random numbers");
	for (size_t i = 0; i < sizeof raw; i++)
		snprintf(token + 2 * i, 3, "%02x", raw[i]);
	if ((rc = cdb_session_new(c->db, token, name, opt.max_s)))
		return db_error(c, rc);
	snprintf(c->r->actor, sizeof c->r->actor, "%s", name);
	cdb_log(c->db, name, "login", c->r->addr);
	return send_cookie(c, token, json_pack("{s:s,s:s}", "name", name,
	    "role", role));
}

static enum MHD_Result
h_logout(struct call *c)
{
	int rc;

	if ((rc = cdb_session_end(c->db, cookie_token(c->r))))
		return db_error(c, rc);
	cdb_log(c->db, c->user, "logout", c->r->addr);
	return send_cookie(c, "", json_pack("{s:b}", "logged_out", 1));
}

static enum MHD_Result
h_me(struct call *c)
{
	return http_json(c->r, 200, json_pack("{s:s,s:s}", "name", c->user,
	    "role", c->role));
}

/* ---- the head office's board ------------------------------------------------ */

static int
add_board(const struct cdb_outlet *o, void *ctx)
{
	json_array_append_new(ctx, co_board_row(o, opt.long_wait_s));
	return 0;
}

static enum MHD_Result
h_board(struct call *c)
{
	json_t *a = json_array();
	int rc;

	if ((rc = cdb_outlets(c->db, NULL, add_board, a)) < 0) {
		json_decref(a);
		return db_error(c, rc);
	}
	co_board_sort(a);
	return http_json(c->r, 200, json_pack("{s:o,s:i,s:i}", "outlets", a,
	    "long_wait_s", opt.long_wait_s, "online_s", CO_ONLINE_S));
}

static int
take_detail(const struct cdb_outlet *o, void *ctx)
{
	*(json_t **)ctx = co_detail(o);
	return 0;
}

static enum MHD_Result
h_outlet(struct call *c)
{
	json_t *j = NULL;
	int rc;

	if ((rc = cdb_outlets(c->db, c->a.value[0], take_detail, &j)) < 0)
		return db_error(c, rc);
	if (!j)
		return http_error(c->r, 404, "no_outlet", "no such outlet");
	return http_json(c->r, 200, j);
}

static enum MHD_Result
h_flags_clear(struct call *c)
{
	char detail[400];
	int rc, n;

	if ((rc = cdb_flags_clear(c->db, c->a.value[0], &n)))
		return db_error(c, rc);
	snprintf(detail, sizeof detail, "%s: %d cleared", c->a.value[0], n);
	cdb_log(c->db, c->user, "flags clear", detail);
	return http_json(c->r, 200, json_pack("{s:b,s:i}", "ok", 1, "cleared",
	    n));
}

/* the reports across outlets (central_hqreport.c): their parameters */
static enum MHD_Result
h_hq_report(struct call *c)
{
	enum MHD_Result ret;

	if (!args_ok(c->r, chr_params, &ret))
		return ret;
	return chr_report(c->r, c->db, opt.lang, c->a.n ? c->a.value[0] : NULL);
}

/* the head office's outbox: counts and dead reminders, numbers masked */
static enum MHD_Result
h_notify(struct call *c)
{
	json_t *j;
	int rc;

	if (!(j = central_notify_json(c->db, &rc)))
		return db_error(c, rc);
	return http_json(c->r, 200, j);
}

#define PUB ROUTE_PUBLIC
#define STAFF ROUTE_STAFF
#define ADMIN ROUTE_MANAGER
#define V1 "/api/v1/"
static const struct row routes[] = {
	{ { "GET", "/", PUB }, h_root },
	{ { "GET", "/outlets", PUB }, h_outlets_page },
	{ { "GET", "/hq", PUB }, h_hq_page },
	{ { "GET", "/s/{file}", PUB }, h_file },
	{ { "GET", V1 "words", PUB }, h_words },
	{ { "GET", V1 "outlets", PUB }, h_outlets },
	{ { "GET", V1 "outlets/stream", PUB }, h_stream },
	{ { "GET", "/citizen", PUB }, h_citizen_page },
	{ { "GET", V1 "outlets/{id}/slots", PUB }, h_slots },
	{ { "POST", V1 "outlets/{id}/remote", PUB }, h_remote },
	{ { "POST", V1 "outlets/{id}/book", PUB }, h_book },
	{ { "GET", "/ticket", PUB }, h_ticket_page },
	{ { "GET", V1 "ticket", PUB }, h_ticket },
	{ { "POST", V1 "hq/login", PUB }, h_login },
	{ { "POST", V1 "hq/logout", STAFF }, h_logout },
	{ { "GET", V1 "hq/me", STAFF }, h_me },
	{ { "GET", V1 "hq/board", STAFF }, h_board },
	{ { "GET", V1 "hq/stream", STAFF }, h_stream },
	{ { "GET", V1 "hq/outlets/{id}", STAFF }, h_outlet },
	{ { "GET", V1 "hq/notify", STAFF }, h_notify },
	{ { "POST", V1 "hq/outlets/{id}/flags/clear", ADMIN }, h_flags_clear },
	{ { "GET", V1 "hq/report", STAFF }, h_hq_report },
	{ { "GET", V1 "hq/report.csv", STAFF }, h_hq_report },
	{ { "GET", V1 "hq/report.pdf", STAFF }, h_hq_report },
	{ { "GET", V1 "hq/report/chart/{name}", STAFF }, h_hq_report },
};

static const char *
access_name(enum route_access a)
{
	return a == PUB ? "public" : a == STAFF ? "staff" : "admin";
}

void
ca_routes(FILE *f)
{
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
		fprintf(f, "%s %s %s\n", routes[i].rt.method,
		    routes[i].rt.pattern, access_name(routes[i].rt.access));
}

/* ---- a request through the table ---------------------------------------- */

struct argcheck {
	const char *const *allowed;
	const char *bad;
};

static enum MHD_Result
one_arg(void *cls, enum MHD_ValueKind kind, const char *key,
        const char *value)
{
	struct argcheck *k = cls;

	(void)kind;
	(void)value;
	for (const char *const *a = k->allowed; *a; a++)
		if (!strcmp(*a, key))
			return MHD_YES;
	k->bad = key;
	return MHD_NO;
}

static int
args_ok(struct http_req *r, const char *const *allowed, enum MHD_Result *ret)
{
	struct argcheck k = { allowed, NULL };
	char msg[300];
	size_t n;

	MHD_get_connection_values(r->c, MHD_GET_ARGUMENT_KIND, one_arg, &k);
	if (!k.bad)
		return 1;
	n = (size_t)snprintf(msg, sizeof msg, "unknown query parameter "
	    "'%.60s'; this route takes %s", k.bad, allowed[0] ? "" : "none");
	for (const char *const *a = allowed; *a && n < sizeof msg; a++)
		n += (size_t)snprintf(msg + n, sizeof msg - n, "%s%s", a == allowed ?
		    "" : ", ", *a);
	*ret = http_error(r, 400, "bad_parameter", msg);
	return 0;
}

/* The row's access column against the session; 1 when it may go on. */
static int
allowed(struct call *c, enum MHD_Result *ret)
{
	const char *tok = cookie_token(c->r);
	int rc;

	if (c->row->rt.access == PUB)
		return 1;
	if (!tok || strlen(tok) != 64) {
		*ret = http_refuse(c->r, 401, "no_session", NULL,
		    i18n_error(LANG_ID, Q_ENOSESSION), i18n_error(LANG_EN,
		    Q_ENOSESSION));
		return 0;
	}
	rc = cdb_session_check(c->db, tok, opt.idle_s, opt.max_s, c->user,
	    sizeof c->user, c->role, sizeof c->role);
	if (rc == CDB_ENOTFOUND) {
		*ret = http_refuse(c->r, 401, "no_session", "the session "
		    "ended; log in again", i18n_error(LANG_ID, Q_ENOSESSION),
		    i18n_error(LANG_EN, Q_ENOSESSION));
		return 0;
	}
	if (rc) {
		*ret = db_error(c, rc);
		return 0;
	}
	snprintf(c->r->actor, sizeof c->r->actor, "%s", c->user);
	if (c->row->rt.access == ADMIN && strcmp(c->role, "admin")) {
		*ret = says(c, 403, "forbidden", W_WEB_ADMIN_ONLY);
		return 0;
	}
	return 1;
}

enum MHD_Result
ca_handle(struct http_req *r)
{
	struct call c;
	const char *other;
	enum MHD_Result ret = MHD_NO;
	char err[512], path[1024];
	int status;

	memset(&c, 0, sizeof c);
	c.r = r;
	/* HEAD is GET without the body (MHD drops it) */
	snprintf(path, sizeof path, "%s", r->path);
	c.row = route_find(routes, sizeof routes / sizeof routes[0],
	    sizeof routes[0], strcmp(r->method, "HEAD") ? r->method : "GET",
	    path, &c.a, &status, &other);
	if (!c.row)
		return status == 404 ? http_error(r, 404, "not_found", "no such "
		    "route") : http_error(r, 405, "method_not_allowed",
		    !strcmp(other, "POST") ? "use POST with a JSON body" :
		    "use GET");
	/* the database only where a row needs it */
	if (c.row->rt.access != PUB || !strcmp(r->method, "POST")) {
		if (!(c.db = ch_db(err, sizeof err)))
			return http_error(r, 503, "database_error", err);
	}
	if (!strcmp(r->method, "POST") && http_post_json(r, &c.body, &ret))
		goto out;
	/* routes with parameters check them themselves */
	if (c.row->rt.access != PUB && c.row->fn != h_stream &&
	    c.row->fn != h_hq_report) {
		static const char *const none[] = { NULL };

		if (!args_ok(r, none, &ret))
			goto out;
	}
	if (allowed(&c, &ret))
		ret = c.row->fn(&c);
out:
	json_decref(c.body);
	return ret;
}
