/* auth.c - log-in, log-out, the session of a request, and the rule that
 * stops password guessing without handing anyone a switch that locks
 * staff out.
 *
 * The session token travels only in the antri_session cookie (HttpOnly,
 * SameSite=Strict, Secure under TLS); the core keeps its SHA-256 and the
 * expiry rules (queue_session_*).
 *
 * Guessing (docs/api.md, "Log-in limits"): no account ever locks (a
 * stranger who knows a name could otherwise lock its owner out); the
 * address that guesses waits instead.
 *   - An address with Q_USER_TRIES wrong passwords (any names, known or
 *     not) within lock_s waits lock_s (429 too_many_attempts).  A
 *     wrong password counts for lock_s; a good log-in does not wipe the
 *     address's count (4 wrong + 1 good, again and again, would be
 *     endless guesses).
 *   - A name with Q_USER_TRIES wrong passwords within lock_s from
 *     anywhere is under attack: then an address that failed on it
 *     waits lock_s after its last failure on that name before it may
 *     try that name again, while an address that did not (its owner's
 *     PC) logs in as always.
 *   - Each attempt is counted before its hash, under one lock, so a
 *     burst in parallel gets no more checks than the same tries in a row.
 *   - At most HASH_MAX yescrypt checks run at once; another log-in gets
 *     503 at once, so a burst never starves the counters' presses.
 *   - Everything depends only on the typed name, never on whether an
 *     account has it: a stranger learns nothing from the answers.
 * The counts live in this process (a table of SLOTS, the least recent
 * unlocked one reused); a manager sees and lifts them (auth_locks_*).
 */
#define _GNU_SOURCE
#include "serve.h"

#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define COOKIE "antri_session"
#define SLOTS 1024
#define FAIL_DELAY_MS 300
#define HASH_MAX 2               /* yescrypt checks at once */

enum { K_ADDR, K_PAIR, K_NAME };

struct slot {
	int used, kind;
	char addr[64];               /* K_ADDR, K_PAIR */
	char name[Q_USER_MAX];       /* K_PAIR, K_NAME: as typed, if it can
	                              * be an account's name, else "" */
	uint64_t key;
	uint64_t nkey;               /* K_PAIR: its name's slot key */
	int fails, pending;
	int64_t last_ms, until_ms;
};

static struct {
	pthread_mutex_t mu;
	struct slot s[SLOTS];
	int hashing;
} g = { PTHREAD_MUTEX_INITIALIZER, {{ 0 }}, 0 };

/* FNV-1a of the kind, address and name: a slot's key (the typed name is
 * kept only when it looks like an account's name). */
static uint64_t
key_of(int kind, const char *addr, const char *name)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)kind;
	const char *parts[2] = { addr ? addr : "", name ? name : "" };

	for (int p = 0; p < 2; p++) {
		for (const unsigned char *c = (const void *)parts[p]; *c; c++)
			h = (h ^ *c) * 1099511628211ULL;
		h = (h ^ 0xff) * 1099511628211ULL;
	}
	return h;
}

static int
name_like(const char *n)
{
	size_t len = strlen(n);

	if (!len || len >= Q_USER_MAX)
		return 0;
	for (const char *c = n; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		    strchr("._-", *c)))
			return 0;
	return 1;
}

/* The slot of (kind, addr, name), made when missing; with g.mu held.
 * Counts older than lock_s are forgotten here. */
static struct slot *
slot_get(int kind, const char *addr, const char *name, int64_t now)
{
	uint64_t key = key_of(kind, kind == K_NAME ? NULL : addr,
	    kind == K_ADDR ? NULL : name);
	int64_t window = (int64_t)srv.lock_s * 1000;
	struct slot *empty = NULL, *old = NULL, *s;

	for (int i = 0; i < SLOTS; i++) {
		s = &g.s[i];
		if (s->used && s->key == key && s->kind == kind)
			goto found;
		/* reuse: an empty one, else the least recent not waiting */
		if (!s->used) {
			if (!empty)
				empty = s;
		} else if (s->until_ms <= now && !s->pending &&
		    (!old || s->last_ms < old->last_ms)) {
			old = s;
		}
	}
	s = empty ? empty : old ? old : &g.s[0];
	memset(s, 0, sizeof *s);
	s->used = 1;
	s->kind = kind;
	s->key = key;
	snprintf(s->addr, sizeof s->addr, "%s", kind == K_NAME ? "" : addr);
	if (kind != K_ADDR && name_like(name))
		snprintf(s->name, sizeof s->name, "%s", name);
	if (kind == K_PAIR)
		s->nkey = key_of(K_NAME, NULL, name);
	s->last_ms = now;
found:
	if (s->until_ms && s->until_ms <= now) {
		s->until_ms = 0;
		s->fails = 0;
	}
	if (!s->until_ms && now - s->last_ms > window)
		s->fails = 0;
	return s;
}

/* Seconds until s lets its address try, 0 now. */
static int
wait_s(const struct slot *s, int64_t now)
{
	return s->until_ms > now ? (int)((s->until_ms - now + 999) / 1000) : 0;
}

