/* auth.c - log-in, log-out and the session of a request.
 *
 * The session token travels only in the antri_session cookie (HttpOnly,
 * SameSite=Strict, Secure under TLS); the core keeps its SHA-256 and the
 * expiry rules (queue_session_*).  Wrong passwords: the account locks
 * after five (core), every failure is a login_failed event with the actor
 * "web:ADDRESS", each failure is answered only after a short delay, and
 * an address with five failures in a row gets 429 for lock_s seconds.
 */
#define _GNU_SOURCE
#include "serve.h"

#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define COOKIE "antri_session"
#define ADDR_SLOTS 64
#define FAIL_DELAY_MS 300

static struct {
	pthread_mutex_t mu;
	struct { char addr[64]; int fails; int64_t until; int64_t last; }
	    a[ADDR_SLOTS];
} throttle = { PTHREAD_MUTEX_INITIALIZER, {{ "", 0, 0, 0 }} };

/* The slot of an address (the oldest one is reused). */
static int
addr_slot(const char *addr)
{
	int old = 0;

	for (int i = 0; i < ADDR_SLOTS; i++) {
		if (!strcmp(throttle.a[i].addr, addr))
			return i;
		if (throttle.a[i].last < throttle.a[old].last)
			old = i;
	}
	memset(&throttle.a[old], 0, sizeof throttle.a[old]);
	snprintf(throttle.a[old].addr, sizeof throttle.a[old].addr, "%s", addr);
	return old;
}

/* Seconds this address must wait, 0 when it may try. */
static int
addr_blocked(const char *addr)
{
	int64_t now = srv_now_ms(), left = 0;
	int i;

	pthread_mutex_lock(&throttle.mu);
	i = addr_slot(addr);
	throttle.a[i].last = now;
	if (throttle.a[i].until > now)
		left = (throttle.a[i].until - now + 999) / 1000;
	pthread_mutex_unlock(&throttle.mu);
	return (int)left;
}

static void
addr_result(const char *addr, int ok)
{
	int64_t now = srv_now_ms();
	int i;

	pthread_mutex_lock(&throttle.mu);
	i = addr_slot(addr);
	throttle.a[i].last = now;
	if (ok) {
		throttle.a[i].fails = 0;
	} else if (++throttle.a[i].fails >= Q_USER_TRIES) {
		throttle.a[i].fails = 0;
		throttle.a[i].until = now + (int64_t)srv.lock_s * 1000;
	}
	pthread_mutex_unlock(&throttle.mu);
}

static void
sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

int
auth_user(struct req *r, struct q_user *u)
{
	const char *tok = MHD_lookup_connection_value(r->c, MHD_COOKIE_KIND,
	    COOKIE);
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

static enum MHD_Result
send_cookie(struct req *r, const struct q_user *u, const char *token)
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
auth_login(struct req *r, json_t *body)
{
	const char *name = json_string_value(json_object_get(body, "name"));
	const char *pw = json_string_value(json_object_get(body, "password"));
	char actor[96], token[Q_TOKEN_MAX], msg[160];
	struct q_user u;
	queue *q;
	int rc, left, locked = 0;

	if (!name || !pw)
		return http_error(r, 422, "invalid_value",
		    "give {\"name\": ..., \"password\": ...}");
	if ((left = addr_blocked(r->addr))) {
		snprintf(msg, sizeof msg, "too many wrong passwords from this "
		    "address; try again in %d s", left);
		return http_error(r, 429, "too_many_attempts", msg);
	}
	snprintf(actor, sizeof actor, "web:%s", r->addr);
	if (!(q = pool_get(actor, &rc)))
		return http_qerror(r, rc);
	rc = queue_user_check(q, name, pw, srv.lock_s, &u, &locked);
	if (rc == Q_OK)
		rc = queue_session_new(q, u.name, token);
	pool_put(q);
	if (rc == Q_ELOGIN || rc == Q_ELOCKED) {
		addr_result(r->addr, 0);
		sleep_ms(FAIL_DELAY_MS);
	}
	if (rc == Q_ELOCKED) {
		snprintf(msg, sizeof msg, "too many wrong passwords: this account "
		    "is locked for %d s", locked);
		return http_error(r, 429, "account_locked", msg);
	}
	if (rc)
		return http_qerror(r, rc);
	addr_result(r->addr, 1);
	snprintf(r->actor, sizeof r->actor, "%s", u.name);
	return send_cookie(r, &u, token);
}

enum MHD_Result
auth_logout(struct req *r)
{
	const char *tok = MHD_lookup_connection_value(r->c, MHD_COOKIE_KIND,
	    COOKIE);
	queue *q;
	int rc;

	if (tok) {
		if (!(q = pool_get("web", &rc)))
			return http_qerror(r, rc);
		rc = queue_session_end(q, tok);
		pool_put(q);
		if (rc)
			return http_qerror(r, rc);
	}
	return send_cookie(r, NULL, "");
}
