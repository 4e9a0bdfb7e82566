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
