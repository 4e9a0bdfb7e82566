/* test_counter.c - the counter panel's actions and messages on a real
 * SQLite file, without a display: a missing database, then the demo office
 * appearing, next/recall/done/no-show/transfer/pause, the "room full"
 * refusal, the repeat guard, and the file vanishing under the panel. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "fixture.h"          /* fx_rm_db */
#include "queue.h"
#include "counter/counter.h"

static char dbpath[600];
static struct q_status st;

static queue *
office(int create_demo)
{
	queue *q = NULL;

	CHECK_INT(queue_open(&q, dbpath, Q_OPEN_CREATE, "test"), Q_OK);
	if (q && create_demo)
		CHECK_INT(queue_init_demo(q), Q_OK);
	return q;
}

static const struct q_counter *
counter_of(queue *q, int n)
{
	CHECK_INT(queue_status(q, &st), Q_OK);
	for (int i = 0; i < st.ncounters; i++)
		if (st.counters[i].number == n)
			return &st.counters[i];
	return NULL;
}

static void
issue(queue *q, char code, const char *want)
{
	struct q_ticket t;

	CHECK_INT(queue_issue(q, code, &t), Q_OK);
	CHECK_STR(t.label, want);
}

/* A fresh demo office with A001 waiting, and panel 1 on it. */
static queue *
office_with_panel(struct counter *p)
{
	queue *q;

	fx_rm_db(dbpath);
	q = office(1);
	issue(q, 'A', "A001");
	counter_init(p, dbpath, 1, LANG_EN, 0);
	CHECK_INT(p->conn, CC_OK);
	return q;
}

static int
has(const char *msg, const char *part)
{
	if (strstr(msg, part))
		return 1;
	fprintf(stderr, "message \"%s\" lacks \"%s\"\n", msg, part);
	return 0;
}

static void
test_missing_then_there(void)
{
	static struct counter p;
	queue *q;

	fx_rm_db(dbpath);
	counter_init(&p, dbpath, 1, LANG_EN, 0);
	CHECK(p.f.q == NULL);
	CHECK_INT(p.conn, CC_NODB);
	CHECK_INT(counter_act(&p, CA_NEXT), Q_ENODB);
	CHECK(has(p.msg, "No database"));
	CHECK(has(p.msg, "nothing was done"));
	CHECK_INT(p.msgkind, CM_ERROR);
	CHECK(access(dbpath, F_OK) != 0);       /* the panel made no file */
	CHECK_INT(counter_poll(&p, 0), 0);        /* retries once a second */

	q = office(1);
	p.f.retry_at = 0;                         /* do not wait the second */
	CHECK_INT(counter_poll(&p, 0), 1);
	CHECK(p.f.q != NULL);
	CHECK_INT(p.conn, CC_OK);
	CHECK(p.have_status);
	CHECK(p.me_found);
	CHECK_STR(p.me.services, "AP");
	/* nothing waiting */
	CHECK_INT(counter_act(&p, CA_NEXT), Q_ENOWAIT);
	CHECK(has(p.msg, "Nobody waiting inside"));
	CHECK_INT(p.msgkind, CM_REFUSED);
	/* another program's write shows up on the next poll */
	issue(q, 'A', "A001");
	CHECK_INT(counter_poll(&p, 0), 1);
	CHECK_INT(counter_service(&p, 'A')->waiting, 1);
	CHECK_INT(counter_poll(&p, 0), 0);        /* and only once */
	counter_fini(&p);
	queue_close(q);
}

