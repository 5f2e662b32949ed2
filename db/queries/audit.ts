import { createHash } from 'node:crypto';
import type { AuditEntry } from '../../common/contract';
import type { Role } from '../../common/roles';
import type { Db } from '../open';
import { sql } from '../statements';

export interface AuditRecord {
  at: number;
  actorId: string | null;
  actorName: string;
  role: Role | null;
  action: string;
  entity: string;
  entityId: string | null;
  /** JSON of what changed; kept as text so the row is evidence as written. */
  summary: string;
}

// The chain ---------------------------------------------------------------------

/** The `prev_hash` of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** The columns a row's hash covers, in this order. */
export interface ChainedContent {
  seq: number;
  at: number;
  actorId: string | null;
  actorName: string;
  role: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  summary: string;
}

/**
 * SHA-256 over the previous hash and the row's content as a JSON array: the
 * array fixes the order and the types (a number stays a number), so two
 * different rows can never share a canonical form. `seq` is part of it, so a
 * row moved to another place no longer matches.
 */
export function auditRowHash(prevHash: string, c: ChainedContent): string {
  const canonical = JSON.stringify([c.seq, c.at, c.actorId, c.actorName, c.role, c.action, c.entity, c.entityId, c.summary]);
  return createHash('sha256').update(`${prevHash}\n${canonical}`).digest('hex');
}

const CONTENT_COLUMNS =
  'seq, at, actor_id AS actorId, actor_name AS actorName, role, action, entity, entity_id AS entityId, summary';

/** The highest seq ever handed out (AUTOINCREMENT remembers it even when rows are gone). */
export function auditHighWater(db: Db): number {
  const fromSequence = sql<{ seq: number }>(db, "SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get()?.seq;
  const fromRows = sql<{ seq: number | null }>(db, 'SELECT max(seq) AS seq FROM audit_log').get()?.seq;
  return Math.max(fromSequence ?? 0, fromRows ?? 0);
}

/** The newest row's seq and hash: what a backup records to anchor the chain. */
export function auditHead(db: Db): { seq: number; hash: string } {
  const row = sql<{ seq: number; hash: string | null }>(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
  return row ? { seq: row.seq, hash: row.hash ?? '' } : { seq: 0, hash: GENESIS_HASH };
}

/**
 * Chains the rows written before the chain existed (hash IS NULL), in seq
 * order, after the last sealed one. The update trigger allows setting the
 * hash of an unsealed row and nothing else. Returns how many were sealed.
 */
export function sealAuditChain(db: Db): number {
  const pending = sql<ChainedContent>(db, `SELECT ${CONTENT_COLUMNS} FROM audit_log WHERE hash IS NULL ORDER BY seq`).all();
  if (pending.length === 0) return 0;
  const seal = sql(db, 'UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
  const before = sql<{ hash: string }>(
    db,
    'SELECT hash FROM audit_log WHERE seq < ? AND hash IS NOT NULL ORDER BY seq DESC LIMIT 1',
  );
  db.transaction(() => {
    let prev = before.get(pending[0]!.seq)?.hash ?? GENESIS_HASH;
    for (const row of pending) {
      const hash = auditRowHash(prev, row);
      seal.run(prev, hash, row.seq);
      prev = hash;
    }
  })();
  return pending.length;
}

/** A stored row with its place in the chain, as the verifier reads it. */
export interface StoredAuditRow extends ChainedContent {
  prevHash: string | null;
  hash: string | null;
}

/** Every row in seq order, one at a time: the chain is walked without holding the whole log in memory. */
export function iterateAuditChain(db: Db): IterableIterator<StoredAuditRow> {
  return sql<StoredAuditRow>(db, `SELECT ${CONTENT_COLUMNS}, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq`).iterate();
}

// Appending and reading ------------------------------------------------------------

/** An audit row with its place in the chain, as it is inserted. */
export interface ChainedAuditRecord extends AuditRecord {
  seq: number;
  prevHash: string;
  hash: string;
}

/** The statement that inserts a chained row (named parameters as in `ChainedAuditRecord`). */
export const AUDIT_INSERT = `INSERT INTO audit_log (seq, at, actor_id, actor_name, role, action, entity, entity_id, summary, prev_hash, hash)
     VALUES (@seq, @at, @actorId, @actorName, @role, @action, @entity, @entityId, @summary, @prevHash, @hash)`;

/**
 * The next row of the chain: `r` with the next seq, the newest row's hash as
 * its prev hash, and its own hash. Insert it in the same transaction (see
 * `appendAudit`), or the place it was given may be taken.
 */
export function chainAuditRecord(db: Db, r: AuditRecord): ChainedAuditRecord {
  const newestHash = () => sql<{ hash: string | null }>(db, 'SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
  let last = newestHash();
  if (last && last.hash === null) {
    // Rows from before the chain existed and not yet sealed (startCore seals them; this is a backstop).
    sealAuditChain(db);
    last = newestHash();
  }
  const prevHash = last?.hash ?? GENESIS_HASH;
  const seq = auditHighWater(db) + 1;
  return { ...r, seq, prevHash, hash: auditRowHash(prevHash, { seq, ...r }) };
}

/**
 * Appends one row chained to the newest one (prev hash + SHA-256 of its
 * content), inside the caller's transaction: the row and its place in the
 * chain commit with the change or not at all. Every feature's audit rows
 * come through here or through a case's change record (`writeChangeRecord`),
 * so every feature is covered by the chain.
 */
export function appendAudit(db: Db, r: AuditRecord): number {
  const row = chainAuditRecord(db, r);
  sql(db, AUDIT_INSERT).run(row);
  return row.seq;
}

/**
 * Retention: audit rows are kept at least 6 months (Cybersecurity Law of the
 * PRC, art. 21). Nothing prunes them today. Pruning, if it is ever added,
 * belongs here: only rows older than 6 months, only from the oldest end, in
 * one transaction that records the pruned head (seq, hash) in settings so
 * that verifyAuditChain can start from it instead of the genesis hash.
 */
export const AUDIT_MIN_RETENTION_MS = 183 * 24 * 3600_000;

const AUDIT_COLUMNS =
  'seq, at, actor_id AS actorId, actor_name AS actorName, role, action, entity, entity_id AS entityId, summary';

export function listAudit(
  db: Db,
  q: { beforeSeq?: number | undefined; limit: number; entity?: string | undefined },
): AuditEntry[] {
  const before = q.beforeSeq ?? Number.MAX_SAFE_INTEGER;
  if (q.entity) {
    return sql<AuditEntry>(
      db,
      `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE entity = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
    ).all(q.entity, before, q.limit);
  }
  return sql<AuditEntry>(db, `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?`).all(
    before,
    q.limit,
  );
}
