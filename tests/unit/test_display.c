/* test_display.c - display/display.c, no SDL.  The feed on a real
 * database written through another connection: history is not announced,
 * an admission at the issue is not announced, an admission from outside
 * is (even one within 500 ms of its issue), and the "silakan masuk" list
 * holds only admissions from outside not called yet, newest first.  The
 * big box's state on a made-up clock: a call shown when its sound starts,
 * the flash, repeats only while the ticket is still at its counter. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "display/display.h"

static char dir[] = "/tmp/antri-display.XXXXXX";
static char path[512];
static int64_t now = 1000;

/* Poll until the feed has seen the last commit; the announcements go to
 * out, their count is returned. */
static int
poll_all(struct display_feed *f, struct q_event_rec *out)
{
	int n = 0, got;

	for (int i = 0; i < 5; i++) {
		now += 10;
		display_poll(f, now, out + n, &got);
		n += got;
	}
	return n;
}

/* "KIND LABEL" of the announcements, space separated. */
static const char *
said(const struct q_event_rec *ev, int n)
{
	static char buf[1024];
	size_t len = 0;

	buf[0] = 0;
	for (int i = 0; i < n && len < sizeof buf; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s %s",
		    i ? " " : "", q_event_name(ev[i].kind), ev[i].label);
	return buf;
}

/* The labels of the status's "silakan masuk" list, space separated. */
static const char *
admitted(const struct q_status *st)
{
	static char buf[512];
	size_t len = 0;

	buf[0] = 0;
	for (int i = 0; i < st->nadmitted && len < sizeof buf; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
		    i ? " " : "", st->admitted[i].label);
	return buf;
}

/* A status where counter 3 serves label (or nobody, for ""). */
static void
serving(struct q_status *st, const char *label)
{
	memset(st, 0, sizeof *st);
	st->ncounters = 1;
	st->counters[0].number = 3;
	st->counters[0].has_current = label[0] != 0;
	snprintf(st->counters[0].current.label,
	    sizeof st->counters[0].current.label, "%s", label);
	st->ncalls = 1;
	snprintf(st->calls[0].label, sizeof st->calls[0].label, "A001");
	st->calls[0].counter = 1;
}

/* The big box and the repeats: pure, on a made-up clock. */
static void
test_state(void)
{
	static struct display_state s;
	static struct q_status st;
	struct q_event_rec e, out[4];
	int64_t t = 10000;

	serving(&st, "B007");
	memset(&e, 0, sizeof e);
	e.kind = QE_CALLED;
	snprintf(e.label, sizeof e.label, "B007");
	e.counter = 3;

	/* before any call: the newest of the status, not highlighted */
	display_state_init(&s, 3000, 8000);
	CHECK_INT(display_state_tick(&s, t, &st), 1);
	CHECK_STR(s.box.label, "A001");
	CHECK_INT(s.box.active, 0);
	CHECK_INT(display_state_tick(&s, t, &st), 0);

	/* a call whose sound starts 2 s from now (another one plays) and
	 * ends 5 s from now: shown at 2 s, flashing for 3 s */
	display_state_call(&s, &e, t, 2000, 5000);
	CHECK_INT(display_state_wait(&s, t, 60000), 2000);
	CHECK_INT(display_state_tick(&s, t + 1999, &st), 0);
	CHECK_STR(s.box.label, "A001");
	CHECK_INT(display_state_tick(&s, t + 2000, &st), 1);
	CHECK_STR(s.box.label, "B007");
	CHECK_INT(s.box.counter, 3);
	CHECK_INT(s.box.active, 1);
	CHECK_INT(s.box.flash_on, 1);
	CHECK_INT(display_state_wait(&s, t + 2000, 60000), DISPLAY_FLASH_MS);
	CHECK_INT(display_state_tick(&s, t + 2000 + DISPLAY_FLASH_MS, &st), 1);
	CHECK_INT(s.box.flash_on, 0);
	CHECK_INT(display_state_tick(&s, t + 5000, &st), 1);
	CHECK_INT(s.box.active, 0);
	CHECK_STR(s.box.label, "B007");            /* stays, unlit */

	/* said again repeat_ms after its sound ended: 5 s + 8 s */
	CHECK_INT(display_state_repeats(&s, t + 12999, &st, out, 4), 0);
	CHECK_INT(display_state_wait(&s, t + 12999, 60000), 1);
	CHECK_INT(display_state_repeats(&s, t + 13000, &st, out, 4), 1);
	CHECK_STR(out[0].label, "B007");
	CHECK_INT(display_state_repeats(&s, t + 20000, &st, out, 4), 0);

	/* served before its repeat: not said again */
	display_state_call(&s, &e, t + 20000, 0, 5000);
	serving(&st, "");
	CHECK_INT(display_state_repeats(&s, t + 40000, &st, out, 4), 0);
	CHECK_INT(s.nrep, 0);

	/* repeat off: nothing waits */
	display_state_init(&s, 3000, 0);
	display_state_call(&s, &e, t, 0, 5000);
	CHECK_INT(s.nrep, 0);
	/* reconnected: what waited is forgotten, the newest call shows */
	display_state_reset(&s);
	CHECK_INT(s.nshow, 0);
	st.ncalls = 1;
	CHECK_INT(display_state_tick(&s, t, &st), 1);
	CHECK_STR(s.box.label, "A001");
}

