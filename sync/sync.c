/* sync.c - one round of antri-sync (sync.h): where the central stands,
 * whether the office's history still agrees with what it holds, what
 * the head office asked (sync_request.c), the events it lacks in
 * batches, the live state.
 *
 * Idempotent by construction: the central is asked where it stands at
 * every connection and each batch is INSERT ... ON CONFLICT DO NOTHING,
 * so a round killed at any moment leaves each event stored once or not
 * at all, and the next round goes on from there.
 */
#define _POSIX_C_SOURCE 200809L
#include "sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
sync_down(struct sync *s)
{
	snprintf(s->err, sizeof s->err, "%s", cdb_error(s->c));
	cdb_close(s->c);
	s->c = NULL;
	s->known = 0;
	s->listening = 0;
	free(s->live);
	s->live = NULL;
	return SYNC_DOWN;
}

static int
local_fail(struct sync *s, int rc)
{
	snprintf(s->err, sizeof s->err, "the office's database %s: %s%s%s",
	    s->db_path, queue_strerror(rc), s->q && *queue_errdetail(s->q) ?
	    ": " : "", s->q ? queue_errdetail(s->q) : "");
	if (s->q && queue_err_class(rc) == Q_CLASS_SYSTEM) {
		queue_close(s->q);
		s->q = NULL;
	}
	return SYNC_LOCAL;
}

/* a cdb refusal that is not a lost link: the round stops, and the
 * connection is dropped so the next round starts afresh */
static int
cdb_fail(struct sync *s, int rc)
{
	if (rc == CDB_EDOWN)
		return sync_down(s);
	snprintf(s->err, sizeof s->err, "%s", cdb_error(s->c));
	cdb_close(s->c);
	s->c = NULL;
	s->known = 0;
	s->listening = 0;
	return SYNC_DOWN;
}

static int
open_ends(struct sync *s)
{
	char why[512];
	int rc;

	if (s->q && queue_replaced(s->q)) {
		queue_close(s->q);          /* a restored backup: reread */
		s->q = NULL;
		s->known = 0;
	}
	if (!s->q && (rc = queue_open(&s->q, s->db_path, Q_OPEN_READONLY,
	    "antri-sync")))
		return local_fail(s, rc);
	if (!s->c && cdb_connect(&s->c, s->conninfo, SYNC_TIMEOUT_S, why,
	    sizeof why)) {
		snprintf(s->err, sizeof s->err, "the central is unreachable: "
		    "%s", why);
		return SYNC_DOWN;
	}
	return SYNC_DONE;
}

/* Stop shipping: the central holds another history than this office. */
static int
flag(struct sync *s, const char *kind, int64_t id, const char *theirs,
     const char *ours, const char *why)
{
	int rc;

	s->flagged = 1;
	snprintf(s->flag, sizeof s->flag, "%s", why);
	if ((rc = cdb_flag(s->c, s->office, kind, id, theirs, ours, why)))
		return cdb_fail(s, rc);
	return SYNC_FLAGGED;
}

/* The event here with this id into e (e->id 0: there is none). */
static int
local_event(struct sync *s, int64_t id, struct q_event_rec *e)
{
	int n = 1, rc;

	memset(e, 0, sizeof *e);
	if ((rc = queue_events_since(s->q, id - 1, e, &n)))
		return rc;
	if (n == 0 || e->id != id)
		memset(e, 0, sizeof *e);
	return Q_OK;
}

/* The id of the newest event here. */
static int
local_last(struct sync *s, int64_t *last)
{
	struct q_status *st = calloc(1, sizeof *st);
	int rc;

	*last = 0;
	if (!st)
		return Q_ENOMEM;
	if (!(rc = queue_status(s->q, st)))
		*last = st->last_event;
	free(st);
	return rc;
}

/* Where the central stands, and does this office still agree with it? */
static int
learn(struct sync *s)
{
	struct cdb_tip t;
	struct q_event_rec e;
	char why[600], had[Q_HASH_HEX];
	int rc, found;

	if ((rc = cdb_tip(s->c, s->office, &t)))
		return cdb_fail(s, rc);
	s->held = t.count;
	snprintf(s->seen, sizeof s->seen, "%s", t.seen);
	if (t.flags) {
		s->flagged = 1;
		snprintf(s->flag, sizeof s->flag, "%s", t.flag);
		s->known = 1;
		s->shipped = t.max_id;
		return SYNC_FLAGGED;
	}
	s->flagged = 0;
	s->flag[0] = 0;
	if (t.max_id) {
		if ((rc = local_event(s, t.max_id, &e)))
			return local_fail(s, rc);
		if (e.id && strcmp(e.hash, t.hash)) {
			snprintf(why, sizeof why, "event %lld here has another "
			    "hash than the central's copy: this office's "
			    "history changed after it was shipped (a restored "
			    "backup, an edited database); nothing more is "
			    "shipped", (long long)t.max_id);
			return flag(s, "history", t.max_id, t.hash, e.hash, why);
		}
		if (!e.id) {
			int64_t last = 0;
			struct q_event_rec l;

			if ((rc = local_last(s, &last)))
				return local_fail(s, rc);
			if ((rc = local_event(s, last, &l)))
				return local_fail(s, rc);
			if (last && (rc = cdb_hash_at(s->c, s->office, last,
			    had, &found)))
				return cdb_fail(s, rc);
			snprintf(why, sizeof why, "this office's database ends "
			    "at event %lld, the central holds up to %lld%s: "
			    "restored from an old backup?  Nothing more is "
			    "shipped", (long long)last, (long long)t.max_id,
			    last && strcmp(had, l.hash) ? ", and the two "
			    "differ at that event" : "");
			return flag(s, "rewound", last, had, l.hash, why);
		}
	}
	s->shipped = t.max_id;
	s->known = 1;
	return SYNC_DONE;
}

