/* queue_read.c - what the screens and reports read (status, tickets,
 * events, change detection) and the names and messages of the codes. */
#define _POSIX_C_SOURCE 200809L
#include "queue_int.h"

#include <stdio.h>
#include <string.h>

/* ---- reading ---------------------------------------------------------- */

/* Roll the day over if nobody has written yet today. */
static int
roll_if_needed(queue *q)
{
	char today[Q_DAY_MAX], day[Q_DAY_MAX] = "";
	int rc;

	if (q->readonly)    /* a reader shows what is stored */
		return Q_OK;
	q_day_of(queue_now_ms(q), today);
	rc = db_setting_get(q->d, "business_day", day, sizeof day);
	if (rc == Q_OK && strcmp(day, today) >= 0)
		return Q_OK;
	if (rc && rc != Q_ENOTICKET)
		return rc;
	if ((rc = qi_begin(q, today)))
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
		    (rc = qi_estimate(q, s->code, s->waiting + s->outside,
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
	if ((rc = qi_limit(q, &st->limit)) ||
	    (rc = qi_policy(q, &st->policy)) ||
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
	return qi_find(q, label, t);
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
