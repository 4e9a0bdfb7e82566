/* api_manage.c - the manager's routes of antri-serve (docs/api.md): staff
 * accounts, the kiosk PIN, a service's names, the printer's state, the
 * report as JSON, CSV and PDF and its charts as SVG; and beside them the voice clips of /display, the clip names of
 * an event, and the gate of the pages that need a log-in (/manage,
 * /counter).  api.c matches the routes and checks role and Origin before
 * anything here runs.
 */
#define _GNU_SOURCE
#include "serve.h"
#include "chart.h"
#include "print.h"
#include "report.h"
#include "text.h"
#include "util.h"
#include "voice.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- accounts and the PIN ---------------------------------------------- */

enum MHD_Result
manage_users(struct http_req *r)
{
	struct q_user *u = calloc(256, sizeof *u);
	json_t *a = json_array();
	int64_t now;
	queue *q;
	int n = 256, rc = Q_ENOMEM;

	if (u && a && (q = pool_get("web", &rc))) {
		rc = queue_user_list(q, u, &n);
		now = queue_now_ms(q);
		pool_put(q);
		for (int i = 0; !rc && i < n; i++) {
			int locked = u[i].locked_until_ms > now;

			json_array_append_new(a, json_pack("{s:s,s:s,s:b,s:b,s:b,"
			    "s:s}", "name", u[i].name, "role",
			    q_role_name(u[i].role), "enabled", u[i].enabled,
			    "disabled", !u[i].enabled, "locked", locked, "state",
			    !u[i].enabled ? "disabled" : locked ? "locked" :
			    "enabled"));
		}
	}
	free(u);
	if (rc) {
		json_decref(a);
		return api_qerror(r, rc);
	}
	return http_json(r, 200, json_pack("{s:o}", "users", a));
}

/* Run one write as actor web:NAME; Q_* */
static int
write_as(const struct q_user *u, int (*fn)(queue *, void *), void *arg)
{
	char actor[Q_ACTOR_MAX];
	queue *q;
	int rc;

	snprintf(actor, sizeof actor, "web:%s", u->name);
	if (!(q = pool_get(actor, &rc)))
		return rc;
	pool_write_lock();
	rc = fn(q, arg);
	pool_write_unlock();
	pool_put(q);
	return rc;
}

struct user_op {
	const char *name, *act, *role, *password;
};

static int
user_op(queue *q, void *arg)
{
	struct user_op *o = arg;
	int role;

	if (!o->act) {
		if (!o->role || (role = q_role_parse(o->role)) < 0)
			return Q_EINVAL;
		return queue_user_add(q, o->name, (enum q_role)role,
		    o->password);
	}
	if (!strcmp(o->act, "passwd"))
		return queue_user_passwd(q, o->name, o->password);
	return queue_user_set_enabled(q, o->name, !strcmp(o->act, "enable"));
}

enum MHD_Result
manage_user_post(struct http_req *r, const struct q_user *u, const char *name,
                 const char *act, json_t *body)
{
	struct user_op o = { name, act, NULL, NULL };
	int rc;

	if (!act)
		o.name = json_string_value(json_object_get(body, "name"));
	o.role = json_string_value(json_object_get(body, "role"));
	o.password = json_string_value(json_object_get(body, "password"));
	if (!o.name || ((!act || !strcmp(act, "passwd")) && !o.password))
		return http_error(r, 422, "invalid_value", act ? "give "
		    "{\"password\": ...}" : "give {\"name\": ..., \"role\": "
		    "\"clerk\" or \"manager\", \"password\": ...}");
	rc = write_as(u, user_op, &o);
	if (rc == Q_EINVAL)
		return api_refuse(r, 422, "invalid_value", W_WEB_USER_RULES);
	if (rc)
		return api_qerror(r, rc);
	return http_json(r, 200, json_pack("{s:b,s:s}", "ok", 1, "name",
	    o.name));
}

static int
pin_op(queue *q, void *arg)
{
	return queue_pin_set(q, arg);
}

/* The reminders' outbox for the manager: how many messages wait, went,
 * died, and the dead ones (newest first) with what failed; a number only
 * masked (q_phone_masked), it is personal data. */
