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

/* The functions of two statement triggers on antri.events, created by
 * migrations 6 and 7 and replaced by 12 with the text below (one text).
 *
 * KEYED: a ticket a batch names is looked up by its key, one by one
 * (OFFSET 0 keeps the planner from turning the lookups back into a
 * join).  A session plans a function's statement once and keeps the
 * plan; antri-sync's sessions last all day.  Planned as a join while
 * antri.tickets was nearly empty (a new central, the first minutes of
 * a day after an outage), the plan read the whole table for every
 * batch, which grew with every batch.  In the catch-up bench (318
 * outlets, 2,000 events each) pg_stat_statements gave these two
 * statements 105 and 82 s, 65-80 ms a batch, and their logged plans
 * read antri.tickets by a sequential scan.
 */

/* the statement's stored events (fresh) in id order per office:
 * the day in effect at each (the last day_started before it, else
 * outlet_now's), each ticket as it stood before the batch or as its
 * first issue made it, the moves that find their ticket with the
 * state each found, the room's count after each change of it */
#define EVENTS_FACT \
	"CREATE OR REPLACE FUNCTION antri.events_fact() RETURNS trigger " \
	"  LANGUAGE plpgsql SECURITY DEFINER " \
	"  SET search_path = pg_catalog, antri AS $f$ " \
	"BEGIN " \
	"  IF NOT EXISTS (SELECT 1 FROM fresh) THEN RETURN NULL; END IF; " \
	/* one batch of an office at a time (a batch sent again while the \
	 * first is still running): each reads what the one before wrote */ \
	"  PERFORM pg_advisory_xact_lock(hashtext('antri fact'), " \
	"    hashtext(o.office)) FROM (SELECT DISTINCT office FROM fresh " \
	"    ORDER BY office) o; " \
	"  WITH now0 AS (" \
	"    SELECT o.office, n.day, n.inside, n.office IS NOT NULL AS had_row " \
	"    FROM (SELECT DISTINCT office FROM fresh) o " \
	"    LEFT JOIN antri.outlet_now n ON n.office = o.office), " \
	"  ev AS (" \
	"    SELECT f.office, f.id, f.kind, f.ticket, f.ts_ms, f.label, " \
	"      f.service, f.counter, f.detail, " \
	"      CASE WHEN f.kind = 'day_started' THEN substring(f.detail " \
	"        from '->([0-9]{4}-[0-9]{2}-[0-9]{2})')::date END AS dnew, " \
	"      count(*) FILTER (WHERE f.kind = 'day_started') OVER " \
	"        (PARTITION BY f.office ORDER BY f.id) AS dgrp " \
	"    FROM fresh f), " \
	"  ev2 AS (" \
	"    SELECT e.*, CASE WHEN e.dgrp = 0 THEN n.day ELSE first_value(e.dnew) " \
	"      OVER (PARTITION BY e.office, e.dgrp ORDER BY e.id) END AS dday " \
	"    FROM ev e JOIN now0 n ON n.office = e.office), " \
	"  tk AS (" \
	"    SELECT * FROM ev2 e WHERE e.ticket <> 0 AND e.kind IN ('issued', " \
	"      'checked_in', 'admitted', 'called', 'transferred', 'done', " \
	"      'no_show', 'cancelled')), " \
	/* each ticket looked up by its key (KEYED says why) */ \
	"  old AS (" \
	"    SELECT t.* FROM (SELECT DISTINCT office, ticket FROM tk) k " \
	"    CROSS JOIN LATERAL (SELECT * FROM antri.tickets t " \
	"      WHERE t.office = k.office AND t.ticket = k.ticket OFFSET 0) t), " \
	"  first_issue AS (" \
	"    SELECT DISTINCT ON (office, ticket) * FROM tk " \
	"    WHERE kind = 'issued' ORDER BY office, ticket, id), " \
	"  base AS (" \
	"    SELECT o.office, o.ticket, o.day, o.issue_service, o.service, " \
	"      o.seq, o.state, o.issued_ms, o.called_ms, o.finished_ms, " \
	"      o.counter, 0::bigint AS from_id, true AS existed FROM old o " \
	"    UNION ALL " \
	"    SELECT i.office, i.ticket, coalesce(i.dday, " \
	"      to_timestamp(i.ts_ms / 1000.0)::date), i.service, i.service, " \
	"      substring(i.label from 2)::integer, CASE WHEN i.detail IN " \
	"      ('remote', 'booking') THEN 'EXPECTED' ELSE 'OUTSIDE' END, " \
	"      i.ts_ms, 0, 0, 0, i.id, false FROM first_issue i " \
	"    WHERE NOT EXISTS (SELECT 1 FROM old o WHERE o.office = i.office " \
	"      AND o.ticket = i.ticket)), " \
	"  mv AS (" \
	"    SELECT m.office, m.ticket, m.id, m.kind, m.ts_ms, m.service, " \
	"      m.counter, m.dday, m.state, coalesce(lag(m.state) OVER " \
	"      (PARTITION BY m.office, m.ticket ORDER BY m.id), b.state) AS was " \
	"    FROM (SELECT k.*, CASE k.kind WHEN 'checked_in' THEN 'OUTSIDE' " \
	"      WHEN 'admitted' THEN 'ADMITTED' WHEN 'called' THEN 'CALLED' " \
	"      WHEN 'transferred' THEN 'ADMITTED' ELSE upper(k.kind) END " \
	"      AS state FROM tk k WHERE k.kind <> 'issued') m " \
	"    JOIN base b ON b.office = m.office AND b.ticket = m.ticket " \
	"      AND m.id > b.from_id), " \
	"  agg AS (" \
	"    SELECT office, ticket, " \
	"      (array_agg(state ORDER BY id DESC))[1] AS state, " \
	"      (array_agg(ts_ms ORDER BY id DESC) FILTER (WHERE kind = " \
	"        'called'))[1] AS called_ms, " \
	"      (array_agg(counter ORDER BY id DESC) FILTER (WHERE kind = " \
	"        'called'))[1] AS counter, " \
	"      (array_agg(service ORDER BY id DESC) FILTER (WHERE kind = " \
	"        'transferred'))[1] AS service, " \
	"      (array_agg(ts_ms ORDER BY id DESC) FILTER (WHERE kind IN " \
	"        ('done', 'no_show', 'cancelled')))[1] AS finished_ms " \
	"    FROM mv GROUP BY office, ticket), " \
	"  put AS (" \
	"    INSERT INTO antri.tickets AS t (office, ticket, day, " \
	"      issue_service, service, seq, state, issued_ms, called_ms, " \
	"      finished_ms, counter) " \
	"    SELECT b.office, b.ticket, b.day, b.issue_service, " \
	"      coalesce(a.service, b.service), b.seq, coalesce(a.state, " \
	"      b.state), b.issued_ms, coalesce(a.called_ms, b.called_ms), " \
	"      coalesce(a.finished_ms, b.finished_ms), coalesce(a.counter, " \
	"      b.counter) " \
	"    FROM base b LEFT JOIN agg a ON a.office = b.office " \
	"      AND a.ticket = b.ticket " \
	"    WHERE NOT b.existed OR a.office IS NOT NULL " \
	"    ON CONFLICT (office, ticket) DO UPDATE SET service = " \
	"      EXCLUDED.service, state = EXCLUDED.state, called_ms = " \
	"      EXCLUDED.called_ms, finished_ms = EXCLUDED.finished_ms, " \
	"      counter = EXCLUDED.counter), " \
	/* the room: +1 at an admission, -1 at an end of one inside; a \
	 * decrement before the office's row exists changes nothing */ \
	"  room AS (" \
	"    SELECT e.office, e.id, e.kind, e.dday, CASE " \
	"      WHEN m.kind = 'admitted' THEN 1 " \
	"      WHEN m.kind IN ('done', 'no_show', 'cancelled') " \
	"        AND m.was IN ('ADMITTED', 'CALLED') THEN -1 ELSE 0 END AS d " \
	"    FROM ev2 e LEFT JOIN mv m ON m.office = e.office AND m.id = e.id " \
	"    WHERE e.kind = 'day_started' OR m.kind = 'admitted' OR (m.kind IN " \
	"      ('done', 'no_show', 'cancelled') AND m.was IN ('ADMITTED', " \
	"      'CALLED'))), " \
	"  room2 AS (" \
	"    SELECT r.*, n.had_row OR count(*) FILTER (WHERE r.kind = " \
	"      'day_started' OR r.d = 1) OVER (PARTITION BY r.office ORDER BY " \
	"      r.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) > 0 " \
	"      AS row_there, n.inside AS inside0, n.day AS day0, n.had_row " \
	"    FROM room r JOIN now0 n ON n.office = r.office), " \
	"  room3 AS (" \
	"    SELECT r.*, coalesce(r.inside0, 0) + sum(CASE WHEN r.d = 1 OR " \
	"      r.row_there THEN r.d ELSE 0 END) OVER (PARTITION BY r.office " \
	"      ORDER BY r.id) AS inside FROM room2 r), " \
	"  peak AS (" \
	"    INSERT INTO antri.outlet_days AS p (office, day, peak) " \
	"    SELECT office, dday, max(inside) FROM room3 " \
	"    WHERE kind <> 'day_started' AND d = 1 AND dday IS NOT NULL " \
	"    GROUP BY office, dday " \
	"    ON CONFLICT (office, day) DO UPDATE SET peak = EXCLUDED.peak " \
	"    WHERE EXCLUDED.peak > p.peak) " \
	"  INSERT INTO antri.outlet_now AS o (office, day, inside) " \
	"  SELECT r.office, CASE WHEN count(*) FILTER (WHERE r.kind = " \
	"    'day_started') > 0 THEN (array_agg(r.dday ORDER BY r.id DESC) " \
	"    FILTER (WHERE r.kind = 'day_started'))[1] ELSE min(r.day0) END, " \
	"    (array_agg(r.inside ORDER BY r.id DESC))[1] " \
	"  FROM room3 r GROUP BY r.office " \
	"  HAVING bool_or(r.had_row) OR count(*) FILTER (WHERE r.kind = " \
	"    'day_started' OR r.d = 1) > 0 " \
	"  ON CONFLICT (office) DO UPDATE SET day = EXCLUDED.day, " \
	"    inside = EXCLUDED.inside; " \
	"  RETURN NULL; " \
	"END $f$;"

