import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Db } from '../../../db';
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

  const outbox = db.prepare('SELECT min(seq) AS lo, max(seq) AS hi, count(*) AS n FROM outbox').get() as {
    lo: number | null;
    hi: number | null;
    n: number;
  };
  if (outbox.n > 0 && outbox.hi! - outbox.lo! + 1 !== outbox.n)
    problems.push(`outbox has gaps: ${outbox.n} rows between seq ${outbox.lo} and ${outbox.hi}`);
  const highWater = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").pluck().get() as number | undefined;
  if (outbox.n > 0 && highWater !== outbox.hi)
    problems.push(`outbox seq ${highWater} was handed out but row ${outbox.hi} is last`);

  const orphanActions = db
    .prepare(
      `SELECT a.id FROM event_actions a
       WHERE (SELECT count(*) FROM outbox o WHERE o.entity = 'event_action' AND o.entity_id = a.id) <> 1 LIMIT 5`,
    )
    .pluck()
    .all();
  if (orphanActions.length > 0) problems.push(`timeline entries without exactly one outbox row: ${orphanActions.join(', ')}`);
  const orphanOutbox = db
    .prepare(
      `SELECT o.seq FROM outbox o WHERE o.entity = 'event_action'
       AND NOT EXISTS (SELECT 1 FROM event_actions a WHERE a.id = o.entity_id) LIMIT 5`,
    )
    .pluck()
    .all();
  if (orphanOutbox.length > 0) problems.push(`outbox rows of missing timeline entries: seq ${orphanOutbox.join(', ')}`);
  const unaudited = db
    .prepare(
      `SELECT t.event_id || ' ' || t.kind FROM
         (SELECT event_id, kind, count(*) AS n FROM event_actions GROUP BY event_id, kind) t
       LEFT JOIN (SELECT entity_id, action, count(*) AS n FROM audit_log WHERE entity = 'event' GROUP BY entity_id, action) u
         ON u.entity_id = t.event_id AND u.action = t.kind
       WHERE u.n IS NOT t.n LIMIT 5`,
    )
    .pluck()
    .all();
  if (unaudited.length > 0) problems.push(`timeline and audit disagree for: ${unaudited.join(', ')}`);
  const bare = db
    .prepare('SELECT id FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_actions a WHERE a.event_id = e.id) LIMIT 5')
    .pluck()
    .all();
  if (bare.length > 0) problems.push(`events without a timeline: ${bare.join(', ')}`);

  for (const { sha256, name } of db.prepare('SELECT DISTINCT sha256, name FROM attachments').all() as {
    sha256: string;
    name: string;
  }[]) {
    const path = attachmentPath(dataDir, sha256);
    if (!existsSync(path)) problems.push(`attachment file of ${name} (${sha256}) is missing`);
    else if (createHash('sha256').update(readFileSync(path)).digest('hex') !== sha256)
      problems.push(`attachment file ${sha256} is damaged`);
  }
  return problems;
}
