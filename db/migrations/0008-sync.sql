-- 0004: county sync bookkeeping. The outbox (0002) keeps every change; `acked_seq` says
-- how far the county confirmed, so the sequence stays gapless for audits. Messages from
-- the county are stored in `county_inbox` with what became of them, and the offset
-- applied moves in the same transaction as each message's effect.
CREATE TABLE sync_state (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  url             TEXT NOT NULL DEFAULT '',
  township_id     TEXT NOT NULL DEFAULT '',
  enabled         INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
  acked_seq       INTEGER NOT NULL DEFAULT 0,
  applied_offset  INTEGER NOT NULL DEFAULT 0,
  last_success_at INTEGER,
  last_error      TEXT,
  last_error_at   INTEGER
) STRICT;
INSERT INTO sync_state (id) VALUES (1);

CREATE TABLE county_inbox (
  id          TEXT PRIMARY KEY,
  offset      INTEGER NOT NULL UNIQUE,
  message_id  TEXT NOT NULL,
  type        TEXT NOT NULL,
  at          TEXT NOT NULL,
  data        TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('applied', 'unknown', 'rejected', 'duplicate')),
  reason      TEXT NOT NULL DEFAULT '',
  -- What the message became here, e.g. the event it created.
  entity_id   TEXT,
  received_at INTEGER NOT NULL
) STRICT;
CREATE INDEX county_inbox_by_message ON county_inbox (message_id);
CREATE INDEX county_inbox_by_status ON county_inbox (status, offset);
CREATE INDEX county_inbox_by_type ON county_inbox (type, offset);

CREATE TABLE notices (
  id       TEXT PRIMARY KEY,
  -- Deferred: the notice is written by its applier, the inbox row right after with the outcome.
  inbox_id TEXT NOT NULL REFERENCES county_inbox (id) DEFERRABLE INITIALLY DEFERRED,
  title    TEXT NOT NULL,
  body     TEXT NOT NULL,
  at       INTEGER NOT NULL
) STRICT;
CREATE INDEX notices_by_at ON notices (at);
-- Foreign-key checks on county_inbox look notices up by inbox_id.
CREATE INDEX notices_by_inbox ON notices (inbox_id);
CREATE TABLE notice_reads (
  notice_id TEXT NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
  user_id   TEXT NOT NULL,
  read_at   INTEGER NOT NULL,
  PRIMARY KEY (user_id, notice_id)
) STRICT;

-- The newest version of each kind of county reference data, with its items as sent.
CREATE TABLE reference_versions (
  kind       TEXT PRIMARY KEY CHECK (kind IN ('categories', 'deadline_rules', 'holiday_calendar', 'scheme', 'units')),
  version    INTEGER NOT NULL,
  items      TEXT NOT NULL,
  applied_at INTEGER NOT NULL
) STRICT;
-- Assessment schemes from the county, kept raw for the assessment feature.
CREATE TABLE county_schemes (
  key      TEXT PRIMARY KEY,
  version  INTEGER NOT NULL,
  data     TEXT NOT NULL
) STRICT;
