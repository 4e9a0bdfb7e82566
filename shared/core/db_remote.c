/* db_remote.c - the rows of remote tickets: their check-in codes (only
 * the SHA-256 of the code and of the QR's secret are stored) and the
 * count of wrong codes per source that the check-in's rate limit reads.
 * The rules are queue_remote.c's; the SQL is db_sql.c's (S_CK_*, S_CT_*,
 * S_T_TURN_PASSED).  Calls db_stmt.c only.
 */
#include "db_int.h"

#include <string.h>

int
db_checkin_insert(db *d, int64_t ticket, const char *day,
                  const char *code_hash, const char *secret_hash)
{
	return db_exec(d, S_CK_INSERT, NULL, "lttt", ticket, day,
	    code_hash, secret_hash);
}

static void
row_checkin(sqlite3_stmt *s, void *out)
{
	struct db_checkin *c = out;

	memset(c, 0, sizeof *c);
	c->ticket = sqlite3_column_int64(s, 0);
	db_col_text(s, 1, c->day, sizeof c->day);
	db_col_text(s, 2, c->secret_hash, sizeof c->secret_hash);
	c->used_ms = sqlite3_column_int64(s, 3);
}

int
db_checkin_get(db *d, const char *code_hash, const char *today,
               struct db_checkin *c)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_CK_GET, &rc, "tt", code_hash, today);

	return db_one_row(d, s, rc, Q_ENOTICKET, row_checkin, c);
}

int
db_checkin_use(db *d, int64_t ticket, int64_t now)
{
	return db_exec(d, S_CK_USE, NULL, "ll", ticket, now);
}

int
db_checkin_count(db *d, const char *day, char code, int *n)
{
	int64_t v = 0;
	int rc = db_int(d, S_CK_COUNT_SVC, &v, "tc", day, code);

	*n = (int)v;
	return rc;
}

struct tries {
	int64_t since, until;
	int fails;
};

static void
row_tries(sqlite3_stmt *s, void *out)
{
	struct tries *t = out;

	t->since = sqlite3_column_int64(s, 0);
	t->fails = sqlite3_column_int(s, 1);
	t->until = sqlite3_column_int64(s, 2);
}

int
db_checkin_tries(db *d, const char *source, int64_t *since, int *fails,
                 int64_t *locked_until)
{
	struct tries t = { 0, 0, 0 };
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_CT_GET, &rc, "t", source);

	rc = db_one_row(d, s, rc, Q_ENOTICKET, row_tries, &t);
	*since = t.since;
	*fails = t.fails;
	*locked_until = t.until;
	return rc == Q_ENOTICKET ? Q_OK : rc;
}

int
db_checkin_tries_set(db *d, const char *source, int64_t since, int fails,
                     int64_t locked_until)
{
	return db_exec(d, S_CT_PUT, NULL, "tlil",
	    source, since, fails, locked_until);
}

int
db_turn_passed(db *d, const char *day, char code, int64_t place_ms,
               int64_t id, int64_t *called_ms)
{
	return db_int(d, S_T_TURN_PASSED, called_ms, "tcll", day, code,
	    place_ms, id);
}

/* ---- appointments ------------------------------------------------------ */

int
db_slot_rules_set(db *d, char code, const struct q_slot_rules *r)
{
	return db_exec(d, S_SR_PUT, NULL, "ciiiii", code, r->length_min,
	    r->per_slot, r->days_ahead, r->from_min, r->to_min);
}

static void
row_rules(sqlite3_stmt *s, void *out)
{
	struct q_slot_rules *r = out;

	r->length_min = sqlite3_column_int(s, 0);
	r->per_slot = sqlite3_column_int(s, 1);
	r->days_ahead = sqlite3_column_int(s, 2);
	r->from_min = sqlite3_column_int(s, 3);
	r->to_min = sqlite3_column_int(s, 4);
}

int
db_slot_rules_get(db *d, char code, struct q_slot_rules *r)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_SR_GET, &rc, "c", code);

	memset(r, 0, sizeof *r);
	return db_one_row(d, s, rc, Q_ENOTICKET, row_rules, r);
}

int
db_booking_insert(db *d, const struct db_booking *b, const char *code_hash,
                  const char *name, const char *phone, int64_t now,
                  int64_t *id)
{
	int rc = db_exec(d, S_BK_INSERT, NULL, "ctlttttl", b->service, b->day,
	    b->slot_ms, code_hash, b->secret_hash, name, phone, now);

	if (rc == Q_OK)
		*id = sqlite3_last_insert_rowid(d->h);
	return rc;
}

int
db_booking_count_slot(db *d, char code, int64_t slot_ms, int *n)
{
	int64_t v = 0;
	int rc = db_int(d, S_BK_COUNT_SLOT, &v, "cl", code, slot_ms);

	*n = (int)v;
	return rc;
}

int
db_booking_count_day(db *d, char code, const char *day, int *n)
{
	int64_t v = 0;
	int rc = db_int(d, S_BK_COUNT_DAY, &v, "ct", code, day);

	*n = (int)v;
	return rc;
}

int
db_booking_same_phone(db *d, char code, const char *day, const char *phone,
                      int *n)
{
	int64_t v = 0;
	int rc = db_int(d, S_BK_SAME_PHONE, &v, "ctt", code, day, phone);

	*n = (int)v;
	return rc;
}

