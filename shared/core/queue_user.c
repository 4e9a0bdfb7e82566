/* queue_user.c - staff accounts (clerk, manager) and their web sessions.
 *
 * Passwords are hashed like the manager PIN (qi_hash_secret: crypt(3)
 * yescrypt).  A session is a random 256-bit token (getrandom) that only
 * the browser holds; the database keeps its SHA-256, so a stolen copy of
 * the database holds no live session.  Every wrong password is counted on
 * its account and is an event; an account never locks here (whoever knows
 * a name could then lock its owner out): antri-serve limits the guessers
 * by their address (web/auth.c).
 */
#define _GNU_SOURCE
#include "queue_int.h"

#include <ctype.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

static int
valid_name(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n < 1 || n >= Q_USER_MAX || !islower((unsigned char)s[0]))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i])
		    && !strchr("._-", s[i]))
			return 0;
	return 1;
}

static int
valid_password(const char *p)
{
	size_t n = p ? strlen(p) : 0;

	return n >= Q_PASS_MIN && n <= Q_PASS_MAX;
}

/* An event about an account: detail "name" or "name: what". */
static int
user_event(queue *q, enum q_event kind, const char *name, const char *what)
{
	char detail[Q_REASON_MAX];

	snprintf(detail, sizeof detail, "%s%s%s", name, what ? ": " : "",
	    what ? what : "");
	return qi_event(q, kind, NULL, 0, 0, detail);
}

int
queue_user_add(queue *q, const char *name, enum q_role role,
               const char *password)
{
	char today[Q_DAY_MAX], hash[QI_HASH_MAX];
	struct q_user u;
	int rc;

	if (!valid_name(name) || !valid_password(password) ||
	    (unsigned)role > Q_ROLE_MANAGER)
		return Q_EINVAL;
	if ((rc = qi_hash_secret(password, hash, sizeof hash)))
		return rc;
	if ((rc = qi_begin(q, today)))
		return rc;
	rc = db_user_get(q->d, name, &u, NULL, 0);
	if (rc == Q_OK)
		rc = Q_EEXIST;
	if (rc != Q_ENOUSER)
		return db_end(q->d, rc);
	memset(&u, 0, sizeof u);
	snprintf(u.name, sizeof u.name, "%s", name);
	u.role = role;
	u.created_ms = queue_now_ms(q);
	if (!(rc = db_user_insert(q->d, &u, hash)))
		rc = user_event(q, QE_USER_ADDED, name, q_role_name(role));
	return db_end(q->d, rc);
}

int
queue_user_passwd(queue *q, const char *name, const char *password)
{
	char today[Q_DAY_MAX], hash[QI_HASH_MAX];
	int rc;

	if (!valid_name(name) || !valid_password(password))
		return valid_name(name) ? Q_EINVAL : Q_ENOUSER;
	if ((rc = qi_hash_secret(password, hash, sizeof hash)))
		return rc;
	if ((rc = qi_begin(q, today)))
		return rc;
	if (!(rc = db_user_set_hash(q->d, name, hash)))
		rc = user_event(q, QE_USER_CHANGED, name, "password");
	return db_end(q->d, rc);
}

int
queue_user_set_enabled(queue *q, const char *name, int enabled)
{
	char today[Q_DAY_MAX];
	int rc;

	if (!valid_name(name))
		return Q_ENOUSER;
	if ((rc = qi_begin(q, today)))
		return rc;
	if (!(rc = db_user_set_enabled(q->d, name, enabled ? 1 : 0)) &&
	    !(rc = enabled ? Q_OK : db_sessions_delete_user(q->d, name)))
		rc = user_event(q, QE_USER_CHANGED, name,
		    enabled ? "enabled" : "disabled");
	return db_end(q->d, rc);
}

int
queue_user_list(queue *q, struct q_user *out, int *n)
{
	return db_users(q->d, out, n);
}

int
queue_user_get(queue *q, const char *name, struct q_user *u)
{
	if (!valid_name(name))
		return Q_ENOUSER;
	return db_user_get(q->d, name, u, NULL, 0);
}

/* The write after a wrong password: the account's count of wrong
 * passwords since its last good one (read again inside the transaction)
 * and a login_failed event that names the account, or "(unknown)" for a
 * name no account has: what was typed is never stored (a password typed
 * into the name box would otherwise land in the events). */
static int
record_failure(queue *q, const char *name, int found)
{
	char today[Q_DAY_MAX];
	struct q_user u;
	int rc;

	if ((rc = qi_begin(q, today)))
		return rc;
	rc = found ? db_user_get(q->d, name, &u, NULL, 0) : Q_ENOUSER;
	if (rc == Q_OK)
		rc = db_user_set_fails(q->d, u.name, u.fails + 1, 0);
	else if (rc == Q_ENOUSER)
		rc = Q_OK;              /* removed meanwhile: unknown now */
	if (!rc)
		rc = user_event(q, QE_LOGIN_FAILED, found ? name : "(unknown)",
		    NULL);
	return db_end(q->d, rc);
}

