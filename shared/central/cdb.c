/* cdb.c - the head office's database through libpq (cdb.h).  Every
 * statement is sent asynchronously and waited for with poll() up to the
 * handle's timeout, so a link that stalls (a proxy that swallows the
 * packets, a dead route) costs a timeout and a reconnect, never a hang.
 * Here: the connection and the running of statements, the head
 * office's schema and outlets, an outlet's shipments, the live news;
 * the reports, the requests, the outbox and the server's accounts are
 * cdb_report.c, cdb_request.c, cdb_notify.c and cdb_users.c.  The SQL
 * texts are in cdb_sql.c.
 */
#define _POSIX_C_SOURCE 200809L
#include "cdb_int.h"

#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern char **environ;

struct cdb {
	PGconn *pg;
	unsigned char prepared[CS_COUNT];  /* on this connection (run_prepared) */
	int timeout_ms;
	char err[512];
	char state[6];           /* SQLSTATE of the last refusal */
};

static int64_t
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
cdb_clear_env(void)
{
	char name[128];

	for (int again = 1; again;) {
		again = 0;
		for (char **e = environ; e && *e; e++) {
			const char *eq = strchr(*e, '=');
			size_t n = eq ? (size_t)(eq - *e) : strlen(*e);

			if (strncmp(*e, "PG", 2) || n >= sizeof name)
				continue;
			memcpy(name, *e, n);
			name[n] = 0;
			unsetenv(name);
			again = 1;
			break;
		}
	}
}

/* libpq's messages end in a newline; ours do not */
static void
set_err(cdb *c, const char *what, const char *msg)
{
	size_t n;

	snprintf(c->err, sizeof c->err, "%s%s%s", what, *what ? ": " : "",
	    msg ? msg : "");
	/* one line for the log: libpq's lines and tabs become spaces */
	for (char *r = c->err, *w = c->err;; r++) {
		if (*r == '\n' || *r == '\t' || *r == ' ') {
			if (w > c->err && w[-1] != ' ')
				*w++ = ' ';
			continue;
		}
		*w++ = *r;
		if (!*r)
			break;
	}
	n = strlen(c->err);
	while (n && c->err[n - 1] == ' ')
		c->err[--n] = 0;
}

/* The connection is gone: say why, drop it. */
static int
lost(cdb *c, const char *why)
{
	set_err(c, "the central", why ? why : c->pg ? PQerrorMessage(c->pg) :
	    "not connected");
	if (c->pg)
		PQfinish(c->pg);
	c->pg = NULL;
	memset(c->prepared, 0, sizeof c->prepared);
	return CDB_EDOWN;
}

/* Wait for the socket until deadline: 1 ready, 0 timed out, -1 error. */
static int
wait_sock(PGconn *pg, short events, int64_t deadline)
{
	struct pollfd p = { .fd = PQsocket(pg), .events = events };
	int64_t left;
	int r;

	if (p.fd < 0)
		return -1;
	for (;;) {
		left = deadline - mono_ms();
		if (left <= 0)
			return 0;
		r = poll(&p, 1, (int)left);
		if (r > 0)
			return 1;
		if (r == 0)
			return 0;
		if (errno != EINTR)
			return -1;
	}
}

int
cdb_connect(cdb **out, const char *conninfo, int timeout_s, char *err,
            size_t errlen)
{
	char tmo[16], opt[64];
	/* defaults first: the connection string may override them.  The
	 * server gives up on a statement a second after this side does: one
	 * the client stopped waiting for (and will send again) is not
	 * finished for nobody, which after an outage, 318 outlets at once,
	 * was what kept the server behind; the second more leaves the
	 * client's own timeout (CDB_EDOWN, sent again) to come first */
	const char *keys[] = { "connect_timeout", "application_name",
		"options", "dbname", NULL };
	const char *vals[] = { tmo, "antri", opt, conninfo, NULL };
	PostgresPollingStatusType st = PGRES_POLLING_WRITING;
	int64_t deadline;
	cdb *c;
	int r;

	*out = NULL;
	if (!(c = calloc(1, sizeof *c))) {
		snprintf(err, errlen, "out of memory");
		return CDB_EDOWN;
	}
	c->timeout_ms = (timeout_s > 0 ? timeout_s : 10) * 1000;
	snprintf(tmo, sizeof tmo, "%d", timeout_s > 0 ? timeout_s : 10);
	snprintf(opt, sizeof opt, "-c statement_timeout=%d",
	    c->timeout_ms + 1000);
	deadline = mono_ms() + c->timeout_ms;
	c->pg = PQconnectStartParams(keys, vals, 1);
	if (!c->pg || PQstatus(c->pg) == CONNECTION_BAD)
		goto fail;
	while (st != PGRES_POLLING_OK) {
		if (st == PGRES_POLLING_FAILED)
			goto fail;
		r = wait_sock(c->pg, st == PGRES_POLLING_READING ? POLLIN :
		    POLLOUT, deadline);
		if (r <= 0) {
			snprintf(err, errlen, "the central did not answer "
			    "within %d s", c->timeout_ms / 1000);
			cdb_close(c);
			return CDB_EDOWN;
		}
		st = PQconnectPoll(c->pg);
	}
	*out = c;
	return CDB_OK;
fail:
	set_err(c, "", c->pg ? PQerrorMessage(c->pg) : "out of memory");
	snprintf(err, errlen, "%s", c->err);
	cdb_close(c);
	return CDB_EDOWN;
}

