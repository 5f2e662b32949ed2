-- 0013: PROTOCOL.md revision 2 on the township side.
-- Changes the county refused (INVALID, NOT_OWNER), kept with its code and message for the
-- admin, who re-sends a corrected record as a new change or dismisses it with a reason.
CREATE TABLE sync_refused (
  seq          INTEGER PRIMARY KEY,
  change_id    TEXT NOT NULL,
  entity       TEXT NOT NULL,
  entity_id    TEXT NOT NULL,
  code         TEXT NOT NULL,
  message      TEXT NOT NULL,
  refused_at   INTEGER NOT NULL,
  state        TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resent', 'dismissed')),
  resolved_by  TEXT,
  resolved_at  INTEGER,
  reason       TEXT NOT NULL DEFAULT '',
  -- The seq of the corrected change, when re-sent.
  resent_seq   INTEGER
) STRICT;
CREATE INDEX sync_refused_open ON sync_refused (seq) WHERE state = 'open';

-- What the county said at the last `status`, and the recovery of a township restored from a
-- backup: while recover_target > 0 the client pulls back the county's changes after
-- recovered_seq (moved in the same transaction as each page it applies) and pushes nothing.
ALTER TABLE sync_state ADD COLUMN county_last_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_state ADD COLUMN recover_target INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_state ADD COLUMN recovered_seq INTEGER NOT NULL DEFAULT 0;
-- Daily figures: the last China day whose figures were queued.
ALTER TABLE sync_state ADD COLUMN figures_sent_through TEXT NOT NULL DEFAULT '';

-- Local changes that were still unsent when a recovery started: set aside, then queued
-- again after the county's changes (with new seqs), so no seq is ever used twice.
CREATE TABLE sync_held (
  position INTEGER PRIMARY KEY,
  id       TEXT NOT NULL,
  entity   TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  op       TEXT NOT NULL,
  at       INTEGER NOT NULL,
  data     TEXT
) STRICT;

-- Records taken back from the county after a restore. Events and their actions go back into
-- their own tables; every record is also kept here as the county held it, so what could not
-- be rebuilt locally (orders, answers, assessment results) is never lost and can be shown.
CREATE TABLE sync_recovered (
  entity       TEXT NOT NULL,
  entity_id    TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  data         TEXT,
  applied      INTEGER NOT NULL CHECK (applied IN (0, 1)),
  recovered_at INTEGER NOT NULL,
  PRIMARY KEY (entity, entity_id)
) STRICT;
-- Photos never travel to the county: a recovered action that had photos lists them here as
-- missing (with their SHA-256 when the action names it).
CREATE TABLE sync_missing_photos (
  action_id TEXT NOT NULL,
  event_id  TEXT NOT NULL,
  position  INTEGER NOT NULL,
  sha256    TEXT,
  noted_at  INTEGER NOT NULL,
  PRIMARY KEY (action_id, position)
) STRICT;

-- Daily figures as last queued per China day: a late change that alters a sent day is
-- noticed by comparing, and the day is sent again.
CREATE TABLE sync_daily_figures (
  date    TEXT PRIMARY KEY,
  data    TEXT NOT NULL,
  sent_at INTEGER NOT NULL
) STRICT;
