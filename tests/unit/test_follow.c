/* test_follow.c - the database follower (shared/core/follow.c) on real
 * SQLite files: lazy open and retry, another program's commit, a file
 * replaced or deleted under it, a file that is not a database, and which
 * errors drop the connection. */
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
