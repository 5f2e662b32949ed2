import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { outboxSequence, type Db } from '../../../db';
import {
  attachmentFiles,
  eventActionsWithoutOneOutboxRow,
  eventsWithoutTimeline,
  outboxRowsOfMissingEventActions,
  timelineAuditMismatches,
} from '../../../db/testing-crash';
import { verifyAuditChain } from '../../audit/verify';
import { attachmentPath } from '../../events/attachments';

/**
 * What must hold of any database after any crash, whatever the feature:
 * the file is sound, the audit chain is unbroken, the outbox has no gaps,
 * and each timeline entry has its audit and outbox rows (nothing half there).
 * Returns the problems found; empty means sound.
 */
export function crashInvariants(db: Db, dataDir: string): string[] {
  const problems: string[] = [];
  const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
  if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok')
    problems.push(`integrity_check: ${integrity.map((r) => r.integrity_check).join('; ')}`);

  const chain = verifyAuditChain(db);
  if (!chain.ok) problems.push(`audit chain: ${chain.broken!.message}`);

  const { handedOut: highWater, ...outbox } = outboxSequence(db);
  if (outbox.n > 0 && outbox.hi! - outbox.lo! + 1 !== outbox.n)
    problems.push(`outbox has gaps: ${outbox.n} rows between seq ${outbox.lo} and ${outbox.hi}`);
  if (outbox.n > 0 && highWater !== outbox.hi)
    problems.push(`outbox seq ${highWater} was handed out but row ${outbox.hi} is last`);

  const orphanActions = eventActionsWithoutOneOutboxRow(db);
  if (orphanActions.length > 0) problems.push(`timeline entries without exactly one outbox row: ${orphanActions.join(', ')}`);
  const orphanOutbox = outboxRowsOfMissingEventActions(db);
  if (orphanOutbox.length > 0) problems.push(`outbox rows of missing timeline entries: seq ${orphanOutbox.join(', ')}`);
  const unaudited = timelineAuditMismatches(db);
  if (unaudited.length > 0) problems.push(`timeline and audit disagree for: ${unaudited.join(', ')}`);
  const bare = eventsWithoutTimeline(db);
  if (bare.length > 0) problems.push(`events without a timeline: ${bare.join(', ')}`);

  for (const { sha256, name } of attachmentFiles(db)) {
    const path = attachmentPath(dataDir, sha256);
    if (!existsSync(path)) problems.push(`attachment file of ${name} (${sha256}) is missing`);
    else if (createHash('sha256').update(readFileSync(path)).digest('hex') !== sha256)
      problems.push(`attachment file ${sha256} is damaged`);
  }
  return problems;
}
