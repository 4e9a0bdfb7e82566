/* db_users.c - the rows of staff accounts and their web sessions (the
 * users and sessions tables of schema version 2).  SQL texts are in db_sql.c;
 * queue_user.c decides, this file stores. */
#define _POSIX_C_SOURCE 200809L
#include "db_int.h"

#include <string.h>

/* Where one account's row goes: the account, and its hash (if hash). */
struct user_row {
	struct q_user *u;
	char *hash;
	size_t len;
};

static void
row_user(sqlite3_stmt *s, void *out)
{
	const struct user_row *r = out;
	struct q_user *u = r->u;
	char role[16];

	memset(u, 0, sizeof *u);
	db_col_text(s, 0, u->name, sizeof u->name);
	db_col_text(s, 1, role, sizeof role);
	u->role = strcmp(role, "manager") ? Q_ROLE_CLERK : Q_ROLE_MANAGER;
	if (r->hash)
		db_col_text(s, 2, r->hash, r->len);
	u->enabled = sqlite3_column_int(s, 3);
	u->fails = sqlite3_column_int(s, 4);
	u->locked_until_ms = sqlite3_column_int64(s, 5);
	u->created_ms = sqlite3_column_int64(s, 6);
}

int
db_user_insert(db *d, const struct q_user *u, const char *hash)
{
	return db_exec(d, S_U_INSERT, NULL, "tttl", u->name,
	    q_role_name(u->role), hash, u->created_ms);
}

int
db_user_get(db *d, const char *name, struct q_user *u, char *hash,
            size_t len)
{
	struct user_row r = { u, hash, len };
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_U_GET, &rc, "t", name);

	return db_one_row(d, s, rc, Q_ENOUSER, row_user, &r);
}

/* db_many_rows's reader for db_users: the account without its hash */
static void
row_user_nohash(sqlite3_stmt *s, void *out)
{
	struct user_row r = { out, NULL, 0 };

	row_user(s, &r);
}

int
db_users(db *d, struct q_user *out, int *n)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_U_ALL, &rc, "");

	return db_many_rows(d, s, rc, row_user_nohash, out, sizeof *out, n);
}

/* Run an UPDATE of one user; Q_ENOUSER when no row changed. */
static int
user_update(db *d, enum stmt st, const char *fmt, const char *name,
            const char *t, int64_t a, int64_t b)
{
	int rc, changes = 0;

	if (fmt[1] == 't')
		rc = db_exec(d, st, &changes, fmt, name, t);
	else if (fmt[1] == 'l' && fmt[2] == 0)
		rc = db_exec(d, st, &changes, fmt, name, a);
	else
		rc = db_exec(d, st, &changes, fmt, name, a, b);
	return rc ? rc : changes ? Q_OK : Q_ENOUSER;
}

int
db_user_set_hash(db *d, const char *name, const char *hash)
{
	return user_update(d, S_U_HASH, "tt", name, hash, 0, 0);
}

int
db_user_set_enabled(db *d, const char *name, int enabled)
{
	return user_update(d, S_U_ENABLED, "tl", name, NULL, enabled, 0);
}

int
db_user_set_fails(db *d, const char *name, int fails, int64_t until)
{
	return user_update(d, S_U_FAILS, "tll", name, NULL, fails, until);
}

int
db_session_insert(db *d, const char *hash, const char *user, int64_t now)
{
	return db_exec(d, S_SS_INSERT, NULL, "ttl", hash, user, now);
}

/* Where one session's row goes. */
struct session_row {
	char *user;
	size_t len;
	int64_t *created, *used;
};

static void
row_session(sqlite3_stmt *s, void *out)
{
	const struct session_row *r = out;

	db_col_text(s, 0, r->user, r->len);
	*r->created = sqlite3_column_int64(s, 1);
	*r->used = sqlite3_column_int64(s, 2);
}

int
db_session_get(db *d, const char *hash, char *user, size_t len,
               int64_t *created, int64_t *used)
{
	struct session_row r = { user, len, created, used };
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_SS_GET, &rc, "t", hash);

	return db_one_row(d, s, rc, Q_ENOSESSION, row_session, &r);
}

int
db_session_touch(db *d, const char *hash, int64_t now)
{
	return db_exec(d, S_SS_TOUCH, NULL, "tl", hash, now);
}

int
db_session_delete(db *d, const char *hash)
{
	return db_exec(d, S_SS_DEL, NULL, "t", hash);
}

int
db_sessions_delete_user(db *d, const char *user)
{
	return db_exec(d, S_SS_DEL_USER, NULL, "t", user);
}

int
db_sessions_expire(db *d, int64_t used_before, int64_t created_before)
{
	return db_exec(d, S_SS_EXPIRE, NULL, "ll", used_before,
	    created_before);
}
