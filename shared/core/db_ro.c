/* db_ro.c - opening the database for reading only (db_open_readonly in
 * db.h): for the commands that only show, run by a user who may read the
 * file but not write it or its folder, or on a full disk.
 *
 * SQLite reads a WAL database through its -shm.  When a writer holds the
 * database, the -shm exists and a read-only connection uses it.  When none
 * does, the -shm must be made, which a read-only folder or a full disk
 * forbids; then, if the -wal holds nothing, the file alone is the whole
 * database and is read as immutable (no -shm, no locks).
 */
#define _POSIX_C_SOURCE 200809L
#include "db_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
	if (!db_looks_like_ours(d->h))
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
		rc = db_check_schema(d, 0, 1, &ver);
	/* reading a WAL database needs its -shm: in a folder we cannot
	 * write, or on a full disk, it cannot be made.  When the -wal holds
	 * nothing, the file alone is the whole database: read it as one that
	 * does not change (until its signature does: db_ro_stale). */
	if ((rc == Q_EREADONLY || rc == Q_EDISKFULL || rc == Q_EDB) &&
	    wal_empty(path)) {
		sqlite3_close(d->h);
		d->h = NULL;
		if (!(rc = open_ro(d, path, 1)))
			rc = db_check_schema(d, 0, 1, &ver);
		if (!rc && !(d->ro_path = strdup(path)))
			rc = Q_ENOMEM;
		if (!rc)
			signature(path, d->ro_sig);
	}
	return rc;
}

int
db_ro_stale(db *d)
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
