/* queue.c - the rules (docs/architecture.md) over the rows of db.c.
 *
 * Every write follows one pattern: qi_begin() opens a BEGIN IMMEDIATE
 * transaction and rolls the business day over if it changed (the rule of
 * docs/time.md, in queue_clock.c); the function
 * reads what it needs, decides, writes rows and events; db_end() commits.
 * A refusal that is worth remembering (a ticket refused at the door, a
 * wrong PIN) writes its event and commits, then returns its Q_E* code.
 * Space freed by done, no-show, cancel or a raised limit is handed to the
 * tickets OUTSIDE in the same transaction (qi_admit_waiting): priority
 * services first, then by issue time.
 *
 * The handle (opening, closing, a replaced file or -wal) is in
 * queue_handle.c, the business day and qi_begin in queue_clock.c, the
 * manager's writes in queue_admin.c, the reads in queue_read.c, the
 * people ahead and the waits in queue_wait.c, the invariants in
 * queue_check.c.
 */
#define _POSIX_C_SOURCE 200809L
#include "queue_int.h"
#include "text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers used inside a write -------------------------------------- */

int
qi_valid_code(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* Append an event about ticket t (may be NULL) at counter (may be 0). */
int
qi_event(queue *q, enum q_event kind, const struct q_ticket *t, char service,
   int counter, const char *detail)
{
	struct q_event_rec e;

	memset(&e, 0, sizeof e);
	e.ts_ms = queue_now_ms(q);
	e.kind = kind;
	/* an event that records one of the ticket's times carries that very
	 * time, so that the figures rebuilt from the events alone (the head
	 * office's reports) equal those from the tickets to the millisecond */
	if (t && kind == QE_ISSUED && t->issued_ms)
		e.ts_ms = t->issued_ms;
	else if (t && kind == QE_CALLED && t->called_ms)
		e.ts_ms = t->called_ms;
	else if (t && (kind == QE_DONE || kind == QE_NO_SHOW ||
	    kind == QE_CANCELLED) && t->finished_ms)
		e.ts_ms = t->finished_ms;
	if (t) {
		e.ticket = t->id;
		snprintf(e.label, sizeof e.label, "%s", t->label);
		e.service = t->service;
	}
	if (service)
		e.service = service;
	e.counter = counter;
	snprintf(e.actor, sizeof e.actor, "%s", q->actor);
	text_cut(e.detail, sizeof e.detail, detail);   /* between characters */
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
	return qi_event(q, QE_CANCELLED, &t, 0, t.counter, reason);
}

/* Cancel every live ticket (of days before before_day, or all when NULL). */
int
qi_cancel_live(queue *q, const char *before_day, const char *reason, int *count)
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

int
qi_limit(queue *q, int *limit)
{
	int64_t v = 0;
	int rc = db_setting_get_int(q->d, "limit", &v);

	*limit = rc == Q_OK ? (int)v : 0;
	return rc == Q_ENOTICKET ? Q_OK : rc;
}

int
qi_policy(queue *q, enum q_policy *p)
{
	char buf[16] = "";
	int rc = db_setting_get(q->d, "policy", buf, sizeof buf);

	*p = rc == Q_OK && !strcmp(buf, "refuse") ? Q_POLICY_REFUSE :
	    Q_POLICY_HOLD;
	return rc == Q_ENOTICKET ? Q_OK : rc;
}

/* Hand free space to the tickets waiting outside: priority services
 * first, then by issue time (db_next_outside). */
int
qi_admit_waiting(queue *q, const char *today)
{
	struct q_ticket t;
	int64_t id;
	int rc, occ, limit, admitted = 0;

	/* nobody outside (always so without a limit): no need to count
	 * everyone inside, which costs as much as there are visitors */
	if ((rc = db_next_outside(q->d, &id)) || id == 0)
		return rc;
	if ((rc = qi_limit(q, &limit)) ||
	    (rc = db_count_state(q->d, -1, 0, &occ)))
		return rc;
	while (limit == 0 || occ < limit) {
		if ((rc = db_next_outside(q->d, &id)))
			return rc;
		if (id == 0)
			break;
		if ((rc = db_ticket_get(q->d, id, &t)))
			return rc;
		t.state = Q_ADMITTED;
		t.admitted_ms = queue_now_ms(q);
		if ((rc = db_ticket_update(q->d, &t)) ||
		    (rc = qi_event(q, QE_ADMITTED, &t, 0, 0,
		    Q_ADMIT_FROM_OUTSIDE)))
			return rc;
		occ++;
		admitted++;
	}
	return admitted ? db_day_peak(q->d, today, occ) : Q_OK;
}

/* ---- visitor ---------------------------------------------------------- */

int
qi_service_takes(queue *q, char code, const char *today,
                 struct q_service *s, int *refused)
{
	int rc, issued;

	*refused = Q_OK;
	if ((rc = db_service_get(q->d, code, s)))
		return rc;
	if (!s->open) {
		*refused = Q_ECLOSED;
		return qi_event(q, QE_REFUSED, NULL, code, 0, "service closed");
	}
	if (s->quota > 0) {
		if ((rc = db_count_issued(q->d, today, code, &issued)))
			return rc;
		if (issued >= s->quota) {
			*refused = Q_EQUOTA;
			return qi_event(q, QE_REFUSED, NULL, code, 0,
			    "quota reached");
		}
	}
	return Q_OK;
}

int
qi_new_ticket(queue *q, const char *today, char code, struct q_ticket *t)
{
	int rc;

	memset(t, 0, sizeof *t);
	if ((rc = db_ticket_next_seq(q->d, today, code, &t->seq)))
		return rc;
	snprintf(t->label, sizeof t->label, "%c%03d", code, t->seq % 10000);
	snprintf(t->day, sizeof t->day, "%s", today);
	snprintf(t->kiosk, sizeof t->kiosk, "%s", q->actor);
	t->service = t->issue_service = code;
	t->issued_ms = t->place_ms = queue_now_ms(q);
	return qi_ticket_token(t->token);
}

int
queue_issue(queue *q, char code, struct q_ticket *t)
{
	char today[Q_DAY_MAX];
	struct q_service s;
	enum q_policy policy;
	int rc, refused = Q_OK, occ, outside, limit, space;

	memset(t, 0, sizeof *t);
	if (!qi_valid_code(code))
		return Q_ENOSERVICE;
	if ((rc = qi_begin(q, today)))
		return rc;
	if ((rc = qi_service_takes(q, code, today, &s, &refused)) || refused)
		goto err;
	if ((rc = qi_limit(q, &limit)) || (rc = qi_policy(q, &policy)) ||
	    (rc = db_count_state(q->d, -1, 0, &occ)) ||
	    (rc = db_count_state(q->d, Q_OUTSIDE, 0, &outside)))
		goto err;
	space = (limit == 0 || occ < limit) && outside == 0;
	if (!space && policy == Q_POLICY_REFUSE) {
		refused = Q_EFULL;
		rc = qi_event(q, QE_REFUSED, NULL, code, 0, "room full");
		goto err;
	}
	if ((rc = qi_new_ticket(q, today, code, t)))
		goto err;
	t->state = space ? Q_ADMITTED : Q_OUTSIDE;
	t->admitted_ms = space ? t->issued_ms : 0;
	if ((rc = db_ticket_insert(q->d, t)) ||
	    (rc = qi_event(q, QE_ISSUED, t, 0, 0, NULL)))
		goto err;
	if (space && ((rc = qi_event(q, QE_ADMITTED, t, 0, 0,
	    Q_ADMIT_AT_ISSUE)) ||
	    (rc = db_day_peak(q->d, today, occ + 1))))
		goto err;
	/* ahead at the door and in its service, and the wait for both */
	if ((rc = qi_ticket_wait(q, t, 1)))
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
	if ((rc = qi_begin(q, today)))
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
	    (rc = qi_event(q, how == Q_DONE ? QE_DONE : QE_NO_SHOW, cur, 0, counter,
	    NULL)))
		return rc;
	return qi_admit_waiting(q, today);
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
		*t = cur;             /* the one just finished, or id 0 */
		goto err;
	}
	if ((rc = db_ticket_get(q->d, id, t)))
		goto err;
	t->state = Q_CALLED;
	t->called_ms = queue_now_ms(q);
	t->counter = counter;
	if ((rc = db_ticket_update(q->d, t)) ||
	    (rc = db_counter_set(q->d, counter, st, t->id)) ||
	    (rc = qi_event(q, QE_CALLED, t, 0, counter, NULL)))
		goto err;
