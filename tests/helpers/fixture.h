/* fixture.h - the setting the core's unit tests share: a database file in
 * a temporary folder of their own (under OUT, or /tmp), the demo office
 * (services A B C D P, counters 1:AP 2:ABP 3:BC 4:CD, all open) made
 * fresh for each test at 08:00 WIB on 2026-11-23, clocks the test moves
 * (through the test-only hooks of queue_test.h), and the checks on a
 * queue that every such test repeats.
 *
 * Like check.h, everything here is static and lives in the test program
 * that includes it, so every check counts in that program's closing
 * line.  Use: fx_fresh() at the start of each test, and main returns
 * fx_main("name", tests, n) with its table of tests.
 */
#ifndef ANTRI_FIXTURE_H
#define ANTRI_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "queue.h"
#include "queue_test.h"

/* 2026-11-23 08:00 WIB (UTC+7), in ms since the epoch */
#define FX_DAY1_0800 ((int64_t)1795395600 * 1000)
#define FX_MIN ((int64_t)60 * 1000)
#define FX_HOUR (60 * FX_MIN)
#define FX_DAY (24 * FX_HOUR)

/* The wall clock every queue of the fixture reads; the boot clock
 * follows it (as if the machine lived through the time) unless the test
 * sets fx_boot_own, then it reads fx_boot_ms. */
static int64_t fx_now_ms, fx_boot_ms;
static int fx_boot_own;
/* The database file, and the folder the fixture made for it. */
static char fx_dbpath[512], fx_dir[480];
/* The last status fx_occupancy or fx_svc read. */
static struct q_status fx_st;

static inline int64_t
fx_wall_clock(void *ctx)
{
	(void)ctx;
	return fx_now_ms;
}

static inline int64_t
fx_boot_clock(void *ctx)
{
	(void)ctx;
	return fx_boot_ms;
}

/* Jakarta time (without tzdata), a new folder OUT/NAME-XXXXXX (OUT made
 * if missing) and fx_dbpath in it.  0, or -1 with the reason printed. */
static inline int
fx_setup(const char *name)
{
	const char *out = getenv("OUT");
	char cmd[600];

	setenv("TZ", "WIB-7", 1);
	tzset();
	if (!out || !*out)
		out = "/tmp";
	snprintf(cmd, sizeof cmd, "mkdir -p '%s'", out);
	if (system(cmd) != 0)
		return -1;
	snprintf(fx_dir, sizeof fx_dir, "%s/%s-XXXXXX", out, name);
	if (!mkdtemp(fx_dir)) {
		perror(fx_dir);
		return -1;
	}
	snprintf(fx_dbpath, sizeof fx_dbpath, "%s/antri.db", fx_dir);
	return 0;
}

/* Remove the database at path and its -wal and -shm. */
static inline void
fx_rm_db(const char *path)
{
	char p[700];

	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

/* Open the fixture's database (flags as queue_open) as actor, on the
 * fixture's clocks; NULL after a failed check. */
static inline queue *
fx_open(int flags, const char *actor)
{
	queue *q = NULL;

	CHECK_INT(queue_open(&q, fx_dbpath, flags, actor), Q_OK);
	if (q) {
		queue_test_set_clock(q, fx_wall_clock, NULL);
		if (fx_boot_own)
			queue_test_set_boot_clock(q, fx_boot_clock, NULL);
	}
	return q;
}

/* A new database with the demo office, the clocks at 08:00 on day 1 (the
 * boot clock at 1 s), opened as "test". */
static inline queue *
fx_fresh(void)
{
	queue *q;

	fx_rm_db(fx_dbpath);
	fx_now_ms = FX_DAY1_0800;
	fx_boot_ms = 1000;
	q = fx_open(Q_OPEN_CREATE, "test");
	if (q)
		CHECK_INT(queue_init_demo(q), Q_OK);
	return q;
}

/* The room's occupancy now (fx_st gets the status). */
static inline int
fx_occupancy(queue *q)
{
	CHECK_INT(queue_status(q, &fx_st), Q_OK);
	return fx_st.occupancy;
}

/* Service code as it is now (in fx_st); a failed check and the first
 * service when there is none. */
static inline struct q_service *
fx_svc(queue *q, char code)
{
	CHECK_INT(queue_status(q, &fx_st), Q_OK);
	for (int i = 0; i < fx_st.nservices; i++)
		if (fx_st.services[i].code == code)
			return &fx_st.services[i];
	CHECK(0);
	return &fx_st.services[0];
}

/* The state of the ticket named label; Q_STATE_COUNT when not found. */
static inline enum q_state
fx_state_of(queue *q, const char *label)
{
	struct q_ticket t;

	if (queue_ticket_find(q, label, &t) != Q_OK)
		return Q_STATE_COUNT;
	return t.state;
}

/* queue_check passes (its message printed when not). */
static inline void
fx_check_ok(queue *q)
{
	char msg[512];
	int rc = queue_check(q, msg, sizeof msg);

	if (rc != Q_OK)
		fprintf(stderr, "queue_check: %s\n", msg);
	CHECK_INT(rc, Q_OK);
}

/* Remove the database and the folder fx_setup made. */
static inline void
fx_teardown(void)
{
	fx_rm_db(fx_dbpath);
	rmdir(fx_dir);
}

/* A fixture test's whole main: fx_setup(name), the n tests in turn,
 * fx_teardown(); check_done()'s exit code (1 when the set-up fails). */
static inline int
fx_main(const char *name, void (*const tests[])(void), size_t n)
{
	if (fx_setup(name) != 0)
		return 1;
	for (size_t i = 0; i < n; i++)
		tests[i]();
	fx_teardown();
	return check_done();
}

#endif
