/* test_follow.c - the database follower (shared/core/follow.c) on real
 * SQLite files: lazy open and retry, another program's commit, a file
 * replaced or deleted under it, its -wal removed (one follower, then two
 * in one program, as the kiosk's and the display's threads are), a file
 * that is not a database, and which errors drop the connection. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "follow.h"

static char dir[] = "/tmp/antri-follow.XXXXXX";
static char path[512], other[512];

/* a fresh database at p with the given limit */
static void
make_db(const char *p, int limit)
{
	queue *q;

	CHECK_INT(queue_open(&q, p, Q_OPEN_CREATE, "test"), Q_OK);
	CHECK_INT(queue_set_limit(q, limit), Q_OK);
	queue_close(q);
}

static int
limit_of(struct follow *f)
{
	struct q_status *st = malloc(sizeof *st);
	int lim = -1;

	if (st && follow_queue(f) && queue_status(follow_queue(f), st) == Q_OK)
		lim = st->limit;
	free(st);
	return lim;
}

/* another program sets the limit and goes */
static void
set_limit(int limit)
{
	queue *w;

	CHECK_INT(queue_open(&w, path, 0, "cli:test"), Q_OK);
	CHECK_INT(queue_set_limit(w, limit), Q_OK);
	queue_close(w);
}

/* The limit as a program started now reads it. */
static int
limit_now(void)
{
	struct follow g;
	int lim;

	follow_init(&g, path, "test", 0);
	follow_poll(&g, 0);
	lim = limit_of(&g);
	follow_close(&g);
	return lim;
}

static void
rm_wal(void)
{
	char wal[600];

	snprintf(wal, sizeof wal, "%s-wal", path);
	CHECK_INT(unlink(wal), 0);
}

/* `rm q.db-wal` while followers hold the database: each one
 * notices within FOLLOW_WAL_MS, the commits it held are saved into the
 * database, it reopens; a program started afterwards reads them. */
static void
wal_removed(int64_t *t)
{
	struct follow f, g;

	make_db(path, 4);
	follow_init(&f, path, "kiosk:a", 50);
	CHECK_INT(follow_poll(&f, *t), FOLLOW_CHANGED | FOLLOW_STATE);
	set_limit(11);
	CHECK_INT(follow_poll(&f, ++*t), FOLLOW_CHANGED);
	rm_wal();
	CHECK_INT(follow_poll(&f, ++*t), 0);        /* not time to look yet */
	*t += FOLLOW_WAL_MS;
	CHECK_INT(follow_poll(&f, *t), FOLLOW_WALGONE | FOLLOW_CHANGED |
	    FOLLOW_STATE);
	CHECK_INT(f.wal_gone, 1);
	CHECK_INT(f.opens, 2);
	CHECK_INT(limit_of(&f), 11);
	CHECK_INT(limit_now(), 11);    /* in the file, not only in our -wal */
	CHECK_INT(follow_poll(&f, ++*t), 0);
	set_limit(12);                 /* the reopened handle follows on */
	CHECK_INT(follow_poll(&f, ++*t), FOLLOW_CHANGED);
	CHECK_INT(limit_of(&f), 12);

	/* two followers in one program; the second told to look at once */
	follow_init(&g, path, "kiosk:a", 50);
	CHECK_INT(follow_poll(&g, *t) & FOLLOW_CHANGED, FOLLOW_CHANGED);
	set_limit(13);
	rm_wal();
	*t += FOLLOW_WAL_MS;
	CHECK_INT(follow_poll(&f, *t) & FOLLOW_WALGONE, FOLLOW_WALGONE);
	follow_check_wal_soon(&g);
	CHECK_INT(follow_poll(&g, *t + 1) & FOLLOW_WALGONE, FOLLOW_WALGONE);
	CHECK_INT(limit_of(&f), 13);
	CHECK_INT(limit_of(&g), 13);
	set_limit(14);
	CHECK_INT(follow_poll(&f, *t + 2), FOLLOW_CHANGED);
	CHECK_INT(follow_poll(&g, *t + 2), FOLLOW_CHANGED);
	CHECK_INT(limit_of(&g), 14);

	/* the second one looks late, after another program wrote to the
	 * new -wal: its old -wal was emptied by the first one's copy, so
	 * SQLite reports an I/O error; it lets go (no checkpoint, nothing
	 * deleted) and reopens a second later, with nothing lost */
	rm_wal();
	*t += FOLLOW_WAL_MS;
	CHECK_INT(follow_poll(&f, *t) & FOLLOW_WALGONE, FOLLOW_WALGONE);
	set_limit(15);
	CHECK_INT(follow_poll(&g, *t + 1), FOLLOW_STATE);
	CHECK(follow_queue(&g) == NULL);
	CHECK_INT(limit_of(&f), 15);
	CHECK_INT(limit_now(), 15);
	CHECK_INT(follow_poll(&g, *t + 1 + FOLLOW_RETRY_MS), FOLLOW_CHANGED |
	    FOLLOW_STATE);
	CHECK_INT(limit_of(&g), 15);
	follow_close(&f);
	follow_close(&g);
	CHECK_INT(limit_now(), 15);
	*t += 2 * FOLLOW_RETRY_MS;
}

