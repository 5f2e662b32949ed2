import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/verify';
import type { Connection } from '../app';
import { databaseDigest, errorCode, expectOk, startTestCore, type TestCore } from '../testing/core';
import { findCategoryByCode } from '../../db/queries/reference';
import { outboxSeqs } from '../../db/testing';
import { storageError } from './sqlite-errors';

describe('a full disk (SQLITE_FULL through max_page_count)', () => {
  let core: TestCore;
  let operator: Connection;
  let categoryId: string;
  const create = (i: number) =>
    operator.call('events.create', {
      title: `磁盘满测试 ${i}`,
      description: '村口垃圾堆放，'.repeat(200),
      categoryId,
      requestType: 'request',
      source: 'walk_in',
      priority: 'normal',
      register: true,
    });
  beforeAll(async () => {
    core = startTestCore();
    operator = await core.signIn('operator');
    categoryId = findCategoryByCode(core.db, 'sanitation.garbage')!.id;
    expectOk(await create(0));
  });
  afterAll(() => core.stop());

  it('refuses the action with DISK_FULL, keeps the file sound and leaves no trace of it, then resumes', async () => {
    const db = core.db;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    let refused: Awaited<ReturnType<typeof create>> | null = null;
    let before = databaseDigest(db);
    for (let i = 1; i < 200 && !refused; i += 1) {
      before = databaseDigest(db);
      const result = await create(i);
      if (!result.ok) refused = result;
    }
    expect(refused, 'the database never filled up').not.toBeNull();
    expect(errorCode(refused!)).toBe('DISK_FULL');
    expect(refused!.ok ? '' : refused!.error.message).toMatch(/not saved/);
    // Nothing of the failed action: not the event, its timeline, audit or outbox rows.
    expect(databaseDigest(db)).toEqual(before);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Reads still work while the disk is full.
    expect((await operator.call('events.queue', {})).ok).toBe(true);

    db.pragma(`max_page_count = ${pages * 100}`);
    const again = expectOk<'events.create'>(await create(999));
    expect(again.serial).toMatch(/^[A-Z]+-\d{8}-\d{4}$/);
    expect(verifyAuditChain(db).ok).toBe(true);
    const seqs = outboxSeqs(db);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
  });

  it('maps I/O and corruption codes too, and leaves other errors alone', () => {
    expect(storageError({ code: 'SQLITE_IOERR_WRITE' })?.code).toBe('IO_ERROR');
    expect(storageError({ code: 'SQLITE_CORRUPT' })?.code).toBe('DB_DAMAGED');
    expect(storageError({ code: 'SQLITE_NOTADB' })?.code).toBe('DB_DAMAGED');
    expect(storageError({ code: 'SQLITE_CONSTRAINT_UNIQUE' })).toBeNull();
    expect(storageError(new Error('x'))).toBeNull();
  });
});