static void
test_actions(void)
{
	static struct counter p1, p2;
	struct counter_button b[32];
	const struct q_counter *c;
	char codes[32];
	queue *q;
	int n;

	fx_rm_db(dbpath);
	q = office(1);
	issue(q, 'A', "A001");
	issue(q, 'A', "A002");
	issue(q, 'B', "B001");
	issue(q, 'A', "A003");
	counter_init(&p1, dbpath, 1, LANG_EN, 0);
	counter_init(&p2, dbpath, 2, LANG_ID, 0);
	CHECK_INT(counter_buttons(&p1, b), 6);
	CHECK_INT(b[0].act, CA_NEXT);
	CHECK_STR(b[0].key, "N");
	CHECK(!b[1].enabled);                   /* nothing to recall yet */

	/* next: oldest of the counter's services, each counter its own */
	CHECK_INT(counter_act(&p1, CA_NEXT), Q_OK);
	CHECK(has(p1.msg, "A001 called to counter 1"));
	CHECK_INT(p1.msgkind, CM_OK);
	CHECK_INT(counter_act(&p2, CA_NEXT), Q_OK);
	CHECK(has(p2.msg, "A002 dipanggil ke loket 2"));
	c = counter_of(q, 1);
	CHECK(c && c->has_current && !strcmp(c->current.label, "A001"));
	c = counter_of(q, 2);
	CHECK(c && c->has_current && !strcmp(c->current.label, "A002"));
	/* the event carries the panel's actor */
	{
		struct q_event_rec ev[64];
		int k = 64, seen = 0;

		CHECK_INT(queue_events_since(q, 0, ev, &k), Q_OK);
		for (int i = 0; i < k; i++)
			if (ev[i].kind == QE_CALLED &&
			    !strcmp(ev[i].actor, "counter:1"))
				seen++;
		CHECK_INT(seen, 1);
	}
	CHECK_INT(counter_buttons(&p1, b), 6);
	CHECK(b[1].enabled && b[2].enabled && b[3].enabled && b[4].enabled);

	/* recall keeps the ticket */
	CHECK_INT(counter_act(&p1, CA_RECALL), Q_OK);
	CHECK(has(p1.msg, "A001 called again"));
	/* done: counter free, ticket in the history */
	CHECK_INT(counter_act(&p1, CA_DONE), Q_OK);
	CHECK(has(p1.msg, "A001 done"));
	CHECK(!p1.me.has_current);
	CHECK(p1.nhist >= 1 && !strcmp(p1.hist[0].label, "A001"));
	CHECK_INT(p1.hist[0].state, Q_DONE);
	CHECK_INT(counter_act(&p1, CA_DONE), Q_ENOCURRENT);
	CHECK_INT(p1.msgkind, CM_REFUSED);
	CHECK(has(p1.msg, "No ticket being served"));

	/* no-show */
	CHECK_INT(counter_act(&p1, CA_NEXT), Q_OK);
	CHECK(has(p1.msg, "A003 called"));
	CHECK_INT(counter_act(&p1, CA_NOSHOW), Q_OK);
	CHECK(has(p1.msg, "A003 marked no-show"));
	CHECK_INT(p1.hist[0].state, Q_NO_SHOW);

	/* next finishes the previous ticket and says so */
	issue(q, 'A', "A004");
	issue(q, 'A', "A005");
	counter_poll(&p1, 0);
	CHECK_INT(counter_act(&p1, CA_NEXT), Q_OK);
	CHECK(has(p1.msg, "A004 called"));
	CHECK_INT(counter_act(&p1, CA_NEXT), Q_OK);
	CHECK(has(p1.msg, "A004 done. A005 called"));

	/* transfer: T asks, a wrong letter asks again, a right one moves */
	CHECK_INT(counter_act(&p1, CA_TRANSFER), Q_OK);
	CHECK(p1.transfer_mode);
	n = counter_transfer_choices(&p1, codes, 26);
	CHECK_INT(n, 4);
	CHECK_STR(codes, "BCDP");
	CHECK_INT(counter_buttons(&p1, b), 5);
	CHECK_INT(b[0].act, CB_SERVICE);
	CHECK_INT(b[0].code, 'B');
	CHECK_INT(b[4].act, CB_CANCEL);
	CHECK_INT(counter_transfer_to(&p1, 'A'), Q_ENOSERVICE);   /* its own */
	CHECK(p1.transfer_mode);
	CHECK(has(p1.msg, "BCDP"));
	CHECK_INT(counter_transfer_to(&p1, 'c'), Q_OK);
	CHECK(!p1.transfer_mode);
	CHECK(has(p1.msg, "A005 transferred to service C (Consultation)"));
	{
		struct q_ticket t;

		CHECK_INT(queue_ticket_find(q, "A005", &t), Q_OK);
		CHECK_INT(t.service, 'C');
		CHECK_INT(t.state, Q_ADMITTED);
	}
	c = counter_of(q, 1);
	CHECK(c && !c->has_current);
	/* T without a ticket says why; T twice cancels */
	CHECK_INT(counter_act(&p1, CA_TRANSFER), Q_ENOCURRENT);
	CHECK(!p1.transfer_mode);
	CHECK_INT(counter_act(&p2, CA_TRANSFER), Q_OK);
	CHECK(p2.transfer_mode);
	CHECK_INT(counter_act(&p2, CA_TRANSFER), Q_OK);
	CHECK(!p2.transfer_mode);

	/* pause and resume */
	CHECK_INT(counter_act(&p1, CA_PAUSE), Q_OK);
	CHECK(has(p1.msg, "Counter paused"));
	c = counter_of(q, 1);
	CHECK(c && c->state == Q_COUNTER_PAUSED);
	CHECK_INT(counter_buttons(&p1, b), 6);
	CHECK_STR(b[5].label, "Resume");
	CHECK(!b[0].enabled);
	issue(q, 'A', "A006");
	CHECK_INT(counter_act(&p1, CA_NEXT), Q_EPAUSED);
	CHECK(has(p1.msg, "paused"));
	CHECK_INT(counter_act(&p1, CA_PAUSE), Q_OK);
	CHECK(has(p1.msg, "Counter open again"));
	c = counter_of(q, 1);
	CHECK(c && c->state == Q_COUNTER_OPEN);
	/* closed by a manager: P opens it */
	CHECK_INT(queue_counter_set_state(q, 1, Q_COUNTER_CLOSED), Q_OK);
	CHECK_INT(counter_poll(&p1, 0), 1);
	CHECK_INT(counter_act(&p1, CA_NEXT), Q_EPAUSED);
	CHECK(has(p1.msg, "Counter is closed (P to open)"));
	CHECK_INT(counter_act(&p1, CA_PAUSE), Q_OK);
	c = counter_of(q, 1);
	CHECK(c && c->state == Q_COUNTER_OPEN);

	/* the repeat guard swallows a double tap, not a refusal */
	p1.guard_ms = 60000;
	memset(p1.last_ok, 0, sizeof p1.last_ok);
	CHECK_INT(counter_act(&p1, CA_NEXT), Q_OK);
	CHECK(has(p1.msg, "A006 called"));
	issue(q, 'A', "A007");
	CHECK_INT(counter_act(&p1, CA_NEXT), 1);
	c = counter_of(q, 1);
	CHECK(c && c->has_current && !strcmp(c->current.label, "A006"));
	CHECK_INT(counter_act(&p1, CA_RECALL), Q_OK);
	CHECK_INT(counter_act(&p1, CA_RECALL), 1);
	p1.guard_ms = 0;

	/* the database file vanishes: the panel says so and does nothing */
	fx_rm_db(dbpath);
	CHECK_INT(counter_poll(&p1, 0), 1);
	CHECK_INT(p1.conn, CC_NODB);
	CHECK(p1.f.q == NULL);
	CHECK_INT(counter_act(&p2, CA_DONE), Q_ENODB);
	CHECK(has(p2.msg, "Database tidak ada"));
	CHECK(access(dbpath, F_OK) != 0);
	counter_fini(&p1);
	counter_fini(&p2);
	queue_close(q);
}

