/* db_sql.c - the SQL texts of antri's data, in one place: the schema as a
 * list of migrations (user_version i -> i + 1), and the one array of
 * statement texts that enum stmt (db_int.h) names.  db_stmt.c prepares,
 * binds and steps them; db.c runs the migrations; db_rows.c,
 * db_events.c, db_users.c, db_chain.c and db_tx.c name the statements
 * they run.  Parameters are always bound (?1, ?2, ...), never pasted.
 * This file calls nothing.  (The connection's PRAGMAs and checks are in
 * db.c, the batch's SAVEPOINTs in db_tx.c and a copy's journal mode in
 * db_backup.c, beside the code they serve.)
 */
#include "db_int.h"

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
	/* 2 -> 3: the audit chain: every event stores its hash; db.c's
	 * migration_step[2] then writes the anchor that the chain starts
	 * from (db_chain.c) */
	"ALTER TABLE events ADD COLUMN hash TEXT NOT NULL DEFAULT '';",
	/* 3 -> 4: the visitor's link: a random token per ticket (NULL for
	 * tickets issued before); looked up within one day through the
	 * index of UNIQUE(day, ...), so no index of its own */
	"ALTER TABLE tickets ADD COLUMN token TEXT;",
	/* 4 -> 5: the waiting line in its order, so calling the next ticket
	 * and admitting the next visitor read one row per service instead
	 * of sorting everyone who waits (S_T_NEXT_OUT, S_T_NEXT_FOR); and
	 * the admissions from outside alone, newest first, for the
	 * display's "silakan masuk" (S_E_ADMIT_WAITING) instead of every
	 * event of the day.  Measured with 5,000 waiting: a call went from
	 * 2.9 ms to well under 1 ms, a status read likewise.  (IF NOT EXISTS:
	 * the tests make "old" files from new ones by lowering user_version) */
	"CREATE INDEX IF NOT EXISTS tickets_wait "
	"  ON tickets(state, service, issued_ms);"
	"CREATE INDEX IF NOT EXISTS events_outside ON events(id) "
	"  WHERE kind = 'admitted' "
	"  AND detail = '" Q_ADMIT_FROM_OUTSIDE "';",
	/* 5 -> 6: remote tickets.  A ticket may be EXPECTED (taken from
	 * afar, not checked in yet), which the state's CHECK must allow, so
	 * the table is rebuilt (SQLite cannot alter a CHECK; db.c turns the
	 * foreign keys off around a migration and checks them before its
	 * commit).  place_ms: the ticket's place in the door's and the
	 * counters' order, its issue time unless it checked in after its
	 * turn had passed; the waiting line's index orders by it.  checkins:
	 * a remote ticket's check-in code and QR secret, as SHA-256 only;
	 * checkin_tries: wrong codes per source, for the rate limit. */
	"DROP TABLE IF EXISTS tickets_new;"
	"CREATE TABLE tickets_new("
	"  id INTEGER PRIMARY KEY,"
	"  day TEXT NOT NULL,"
	"  issue_service TEXT NOT NULL REFERENCES services(code),"
	"  seq INTEGER NOT NULL CHECK(seq > 0),"
	"  label TEXT NOT NULL,"
	"  service TEXT NOT NULL REFERENCES services(code),"
	"  state TEXT NOT NULL CHECK(state IN ('OUTSIDE', 'ADMITTED', 'CALLED',"
	"    'DONE', 'NO_SHOW', 'CANCELLED', 'EXPECTED')),"
	"  issued_ms INTEGER NOT NULL,"
	"  admitted_ms INTEGER NOT NULL DEFAULT 0,"
	"  called_ms INTEGER NOT NULL DEFAULT 0,"
	"  finished_ms INTEGER NOT NULL DEFAULT 0,"
	"  counter INTEGER NOT NULL DEFAULT 0,"
	"  kiosk TEXT NOT NULL DEFAULT '',"
	"  print_state TEXT NOT NULL DEFAULT 'none',"
	"  print_reason TEXT NOT NULL DEFAULT '',"
	"  token TEXT,"
	"  place_ms INTEGER NOT NULL DEFAULT 0,"
	"  slot_ms INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE(day, issue_service, seq));"
	"INSERT INTO tickets_new(id, day, issue_service, seq, label, service,"
	"  state, issued_ms, admitted_ms, called_ms, finished_ms, counter, kiosk,"
	"  print_state, print_reason, token, place_ms) "
	"  SELECT id, day, issue_service, seq, label, service, state, issued_ms,"
	"  admitted_ms, called_ms, finished_ms, counter, kiosk, print_state,"
	"  print_reason, token, issued_ms FROM tickets;"
	"DROP TABLE tickets;"
	"ALTER TABLE tickets_new RENAME TO tickets;"
	"CREATE INDEX tickets_state ON tickets(state, service, finished_ms);"
	"CREATE INDEX tickets_wait ON tickets(state, service, place_ms);"
	"CREATE INDEX tickets_slot ON tickets(state, slot_ms) WHERE slot_ms > 0;"
	"CREATE TABLE IF NOT EXISTS checkins("
	"  ticket INTEGER PRIMARY KEY REFERENCES tickets(id),"
	"  day TEXT NOT NULL,"
	"  code_hash TEXT NOT NULL,"
	"  secret_hash TEXT NOT NULL,"
	"  used_ms INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE(code_hash, day));"
	"CREATE TABLE IF NOT EXISTS checkin_tries("
	"  source TEXT PRIMARY KEY,"
	"  since_ms INTEGER NOT NULL,"
	"  fails INTEGER NOT NULL,"
	"  locked_until INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
	/* appointments: each service's slots, and the bookings (no NIK; a
	 * phone number only when a reminder needs it); slot_ms on a
	 * ticket: the slot of the booking it came from, 0 for others */
	"CREATE TABLE IF NOT EXISTS slot_rules("
	"  service TEXT PRIMARY KEY REFERENCES services(code),"
	"  length_min INTEGER NOT NULL CHECK(length_min BETWEEN 5 AND 240),"
	"  per_slot INTEGER NOT NULL CHECK(per_slot BETWEEN 1 AND 100),"
	"  days_ahead INTEGER NOT NULL CHECK(days_ahead BETWEEN 0 AND 90),"
	"  from_min INTEGER NOT NULL CHECK(from_min BETWEEN 0 AND 1439),"
	"  to_min INTEGER NOT NULL CHECK(to_min BETWEEN 1 AND 1440)"
	") WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS bookings("
	"  id INTEGER PRIMARY KEY,"
	"  service TEXT NOT NULL REFERENCES services(code),"
	"  day TEXT NOT NULL,"
	"  slot_ms INTEGER NOT NULL,"
	"  code_hash TEXT NOT NULL,"
	"  secret_hash TEXT NOT NULL,"
	"  name TEXT NOT NULL DEFAULT '',"
	"  phone TEXT NOT NULL DEFAULT '',"
	"  state TEXT NOT NULL CHECK(state IN ('booked', 'checked_in', "
	"    'late', 'no_show')),"
	"  ticket INTEGER REFERENCES tickets(id),"
	"  made_ms INTEGER NOT NULL,"
	"  checkin_ms INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE(code_hash, day));"
	"CREATE INDEX IF NOT EXISTS bookings_slot ON bookings(service, slot_ms);"
	"CREATE INDEX IF NOT EXISTS bookings_due ON bookings(state, slot_ms);",
	/* 6 -> 7: reminders (queue_notify.c).  phones: the number a
	 * ticket's or a booking's reminders go to and their language, with
	 * the visit's day for [privacy] keep_days; outbox: the messages to
	 * send, one per (ticket or booking, kind, channel), with their tries;
	 * notify_cursor: the last event the notifier read. */
	"CREATE TABLE IF NOT EXISTS phones("
	"  id INTEGER PRIMARY KEY,"
	"  ticket INTEGER UNIQUE REFERENCES tickets(id),"
	"  booking INTEGER UNIQUE REFERENCES bookings(id),"
	"  phone TEXT NOT NULL,"
	"  lang TEXT NOT NULL CHECK(lang IN ('id', 'en')),"
	"  day TEXT NOT NULL,"
	"  set_ms INTEGER NOT NULL,"
	"  CHECK((ticket IS NULL) <> (booking IS NULL)));"
	"CREATE INDEX IF NOT EXISTS phones_day ON phones(day);"
	/* a checked-in booking's number, found from its ticket */
	"CREATE INDEX IF NOT EXISTS bookings_ticket ON bookings(ticket) "
	"  WHERE ticket IS NOT NULL;"
	"CREATE TABLE IF NOT EXISTS outbox("
	"  id INTEGER PRIMARY KEY,"
	"  ticket INTEGER NOT NULL DEFAULT 0,"
	"  booking INTEGER NOT NULL DEFAULT 0,"
	"  kind TEXT NOT NULL CHECK(kind IN ('booked', 'come', 'ahead',"
	"    'called', 'missed')),"
	"  channel INTEGER NOT NULL CHECK(channel IN (1, 2)),"
	"  lang TEXT NOT NULL,"
	"  phone TEXT NOT NULL,"
	"  day TEXT NOT NULL,"
	"  p1 TEXT NOT NULL DEFAULT '',"
	"  p2 TEXT NOT NULL DEFAULT '',"
	"  state TEXT NOT NULL DEFAULT 'pending' CHECK(state IN ('pending',"
	"    'sent', 'dead')),"
	"  tries INTEGER NOT NULL DEFAULT 0,"
	"  trigger_ms INTEGER NOT NULL,"
	"  made_ms INTEGER NOT NULL,"
	"  next_ms INTEGER NOT NULL,"
	"  sent_ms INTEGER NOT NULL DEFAULT 0,"
	"  error TEXT NOT NULL DEFAULT '',"
	"  UNIQUE(ticket, booking, kind, channel));"
	"CREATE INDEX IF NOT EXISTS outbox_due ON outbox(state, next_ms);"
	"CREATE INDEX IF NOT EXISTS outbox_day ON outbox(day);"
	"CREATE TABLE IF NOT EXISTS notify_cursor("
	"  id INTEGER PRIMARY KEY CHECK(id = 1),"
	"  last_event INTEGER NOT NULL);",
	/* 7 -> 8: what the head office asked, by its request's id, with the
	 * ticket or booking issued for it: a request answered twice (the
	 * link lost between the issue and the answer) issues once */
	"CREATE TABLE IF NOT EXISTS central_requests("
	"  request INTEGER PRIMARY KEY,"
	"  ticket INTEGER REFERENCES tickets(id),"
	"  booking INTEGER REFERENCES bookings(id),"
	"  made_ms INTEGER NOT NULL);",
};

