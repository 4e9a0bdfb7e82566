/* db.c - the only file that speaks SQL.
 *
 * Read this file from the top: the schema and its migrations, then the one
 * array of statement texts (enum stmt in db_int.h names them), then the
 * helpers that prepare, bind and step them, then opening, transactions and
 * settings.  The row-level operations on services, counters, tickets and
 * events that queue.c needs are in db_rows.c.  Statements are prepared
 * once, on first use, and reset after each use; parameters are always
 * bound; SQLite's results are mapped to Q_E* codes.
 */
#define _POSIX_C_SOURCE 200809L
#include "db_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


#define DB_APP_ID   0x616e7472   /* 'antr' */
#define DB_VERSION  4

/* Migration i brings user_version i to i + 1. */
static const char *const migrations[DB_VERSION] = {
	/* 0 -> 1: the first schema */
	"CREATE TABLE settings("
	"  key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE services("
	"  code TEXT PRIMARY KEY"
	"    CHECK(length(code) = 1 AND code BETWEEN 'A' AND 'Z'),"
	"  name_id TEXT NOT NULL, name_en TEXT NOT NULL,"
	"  open INTEGER NOT NULL DEFAULT 1 CHECK(open IN (0, 1)),"
	"  quota INTEGER NOT NULL DEFAULT 0 CHECK(quota >= 0),"
	"  priority INTEGER NOT NULL DEFAULT 0 CHECK(priority IN (0, 1))"
	") WITHOUT ROWID;"
	"CREATE TABLE tickets("
	"  id INTEGER PRIMARY KEY,"
	"  day TEXT NOT NULL,"
	"  issue_service TEXT NOT NULL REFERENCES services(code),"
	"  seq INTEGER NOT NULL CHECK(seq > 0),"
	"  label TEXT NOT NULL,"
	"  service TEXT NOT NULL REFERENCES services(code),"
	"  state TEXT NOT NULL CHECK(state IN ('OUTSIDE', 'ADMITTED', 'CALLED',"
	"    'DONE', 'NO_SHOW', 'CANCELLED')),"
	"  issued_ms INTEGER NOT NULL,"
	"  admitted_ms INTEGER NOT NULL DEFAULT 0,"
	"  called_ms INTEGER NOT NULL DEFAULT 0,"
	"  finished_ms INTEGER NOT NULL DEFAULT 0,"
	"  counter INTEGER NOT NULL DEFAULT 0,"
	"  kiosk TEXT NOT NULL DEFAULT '',"
	"  print_state TEXT NOT NULL DEFAULT 'none',"
	"  print_reason TEXT NOT NULL DEFAULT '',"
	"  UNIQUE(day, issue_service, seq));"
	/* one index beside the numbers': every write pays for each index,
	 * and the per-day lookups (history, last by kiosk) scan one day */
	"CREATE INDEX tickets_state ON tickets(state, service, finished_ms);"
	"CREATE TABLE counters("
	"  number INTEGER PRIMARY KEY CHECK(number > 0),"
	"  state TEXT NOT NULL CHECK(state IN ('open', 'paused', 'closed')),"
	"  current INTEGER REFERENCES tickets(id));"
	"CREATE TABLE counter_services("
	"  counter INTEGER NOT NULL REFERENCES counters(number),"
	"  service TEXT NOT NULL REFERENCES services(code),"
	"  PRIMARY KEY(counter, service)) WITHOUT ROWID;"
	"CREATE TABLE events("
	"  id INTEGER PRIMARY KEY,"
	"  ts_ms INTEGER NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  ticket INTEGER REFERENCES tickets(id),"
	"  label TEXT NOT NULL DEFAULT '',"
	"  service TEXT NOT NULL DEFAULT '',"
	"  counter INTEGER NOT NULL DEFAULT 0,"
	"  actor TEXT NOT NULL,"
	"  detail TEXT NOT NULL DEFAULT '');"
	"CREATE TABLE days("
	"  day TEXT PRIMARY KEY, peak INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;",
	/* 1 -> 2: staff accounts and their web sessions (antri-serve); a
	 * session is stored as the SHA-256 of its token, never the token */
	"CREATE TABLE users("
	"  name TEXT PRIMARY KEY,"
	"  role TEXT NOT NULL CHECK(role IN ('clerk', 'manager')),"
	"  hash TEXT NOT NULL,"
	"  enabled INTEGER NOT NULL DEFAULT 1 CHECK(enabled IN (0, 1)),"
	"  fails INTEGER NOT NULL DEFAULT 0,"
	"  locked_until INTEGER NOT NULL DEFAULT 0,"
	"  created_ms INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE sessions("
	"  hash TEXT PRIMARY KEY,"
	"  user TEXT NOT NULL REFERENCES users(name),"
	"  created_ms INTEGER NOT NULL,"
	"  used_ms INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE INDEX sessions_user ON sessions(user);",
	/* 2 -> 3: the audit chain: every event stores its hash;
	 * migration_step[2] then writes the anchor that the chain starts
	 * from (db_chain.c) */
	"ALTER TABLE events ADD COLUMN hash TEXT NOT NULL DEFAULT '';",
	/* 3 -> 4: the visitor's link: a random token per ticket (NULL for
	 * tickets issued before); looked up within one day through the
	 * index of UNIQUE(day, ...), so no index of its own */
	"ALTER TABLE tickets ADD COLUMN token TEXT;",
};

