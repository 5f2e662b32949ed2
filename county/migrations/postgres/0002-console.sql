-- The county console: its own users and sessions, its audit, what it sent down to the
-- townships (assignments, replies, status updates, orders, notices, reference data), the
-- escalation decisions, the state of county-owned events, and township link activity.
CREATE TABLE console_users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('county_dispatcher', 'county_supervisor', 'county_admin')),
  password_hash TEXT NOT NULL,
  must_change   INTEGER NOT NULL DEFAULT 0,
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    BIGINT NOT NULL
);

CREATE TABLE console_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES console_users (id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX console_sessions_user ON console_sessions (user_id);

CREATE TABLE console_audit (
  id      TEXT PRIMARY KEY,
  at      BIGINT NOT NULL,
  user_id TEXT,
  action  TEXT NOT NULL,
  target  TEXT,
  detail  TEXT
);
CREATE INDEX console_audit_at ON console_audit (at);

CREATE TABLE console_township_activity (
  township_id   TEXT PRIMARY KEY REFERENCES townships (id),
  last_push_at  BIGINT,
  last_pull_at  BIGINT,
  pulled_offset BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE console_sent (
  id          TEXT PRIMARY KEY,
  township_id TEXT NOT NULL REFERENCES townships (id),
  type        TEXT NOT NULL,
  ref         TEXT NOT NULL,
  serial      TEXT,
  data        TEXT NOT NULL,
  sent_by     TEXT NOT NULL,
  sent_at     BIGINT NOT NULL
);
CREATE INDEX console_sent_ref ON console_sent (township_id, type, ref);
CREATE INDEX console_sent_type ON console_sent (type, sent_at);

CREATE TABLE console_escalation_decisions (
  township_id TEXT NOT NULL REFERENCES townships (id),
  event_id    TEXT NOT NULL,
  record_seq  BIGINT NOT NULL,
  decision    TEXT NOT NULL CHECK (decision IN ('accepted', 'returned')),
  note        TEXT NOT NULL,
  decided_by  TEXT NOT NULL,
  decided_at  BIGINT NOT NULL,
  PRIMARY KEY (township_id, event_id, record_seq)
);

CREATE TABLE console_county_events (
  township_id TEXT NOT NULL REFERENCES townships (id),
  event_id    TEXT NOT NULL,
  state       TEXT NOT NULL,
  note        TEXT NOT NULL,
  updated_by  TEXT NOT NULL,
  updated_at  BIGINT NOT NULL,
  PRIMARY KEY (township_id, event_id)
);

CREATE TABLE console_serials (
  name TEXT PRIMARY KEY,
  last BIGINT NOT NULL
);

CREATE TABLE console_reference (
  kind         TEXT NOT NULL,
  version      BIGINT NOT NULL,
  items        TEXT NOT NULL,
  published_by TEXT NOT NULL,
  published_at BIGINT NOT NULL,
  PRIMARY KEY (kind, version)
);

-- The console reads records county-wide by kind (every township's events, actions, daily figures).
CREATE INDEX console_records_entity ON records (entity, township_id);
