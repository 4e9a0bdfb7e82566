/* db_outbox.c - the rows of reminders: the phone numbers attached to a
 * ticket or a booking (the phones table; a booking may also hold the one
 * given when it was booked), the outbox of messages with their tries,
 * the notifier's cursor in the events, and the deletion of old numbers.
 * The rules are queue_notify.c's; the SQL is db_sql.c's (S_PH_*, S_OB_*,
 * S_NC_*, S_PV_*).  Calls db_stmt.c only.
 */
#include "db_int.h"

#include <string.h>

int
db_phone_put(db *d, int64_t ticket, int64_t booking, const char *phone,
             const char *lang, const char *day, int64_t now)
{
	if (ticket)
		return db_exec(d, S_PH_PUT_T, NULL, "ltttl", ticket, phone,
		    lang, day, now);
	return db_exec(d, S_PH_PUT_B, NULL, "ltttl", booking, phone, lang,
	    day, now);
}

int
db_phone_del(db *d, int64_t ticket, int64_t booking)
{
	int rc;

	if (ticket)
		return db_exec(d, S_PH_DEL_T, NULL, "l", ticket);
	if ((rc = db_exec(d, S_PH_DEL_B, NULL, "l", booking)))
		return rc;
	return db_exec(d, S_BK_PHONE_CLEAR, NULL, "l", booking);
}

struct bk_row {
	char *day, *state;
	size_t len;
	int64_t *slot_ms;
};

static void
row_bk(sqlite3_stmt *s, void *out)
{
	struct bk_row *b = out;

	db_col_text(s, 0, b->day, Q_DAY_MAX);
	db_col_text(s, 1, b->state, b->len);
	*b->slot_ms = sqlite3_column_int64(s, 2);
}

int
db_booking_by_id(db *d, int64_t id, char day[Q_DAY_MAX], char *state,
                 size_t len, int64_t *slot_ms)
{
	struct bk_row b = { day, state, len, slot_ms };
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_BK_BY_ID, &rc, "l", id);

	return db_one_row(d, s, rc, Q_ENOTICKET, row_bk, &b);
}

struct ph_row {
	char *phone, *lang;
	size_t len;
};

static void
row_ph(sqlite3_stmt *s, void *out)
{
	struct ph_row *p = out;

	db_col_text(s, 0, p->phone, p->len);
	db_col_text(s, 1, p->lang, 3);
}

int
db_phone_for(db *d, int64_t ticket, int64_t booking, char *phone,
             size_t len, char lang[3])
{
	struct ph_row p = { phone, lang, len };
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_PH_FOR, &rc, "ll", ticket, booking);

	return db_one_row(d, s, rc, Q_ENOTICKET, row_ph, &p);
}

static void
row_id(sqlite3_stmt *s, void *out)
{
	*(int64_t *)out = sqlite3_column_int64(s, 0);
}

int
db_phone_live(db *d, int64_t *ids, int *n)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_PH_LIVE, &rc, "i", *n);

	return db_many_rows(d, s, rc, row_id, ids, sizeof *ids, n);
}

int
db_outbox_has(db *d, int64_t ticket, int64_t booking, const char *kind,
              int *has)
{
	int64_t v = 0;
	int rc = db_int(d, S_OB_HAS, &v, "llt", ticket, booking, kind);

	*has = v > 0;
	return rc;
}

int
db_outbox_add(db *d, const struct q_msg *m, const char *day, int *added)
{
	int ch = 0, rc;

	rc = db_exec(d, S_OB_INSERT, &ch, "lltitttttll", m->ticket,
	    m->booking, q_msg_kind_name(m->kind), m->channel, m->lang,
	    m->phone, day, m->p1, m->p2, m->trigger_ms, m->made_ms);
	*added = ch;
	return rc;
}

