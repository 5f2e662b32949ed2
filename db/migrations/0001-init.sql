-- 0001: the org directory, users and sessions, settings, and the append-only audit log.
-- Times are epoch milliseconds; ids are UUIDv7 strings.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- One installation serves one township; the row is created by setup or the demo seed.
CREATE TABLE township (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  code        TEXT NOT NULL CHECK (code GLOB '[A-Z][A-Z]*' AND length(code) BETWEEN 2 AND 6),
  county_name TEXT NOT NULL,
  singleton   INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1)
) STRICT;

CREATE TABLE villages (
  id   TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('village', 'community')),
  sort INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE grids (
  id           TEXT PRIMARY KEY,
  village_id   TEXT NOT NULL REFERENCES villages (id) ON DELETE RESTRICT,
  name         TEXT NOT NULL,
  worker_name  TEXT,
  worker_phone TEXT,
  UNIQUE (village_id, name)
) STRICT;
CREATE INDEX grids_by_village ON grids (village_id, name);

CREATE TABLE units (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  platform   TEXT NOT NULL CHECK (platform IN ('comprehensive_governance', 'market_supervision', 'comprehensive_enforcement', 'public_service')),
  kind       TEXT NOT NULL CHECK (kind IN ('department', 'village')),
  village_id TEXT REFERENCES villages (id) ON DELETE RESTRICT,
  phone      TEXT,
  sort       INTEGER NOT NULL DEFAULT 0,
  CHECK ((kind = 'village') = (village_id IS NOT NULL))
) STRICT;
CREATE INDEX units_by_village ON units (village_id);

CREATE TABLE users (
  id                   TEXT PRIMARY KEY,
  username             TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name         TEXT NOT NULL,
  role                 TEXT NOT NULL CHECK (role IN ('operator', 'director', 'assessor', 'unit_handler', 'admin', 'viewer')),
  unit_id              TEXT REFERENCES units (id) ON DELETE RESTRICT,
  password_hash        TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  failed_logins        INTEGER NOT NULL DEFAULT 0,
  locked_until         INTEGER,
  last_login_at        INTEGER,
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL,
  CHECK ((role = 'unit_handler') = (unit_id IS NOT NULL))
) STRICT;
CREATE INDEX users_by_unit ON users (unit_id);

CREATE TABLE sessions (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  ended_at     INTEGER,
  end_reason   TEXT CHECK (end_reason IN ('logout', 'expired', 'disabled', 'closed'))
) STRICT;
CREATE INDEX sessions_by_user ON sessions (user_id, ended_at);

-- Who did what, when. Append-only: the triggers below refuse any UPDATE or DELETE,
-- so even a bug in the app cannot rewrite history.
CREATE TABLE audit_log (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  at         INTEGER NOT NULL,
  actor_id   TEXT,
  actor_name TEXT NOT NULL,
  role       TEXT,
  action     TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  TEXT,
  summary    TEXT NOT NULL
) STRICT;
CREATE INDEX audit_by_entity ON audit_log (entity, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
