/* queue_clock.c - time in the queue: "now", the business day, and the rule
 * that keeps the day moving forward only (docs/time.md).
 *
 * Two clocks: the wall clock (CLOCK_REALTIME), which may be wrong (a kiosk
 * without an RTC battery, a bad manual setting), and the boot clock
 * (CLOCK_BOOTTIME), which counts real time since this machine booted and
 * cannot be set.  Within one boot, wall - boot stays the same unless
 * someone moved the wall clock.  The database keeps the last such offset
 * with the boot's id (setting clock_ref); a write that would start a new
 * business day while the wall clock has run ahead of the boot clock since
 * then is refused with Q_ECLOCK.  Event times never go back: "now" is at
 * least the newest event's time, so a clock behind never reopens a day.
 */
#define _POSIX_C_SOURCE 200809L
#include "queue_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* how far the wall clock may run ahead of the boot clock between writes
 * before a new day is refused: NTP's slews and small steps stay below */
#define CLOCK_SLACK_MS (10 * 60 * 1000)
/* the stored offset is rewritten only when it moved more than this */
#define REF_STEP_MS 1000

static int64_t
ts_ms(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* the wall clock as it reads, unclamped */
static int64_t
raw_now(queue *q)
{
	if (q && q->clock)
		return q->clock(q->clock_ctx);
	return ts_ms(CLOCK_REALTIME);
}

/* real time since boot; a test clock stands for both unless a test sets
 * a boot clock of its own */
static int64_t
boot_now(queue *q)
{
	if (q->boot_clock)
		return q->boot_clock(q->boot_ctx);
	if (q->clock)
		return q->clock(q->clock_ctx);
	return ts_ms(CLOCK_BOOTTIME);
}

int64_t
queue_now_ms(queue *q)
{
	int64_t now = raw_now(q);

	return q && now < q->floor_ms ? q->floor_ms : now;
}

void
q_day_of(int64_t ms, char day[Q_DAY_MAX])
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(day, Q_DAY_MAX, "%Y-%m-%d", &tm);
}

void
qi_clock_init(queue *q)
{
	FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");

	q->boot_id[0] = 0;
	if (!f)
		return;
	if (!fgets(q->boot_id, sizeof q->boot_id, f))
		q->boot_id[0] = 0;
	q->boot_id[strcspn(q->boot_id, "\n ")] = 0;
	fclose(f);
}

/* The wall clock's reading for an event's detail: "clock 2026-11-30
 * 08:00:01". */
static void
reading(int64_t ms, char *buf, size_t len)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	char s[32];

	localtime_r(&t, &tm);
	strftime(s, sizeof s, "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(buf, len, "clock %s", s);
}

/* The stored reference: *same 1 when it is from this boot, *off its
 * offset (wall - boot). */
static int
ref_get(queue *q, int *same, int64_t *off)
{
	char ref[96] = "", id[40];
	long long o;
	int rc = db_setting_get(q->d, "clock_ref", ref, sizeof ref);

	*same = 0;
	*off = 0;
	if (rc == Q_ENOTICKET)
		return Q_OK;
	if (rc)
		return rc;
	if (sscanf(ref, "%39s %lld", id, &o) == 2 && q->boot_id[0] &&
	    !strcmp(id, q->boot_id)) {
		*same = 1;
		*off = o;
	}
	return Q_OK;
}

static int
ref_put(queue *q, int same, int64_t old, int64_t offset)
{
	char ref[96];

	if (same && llabs((long long)(offset - old)) <= REF_STEP_MS)
		return Q_OK;
	snprintf(ref, sizeof ref, "%s %lld", q->boot_id[0] ? q->boot_id : "-",
	    (long long)offset);
	return db_setting_set(q->d, "clock_ref", ref);
}

/* Start business day today: end what earlier days left, note where the
 * day's events begin, record it with the clock's reading. */
static int
start_day(queue *q, const char *stored, const char *today, int64_t raw)
{
	char detail[Q_REASON_MAX], clk[48];
	int64_t first;
	int rc, n;

	if (stored[0]) {
		if ((rc = qi_cancel_live(q, today, "business day ended", &n)))
			return rc;
		if ((rc = db_counters_clear(q->d)))
			return rc;
	}
	/* where today's events start: the screens' recent lists read back
	 * from the newest event to here only */
	if ((rc = db_last_event(q->d, &first)) ||
	    (rc = db_setting_set_int(q->d, "day_first_event", first + 1)) ||
	    (rc = db_setting_set(q->d, "business_day", today)))
		return rc;
	reading(raw, clk, sizeof clk);
	snprintf(detail, sizeof detail, "%s->%s %s", stored[0] ? stored : "-",
	    today, clk);
	return qi_event(q, QE_DAY_STARTED, NULL, 0, 0, detail);
}

