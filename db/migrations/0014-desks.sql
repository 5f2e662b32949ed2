-- 0014: many desks on one room server.

-- A session remembers the address it signed in from, so the administrator's list of active
-- sessions can say where each desk is.
ALTER TABLE sessions ADD COLUMN address TEXT;

-- Every new audit row arrives chained (db/queries/audit.ts computes its hash): a row without one
-- is refused at the door instead of being sealed later, so nothing can slip in unchained between
-- two starts. Rows written before 0006 are still sealed once by the app at start (an UPDATE,
-- which the append-only trigger of 0006 allows for exactly that).
CREATE TRIGGER audit_log_hash_required BEFORE INSERT ON audit_log
WHEN NEW.hash IS NULL OR NEW.prev_hash IS NULL
BEGIN
  SELECT RAISE(ABORT, 'audit_log rows must carry their chain hash');
END;