/* Seconds the address of pair p waits for its name n (under attack:
 * Q_USER_TRIES wrong passwords within lock_s): lock_s after its own last
 * failure on it; 0 when it may try. */
static int
pair_wait(const struct slot *p, const struct slot *n, int64_t now)
{
	int64_t lock = (int64_t)srv.lock_s * 1000;

	if (!n || n->fails < Q_USER_TRIES || !p->fails ||
	    now - p->last_ms >= lock)
		return 0;
	return (int)((lock - (now - p->last_ms) + 999) / 1000);
}

/* Before the hash: may this address try this name now?  0 and the
 * attempt reserved (pending), or the seconds to wait (*busy: the hashes
 * are all taken, try again at once). */
static int
attempt_begin(const char *addr, const char *name, int *busy)
{
	int64_t now = http_now_ms();
	struct slot *a, *p, *n;
	int left = 0;

	*busy = 0;
	pthread_mutex_lock(&g.mu);
	a = slot_get(K_ADDR, addr, NULL, now);
	p = slot_get(K_PAIR, addr, name, now);
	n = slot_get(K_NAME, NULL, name, now);
	if ((left = wait_s(a, now)) || (left = wait_s(p, now)) ||
	    (left = pair_wait(p, n, now))) {
		;                       /* the name under attack: its guessers */
	} else if (a->fails + a->pending >= Q_USER_TRIES) {
		left = 1;               /* its last tries are being checked */
	} else if (g.hashing >= HASH_MAX) {
		*busy = 1;
	} else {
		a->pending++;
		p->pending++;
		n->pending++;
		g.hashing++;
	}
	pthread_mutex_unlock(&g.mu);
	return left;
}

/* After the hash: count a wrong password (fail) or free the attempt. */
static void
attempt_end(const char *addr, const char *name, int fail)
{
	int64_t now = http_now_ms(), lock = (int64_t)srv.lock_s * 1000;
	struct slot *a, *p, *n;

	pthread_mutex_lock(&g.mu);
	g.hashing -= g.hashing > 0;
	a = slot_get(K_ADDR, addr, NULL, now);
	p = slot_get(K_PAIR, addr, name, now);
	n = slot_get(K_NAME, NULL, name, now);
	a->pending -= a->pending > 0;
	p->pending -= p->pending > 0;
	n->pending -= n->pending > 0;
	if (fail) {
		a->fails++;
		p->fails++;
		n->fails++;
		a->last_ms = p->last_ms = n->last_ms = now;
		if (a->fails >= Q_USER_TRIES)
			a->until_ms = now + lock;
	} else {
		p->fails = 0;           /* her own address, her own name */
		p->until_ms = 0;
	}
	pthread_mutex_unlock(&g.mu);
}

static void
sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

const char *
auth_token(struct http_req *r)
{
	return http_cookie(r, COOKIE);
}

int
auth_user(struct http_req *r, struct q_user *u)
{
	const char *tok = auth_token(r);
	queue *q;
	int rc;

	memset(u, 0, sizeof *u);
	if (!tok)
		return Q_ENOSESSION;
	if (!(q = pool_get("web", &rc)))
		return rc;
	rc = queue_session_check(q, tok, srv.idle_s, srv.max_s, u);
	pool_put(q);
	if (rc == Q_OK)
		snprintf(r->actor, sizeof r->actor, "%s", u->name);
	return rc;
}

int
auth_still(const char *token)
{
	struct q_user u;
	queue *q;
	int rc;

	if (!(q = pool_get("web", &rc)))
		return rc;
	rc = queue_session_live(q, token, srv.idle_s, srv.max_s, &u);
	pool_put(q);
	return rc;
}

static enum MHD_Result
send_cookie(struct http_req *r, const struct q_user *u, const char *token)
{
	char cookie[256];
	json_t *j;
	struct MHD_Response *resp;
	char *text;

	snprintf(cookie, sizeof cookie, COOKIE "=%s; Path=/; HttpOnly; "
	    "SameSite=Strict; Max-Age=%d%s", token, token[0] ? srv.max_s : 0,
	    srv.tls ? "; Secure" : "");
	j = u ? json_pack("{s:s,s:s}", "name", u->name, "role",
	    q_role_name(u->role)) : json_pack("{s:b}", "logged_out", 1);
	text = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (!text)
		return MHD_NO;
	if (!(resp = MHD_create_response_from_buffer(strlen(text), text,
	    MHD_RESPMEM_MUST_FREE))) {
		free(text);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type",
	    "application/json; charset=utf-8");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	MHD_add_response_header(resp, "Set-Cookie", cookie);
	return http_send(r, 200, resp);
}

