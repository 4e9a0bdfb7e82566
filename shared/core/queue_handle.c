/* queue_handle.c - the queue handle's life: opening the database behind
 * it, the actor it writes as, noticing that the file or its -wal was
 * replaced or removed under it, and closing it without harm then.
 *
 * Start at qi_open.  The rules that write through the handle are in
 * queue.c; the database connection itself is db.c's.
 */
#define _POSIX_C_SOURCE 200809L
#include "queue_int.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

/* Note which -wal file the connection uses, right after it opened it. */
static void
wal_note(queue *q)
{
	char wal[sizeof q->path + 8];
	struct stat sb;

	snprintf(wal, sizeof wal, "%s-wal", q->path);
	if (stat(wal, &sb) == 0) {
		q->wal_dev = (uint64_t)sb.st_dev;
		q->wal_ino = (uint64_t)sb.st_ino;
		q->wal_known = 1;
	}
}

/* 1 if the path's -wal is still the file this handle noted. */
static int
same_wal(queue *q)
{
	char wal[sizeof q->path + 8];
	struct stat sb;

	snprintf(wal, sizeof wal, "%s-wal", q->path);
	return q->wal_known && stat(wal, &sb) == 0 &&
	    (uint64_t)sb.st_dev == q->wal_dev &&
	    (uint64_t)sb.st_ino == q->wal_ino;
}

int
queue_open(queue **out, const char *path, int flags, const char *actor)
{
	return qi_open(out, path, flags, actor, 0);
}

int
qi_open(queue **out, const char *path, int flags, const char *actor,
        int fast)
{
	struct stat sb;
	queue *q;
	int rc;

	*out = NULL;
	if (!path || !*path)
		return Q_EINVAL;
	if (!(q = calloc(1, sizeof *q)))
		return Q_ENOMEM;
	queue_set_actor(q, actor);
	/* who the path names now: taken before opening, so a file swapped in
	 * between costs one more reopen later, never a missed swap */
	snprintf(q->path, sizeof q->path, "%s", path);
	if (stat(path, &sb) == 0) {
		q->dev = (uint64_t)sb.st_dev;
		q->ino = (uint64_t)sb.st_ino;
	}
	qi_clock_init(q);
	q->readonly = (flags & Q_OPEN_READONLY) != 0;
	rc = q->readonly ? db_open_readonly(&q->d, path) :
	    db_open(&q->d, path, flags & Q_OPEN_CREATE, fast);
	if (rc) {
		free(q);
		return rc;
	}
	wal_note(q);
	*out = q;
	return Q_OK;
}

void
queue_close(queue *q)
{
	int stale;

	if (!q)
		return;
	stale = q->wal_gone || queue_replaced(q);
	/* The file was replaced, but the -wal at the path is still the one
	 * of the file we opened: fold it into our (old) file and empty it, or
	 * SQLite would replay its commits into the new file. */
	if (stale && !q->wal_gone && same_wal(q))
		db_wal_rescue(q->d);
	/* never checkpoint or delete by name on the way out */
	db_close(q->d, stale);
	free(q);
}

int
queue_wal_check(queue *q)
{
	int rc;

	if (!q->wal_known)          /* not there at open: note it now */
		return wal_note(q), Q_OK;
	if (!q->wal_gone && same_wal(q))
		return Q_OK;
	q->wal_gone = 1;
	if (q->readonly)            /* a reader can save nothing: reopen */
		return Q_EWALGONE;
	if ((rc = db_wal_rescue(q->d)))
		return rc;
	return Q_EWALGONE;
}

int
queue_replaced(queue *q)
{
	struct stat sb;

	if (q->ino == 0 && stat(q->path, &sb) == 0) {   /* created by us */
		q->dev = (uint64_t)sb.st_dev;
		q->ino = (uint64_t)sb.st_ino;
	}
	return stat(q->path, &sb) != 0 || (uint64_t)sb.st_dev != q->dev ||
	    (uint64_t)sb.st_ino != q->ino;
}

void
queue_set_actor(queue *q, const char *actor)
{
	text_clean(q->actor, sizeof q->actor, actor && *actor ? actor :
	    "unknown");
}

void
queue_set_busy_timeout(queue *q, int ms)
{
	db_busy_timeout(q->d, ms);
}

const char *
queue_errdetail(queue *q)
{
	return q ? db_errmsg(q->d) : "";
}

void
queue_release_memory(queue *q)
{
	db_release_memory(q->d);
}

db *
queue_db(queue *q)
{
	return q->d;
}
