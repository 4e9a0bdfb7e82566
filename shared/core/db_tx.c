/* db_tx.c - transactions: db_begin (BEGIN IMMEDIATE, for a write),
 * db_read_begin (a snapshot) and db_end (commit, or roll back), and the
 * batch (group commit): one BEGIN IMMEDIATE around many units of work,
 * each in a SAVEPOINT of its own, which db_begin, db_read_begin and
 * db_end open and close while a batch is open (db.h: db_batch_begin).
 */
#define _POSIX_C_SOURCE 200809L
#include "db_int.h"

static int
run(db *d, const char *sql)
{
	return db_maprc(d, sqlite3_exec(d->h, sql, NULL, NULL, NULL));
}

/* A unit of work inside a batch: its SAVEPOINT. */
static int
savepoint(db *d)
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

/* The unit's end: released, or rolled back to when rc != Q_OK; the
 * unit's code. */
static int
savepoint_end(db *d, int rc)
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
db_begin(db *d)
{
	sqlite3_stmt *s;
	int rc = Q_OK, tries;

	if (d->batch)
		return savepoint(d);
	if (!(s = db_query(d, S_BEGIN, &rc, "")))
		return rc;
	/* the busy handler already waits DB_BUSY_MS; one more try covers a
	 * writer that held the lock exactly that long */
	for (tries = 0; tries < 2; tries++) {
		rc = db_step(d, s);
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
		return savepoint(d);
	if (!(s = db_query(d, S_BEGIN_READ, &rc, "")))
		return rc;
	rc = db_step(d, s);
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
		return savepoint_end(d, rc);
	if (rc == Q_OK) {
		if ((s = db_query(d, S_COMMIT, &r, ""))) {
			for (tries = 0; tries < 3; tries++) {
				r = db_step(d, s);
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
	if (sqlite3_get_autocommit(d->h) == 0 && (s = db_query(d, S_ROLLBACK, &r, ""))) {
		db_step(d, s);
		db_done(s);
	}
	d->in_tx = 0;
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
