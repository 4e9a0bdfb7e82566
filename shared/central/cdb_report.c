/* cdb_report.c - the head office's reports: the same figures as an
 * outlet's `antri report`, for one office, one area or all of them.
 *
 * At ingest every event moves the central's copy of its ticket
 * (antri.fact_apply, migration 2 in cdb_sql.c); here those tickets are
 * read back grouped, tickets alike in every figure together (a month of
 * 318 outlets is millions of tickets, a few hundred thousand groups),
 * and fed to the core's own accumulator (report_begin, report_add_group,
 * report_end in report.c), so there is one rule for each figure.  The peak occupancy comes from the room's count
 * replayed at ingest.  Start at cdb_report().
 */
#define _POSIX_C_SOURCE 200809L
#include "cdb_int.h"
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* an array's text, growing */
struct arr {
	char *p;
	size_t n, cap;
};

static int
arr_add(struct arr *a, const char *item)
{
	size_t k = strlen(item) + 2;
	char *p;

	if (a->n + k + 2 > a->cap) {
		a->cap = a->cap ? a->cap * 2 : 4096;
		if (a->n + k + 2 > a->cap)
			a->cap = a->n + k + 2;
		if (!(p = realloc(a->p, a->cap)))
			return -1;
		a->p = p;
	}
	a->n += (size_t)snprintf(a->p + a->n, a->cap - a->n, "%s%s",
	    a->n ? "," : "{", item);
	return 0;
}

/* the text of the array, "{}" when empty */
static const char *
arr_text(struct arr *a)
{
	if (!a->n)
		return "{}";
	snprintf(a->p + a->n, a->cap - a->n, "}");
	return a->p;
}

/* the selection as the statements' $1..$4; $5: the local midnights of
 * the days from $1 to $2; $6: the days read from their rollups, $7:
 * those read from their tickets */
struct sel {
	char from[Q_DAY_MAX], to[Q_DAY_MAX];
	struct arr bases, rolled, ticket_days;
	const char *v[7];
};

static int
sel_make(struct sel *s, const char *from, const char *to, const char *office,
         const char *area)
{
	memset(s, 0, sizeof *s);
	if ((from && !report_valid_day(from)) || (to && !report_valid_day(to)))
		return CDB_EINVAL;
	snprintf(s->from, sizeof s->from, "%s", from ? from : "0001-01-01");
	snprintf(s->to, sizeof s->to, "%s", to ? to : "9999-12-31");
	s->v[0] = s->from;
	s->v[1] = s->to;
	s->v[2] = office ? office : "";
	s->v[3] = area ? area : "";
	return CDB_OK;
}

static void
sel_free(struct sel *s)
{
	free(s->bases.p);
	free(s->rolled.p);
	free(s->ticket_days.p);
}

/* $5: the midnight of every day from s->from to s->to; $6, $7: of those
 * days, the ones in fresh (sorted, may be NULL) and the others */
