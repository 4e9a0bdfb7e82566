/* queue_admin.c - the manager's writes: services, counters, the room's
 * limit and policy, notices, closing the day, the demo office, the kiosk's
 * PIN, and the tickets' print state.  Same pattern as queue.c: qi_begin,
 * decide, write rows and an event, db_end. */
#define _GNU_SOURCE
#include "queue_int.h"
#include "text.h"

#include <crypt.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PIN_TRIES 5
#define PIN_LOCK_MS 60000

/* ---- manager ---------------------------------------------------------- */

static int
check_name(const char *s)
{
	return s && *s && strlen(s) < Q_NAME_MAX && text_valid(s) ? Q_OK :
	    Q_EINVAL;
}

int
queue_service_add(queue *q, char code, const char *name_id,
                  const char *name_en, int priority)
{
	char today[Q_DAY_MAX];
	struct q_service s;
	int rc;

	if (!qi_valid_code(code))
		return Q_EINVAL;
	if (check_name(name_id) || (name_en && *name_en && check_name(name_en)))
		return Q_EINVAL;
	memset(&s, 0, sizeof s);
	s.code = code;
	snprintf(s.name_id, sizeof s.name_id, "%s", name_id);
	snprintf(s.name_en, sizeof s.name_en, "%s",
	    name_en && *name_en ? name_en : name_id);
	s.open = 1;
	s.priority = priority ? 1 : 0;
	if ((rc = qi_begin(q, today)))
		return rc;
	rc = db_service_get(q->d, code, &(struct q_service){ 0 });
	if (rc == Q_OK) {
		rc = Q_EEXIST;
		goto err;
	}
	if (rc != Q_ENOSERVICE)
		goto err;
	if ((rc = db_service_insert(q->d, &s)))
		goto err;
	rc = qi_event(q, QE_SERVICE_ADDED, NULL, code, 0, s.name_id);
err:
	return db_end(q->d, rc);
}

int
queue_service_set_open(queue *q, char code, int open)
{
	char today[Q_DAY_MAX];
	struct q_service s;
	int rc;

	if (!qi_valid_code(code))
		return Q_ENOSERVICE;
	if ((rc = qi_begin(q, today)))
		return rc;
	if ((rc = db_service_get(q->d, code, &s)))
		goto err;
	s.open = open ? 1 : 0;
	if ((rc = db_service_update(q->d, &s)))
		goto err;
	rc = qi_event(q, open ? QE_SERVICE_OPENED : QE_SERVICE_CLOSED, NULL, code, 0,
	    NULL);
err:
	return db_end(q->d, rc);
}

int
queue_service_rename(queue *q, char code, const char *name_id,
                     const char *name_en)
{
	char today[Q_DAY_MAX];
	struct q_service s;
	int rc;

	if (!qi_valid_code(code))
		return Q_ENOSERVICE;
	if (!name_id || check_name(name_id) ||
	    (name_en && *name_en && check_name(name_en)))
		return Q_EINVAL;
	if ((rc = qi_begin(q, today)))
		return rc;
	if ((rc = db_service_get(q->d, code, &s)))
		goto err;
	snprintf(s.name_id, sizeof s.name_id, "%s", name_id);
	snprintf(s.name_en, sizeof s.name_en, "%s",
	    name_en && *name_en ? name_en : name_id);
	if ((rc = db_service_update(q->d, &s)))
		goto err;
	rc = qi_event(q, QE_SERVICE_RENAMED, NULL, code, 0, s.name_id);
err:
	return db_end(q->d, rc);
}

int
queue_service_set_quota(queue *q, char code, int quota)
{
	char today[Q_DAY_MAX], detail[16];
	struct q_service s;
	int rc;

	if (!qi_valid_code(code))
		return Q_ENOSERVICE;
	if (quota < 0 || quota > 9999)
		return Q_EINVAL;
	if ((rc = qi_begin(q, today)))
		return rc;
	if ((rc = db_service_get(q->d, code, &s)))
		goto err;
	s.quota = quota;
	if ((rc = db_service_update(q->d, &s)))
		goto err;
	snprintf(detail, sizeof detail, "%d", quota);
	rc = qi_event(q, QE_QUOTA_CHANGED, NULL, code, 0, detail);
err:
	return db_end(q->d, rc);
}

/* Check that services names existing, distinct codes, inside a tx. */
static int
check_services(queue *q, const char *services)
{
	struct q_service s;
	int rc;

	if (!services || strlen(services) > Q_MAX_SERVICES)
		return Q_EINVAL;
	for (const char *c = services; *c; c++) {
		if (!qi_valid_code(*c))
			return Q_ENOSERVICE;
		if (strchr(c + 1, *c))
			return Q_EINVAL;
		if ((rc = db_service_get(q->d, *c, &s)))
			return rc;
	}
	return Q_OK;
}

