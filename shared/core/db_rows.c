/* db_rows.c - the row-level operations of db.h: settings, services,
 * counters, tickets and the per-day figures (the events: db_events.c).
 *
 * Each function names a statement of db_sql.c's array, binds its
 * parameters and steps its rows through db_stmt.c (db_query, db_exec,
 * db_int, db_one_row, ...: db_int.h) and reads the rows into the structs
 * of queue.h, with the names of names.c.
 */
#define _POSIX_C_SOURCE 200809L
#include "db_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An optional id: 0 when the statement gives no row. */
static int
maybe_id(int rc, int64_t *id)
{
	if (rc == Q_ENOTICKET) {
		*id = 0;
		return Q_OK;
	}
	return rc;
}

/* Run a statement that yields one count, store it in *n, return. */
#define RETURN_COUNT(d, st, n, ...) do { \
	int64_t v_ = 0; \
	int rc_ = db_int((d), (st), &v_, __VA_ARGS__); \
	*(n) = (int)v_; \
	return rc_; \
} while (0)

/* ---- settings --------------------------------------------------------- */

int
db_setting_get(db *d, const char *key, char *buf, size_t len)
{
	sqlite3_stmt *s;
	int rc = Q_OK, r;

	if (!(s = db_query(d, S_SET_GET, &rc, "t", key)))
		return rc;
	r = sqlite3_step(s);
	if (r == SQLITE_ROW)
		db_col_text(s, 0, buf, len);
	else if (r == SQLITE_DONE)
		rc = Q_ENOTICKET;
	else
		rc = db_maprc(d, r);
	db_done(s);
	return rc;
}

int
db_setting_get_int(db *d, const char *key, int64_t *v)
{
	char buf[32];
	int rc = db_setting_get(d, key, buf, sizeof buf);

	if (rc == Q_OK)
		*v = strtoll(buf, NULL, 10);
	return rc;
}

int
db_setting_set(db *d, const char *key, const char *value)
{
	return db_exec(d, S_SET_PUT, NULL, "tt", key, value);
}

int
db_setting_set_int(db *d, const char *key, int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long)v);
	return db_setting_set(d, key, buf);
}

/* ---- services --------------------------------------------------------- */

static void
row_service(sqlite3_stmt *s, void *out)
{
	struct q_service *v = out;

	memset(v, 0, sizeof *v);
	v->code = db_col_code(s, 0);
	db_col_text(s, 1, v->name_id, sizeof v->name_id);
	db_col_text(s, 2, v->name_en, sizeof v->name_en);
	v->open = sqlite3_column_int(s, 3);
	v->quota = sqlite3_column_int(s, 4);
	v->priority = sqlite3_column_int(s, 5);
	v->est_wait_s = -1;
}

int
db_service_insert(db *d, const struct q_service *v)
{
	return db_exec(d, S_SVC_INSERT, NULL, "cttiii", v->code, v->name_id,
	    v->name_en, v->open, v->quota, v->priority);
}

int
db_service_get(db *d, char code, struct q_service *v)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_SVC_GET, &rc, "c", code);

	return db_one_row(d, s, rc, Q_ENOSERVICE, row_service, v);
}

int
db_service_update(db *d, const struct q_service *v)
{
	int changes = 0;
	int rc = db_exec(d, S_SVC_UPDATE, &changes, "cttiii", v->code,
	    v->name_id, v->name_en, v->open, v->quota, v->priority);

	return rc == Q_OK && changes == 0 ? Q_ENOSERVICE : rc;
}

int
db_services(db *d, struct q_service *out, int *n)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_SVC_ALL, &rc, "");

	return db_many_rows(d, s, rc, row_service, out, sizeof *out, n);
}

/* ---- counters --------------------------------------------------------- */

/* an unknown word reads as closed: such a counter calls nobody */
static enum q_cstate
cstate_col(sqlite3_stmt *s, int col)
{
	int st = q_cstate_parse((const char *)sqlite3_column_text(s, col));

	return st < 0 ? Q_COUNTER_CLOSED : (enum q_cstate)st;
}

