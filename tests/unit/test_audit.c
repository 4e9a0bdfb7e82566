/* test_audit.c - the clock rule and the audit chain, in the core alone:
 * a wall clock set wrong is refused a new day (Q_ECLOCK) and cancels
 * nothing; one the machine lived through starts it; every event is linked
 * to the one before by db_event_hash; the encoding keeps fields apart;
 * close-day seals the day with its last event's hash.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "db.h"
#include "fixture.h"
#include "queue.h"

static void
test_clock(void)
{
	queue *q = fx_fresh();
	struct q_ticket t;
	struct q_status st;
	char msg[256];

	for (int i = 0; i < 3; i++)
		CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	/* the wall clock a day behind: today's numbers go on */
	fx_now_ms -= FX_DAY;
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_STR(t.label, "A004");
	CHECK_STR(t.day, "2026-11-23");
	/* a day ahead, the boot clock only an hour on: refused, kept */
	fx_now_ms += 2 * FX_DAY;
	fx_boot_ms += FX_HOUR;
	CHECK_INT(queue_issue(q, 'A', &t), Q_ECLOCK);
	CHECK_INT(queue_status(q, &st), Q_OK);
	CHECK_INT(st.clock_wrong, 1);
	CHECK_STR(st.day, "2026-11-23");
	CHECK_INT(st.services[0].waiting, 4);
	CHECK_INT(queue_err_class(Q_ECLOCK), Q_CLASS_SYSTEM);
	/* within the slack (10 min ahead of the boot clock): the same day */
	fx_now_ms = FX_DAY1_0800 + 2 * FX_HOUR;
	fx_boot_ms = 1000 + FX_HOUR + 5 * 60 * 1000;
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_STR(t.label, "A005");
	/* the machine lived through to the next morning: a new day */
	fx_now_ms += FX_DAY;
	fx_boot_ms += FX_DAY;
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_STR(t.label, "A001");
	CHECK_STR(t.day, "2026-11-24");
	CHECK_INT(queue_status(q, &st), Q_OK);
	CHECK_INT(st.clock_wrong, 0);
	CHECK_INT(st.services[0].waiting, 1);     /* yesterday's ended */
	CHECK_INT(queue_check(q, msg, sizeof msg), Q_OK);
	/* a jump vouched for by the manager */
	fx_now_ms += 3 * FX_DAY;
	CHECK_INT(queue_issue(q, 'B', &t), Q_ECLOCK);
	CHECK_INT(queue_clock_accept(q), Q_OK);
	CHECK_INT(queue_issue(q, 'B', &t), Q_OK);
	CHECK_STR(t.day, "2026-11-27");
	CHECK_INT(queue_check(q, msg, sizeof msg), Q_OK);
	queue_close(q);
}

static void
test_encoding(void)
{
	struct q_event_rec a, b;
	char ha[Q_HASH_HEX], hb[Q_HASH_HEX], buf[1024];
	size_t len;

	memset(&a, 0, sizeof a);
	a.id = 7;
	a.ts_ms = 1;
	a.kind = QE_DONE;
	snprintf(a.label, sizeof a.label, "A1");
	b = a;
	snprintf(b.label, sizeof b.label, "A");
	snprintf(b.detail, sizeof b.detail, "1");
	CHECK_INT(db_event_hash(&a, "", ha), Q_OK);
	CHECK_INT(db_event_hash(&b, "", hb), Q_OK);
	CHECK_INT(strlen(ha), 64);
	CHECK(strcmp(ha, hb) != 0);       /* fields do not run together */
	CHECK_INT(db_event_hash(&a, DB_CHAIN_GENESIS, hb), Q_OK);
	CHECK_STR(ha, hb);                /* "" is the genesis */
	CHECK_INT(db_event_hash(&a, ha, hb), Q_OK);
	CHECK(strcmp(ha, hb) != 0);       /* the previous hash counts */
	db_event_encode(&a, "", buf, sizeof buf, &len);
	CHECK(len > 0 && memchr(buf, 0, len) == NULL);
	CHECK(strstr(buf, "4:done\n") != NULL);
}

static void
test_chain(void)
{
	queue *q = fx_fresh();
	struct q_event_rec ev[64], seal;
	struct q_ticket t;
	char want[Q_HASH_HEX], day[Q_DAY_MAX], h[Q_HASH_HEX], msg[256];
	long long id;
	int n = 64, cancelled;

	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(queue_call_next(q, 1, &t), Q_OK);
	CHECK_INT(queue_day_seal(q, &seal), Q_ENOTICKET);
	CHECK_INT(queue_close_day(q, NULL, &cancelled), Q_OK);
	CHECK_INT(cancelled, 1);
	CHECK_INT(queue_events_since(q, 0, ev, &n), Q_OK);
	CHECK(n > 5 && n < 64);
	CHECK_INT(ev[0].kind, QE_CHAIN_STARTED);
	CHECK_STR(ev[0].detail, "chain starts after 0 events, last id 0");
	for (int i = 0; i < n; i++) {
		CHECK_INT(db_event_hash(&ev[i], i ? ev[i - 1].hash : "", want),
		    Q_OK);
		CHECK_STR(ev[i].hash, want);
		CHECK_INT(ev[i].id, i + 1);
	}
	CHECK_INT(queue_day_seal(q, &seal), Q_OK);
	CHECK_INT(seal.id, ev[n - 1].id);
	CHECK_INT(sscanf(seal.detail, "%10s event %lld hash %64s", day, &id, h),
	    3);
	CHECK_STR(day, "2026-11-23");
	CHECK_INT(id, ev[n - 2].id);
	CHECK_INT(ev[n - 2].kind, QE_DAY_CLOSED);
	CHECK_STR(h, ev[n - 2].hash);
	CHECK_INT(queue_check(q, msg, sizeof msg), Q_OK);
	queue_close(q);
}

int
main(void)
{
	static void (*const tests[])(void) = { test_encoding, test_clock,
	    test_chain };

	fx_boot_own = 1;          /* the clock rule: a boot clock apart */
	return fx_main("test_audit", tests, sizeof tests / sizeof tests[0]);
}
