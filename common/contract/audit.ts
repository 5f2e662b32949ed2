import { z } from 'zod';
import { ROLES } from '../roles';
import { method } from './define';
import { Empty, Millis } from './shared';

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: Millis,
  actorId: z.string().nullable(),
  actorName: z.string(),
  role: z.enum(ROLES).nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  summary: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AUDIT_BREAK_REASONS = ['missing', 'unsealed', 'prev_mismatch', 'hash_mismatch'] as const;

export const AuditVerifyReport = z.object({
  ok: z.boolean(),
  /** Rows checked and found sound, from the first one on. */
  checked: z.number().int(),
  /** The last sound row and its hash (the chain head when ok). */
  headSeq: z.number().int(),
  headHash: z.string(),
  broken: z.object({ seq: z.number().int(), reason: z.enum(AUDIT_BREAK_REASONS), message: z.string() }).nullable(),
});
export type AuditVerifyReport = z.infer<typeof AuditVerifyReport>;

export const auditContract = {
  'audit.list': method({
    summary: 'The audit log, newest first, a page at a time.',
    input: z.strictObject({
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(500).default(100),
      entity: z.string().max(40).optional(),
    }),
    output: z.object({ entries: z.array(AuditEntry), more: z.boolean() }),
    roles: ['admin', 'director'],
    kind: 'read',
  }),
  'audit.verify': method({
    summary: 'Checks the hash chain of the whole audit log and reports the first broken row.',
    input: Empty,
    output: AuditVerifyReport,
    roles: ['admin', 'director'],
    kind: 'read',
  }),
} as const;