int
db_counter_insert(db *d, int number, enum q_cstate st)
{
	return db_exec(d, S_CTR_INSERT, NULL, "it", number, q_cstate_name(st));
}

struct counter_row {
	enum q_cstate *st;
	int64_t *current;
};

static void
row_counter_state(sqlite3_stmt *s, void *out)
{
	struct counter_row *c = out;

	*c->st = cstate_col(s, 0);
	*c->current = sqlite3_column_int64(s, 1);
}

int
db_counter_get(db *d, int number, enum q_cstate *st, int64_t *current)
{
	struct counter_row c = { st, current };
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_CTR_GET, &rc, "i", number);

	return db_one_row(d, s, rc, Q_ENOCOUNTER, row_counter_state, &c);
}

int
db_counter_set(db *d, int number, enum q_cstate st, int64_t current)
{
	int changes = 0;
	int rc = db_exec(d, S_CTR_SET, &changes, "itl", number, q_cstate_name(st),
	    current);

	return rc == Q_OK && changes == 0 ? Q_ENOCOUNTER : rc;
}

int
db_counter_services_set(db *d, int number, const char *codes)
{
	int rc = db_exec(d, S_CSV_DEL, NULL, "i", number);

	for (const char *c = codes; *c && rc == Q_OK; c++)
		rc = db_exec(d, S_CSV_ADD, NULL, "ic", number, *c);
	return rc;
}

int
db_counter_services(db *d, int number, char *codes, size_t len)
{
	sqlite3_stmt *s;
	size_t k = 0;
	int rc = Q_OK, r;

	if (!(s = db_query(d, S_CSV_GET, &rc, "i", number)))
		return rc;
	while ((r = sqlite3_step(s)) == SQLITE_ROW)
		if (k + 1 < len)
			codes[k++] = db_col_code(s, 0);
	if (r != SQLITE_DONE)
		rc = db_maprc(d, r);
	if (len)
		codes[k] = 0;
	db_done(s);
	return rc;
}

int
db_counters(db *d, struct q_counter *out, int64_t *current, int *n)
{
	sqlite3_stmt *s;
	int rc = Q_OK, r = SQLITE_DONE, k = 0;

	if (!(s = db_query(d, S_CTR_ALL, &rc, "")))
		return rc;
	while (k < *n && (r = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&out[k], 0, sizeof out[k]);
		out[k].number = sqlite3_column_int(s, 0);
		out[k].state = cstate_col(s, 1);
		current[k] = sqlite3_column_int64(s, 2);
		db_col_text(s, 3, out[k].services, sizeof out[k].services);
		k++;
	}
	if (k < *n && r != SQLITE_DONE)
		rc = db_maprc(d, r);
	*n = k;
	db_done(s);
	return rc;
}

int
db_service_open_counters(db *d, char code, int *n)
{
	RETURN_COUNT(d, S_SVC_OPEN_CTRS, n, "c", code);
}

int
db_open_counters(db *d, int *n)
{
	RETURN_COUNT(d, S_CTR_OPEN_ANY, n, "");
}

int
db_counters_clear(db *d)
{
	return db_exec(d, S_CTR_CLEAR, NULL, "");
}

/* ---- tickets ---------------------------------------------------------- */

