-- 0011: assignment history (派遣记录) for the assessment, kept and never overwritten.
--
-- `event_units` holds one row per (event, unit) and the lifecycle rewrites it: a reopen or an
-- arbitration puts the same unit on the event again with a new dispatch time, a rework clears the
-- feedback time, an extension moves the deadline. The assessment must read the facts as they
-- stood at a period's end, so every dispatch of an event to a unit is its own row here, with its
-- own times and outcome. Triggers keep it (the lifecycle code does not know it exists):
--   * a row inserted into event_units, or an existing row given a new dispatch time, opens an
--     assignment; other updates of event_units are mirrored into the unit's newest assignment,
--     keeping first times (signed, first feedback, returned) that the lifecycle would overwrite;
--   * timeline entries (event_actions) stamp the times event_units has no column for: when an
--     assignment was withdrawn, reworked (返工, including a reopen after a dissatisfied call-back),
--     closed (核查通过), and whether its return was judged justified (arbitration upholds it) or
--     unjustified (arbitration overrules it; the director may also mark it, see
--     assessment.judgeReturn).
-- The indicators of core/assessment read this table through db/queries/assessment-indicators.ts.

CREATE TABLE event_assignments (
  id                INTEGER PRIMARY KEY,
  event_id          TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  unit_id           TEXT NOT NULL REFERENCES units (id),
  role              TEXT NOT NULL CHECK (role IN ('lead', 'assist')),
  -- The mirror of event_units.state while this is the unit's newest assignment; frozen afterwards.
  state             TEXT NOT NULL,
  dispatched_at     INTEGER NOT NULL,
  sign_due_at       INTEGER NOT NULL,
  -- The handling deadline now; before an approved extension it was prev_due_at, until due_changed_at.
  handle_due_at     INTEGER NOT NULL,
  prev_due_at       INTEGER,
  due_changed_at    INTEGER,
  signed_at         INTEGER,
  first_feedback_at INTEGER,
  -- The newest feedback (a rework clears event_units.feedback_at; here it stays until the next one).
  feedback_at       INTEGER,
  reworked_at       INTEGER,
  returned_at       INTEGER,
  -- NULL: not judged (a redispatch elsewhere accepts the return); 'justified' or 'unjustified'.
  return_verdict    TEXT CHECK (return_verdict IN ('justified', 'unjustified')),
  verdict_at        INTEGER,
  verdict_by        TEXT,
  closed_at         INTEGER,
  withdrawn_at      INTEGER
) STRICT;
CREATE INDEX event_assignments_by_unit_event ON event_assignments (event_id, unit_id);
-- Covering indexes for the aggregates of a period (see db/queries/assessment-indicators.ts).
CREATE INDEX event_assignments_by_dispatched ON event_assignments (
  dispatched_at, unit_id, role, returned_at, return_verdict, withdrawn_at, reworked_at, event_id);
CREATE INDEX event_assignments_by_sign_due ON event_assignments (
  sign_due_at, unit_id, signed_at, returned_at, withdrawn_at);
CREATE INDEX event_assignments_by_handle_due ON event_assignments (
  handle_due_at, unit_id, due_changed_at, returned_at, withdrawn_at, first_feedback_at, feedback_at, reworked_at, closed_at,
  event_id)
  WHERE role = 'lead';
CREATE INDEX event_assignments_by_prev_due ON event_assignments (prev_due_at) WHERE prev_due_at IS NOT NULL;
CREATE INDEX event_assignments_leads ON event_assignments (event_id, dispatched_at, unit_id, returned_at) WHERE role = 'lead';
CREATE INDEX extension_requests_approved ON extension_requests (event_id, unit_id, decided_at) WHERE state = 'approved';
-- 0009's indexes for the old definitions, read by nothing now; every event write paid for them.
DROP INDEX IF EXISTS events_assessment;
DROP INDEX IF EXISTS event_actions_dispatches;
DROP INDEX IF EXISTS event_actions_returns;
-- 督办逾期 counts orders by due date. Two columns, so that counting all orders keeps using the
-- narrower supervision_orders_by_issued.
CREATE INDEX supervision_orders_by_due ON supervision_orders (due_at, issued_at);