/* Work a migration needs beyond its SQL, run right after it, in the same
 * transaction; NULL when none. */
static int (*const migration_step[DB_VERSION])(db *) = {
	[2] = db_chain_start,
};

#define TCOLS "t.id, t.label, t.service, t.issue_service, t.seq, t.day, " \
	"t.state, t.issued_ms, t.admitted_ms, t.called_ms, t.finished_ms, " \
	"t.counter, t.kiosk, t.print_state, t.print_reason, " \
	"coalesce(t.token, '')"
#define UCOLS "name, role, hash, enabled, fails, locked_until, created_ms"
#define ECOLS "id, ts_ms, kind, coalesce(ticket, 0), label, service, " \
	"counter, actor, detail, hash"

static const char *const stmt_text[S_COUNT] = {
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_BEGIN_READ] = "BEGIN",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_DATA_VERSION] = "PRAGMA data_version",
	[S_SET_GET] = "SELECT value FROM settings WHERE key = ?1",
	[S_SET_PUT] = "INSERT INTO settings(key, value) VALUES (?1, ?2) "
		"ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	[S_SVC_INSERT] = "INSERT INTO services(code, name_id, name_en, open, "
		"quota, priority) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[S_SVC_GET] = "SELECT code, name_id, name_en, open, quota, priority "
		"FROM services WHERE code = ?1",
	[S_SVC_UPDATE] = "UPDATE services SET name_id = ?2, name_en = ?3, "
		"open = ?4, quota = ?5, priority = ?6 WHERE code = ?1",
	[S_SVC_ALL] = "SELECT code, name_id, name_en, open, quota, priority "
		"FROM services ORDER BY code",
	[S_CTR_INSERT] = "INSERT INTO counters(number, state) VALUES (?1, ?2)",
	[S_CTR_GET] = "SELECT state, coalesce(current, 0) FROM counters "
		"WHERE number = ?1",
	[S_CTR_SET] = "UPDATE counters SET state = ?2, current = nullif(?3, 0) "
		"WHERE number = ?1",
	[S_CTR_ALL] = "SELECT c.number, c.state, coalesce(c.current, 0), "
		"coalesce((SELECT group_concat(service, '') FROM (SELECT service "
		"FROM counter_services WHERE counter = c.number "
		"ORDER BY service)), '') FROM counters c ORDER BY c.number",
	[S_CTR_CLEAR] = "UPDATE counters SET current = NULL "
		"WHERE current IS NOT NULL",
	[S_CSV_DEL] = "DELETE FROM counter_services WHERE counter = ?1",
	[S_CSV_ADD] = "INSERT INTO counter_services(counter, service) "
		"VALUES (?1, ?2)",
	[S_CSV_GET] = "SELECT service FROM counter_services WHERE counter = ?1 "
		"ORDER BY service",
	[S_SVC_OPEN_CTRS] = "SELECT count(*) FROM counter_services cs "
		"JOIN counters c ON c.number = cs.counter "
		"WHERE cs.service = ?1 AND c.state = 'open'",
	[S_T_NEXT_SEQ] = "SELECT coalesce(max(seq), 0) + 1 FROM tickets "
		"WHERE day = ?1 AND issue_service = ?2",
	[S_T_INSERT] = "INSERT INTO tickets(day, issue_service, seq, label, "
		"service, state, issued_ms, admitted_ms, called_ms, finished_ms, "
		"counter, kiosk, print_state, print_reason, token) VALUES (?1, ?2, "
		"?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
		"nullif(?15, ''))",
	[S_T_GET] = "SELECT " TCOLS " FROM tickets t WHERE t.id = ?1",
	[S_T_BY_LABEL] = "SELECT " TCOLS " FROM tickets t WHERE t.day = ?1 "
		"AND t.issue_service = ?2 AND t.seq = ?3",
	[S_T_BY_TOKEN] = "SELECT " TCOLS " FROM tickets t WHERE t.day = ?1 "
		"AND t.token = ?2",
	[S_T_UPDATE] = "UPDATE tickets SET service = ?2, state = ?3, "
		"admitted_ms = ?4, called_ms = ?5, finished_ms = ?6, counter = ?7, "
		"print_state = ?8, print_reason = ?9 WHERE id = ?1",
	[S_T_LAST_BY] = "SELECT " TCOLS " FROM tickets t WHERE t.kiosk = ?1 "
		"AND t.day = ?2 ORDER BY t.id DESC LIMIT 1",
	[S_T_COUNT_STATE] = "SELECT count(*) FROM tickets WHERE state = ?1",
	[S_T_COUNT_STATE_SVC] = "SELECT count(*) FROM tickets WHERE state = ?1 "
		"AND service = ?2",
	[S_T_COUNT_INSIDE] = "SELECT count(*) FROM tickets "
		"WHERE state IN ('ADMITTED', 'CALLED')",
	[S_T_COUNT_ISSUED] = "SELECT count(*) FROM tickets WHERE day = ?1 "
		"AND issue_service = ?2",
	/* the admission order: priority services first, then FIFO */
	[S_T_NEXT_OUT] = "SELECT t.id FROM tickets t "
		"JOIN services s ON s.code = t.service WHERE t.state = 'OUTSIDE' "
		"ORDER BY s.priority DESC, t.issued_ms, t.id LIMIT 1",
	[S_T_NEXT_FOR] = "SELECT t.id FROM tickets t "
		"JOIN counter_services cs ON cs.service = t.service "
		"AND cs.counter = ?1 JOIN services s ON s.code = t.service "
		"WHERE t.state = 'ADMITTED' "
		"ORDER BY s.priority DESC, t.issued_ms, t.id LIMIT 1",
	[S_T_LIVE] = "SELECT id FROM tickets WHERE state IN ('OUTSIDE', "
		"'ADMITTED', 'CALLED') AND day < ?1 ORDER BY id LIMIT ?2",
	[S_T_LIVE_ALL] = "SELECT id FROM tickets WHERE state IN ('OUTSIDE', "
		"'ADMITTED', 'CALLED') ORDER BY id LIMIT ?1",
	[S_T_MEAN_SVC] = "SELECT coalesce(avg(d), 0) FROM (SELECT "
		"finished_ms - called_ms AS d FROM tickets WHERE service = ?1 AND "
		"state = 'DONE' ORDER BY finished_ms DESC LIMIT ?2)",
	[S_T_PRINT] = "SELECT " TCOLS " FROM tickets t WHERE t.day = ?1 AND "
		"t.print_state = ?2 ORDER BY t.id LIMIT ?3",
	[S_T_HISTORY] = "SELECT " TCOLS " FROM tickets t WHERE t.counter = ?1 "
		"AND t.day = ?2 AND t.finished_ms > 0 "
		"ORDER BY t.finished_ms DESC LIMIT ?3",
	[S_T_RANGE] = "SELECT " TCOLS " FROM tickets t WHERE t.day >= ?1 AND "
		"t.day <= ?2 ORDER BY t.day, t.issue_service, t.seq",
	[S_E_APPEND] = "INSERT INTO events(id, ts_ms, kind, ticket, label, "
		"service, counter, actor, detail, hash) VALUES (?1, ?2, ?3, "
		"nullif(?4, 0), ?5, ?6, ?7, ?8, ?9, ?10)",
	[S_E_SINCE] = "SELECT " ECOLS " FROM events WHERE id > ?1 "
		"ORDER BY id LIMIT ?2",
	/* no index on kind (every event would pay for it): walk back from
	 * the newest over one day's events only */
	[S_E_RECENT] = "SELECT " ECOLS " FROM events WHERE id >= ?3 AND "
		"kind IN (?1, ?2) ORDER BY id DESC LIMIT ?4",
	/* a ticket's newest event of a kind, within one day's events */
	[S_E_OF_TICKET] = "SELECT " ECOLS " FROM events WHERE id >= ?1 AND "
		"ticket = ?2 AND kind = ?3 ORDER BY id DESC LIMIT 1",
	[S_E_ALL] = "SELECT " ECOLS " FROM events ORDER BY id",
	[S_E_LAST] = "SELECT coalesce(max(id), 0) FROM events",
	[S_E_LAST_TS] = "SELECT ts_ms FROM events ORDER BY id DESC LIMIT 1",
	[S_E_TIP] = "SELECT id, hash FROM events ORDER BY id DESC LIMIT 1",
	[S_E_COUNT] = "SELECT count(*) FROM events",
	[S_DAY_PEAK] = "INSERT INTO days(day, peak) VALUES (?1, ?2) "
		"ON CONFLICT(day) DO UPDATE SET peak = excluded.peak "
		"WHERE excluded.peak > days.peak",
	[S_DAY_RANGE] = "SELECT day, peak FROM days WHERE day >= ?1 AND "
		"day <= ?2 ORDER BY peak DESC, day LIMIT 1",
	[S_INTEGRITY] = "PRAGMA integrity_check",
	[S_U_INSERT] = "INSERT INTO users(name, role, hash, created_ms) "
		"VALUES (?1, ?2, ?3, ?4)",
	[S_U_GET] = "SELECT " UCOLS " FROM users WHERE name = ?1",
	[S_U_ALL] = "SELECT " UCOLS " FROM users ORDER BY name",
	[S_U_HASH] = "UPDATE users SET hash = ?2, fails = 0, locked_until = 0 "
		"WHERE name = ?1",
	[S_U_ENABLED] = "UPDATE users SET enabled = ?2, fails = 0, "
		"locked_until = 0 WHERE name = ?1",
	[S_U_FAILS] = "UPDATE users SET fails = ?2, locked_until = ?3 "
		"WHERE name = ?1",
	[S_SS_INSERT] = "INSERT INTO sessions(hash, user, created_ms, used_ms) "
		"VALUES (?1, ?2, ?3, ?3)",
	[S_SS_GET] = "SELECT user, created_ms, used_ms FROM sessions "
		"WHERE hash = ?1",
	[S_SS_TOUCH] = "UPDATE sessions SET used_ms = ?2 WHERE hash = ?1",
	[S_SS_DEL] = "DELETE FROM sessions WHERE hash = ?1",
	[S_SS_DEL_USER] = "DELETE FROM sessions WHERE user = ?1",
	[S_SS_EXPIRE] = "DELETE FROM sessions WHERE used_ms < ?1 OR "
		"created_ms < ?2",
	/* tickets in state ?5 (of service ?4, or any when '') before the
	 * place (priority ?1, issued ?2, id ?3) in the order of
	 * S_T_NEXT_OUT and S_T_NEXT_FOR */
	[S_T_AHEAD] = "SELECT count(*) FROM tickets t "
		"JOIN services s ON s.code = t.service WHERE t.state = ?5 "
		"AND (?4 = '' OR t.service = ?4) AND (s.priority > ?1 OR "
		"(s.priority = ?1 AND (t.issued_ms < ?2 OR (t.issued_ms = ?2 "
		"AND t.id < ?3))))",
	[S_CTR_OPEN_ANY] = "SELECT count(*) FROM counters c "
		"WHERE c.state = 'open' AND EXISTS (SELECT 1 FROM "
		"counter_services cs WHERE cs.counter = c.number)",
	/* "silakan masuk": admissions of kind ?2 (from outside) since ?1
	 * whose ticket is still waiting inside, not called yet */
	[S_E_ADMIT_WAITING] = "SELECT " ECOLS " FROM events WHERE id >= ?1 "
		"AND kind = 'admitted' AND detail = ?2 AND EXISTS (SELECT 1 "
		"FROM tickets t WHERE t.id = events.ticket AND "
		"t.state = 'ADMITTED' AND t.called_ms = 0) "
		"ORDER BY id DESC LIMIT ?3",
};

