/* queue.c - the rules of DESIGN.md over the rows of db.c.
 *
 * Every write follows one pattern: tx_begin() opens a BEGIN IMMEDIATE
 * transaction and rolls the business day over if it changed; the function
 * reads what it needs, decides, writes rows and events; db_end() commits.
 * A refusal that is worth remembering (a ticket refused at the door, a
 * wrong PIN) writes its event and commits, then returns its Q_E* code.
 * Space freed by done, no-show, cancel or a raised limit is handed to the
 * oldest tickets OUTSIDE in the same transaction (admit_waiting).
 *
 * Names and messages are at the end of the file; queue_check() lives in
 * queue_check.c.
 */
#define _GNU_SOURCE
#include "queue.h"
#include "db.h"

#include <crypt.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEFAULT_SERVICE_S 300   /* estimate when no ticket was served yet */
#define MEAN_OVER 20            /* recent tickets in the mean service time */
#define PIN_TRIES 5
#define PIN_LOCK_MS 60000

struct queue {
	db *d;
	char actor[Q_ACTOR_MAX];
	int64_t (*clock)(void *);
	void *clock_ctx;
	int64_t fixed_now;          /* from ANTRI_NOW_MS, 0 when unset */
};

/* ---- time and days ---------------------------------------------------- */

int64_t
queue_now_ms(queue *q)
{
	struct timespec ts;

	if (q && q->clock)
		return q->clock(q->clock_ctx);
	if (q && q->fixed_now)
		return q->fixed_now;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
q_day_of(int64_t ms, char day[Q_DAY_MAX])
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(day, Q_DAY_MAX, "%Y-%m-%d", &tm);
}

/* ---- opening ---------------------------------------------------------- */

int
queue_open(queue **out, const char *path, int flags, const char *actor)
{
	const char *env = getenv("ANTRI_NOW_MS");
	queue *q;
	int rc;

	*out = NULL;
	if (!path || !*path)
		return Q_EINVAL;
	if (!(q = calloc(1, sizeof *q)))
		return Q_ENOMEM;
	if (env && *env)
		q->fixed_now = strtoll(env, NULL, 10);
	queue_set_actor(q, actor);
	if ((rc = db_open(&q->d, path, flags & Q_OPEN_CREATE,
	    getenv("ANTRI_DB_FAST") != NULL))) {
		free(q);
		return rc;
	}
	if ((env = getenv("ANTRI_BUSY_MS")) && atoi(env) > 0)
		db_busy_timeout(q->d, atoi(env));
	*out = q;
	return Q_OK;
}

void
queue_close(queue *q)
{
	if (!q)
		return;
	db_close(q->d);
	free(q);
}

void
queue_set_actor(queue *q, const char *actor)
{
	snprintf(q->actor, sizeof q->actor, "%s", actor && *actor ? actor :
	    "unknown");
}

