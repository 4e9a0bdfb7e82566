/* db_wal.c - when this connection's -wal file was removed from under it
 * (`rm q.db-wal` while the program runs), the commits in it live on only
 * in the file this connection still holds open.  db_wal_rescue folds them
 * into the database file before the program lets go of it.
 */
#include "db_int.h"

int
db_wal_rescue(db *d)
{
	int log = 0, done = 0, r;

	/* TRUNCATE: copy every frame into the database, sync it, and reset
	 * the WAL index, so the next connection starts a fresh -wal */
	r = sqlite3_wal_checkpoint_v2(d->h, "main", SQLITE_CHECKPOINT_TRUNCATE,
	    &log, &done);
	if (r != SQLITE_OK)
		return db_maprc(d, r);
	return log == done || log <= 0 ? Q_OK : Q_EBUSY;
}
