/* chain.h - walking the events' hash chain (docs/audit.md): the one
 * verifier of the chain, used by `antri check` on the office's database
 * (queue_check.c) and by `antri-central check` on the copy the head
 * office received.  Feed it the events in id order; it names the first
 * one that does not fit.  Pure: no database, no clock but localtime for
 * the message.  The hash itself is db_chain.c's, never written twice.
 */
#ifndef ANTRI_CHAIN_H
#define ANTRI_CHAIN_H

#include "queue.h"

struct chain {
	int anchored;                /* the chain_started event was seen */
	int64_t pre_n, pre_last;     /* events before the anchor */
	int64_t prev_id;             /* the last chained event, 0 none */
	char prev[Q_HASH_HEX];       /* its hash */
	int64_t seen;                /* events walked */
};

/* Start a walk. */
void chain_init(struct chain *c);
/* The next event, in id order: Q_OK when it fits (it hangs on the one
 * before by id and hash, the anchor counts the events before it, a day
 * seal names the day's last event), Q_ECORRUPT with "audit chain broken
 * at event ID (KIND, TIME, LABEL): what" in msg when not, Q_EDB when the
 * hash could not be computed. */
int chain_step(struct chain *c, const struct q_event_rec *e, char *msg,
               size_t msglen);
/* After the last event: Q_ECORRUPT when events without a hash were seen
 * but never an anchor, else Q_OK. */
int chain_end(const struct chain *c, char *msg, size_t msglen);
/* SHA-256 of the event's canonical encoding over prev ("" = the chain's
 * start), as 64 hex digits: the hash the office wrote. */
int chain_hash(const struct q_event_rec *e, const char *prev,
               char out[Q_HASH_HEX]);

#endif