int
db_maprc(db *d, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK: case SQLITE_ROW: case SQLITE_DONE:
		return Q_OK;
	case SQLITE_BUSY: case SQLITE_LOCKED:
		return Q_EBUSY;
	case SQLITE_READONLY: case SQLITE_CANTOPEN: case SQLITE_PERM:
		return Q_EREADONLY;
	case SQLITE_FULL:
		return Q_EDISKFULL;
	case SQLITE_NOTADB:
		return Q_ENOTDB;
	case SQLITE_CORRUPT:
		return Q_ECORRUPT;
	case SQLITE_NOMEM:
		return Q_ENOMEM;
	case SQLITE_IOERR:
		if (d && d->h && sqlite3_system_errno(d->h) == ENOSPC)
			return Q_EDISKFULL;
		return Q_EDB;
	case SQLITE_CONSTRAINT:
		return Q_EEXIST;
	default:
		return Q_EDB;
	}
}

/* The prepared statement s, reset and unbound, or NULL (*rc set). */
static sqlite3_stmt *
prep(db *d, enum stmt s, int *rc)
{
	int r;

	if (!d->st[s]) {
		r = sqlite3_prepare_v3(d->h, stmt_text[s], -1,
		    SQLITE_PREPARE_PERSISTENT, &d->st[s], NULL);
		if (r != SQLITE_OK) {
			*rc = db_maprc(d, r);
			return NULL;
		}
	}
	return d->st[s];
}