-- Back-fill: the assignments as event_units holds them now. Earlier dispatches that event_units
-- had already overwritten are gone; their timeline entries remain for a person to read.
INSERT INTO event_assignments (event_id, unit_id, role, state, dispatched_at, sign_due_at, handle_due_at,
  signed_at, first_feedback_at, feedback_at, reworked_at, returned_at, return_verdict, closed_at, withdrawn_at)
SELECT eu.event_id, eu.unit_id, eu.role, eu.state, eu.dispatched_at, eu.sign_due_at, eu.handle_due_at, eu.signed_at,
  coalesce((SELECT min(f.at) FROM event_actions f WHERE f.event_id = eu.event_id AND f.unit_id = eu.unit_id
            AND f.kind = 'feedback' AND f.at >= eu.dispatched_at), eu.feedback_at),
  eu.feedback_at,
  (SELECT min(r.at) FROM event_actions r WHERE r.event_id = eu.event_id AND r.unit_id = eu.unit_id
     AND r.kind IN ('rework', 'reopen') AND r.at > eu.dispatched_at),
  eu.returned_at,
  CASE WHEN eu.returned_at IS NOT NULL THEN
    (SELECT CASE json_extract(x.payload, '$.decision') WHEN 'overrule' THEN 'unjustified' WHEN 'uphold' THEN 'justified' END
       FROM event_actions x WHERE x.event_id = eu.event_id AND x.kind = 'arbitrate' AND x.at >= eu.returned_at
       ORDER BY x.at LIMIT 1)
  END,
  CASE WHEN eu.role = 'lead' AND eu.state <> 'withdrawn' THEN e.closed_at END,
  CASE WHEN eu.state = 'withdrawn' THEN
    (SELECT min(w.at) FROM event_actions w WHERE w.event_id = eu.event_id
       AND w.kind IN ('dispatch', 'arbitrate', 'reopen') AND w.at > eu.dispatched_at)
  END
FROM event_units eu JOIN events e ON e.id = eu.event_id
ORDER BY eu.dispatched_at;
UPDATE event_assignments SET verdict_at = (
  SELECT min(x.at) FROM event_actions x WHERE x.event_id = event_assignments.event_id AND x.kind = 'arbitrate'
    AND x.at >= event_assignments.returned_at)
WHERE return_verdict IS NOT NULL;

CREATE TRIGGER event_assignments_open AFTER INSERT ON event_units BEGIN
  INSERT INTO event_assignments (event_id, unit_id, role, state, dispatched_at, sign_due_at, handle_due_at, signed_at,
    first_feedback_at, feedback_at, returned_at)
  VALUES (NEW.event_id, NEW.unit_id, NEW.role, NEW.state, NEW.dispatched_at, NEW.sign_due_at, NEW.handle_due_at,
    NEW.signed_at, NEW.feedback_at, NEW.feedback_at, NEW.returned_at);
END;

-- The same unit dispatched again (redispatch, reopen, arbitration overruling a return): the old
-- assignment ends as it was (withdrawn, unless something else ended it) and a new one opens.
CREATE TRIGGER event_assignments_redispatch AFTER UPDATE OF dispatched_at ON event_units
WHEN NEW.dispatched_at IS NOT OLD.dispatched_at BEGIN
  UPDATE event_assignments SET state = 'withdrawn'
    WHERE id = (SELECT max(id) FROM event_assignments WHERE event_id = NEW.event_id AND unit_id = NEW.unit_id)
      AND state <> 'withdrawn';
  INSERT INTO event_assignments (event_id, unit_id, role, state, dispatched_at, sign_due_at, handle_due_at, signed_at,
    first_feedback_at, feedback_at, returned_at)
  VALUES (NEW.event_id, NEW.unit_id, NEW.role, NEW.state, NEW.dispatched_at, NEW.sign_due_at, NEW.handle_due_at,
    NEW.signed_at, NEW.feedback_at, NEW.feedback_at, NEW.returned_at);
