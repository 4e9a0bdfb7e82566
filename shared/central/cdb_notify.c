/* cdb_notify.c - the head office's outbox: the reminders of the bookings
 * made centrally (migration 5 fills it by triggers; docs/notify.md "The
 * head office's outbox").  antri-notify --central reads what is due and
 * records each try with the same rule as an office's outbox
 * (q_msg_after_try); antri-central notify counts and lists it.  The SQL
 * is cdb_sql.c's cdb_notify_sql.
 */
#include "cdb_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
cdb_notify_channels(cdb *c, int channels)
{
	char ahead[16];
	const char *v[2] = { NULL, ahead };

	v[0] = channels == (Q_CHAN_SMS | Q_CHAN_WHATSAPP) ? "{sms,whatsapp}" :
	    channels == Q_CHAN_WHATSAPP ? "{whatsapp}" : "{sms}";
	snprintf(ahead, sizeof ahead, "%d", Q_MSG_AHEAD_N);
	return cdb_run(c, cdb_notify_sql[CN_CHANNELS], 2, v, NULL);
}

static int
kind_of(const char *s)
{
	for (int k = 0; k < Q_MSG_KIND_COUNT; k++)
		if (!strcmp(s, q_msg_kind_name((enum q_msg_kind)k)))
			return k;
	return Q_MSG_MISSED;
}

static enum q_msg_state
state_of(const char *s)
{
	return !strcmp(s, "sent") ? Q_MSG_SENT : !strcmp(s, "dead") ?
	    Q_MSG_DEAD : Q_MSG_PENDING;
}

/* the rows of res (MSG_COLS) into out; *n gets their count */
static void
rows(PGresult *res, struct cdb_msg *out, int *n)
{
	int k = PQntuples(res) < *n ? PQntuples(res) : *n;

	for (int i = 0; i < k; i++) {
		struct q_msg *m = &out[i].m;
		const char *bk;

		memset(&out[i], 0, sizeof out[i]);
		m->id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
		m->ticket = strtoll(PQgetvalue(res, i, 1), NULL, 10);
		/* the outlet's booking once known, else the request, so the
		 * words are a booking's; but "missed" with none is the
		 * number's missed call (migration 11): a booking's no-show
		 * comes only after its "booked" event named the booking */
		bk = PQgetvalue(res, i, 2);
		m->kind = (enum q_msg_kind)kind_of(PQgetvalue(res, i, 3));
		m->booking = strtoll(bk, NULL, 10) ? strtoll(bk, NULL, 10) :
		    m->kind == Q_MSG_MISSED ? 0 : m->ticket;
		m->channel = strcmp(PQgetvalue(res, i, 4), "whatsapp") ?
		    Q_CHAN_SMS : Q_CHAN_WHATSAPP;
		snprintf(m->lang, sizeof m->lang, "%s", PQgetvalue(res, i, 5));
		snprintf(m->phone, sizeof m->phone, "%s", PQgetvalue(res, i, 6));
		snprintf(m->p1, sizeof m->p1, "%s", PQgetvalue(res, i, 7));
		snprintf(m->p2, sizeof m->p2, "%s", PQgetvalue(res, i, 8));
		m->state = state_of(PQgetvalue(res, i, 9));
		m->tries = atoi(PQgetvalue(res, i, 10));
		m->made_ms = strtoll(PQgetvalue(res, i, 11), NULL, 10);
		m->trigger_ms = m->made_ms;
		m->next_ms = strtoll(PQgetvalue(res, i, 12), NULL, 10);
		m->sent_ms = strtoll(PQgetvalue(res, i, 13), NULL, 10);
		snprintf(m->error, sizeof m->error, "%s", PQgetvalue(res, i, 14));
		snprintf(out[i].office, sizeof out[i].office, "%s",
		    PQgetvalue(res, i, 15));
	}
	*n = k;
}

int
cdb_notify_due(cdb *c, int64_t now_ms, struct cdb_msg *out, int *n)
{
	char now[24], lim[16];
	const char *v[2] = { now, lim };
	PGresult *res;
	int rc;

	snprintf(now, sizeof now, "%lld", (long long)now_ms);
	snprintf(lim, sizeof lim, "%d", *n);
	if ((rc = cdb_run(c, cdb_notify_sql[CN_DUE], 2, v, &res))) {
		*n = 0;
		return rc;
	}
	rows(res, out, n);
	PQclear(res);
	return CDB_OK;
}

int
cdb_notify_result(cdb *c, const struct q_msg *m, int ok, int permanent,
                  const char *why, int max_tries, int backoff_s,
                  int64_t now_ms)
{
	char id[24], tries[16], next[24], sent[24];
	const char *v[6] = { id, NULL, tries, next, sent, "" };
	int64_t next_ms = m->next_ms;
	enum q_msg_state st;
	PGresult *res;
	int rc, changed;

	st = q_msg_after_try(m->tries + 1, ok, permanent, max_tries, backoff_s,
	    now_ms, &next_ms);
	snprintf(id, sizeof id, "%lld", (long long)m->id);
	snprintf(tries, sizeof tries, "%d", m->tries + 1);
	snprintf(next, sizeof next, "%lld", (long long)next_ms);
	snprintf(sent, sizeof sent, "%lld", (long long)(ok ? now_ms : 0));
	v[1] = q_msg_state_name(st);
	if (!ok && why)
		v[5] = why;
	if ((rc = cdb_run(c, cdb_notify_sql[CN_RESULT], 6, v, &res)))
		return rc;
	changed = atoi(PQcmdTuples(res));
	PQclear(res);
	return changed ? CDB_OK : CDB_ENOTFOUND;
}

int
cdb_notify_counts(cdb *c, int counts[Q_MSG_STATE_COUNT], int64_t *oldest)
{
	PGresult *res;
	int rc;

	memset(counts, 0, sizeof(int) * Q_MSG_STATE_COUNT);
	*oldest = 0;
	if ((rc = cdb_run(c, cdb_notify_sql[CN_COUNTS], 0, NULL, &res)))
		return rc;
	for (int i = 0; i < PQntuples(res); i++) {
		enum q_msg_state st = state_of(PQgetvalue(res, i, 0));

		counts[st] = atoi(PQgetvalue(res, i, 1));
		if (st == Q_MSG_PENDING)
			*oldest = strtoll(PQgetvalue(res, i, 2), NULL, 10);
	}
	PQclear(res);
	return CDB_OK;
}

int
cdb_notify_list(cdb *c, enum q_msg_state st, struct cdb_msg *out, int *n)
{
	char lim[16];
	const char *v[2] = { NULL, lim };
	PGresult *res;
	int rc;

	if ((unsigned)st >= Q_MSG_STATE_COUNT)
		return CDB_EINVAL;
	v[0] = q_msg_state_name(st);
	snprintf(lim, sizeof lim, "%d", *n);
	if ((rc = cdb_run(c, cdb_notify_sql[CN_LIST], 2, v, &res))) {
		*n = 0;
		return rc;
	}
	rows(res, out, n);
	PQclear(res);
	return CDB_OK;
}

int
cdb_notify_purge(cdb *c, const char *day, int *removed)
{
	const char *v[1] = { day };
	PGresult *res;
	int rc;

	*removed = 0;
	if ((rc = cdb_run(c, cdb_notify_sql[CN_PURGE], 1, v, &res)))
		return rc;
	*removed = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	return CDB_OK;
}
