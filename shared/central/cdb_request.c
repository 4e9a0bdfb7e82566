/* cdb_request.c - the head office asks an outlet (cdb.h, "requests";
 * docs/central.md "Requests to an outlet").  Start at ask(): the
 * central's side inserts a request, waits on LISTEN antri_answers for
 * the outlet's answer, and withdraws what nobody took in time.  The
 * outlet's side (antri-sync) LISTENs on antri_req_<office>, takes what
 * was asked of it, issues it through its own core and answers.
 *
 * The race between a caller giving up and an outlet coming back late is
 * settled by one row's status, changed only by single UPDATEs (the
 * table's trigger allows asked -> taken | withdrawn, taken -> done |
 * refused): whichever of "take" and "withdraw" commits first wins; a
 * withdrawn request is never taken, so never issued; a taken one is
 * always answered, by this session or, if it dies, by the next one of
 * the same outlet (the outlet's core issues idempotently by the
 * request's id).  The SQL is cdb_sql.c's.
 */
#define _POSIX_C_SOURCE 200809L
#include "cdb_int.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the head office ------------------------------------------------ */

/* The status and answer of a request's row into a: 1 when final
 * (answered, or withdrawn: Q_EOFFLINE), 0 while asked or taken. */
static int
read_answer(PGresult *res, struct cdb_answer *a)
{
	const char *st = PQgetvalue(res, 0, 0);

	if (!strcmp(st, "withdrawn")) {
		a->error = Q_EOFFLINE;
		return 1;
	}
	if (strcmp(st, "done") && strcmp(st, "refused"))
		return 0;
	a->error = atoi(PQgetvalue(res, 0, 1));
	snprintf(a->number, sizeof a->number, "%s", PQgetvalue(res, 0, 2));
	snprintf(a->code, sizeof a->code, "%s", PQgetvalue(res, 0, 3));
	snprintf(a->qr, sizeof a->qr, "%s", PQgetvalue(res, 0, 4));
	snprintf(a->slot, sizeof a->slot, "%s", PQgetvalue(res, 0, 5));
	a->people_ahead = atoi(PQgetvalue(res, 0, 6));
	a->est_wait_s = atoi(PQgetvalue(res, 0, 7));
	a->come_min = atoi(PQgetvalue(res, 0, 8));
	if (!strcmp(st, "refused") && a->error == Q_OK)
		a->error = Q_EDB;           /* a refusal that says no reason */
	return 1;
}

/* Wait until an answer to id is announced or deadline: 1 announced, 0
 * not (yet), or a negative CDB_E*. */
static int
wait_answer(cdb *c, int64_t id, int64_t deadline)
{
	PGconn *pg = cdb_pg(c);
	PGnotify *n;
	char want[24];
	int found = 0;

	snprintf(want, sizeof want, "%lld", (long long)id);
	while (pg && !found) {
		struct pollfd p = { .fd = PQsocket(pg), .events = POLLIN };
		int64_t left = deadline - cdb_mono_ms();
		int r;

		while ((n = PQnotifies(pg))) {
			if (!strcmp(n->extra, want))
				found = 1;
			PQfreemem(n);
		}
		if (found || left <= 0)
			break;
		r = poll(&p, 1, (int)left);
		if (r < 0 && errno != EINTR)
			return cdb_lost(c, NULL);
		if (r > 0 && !PQconsumeInput(pg))
			return cdb_lost(c, NULL);
	}
	return found;
}

