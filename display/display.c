/* display.c - follow the queue for the room's screen: events and status.
 *
 * Start at display_poll().  The connection itself (open, retry, reopen,
 * data_version) is the follower's (shared/core/follow.c); this file only
 * decides what to read and what is worth announcing.  The display never
 * writes, so it only ever waits for readers' locks, which WAL keeps rare;
 * a busy answer is simply tried again at the next poll.
 */
#include "display.h"

#include <stdio.h>
#include <string.h>

void
display_init(struct display_feed *f, const char *path)
{
	memset(f, 0, sizeof *f);
	follow_init(&f->fw, path, "display", 20);
	snprintf(f->err, sizeof f->err, "%s", f->fw.why);
}

void
display_close(struct display_feed *f)
{
	follow_close(&f->fw);
	f->connected = 0;
}

void
display_reopen(struct display_feed *f)
{
	display_close(f);
	f->fw.retry_at = 0;
}

int64_t
display_retry_at(const struct display_feed *f)
{
	return f->fw.retry_at;
}

/* Our own call failed with rc: drop the connection if it is gone (the
 * follower retries), else try again at the next poll.  Returns the mask
 * for the caller. */
static int
failed(struct display_feed *f, int rc, int64_t now_ms)
{
	if (follow_failed(&f->fw, rc, now_ms)) {
		snprintf(f->err, sizeof f->err, "%s", f->fw.why);
		f->connected = 0;
		return DISPLAY_STATE;
	}
	f->more = 1;
	return 0;
}

int
display_refresh(struct display_feed *f)
{
	queue *q = follow_queue(&f->fw);

	if (!q || !f->connected || queue_status(q, &f->st) != Q_OK)
		return 0;
	/* a re-created database starts its ids again */
	if (f->st.last_event < f->last_id)
		f->last_id = f->st.last_event;
	return DISPLAY_STATUS;
}

/* A fresh connection: read the status, start after the newest event. */
static int
connect_db(struct display_feed *f, int64_t now_ms)
{
	int rc;

	if ((rc = queue_status(follow_queue(&f->fw), &f->st)) != Q_OK)
		return failed(f, rc, now_ms);
	f->last_id = f->st.last_event;
	f->connected = 1;
	f->more = 0;
	f->err[0] = 0;
	return DISPLAY_STATUS | DISPLAY_STATE;
}

int
display_announceable(const struct q_event_rec *e)
{
	if (e->kind == QE_ADMITTED)
		return strcmp(e->detail, Q_ADMIT_AT_ISSUE) != 0;
	return e->kind == QE_CALLED || e->kind == QE_RECALLED;
}

/* Admitted from outside and called in the same commit (the room had a
 * free place and the next caller took them): say only the call. */
static void
drop_admit_then_call(struct q_event_rec *out, int *n)
{
	int k = 0;

	for (int i = 0; i < *n; i++) {
		int called_later = 0;

		if (out[i].kind == QE_ADMITTED && out[i].ticket)
			for (int j = i + 1; j < *n; j++)
				if (out[j].kind == QE_CALLED &&
				    out[j].ticket == out[i].ticket &&
				    out[j].ts_ms - out[i].ts_ms < 1000)
					called_later = 1;
		if (!called_later)
			out[k++] = out[i];
	}
	*n = k;
}

/* Read the events after last_id into out.  Returns Q_OK, or the error of
 * the read (f->more is set when some are left for the next poll). */
static int
read_events(struct display_feed *f, struct q_event_rec *out, int *n)
{
	queue *q = follow_queue(&f->fw);
	struct q_event_rec ev[64];
	int rc, got;

	for (;;) {
		got = (int)(sizeof ev / sizeof ev[0]);
		if ((rc = queue_events_since(q, f->last_id, ev, &got)))
			return rc;
		for (int i = 0; i < got; i++) {
			if (display_announceable(&ev[i])) {
				if (*n == DISPLAY_MAX_NEW) {
					f->more = 1;
					return Q_OK;
				}
				out[(*n)++] = ev[i];
			}
			f->last_id = ev[i].id;
		}
		if (got < (int)(sizeof ev / sizeof ev[0]))
			return Q_OK;
	}
}

/* display_poll() after the follower's poll gave m. */
static int
poll_feed(struct display_feed *f, int m, int64_t now_ms,
          struct q_event_rec *out, int *n)
{
	int rc;

	if (!follow_queue(&f->fw)) {
		if (!f->connected && !(m & FOLLOW_STATE))
			return 0;
		snprintf(f->err, sizeof f->err, "%s", f->fw.why);
		f->connected = 0;
		return DISPLAY_STATE;
	}
	if (!f->connected || (m & FOLLOW_REPLACED))
		return connect_db(f, now_ms);
	if (!(m & FOLLOW_CHANGED) && !f->more)
		return 0;
	f->more = 0;
	rc = read_events(f, out, n);
	drop_admit_then_call(out, n);
	if (rc != Q_OK)
		return failed(f, rc, now_ms) | (*n ? DISPLAY_STATUS : 0);
	if ((rc = queue_status(follow_queue(&f->fw), &f->st)) != Q_OK)
		return failed(f, rc, now_ms) | DISPLAY_STATUS;
	return DISPLAY_STATUS;
}

