/* chain.c - the walk along the events' hash chain (chain.h): the rules of
 * docs/audit.md in one place, for queue_check.c and antri-central.  The
 * hash is db_event_hash (db_chain.c).
 */
#define _POSIX_C_SOURCE 200809L
#include "chain.h"
#include "db.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

void
chain_init(struct chain *c)
{
	memset(c, 0, sizeof *c);
}

int
chain_hash(const struct q_event_rec *e, const char *prev,
           char out[Q_HASH_HEX])
{
	return db_event_hash(e, prev, out);
}

static int
chain_fail(const struct q_event_rec *e, const char *what, char *msg,
           size_t msglen)
{
	char when[32];
	time_t t = (time_t)(e->ts_ms / 1000);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(msg, msglen, "audit chain broken at event %lld (%s, "
	    "%s%s%s): %s", (long long)e->id, q_event_name(e->kind), when,
	    e->label[0] ? ", " : "", e->label, what);
	return Q_ECORRUPT;
}

/* The anchor must count the events before it. */
static int
chain_anchor(struct chain *c, const struct q_event_rec *e, char *msg,
             size_t msglen)
{
	long long n, last;

	if (sscanf(e->detail, "chain starts after %lld events, last id %lld",
	    &n, &last) != 2 || n != c->pre_n || last != c->pre_last)
		return chain_fail(e, "the anchor does not match the events "
		    "before it: some were removed or added", msg, msglen);
	c->anchored = 1;
	c->prev[0] = 0;                 /* the anchor hangs on the genesis */
	return Q_OK;
}

/* A day seal names the event before it and that event's hash. */
static int
chain_seal(const struct chain *c, const struct q_event_rec *e, char *msg,
           size_t msglen)
{
	char day[Q_DAY_MAX], hash[Q_HASH_HEX];
	long long id;

	if (sscanf(e->detail, "%10s event %lld hash %64s", day, &id, hash) != 3 ||
	    id != c->prev_id || strcmp(hash, c->prev))
		return chain_fail(e, "the day's seal does not match the "
		    "day's last event", msg, msglen);
	return Q_OK;
}

int
chain_step(struct chain *c, const struct q_event_rec *e, char *msg,
           size_t msglen)
{
	char want[Q_HASH_HEX], what[96];
	int rc;

	c->seen++;
	if (!c->anchored) {
		if (e->kind != QE_CHAIN_STARTED) {
			if (e->hash[0])
				return chain_fail(e, "a hash before the "
				    "chain's anchor", msg, msglen);
			c->pre_n++;
			c->pre_last = e->id;
			return Q_OK;
		}
		if ((rc = chain_anchor(c, e, msg, msglen)))
			return rc;
	} else if (e->id != c->prev_id + 1) {
		snprintf(what, sizeof what, "event %lld before it is missing",
		    (long long)c->prev_id + 1);
		return chain_fail(e, what, msg, msglen);
	}
	if (e->kind == QE_DAY_SEALED && (rc = chain_seal(c, e, msg, msglen)))
		return rc;
	if ((rc = db_event_hash(e, c->prev, want)))
		return rc;
	if (strcmp(want, e->hash))
		return chain_fail(e, "its hash does not match its fields: "
		    "it was changed, or the event before it", msg, msglen);
	memcpy(c->prev, e->hash, sizeof c->prev);
	c->prev_id = e->id;
	return Q_OK;
}

int
chain_end(const struct chain *c, char *msg, size_t msglen)
{
	if (!c->anchored && c->pre_n > 0) {
		snprintf(msg, msglen, "audit chain: its anchor (the "
		    "chain_started event) is missing");
		return Q_ECORRUPT;
	}
	return Q_OK;
}