static void
row_booking(sqlite3_stmt *s, void *out)
{
	struct db_booking *b = out;

	memset(b, 0, sizeof *b);
	b->id = sqlite3_column_int64(s, 0);
	b->service = db_col_code(s, 1);
	db_col_text(s, 2, b->day, sizeof b->day);
	b->slot_ms = sqlite3_column_int64(s, 3);
	db_col_text(s, 4, b->secret_hash, sizeof b->secret_hash);
	db_col_text(s, 5, b->state, sizeof b->state);
	b->ticket = sqlite3_column_int64(s, 6);
}

int
db_booking_get(db *d, const char *code_hash, const char *today,
               struct db_booking *b)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_BK_GET, &rc, "tt", code_hash, today);

	return db_one_row(d, s, rc, Q_ENOTICKET, row_booking, b);
}

int
db_booking_set(db *d, int64_t id, const char *state, int64_t ticket,
               int64_t checkin_ms)
{
	return db_exec(d, S_BK_SET, NULL, "ltll", id, state, ticket,
	    checkin_ms);
}

static void
row_id(sqlite3_stmt *s, void *out)
{
	*(int64_t *)out = sqlite3_column_int64(s, 0);
}

int
db_bookings_due(db *d, int64_t before, int64_t *ids, int *n)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_BK_DUE, &rc, "l", before);

	return db_many_rows(d, s, rc, row_id, ids, sizeof *ids, n);
}

int
db_tickets_slot_came(db *d, int64_t now, int64_t *ids, int *n)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_T_SLOT_CAME, &rc, "l", now);

	return db_many_rows(d, s, rc, row_id, ids, sizeof *ids, n);
}

int
db_count_due_ahead(db *d, char code, int priority, int64_t place_ms,
                   int64_t id, int64_t now, int *n)
{
	int64_t v = 0;
	int rc = db_int(d, S_T_AHEAD_DUE, &v, "illcl", priority, place_ms, id,
	    code, now);

	*n = (int)v;
	return rc;
}

struct bstats {
	int *booked, *checked_in, *no_show;
};

static int
row_bstats(sqlite3_stmt *s, void *ctx)
{
	struct bstats *b = ctx;
	char st[16];
	int n = sqlite3_column_int(s, 1);

	db_col_text(s, 0, st, sizeof st);
	*b->booked += n;
	if (!strcmp(st, "checked_in") || !strcmp(st, "late"))
		*b->checked_in += n;
	else if (!strcmp(st, "no_show"))
		*b->no_show += n;
	return Q_OK;
}

int
db_booking_stats(db *d, const char *from, const char *to, int *booked,
                 int *checked_in, int *no_show)
{
	struct bstats b = { booked, checked_in, no_show };
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_BK_DAY_STATS, &rc, "tt", from, to);

	*booked = *checked_in = *no_show = 0;
	return db_each_row(d, s, rc, row_bstats, &b);
}

/* a row of two ids: a request's ticket and booking, or a request and
 * its ticket */
static void
row_id_pair(sqlite3_stmt *s, void *out)
{
	int64_t *r = out;

	r[0] = sqlite3_column_int64(s, 0);
	r[1] = sqlite3_column_int64(s, 1);
}

int
db_request_get(db *d, int64_t req, int64_t *ticket, int64_t *booking)
{
	int64_t r[2] = { 0, 0 };
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_RQ_GET, &rc, "l", req);

	rc = db_one_row(d, s, rc, Q_ENOTICKET, row_id_pair, r);
	*ticket = r[0];
	*booking = r[1];
	return rc == Q_ENOTICKET ? Q_OK : rc;
}

int
db_request_tickets(db *d, const char *day, int64_t since_ms,
                   int64_t (*pairs)[2], int *n)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_RQ_TICKETS, &rc, "tll", day, since_ms,
	    (int64_t)*n);

	return db_many_rows(d, s, rc, row_id_pair, pairs, sizeof *pairs, n);
}

int
db_request_missed(db *d, const char *day, int64_t *req, int *n)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_RQ_MISSED, &rc, "tl", day, (int64_t)*n);

	return db_many_rows(d, s, rc, row_id, req, sizeof *req, n);
}

int
db_request_put(db *d, int64_t req, int64_t ticket, int64_t booking,
               int64_t now)
{
	return db_exec(d, S_RQ_PUT, NULL, "llll", req, ticket, booking, now);
}

static int
rekey(db *d, enum stmt st, int64_t id, const char *code_hash,
      const char *secret_hash)
{
	int n = 0, rc = db_exec(d, st, &n, "ltt", id, code_hash, secret_hash);

	return rc ? rc : n == 1 ? Q_OK : Q_ENOTICKET;
}

int
db_checkin_rekey(db *d, int64_t ticket, const char *code_hash,
                 const char *secret_hash)
{
	return rekey(d, S_CK_REKEY, ticket, code_hash, secret_hash);
}

int
db_booking_rekey(db *d, int64_t id, const char *code_hash,
                 const char *secret_hash)
{
	return rekey(d, S_BK_REKEY, id, code_hash, secret_hash);
}

int
db_booking_slot(db *d, int64_t id, int64_t *slot_ms)
{
	*slot_ms = 0;
	return db_int(d, S_BK_SLOT, slot_ms, "l", id);
}

static void
row_taken(sqlite3_stmt *s, void *out)
{
	struct q_slot_taken *t = out;

	t->slot_ms = sqlite3_column_int64(s, 0);
	t->n = sqlite3_column_int(s, 1);
}

int
db_booking_per_slot(db *d, char code, int64_t from_ms,
                    struct q_slot_taken *out, int *n)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_BK_PER_SLOT, &rc, "cll", code,
	    from_ms, (int64_t)*n);

	return db_many_rows(d, s, rc, row_taken, out, sizeof *out, n);
}
