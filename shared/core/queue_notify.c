/* queue_notify.c - reminders by SMS and WhatsApp: the phone number a
 * visitor gives (queue_phone_set), and the outbox the notifier
 * (antri-notify, notify/) fills and empties.  Start at
 * queue_notify_derive: the messages are derived from the events the
 * queue already writes and from the waits it already computes, by the
 * notifier, after the fact; no write of the queue (issue, call, check-in)
 * does any work for a reminder, so none is slower for it.  The contract
 * is in queue.h ("reminders"); docs/notify.md tells the whole story.
 * Calls the db module (db_outbox.c) and queue_wait.c's qi_ticket_wait.
 */
#define _POSIX_C_SOURCE 200809L
#include "queue_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const kind_names[Q_MSG_KIND_COUNT] = {
	[Q_MSG_BOOKED] = "booked", [Q_MSG_COME] = "come",
	[Q_MSG_AHEAD] = "ahead", [Q_MSG_CALLED] = "called",
	[Q_MSG_MISSED] = "missed",
};
static const char *const state_names[Q_MSG_STATE_COUNT] = {
	[Q_MSG_PENDING] = "pending", [Q_MSG_SENT] = "sent",
	[Q_MSG_DEAD] = "dead",
};

const char *
q_msg_kind_name(enum q_msg_kind k)
{
	return (unsigned)k < Q_MSG_KIND_COUNT ? kind_names[k] : "?";
}

const char *
q_msg_state_name(enum q_msg_state s)
{
	return (unsigned)s < Q_MSG_STATE_COUNT ? state_names[s] : "?";
}

const char *
q_msg_channel_name(int channel)
{
	return channel == Q_CHAN_WHATSAPP ? "whatsapp" : "sms";
}

void
q_phone_masked(const char *phone, char *out, size_t len)
{
	size_t n = strlen(phone);

	snprintf(out, len, n ? "...%s" : "(deleted)", phone + (n > 4 ? n - 4 :
	    0));
}

int
queue_phone_set(queue *q, int64_t ticket, int64_t booking, const char *phone,
                const char *lang)
{
	char today[Q_DAY_MAX], day[Q_DAY_MAX], state[16];
	struct q_ticket t;
	int64_t slot;
	int rc;

	phone = phone ? phone : "";
	lang = lang ? lang : "id";
	if ((ticket != 0) == (booking != 0) || ticket < 0 || booking < 0 ||
	    (*phone && !q_phone_valid(phone)) ||
	    (strcmp(lang, "id") && strcmp(lang, "en")))
		return Q_EINVAL;
	if ((rc = qi_begin(q, today)))
		return rc;
	if (ticket) {
		if ((rc = db_ticket_get(q->d, ticket, &t)))
			goto out;
		if (t.state != Q_EXPECTED && t.state != Q_OUTSIDE &&
		    t.state != Q_ADMITTED) {
			rc = Q_ESTATE;
			goto out;
		}
		snprintf(day, sizeof day, "%s", t.day);
	} else {
		if ((rc = db_booking_by_id(q->d, booking, day, state,
		    sizeof state, &slot)))
			goto out;
		if (!strcmp(state, "no_show")) {
			rc = Q_ESTATE;
			goto out;
		}
	}
	/* no event: the number stays out of the public trail */
	rc = *phone ? db_phone_put(q->d, ticket, booking, phone, lang, day,
	    queue_now_ms(q)) : db_phone_del(q->d, ticket, booking);
out:
	return db_end(q->d, rc);
}

/* ---- deriving the messages -------------------------------------------- */

#define DERIVE_MAX 256          /* messages one pass may add */
#define EVENT_BATCH 128
#define STALE_MS (24LL * 3600 * 1000)  /* older news is not sent */

struct derive {
	queue *q;
	struct q_msg m[DERIVE_MAX];
	char day[DERIVE_MAX][Q_DAY_MAX];
	int n;
};

/* A slot's time of day "10.40" and day, the way a visitor reads them. */
static void
slot_words(int64_t slot_ms, char *hm, size_t hmlen, char *day, size_t dlen)
{
	time_t sec = (time_t)(slot_ms / 1000);
	struct tm tm;

	localtime_r(&sec, &tm);
	strftime(hm, hmlen, "%H.%M", &tm);
	strftime(day, dlen, "%Y-%m-%d", &tm);
}

/* Queue message kind for ticket or booking when it has a number and has
 * not had that kind yet. */