enum MHD_Result
manage_notify(struct http_req *r)
{
	int counts[Q_MSG_STATE_COUNT], n = 200, rc = Q_ENOMEM;
	struct q_msg *m = calloc((size_t)n, sizeof *m);
	json_t *a = json_array();
	int64_t oldest = 0;
	char ph[16];
	queue *q;

	if (m && a && (q = pool_get("web", &rc))) {
		rc = queue_notify_counts(q, counts, &oldest);
		if (!rc)
			rc = queue_notify_list(q, Q_MSG_DEAD, m, &n);
		pool_put(q);
		for (int i = 0; !rc && i < n; i++) {
			q_phone_masked(m[i].phone, ph, sizeof ph);
			json_array_append_new(a, json_pack("{s:I,s:I,s:s,s:s,"
			    "s:s,s:s,s:s,s:i,s:s}", "id", (json_int_t)m[i].id,
			    "made_ms", (json_int_t)m[i].made_ms, "kind",
			    q_msg_kind_name(m[i].kind), "channel",
			    q_msg_channel_name(m[i].channel), "of",
			    m[i].booking ? "booking" : "ticket", "label",
			    m[i].booking ? "" : m[i].p1, "phone", ph, "tries",
			    m[i].tries, "error", m[i].error));
		}
	}
	free(m);
	if (rc) {
		json_decref(a);
		return api_qerror(r, rc);
	}
	return http_json(r, 200, json_pack("{s:i,s:i,s:i,s:I,s:o}", "pending",
	    counts[Q_MSG_PENDING], "sent", counts[Q_MSG_SENT], "dead",
	    counts[Q_MSG_DEAD], "oldest_pending_ms", (json_int_t)oldest,
	    "dead_messages", a));
}

enum MHD_Result
manage_pin(struct http_req *r, const struct q_user *u, json_t *body)
{
	const char *pin = json_string_value(json_object_get(body, "pin"));
	int rc = pin ? write_as(u, pin_op, (void *)pin) : Q_EINVAL;

	if (rc == Q_EINVAL)
		return api_refuse(r, 422, "invalid_value", W_WEB_PIN_RULES);
	if (rc)
		return api_qerror(r, rc);
	return http_json(r, 200, json_pack("{s:b}", "ok", 1));
}

/* ---- a service's names --------------------------------------------------- */

struct rename {
	char code;
	const char *name_id, *name_en;
};

static int
rename_op(queue *q, void *arg)
{
	struct rename *n = arg;

	return queue_service_rename(q, n->code, n->name_id, n->name_en);
}

/* Why the member `key` of body is not a name (the rules of the CLI's
 * `service rename` and queue_service_rename), or NULL when it is one;
 * *s gets the text, NULL when the member is missing or empty and not
 * required. */
static const char *
name_problem(json_t *body, const char *key, int required, const char **s)
{
	json_t *v = json_object_get(body, key);
	size_t len;

	*s = NULL;
	if (!v || json_is_null(v))
		return required ? "is missing" : NULL;
	if (!json_is_string(v))
		return "must be text (a JSON string)";
	len = json_string_length(v);
	if (len == 0)
		return required ? "is empty" : NULL;
	*s = json_string_value(v);
	if (strlen(*s) != len || !text_valid(*s))
		return "must be text without control characters (no newline, "
		    "tab or escape)";
	if (len >= Q_NAME_MAX)
		return "is too long: at most 63 bytes of UTF-8";
	return NULL;
}

/* 422 invalid_value naming the member. */
static enum MHD_Result
name_refused(struct http_req *r, const char *key, const char *why)
{
	char msg[200];

	json_t *e;

	snprintf(msg, sizeof msg, "%s %s", key, why);
	e = http_refusal("invalid_value", msg, i18n_w(LANG_ID,
	    W_WEB_NAME_RULES), i18n_w(LANG_EN, W_WEB_NAME_RULES));
	if (e)
		json_object_set_new(e, "field", json_string(key));
	return http_json(r, 422, json_pack("{s:o}", "error", e));
}

enum MHD_Result
manage_service_name(struct http_req *r, const struct q_user *u, const char *code,
                    json_t *body)
{
	struct rename n = { 0, NULL, NULL };
	const char *why;
	int rc;

	if (strlen(code) != 1 || *code < 'A' || *code > 'Z')
		return http_error(r, 404, "no_service", "no such service (a code "
		    "is one letter A-Z)");
	n.code = *code;
	if ((why = name_problem(body, "name_id", 1, &n.name_id)))
		return name_refused(r, "name_id", why);
	if ((why = name_problem(body, "name_en", 0, &n.name_en)))
		return name_refused(r, "name_en", why);
	rc = write_as(u, rename_op, &n);
	if (rc == Q_ENOSERVICE)
		return http_error(r, 404, "no_service", "no such service");
	if (rc)
		return api_qerror(r, rc);
	return http_json(r, 200, json_pack("{s:b,s:s#,s:s,s:s}", "ok", 1, "code",
	    code, 1, "name_id", n.name_id, "name_en", n.name_en ? n.name_en :
	    n.name_id));
}

