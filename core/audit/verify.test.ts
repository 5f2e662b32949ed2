import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, openDatabase, type Db } from '../../db';
import { appendAudit, auditRowHash, sealAuditChain } from '../../db/queries/audit';
import { tempDir } from '../../db/testing';
import {
  AUDIT_COLUMNS,
  auditHashAt,
  auditRowAt,
  deleteAuditRow,
  dropAuditTriggers,
  insertHandAuditRow,
  insertUnsealedAuditRow,
  overwriteAuditRow,
  setAuditColumn,
  shiftAuditSeqsFrom,
  updateAuditHash,
  updateAuditSummary,
} from '../../db/testing-audit';
import { verifyAuditChain } from './verify';

/** A small seeded PRNG (mulberry32) so a failing case can be replayed from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

const ROWS = 300;
const hex64 = (r: ReturnType<typeof prng>) => Array.from({ length: 64 }, () => '0123456789abcdef'[r.int(0, 15)]).join('');

function fillLog(db: Db, count: number, seed: number): void {
  const r = prng(seed);
  const roles = ['operator', 'director', 'admin', null] as const;
  db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      appendAudit(db, {
        at: 1_780_000_000_000 + i * 1000 + r.int(0, 999),
        actorId: r.next() < 0.2 ? null : `u-${r.int(1, 9)}`,
        actorName: r.next() < 0.2 ? 'system' : `王敏 (operator${r.int(1, 3)})`,
        role: roles[r.int(0, 3)]!,
        action: ['register', 'dispatch', 'sign', 'create', 'update'][r.int(0, 4)]!,
        entity: ['event', 'user', 'unit'][r.int(0, 2)]!,
        entityId: r.next() < 0.1 ? null : `e-${r.int(1, 50)}`,
        summary: JSON.stringify({ n: i, note: '村口垃圾'.repeat(r.int(0, 3)) }),
      });
    }
  })();
}

const COLUMNS = AUDIT_COLUMNS;

type Tamper = { kind: string; expected: number };

/** One attack on the file, as someone with the file and the sqlite3 shell would make it. */
function tamper(db: Db, r: ReturnType<typeof prng>, n: number): Tamper {
  const kind = ['edit', 'delete', 'insert', 'forged_insert', 'reorder'][r.int(0, 4)]!;
  const row = (seq: number) => auditRowAt(db, seq)!;
  const shiftFrom = (k: number) => shiftAuditSeqsFrom(db, k);
  switch (kind) {
    case 'edit': {
      const k = r.int(1, n);
      const column = COLUMNS[r.int(0, COLUMNS.length - 1)]!;
      const old = row(k)[column];
      let value: unknown;
      if (column === 'at') value = (old as number) + r.int(1, 100_000) * (r.next() < 0.5 ? -1 : 1);
      else if (column === 'prev_hash' || column === 'hash') {
        do value = hex64(r);
        while (value === old);
      } else if (old !== null && r.next() < 0.3 && ['actor_id', 'role', 'entity_id'].includes(column)) value = null;
      else if (column === 'role') value = old === 'director' ? 'admin' : 'director';
      else value = `${String(old ?? '')}${'改'.repeat(r.int(1, 3))}`;
      setAuditColumn(db, column, value, k);
      return { kind: `edit ${column}`, expected: k };
    }
    case 'delete': {
      const k = r.int(1, n);
      deleteAuditRow(db, k);
      return { kind, expected: k };
    }
    case 'insert': {
      // A row typed in by hand: the attacker cannot know what hash the chain expects.
      const k = r.int(1, n + 1);
      shiftFrom(k);
      const prev = k > 1 && r.next() < 0.5 ? (row(k - 1).hash as string) : hex64(r);
      insertHandAuditRow(db, k, prev, hex64(r));
      return { kind, expected: k };
    }
    case 'forged_insert': {
      // A row whose own hash is computed correctly: the row after it no longer links to it.
      const k = r.int(1, n);
      shiftFrom(k);
      const prev = k > 1 ? (row(k - 1).hash as string) : '0'.repeat(64);
      const content = {
        seq: k,
        at: 1,
        actorId: null,
        actorName: 'system',
        role: null,
        action: 'delete',
        entity: 'event',
        entityId: 'x',
        summary: '{}',
      };
      insertHandAuditRow(db, k, prev, auditRowHash(prev, content));
      return { kind, expected: k + 1 };
    }
    default: {
      const k = r.int(1, n - 1);
      const m = r.int(k + 1, n);
      const a = row(k);
      const b = row(m);
      overwriteAuditRow(db, { ...b, seq: k });
      overwriteAuditRow(db, { ...a, seq: m });
      return { kind: 'reorder', expected: k };
    }
  }
}

