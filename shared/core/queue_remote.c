/* queue_remote.c - remote tickets and check-in: the rules of a ticket
 * taken before the visitor is at the office (docs/rules.md, "Remote
 * tickets and check-in").
 *
 * Start at queue_remote_issue: a real ticket of today's queue (number,
 * token) in state EXPECTED, which is neither at the door nor in the room
 * nor callable, with a check-in code of 6 characters (typed) and a QR
 * text that adds an 80-bit secret; only their SHA-256 is stored (the
 * rows are db_remote.c's).  Then queue_checkin: a right code moves the
 * ticket to the door at its place (its issue time) in one transaction,
 * and the room's rules admit it or keep it outside; a ticket whose turn
 * passed more than grace_min ago joins the end.  A wrong code changes
 * nothing but its source's count of wrong codes (the rate limit).
 */
#define _GNU_SOURCE
#include "queue_int.h"

#include <ctype.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

/* No look-alikes: no 0/O/Q/D, 1/I/L/T, 2/Z, 5/S, 8/B, U/V, 6/G. */
static const char alphabet[] = "ACEFHJKMNPRWXY34679";
#define NALPHA ((int)sizeof alphabet - 1)

void
q_remote_defaults(struct q_remote_rules *r)
{
	r->share = 30;
	r->grace_min = 15;
	r->come_min = 30;
}

/* SHA-256 of s as hex. */
static int
sha_hex(const char *s, char out[Q_HASH_HEX])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;

	out[0] = 0;
	if (!EVP_Digest(s, strlen(s), md, &n, EVP_sha256(), NULL) || n != 32)
		return Q_ENOMEM;
	for (unsigned i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	return Q_OK;
}

/* A fresh code of Q_CHECKIN_CODE_LEN characters of the alphabet, each
 * drawn uniformly (bytes above the last whole multiple are redrawn). */
static int
new_code(char out[Q_CHECKIN_CODE_LEN + 1])
{
	unsigned char b;
	int k = 0;

	while (k < Q_CHECKIN_CODE_LEN) {
		if (getrandom(&b, 1, 0) != 1)
			return Q_ENOMEM;
		if (b >= 256 - 256 % NALPHA)
			continue;
		out[k++] = alphabet[b % NALPHA];
	}
	out[k] = 0;
	return Q_OK;
}

int
queue_remote_issue(queue *q, char code, const struct q_remote_rules *r,
                   struct q_ticket *t,
                   char checkin_code[Q_CHECKIN_CODE_LEN + 1],
                   char qr[Q_CHECKIN_QR_MAX])
{
	char today[Q_DAY_MAX], secret[Q_TICKET_TOKEN_MAX];
	char ch[Q_HASH_HEX], sh[Q_HASH_HEX];
	struct q_service s;
	int rc, refused = Q_OK, issued, remote;

	memset(t, 0, sizeof *t);
	checkin_code[0] = qr[0] = 0;
	if (!qi_valid_code(code))
		return Q_ENOSERVICE;
	if ((rc = qi_begin(q, today)))
		return rc;
	if ((rc = db_service_get(q->d, code, &s)))
		goto err;
	if (!s.open) {
		refused = Q_ECLOSED;
		rc = qi_event(q, QE_REFUSED, NULL, code, 0, "service closed");
		goto err;
	}
	if (s.quota > 0) {
		if ((rc = db_count_issued(q->d, today, code, &issued)) ||
		    (rc = db_checkin_count(q->d, today, code, &remote)))
			goto err;
		if (issued >= s.quota) {
			refused = Q_EQUOTA;
			rc = qi_event(q, QE_REFUSED, NULL, code, 0, "quota reached");
			goto err;
		}
		/* the walk-ins' part of the quota stays theirs */
		if ((int64_t)remote * 100 >= (int64_t)s.quota * r->share) {
			refused = Q_ESHARE;
			rc = qi_event(q, QE_REFUSED, NULL, code, 0,
			    "remote share reached");
			goto err;
		}
	}
	if ((rc = db_ticket_next_seq(q->d, today, code, &t->seq)))
		goto err;
	snprintf(t->label, sizeof t->label, "%c%03d", code, t->seq % 10000);
	snprintf(t->day, sizeof t->day, "%s", today);
	snprintf(t->kiosk, sizeof t->kiosk, "%s", q->actor);
	t->service = t->issue_service = code;
	t->state = Q_EXPECTED;
	t->issued_ms = t->place_ms = queue_now_ms(q);
	if ((rc = qi_ticket_token(t->token)) ||
	    (rc = qi_ticket_token(secret)) ||
	    (rc = db_ticket_insert(q->d, t)) ||
	    (rc = sha_hex(secret, sh)))
		goto err;
	/* a code is unique within its day: draw again on a clash */
	for (int i = 0; i < 20; i++) {
		if ((rc = new_code(checkin_code)) || (rc = sha_hex(checkin_code,
		    ch)))
			goto err;
		rc = db_checkin_insert(q->d, t->id, today, ch, sh);
		if (rc != Q_EEXIST)
			break;
	}
	if (rc || (rc = qi_event(q, QE_ISSUED, t, 0, 0, Q_ISSUED_REMOTE)) ||
	    (rc = qi_ticket_wait(q, t, 0)))
		goto err;
	snprintf(qr, Q_CHECKIN_QR_MAX, "%s-%s", checkin_code, secret);
err:
	rc = db_end(q->d, rc);
	if (rc || refused) {
		memset(t, 0, sizeof *t);
		checkin_code[0] = qr[0] = 0;
	}
	return rc ? rc : refused;
}

