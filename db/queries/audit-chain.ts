import { createHash } from 'node:crypto';
import type { Db } from '../open';
import { sql } from '../statements';

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