static int
ask(cdb *c, const char *office, const char *kind, char service,
    const char *slot, const char *name, const char *phone, const char *lang,
    const char *view, int wait_ms, struct cdb_answer *a)
{
	char svc[2] = { service, 0 }, sid[24];
	const char *v[8] = { office, kind, svc, slot ? slot : "",
		name ? name : "", phone ? phone : "", lang ? lang : "id",
		view ? view : "" };
	const char *one[1] = { sid };
	PGresult *res;
	int64_t deadline;
	int rc, r, state = 0;

	memset(a, 0, sizeof *a);
	a->est_wait_s = -1;
	if (wait_ms <= 0)
		wait_ms = CDB_REQUEST_WAIT_MS;
	if (service < 'A' || service > 'Z') {
		cdb_set_err(c, "a service is one letter A-Z");
		return CDB_EINVAL;
	}
	if ((rc = cdb_run(c, "LISTEN antri_answers", -1, NULL, NULL)))
		return rc;
	if ((rc = cdb_run(c, cdb_sql[CS_REQ_ASK], 8, v, &res)))
		goto out;
	a->id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	snprintf(sid, sizeof sid, "%lld", (long long)a->id);
	deadline = cdb_mono_ms() + wait_ms;
	/* first wait: for anything; then withdraw, unless it was taken:
	 * then a second wait for the taker's answer */
	for (int round = 0; round < 2 && !state; round++) {
		if ((r = wait_answer(c, a->id, deadline)) < 0) {
			rc = r;
			goto out;
		}
		rc = cdb_run(c, cdb_sql[r ? CS_REQ_READ : CS_REQ_WITHDRAW], 1,
		    one, &res);
		if (rc)
			goto out;
		state = PQntuples(res) == 1 ? read_answer(res, a) : 1;
		PQclear(res);
		/* taken: the outlet is there and answers in milliseconds */
		deadline = cdb_mono_ms() + CDB_REQUEST_TAKEN_MS;
	}
	if (!state)                     /* taken, not answered in time */
		a->error = Q_EOFFLINE;
out:
	if (cdb_pg(c)) {
		int u = cdb_run(c, "UNLISTEN antri_answers", -1, NULL, NULL);

		rc = rc ? rc : u;
	}
	return rc;
}

int
cdb_request_remote(cdb *c, const char *office, char service,
                   const char *phone, const char *lang, const char *view,
                   int wait_ms, struct cdb_answer *a)
{
	return ask(c, office, "remote", service, NULL, NULL, phone, lang,
	    view, wait_ms, a);
}

int
cdb_request_booking(cdb *c, const char *office, char service,
                    const char *slot, const char *name, const char *phone,
                    const char *lang, const char *view, int wait_ms,
                    struct cdb_answer *a)
{
	if (!slot || strlen(slot) != 16) {
		cdb_set_err(c, "a slot is 'YYYY-MM-DD HH:MM'");
		return CDB_EINVAL;
	}
	return ask(c, office, "booking", service, slot, name, phone, lang,
	    view, wait_ms, a);
}

int
cdb_request_slots(cdb *c, const char *office, char service,
                  const char *rules, int wait_ms, struct cdb_answer *a)
{
	if (!rules || !*rules) {
		cdb_set_err(c, "no slot rules given");
		return CDB_EINVAL;
	}
	return ask(c, office, "slots", service, rules, NULL, NULL, NULL,
	    NULL, wait_ms, a);
}

int
cdb_request_view(cdb *c, const char *token, struct cdb_view *v)
{
	const char *p[1] = { token };
	PGresult *res;
	int rc;

	memset(v, 0, sizeof *v);
	if ((rc = cdb_run(c, cdb_sql[CS_REQ_VIEW], 1, p, &res)))
		return rc;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return CDB_ENOTFOUND;
	}
	v->request = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	snprintf(v->office, sizeof v->office, "%s", PQgetvalue(res, 0, 1));
	v->service = PQgetvalue(res, 0, 2)[0];
	snprintf(v->number, sizeof v->number, "%s", PQgetvalue(res, 0, 3));
	snprintf(v->day, sizeof v->day, "%s", PQgetvalue(res, 0, 4));
	snprintf(v->slot, sizeof v->slot, "%s", PQgetvalue(res, 0, 7));
	/* a booking is for its slot's day */
	if (*v->slot && !*v->day)
		snprintf(v->day, sizeof v->day, "%.10s", v->slot);
	snprintf(v->live_day, sizeof v->live_day, "%s", PQgetvalue(res, 0, 5));
	v->reminded = PQgetvalue(res, 0, 8)[0] == 't';
	rc = CDB_OK;
	if (*PQgetvalue(res, 0, 6) && !(v->live = strdup(PQgetvalue(res, 0,
	    6)))) {
		cdb_oom(c);
		rc = CDB_EDOWN;
	}
	PQclear(res);
	return rc;
}

