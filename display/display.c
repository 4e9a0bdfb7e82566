/* feed.c - follow the queue: data_version polling, events, status.
 *
 * Start at feed_poll().  The display never writes, so it only ever waits
 * for readers' locks, which WAL keeps rare; a busy answer is simply tried
 * again at the next poll.
 */
#include "display.h"

#include <stdio.h>
#include <string.h>

void
feed_init(struct feed *f, const char *path)
{
	memset(f, 0, sizeof *f);
	snprintf(f->path, sizeof f->path, "%s", path);
	snprintf(f->err, sizeof f->err, "not opened yet");
}

void
feed_close(struct feed *f)
{
	if (f->q)
		queue_close(f->q);
	f->q = NULL;
	f->connected = 0;
}

static void
lose(struct feed *f, int rc, int64_t now_ms)
{
	const char *d = f->q ? queue_errdetail(f->q) : "";

	snprintf(f->err, sizeof f->err, "%s%s%s", queue_strerror(rc),
	    d && *d ? ": " : "", d ? d : "");
	feed_close(f);
	f->retry_ms = now_ms + 1000;
}

int
feed_refresh(struct feed *f)
{
	int rc;

	if (!f->q)
		return 0;
	if ((rc = queue_status(f->q, &f->st)) != Q_OK)
		return 0;
	/* a re-created database starts its ids again */
	if (f->st.last_event < f->last_id)
		f->last_id = f->st.last_event;
	return FEED_STATUS;
}

static int
connect_db(struct feed *f, int64_t now_ms)
{
	int rc;

	if ((rc = queue_open(&f->q, f->path, 0, "display")) != Q_OK) {
		f->q = NULL;
		lose(f, rc, now_ms);
		return rc;
	}
	queue_set_busy_timeout(f->q, 20);
	if ((rc = queue_status(f->q, &f->st)) != Q_OK) {
		lose(f, rc, now_ms);
		return rc;
	}
	queue_changed(f->q);       /* from now on: changes only */
	f->last_id = f->st.last_event;
	f->connected = 1;
	f->more = 0;
	f->err[0] = 0;
	return Q_OK;
}

int
feed_announceable(const struct q_event_rec *e)
{
	return e->kind == QE_CALLED || e->kind == QE_RECALLED ||
	    e->kind == QE_ADMITTED;
}

/* An admission in the same transaction as the issue is the kiosk's
 * business: the visitor is standing there and is told on its screen. */
static int
admitted_at_issue(struct feed *f, const struct q_event_rec *e)
{
	struct q_ticket t;

	if (!e->ticket || queue_ticket_get(f->q, e->ticket, &t) != Q_OK)
		return 0;
	return t.admitted_ms && t.issued_ms &&
	    t.admitted_ms - t.issued_ms < 500 && e->ts_ms - t.issued_ms < 500;
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

int
feed_poll(struct feed *f, int64_t now_ms, struct q_event_rec *out, int *n)
{
	struct q_event_rec ev[64];
	int rc, got, mask = 0;

	*n = 0;
	if (!f->q) {
		if (now_ms < f->retry_ms)
			return 0;
		if (connect_db(f, now_ms) != Q_OK)
			return 0;
		return FEED_STATUS | FEED_STATE;
	}
	rc = f->more ? 1 : queue_changed(f->q);
	if (rc == Q_EBUSY)
		return 0;
	if (rc < 0) {
		lose(f, rc, now_ms);
		return FEED_STATE;
	}
	if (rc == 0)
		return 0;
	f->more = 0;
	for (;;) {
		got = (int)(sizeof ev / sizeof ev[0]);
		if ((rc = queue_events_since(f->q, f->last_id, ev, &got))) {
			if (rc == Q_EBUSY) {
				f->more = 1;
				break;
			}
			lose(f, rc, now_ms);
			return FEED_STATE;
		}
		for (int i = 0; i < got; i++) {
			if (feed_announceable(&ev[i])) {
				if (*n == FEED_MAX_NEW) {
					f->more = 1;
					goto done;
				}
				if (ev[i].kind == QE_ADMITTED &&
				    admitted_at_issue(f, &ev[i])) {
					f->last_id = ev[i].id;
					continue;
				}
				out[(*n)++] = ev[i];
			}
			f->last_id = ev[i].id;
		}
		if (got < (int)(sizeof ev / sizeof ev[0]))
			break;
	}
done:
	drop_admit_then_call(out, n);
	if ((rc = queue_status(f->q, &f->st)) != Q_OK) {
		if (rc != Q_EBUSY) {
			lose(f, rc, now_ms);
			return FEED_STATE;
		}
		f->more = 1;     /* try the status again next poll */
	}
	mask |= FEED_STATUS;
	return mask;
}