static int
want(struct derive *dv, enum q_msg_kind kind, int64_t ticket,
     int64_t booking, const char *day, const char *p1, const char *p2,
     int64_t trigger)
{
	struct q_msg *m;
	int has, rc;

	if (dv->n >= DERIVE_MAX)
		return Q_OK;
	m = &dv->m[dv->n];
	memset(m, 0, sizeof *m);
	rc = db_phone_for(dv->q->d, ticket, booking, m->phone,
	    sizeof m->phone, m->lang);
	if (rc == Q_ENOTICKET || (rc == Q_OK && !*m->phone))
		return Q_OK;
	if (rc || (rc = db_outbox_has(dv->q->d, ticket, booking,
	    q_msg_kind_name(kind), &has)))
		return rc;
	for (int i = 0; i < dv->n && !has; i++)
		has = dv->m[i].ticket == ticket &&
		    dv->m[i].booking == booking && dv->m[i].kind == kind;
	if (has)
		return Q_OK;
	m->ticket = ticket;
	m->booking = booking;
	m->kind = kind;
	snprintf(m->p1, sizeof m->p1, "%s", p1);
	snprintf(m->p2, sizeof m->p2, "%s", p2);
	m->trigger_ms = trigger;
	snprintf(dv->day[dv->n], Q_DAY_MAX, "%s", day);
	dv->n++;
	return Q_OK;
}

/* The message an event calls for, if any. */
static int
from_event(struct derive *dv, const struct q_event_rec *e, int64_t now)
{
	char hm[8], day[Q_DAY_MAX], state[16], num[16];
	struct q_ticket t;
	int64_t id, slot;
	const char *p;
	int rc;

	if (e->ts_ms < now - STALE_MS)
		return Q_OK;
	switch (e->kind) {
	case QE_CALLED:
	case QE_NO_SHOW:
		if (!e->ticket || (rc = db_ticket_get(dv->q->d, e->ticket, &t)))
			return Q_OK;
		snprintf(num, sizeof num, "%d", e->counter);
		return want(dv, e->kind == QE_CALLED ? Q_MSG_CALLED :
		    Q_MSG_MISSED, e->ticket, 0, t.day, e->label,
		    e->kind == QE_CALLED ? num : "", e->ts_ms);
	case QE_BOOKED:
	case QE_BOOKING_NO_SHOW:
		/* the detail names the booking: "booking #12 ..." */
		if (!(p = strchr(e->detail, '#')) ||
		    (id = strtoll(p + 1, NULL, 10)) <= 0 ||
		    db_booking_by_id(dv->q->d, id, day, state, sizeof state,
		    &slot))
			return Q_OK;
		slot_words(slot, hm, sizeof hm, day, sizeof day);
		return want(dv, e->kind == QE_BOOKED ? Q_MSG_BOOKED :
		    Q_MSG_MISSED, 0, id, day, hm,
		    e->kind == QE_BOOKED ? day : "", e->ts_ms);
	default:
		return Q_OK;
	}
}

/* "come now" and "3 ahead" from the waits of the live tickets with a
 * number. */
static int
from_waits(struct derive *dv, const struct q_notify_rules *r,
           int64_t trigger)
{
	int64_t ids[DERIVE_MAX];
	char lab[Q_LABEL_MAX], num[16];
	struct q_ticket t;
	int n = DERIVE_MAX, rc;

	if ((rc = db_phone_live(dv->q->d, ids, &n)))
		return rc;
	for (int i = 0; i < n; i++) {
		if ((rc = db_ticket_get(dv->q->d, ids[i], &t)) ||
		    (rc = qi_ticket_wait(dv->q, &t, 0)))
			return rc;
		snprintf(lab, sizeof lab, "%s", t.label);
		/* "come now" is for a remote ticket not checked in; an
		 * appointment's ticket, EXPECTED until its slot, is here */
		if (t.state == Q_EXPECTED && !t.slot_ms && t.est_wait_s >= 0 &&
		    t.est_wait_s < r->come_min * 60) {
			snprintf(num, sizeof num, "%d",
			    (t.est_wait_s + 59) / 60);
			if ((rc = want(dv, Q_MSG_COME, t.id, 0, t.day, lab, num,
			    trigger)))
				return rc;
		}
		if (t.people_ahead <= Q_MSG_AHEAD_N) {
			snprintf(num, sizeof num, "%d", t.people_ahead);
			if ((rc = want(dv, Q_MSG_AHEAD, t.id, 0, t.day, lab, num,
			    trigger)))
				return rc;
		}
	}
	return Q_OK;
}