/* Inside a write: the business day, started anew when the clock says so
 * and may be believed. */
static int
day_rule(queue *q, char today[Q_DAY_MAX])
{
	char day[Q_DAY_MAX] = "";
	int64_t last = 0, raw = raw_now(q), offset = raw - boot_now(q), old;
	int rc, same;

	rc = db_last_event_ts(q->d, &last);
	if (rc && rc != Q_ENOTICKET)
		return rc;
	if (last > q->floor_ms)
		q->floor_ms = last;
	q_day_of(queue_now_ms(q), today);
	rc = db_setting_get(q->d, "business_day", day, sizeof day);
	if (rc && rc != Q_ENOTICKET)
		return rc;
	if ((rc = ref_get(q, &same, &old)))
		return rc;
	if (day[0] && strcmp(today, day) <= 0) {
		memcpy(today, day, Q_DAY_MAX);    /* never back */
		return ref_put(q, same, old, offset);
	}
	/* a new day: the wall clock must not have run ahead of real time */
	if (day[0] && same && offset - old > CLOCK_SLACK_MS)
		return Q_ECLOCK;
	if ((rc = start_day(q, day, today, raw)))
		return rc;
	return ref_put(q, same, old, offset);
}

int
qi_clock_suspect(queue *q)
{
	char day[Q_DAY_MAX] = "", today[Q_DAY_MAX];
	int64_t old, offset = raw_now(q) - boot_now(q);
	int same;

	q_day_of(queue_now_ms(q), today);
	if (db_setting_get(q->d, "business_day", day, sizeof day) != Q_OK ||
	    strcmp(today, day) <= 0 || ref_get(q, &same, &old) != Q_OK)
		return 0;
	return same && offset - old > CLOCK_SLACK_MS;
}

int
qi_begin(queue *q, char today[Q_DAY_MAX])
{
	int rc;

	if ((rc = db_begin(q->d)))
		return rc;
	if ((rc = day_rule(q, today)) || (rc = qi_remote_step(q, today)))
		return db_end(q->d, rc);
	return Q_OK;
}

int
qi_today(queue *q, char today[Q_DAY_MAX])
{
	int rc = db_setting_get(q->d, "business_day", today, Q_DAY_MAX);

	if (rc == Q_ENOTICKET) {
		q_day_of(queue_now_ms(q), today);
		return Q_OK;
	}
	return rc;
}

int
queue_clock_accept(queue *q)
{
	char clk[48];
	int64_t raw = raw_now(q), offset = raw - boot_now(q), last = 0;
	int rc;

	if ((rc = db_begin(q->d)))
		return rc;
	rc = db_last_event_ts(q->d, &last);
	if (rc && rc != Q_ENOTICKET)
		return db_end(q->d, rc);
	if (last > q->floor_ms)
		q->floor_ms = last;
	reading(raw, clk, sizeof clk);
	if ((rc = ref_put(q, 0, 0, offset)) ||
	    (rc = qi_event(q, QE_CLOCK_ACCEPTED, NULL, 0, 0, clk)))
		return db_end(q->d, rc);
	return db_end(q->d, Q_OK);
}

int64_t
q_slot_parse(const char *s)
{
	struct tm tm;
	char tail;
	int y, mo, d, h, mi;
	time_t t;

	if (!s || strlen(s) != 16 || (s[10] != ' ' && s[10] != 'T') ||
	    sscanf(s, "%4d-%2d-%2d%*c%2d:%2d%c", &y, &mo, &d, &h, &mi,
	    &tail) != 5 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || y < 2000)
		return -1;
	for (int i = 0; i < 16; i++)
		if (i != 4 && i != 7 && i != 10 && i != 13 &&
		    (s[i] < '0' || s[i] > '9'))
			return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1 || tm.tm_mday != d)
		return -1;
	return (int64_t)t * 1000;
}

void
q_slot_text(int64_t ms, char out[Q_SLOT_TEXT_MAX])
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, Q_SLOT_TEXT_MAX, "%Y-%m-%d %H:%M", &tm);
}

int
q_hhmm_parse(const char *s)
{
	int h, m;

	if (!s || strlen(s) != 5 || s[2] != ':' || s[0] < '0' || s[0] > '9' ||
	    s[1] < '0' || s[1] > '9' || s[3] < '0' || s[3] > '9' ||
	    s[4] < '0' || s[4] > '9')
		return -1;
	h = (s[0] - '0') * 10 + s[1] - '0';
	m = (s[3] - '0') * 10 + s[4] - '0';
	if (h > 24 || m > 59 || h * 60 + m > 1440)
		return -1;
	return h * 60 + m;
}
