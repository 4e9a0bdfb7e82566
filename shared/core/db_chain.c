/* db_chain.c - the events' hash chain: each event row stores SHA-256 (from
 * libcrypto) over the previous event's hash and its own fields, written in
 * the same transaction as the event (db_event_append).  A database from
 * before the chain gets an anchor event at the migration (chain_started,
 * with the count and last id of the events before it) and is chained from
 * there.  chain.c walks the chain with db_event_hash() (antri check,
 * antri-central check).
 */
#define _POSIX_C_SOURCE 200809L
#include "db_int.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#define CHAIN_VERSION "antri-event-chain-1"

/* one field of the canonical encoding: its length in bytes, ':', the
 * bytes, '\n', so no two different events encode the same */
static size_t
put(char *buf, size_t at, size_t cap, const char *v)
{
	size_t n = strlen(v);
	int k;

	if (at >= cap)
		return cap;
	k = snprintf(buf + at, cap - at, "%zu:%s\n", n, v);
	return k < 0 ? cap : at + (size_t)k;
}

static size_t
put_int(char *buf, size_t at, size_t cap, int64_t v)
{
	char s[24];

	snprintf(s, sizeof s, "%lld", (long long)v);
	return put(buf, at, cap, s);
}

void
db_event_encode(const struct q_event_rec *e, const char *prev, char *buf,
                size_t cap, size_t *len)
{
	char code[2] = { e->service, 0 };
	size_t at = 0;

	at = put(buf, at, cap, CHAIN_VERSION);
	at = put(buf, at, cap, prev);
	at = put_int(buf, at, cap, e->id);
	at = put_int(buf, at, cap, e->ts_ms);
	at = put(buf, at, cap, q_event_name(e->kind));
	at = put_int(buf, at, cap, e->ticket);
	at = put(buf, at, cap, e->label);
	at = put(buf, at, cap, code);
	at = put_int(buf, at, cap, e->counter);
	at = put(buf, at, cap, e->actor);
	at = put(buf, at, cap, e->detail);
	*len = at < cap ? at : cap;
}

int
db_event_hash(const struct q_event_rec *e, const char *prev,
              char out[Q_HASH_HEX])
{
	static const char hex[] = "0123456789abcdef";
	char buf[1024];
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	size_t len;

	db_event_encode(e, prev && *prev ? prev : DB_CHAIN_GENESIS, buf,
	    sizeof buf, &len);
	if (!EVP_Digest(buf, len, md, &mdlen, EVP_sha256(), NULL) ||
	    mdlen != 32)
		return Q_EDB;
	for (unsigned i = 0; i < mdlen; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[2 * mdlen] = 0;
	return Q_OK;
}

int
db_event_tip(db *d, int64_t *id, char hash[Q_HASH_HEX])
{
	sqlite3_stmt *s;
	int rc = Q_OK, r;

	*id = 0;
	hash[0] = 0;
	if (!(s = db_query(d, S_E_TIP, &rc, "")))
		return rc;
	r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		db_col_text(s, 1, hash, Q_HASH_HEX);
	} else if (r != SQLITE_DONE) {
		rc = db_maprc(d, r);
	}
	db_done(s);
	return rc;
}

int
db_event_append(db *d, struct q_event_rec *e)
{
	char prev[Q_HASH_HEX];
	int64_t last;
	int rc;

	/* inside BEGIN IMMEDIATE: nobody else appends between the two */
	if ((rc = db_event_tip(d, &last, prev)))
		return rc;
	e->id = last + 1;
	if ((rc = db_event_hash(e, prev, e->hash)))
		return rc;
	return db_exec(d, S_E_APPEND, NULL, "lltltcittt", e->id, e->ts_ms,
	    q_event_name(e->kind), e->ticket, e->label, e->service, e->counter,
	    e->actor, e->detail, e->hash);
}

/* Migration step: the chain starts here, after the events already there,
 * with an anchor that says how many there were. */
int
db_chain_start(db *d)
{
	struct q_event_rec e;
	int64_t n = 0, ts = 0;
	int rc;

	if ((rc = db_int(d, S_E_COUNT, &n, "")))
		return rc;
	rc = db_last_event_ts(d, &ts);
	if (rc && rc != Q_ENOTICKET)
		return rc;
	/* at the newest event's time (0 in a new database): the db layer
	 * reads no clock, so the day rule of queue_clock.c stays whole */
	memset(&e, 0, sizeof e);
	e.ts_ms = ts;
	e.kind = QE_CHAIN_STARTED;
	snprintf(e.actor, sizeof e.actor, "antri:migration");
	if ((rc = db_last_event(d, &e.id)))
		return rc;
	snprintf(e.detail, sizeof e.detail, "chain starts after %lld events, "
	    "last id %lld", (long long)n, (long long)e.id);
	return db_event_append(d, &e);
}
