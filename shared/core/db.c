/* db.c - the database module: with db_sql.c (every SQL text: the
 * schema's migrations and the statements) the only place that speaks SQL.
 *
 * Read db_sql.c first, then this file from the top: the helpers that
 * prepare, bind and step the statements, then migrating, opening,
 * transactions and settings.  The row-level operations on services, counters, tickets and
 * events that queue.c needs are in db_rows.c.  Statements are prepared
 * once, on first use, and reset after each use; parameters are always
 * bound; SQLite's results are mapped to Q_E* codes.
 */
#define _POSIX_C_SOURCE 200809L
#include "db_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>




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

/* Step a statement that returns no rows or one we ignore. */
static int
exec(db *d, sqlite3_stmt *s)
{
	int r = sqlite3_step(s);

	return (r == SQLITE_DONE || r == SQLITE_ROW) ? Q_OK : db_maprc(d, r);
}

/* Step a statement that yields one integer. */
static int
one_int(db *d, sqlite3_stmt *s, int64_t *v)
{
	int r = sqlite3_step(s);

	if (r == SQLITE_ROW) {
		*v = sqlite3_column_int64(s, 0);
		return Q_OK;
	}
	return r == SQLITE_DONE ? Q_ENOTICKET : db_maprc(d, r);
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
	rc = exec(d, s);
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

static int
exec_script(db *d, const char *sql)
{
	int r = sqlite3_exec(d->h, sql, NULL, NULL, NULL);

	return db_maprc(d, r);
}

static int
pragma_int(db *d, const char *sql, int64_t *v)
{
	sqlite3_stmt *s = NULL;
	int r, rc;

	r = sqlite3_prepare_v2(d->h, sql, -1, &s, NULL);
	if (r != SQLITE_OK) {
		rc = db_maprc(d, r);
		goto err;
	}
	rc = one_int(d, s, v);
err:
	sqlite3_finalize(s);
	return rc;
}

static int
migrate(db *d, int64_t from)
{
	char sql[96];
	int rc;

	rc = db_maprc(d, sqlite3_exec(d->h, "BEGIN IMMEDIATE", NULL, NULL, NULL));
	if (rc)
		return rc;
	for (int64_t v = from; v < DB_VERSION; v++)
		if ((rc = exec_script(d, db_migration_sql((int)v))) ||
		    (db_migration_step((int)v) &&
		    (rc = db_migration_step((int)v)(d))))
			goto err;
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d;"
	    "PRAGMA user_version = %d", DB_APP_ID, DB_VERSION);
	if ((rc = exec_script(d, sql)))
		goto err;
	return db_maprc(d, sqlite3_exec(d->h, "COMMIT", NULL, NULL, NULL));
err:
	sqlite3_exec(d->h, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* Read the file's header right after opening, before SQLite reads
 * anything.  SQLite, reading any file, may replay a -wal left beside it
 * into that file: a text file or another
 * program's database put at our path would be written to, and the WAL's
 * commits lost to the real database.  So: an empty file is fine (a new
 * database), anything else must start with SQLite's magic, and an
 * application_id (bytes 68-71) other than 0 must be ours.  A header not yet
 * checkpointed may still say 0 for one of ours; the checks after opening
 * decide then. */
int
db_looks_like_ours(sqlite3 *h)
{
	static const char magic[16] = "SQLite format 3";
	unsigned char hd[100];
	sqlite3_file *f = NULL;
	sqlite3_int64 size = 0;
	uint32_t app;

	/* through SQLite's own file: a second descriptor of our own, closed,
	 * would drop every POSIX lock this process holds on the database */
	if (sqlite3_file_control(h, "main", SQLITE_FCNTL_FILE_POINTER, &f) !=
	    SQLITE_OK || !f || !f->pMethods)
		return 1;
	if (f->pMethods->xFileSize(f, &size) != SQLITE_OK || size == 0)
		return 1;
	if (size < (sqlite3_int64)sizeof hd ||
	    f->pMethods->xRead(f, hd, sizeof hd, 0) != SQLITE_OK ||
	    memcmp(hd, magic, sizeof magic) != 0)
		return 0;
	app = (uint32_t)hd[68] << 24 | (uint32_t)hd[69] << 16 |
	    (uint32_t)hd[70] << 8 | hd[71];
	return app == 0 || app == DB_APP_ID;
}

/* The application id and schema version: ours, and not newer than this
 * program.  A database without a schema is fine only when creating.
 * *ver gets the version. */
int
db_check_schema(db *d, int create, int current, int64_t *ver)
{
	int64_t app = 0, ntab = 0;
	int rc;

	*ver = 0;
	if ((rc = pragma_int(d, "PRAGMA application_id", &app)) ||
	    (rc = pragma_int(d, "PRAGMA user_version", ver)) ||
	    (rc = pragma_int(d, "SELECT count(*) FROM sqlite_schema", &ntab)))
		return rc;
	if (*ver > DB_VERSION)
		return Q_ENEWER;
	if ((*ver > 0 || ntab > 0) && app != DB_APP_ID)
		return Q_ENOTDB;
	if (*ver == 0 && !create)
		return Q_ENOTDB;
	/* a reader cannot migrate: an older schema needs a writer first */
	if (current && *ver < DB_VERSION)
		return Q_EREADONLY;
	return Q_OK;
}

/* Make the new, empty database file with mode 0666 less the caller's
 * umask (SQLite alone would use 0644: no group write for the antri group
 * under umask 007).  SQLite gives the -wal and -shm the file's mode. */
static int
create_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);

	if (fd < 0 && errno == EEXIST)
		return Q_OK;            /* made by another program meanwhile */
	if (fd < 0)
		return errno == ENOSPC ? Q_EDISKFULL : Q_EREADONLY;
	close(fd);
	return Q_OK;
}

