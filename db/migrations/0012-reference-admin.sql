-- 0012: the township maintains its own reference data. A category in use is never deleted; the
-- administrator disables it instead: it stays on the events that have it and leaves the intake form.
ALTER TABLE categories ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));