/* a day's version raised by every batch that moved one of its tickets
 * (the rollups, migration 7) */
#define EVENTS_VERSION \
	"CREATE OR REPLACE FUNCTION antri.events_version() RETURNS trigger " \
	"  LANGUAGE plpgsql SECURITY DEFINER " \
	"  SET search_path = pg_catalog, antri AS $f$ " \
	"BEGIN " \
	"  INSERT INTO antri.day_versions AS v (office, day) " \
	"  SELECT DISTINCT t.office, t.day FROM (SELECT DISTINCT office, " \
	"    ticket FROM fresh WHERE ticket <> 0) f " \
	"  CROSS JOIN LATERAL (SELECT t.office, t.day FROM antri.tickets t " \
	"    WHERE t.office = f.office AND t.ticket = f.ticket OFFSET 0) t " \
	"  ORDER BY 1, 2 " \
	"  ON CONFLICT (office, day) DO UPDATE SET version = v.version + 1; " \
	"  RETURN NULL; " \
	"END $f$;"

/* The reminders read off an outlet's live list of the tickets of the
 * head office's requests (antri.live.remote), created by migration 11
 * and replaced by 13, which added "come now".  Each at most once per
 * request and channel (antri.remind). */
#define LIVE_REMIND \
	"CREATE OR REPLACE FUNCTION antri.live_remind() RETURNS trigger " \
	"  LANGUAGE plpgsql SECURITY DEFINER " \
	"  SET search_path = pg_catalog, antri AS $f$ " \
	"DECLARE x record; r antri.reminders; s text; n text; a integer; " \
	"BEGIN " \
	"  IF TG_OP = 'UPDATE' AND NEW.remote IS NOT DISTINCT FROM OLD.remote " \
	"    OR NOT EXISTS (SELECT 1 FROM antri.reminders WHERE office = " \
	"    NEW.office AND phone <> '') THEN RETURN NULL; END IF; " \
	"  a := (SELECT ahead_n FROM antri.notify_conf); " \
	/* the outlet writes the list: a field of the wrong shape is \
	 * passed over, never an error that would refuse its live state */ \
	"  FOR x IN SELECT m AS r, e.value AS e FROM jsonb_array_elements(" \
	"    NEW.remote) e JOIN antri.reminders m ON m.office = NEW.office " \
	"    AND m.phone <> '' AND m.request = CASE WHEN e.value->>'request' " \
	"    ~ '^[0-9]{1,18}$' THEN (e.value->>'request')::bigint END LOOP " \
	"    r := x.r; s := x.e->>'state'; n := left(x.e->>'number', 16); " \
	"    IF n IS NULL THEN CONTINUE; END IF; " \
	/* a remote ticket's "come now": the outlet's rule, its flag */ \
	"    IF s = 'EXPECTED' AND r.slot_hm = '' " \
	"      AND x.e->'come_now' = 'true'::jsonb " \
	"      AND x.e->>'est_wait_s' ~ '^[0-9]{1,9}$' THEN " \
	"      PERFORM antri.remind(r, 'come', n, " \
	"        (((x.e->>'est_wait_s')::integer + 59) / 60)::text); " \
	"    END IF; " \
	"    IF s = 'CALLED' AND x.e->>'counter' ~ '^[1-9][0-9]{0,8}$' THEN " \
	"      PERFORM antri.remind(r, 'called', n, x.e->>'counter'); " \
	"    ELSIF s = 'NO_SHOW' THEN " \
	/* the number's missed call, not the booking's missed check-in */ \
	"      r.booking := 0; " \
	"      PERFORM antri.remind(r, 'missed', n, ''); " \
	"    ELSIF s IN ('EXPECTED', 'OUTSIDE', 'ADMITTED') AND a IS NOT NULL " \
	"      AND x.e->>'ahead' ~ '^[0-9]{1,9}$' " \
	"      AND (x.e->>'ahead')::integer <= a THEN " \
	"      PERFORM antri.remind(r, 'ahead', n, x.e->>'ahead'); " \
	"    END IF; " \
	"  END LOOP; " \
	"  RETURN NULL; " \
	"END $f$;"

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
	/* the head office's own staff (antri-central's /hq): accounts,
	 * sessions (the token's SHA-256 only), wrong passwords per address
	 * and the log of who did what; the outlets' roles see none of it */
	[2] =
	"CREATE TABLE antri.hq_users ("
	"  name text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,31}$'),"
	"  role text NOT NULL CHECK (role IN ('viewer', 'admin')),"
	"  hash text NOT NULL,"
	"  disabled boolean NOT NULL DEFAULT false,"
	"  added_at timestamptz NOT NULL DEFAULT now());"
	"CREATE TABLE antri.hq_sessions ("
	"  token_hash text PRIMARY KEY,"
	"  name text NOT NULL REFERENCES antri.hq_users (name) ON DELETE CASCADE,"
	"  created_at timestamptz NOT NULL DEFAULT now(),"
	"  used_at timestamptz NOT NULL DEFAULT now());"
	"CREATE TABLE antri.hq_fails ("
	"  addr text NOT NULL,"
	"  at timestamptz NOT NULL DEFAULT now());"
	"CREATE INDEX hq_fails_addr ON antri.hq_fails (addr, at);"
	"CREATE TABLE antri.hq_log ("
	"  id bigserial PRIMARY KEY,"
	"  at timestamptz NOT NULL DEFAULT now(),"
	"  actor text NOT NULL,"
	"  action text NOT NULL,"
	"  detail text NOT NULL DEFAULT '');"
	"REVOKE ALL ON antri.hq_users, antri.hq_sessions, antri.hq_fails, "
	"  antri.hq_log FROM PUBLIC;",
	[3] =
	/* the tickets as the outlet holds them, rebuilt from its events at
	 * ingest (the reports read them, never the events): the business
	 * day each was issued on, its times, its last counter, its state */
	"CREATE TABLE antri.tickets ("
	"  office text NOT NULL,"
	"  ticket bigint NOT NULL,"
	"  day date NOT NULL,"
	"  issue_service text NOT NULL,"
	"  service text NOT NULL,"
	"  seq integer NOT NULL,"
	"  state text NOT NULL,"
	"  issued_ms bigint NOT NULL,"
	"  called_ms bigint NOT NULL DEFAULT 0,"
	"  finished_ms bigint NOT NULL DEFAULT 0,"
	"  counter integer NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (office, ticket));"
	"CREATE INDEX tickets_day ON antri.tickets (day, office);"
	"CREATE INDEX tickets_office ON antri.tickets (office, day);"
	/* where each outlet's replay stands: its business day, how many
	 * are inside its room; and each day's highest occupancy */
	"CREATE TABLE antri.outlet_now ("
	"  office text PRIMARY KEY,"
	"  day date,"
	"  inside integer NOT NULL DEFAULT 0);"
	"CREATE TABLE antri.outlet_days ("
	"  office text NOT NULL,"
	"  day date NOT NULL,"
	"  peak integer NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (office, day));"
	"ALTER TABLE antri.tickets ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE antri.outlet_now ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE antri.outlet_days ENABLE ROW LEVEL SECURITY;"
	/* one event's effect, in id order: the moves of the outlet's own
	 * rules (queue.c, queue_remote.c), the room's count as it kept it
	 * (ADMITTED and CALLED are inside) and its peak at each admission */
	"CREATE FUNCTION antri.fact_apply(e antri.events) RETURNS void "
	"  LANGUAGE plpgsql SET search_path = pg_catalog, antri AS $f$ "
	"DECLARE was text; d date; n integer; "
	"BEGIN "
	"  IF e.kind = 'day_started' THEN "
	"    d := substring(e.detail from '->([0-9]{4}-[0-9]{2}-[0-9]{2})')::date; "
	"    INSERT INTO antri.outlet_now (office, day) VALUES (e.office, d) "
	"      ON CONFLICT (office) DO UPDATE SET day = EXCLUDED.day; "
	"    RETURN; "
	"  END IF; "
	"  IF e.ticket = 0 OR e.kind NOT IN ('issued', 'checked_in', "
	"    'admitted', 'called', 'transferred', 'done', 'no_show', "
	"    'cancelled') THEN RETURN; END IF; "
	"  IF e.kind = 'issued' THEN "
	"    SELECT day INTO d FROM antri.outlet_now WHERE office = e.office; "
	"    INSERT INTO antri.tickets (office, ticket, day, issue_service, "
	"      service, seq, state, issued_ms) VALUES (e.office, e.ticket, "
	"      coalesce(d, to_timestamp(e.ts_ms / 1000.0)::date), e.service, "
	"      e.service, substring(e.label from 2)::integer, "
	"      CASE WHEN e.detail IN ('remote', 'booking') THEN 'EXPECTED' "
	"      ELSE 'OUTSIDE' END, e.ts_ms) ON CONFLICT DO NOTHING; "
	"    RETURN; "
	"  END IF; "
	"  SELECT state INTO was FROM antri.tickets "
	"    WHERE office = e.office AND ticket = e.ticket; "
	"  IF NOT FOUND THEN RETURN; END IF; "
	"  IF e.kind = 'checked_in' THEN "
	"    UPDATE antri.tickets SET state = 'OUTSIDE' "
	"      WHERE office = e.office AND ticket = e.ticket; "
	"  ELSIF e.kind = 'admitted' THEN "
	"    UPDATE antri.tickets SET state = 'ADMITTED' "
	"      WHERE office = e.office AND ticket = e.ticket; "
	"    INSERT INTO antri.outlet_now AS o (office, inside) "
	"      VALUES (e.office, 1) ON CONFLICT (office) "
	"      DO UPDATE SET inside = o.inside + 1 RETURNING inside, day "
	"      INTO n, d; "
	"    IF d IS NOT NULL THEN "
	"      INSERT INTO antri.outlet_days AS p (office, day, peak) "
	"        VALUES (e.office, d, n) ON CONFLICT (office, day) "
	"        DO UPDATE SET peak = EXCLUDED.peak "
	"        WHERE EXCLUDED.peak > p.peak; "
	"    END IF; "
	"  ELSIF e.kind = 'called' THEN "
	"    UPDATE antri.tickets SET state = 'CALLED', called_ms = e.ts_ms, "
	"      counter = e.counter WHERE office = e.office AND ticket = e.ticket; "
	"  ELSIF e.kind = 'transferred' THEN "
	"    UPDATE antri.tickets SET state = 'ADMITTED', service = e.service "
	"      WHERE office = e.office AND ticket = e.ticket; "
	"  ELSE "
	"    UPDATE antri.tickets SET state = upper(e.kind), "
	"      finished_ms = e.ts_ms "
	"      WHERE office = e.office AND ticket = e.ticket; "
	"    IF was IN ('ADMITTED', 'CALLED') THEN "
	"      UPDATE antri.outlet_now SET inside = inside - 1 "
	"        WHERE office = e.office; "
	"    END IF; "
	"  END IF; "
	"END $f$;"
	"REVOKE ALL ON FUNCTION antri.fact_apply(antri.events) FROM PUBLIC;"
	/* at ingest: the events a statement stored, in the order stored */
	"CREATE FUNCTION antri.event_fact() RETURNS trigger LANGUAGE plpgsql "
	"  SECURITY DEFINER SET search_path = pg_catalog, antri AS $f$ "
	"BEGIN PERFORM antri.fact_apply(NEW); RETURN NULL; END $f$;"
	"CREATE TRIGGER event_fact AFTER INSERT ON antri.events "
	"  FOR EACH ROW EXECUTE FUNCTION antri.event_fact();"
	/* the events held before this version, replayed once */
	"DO $r$ DECLARE e antri.events; BEGIN "
	"  FOR e IN SELECT * FROM antri.events ORDER BY office, id LOOP "
	"    PERFORM antri.fact_apply(e); "
	"  END LOOP; "
	"END $r$;",
	/* 3 -> 4: what the head office asks of an outlet (a remote ticket,
	 * a booking, a service's slots).  The central never writes an
	 * outlet's queue: it inserts a request, NOTIFY antri_req_<office>
	 * wakes that outlet's antri-sync, which takes it (asked -> taken,
	 * one statement), issues it by its own rules and answers (taken ->
	 * done or refused, NOTIFY antri_answers).  A caller tired of waiting
	 * withdraws a request that nobody took (asked -> withdrawn); a
	 * taken request is the outlet's and is always answered.  The
	 * outlet's role sees and updates only its own rows and only along
	 * these steps (the trigger); only the head office inserts. */
	[4] =
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
	/* 4 -> 5: reminders of the head office's bookings (docs/notify.md
	 * "The head office's outbox").  The request's phone is blanked when
	 * the outlet answers; a trigger on that answer keeps it, only for a
	 * booking that was made, in antri.reminders (with the visit's day
	 * and language) and puts "booked" in antri.outbox, once per channel
	 * of antri.notify_conf.  The outlet's events follow the booking as
	 * they are shipped: its "booked" event names the request ("booking
	 * #12 ... request #34"), and its "booking_no_show" puts "missed" in
	 * the outbox.  A trigger, not the notifier reading events: the phone
	 * exists only in the statement that blanks it, and the events of
	 * every outlet arrive through many connections, so each is handled
	 * once, in the commit that stores it, with no cursor to keep.
	 * antri-notify --central sends the outbox and deletes the numbers
	 * [privacy] keep_days after the visit.  The outlets' roles see none
	 * of it. */
	[5] =
	"ALTER TABLE antri.requests ADD COLUMN lang text NOT NULL DEFAULT 'id' "
	"  CHECK (lang IN ('id', 'en'));"
	"CREATE TABLE antri.notify_conf ("
	"  one boolean PRIMARY KEY DEFAULT true CHECK (one),"
	"  channels text[] NOT NULL DEFAULT '{sms}');"
	"INSERT INTO antri.notify_conf DEFAULT VALUES;"
	"CREATE TABLE antri.reminders ("
	"  office text NOT NULL REFERENCES antri.offices (id),"
	"  request bigint NOT NULL,"
	"  booking bigint NOT NULL DEFAULT 0,"
	"  day date NOT NULL,"
	"  slot_hm text NOT NULL,"
	"  phone text NOT NULL CHECK (phone ~ '^[+]?[0-9]{0,19}$'),"
	"  lang text NOT NULL CHECK (lang IN ('id', 'en')),"
	"  PRIMARY KEY (office, request));"
	"CREATE INDEX reminders_booking ON antri.reminders (office, booking);"
	"CREATE TABLE antri.outbox ("
	"  id bigserial PRIMARY KEY,"
	"  office text NOT NULL REFERENCES antri.offices (id),"
	"  request bigint NOT NULL,"
	"  booking bigint NOT NULL DEFAULT 0,"
	"  day date NOT NULL,"
	"  phone text NOT NULL CHECK (phone ~ '^[+]?[0-9]{0,19}$'),"
	"  lang text NOT NULL CHECK (lang IN ('id', 'en')),"
	"  channel text NOT NULL CHECK (channel IN ('sms', 'whatsapp')),"
	"  kind text NOT NULL CHECK (kind IN ('booked', 'come', 'ahead', "
	"    'called', 'missed')),"
	"  p1 text NOT NULL DEFAULT '',"
	"  p2 text NOT NULL DEFAULT '',"
	"  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', "
	"    'sent', 'dead')),"
	"  tries integer NOT NULL DEFAULT 0,"
	"  made_ms bigint NOT NULL "
	"    DEFAULT floor(extract(epoch FROM now()) * 1000)::bigint,"
	"  next_ms bigint NOT NULL DEFAULT 0,"
	"  sent_ms bigint NOT NULL DEFAULT 0,"
	"  error text NOT NULL DEFAULT '',"
	"  UNIQUE (office, request, kind, channel));"
	"CREATE INDEX outbox_due ON antri.outbox (next_ms) "
	"  WHERE state = 'pending';"
	"REVOKE ALL ON antri.notify_conf, antri.reminders, antri.outbox "
	"  FROM PUBLIC;"
	"ALTER TABLE antri.notify_conf ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE antri.reminders ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE antri.outbox ENABLE ROW LEVEL SECURITY;"
	/* a message of kind for a reminder, once per channel */
	"CREATE FUNCTION antri.remind(r antri.reminders, kind_ text, p1_ text, "
	"  p2_ text) RETURNS void LANGUAGE plpgsql "
	"  SET search_path = pg_catalog, antri AS $f$ "
	"BEGIN "
	"  IF r.phone = '' THEN RETURN; END IF; "
	"  INSERT INTO antri.outbox (office, request, booking, day, phone, "
	"    lang, channel, kind, p1, p2) "
	"    SELECT r.office, r.request, r.booking, r.day, r.phone, r.lang, ch, "
	"      kind_, p1_, p2_ FROM unnest((SELECT channels FROM "
	"      antri.notify_conf)) ch "
	"    ON CONFLICT (office, request, kind, channel) DO NOTHING; "
	"END $f$;"
	"REVOKE ALL ON FUNCTION antri.remind(antri.reminders, text, text, text) "
	"  FROM PUBLIC;"
	/* the outlet answered: a booking made with a phone is confirmed */
	"CREATE FUNCTION antri.request_booked() RETURNS trigger "
	"  LANGUAGE plpgsql SECURITY DEFINER "
	"  SET search_path = pg_catalog, antri AS $f$ "
	"DECLARE r antri.reminders; s text; "
	"BEGIN "
	"  IF NEW.kind <> 'booking' OR NEW.status <> 'done' OR OLD.status "
	"    <> 'taken' OR OLD.phone = '' THEN RETURN NULL; END IF; "
	"  s := coalesce(NEW.answer->>'slot', OLD.slot); "
	"  IF s !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}' THEN "
	"    RETURN NULL; END IF; "
	"  INSERT INTO antri.reminders (office, request, booking, day, slot_hm, "
	"    phone, lang) VALUES (NEW.office, NEW.id, coalesce((SELECT "
	"    substring(e.detail from '^booking #([0-9]+)')::bigint "
	"    FROM antri.events e WHERE e.office = NEW.office AND e.kind = "
	"    'booked' AND e.detail LIKE ('% request #' || NEW.id) LIMIT 1), 0), "
	"    left(s, 10)::date, replace(substr(s, 12, 5), ':', '.'), OLD.phone, "
	"    OLD.lang) ON CONFLICT DO NOTHING RETURNING * INTO r; "
	"  IF FOUND THEN "
	"    PERFORM antri.remind(r, 'booked', r.slot_hm, r.day::text); "
	"  END IF; "
	"  RETURN NULL; "
	"END $f$;"
	"CREATE TRIGGER request_booked AFTER UPDATE ON antri.requests "
	"  FOR EACH ROW EXECUTE FUNCTION antri.request_booked();"
	/* the outlet's events about a booking of the head office's */
	"CREATE FUNCTION antri.event_remind() RETURNS trigger LANGUAGE plpgsql "
	"  SECURITY DEFINER SET search_path = pg_catalog, antri AS $f$ "
	"DECLARE r antri.reminders; b bigint; "
	"BEGIN "
	"  IF NEW.kind NOT IN ('booked', 'booking_no_show') THEN RETURN NULL; "
	"  END IF; "
	"  b := substring(NEW.detail from '^booking #([0-9]+)')::bigint; "
	"  IF b IS NULL THEN RETURN NULL; END IF; "
	"  IF NEW.kind = 'booked' THEN "
	"    UPDATE antri.reminders SET booking = b WHERE office = NEW.office "
	"      AND request = substring(NEW.detail from ' request #([0-9]+)$')"
	"      ::bigint; "
	"    UPDATE antri.outbox SET booking = b WHERE office = NEW.office "
	"      AND request = substring(NEW.detail from ' request #([0-9]+)$')"
	"      ::bigint; "
	"    RETURN NULL; "
	"  END IF; "
	"  SELECT * INTO r FROM antri.reminders WHERE office = NEW.office "
	"    AND booking = b; "
	"  IF FOUND THEN PERFORM antri.remind(r, 'missed', r.slot_hm, ''); "
	"  END IF; "
	"  RETURN NULL; "
	"END $f$;"
	"CREATE TRIGGER event_remind AFTER INSERT ON antri.events "
	"  FOR EACH ROW EXECUTE FUNCTION antri.event_remind();",
	/* 5 -> 6: ingest by the batch, not by the event.  A shipped batch
	 * (CS_EVENTS_PUT) compares its hashes with what the central holds
	 * and flags a changed history in the same statement, and says so
	 * (antri.batch = 'guarded' for its transaction): the row guard is
	 * left for a row sent by other means.  The tickets, the room's count
	 * and the days' peaks are then moved once per statement, over the
	 * rows it stored (a transition table), with exactly the effect of
	 * antri.fact_apply applied to each in id order. */
	[6] =
	/* the sentence of a history flag, one copy for both guards */
	"CREATE FUNCTION antri.history_detail(id bigint) RETURNS text "
	"  LANGUAGE sql IMMUTABLE AS $f$ SELECT 'event ' || id || ' came "
	"again with another hash: the outlet''s history changed after it was "
	"shipped (a restored backup, an edited database); the central keeps "
	"what it had' $f$;"
	"CREATE OR REPLACE FUNCTION antri.event_guard() RETURNS trigger "
	"  LANGUAGE plpgsql SECURITY DEFINER "
	"  SET search_path = pg_catalog, antri AS $f$ "
	"DECLARE had text; mine text; "
	"BEGIN "
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
	"      NEW.hash, antri.history_detail(NEW.id)); "
	"  END IF; "
	"  RETURN NULL; "
	"END $f$;"
	"DROP TRIGGER event_guard ON antri.events;"
	"CREATE TRIGGER event_guard BEFORE INSERT ON antri.events "
	"  FOR EACH ROW WHEN (current_setting('antri.batch', true) "
	"  IS DISTINCT FROM 'guarded') EXECUTE FUNCTION antri.event_guard();"
	/* the office of the role logged in, found once per statement, not
	 * once per row */
	"DROP POLICY own ON antri.events;"
	"CREATE POLICY own ON antri.events TO antri_outlet "
	"  USING (office = (SELECT antri.my_office())) "
	"  WITH CHECK (office = (SELECT antri.my_office()));"
	"DROP TRIGGER event_fact ON antri.events;"
	"DROP FUNCTION antri.event_fact();"
	/* the reminders' trigger is called only for the kinds it reads */
	"DROP TRIGGER event_remind ON antri.events;"
	"CREATE TRIGGER event_remind AFTER INSERT ON antri.events "
	"  FOR EACH ROW WHEN (NEW.kind IN ('booked', 'booking_no_show')) "
	"  EXECUTE FUNCTION antri.event_remind();"
	EVENTS_FACT
	"CREATE TRIGGER events_fact AFTER INSERT ON antri.events "
	"  REFERENCING NEW TABLE AS fresh "
	"  FOR EACH STATEMENT EXECUTE FUNCTION antri.events_fact();",
	/* 6 -> 7: the closed days' figures across outlets, per part of the
	 * report (cdb_report.c).  A day's figures are summed once from its
	 * tickets into antri.rollup_parts, tickets alike in what one part of
	 * the report counts (report.h's enum report_part) together; a report
	 * of all outlets reads them for its closed days instead of the
	 * tickets.  They stay exact by a version per office and day that
	 * every stored batch raises for the days of the tickets it moved
	 * (one statement per batch); a day's rollup holds the versions'
	 * sum and count it was made from, and is read only while they are
	 * the same in the report's snapshot, else its tickets are. */
	[7] =
	"CREATE TABLE antri.day_versions ("
	"  office text NOT NULL,"
	"  day date NOT NULL,"
	"  version bigint NOT NULL DEFAULT 1,"
	"  PRIMARY KEY (office, day));"
	"CREATE INDEX day_versions_day ON antri.day_versions (day);"
	"ALTER TABLE antri.day_versions ENABLE ROW LEVEL SECURITY;"
	"INSERT INTO antri.day_versions (office, day) "
	"  SELECT DISTINCT office, day FROM antri.tickets;"
	EVENTS_VERSION
	/* after antri.events_fact (triggers run in their names' order):
	 * the tickets are moved, their days known */
	"CREATE TRIGGER events_version AFTER INSERT ON antri.events "
	"  REFERENCING NEW TABLE AS fresh "
	"  FOR EACH STATEMENT EXECUTE FUNCTION antri.events_version();"
	/* a day summed: the local midnight its hours count from, the
	 * versions it was made from, its tickets */
	"CREATE TABLE antri.rollup_days ("
	"  day date PRIMARY KEY,"
	"  base_ms bigint NOT NULL,"
	"  versions bigint NOT NULL,"
	"  offices bigint NOT NULL,"
	"  tickets bigint NOT NULL,"
	"  made_at timestamptz NOT NULL DEFAULT now());"
	"CREATE TABLE antri.rollup_parts ("
	"  day date NOT NULL REFERENCES antri.rollup_days ON DELETE CASCADE,"
	"  part smallint NOT NULL,"
	"  h bigint,"
	"  issue_service text,"
	"  service text,"
	"  counter integer,"
	"  state text,"
	"  called boolean,"
	"  w bigint,"
	"  n bigint NOT NULL,"
	"  svc bigint NOT NULL);"
	"CREATE INDEX rollup_parts_day ON antri.rollup_parts (day);"
	"ALTER TABLE antri.rollup_days ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE antri.rollup_parts ENABLE ROW LEVEL SECURITY;",
	/* 7 -> 8: a citizen's requests to the outlets counted per address in
	 * the database, as the log-in tries are, so that every antri-central
	 * behind a proxy counts the same (an address is kept an hour) */
	[8] =
	"CREATE TABLE antri.citizen_asks ("
	"  addr text NOT NULL,"
	"  at timestamptz NOT NULL DEFAULT now());"
	"CREATE INDEX citizen_asks_addr ON antri.citizen_asks (addr, at);"
	"CREATE INDEX citizen_asks_at ON antri.citizen_asks (at);"
	"REVOKE ALL ON antri.citizen_asks FROM PUBLIC;",
	/* 8 -> 9: a remote ticket's link at the head office: the SHA-256
	 * of its token, given by the citizen's request (the token itself
	 * is only in the citizen's link) */
	[9] =
	"ALTER TABLE antri.requests ADD COLUMN view_hash text;"
	"CREATE UNIQUE INDEX requests_view ON antri.requests (view_hash) "
	"  WHERE view_hash IS NOT NULL;",
	/* 9 -> 10: the live state's list of the tickets of the head
	 * office's requests ("remote", up to 200 entries) kept apart from
	 * the state that every page and the live thread read and parse */
	[10] =
	"ALTER TABLE antri.live ADD COLUMN remote jsonb;"
	"UPDATE antri.live SET remote = state->'remote', "
	"  state = state - 'remote' WHERE state ? 'remote';",
	/* 10 -> 11: the day's reminders of a booking the head office made
	 * (3 ahead, called to counter N, missed when called) from its
	 * outbox too, as its confirmation: read off the outlet's list of
	 * the requests' tickets (antri.live.remote, shipped within a second
	 * of a change), so an outlet without a modem of its own still
	 * reminds them; the outlet's notifier skips them.  How few ahead
	 * is the core's rule (Q_MSG_AHEAD_N), written here by the notifier
	 * with its channels; until one has connected, none is made. */
	[11] =
	"ALTER TABLE antri.notify_conf ADD COLUMN ahead_n integer;"
	LIVE_REMIND
	/* called only when the outlet lists a ticket of a request: not
	 * for every live state of every outlet */
	"CREATE TRIGGER live_remind AFTER INSERT OR UPDATE OF remote "
	"  ON antri.live FOR EACH ROW WHEN (jsonb_typeof(NEW.remote) = "
	"  'array' AND NEW.remote <> '[]') "
	"  EXECUTE FUNCTION antri.live_remind();",
	/* 11 -> 12: the tickets a batch moves looked up by key (KEYED) */
	[12] = EVENTS_FACT EVENTS_VERSION,
	/* 12 -> 13: a remote ticket the head office asked for with a phone
	 * is reminded from its outbox too: the phone kept in
	 * antri.reminders when the outlet answers (as a booking's, with no
	 * slot), then "come now", "3 ahead", "called" and "missed" read off
	 * the live list as for a booking.  The outlet is not sent the phone
	 * of a remote ticket (CS_REQ_TAKE). */
	[13] =
	"CREATE FUNCTION antri.request_remote_kept() RETURNS trigger "
	"  LANGUAGE plpgsql SECURITY DEFINER "
	"  SET search_path = pg_catalog, antri AS $f$ "
	"DECLARE d text := NEW.answer->>'day'; "
	"BEGIN "
	"  IF coalesce(NEW.answer->>'error', '') = '0' "
	"    AND d ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN "
	"    INSERT INTO antri.reminders (office, request, day, slot_hm, phone, "
	"      lang) VALUES (NEW.office, NEW.id, d::date, '', OLD.phone, "
	"      OLD.lang) ON CONFLICT DO NOTHING; "
	"  END IF; "
	"  RETURN NULL; "
	"END $f$;"
	"CREATE TRIGGER request_remote_kept AFTER UPDATE ON antri.requests "
	"  FOR EACH ROW WHEN (NEW.kind = 'remote' AND NEW.status = 'done' "
	"  AND OLD.status = 'taken' AND OLD.phone <> '') "
	"  EXECUTE FUNCTION antri.request_remote_kept();"
	LIVE_REMIND,
};