void
db_done(sqlite3_stmt *s)
{
	if (s) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
	}
}

void
db_col_text(sqlite3_stmt *s, int col, char *buf, size_t len)
{
	const unsigned char *t = sqlite3_column_text(s, col);
	size_t n = t ? (size_t)sqlite3_column_bytes(s, col) : 0;

	if (n >= len)
		n = len - 1;
	if (n)
		memcpy(buf, t, n);
	buf[n] = 0;
}

char
db_col_code(sqlite3_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s, col);

	return t && t[0] ? (char)t[0] : 0;
}

static void
bind_code(sqlite3_stmt *s, int i, char code)
{
	char c[2] = { code, 0 };

	sqlite3_bind_text(s, i, code ? c : "", -1, SQLITE_TRANSIENT);
}

static void
bind_va(sqlite3_stmt *s, const char *fmt, va_list ap)
{
	for (int i = 1; fmt && *fmt; fmt++, i++) {
		switch (*fmt) {
		case 't':
			sqlite3_bind_text(s, i, va_arg(ap, const char *), -1,
			    SQLITE_TRANSIENT);
			break;
		case 'c':
			bind_code(s, i, (char)va_arg(ap, int));
			break;
		case 'i':
			sqlite3_bind_int(s, i, va_arg(ap, int));
			break;
		case 'l':
			sqlite3_bind_int64(s, i, va_arg(ap, int64_t));
			break;
		}
	}
}