static int
set_counter_services(queue *q, int number, const char *services, int add)
{
	char today[Q_DAY_MAX], detail[Q_MAX_SERVICES + 16];
	enum q_cstate st;
	int64_t cur;
	int rc;

	if (number <= 0 || number > 999)
		return add ? Q_EINVAL : Q_ENOCOUNTER;
	if ((rc = qi_begin(q, today)))
		return rc;
	if ((rc = check_services(q, services)))
		goto err;
	rc = db_counter_get(q->d, number, &st, &cur);
	if (add && rc == Q_OK)
		rc = Q_EEXIST;
	if (add && rc == Q_ENOCOUNTER)
		rc = db_counter_insert(q->d, number, Q_COUNTER_OPEN);
	if (rc || (rc = db_counter_services_set(q->d, number, services)))
		goto err;
	snprintf(detail, sizeof detail, "services %s", services);
	rc = qi_event(q, add ? QE_COUNTER_ADDED : QE_COUNTER_SERVICES, NULL, 0, number,
	    detail);
err:
	return db_end(q->d, rc);
}

int
queue_counter_add(queue *q, int number, const char *services)
{
	return set_counter_services(q, number, services, 1);
}

int
queue_counter_set_services(queue *q, int number, const char *services)
{
	return set_counter_services(q, number, services, 0);
}

int
queue_counter_set_state(queue *q, int number, enum q_cstate st)
{
	static const enum q_event kinds[] = { QE_COUNTER_OPENED,
		QE_COUNTER_PAUSED, QE_COUNTER_CLOSED };
	char today[Q_DAY_MAX];
	enum q_cstate old;
	int64_t cur;
	int rc;

	if (number <= 0)
		return Q_ENOCOUNTER;
	if (st < Q_COUNTER_OPEN || st > Q_COUNTER_CLOSED)
		return Q_EINVAL;
	if ((rc = qi_begin(q, today)))
		return rc;
	if ((rc = db_counter_get(q->d, number, &old, &cur)))
		goto err;
	if (st == Q_COUNTER_CLOSED && cur) {
		rc = Q_EBUSYCOUNTER;
		goto err;
	}
	if ((rc = db_counter_set(q->d, number, st, cur)))
		goto err;
	rc = qi_event(q, kinds[st], NULL, 0, number, q_cstate_name(old));
err:
	return db_end(q->d, rc);
}

int
queue_set_limit(queue *q, int limit)
{
	char today[Q_DAY_MAX], detail[32];
	int rc, old;

	if (limit < 0 || limit > 100000)
		return Q_EINVAL;
	if ((rc = qi_begin(q, today)))
		return rc;
	if ((rc = qi_limit(q, &old)) ||
	    (rc = db_setting_set_int(q->d, "limit", limit)))
		goto err;
	snprintf(detail, sizeof detail, "%d->%d", old, limit);
	if ((rc = qi_event(q, QE_LIMIT_CHANGED, NULL, 0, 0, detail)))
		goto err;
	rc = qi_admit_waiting(q, today);
err:
	return db_end(q->d, rc);
}

int
queue_set_policy(queue *q, enum q_policy p)
{
	char today[Q_DAY_MAX];
	int rc;

	if (p != Q_POLICY_HOLD && p != Q_POLICY_REFUSE)
		return Q_EINVAL;
	if ((rc = qi_begin(q, today)))
		return rc;
	if ((rc = db_setting_set(q->d, "policy", q_policy_name(p))))
		goto err;
	rc = qi_event(q, QE_POLICY_CHANGED, NULL, 0, 0, q_policy_name(p));
err:
	return db_end(q->d, rc);
}

static int
set_text(queue *q, const char *key, const char *text, size_t max,
         enum q_event kind)
{
	char today[Q_DAY_MAX];
	int rc;

	if (!text || strlen(text) >= max || !text_valid(text))
		return Q_EINVAL;
	if ((rc = qi_begin(q, today)))
		return rc;
	if ((rc = db_setting_set(q->d, key, text)))
		goto err;
	rc = qi_event(q, kind, NULL, 0, 0, text);
err:
	return db_end(q->d, rc);
}

int
queue_set_notice(queue *q, const char *text)
{
	return set_text(q, "notice", text, Q_NOTICE_MAX, QE_NOTICE_CHANGED);
}

