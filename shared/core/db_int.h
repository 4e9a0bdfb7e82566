/* db_int.h - inside the db module only: the connection, the statement
 * names, and the helpers that prepare, bind and step them (db_stmt.c).
 * Included by every shared/core/db*.c file (db_sql.c, db_stmt.c, db.c,
 * db_tx.c, db_rows.c, db_events.c, db_chain.c, db_users.c, db_remote.c, db_outbox.c, db_wal.c,
 * db_backup.c) and by nothing else; everyone else includes db.h. */
#ifndef ANTRI_DB_INT_H
#define ANTRI_DB_INT_H

#include <sqlite3.h>

#include "db.h"

enum stmt {
	S_BEGIN, S_BEGIN_READ, S_COMMIT, S_ROLLBACK, S_DATA_VERSION,
	S_SET_GET, S_SET_PUT,
	S_SVC_INSERT, S_SVC_GET, S_SVC_UPDATE, S_SVC_ALL,
	S_CTR_INSERT, S_CTR_GET, S_CTR_SET, S_CTR_ALL, S_CTR_CLEAR,
	S_CSV_DEL, S_CSV_ADD, S_CSV_GET, S_SVC_OPEN_CTRS,
	S_T_NEXT_SEQ, S_T_INSERT, S_T_GET, S_T_BY_LABEL, S_T_BY_TOKEN,
	S_T_UPDATE,
	S_T_LAST_BY, S_T_COUNT_STATE, S_T_COUNT_STATE_SVC, S_T_COUNT_INSIDE,
	S_T_COUNT_ISSUED, S_T_NEXT_OUT, S_T_NEXT_FOR, S_T_LIVE, S_T_LIVE_ALL,
	S_T_MEAN_SVC, S_T_PRINT, S_T_HISTORY, S_T_RANGE,
	S_E_APPEND, S_E_SINCE, S_E_RECENT, S_E_OF_TICKET, S_E_ALL, S_E_LAST, S_E_LAST_TS, S_E_TIP, S_E_COUNT,
	S_DAY_PEAK, S_DAY_RANGE, S_INTEGRITY,
	S_U_INSERT, S_U_GET, S_U_ALL, S_U_HASH, S_U_ENABLED, S_U_FAILS,
	S_SS_INSERT, S_SS_GET, S_SS_TOUCH, S_SS_DEL, S_SS_DEL_USER, S_SS_EXPIRE,
	S_T_AHEAD, S_CTR_OPEN_ANY,
	S_E_ADMIT_WAITING,
	S_CK_INSERT, S_CK_GET, S_CK_USE, S_CK_COUNT_SVC, S_CT_GET, S_CT_PUT,
	S_T_TURN_PASSED,
	S_SR_PUT, S_SR_GET, S_BK_INSERT, S_BK_COUNT_SLOT, S_BK_COUNT_DAY,
	S_BK_SAME_PHONE, S_BK_GET, S_BK_SET, S_BK_DUE, S_T_SLOT_CAME,
	S_BK_DAY_STATS,
	S_PH_PUT_T, S_PH_PUT_B, S_PH_DEL_T, S_PH_DEL_B, S_BK_PHONE_CLEAR,
	S_BK_BY_ID, S_PH_FOR, S_PH_LIVE, S_OB_HAS, S_OB_INSERT, S_OB_DUE,
	S_OB_LIST, S_OB_GET, S_OB_SET, S_OB_COUNTS, S_NC_GET, S_NC_PUT,
	S_PV_PHONES, S_PV_BOOKINGS, S_PV_OUTBOX,
	S_T_AHEAD_DUE,
	S_RQ_GET, S_RQ_PUT, S_RQ_TICKETS, S_RQ_MISSED, S_CK_REKEY, S_BK_REKEY, S_BK_SLOT, S_BK_PER_SLOT,
	S_COUNT
};

#define DB_BUSY_MS 5000     /* how long a statement waits for a lock */
#define DB_APP_ID 0x616e7472 /* 'antr', in the header's application_id */
#define DB_VERSION 8        /* the schema's user_version (db_sql.c) */

struct db {
	sqlite3 *h;
	sqlite3_stmt *st[S_COUNT];
	int64_t data_version;
	int in_tx;
	int batch;                  /* in db_batch_begin's transaction (db_tx.c) */
	int batch_rc;               /* why that transaction was lost, or 0 */
	char *ro_path;              /* read as immutable: its path (db.c) */
	long long ro_sig[5];        /* and what the file looked like then */
};

/* ---- db_stmt.c: statements ------------------------------------------ */

/* A SQLite result as a Q_E* code (Q_OK for OK, ROW and DONE). */
int db_maprc(db *d, int r);
/* The row-stepping loops of every db_*.c that reads rows.
 * Each takes s and rc as db_query gave them (s NULL: rc is returned,
 * nothing else done), steps s and finishes it (db_done).
 * db_many_rows: up to *n rows of `size` bytes each into out (fn reads one
 * row); *n gets the count.  db_one_row: fn reads the one row into out; no
 * row gives `none`.  db_each_row: fn(s, ctx) for each row until it
 * returns other than Q_OK, which is returned; else Q_OK at the end.
 * A SQLite error gives its Q_E* code. */
int db_many_rows(db *d, sqlite3_stmt *s, int rc,
                 void (*fn)(sqlite3_stmt *, void *), void *out, size_t size,
                 int *n);
int db_one_row(db *d, sqlite3_stmt *s, int rc, int none,
               void (*fn)(sqlite3_stmt *, void *), void *out);
int db_each_row(db *d, sqlite3_stmt *s, int rc,
                int (*fn)(sqlite3_stmt *, void *), void *ctx);
/* Step s once: Q_OK when it ran (a row it gave is ignored), else the
 * error.  The caller resets it (db_done). */
int db_step(db *d, sqlite3_stmt *s);
/* Prepare (once) statement st and bind its parameters ?1, ?2, ... from
 * the arguments, one letter of fmt each: 't' text (const char *), 'c' a
 * service code (char, "" for 0), 'i' int, 'l' int64_t.  Returns the
 * statement, or NULL with *rc set.  Finish with db_done(). */
sqlite3_stmt *db_query(db *d, enum stmt st, int *rc, const char *fmt, ...);
/* Reset and unbind a statement after use (NULL is fine). */
void db_done(sqlite3_stmt *s);
/* Run st to its end.  Returns Q_OK or the error; *changes, if not NULL,
 * gets the rows changed. */
int db_exec(db *d, enum stmt st, int *changes, const char *fmt, ...);
/* Run st and read the first column of its one row into *v; Q_ENOTICKET
 * when there is no row. */
int db_int(db *d, enum stmt st, int64_t *v, const char *fmt, ...);

/* Column readers: text into buf (cut to len), a service code (0 if ""). */
void db_col_text(sqlite3_stmt *s, int col, char *buf, size_t len);
char db_col_code(sqlite3_stmt *s, int col);

/* ---- db_sql.c: the texts ----------------------------------------------- */

/* Migration v's SQL (user_version v -> v + 1), and statement s's text. */
const char *db_migration_sql(int v);
const char *db_stmt_sql(enum stmt s);

#endif
