-- 0004: IoT smoke detectors and the audible alarms of the command room.

-- The registry of networked detectors. Contacts are an ordered JSON list
-- (resident first, then neighbours, then village staff): the operator calls them in that order.
CREATE TABLE iot_devices (
  id             TEXT PRIMARY KEY,
  code           TEXT NOT NULL UNIQUE,
  kind           TEXT NOT NULL CHECK (kind IN ('smoke', 'gas', 'heat', 'other')),
  village_id     TEXT REFERENCES villages (id) ON DELETE SET NULL,
  address        TEXT NOT NULL,
  resident_name  TEXT NOT NULL DEFAULT '',
  resident_phone TEXT NOT NULL DEFAULT '',
  contacts       TEXT NOT NULL DEFAULT '[]',
  installed_at   INTEGER,
  note           TEXT NOT NULL DEFAULT '',
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX iot_devices_by_village ON iot_devices (village_id, code);

-- One row per IoT event: the device, how often it alarmed, the verification outcome,
-- the contacts as they were when the alarm came (the registry may change later).
CREATE TABLE iot_incidents (
  event_id          TEXT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
  device_code       TEXT NOT NULL,
  device_id         TEXT REFERENCES iot_devices (id) ON DELETE SET NULL,
  kind              TEXT NOT NULL,
  first_at          INTEGER NOT NULL,
  last_at           INTEGER NOT NULL,
  alarm_count       INTEGER NOT NULL DEFAULT 1,
  previous_event_id TEXT REFERENCES events (id),
  realarm           INTEGER NOT NULL DEFAULT 0 CHECK (realarm IN (0, 1)),
  outcome           TEXT CHECK (outcome IN ('false_alarm', 'dispatched')),
  snapshot          TEXT NOT NULL
) STRICT;
CREATE INDEX iot_incidents_by_device_last ON iot_incidents (device_code, last_at);

-- Every alarm message received (from the county or the admin's test injector), once.
CREATE TABLE iot_alarm_log (
  id          TEXT PRIMARY KEY,
  device_code TEXT NOT NULL,
  at          INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('county', 'test')),
  event_id    TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  attached    INTEGER NOT NULL CHECK (attached IN (0, 1))
) STRICT;
CREATE INDEX iot_alarm_log_by_event ON iot_alarm_log (event_id, at);

-- The verification calls, in the order made.
CREATE TABLE iot_calls (
  id            TEXT PRIMARY KEY,
  event_id      TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  contact_index INTEGER NOT NULL,
  contact_name  TEXT NOT NULL,
  relation      TEXT NOT NULL,
  outcome       TEXT NOT NULL CHECK (outcome IN ('reached', 'no_answer', 'confirmed_fire', 'false_alarm')),
  note          TEXT NOT NULL DEFAULT '',
  user_id       TEXT REFERENCES users (id),
  at            INTEGER NOT NULL
) STRICT;
CREATE INDEX iot_calls_by_event ON iot_calls (event_id, at);

-- The audible alarms: one per 特急 or IoT event, sounding while acked_at IS NULL.
-- A repeat IoT alarm sounds it again (acked_at back to NULL, count + 1).
CREATE TABLE alarms (
  id        TEXT PRIMARY KEY,
  event_id  TEXT NOT NULL UNIQUE REFERENCES events (id) ON DELETE CASCADE,
  kind      TEXT NOT NULL CHECK (kind IN ('critical_event', 'iot')),
  realarm   INTEGER NOT NULL DEFAULT 0 CHECK (realarm IN (0, 1)),
  count     INTEGER NOT NULL DEFAULT 1,
  raised_at INTEGER NOT NULL,
  last_at   INTEGER NOT NULL,
  acked_at  INTEGER,
  acked_by  TEXT REFERENCES users (id)
) STRICT;
CREATE INDEX alarms_unacked ON alarms (last_at) WHERE acked_at IS NULL;

-- Each acknowledgement, with who and when: an alarm that sounds again is acknowledged again.
CREATE TABLE alarm_acks (
  id       TEXT PRIMARY KEY,
  alarm_id TEXT NOT NULL REFERENCES alarms (id) ON DELETE CASCADE,
  user_id  TEXT NOT NULL REFERENCES users (id),
  at       INTEGER NOT NULL,
  count    INTEGER NOT NULL
) STRICT;
CREATE INDEX alarm_acks_by_alarm ON alarm_acks (alarm_id, at);

-- Mutes are per user: a user's windows fall silent together, a colleague's do not.
CREATE TABLE alarm_mutes (
  user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  until   INTEGER NOT NULL,
  set_at  INTEGER NOT NULL
) STRICT;