void
cdb_close(cdb *c)
{
	if (!c)
		return;
	if (c->pg)
		PQfinish(c->pg);
	free(c);
}

const char *
cdb_error(const cdb *c)
{
	return c ? c->err : "not connected";
}

int
cdb_alive(const cdb *c)
{
	return c && c->pg && PQstatus(c->pg) == CONNECTION_OK;
}

static int finish(cdb *c, int64_t deadline, PGresult **out);

/* Run sql (with n text parameters; n < 0: several statements, none) and
 * wait for all of its results within the timeout.  On CDB_OK *out (if
 * not NULL) gets the last result, to PQclear. */
static int
run(cdb *c, const char *sql, int n, const char *const *v, PGresult **out)
{
	int r;

	if (out)
		*out = NULL;
	if (!c->pg)
		return lost(c, "not connected");
	r = n >= 0 ? PQsendQueryParams(c->pg, sql, n, NULL, v, NULL, NULL, 0)
	    : PQsendQuery(c->pg, sql);
	if (!r)
		return lost(c, NULL);
	return finish(c, mono_ms() + c->timeout_ms, out);
}

/* As run() for statement id of cdb_sql, prepared on this connection the
 * first time: an outlet's every shipment runs the same large statement,
 * whose parsing and planning were most of the central's CPU at 318
 * outlets (perf, docs/central.md).  Its answer's types are its own
 * (counts and ids), never a table's, so no migration can change them
 * under a prepared plan. */
static int
run_prepared(cdb *c, int id, int n, const char *const *v, PGresult **out)
{
	char name[16];
	int rc;

	if (out)
		*out = NULL;
	if (!c->pg)
		return lost(c, "not connected");
	snprintf(name, sizeof name, "cs%d", id);
	if (!c->prepared[id]) {
		if (!PQsendPrepare(c->pg, name, cdb_sql[id], n, NULL))
			return lost(c, NULL);
		if ((rc = finish(c, mono_ms() + c->timeout_ms, NULL)))
			return rc;
		c->prepared[id] = 1;
	}
	if (!PQsendQueryPrepared(c->pg, name, n, v, NULL, NULL, 0))
		return lost(c, NULL);
	return finish(c, mono_ms() + c->timeout_ms, out);
}

/* The results of what was sent, all of them, by deadline; *out (if not
 * NULL) the last one on CDB_OK. */
