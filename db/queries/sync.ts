import type { Statement } from 'better-sqlite3';
import type { Db } from '../open';

/** The receiver runs these per message: prepared once per database. */
const statements = new WeakMap<Db, Map<string, Statement>>();
function cached(db: Db, sql: string): Statement {
  let map = statements.get(db);
  if (!map) statements.set(db, (map = new Map()));
  let statement = map.get(sql);
  if (!statement) map.set(sql, (statement = db.prepare(sql)));
  return statement;
}

export interface SyncStateRecord {
  url: string;
  townshipId: string;
  enabled: boolean;
  ackedSeq: number;
  appliedOffset: number;
  lastSuccessAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
}

export function getSyncState(db: Db): SyncStateRecord {
  const row = cached(
    db,
    `SELECT url, township_id AS townshipId, enabled, acked_seq AS ackedSeq, applied_offset AS appliedOffset,
         last_success_at AS lastSuccessAt, last_error AS lastError, last_error_at AS lastErrorAt FROM sync_state WHERE id = 1`,
  ).get() as Omit<SyncStateRecord, 'enabled'> & { enabled: number };
  return { ...row, enabled: row.enabled === 1 };
}

export function setSyncConfig(db: Db, c: { url: string; townshipId: string; enabled: boolean }): void {
  db.prepare('UPDATE sync_state SET url = ?, township_id = ?, enabled = ? WHERE id = 1').run(
    c.url,
    c.townshipId,
    c.enabled ? 1 : 0,
  );
}

/** Only ever moves forward: a late reply can never take the pointer back. */
export function setAckedSeq(db: Db, seq: number, at: number): void {
  db.prepare('UPDATE sync_state SET acked_seq = max(acked_seq, ?), last_success_at = ? WHERE id = 1').run(seq, at);
}

/** After SEQ_GAP the county says where it stands: resend from there (it may have lost data). */
export function resetAckedSeq(db: Db, seq: number): void {
  db.prepare('UPDATE sync_state SET acked_seq = ? WHERE id = 1').run(seq);
}

export function setAppliedOffset(db: Db, offset: number): void {
  cached(db, 'UPDATE sync_state SET applied_offset = ? WHERE id = 1').run(offset);
}

export function markSyncSuccess(db: Db, at: number): void {
  db.prepare('UPDATE sync_state SET last_success_at = ? WHERE id = 1').run(at);
}

export function setSyncError(db: Db, error: string | null, at: number): void {
  db.prepare('UPDATE sync_state SET last_error = ?, last_error_at = ? WHERE id = 1').run(error, error === null ? null : at);
}

export function unsentCount(db: Db, ackedSeq: number): number {
  return db.prepare('SELECT count(*) FROM outbox WHERE seq > ?').pluck().get(ackedSeq) as number;
}

export function lastOutboxSeq(db: Db): number {
  return (db.prepare('SELECT max(seq) FROM outbox').pluck().get() as number | null) ?? 0;
}

// Inbox ---------------------------------------------------------------------------------

export type InboxStatus = 'applied' | 'unknown' | 'rejected' | 'duplicate';

export interface InboxRecord {
  id: string;
  offset: number;
  messageId: string;
  type: string;
  at: string;
  data: string;
  status: InboxStatus;
  reason: string;
  entityId: string | null;
  receivedAt: number;
}

const INBOX_COLUMNS = `id, offset, message_id AS messageId, type, at, data, status, reason, entity_id AS entityId,
  received_at AS receivedAt`;

export function insertInbox(db: Db, r: InboxRecord): void {
  cached(
    db,
    `INSERT INTO county_inbox (id, offset, message_id, type, at, data, status, reason, entity_id, received_at)
     VALUES (@id, @offset, @messageId, @type, @at, @data, @status, @reason, @entityId, @receivedAt)`,
  ).run(r);
}

export function inboxHasMessage(db: Db, messageId: string): boolean {
  return (
    cached(db, "SELECT 1 FROM county_inbox WHERE message_id = ? AND status IN ('applied', 'unknown', 'rejected') LIMIT 1").get(
      messageId,
    ) !== undefined
  );
}

export function listInboxByStatus(db: Db, statuses: InboxStatus[], beforeOffset: number, limit: number): InboxRecord[] {
  return db
    .prepare(
      `SELECT ${INBOX_COLUMNS} FROM county_inbox WHERE status IN (SELECT value FROM json_each(?)) AND offset < ?
       ORDER BY offset DESC LIMIT ?`,
    )
    .all(JSON.stringify(statuses), beforeOffset, limit) as InboxRecord[];
}

export function listInboxByType(db: Db, type: string, beforeOffset: number, limit: number): InboxRecord[] {
  return db
    .prepare(`SELECT ${INBOX_COLUMNS} FROM county_inbox WHERE type = ? AND offset < ? ORDER BY offset DESC LIMIT ?`)
    .all(type, beforeOffset, limit) as InboxRecord[];
}