enum MHD_Result
auth_login(struct http_req *r, json_t *body)
{
	const char *name = json_string_value(json_object_get(body, "name"));
	const char *pw = json_string_value(json_object_get(body, "password"));
	char actor[96], token[Q_TOKEN_MAX], id[160], en[160];
	struct q_user u;
	queue *q;
	int rc, left, busy;

	if (!name || !pw)
		return http_error(r, 422, "invalid_value",
		    "give {\"name\": ..., \"password\": ...}");
	if ((left = attempt_begin(r->addr, name, &busy))) {
		snprintf(id, sizeof id, i18n_w(LANG_ID, W_WEB_LOCKED), left);
		snprintf(en, sizeof en, i18n_w(LANG_EN, W_WEB_LOCKED), left);
		return http_refuse(r, 429, "too_many_attempts", NULL, id, en);
	}
	if (busy)
		return api_refuse(r, 503, "busy", W_WEB_BUSY);
	snprintf(actor, sizeof actor, "web:%s", r->addr);
	if (!(q = pool_get(actor, &rc))) {
		attempt_end(r->addr, name, 0);
		return api_qerror(r, rc);
	}
	rc = queue_user_check(q, name, pw, &u);
	if (rc == Q_OK)
		rc = queue_session_new(q, u.name, token);
	pool_put(q);
	attempt_end(r->addr, name, rc == Q_ELOGIN);
	if (rc == Q_ELOGIN)
		sleep_ms(FAIL_DELAY_MS);
	if (rc)
		return api_qerror(r, rc);
	snprintf(r->actor, sizeof r->actor, "%s", u.name);
	return send_cookie(r, &u, token);
}

enum MHD_Result
auth_logout(struct http_req *r)
{
	const char *tok = auth_token(r);
	queue *q;
	int rc;

	if (tok) {
		if (!(q = pool_get("web", &rc)))
			return api_qerror(r, rc);
		rc = queue_session_end(q, tok);
		pool_put(q);
		if (rc)
			return api_qerror(r, rc);
	}
	return send_cookie(r, NULL, "");
}

/* ---- the manager's view ------------------------------------------------ */

/* An account's name for the manager: the name when an account has it,
 * else "(unknown)" (what a stranger typed is not shown). */
static const char *
account_of(queue *q, const char *name)
{
	struct q_user u;

	return name[0] && q && queue_user_get(q, name, &u) == Q_OK ? name :
	    "(unknown)";
}

enum MHD_Result
auth_locks(struct http_req *r)
{
	static const char *const kinds[] = { "address", "address+account",
		"account" };
	struct slot *copy = malloc(SLOTS * sizeof *copy);
	int64_t now = http_now_ms();
	json_t *a = json_array();
	queue *q;
	int rc, n = 0;

	if (!copy || !a) {
		free(copy);
		json_decref(a);
		return MHD_NO;
	}
	pthread_mutex_lock(&g.mu);
	for (int i = 0; i < SLOTS; i++) {
		struct slot *s = &g.s[i], *name = NULL;

		if (!s->used || (s->until_ms <= now && (!s->fails ||
		    now - s->last_ms > (int64_t)srv.lock_s * 1000)))
			continue;
		copy[n] = *s;
		for (int j = 0; s->kind == K_PAIR && j < SLOTS && !name; j++)
			if (g.s[j].used && g.s[j].kind == K_NAME &&
			    g.s[j].key == s->nkey)
				name = &g.s[j];
		/* until_ms carries the wait shown, whichever rule it is */
		if (name && pair_wait(s, name, now))
			copy[n].until_ms = now + pair_wait(s, name, now) * 1000LL;
		n++;
	}
	pthread_mutex_unlock(&g.mu);
	q = pool_get("web", &rc);
	for (int i = 0; i < n; i++) {
		struct slot *s = &copy[i];

		json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:i,s:i}",
		    "kind", kinds[s->kind], "address", s->addr, "account",
		    s->kind == K_ADDR ? "" : account_of(q, s->name), "fails",
		    s->fails, "wait_s", wait_s(s, now)));
	}
	if (q)
		pool_put(q);
	free(copy);
	return http_json(r, 200, json_pack("{s:o,s:i,s:i}", "locks", a,
	    "tries", Q_USER_TRIES, "lock_s", srv.lock_s));
}

enum MHD_Result
auth_locks_lift(struct http_req *r, json_t *body)
{
	json_t *ja = json_object_get(body, "address");
	json_t *jn = json_object_get(body, "account");
	const char *addr = json_string_value(ja), *name = json_string_value(jn);
	int n = 0;

	if ((ja && !addr) || (jn && !name))
		return http_error(r, 422, "invalid_value", "give {\"address\": "
		    "\"...\"} or {\"account\": \"...\"} (text), or {} for all");
	pthread_mutex_lock(&g.mu);
	for (int i = 0; i < SLOTS; i++) {
		struct slot *s = &g.s[i];

		if (!s->used || (addr && strcmp(s->addr, addr)) ||
		    (name && (s->kind == K_ADDR || strcmp(s->name, name))))
			continue;
		if (s->fails || s->until_ms)
			n++;
		s->fails = 0;
		s->until_ms = 0;
	}
	pthread_mutex_unlock(&g.mu);
	fprintf(stderr, "antri-serve: %s lifted %d log-in lock(s)%s%s%s%s\n",
	    r->actor, n, addr ? " of address " : "", addr ? addr : "",
	    name ? " on account " : "", name ? name : "");
	return http_json(r, 200, json_pack("{s:b,s:i}", "ok", 1, "lifted", n));
}
