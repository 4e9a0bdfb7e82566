/* cdb_report.c - the head office's reports: the same figures as an
 * outlet's `antri report`, for one office, one area or all of them.
 *
 * At ingest every event moves the central's copy of its ticket
 * (antri.fact_apply, migration 2 in cdb_sql.c); here those tickets are
 * read back in the outlet's order and fed to the core's own accumulator
 * (report_begin/report_add/report_end in report.c), so there is one
 * rule for each figure.  The peak occupancy comes from the room's count
 * replayed at ingest.  Start at cdb_report().
 */
#define _POSIX_C_SOURCE 200809L
#include "cdb_int.h"
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the selection as the statements' $1..$4 */
struct sel {
	char from[Q_DAY_MAX], to[Q_DAY_MAX];
	const char *v[4];
};

static int
sel_make(struct sel *s, const char *from, const char *to, const char *office,
         const char *area)
{
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

/* one row of CR_TICKETS as the outlet's ticket */
static void
row_ticket(PGresult *res, int i, struct q_ticket *t)
{
	int st = q_state_parse(PQgetvalue(res, i, 4));

	memset(t, 0, sizeof *t);
	snprintf(t->day, sizeof t->day, "%s", PQgetvalue(res, i, 0));
	t->issue_service = PQgetvalue(res, i, 1)[0];
	t->service = PQgetvalue(res, i, 2)[0];
	t->seq = atoi(PQgetvalue(res, i, 3));
	t->state = st < 0 ? Q_CANCELLED : (enum q_state)st;
	t->issued_ms = strtoll(PQgetvalue(res, i, 5), NULL, 10);
	t->called_ms = strtoll(PQgetvalue(res, i, 6), NULL, 10);
	t->finished_ms = strtoll(PQgetvalue(res, i, 7), NULL, 10);
	t->counter = atoi(PQgetvalue(res, i, 8));
}

/* the tickets of the selection, page by page, into the accumulator */
static int
feed(cdb *c, const struct sel *s, struct report_acc *a)
{
	struct q_ticket t;
	PGresult *res;
	int rc, n;

	if ((rc = cdb_run(c, cdb_report_sql[CR_TICKETS], 4, s->v, NULL)))
		return rc;
	do {
		if ((rc = cdb_run(c, cdb_report_sql[CR_FETCH], 0, NULL, &res)))
			return rc;
		n = PQntuples(res);
		for (int i = 0; i < n && !rc; i++) {
			row_ticket(res, i, &t);
			if (report_add(a, &t))
				rc = CDB_EDOWN;
		}
		PQclear(res);
	} while (n > 0 && !rc);
	return rc;
}

int
cdb_report(cdb *c, const char *from, const char *to, const char *office,
           const char *area, struct report *r)
{
	struct report_acc *a;
	struct sel s;
	PGresult *res;
	int rc, end;

	memset(r, 0, sizeof *r);
	if ((rc = sel_make(&s, from, to, office, area)))
		return rc;
	if (!(a = report_begin(r, from, to)))
		return CDB_EDOWN;
	/* one snapshot for the tickets and the peaks */
	rc = cdb_run(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", -1,
	    NULL, NULL);
	if (!rc)
		rc = feed(c, &s, a);
	end = report_end(a);
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