/* The live state's document when it differs from the one the central
 * holds (to free); NULL with *rc Q_OK when it does not, NULL with *rc on
 * a local error. */
static char *
live_changed(struct sync *s, int *rc)
{
	char *doc = sync_live_json(s->q, s->office, &s->rules, rc);

	if (doc && s->live && !strcmp(doc, s->live)) {
		free(doc);
		return NULL;
	}
	return doc;
}

/* doc is what the central holds now; the heartbeat counts from here */
static void
live_sent(struct sync *s, char *doc, int64_t now_ms)
{
	free(s->live);
	s->live = doc;
	s->beat_at = now_ms + SYNC_BEAT_MS;
}

/* Every event past s->shipped, in batches; the last one carries the live
 * state when it changed, so the central commits both at once (two
 * statements per round were two commits, and the central's commits are
 * what 318 outlets wait for). */
static int
ship(struct sync *s, int64_t now_ms)
{
	struct q_event_rec *e = malloc(CDB_BATCH * sizeof *e);
	int64_t conflict;
	int n, rc, stored, ret = SYNC_DONE;
	char why[600], *doc;

	if (!e)
		return local_fail(s, Q_ENOMEM);
	for (;;) {
		n = CDB_BATCH;
		if ((rc = queue_events_since(s->q, s->shipped, e, &n))) {
			ret = local_fail(s, rc);
			break;
		}
		if (n == 0)
			break;
		doc = NULL;
		if (n < CDB_BATCH && !(doc = live_changed(s, &rc)) && rc) {
			ret = local_fail(s, rc);
			break;
		}
		if ((rc = cdb_events_live_put(s->c, s->office, e, n, doc,
		    &stored, &conflict))) {
			free(doc);
			ret = cdb_fail(s, rc);
			break;
		}
		if (doc)
			live_sent(s, doc, now_ms);
		if (conflict) {
			/* the central's trigger flagged it already */
			s->flagged = 1;
			snprintf(why, sizeof why, "event %lld here has another "
			    "hash than the central's copy: this office's "
			    "history changed after it was shipped; nothing "
			    "more is shipped", (long long)conflict);
			snprintf(s->flag, sizeof s->flag, "%s", why);
			ret = SYNC_FLAGGED;
			break;
		}
		s->shipped = e[n - 1].id;
		s->held += stored;
	}
	s->local = s->shipped > s->local ? s->shipped : s->local;
	free(e);
	return ret;
}

/* The live state when it changed without an event shipped (a counter
 * opened, the printer), else the heartbeat when due. */
static int
live(struct sync *s, int64_t now_ms)
{
	char *doc;
	int rc;

	if (!(doc = live_changed(s, &rc))) {
		if (rc)
			return local_fail(s, rc);
		if (now_ms < s->beat_at)
			return SYNC_DONE;
		if ((rc = cdb_beat(s->c, s->office)))
			return cdb_fail(s, rc);
		s->beat_at = now_ms + SYNC_BEAT_MS;
		return SYNC_DONE;
	}
	if ((rc = cdb_live_put(s->c, s->office, doc))) {
		free(doc);
		return cdb_fail(s, rc);
	}
	live_sent(s, doc, now_ms);
	return SYNC_DONE;
}

int
sync_round(struct sync *s, int64_t now_ms)
{
	int rc, shipped = SYNC_DONE;

	if ((rc = open_ends(s)))
		return rc;
	/* flagged: asked again each round, so that shipping resumes once
	 * the head office cleared the flag (and a new one is raised if the
	 * history still differs) */
	if ((!s->known || s->flagged) && (rc = learn(s)) != SYNC_DONE &&
	    rc != SYNC_FLAGGED)
		return rc;
	/* what the head office asked: on a new connection, when woken,
	 * and with each heartbeat (a notification lost with a link) */
	if ((!s->listening || s->asked || now_ms >= s->beat_at) &&
	    (rc = sync_requests(s)))
		return rc;
	if (!s->flagged && (shipped = ship(s, now_ms)) != SYNC_DONE &&
	    shipped != SYNC_FLAGGED)
		return shipped;
	if ((rc = live(s, now_ms)))
		return rc;
	return s->flagged ? SYNC_FLAGGED : SYNC_DONE;
}

void
sync_close(struct sync *s)
{
	cdb_close(s->c);
	s->c = NULL;
	queue_close(s->q);
	s->q = NULL;
	queue_close(s->w);
	s->w = NULL;
	s->listening = 0;
	free(s->live);
	s->live = NULL;
	s->known = 0;
}
