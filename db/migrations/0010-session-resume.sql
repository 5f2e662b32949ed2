-- 0010: sessions survive a dropped connection. A session is no longer tied to the
-- socket that signed in: the tab keeps a random resume token (only its SHA-256 is
-- stored here) and a new connection may take the session over with it.

-- SHA-256 hex of the resume token; NULL for sessions signed in before this migration
-- (those cannot be resumed).
ALTER TABLE sessions ADD COLUMN resume_hash TEXT;
-- The connection holding the session now; NULL while detached (its socket closed).
-- A connection whose id is not this one has lost the session to another.
ALTER TABLE sessions ADD COLUMN connection_id TEXT;
-- When the holding connection went away; NULL while held.
ALTER TABLE sessions ADD COLUMN detached_at INTEGER;

-- auth.resume looks a session up by its token's hash.
CREATE UNIQUE INDEX sessions_by_resume_hash ON sessions (resume_hash) WHERE resume_hash IS NOT NULL;
-- The start-up sweep reads only the sessions still open, oldest activity first.
CREATE INDEX sessions_open_by_last_seen ON sessions (last_seen_at) WHERE ended_at IS NULL;