static void
test_room_full(void)
{
	static struct counter p;
	struct q_ticket t;
	queue *q;

	fx_rm_db(dbpath);
	q = office(1);
	CHECK_INT(queue_set_limit(q, 1), Q_OK);
	issue(q, 'B', "B001");                  /* fills the room */
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(t.state, Q_OUTSIDE);
	counter_init(&p, dbpath, 1, LANG_EN, 0);
	CHECK_INT(counter_act(&p, CA_NEXT), Q_ENOWAIT);
	CHECK(has(p.msg, "room is full and nobody has been admitted"));
	CHECK(has(p.msg, "1 waiting outside"));
	counter_fini(&p);
	counter_init(&p, dbpath, 1, LANG_ID, 0);
	CHECK_INT(counter_act(&p, CA_NEXT), Q_ENOWAIT);
	CHECK(has(p.msg, "Ruangan penuh"));
	counter_fini(&p);
	/* a counter that is not in the database */
	counter_init(&p, dbpath, 9, LANG_EN, 0);
	CHECK(!p.me_found);
	CHECK(counter_act(&p, CA_NEXT) != Q_OK);
	CHECK(has(p.msg, "Counter 9 does not exist"));
	counter_fini(&p);
	queue_close(q);
	fx_rm_db(dbpath);
}