/* Split a typed code or a QR text into the code (upper case) and the
 * secret ("" when typed).  Q_EINVAL when it is neither. */
static int
parse_checkin(const char *text, char code[Q_CHECKIN_CODE_LEN + 1],
              char secret[Q_TICKET_TOKEN_MAX])
{
	size_t n = text ? strlen(text) : 0;

	code[0] = secret[0] = 0;
	if (n != Q_CHECKIN_CODE_LEN &&
	    n != Q_CHECKIN_CODE_LEN + 1 + Q_TICKET_TOKEN_LEN)
		return Q_EINVAL;
	for (int i = 0; i < Q_CHECKIN_CODE_LEN; i++) {
		char c = (char)toupper((unsigned char)text[i]);

		if (!c || !strchr(alphabet, c))
			return Q_EINVAL;
		code[i] = c;
	}
	code[Q_CHECKIN_CODE_LEN] = 0;
	if (n == Q_CHECKIN_CODE_LEN)
		return Q_OK;
	if (text[Q_CHECKIN_CODE_LEN] != '-')
		return Q_EINVAL;
	for (int i = 0; i < Q_TICKET_TOKEN_LEN; i++) {
		char c = text[Q_CHECKIN_CODE_LEN + 1 + i];

		if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7')))
			return Q_EINVAL;
		secret[i] = c;
	}
	secret[Q_TICKET_TOKEN_LEN] = 0;
	return Q_OK;
}

/* Count a wrong code from this handle's actor; lock it after
 * Q_CHECKIN_TRIES within a minute.  Writes an event, as a wrong PIN. */
static int
count_wrong(queue *q, int64_t now, const char *why)
{
	int64_t since, until;
	int fails, rc;

	if ((rc = db_checkin_tries(q->d, q->actor, &since, &fails, &until)))
		return rc;
	if (now - since >= 60 * 1000) {
		since = now;
		fails = 0;
	}
	fails++;
	if (fails >= Q_CHECKIN_TRIES)
		until = now + (int64_t)Q_CHECKIN_LOCK_S * 1000;
	if ((rc = db_checkin_tries_set(q->d, q->actor, since, fails, until)))
		return rc;
	return qi_event(q, QE_CHECKIN_FAILED, NULL, 0, 0, why);
}

/* The code's ticket, or the refusal (Q_ECODE*). */
static int
find_code(queue *q, const char *today, const char *code, const char *secret,
          struct q_ticket *t)
{
	struct db_checkin c;
	char h[Q_HASH_HEX];
	int rc;

