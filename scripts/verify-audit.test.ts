import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../db';
import { appendAudit } from '../db/queries/audit';
import { tamperAuditSummary, tempDir } from '../db/testing';
import { runVerifyAudit } from './verify-audit';

describe('npm run verify-audit', () => {
  const dir = tempDir();
  const file = join(dir.path, 'command-room.db');
  const db = openDatabase(file);
  migrate(db);
  for (let i = 0; i < 3; i += 1)
    appendAudit(db, {
      at: i,
      actorId: null,
      actorName: 'system',
      role: null,
      action: 'a',
      entity: 'e',
      entityId: null,
      summary: '{}',
    });
  db.close();
  afterAll(() => dir.remove());

  it('says OK and exits 0 for a sound log', () => {
    const lines: string[] = [];
    expect(runVerifyAudit([file], (l) => lines.push(l))).toBe(0);
    expect(lines[0]).toMatch(/^OK: 3 audit rows/);
  });

  it('names the broken row and exits 1 once the file was tampered with', () => {
    const raw = openDatabase(file);
    tamperAuditSummary(raw, 2, '{"x":1}');
    raw.close();
    const lines: string[] = [];
    expect(runVerifyAudit([file], (l) => lines.push(l))).toBe(1);
    expect(lines[0]).toMatch(/#2 \(hash_mismatch\)/);
  });

  it('exits 2 without a readable file, and runs as a real command', () => {
    expect(runVerifyAudit([join(dir.path, 'nope.db')], () => {})).toBe(2);
    let status = 0;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/verify-audit.ts', file], { stdio: 'pipe' });
    } catch (error) {
      status = (error as { status: number }).status;
    }
    expect(status).toBe(1);
  });
});