/* a request's answer (cdb_answer's fields), as the outlet wrote it */
#define ANSWER "coalesce((r.answer->>'error')::int, 0), " \
	"coalesce(r.answer->>'number', ''), coalesce(r.answer->>'code', ''), " \
	"coalesce(r.answer->>'qr', ''), coalesce(r.answer->>'slot', ''), " \
	"coalesce((r.answer->>'people_ahead')::int, 0), " \
	"coalesce((r.answer->>'est_wait_s')::int, -1), " \
	"coalesce((r.answer->>'come_min')::int, 0)"

/* a batch of events (cdb_events_put), its CTEs and its answer; with the
 * live state ($12) the same statement also stores that, one commit */
#define EVENTS_PUT_WITH \
	"WITH v AS (SELECT $1::text AS office, u.* FROM unnest(" \
	"$2::bigint[], $3::bigint[], $4::text[], $5::bigint[], $6::text[], " \
	"$7::text[], $8::integer[], $9::text[], $10::text[], $11::text[]) " \
	"WITH ORDINALITY AS u (id, ts_ms, kind, ticket, label, service, " \
	"counter, actor, detail, hash, n)), " \
	"had AS MATERIALIZED (SELECT v.id, e.hash AS central, v.hash AS " \
	"outlet FROM v JOIN antri.events e ON e.office = v.office " \
	"AND e.id = v.id), " \
	"flag AS (INSERT INTO antri.flags (office, kind, event_id, " \
	"central_hash, outlet_hash, detail) SELECT $1, 'history', id, " \
	"central, outlet, antri.history_detail(id) FROM had " \
	"WHERE central <> outlet), " \
	"ins AS (INSERT INTO antri.events (office, id, ts_ms, kind, ticket, " \
	"label, service, counter, actor, detail, hash) SELECT v.office, " \
	"v.id, v.ts_ms, v.kind, v.ticket, v.label, v.service, v.counter, " \
	"v.actor, v.detail, v.hash FROM v " \
	"WHERE (SELECT set_config('antri.batch', 'guarded', true)) " \
	"IS NOT NULL ORDER BY v.n " \
	"ON CONFLICT (office, id) DO NOTHING RETURNING id) "
