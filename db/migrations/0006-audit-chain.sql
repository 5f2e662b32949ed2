-- 0004: a tamper-evident audit log. Each row carries the SHA-256 of its own content chained to
-- the previous row's hash (db/queries/audit-chain.ts computes both; SQLite has no SHA-256).
-- Rows written by earlier versions have no hash yet: the app seals them, in order, at its next
-- start (sealAuditChain), and the update trigger below allows exactly that one change.
--
-- Retention: audit rows are kept at least 6 months (Cybersecurity Law of the PRC, art. 21).
-- There is no pruning today; whoever adds it must keep every row younger than 6 months, prune
-- only from the oldest end, and record the pruned head (seq, hash) so the chain stays checkable.
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT CHECK (prev_hash IS NULL OR length(prev_hash) = 64);
ALTER TABLE audit_log ADD COLUMN hash TEXT CHECK (hash IS NULL OR length(hash) = 64);

DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (
  OLD.hash IS NULL AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL
  AND NEW.seq IS OLD.seq AND NEW.at IS OLD.at AND NEW.actor_id IS OLD.actor_id
  AND NEW.actor_name IS OLD.actor_name AND NEW.role IS OLD.role AND NEW.action IS OLD.action
  AND NEW.entity IS OLD.entity AND NEW.entity_id IS OLD.entity_id AND NEW.summary IS OLD.summary
)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
