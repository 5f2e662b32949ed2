import type { AuditVerifyReport } from '../../common/contract/audit';
import type { Db } from '../../db';
import { auditHighWater, auditRowHash, GENESIS_HASH, iterateAuditChain } from '../../db/queries/audit';

type Broken = NonNullable<AuditVerifyReport['broken']>;

const MESSAGES: Record<Broken['reason'], (seq: number) => string> = {
  missing: (seq) => `Audit row ${seq} is missing: it was deleted from the database file.`,
  unsealed: (seq) =>
    `Audit row ${seq} carries no hash: it was put into the database file outside the app (or the app has not started since upgrading).`,
  prev_mismatch: (seq) => `Audit row ${seq} does not follow the row before it: a row was inserted, removed or moved here.`,
  hash_mismatch: (seq) => `Audit row ${seq} was altered after it was written: its content no longer matches its hash.`,
};

const broken = (seq: number, reason: Broken['reason']): Broken => ({ seq, reason, message: MESSAGES[reason](seq) });

/**
 * Walks the whole audit chain in seq order and reports the first row that
 * breaks it: a missing seq (deleted, also at the end: AUTOINCREMENT's high
 * water mark in sqlite_sequence remembers the last one), a row without hash,
 * a row whose prev hash is not its predecessor's hash, or a row whose content
 * no longer hashes to its hash. Read-only; works on any copy of the file.
 */
export function verifyAuditChain(db: Db): AuditVerifyReport {
  const rows = iterateAuditChain(db);
  let expected = 1;
  let prev = GENESIS_HASH;
  let checked = 0;
  const report = (b: Broken | null): AuditVerifyReport => ({
    ok: b === null,
    checked,
    headSeq: expected - 1,
    headHash: prev,
    broken: b,
  });
  for (const row of rows) {
    let problem: Broken | null = null;
    if (row.seq !== expected) problem = broken(expected, 'missing');
    else if (row.hash === null || row.prevHash === null) problem = broken(row.seq, 'unsealed');
    else if (row.prevHash !== prev) problem = broken(row.seq, 'prev_mismatch');
    else if (auditRowHash(prev, row) !== row.hash) problem = broken(row.seq, 'hash_mismatch');
    if (problem) {
      rows.return?.();
      return report(problem);
    }
    prev = row.hash!;
    expected += 1;
    checked += 1;
  }
  if (auditHighWater(db) > expected - 1) return report(broken(expected, 'missing'));
  return report(null);
}
