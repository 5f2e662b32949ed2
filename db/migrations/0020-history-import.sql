-- 0020: events taken over from the township's old system (历史导入) get their own source.
--
-- SQLite cannot change a CHECK constraint in place, so the events table is rebuilt by the
-- documented 12-step procedure: the migration runner turns foreign keys off while migrations run
-- (so the DROP below cascades nowhere) and checks every reference before it commits. The rowid of
-- every event is kept: the full-text tables (events_fts, events_fts2) are keyed by it. The indexes
-- and triggers of the events table (0002, 0003, 0004, 0005) go with the old table and are created
-- again below, exactly as they were; no trigger or view of another table names events.

CREATE TABLE events_rebuilt (
  id               TEXT PRIMARY KEY,
  serial           TEXT NOT NULL UNIQUE,
  title            TEXT NOT NULL,
  description      TEXT NOT NULL,
  category_id      TEXT NOT NULL REFERENCES categories (id),
  request_type     TEXT NOT NULL CHECK (request_type IN ('request', 'consult', 'complaint', 'suggestion')),
  source           TEXT NOT NULL CHECK (source IN ('grid_report', 'hotline_12345', 'county_assignment', 'iot_alarm', 'walk_in', 'leader_instruction', 'inspection', 'history_import')),
  priority         TEXT NOT NULL CHECK (priority IN ('normal', 'urgent', 'critical')),
  risk_colour      TEXT NOT NULL CHECK (risk_colour IN ('green', 'yellow', 'red')),
  village_id       TEXT REFERENCES villages (id),
  grid_id          TEXT REFERENCES grids (id),
  address          TEXT NOT NULL DEFAULT '',
  lat              REAL,
  lng              REAL,
  reporter_name    TEXT,
  reporter_phone   TEXT,
  reported_at      INTEGER NOT NULL,
  state            TEXT NOT NULL,
  lead_unit_id     TEXT REFERENCES units (id),
  dispatched_at    INTEGER,
  sign_due_at      INTEGER,
  handle_due_at    INTEGER,
  -- 0 none, 1 yellow, 2 red: an integer so the queue can sort and index it.
  warning          INTEGER NOT NULL DEFAULT 0 CHECK (warning IN (0, 1, 2)),
  -- When the warning turns yellow / red if nothing happens; NULL once frozen (done, or not running).
  -- The tick looks only at rows whose moment has come, through the partial indexes below.
  yellow_at        INTEGER,
  red_at           INTEGER,
  resolved_level   TEXT CHECK (resolved_level IN ('grid', 'village', 'township', 'county')),
  satisfaction     TEXT CHECK (satisfaction IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
  merged_into      TEXT REFERENCES events (id),
  county_ref       TEXT,
  owner            TEXT NOT NULL DEFAULT 'township' CHECK (owner IN ('township', 'county')),
  return_count     INTEGER NOT NULL DEFAULT 0,
  rework_count     INTEGER NOT NULL DEFAULT 0,
  closed_at        INTEGER,
  created_by       TEXT,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
) STRICT;

INSERT INTO events_rebuilt (rowid, id, serial, title, description, category_id, request_type, source, priority, risk_colour, village_id, grid_id, address, lat, lng, reporter_name, reporter_phone, reported_at, state, lead_unit_id, dispatched_at, sign_due_at, handle_due_at, warning, yellow_at, red_at, resolved_level, satisfaction, merged_into, county_ref, owner, return_count, rework_count, closed_at, created_by, created_at, updated_at)
SELECT rowid, id, serial, title, description, category_id, request_type, source, priority, risk_colour, village_id, grid_id, address, lat, lng, reporter_name, reporter_phone, reported_at, state, lead_unit_id, dispatched_at, sign_due_at, handle_due_at, warning, yellow_at, red_at, resolved_level, satisfaction, merged_into, county_ref, owner, return_count, rework_count, closed_at, created_by, created_at, updated_at FROM events;
DROP TABLE events;
ALTER TABLE events_rebuilt RENAME TO events;
CREATE INDEX events_by_state_due ON events (state, handle_due_at);
CREATE INDEX events_by_state_village_category_due ON events (state, village_id, category_id, handle_due_at);
CREATE INDEX events_by_reported ON events (reported_at);
CREATE INDEX events_by_lead_state ON events (lead_unit_id, state);
CREATE INDEX events_by_warning ON events (warning, state) WHERE warning > 0;
CREATE INDEX events_turning_yellow ON events (yellow_at) WHERE yellow_at IS NOT NULL AND warning < 1;
CREATE INDEX events_turning_red ON events (red_at) WHERE red_at IS NOT NULL AND warning < 2;
CREATE INDEX events_by_category_reported ON events (category_id, reported_at);
CREATE INDEX events_by_merged ON events (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX events_by_county_ref ON events (county_ref) WHERE county_ref IS NOT NULL;
CREATE INDEX events_by_due ON events (handle_due_at);
CREATE INDEX events_by_closed ON events (closed_at, resolved_level, handle_due_at, id) WHERE closed_at IS NOT NULL;
CREATE TRIGGER events_count_insert AFTER INSERT ON events BEGIN
  INSERT INTO event_counts (state, village_id, category_id, n) VALUES (NEW.state, coalesce(NEW.village_id, ''), NEW.category_id, 1)
    ON CONFLICT (state, village_id, category_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER events_count_delete AFTER DELETE ON events BEGIN
  UPDATE event_counts SET n = n - 1
    WHERE state = OLD.state AND village_id = coalesce(OLD.village_id, '') AND category_id = OLD.category_id;
END;
CREATE TRIGGER events_count_update AFTER UPDATE OF state, village_id, category_id ON events
  WHEN OLD.state IS NOT NEW.state OR OLD.village_id IS NOT NEW.village_id OR OLD.category_id IS NOT NEW.category_id
BEGIN
  UPDATE event_counts SET n = n - 1
    WHERE state = OLD.state AND village_id = coalesce(OLD.village_id, '') AND category_id = OLD.category_id;
  INSERT INTO event_counts (state, village_id, category_id, n) VALUES (NEW.state, coalesce(NEW.village_id, ''), NEW.category_id, 1)
    ON CONFLICT (state, village_id, category_id) DO UPDATE SET n = n + 1;
END;
CREATE INDEX events_red_by_due ON events (handle_due_at) WHERE warning = 2;
CREATE INDEX events_bounced ON events (state) WHERE return_count >= 2 OR rework_count >= 2;
CREATE INDEX events_red_risk ON events (state) WHERE risk_colour = 'red';


-- Deadline rules the county sent (县级下发) are shown on the reference-data page but changed only
-- by the county: the next county update would overwrite a local edit. Rules that exist now are the
-- township's own or the seed's; the next county update marks its own again.
ALTER TABLE deadline_rules ADD COLUMN source TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'county'));
