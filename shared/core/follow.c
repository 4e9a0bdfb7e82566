/* follow.c - see follow.h: open lazily, retry, reopen when the file was
 * replaced or its -wal removed, report changes. */
#define _POSIX_C_SOURCE 200809L
#include "follow.h"

#include <stdio.h>
#include <string.h>

void
follow_init(struct follow *f, const char *path, const char *actor,
            int busy_ms)
{
	memset(f, 0, sizeof *f);
	snprintf(f->path, sizeof f->path, "%s", path);
	snprintf(f->actor, sizeof f->actor, "%s", actor);
	f->busy_ms = busy_ms;
	f->err = Q_ENODB;
	snprintf(f->why, sizeof f->why, "not opened yet");
}

void
follow_close(struct follow *f)
{
	queue_close(f->q);
	f->q = NULL;
}

/* Drop the handle with the reason rc; try again FOLLOW_RETRY_MS later. */
static void
lose(struct follow *f, int rc, int64_t now_ms)
{
	const char *d = f->q ? queue_errdetail(f->q) : "";

	snprintf(f->why, sizeof f->why, "%s%s%s", queue_strerror(rc),
	    d && *d ? ": " : "", d ? d : "");
	f->err = rc;
	follow_close(f);
	f->retry_at = now_ms + FOLLOW_RETRY_MS;
}

static int
try_open(struct follow *f, int64_t now_ms)
{
	int was = f->err, rc;

	if ((rc = queue_open(&f->q, f->path, 0, f->actor)) != Q_OK) {
		f->q = NULL;
		lose(f, rc, now_ms);
		return rc != was ? FOLLOW_STATE : 0;
	}
	if (f->busy_ms > 0)
		queue_set_busy_timeout(f->q, f->busy_ms);
	queue_changed(f->q);     /* from now on: other programs' commits */
	f->err = Q_OK;
	f->why[0] = 0;
	f->opens++;
	f->wal_at = now_ms + FOLLOW_WAL_MS;
	return FOLLOW_CHANGED | FOLLOW_STATE;
}

/* Is the -wal still the one the handle uses?  When it was removed the
 * core has copied what the handle held of it into the database (Q_EWALGONE):
 * close without a checkpoint and reopen on a fresh -wal.  Returns the
 * FOLLOW_* mask, 0 when all is well. */
static int
check_wal(struct follow *f, int64_t now_ms)
{
	int rc;

	f->wal_at = now_ms + FOLLOW_WAL_MS;
	rc = queue_wal_check(f->q);
	if (rc == Q_OK)
		return 0;
	if (rc == Q_EBUSY) {            /* a reader holds the copy up */
		f->wal_at = now_ms + FOLLOW_WAL_MS / 10;
		return 0;
	}
	if (rc != Q_EWALGONE)
		return follow_failed(f, rc, now_ms) ? FOLLOW_STATE : 0;
	f->wal_gone++;
	follow_close(f);
	f->err = Q_ENODB;
	return try_open(f, now_ms) | FOLLOW_WALGONE | FOLLOW_STATE;
}

int
follow_poll(struct follow *f, int64_t now_ms)
{
	int ch;

	if (!f->q)
		return now_ms >= f->retry_at ? try_open(f, now_ms) : 0;
	if (queue_replaced(f->q)) {
		/* SQLite would go on reading the old inode: reopen at once */
		follow_close(f);
		f->err = Q_ENODB;
		f->retry_at = now_ms;
		return try_open(f, now_ms) | FOLLOW_REPLACED | FOLLOW_STATE;
	}
	if (now_ms >= f->wal_at && (ch = check_wal(f, now_ms)))
		return ch;
	ch = queue_changed(f->q);
	if (ch > 0)
		return FOLLOW_CHANGED;
	if (ch < 0 && follow_failed(f, ch, now_ms))
		return FOLLOW_STATE;
	return 0;
}

int
follow_failed(struct follow *f, int rc, int64_t now_ms)
{
	if (!f->q || rc == Q_OK || rc == Q_EBUSY ||
	    queue_err_class(rc) != Q_CLASS_SYSTEM)
		return 0;
	lose(f, rc, now_ms);
	return 1;
}