END;

-- Any other change to the unit's current assignment. In an UPDATE every right-hand side reads
-- the old row, so prev_due_at takes the deadline before the change.
CREATE TRIGGER event_assignments_mirror AFTER UPDATE ON event_units
WHEN NEW.dispatched_at IS OLD.dispatched_at BEGIN
  UPDATE event_assignments SET
    role = NEW.role,
    state = NEW.state,
    sign_due_at = NEW.sign_due_at,
    prev_due_at = CASE WHEN NEW.handle_due_at <> handle_due_at THEN handle_due_at ELSE prev_due_at END,
    due_changed_at = CASE WHEN NEW.handle_due_at <> handle_due_at THEN
        (SELECT max(x.decided_at) FROM extension_requests x WHERE x.event_id = NEW.event_id AND x.state = 'approved')
      ELSE due_changed_at END,
    handle_due_at = NEW.handle_due_at,
    signed_at = coalesce(signed_at, NEW.signed_at),
    first_feedback_at = coalesce(first_feedback_at, NEW.feedback_at),
    feedback_at = coalesce(NEW.feedback_at, feedback_at),
    returned_at = coalesce(returned_at, NEW.returned_at)
  WHERE id = (SELECT max(id) FROM event_assignments WHERE event_id = NEW.event_id AND unit_id = NEW.unit_id);
END;

-- Timeline entries stamp the times. Statement order matters: a reopen marks the assignment it
-- ends as reworked before it stamps that assignment's withdrawal.
CREATE TRIGGER event_assignments_stamp AFTER INSERT ON event_actions
WHEN NEW.kind IN ('rework', 'reopen', 'verify', 'arbitrate', 'dispatch') BEGIN
  UPDATE event_assignments SET reworked_at = NEW.at
    WHERE NEW.kind = 'rework' AND reworked_at IS NULL
      AND id = (SELECT max(id) FROM event_assignments WHERE event_id = NEW.event_id AND unit_id = NEW.unit_id
                  AND role = 'lead' AND state <> 'withdrawn');
  UPDATE event_assignments SET reworked_at = NEW.at
    WHERE NEW.kind = 'reopen' AND reworked_at IS NULL
      AND id = (SELECT max(id) FROM event_assignments WHERE event_id = NEW.event_id AND unit_id = NEW.unit_id
                  AND role = 'lead' AND state = 'withdrawn' AND withdrawn_at IS NULL AND dispatched_at < NEW.at);
  UPDATE event_assignments SET closed_at = NEW.at
    WHERE NEW.kind = 'verify' AND closed_at IS NULL
      AND id = (SELECT max(id) FROM event_assignments WHERE event_id = NEW.event_id AND role = 'lead'
                  AND state NOT IN ('withdrawn', 'returned'));
  UPDATE event_assignments SET
      return_verdict = CASE json_extract(NEW.payload, '$.decision') WHEN 'overrule' THEN 'unjustified' ELSE 'justified' END,
      verdict_at = NEW.at, verdict_by = NEW.actor_id
    WHERE NEW.kind = 'arbitrate'
      AND id = (SELECT max(id) FROM event_assignments WHERE event_id = NEW.event_id AND role = 'lead'
                  AND returned_at IS NOT NULL AND return_verdict IS NULL);
  UPDATE event_assignments SET withdrawn_at = NEW.at
    WHERE NEW.kind IN ('dispatch', 'arbitrate', 'reopen') AND event_id = NEW.event_id AND state = 'withdrawn'
      AND withdrawn_at IS NULL AND dispatched_at < NEW.at;
END;

-- A rate whose denominator is below the minimum sample (setting assessment.minSample) is shown
-- as 样本不足 and left out of the unit's weight; the run keeps which ones were.
ALTER TABLE assessment_values ADD COLUMN sample_short INTEGER NOT NULL DEFAULT 0 CHECK (sample_short IN (0, 1));