int
queue_user_check(queue *q, const char *name, const char *password,
                 struct q_user *u)
{
	/* a hash to spend the same time on when the name is unknown */
	static const char dummy[] = "$y$j9T$2Ol3bdZq.L7RChdA9Sb7v/$"
	    "yYVx0QiZ2oibhWyUP1wJpsr.bMb7b9H3NSzY2HHNEj5";
	char today[Q_DAY_MAX], stored[QI_HASH_MAX] = "";
	int rc, found, ok;

	memset(u, 0, sizeof *u);
	/* read, then hash outside any transaction: a write lock held for
	 * the hash's 50-100 ms would make every counter's press wait */
	rc = valid_name(name) ? db_user_get(q->d, name, u, stored,
	    sizeof stored) : Q_ENOUSER;
	if (rc && rc != Q_ENOUSER)
		return rc;
	found = rc == Q_OK;
	ok = qi_secret_matches(password ? password : "",
	    found ? stored : dummy) && found && u->enabled;
	if (!ok) {
		rc = record_failure(q, name, found);
		memset(u, 0, sizeof *u);
		return rc ? rc : Q_ELOGIN;
	}
	if (!u->fails && !u->locked_until_ms)
		return Q_OK;
	if ((rc = qi_begin(q, today)))
		return rc;
	rc = db_end(q->d, db_user_set_fails(q->d, u->name, 0, 0));
	u->fails = 0;
	u->locked_until_ms = 0;
	return rc;
}

/* Hex SHA-256 of a token: what the database stores. */
static int
token_hash(const char *token, char out[Q_TOKEN_MAX])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	if (!EVP_Digest(token, strlen(token), md, &n, EVP_sha256(), NULL) ||
	    n != 32)
		return Q_ENOMEM;
	for (unsigned i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	return Q_OK;
}

static int
valid_token(const char *t)
{
	size_t n = t ? strlen(t) : 0;

	if (n != Q_TOKEN_MAX - 1)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)t[i]))
			return 0;
	return 1;
}

int
queue_session_new(queue *q, const char *name, char token[Q_TOKEN_MAX])
{
	unsigned char raw[32];
	char today[Q_DAY_MAX], hash[Q_TOKEN_MAX];
	int rc;

	token[0] = 0;
	if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
		return Q_ENOMEM;
	for (size_t i = 0; i < sizeof raw; i++)
		snprintf(token + 2 * i, 3, "%02x", raw[i]);
	if ((rc = token_hash(token, hash)) || (rc = qi_begin(q, today)))
		return rc;
	rc = db_session_insert(q->d, hash, name, queue_now_ms(q));
	rc = db_end(q->d, rc);
	if (rc)
		token[0] = 0;
	return rc;
}

/* Delete one session, or (hash NULL) every expired one. */
static int
session_delete(queue *q, const char *hash, int idle_s, int max_s)
{
	char today[Q_DAY_MAX];
	int64_t now = queue_now_ms(q);
	int rc;

	if ((rc = qi_begin(q, today)))
		return rc;
	rc = hash ? db_session_delete(q->d, hash) : db_sessions_expire(q->d,
	    now - (int64_t)idle_s * 1000, now - (int64_t)max_s * 1000);
	return db_end(q->d, rc);
}

/* queue_session_check, and (touch 0) queue_session_live: nothing
 * written. */
static int
session_check(queue *q, const char *token, int idle_s, int max_s,
              struct q_user *u, int touch)
{
	char hash[Q_TOKEN_MAX], user[Q_USER_MAX], today[Q_DAY_MAX];
	int64_t created, used, now = queue_now_ms(q), every;
	int rc;

	memset(u, 0, sizeof *u);
	if (!valid_token(token))
		return Q_ENOSESSION;
	if ((rc = token_hash(token, hash)) ||
	    (rc = db_session_get(q->d, hash, user, sizeof user, &created,
	    &used)))
		return rc;
	if (now - used > (int64_t)idle_s * 1000 ||
	    now - created > (int64_t)max_s * 1000) {
		/* this one and any other expired session */
		rc = touch ? session_delete(q, NULL, idle_s, max_s) : Q_OK;
		return rc ? rc : Q_ENOSESSION;
	}
	if ((rc = db_user_get(q->d, user, u, NULL, 0)))
		return rc == Q_ENOUSER ? Q_ENOSESSION : rc;
	if (!u->enabled)
		return Q_ENOSESSION;
	every = (int64_t)idle_s * 250;
	if (every > 60000)
		every = 60000;
	if (!touch || now - used < every)
		return Q_OK;
	if ((rc = qi_begin(q, today)))
		return rc;
	return db_end(q->d, db_session_touch(q->d, hash, now));
}

int
queue_session_check(queue *q, const char *token, int idle_s, int max_s,
                    struct q_user *u)
{
	return session_check(q, token, idle_s, max_s, u, 1);
}

int
queue_session_live(queue *q, const char *token, int idle_s, int max_s,
                   struct q_user *u)
{
	return session_check(q, token, idle_s, max_s, u, 0);
}

int
queue_session_end(queue *q, const char *token)
{
	char hash[Q_TOKEN_MAX];
	int rc;

	if (!valid_token(token))
		return Q_OK;
	if ((rc = token_hash(token, hash)))
		return rc;
	return session_delete(q, hash, 0, 0);
}
