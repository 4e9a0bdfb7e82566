/* cdb_sql.c - every SQL text of the head office's PostgreSQL database:
 * the migrations (schema version n -> n + 1) and the statements cdb.c
 * runs.  Everything lives in the schema "antri".
 *
 * Who may do what (docs/central.md): the tables belong to the role that
 * ran `antri-central init`; each outlet logs in as a role of its own
 * ("antri_" + its id), a member of antri_outlet, and row-level security
 * lets it insert and read only rows of its own office.  It may not update
 * or delete an event: an event the central holds is never overwritten;
 * one that comes again with another hash is refused by a trigger, which
 * records a flag.
 */
#include "cdb_int.h"

const char *const cdb_migrations[CDB_SCHEMA_VERSION + 1] = {
	[1] =
	"DO $$ BEGIN "
	"  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'antri_outlet')"
	"  THEN CREATE ROLE antri_outlet NOLOGIN; END IF; "
	"END $$;"
	"CREATE TABLE antri.offices ("
	"  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,39}$'),"
	"  name text NOT NULL CHECK (name <> ''),"
	"  area text NOT NULL DEFAULT '',"
	"  role name NOT NULL UNIQUE,"
	"  added_at timestamptz NOT NULL DEFAULT now());"
	"CREATE TABLE antri.events ("
	"  office text NOT NULL REFERENCES antri.offices (id),"
	"  id bigint NOT NULL CHECK (id > 0),"
	"  ts_ms bigint NOT NULL,"
	"  kind text NOT NULL,"
	"  ticket bigint NOT NULL,"
	"  label text NOT NULL,"
	"  service text NOT NULL,"
	"  counter integer NOT NULL,"
	"  actor text NOT NULL,"
	"  detail text NOT NULL,"
	"  hash text NOT NULL,"
	"  received_at timestamptz NOT NULL DEFAULT now(),"
	"  PRIMARY KEY (office, id));"
	"CREATE TABLE antri.live ("
	"  office text PRIMARY KEY REFERENCES antri.offices (id),"
	"  state jsonb NOT NULL,"
	"  changed_at timestamptz NOT NULL DEFAULT now(),"
	"  seen_at timestamptz NOT NULL DEFAULT now());"
	"CREATE TABLE antri.flags ("
	"  id bigserial PRIMARY KEY,"
	"  office text NOT NULL REFERENCES antri.offices (id),"
	"  kind text NOT NULL CHECK (kind IN ('history', 'rewound', 'broken')),"
	"  event_id bigint NOT NULL DEFAULT 0,"
	"  central_hash text NOT NULL DEFAULT '',"
	"  outlet_hash text NOT NULL DEFAULT '',"
	"  detail text NOT NULL,"
	"  flagged_at timestamptz NOT NULL DEFAULT now(),"
	"  cleared_at timestamptz);"
	"CREATE INDEX flags_open ON antri.flags (office) WHERE cleared_at IS NULL;"
	/* the office of the role logged in; NULL for anyone else */
	"CREATE FUNCTION antri.my_office() RETURNS text LANGUAGE sql STABLE "
	"  SET search_path = pg_catalog, antri AS "
	"  $f$ SELECT id FROM antri.offices WHERE role = current_user $f$;"
	/* an event that is there already is never stored again; with
	 * another hash it is the outlet's history that changed: flagged */
	"CREATE FUNCTION antri.event_guard() RETURNS trigger LANGUAGE plpgsql "
	"  SECURITY DEFINER SET search_path = pg_catalog, antri AS $f$ "
	"DECLARE had text; mine text; "
	"BEGIN "
	/* it runs as the tables' owner: an outlet's own rows only, checked
	 * before anything is read or flagged */
	"  SELECT id INTO mine FROM antri.offices WHERE role = session_user; "
	"  IF FOUND AND mine <> NEW.office THEN "
	"    RAISE EXCEPTION 'an outlet may send only its own events' "
	"      USING ERRCODE = '42501'; "
	"  END IF; "
	"  SELECT hash INTO had FROM antri.events "
	"    WHERE office = NEW.office AND id = NEW.id; "
	"  IF NOT FOUND THEN RETURN NEW; END IF; "
	"  IF had <> NEW.hash THEN "
	"    INSERT INTO antri.flags (office, kind, event_id, central_hash, "
	"      outlet_hash, detail) VALUES (NEW.office, 'history', NEW.id, had, "
	"      NEW.hash, 'event ' || NEW.id || ' came again with another hash: "
	"the outlet''s history changed after it was shipped (a restored "
	"backup, an edited database); the central keeps what it had'); "
	"  END IF; "
	"  RETURN NULL; "
	"END $f$;"
	"CREATE TRIGGER event_guard BEFORE INSERT ON antri.events "
	"  FOR EACH ROW EXECUTE FUNCTION antri.event_guard();"
	/* registering an outlet: its row and its role */
	"CREATE FUNCTION antri.office_add(oid_ text, name_ text, area_ text, "
	"  verifier text) RETURNS name LANGUAGE plpgsql "
	"  SET search_path = pg_catalog, antri AS $f$ "
	"DECLARE r name := 'antri_' || oid_; "
	"BEGIN "
	"  INSERT INTO antri.offices (id, name, area, role) "
	"    VALUES (oid_, name_, area_, r); "
	"  IF verifier IS NULL THEN "
	"    EXECUTE format('CREATE ROLE %I LOGIN IN ROLE antri_outlet', r); "
	"  ELSE "
	"    EXECUTE format('CREATE ROLE %I LOGIN IN ROLE antri_outlet "
	"PASSWORD %L', r, verifier); "
	"  END IF; "
	"  RETURN r; "
	"END $f$;"
	"REVOKE ALL ON FUNCTION antri.office_add(text, text, text, text) "
	"  FROM PUBLIC;"
	"GRANT USAGE ON SCHEMA antri TO antri_outlet;"
	"GRANT SELECT ON antri.offices TO antri_outlet;"
	"GRANT SELECT, INSERT ON antri.events TO antri_outlet;"
	"GRANT SELECT, INSERT, UPDATE ON antri.live TO antri_outlet;"
	"GRANT SELECT, INSERT ON antri.flags TO antri_outlet;"
	"GRANT USAGE ON SEQUENCE antri.flags_id_seq TO antri_outlet;"
	"ALTER TABLE antri.offices ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE antri.events ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE antri.live ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE antri.flags ENABLE ROW LEVEL SECURITY;"
	"CREATE POLICY own ON antri.offices TO antri_outlet "
	"  USING (role = current_user);"
	"CREATE POLICY own ON antri.events TO antri_outlet "
	"  USING (office = antri.my_office()) "
	"  WITH CHECK (office = antri.my_office());"
	"CREATE POLICY own ON antri.live TO antri_outlet "
	"  USING (office = antri.my_office()) "
	"  WITH CHECK (office = antri.my_office());"
	"CREATE POLICY own ON antri.flags TO antri_outlet "
	"  USING (office = antri.my_office()) "
	"  WITH CHECK (office = antri.my_office());",
	/* 1 -> 2: what the head office asks of an outlet (a remote ticket,
	 * a booking, a service's slots).  The central never writes an
	 * outlet's queue: it inserts a request, NOTIFY antri_req_<office>
	 * wakes that outlet's antri-sync, which takes it (asked -> taken,
	 * one statement), issues it by its own rules and answers (taken ->
	 * done or refused, NOTIFY antri_answers).  A caller tired of waiting
	 * withdraws a request that nobody took (asked -> withdrawn); a
	 * taken request is the outlet's and is always answered.  The
	 * outlet's role sees and updates only its own rows and only along
	 * these steps (the trigger); only the head office inserts. */
	[2] =
	"CREATE TABLE antri.requests ("
	"  id bigserial PRIMARY KEY,"
	"  office text NOT NULL REFERENCES antri.offices (id),"
	"  kind text NOT NULL CHECK (kind IN ('remote', 'booking', 'slots')),"
	"  service text NOT NULL CHECK (service ~ '^[A-Z]$'),"
	"  slot text NOT NULL DEFAULT '' CHECK (length(slot) <= 64),"
	"  name text NOT NULL DEFAULT '' CHECK (length(name) <= 64),"
	"  phone text NOT NULL DEFAULT '' CHECK (phone ~ '^[+]?[0-9]{0,19}$'),"
	"  status text NOT NULL DEFAULT 'asked' CHECK (status IN ('asked', "
	"    'taken', 'done', 'refused', 'withdrawn')),"
	"  taken_by integer,"
	"  answer jsonb,"
	"  asked_at timestamptz NOT NULL DEFAULT now(),"
	"  answered_at timestamptz);"
	"CREATE INDEX requests_open ON antri.requests (office) "
	"  WHERE status IN ('asked', 'taken');"
	"CREATE FUNCTION antri.request_asked() RETURNS trigger LANGUAGE plpgsql "
	"  SET search_path = pg_catalog, antri AS $f$ "
	"BEGIN "
	"  PERFORM pg_notify('antri_req_' || NEW.office, NEW.id::text); "
	"  RETURN NULL; "
	"END $f$;"
	"CREATE TRIGGER request_asked AFTER INSERT ON antri.requests "
	"  FOR EACH ROW EXECUTE FUNCTION antri.request_asked();"
	"CREATE FUNCTION antri.request_step() RETURNS trigger LANGUAGE plpgsql "
	"  SET search_path = pg_catalog, antri AS $f$ "
	"BEGIN "
	"  IF NOT ((OLD.status = 'asked' AND NEW.status IN ('taken', "
	"      'withdrawn')) OR (OLD.status = 'taken' AND NEW.status IN "
	"      ('taken', 'done', 'refused'))) "
	"    OR NEW.id <> OLD.id OR NEW.office <> OLD.office "
	"    OR NEW.kind <> OLD.kind OR NEW.service <> OLD.service "
	"    OR NEW.slot <> OLD.slot THEN "
	"    RAISE EXCEPTION 'request %: % may not become %', OLD.id, "
	"      OLD.status, NEW.status USING ERRCODE = '55000'; "
	"  END IF; "
	"  IF NEW.status IN ('done', 'refused') THEN "
	"    NEW.answered_at := now(); "
	"    PERFORM pg_notify('antri_answers', NEW.id::text); "
	"  END IF; "
	"  RETURN NEW; "
	"END $f$;"
	"CREATE TRIGGER request_step BEFORE UPDATE ON antri.requests "
	"  FOR EACH ROW EXECUTE FUNCTION antri.request_step();"
	"GRANT SELECT, UPDATE (status, taken_by, answer, name, phone) "
	"  ON antri.requests TO antri_outlet;"
	"ALTER TABLE antri.requests ENABLE ROW LEVEL SECURITY;"
	"CREATE POLICY own ON antri.requests TO antri_outlet "
	"  USING (office = antri.my_office()) "
	"  WITH CHECK (office = antri.my_office());",
};

