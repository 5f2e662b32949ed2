import type { Db } from '../open';
import type { OutboxRecord } from './outbox';
import { sql } from '../statements';

export interface SyncStateRecord {
  url: string;
  townshipId: string;
  enabled: boolean;
  ackedSeq: number;
  appliedOffset: number;
  lastSuccessAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  /** The county's `lastSeq` at the last `status`. */
  countyLastSeq: number;
  /** While > 0: recovering the county's changes up to this seq (a restored backup). */
  recoverTarget: number;
  recoveredSeq: number;
  /** The last China day (YYYY-MM-DD) whose daily figures were queued. */
  figuresSentThrough: string;
}

export function getSyncState(db: Db): SyncStateRecord {
  const row = sql(
    db,
    `SELECT url, township_id AS townshipId, enabled, acked_seq AS ackedSeq, applied_offset AS appliedOffset,
         last_success_at AS lastSuccessAt, last_error AS lastError, last_error_at AS lastErrorAt,
         county_last_seq AS countyLastSeq, recover_target AS recoverTarget, recovered_seq AS recoveredSeq,
         figures_sent_through AS figuresSentThrough FROM sync_state WHERE id = 1`,
  ).get() as Omit<SyncStateRecord, 'enabled'> & { enabled: number };
  return { ...row, enabled: row.enabled === 1 };
}

export function setSyncConfig(db: Db, c: { url: string; townshipId: string; enabled: boolean }): void {
  sql(db, 'UPDATE sync_state SET url = ?, township_id = ?, enabled = ? WHERE id = 1').run(c.url, c.townshipId, c.enabled ? 1 : 0);
}

/** Only ever moves forward: a late reply can never take the pointer back. */
export function setAckedSeq(db: Db, seq: number, at: number): void {
  sql(db, 'UPDATE sync_state SET acked_seq = max(acked_seq, ?), last_success_at = ? WHERE id = 1').run(seq, at);
}

/** After SEQ_GAP the county says where it stands: resend from there (it may have lost data). */
export function resetAckedSeq(db: Db, seq: number): void {
  sql(db, 'UPDATE sync_state SET acked_seq = ? WHERE id = 1').run(seq);
}

export function setAppliedOffset(db: Db, offset: number): void {
  sql(db, 'UPDATE sync_state SET applied_offset = ? WHERE id = 1').run(offset);
}

export function markSyncSuccess(db: Db, at: number): void {
  sql(db, 'UPDATE sync_state SET last_success_at = ? WHERE id = 1').run(at);
}

export function setSyncError(db: Db, error: string | null, at: number): void {
  sql(db, 'UPDATE sync_state SET last_error = ?, last_error_at = ? WHERE id = 1').run(error, error === null ? null : at);
}

export function unsentCount(db: Db, ackedSeq: number): number {
  return sql(db, 'SELECT count(*) FROM outbox WHERE seq > ?').pluck().get(ackedSeq) as number;
}

export function lastOutboxSeq(db: Db): number {
  return (sql(db, 'SELECT max(seq) FROM outbox').pluck().get() as number | null) ?? 0;
}

export type PendingChange = OutboxRecord & { seq: number };

export function setCountyLastSeq(db: Db, seq: number): void {
  sql(db, 'UPDATE sync_state SET county_last_seq = ? WHERE id = 1').run(seq);
}

export function setRecovery(db: Db, target: number, recovered: number): void {
  sql(db, 'UPDATE sync_state SET recover_target = ?, recovered_seq = ? WHERE id = 1').run(target, recovered);
}

export function setFiguresSentThrough(db: Db, day: string): void {
  sql(db, 'UPDATE sync_state SET figures_sent_through = ? WHERE id = 1').run(day);
}

// Refused changes (PROTOCOL.md revision 2) ------------------------------------------------

