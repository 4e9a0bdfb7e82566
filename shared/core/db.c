/* db.c - the database connection: opening it (to write, with the schema
 * migrated; or to read only), checking that the file is ours, closing it,
 * and noticing that another connection committed.
 *
 * The db module is the only one that speaks SQL.  Read it bottom up:
 * db_sql.c (every SQL text: the migrations and the statements), db_stmt.c
 * (preparing, binding and stepping them), then this file, db_tx.c
 * (transactions and batches), and the rows: db_rows.c (settings,
 * services, counters, tickets, days), db_events.c and db_chain.c (the
 * events and their hash chain), db_users.c (accounts, sessions), db_wal.c
 * and db_backup.c.  Each file calls only files before it in that list
 * (db_rows.c and the others never call back into this one).
 */
#define _POSIX_C_SOURCE 200809L
#include "db_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- checking and migrating ------------------------------------------ */

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
	if ((r = sqlite3_step(s)) == SQLITE_ROW) {
		*v = sqlite3_column_int64(s, 0);
		rc = Q_OK;
	} else {
		rc = r == SQLITE_DONE ? Q_ENOTICKET : db_maprc(d, r);
	}
err:
	sqlite3_finalize(s);
	return rc;
}

/* Work a migration needs beyond its SQL (db_sql.c), run right after it,
 * in the same transaction; NULL when none. */
static int (*const migration_step[DB_VERSION])(db *) = {
	[2] = db_chain_start,       /* the anchor the audit chain starts from */
};

static int
migrate(db *d, int64_t from)
{
	char sql[96];
	int rc;

	int64_t bad = 0;

	/* a migration may rebuild a table others refer to (SQLite's own
	 * recipe): foreign keys off around it, checked before the commit */
	if ((rc = exec_script(d, "PRAGMA foreign_keys = OFF")))
		return rc;
	rc = db_maprc(d, sqlite3_exec(d->h, "BEGIN IMMEDIATE", NULL, NULL, NULL));
	if (rc)
		goto out;
	for (int64_t v = from; v < DB_VERSION; v++)
		if ((rc = exec_script(d, db_migration_sql((int)v))) ||
		    (migration_step[v] && (rc = migration_step[v](d))))
			goto err;
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d;"
	    "PRAGMA user_version = %d", DB_APP_ID, DB_VERSION);
	if ((rc = exec_script(d, sql)))
		goto err;
	rc = pragma_int(d, "SELECT count(*) FROM pragma_foreign_key_check",
	    &bad);
	if (rc == Q_OK && bad)
		rc = Q_ECORRUPT;
	if (rc)
		goto err;
	rc = db_maprc(d, sqlite3_exec(d->h, "COMMIT", NULL, NULL, NULL));
	goto out;
err:
	sqlite3_exec(d->h, "ROLLBACK", NULL, NULL, NULL);
out:
	{
		int r2 = exec_script(d, "PRAGMA foreign_keys = ON");

		return rc ? rc : r2;
	}
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
static int
looks_like_ours(sqlite3 *h)
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
static int
check_schema(db *d, int create, int current, int64_t *ver)
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

/* ---- reading only -----------------------------------------------------
 *
 * db_open_readonly: for the commands that only show, run by a user who may
 * read the file but not write it or its folder, or on a full disk.
 * SQLite reads a WAL database through its -shm.  When a writer holds the
 * database, the -shm exists and a read-only connection uses it.  When none
 * does, the -shm must be made, which a read-only folder or a full disk
 * forbids; then, if the -wal holds nothing, the file alone is the whole
 * database and is read as immutable (no -shm, no locks).
 */

/* Open path read-only; immutable: as a file nobody writes (no -wal, no
 * -shm, no locks), for a folder we cannot write or a full disk. */
static int
open_ro(db *d, const char *path, int immutable)
{
	char *uri = NULL;
	size_t n = 0;
	int r;

	if (immutable) {
		/* file: URI, with the characters URIs give a meaning escaped */
		if (!(uri = malloc(strlen(path) * 3 + 32)))
			return Q_ENOMEM;
		n = (size_t)sprintf(uri, "file:");
		for (const char *p = path; *p; p++)
			n += (size_t)(strchr("%?#", *p) ?
			    sprintf(uri + n, "%%%02x", (unsigned char)*p) :
			    sprintf(uri + n, "%c", *p));
		sprintf(uri + n, "?immutable=1");
	}
	r = sqlite3_open_v2(uri ? uri : path, &d->h, SQLITE_OPEN_READONLY |
	    (uri ? SQLITE_OPEN_URI : 0), NULL);
	free(uri);
	if (r != SQLITE_OK)
		return db_maprc(d, r);
	if (!looks_like_ours(d->h))
		return Q_ENOTDB;
	sqlite3_extended_result_codes(d->h, 1);
	sqlite3_busy_timeout(d->h, DB_BUSY_MS);
	return Q_OK;
}