int
main(void)
{
	static struct display_feed f;
	static struct q_event_rec ev[DISPLAY_MAX_NEW * 5];
	struct q_ticket t;
	queue *w;
	int n;

	test_state();
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/q.db", dir);
	CHECK_INT(queue_open(&w, path, Q_OPEN_CREATE, "test"), Q_OK);
	CHECK_INT(queue_init_demo(w), Q_OK);
	CHECK_INT(queue_set_limit(w, 1), Q_OK);
	CHECK_INT(queue_issue(w, 'A', &t), Q_OK);         /* A001 inside */
	CHECK_INT(queue_call_next(w, 1, &t), Q_OK);       /* A001 called */

	/* connecting: the status, no history */
	display_init(&f, path);
	CHECK_INT(display_poll(&f, now, ev, &n), DISPLAY_STATUS |
	    DISPLAY_STATE);
	CHECK_INT(n, 0);
	CHECK(f.connected);

	/* A002 waits outside; raising the limit lets it in from outside,
	 * well within 500 ms of its issue: announced */
	CHECK_INT(queue_issue(w, 'A', &t), Q_OK);
	CHECK_INT(t.state, Q_OUTSIDE);
	CHECK_STR(said(ev, poll_all(&f, ev)), "");
	CHECK_INT(queue_set_limit(w, 2), Q_OK);
	CHECK_STR(said(ev, poll_all(&f, ev)), "admitted A002");
	CHECK_STR(admitted(&f.st), "A002");

	/* room for one more: B001 is let in at the issue, not announced */
	CHECK_INT(queue_set_limit(w, 3), Q_OK);
	CHECK_INT(queue_issue(w, 'B', &t), Q_OK);
	CHECK_INT(t.state, Q_ADMITTED);
	CHECK_STR(said(ev, poll_all(&f, ev)), "");
	CHECK_STR(admitted(&f.st), "A002");

	/* A003 and A004 outside, let in later: newest first */
	CHECK_INT(queue_issue(w, 'A', &t), Q_OK);
	CHECK_INT(queue_issue(w, 'A', &t), Q_OK);
	CHECK_INT(t.state, Q_OUTSIDE);
	CHECK_INT(queue_set_limit(w, 4), Q_OK);
	CHECK_INT(queue_set_limit(w, 5), Q_OK);
	CHECK_STR(said(ev, poll_all(&f, ev)), "admitted A003 admitted A004");
	CHECK_STR(admitted(&f.st), "A004 A003 A002");

	/* A002 called: off the list */
	CHECK_INT(queue_call_next(w, 2, &t), Q_OK);
	CHECK_STR(t.label, "A002");
	CHECK_STR(said(ev, poll_all(&f, ev)), "called A002");
	CHECK_STR(admitted(&f.st), "A004 A003");

	/* the -wal removed with a call in it: the feed saves it,
	 * reopens, says DISPLAY_WALGONE, and still announces the call */
	queue_close(w);
	CHECK_INT(queue_open(&w, path, 0, "test"), Q_OK);
	CHECK_INT(queue_call_next(w, 1, &t), Q_OK);
	queue_close(w);
	{
		char wal[600], want[64];
		int m;

		snprintf(wal, sizeof wal, "%s-wal", path);
		CHECK_INT(unlink(wal), 0);
		follow_check_wal_soon(&f.fw);
		m = display_poll(&f, ++now, ev, &n);
		CHECK_INT(m & (DISPLAY_WALGONE | DISPLAY_STATUS),
		    DISPLAY_WALGONE | DISPLAY_STATUS);
		CHECK(f.connected);
		snprintf(want, sizeof want, "called %s", t.label);
		CHECK_STR(said(ev, n), want);
		CHECK_INT(display_poll(&f, ++now, ev, &n), 0);
	}
	CHECK_INT(queue_open(&w, path, 0, "test"), Q_OK);

	display_close(&f);
	queue_close(w);
	{
		char cmd[600];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return check_done();
}