void
queue_set_clock(queue *q, int64_t (*now_ms)(void *), void *ctx)
{
	q->clock = now_ms;
	q->clock_ctx = ctx;
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

/* ---- helpers used inside a write -------------------------------------- */

static int
valid_code(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* Append an event about ticket t (may be NULL) at counter (may be 0). */
static int
ev(queue *q, enum q_event kind, const struct q_ticket *t, char service,
   int counter, const char *detail)
{
	struct q_event_rec e;

	memset(&e, 0, sizeof e);
	e.ts_ms = queue_now_ms(q);
	e.kind = kind;
	if (t) {
		e.ticket = t->id;
		snprintf(e.label, sizeof e.label, "%s", t->label);
		e.service = t->service;
	}
	if (service)
		e.service = service;
	e.counter = counter;
	snprintf(e.actor, sizeof e.actor, "%s", q->actor);
	snprintf(e.detail, sizeof e.detail, "%s", detail ? detail : "");
	return db_event_append(q->d, &e);
}

/* Move ticket id to CANCELLED with a reason. */
static int
cancel_one(queue *q, int64_t id, const char *reason)
{
	struct q_ticket t;
	int rc;

	if ((rc = db_ticket_get(q->d, id, &t)))
		return rc;
	t.state = Q_CANCELLED;
	t.finished_ms = queue_now_ms(q);
	if ((rc = db_ticket_update(q->d, &t)))
		return rc;
	return ev(q, QE_CANCELLED, &t, 0, t.counter, reason);
}

/* Cancel every live ticket (of days before before_day, or all when NULL). */
static int
cancel_live(queue *q, const char *before_day, const char *reason, int *count)
{
	int64_t ids[256];
	int n, rc;

	*count = 0;
	do {
		n = (int)(sizeof ids / sizeof ids[0]);
		if ((rc = db_live_tickets(q->d, before_day, ids, &n)))
			return rc;
		for (int i = 0; i < n; i++)
			if ((rc = cancel_one(q, ids[i], reason)))
				return rc;
		*count += n;
	} while (n > 0);
	return Q_OK;
}

/* The first write of a new business day ends what earlier days left. */
static int
roll_day(queue *q, const char *today)
{
	char day[Q_DAY_MAX] = "";
	int64_t first;
	int rc, n;

	rc = db_setting_get(q->d, "business_day", day, sizeof day);
	if (rc && rc != Q_ENOTICKET)
		return rc;
	if (rc == Q_OK && strcmp(day, today) >= 0)
		return Q_OK;
	if (rc == Q_OK) {
		if ((rc = cancel_live(q, today, "business day ended", &n)))
			return rc;
		if ((rc = db_counters_clear(q->d)))
			return rc;
	}
	/* where today's events start: the screens' recent lists read back
	 * from the newest event to here only */
	if ((rc = db_last_event(q->d, &first)) ||
	    (rc = db_setting_set_int(q->d, "day_first_event", first + 1)))
		return rc;
	return db_setting_set(q->d, "business_day", today);
}

static int
tx_begin(queue *q, char today[Q_DAY_MAX])
{
	int rc;

	q_day_of(queue_now_ms(q), today);
	if ((rc = db_begin(q->d)))
		return rc;
	if ((rc = roll_day(q, today)))
		return db_end(q->d, rc);
	return Q_OK;
}

static int
get_limit(queue *q, int *limit)
{
	int64_t v = 0;
	int rc = db_setting_get_int(q->d, "limit", &v);

	*limit = rc == Q_OK ? (int)v : 0;
	return rc == Q_ENOTICKET ? Q_OK : rc;
}

static int
get_policy(queue *q, enum q_policy *p)
{
	char buf[16] = "";
	int rc = db_setting_get(q->d, "policy", buf, sizeof buf);

	*p = rc == Q_OK && !strcmp(buf, "refuse") ? Q_POLICY_REFUSE :
	    Q_POLICY_HOLD;
	return rc == Q_ENOTICKET ? Q_OK : rc;
}

/* Hand free space to the oldest tickets waiting outside. */
static int
admit_waiting(queue *q, const char *today)
{
	struct q_ticket t;
	int64_t id;
	int rc, occ, limit, admitted = 0;

	if ((rc = get_limit(q, &limit)) ||
	    (rc = db_count_state(q->d, -1, 0, &occ)))
		return rc;
	while (limit == 0 || occ < limit) {
		if ((rc = db_oldest_outside(q->d, &id)))
			return rc;
		if (id == 0)
			break;
		if ((rc = db_ticket_get(q->d, id, &t)))
			return rc;
		t.state = Q_ADMITTED;
		t.admitted_ms = queue_now_ms(q);
		if ((rc = db_ticket_update(q->d, &t)) ||
		    (rc = ev(q, QE_ADMITTED, &t, 0, 0, NULL)))
			return rc;
		occ++;
		admitted++;
	}
	return admitted ? db_day_peak(q->d, today, occ) : Q_OK;
}

/* Estimated wait in seconds for someone with `ahead` people before them
 * in a service, -1 when no open counter serves it. */
static int
estimate(queue *q, char code, int ahead, int *est)
{
	int64_t mean = 0, def = 0;
	int rc, open;

	*est = -1;
	if ((rc = db_service_open_counters(q->d, code, &open)))
		return rc;
	if (open == 0)
		return Q_OK;
	if ((rc = db_mean_service_ms(q->d, code, MEAN_OVER, &mean)))
		return rc;
	if (mean <= 0) {
		rc = db_setting_get_int(q->d, "default_service_s", &def);
		if (rc && rc != Q_ENOTICKET)
			return rc;
		mean = (def > 0 ? def : DEFAULT_SERVICE_S) * 1000;
	}
	*est = (int)((int64_t)ahead * mean / open / 1000);
	return Q_OK;
}

/* ---- visitor ---------------------------------------------------------- */

int
queue_issue(queue *q, char code, struct q_ticket *t)
{
	char today[Q_DAY_MAX];
	struct q_service s;
	enum q_policy policy;
	int rc, refused = Q_OK, occ, outside, limit, issued, space;

	memset(t, 0, sizeof *t);
	if (!valid_code(code))
		return Q_ENOSERVICE;
	if ((rc = tx_begin(q, today)))
		return rc;
	if ((rc = db_service_get(q->d, code, &s)))
		goto err;
	if (!s.open) {
		refused = Q_ECLOSED;
		rc = ev(q, QE_REFUSED, NULL, code, 0, "service closed");
		goto err;
	}
	if (s.quota > 0) {
		if ((rc = db_count_issued(q->d, today, code, &issued)))
			goto err;
		if (issued >= s.quota) {
			refused = Q_EQUOTA;
			rc = ev(q, QE_REFUSED, NULL, code, 0, "quota reached");
			goto err;
		}
	}
	if ((rc = get_limit(q, &limit)) || (rc = get_policy(q, &policy)) ||
	    (rc = db_count_state(q->d, -1, 0, &occ)) ||
	    (rc = db_count_state(q->d, Q_OUTSIDE, 0, &outside)))
		goto err;
	space = (limit == 0 || occ < limit) && outside == 0;
	if (!space && policy == Q_POLICY_REFUSE) {
		refused = Q_EFULL;
		rc = ev(q, QE_REFUSED, NULL, code, 0, "room full");
		goto err;
	}
	if ((rc = db_ticket_next_seq(q->d, today, code, &t->seq)))
		goto err;
	snprintf(t->label, sizeof t->label, "%c%03d", code, t->seq % 10000);
	snprintf(t->day, sizeof t->day, "%s", today);
	snprintf(t->kiosk, sizeof t->kiosk, "%s", q->actor);
	t->service = t->issue_service = code;
	t->state = space ? Q_ADMITTED : Q_OUTSIDE;
	t->issued_ms = queue_now_ms(q);
	t->admitted_ms = space ? t->issued_ms : 0;
	if ((rc = db_ticket_insert(q->d, t)) ||
	    (rc = ev(q, QE_ISSUED, t, 0, 0, NULL)))
		goto err;
	if (space && ((rc = ev(q, QE_ADMITTED, t, 0, 0, NULL)) ||
	    (rc = db_day_peak(q->d, today, occ + 1))))
		goto err;
	/* the newest ticket: everyone waiting in its service is ahead */
	if ((rc = db_count_state(q->d, Q_OUTSIDE, code, &outside)) ||
	    (rc = db_count_state(q->d, Q_ADMITTED, code, &issued)))
		goto err;
	t->people_ahead = outside + issued - 1;
	if ((rc = estimate(q, code, t->people_ahead, &t->est_wait_s)))
		goto err;
err:
	rc = db_end(q->d, rc);
	if (rc || refused)
		memset(t, 0, sizeof *t);
	return rc ? rc : refused;
}

/* ---- counter ---------------------------------------------------------- */

/* Open a write and load the counter and its current ticket (cur->id 0 when
 * none).  On error the transaction is already ended. */
static int
counter_begin(queue *q, int counter, char today[Q_DAY_MAX],
              enum q_cstate *st, struct q_ticket *cur)
{
	int64_t id;
	int rc;

	memset(cur, 0, sizeof *cur);
	if (counter <= 0)
		return Q_ENOCOUNTER;
	if ((rc = tx_begin(q, today)))
		return rc;
	if ((rc = db_counter_get(q->d, counter, st, &id)))
		return db_end(q->d, rc);
	if (id && (rc = db_ticket_get(q->d, id, cur)))
		return db_end(q->d, rc);
	return Q_OK;
}

/* Finish the counter's current ticket as DONE or NO_SHOW. */
static int
finish(queue *q, int counter, enum q_cstate st, struct q_ticket *cur,
       enum q_state how, const char *today)
{
	int rc;

	cur->state = how;
	cur->finished_ms = queue_now_ms(q);
	if ((rc = db_ticket_update(q->d, cur)) ||
	    (rc = db_counter_set(q->d, counter, st, 0)) ||
	    (rc = ev(q, how == Q_DONE ? QE_DONE : QE_NO_SHOW, cur, 0, counter,
	    NULL)))
		return rc;
	return admit_waiting(q, today);
}

int
queue_call_next(queue *q, int counter, struct q_ticket *t)
{
	char today[Q_DAY_MAX];
	struct q_ticket cur;
	enum q_cstate st;
	int64_t id;
	int rc, refused = Q_OK;

	memset(t, 0, sizeof *t);
	if ((rc = counter_begin(q, counter, today, &st, &cur)))
		return rc;
	if (st != Q_COUNTER_OPEN) {
		refused = Q_EPAUSED;
		goto err;
	}
	if (cur.id && (rc = finish(q, counter, st, &cur, Q_DONE, today)))
		goto err;
	if ((rc = db_next_for_counter(q->d, counter, &id)))
		goto err;
	if (id == 0) {
		refused = Q_ENOWAIT;
		goto err;
	}
	if ((rc = db_ticket_get(q->d, id, t)))
		goto err;
	t->state = Q_CALLED;
	t->called_ms = queue_now_ms(q);
	t->counter = counter;
	if ((rc = db_ticket_update(q->d, t)) ||
	    (rc = db_counter_set(q->d, counter, st, t->id)) ||
	    (rc = ev(q, QE_CALLED, t, 0, counter, NULL)))
		goto err;
err:
	rc = db_end(q->d, rc);
	if (rc || refused)
		memset(t, 0, sizeof *t);
	return rc ? rc : refused;
}

int
queue_recall(queue *q, int counter, struct q_ticket *t)
{
	char today[Q_DAY_MAX];
	enum q_cstate st;
	int rc;

	if ((rc = counter_begin(q, counter, today, &st, t)))
		return rc;
	if (!t->id)
		return db_end(q->d, Q_ENOCURRENT);
	rc = ev(q, QE_RECALLED, t, 0, counter, NULL);
	return db_end(q->d, rc);
}

static int
finish_current(queue *q, int counter, struct q_ticket *t, enum q_state how)
{
	char today[Q_DAY_MAX];
	enum q_cstate st;
	int rc;

	if ((rc = counter_begin(q, counter, today, &st, t)))
		return rc;
	if (!t->id)
		return db_end(q->d, Q_ENOCURRENT);
	rc = finish(q, counter, st, t, how, today);
	return db_end(q->d, rc);
}

int
queue_done(queue *q, int counter, struct q_ticket *t)
{
	return finish_current(q, counter, t, Q_DONE);
}

int
queue_noshow(queue *q, int counter, struct q_ticket *t)
{
	return finish_current(q, counter, t, Q_NO_SHOW);
}

int
queue_transfer(queue *q, int counter, char to, struct q_ticket *t)
{
	char today[Q_DAY_MAX], detail[8];
	struct q_service s;
	enum q_cstate st;
	int rc;

	if (!valid_code(to))
		return Q_ENOSERVICE;
	if ((rc = counter_begin(q, counter, today, &st, t)))
		return rc;
	if (!t->id) {
		rc = Q_ENOCURRENT;
		goto err;
	}
	if ((rc = db_service_get(q->d, to, &s)))
		goto err;
	if (!s.open) {
		rc = Q_ECLOSED;
		goto err;
	}
	if (to == t->service) {
		rc = Q_ESAME;
		goto err;
	}
	snprintf(detail, sizeof detail, "%c->%c", t->service, to);
	t->service = to;
	t->state = Q_ADMITTED;
	if ((rc = db_ticket_update(q->d, t)) ||
	    (rc = db_counter_set(q->d, counter, st, 0)) ||
	    (rc = ev(q, QE_TRANSFERRED, t, 0, counter, detail)))
		goto err;
err:
	return db_end(q->d, rc);
}

/* Parse "A007" into code and number, or "#123" into an id. */
static int
parse_label(const char *s, char *code, int *seq, int64_t *id)
{
	char *end;
	long v;

	*code = 0;
	*seq = 0;
	*id = 0;
	if (!s || !*s)
		return Q_EINVAL;
	if (s[0] == '#') {
		v = strtol(s + 1, &end, 10);
		if (end == s + 1 || *end || v <= 0)
			return Q_EINVAL;
		*id = v;
		return Q_OK;
	}
	if (!valid_code((char)toupper((unsigned char)s[0])) ||
	    !isdigit((unsigned char)s[1]))
		return Q_EINVAL;
	v = strtol(s + 1, &end, 10);
	if (*end || v <= 0 || v > 99999)
		return Q_EINVAL;
	*code = (char)toupper((unsigned char)s[0]);
	*seq = (int)v;
	return Q_OK;
}

/* Find a ticket by label (today's) or #id, inside a transaction. */
static int
find(queue *q, const char *label, struct q_ticket *t)
{
	char today[Q_DAY_MAX], code;
	int64_t id;
	int rc, seq;

	if ((rc = parse_label(label, &code, &seq, &id)))
		return rc;
	if (id)
		return db_ticket_get(q->d, id, t);
	q_day_of(queue_now_ms(q), today);
	return db_ticket_by_label(q->d, today, code, seq, t);
}

int
queue_cancel(queue *q, const char *label, const char *reason)
{
	char today[Q_DAY_MAX];
	struct q_ticket t;
	int rc;

	if ((rc = tx_begin(q, today)))
		return rc;
	if ((rc = find(q, label, &t)))
		goto err;
	if (t.state != Q_OUTSIDE && t.state != Q_ADMITTED) {
		rc = Q_ESTATE;
		goto err;
	}
	if ((rc = cancel_one(q, t.id, reason && *reason ? reason :
	    "cancelled by staff")))
		goto err;
	rc = admit_waiting(q, today);
err:
	return db_end(q->d, rc);
}

/* ---- manager ---------------------------------------------------------- */

static int
check_name(const char *s)
{
	return s && *s && strlen(s) < Q_NAME_MAX ? Q_OK : Q_EINVAL;
}

int
queue_service_add(queue *q, char code, const char *name_id,
                  const char *name_en, int priority)
{
	char today[Q_DAY_MAX];
	struct q_service s;
	int rc;

	if (!valid_code(code))
		return Q_EINVAL;
	if (check_name(name_id) || (name_en && *name_en && check_name(name_en)))
		return Q_EINVAL;
	memset(&s, 0, sizeof s);
	s.code = code;
	snprintf(s.name_id, sizeof s.name_id, "%s", name_id);
	snprintf(s.name_en, sizeof s.name_en, "%s",
	    name_en && *name_en ? name_en : name_id);
	s.open = 1;
	s.priority = priority ? 1 : 0;
	if ((rc = tx_begin(q, today)))
		return rc;
	rc = db_service_get(q->d, code, &(struct q_service){ 0 });
	if (rc == Q_OK) {
		rc = Q_EEXIST;
		goto err;
	}
	if (rc != Q_ENOSERVICE)
		goto err;
	if ((rc = db_service_insert(q->d, &s)))
		goto err;
	rc = ev(q, QE_SERVICE_ADDED, NULL, code, 0, s.name_id);
err:
	return db_end(q->d, rc);
}

int
queue_service_set_open(queue *q, char code, int open)
{
	char today[Q_DAY_MAX];
	struct q_service s;
	int rc;

	if (!valid_code(code))
		return Q_ENOSERVICE;
	if ((rc = tx_begin(q, today)))
		return rc;
	if ((rc = db_service_get(q->d, code, &s)))
		goto err;
	s.open = open ? 1 : 0;
	if ((rc = db_service_update(q->d, &s)))
		goto err;
	rc = ev(q, open ? QE_SERVICE_OPENED : QE_SERVICE_CLOSED, NULL, code, 0,
	    NULL);
err:
	return db_end(q->d, rc);
}

int
queue_service_set_quota(queue *q, char code, int quota)
{
	char today[Q_DAY_MAX], detail[16];
	struct q_service s;
	int rc;

	if (!valid_code(code))
		return Q_ENOSERVICE;
	if (quota < 0 || quota > 9999)
		return Q_EINVAL;
	if ((rc = tx_begin(q, today)))
		return rc;
	if ((rc = db_service_get(q->d, code, &s)))
		goto err;
	s.quota = quota;
	if ((rc = db_service_update(q->d, &s)))
		goto err;
	snprintf(detail, sizeof detail, "%d", quota);
	rc = ev(q, QE_QUOTA_CHANGED, NULL, code, 0, detail);
err:
	return db_end(q->d, rc);
}

/* Check that services names existing, distinct codes, inside a tx. */
static int
check_services(queue *q, const char *services)
{
	struct q_service s;
	int rc;

	if (!services || strlen(services) > Q_MAX_SERVICES)
		return Q_EINVAL;
	for (const char *c = services; *c; c++) {
		if (!valid_code(*c))
			return Q_ENOSERVICE;
		if (strchr(c + 1, *c))
			return Q_EINVAL;
		if ((rc = db_service_get(q->d, *c, &s)))
			return rc;
	}
	return Q_OK;
}

static int
set_counter_services(queue *q, int number, const char *services, int add)
{
	char today[Q_DAY_MAX], detail[Q_MAX_SERVICES + 16];
	enum q_cstate st;
	int64_t cur;
	int rc;

	if (number <= 0 || number > 999)
		return add ? Q_EINVAL : Q_ENOCOUNTER;
	if ((rc = tx_begin(q, today)))
		return rc;
	if ((rc = check_services(q, services)))
		goto err;
	rc = db_counter_get(q->d, number, &st, &cur);
	if (add && rc == Q_OK)
		rc = Q_EEXIST;
	if (add && rc == Q_ENOCOUNTER)
		rc = db_counter_insert(q->d, number, Q_COUNTER_OPEN);
	if (rc || (rc = db_counter_services_set(q->d, number, services)))
		goto err;
	snprintf(detail, sizeof detail, "services %s", services);
	rc = ev(q, add ? QE_COUNTER_ADDED : QE_COUNTER_SERVICES, NULL, 0, number,
	    detail);
err:
	return db_end(q->d, rc);
}

int
queue_counter_add(queue *q, int number, const char *services)
{
	return set_counter_services(q, number, services, 1);
}

int
queue_counter_set_services(queue *q, int number, const char *services)
{
	return set_counter_services(q, number, services, 0);
}

int
queue_counter_set_state(queue *q, int number, enum q_cstate st)
{
	static const enum q_event kinds[] = { QE_COUNTER_OPENED,
		QE_COUNTER_PAUSED, QE_COUNTER_CLOSED };
	char today[Q_DAY_MAX];
	enum q_cstate old;
	int64_t cur;
	int rc;

	if (number <= 0)
		return Q_ENOCOUNTER;
	if (st < Q_COUNTER_OPEN || st > Q_COUNTER_CLOSED)
		return Q_EINVAL;
	if ((rc = tx_begin(q, today)))
		return rc;
	if ((rc = db_counter_get(q->d, number, &old, &cur)))
		goto err;
	if (st == Q_COUNTER_CLOSED && cur) {
		rc = Q_EBUSYCOUNTER;
		goto err;
	}
	if ((rc = db_counter_set(q->d, number, st, cur)))
		goto err;
	rc = ev(q, kinds[st], NULL, 0, number, q_cstate_name(old));
err:
	return db_end(q->d, rc);
}

int
queue_set_limit(queue *q, int limit)
{
	char today[Q_DAY_MAX], detail[32];
	int rc, old;

	if (limit < 0 || limit > 100000)
		return Q_EINVAL;
	if ((rc = tx_begin(q, today)))
		return rc;
	if ((rc = get_limit(q, &old)) ||
	    (rc = db_setting_set_int(q->d, "limit", limit)))
		goto err;
	snprintf(detail, sizeof detail, "%d->%d", old, limit);
	if ((rc = ev(q, QE_LIMIT_CHANGED, NULL, 0, 0, detail)))
		goto err;
	rc = admit_waiting(q, today);
err:
	return db_end(q->d, rc);
}

int
queue_set_policy(queue *q, enum q_policy p)
{
	char today[Q_DAY_MAX];
	int rc;

	if (p != Q_POLICY_HOLD && p != Q_POLICY_REFUSE)
		return Q_EINVAL;
	if ((rc = tx_begin(q, today)))
		return rc;
	if ((rc = db_setting_set(q->d, "policy", q_policy_name(p))))
		goto err;
	rc = ev(q, QE_POLICY_CHANGED, NULL, 0, 0, q_policy_name(p));
err:
	return db_end(q->d, rc);
}

static int
set_text(queue *q, const char *key, const char *text, size_t max,
         enum q_event kind)
{
	char today[Q_DAY_MAX];
	int rc;

	if (!text || strlen(text) >= max)
		return Q_EINVAL;
	if ((rc = tx_begin(q, today)))
		return rc;
	if ((rc = db_setting_set(q->d, key, text)))
		goto err;
	rc = ev(q, kind, NULL, 0, 0, text);
err:
	return db_end(q->d, rc);
}

int
queue_set_notice(queue *q, const char *text)
{
	return set_text(q, "notice", text, Q_NOTICE_MAX, QE_NOTICE_CHANGED);
}

int
queue_set_office(queue *q, const char *name)
{
	if (!name || !*name)
		return Q_EINVAL;
	return set_text(q, "office", name, Q_NAME_MAX, QE_OFFICE_CHANGED);
}

int
queue_close_day(queue *q, const char *reason, int *cancelled)
{
	char today[Q_DAY_MAX], detail[32];
	int rc, n = 0;

	if ((rc = tx_begin(q, today)))
		return rc;
	if ((rc = cancel_live(q, NULL, reason && *reason ? reason :
	    "day closed", &n)) ||
	    (rc = db_counters_clear(q->d)))
		goto err;
	snprintf(detail, sizeof detail, "%d cancelled", n);
	rc = ev(q, QE_DAY_CLOSED, NULL, 0, 0, detail);
err:
	rc = db_end(q->d, rc);
	if (cancelled)
		*cancelled = rc ? 0 : n;
	return rc;
}

int
queue_init_demo(queue *q)
{
	static const struct { char code; const char *id, *en; int prio; } s[] = {
		{ 'A', "Perizinan", "Permits", 0 },
		{ 'B', "Non-Perizinan", "Non-Permits", 0 },
		{ 'C', "Konsultasi", "Consultation", 0 },
		{ 'D', "Pengambilan Dokumen", "Document Pickup", 0 },
		{ 'P', "Prioritas", "Priority", 1 },
	};
	static const struct { int n; const char *svc; } c[] = {
		{ 1, "AP" }, { 2, "ABP" }, { 3, "BC" }, { 4, "CD" },
	};
	int rc;

	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
		if ((rc = queue_service_add(q, s[i].code, s[i].id, s[i].en,
		    s[i].prio)))
			return rc;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
		if ((rc = queue_counter_add(q, c[i].n, c[i].svc)))
			return rc;
	if ((rc = queue_set_office(q, "PTSP Kecamatan Menteng")) ||
	    (rc = queue_set_limit(q, 10)) ||
	    (rc = queue_set_policy(q, Q_POLICY_HOLD)))
		return rc;
	return queue_set_notice(q, "Selamat datang di PTSP. Siapkan KTP dan "
	    "dokumen Anda sebelum dipanggil.");
}

/* ---- PIN -------------------------------------------------------------- */

static int
valid_pin(const char *pin)
{
	size_t n = pin ? strlen(pin) : 0;

	if (n < 4 || n > 12)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)pin[i]))
			return 0;
	return 1;
}