int
queue_set_office(queue *q, const char *name)
{
	if (!name || !*name)
		return Q_EINVAL;
	return set_text(q, "office", name, Q_NAME_MAX, QE_OFFICE_CHANGED);
}

/* The day's final hash: the newest event's, recorded in an event of its
 * own, so a manager can note it and any later edit of the day shows. */
static int
seal_day(queue *q, const char *today)
{
	char detail[Q_REASON_MAX], hash[Q_HASH_HEX];
	int64_t id;
	int rc;

	if ((rc = db_event_tip(q->d, &id, hash)))
		return rc;
	snprintf(detail, sizeof detail, "%s event %lld hash %s", today,
	    (long long)id, hash);
	return qi_event(q, QE_DAY_SEALED, NULL, 0, 0, detail);
}

int
queue_day_seal(queue *q, struct q_event_rec *e)
{
	int n = 1, rc;

	if ((rc = db_events_recent(q->d, QE_DAY_SEALED, QE_DAY_SEALED, 0, e,
	    &n)))
		return rc;
	return n == 1 ? Q_OK : Q_ENOTICKET;
}

int
queue_close_day(queue *q, const char *reason, int *cancelled)
{
	char today[Q_DAY_MAX], detail[32];
	int rc, n = 0;

	if (reason && !text_valid(reason))
		return Q_EINVAL;
	if ((rc = qi_begin(q, today)))
		return rc;
	if ((rc = qi_cancel_live(q, NULL, reason && *reason ? reason :
	    "day closed", &n)) ||
	    (rc = db_counters_clear(q->d)))
		goto err;
	snprintf(detail, sizeof detail, "%d cancelled", n);
	if ((rc = qi_event(q, QE_DAY_CLOSED, NULL, 0, 0, detail)))
		goto err;
	rc = seal_day(q, today);
err:
	rc = db_end(q->d, rc);
	if (cancelled)
		*cancelled = rc ? 0 : n;
	return rc;
}

int
queue_init_demo(queue *q)
{
	static const struct { char code; const char *id, *en; int prio; } s[] = {
		{ 'A', "Perizinan", "Permits", 0 },
		{ 'B', "Non-Perizinan", "Non-Permits", 0 },
		{ 'C', "Konsultasi", "Consultation", 0 },
		{ 'D', "Pengambilan Dokumen", "Document Pickup", 0 },
		{ 'P', "Prioritas", "Priority", 1 },
	};
	static const struct { int n; const char *svc; } c[] = {
		{ 1, "AP" }, { 2, "ABP" }, { 3, "BC" }, { 4, "CD" },
	};
	int rc;

	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
		if ((rc = queue_service_add(q, s[i].code, s[i].id, s[i].en,
		    s[i].prio)))
			return rc;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
		if ((rc = queue_counter_add(q, c[i].n, c[i].svc)))
			return rc;
	if ((rc = queue_set_office(q, "PTSP Kecamatan Menteng")) ||
	    (rc = queue_set_limit(q, 10)) ||
	    (rc = queue_set_policy(q, Q_POLICY_HOLD)))
		return rc;
	return queue_set_notice(q, "Selamat datang di PTSP. Siapkan KTP dan "
	    "dokumen Anda sebelum dipanggil.");
}

/* ---- PIN -------------------------------------------------------------- */

static int
valid_pin(const char *pin)
{
	size_t n = pin ? strlen(pin) : 0;

	if (n < 4 || n > 12)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)pin[i]))
			return 0;
	return 1;
}

int
queue_pin_set(queue *q, const char *pin)
{
	char today[Q_DAY_MAX], hash[QI_HASH_MAX];
	int rc;

	if (!valid_pin(pin))
		return Q_EINVAL;
	if ((rc = qi_hash_secret(pin, hash, sizeof hash)))
		return rc;
	if ((rc = qi_begin(q, today)))
		return rc;
	/* the count of wrong tries and the lock stay: setting a PIN is no
	 * way around the pad's lockout */
	if ((rc = db_setting_set(q->d, "pin_hash", hash)))
		goto err;
	rc = qi_event(q, QE_PIN_CHANGED, NULL, 0, 0, NULL);
err:
	return db_end(q->d, rc);
}

int
queue_pin_is_set(queue *q)
{
	char stored[256] = "";
	int rc = db_setting_get(q->d, "pin_hash", stored, sizeof stored);

	if (rc == Q_ENOTICKET)
		return 0;
	return rc ? rc : stored[0] != 0;
}

