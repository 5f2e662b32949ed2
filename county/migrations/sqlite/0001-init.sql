-- The reference county center: townships with their token hashes, the changes each
-- township pushed (applied in seq order, once), the latest record per entity, and the
-- per-township message log numbered by offset.
CREATE TABLE townships (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL,
  last_seq     INTEGER NOT NULL DEFAULT 0,
  last_offset  INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE changes (
  township_id TEXT NOT NULL REFERENCES townships (id),
  seq         INTEGER NOT NULL,
  id          TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  op          TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  at          TEXT NOT NULL,
  data        TEXT,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (township_id, seq)
) STRICT, WITHOUT ROWID;

-- The current state of every record a township sent (a delete removes it).
CREATE TABLE records (
  township_id TEXT NOT NULL REFERENCES townships (id),
  entity      TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  data        TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  PRIMARY KEY (township_id, entity, entity_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE messages (
  township_id TEXT NOT NULL REFERENCES townships (id),
  offset      INTEGER NOT NULL,
  id          TEXT NOT NULL UNIQUE,
  type        TEXT NOT NULL,
  at          TEXT NOT NULL,
  data        TEXT NOT NULL,
  PRIMARY KEY (township_id, offset)
) STRICT, WITHOUT ROWID;