#define EVENTS_PUT_ANSWER \
	"SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM had), " \
	"coalesce((SELECT min(id) FROM had WHERE central <> outlet), 0), " \
	"(SELECT coalesce(max(id), 0) FROM ins)"
#define LIVE_UPSERT(P) \
	"INSERT INTO antri.live (office, state, remote) VALUES ($1, " \
	P "::jsonb - 'remote', " P "::jsonb -> 'remote') " \
	"ON CONFLICT (office) DO UPDATE SET state = EXCLUDED.state, " \
	"remote = EXCLUDED.remote, " \
	"changed_at = now(), seen_at = now() RETURNING office"

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
	/* one statement, one commit, a batch as one array per column
	 * (cdb.c): what the central holds of these ids (a different hash:
	 * flagged, not stored), the new rows (the row guard told the batch
	 * guarded itself; set before the first row by the one-time filter);
	 * it answers the rows stored, the ids held already, the first
	 * held with another hash (0 none) and the newest stored (0 none),
	 * for CS_ANNOUNCE */
	[CS_EVENTS_PUT] =
		EVENTS_PUT_WITH " " EVENTS_PUT_ANSWER,
	[CS_EVENTS_LIVE_PUT] =
		EVENTS_PUT_WITH ", lv AS (" LIVE_UPSERT("$12") ") "
		EVENTS_PUT_ANSWER ", (SELECT count(*) FROM lv)",
	/* after a batch or a live state is stored: NOTIFY antri_events
	 * 'office:newest id stored' ($1, when $2) and antri_live 'office'
	 * ($3, when $4), in a transaction of their own that does not wait
	 * for its commit to reach the disk (it changes no data; the data's
	 * commit came first, and waited for the disk).
	 * A NOTIFY holds one lock of the whole database from its commit's
	 * start to its end: in the batch's own transaction it queued every
	 * outlet's commit behind every other's disk flush (pg_stat_activity
	 * during the live bench: nearly all 318 connections waiting on
	 * "Lock: object", pg_locks: AccessExclusiveLock on pg_database
	 * object 0, the NOTIFY queue's).  PostgreSQL does not flush the
	 * commit of a transaction that wrote nothing before it (pg_stat_wal:
	 * 3 flushes for 1,000 of these, 1,000 for 1,000 one-row inserts),
	 * so no synchronous_commit is set.  One statement, prepared once
	 * per connection: half the time of the five it was (BEGIN, SET
	 * LOCAL, two SELECTs, COMMIT sent as text), 0.15 against 0.30 ms a
	 * call in pgbench. */
	[CS_ANNOUNCE] =
		"SELECT CASE WHEN $2::boolean THEN pg_notify('antri_events', $1) "
		"END, CASE WHEN $4::boolean THEN pg_notify('antri_live', $3) END",
	[CS_EVENTS_PAGE] =
		"SELECT id, ts_ms, kind, ticket, label, service, counter, actor, "
		"detail, hash FROM antri.events WHERE office = $1 AND id > $2 "
		"ORDER BY id LIMIT 5000",
	[CS_LIVE_PUT] = LIVE_UPSERT("$2"),
	[CS_BEAT] =
		"UPDATE antri.live SET seen_at = now() WHERE office = $1",
	[CS_FLAGS_CLEAR] =
		"UPDATE antri.flags SET cleared_at = now() WHERE office = $1 "
		"AND cleared_at IS NULL",
	/* the ages on the database's clock: every server agrees */
	[CS_OUTLETS] =
		"SELECT o.id, o.name, o.area, l.state::text,"
		" coalesce(floor(extract(epoch FROM now() - l.seen_at)), -1)"
		"::bigint,"
		" coalesce(floor(extract(epoch FROM l.seen_at) * 1000), 0)"
		"::bigint"
		" FROM antri.offices o LEFT JOIN antri.live l ON l.office = o.id"
		" WHERE $1 = '' OR o.id = $1 ORDER BY o.id",
	[CS_LISTEN] =
		"LISTEN antri_live",
	[CS_USER_ADD] =
		"INSERT INTO antri.hq_users (name, role, hash) VALUES ($1, $2, $3)",
	[CS_USER_GET] =
		"SELECT role, hash FROM antri.hq_users WHERE name = $1 "
		"AND NOT disabled",
	[CS_SESSION_NEW] =
		"WITH gone AS (DELETE FROM antri.hq_sessions "
		"WHERE created_at < now() - make_interval(secs => $3::int)) "
		"INSERT INTO antri.hq_sessions (token_hash, name) VALUES "
		"(encode(sha256(convert_to($1, 'UTF8')), 'hex'), $2)",
	[CS_SESSION_CHECK] =
		"UPDATE antri.hq_sessions s SET used_at = now() "
		"FROM antri.hq_users u "
		"WHERE s.token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')"
		" AND u.name = s.name AND NOT u.disabled"
		" AND s.used_at > now() - make_interval(secs => $2::int)"
		" AND s.created_at > now() - make_interval(secs => $3::int)"
		" RETURNING u.name, u.role",
	[CS_SESSION_END] =
		"DELETE FROM antri.hq_sessions WHERE token_hash = "
		"encode(sha256(convert_to($1, 'UTF8')), 'hex')",
	[CS_LOGIN_FAILS] =
		"SELECT count(*), coalesce(ceil(extract(epoch FROM min(at) + "
		"make_interval(secs => $2::int) - now())), 0)::int "
		"FROM antri.hq_fails WHERE addr = $1 "
		"AND at > now() - make_interval(secs => $2::int)",
	/* one more request of $1 within $2 seconds if fewer than $3 were
	 * made: how many were, and the seconds until the oldest leaves the
	 * window (two servers at the same moment may let one more in) */
	[CS_CITIZEN_ASK] =
		"WITH old AS (DELETE FROM antri.citizen_asks "
		"WHERE at < now() - make_interval(secs => $2::int)), "
		"n AS (SELECT count(*) AS n, min(at) AS first FROM "
		"antri.citizen_asks WHERE addr = $1 "
		"AND at >= now() - make_interval(secs => $2::int)), "
		"ins AS (INSERT INTO antri.citizen_asks (addr) SELECT $1 FROM n "
		"WHERE n.n < $3::int RETURNING 1) "
		"SELECT n.n, CASE WHEN n.n < $3::int THEN 0 ELSE greatest(1, "
		"ceil(extract(epoch FROM n.first + make_interval(secs => "
		"$2::int) - now())))::int END FROM n",
	[CS_LOGIN_FAILED] =
		"WITH old AS (DELETE FROM antri.hq_fails "
		"WHERE at < now() - interval '1 day') "
		"INSERT INTO antri.hq_fails (addr) VALUES ($1)",
	[CS_LOG] =
		"INSERT INTO antri.hq_log (actor, action, detail) "
		"VALUES ($1, $2, $3)",
	/* requests (cdb_request.c): the head office asks ... */
	[CS_REQ_ASK] =
		"INSERT INTO antri.requests (office, kind, service, slot, name, "
		"phone, lang, view_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, "
		"CASE WHEN $8 = '' THEN NULL ELSE "
		"encode(sha256(convert_to($8, 'UTF8')), 'hex') END) RETURNING id",
	/* ... a remote ticket's or a booking's link: the request, its
	 * answer, its ticket's entry in the outlet's live state
	 * (sync_live.c's "remote"; a booking's once it checked in) and
	 * whether its reminders have a number */
	[CS_REQ_VIEW] =
		"SELECT r.id, r.office, r.service, "
		"coalesce(r.answer->>'number', ''), "
		"coalesce(r.answer->>'day', ''), coalesce(l.state->>'day', ''), "
		"coalesce((SELECT e::text FROM jsonb_array_elements(CASE WHEN "
		"jsonb_typeof(l.remote) = 'array' THEN "
		"l.remote ELSE '[]'::jsonb END) e WHERE "
		"e->>'request' = r.id::text LIMIT 1), ''), "
		"coalesce(r.answer->>'slot', ''), "
		/* a number kept for its reminders (never the number) */
		"EXISTS (SELECT 1 FROM antri.reminders m WHERE m.office = "
		"r.office AND m.request = r.id AND m.phone <> '') "
		"FROM antri.requests r LEFT JOIN antri.live l ON "
		"l.office = r.office WHERE r.view_hash = "
		"encode(sha256(convert_to($1, 'UTF8')), 'hex') AND "
		"r.kind IN ('remote', 'booking') AND r.status = 'done'",
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
		/* a remote ticket's phone is the head office's, for its
		 * reminders: not sent to the outlet */
		"RETURNING id, kind, service, slot, name, CASE WHEN kind = "
		"'booking' THEN phone ELSE '' END",
	/* ... and answers; the name and phone are not kept centrally */
	[CS_REQ_ANSWER] =
		"UPDATE antri.requests SET status = $2, answer = $3::jsonb, "
		"name = '', phone = '' WHERE id = $1 AND status = 'taken' AND "
		"taken_by = pg_backend_pid()",
};

