-- 0004: supervision (督导) — chase notices, supervision and flagged orders, the units' rectification
-- reports, undercover inspection findings (常态暗访), each order's timeline, its attachments, and the
-- serial counter per year. The first four tables are the schema agreed with assessment (do not rename).

CREATE TABLE supervision_orders (
  id TEXT PRIMARY KEY,
  serial TEXT NOT NULL UNIQUE,               -- 督〔2026〕12号
  year INTEGER NOT NULL,
  number INTEGER NOT NULL,
  strength TEXT NOT NULL CHECK (strength IN ('chase', 'order', 'flagged')),
  colour TEXT NOT NULL CHECK (colour IN ('blue', 'yellow', 'red')),
  target_kind TEXT NOT NULL CHECK (target_kind IN ('event', 'unit', 'finding')),
  target_id TEXT NOT NULL,
  problem TEXT NOT NULL,
  requirements TEXT NOT NULL,
  due_at INTEGER NOT NULL,                    -- epoch ms
  issued_by TEXT,                             -- users.id; NULL when it came from the county
  issued_at INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'answered', 'accepted', 'rejected')),
  previous_id TEXT REFERENCES supervision_orders(id),   -- the rejected order this one re-issues (再督办)
  source TEXT NOT NULL DEFAULT 'township' CHECK (source IN ('township', 'county')),
  county_ref TEXT,
  closed_at INTEGER,                          -- accepted (销号) or rejected
  -- Extras beyond the agreed schema:
  issuer_name TEXT NOT NULL DEFAULT '',       -- as printed on the order (the county's name for county orders)
  yellow_at INTEGER NOT NULL DEFAULT 0,       -- 75 % of the working time between issue and due
  UNIQUE (year, number)
) STRICT;
CREATE INDEX supervision_orders_by_issued ON supervision_orders (issued_at);
CREATE INDEX supervision_orders_by_state_due ON supervision_orders (state, due_at);
CREATE INDEX supervision_orders_by_state_yellow ON supervision_orders (state, yellow_at);
CREATE INDEX supervision_orders_by_target ON supervision_orders (target_kind, target_id);
CREATE INDEX supervision_orders_by_previous ON supervision_orders (previous_id) WHERE previous_id IS NOT NULL;
CREATE INDEX supervision_orders_by_county_ref ON supervision_orders (county_ref) WHERE county_ref IS NOT NULL;

CREATE TABLE supervision_order_units (        -- addressee units
  order_id TEXT NOT NULL REFERENCES supervision_orders(id),
  unit_id TEXT NOT NULL REFERENCES units(id),
  PRIMARY KEY (order_id, unit_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX supervision_order_units_by_unit ON supervision_order_units (unit_id, order_id);

CREATE TABLE supervision_answers (            -- rectification reports (整改反馈)
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES supervision_orders(id),
  unit_id TEXT NOT NULL REFERENCES units(id),
  text TEXT NOT NULL,
  answered_by TEXT NOT NULL REFERENCES users(id),
  answered_at INTEGER NOT NULL,
  late INTEGER NOT NULL CHECK (late IN (0, 1)),         -- answered after due_at
  decision TEXT CHECK (decision IN ('accepted', 'rejected')),
  decided_by TEXT REFERENCES users(id),
  decided_at INTEGER,
  decision_note TEXT
) STRICT;
CREATE INDEX supervision_answers_by_order ON supervision_answers (order_id, unit_id, answered_at);
CREATE INDEX supervision_answers_by_unit ON supervision_answers (unit_id, answered_at);

CREATE TABLE inspection_findings (            -- 常态暗访
  id TEXT PRIMARY KEY,
  found_at INTEGER NOT NULL,
  place TEXT NOT NULL,
  village_id TEXT REFERENCES villages(id),
  unit_id TEXT NOT NULL REFERENCES units(id),
  problem TEXT NOT NULL,
  inspector TEXT NOT NULL,
  recorded_by TEXT NOT NULL REFERENCES users(id),
  recorded_at INTEGER NOT NULL,
  order_id TEXT REFERENCES supervision_orders(id),     -- the rectification order it was turned into
  state TEXT NOT NULL CHECK (state IN ('open', 'ordered', 'closed')),
  closed_at INTEGER
) STRICT;
CREATE INDEX inspection_findings_by_found ON inspection_findings (found_at);
CREATE INDEX inspection_findings_by_unit ON inspection_findings (unit_id, found_at);
CREATE INDEX inspection_findings_by_order ON inspection_findings (order_id) WHERE order_id IS NOT NULL;

-- Each order's own timeline: issue, answers, decisions, re-issue.
CREATE TABLE supervision_order_actions (
  id         TEXT PRIMARY KEY,
  order_id   TEXT NOT NULL REFERENCES supervision_orders(id),
  kind       TEXT NOT NULL,
  from_state TEXT,
  to_state   TEXT,
  actor_id   TEXT,
  actor_name TEXT NOT NULL,
  actor_role TEXT,
  unit_id    TEXT REFERENCES units(id),
  note       TEXT NOT NULL DEFAULT '',
  payload    TEXT NOT NULL DEFAULT '{}',
  at         INTEGER NOT NULL
) STRICT;
CREATE INDEX supervision_order_actions_by_order ON supervision_order_actions (order_id, at);

-- Photos and files of orders, answers and findings: the same content-addressed files as event
-- attachments (attachments/<sha256[0:2]>/<sha256> in the data folder), listed here.
CREATE TABLE supervision_attachments (
  id          TEXT PRIMARY KEY,
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  owner_kind  TEXT NOT NULL CHECK (owner_kind IN ('order', 'answer', 'finding')),
  owner_id    TEXT NOT NULL,
  name        TEXT NOT NULL,
  mime        TEXT NOT NULL,
  size        INTEGER NOT NULL CHECK (size > 0),
  uploaded_by TEXT,
  at          INTEGER NOT NULL
) STRICT;
CREATE INDEX supervision_attachments_by_owner ON supervision_attachments (owner_kind, owner_id, at);

-- One number series per year for all strengths (the agreed UNIQUE (year, number)).
CREATE TABLE supervision_counters (
  year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL
) STRICT;

-- Suggestions read events by these.
CREATE INDEX events_bounced ON events (state) WHERE return_count >= 2 OR rework_count >= 2;
CREATE INDEX events_red_risk ON events (state) WHERE risk_colour = 'red';
CREATE INDEX event_units_by_dispatched ON event_units (dispatched_at);
