-- 0015: the 平安建设 workbench — social-stability risk assessments of major decisions
-- (重大决策社会稳定风险评估) with their method records, mitigation tasks, 回头看 reviews, timeline
-- and files. Local records: PROTOCOL.md carries none of them to the county.

CREATE TABLE risk_assessments (
  id TEXT PRIMARY KEY,
  serial TEXT NOT NULL UNIQUE,                -- 稳评〔2026〕3号
  year INTEGER NOT NULL,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  proposing_unit_id TEXT NOT NULL REFERENCES units(id),
  kind TEXT NOT NULL CHECK (kind IN ('land', 'project', 'policy', 'other')),
  scope TEXT NOT NULL,
  people_affected INTEGER NOT NULL CHECK (people_affected >= 0),
  state TEXT NOT NULL CHECK (state IN ('identifying', 'assessing', 'rated', 'implemented', 'postponed', 'rejected', 'terminated')),
  risks TEXT NOT NULL DEFAULT '',             -- 风险识别: the risks named
  level TEXT CHECK (level IN ('high', 'medium', 'low')),
  level_reason TEXT NOT NULL DEFAULT '',
  decision_reason TEXT NOT NULL DEFAULT '',
  decided_by TEXT REFERENCES users(id),
  decided_at INTEGER,                         -- the latest conclusion (incl. 中止实施 after a review)
  created_by TEXT REFERENCES users(id),
  created_at INTEGER NOT NULL,
  UNIQUE (year, number)
) STRICT;
CREATE INDEX risk_assessments_by_created ON risk_assessments (created_at);
CREATE INDEX risk_assessments_by_decided ON risk_assessments (decided_at) WHERE decided_at IS NOT NULL;

CREATE TABLE risk_counters (
  year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL
) STRICT;