static void
row_msg(sqlite3_stmt *s, void *out)
{
	struct q_msg *m = out;
	char buf[16];

	memset(m, 0, sizeof *m);
	m->id = sqlite3_column_int64(s, 0);
	m->ticket = sqlite3_column_int64(s, 1);
	m->booking = sqlite3_column_int64(s, 2);
	db_col_text(s, 3, buf, sizeof buf);
	m->kind = Q_MSG_KIND_COUNT;
	for (int k = 0; k < Q_MSG_KIND_COUNT; k++)
		if (!strcmp(buf, q_msg_kind_name((enum q_msg_kind)k)))
			m->kind = (enum q_msg_kind)k;
	m->channel = sqlite3_column_int(s, 4);
	db_col_text(s, 5, m->lang, sizeof m->lang);
	db_col_text(s, 6, m->phone, sizeof m->phone);
	db_col_text(s, 7, m->p1, sizeof m->p1);
	db_col_text(s, 8, m->p2, sizeof m->p2);
	db_col_text(s, 9, buf, sizeof buf);
	m->state = Q_MSG_PENDING;
	for (int k = 0; k < Q_MSG_STATE_COUNT; k++)
		if (!strcmp(buf, q_msg_state_name((enum q_msg_state)k)))
			m->state = (enum q_msg_state)k;
	m->tries = sqlite3_column_int(s, 10);
	m->trigger_ms = sqlite3_column_int64(s, 11);
	m->made_ms = sqlite3_column_int64(s, 12);
	m->next_ms = sqlite3_column_int64(s, 13);
	m->sent_ms = sqlite3_column_int64(s, 14);
	db_col_text(s, 15, m->error, sizeof m->error);
}

int
db_outbox_due(db *d, int64_t now, struct q_msg *out, int *n)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_OB_DUE, &rc, "li", now, *n);

	return db_many_rows(d, s, rc, row_msg, out, sizeof *out, n);
}

int
db_outbox_list(db *d, const char *state, struct q_msg *out, int *n)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_OB_LIST, &rc, "ti", state, *n);

	return db_many_rows(d, s, rc, row_msg, out, sizeof *out, n);
}

int
db_outbox_get(db *d, int64_t id, struct q_msg *m)
{
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_OB_GET, &rc, "l", id);

	return db_one_row(d, s, rc, Q_ENOTICKET, row_msg, m);
}

int
db_outbox_set(db *d, const struct q_msg *m)
{
	return db_exec(d, S_OB_SET, NULL, "ltillt", m->id,
	    q_msg_state_name(m->state), m->tries, m->next_ms, m->sent_ms,
	    m->error);
}

struct counts {
	int *counts;
	int64_t *oldest;
};

static int
row_count(sqlite3_stmt *s, void *ctx)
{
	struct counts *c = ctx;
	char buf[16];

	db_col_text(s, 0, buf, sizeof buf);
	for (int k = 0; k < Q_MSG_STATE_COUNT; k++)
		if (!strcmp(buf, q_msg_state_name((enum q_msg_state)k))) {
			c->counts[k] = sqlite3_column_int(s, 1);
			if (k == Q_MSG_PENDING)
				*c->oldest = sqlite3_column_int64(s, 2);
		}
	return Q_OK;
}

int
db_outbox_counts(db *d, int counts[Q_MSG_STATE_COUNT], int64_t *oldest)
{
	struct counts c = { counts, oldest };
	int rc = Q_OK;
	sqlite3_stmt *s = db_query(d, S_OB_COUNTS, &rc, "");

	memset(counts, 0, sizeof(int) * Q_MSG_STATE_COUNT);
	*oldest = 0;
	return db_each_row(d, s, rc, row_count, &c);
}

int
db_notify_cursor(db *d, int64_t *last)
{
	int rc = db_int(d, S_NC_GET, last, "");

	if (rc == Q_ENOTICKET) {
		*last = 0;
		rc = Q_OK;
	}
	return rc;
}

int
db_notify_cursor_put(db *d, int64_t last)
{
	return db_exec(d, S_NC_PUT, NULL, "l", last);
}

int
db_privacy_purge(db *d, const char *day, int *n)
{
	int a = 0, b = 0, c = 0, rc;

	if ((rc = db_exec(d, S_PV_PHONES, &a, "t", day)) ||
	    (rc = db_exec(d, S_PV_BOOKINGS, &b, "t", day)) ||
	    (rc = db_exec(d, S_PV_OUTBOX, &c, "t", day)))
		return rc;
	*n = a + b + c;
	return Q_OK;
}
