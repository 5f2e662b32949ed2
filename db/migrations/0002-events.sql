-- 0002: events and everything around them — categories, deadline and routing rules,
-- the working calendar, "one matter" templates, the units on each event, the timeline,
-- attachments, extension requests, serial numbers, full-text search, and the sync outbox.

-- Two-level taxonomy: a top-level category (parent_id NULL) and its subcategories.
CREATE TABLE categories (
  id        TEXT PRIMARY KEY,
  parent_id TEXT REFERENCES categories (id) ON DELETE RESTRICT,
  code      TEXT NOT NULL UNIQUE,
  name      TEXT NOT NULL,
  sort      INTEGER NOT NULL DEFAULT 0,
  source    TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'county'))
) STRICT;
CREATE INDEX categories_by_parent ON categories (parent_id, sort);

-- Per top-level category and priority. Critical (特急) counts calendar hours.
CREATE TABLE deadline_rules (
  category_id  TEXT NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
  priority     TEXT NOT NULL CHECK (priority IN ('normal', 'urgent', 'critical')),
  sign_hours   REAL NOT NULL CHECK (sign_hours > 0),
  handle_days  INTEGER CHECK (handle_days > 0),
  handle_hours REAL CHECK (handle_hours > 0),
  PRIMARY KEY (category_id, priority),
  CHECK ((handle_days IS NULL) <> (handle_hours IS NULL))
) STRICT;

-- Category → unit suggestions; locality first (属地优先) puts the event's village unit on top.
CREATE TABLE routing_rules (
  category_id    TEXT NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
  unit_id        TEXT NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  locality_first INTEGER NOT NULL DEFAULT 0 CHECK (locality_first IN (0, 1)),
  sort           INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (category_id, unit_id)
) STRICT;

-- Exceptions to the Monday–Friday week: statutory days off and adjusted working days (调休).
CREATE TABLE calendar_days (
  date   TEXT PRIMARY KEY CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  kind   TEXT NOT NULL CHECK (kind IN ('off', 'work')),
  name   TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('seed', 'admin', 'county'))
) STRICT;

-- "One matter" templates (一件事): a named set of units dispatched together.
CREATE TABLE matter_templates (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  category_id  TEXT REFERENCES categories (id) ON DELETE SET NULL,
  instructions TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE matter_template_units (
  template_id TEXT NOT NULL REFERENCES matter_templates (id) ON DELETE CASCADE,
  unit_id     TEXT NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  role        TEXT NOT NULL CHECK (role IN ('lead', 'assist')),
  PRIMARY KEY (template_id, unit_id)
) STRICT;

CREATE TABLE serial_counters (
  day  TEXT PRIMARY KEY,
  last INTEGER NOT NULL
) STRICT;

CREATE TABLE events (
  id               TEXT PRIMARY KEY,
  serial           TEXT NOT NULL UNIQUE,
  title            TEXT NOT NULL,
  description      TEXT NOT NULL,
  category_id      TEXT NOT NULL REFERENCES categories (id),
  request_type     TEXT NOT NULL CHECK (request_type IN ('request', 'consult', 'complaint', 'suggestion')),
  source           TEXT NOT NULL CHECK (source IN ('grid_report', 'hotline_12345', 'county_assignment', 'iot_alarm', 'walk_in', 'leader_instruction', 'inspection')),
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
-- The queue's filters and sort orders.
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

-- The units on an event: one lead (主办) and any assisting (协办), each tracked on its own.
CREATE TABLE event_units (
  event_id      TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  unit_id       TEXT NOT NULL REFERENCES units (id),
  role          TEXT NOT NULL CHECK (role IN ('lead', 'assist')),
  state         TEXT NOT NULL CHECK (state IN ('pending', 'signed', 'fed_back', 'returned', 'withdrawn')),
  instructions  TEXT NOT NULL DEFAULT '',
  dispatched_at INTEGER NOT NULL,
  sign_due_at   INTEGER NOT NULL,
  handle_due_at INTEGER NOT NULL,
  signed_at     INTEGER,
  feedback_at   INTEGER,
  returned_at   INTEGER,
  warning       INTEGER NOT NULL DEFAULT 0 CHECK (warning IN (0, 1, 2)),
  PRIMARY KEY (event_id, unit_id)
) STRICT;
CREATE INDEX event_units_by_unit_state ON event_units (unit_id, state);

-- The timeline: every action on an event, in order.
CREATE TABLE event_actions (
  id         TEXT PRIMARY KEY,
  event_id   TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  kind       TEXT NOT NULL,
  from_state TEXT,
  to_state   TEXT,
  actor_id   TEXT,
  actor_name TEXT NOT NULL,
  actor_role TEXT,
  unit_id    TEXT REFERENCES units (id),
  note       TEXT NOT NULL DEFAULT '',
  payload    TEXT NOT NULL DEFAULT '{}',
  at         INTEGER NOT NULL
) STRICT;
CREATE INDEX event_actions_by_event ON event_actions (event_id, at);
CREATE INDEX event_actions_by_kind_at ON event_actions (kind, at);

-- Photos are files named by their SHA-256 in the data folder; here is what they are and where they belong.
CREATE TABLE attachments (
  id          TEXT PRIMARY KEY,
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  event_id    TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  action_id   TEXT REFERENCES event_actions (id),
  name        TEXT NOT NULL,
  mime        TEXT NOT NULL,
  size        INTEGER NOT NULL CHECK (size > 0),
  uploaded_by TEXT,
  at          INTEGER NOT NULL
) STRICT;
CREATE INDEX attachments_by_event ON attachments (event_id, at);

CREATE TABLE extension_requests (
  id             TEXT PRIMARY KEY,
  event_id       TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  unit_id        TEXT NOT NULL REFERENCES units (id),
  reason         TEXT NOT NULL,
  requested_due  INTEGER NOT NULL,
  state          TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'refused')),
  requested_by   TEXT NOT NULL,
  requested_at   INTEGER NOT NULL,
  decided_by     TEXT,
  decided_at     INTEGER,
  decision_note  TEXT
) STRICT;
CREATE INDEX extension_requests_by_event ON extension_requests (event_id, state);

-- Full-text search. `text` uses the trigram tokenizer (substrings of 3+ characters);
-- Both are contentless (the text lives in events) and keyed by events.rowid;
-- `bigrams` holds overlapping two-character pairs ("消防 防通 通道") for 2-character words.
CREATE VIRTUAL TABLE events_fts USING fts5 (text, content = '', contentless_delete = 1, tokenize = 'trigram');
CREATE VIRTUAL TABLE events_fts2 USING fts5 (bigrams, content = '', contentless_delete = 1, tokenize = 'unicode61');

-- Changes waiting to go up to the county (PROTOCOL.md "push"). AUTOINCREMENT so that a
-- sequence number is never reused, and it is written in the same transaction as the change,
-- so a rolled-back action leaves no gap.
CREATE TABLE outbox (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  id        TEXT NOT NULL UNIQUE,
  entity    TEXT NOT NULL CHECK (entity IN ('event', 'event_action', 'supervision_order', 'supervision_answer', 'assessment_result', 'daily_figures')),
  entity_id TEXT NOT NULL,
  op        TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  at        INTEGER NOT NULL,
  data      TEXT
) STRICT;
