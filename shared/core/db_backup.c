/* db_backup.c - copies of the database file, and who has it open.
 *
 * Part of the db module (only db*.c speaks SQL).  A copy goes through
 * SQLite's online backup API: one sqlite3_backup_step(-1) reads the whole
 * source inside one read transaction, so the copy is the database as of
 * one commit while every program goes on writing (WAL: readers do not
 * block writers).  The copy is left in rollback-journal mode, one
 * self-contained file with no -wal beside it.
 *
 * db_gate() answers "does any other process have this database open?"
 * from SQLite's own file locks (https://www.sqlite.org/lockingv3.html and
 * https://www.sqlite.org/walformat.html): every connection of the unix VFS
 * holds a SHARED lock in the lock bytes of the database file (offset
 * 0x40000000, 512 bytes) while it reads, and in WAL mode a read lock on the
 * -shm's "DMS" byte (offset 128) for as long as it is open; an idle
 * kiosk or display keeps both.  Locks are POSIX record locks: they see
 * every process on this machine, whatever its user, and none of ours.
 */
#define _POSIX_C_SOURCE 200809L
#include "db_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define LOCK_FIRST 0x40000000   /* SQLite's PENDING_BYTE */
#define LOCK_LEN   512          /* PENDING, RESERVED, SHARED range */
#define SHM_DMS    128          /* the -shm's dead-man-switch byte */
#define BUSY_TRIES 100          /* x 50 ms for the source's read lock */

/* Copy every page of src's main database into a new file at dest. */
static int
copy_into(sqlite3 *src, const char *dest)
{
	sqlite3_backup *b;
	sqlite3 *to = NULL;
	int r, rc, tries = 0;

	r = sqlite3_open_v2(dest, &to, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL);
	if (r != SQLITE_OK) {
		rc = db_maprc(NULL, r);
		goto out;
	}
	if (!(b = sqlite3_backup_init(to, "main", src, "main"))) {
		rc = db_maprc(NULL, sqlite3_errcode(to));
		goto out;
	}
	do {
		r = sqlite3_backup_step(b, -1);
		if (r == SQLITE_BUSY || r == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while ((r == SQLITE_BUSY || r == SQLITE_LOCKED) &&
	    ++tries < BUSY_TRIES);
	sqlite3_backup_finish(b);
	if (r != SQLITE_DONE) {
		/* the source's error when it was the source that failed */
		rc = db_maprc(NULL, r);
		goto out;
	}
	/* one file: no -wal to forget when the copy is moved or mailed */
	r = sqlite3_exec(to, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	rc = db_maprc(NULL, r);
out:
	if (sqlite3_close(to) != SQLITE_OK && rc == Q_OK)
		rc = Q_EDB;
	return rc;
}

int
db_backup(db *d, const char *dest)
{
	return copy_into(d->h, dest);
}

int
db_copy_file(const char *src, const char *dest)
{
	sqlite3 *h = NULL;
	int r, rc;

	if (access(src, R_OK) != 0)
		return errno == ENOENT ? Q_ENODB : Q_EREADONLY;
	/* read-write when we may: a WAL-mode file (one `antri check` has
	 * opened) then leaves no -wal and -shm behind; nothing is written */
	r = sqlite3_open_v2(src, &h, access(src, W_OK) == 0 ?
	    SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY, NULL);
	rc = r == SQLITE_OK ? copy_into(h, dest) : db_maprc(NULL, r);
	sqlite3_close(h);
	return rc;
}

/* 1 when another process holds a lock that conflicts with a write lock
 * on len bytes at off of fd (*pid: its pid, 0 when not visible from here,
 * e.g. another pid namespace), 0 when none does, -1 when it cannot tell. */
static int
lock_holder(int fd, off_t off, off_t len, long *pid)
{
	struct flock fl;

	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = off;
	fl.l_len = len;
	if (fcntl(fd, F_GETLK, &fl) != 0)
		return -1;
	if (fl.l_type == F_UNLCK)
		return 0;
	*pid = fl.l_pid > 0 ? (long)fl.l_pid : 0;
	return 1;
}

int
db_gate(const char *path, int *fd, long *holder)
{
	char shm[1100];
	struct flock fl;
	int sfd, held;

	*holder = 0;
	if ((*fd = open(path, O_RDWR | O_CLOEXEC)) < 0)
		return errno == ENOENT ? Q_ENODB : Q_EREADONLY;
	/* hold SQLite's lock bytes ourselves: a program starting now waits
	 * in its busy handler until db_gate_close() */
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = LOCK_FIRST;
	fl.l_len = LOCK_LEN;
	if (fcntl(*fd, F_SETLK, &fl) != 0) {
		lock_holder(*fd, LOCK_FIRST, LOCK_LEN, holder);
		goto busy;
	}
	snprintf(shm, sizeof shm, "%s-shm", path);
	if ((sfd = open(shm, O_RDONLY | O_CLOEXEC)) >= 0) {
		held = lock_holder(sfd, SHM_DMS, 1, holder);
		close(sfd);
		if (held != 0)   /* held, or cannot tell: not safe */
			goto busy;
	}
	return Q_OK;
busy:
	close(*fd);
	*fd = -1;
	return Q_EBUSY;
}

void
db_gate_close(int fd)
{
	if (fd >= 0)
		close(fd);   /* drops the locks */
}