/* ---- the printer --------------------------------------------------------- */

enum MHD_Result
manage_printer(struct http_req *r)
{
	struct print_opts o;
	struct printer_state st;
	char err[256] = "";

	print_opts_from_config(&o, srv.cfg);
	memset(&st, 0, sizeof st);
	if (!o.printer[0])
		snprintf(err, sizeof err, "no printer in the config ([printer] "
		    "printer)");
	else if (print_printer_state(&o, &st, err, sizeof err))
		st.reachable = 0;
	else
		err[0] = 0;
	return http_json(r, 200, json_pack("{s:s,s:b,s:i,s:s,s:s,s:s,s:s,s:b}",
	    "printer", o.printer, "reachable", st.reachable, "state", st.state,
	    "reasons", st.reasons, "text_id", print_state_text(LANG_ID, &st),
	    "text_en", print_state_text(LANG_EN, &st), "message", err[0] ? err :
	    st.message, "problem", print_state_problem(&st)));
}

/* ---- reports ------------------------------------------------------------- */

static enum MHD_Result
send_csv(struct http_req *r, const struct report *rep, const struct q_status *st)
{
	char disp[128], *buf;
	size_t len;

	if (!(buf = qjson_report_csv_mem(rep, st, &len)))
		return MHD_NO;
	snprintf(disp, sizeof disp, "attachment; filename=\"antri-report-"
	    "%s-%s.csv\"", rep->from, rep->to);
	return http_buffer(r, 200, "text/csv; charset=utf-8", disp, buf, len);
}

/* The PDF (chart > the charts: PDF) or one chart as SVG, drawn by
 * shared/chart in the office's language. */
static enum MHD_Result
send_chart(struct http_req *r, const struct report *rep,
           const struct q_status *st, int chart)
{
	enum lang l = i18n_parse(config_str(srv.cfg, "office", "language", "id"));
	char *buf, err[512];
	size_t len;

	if (chart >= CHART_COUNT ? chart_report_pdf_mem(rep, st->office, l,
	    &buf, &len, err, sizeof err) : chart_report_svg(rep,
	    (enum chart_kind)chart, l, 800, 360, &buf, &len, err, sizeof err)) {
		fprintf(stderr, "antri-serve: report: %s\n", err);
		return http_error(r, 503, "server_error", "the report could not "
		    "be drawn");
	}
	return http_buffer(r, 200, chart >= CHART_COUNT ? "application/pdf" :
	    "image/svg+xml", NULL, buf, len);
}

enum MHD_Result
manage_report_chart(struct http_req *r, const char *file)
{
	char name[32];
	size_t n = strlen(file);
	int k = -1;

	if (n > 4 && n - 4 < sizeof name && !strcmp(file + n - 4, ".svg")) {
		snprintf(name, sizeof name, "%.*s", (int)(n - 4), file);
		k = chart_kind_of(name);
	}
	if (k < 0)
		return http_error(r, 404, "not_found", "no such chart (per_hour, "
		    "wait_hour, services, counters; .svg)");
	return manage_report(r, REP_SVG + k);
}

enum MHD_Result
manage_report(struct http_req *r, int format)
{
	const char *from = http_arg(r, "from"), *to = http_arg(r, "to");
	char today[Q_DAY_MAX];
	struct report *rep = malloc(sizeof *rep);
	struct q_status *st = malloc(sizeof *st);
	enum MHD_Result ret;
	queue *q = NULL;
	int rc = Q_ENOMEM;

	from = from && *from ? from : NULL;
	to = to && *to ? to : NULL;
	if ((from && !report_valid_day(from)) || (to && !report_valid_day(to))
	    || (from && to && strcmp(from, to) > 0)) {
		free(rep);
		free(st);
		return api_refuse(r, 422, "invalid_value", W_WEB_DAYS);
	}
	if (rep && st && (q = pool_get("web", &rc))) {
		q_day_of(queue_now_ms(q), today);
		if (!from && !to)
			from = to = today;
		if (!(rc = report_build(q, from, to, rep)))
			rc = queue_status(q, st);
		pool_put(q);
	}
	if (rc)
		ret = api_qerror(r, rc);
	else if (format == REP_CSV)
		ret = send_csv(r, rep, st);
	else if (format == REP_PDF)
		ret = send_chart(r, rep, st, CHART_COUNT);
	else if (format >= REP_SVG)
		ret = send_chart(r, rep, st, format - REP_SVG);
	else
		ret = http_json(r, 200, qjson_report(rep));
	free(rep);
	free(st);
	return ret;
}