sqlite3_stmt *
db_query(db *d, enum stmt st, int *rc, const char *fmt, ...)
{
	sqlite3_stmt *s;
	va_list ap;

	if ((s = prep(d, st, rc))) {
		va_start(ap, fmt);
		bind_va(s, fmt, ap);
		va_end(ap);
	}
	return s;
}

/* Step a statement that returns no rows or one we ignore. */
static int
exec(db *d, sqlite3_stmt *s)
{
	int r = sqlite3_step(s);

	return (r == SQLITE_DONE || r == SQLITE_ROW) ? Q_OK : db_maprc(d, r);
}

/* Step a statement that yields one integer. */
static int
one_int(db *d, sqlite3_stmt *s, int64_t *v)
{
	int r = sqlite3_step(s);

	if (r == SQLITE_ROW) {
		*v = sqlite3_column_int64(s, 0);
		return Q_OK;
	}
	return r == SQLITE_DONE ? Q_ENOTICKET : db_maprc(d, r);
}

int
db_exec(db *d, enum stmt st, int *changes, const char *fmt, ...)
{
	sqlite3_stmt *s;
	va_list ap;
	int rc = Q_OK;

	if ((s = prep(d, st, &rc))) {
		va_start(ap, fmt);
		bind_va(s, fmt, ap);
		va_end(ap);
		rc = exec(d, s);
		if (changes)
			*changes = sqlite3_changes(d->h);
		db_done(s);
	}
	return rc;
}

