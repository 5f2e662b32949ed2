-- The reference county center on PostgreSQL: the same tables as the SQLite set after its
-- revision-2 migration (townships with token hashes, changes taken in seq order, the
-- latest record per entity, the per-township message log, the records the county owns).
CREATE TABLE townships (
  id                  TEXT PRIMARY KEY,
  name                TEXT NOT NULL,
  token_hash          TEXT NOT NULL,
  last_seq            BIGINT NOT NULL DEFAULT 0,
  last_offset         BIGINT NOT NULL DEFAULT 0,
  created_at          BIGINT NOT NULL,
  revoked_at          BIGINT,
  credentials_version INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE changes (
  township_id TEXT NOT NULL REFERENCES townships (id),
  seq         BIGINT NOT NULL,
  id          TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  op          TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  at          TEXT NOT NULL,
  data        TEXT,
  received_at BIGINT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'refused')),
  code        TEXT,
  message     TEXT,
  PRIMARY KEY (township_id, seq)
);
CREATE INDEX changes_refused ON changes (township_id, seq) WHERE status = 'refused';

CREATE TABLE records (
  township_id TEXT NOT NULL REFERENCES townships (id),
  entity      TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  data        TEXT NOT NULL,
  seq         BIGINT NOT NULL,
  PRIMARY KEY (township_id, entity, entity_id)
);

CREATE TABLE messages (
  township_id TEXT NOT NULL REFERENCES townships (id),
  "offset"    BIGINT NOT NULL,
  id          TEXT NOT NULL UNIQUE,
  type        TEXT NOT NULL,
  at          TEXT NOT NULL,
  data        TEXT NOT NULL,
  PRIMARY KEY (township_id, "offset")
);

CREATE TABLE county_owned (
  township_id TEXT NOT NULL REFERENCES townships (id),
  entity      TEXT NOT NULL CHECK (entity IN ('event', 'supervision_order')),
  entity_id   TEXT NOT NULL,
  since       BIGINT NOT NULL,
  PRIMARY KEY (township_id, entity, entity_id)
);

-- Payloads of @socket.io/postgres-adapter and -emitter too large for NOTIFY (8,000 bytes).
CREATE TABLE socket_io_attachments (
  id         BIGSERIAL UNIQUE,
  created_at TIMESTAMPTZ DEFAULT NOW(),
  payload    BYTEA
);