export type RefusedState = 'open' | 'resent' | 'dismissed';
export interface RefusedRecord {
  seq: number;
  changeId: string;
  entity: string;
  entityId: string;
  code: string;
  message: string;
  refusedAt: number;
  state: RefusedState;
  resolvedBy: string | null;
  resolvedAt: number | null;
  reason: string;
  resentSeq: number | null;
}
const REFUSED_COLUMNS = `seq, change_id AS changeId, entity, entity_id AS entityId, code, message, refused_at AS refusedAt,
  state, resolved_by AS resolvedBy, resolved_at AS resolvedAt, reason, resent_seq AS resentSeq`;

/** Kept once per seq: a county repeating its answer changes nothing. */
export function insertRefused(
  db: Db,
  r: Pick<RefusedRecord, 'seq' | 'changeId' | 'entity' | 'entityId' | 'code' | 'message' | 'refusedAt'>,
): void {
  sql(
    db,
    `INSERT OR IGNORE INTO sync_refused (seq, change_id, entity, entity_id, code, message, refused_at)
     VALUES (@seq, @changeId, @entity, @entityId, @code, @message, @refusedAt)`,
  ).run(r);
}

export function getRefused(db: Db, seq: number): RefusedRecord | undefined {
  return sql<RefusedRecord>(db, `SELECT ${REFUSED_COLUMNS} FROM sync_refused WHERE seq = ?`).get(seq);
}

export function listRefused(db: Db, states: RefusedState[], beforeSeq: number, limit: number): RefusedRecord[] {
  return sql<RefusedRecord>(
    db,
    `SELECT ${REFUSED_COLUMNS} FROM sync_refused WHERE state IN (SELECT value FROM json_each(?)) AND seq < ?
     ORDER BY seq DESC LIMIT ?`,
  ).all(JSON.stringify(states), beforeSeq, limit);
}

export function countOpenRefused(db: Db): number {
  return sql<{ n: number }>(db, "SELECT count(*) AS n FROM sync_refused WHERE state = 'open'").get()!.n;
}

export function resolveRefused(
  db: Db,
  r: { seq: number; state: 'resent' | 'dismissed'; by: string; at: number; reason: string; resentSeq: number | null },
): boolean {
  return (
    sql(
      db,
      `UPDATE sync_refused SET state = @state, resolved_by = @by, resolved_at = @at, reason = @reason, resent_seq = @resentSeq
       WHERE seq = @seq AND state = 'open'`,
    ).run(r).changes === 1
  );
}

// Changes set aside during a recovery ----------------------------------------------------

/** Moves the unsent outbox rows after `afterSeq` aside (in order), so the county's changes can take their seqs. */
export function holdUnsent(db: Db, afterSeq: number): number {
  sql(
    db,
    `INSERT INTO sync_held (position, id, entity, entity_id, op, at, data)
     SELECT seq, id, entity, entity_id, op, at, data FROM outbox WHERE seq > ? ORDER BY seq`,
  ).run(afterSeq);
  return sql(db, 'DELETE FROM outbox WHERE seq > ?').run(afterSeq).changes;
}

export function listHeld(db: Db): (OutboxRecord & { position: number })[] {
  return sql<OutboxRecord & { position: number }>(
    db,
    'SELECT position, id, entity, entity_id AS entityId, op, at, data FROM sync_held ORDER BY position',
  ).all();
}

export function clearHeld(db: Db): void {
  sql(db, 'DELETE FROM sync_held').run();
}

// Inbox ---------------------------------------------------------------------------------

export type InboxStatus = 'applied' | 'unknown' | 'rejected' | 'duplicate';

export interface InboxRecord {
  id: string;
  offset: number;
  messageId: string;
  type: string;
  at: string;
  /** The message's data as sent, JSON; null for an applied (or duplicate) message other than a county order. */
  data: string | null;
  status: InboxStatus;
  reason: string;
  entityId: string | null;
  receivedAt: number;
}

const INBOX_COLUMNS = `id, offset, message_id AS messageId, type, at, data, status, reason, entity_id AS entityId,
  received_at AS receivedAt`;