int
db_int(db *d, enum stmt st, int64_t *v, const char *fmt, ...)
{
	sqlite3_stmt *s;
	va_list ap;
	int rc = Q_OK;

	if ((s = prep(d, st, &rc))) {
		va_start(ap, fmt);
		bind_va(s, fmt, ap);
		va_end(ap);
		rc = one_int(d, s, v);
		db_done(s);
	}
	return rc;
}

static int
exec_script(db *d, const char *sql)
{
	int r = sqlite3_exec(d->h, sql, NULL, NULL, NULL);

	return db_maprc(d, r);
}

static int
pragma_int(db *d, const char *sql, int64_t *v)
{
	sqlite3_stmt *s = NULL;
	int r, rc;

	r = sqlite3_prepare_v2(d->h, sql, -1, &s, NULL);
	if (r != SQLITE_OK) {
		rc = db_maprc(d, r);
		goto err;
	}
	rc = one_int(d, s, v);
err:
	sqlite3_finalize(s);
	return rc;
}

static int
migrate(db *d, int64_t from)
{
	char sql[96];
	int rc;

	rc = db_maprc(d, sqlite3_exec(d->h, "BEGIN IMMEDIATE", NULL, NULL, NULL));
	if (rc)
		return rc;
	for (int64_t v = from; v < DB_VERSION; v++)
		if ((rc = exec_script(d, migrations[v])) ||
		    (migration_step[v] && (rc = migration_step[v](d))))
			goto err;
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d;"
	    "PRAGMA user_version = %d", DB_APP_ID, DB_VERSION);
	if ((rc = exec_script(d, sql)))
		goto err;
	return db_maprc(d, sqlite3_exec(d->h, "COMMIT", NULL, NULL, NULL));
