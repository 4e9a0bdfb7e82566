/* cdb_users.c - what antri-central's server keeps for its own guard in
 * the head office's database, so that every server behind a proxy
 * shares it: the head office's staff accounts and their sessions, the
 * wrong passwords and the citizens' requests counted per address, and
 * its log of who did what.  The SQL is cdb_sql.c's; cdb.c runs it.
 */
#include "cdb_int.h"

#include <stdio.h>
#include <stdlib.h>

int
cdb_user_add(cdb *c, const char *name, const char *role, const char *hash)
{
	const char *v[3] = { name, role, hash };

	return cdb_run(c, cdb_sql[CS_USER_ADD], 3, v, NULL);
}

int
cdb_user_get(cdb *c, const char *name, char *role, size_t rolelen,
             char *hash, size_t hashlen)
{
	const char *v[1] = { name };
	PGresult *res;
	int rc;

	if ((rc = cdb_run(c, cdb_sql[CS_USER_GET], 1, v, &res)))
		return rc;
	rc = PQntuples(res) == 1 ? CDB_OK : CDB_ENOTFOUND;
	if (!rc) {
		snprintf(role, rolelen, "%s", PQgetvalue(res, 0, 0));
		snprintf(hash, hashlen, "%s", PQgetvalue(res, 0, 1));
	}
	PQclear(res);
	return rc;
}

int
cdb_session_new(cdb *c, const char *token, const char *name, int max_s)
{
	char smax[16];
	const char *v[3] = { token, name, smax };

	snprintf(smax, sizeof smax, "%d", max_s);
	return cdb_run(c, cdb_sql[CS_SESSION_NEW], 3, v, NULL);
}

int
cdb_session_check(cdb *c, const char *token, int idle_s, int max_s,
                  char *name, size_t namelen, char *role, size_t rolelen)
{
	char sidle[16], smax[16];
	const char *v[3] = { token, sidle, smax };
	PGresult *res;
	int rc;

	snprintf(sidle, sizeof sidle, "%d", idle_s);
	snprintf(smax, sizeof smax, "%d", max_s);
	if ((rc = cdb_run(c, cdb_sql[CS_SESSION_CHECK], 3, v, &res)))
		return rc;
	rc = PQntuples(res) == 1 ? CDB_OK : CDB_ENOTFOUND;
	if (!rc) {
		snprintf(name, namelen, "%s", PQgetvalue(res, 0, 0));
		snprintf(role, rolelen, "%s", PQgetvalue(res, 0, 1));
	}
	PQclear(res);
	return rc;
}

int
cdb_session_end(cdb *c, const char *token)
{
	const char *v[1] = { token };

	return cdb_run(c, cdb_sql[CS_SESSION_END], 1, v, NULL);
}

int
cdb_login_fails(cdb *c, const char *addr, int window_s, int *fails,
                int *wait_s)
{
	char win[16];
	const char *v[2] = { addr, win };
	PGresult *res;
	int rc;

	*fails = *wait_s = 0;
	snprintf(win, sizeof win, "%d", window_s);
	if ((rc = cdb_run(c, cdb_sql[CS_LOGIN_FAILS], 2, v, &res)))
		return rc;
	*fails = atoi(PQgetvalue(res, 0, 0));
	*wait_s = atoi(PQgetvalue(res, 0, 1));
	PQclear(res);
	return CDB_OK;
}

int
cdb_citizen_ask(cdb *c, const char *addr, int window_s, int limit,
                int *wait_s)
{
	char win[16], lim[16];
	const char *v[3] = { addr, win, lim };
	PGresult *res;
	int rc;

	*wait_s = 0;
	snprintf(win, sizeof win, "%d", window_s);
	snprintf(lim, sizeof lim, "%d", limit);
	if ((rc = cdb_run(c, cdb_sql[CS_CITIZEN_ASK], 3, v, &res)))
		return rc;
	*wait_s = atoi(PQgetvalue(res, 0, 1));
	PQclear(res);
	return CDB_OK;
}

int
cdb_login_failed(cdb *c, const char *addr)
{
	const char *v[1] = { addr };

	return cdb_run(c, cdb_sql[CS_LOGIN_FAILED], 1, v, NULL);
}

int
cdb_log(cdb *c, const char *actor, const char *action, const char *detail)
{
	const char *v[3] = { actor, action, detail ? detail : "" };

	return cdb_run(c, cdb_sql[CS_LOG], 3, v, NULL);
}