/* the head office's reports (cdb_report.c): the tickets rebuilt at ingest
 * (migration 2), chosen by days ($1, $2) and by one office ($3), one area
 * ($4) or all ('' for either) */
#define REPORT_WHERE \
	" WHERE t.day BETWEEN $1::date AND $2::date" \
	" AND ($3 = '' OR t.office = $3)" \
	" AND ($4 = '' OR t.office IN (SELECT id FROM antri.offices" \
	"   WHERE area = $4))"

/* the tickets $W grouped per part of the report (report.h's enum
 * report_part: 1 hour, 2 issued, 3 service, 4 total, 5 counter; 0 the
 * days with tickets), hours from their day's local midnight $B: the one
 * text both the report and the rollups of closed days read the tickets
 * by.  The tickets are grouped once as alike in every figure (one hash
 * table of a few tens of thousands of groups, and the days), and those
 * groups summed per part; GROUPING's bits name the columns a part
 * leaves out (h 16, issue_service 8, service 4, counter 2, state 1). */
#define PARTS(B, W) \
	"SELECT * FROM (WITH g AS (SELECT GROUPING(x.day) AS alike, x.day, " \
	"x.h, x.issue_service, x.service, x.counter, x.state, x.called, x.w, " \
	"count(*) AS n, sum(x.svc) AS svc FROM (SELECT t.day, " \
	"(t.issued_ms - " B ") / 3600000 AS h, t.issue_service, t.service, " \
	"t.counter, t.state, t.called_ms > 0 AS called, " \
	"CASE WHEN t.called_ms > 0 THEN (t.called_ms - t.issued_ms) / 1000 " \
	"ELSE 0 END AS w, CASE WHEN t.state = 'DONE' " \
	"THEN t.finished_ms - t.called_ms ELSE 0 END AS svc " \
	"FROM antri.tickets t" W ") x " \
	"GROUP BY GROUPING SETS ((x.day), (x.h, x.issue_service, x.service, " \
	"x.counter, x.state, x.called, x.w))) " \
	"SELECT 0 AS part, g.day, NULL::bigint AS h, NULL AS issue_service, " \
	"NULL AS service, NULL::integer AS counter, NULL AS state, " \
	"NULL::boolean AS called, NULL::bigint AS w, 1::numeric AS n, " \
	"0::numeric AS svc FROM g WHERE g.alike = 0 " \
	"UNION ALL SELECT CASE GROUPING(g.h, g.issue_service, g.service, " \
	"g.counter, g.state) WHEN 15 THEN 1 WHEN 23 THEN 2 WHEN 26 THEN 3 " \
	"WHEN 30 THEN 4 WHEN 28 THEN 5 END, NULL, g.h, g.issue_service, " \
	"g.service, g.counter, g.state, g.called, g.w, sum(g.n), sum(g.svc) " \
	"FROM g WHERE g.alike = 1 " \
	"GROUP BY GROUPING SETS ((g.h, g.called, g.w), (g.issue_service), " \
	"(g.service, g.state, g.called, g.w), (g.state, g.called, g.w), " \
	"(g.counter, g.state, g.called, g.w))) parts_of_tickets"