err:
	sqlite3_exec(d->h, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* Read the file's header right after opening, before SQLite reads
 * anything.  SQLite, reading any file, may replay a -wal left beside it
 * into that file: a text file or another
 * program's database put at our path would be written to, and the WAL's
 * commits lost to the real database.  So: an empty file is fine (a new
 * database), anything else must start with SQLite's magic, and an
 * application_id (bytes 68-71) other than 0 must be ours.  A header not yet
 * checkpointed may still say 0 for one of ours; the checks after opening
 * decide then. */
int
db_looks_like_ours(sqlite3 *h)
{
	static const char magic[16] = "SQLite format 3";
	unsigned char hd[100];
	sqlite3_file *f = NULL;
	sqlite3_int64 size = 0;
	uint32_t app;

	/* through SQLite's own file: a second descriptor of our own, closed,
	 * would drop every POSIX lock this process holds on the database */
	if (sqlite3_file_control(h, "main", SQLITE_FCNTL_FILE_POINTER, &f) !=
	    SQLITE_OK || !f || !f->pMethods)
		return 1;
	if (f->pMethods->xFileSize(f, &size) != SQLITE_OK || size == 0)
		return 1;
	if (size < (sqlite3_int64)sizeof hd ||
	    f->pMethods->xRead(f, hd, sizeof hd, 0) != SQLITE_OK ||
	    memcmp(hd, magic, sizeof magic) != 0)
		return 0;
	app = (uint32_t)hd[68] << 24 | (uint32_t)hd[69] << 16 |
	    (uint32_t)hd[70] << 8 | hd[71];
	return app == 0 || app == DB_APP_ID;
}

/* The application id and schema version: ours, and not newer than this
 * program.  A database without a schema is fine only when creating.
 * *ver gets the version. */
int
db_check_schema(db *d, int create, int current, int64_t *ver)
{
	int64_t app = 0, ntab = 0;
	int rc;

	*ver = 0;
	if ((rc = pragma_int(d, "PRAGMA application_id", &app)) ||
	    (rc = pragma_int(d, "PRAGMA user_version", ver)) ||
	    (rc = pragma_int(d, "SELECT count(*) FROM sqlite_schema", &ntab)))
		return rc;
	if (*ver > DB_VERSION)
		return Q_ENEWER;
	if ((*ver > 0 || ntab > 0) && app != DB_APP_ID)
		return Q_ENOTDB;
	if (*ver == 0 && !create)
		return Q_ENOTDB;
	/* a reader cannot migrate: an older schema needs a writer first */
	if (current && *ver < DB_VERSION)
		return Q_EREADONLY;
	return Q_OK;
}

/* Make the new, empty database file with mode 0666 less the caller's
 * umask (SQLite alone would use 0644: no group write for the antri group
 * under umask 007).  SQLite gives the -wal and -shm the file's mode. */
static int
create_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);

	if (fd < 0 && errno == EEXIST)
		return Q_OK;            /* made by another program meanwhile */
	if (fd < 0)
		return errno == ENOSPC ? Q_EDISKFULL : Q_EREADONLY;
	close(fd);
	return Q_OK;
}

int
db_open(db **out, const char *path, int create, int fast)
{
	struct stat sb;
	int64_t ver = 0;
	int rc, r, existed;
	db *d;

	*out = NULL;
	existed = stat(path, &sb) == 0;
	if (!existed && !create)
		return Q_ENODB;
	if (existed && S_ISDIR(sb.st_mode))
		return Q_ENOTDB;
	if (!existed && (rc = create_file(path)))
		return rc;
	if (!(d = calloc(1, sizeof *d)))
		return Q_ENOMEM;
	r = sqlite3_open_v2(path, &d->h, SQLITE_OPEN_READWRITE |
	    (create ? SQLITE_OPEN_CREATE : 0), NULL);
	if (r != SQLITE_OK) {
		rc = db_maprc(d, r);
		goto err;
	}
	if (existed && !db_looks_like_ours(d->h)) {
		rc = Q_ENOTDB;
		goto err;
	}
	sqlite3_extended_result_codes(d->h, 1);
	sqlite3_busy_timeout(d->h, DB_BUSY_MS);
	if ((rc = db_check_schema(d, create, 0, &ver)))
		goto err;
	if ((rc = exec_script(d, "PRAGMA journal_mode = WAL")))
		goto err;
	if ((rc = exec_script(d, fast ? "PRAGMA synchronous = OFF" :
	    "PRAGMA synchronous = FULL")) ||
	    (rc = exec_script(d, "PRAGMA foreign_keys = ON")))
		goto err;
	if (ver < DB_VERSION && (rc = migrate(d, ver)))
		goto err;
	/* no chmod: the files get the mode the caller's umask gives (the
	 * service runs with 0007 and the antri group); never wider */
	db_changed(d);
	*out = d;
	return Q_OK;
err:
	db_close(d, 0);
	return rc;
}