describe('the audit chain', () => {
  const dir = tempDir();
  let db: Db;
  let image: Buffer;
  beforeAll(() => {
    // Rollback journal, not WAL: the image is reopened in memory for every attack.
    db = openDatabase(join(dir.path, 'audit.db'), { wal: false });
    migrate(db);
    fillLog(db, ROWS, 1);
    image = db.serialize();
  });
  afterAll(() => {
    db.close();
    dir.remove();
  });

  it('is sound as the app writes it, and the head is the last row', () => {
    const report = verifyAuditChain(db);
    expect(report).toMatchObject({ ok: true, checked: ROWS, headSeq: ROWS, broken: null });
    expect(report.headHash).toBe(auditHashAt(db, ROWS));
  });

  it('still refuses UPDATE and DELETE through the app’s connection', () => {
    expect(() => updateAuditSummary(db, 1, 'x')).toThrowError(/append-only/);
    expect(() => updateAuditHash(db, 1, null)).toThrowError(/append-only/);
    expect(() => deleteAuditRow(db, 1)).toThrowError(/append-only/);
  });

  it('detects 1,000 random edits, deletions, insertions and reorderings, each at the right row', () => {
    const seed = Number(process.env.AUDIT_TAMPER_SEED ?? 20261130);
    const r = prng(seed);
    const kinds = new Map<string, number>();
    for (let i = 0; i < 1000; i += 1) {
      const copy = new Database(image);
      try {
        dropAuditTriggers(copy);
        const t = tamper(copy, r, ROWS);
        const report = verifyAuditChain(copy);
        expect(report.ok, `case ${i} (${t.kind}, seed ${seed}) went unnoticed`).toBe(false);
        expect(report.broken?.seq, `case ${i} (${t.kind}, seed ${seed}): ${report.broken?.message}`).toBe(t.expected);
        expect(report.checked).toBe(t.expected - 1);
        kinds.set(t.kind.split(' ')[0]!, (kinds.get(t.kind.split(' ')[0]!) ?? 0) + 1);
      } finally {
        copy.close();
      }
    }
    expect([...kinds.keys()].sort()).toEqual(['delete', 'edit', 'forged_insert', 'insert', 'reorder']);
  });

  it('seals rows written before the chain existed, in order, once', () => {
    const old = openDatabase(join(dir.path, 'old.db'));
    const all = loadMigrations();
    migrate(
      old,
      all.slice(
        0,
        all.findIndex((m) => m.name === 'audit-chain'),
      ),
    );
    const insert = { run: (at: number) => insertUnsealedAuditRow(old, at) };
    for (let i = 0; i < 5; i += 1) insert.run(i);
    migrate(old);
    expect(verifyAuditChain(old).broken?.reason).toBe('unsealed');
    expect(sealAuditChain(old)).toBe(5);
    expect(sealAuditChain(old)).toBe(0);
    appendAudit(old, {
      at: 9,
      actorId: null,
      actorName: 'system',
      role: null,
      action: 'x',
      entity: 'y',
      entityId: null,
      summary: '{}',
    });
    expect(verifyAuditChain(old)).toMatchObject({ ok: true, checked: 6 });
    // Sealing is the one update allowed, and only of the hash columns of an unsealed row.
    expect(() => updateAuditHash(old, 1, 'a'.repeat(64))).toThrowError(/append-only/);
    // Since 0014 a row without its hash is refused at the door; the chain stays whole.
    expect(() => insert.run(10)).toThrowError(/chain hash/);
    expect(verifyAuditChain(old)).toMatchObject({ ok: true, checked: 6 });
    old.close();
  });
});
