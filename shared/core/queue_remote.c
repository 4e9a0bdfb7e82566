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
 *
 * Appointments (below "appointments") are the same concern, a visitor
 * not at the door yet: a booking gets its code from the same makers
 * (new_code, sha_hex), counts in the same share of the quota
 * (share_used), checks in through queue_checkin (checkin_booking) and
 * becomes a ticket of this queue on its day.
 */
#define _GNU_SOURCE
#include "queue_int.h"

#include <ctype.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "config.h"
#include "text.h"

/* No look-alikes: no 0/O/Q/D, 1/I/L/T, 2/Z, 5/S, 8/B, U/V, 6/G. */
const char q_checkin_alphabet[] = "ACEFHJKMNPRWXY34679";
#define NALPHA Q_CHECKIN_ALPHA_N
_Static_assert(sizeof q_checkin_alphabet - 1 == Q_CHECKIN_ALPHA_N,
    "Q_CHECKIN_ALPHA_N counts q_checkin_alphabet");

void
q_remote_defaults(struct q_remote_rules *r)
{
	r->share = 30;
	r->grace_min = 15;
	r->come_min = 30;
}

void
q_remote_from_config(const struct config *cfg, struct q_remote_rules *r)
{
	q_remote_defaults(r);
	if (!cfg)
		return;
	r->share = (int)config_int(cfg, "remote", "share", r->share);
	r->grace_min = (int)config_int(cfg, "remote", "grace_min",
	    r->grace_min);
	r->come_min = (int)config_int(cfg, "remote", "come_min",
	    r->come_min);
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
		out[k++] = q_checkin_alphabet[b % NALPHA];
	}
	out[k] = 0;
	return Q_OK;
}

/* 1 when one more remote or booked ticket of service s on day would pass
 * [remote] share of its quota (no quota: no cap). */
static int
share_used(queue *q, const struct q_service *s, const char *day,
           const char *today, const struct q_remote_rules *r, int *used)
{
	int remote = 0, booked = 0, rc;

	*used = 0;
	if (s->quota <= 0)
		return Q_OK;
	if (!strcmp(day, today) &&
	    (rc = db_checkin_count(q->d, today, s->code, &remote)))
		return rc;
	if ((rc = db_booking_count_day(q->d, s->code, day, &booked)))
		return rc;
	*used = (int64_t)(remote + booked) * 100 >= (int64_t)s->quota *
	    r->share;
	return Q_OK;
}

/* A new check-in code and QR secret for what the head office's request
 * had issued already (ticket tk, or booking bk when tk is 0) but never
 * got answered: the old code was shown to nobody.  Q_ECODEUSED when it
 * was checked in meanwhile. */
static int
rekey(queue *q, int64_t tk, int64_t bk, char checkin_code[Q_CHECKIN_CODE_LEN
      + 1], char secret[Q_TICKET_TOKEN_MAX])
{
	char ch[Q_HASH_HEX], sh[Q_HASH_HEX];
	int rc;

	if ((rc = qi_ticket_token(secret)) || (rc = sha_hex(secret, sh)))
		return rc;
	for (int i = 0; i < 20; i++) {
		if ((rc = new_code(checkin_code)) || (rc = sha_hex(checkin_code,
		    ch)))
			return rc;
		rc = tk ? db_checkin_rekey(q->d, tk, ch, sh) :
		    db_booking_rekey(q->d, bk, ch, sh);
		if (rc != Q_EEXIST)
			break;
	}
	return rc == Q_ENOTICKET ? Q_ECODEUSED : rc;
}