int
queue_pin_set(queue *q, const char *pin)
{
	char today[Q_DAY_MAX], *salt;
	struct crypt_data cd;
	const char *hash;
	int rc;

	if (!valid_pin(pin))
		return Q_EINVAL;
	if (!(salt = crypt_gensalt_ra("$y$", 0, NULL, 0)))
		return Q_ENOMEM;
	memset(&cd, 0, sizeof cd);
	hash = crypt_r(pin, salt, &cd);
	free(salt);
	if (!hash || hash[0] == '*')
		return Q_EDB;
	if ((rc = tx_begin(q, today)))
		return rc;
	if ((rc = db_setting_set(q->d, "pin_hash", hash)) ||
	    (rc = db_setting_set_int(q->d, "pin_fails", 0)) ||
	    (rc = db_setting_set_int(q->d, "pin_locked_until", 0)))
		goto err;
	rc = ev(q, QE_PIN_CHANGED, NULL, 0, 0, NULL);
err:
	return db_end(q->d, rc);
}

/* Compare in time that does not depend on where they differ. */
static int
same(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	unsigned char diff = (unsigned char)(n != m);

	for (size_t i = 0; i < n && i < m; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

int
queue_pin_check(queue *q, const char *pin, int *locked_s)
{
	char today[Q_DAY_MAX], stored[256] = "";
	struct crypt_data cd;
	const char *hash;
	int64_t now = queue_now_ms(q), fails = 0, until = 0;
	int rc, refused = Q_OK;

	if (locked_s)
		*locked_s = 0;
	if ((rc = tx_begin(q, today)))
		return rc;
	rc = db_setting_get(q->d, "pin_hash", stored, sizeof stored);
	if (rc == Q_ENOTICKET || (rc == Q_OK && !stored[0])) {
		rc = Q_ENOPIN;
		goto err;
	}
	if (rc || (rc = db_setting_get_int(q->d, "pin_fails", &fails)) ||
	    (rc = db_setting_get_int(q->d, "pin_locked_until", &until)))
		goto err;
	if (now < until) {
		if (locked_s)
			*locked_s = (int)((until - now + 999) / 1000);
		rc = Q_EPINLOCKED;
		goto err;
	}
	memset(&cd, 0, sizeof cd);
	hash = valid_pin(pin) ? crypt_r(pin, stored, &cd) : NULL;
	if (hash && same(hash, stored)) {
		rc = db_setting_set_int(q->d, "pin_fails", 0);
		goto err;
	}
	refused = Q_EPIN;
	if (++fails >= PIN_TRIES) {
		fails = 0;
		until = now + PIN_LOCK_MS;
		refused = Q_EPINLOCKED;
		if (locked_s)
			*locked_s = PIN_LOCK_MS / 1000;
	}
	if ((rc = db_setting_set_int(q->d, "pin_fails", fails)) ||
	    (rc = db_setting_set_int(q->d, "pin_locked_until", until)))
		goto err;
	rc = ev(q, QE_PIN_FAILED, NULL, 0, 0,
	    refused == Q_EPINLOCKED ? "locked" : NULL);
err:
	rc = db_end(q->d, rc);
	return rc ? rc : refused;
}

/* ---- printing bookkeeping -------------------------------------------- */

int
queue_print_state(queue *q, int64_t ticket, enum q_print ps,
                  const char *reason)
{
	char today[Q_DAY_MAX];
	struct q_ticket t;
	enum q_print old;
	int rc;

	if (ps < Q_PRINT_NONE || ps > Q_PRINT_FAILED)
		return Q_EINVAL;
	if ((rc = tx_begin(q, today)))
		return rc;
	if ((rc = db_ticket_get(q->d, ticket, &t)))
		goto err;
	old = t.print_state;
	t.print_state = ps;
	snprintf(t.print_reason, sizeof t.print_reason, "%s",
	    reason ? reason : "");
	if ((rc = db_ticket_update(q->d, &t)))
		goto err;
	if (ps == Q_PRINT_PRINTED)
		rc = ev(q, QE_PRINTED, &t, 0, 0, NULL);
	else if (ps == Q_PRINT_FAILED)
		rc = ev(q, QE_PRINT_FAILED, &t, 0, 0, t.print_reason);
	else if (ps == Q_PRINT_PENDING && old != Q_PRINT_NONE)
		rc = ev(q, QE_REPRINT, &t, 0, 0, NULL);
err:
	return db_end(q->d, rc);
}

/* ---- reading ---------------------------------------------------------- */

/* Roll the day over if nobody has written yet today. */
static int
roll_if_needed(queue *q)
{
	char today[Q_DAY_MAX], day[Q_DAY_MAX] = "";
	int rc;

	q_day_of(queue_now_ms(q), today);
	rc = db_setting_get(q->d, "business_day", day, sizeof day);
	if (rc == Q_OK && strcmp(day, today) >= 0)
		return Q_OK;
	if (rc && rc != Q_ENOTICKET)
		return rc;
	if ((rc = tx_begin(q, today)))
		return rc;
	return db_end(q->d, Q_OK);
}

static int
status_services(queue *q, struct q_status *st)
{
	int rc, n = Q_MAX_SERVICES;

	if ((rc = db_services(q->d, st->services, &n)))
		return rc;
	st->nservices = n;
	for (int i = 0; i < n; i++) {
		struct q_service *s = &st->services[i];

		if ((rc = db_count_issued(q->d, st->day, s->code,
		    &s->issued_today)) ||
		    (rc = db_count_state(q->d, Q_ADMITTED, s->code,
		    &s->waiting)) ||
		    (rc = db_count_state(q->d, Q_OUTSIDE, s->code,
		    &s->outside)) ||
		    (rc = db_service_open_counters(q->d, s->code,
		    &s->open_counters)) ||
		    (rc = estimate(q, s->code, s->waiting + s->outside,
		    &s->est_wait_s)))
			return rc;
	}
	return Q_OK;
}

static int
status_counters(queue *q, struct q_status *st)
{
	int64_t cur[Q_MAX_COUNTERS];
	int rc, n = Q_MAX_COUNTERS;

	if ((rc = db_counters(q->d, st->counters, cur, &n)))
		return rc;
	st->ncounters = n;
	for (int i = 0; i < n; i++) {
		if (!cur[i])
			continue;
		if ((rc = db_ticket_get(q->d, cur[i], &st->counters[i].current)))
			return rc;
		st->counters[i].has_current = 1;
	}
	return Q_OK;
}

static int
status_recent(queue *q, enum q_event a, enum q_event b, int64_t from_id,
              struct q_recent *out, int *count)
{
	struct q_event_rec ev[Q_MAX_RECENT];
	int rc, n = Q_MAX_RECENT;

	if ((rc = db_events_recent(q->d, a, b, from_id, ev, &n)))
		return rc;
	for (int i = 0; i < n; i++) {
		snprintf(out[i].label, sizeof out[i].label, "%s", ev[i].label);
		out[i].counter = ev[i].counter;
		out[i].ts_ms = ev[i].ts_ms;
	}
	*count = n;
	return Q_OK;
}

int
queue_status(queue *q, struct q_status *st)
{
	int64_t since = 0;
	int rc;

	memset(st, 0, sizeof *st);
	if ((rc = roll_if_needed(q)))
		return rc;
	q_day_of(queue_now_ms(q), st->day);
	if ((rc = db_read_begin(q->d)))
		return rc;
	rc = db_setting_get_int(q->d, "day_first_event", &since);
	if (rc && rc != Q_ENOTICKET)
		goto err;
	rc = db_setting_get(q->d, "office", st->office, sizeof st->office);
	if (rc == Q_ENOTICKET)
		snprintf(st->office, sizeof st->office, "antri");
	else if (rc)
		goto err;
	rc = db_setting_get(q->d, "notice", st->notice, sizeof st->notice);
	if (rc && rc != Q_ENOTICKET)
		goto err;
	if ((rc = get_limit(q, &st->limit)) ||
	    (rc = get_policy(q, &st->policy)) ||
	    (rc = db_count_state(q->d, -1, 0, &st->occupancy)) ||
	    (rc = db_count_state(q->d, Q_OUTSIDE, 0, &st->outside)) ||
	    (rc = status_services(q, st)) ||
	    (rc = status_counters(q, st)) ||
	    (rc = status_recent(q, QE_CALLED, QE_RECALLED, since, st->calls,
	    &st->ncalls)) ||
	    (rc = status_recent(q, QE_ADMITTED, QE_ADMITTED, since,
	    st->admitted, &st->nadmitted)) ||
	    (rc = db_last_event(q->d, &st->last_event)))
		goto err;
err:
	return db_end(q->d, rc);
}

int
queue_ticket_find(queue *q, const char *label, struct q_ticket *t)
{
	memset(t, 0, sizeof *t);
	return find(q, label, t);
}

int
queue_ticket_get(queue *q, int64_t id, struct q_ticket *t)
{
	return db_ticket_get(q->d, id, t);
}

int
queue_ticket_last_by(queue *q, const char *actor, struct q_ticket *t)
{
	char today[Q_DAY_MAX];

	q_day_of(queue_now_ms(q), today);
	return db_ticket_last_by(q->d, actor, today, t);
}

int
queue_tickets_print_failed(queue *q, struct q_ticket *out, int *n)
{
	char today[Q_DAY_MAX];

	q_day_of(queue_now_ms(q), today);
	return db_tickets_print_state(q->d, today, Q_PRINT_FAILED, out, n);
}

int
queue_counter_history(queue *q, int counter, struct q_ticket *out, int *n)
{
	char today[Q_DAY_MAX];

	q_day_of(queue_now_ms(q), today);
	return db_counter_history(q->d, counter, today, out, n);
}

int
queue_events_since(queue *q, int64_t after, struct q_event_rec *out, int *n)
{
	return db_events_since(q->d, after, out, n);
}

int
queue_changed(queue *q)
{
	return db_changed(q->d);
}

int
queue_tickets_foreach(queue *q, const char *from, const char *to,
                      int (*cb)(const struct q_ticket *, void *), void *ctx)
{
	int rc;

	if ((rc = db_read_begin(q->d)))
		return rc;
	rc = db_tickets_foreach(q->d, from, to, cb, ctx);
	return db_end(q->d, rc);
}

int
queue_peak_occupancy(queue *q, const char *from, const char *to, int *peak,
                     char day[Q_DAY_MAX])
{
	return db_peak_range(q->d, from, to, peak, day);
}

/* for queue_check.c */
db *queue_db(queue *q);

db *
queue_db(queue *q)
{
	return q->d;
}

/* ---- names ------------------------------------------------------------ */

static const char *const state_names[Q_STATE_COUNT] = {
	"OUTSIDE", "ADMITTED", "CALLED", "DONE", "NO_SHOW", "CANCELLED",
};

static const char *const event_names[QE_KIND_COUNT] = {
	[QE_ISSUED] = "issued", [QE_ADMITTED] = "admitted",
	[QE_CALLED] = "called", [QE_RECALLED] = "recalled",
	[QE_DONE] = "done", [QE_NO_SHOW] = "no_show",
	[QE_TRANSFERRED] = "transferred", [QE_CANCELLED] = "cancelled",
	[QE_REFUSED] = "refused", [QE_LIMIT_CHANGED] = "limit_changed",
	[QE_POLICY_CHANGED] = "policy_changed",
	[QE_SERVICE_ADDED] = "service_added",
	[QE_SERVICE_OPENED] = "service_opened",
	[QE_SERVICE_CLOSED] = "service_closed",
	[QE_QUOTA_CHANGED] = "quota_changed",
	[QE_COUNTER_ADDED] = "counter_added",
	[QE_COUNTER_OPENED] = "counter_opened",
	[QE_COUNTER_PAUSED] = "counter_paused",
	[QE_COUNTER_CLOSED] = "counter_closed",
	[QE_NOTICE_CHANGED] = "notice_changed", [QE_PRINTED] = "printed",
	[QE_PRINT_FAILED] = "print_failed", [QE_REPRINT] = "reprint",
	[QE_PIN_CHANGED] = "pin_changed", [QE_PIN_FAILED] = "pin_failed",
	[QE_DAY_CLOSED] = "day_closed", [QE_OFFICE_CHANGED] = "office_changed",
	[QE_COUNTER_SERVICES] = "counter_services",
};

static const char *const policy_names[] = { "hold", "refuse" };
static const char *const cstate_names[] = { "open", "paused", "closed" };
static const char *const print_names[] = { "none", "pending", "printed",
	"failed" };

static int
lookup(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (names[i] && !strcmp(names[i], s))
			return i;
	return -1;
}

#define NAME(arr, i) ((i) >= 0 && (size_t)(i) < sizeof arr / sizeof arr[0] \
	&& arr[i] ? arr[i] : "?")

const char *q_state_name(enum q_state s) { return NAME(state_names, s); }
const char *q_event_name(enum q_event e) { return NAME(event_names, e); }
const char *q_policy_name(enum q_policy p) { return NAME(policy_names, p); }
const char *q_cstate_name(enum q_cstate s) { return NAME(cstate_names, s); }
const char *q_print_name(enum q_print p) { return NAME(print_names, p); }
int q_state_parse(const char *s) { return lookup(state_names, Q_STATE_COUNT, s); }
int q_event_parse(const char *s) { return lookup(event_names, QE_KIND_COUNT, s); }
int q_policy_parse(const char *s) { return lookup(policy_names, 2, s); }
int q_print_parse(const char *s) { return lookup(print_names, 4, s); }

const char *
queue_strerror(int err)
{
	switch (err) {
	case Q_OK: return "done";
	case Q_ENOWAIT: return "nobody is waiting inside for this counter's "
		"services; wait for the kiosk or admit people from outside";
	case Q_EFULL: return "the room is full and the policy is refuse: no "
		"ticket was issued; try again when someone leaves";
	case Q_ECLOSED: return "that service is closed; open it with "
		"'antri service open CODE' or choose another";
	case Q_EQUOTA: return "that service has reached today's quota; raise it "
		"with 'antri service quota CODE N' or come back tomorrow";
	case Q_EPAUSED: return "this counter is paused or closed; open it with "
		"'antri counter open N' first";
	case Q_ENOCURRENT: return "this counter is not serving a ticket; call "
		"the next one first";
	case Q_EBUSYCOUNTER: return "this counter is still serving a ticket; "
		"mark it done or no-show first";
	case Q_ESTATE: return "that ticket is not waiting (already called, "
		"served or cancelled)";
	case Q_ESAME: return "the ticket is already in that service; choose "
		"another service";
	case Q_EPINLOCKED: return "too many wrong PINs: the pad is locked for a "
		"minute";
	case Q_EPIN: return "wrong PIN";
	case Q_ENOPIN: return "no manager PIN is set; set one with 'antri pin "
		"set'";
	case Q_ENOTSERVED: return "this counter serves no open service";
	case Q_EINVAL: return "invalid value; see 'antri --help'";
	case Q_ENOSERVICE: return "no such service; see 'antri service list'";
	case Q_ENOCOUNTER: return "no such counter; see 'antri counter list'";
	case Q_ENOTICKET: return "no such ticket today; give a number such as "
		"A007";
	case Q_EEXIST: return "it already exists";
	case Q_EDB: return "database error; see the detail, check the disk "
		"and run 'antri check'";
	case Q_EBUSY: return "the database is locked by another program; try "
		"again in a moment";
	case Q_EREADONLY: return "cannot write the database: check the "
		"permissions of the file and of its directory";
	case Q_EDISKFULL: return "the disk is full: free some space; nothing "
		"was changed";
	case Q_ENODB: return "the database does not exist; create it with "
		"'antri init' (or 'antri init --demo')";
	case Q_ENOTDB: return "that file is not an antri database; check the "
		"path given with --db or in the config";
	case Q_ENEWER: return "the database was made by a newer antri; update "
		"this program";
	case Q_ENOMEM: return "out of memory";
	case Q_ECORRUPT: return "the database check failed; restore from a "
		"backup and report it";
	default: return "unknown error";
	}
}

enum q_errclass
queue_err_class(int err)
{
	if (err == Q_OK)
		return Q_CLASS_OK;
	if (err > Q_EINVAL)
		return Q_CLASS_REFUSED;
	if (err > Q_EDB)
		return Q_CLASS_USAGE;
	return Q_CLASS_SYSTEM;
}