/* a request's answer (cdb_answer's fields), as the outlet wrote it */
#define ANSWER "coalesce((r.answer->>'error')::int, 0), " \
	"coalesce(r.answer->>'number', ''), coalesce(r.answer->>'code', ''), " \
	"coalesce(r.answer->>'qr', ''), coalesce(r.answer->>'slot', ''), " \
	"coalesce((r.answer->>'people_ahead')::int, 0), " \
	"coalesce((r.answer->>'est_wait_s')::int, -1)"

const char *const cdb_sql[CS_COUNT] = {
	[CS_SCHEMA] =
		"SET LOCAL client_min_messages = warning;"
		"SELECT pg_advisory_xact_lock(hashtext('antri schema'));"
		"CREATE SCHEMA IF NOT EXISTS antri;"
		"CREATE TABLE IF NOT EXISTS antri.schema_version ("
		"  version integer NOT NULL);",
	[CS_VERSION] =
		"SELECT coalesce(max(version), 0) FROM antri.schema_version",
	[CS_SET_VERSION] =
		"DELETE FROM antri.schema_version;"
		"INSERT INTO antri.schema_version (version) VALUES (%d)",
	[CS_VERSION_RO] =
		"SELECT CASE WHEN to_regclass('antri.schema_version') IS NULL "
		"THEN -1 ELSE 0 END",
	[CS_OFFICE_ADD] =
		"SELECT antri.office_add($1, $2, $3, $4)",
	[CS_OFFICES] =
		"SELECT id FROM antri.offices ORDER BY id",
	[CS_TIP] =
		"SELECT o.id,"
		" (SELECT coalesce(max(id), 0) FROM antri.events "
		"   WHERE office = o.id),"
		" (SELECT count(*) FROM antri.events WHERE office = o.id),"
		" (SELECT count(*) FROM antri.flags WHERE office = o.id "
		"   AND cleared_at IS NULL),"
		" (SELECT kind || ': ' || detail || ' (' || "
		"   to_char(flagged_at, 'YYYY-MM-DD HH24:MI:SS TZ') || ')' "
		"   FROM antri.flags WHERE office = o.id AND cleared_at IS NULL "
		"   ORDER BY id LIMIT 1),"
		" (SELECT event_id FROM antri.flags WHERE office = o.id "
		"   AND cleared_at IS NULL ORDER BY id LIMIT 1),"
		" (SELECT to_char(seen_at, 'YYYY-MM-DD HH24:MI:SS TZ') "
		"   FROM antri.live WHERE office = o.id)"
		" FROM antri.offices o WHERE o.id = $1",
	[CS_HASH_AT] =
		"SELECT hash FROM antri.events WHERE office = $1 AND id = $2",
	[CS_FLAG] =
		"INSERT INTO antri.flags (office, kind, event_id, central_hash, "
		"outlet_hash, detail) VALUES ($1, $2, $3, $4, $5, $6)",
	/* the VALUES rows are added by cdb.c: ($1, $2, ... $12), ... */
	/* one statement, one commit: the rows, then NOTIFY antri_events
	 * 'office:newest id stored' when any was */
	[CS_EVENTS_PUT] =
		"WITH ins AS (INSERT INTO antri.events (office, id, ts_ms, kind, "
		"ticket, label, service, counter, actor, detail, hash) VALUES ",
	[CS_EVENTS_PUT_END] =
		" ON CONFLICT (office, id) DO NOTHING RETURNING id), "
		"note AS (SELECT pg_notify('antri_events', $1 || ':' || max(id)) "
		"FROM ins HAVING count(*) > 0) "
		"SELECT ins.id FROM ins LEFT JOIN note ON true",
	[CS_EVENTS_PAGE] =
		"SELECT id, ts_ms, kind, ticket, label, service, counter, actor, "
		"detail, hash FROM antri.events WHERE office = $1 AND id > $2 "
		"ORDER BY id LIMIT 5000",
	[CS_LIVE_PUT] =
		"WITH u AS (INSERT INTO antri.live (office, state) "
		"VALUES ($1, $2::jsonb) ON CONFLICT (office) DO UPDATE "
		"SET state = EXCLUDED.state, changed_at = now(), seen_at = now() "
		"RETURNING office) SELECT pg_notify('antri_live', office) FROM u",
	[CS_BEAT] =
		"UPDATE antri.live SET seen_at = now() WHERE office = $1",
	[CS_FLAGS_CLEAR] =
		"UPDATE antri.flags SET cleared_at = now() WHERE office = $1 "
		"AND cleared_at IS NULL",
	/* requests (cdb_request.c): the head office asks ... */
	[CS_REQ_ASK] =
		"INSERT INTO antri.requests (office, kind, service, slot, name, "
		"phone) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
	/* ... gives up on it if nobody took it, and reads where it is (the
	 * withdrawal first: the SELECT's snapshot predates it) */
	[CS_REQ_WITHDRAW] =
		"WITH w AS (UPDATE antri.requests SET status = 'withdrawn' "
		"WHERE id = $1 AND status = 'asked' RETURNING status) "
		"SELECT coalesce((SELECT status FROM w), r.status), " ANSWER
		" FROM antri.requests r WHERE id = $1",
	[CS_REQ_READ] =
		"SELECT r.status, " ANSWER " FROM antri.requests r WHERE id = $1",
	/* ... the outlet takes what was asked of it, and what a process
	 * of its own took and left unanswered (its session is gone) */
	[CS_REQ_TAKE] =
		"UPDATE antri.requests SET status = 'taken', "
		"taken_by = pg_backend_pid() WHERE id IN (SELECT id FROM "
		"antri.requests WHERE office = $1 AND (status = 'asked' OR "
		"(status = 'taken' AND taken_by <> pg_backend_pid() AND NOT "
		"EXISTS (SELECT 1 FROM pg_stat_activity a WHERE "
		"a.pid = taken_by))) ORDER BY id LIMIT $2 "
		"FOR UPDATE SKIP LOCKED) "
		"RETURNING id, kind, service, slot, name, phone",
	/* ... and answers; the name and phone are not kept centrally */
	[CS_REQ_ANSWER] =
		"UPDATE antri.requests SET status = $2, answer = $3::jsonb, "
		"name = '', phone = '' WHERE id = $1 AND status = 'taken' AND "
		"taken_by = pg_backend_pid()",
};
