/* db_batch.c - group commit: one BEGIN IMMEDIATE around many units of
 * work, each in a SAVEPOINT of its own (db.h: db_batch_begin).  db.c's
 * db_begin, db_read_begin and db_end come here while a batch is open. */
#define _POSIX_C_SOURCE 200809L
#include "db_int.h"

static int
run(db *d, const char *sql)
{
	return db_maprc(d, sqlite3_exec(d->h, sql, NULL, NULL, NULL));
}

/* A unit of work inside a batch. */
int
db_savepoint(db *d)
{
	int rc;

	if (d->batch_rc)
		return d->batch_rc;
	if (sqlite3_get_autocommit(d->h))        /* the batch was lost */
		return d->batch_rc = Q_EDB;
	if ((rc = run(d, "SAVEPOINT q_unit")) == Q_OK)
		d->in_tx = 1;
	return rc;
}

int
db_savepoint_end(db *d, int rc)
{
	int r;

	d->in_tx = 0;
	if (rc == Q_OK && (r = run(d, "RELEASE q_unit")) == Q_OK)
		return Q_OK;
	if (rc == Q_OK)
		rc = r;
	if (!sqlite3_get_autocommit(d->h))
		run(d, "ROLLBACK TO q_unit; RELEASE q_unit");
	if (sqlite3_get_autocommit(d->h))
		d->batch_rc = rc;
	return rc;
}

int
db_batch_begin(db *d)
{
	int rc;

	if (d->in_tx || d->batch)
		return Q_EINVAL;
	if ((rc = db_begin(d)))
		return rc;
	d->in_tx = 0;
	d->batch = 1;
	d->batch_rc = Q_OK;
	return Q_OK;
}

int
db_batch_end(db *d, int commit)
{
	int rc = d->batch_rc;

	if (!d->batch)
		return Q_EINVAL;
	d->batch = 0;
	d->batch_rc = Q_OK;
	if (sqlite3_get_autocommit(d->h))
		return rc ? rc : Q_EDB;
	d->in_tx = 1;
	if (!commit && !rc) {
		db_end(d, Q_EINVAL);             /* rolls back */
		return Q_OK;
	}
	return db_end(d, rc);
}