/** Whether an inbox row of this status and type keeps the message's data (0018): what a list shows. */
export function inboxKeepsData(status: InboxStatus, type: string): boolean {
  return status === 'unknown' || status === 'rejected' || type === 'supervision_order';
}

export function insertInbox(db: Db, r: InboxRecord): void {
  sql(
    db,
    `INSERT INTO county_inbox (id, offset, message_id, type, at, data, status, reason, entity_id, received_at)
     VALUES (@id, @offset, @messageId, @type, @at, @data, @status, @reason, @entityId, @receivedAt)`,
  ).run(r);
}

/** Rows per multi-row INSERT of a catch-up: one statement instead of a hundred (a third of a row's cost). */
const ROWS_PER_INSERT = 100;

/**
 * One `INSERT … VALUES (…), (…)` per chunk; a statement per chunk size, cached
 * like any other. A failing statement changes nothing (SQLite undoes the whole
 * statement), so the caller may retry the rows one by one.
 */
function insertRows<R>(db: Db, head: string, tuple: string, rows: readonly R[], values: (r: R, out: unknown[]) => void): void {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const end = Math.min(rows.length, start + ROWS_PER_INSERT);
    const params: unknown[] = [];
    for (let i = start; i < end; i++) values(rows[i]!, params);
    sql(db, insertText(head, tuple, end - start)).run(params);
  }
}

// The statement texts by head, tuple and row count, so a chunk does not build (and the cache hash) kilobytes of SQL.
const insertTexts = new Map<string, string>();
function insertText(head: string, tuple: string, count: number): string {
  const key = `${count}:${tuple}:${head}`;
  let text = insertTexts.get(key);
  if (text === undefined) {
    text = `${head} VALUES ${Array.from({ length: count }, () => tuple).join(', ')}`;
    insertTexts.set(key, text);
  }
  return text;
}

const INBOX_HEAD = 'INSERT INTO county_inbox (id, offset, message_id, type, at, data, status, reason, entity_id, received_at)';
const isPlainApplied = (r: InboxRecord) => r.status === 'applied' && r.reason === '' && r.data === null;

/**
 * Inbox rows of a catch-up's slice, in multi-row INSERTs. A slice of applied
 * messages (nearly every one) binds seven values a row, not ten: each bound
 * value costs as much as a B-tree entry.
 */
export function insertInboxRows(db: Db, rows: readonly InboxRecord[]): void {
  if (rows.every(isPlainApplied))
    insertRows(db, INBOX_HEAD, "(?, ?, ?, ?, ?, NULL, 'applied', '', ?, ?)", rows, (r, out) =>
      out.push(r.id, r.offset, r.messageId, r.type, r.at, r.entityId, r.receivedAt),
    );
  else
    insertRows(db, INBOX_HEAD, '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', rows, (r, out) =>
      out.push(r.id, r.offset, r.messageId, r.type, r.at, r.data, r.status, r.reason, r.entityId, r.receivedAt),
    );
}

/**
 * Which of these message ids the inbox already holds as received (applied,
 * unknown or rejected): one query for a whole slice instead of one per message.
 */
export function inboxReceivedOf(db: Db, messageIds: readonly string[]): Set<string> {
  if (messageIds.length === 0) return new Set();
  const rows = sql<{ id: string }>(
    db,
    `SELECT value AS id FROM json_each(?) WHERE EXISTS (
       SELECT 1 FROM county_inbox WHERE message_id = value AND status IN ('applied', 'unknown', 'rejected'))`,
  ).all(JSON.stringify(messageIds));
  return new Set(rows.map((r) => r.id));
}

/**
 * Without `applied`, the partial index over the other rows serves the page (its
 * condition is repeated so SQLite may use it); with it, the offset order does,
 * applied messages being nearly all of them.
 */