int
main(void)
{
	struct follow f;
	queue *w;
	int64_t t = 1000;

	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/q.db", dir);
	snprintf(other, sizeof other, "%s/new.db", dir);

	/* nothing there yet: opens lazily, says why, retries a second later */
	follow_init(&f, path, "display", 50);
	CHECK(follow_queue(&f) == NULL);
	CHECK_INT(follow_poll(&f, t), 0);
	CHECK_INT(f.err, Q_ENODB);
	CHECK(f.why[0] != 0);
	make_db(path, 5);
	CHECK_INT(follow_poll(&f, t + 10), 0);            /* not yet time */
	CHECK_INT(follow_poll(&f, t + FOLLOW_RETRY_MS), FOLLOW_CHANGED |
	    FOLLOW_STATE);
	CHECK(follow_queue(&f) != NULL);
	CHECK_INT(f.err, Q_OK);
	CHECK_INT(f.opens, 1);
	CHECK_INT(limit_of(&f), 5);
	t += FOLLOW_RETRY_MS;

	/* quiet, then another program commits */
	CHECK_INT(follow_poll(&f, ++t), 0);
	CHECK_INT(queue_open(&w, path, 0, "cli:test"), Q_OK);
	CHECK_INT(queue_set_limit(w, 7), Q_OK);
	queue_close(w);
	CHECK_INT(follow_poll(&f, ++t), FOLLOW_CHANGED);
	CHECK_INT(limit_of(&f), 7);
	CHECK_INT(follow_poll(&f, ++t), 0);

	/* a restored backup renamed over the path: reopened at once */
	make_db(other, 3);
	CHECK_INT(rename(other, path), 0);
	CHECK_INT(follow_poll(&f, ++t), FOLLOW_CHANGED | FOLLOW_STATE |
	    FOLLOW_REPLACED);
	CHECK_INT(f.opens, 2);
	CHECK_INT(limit_of(&f), 3);

	/* deleted: lost, then back when a new one appears */
	unlink(path);
	CHECK_INT(follow_poll(&f, ++t), FOLLOW_STATE | FOLLOW_REPLACED);
	CHECK(follow_queue(&f) == NULL);
	CHECK_INT(f.err, Q_ENODB);
	make_db(path, 9);
	CHECK_INT(follow_poll(&f, t + 1), 0);
	t += FOLLOW_RETRY_MS;
	CHECK_INT(follow_poll(&f, t), FOLLOW_CHANGED | FOLLOW_STATE);
	CHECK_INT(limit_of(&f), 9);

	/* errors of the caller's own calls: only system errors drop it */
	CHECK_INT(follow_failed(&f, Q_EFULL, t), 0);
	CHECK_INT(follow_failed(&f, Q_EINVAL, t), 0);
	CHECK_INT(follow_failed(&f, Q_EBUSY, t), 0);
	CHECK(follow_queue(&f) != NULL);
	CHECK_INT(follow_failed(&f, Q_EDB, t), 1);
	CHECK(follow_queue(&f) == NULL);
	CHECK_INT(f.err, Q_EDB);
	CHECK_INT(follow_poll(&f, t + 1), 0);
	t += FOLLOW_RETRY_MS;
	CHECK_INT(follow_poll(&f, t), FOLLOW_CHANGED | FOLLOW_STATE);

	follow_close(&f);
	wal_removed(&t);

	/* a text file where the database was: not ours, said so, retried */
	follow_close(&f);
	unlink(path);
	{
		FILE *fp = fopen(path, "w");
		if (fp) {
			fputs("not a database\n", fp);
			fclose(fp);
		}
	}
	t += FOLLOW_RETRY_MS;
	CHECK_INT(follow_poll(&f, t), FOLLOW_STATE);
	CHECK_INT(f.err, Q_ENOTDB);
	CHECK(follow_queue(&f) == NULL);
	follow_close(&f);

	unlink(path);
	{
		char cmd[600];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return check_done();
}
