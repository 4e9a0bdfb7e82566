/* db_stmt.c - the bottom of the db module: a statement of db_sql.c's
 * array prepared (once, on first use), its parameters bound, its rows
 * stepped and read, its end reset; SQLite's results as Q_E* codes.
 *
 * Every other db*.c file reads and writes through these (contracts in
 * db_int.h); this file calls only db_sql.c, for the texts.
 */
#define _POSIX_C_SOURCE 200809L
#include "db_int.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

int
db_maprc(db *d, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK: case SQLITE_ROW: case SQLITE_DONE:
		return Q_OK;
	case SQLITE_BUSY: case SQLITE_LOCKED:
		return Q_EBUSY;
	case SQLITE_READONLY: case SQLITE_CANTOPEN: case SQLITE_PERM:
		return Q_EREADONLY;
	case SQLITE_FULL:
		return Q_EDISKFULL;
	case SQLITE_NOTADB:
		return Q_ENOTDB;
	case SQLITE_CORRUPT:
		return Q_ECORRUPT;
	case SQLITE_NOMEM:
		return Q_ENOMEM;
	case SQLITE_IOERR:
		if (d && d->h && sqlite3_system_errno(d->h) == ENOSPC)
			return Q_EDISKFULL;
		return Q_EDB;
	case SQLITE_CONSTRAINT:
		return Q_EEXIST;
	default:
		return Q_EDB;
	}
}

/* The prepared statement s, reset and unbound, or NULL (*rc set). */
static sqlite3_stmt *
prep(db *d, enum stmt s, int *rc)
{
	int r;

	if (!d->st[s]) {
		r = sqlite3_prepare_v3(d->h, db_stmt_sql(s), -1,
		    SQLITE_PREPARE_PERSISTENT, &d->st[s], NULL);
		if (r != SQLITE_OK) {
			*rc = db_maprc(d, r);
			return NULL;
		}
	}
	return d->st[s];
}

void
db_done(sqlite3_stmt *s)
{
	if (s) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
	}
}

void
db_col_text(sqlite3_stmt *s, int col, char *buf, size_t len)
{
	const unsigned char *t = sqlite3_column_text(s, col);
	size_t n = t ? (size_t)sqlite3_column_bytes(s, col) : 0;

	if (n >= len)
		n = len - 1;
	if (n)
		memcpy(buf, t, n);
	buf[n] = 0;
}

char
db_col_code(sqlite3_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s, col);

	return t && t[0] ? (char)t[0] : 0;
}

static void
bind_code(sqlite3_stmt *s, int i, char code)
{
	char c[2] = { code, 0 };

	sqlite3_bind_text(s, i, code ? c : "", -1, SQLITE_TRANSIENT);
}

static void
bind_va(sqlite3_stmt *s, const char *fmt, va_list ap)
{
	for (int i = 1; fmt && *fmt; fmt++, i++) {
		switch (*fmt) {
		case 't':
			sqlite3_bind_text(s, i, va_arg(ap, const char *), -1,
			    SQLITE_TRANSIENT);
			break;
		case 'c':
			bind_code(s, i, (char)va_arg(ap, int));
			break;
		case 'i':
			sqlite3_bind_int(s, i, va_arg(ap, int));
			break;
		case 'l':
			sqlite3_bind_int64(s, i, va_arg(ap, int64_t));
			break;
		}
	}
}

/* db_query's work, the arguments in a va_list. */
static sqlite3_stmt *
vquery(db *d, enum stmt st, int *rc, const char *fmt, va_list ap)
{
	sqlite3_stmt *s = prep(d, st, rc);

	if (s)
		bind_va(s, fmt, ap);
	return s;
}

sqlite3_stmt *
db_query(db *d, enum stmt st, int *rc, const char *fmt, ...)
{
	sqlite3_stmt *s;
	va_list ap;

	va_start(ap, fmt);
	s = vquery(d, st, rc, fmt, ap);
	va_end(ap);
	return s;
}

int
db_step(db *d, sqlite3_stmt *s)
{
	int r = sqlite3_step(s);

	return (r == SQLITE_DONE || r == SQLITE_ROW) ? Q_OK : db_maprc(d, r);
}

static void
row_int(sqlite3_stmt *s, void *out)
{
	*(int64_t *)out = sqlite3_column_int64(s, 0);
}

/* db_exec (v NULL) and db_int (v set), the arguments in a va_list. */
static int
vrun(db *d, enum stmt st, int *changes, int64_t *v, const char *fmt,
     va_list ap)
{
	int rc = Q_OK;
	sqlite3_stmt *s = vquery(d, st, &rc, fmt, ap);

	if (!s || v)
		return db_one_row(d, s, rc, Q_ENOTICKET, row_int, v);
	rc = db_step(d, s);
	if (changes)
		*changes = sqlite3_changes(d->h);
	db_done(s);
	return rc;
}

int
db_exec(db *d, enum stmt st, int *changes, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vrun(d, st, changes, NULL, fmt, ap);
	va_end(ap);
	return rc;
}

int
db_int(db *d, enum stmt st, int64_t *v, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vrun(d, st, NULL, v, fmt, ap);
	va_end(ap);
	return rc;
}

/* ---- stepping rows ---------------------------------------------------- */

int
db_one_row(db *d, sqlite3_stmt *s, int rc, int none,
           void (*fn)(sqlite3_stmt *, void *), void *out)
{
	int r;

	if (!s)
		return rc;
	r = sqlite3_step(s);
	if (r == SQLITE_ROW)
		fn(s, out);
	rc = r == SQLITE_ROW ? Q_OK : r == SQLITE_DONE ? none : db_maprc(d, r);
	db_done(s);
	return rc;
}

int
db_many_rows(db *d, sqlite3_stmt *s, int rc,
             void (*fn)(sqlite3_stmt *, void *), void *out, size_t size,
             int *n)
{
	int r = SQLITE_DONE, k = 0;

	if (!s)
		return rc;
	rc = Q_OK;
	while (k < *n && (r = sqlite3_step(s)) == SQLITE_ROW)
		fn(s, (char *)out + (size_t)k++ * size);
	if (k < *n && r != SQLITE_DONE)
		rc = db_maprc(d, r);
	*n = k;
	db_done(s);
	return rc;
}

int
db_each_row(db *d, sqlite3_stmt *s, int rc, int (*fn)(sqlite3_stmt *, void *),
            void *ctx)
{
	int r = SQLITE_DONE;

	if (!s)
		return rc;
	rc = Q_OK;
	while (rc == Q_OK && (r = sqlite3_step(s)) == SQLITE_ROW)
		rc = fn(s, ctx);
	if (rc == Q_OK && r != SQLITE_DONE)
		rc = db_maprc(d, r);
	db_done(s);
	return rc;
}
