import { z } from 'zod';
import { ROLES } from '../roles';
import { method } from './define';
import { Millis } from './shared';

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
    write: false,
  }),
} as const;