/* ---- voice clips --------------------------------------------------------- */

json_t *
manage_event_clips(const struct q_event_rec *e)
{
	char names[VOICE_MAX_CLIPS][VOICE_NAME_MAX];
	json_t *a;
	int n;

	if (e->kind == QE_ADMITTED && strcmp(e->detail, Q_ADMIT_FROM_OUTSIDE))
		return NULL;
	if ((n = voice_clips(e->kind, e->label, e->counter, names,
	    VOICE_MAX_CLIPS)) <= 0 || !(a = json_array()))
		return NULL;
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_string(names[i]));
	return a;
}

/* s is len characters of [a-z0-9_] (letters only when alpha). */
static int
clip_word(const char *s, size_t len, int alpha)
{
	if (len == 0 || len >= VOICE_NAME_MAX)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!(islower((unsigned char)s[i]) || (!alpha &&
		    (isdigit((unsigned char)s[i]) || s[i] == '_'))))
			return 0;
	return 1;
}

enum MHD_Result
manage_clip(struct http_req *r)
{
	const char *p = r->path + 7, *slash = strchr(p, '/'), *name;
	char file[UTIL_PATH_MAX], sub[64];
	struct stat sb;
	size_t n;
	int fd;

	name = slash ? slash + 1 : p;
	n = strlen(name);
	if (n < 5 || strcmp(name + n - 4, ".wav") || !clip_word(name, n - 4, 0)
	    || (slash && !clip_word(p, (size_t)(slash - p), 1)) ||
	    (!slash && strcmp(name, "chime.wav")))
		return http_error(r, 404, "not_found", "no such clip");
	if (slash)
		snprintf(sub, sizeof sub, "voice/%.*s", (int)(slash - p), p);
	if (util_share_path(slash ? sub : "sounds", name, file, sizeof file))
		return http_error(r, 404, "not_found", "no such clip");
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) || !S_ISREG(sb.st_mode)) {
		if (fd >= 0)
			close(fd);
		return http_error(r, 404, "not_found", "no such clip");
	}
	return http_fd(r, fd, (uint64_t)sb.st_size, "audio/wav");
}

/* ---- pages behind a log-in ------------------------------------------------ */

static const char forbidden_page[] =
    "<!doctype html>\n<html lang=\"id\"><head><meta charset=\"utf-8\">"
    "<title>antri: 403</title><link rel=\"stylesheet\" href=\"/style.css\">"
    "</head><body><main class=\"card\"><h1>403</h1>"
    "<p>Halaman ini hanya untuk pengelola.<br>This page is for managers "
    "only.</p><p><a href=\"/counter\">Loket / Counter</a> &middot; "
    "<a href=\"/login?next=/manage\">Masuk sebagai pengelola / Log in as a "
    "manager</a></p></main></body></html>\n";

int
manage_gate(struct http_req *r, int manager, enum MHD_Result *ret)
{
	struct MHD_Response *resp;
	struct q_user u;
	int rc = auth_user(r, &u);

	if (rc == Q_ENOSESSION) {
		resp = MHD_create_response_from_buffer(0, (void *)"",
		    MHD_RESPMEM_PERSISTENT);
		if (resp)
			MHD_add_response_header(resp, "Location", manager ?
			    "/login?next=/manage" : "/login?next=/counter");
		*ret = http_send(r, 302, resp);
		return 0;
	}
	if (rc) {
		*ret = api_qerror(r, rc);
		return 0;
	}
	if (manager && u.role != Q_ROLE_MANAGER) {
		resp = MHD_create_response_from_buffer(sizeof forbidden_page - 1,
		    (void *)forbidden_page, MHD_RESPMEM_PERSISTENT);
		if (resp)
			MHD_add_response_header(resp, "Content-Type",
			    "text/html; charset=utf-8");
		*ret = http_send(r, 403, resp);
		return 0;
	}
	return 1;
}