static int
sel_days(struct sel *s, PGresult *fresh)
{
	struct tm tm;
	char day[Q_DAY_MAX], base[32];
	int k = 0, nf = fresh ? PQntuples(fresh) : 0;

	s->bases.n = s->rolled.n = s->ticket_days.n = 0;
	memset(&tm, 0, sizeof tm);
	sscanf(s->from, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	for (;;) {
		tm.tm_hour = 12;
		tm.tm_isdst = -1;
		if (mktime(&tm) == (time_t)-1)
			return -1;
		strftime(day, sizeof day, "%Y-%m-%d", &tm);
		if (strcmp(day, s->to) > 0)
			break;
		snprintf(base, sizeof base, "%lld",
		    (long long)report_day_base(day));
		if (arr_add(&s->bases, base))
			return -1;
		while (k < nf && strcmp(PQgetvalue(fresh, k, 0), day) < 0)
			k++;
		if (k < nf && !strcmp(PQgetvalue(fresh, k, 0), day)) {
			if (arr_add(&s->rolled, day))
				return -1;
		} else if (arr_add(&s->ticket_days, day)) {
			return -1;
		}
		tm.tm_mday++;
	}
	s->v[4] = arr_text(&s->bases);
	s->v[5] = arr_text(&s->rolled);
	s->v[6] = arr_text(&s->ticket_days);
	return 0;
}

/* one row of CR_FIGURES into the accumulator (a part of the report,
 * report.h), or a day into *days (part 0) */
static int
feed_row(PGresult *res, int i, struct report_acc *a, int *days)
{
	struct report_group g;
	int st, part = atoi(PQgetvalue(res, i, 0));

	if (part == 0) {
		(*days)++;
		return 0;
	}
	memset(&g, 0, sizeof g);
	g.hour = strtoll(PQgetvalue(res, i, 2), NULL, 10);
	g.issue_service = PQgetvalue(res, i, 3)[0];
	g.service = PQgetvalue(res, i, 4)[0];
	g.counter = atoi(PQgetvalue(res, i, 5));
	st = q_state_parse(PQgetvalue(res, i, 6));
	g.state = st < 0 ? Q_CANCELLED : (enum q_state)st;
	g.called = PQgetvalue(res, i, 7)[0] == 't';
	g.wait_s = atoi(PQgetvalue(res, i, 8));
	g.n = atoi(PQgetvalue(res, i, 9));
	g.service_ms = strtoll(PQgetvalue(res, i, 10), NULL, 10);
	return report_add_part(a, (enum report_part)part, &g);
}

/* the range's open ends closed at the first and last day with tickets */
static int
span(cdb *c, struct sel *s, int *none)
{
	PGresult *res;
	int rc;

	*none = 0;
	if ((rc = cdb_run(c, cdb_report_sql[CR_SPAN], 4, s->v, &res)))
		return rc;
	if (!PQgetvalue(res, 0, 0)[0]) {
		*none = 1;
	} else {
		if (strcmp(s->from, PQgetvalue(res, 0, 0)) < 0)
			snprintf(s->from, sizeof s->from, "%s",
			    PQgetvalue(res, 0, 0));
		if (strcmp(s->to, PQgetvalue(res, 0, 1)) > 0)
			snprintf(s->to, sizeof s->to, "%s",
			    PQgetvalue(res, 0, 1));
	}
	PQclear(res);
	return CDB_OK;
}

int
cdb_report(cdb *c, const char *from, const char *to, const char *office,
           const char *area, struct report *r)
{
	return cdb_report_how(c, from, to, office, area, 0, r);
}

int
cdb_report_how(cdb *c, const char *from, const char *to, const char *office,
               const char *area, int tickets_only, struct report *r)
{
	struct report_acc *a;
	struct sel s;
	PGresult *res = NULL, *fresh = NULL;
	int rc, end, days = 0, none = 0;

	memset(r, 0, sizeof *r);
	if ((rc = sel_make(&s, from, to, office, area)))
		return rc;
	if (!(a = report_begin(r, from, to)))
		return CDB_EDOWN;
	/* one snapshot for the rollups, the tickets and the peaks */
	rc = cdb_run(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", -1,
	    NULL, NULL);
	if (!rc)
		rc = cdb_run(c, cdb_report_sql[CR_MEMORY], -1, NULL, NULL);
	if (!rc && (!from || !to))
		rc = span(c, &s, &none);
	/* all outlets: the closed days whose rollup holds */
	if (!rc && !none && !tickets_only && !office && !area) {
		if (sel_days(&s, NULL)) {
			cdb_oom(c);
			rc = CDB_EDOWN;
		} else {
			const char *fv[3] = { s.from, s.to, s.v[4] };

			rc = cdb_run(c, cdb_report_sql[CR_FRESH], 3, fv, &fresh);
		}
	}
	if (!rc && !none && sel_days(&s, fresh)) {
		cdb_oom(c);
		rc = CDB_EDOWN;
	}
	PQclear(fresh);
	if (!rc && !none)
		rc = cdb_run(c, cdb_report_sql[CR_FIGURES], 7, s.v, &res);
	for (int i = 0; res && i < PQntuples(res) && !rc; i++)
		if (feed_row(res, i, a, &days))
			rc = CDB_EDOWN;
	PQclear(res);
	end = report_end(a);
	r->days = days;
	if (!rc && end)
		rc = CDB_EDOWN;
	if (!rc && !(rc = cdb_run(c, cdb_report_sql[CR_PEAK], 4, s.v, &res))) {
		if (PQntuples(res) == 1) {
			r->peak_occupancy = atoi(PQgetvalue(res, 0, 0));
			snprintf(r->peak_day, sizeof r->peak_day, "%s",
			    PQgetvalue(res, 0, 1));
		}
		PQclear(res);
	}
	if (cdb_alive(c))
		cdb_run(c, rc ? "ROLLBACK" : "COMMIT", -1, NULL, NULL);
	sel_free(&s);
	return rc;
}

/* ---- the rollups of closed days ----------------------------------------- */

/* day's rollup made again, from one snapshot, unless another process
 * made it meanwhile (*made: 1 made, 0 it held) */
static int
rollup_day(cdb *c, const char *day, int *made)
{
	char base[32];
	const char *v[3] = { day, day, base };
	PGresult *res = NULL;
	int rc, lrc;

	*made = 0;
	snprintf(base, sizeof base, "%lld", (long long)report_day_base(day));
	/* one maker of a day at a time, and the check again under it */
	if ((rc = cdb_run(c, cdb_report_sql[CR_ROLLUP_LOCK], 1, v, NULL)))
		return rc;
	rc = cdb_run(c, "BEGIN ISOLATION LEVEL REPEATABLE READ", -1, NULL,
	    NULL);
	if (!rc)
		rc = cdb_run(c, cdb_report_sql[CR_MEMORY], -1, NULL, NULL);
	if (!rc)
		rc = cdb_run(c, cdb_report_sql[CR_ROLLUP_DUE], 2, v, &res);
	if (!rc && PQntuples(res) == 1 && (PQgetvalue(res, 0, 2)[0] != 't' ||
	    strcmp(PQgetvalue(res, 0, 1), base))) {
		v[1] = base;
		if (!(rc = cdb_run(c, cdb_report_sql[CR_ROLLUP_DROP], 1, v,
		    NULL)) && !(rc = cdb_run(c, cdb_report_sql[CR_ROLLUP_DAY],
		    2, v, NULL)) && !(rc = cdb_run(c,
		    cdb_report_sql[CR_ROLLUP_PARTS], 2, v, NULL)))
			*made = 1;
	}
	PQclear(res);
	if (cdb_alive(c))
		cdb_run(c, rc ? "ROLLBACK" : "COMMIT", -1, NULL, NULL);
	if (cdb_alive(c) && (lrc = cdb_run(c,
	    cdb_report_sql[CR_ROLLUP_UNLOCK], 1, v, NULL)) && !rc)
		rc = lrc;
	return rc;
}

int
cdb_rollup(cdb *c, const char *from, const char *to,
           int (*cb)(const char *day, int made, void *ctx), void *ctx)
{
	const char *v[2];
	char **days = NULL;
	PGresult *res;
	int rc, n, made, stop = 0;

	if ((from && !report_valid_day(from)) || (to && !report_valid_day(to)))
		return CDB_EINVAL;
	v[0] = from ? from : "0001-01-01";
	v[1] = to ? to : "9999-12-31";
	if ((rc = cdb_run(c, cdb_report_sql[CR_ROLLUP_DUE], 2, v, &res)))
		return rc;
	/* the days whose rollup does not hold, or counts its hours from
	 * another midnight than this process's */
	n = PQntuples(res);
	if (n && !(days = calloc((size_t)n, sizeof *days))) {
		PQclear(res);
		cdb_oom(c);
		return CDB_EDOWN;
	}
	for (int i = 0; i < n; i++) {
		char base[32];
		const char *day = PQgetvalue(res, i, 0);

		snprintf(base, sizeof base, "%lld",
		    (long long)report_day_base(day));
		if (PQgetvalue(res, i, 2)[0] != 't' ||
		    strcmp(PQgetvalue(res, i, 1), base))
			days[i] = strdup(day);
		else if (cb && !stop)
			stop = cb(day, 0, ctx);
	}
	PQclear(res);
	for (int i = 0; i < n; i++) {
		if (days[i] && !rc && !stop) {
			if (!(rc = rollup_day(c, days[i], &made)) && cb)
				stop = cb(days[i], made, ctx);
		}
		free(days[i]);
	}
	free(days);
	return rc;
}

int
cdb_report_groups(cdb *c, const char *office, const char *area, int by_area,
                  int (*cb)(const char *key, const char *name, void *ctx),
                  void *ctx)
{
	const char *v[2] = { office ? office : "", area ? area : "" };
	PGresult *res;
	int rc;

	if ((rc = cdb_run(c, cdb_report_sql[by_area ? CR_GROUPS_AREA :
	    CR_GROUPS_OFFICE], 2, v, &res)))
		return rc;
	for (int i = 0; i < PQntuples(res) && !rc; i++)
		rc = cb(PQgetvalue(res, i, 0), PQgetvalue(res, i, 1), ctx);
	PQclear(res);
	return rc;
}

int
cdb_report_names(cdb *c, const char *office, struct q_status *st)
{
	const char *v[1] = { office };
	PGresult *res;
	int rc, n;

	memset(st, 0, sizeof *st);
	if ((rc = cdb_run(c, cdb_report_sql[CR_NAMES], 1, v, &res)))
		return rc;
	n = PQntuples(res);
	if (n == 0) {
		PQclear(res);
		return CDB_ENOOFFICE;
	}
	snprintf(st->office, sizeof st->office, "%s", PQgetvalue(res, 0, 0));
	for (int i = 1; i < n && st->nservices < Q_MAX_SERVICES; i++) {
		struct q_service *s = &st->services[st->nservices++];

		s->code = PQgetvalue(res, i, 0)[0];
		snprintf(s->name_id, sizeof s->name_id, "%s",
		    PQgetvalue(res, i, 1));
	}
	PQclear(res);
	return CDB_OK;
}