/* queue_remote_issue, and queue_request_remote when req is not 0 */
static int
remote_issue(queue *q, int64_t req, char code, const struct q_remote_rules *r,
             struct q_ticket *t, char checkin_code[Q_CHECKIN_CODE_LEN + 1],
             char qr[Q_CHECKIN_QR_MAX])
{
	char today[Q_DAY_MAX], secret[Q_TICKET_TOKEN_MAX];
	char ch[Q_HASH_HEX], sh[Q_HASH_HEX];
	struct q_service s;
	int64_t tk = 0, bk = 0;
	int rc, refused = Q_OK, remote;

	memset(t, 0, sizeof *t);
	checkin_code[0] = qr[0] = 0;
	if (!qi_valid_code(code))
		return Q_ENOSERVICE;
	if ((rc = qi_begin(q, today)))
		return rc;
	if (req && (rc = db_request_get(q->d, req, &tk, &bk)))
		goto err;
	if (tk) {                          /* issued, never answered */
		rc = rekey(q, tk, 0, checkin_code, secret);
		if (rc == Q_ECODEUSED) {
			refused = rc;
			rc = Q_OK;
			goto err;
		}
		if (rc || (rc = db_ticket_get(q->d, tk, t)) ||
		    (rc = qi_ticket_wait(q, t, 0)))
			goto err;
		snprintf(qr, Q_CHECKIN_QR_MAX, "%s-%s", checkin_code, secret);
		goto err;
	}
	if ((rc = qi_service_takes(q, code, today, &s, &refused)) || refused)
		goto err;
	/* the walk-ins' part of the quota stays theirs */
	if (s.quota > 0) {
		if ((rc = share_used(q, &s, today, today, r, &remote)))
			goto err;
		if (remote) {
			refused = Q_ESHARE;
			rc = qi_event(q, QE_REFUSED, NULL, code, 0,
			    "remote share reached");
			goto err;
		}
	}
	if ((rc = qi_new_ticket(q, today, code, t)))
		goto err;
	t->state = Q_EXPECTED;
	if ((rc = qi_ticket_token(secret)) ||
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
	    (req && (rc = db_request_put(q->d, req, t->id, 0,
	    queue_now_ms(q)))) || (rc = qi_ticket_wait(q, t, 0)))
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

int
queue_remote_issue(queue *q, char code, const struct q_remote_rules *r,
                   struct q_ticket *t,
                   char checkin_code[Q_CHECKIN_CODE_LEN + 1],
                   char qr[Q_CHECKIN_QR_MAX])
{
	return remote_issue(q, 0, code, r, t, checkin_code, qr);
}

int
queue_request_remote(queue *q, int64_t req, char code,
                     const struct q_remote_rules *r, struct q_ticket *t,
                     char checkin_code[Q_CHECKIN_CODE_LEN + 1],
                     char qr[Q_CHECKIN_QR_MAX])
{
	if (req <= 0)
		return Q_EINVAL;
	return remote_issue(q, req, code, r, t, checkin_code, qr);
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

		if (!c || !strchr(q_checkin_alphabet, c))
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

/* The start of a write that takes a code (check-in, giving a ticket
 * back): text parsed, the transaction begun (today, *now), and this
 * source's lock looked at.  Q_OK with the transaction open, *locked 1
 * when the source must still wait; an error: no transaction. */
static int
code_begin(queue *q, const char *text, char code[Q_CHECKIN_CODE_LEN + 1],
           char secret[Q_TICKET_TOKEN_MAX], char today[Q_DAY_MAX],
           int64_t *now, int *locked)
{
	int64_t since, until;
	int rc, fails;

	*locked = 0;
	if ((rc = parse_checkin(text, code, secret)) ||
	    (rc = qi_begin(q, today)))
		return rc;
	*now = queue_now_ms(q);
	if ((rc = db_checkin_tries(q->d, q->actor, &since, &fails, &until)))
		return db_end(q->d, rc);
	*locked = until > *now;
	return Q_OK;
}

/* A ticket now OUTSIDE in its row (events written) meets the room's
 * rules, as a walk-in at the kiosk: in at once when the room has space
 * and nobody else waits outside; else the door's order decides when a
 * place frees (its place may put it first).  *t is read again. */
static int
enter_door(queue *q, const char *today, struct q_ticket *t)
{
	int rc, occ, outside, limit;

	if ((rc = qi_limit(q, &limit)) ||
	    (rc = db_count_state(q->d, -1, 0, &occ)) ||
	    (rc = db_count_state(q->d, Q_OUTSIDE, 0, &outside)))
		return rc;
	if ((limit == 0 || occ < limit) && outside == 1) {
		t->state = Q_ADMITTED;
		t->admitted_ms = queue_now_ms(q);
		if ((rc = db_ticket_update(q->d, t)) ||
		    (rc = qi_event(q, QE_ADMITTED, t, 0, 0, Q_ADMIT_AT_ISSUE)))
			return rc;
		return db_day_peak(q->d, today, occ + 1);
	}
	if ((rc = qi_admit_waiting(q, today)))
		return rc;
	return db_ticket_get(q->d, t->id, t);
}

/* The code's row (a remote ticket's or a booking's), or the refusal. */
struct found {
	int booking;                 /* 1: b is set, else t */
	struct db_booking b;
	struct q_ticket t;
};

static int
find_code(queue *q, const char *today, const char *code, const char *secret,
          struct found *f)
{
	struct db_checkin c;
	char h[Q_HASH_HEX], sh[Q_HASH_HEX] = "";
	const char *want, *day;
	int rc;

	memset(f, 0, sizeof *f);
	if ((rc = sha_hex(code, h)) ||
	    (secret[0] && (rc = sha_hex(secret, sh))))
		return rc;
	rc = db_checkin_get(q->d, h, today, &c);
	if (rc == Q_ENOTICKET) {
		rc = db_booking_get(q->d, h, today, &f->b);
		if (rc == Q_ENOTICKET)
			return Q_ECODE;
		f->booking = 1;
		want = f->b.secret_hash;
		day = f->b.day;
	} else {
		want = c.secret_hash;
		day = c.day;
	}
	if (rc)
		return rc;
	if (secret[0] && strcmp(sh, want))
		return Q_ECODE;                  /* a forged QR */
	if (strcmp(day, today))
		return Q_ECODEDAY;
	if (f->booking)
		return strcmp(f->b.state, "booked") &&
		    strcmp(f->b.state, "no_show") ? Q_ECODEUSED : Q_OK;
	if ((rc = db_ticket_get(q->d, c.ticket, &f->t)))
		return rc;
	if (c.used_ms)
		return Q_ECODEUSED;
	if (f->t.state != Q_EXPECTED)
		return Q_ECODEEXPIRED;
	return Q_OK;
}

/* A remote ticket checks in: the door at its place, or the end. */
static int
checkin_remote(queue *q, const char *today, const struct q_remote_rules *r,
               int64_t now, struct q_ticket *t, enum q_checkin_how *how)
{
	int64_t passed;
	int rc;

	/* its turn passed when a ticket placed after it was called; longer
	 * ago than the grace: the end of the line */
	if ((rc = db_turn_passed(q->d, today, t->service, t->place_ms, t->id,
	    &passed)))
		return rc;
	if (passed && now - passed > (int64_t)r->grace_min * 60 * 1000) {
		t->place_ms = now;
		*how = Q_CHECKIN_LATE;
	}
	t->state = Q_OUTSIDE;
	if ((rc = db_ticket_update(q->d, t)) ||
	    (rc = db_checkin_use(q->d, t->id, now)) ||
	    (rc = qi_event(q, QE_CHECKED_IN, t, 0, 0,
	    *how == Q_CHECKIN_LATE ? Q_CHECKIN_LATE_DETAIL : "at its place")))
		return rc;
	return enter_door(q, today, t);
}

/* An appointment's ticket: the place of a due appointment, ahead of every
 * walk-in of the day and in slot order. */
#define SLOT_PLACE(slot) ((slot) - (int64_t)24 * 3600 * 1000)

/* The ticket of an appointment whose slot came joins the door. */
static int
slot_came(queue *q, const char *today, struct q_ticket *t)
{
	int rc;

	t->state = Q_OUTSIDE;
	if ((rc = db_ticket_update(q->d, t)) ||
	    (rc = qi_event(q, QE_CHECKED_IN, t, 0, 0, Q_CHECKIN_SLOT_DETAIL)))
		return rc;
	return enter_door(q, today, t);
}

/* A booking checks in: in its window (or earlier) a ticket that waits
 * EXPECTED for its slot, then joins the door ahead of the walk-ins;
 * later than slot + Q_SLOT_LATE_MIN a walk-in ticket. */
static int
checkin_booking(queue *q, const char *today, int64_t now,
                struct db_booking *b, struct q_ticket *t,
                enum q_checkin_how *how)
{
	int late = now > b->slot_ms + (int64_t)Q_SLOT_LATE_MIN * 60 * 1000;
	int rc;

	if ((rc = qi_new_ticket(q, today, b->service, t)))
		return rc;
	if (late) {
		*how = Q_CHECKIN_SLOT_LATE;
		t->state = Q_OUTSIDE;
		if ((rc = db_ticket_insert(q->d, t)) ||
		    (rc = qi_event(q, QE_ISSUED, t, 0, 0, NULL)) ||
		    (rc = enter_door(q, today, t)))
			return rc;
	} else {
		*how = Q_CHECKIN_SLOT;
		t->state = Q_EXPECTED;
		t->slot_ms = b->slot_ms;
		t->place_ms = SLOT_PLACE(b->slot_ms);
		if ((rc = db_ticket_insert(q->d, t)) ||
		    (rc = qi_event(q, QE_ISSUED, t, 0, 0, Q_ISSUED_BOOKING)))
			return rc;
		if (now >= b->slot_ms && (rc = slot_came(q, today, t)))
			return rc;
	}
	return db_booking_set(q->d, b->id, late ? "late" : "checked_in", t->id,
	    now);
}

int
queue_checkin(queue *q, const char *text, const struct q_remote_rules *r,
              struct q_ticket *t, enum q_checkin_how *how)
{
	char today[Q_DAY_MAX], code[Q_CHECKIN_CODE_LEN + 1];
	char secret[Q_TICKET_TOKEN_MAX];
	struct found f;
	int64_t now;
	int rc, refused = Q_OK, locked;

	memset(t, 0, sizeof *t);
	*how = Q_CHECKIN_IN_PLACE;
	if ((rc = code_begin(q, text, code, secret, today, &now, &locked)))
		return rc;
	if (locked) {
		refused = Q_ECODELOCKED;
		goto err;
	}
	rc = find_code(q, today, code, secret, &f);
	if (rc == Q_ECODE || rc == Q_ECODEDAY || rc == Q_ECODEUSED ||
	    rc == Q_ECODEEXPIRED) {
		refused = rc;
		rc = count_wrong(q, now, queue_strerror(refused));
		goto err;
	}
	if (rc)
		goto err;
	if (f.booking) {
		rc = checkin_booking(q, today, now, &f.b, t, how);
	} else {
		*t = f.t;
		rc = checkin_remote(q, today, r, now, t, how);
	}
	if (rc == Q_OK)
		rc = qi_ticket_wait(q, t, 0);
err:
	rc = db_end(q->d, rc);
	if (rc || refused)
		memset(t, 0, sizeof *t);
	return rc ? rc : refused;
}

int
queue_remote_cancel(queue *q, const char *token, const char *text)
{
	char today[Q_DAY_MAX], code[Q_CHECKIN_CODE_LEN + 1];
	char secret[Q_TICKET_TOKEN_MAX], h[Q_HASH_HEX], sh[Q_HASH_HEX];
	struct db_checkin c;
	struct q_ticket t;
	int64_t now;
	int rc, refused = Q_OK, locked;

	if ((rc = code_begin(q, text, code, secret, today, &now, &locked)))
		return rc;
	if (locked) {
		refused = Q_ECODELOCKED;
		goto err;
	}
	if ((rc = db_ticket_by_token(q->d, today, token, &t)))
		goto err;
	if ((rc = sha_hex(code, h)) || (secret[0] && (rc = sha_hex(secret,
	    sh))))
		goto err;
	rc = db_checkin_get(q->d, h, today, &c);
	if (rc == Q_ENOTICKET || (!rc && (c.ticket != t.id ||
	    strcmp(c.day, today) || (secret[0] && strcmp(sh,
	    c.secret_hash))))) {
		refused = Q_ECODE;
		rc = count_wrong(q, now, queue_strerror(refused));
		goto err;
	}
	if (rc)
		goto err;
	if (t.state != Q_EXPECTED) {
		refused = Q_ESTATE;
		goto err;
	}
	t.state = Q_CANCELLED;
	t.finished_ms = now;
	if (!(rc = db_ticket_update(q->d, &t)))
		rc = qi_event(q, QE_CANCELLED, &t, 0, 0, NULL);
err:
	rc = db_end(q->d, rc);
	return rc ? rc : refused;
}

int
queue_remote_come(const struct q_ticket *t, const struct q_remote_rules *r,
                  int64_t now_ms, int64_t *by_ms)
{
	const int64_t round = (int64_t)Q_COME_ROUND_MIN * 60 * 1000;

	*by_ms = 0;
	if (t->state != Q_EXPECTED || t->est_wait_s < 0)
		return 0;
	if (t->est_wait_s < r->come_min * 60)
		return 1;
	/* rounded down: the visitor is there a little before the turn; a
	 * come_min under the rounding may put that before now: come now */
	*by_ms = (now_ms + (int64_t)t->est_wait_s * 1000) / round * round;
	if (*by_ms < now_ms) {
		*by_ms = 0;
		return 1;
	}
	return 0;
}

/* ---- appointments -------------------------------------------------------- */

int
qi_remote_step(queue *q, const char *today)
{
	int64_t ids[64], now = queue_now_ms(q);
	struct q_ticket t;
	char detail[64];
	int n, rc;

	/* bookings not checked in by slot + Q_SLOT_LATE_MIN: no-shows,
	 * their places released */
	do {
		n = 64;
		if ((rc = db_bookings_due(q->d, now - (int64_t)Q_SLOT_LATE_MIN *
		    60 * 1000, ids, &n)))
			return rc;
		for (int i = 0; i < n; i++) {
			snprintf(detail, sizeof detail, "booking #%lld",
			    (long long)ids[i]);
			if ((rc = db_booking_set(q->d, ids[i], "no_show", 0, 0)) ||
			    (rc = qi_event(q, QE_BOOKING_NO_SHOW, NULL, 0, 0,
			    detail)))
				return rc;
		}
	} while (n == 64);
	/* checked-in appointments whose slot came join the door */
	do {
		n = 64;
		if ((rc = db_tickets_slot_came(q->d, now, ids, &n)))
			return rc;
		for (int i = 0; i < n; i++)
			if ((rc = db_ticket_get(q->d, ids[i], &t)) ||
			    (rc = slot_came(q, today, &t)))
				return rc;
	} while (n == 64);
	return Q_OK;
}

static int
rules_valid(const struct q_slot_rules *r)
{
	return r->length_min >= 5 && r->length_min <= 240 &&
	    r->per_slot >= 1 && r->per_slot <= 100 &&
	    r->days_ahead >= 0 && r->days_ahead <= 90 &&
	    r->from_min >= 0 && r->to_min <= 1440 &&
	    r->from_min + r->length_min <= r->to_min;
}

int
queue_slots_set(queue *q, char code, const struct q_slot_rules *r)
{
	char today[Q_DAY_MAX], detail[80];
	struct q_service s;
	int rc;

	if (!qi_valid_code(code))
		return Q_ENOSERVICE;
	if (!rules_valid(r))
		return Q_EINVAL;
	if ((rc = qi_begin(q, today)))
		return rc;
	snprintf(detail, sizeof detail, "slots %d min x %d, %d days, "
	    "%02d:%02d-%02d:%02d", r->length_min, r->per_slot, r->days_ahead,
	    r->from_min / 60, r->from_min % 60, r->to_min / 60, r->to_min % 60);
	if ((rc = db_service_get(q->d, code, &s)) ||
	    (rc = db_slot_rules_set(q->d, code, r)))
		goto err;
	rc = qi_event(q, QE_SLOTS_CHANGED, NULL, code, 0, detail);
err:
	return db_end(q->d, rc);
}

int
queue_slots_get(queue *q, char code, struct q_slot_rules *r)
{
	int rc;

	if (!qi_valid_code(code))
		return Q_ENOSERVICE;
	if ((rc = db_read_begin(q->d)))
		return rc;
	rc = db_slot_rules_get(q->d, code, r);
	return db_end(q->d, rc == Q_ENOTICKET ? Q_ENOSLOT : rc);
}

int
queue_slots_taken(queue *q, char code, struct q_slot_taken *out, int *n)
{
	int rc;

	if (!qi_valid_code(code)) {
		*n = 0;
		return Q_ENOSERVICE;
	}
	if ((rc = db_read_begin(q->d))) {
		*n = 0;
		return rc;
	}
	rc = db_booking_per_slot(q->d, code, queue_now_ms(q), out, n);
	return db_end(q->d, rc);
}

/* 1 when slot_ms starts a slot of rules r on its day, between now and
 * days_ahead days after today; its day into day. */
static int
slot_valid(const struct q_slot_rules *r, int64_t slot_ms, int64_t now,
           const char *today, char day[Q_DAY_MAX])
{
	struct tm tm;
	time_t sec = (time_t)(slot_ms / 1000), t0;
	int min;

	if (slot_ms % 60000 || slot_ms < now || !localtime_r(&sec, &tm))
		return 0;
	min = tm.tm_hour * 60 + tm.tm_min;
	if (min < r->from_min || min + r->length_min > r->to_min ||
	    (min - r->from_min) % r->length_min)
		return 0;
	q_day_of(slot_ms, day);
	/* days ahead: noon of today plus days_ahead days, as a day */
	{
		struct tm d0 = { 0 };
		char last[Q_DAY_MAX];

		if (sscanf(today, "%4d-%2d-%2d", &d0.tm_year, &d0.tm_mon,
		    &d0.tm_mday) != 3)
			return 0;
		d0.tm_year -= 1900;
		d0.tm_mon -= 1;
		d0.tm_mday += r->days_ahead;
		d0.tm_hour = 12;
		d0.tm_isdst = -1;
		if ((t0 = mktime(&d0)) == (time_t)-1)
			return 0;
		q_day_of((int64_t)t0 * 1000, last);
		return strcmp(day, today) >= 0 && strcmp(day, last) <= 0;
	}
}

int
q_slots_on_day(const struct q_slot_rules *r, const char *day,
               const char *today, int64_t now, int64_t *out, int max)
{
	char at[32], d[Q_DAY_MAX];
	int n = 0;

	if (r->length_min <= 0)
		return 0;
	for (int m = r->from_min; m + r->length_min <= r->to_min && n < max;
	    m += r->length_min) {
		int64_t ms;

		snprintf(at, sizeof at, "%.10s %02d:%02d", day, m / 60, m % 60);
		if ((ms = q_slot_parse(at)) >= 0 &&
		    slot_valid(r, ms, now, today, d) && !strcmp(d, day))
			out[n++] = ms;
	}
	return n;
}

/* A phone number (queue.h): 6-19 digits, an optional leading '+'. */
int
q_phone_valid(const char *p)
{
	size_t n = 0;

	if (*p == '+')
		p++;
	for (; *p; p++, n++)
		if (*p < '0' || *p > '9')
			return 0;
	return n >= 6 && n < Q_BOOK_PHONE_MAX;
}

/* queue_book, and queue_request_book when req is not 0 */
static int
book(queue *q, int64_t req, char code, int64_t slot_ms, const char *name,
     const char *phone, const struct q_remote_rules *r,
     char checkin_code[Q_CHECKIN_CODE_LEN + 1], char qr[Q_CHECKIN_QR_MAX])
{
	char today[Q_DAY_MAX], secret[Q_TICKET_TOKEN_MAX], ch[Q_HASH_HEX];
	char detail[80];
	struct q_slot_rules sr;
	struct q_service s;
	struct db_booking b;
	struct tm tm;
	time_t sec = (time_t)(slot_ms / 1000);
	int64_t id = 0, tk = 0, bk = 0;
	int rc, refused = Q_OK, n, used;

	checkin_code[0] = qr[0] = 0;
	name = name ? name : "";
	phone = phone ? phone : "";
	if (!qi_valid_code(code))
		return Q_ENOSERVICE;
	if (strlen(name) >= Q_BOOK_NAME_MAX || !text_valid(name) ||
	    (*phone && !q_phone_valid(phone)))
		return Q_EINVAL;
	if ((rc = qi_begin(q, today)))
		return rc;
	memset(&b, 0, sizeof b);
	if (req && (rc = db_request_get(q->d, req, &tk, &bk)))
		goto err;
	if (bk) {                          /* booked, never answered */
		rc = rekey(q, 0, bk, checkin_code, secret);
		if (rc == Q_ECODEUSED) {
			refused = rc;
			rc = Q_OK;
			goto err;
		}
		if (rc)
			goto err;
		snprintf(qr, Q_CHECKIN_QR_MAX, "%s-%s", checkin_code, secret);
		goto err;
	}
	if ((rc = db_service_get(q->d, code, &s)))
		goto err;
	rc = db_slot_rules_get(q->d, code, &sr);
	if (rc == Q_ENOTICKET || (rc == Q_OK && !slot_valid(&sr, slot_ms,
	    queue_now_ms(q), today, b.day))) {
		rc = Q_OK;
		refused = Q_ENOSLOT;
		goto err;
	}
	if (rc)
		goto err;
	if (!s.open) {
		refused = Q_ECLOSED;
		goto err;
	}
	if ((rc = db_booking_count_slot(q->d, code, slot_ms, &n)))
		goto err;
	if (n >= sr.per_slot) {
		refused = Q_ESLOTFULL;
		goto err;
	}
	if (*phone) {
		if ((rc = db_booking_same_phone(q->d, code, b.day, phone, &n)))
			goto err;
		if (n) {
			refused = Q_EBOOKED;
			goto err;
		}
	}
	if ((rc = share_used(q, &s, b.day, today, r, &used)))
		goto err;
	if (used) {
		refused = Q_ESHARE;
		goto err;
	}
	b.service = code;
	b.slot_ms = slot_ms;
	if ((rc = qi_ticket_token(secret)) || (rc = sha_hex(secret,
	    b.secret_hash)))
		goto err;
	for (int i = 0; i < 20; i++) {
		if ((rc = new_code(checkin_code)) || (rc = sha_hex(checkin_code,
		    ch)))
			goto err;
		rc = db_booking_insert(q->d, &b, ch, name, phone,
		    queue_now_ms(q), &id);
		if (rc != Q_EEXIST)
			break;
	}
	if (rc)
		goto err;
	localtime_r(&sec, &tm);
	/* no name, no phone in the events: they are the public trail */
	snprintf(detail, sizeof detail, "booking #%lld %s %02d:%02d",
	    (long long)id, b.day, tm.tm_hour, tm.tm_min);
	/* the head office's request it answers: its reminders (the central
	 * outbox) follow the booking by this */
	if (req)
		snprintf(detail + strlen(detail), sizeof detail - strlen(detail),
		    " request #%lld", (long long)req);
	if ((rc = qi_event(q, QE_BOOKED, NULL, code, 0, detail)) ||
	    (req && (rc = db_request_put(q->d, req, 0, id, queue_now_ms(q)))))
		goto err;
	snprintf(qr, Q_CHECKIN_QR_MAX, "%s-%s", checkin_code, secret);
err:
	rc = db_end(q->d, rc);
	if (rc || refused)
		checkin_code[0] = qr[0] = 0;
	return rc ? rc : refused;
}

int
queue_book(queue *q, char code, int64_t slot_ms, const char *name,
           const char *phone, const struct q_remote_rules *r,
           char checkin_code[Q_CHECKIN_CODE_LEN + 1],
           char qr[Q_CHECKIN_QR_MAX])
{
	return book(q, 0, code, slot_ms, name, phone, r, checkin_code, qr);
}

int
queue_request_tickets(queue *q, const struct q_remote_rules *r,
                      struct q_request_ticket *out, int *n)
{
	char today[Q_DAY_MAX];
	int64_t (*ids)[2], now = queue_now_ms(q);
	int rc, max = *n;

	*n = 0;
	if (max <= 0)
		return Q_OK;
	if (!(ids = calloc((size_t)max, sizeof *ids)))
		return Q_ENOMEM;
	if ((rc = qi_today(q, today)) || (rc = db_read_begin(q->d))) {
		free(ids);
		return rc;
	}
	*n = max;
	rc = db_request_tickets(q->d, today, now -
	    (int64_t)Q_REQUEST_SHOWN_MIN * 60 * 1000, ids, n);
	for (int i = 0; !rc && i < *n; i++) {
		struct q_request_ticket *o = &out[i];

		memset(o, 0, sizeof *o);
		o->request = ids[i][0];
		if ((rc = db_ticket_get(q->d, ids[i][1], &o->t)) ||
		    (rc = qi_ticket_wait(q, &o->t, 0)))
			break;
		o->come_now = queue_remote_come(&o->t, r, now, &o->come_by_ms);
	}
	if (!rc && *n < max) {
		/* the same room, as a list of single ids */
		int64_t *miss = (int64_t *)(void *)ids;
		int m = max - *n;

		rc = db_request_missed(q->d, today, miss, &m);
		for (int i = 0; !rc && i < m; i++) {
			memset(&out[*n], 0, sizeof out[*n]);
			out[*n].request = miss[i];
			out[(*n)++].missed = 1;
		}
	}
	free(ids);
	if (rc)
		*n = 0;
	return db_end(q->d, rc);
}

int
queue_request_book(queue *q, int64_t req, char code, int64_t slot_ms,
                   const char *name, const char *phone,
                   const struct q_remote_rules *r,
                   char checkin_code[Q_CHECKIN_CODE_LEN + 1],
                   char qr[Q_CHECKIN_QR_MAX])
{
	if (req <= 0)
		return Q_EINVAL;
	return book(q, req, code, slot_ms, name, phone, r, checkin_code, qr);
}

int
queue_booking_stats(queue *q, const char *from, const char *to, int *booked,
                    int *checked_in, int *no_show)
{
	int rc;

	if ((rc = db_read_begin(q->d)))
		return rc;
	rc = db_booking_stats(q->d, from ? from : "", to ? to : "9999-12-31",
	    booked, checked_in, no_show);
	return db_end(q->d, rc);
}