export function listInboxByStatus(db: Db, statuses: InboxStatus[], beforeOffset: number, limit: number): InboxRecord[] {
  const query = statuses.includes('applied')
    ? `SELECT ${INBOX_COLUMNS} FROM county_inbox WHERE status IN (SELECT value FROM json_each(?)) AND offset < ?
         ORDER BY offset DESC LIMIT ?`
    : `SELECT ${INBOX_COLUMNS} FROM county_inbox INDEXED BY county_inbox_not_applied
         WHERE status <> 'applied' AND status IN (SELECT value FROM json_each(?)) AND offset < ? ORDER BY offset DESC LIMIT ?`;
  return sql<InboxRecord>(db, query).all(JSON.stringify(statuses), beforeOffset, limit);
}

/** County orders (supervision_order messages), newest first. */
export function listInboxOrders(db: Db, beforeOffset: number, limit: number): InboxRecord[] {
  return sql<InboxRecord>(
    db,
    `SELECT ${INBOX_COLUMNS} FROM county_inbox INDEXED BY county_inbox_orders
       WHERE type = 'supervision_order' AND offset < ? ORDER BY offset DESC LIMIT ?`,
  ).all(beforeOffset, limit);
}

export function countInboxProblems(db: Db): number {
  return sql(
    db,
    `SELECT count(*) FROM county_inbox INDEXED BY county_inbox_not_applied
       WHERE status <> 'applied' AND status IN ('unknown', 'rejected')`,
  )
    .pluck()
    .get() as number;
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
  sql(db, 'INSERT INTO notices (id, inbox_id, title, body, at) VALUES (@id, @inboxId, @title, @body, @at)').run(n);
}

/** Notices of a catch-up's slice, in multi-row INSERTs. */
export function insertNoticeRows(db: Db, rows: readonly NoticeRecord[]): void {
  insertRows(db, 'INSERT INTO notices (id, inbox_id, title, body, at)', '(?, ?, ?, ?, ?)', rows, (n, out) =>
    out.push(n.id, n.inboxId, n.title, n.body, n.at),
  );
}

/**
 * Newest received first, a page after the `seq` (the row's rowid) of the last
 * one shown: the county's notices of one batch share their time, and a cursor
 * on the time skipped those of a page's last instant.
 */
export function listNotices(
  db: Db,
  userId: string,
  beforeSeq: number,
  limit: number,
): (NoticeRecord & { seq: number; read: boolean })[] {
  return (
    sql(
      db,
      `SELECT n.rowid AS seq, n.id, n.inbox_id AS inboxId, n.title, n.body, n.at,
           EXISTS (SELECT 1 FROM notice_reads r WHERE r.user_id = ? AND r.notice_id = n.id) AS read
         FROM notices n WHERE n.rowid < ? ORDER BY n.rowid DESC LIMIT ?`,
    ).all(userId, beforeSeq, limit) as (NoticeRecord & { seq: number; read: number })[]
  ).map((n) => ({ ...n, read: n.read === 1 }));
}

export function unreadNotices(db: Db, userId: string): number {
  return sql(
    db,
    'SELECT count(*) FROM notices n WHERE NOT EXISTS (SELECT 1 FROM notice_reads r WHERE r.user_id = ? AND r.notice_id = n.id)',
  )
    .pluck()
    .get(userId) as number;
}

export function markNoticesRead(db: Db, userId: string, ids: string[], at: number): void {
  sql(
    db,
    `INSERT OR IGNORE INTO notice_reads (notice_id, user_id, read_at)
     SELECT id, ?, ? FROM notices WHERE id IN (SELECT value FROM json_each(?))`,
  ).run(userId, at, JSON.stringify(ids));
}

// Reference data versions --------------------------------------------------------------------

export function referenceVersion(db: Db, kind: string): number | null {
  return (sql(db, 'SELECT version FROM reference_versions WHERE kind = ?').pluck().get(kind) as number | undefined) ?? null;
}

export function setReferenceVersion(db: Db, kind: string, version: number, items: string, at: number): void {
  sql(
    db,
    `INSERT INTO reference_versions (kind, version, items, applied_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (kind) DO UPDATE SET version = excluded.version, items = excluded.items, applied_at = excluded.applied_at`,
  ).run(kind, version, items, at);
}