err:
	rc = db_end(q->d, rc);
	if (rc || (refused && refused != Q_ENOWAIT))
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
	rc = qi_event(q, QE_RECALLED, t, 0, counter, NULL);
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

	if (!qi_valid_code(to))
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
	    (rc = qi_event(q, QE_TRANSFERRED, t, 0, counter, detail)))
		goto err;
err:
	return db_end(q->d, rc);
}

/* 1 when s is one or more ASCII digits and nothing else (no sign, no
 * space: strtol alone would take " 7", "+7" or "\n7"). */
static int
all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

int
q_label_parse(const char *s, char *code, int *seq, int64_t *id)
{
	long long v;

	*code = 0;
	*seq = 0;
	*id = 0;
	if (!s || !*s)
		return Q_EINVAL;
	if (s[0] == '#') {
		if (!all_digits(s + 1) || strlen(s + 1) > 18 ||
		    (v = strtoll(s + 1, NULL, 10)) <= 0)
			return Q_EINVAL;
		*id = v;
		return Q_OK;
	}
	if (!qi_valid_code((char)toupper((unsigned char)s[0])) ||
	    !all_digits(s + 1) || strlen(s + 1) > 9 ||
	    (v = strtoll(s + 1, NULL, 10)) <= 0 || v > 99999)
		return Q_EINVAL;
	*code = (char)toupper((unsigned char)s[0]);
	*seq = (int)v;
	return Q_OK;
}

/* Find a ticket by label (today's) or #id, inside a transaction. */
int
qi_find(queue *q, const char *label, struct q_ticket *t)
{
	char today[Q_DAY_MAX], code;
	int64_t id;
	int rc, seq;

	if ((rc = q_label_parse(label, &code, &seq, &id)))
		return rc;
	if (id)
		return db_ticket_get(q->d, id, t);
	if ((rc = qi_today(q, today)))
		return rc;
	return db_ticket_by_label(q->d, today, code, seq, t);
}

int
queue_cancel(queue *q, const char *label, const char *reason)
{
	char today[Q_DAY_MAX];
	struct q_ticket t;
	int rc;

	if (reason && !text_valid(reason))
		return Q_EINVAL;
	if ((rc = qi_begin(q, today)))
		return rc;
	if ((rc = qi_find(q, label, &t)))
		goto err;
	if (t.state != Q_OUTSIDE && t.state != Q_ADMITTED) {
		rc = Q_ESTATE;
		goto err;
	}
	if ((rc = cancel_one(q, t.id, reason && *reason ? reason :
	    "cancelled by staff")))
		goto err;
	rc = qi_admit_waiting(q, today);
err:
	return db_end(q->d, rc);
}