/* Compare in time that does not depend on where they differ. */
static int
same(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	unsigned char diff = (unsigned char)(n != m);

	for (size_t i = 0; i < n && i < m; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

/* An integer setting; 0 when it was never written. */
static int
setting_or_zero(queue *q, const char *key, int64_t *v)
{
	int rc = db_setting_get_int(q->d, key, v);

	if (rc == Q_ENOTICKET) {
		*v = 0;
		rc = Q_OK;
	}
	return rc;
}

int
qi_hash_secret(const char *secret, char *out, size_t len)
{
	struct crypt_data cd;
	const char *hash;
	char *salt;

	if (!(salt = crypt_gensalt_ra("$y$", 0, NULL, 0)))
		return Q_ENOMEM;
	memset(&cd, 0, sizeof cd);
	hash = crypt_r(secret, salt, &cd);
	free(salt);
	if (!hash || hash[0] == '*' || strlen(hash) >= len)
		return Q_EDB;
	snprintf(out, len, "%s", hash);
	return Q_OK;
}

int
qi_secret_matches(const char *secret, const char *stored)
{
	struct crypt_data cd;
	const char *hash;

	memset(&cd, 0, sizeof cd);
	hash = crypt_r(secret, stored, &cd);
	return hash && hash[0] != '*' && same(hash, stored);
}

int
queue_secret_hash(const char *secret, char *out, size_t len)
{
	return qi_hash_secret(secret, out, len);
}

int
queue_secret_matches(const char *secret, const char *stored)
{
	return qi_secret_matches(secret, stored);
}

int
queue_pin_check(queue *q, const char *pin, int *locked_s)
{
	char today[Q_DAY_MAX], stored[256] = "";
	int64_t now = queue_now_ms(q), fails = 0, until = 0;
	int rc, refused = Q_OK;

	if (locked_s)
		*locked_s = 0;
	if ((rc = qi_begin(q, today)))
		return rc;
	rc = db_setting_get(q->d, "pin_hash", stored, sizeof stored);
	if (rc == Q_ENOTICKET || (rc == Q_OK && !stored[0])) {
		rc = Q_ENOPIN;
		goto err;
	}
	if (rc || (rc = setting_or_zero(q, "pin_fails", &fails)) ||
	    (rc = setting_or_zero(q, "pin_locked_until", &until)))
		goto err;
	if (now < until) {
		if (locked_s)
			*locked_s = (int)((until - now + 999) / 1000);
		rc = Q_EPINLOCKED;
		goto err;
	}
	if (valid_pin(pin) && qi_secret_matches(pin, stored)) {
		rc = db_setting_set_int(q->d, "pin_fails", 0);
		goto err;
	}
	refused = Q_EPIN;
	if (++fails >= PIN_TRIES) {
		fails = 0;
		until = now + PIN_LOCK_MS;
		refused = Q_EPINLOCKED;
		if (locked_s)
			*locked_s = PIN_LOCK_MS / 1000;
	}
	if ((rc = db_setting_set_int(q->d, "pin_fails", fails)) ||
	    (rc = db_setting_set_int(q->d, "pin_locked_until", until)))
		goto err;
	rc = qi_event(q, QE_PIN_FAILED, NULL, 0, 0,
	    refused == Q_EPINLOCKED ? "locked" : NULL);
err:
	rc = db_end(q->d, rc);
	return rc ? rc : refused;
}

/* ---- printing bookkeeping -------------------------------------------- */

int
queue_print_state(queue *q, int64_t ticket, enum q_print ps,
                  const char *reason)
{
	char today[Q_DAY_MAX];
	struct q_ticket t;
	enum q_print old;
	int rc;

	if (ps < Q_PRINT_NONE || ps > Q_PRINT_FAILED)
		return Q_EINVAL;
	if ((rc = qi_begin(q, today)))
		return rc;
	if ((rc = db_ticket_get(q->d, ticket, &t)))
		goto err;
	old = t.print_state;
	t.print_state = ps;
	/* a printer's words: kept, made safe, never refused */
	text_clean(t.print_reason, sizeof t.print_reason, reason);
	if ((rc = db_ticket_update(q->d, &t)))
		goto err;
	if (ps == Q_PRINT_PRINTED)
		rc = qi_event(q, QE_PRINTED, &t, 0, 0, NULL);
	else if (ps == Q_PRINT_FAILED)
		rc = qi_event(q, QE_PRINT_FAILED, &t, 0, 0, t.print_reason);
	else if (ps == Q_PRINT_PENDING && old != Q_PRINT_NONE)
		rc = qi_event(q, QE_REPRINT, &t, 0, 0, NULL);
err:
	return db_end(q->d, rc);
}

