/**
 * `npm run verify-audit -- <path/to/command-room.db>`: checks the audit log's
 * hash chain of a database file (or a backup) without changing it.
 * Exit code 0 when sound, 1 when a row is broken, 2 when the file cannot be read.
 */
import { existsSync } from 'node:fs';
import { verifyAuditChain } from '../core/audit/verify';
import { openDatabase } from '../db';

export function runVerifyAudit(args: string[], out: (line: string) => void = console.log): number {
  const file = args.find((a) => !a.startsWith('-'));
  if (!file || !existsSync(file)) {
    out(`usage: npm run verify-audit -- <database file>${file ? `\nno such file: ${file}` : ''}`);
    return 2;
  }
  let db;
  try {
    db = openDatabase(file, { readonly: true });
    const report = verifyAuditChain(db);
    if (report.ok) {
      out(`OK: ${report.checked} audit rows, chain head #${report.headSeq} ${report.headHash}`);
      return 0;
    }
    out(`BROKEN at audit row #${report.broken!.seq} (${report.broken!.reason}): ${report.broken!.message}`);
    out(`The ${report.checked} rows before it are sound; last sound row #${report.headSeq} ${report.headHash}`);
    return 1;
  } catch (error) {
    out(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    db?.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) {
  process.exitCode = runVerifyAudit(process.argv.slice(2));
}