	if ((rc = sha_hex(code, h)))
		return rc;
	rc = db_checkin_get(q->d, h, today, &c);
	if (rc == Q_ENOTICKET)
		return Q_ECODE;
	if (rc)
		return rc;
	if (secret[0]) {
		if ((rc = sha_hex(secret, h)))
			return rc;
		if (strcmp(h, c.secret_hash))
			return Q_ECODE;          /* a forged QR */
	}
	if (strcmp(c.day, today))
		return Q_ECODEDAY;
	if ((rc = db_ticket_get(q->d, c.ticket, t)))
		return rc;
	if (c.used_ms)
		return Q_ECODEUSED;
	if (t->state != Q_EXPECTED)
		return Q_ECODEEXPIRED;
	return Q_OK;
}

int
queue_checkin(queue *q, const char *text, const struct q_remote_rules *r,
              struct q_ticket *t, enum q_checkin_how *how)
{
	char today[Q_DAY_MAX], code[Q_CHECKIN_CODE_LEN + 1];
	char secret[Q_TICKET_TOKEN_MAX];
	int64_t now, since, until, passed;
	int rc, refused = Q_OK, fails, occ, outside, limit, space;

	memset(t, 0, sizeof *t);
	*how = Q_CHECKIN_IN_PLACE;
	if ((rc = parse_checkin(text, code, secret)))
		return rc;
	if ((rc = qi_begin(q, today)))
		return rc;
	now = queue_now_ms(q);
	if ((rc = db_checkin_tries(q->d, q->actor, &since, &fails, &until)))
		goto err;
	if (until > now) {
		refused = Q_ECODELOCKED;
		goto err;
	}
	rc = find_code(q, today, code, secret, t);
	if (rc == Q_ECODE || rc == Q_ECODEDAY || rc == Q_ECODEUSED ||
	    rc == Q_ECODEEXPIRED) {
		refused = rc;
		rc = count_wrong(q, now, queue_strerror(refused));
		goto err;
	}
	if (rc)
		goto err;
	/* its turn passed when a ticket placed after it was called; longer
	 * ago than the grace: the end of the line */
	if ((rc = db_turn_passed(q->d, today, t->service, t->place_ms, t->id,
	    &passed)))
		goto err;
	if (passed && now - passed > (int64_t)r->grace_min * 60 * 1000) {
		t->place_ms = now;
		*how = Q_CHECKIN_LATE;
	}
	if ((rc = qi_limit(q, &limit)) ||
	    (rc = db_count_state(q->d, -1, 0, &occ)) ||
	    (rc = db_count_state(q->d, Q_OUTSIDE, 0, &outside)))
		goto err;
	t->state = Q_OUTSIDE;
	if ((rc = db_ticket_update(q->d, t)) ||
	    (rc = db_checkin_use(q->d, t->id, now)) ||
	    (rc = qi_event(q, QE_CHECKED_IN, t, 0, 0,
	    *how == Q_CHECKIN_LATE ? Q_CHECKIN_LATE_DETAIL : "at its place")))
		goto err;
	/* the room's rules, as for a walk-in at the kiosk: in when there is
	 * space and nobody waits at the door; else the door's order decides
	 * (its place may put it first) when a place frees */
	space = (limit == 0 || occ < limit) && outside == 0;
	if (space) {
		t->state = Q_ADMITTED;
		t->admitted_ms = now;
		if ((rc = db_ticket_update(q->d, t)) ||
		    (rc = qi_event(q, QE_ADMITTED, t, 0, 0, Q_ADMIT_AT_ISSUE)) ||
		    (rc = db_day_peak(q->d, today, occ + 1)))
			goto err;
	} else if ((rc = qi_admit_waiting(q, today)) ||
	    (rc = db_ticket_get(q->d, t->id, t))) {
		goto err;
	}
	rc = qi_ticket_wait(q, t, 0);
err:
	rc = db_end(q->d, rc);
	if (rc || refused)
		memset(t, 0, sizeof *t);
	return rc ? rc : refused;
}