int
queue_notify_derive(queue *q, const struct q_notify_rules *r,
                    int64_t *cursor, int save, int *made)
{
	struct q_event_rec *ev;
	struct derive *dv;
	int64_t now = queue_now_ms(q), last = *cursor, trigger = 0;
	int rc, n, added;

	*made = 0;
	if (!(dv = calloc(1, sizeof *dv)))
		return Q_ENOMEM;
	if (!(ev = calloc(EVENT_BATCH, sizeof *ev))) {
		free(dv);
		return Q_ENOMEM;
	}
	dv->q = q;
	if ((rc = db_read_begin(q->d)))
		goto out;
	if (!last && (rc = db_notify_cursor(q->d, &last)))
		goto read_end;
	do {
		n = EVENT_BATCH;
		/* room for every message a batch may ask for */
		if (dv->n > DERIVE_MAX - EVENT_BATCH ||
		    (rc = db_events_since(q->d, last, ev, &n)))
			break;
		for (int i = 0; i < n && !rc; i++) {
			rc = from_event(dv, &ev[i], now);
			last = ev[i].id;
			/* a wait that fell may have fallen at the first commit
			 * not read yet: the earliest it can have been */
			if (!trigger)
				trigger = ev[i].ts_ms;
		}
	} while (!rc && n == EVENT_BATCH);
	if (!rc && r->waits)
		rc = from_waits(dv, r, trigger ? trigger : now);
read_end:
	rc = db_end(q->d, rc);
	if (rc || (!dv->n && !save && last == *cursor))
		goto out;
	if (!dv->n && !save) {
		*cursor = last;      /* stored at the next write or save */
		goto out;
	}
	if ((rc = db_begin(q->d)))
		goto out;
	for (int i = 0; i < dv->n && !rc; i++)
		for (int ch = Q_CHAN_SMS; ch <= Q_CHAN_WHATSAPP && !rc;
		    ch <<= 1) {
			if (!(r->channels & ch))
				continue;
			dv->m[i].channel = ch;
			dv->m[i].made_ms = now;
			rc = db_outbox_add(q->d, &dv->m[i], dv->day[i], &added);
			*made += added;
		}
	if (!rc)
		rc = db_notify_cursor_put(q->d, last);
	if ((rc = db_end(q->d, rc)) == Q_OK)
		*cursor = last;
	else
		*made = 0;
out:
	free(ev);
	free(dv);
	return rc;
}

/* ---- sending ------------------------------------------------------------ */

int
queue_notify_due(queue *q, struct q_msg *out, int *n)
{
	int rc;

	if ((rc = db_read_begin(q->d)))
		return rc;
	rc = db_outbox_due(q->d, queue_now_ms(q), out, n);
	return db_end(q->d, rc);
}

enum q_msg_state
q_msg_after_try(int tries, int ok, int permanent, int max_tries,
                int backoff_s, int64_t now_ms, int64_t *next_ms)
{
	int64_t wait;

	if (ok)
		return Q_MSG_SENT;
	if (permanent || tries >= max_tries)
		return Q_MSG_DEAD;
	wait = (int64_t)(backoff_s > 0 ? backoff_s : 1) * 1000;
	for (int i = 1; i < tries && wait < 3600000; i++)
		wait *= 2;
	*next_ms = now_ms + (wait < 3600000 ? wait : 3600000);
	return Q_MSG_PENDING;
}

int
queue_notify_result(queue *q, int64_t id, int ok, int permanent,
                    const char *why, int max_tries, int backoff_s)
{
	struct q_msg m;
	int64_t now = queue_now_ms(q);
	int rc;

	if ((rc = db_begin(q->d)))
		return rc;
	if ((rc = db_outbox_get(q->d, id, &m)))
		goto out;
	if (m.state != Q_MSG_PENDING) {
		rc = Q_ENOTICKET;
		goto out;
	}
	m.tries++;
	m.state = q_msg_after_try(m.tries, ok, permanent, max_tries, backoff_s,
	    now, &m.next_ms);
	if (ok) {
		m.sent_ms = now;
		m.error[0] = 0;
	} else {
		snprintf(m.error, sizeof m.error, "%s", why ? why : "");
	}
	rc = db_outbox_set(q->d, &m);
out:
	return db_end(q->d, rc);
}

int
queue_notify_counts(queue *q, int counts[Q_MSG_STATE_COUNT], int64_t *oldest)
{
	int rc;

	if ((rc = db_read_begin(q->d)))
		return rc;
	rc = db_outbox_counts(q->d, counts, oldest);
	return db_end(q->d, rc);
}

int
queue_notify_list(queue *q, enum q_msg_state st, struct q_msg *out, int *n)
{
	int rc;

	if ((unsigned)st >= Q_MSG_STATE_COUNT)
		return Q_EINVAL;
	if ((rc = db_read_begin(q->d)))
		return rc;
	rc = db_outbox_list(q->d, q_msg_state_name(st), out, n);
	return db_end(q->d, rc);
}

int
queue_privacy_purge(queue *q, int keep_days, int *removed)
{
	char day[Q_DAY_MAX];
	int rc;

	*removed = 0;
	if (keep_days < 1)
		return Q_EINVAL;
	q_day_of(queue_now_ms(q) - (int64_t)keep_days * 86400000, day);
	if ((rc = db_begin(q->d)))
		return rc;
	rc = db_privacy_purge(q->d, day, removed);
	return db_end(q->d, rc);
}

int
q_reminder_ahead(enum q_state state, int come_now)
{
	return state == Q_EXPECTED ? !come_now : state == Q_OUTSIDE ||
	    state == Q_ADMITTED;
}

int
queue_phone_kept(queue *q, int64_t ticket, int *kept)
{
	char phone[Q_BOOK_PHONE_MAX + 1], lang[3];
	int rc = db_phone_for(q->d, ticket, 0, phone, sizeof phone, lang);

	*kept = rc == Q_OK;
	return rc == Q_ENOTICKET ? Q_OK : rc;
}
