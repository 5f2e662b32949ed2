-- PROTOCOL.md revision 2. A refused change is kept with its code and message (it counts as
-- taken, nothing of it is applied); a token can be revoked; and the county remembers which
-- records it owns, so every change can be checked against the ownership rule.
ALTER TABLE changes ADD COLUMN status TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'refused'));
ALTER TABLE changes ADD COLUMN code TEXT;
ALTER TABLE changes ADD COLUMN message TEXT;
-- `recover` reads the applied changes of one township in seq order.
CREATE INDEX changes_refused ON changes (township_id, seq) WHERE status = 'refused';

ALTER TABLE townships ADD COLUMN revoked_at INTEGER;
-- Bumped by every new token and by a revocation: a running server ends the live connections
-- of a township whose credentials changed, even when another process (the CLI) changed them.
ALTER TABLE townships ADD COLUMN credentials_version INTEGER NOT NULL DEFAULT 0;

-- Records the county owns: orders it issued, events whose escalation it accepted.
CREATE TABLE county_owned (
  township_id TEXT NOT NULL REFERENCES townships (id),
  entity      TEXT NOT NULL CHECK (entity IN ('event', 'supervision_order')),
  entity_id   TEXT NOT NULL,
  since       INTEGER NOT NULL,
  PRIMARY KEY (township_id, entity, entity_id)
) STRICT, WITHOUT ROWID;

INSERT OR IGNORE INTO county_owned (township_id, entity, entity_id, since)
  SELECT township_id, 'supervision_order', json_extract(data, '$.id'), 0 FROM messages
  WHERE type = 'supervision_order' AND json_valid(data) AND json_type(data, '$.id') = 'text';
INSERT OR IGNORE INTO county_owned (township_id, entity, entity_id, since)
  SELECT township_id, 'event', json_extract(data, '$.eventId'), 0 FROM messages
  WHERE type = 'escalation_reply' AND json_valid(data) AND json_extract(data, '$.decision') = 'accepted'
    AND json_type(data, '$.eventId') = 'text';