int
db_open(db **out, const char *path, int create, int fast)
{
	struct stat sb;
	int64_t ver = 0;
	int rc, r, existed;
	db *d;

	*out = NULL;
	existed = stat(path, &sb) == 0;
	if (!existed && !create)
		return Q_ENODB;
	if (existed && S_ISDIR(sb.st_mode))
		return Q_ENOTDB;
	if (!existed && (rc = create_file(path)))
		return rc;
	if (!(d = calloc(1, sizeof *d)))
		return Q_ENOMEM;
	r = sqlite3_open_v2(path, &d->h, SQLITE_OPEN_READWRITE |
	    (create ? SQLITE_OPEN_CREATE : 0), NULL);
	if (r != SQLITE_OK) {
		rc = db_maprc(d, r);
		goto err;
	}
	if (existed && !db_looks_like_ours(d->h)) {
		rc = Q_ENOTDB;
		goto err;
	}
	sqlite3_extended_result_codes(d->h, 1);
	sqlite3_busy_timeout(d->h, DB_BUSY_MS);
	if ((rc = db_check_schema(d, create, 0, &ver)))
		goto err;
	if ((rc = exec_script(d, "PRAGMA journal_mode = WAL")))
		goto err;
	if ((rc = exec_script(d, fast ? "PRAGMA synchronous = OFF" :
	    "PRAGMA synchronous = FULL")) ||
	    (rc = exec_script(d, "PRAGMA foreign_keys = ON")))
		goto err;
	if (ver < DB_VERSION && (rc = migrate(d, ver)))
		goto err;
	/* no chmod: the files get the mode the caller's umask gives (the
	 * service runs with 0007 and the antri group); never wider */
	db_changed(d);
	*out = d;
	return Q_OK;
err:
	db_close(d, 0);
	return rc;
}

void
db_close(db *d, int stale)
{
	if (!d)
		return;
	if (stale && d->h)
		sqlite3_db_config(d->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	for (int i = 0; i < S_COUNT; i++)
		sqlite3_finalize(d->st[i]);
	sqlite3_close(d->h);
	free(d->ro_path);
	free(d);
}

int
db_begin(db *d)
{
	sqlite3_stmt *s;
	int rc = Q_OK, tries;

	if (d->batch)
		return db_savepoint(d);
	if (!(s = prep(d, S_BEGIN, &rc)))
		return rc;
	/* the busy handler already waits DB_BUSY_MS; one more try covers a
	 * writer that held the lock exactly that long */
	for (tries = 0; tries < 2; tries++) {
		rc = exec(d, s);
		db_done(s);
		if (rc != Q_EBUSY)
			break;
	}
	if (rc == Q_OK)
		d->in_tx = 1;
	return rc;
}

int
db_read_begin(db *d)
{
	sqlite3_stmt *s;
	int rc = Q_OK;

	if (d->batch)
		return db_savepoint(d);
	if (!(s = prep(d, S_BEGIN_READ, &rc)))
		return rc;
	rc = exec(d, s);
	db_done(s);
	if (rc == Q_OK)
		d->in_tx = 1;
	return rc;
}

int
db_end(db *d, int rc)
{
	sqlite3_stmt *s;
	int r = Q_OK, tries;

	if (!d->in_tx)
		return rc;
	if (d->batch)
		return db_savepoint_end(d, rc);
	if (rc == Q_OK) {
		if ((s = prep(d, S_COMMIT, &r))) {
			for (tries = 0; tries < 3; tries++) {
				r = exec(d, s);
				db_done(s);
				if (r != Q_EBUSY)
					break;
			}
		}
		if (r == Q_OK) {
			d->in_tx = 0;
			return Q_OK;
		}
		rc = r;
	}
	/* ROLLBACK fails harmlessly if SQLite already rolled back */
	if (sqlite3_get_autocommit(d->h) == 0 && (s = prep(d, S_ROLLBACK, &r))) {
		exec(d, s);
		db_done(s);
	}
	d->in_tx = 0;
	return rc;
}

int
db_changed(db *d)
{
	sqlite3_stmt *s;
	int64_t v = 0;
	int rc = Q_OK;

	if ((rc = db_ro_stale(d)))      /* reopened: changed, or an error */
		return rc;
	if (!(s = prep(d, S_DATA_VERSION, &rc)))
		return rc;
	rc = one_int(d, s, &v);
	db_done(s);
	if (rc)
		return rc;
	if (v == d->data_version)
		return 0;
	d->data_version = v;
	return 1;
}

/* ---- settings --------------------------------------------------------- */

int
db_setting_get(db *d, const char *key, char *buf, size_t len)
{
	sqlite3_stmt *s;
	int rc = Q_OK, r;

	if (!(s = prep(d, S_SET_GET, &rc)))
		return rc;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
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

int
db_integrity(db *d, char *msg, size_t len)
{
	sqlite3_stmt *s;
	int rc = Q_OK, r;

	if (!(s = prep(d, S_INTEGRITY, &rc)))
		return rc;
	r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		db_col_text(s, 0, msg, len);
		if (strcmp(msg, "ok") != 0)
			rc = Q_ECORRUPT;
	} else {
		rc = db_maprc(d, r);
		snprintf(msg, len, "%s", sqlite3_errmsg(d->h));
	}
	db_done(s);
	return rc;
}

void
db_busy_timeout(db *d, int ms)
{
	sqlite3_busy_timeout(d->h, ms);
}

void
db_release_memory(db *d)
{
	sqlite3_db_release_memory(d->h);
}

const char *
db_errmsg(db *d)
{
	return d && d->h ? sqlite3_errmsg(d->h) : "";
}
