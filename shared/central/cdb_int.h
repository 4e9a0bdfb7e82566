/* cdb_int.h - inside the cdb module only: the statement table of
 * cdb_sql.c.  Programs include cdb.h. */
#ifndef ANTRI_CDB_INT_H
#define ANTRI_CDB_INT_H

#include "cdb.h"

#include <libpq-fe.h>

enum cdb_stmt {
	CS_SCHEMA, CS_VERSION, CS_SET_VERSION, CS_VERSION_RO, CS_OFFICE_ADD,
	CS_OFFICES, CS_TIP, CS_HASH_AT, CS_FLAG, CS_EVENTS_PUT,
	CS_EVENTS_LIVE_PUT, CS_ANNOUNCE,
	CS_EVENTS_PAGE, CS_LIVE_PUT,
	CS_BEAT, CS_FLAGS_CLEAR, CS_OUTLETS, CS_LISTEN, CS_USER_ADD,
	CS_USER_GET, CS_SESSION_NEW, CS_SESSION_CHECK, CS_SESSION_END,
	CS_LOGIN_FAILS, CS_LOGIN_FAILED, CS_CITIZEN_ASK, CS_LOG, CS_REQ_ASK, CS_REQ_WITHDRAW,
	CS_REQ_READ, CS_REQ_TAKE, CS_REQ_ANSWER, CS_REQ_VIEW, CS_COUNT
};

/* the reports' statements (cdb_report.c) */
enum cdb_report_stmt {
	CR_FIGURES, CR_MEMORY, CR_SPAN, CR_PEAK, CR_GROUPS_OFFICE, CR_GROUPS_AREA,
	CR_NAMES, CR_FRESH, CR_ROLLUP_DUE, CR_ROLLUP_LOCK, CR_ROLLUP_UNLOCK,
	CR_ROLLUP_DROP, CR_ROLLUP_DAY, CR_ROLLUP_PARTS, CR_COUNT
};

/* the head office's outbox (cdb_notify.c) */
enum cdb_notify_stmt {
	CN_CHANNELS, CN_DUE, CN_RESULT, CN_COUNTS, CN_LIST, CN_PURGE, CN_COUNT
};

/* The last failure on c was: out of memory. */
void cdb_oom(cdb *c);

/* migration n takes the schema from version n - 1 to n */
extern const char *const cdb_migrations[CDB_SCHEMA_VERSION + 1];
extern const char *const cdb_sql[CS_COUNT];
extern const char *const cdb_report_sql[CR_COUNT];
extern const char *const cdb_notify_sql[CN_COUNT];

/* cdb.c's statement runner for the module's other files: sql with n
 * text parameters (n < 0: several statements, none) within the handle's
 * timeout; on CDB_OK *out (if not NULL) gets the last result, to PQclear.
 * CDB_EDOWN, or a refusal's SQLSTATE mapped (CDB_EEXIST, CDB_EINVAL,
 * CDB_ESCHEMA, else CDB_ESQL; cdb_error() says why). */
int cdb_run(cdb *c, const char *sql, int n, const char *const *v,
            PGresult **out);
/* The connection (NULL when lost); drop it saying why (CDB_EDOWN). */
PGconn *cdb_pg(cdb *c);
int cdb_lost(cdb *c, const char *why);
int64_t cdb_mono_ms(void);
void cdb_set_err(cdb *c, const char *msg);

#endif