static int
finish(cdb *c, int64_t deadline, PGresult **out)
{
	PGresult *res, *last = NULL, *bad = NULL;
	int r, rc;

	while ((r = PQflush(c->pg)) == 1)
		if (wait_sock(c->pg, POLLOUT, deadline) <= 0)
			return lost(c, "did not answer in time");
	if (r < 0)
		return lost(c, NULL);
	for (;;) {
		while (PQisBusy(c->pg)) {
			r = wait_sock(c->pg, POLLIN, deadline);
			if (r == 0 || r < 0 || !PQconsumeInput(c->pg)) {
				PQclear(last);
				PQclear(bad);
				return lost(c, r == 0 ? "did not answer in time"
				    : NULL);
			}
		}
		if (!(res = PQgetResult(c->pg)))
			break;
		switch (PQresultStatus(res)) {
		case PGRES_COMMAND_OK:
		case PGRES_TUPLES_OK:
			PQclear(last);
			last = res;
			break;
		default:
			if (!bad)
				bad = res;
			else
				PQclear(res);
		}
	}
	if (PQstatus(c->pg) != CONNECTION_OK) {
		PQclear(last);
		PQclear(bad);
		return lost(c, NULL);
	}
	if (bad) {
		const char *st = PQresultErrorField(bad, PG_DIAG_SQLSTATE);
		const char *m = PQresultErrorField(bad,
		    PG_DIAG_MESSAGE_PRIMARY);

		snprintf(c->state, sizeof c->state, "%s", st ? st : "");
		PQclear(last);
		/* the server's half of this side's timeout (statement_timeout,
		 * a second after it): an answer that came late, not a
		 * refusal, so it is sent again as after a silent link.  Seen
		 * when the machine was so busy that this side woke after its
		 * own deadline to find the server's cancel waiting */
		if (!strcmp(c->state, "57014")) {
			PQclear(bad);
			return lost(c, "did not answer in time");
		}
		set_err(c, "the central refused", m ? m :
		    PQresultErrorMessage(bad));
		PQclear(bad);
		return CDB_ESQL;
	}
	rc = CDB_OK;
	if (out)
		*out = last;
	else
		PQclear(last);
	return rc;
}

void
cdb_oom(cdb *c)
{
	set_err(c, "", "out of memory");
}

static int
run0(cdb *c, const char *sql)
{
	return run(c, sql, -1, NULL, NULL);
}

/* ---- the head office ---------------------------------------------- */

int
cdb_init(cdb *c, int *from)
{
	PGresult *res;
	char sql[160];
	int rc, v;

	*from = 0;
	if ((rc = run0(c, "BEGIN")) ||
	    (rc = run0(c, cdb_sql[CS_SCHEMA])) ||
	    (rc = run(c, cdb_sql[CS_VERSION], 0, NULL, &res)))
		goto out;
	v = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	*from = v;
	if (v > CDB_SCHEMA_VERSION) {
		snprintf(c->err, sizeof c->err, "the central's schema is "
		    "version %d, newer than this program's %d", v,
		    CDB_SCHEMA_VERSION);
		rc = CDB_ESCHEMA;
		goto out;
	}
	for (int n = v + 1; n <= CDB_SCHEMA_VERSION; n++)
		if ((rc = run0(c, cdb_migrations[n])))
			goto out;
	snprintf(sql, sizeof sql, cdb_sql[CS_SET_VERSION], CDB_SCHEMA_VERSION);
	if ((rc = run0(c, sql)))
		goto out;
	return run0(c, "COMMIT");
out:
	if (c->pg)
		run0(c, "ROLLBACK");
	return rc;
}

/* A refusal's SQLSTATE as our code. */
static int
refused(cdb *c, int rc)
{
	if (rc != CDB_ESQL)
		return rc;
	if (!strcmp(c->state, "23505") || !strcmp(c->state, "42710"))
		return CDB_EEXIST;
	if (!strcmp(c->state, "23514") || !strcmp(c->state, "23502"))
		return CDB_EINVAL;
	if (!strcmp(c->state, "23503"))
		return CDB_ENOOFFICE;
	if (!strcmp(c->state, "3F000") || !strcmp(c->state, "42P01") ||
	    !strcmp(c->state, "42883"))
		return CDB_ESCHEMA;
	return rc;
}