/* Another process holds the WAL write lock: byte 120 of the -shm file,
 * the first of the WAL-index lock bytes in SQLite's documented WAL file
 * format.  Returns the child's pid; it holds the lock until *release is
 * closed.  Takes no SQL: the lock is a plain fcntl lock. */
static pid_t
hold_write_lock(const char *db, int *release)
{
	char shm[700];
	int ready[2], go[2];
	pid_t pid;
	char c;

	snprintf(shm, sizeof shm, "%s-shm", db);
	if (pipe(ready) || pipe(go))
		return -1;
	if ((pid = fork()) == 0) {
		struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
			.l_start = 120, .l_len = 1 };
		int fd = open(shm, O_RDWR);

		close(ready[0]);
		close(go[1]);
		c = fd >= 0 && fcntl(fd, F_SETLKW, &fl) == 0 ? 'y' : 'n';
		if (write(ready[1], &c, 1) != 1)
			_exit(1);
		(void)!read(go[0], &c, 1);   /* until the parent closes */
		_exit(0);
	}
	close(ready[1]);
	close(go[0]);
	c = 'n';
	if (pid < 0 || read(ready[0], &c, 1) != 1 || c != 'y') {
		close(ready[0]);
		close(go[1]);
		return -1;
	}
	close(ready[0]);
	*release = go[1];
	return pid;
}

static void
test_locked(void)
{
	static struct counter p;
	struct q_event_rec ev[64];
	int release = -1, k = 64, called = 0, st = 0;
	int64_t t0, waited;
	pid_t pid;
	queue *q;

	q = office_with_panel(&p);
	pid = hold_write_lock(dbpath, &release);
	CHECK(pid > 0);
	if (pid <= 0)
		goto out;
	t0 = counter_mono_ms();
	CHECK_INT(counter_act(&p, CA_NEXT), Q_EBUSY);
	waited = counter_mono_ms() - t0;
	printf("a press on a locked database answered after %lld ms\n",
	    (long long)waited);
	CHECK(has(p.msg, "Database busy: nothing was done, press again"));
	CHECK_INT(p.msgkind, CM_ERROR);
	/* still readable, nothing called */
	CHECK_INT(counter_poll(&p, 1), 1);
	CHECK(!p.me.has_current);
	CHECK_INT(counter_service(&p, 'A')->waiting, 1);
	close(release);
	waitpid(pid, &st, 0);
	/* pressing again applies it once */
	CHECK_INT(counter_act(&p, CA_NEXT), Q_OK);
	CHECK(has(p.msg, "A001 called"));
	CHECK_INT(queue_events_since(q, 0, ev, &k), Q_OK);
	for (int i = 0; i < k; i++)
		called += ev[i].kind == QE_CALLED;
	CHECK_INT(called, 1);
out:
	counter_fini(&p);
	queue_close(q);
}

