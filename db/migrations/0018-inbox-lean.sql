-- 0018: a leaner county inbox, for catch-up speed (100,000 messages down: two rows each, a
-- notice and its inbox row, and every index entry counts). The offset becomes the rowid (no
-- index of its own); the full indexes on status and type give way to partial ones over the
-- few rows their queries read (problems, county orders); `data` may be NULL: an applied
-- message has its effect in its own tables, so only unknown and rejected messages and county
-- orders (listed from here) keep what was sent. Notices lose their deferred foreign key to the
-- inbox (two index lookups and an index per message): the receiver writes both rows in one
-- transaction, and nothing looks a notice up by its inbox row.
CREATE TABLE county_inbox_rebuilt (
  offset      INTEGER PRIMARY KEY,
  -- A UUIDv7, what the admin page and notices.inbox_id know the row by.
  id          TEXT NOT NULL,
  message_id  TEXT NOT NULL,
  type        TEXT NOT NULL,
  at          TEXT NOT NULL,
  data        TEXT,
  status      TEXT NOT NULL CHECK (status IN ('applied', 'unknown', 'rejected', 'duplicate')),
  reason      TEXT NOT NULL DEFAULT '',
  -- What the message became here, e.g. the event it created.
  entity_id   TEXT,
  received_at INTEGER NOT NULL
) STRICT;
INSERT INTO county_inbox_rebuilt (offset, id, message_id, type, at, data, status, reason, entity_id, received_at)
SELECT offset, id, message_id, type, at,
       CASE WHEN status IN ('applied', 'duplicate') AND type <> 'supervision_order' THEN NULL ELSE data END,
       status, reason, entity_id, received_at FROM county_inbox;
DROP TABLE county_inbox;
ALTER TABLE county_inbox_rebuilt RENAME TO county_inbox;
-- Idempotence by message id (PROTOCOL.md): looked up for every message received.
CREATE INDEX county_inbox_by_message ON county_inbox (message_id);
-- The admin's problem list and the status bar's count: everything but the applied messages.
CREATE INDEX county_inbox_not_applied ON county_inbox (offset) WHERE status <> 'applied';
-- The county orders list.
CREATE INDEX county_inbox_orders ON county_inbox (offset) WHERE type = 'supervision_order';

CREATE TABLE notices_rebuilt (
  id       TEXT PRIMARY KEY,
  -- The county_inbox row (its id) the notice came with, written in the same transaction.
  inbox_id TEXT NOT NULL,
  title    TEXT NOT NULL,
  body     TEXT NOT NULL,
  at       INTEGER NOT NULL
) STRICT;
INSERT INTO notices_rebuilt (rowid, id, inbox_id, title, body, at) SELECT rowid, id, inbox_id, title, body, at FROM notices;
DROP TABLE notices;
ALTER TABLE notices_rebuilt RENAME TO notices;
CREATE INDEX notices_by_at ON notices (at);