void
db_close(db *d, int stale)
{
	if (!d)
		return;
	if (stale && d->h)
		sqlite3_db_config(d->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	for (int i = 0; i < S_COUNT; i++)
		sqlite3_finalize(d->st[i]);
	sqlite3_close(d->h);
	free(d->ro_path);
	free(d);
}

int
db_begin(db *d)
{
	sqlite3_stmt *s;
	int rc = Q_OK, tries;

	if (!(s = prep(d, S_BEGIN, &rc)))
		return rc;
	/* the busy handler already waits DB_BUSY_MS; one more try covers a
	 * writer that held the lock exactly that long */
	for (tries = 0; tries < 2; tries++) {
		rc = exec(d, s);
		db_done(s);
		if (rc != Q_EBUSY)
			break;
	}
	if (rc == Q_OK)
		d->in_tx = 1;
	return rc;
}

int
db_read_begin(db *d)
{
	sqlite3_stmt *s;
	int rc = Q_OK;

	if (!(s = prep(d, S_BEGIN_READ, &rc)))
		return rc;
	rc = exec(d, s);
	db_done(s);
	if (rc == Q_OK)
		d->in_tx = 1;
	return rc;
}

int
db_end(db *d, int rc)
{
	sqlite3_stmt *s;
	int r = Q_OK, tries;

	if (!d->in_tx)
		return rc;
	if (rc == Q_OK) {
		if ((s = prep(d, S_COMMIT, &r))) {
			for (tries = 0; tries < 3; tries++) {
				r = exec(d, s);
				db_done(s);
				if (r != Q_EBUSY)
					break;
			}
		}
		if (r == Q_OK) {
			d->in_tx = 0;
			return Q_OK;
		}
		rc = r;
	}
	/* ROLLBACK fails harmlessly if SQLite already rolled back */
	if (sqlite3_get_autocommit(d->h) == 0 && (s = prep(d, S_ROLLBACK, &r))) {
		exec(d, s);
		db_done(s);
	}
	d->in_tx = 0;
	return rc;
}

int
db_changed(db *d)
{
	sqlite3_stmt *s;
	int64_t v = 0;
	int rc = Q_OK;

	if ((rc = db_ro_stale(d)))      /* reopened: changed, or an error */
		return rc;
	if (!(s = prep(d, S_DATA_VERSION, &rc)))
		return rc;
	rc = one_int(d, s, &v);
	db_done(s);
	if (rc)
		return rc;
	if (v == d->data_version)
		return 0;
	d->data_version = v;
	return 1;
}

/* ---- settings --------------------------------------------------------- */

int
db_setting_get(db *d, const char *key, char *buf, size_t len)
{
	sqlite3_stmt *s;
	int rc = Q_OK, r;

	if (!(s = prep(d, S_SET_GET, &rc)))
		return rc;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	r = sqlite3_step(s);
	if (r == SQLITE_ROW)
		db_col_text(s, 0, buf, len);
	else if (r == SQLITE_DONE)
		rc = Q_ENOTICKET;
	else
		rc = db_maprc(d, r);
	db_done(s);
	return rc;
}

int
db_setting_get_int(db *d, const char *key, int64_t *v)
{
	char buf[32];
	int rc = db_setting_get(d, key, buf, sizeof buf);

	if (rc == Q_OK)
		*v = strtoll(buf, NULL, 10);
	return rc;
}

int
db_setting_set(db *d, const char *key, const char *value)
{
	return db_exec(d, S_SET_PUT, NULL, "tt", key, value);
}

int
db_setting_set_int(db *d, const char *key, int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long)v);
	return db_setting_set(d, key, buf);
}

int
db_integrity(db *d, char *msg, size_t len)
{
	sqlite3_stmt *s;
	int rc = Q_OK, r;

	if (!(s = prep(d, S_INTEGRITY, &rc)))
		return rc;
	r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		db_col_text(s, 0, msg, len);
		if (strcmp(msg, "ok") != 0)
			rc = Q_ECORRUPT;
	} else {
		rc = db_maprc(d, r);
		snprintf(msg, len, "%s", sqlite3_errmsg(d->h));
	}
	db_done(s);
	return rc;
}

void
db_busy_timeout(db *d, int ms)
{
	sqlite3_busy_timeout(d->h, ms);
}

const char *
db_errmsg(db *d)
{
	return d && d->h ? sqlite3_errmsg(d->h) : "";
}