/* ---- the outlet ----------------------------------------------------- */

int
cdb_requests_listen(cdb *c, const char *office)
{
	char chan[80], *id, sql[128];
	PGconn *pg = cdb_pg(c);
	int rc;

	if (!pg)
		return cdb_lost(c, "not connected");
	snprintf(chan, sizeof chan, "antri_req_%s", office);
	if (!(id = PQescapeIdentifier(pg, chan, strlen(chan)))) {
		cdb_set_err(c, PQerrorMessage(pg));
		return CDB_EINVAL;
	}
	snprintf(sql, sizeof sql, "LISTEN %s", id);
	PQfreemem(id);
	rc = cdb_run(c, sql, -1, NULL, NULL);
	return rc;
}

int
cdb_woken(cdb *c)
{
	PGconn *pg = cdb_pg(c);
	PGnotify *n;
	int woken = 0;

	if (!pg || !PQconsumeInput(pg))
		return -1;                  /* the next statement says why */
	while ((n = PQnotifies(pg))) {
		woken = 1;
		PQfreemem(n);
	}
	return woken;
}

int
cdb_requests_take(cdb *c, const char *office, struct cdb_req *r, int max,
                  int *n)
{
	char lim[16];
	const char *v[2] = { office, lim };
	PGresult *res;
	int rc;

	*n = 0;
	snprintf(lim, sizeof lim, "%d", max);
	if ((rc = cdb_run(c, cdb_sql[CS_REQ_TAKE], 2, v, &res)))
		return rc;
	for (int i = 0; i < PQntuples(res) && *n < max; i++) {
		struct cdb_req *q = &r[(*n)++];

		memset(q, 0, sizeof *q);
		q->id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
		snprintf(q->kind, sizeof q->kind, "%s", PQgetvalue(res, i, 1));
		q->service = PQgetvalue(res, i, 2)[0];
		snprintf(q->slot, sizeof q->slot, "%s", PQgetvalue(res, i, 3));
		snprintf(q->name, sizeof q->name, "%s", PQgetvalue(res, i, 4));
		snprintf(q->phone, sizeof q->phone, "%s",
		    PQgetvalue(res, i, 5));
	}
	PQclear(res);
	return CDB_OK;
}

int
cdb_answers(cdb *c, const struct cdb_req *r, int n, const int *ok,
            const char *const *json)
{
	int rc;

	if ((rc = cdb_run(c, "BEGIN", -1, NULL, NULL)))
		return rc;
	for (int i = 0; i < n; i++) {
		rc = cdb_request_answer(c, r[i].id, ok[i], json[i]);
		if (rc == CDB_ENOOFFICE)    /* not ours any more: skipped */
			rc = CDB_OK;
		if (rc)
			break;
	}
	if (rc) {
		if (cdb_pg(c))
			cdb_run(c, "ROLLBACK", -1, NULL, NULL);
		return rc;
	}
	return cdb_run(c, "COMMIT", -1, NULL, NULL);
}

int
cdb_request_answer(cdb *c, int64_t id, int ok, const char *json)
{
	char sid[24];
	const char *v[3] = { sid, ok ? "done" : "refused", json };
	PGresult *res;
	int rc, n;

	snprintf(sid, sizeof sid, "%lld", (long long)id);
	if ((rc = cdb_run(c, cdb_sql[CS_REQ_ANSWER], 3, v, &res)))
		return rc;
	n = atoi(PQcmdTuples(res));
	PQclear(res);
	if (n != 1) {
		cdb_set_err(c, "that request is not this session's to answer");
		return CDB_ENOOFFICE;
	}
	return CDB_OK;
}