/* a day's rollup r still holds: its hours count from the report's
 * midnight of its day (the array B of the midnights from $1 on) and its
 * tickets' versions are those it was made from */
#define ROLLUP_HOLDS(B) \
	"r.base_ms = (" B "::bigint[])[r.day - $1::date + 1] " \
	"AND (r.versions, r.offices) = (SELECT coalesce(sum(v.version), 0), " \
	"count(*) FROM antri.day_versions v WHERE v.day = r.day)"

const char *const cdb_report_sql[CR_COUNT] = {
	/* the figures per part: the days $6 from their rollups, the days
	 * $7 from their tickets (of the selection); the days with tickets
	 * as part 0, one row each */
	[CR_FIGURES] =
		"WITH parts AS ("
		"SELECT p.part, NULL::date AS day, p.h, p.issue_service, "
		"p.service, p.counter, p.state, p.called, p.w, p.n, p.svc "
		"FROM antri.rollup_parts p WHERE p.day = ANY($6::date[]) "
		"UNION ALL SELECT 0, r.day, NULL, NULL, NULL, NULL, NULL, NULL, "
		"NULL, 1, 0 FROM antri.rollup_days r "
		"WHERE r.day = ANY($6::date[]) AND r.tickets > 0 "
		"UNION ALL " PARTS("($5::bigint[])[t.day - $1::date + 1]",
		    REPORT_WHERE " AND t.day = ANY($7::date[])") ") "
		"SELECT part, to_char(day, 'YYYY-MM-DD'), h, issue_service, "
		"service, counter, state, called, w, sum(n), sum(svc) "
		"FROM parts GROUP BY part, day, h, issue_service, service, "
		"counter, state, called, w",
	/* the days from $1 to $2 whose rollup holds ($3: the midnights of
	 * the days from $1 on) */
	[CR_FRESH] =
		"SELECT to_char(r.day, 'YYYY-MM-DD') FROM antri.rollup_days r "
		"WHERE r.day BETWEEN $1::date AND $2::date AND " ROLLUP_HOLDS("$3")
		" ORDER BY r.day",
	/* the closed days from $1 to $2: days with tickets before today
	 * on which no outlet is still working (its business day is that
	 * day or an earlier one); each with the midnight its rollup counts
	 * from (0 none) and whether its tickets' versions are still those
	 * it was made from */
	[CR_ROLLUP_DUE] =
		"SELECT to_char(d.day, 'YYYY-MM-DD'), coalesce(r.base_ms, 0), "
		"r.day IS NOT NULL AND (r.versions, r.offices) = (SELECT "
		"coalesce(sum(v.version), 0), count(*) FROM antri.day_versions v "
		"WHERE v.day = d.day) "
		"FROM (SELECT DISTINCT day FROM antri.day_versions "
		"  WHERE day BETWEEN $1::date AND $2::date "
		"  AND day < current_date) d "
		"LEFT JOIN antri.rollup_days r ON r.day = d.day "
		"WHERE NOT EXISTS (SELECT 1 FROM antri.day_versions v "
		"  JOIN antri.outlet_now n ON n.office = v.office "
		"  WHERE v.day = d.day AND n.day <= d.day) "
		"ORDER BY d.day",
	/* one day's rollup ($1, its midnight $2), made again in one
	 * snapshot: its versions and its tickets' parts */
	[CR_ROLLUP_LOCK] =
		"SELECT pg_advisory_lock(hashtext('antri rollup'), "
		"$1::date - date '2000-01-01')",
	[CR_ROLLUP_UNLOCK] =
		"SELECT pg_advisory_unlock(hashtext('antri rollup'), "
		"$1::date - date '2000-01-01')",
	[CR_ROLLUP_DROP] =
		"DELETE FROM antri.rollup_days WHERE day = $1::date",
	[CR_ROLLUP_DAY] =
		"INSERT INTO antri.rollup_days (day, base_ms, versions, offices, "
		"tickets) SELECT $1::date, $2::bigint, coalesce(sum(v.version), 0), "
		"count(*), (SELECT count(*) FROM antri.tickets t "
		"WHERE t.day = $1::date) FROM antri.day_versions v "
		"WHERE v.day = $1::date",
	[CR_ROLLUP_PARTS] =
		"INSERT INTO antri.rollup_parts (day, part, h, issue_service, "
		"service, counter, state, called, w, n, svc) "
		"SELECT $1::date, p.part, p.h, p.issue_service, p.service, "
		"p.counter, p.state, p.called, p.w, p.n, p.svc FROM ("
		PARTS("$2::bigint", " WHERE t.day = $1::date") ") p "
		"WHERE p.part <> 0",
	/* a month of 318 outlets groups in memory, not on disk, and is
	 * read in one sequential pass: with its guess of the groups (far
	 * more than the few tens of thousands there are) the planner
	 * otherwise walked the day index for a sorted grouping, 9.5 M
	 * random reads (346 s here), or sorted the 9.5 M on disk (38 s);
	 * one office still takes its index by a bitmap scan.  No JIT: with
	 * those guesses it compiled for half a second to read the rollups
	 * of a month (0.4 s) */
	[CR_MEMORY] = "SET LOCAL work_mem = '1GB';"
		"SET LOCAL hash_mem_multiplier = 4;"
		"SET LOCAL enable_indexscan = off;"
		"SET LOCAL enable_sort = off;"
		"SET LOCAL jit = off",
	/* the first and last day with tickets, for open ends */
	[CR_SPAN] =
		"SELECT coalesce(to_char(min(t.day), 'YYYY-MM-DD'), ''), "
		"coalesce(to_char(max(t.day), 'YYYY-MM-DD'), '') "
		"FROM antri.tickets t" REPORT_WHERE,
	/* as the outlet's days table: the highest, the earliest of ties */
	[CR_PEAK] =
		"SELECT t.peak, to_char(t.day, 'YYYY-MM-DD') "
		"FROM antri.outlet_days t" REPORT_WHERE
		" ORDER BY t.peak DESC, t.day LIMIT 1",
	[CR_GROUPS_OFFICE] =
		"SELECT id, name FROM antri.offices "
		"WHERE ($1 = '' OR id = $1) AND ($2 = '' OR area = $2) "
		"ORDER BY id COLLATE \"C\"",
	[CR_GROUPS_AREA] =
		"SELECT DISTINCT area, area FROM antri.offices "
		"WHERE ($1 = '' OR id = $1) AND ($2 = '' OR area = $2) "
		"ORDER BY 1",
	/* an office's name and its services' names, newest first */
	[CR_NAMES] =
		"SELECT name, '' FROM antri.offices WHERE id = $1 "
		"UNION ALL (SELECT DISTINCT ON (service) service, detail "
		"FROM antri.events WHERE office = $1 AND kind IN "
		"('service_added', 'service_renamed') "
		"ORDER BY service, id DESC)",
};

