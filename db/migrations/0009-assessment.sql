-- 0009: assessment (考核) — versioned schemes, runs per scheme × period × revision with their
-- computed snapshot (per unit and indicator), manual bonus/deduction items with evidence.


-- What the assessment reads, by time. Covering (or partial) indexes: a quarter over a million
-- events is tens of thousands of rows, and each must not cost a visit to a wide table row.
-- core/assessment/indicators.ts names them with INDEXED BY.
-- Supervision (0005) indexed dispatched_at alone under this name; the covering form serves both.
DROP INDEX IF EXISTS event_units_by_dispatched;
CREATE INDEX event_units_by_dispatched ON event_units (dispatched_at, unit_id, role, state, signed_at, sign_due_at, event_id);
CREATE INDEX event_units_by_handle_due ON event_units (handle_due_at, unit_id, state, feedback_at, event_id) WHERE role = 'lead';
CREATE INDEX events_assessment ON events (id, lead_unit_id, closed_at, rework_count);
CREATE INDEX event_actions_dispatches ON event_actions (at, unit_id, event_id) WHERE kind = 'dispatch';
CREATE INDEX event_actions_returns ON event_actions (event_id, unit_id, at) WHERE kind = 'return';
CREATE INDEX event_actions_callbacks ON event_actions (at, event_id, payload) WHERE kind = 'callback';
CREATE INDEX IF NOT EXISTS supervision_orders_by_issued ON supervision_orders (issued_at);
CREATE INDEX IF NOT EXISTS supervision_answers_by_order ON supervision_answers (order_id, unit_id, answered_at);
CREATE INDEX IF NOT EXISTS inspection_findings_by_found ON inspection_findings (found_at, unit_id);

-- A scheme is one version of a family (`code`); editing a scheme adds a version, runs keep theirs.
CREATE TABLE assessment_schemes (
  id          TEXT PRIMARY KEY,
  code        TEXT NOT NULL,
  version     INTEGER NOT NULL CHECK (version >= 1),
  name        TEXT NOT NULL,
  period_kind TEXT NOT NULL CHECK (period_kind IN ('month', 'quarter', 'year')),
  unit_kinds  TEXT NOT NULL CHECK (unit_kinds IN ('department', 'village', 'all')),
  -- JSON array of indicator settings (common/assessment.ts SchemeIndicator), checked by zod on the way in.
  indicators  TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  created_by  TEXT,
  created_at  INTEGER NOT NULL,
  UNIQUE (code, version)
) STRICT;

-- One assessment of a scheme for a period. A change after publishing is a new revision; the
-- published one stays as it was (superseded_by points at its successor).
CREATE TABLE assessment_runs (
  id             TEXT PRIMARY KEY,
  scheme_id      TEXT NOT NULL REFERENCES assessment_schemes (id),
  scheme_code    TEXT NOT NULL,
  period         TEXT NOT NULL,
  revision       INTEGER NOT NULL CHECK (revision >= 1),
  state          TEXT NOT NULL CHECK (state IN ('draft', 'computed', 'reviewed', 'published')),
  reason         TEXT NOT NULL DEFAULT '',
  totals         TEXT NOT NULL DEFAULT '{}',
  superseded_by  TEXT REFERENCES assessment_runs (id),
  created_by     TEXT,
  created_at     INTEGER NOT NULL,
  computed_at    INTEGER,
  computed_by    TEXT,
  reviewed_at    INTEGER,
  reviewed_by    TEXT,
  published_at   INTEGER,
  published_by   TEXT,
  UNIQUE (scheme_code, period, revision)
) STRICT;
CREATE INDEX assessment_runs_by_period ON assessment_runs (period, scheme_code, revision);

CREATE TABLE assessment_scores (
  run_id       TEXT NOT NULL REFERENCES assessment_runs (id) ON DELETE CASCADE,
  unit_id      TEXT NOT NULL REFERENCES units (id),
  base         REAL NOT NULL,
  manual       REAL NOT NULL DEFAULT 0,
  score        REAL NOT NULL,
  rank         INTEGER NOT NULL,
  PRIMARY KEY (run_id, unit_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE assessment_values (
  run_id       TEXT NOT NULL REFERENCES assessment_runs (id) ON DELETE CASCADE,
  unit_id      TEXT NOT NULL REFERENCES units (id),
  indicator    TEXT NOT NULL,
  numerator    INTEGER NOT NULL,
  denominator  INTEGER,
  value        REAL,
  points       REAL,
  PRIMARY KEY (run_id, unit_id, indicator)
) STRICT, WITHOUT ROWID;

CREATE TABLE assessment_items (
  id            TEXT PRIMARY KEY,
  run_id        TEXT NOT NULL REFERENCES assessment_runs (id) ON DELETE CASCADE,
  unit_id       TEXT NOT NULL REFERENCES units (id),
  kind          TEXT NOT NULL CHECK (kind IN ('bonus', 'deduction')),
  points        REAL NOT NULL CHECK (points > 0 AND points <= 100),
  reason        TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'refused')),
  created_by    TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  decided_by    TEXT,
  decided_at    INTEGER,
  decision_note TEXT
) STRICT;
CREATE INDEX assessment_items_by_run ON assessment_items (run_id, unit_id, created_at);

-- Evidence files live under their SHA-256 in the data folder, like event photos.
CREATE TABLE assessment_evidence (
  id       TEXT PRIMARY KEY,
  item_id  TEXT NOT NULL REFERENCES assessment_items (id) ON DELETE CASCADE,
  sha256   TEXT NOT NULL CHECK (length(sha256) = 64),
  name     TEXT NOT NULL,
  mime     TEXT NOT NULL,
  size     INTEGER NOT NULL CHECK (size > 0),
  at       INTEGER NOT NULL
) STRICT;
CREATE INDEX assessment_evidence_by_item ON assessment_evidence (item_id);