#define TCOLS "t.id, t.label, t.service, t.issue_service, t.seq, t.day, " \
	"t.state, t.issued_ms, t.admitted_ms, t.called_ms, t.finished_ms, " \
	"t.counter, t.kiosk, t.print_state, t.print_reason, " \
	"coalesce(t.token, ''), t.place_ms, t.slot_ms"
#define UCOLS "name, role, hash, enabled, fails, locked_until, created_ms"
#define OBCOLS "id, ticket, booking, kind, channel, lang, phone, p1, p2, " \
	"state, tries, trigger_ms, made_ms, next_ms, sent_ms, error"
#define ECOLS "id, ts_ms, kind, coalesce(ticket, 0), label, service, " \
	"counter, actor, detail, hash"
/* a booking the head office made is reminded from its outbox
 * (antri-notify --central, docs/notify.md), never from the office's:
 * not booking B (an id) nor its ticket T */
#define NOT_HQ_BOOKING(B, T) "NOT EXISTS (SELECT 1 FROM central_requests " \
	"hr JOIN bookings hb ON hb.id = hr.booking WHERE hb.id = " B " OR (" \
	T " <> 0 AND hb.ticket = " T "))"

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
		"counter, kiosk, print_state, print_reason, token, place_ms, slot_ms) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
		"?14, nullif(?15, ''), ?16, ?17)",
	[S_T_GET] = "SELECT " TCOLS " FROM tickets t WHERE t.id = ?1",
	[S_T_BY_LABEL] = "SELECT " TCOLS " FROM tickets t WHERE t.day = ?1 "
		"AND t.issue_service = ?2 AND t.seq = ?3",
	[S_T_BY_TOKEN] = "SELECT " TCOLS " FROM tickets t WHERE t.day = ?1 "
		"AND t.token = ?2",
	[S_T_UPDATE] = "UPDATE tickets SET service = ?2, state = ?3, "
		"admitted_ms = ?4, called_ms = ?5, finished_ms = ?6, counter = ?7, "
		"print_state = ?8, print_reason = ?9, place_ms = ?10 WHERE id = ?1",
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
	/* (each service's first in index tickets_wait, then the best of
	 * those few: the same order as over all of them) */
	[S_T_NEXT_OUT] = "SELECT t.id FROM services s JOIN tickets t ON "
		"t.id = (SELECT w.id FROM tickets w WHERE w.state = 'OUTSIDE' "
		"AND w.service = s.code ORDER BY w.place_ms, w.id LIMIT 1) "
		"ORDER BY s.priority DESC, t.place_ms, t.id LIMIT 1",
	[S_T_NEXT_FOR] = "SELECT t.id FROM counter_services cs "
		"JOIN services s ON s.code = cs.service JOIN tickets t ON "
		"t.id = (SELECT w.id FROM tickets w WHERE w.state = 'ADMITTED' "
		"AND w.service = cs.service ORDER BY w.place_ms, w.id LIMIT 1) "
		"WHERE cs.counter = ?1 "
		"ORDER BY s.priority DESC, t.place_ms, t.id LIMIT 1",
	[S_T_LIVE] = "SELECT id FROM tickets WHERE state IN ('OUTSIDE', "
		"'ADMITTED', 'CALLED', 'EXPECTED') AND day < ?1 ORDER BY id LIMIT ?2",
	[S_T_LIVE_ALL] = "SELECT id FROM tickets WHERE state IN ('OUTSIDE', "
		"'ADMITTED', 'CALLED', 'EXPECTED') ORDER BY id LIMIT ?1",
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
		"(s.priority = ?1 AND (t.place_ms < ?2 OR (t.place_ms = ?2 "
		"AND t.id < ?3))))",
	[S_CTR_OPEN_ANY] = "SELECT count(*) FROM counters c "
		"WHERE c.state = 'open' AND EXISTS (SELECT 1 FROM "
		"counter_services cs WHERE cs.counter = c.number)",
	/* "silakan masuk": the newest ?2 admissions from outside since ?1
	 * whose ticket is still waiting inside, not called yet (the detail
	 * is written out, not bound: only then does SQLite take the partial
	 * index events_outside) */
	[S_E_ADMIT_WAITING] = "SELECT " ECOLS " FROM events WHERE id >= ?1 "
		"AND kind = 'admitted' AND detail = '" Q_ADMIT_FROM_OUTSIDE "' "
		"AND EXISTS (SELECT 1 "
		"FROM tickets t WHERE t.id = events.ticket AND "
		"t.state = 'ADMITTED' AND t.called_ms = 0) "
		"ORDER BY id DESC LIMIT ?2",
	/* remote tickets' check-in codes (db_remote.c): a code's row,
	 * today's (?2) first, else its newest other day */
	[S_CK_INSERT] = "INSERT INTO checkins(ticket, day, code_hash, "
		"secret_hash) VALUES (?1, ?2, ?3, ?4)",
	[S_CK_GET] = "SELECT ticket, day, secret_hash, used_ms FROM checkins "
		"WHERE code_hash = ?1 ORDER BY day = ?2 DESC, day DESC LIMIT 1",
	[S_CK_USE] = "UPDATE checkins SET used_ms = ?2 WHERE ticket = ?1",
	[S_CK_COUNT_SVC] = "SELECT count(*) FROM checkins c JOIN tickets t "
		"ON t.id = c.ticket WHERE c.day = ?1 AND t.issue_service = ?2",
	[S_CT_GET] = "SELECT since_ms, fails, locked_until FROM checkin_tries "
		"WHERE source = ?1",
	[S_CT_PUT] = "INSERT INTO checkin_tries(source, since_ms, fails, "
		"locked_until) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(source) DO "
		"UPDATE SET since_ms = ?2, fails = ?3, locked_until = ?4",
	/* the first call, in service ?2 of day ?1, of a ticket placed after
	 * the place (?3, id ?4): when the turn of that place passed */
	[S_T_TURN_PASSED] = "SELECT coalesce(min(called_ms), 0) FROM tickets "
		"WHERE day = ?1 AND service = ?2 AND called_ms > 0 AND "
		"(place_ms > ?3 OR (place_ms = ?3 AND id > ?4))",
	/* appointments (db_remote.c) */
	[S_SR_PUT] = "INSERT INTO slot_rules(service, length_min, per_slot, "
		"days_ahead, from_min, to_min) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
		"ON CONFLICT(service) DO UPDATE SET length_min = ?2, "
		"per_slot = ?3, days_ahead = ?4, from_min = ?5, to_min = ?6",
	[S_SR_GET] = "SELECT length_min, per_slot, days_ahead, from_min, "
		"to_min FROM slot_rules WHERE service = ?1",
	[S_BK_INSERT] = "INSERT INTO bookings(service, day, slot_ms, "
		"code_hash, secret_hash, name, phone, state, made_ms) VALUES "
		"(?1, ?2, ?3, ?4, ?5, ?6, ?7, 'booked', ?8)",
	/* the places a slot holds: no-shows released theirs */
	[S_BK_COUNT_SLOT] = "SELECT count(*) FROM bookings WHERE service = ?1 "
		"AND slot_ms = ?2 AND state <> 'no_show'",
	[S_BK_COUNT_DAY] = "SELECT count(*) FROM bookings WHERE service = ?1 "
		"AND day = ?2",
	[S_BK_SAME_PHONE] = "SELECT count(*) FROM bookings WHERE service = ?1 "
		"AND day = ?2 AND phone = ?3 AND phone <> '' "
		"AND state <> 'no_show'",
	[S_BK_GET] = "SELECT id, service, day, slot_ms, secret_hash, state, "
		"coalesce(ticket, 0) FROM bookings WHERE code_hash = ?1 "
		"ORDER BY day = ?2 DESC, day DESC LIMIT 1",
	[S_BK_SET] = "UPDATE bookings SET state = ?2, ticket = nullif(?3, 0), "
		"checkin_ms = ?4 WHERE id = ?1",
	[S_BK_DUE] = "SELECT id FROM bookings WHERE state = 'booked' AND "
		"slot_ms < ?1 ORDER BY slot_ms, id LIMIT 64",
	/* checked-in appointments whose slot came: they join the door */
	[S_T_SLOT_CAME] = "SELECT id FROM tickets WHERE state = 'EXPECTED' "
		"AND slot_ms > 0 AND slot_ms <= ?1 ORDER BY slot_ms, id LIMIT 64",
	[S_BK_DAY_STATS] = "SELECT state, count(*) FROM bookings "
		"WHERE day >= ?1 AND day <= ?2 GROUP BY state",
	/* reminders (db_outbox.c) */
	[S_PH_PUT_T] = "INSERT INTO phones(ticket, phone, lang, day, set_ms) "
		"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(ticket) DO UPDATE SET "
		"phone = ?2, lang = ?3, day = ?4, set_ms = ?5",
	[S_PH_PUT_B] = "INSERT INTO phones(booking, phone, lang, day, set_ms) "
		"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(booking) DO UPDATE SET "
		"phone = ?2, lang = ?3, day = ?4, set_ms = ?5",
	[S_PH_DEL_T] = "DELETE FROM phones WHERE ticket = ?1",
	[S_PH_DEL_B] = "DELETE FROM phones WHERE booking = ?1",
	[S_BK_PHONE_CLEAR] = "UPDATE bookings SET phone = '' WHERE id = ?1",
	[S_BK_BY_ID] = "SELECT day, state, slot_ms FROM bookings "
		"WHERE id = ?1",
	/* where ticket ?1's or booking ?2's reminders go: its own number,
	 * else its booking's (attached, else given when booked); nowhere
	 * for a booking the head office made */
	[S_PH_FOR] = "SELECT phone, lang FROM ("
		"SELECT phone, lang, 0 AS o FROM phones WHERE ticket = ?1 "
		"UNION ALL SELECT p.phone, p.lang, 1 FROM phones p "
		"WHERE p.booking = ?2 OR p.booking IN "
		"(SELECT id FROM bookings WHERE ticket = ?1 AND ?1 <> 0) "
		"UNION ALL SELECT phone, 'id', 2 FROM bookings WHERE phone <> '' "
		"AND (id = ?2 OR (ticket = ?1 AND ?1 <> 0))) "
		"WHERE " NOT_HQ_BOOKING("?2", "?1") " ORDER BY o LIMIT 1",
	/* live tickets with a number whose "come" or "ahead" is not out */
	[S_PH_LIVE] = "SELECT t.id FROM tickets t WHERE t.state IN "
		"('EXPECTED', 'OUTSIDE', 'ADMITTED') AND (EXISTS (SELECT 1 FROM "
		"phones p WHERE p.ticket = t.id) OR EXISTS (SELECT 1 FROM "
		"bookings b WHERE b.ticket = t.id AND (b.phone <> '' OR EXISTS "
		"(SELECT 1 FROM phones p WHERE p.booking = b.id)))) AND "
		NOT_HQ_BOOKING("0", "t.id") " AND "
		"(SELECT count(DISTINCT kind) FROM outbox o WHERE o.ticket = t.id "
		"AND o.kind IN ('come', 'ahead')) < 2 ORDER BY t.id LIMIT ?1",
	[S_OB_HAS] = "SELECT count(*) FROM outbox WHERE ticket = ?1 AND "
		"booking = ?2 AND kind = ?3",
	[S_OB_INSERT] = "INSERT OR IGNORE INTO outbox(ticket, booking, kind, "
		"channel, lang, phone, day, p1, p2, trigger_ms, made_ms, next_ms) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
	[S_OB_DUE] = "SELECT " OBCOLS " FROM outbox WHERE state = 'pending' "
		"AND next_ms <= ?1 ORDER BY next_ms, id LIMIT ?2",
	[S_OB_LIST] = "SELECT " OBCOLS " FROM outbox WHERE state = ?1 "
		"ORDER BY id DESC LIMIT ?2",
	[S_OB_GET] = "SELECT " OBCOLS " FROM outbox WHERE id = ?1",
	[S_OB_SET] = "UPDATE outbox SET state = ?2, tries = ?3, next_ms = ?4, "
		"sent_ms = ?5, error = ?6 WHERE id = ?1",
	[S_OB_COUNTS] = "SELECT state, count(*), min(made_ms) FROM outbox "
		"GROUP BY state",
	[S_NC_GET] = "SELECT last_event FROM notify_cursor WHERE id = 1",
	[S_NC_PUT] = "INSERT INTO notify_cursor(id, last_event) VALUES (1, ?1) "
		"ON CONFLICT(id) DO UPDATE SET last_event = max(last_event, ?1)",
	/* [privacy] keep_days: numbers of visits before day ?1 */
	[S_PV_PHONES] = "DELETE FROM phones WHERE day < ?1",
	[S_PV_BOOKINGS] = "UPDATE bookings SET phone = '' WHERE phone <> '' "
		"AND day < ?1",
	[S_PV_OUTBOX] = "UPDATE outbox SET phone = '', state = CASE state "
		"WHEN 'pending' THEN 'dead' ELSE state END, error = CASE state "
		"WHEN 'pending' THEN 'number deleted ([privacy] keep_days)' "
		"ELSE error END WHERE phone <> '' AND day < ?1",
	/* checked-in appointments whose slot came but that no write has
	 * moved to the door yet (qi_remote_step runs at the next write):
	 * they stand at the door already, counted as S_T_AHEAD counts */
	[S_T_AHEAD_DUE] = "SELECT count(*) FROM tickets t "
		"JOIN services s ON s.code = t.service WHERE "
		"t.state = 'EXPECTED' AND t.slot_ms > 0 AND t.slot_ms <= ?5 "
		"AND (?4 = '' OR t.service = ?4) AND (s.priority > ?1 OR "
		"(s.priority = ?1 AND (t.place_ms < ?2 OR (t.place_ms = ?2 "
		"AND t.id < ?3))))",
	/* the head office's requests (db_remote.c) */
	[S_RQ_GET] = "SELECT coalesce(ticket, 0), coalesce(booking, 0) FROM "
		"central_requests WHERE request = ?1",
	[S_RQ_PUT] = "INSERT INTO central_requests(request, ticket, booking, "
		"made_ms) VALUES (?1, nullif(?2, 0), nullif(?3, 0), ?4)",
	/* a day's tickets of the head office's requests (its remote
	 * tickets, and its bookings checked in), newest first, those
	 * finished before ?2 left out */
	[S_RQ_TICKETS] = "SELECT r.request, t.id FROM central_requests r "
		"LEFT JOIN bookings b ON b.id = r.booking "
		"JOIN tickets t ON t.id = coalesce(r.ticket, b.ticket) "
		"WHERE t.day = ?1 AND (t.finished_ms = 0 OR t.finished_ms >= ?2) "
		"ORDER BY r.request DESC LIMIT ?3",
	/* a day's bookings of the head office's requests that were not
	 * checked in by their slot + Q_SLOT_LATE_MIN, newest first */
	[S_RQ_MISSED] = "SELECT r.request FROM central_requests r "
		"JOIN bookings b ON b.id = r.booking WHERE b.day = ?1 "
		"AND b.state = 'no_show' ORDER BY r.request DESC LIMIT ?2",
	/* a new code for what was issued but never answered: the old one
	 * was shown to nobody */
	[S_CK_REKEY] = "UPDATE checkins SET code_hash = ?2, secret_hash = ?3 "
		"WHERE ticket = ?1 AND used_ms = 0",
	[S_BK_REKEY] = "UPDATE bookings SET code_hash = ?2, secret_hash = ?3 "
		"WHERE id = ?1 AND state = 'booked'",
	[S_BK_SLOT] = "SELECT slot_ms FROM bookings WHERE id = ?1",
	/* the places taken per slot of a service from ?2 on, ?3 at most */
	[S_BK_PER_SLOT] = "SELECT slot_ms, count(*) FROM bookings WHERE "
		"service = ?1 AND slot_ms >= ?2 AND state <> 'no_show' "
		"GROUP BY slot_ms ORDER BY slot_ms LIMIT ?3",
};

const char *
db_migration_sql(int v)
{
	return v >= 0 && v < DB_VERSION ? migrations[v] : "";
}

const char *
db_stmt_sql(enum stmt s)
{
	return stmt_text[s];
}