static void
row_ticket(sqlite3_stmt *s, void *out)
{
	struct q_ticket *t = out;
	char buf[16];
	int v;

	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(s, 0);
	db_col_text(s, 1, t->label, sizeof t->label);
	t->service = db_col_code(s, 2);
	t->issue_service = db_col_code(s, 3);
	t->seq = sqlite3_column_int(s, 4);
	db_col_text(s, 5, t->day, sizeof t->day);
	db_col_text(s, 6, buf, sizeof buf);
	v = q_state_parse(buf);
	t->state = v < 0 ? Q_CANCELLED : (enum q_state)v;
	t->issued_ms = sqlite3_column_int64(s, 7);
	t->admitted_ms = sqlite3_column_int64(s, 8);
	t->called_ms = sqlite3_column_int64(s, 9);
	t->finished_ms = sqlite3_column_int64(s, 10);
	t->counter = sqlite3_column_int(s, 11);
	db_col_text(s, 12, t->kiosk, sizeof t->kiosk);
	db_col_text(s, 13, buf, sizeof buf);
	v = q_print_parse(buf);
	t->print_state = v < 0 ? Q_PRINT_NONE : (enum q_print)v;
	db_col_text(s, 14, t->print_reason, sizeof t->print_reason);
	db_col_text(s, 15, t->token, sizeof t->token);
	t->place_ms = sqlite3_column_int64(s, 16);
	t->slot_ms = sqlite3_column_int64(s, 17);
	t->est_wait_s = -1;
}

/* Run a query bound by the caller for one ticket. */
static int
ticket_query(db *d, sqlite3_stmt *s, int rc, struct q_ticket *t)
{
	return db_one_row(d, s, rc, Q_ENOTICKET, row_ticket, t);
}

static int
tickets_query(db *d, sqlite3_stmt *s, int rc, struct q_ticket *out, int *n)
{
	return db_many_rows(d, s, rc, row_ticket, out, sizeof *out, n);
}

int
db_ticket_next_seq(db *d, const char *day, char code, int *seq)
{
	RETURN_COUNT(d, S_T_NEXT_SEQ, seq, "tc", day, code);
}

int
db_ticket_insert(db *d, struct q_ticket *t)
{
	int rc = db_exec(d, S_T_INSERT, NULL, "tcitctllllittttll", t->day,
	    t->issue_service, t->seq, t->label, t->service,
	    q_state_name(t->state), t->issued_ms, t->admitted_ms, t->called_ms,
	    t->finished_ms, t->counter, t->kiosk, q_print_name(t->print_state),
	    t->print_reason, t->token,
	    t->place_ms ? t->place_ms : t->issued_ms, t->slot_ms);

	if (rc == Q_OK)
		t->id = sqlite3_last_insert_rowid(d->h);
	return rc;
}

int
db_ticket_get(db *d, int64_t id, struct q_ticket *t)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_T_GET, &rc, "l", id);

	return ticket_query(d, s, rc, t);
}

int
db_ticket_by_label(db *d, const char *day, char code, int seq,
                   struct q_ticket *t)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_T_BY_LABEL, &rc, "tci", day, code, seq);

	return ticket_query(d, s, rc, t);
}

int
db_ticket_by_token(db *d, const char *day, const char *token,
                   struct q_ticket *t)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_T_BY_TOKEN, &rc, "tt", day, token);

	return ticket_query(d, s, rc, t);
}

int
db_ticket_update(db *d, const struct q_ticket *t)
{
	int changes = 0;
	int rc = db_exec(d, S_T_UPDATE, &changes, "lctlllittl", t->id,
	    t->service, q_state_name(t->state), t->admitted_ms, t->called_ms,
	    t->finished_ms, t->counter, q_print_name(t->print_state),
	    t->print_reason, t->place_ms ? t->place_ms : t->issued_ms);

	return rc == Q_OK && changes == 0 ? Q_ENOTICKET : rc;
}

int
db_ticket_last_by(db *d, const char *kiosk, const char *day,
                  struct q_ticket *t)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_T_LAST_BY, &rc, "tt", kiosk, day);

	return ticket_query(d, s, rc, t);
}

int
db_count_state(db *d, int st, char code, int *n)
{
	const char *name = st >= 0 ? q_state_name((enum q_state)st) : NULL;

	if (st < 0)
		RETURN_COUNT(d, S_T_COUNT_INSIDE, n, "");
	if (code)
		RETURN_COUNT(d, S_T_COUNT_STATE_SVC, n, "tc", name, code);
	RETURN_COUNT(d, S_T_COUNT_STATE, n, "t", name);
}