int
cdb_office_add(cdb *c, const char *id, const char *name, const char *area,
               const char *password, char *role, size_t rolelen)
{
	char user[80];
	char *verifier = NULL;
	const char *v[4];
	PGresult *res;
	int rc;

	if (!c->pg)
		return lost(c, "not connected");
	snprintf(user, sizeof user, "antri_%s", id);
	if (password && !(verifier = PQencryptPasswordConn(c->pg, password,
	    user, "scram-sha-256"))) {
		set_err(c, "cannot make the password's verifier",
		    PQerrorMessage(c->pg));
		return CDB_ESQL;
	}
	v[0] = id;
	v[1] = name;
	v[2] = area ? area : "";
	v[3] = verifier;
	rc = refused(c, run(c, cdb_sql[CS_OFFICE_ADD], 4, v, &res));
	if (verifier) {
		memset(verifier, 0, strlen(verifier));
		PQfreemem(verifier);
	}
	if (rc)
		return rc;
	snprintf(role, rolelen, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	return CDB_OK;
}

int
cdb_offices(cdb *c, int (*cb)(const char *id, void *ctx), void *ctx)
{
	PGresult *res;
	int rc;

	if ((rc = refused(c, run(c, cdb_sql[CS_OFFICES], 0, NULL, &res))))
		return rc;
	for (int i = 0; i < PQntuples(res) && !rc; i++)
		rc = cb(PQgetvalue(res, i, 0), ctx);
	PQclear(res);
	return rc;
}

int
cdb_flags_clear(cdb *c, const char *office, int *n)
{
	const char *v[1] = { office };
	PGresult *res;
	int rc;

	*n = 0;
	if ((rc = refused(c, run(c, cdb_sql[CS_FLAGS_CLEAR], 1, v, &res))))
		return rc;
	*n = atoi(PQcmdTuples(res));
	PQclear(res);
	return CDB_OK;
}

static void
row_event(PGresult *res, int i, struct q_event_rec *e)
{
	int k;

	memset(e, 0, sizeof *e);
	e->id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
	e->ts_ms = strtoll(PQgetvalue(res, i, 1), NULL, 10);
	k = q_event_parse(PQgetvalue(res, i, 2));
	e->kind = k < 0 ? QE_KIND_COUNT : (enum q_event)k;
	e->ticket = strtoll(PQgetvalue(res, i, 3), NULL, 10);
	snprintf(e->label, sizeof e->label, "%s", PQgetvalue(res, i, 4));
	e->service = PQgetvalue(res, i, 5)[0];
	e->counter = atoi(PQgetvalue(res, i, 6));
	snprintf(e->actor, sizeof e->actor, "%s", PQgetvalue(res, i, 7));
	snprintf(e->detail, sizeof e->detail, "%s", PQgetvalue(res, i, 8));
	snprintf(e->hash, sizeof e->hash, "%s", PQgetvalue(res, i, 9));
}

int
cdb_events_walk(cdb *c, const char *office,
                int (*cb)(const struct q_event_rec *e, void *ctx), void *ctx)
{
	struct q_event_rec e;
	char after[24] = "0";
	const char *v[2] = { office, after };
	PGresult *res;
	int rc, n;

	do {
		if ((rc = refused(c, run(c, cdb_sql[CS_EVENTS_PAGE], 2, v,
		    &res))))
			return rc;
		n = PQntuples(res);
		for (int i = 0; i < n; i++) {
			row_event(res, i, &e);
			if ((rc = cb(&e, ctx))) {
				PQclear(res);
				return rc;
			}
		}
		if (n)
			snprintf(after, sizeof after, "%lld", (long long)e.id);
		PQclear(res);
	} while (n > 0);
	return CDB_OK;
}

/* ---- an outlet ------------------------------------------------------ */

int
cdb_tip(cdb *c, const char *office, struct cdb_tip *t)
{
	const char *v[1] = { office };
	PGresult *res;
	int rc, found;

	memset(t, 0, sizeof *t);
	if ((rc = refused(c, run(c, cdb_sql[CS_TIP], 1, v, &res))))
		return rc;
	if (PQntuples(res) != 1) {
		PQclear(res);
		snprintf(c->err, sizeof c->err, "the central has no office "
		    "'%s' that this role may see (antri-central office add)",
		    office);
		return CDB_ENOOFFICE;
	}
	t->max_id = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
	t->count = strtoll(PQgetvalue(res, 0, 2), NULL, 10);
	t->flags = atoi(PQgetvalue(res, 0, 3));
	snprintf(t->flag, sizeof t->flag, "%s", PQgetvalue(res, 0, 4));
	t->flag_event = strtoll(PQgetvalue(res, 0, 5), NULL, 10);
	snprintf(t->seen, sizeof t->seen, "%s", PQgetvalue(res, 0, 6));
	PQclear(res);
	if (t->max_id && (rc = cdb_hash_at(c, office, t->max_id, t->hash,
	    &found)))
		return rc;
	return CDB_OK;
}

int
cdb_hash_at(cdb *c, const char *office, int64_t id, char hash[Q_HASH_HEX],
            int *found)
{
	char sid[24];
	const char *v[2] = { office, sid };
	PGresult *res;
	int rc;

	hash[0] = 0;
	*found = 0;
	snprintf(sid, sizeof sid, "%lld", (long long)id);
	if ((rc = refused(c, run(c, cdb_sql[CS_HASH_AT], 2, v, &res))))
		return rc;
	if (PQntuples(res) == 1) {
		*found = 1;
		snprintf(hash, Q_HASH_HEX, "%s", PQgetvalue(res, 0, 0));
	}
	PQclear(res);
	return CDB_OK;
}

int
cdb_flag(cdb *c, const char *office, const char *kind, int64_t event,
         const char *central_hash, const char *outlet_hash,
         const char *detail)
{
	char sid[24];
	const char *v[6] = { office, kind, sid, central_hash ? central_hash :
		"", outlet_hash ? outlet_hash : "", detail };

	snprintf(sid, sizeof sid, "%lld", (long long)event);
	return refused(c, run(c, cdb_sql[CS_FLAG], 6, v, NULL));
}

#define PUT_COLS 10                   /* per event, besides the office */

/* an array literal being written: "{", elements, "}" */
struct arr {
	char *p;
	size_t len, cap;
};

static int
arr_put(struct arr *a, const char *s, int quote)
{
	/* the worst case: every byte escaped, the quotes, a comma, "}" */
	size_t need = a->len + 2 * strlen(s) + 5;
	char sep;

	if (need > a->cap) {
		size_t cap = a->cap ? a->cap : 1024;
		char *p;

		while (cap < need)
			cap *= 2;
		if (!(p = realloc(a->p, cap)))
			return -1;
		a->p = p;
		a->cap = cap;
	}
	sep = a->len ? ',' : '{';
	a->p[a->len++] = sep;
	if (quote)
		a->p[a->len++] = '"';
	for (; *s; s++) {
		if (quote && (*s == '"' || *s == '\\'))
			a->p[a->len++] = '\\';
		a->p[a->len++] = *s;
	}
	if (quote)
		a->p[a->len++] = '"';
	return 0;
}

/* NOTIFY antri_events 'office:newest' (newest > 0) and antri_live
 * 'office' (live) once the data is stored (CS_ANNOUNCE says why apart) */
static int
announce(cdb *c, const char *office, int64_t newest, int live)
{
	char payload[128];
	const char *v[4] = { payload, newest > 0 ? "t" : "f", office,
		live ? "t" : "f" };

	if (newest <= 0 && !live)
		return CDB_OK;
	snprintf(payload, sizeof payload, "%s:%lld", office, (long long)newest);
	return refused(c, run_prepared(c, CS_ANNOUNCE, 4, v, NULL));
}

int
cdb_events_put(cdb *c, const char *office, const struct q_event_rec *e,
               int n, int *stored, int64_t *conflict)
{
	return cdb_events_live_put(c, office, e, n, NULL, stored, conflict);
}

int
cdb_events_live_put(cdb *c, const char *office, const struct q_event_rec *e,
                    int n, const char *live, int *stored, int64_t *conflict)
{
	/* the batch as one array per column (CS_EVENTS_PUT): a statement of
	 * eleven parameters whatever its size, planned in no time; the live
	 * state a twelfth (CS_EVENTS_LIVE_PUT) */
	struct arr col[PUT_COLS];
	const char *v[PUT_COLS + 2];
	PGresult *res = NULL;
	int rc = CDB_OK, held, live_stored;
	int64_t newest;

	*stored = 0;
	*conflict = 0;
	if (n <= 0)
		return live ? cdb_live_put(c, office, live) : CDB_OK;
	if (n > CDB_BATCH)
		return CDB_EINVAL;
	memset(col, 0, sizeof col);
	for (int i = 0; i < n && rc == CDB_OK; i++) {
		char num[4][24], code[2] = { e[i].service, 0 };
		const char *f[PUT_COLS] = { num[0], num[1],
			q_event_name(e[i].kind), num[2], e[i].label, code,
			num[3], e[i].actor, e[i].detail, e[i].hash };

		snprintf(num[0], 24, "%lld", (long long)e[i].id);
		snprintf(num[1], 24, "%lld", (long long)e[i].ts_ms);
		snprintf(num[2], 24, "%lld", (long long)e[i].ticket);
		snprintf(num[3], 24, "%d", e[i].counter);
		for (int k = 0; k < PUT_COLS && rc == CDB_OK; k++)
			if (arr_put(&col[k], f[k], 1))
				rc = CDB_EDOWN;
	}
	v[0] = office;
	for (int k = 0; k < PUT_COLS && rc == CDB_OK; k++) {
		col[k].p[col[k].len++] = '}';
		col[k].p[col[k].len] = 0;
		v[k + 1] = col[k].p;
	}
	if (rc) {
		set_err(c, "", "out of memory");
		goto out;
	}
	v[PUT_COLS + 1] = live;
	if ((rc = refused(c, run_prepared(c, live ? CS_EVENTS_LIVE_PUT :
	    CS_EVENTS_PUT, PUT_COLS + (live ? 2 : 1), v, &res))))
		goto out;
	*stored = atoi(PQgetvalue(res, 0, 0));
	held = atoi(PQgetvalue(res, 0, 1));
	*conflict = strtoll(PQgetvalue(res, 0, 2), NULL, 10);
	newest = strtoll(PQgetvalue(res, 0, 3), NULL, 10);
	live_stored = live && atoi(PQgetvalue(res, 0, 4)) > 0;
	PQclear(res);
	if ((rc = announce(c, office, newest, live_stored)))
		goto out;
	if (*stored + held < n && !*conflict) {
		/* stored meanwhile by another statement (the same batch sent
		 * again): the same ones or not */
		for (int i = 0; i < n && !*conflict; i++) {
			char had[Q_HASH_HEX];
			int found;

			if ((rc = cdb_hash_at(c, office, e[i].id, had, &found)))
				goto out;
			if (found && strcmp(had, e[i].hash))
				*conflict = e[i].id;
		}
	}
out:
	for (int k = 0; k < PUT_COLS; k++)
		free(col[k].p);
	return rc;
}

int
cdb_live_put(cdb *c, const char *office, const char *json)
{
	const char *v[2] = { office, json };
	int rc;

	if ((rc = refused(c, run(c, cdb_sql[CS_LIVE_PUT], 2, v, NULL))))
		return rc;
	return announce(c, office, 0, 1);
}

int
cdb_beat(cdb *c, const char *office)
{
	const char *v[1] = { office };

	return refused(c, run(c, cdb_sql[CS_BEAT], 1, v, NULL));
}

/* ---- the head office's web server: the outlets, their news -------- */

int
cdb_outlets(cdb *c, const char *only,
            int (*cb)(const struct cdb_outlet *o, void *ctx), void *ctx)
{
	const char *v[1] = { only ? only : "" };
	struct cdb_outlet o;
	PGresult *res;
	int rc;

	if ((rc = refused(c, run(c, cdb_sql[CS_OUTLETS], 1, v, &res))))
		return rc;
	for (int i = 0; i < PQntuples(res) && !rc; i++) {
		o.id = PQgetvalue(res, i, 0);
		o.name = PQgetvalue(res, i, 1);
		o.area = PQgetvalue(res, i, 2);
		o.state = PQgetisnull(res, i, 3) ? NULL : PQgetvalue(res, i, 3);
		o.seen_age_s = (int)strtoll(PQgetvalue(res, i, 4), NULL, 10);
		o.seen_ms = strtoll(PQgetvalue(res, i, 5), NULL, 10);
		rc = cb(&o, ctx);
	}
	PQclear(res);
	return rc;
}

int
cdb_listen(cdb *c)
{
	return refused(c, run0(c, cdb_sql[CS_LISTEN]));
}

int
cdb_socket(const cdb *c)
{
	return c && c->pg ? PQsocket(c->pg) : -1;
}

int
cdb_notified(cdb *c, void (*cb)(const char *payload, void *ctx), void *ctx)
{
	PGnotify *n;
	int count = 0;

	if (!c->pg || !PQconsumeInput(c->pg))
		return lost(c, NULL);
	while ((n = PQnotifies(c->pg))) {
		cb(n->extra, ctx);
		PQfreemem(n);
		count++;
	}
	if (PQstatus(c->pg) != CONNECTION_OK)
		return lost(c, NULL);
	return count;
}

/* ---- for the module's other files (cdb_int.h) ----------------------- */

int
cdb_run(cdb *c, const char *sql, int n, const char *const *v, PGresult **out)
{
	return refused(c, run(c, sql, n, v, out));
}

PGconn *
cdb_pg(cdb *c)
{
	return c->pg;
}

int
cdb_lost(cdb *c, const char *why)
{
	return lost(c, why);
}

int64_t
cdb_mono_ms(void)
{
	return mono_ms();
}

void
cdb_set_err(cdb *c, const char *msg)
{
	set_err(c, "", msg);
}