/* the general printer line: nothing without a printer, "..." until the
 * first answer, then the state in the panel's language and the printer's
 * own message beside a problem */
static void
test_printer_line(void)
{
	static struct counter p;
	struct printer_state ps;
	char line[512];

	fx_rm_db(dbpath);
	counter_init(&p, dbpath, 1, LANG_ID, 0);
	CHECK_INT(counter_printer_line(&p, line, sizeof line), 0);
	CHECK_STR(line, "");
	p.printer = 1;
	CHECK_INT(counter_printer_line(&p, line, sizeof line), 0);
	CHECK(has(line, "Printer: "));
	memset(&ps, 0, sizeof ps);
	ps.reachable = 1;
	ps.state = 3;
	counter_set_printer(&p, &ps);
	CHECK_INT(counter_printer_line(&p, line, sizeof line), 0);
	CHECK_STR(line, "Printer: Siap");
	ps.state = 5;
	snprintf(ps.reasons, sizeof ps.reasons, "media-empty-error");
	snprintf(ps.message, sizeof ps.message, "Load paper");
	counter_set_printer(&p, &ps);
	CHECK_INT(counter_printer_line(&p, line, sizeof line), 1);
	CHECK_STR(line, "Printer: Kertas habis (Load paper)");
	p.lang = LANG_EN;
	ps.reachable = 0;
	counter_set_printer(&p, &ps);
	CHECK_INT(counter_printer_line(&p, line, sizeof line), 1);
	CHECK_STR(line, "Printer: Printer not answering");
	counter_fini(&p);
}

/* the staff's warning line: nothing when all is well; the -wal removed
 * under the panel (it keeps its snapshot, reopens, says when); the clock
 * looking wrong; both at once */
static void
test_warning(void)
{
	static struct counter p;
	char line[1100], wal[700];
	queue *q;

	q = office_with_panel(&p);
	CHECK_INT(counter_warning(&p, line, sizeof line), 0);
	CHECK_STR(line, "");
	issue(q, 'A', "A002");         /* in the -wal only */
	queue_close(q);
	snprintf(wal, sizeof wal, "%s-wal", dbpath);
	CHECK_INT(unlink(wal), 0);
	follow_check_wal_soon(&p.f);
	CHECK_INT(counter_poll(&p, 0), 1);
	CHECK_INT(p.wal_news, 1);
	CHECK_INT(p.conn, CC_OK);
	CHECK_INT(counter_warning(&p, line, sizeof line), 1);
	CHECK(has(line, "-wal file removed at "));
	CHECK(!strstr(line, "clock"));
	/* the ticket that lived only in the removed -wal is in the file */
	q = office(0);
	issue(q, 'A', "A003");
	queue_close(q);
	p.st.clock_wrong = 1;
	CHECK_INT(counter_warning(&p, line, sizeof line), 1);
	CHECK(has(line, "The clock looks wrong"));
	CHECK(has(line, "-wal file removed"));
	p.lang = LANG_ID;
	p.wal_mono = 0;
	CHECK_INT(counter_warning(&p, line, sizeof line), 1);
	CHECK(has(line, "Jam komputer tampaknya salah"));
	CHECK(!strstr(line, "-wal"));
	counter_fini(&p);
}

int
main(void)
{
	const char *out = getenv("OUT");
	char dir[512];

	snprintf(dir, sizeof dir, "%s/panelXXXXXX", out && *out ? out :
	    "/tmp");
	if (out && *out) {
		char cmd[600];

		snprintf(cmd, sizeof cmd, "mkdir -p '%s'", out);
		if (system(cmd) != 0)
			return 1;
	}
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(dbpath, sizeof dbpath, "%s/antri.db", dir);
	test_missing_then_there();
	test_actions();
	test_room_full();
	test_locked();
	test_printer_line();
	test_warning();
	fx_rm_db(dbpath);
	rmdir(dir);
	return check_done();
}