CREATE TABLE risk_methods (                   -- 公示 / 听证 / 问卷 / 座谈 / 走访 records
  id TEXT PRIMARY KEY,
  assessment_id TEXT NOT NULL REFERENCES risk_assessments(id),
  method TEXT NOT NULL CHECK (method IN ('publicity', 'hearing', 'survey', 'forum', 'visit')),
  held_on INTEGER NOT NULL,
  participants TEXT NOT NULL,
  summary TEXT NOT NULL,
  recorded_by TEXT REFERENCES users(id),
  recorded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX risk_methods_by_assessment ON risk_methods (assessment_id, held_on);

CREATE TABLE risk_tasks (                     -- mitigation measures
  id TEXT PRIMARY KEY,
  assessment_id TEXT NOT NULL REFERENCES risk_assessments(id),
  measure TEXT NOT NULL,
  unit_id TEXT NOT NULL REFERENCES units(id),
  created_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  done_at INTEGER,
  done_note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX risk_tasks_by_assessment ON risk_tasks (assessment_id, due_at);
CREATE INDEX risk_tasks_open_by_due ON risk_tasks (due_at) WHERE done_at IS NULL;

CREATE TABLE risk_reviews (                   -- 回头看
  id TEXT PRIMARY KEY,
  assessment_id TEXT NOT NULL REFERENCES risk_assessments(id),
  due_at INTEGER NOT NULL,
  done_at INTEGER,
  finding TEXT NOT NULL DEFAULT '',
  outcome TEXT CHECK (outcome IN ('continue', 'terminate')),
  reviewed_by TEXT REFERENCES users(id)
) STRICT;
CREATE INDEX risk_reviews_by_assessment ON risk_reviews (assessment_id, due_at);

CREATE TABLE risk_assessment_actions (
  id         TEXT PRIMARY KEY,
  assessment_id TEXT NOT NULL REFERENCES risk_assessments(id),
  kind       TEXT NOT NULL,
  from_state TEXT,
  to_state   TEXT,
  actor_id   TEXT,
  actor_name TEXT NOT NULL,
  actor_role TEXT,
  unit_id    TEXT REFERENCES units(id),
  note       TEXT NOT NULL DEFAULT '',
  payload    TEXT NOT NULL DEFAULT '{}',
  at         INTEGER NOT NULL
) STRICT;
CREATE INDEX risk_assessment_actions_by_assessment ON risk_assessment_actions (assessment_id, at);

-- Files of method records (minutes, photos): the same content-addressed files as event attachments.
CREATE TABLE risk_attachments (
  id          TEXT PRIMARY KEY,
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  method_id   TEXT NOT NULL REFERENCES risk_methods(id),
  name        TEXT NOT NULL,
  mime        TEXT NOT NULL,
  size        INTEGER NOT NULL CHECK (size > 0),
  uploaded_by TEXT,
  at          INTEGER NOT NULL
) STRICT;
CREATE INDEX risk_attachments_by_method ON risk_attachments (method_id, at);

-- Special rectification campaigns (专项整治): period, lead and participating units, targets, unit
-- tasks, the units' periodic progress reports, and the hazards taken in as events tagged with the
-- campaign (the events run their ordinary lifecycle; the tag lives here, not on the event).
CREATE TABLE campaigns (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),
  lead_unit_id TEXT NOT NULL REFERENCES units(id),
  state TEXT NOT NULL CHECK (state IN ('planned', 'running', 'closed')),
  created_by TEXT REFERENCES users(id),
  created_at INTEGER NOT NULL,
  closed_at INTEGER
) STRICT;
CREATE INDEX campaigns_by_start ON campaigns (starts_at);

CREATE TABLE campaign_units (
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  unit_id TEXT NOT NULL REFERENCES units(id),
  PRIMARY KEY (campaign_id, unit_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX campaign_units_by_unit ON campaign_units (unit_id, campaign_id);

CREATE TABLE campaign_targets (               -- 排查隐患 ≥ 500 处 …
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  label TEXT NOT NULL,
  unit TEXT NOT NULL,                         -- 处, 家, %
  goal REAL NOT NULL CHECK (goal >= 0),
  sort INTEGER NOT NULL
) STRICT;
CREATE INDEX campaign_targets_by_campaign ON campaign_targets (campaign_id, sort);

CREATE TABLE campaign_tasks (
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  unit_id TEXT NOT NULL REFERENCES units(id),
  title TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  done_at INTEGER,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX campaign_tasks_by_campaign ON campaign_tasks (campaign_id, due_at);

CREATE TABLE campaign_reports (               -- a unit's progress report: cumulative figures to date
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  unit_id TEXT NOT NULL REFERENCES units(id),
  narrative TEXT NOT NULL,
  reported_by TEXT REFERENCES users(id),
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX campaign_reports_by_campaign ON campaign_reports (campaign_id, unit_id, at);

CREATE TABLE campaign_report_figures (
  report_id TEXT NOT NULL REFERENCES campaign_reports(id),
  target_id TEXT NOT NULL REFERENCES campaign_targets(id),
  value REAL NOT NULL CHECK (value >= 0),
  PRIMARY KEY (report_id, target_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE campaign_events (                -- hazards taken in as events, tagged with the campaign
  event_id TEXT PRIMARY KEY REFERENCES events(id),
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  tagged_at INTEGER NOT NULL
) STRICT;
CREATE INDEX campaign_events_by_campaign ON campaign_events (campaign_id, event_id);

CREATE TABLE campaign_actions (
  id         TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  kind       TEXT NOT NULL,
  from_state TEXT,
  to_state   TEXT,
  actor_id   TEXT,
  actor_name TEXT NOT NULL,
  actor_role TEXT,
  unit_id    TEXT REFERENCES units(id),
  note       TEXT NOT NULL DEFAULT '',
  payload    TEXT NOT NULL DEFAULT '{}',
  at         INTEGER NOT NULL
) STRICT;
CREATE INDEX campaign_actions_by_campaign ON campaign_actions (campaign_id, at);
