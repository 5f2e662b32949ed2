import type { AuditEntry } from '../../common/contract';
import type { Role } from '../../common/roles';
import type { Db } from '../open';
import { sql } from '../statements';
import { auditHighWater, auditRowHash, GENESIS_HASH, sealAuditChain } from './audit-chain';

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

/**
 * Appends one row chained to the newest one (prev hash + SHA-256 of its
 * content), inside the caller's transaction: the row and its place in the
 * chain commit with the change or not at all. Every feature's audit rows
 * come through here, so every feature is covered by the chain.
 */
export function appendAudit(db: Db, r: AuditRecord): number {
  const newestHash = () => sql<{ hash: string | null }>(db, 'SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
  let last = newestHash();
  if (last && last.hash === null) {
    // Rows from before the chain existed and not yet sealed (startCore seals them; this is a backstop).
    sealAuditChain(db);
    last = newestHash();
  }
  const prevHash = last?.hash ?? GENESIS_HASH;
  const seq = auditHighWater(db) + 1;
  const hash = auditRowHash(prevHash, { seq, ...r });
  sql(
    db,
    `INSERT INTO audit_log (seq, at, actor_id, actor_name, role, action, entity, entity_id, summary, prev_hash, hash)
     VALUES (@seq, @at, @actorId, @actorName, @role, @action, @entity, @entityId, @summary, @prevHash, @hash)`,
  ).run({ ...r, seq, prevHash, hash });
  return seq;
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