export function countInboxProblems(db: Db): number {
  return db.prepare("SELECT count(*) FROM county_inbox WHERE status IN ('unknown', 'rejected')").pluck().get() as number;
}

// Notices ------------------------------------------------------------------------------

export interface NoticeRecord {
  id: string;
  inboxId: string;
  title: string;
  body: string;
  at: number;
}

export function insertNotice(db: Db, n: NoticeRecord): void {
  cached(db, 'INSERT INTO notices (id, inbox_id, title, body, at) VALUES (@id, @inboxId, @title, @body, @at)').run(n);
}

export function listNotices(db: Db, userId: string, beforeAt: number, limit: number): (NoticeRecord & { read: boolean })[] {
  return (
    db
      .prepare(
        `SELECT n.id, n.inbox_id AS inboxId, n.title, n.body, n.at,
           EXISTS (SELECT 1 FROM notice_reads r WHERE r.user_id = ? AND r.notice_id = n.id) AS read
         FROM notices n WHERE n.at < ? ORDER BY n.at DESC LIMIT ?`,
      )
      .all(userId, beforeAt, limit) as (NoticeRecord & { read: number })[]
  ).map((n) => ({ ...n, read: n.read === 1 }));
}

export function unreadNotices(db: Db, userId: string): number {
  return db
    .prepare(
      'SELECT count(*) FROM notices n WHERE NOT EXISTS (SELECT 1 FROM notice_reads r WHERE r.user_id = ? AND r.notice_id = n.id)',
    )
    .pluck()
    .get(userId) as number;
}

export function markNoticesRead(db: Db, userId: string, ids: string[], at: number): void {
  db.prepare(
    `INSERT OR IGNORE INTO notice_reads (notice_id, user_id, read_at)
     SELECT id, ?, ? FROM notices WHERE id IN (SELECT value FROM json_each(?))`,
  ).run(userId, at, JSON.stringify(ids));
}

// Reference data versions --------------------------------------------------------------------

export function referenceVersion(db: Db, kind: string): number | null {
  return (db.prepare('SELECT version FROM reference_versions WHERE kind = ?').pluck().get(kind) as number | undefined) ?? null;
}

export function setReferenceVersion(db: Db, kind: string, version: number, items: string, at: number): void {
  db.prepare(
    `INSERT INTO reference_versions (kind, version, items, applied_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (kind) DO UPDATE SET version = excluded.version, items = excluded.items, applied_at = excluded.applied_at`,
  ).run(kind, version, items, at);
}

export function replaceCountySchemes(db: Db, version: number, schemes: { key: string; data: string }[]): void {
  db.prepare('DELETE FROM county_schemes').run();
  const insert = db.prepare('INSERT INTO county_schemes (key, version, data) VALUES (?, ?, ?)');
  for (const s of schemes) insert.run(s.key, version, s.data);
}

export function findEventByCountyRef(db: Db, countyRef: string): string | undefined {
  return cached(db, 'SELECT id FROM events WHERE county_ref = ? LIMIT 1').pluck().get(countyRef) as string | undefined;
}

// County reference data ------------------------------------------------------------------

/** Inserts or updates a category by its code and marks it county-provided. */
export function upsertCountyCategory(
  db: Db,
  c: { id: string; code: string; name: string; parentId: string | null; sort: number },
): void {
  db.prepare(
    `INSERT INTO categories (id, parent_id, code, name, sort, source) VALUES (@id, @parentId, @code, @name, @sort, 'county')
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id, sort = excluded.sort, source = 'county'`,
  ).run(c);
}

/** County categories no longer sent, that nothing uses: removed. Used ones stay (events point at them). */
export function deleteUnusedCountyCategories(db: Db, keepCodes: string[]): number {
  return db
    .prepare(
      `DELETE FROM categories WHERE source = 'county' AND code NOT IN (SELECT value FROM json_each(?))
         AND NOT EXISTS (SELECT 1 FROM events e WHERE e.category_id = categories.id)
         AND NOT EXISTS (SELECT 1 FROM categories c WHERE c.parent_id = categories.id)
         AND NOT EXISTS (SELECT 1 FROM matter_templates t WHERE t.category_id = categories.id)`,
    )
    .run(JSON.stringify(keepCodes)).changes;
}

export function upsertDeadlineRule(
  db: Db,
  r: { categoryId: string; priority: string; signHours: number; handleDays: number | null; handleHours: number | null },
): void {
  db.prepare(
    `INSERT INTO deadline_rules (category_id, priority, sign_hours, handle_days, handle_hours)
     VALUES (@categoryId, @priority, @signHours, @handleDays, @handleHours)
     ON CONFLICT (category_id, priority) DO UPDATE SET sign_hours = excluded.sign_hours,
       handle_days = excluded.handle_days, handle_hours = excluded.handle_hours`,
  ).run(r);
}

export function deleteCountyCalendarDays(db: Db): void {
  db.prepare("DELETE FROM calendar_days WHERE source = 'county'").run();
}
