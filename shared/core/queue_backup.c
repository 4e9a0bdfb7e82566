/* queue_backup.c - backups of the queue database, and putting one back.
 *
 * queue_backup() copies the open database with SQLite's online backup
 * API (db_backup.c) into a temporary file beside the target and renames
 * it into place: the target is always either the old or a whole new
 * backup, and the copy is the database as of one commit even while the
 * kiosk, the display and the counters keep writing.
 *
 * queue_restore() never touches a database that a program has open:
 *   1. the backup is copied (read-only) beside the database and the COPY
 *      is checked: an antri database of a schema we know, integrity and
 *      every rule of queue_check();
 *   2. db_gate() takes SQLite's lock bytes of the live database; when any
 *      other process holds them (a kiosk, display, counter, antri-serve or
 *      a running command, of any user), the restore refuses with the pid;
 *   3. under that lock the old database (and its -wal) are kept under
 *      DB.before-restore-YYYYmmdd-HHMMSS, the checked copy gets the old
 *      file's owner, group and mode and is renamed onto the database path.
 * A program that starts during step 3 waits on the lock; having opened the
 * old file, it later sees queue_replaced() and reopens.
 */
#define _POSIX_C_SOURCE 200809L
#include "queue_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PATH_CAP 1100

/* Remove path and the files SQLite may have left beside it. */
static void
unlink_all(const char *path)
{
	static const char *const sfx[] = { "", "-journal", "-wal", "-shm" };
	char p[PATH_CAP + 16];

	for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		snprintf(p, sizeof p, "%s%s", path, sfx[i]);
		unlink(p);
	}
}

/* fsync the folder holding path, so a rename in it survives a power cut. */
static void
sync_dir(const char *path)
{
	char dir[PATH_CAP];
	char *slash;
	int fd;

	snprintf(dir, sizeof dir, "%s", path);
	if ((slash = strrchr(dir, '/')))
		slash[slash == dir ? 1 : 0] = 0;
	else
		snprintf(dir, sizeof dir, ".");
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
	}
}

static int
errno_rc(void)
{
	return errno == ENOSPC ? Q_EDISKFULL : errno == ENOENT ? Q_ENODB :
	    Q_EREADONLY;
}

int
queue_backup(queue *q, const char *file)
{
	char tmp[PATH_CAP];
	struct stat sb;
	int rc;

	if (!file || !*file || strlen(file) >= PATH_CAP - 32)
		return Q_EINVAL;
	if (stat(file, &sb) == 0 && (S_ISDIR(sb.st_mode) ||
	    ((uint64_t)sb.st_dev == q->dev && (uint64_t)sb.st_ino == q->ino)))
		return Q_EINVAL;   /* a folder, or the database itself */
	snprintf(tmp, sizeof tmp, "%s.tmp-%ld", file, (long)getpid());
	unlink_all(tmp);
	if ((rc = db_backup(q->d, tmp))) {
		unlink_all(tmp);
		return rc;
	}
	if (rename(tmp, file) != 0) {
		rc = errno_rc();
		unlink_all(tmp);
		return rc;
	}
	sync_dir(file);
	return Q_OK;
}

/* Copy file beside path as tmp and check the copy. */
static int
restore_check(const char *file, const char *tmp, struct q_restore *r)
{
	queue *t;
	int rc;

	if ((rc = db_copy_file(file, tmp)))
		return rc;
	if ((rc = queue_open(&t, tmp, 0, "restore")))
		return rc;
	rc = queue_check(t, r->msg, sizeof r->msg);
	queue_close(t);
	return rc;
}

/* Move the live database (and its -wal) aside, put tmp in its place.
 * Called holding the gate: nobody reads or writes path meanwhile. */
static int
restore_swap(const char *path, const char *tmp, struct q_restore *r)
{
	char stamp[32], from[PATH_CAP + 8], to[sizeof r->saved + 8];
	struct stat sb;
	time_t now = time(NULL);
	struct tm tm;

	if (stat(path, &sb) != 0)
		return errno_rc();
	/* the programs' user must be able to write the restored file */
	if (chown(tmp, sb.st_uid, sb.st_gid) != 0)
		(void)!chown(tmp, (uid_t)-1, sb.st_gid);
	chmod(tmp, sb.st_mode & 07777);
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	snprintf(r->saved, sizeof r->saved, "%s.before-restore-%s", path,
	    stamp);
	if (access(r->saved, F_OK) == 0)
		snprintf(r->saved, sizeof r->saved, "%s.before-restore-%s-%ld",
		    path, stamp, (long)getpid());
	/* the -wal first: it holds commits of the OLD file, and must never
	 * sit beside the new one */
	snprintf(from, sizeof from, "%s-wal", path);
	snprintf(to, sizeof to, "%s-wal", r->saved);
	if (rename(from, to) != 0 && errno != ENOENT)
		return errno_rc();
	snprintf(from, sizeof from, "%s-shm", path);
	unlink(from);
	/* a hard link keeps a database at the path at every moment */
	if ((link(path, r->saved) != 0 && rename(path, r->saved) != 0) ||
	    rename(tmp, path) != 0) {
		int rc = errno_rc();

		snprintf(from, sizeof from, "%s-wal", path);
		rename(to, from);   /* the old file's -wal back beside it */
		if (access(path, F_OK) != 0)
			rename(r->saved, path);
		r->saved[0] = 0;
		return rc;
	}
	sync_dir(path);
	return Q_OK;
}

int
queue_restore(const char *path, const char *file, struct q_restore *r)
{
	char tmp[PATH_CAP];
	struct stat sb, lb;
	int rc, fd = -1;

	memset(r, 0, sizeof *r);
	if (!path || !*path || !file || !*file ||
	    strlen(path) >= PATH_CAP - 64 || strlen(file) >= PATH_CAP)
		return Q_EINVAL;
	if (stat(file, &sb) != 0)
		return Q_ENODB;
	if (S_ISDIR(sb.st_mode))
		return Q_ENOTDB;
	if (stat(path, &lb) == 0 && lb.st_dev == sb.st_dev &&
	    lb.st_ino == sb.st_ino)
		return Q_EINVAL;   /* restoring the database onto itself */
	snprintf(tmp, sizeof tmp, "%s.restore-%ld", path, (long)getpid());
	unlink_all(tmp);
	if ((rc = restore_check(file, tmp, r)))
		goto out;
	if (access(path, F_OK) != 0) {
		/* nothing to keep: a new box, or the database was lost */
		rc = rename(tmp, path) == 0 ? Q_OK : errno_rc();
		if (rc == Q_OK)
			sync_dir(path);
		goto out;
	}
	if ((rc = db_gate(path, &fd, &r->holder)))
		goto out;
	rc = restore_swap(path, tmp, r);
	db_gate_close(fd);
out:
	unlink_all(tmp);
	return rc;
}
