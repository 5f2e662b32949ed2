import type { AuditRecord } from '../../db/queries/audit';
import type { Actor } from '../context';

export interface AuditInput {
  action: string;
  entity: string;
  entityId?: string | null;
  /** What changed, as a plain object; never a password or its hash. */
  summary: Record<string, unknown>;
}

/**
 * The audit row of a change by `actor` at `at`, as the chain keeps it:
 * computed here, written by whoever keeps the change (`audit` in
 * core/context.ts, or a case's change record).
 */
export function auditRecord(at: number, actor: Actor | null, input: AuditInput): AuditRecord {
  return {
    at,
    actorId: actor?.userId ?? null,
    actorName: actor ? `${actor.displayName} (${actor.username})` : 'system',
    role: actor?.role ?? null,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId ?? null,
    summary: JSON.stringify(input.summary),
  };
}