int
display_poll(struct display_feed *f, int64_t now_ms, struct q_event_rec *out,
             int *n)
{
	int m = follow_poll(&f->fw, now_ms);

	*n = 0;
	/* a removed -wal: same database, same events, a fresh handle */
	return poll_feed(f, m, now_ms, out, n) |
	    (m & FOLLOW_WALGONE ? DISPLAY_WALGONE | DISPLAY_STATUS : 0);
}

/* ---- the big box and the repeats ------------------------------------- */

void
display_state_init(struct display_state *s, int highlight_ms, int repeat_ms)
{
	memset(s, 0, sizeof *s);
	s->highlight_ms = highlight_ms;
	s->repeat_ms = repeat_ms;
}

void
display_state_reset(struct display_state *s)
{
	s->have_hl = 0;
	s->nshow = 0;
	s->nrep = 0;
	s->hl_until = 0;
}

/* Append c to list (n entries of at most DISPLAY_PENDING); when full the
 * oldest is dropped. */
static void
push(struct display_call *list, int *n, struct display_call c)
{
	if (*n == DISPLAY_PENDING) {
		memmove(&list[0], &list[1], (DISPLAY_PENDING - 1) *
		    sizeof list[0]);
		(*n)--;
	}
	list[(*n)++] = c;
}

void
display_state_call(struct display_state *s, const struct q_event_rec *e,
                   int64_t now, int ahead_ms, int done_ms)
{
	struct display_call c;

	c.e = *e;
	c.at = now + ahead_ms;
	push(s->show, &s->nshow, c);
	if (s->repeat_ms > 0) {
		c.at = now + done_ms + s->repeat_ms;
		push(s->rep, &s->nrep, c);
	}
}

/* The newest call of st in the big box, unhighlighted. */
static int
newest(struct display_state *s, const struct q_status *st)
{
	const char *l = st && st->ncalls ? st->calls[0].label : "";
	int c = st && st->ncalls ? st->calls[0].counter : 0;

	if (!strcmp(l, s->box.label) && c == s->box.counter)
		return 0;
	snprintf(s->box.label, sizeof s->box.label, "%s", l);
	s->box.counter = c;
	return 1;
}

int
display_state_tick(struct display_state *s, int64_t now,
                   const struct q_status *st)
{
	struct display_box *b = &s->box;
	int dirty = 0, on;

	while (s->nshow && s->show[0].at <= now) {
		snprintf(b->label, sizeof b->label, "%s", s->show[0].e.label);
		b->counter = s->show[0].e.counter;
		s->hl_start = now;
		s->hl_until = now + s->highlight_ms;
		s->have_hl = 1;
		memmove(&s->show[0], &s->show[1], (size_t)(s->nshow - 1) *
		    sizeof s->show[0]);
		s->nshow--;
		dirty = 1;
	}
	if (!s->have_hl && st)
		dirty |= newest(s, st);
	if (s->have_hl && now < s->hl_until) {
		on = (int)((now - s->hl_start) / DISPLAY_FLASH_MS % 2 == 0);
		if (!b->active || on != b->flash_on)
			dirty = 1;
		b->active = 1;
		b->flash_on = on;
	} else if (b->active) {
		b->active = 0;
		dirty = 1;
	}
	return dirty;
}

/* 1 if e's ticket is still the current one of e's counter in st. */
static int
still_called(const struct q_status *st, const struct q_event_rec *e)
{
	for (int i = 0; st && i < st->ncounters; i++)
		if (st->counters[i].number == e->counter)
			return st->counters[i].has_current &&
			    !strcmp(st->counters[i].current.label, e->label);
	return 0;
}

int
display_state_repeats(struct display_state *s, int64_t now,
                      const struct q_status *st, struct q_event_rec *out,
                      int max)
{
	int k = 0, n = 0;

	for (int i = 0; i < s->nrep; i++) {
		if (s->rep[i].at > now || n == max)
			s->rep[k++] = s->rep[i];
		else if (still_called(st, &s->rep[i].e))
			out[n++] = s->rep[i].e;
	}
	s->nrep = k;
	return n;
}

int64_t
display_state_wait(const struct display_state *s, int64_t now, int64_t limit)
{
	int64_t t = limit;

#define AT_MOST(x) do { if ((x) < t) t = (x); } while (0)
	if (s->nshow)
		AT_MOST(s->show[0].at - now);
	for (int i = 0; i < s->nrep; i++)
		AT_MOST(s->rep[i].at - now);
	if (s->box.active) {
		AT_MOST(DISPLAY_FLASH_MS - (now - s->hl_start) %
		    DISPLAY_FLASH_MS);
		AT_MOST(s->hl_until - now);
	}
#undef AT_MOST
	return t;
}