/* the head office's outbox (cdb_notify.c, migration 5): a message's
 * columns in struct q_msg's order */
#define MSG_COLS "o.id, o.request, o.booking, o.kind, o.channel, o.lang, " \
	"o.phone, o.p1, o.p2, o.state, o.tries, o.made_ms, o.next_ms, " \
	"o.sent_ms, o.error, o.office"

const char *const cdb_notify_sql[CN_COUNT] = {
	[CN_CHANNELS] =
		"UPDATE antri.notify_conf SET channels = $1::text[], "
		"ahead_n = $2::int",
	/* what is due by $1 (the notifier's clock, ms), oldest first,
	 * taken for 5 minutes: a second notifier skips it, and a notifier
	 * that died while sending leaves it to be tried again then */
	[CN_DUE] =
		"WITH t AS (UPDATE antri.outbox SET next_ms = $1::bigint + 300000 "
		"WHERE id IN (SELECT id FROM antri.outbox WHERE state = "
		"'pending' AND next_ms <= $1::bigint ORDER BY next_ms, id "
		"LIMIT $2::int FOR UPDATE SKIP LOCKED) RETURNING *) "
		"SELECT " MSG_COLS " FROM t o ORDER BY o.made_ms, o.id",
	/* a try's result, only while it is pending */
	[CN_RESULT] =
		"UPDATE antri.outbox SET state = $2, tries = $3::int, "
		"next_ms = $4::bigint, sent_ms = $5::bigint, error = $6 "
		"WHERE id = $1::bigint AND state = 'pending'",
	[CN_COUNTS] =
		"SELECT state, count(*), coalesce(min(made_ms) FILTER (WHERE "
		"state = 'pending'), 0) FROM antri.outbox GROUP BY state",
	[CN_LIST] =
		"SELECT " MSG_COLS " FROM antri.outbox o WHERE o.state = $1 "
		"ORDER BY o.id DESC LIMIT $2::int",
	/* the numbers of visits before $1 go; a message still pending
	 * then is dead */
	[CN_PURGE] =
		"WITH r AS (UPDATE antri.reminders SET phone = '' WHERE day < "
		"$1::date AND phone <> '' RETURNING 1), "
		"o AS (UPDATE antri.outbox SET phone = '', state = CASE WHEN "
		"state = 'pending' THEN 'dead' ELSE state END, error = CASE WHEN "
		"state = 'pending' THEN 'the number was deleted ([privacy] "
		"keep_days)' ELSE error END WHERE day < $1::date AND phone <> '' "
		"RETURNING 1) "
		"SELECT (SELECT count(*) FROM r) + (SELECT count(*) FROM o)",
};
