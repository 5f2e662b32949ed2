-- 0019: desk enrollment. An administrator makes a one-time code on the room server; a desk
-- (the Electron app on another PC) redeems it once, within 24 hours, and learns the server's
-- certificate pin. Only the code's SHA-256 is kept: the database never holds a usable code.
CREATE TABLE desk_enrollments (
  id               TEXT PRIMARY KEY,
  code_hash        TEXT NOT NULL UNIQUE,
  label            TEXT NOT NULL,
  created_by       TEXT NOT NULL REFERENCES users (id),
  created_at       INTEGER NOT NULL,
  expires_at       INTEGER NOT NULL,
  redeemed_at      INTEGER,
  redeemed_address TEXT,
  desk_name        TEXT,
  revoked_at       INTEGER,
  revoked_by       TEXT REFERENCES users (id),
  CHECK (redeemed_at IS NULL OR revoked_at IS NULL)
) STRICT;
CREATE INDEX desk_enrollments_by_created ON desk_enrollments (created_at);
