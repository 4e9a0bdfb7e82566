/* db_users.c - the rows of staff accounts and their web sessions (the
 * users and sessions tables of schema version 2).  SQL texts are in db.c's
 * stmt_text[]; queue_user.c decides, this file stores. */
#define _POSIX_C_SOURCE 200809L
#include "db_int.h"

#include <string.h>

static void
row_user(sqlite3_stmt *s, struct q_user *u, char *hash, size_t len)
{
	char role[16];

	memset(u, 0, sizeof *u);
	db_col_text(s, 0, u->name, sizeof u->name);
	db_col_text(s, 1, role, sizeof role);
	u->role = strcmp(role, "manager") ? Q_ROLE_CLERK : Q_ROLE_MANAGER;
	if (hash)
		db_col_text(s, 2, hash, len);
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
	sqlite3_stmt *s;
	int rc = Q_OK, r;

	if (!(s = db_query(d, S_U_GET, &rc, "t", name)))
		return rc;
	r = sqlite3_step(s);
	if (r == SQLITE_ROW)
		row_user(s, u, hash, len);
	else
		rc = r == SQLITE_DONE ? Q_ENOUSER : db_maprc(d, r);
	db_done(s);
	return rc;
}

int
db_users(db *d, struct q_user *out, int *n)
{
	sqlite3_stmt *s;
	int rc = Q_OK, r = SQLITE_DONE, k = 0;

	if (!(s = db_query(d, S_U_ALL, &rc, "")))
		return rc;
	while (k < *n && (r = sqlite3_step(s)) == SQLITE_ROW)
		row_user(s, &out[k++], NULL, 0);
	if (k < *n && r != SQLITE_DONE)
		rc = db_maprc(d, r);
	db_done(s);
	*n = k;
	return rc;
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

int
db_session_get(db *d, const char *hash, char *user, size_t len,
               int64_t *created, int64_t *used)
{
	sqlite3_stmt *s;
	int rc = Q_OK, r;

	if (!(s = db_query(d, S_SS_GET, &rc, "t", hash)))
		return rc;
	r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		db_col_text(s, 0, user, len);
		*created = sqlite3_column_int64(s, 1);
		*used = sqlite3_column_int64(s, 2);
	} else {
		rc = r == SQLITE_DONE ? Q_ENOSESSION : db_maprc(d, r);
	}
	db_done(s);
	return rc;
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
