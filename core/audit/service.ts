import type { OutputOf, ParsedInputOf } from '../../common/contract';
import { listAudit } from '../../db/queries/audit';
import type { ServiceContext } from '../context';
import { verifyAuditChain } from './verify';

/** A page of the audit log; one row more than asked tells whether another page follows. */
export function list(ctx: ServiceContext, input: ParsedInputOf<'audit.list'>): OutputOf<'audit.list'> {
  const entries = listAudit(ctx.db, { ...input, limit: input.limit + 1 });
  return { entries: entries.slice(0, input.limit), more: entries.length > input.limit };
}

export function verify(ctx: ServiceContext): OutputOf<'audit.verify'> {
  return verifyAuditChain(ctx.db);
}
