-- 0017: after-action reviews (复盘) of 特急 or escalated events, or of a set of events (one category
-- in a window), with their findings, improvement actions (a supervision order, a deadline or routing
-- rule change, or other) and timeline. Local records: PROTOCOL.md carries none of them to the county.

CREATE TABLE reviews (
  id TEXT PRIMARY KEY,
  serial TEXT NOT NULL UNIQUE,                -- 复盘〔2026〕2号
  year INTEGER NOT NULL,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('event', 'set')),
  -- A set review: the category (its subtree) and the window the events were reported in.
  category_id TEXT REFERENCES categories(id),
  window_from INTEGER,
  window_to INTEGER,
  state TEXT NOT NULL CHECK (state IN ('open', 'concluded', 'closed')),
  went_well TEXT NOT NULL DEFAULT '',
  went_badly TEXT NOT NULL DEFAULT '',
  conclusion TEXT NOT NULL DEFAULT '',
  opened_by TEXT REFERENCES users(id),
  opened_at INTEGER NOT NULL,
  concluded_at INTEGER,
  closed_at INTEGER,
  UNIQUE (year, number),
  CHECK (scope = 'event' OR (category_id IS NOT NULL AND window_from IS NOT NULL AND window_to > window_from))
) STRICT;
CREATE INDEX reviews_by_opened ON reviews (opened_at);

CREATE TABLE review_counters (
  year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL
) STRICT;

-- The events a review covers, fixed when it is opened.
CREATE TABLE review_events (
  review_id TEXT NOT NULL REFERENCES reviews(id),
  event_id TEXT NOT NULL REFERENCES events(id),
  PRIMARY KEY (review_id, event_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX review_events_by_event ON review_events (event_id, review_id);

-- Improvement actions (整改措施). A supervision action links to the order it became (and the
-- order back to it through review_improvements_by_order); a rule change names the category whose
-- deadline or routing rule it changes (and the category's rules back to it through
-- review_improvements_by_rule).
CREATE TABLE review_improvements (
  id TEXT PRIMARY KEY,
  review_id TEXT NOT NULL REFERENCES reviews(id),
  kind TEXT NOT NULL CHECK (kind IN ('supervision', 'deadline_rule', 'routing_rule', 'other')),
  measure TEXT NOT NULL,
  unit_id TEXT NOT NULL REFERENCES units(id),
  due_at INTEGER NOT NULL,
  order_id TEXT REFERENCES supervision_orders(id),
  rule_category_id TEXT REFERENCES categories(id),
  done_at INTEGER,
  done_note TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  CHECK (rule_category_id IS NULL OR kind IN ('deadline_rule', 'routing_rule'))
) STRICT;
CREATE INDEX review_improvements_by_review ON review_improvements (review_id, created_at);
CREATE UNIQUE INDEX review_improvements_by_order ON review_improvements (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX review_improvements_by_rule ON review_improvements (rule_category_id, created_at) WHERE rule_category_id IS NOT NULL;

CREATE TABLE review_actions (
  id         TEXT PRIMARY KEY,
  review_id  TEXT NOT NULL REFERENCES reviews(id),
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
CREATE INDEX review_actions_by_review ON review_actions (review_id, at);

