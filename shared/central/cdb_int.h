/* cdb_int.h - inside the cdb module only: the statement table of
 * cdb_sql.c.  Programs include cdb.h. */
#ifndef ANTRI_CDB_INT_H
#define ANTRI_CDB_INT_H

#include "cdb.h"

#include <libpq-fe.h>

enum cdb_stmt {
	CS_SCHEMA, CS_VERSION, CS_SET_VERSION, CS_VERSION_RO, CS_OFFICE_ADD,
	CS_OFFICES, CS_TIP, CS_HASH_AT, CS_FLAG, CS_EVENTS_PUT,
	CS_EVENTS_PUT_END, CS_EVENTS_PAGE, CS_LIVE_PUT,
	CS_BEAT, CS_FLAGS_CLEAR, CS_REQ_ASK, CS_REQ_WITHDRAW, CS_REQ_READ,
	CS_REQ_TAKE, CS_REQ_ANSWER, CS_COUNT
};

/* migration n takes the schema from version n - 1 to n */
extern const char *const cdb_migrations[CDB_SCHEMA_VERSION + 1];
extern const char *const cdb_sql[CS_COUNT];

/* cdb.c's statement runner for the module's other files: sql with n
 * text parameters within the handle's timeout; on CDB_OK *out (if not
 * NULL) gets the result, to PQclear.  A refusal's SQLSTATE is mapped
 * (CDB_EEXIST, CDB_EINVAL, CDB_ESCHEMA, else CDB_ESQL). */
int cdb_run(cdb *c, const char *sql, int n, const char *const *v,
            PGresult **out);
/* The connection (NULL when lost); drop it saying why (CDB_EDOWN). */
PGconn *cdb_pg(cdb *c);
int cdb_lost(cdb *c, const char *why);
int64_t cdb_mono_ms(void);
void cdb_set_err(cdb *c, const char *msg);

#endif
