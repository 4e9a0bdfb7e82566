/* queue_token.c - the visitor's link to their ticket: a random token per
 * ticket (made at issue), today's ticket by its token, and where a ticket
 * stands now (people ahead at the door and in its service, the estimate).
 *
 * A token is 80 random bits (getrandom) written as 16 lowercase base32
 * digits (RFC 4648's alphabet, a-z 2-7): URL-safe, short enough for a
 * small QR code, and not guessable like the label A007 that every day
 * reuses.  It only reaches today's ticket: the link ends with the day.
 */
#define _GNU_SOURCE
#include "queue_int.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

static const char b32[] = "abcdefghijklmnopqrstuvwxyz234567";

int
qi_ticket_token(char out[Q_TICKET_TOKEN_MAX])
{
	unsigned char raw[Q_TICKET_TOKEN_LEN * 5 / 8];
	unsigned acc = 0;
	int bits = 0, k = 0;

	out[0] = 0;
	if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
		return Q_ENOMEM;
	for (size_t i = 0; i < sizeof raw; i++) {
		acc = (acc << 8) | raw[i];
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			out[k++] = b32[(acc >> bits) & 31];
		}
	}
	out[k] = 0;
	return Q_OK;
}

/* 1 when s is Q_TICKET_TOKEN_LEN digits of the alphabet. */
static int
token_valid(const char *s)
{
	size_t n = 0;

	if (!s)
		return 0;
	for (; s[n]; n++)
		if (n >= Q_TICKET_TOKEN_LEN || !strchr(b32, s[n]))
			return 0;
	return n == Q_TICKET_TOKEN_LEN;
}

int
queue_ticket_by_token(queue *q, const char *token, struct q_ticket *t)
{
	char stored[Q_DAY_MAX], clock[Q_DAY_MAX];
	int rc;

	memset(t, 0, sizeof *t);
	if (!token_valid(token))
		return Q_EINVAL;
	if ((rc = qi_today(q, stored)))
		return rc;
	/* after midnight the stored day may wait for the first write: the
	 * clock's day already ends yesterday's links (a clock behind the
	 * stored day does not bring them back) */
	q_day_of(queue_now_ms(q), clock);
	return db_ticket_by_token(q->d, strcmp(clock, stored) > 0 ? clock :
	    stored, token, t);
}

int
queue_ticket_cancel_reason(queue *q, const struct q_ticket *t, char *buf,
                           size_t len)
{
	struct q_event_rec e;
	int64_t since = 0;
	int rc;

	if (len)
		buf[0] = 0;
	if (t->state != Q_CANCELLED)
		return Q_OK;
	rc = db_setting_get_int(q->d, "day_first_event", &since);
	if (rc && rc != Q_ENOTICKET)
		return rc;
	rc = db_event_of_ticket(q->d, since, t->id, QE_CANCELLED, &e);
	if (rc == Q_ENOTICKET)
		return Q_OK;
	if (rc == Q_OK && len)
		snprintf(buf, len, "%s", e.detail);
	return rc;
}
