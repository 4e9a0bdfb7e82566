/* db_events.c - the rows of the events table, the audit trail every
 * change appends to (db_chain.c adds each row's hash): read back since an
 * id, the recent calls and admissions for the screens, one ticket's
 * newest event of a kind, all of them for `antri check`.  The SQL texts
 * are in db_sql.c.
 */
#define _POSIX_C_SOURCE 200809L
#include "db_int.h"

#include <string.h>

static void
row_event(sqlite3_stmt *s, void *out)
{
	struct q_event_rec *e = out;
	char buf[32];
	int v;

	memset(e, 0, sizeof *e);
	e->id = sqlite3_column_int64(s, 0);
	e->ts_ms = sqlite3_column_int64(s, 1);
	db_col_text(s, 2, buf, sizeof buf);
	v = q_event_parse(buf);
	e->kind = v < 0 ? QE_KIND_COUNT : (enum q_event)v;
	e->ticket = sqlite3_column_int64(s, 3);
	db_col_text(s, 4, e->label, sizeof e->label);
	e->service = db_col_code(s, 5);
	e->counter = sqlite3_column_int(s, 6);
	db_col_text(s, 7, e->actor, sizeof e->actor);
	db_col_text(s, 8, e->detail, sizeof e->detail);
	db_col_text(s, 9, e->hash, sizeof e->hash);
}

static int
events_query(db *d, sqlite3_stmt *s, int rc, struct q_event_rec *out, int *n)
{
	return db_many_rows(d, s, rc, row_event, out, sizeof *out, n);
}

int
db_events_since(db *d, int64_t after, struct q_event_rec *out, int *n)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_E_SINCE, &rc, "li", after, *n);

	return events_query(d, s, rc, out, n);
}

int
db_events_recent(db *d, enum q_event a, enum q_event b, int64_t from_id,
                 struct q_event_rec *out, int *n)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_E_RECENT, &rc, "ttli", q_event_name(a),
	    q_event_name(b), from_id, *n);

	return events_query(d, s, rc, out, n);
}

int
db_events_admit_waiting(db *d, int64_t from_id, struct q_event_rec *out,
                        int *n)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_E_ADMIT_WAITING, &rc, "li", from_id,
	    *n);

	return events_query(d, s, rc, out, n);
}

int
db_event_of_ticket(db *d, int64_t from_id, int64_t ticket, enum q_event kind,
                   struct q_event_rec *e)
{
	int rc = Q_OK, n = 1;
	sqlite3_stmt *s = db_query(d, S_E_OF_TICKET, &rc, "llt", from_id,
	    ticket, q_event_name(kind));

	rc = events_query(d, s, rc, e, &n);
	return rc == Q_OK && n == 0 ? Q_ENOTICKET : rc;
}

struct event_cb {
	int (*cb)(const struct q_event_rec *, void *);
	void *ctx;
};

/* db_each_row's step for db_events_foreach: the row to the caller's cb */
static int
event_to_cb(sqlite3_stmt *s, void *p)
{
	const struct event_cb *c = p;
	struct q_event_rec e;

	row_event(s, &e);
	return c->cb(&e, c->ctx);
}

int
db_events_foreach(db *d, int (*cb)(const struct q_event_rec *, void *),
                  void *ctx)
{
	struct event_cb c = { cb, ctx };
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_E_ALL, &rc, "");

	return db_each_row(d, s, rc, event_to_cb, &c);
}

int
db_last_event(db *d, int64_t *id)
{
	return db_int(d, S_E_LAST, id, "");
}

int
db_last_event_ts(db *d, int64_t *ts)
{
	return db_int(d, S_E_LAST_TS, ts, "");
}