int
db_count_issued(db *d, const char *day, char code, int *n)
{
	RETURN_COUNT(d, S_T_COUNT_ISSUED, n, "tc", day, code);
}

int
db_next_outside(db *d, int64_t *id)
{
	return maybe_id(db_int(d, S_T_NEXT_OUT, id, ""), id);
}

int
db_count_ahead(db *d, enum q_state st, char code, int priority,
               int64_t issued_ms, int64_t id, int *n)
{
	RETURN_COUNT(d, S_T_AHEAD, n, "illct", priority, issued_ms, id, code,
	    q_state_name(st));
}

int
db_next_for_counter(db *d, int counter, int64_t *id)
{
	return maybe_id(db_int(d, S_T_NEXT_FOR, id, "i", counter), id);
}

int
db_live_tickets(db *d, const char *before_day, int64_t *ids, int *n)
{
	sqlite3_stmt *s;
	int rc = Q_OK, r = SQLITE_DONE, k = 0;

	s = before_day ? db_query(d, S_T_LIVE, &rc, "ti", before_day, *n) :
	    db_query(d, S_T_LIVE_ALL, &rc, "i", *n);
	if (!s)
		return rc;
	while (k < *n && (r = sqlite3_step(s)) == SQLITE_ROW)
		ids[k++] = sqlite3_column_int64(s, 0);
	if (k < *n && r != SQLITE_DONE)
		rc = db_maprc(d, r);
	*n = k;
	db_done(s);
	return rc;
}

int
db_mean_service_ms(db *d, char code, int n, int64_t *mean)
{
	return db_int(d, S_T_MEAN_SVC, mean, "ci", code, n);
}

int
db_tickets_print_state(db *d, const char *day, enum q_print ps,
                       struct q_ticket *out, int *n)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_T_PRINT, &rc, "tti", day,
	    q_print_name(ps), *n);

	return tickets_query(d, s, rc, out, n);
}

int
db_counter_history(db *d, int counter, const char *day,
                   struct q_ticket *out, int *n)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_T_HISTORY, &rc, "iti", counter, day,
	    *n);

	return tickets_query(d, s, rc, out, n);
}

struct ticket_cb {
	int (*cb)(const struct q_ticket *, void *);
	void *ctx;
};

/* db_each_row's step for db_tickets_foreach: the row to the caller's cb */
static int
ticket_to_cb(sqlite3_stmt *s, void *p)
{
	const struct ticket_cb *c = p;
	struct q_ticket t;

	row_ticket(s, &t);
	return c->cb(&t, c->ctx);
}

int
db_tickets_foreach(db *d, const char *from, const char *to,
                   int (*cb)(const struct q_ticket *, void *), void *ctx)
{
	struct ticket_cb c = { cb, ctx };
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_T_RANGE, &rc, "tt",
	    from ? from : "0000-00-00", to ? to : "9999-99-99");

	return db_each_row(d, s, rc, ticket_to_cb, &c);
}

/* ---- days ------------------------------------------------------------- */

int
db_day_peak(db *d, const char *day, int occupancy)
{
	return db_exec(d, S_DAY_PEAK, NULL, "ti", day, occupancy);
}

struct peak_row {
	int *peak;
	char *day;
};

static void
row_peak(sqlite3_stmt *s, void *out)
{
	struct peak_row *p = out;

	db_col_text(s, 0, p->day, Q_DAY_MAX);
	*p->peak = sqlite3_column_int(s, 1);
}

int
db_peak_range(db *d, const char *from, const char *to, int *peak,
              char day[Q_DAY_MAX])
{
	struct peak_row p = { peak, day };
	int rc = Q_OK;
	sqlite3_stmt *s;

	*peak = 0;
	day[0] = 0;
	s = db_query(d, S_DAY_RANGE, &rc, "tt", from ? from : "0000-00-00",
	    to ? to : "9999-99-99");
	return db_one_row(d, s, rc, Q_OK, row_peak, &p);
}