/* 1 when path's -wal is absent or empty: nothing waits in it to be read,
 * and no program holds the database open for writing. */
static int
wal_empty(const char *path)
{
	char wal[4096];
	struct stat sb;

	snprintf(wal, sizeof wal, "%s-wal", path);
	return stat(wal, &sb) != 0 || sb.st_size == 0;
}

/* What tells that an immutable read is out of date: the file itself
 * (inode, size, time) and the size of its -wal. */
static void
signature(const char *path, long long sig[5])
{
	char wal[4096];
	struct stat sb;

	memset(sig, 0, 5 * sizeof sig[0]);
	if (stat(path, &sb) == 0) {
		sig[0] = (long long)sb.st_ino;
		sig[1] = (long long)sb.st_size;
		sig[2] = (long long)sb.st_mtim.tv_sec;
		sig[3] = (long long)sb.st_mtim.tv_nsec;
	}
	snprintf(wal, sizeof wal, "%s-wal", path);
	sig[4] = stat(wal, &sb) == 0 ? (long long)sb.st_size + 1 : 0;
}

/* Open d->h on path: through the -shm, else as immutable (d->ro_path set
 * then, to notice a change by the file's signature). */
static int
open_either(db *d, const char *path)
{
	int64_t ver = 0;
	int rc;

	rc = open_ro(d, path, 0);
	if (!rc)
		rc = check_schema(d, 0, 1, &ver);
	/* reading a WAL database needs its -shm: in a folder we cannot
	 * write, or on a full disk, it cannot be made.  When the -wal holds
	 * nothing, the file alone is the whole database: read it as one that
	 * does not change (until its signature does: ro_stale). */
	if ((rc == Q_EREADONLY || rc == Q_EDISKFULL || rc == Q_EDB) &&
	    wal_empty(path)) {
		sqlite3_close(d->h);
		d->h = NULL;
		if (!(rc = open_ro(d, path, 1)))
			rc = check_schema(d, 0, 1, &ver);
		if (!rc && !(d->ro_path = strdup(path)))
			rc = Q_ENOMEM;
		if (!rc)
			signature(path, d->ro_sig);
	}
	return rc;
}

/* For db_changed: a database read as immutable whose file or -wal has
 * changed since is opened again (1), else 0, or Q_E*. */
static int
ro_stale(db *d)
{
	long long sig[5];
	char *path = d->ro_path;
	int rc;

	if (!path)
		return 0;
	signature(path, sig);
	if (!memcmp(sig, d->ro_sig, sizeof sig))
		return 0;
	/* a writer came: read again, through its -shm if it is there */
	for (int i = 0; i < S_COUNT; i++) {
		sqlite3_finalize(d->st[i]);
		d->st[i] = NULL;
	}
	sqlite3_close(d->h);
	d->h = NULL;
	d->ro_path = NULL;
	rc = open_either(d, path);
	free(path);
	return rc ? rc : 1;
}

/* ---- changes ---------------------------------------------------------- */

int
db_changed(db *d)
{
	int64_t v = 0;
	int rc = Q_OK;

	if ((rc = ro_stale(d)))      /* reopened: changed, or an error */
		return rc;
	if ((rc = db_int(d, S_DATA_VERSION, &v, "")))
		return rc;
	if (v == d->data_version)
		return 0;
	d->data_version = v;
	return 1;
}

/* ---- opening ---------------------------------------------------------- */

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
	if (existed && !looks_like_ours(d->h)) {
		rc = Q_ENOTDB;
		goto err;
	}
	sqlite3_extended_result_codes(d->h, 1);
	sqlite3_busy_timeout(d->h, DB_BUSY_MS);
	if ((rc = check_schema(d, create, 0, &ver)))
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

int
db_open_readonly(db **out, const char *path)
{
	struct stat sb;
	int rc;
	db *d;

	*out = NULL;
	if (stat(path, &sb) != 0)
		return Q_ENODB;
	if (S_ISDIR(sb.st_mode))
		return Q_ENOTDB;
	if (!(d = calloc(1, sizeof *d)))
		return Q_ENOMEM;
	if ((rc = open_either(d, path))) {
		db_close(d, 0);
		return rc;
	}
	db_changed(d);
	*out = d;
	return Q_OK;
}

int
db_integrity(db *d, char *msg, size_t len)
{
	sqlite3_stmt *s;
	int rc = Q_OK, r;

	if (!(s = db_query(d, S_INTEGRITY, &rc, "")))
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
