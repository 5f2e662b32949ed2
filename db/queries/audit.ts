import type { AuditEntry } from '../../common/contract';
import type { Role } from '../../common/roles';
import type { Db } from '../open';

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

export function appendAudit(db: Db, r: AuditRecord): number {
  return Number(
    db
      .prepare(
        `INSERT INTO audit_log (at, actor_id, actor_name, role, action, entity, entity_id, summary)
         VALUES (@at, @actorId, @actorName, @role, @action, @entity, @entityId, @summary)`,
      )
      .run(r).lastInsertRowid,
  );
}

const AUDIT_COLUMNS =
  'seq, at, actor_id AS actorId, actor_name AS actorName, role, action, entity, entity_id AS entityId, summary';

export function listAudit(
  db: Db,
  q: { beforeSeq?: number | undefined; limit: number; entity?: string | undefined },
): AuditEntry[] {
  const before = q.beforeSeq ?? Number.MAX_SAFE_INTEGER;
  if (q.entity) {
    return db
      .prepare(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE entity = ? AND seq < ? ORDER BY seq DESC LIMIT ?`)
      .all(q.entity, before, q.limit) as AuditEntry[];
  }
  return db
    .prepare(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?`)
    .all(before, q.limit) as AuditEntry[];
}