export function replaceCountySchemes(db: Db, version: number, schemes: { key: string; data: string }[]): void {
  sql(db, 'DELETE FROM county_schemes').run();
  const insert = sql(db, 'INSERT INTO county_schemes (key, version, data) VALUES (?, ?, ?)');
  for (const s of schemes) insert.run(s.key, version, s.data);
}

export function findEventByCountyRef(db: Db, countyRef: string): string | undefined {
  return sql(db, 'SELECT id FROM events WHERE county_ref = ? LIMIT 1').pluck().get(countyRef) as string | undefined;
}

// County reference data ------------------------------------------------------------------

/** Inserts or updates a category by its code and marks it county-provided. */
export function upsertCountyCategory(
  db: Db,
  c: { id: string; code: string; name: string; parentId: string | null; sort: number },
): void {
  sql(
    db,
    `INSERT INTO categories (id, parent_id, code, name, sort, source) VALUES (@id, @parentId, @code, @name, @sort, 'county')
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id, sort = excluded.sort, source = 'county'`,
  ).run(c);
}

/** County categories no longer sent, that nothing uses: removed. Used ones stay (events point at them). */
export function deleteUnusedCountyCategories(db: Db, keepCodes: string[]): number {
  return sql(
    db,
    `DELETE FROM categories WHERE source = 'county' AND code NOT IN (SELECT value FROM json_each(?))
         AND NOT EXISTS (SELECT 1 FROM events e WHERE e.category_id = categories.id)
         AND NOT EXISTS (SELECT 1 FROM categories c WHERE c.parent_id = categories.id)
         AND NOT EXISTS (SELECT 1 FROM matter_templates t WHERE t.category_id = categories.id)`,
  ).run(JSON.stringify(keepCodes)).changes;
}

export function upsertDeadlineRule(
  db: Db,
  r: { categoryId: string; priority: string; signHours: number; handleDays: number | null; handleHours: number | null },
): void {
  sql(
    db,
    `INSERT INTO deadline_rules (category_id, priority, sign_hours, handle_days, handle_hours, source)
     VALUES (@categoryId, @priority, @signHours, @handleDays, @handleHours, 'county')
     ON CONFLICT (category_id, priority) DO UPDATE SET sign_hours = excluded.sign_hours,
       handle_days = excluded.handle_days, handle_hours = excluded.handle_hours, source = 'county'`,
  ).run(r);
}

export function deleteCountyCalendarDays(db: Db): void {
  sql(db, "DELETE FROM calendar_days WHERE source = 'county'").run();
}

/** The highest seq this database ever gave a change (AUTOINCREMENT remembers deleted ones too). */
export function highestOutboxSeq(db: Db): number {
  return sql<{ n: number }>(
    db,
    `SELECT max(coalesce((SELECT max(seq) FROM outbox), 0),
                coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0)) AS n`,
  ).get()!.n;
}

export function dropHeld(db: Db, id: string): void {
  sql(db, 'DELETE FROM sync_held WHERE id = ?').run(id);
}

// Recovered records (a restore taken back from the county) ------------------------------

export function noteRecovered(
  db: Db,
  r: { entity: string; entityId: string; seq: number; data: string | null; applied: boolean; at: number },
): void {
  sql(
    db,
    `INSERT INTO sync_recovered (entity, entity_id, seq, data, applied, recovered_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (entity, entity_id) DO UPDATE SET seq = excluded.seq, data = excluded.data, applied = excluded.applied,
       recovered_at = excluded.recovered_at`,
  ).run(r.entity, r.entityId, r.seq, r.data, r.applied ? 1 : 0, r.at);
}

export function noteMissingPhoto(
  db: Db,
  p: { actionId: string; eventId: string; position: number; sha256: string | null; at: number },
): void {
  sql(
    db,
    `INSERT OR IGNORE INTO sync_missing_photos (action_id, event_id, position, sha256, noted_at) VALUES (?, ?, ?, ?, ?)`,
  ).run(p.actionId, p.eventId, p.position, p.sha256, p.at);
}

export function eventActionExists(db: Db, id: string): boolean {
  return sql<{ one: number }>(db, 'SELECT 1 AS one FROM event_actions WHERE id = ?').get(id) !== undefined;
}

export function recoveredCounts(db: Db): { records: number; notApplied: number; missingPhotos: number } {
  return sql<{ records: number; notApplied: number; missingPhotos: number }>(
    db,
    `SELECT (SELECT count(*) FROM sync_recovered) AS records,
            (SELECT count(*) FROM sync_recovered WHERE applied = 0) AS notApplied,
            (SELECT count(*) FROM sync_missing_photos) AS missingPhotos`,
  ).get()!;
}

/** A recovered event keeps its serial: the day's counter moves past it so no new event takes it again. */
export function raiseSerialCounter(db: Db, day: string, last: number): void {
  sql(
    db,
    'INSERT INTO serial_counters (day, last) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET last = max(last, excluded.last)',
  ).run(day, last);
}

// Daily figures -------------------------------------------------------------------------

export function sentDailyFigures(db: Db, fromDate: string): { date: string; data: string }[] {
  return sql<{ date: string; data: string }>(db, 'SELECT date, data FROM sync_daily_figures WHERE date >= ? ORDER BY date').all(
    fromDate,
  );
}

export function saveDailyFigures(db: Db, date: string, data: string, at: number): void {
  sql(
    db,
    `INSERT INTO sync_daily_figures (date, data, sent_at) VALUES (?, ?, ?)
     ON CONFLICT (date) DO UPDATE SET data = excluded.data, sent_at = excluded.sent_at`,
  ).run(date, data, at);
}

// Catch-up durability --------------------------------------------------------------------

const walOf = new WeakMap<Db, boolean>();

/**
 * For a catch-up: no checkpoint after each slice's commit until `resume`. A
 * checkpoint copies the pages a catch-up keeps rewriting, and syncs the file,
 * again and again; one at the end writes each page once. The WAL grows
 * meanwhile (tens of MB for 100,000 messages); a crash replays it, so nothing
 * is lost either way. `resume(true)` checkpoints at once, so the next user
 * action does not pay for the whole catch-up's pages.
 */
export function deferCheckpoints(db: Db): (checkpoint: boolean) => void {
  const before = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  return (checkpoint) => {
    // A pull cut short by the app closing ends after its database.
    if (!db.open) return;
    db.pragma(`wal_autocheckpoint = ${before}`);
    if (checkpoint) db.pragma('wal_checkpoint(PASSIVE)');
  };
}

/**
 * Runs `work` (a transaction of pulled messages) with its commit not fsynced.
 * In WAL mode that commit is still atomic and survives a crash of the app; a
 * power cut may take back the last such commits, each with its offset, and
 * the county simply sends those messages again (PROTOCOL.md: the county keeps
 * its log). The next ordinary commit fsyncs them too. Outside WAL mode nothing
 * changes. A catch-up commits hundreds of pages: this is most of its time.
 */
export function withoutFsync<T>(db: Db, work: () => T): T {
  let wal = walOf.get(db);
  if (wal === undefined) {
    wal = db.pragma('journal_mode', { simple: true }) === 'wal';
    walOf.set(db, wal);
  }
  if (!wal) return work();
  // Cached statements, not `db.pragma` (which prepares its text anew): this runs for every slice of a catch-up.
  const before = sql<{ synchronous: number }>(db, 'PRAGMA synchronous').get()!.synchronous;
  sql(db, 'PRAGMA synchronous = NORMAL').run();
  try {
    return work();
  } finally {
    sql(db, `PRAGMA synchronous = ${before === 3 ? 'EXTRA' : before === 2 ? 'FULL' : before === 1 ? 'NORMAL' : 'OFF'}`).run();
  }
}
