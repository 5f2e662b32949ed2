import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from './testing';
import { migrate } from './migrate';
import { openDatabase, type Db } from './open';
import { appendAudit, listAudit } from './queries/audit';

describe('audit_log', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Db;
  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(join(dir.path, 'audit.db'));
    migrate(db);
    appendAudit(db, {
      at: 1,
      actorId: null,
      actorName: 'system',
      role: null,
      action: 'seed',
      entity: 'township',
      entityId: null,
      summary: '{}',
    });
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('accepts appends', () => {
    appendAudit(db, {
      at: 2,
      actorId: 'u',
      actorName: 'x',
      role: 'admin',
      action: 'create',
      entity: 'unit',
      entityId: 'id',
      summary: '{"a":1}',
    });
    expect(listAudit(db, { limit: 10 }).map((e) => e.action)).toEqual(['create', 'seed']);
  });

  it('refuses UPDATE', () => {
    expect(() => db.prepare("UPDATE audit_log SET summary = 'rewritten'").run()).toThrowError(/append-only/);
    expect(db.prepare('SELECT summary FROM audit_log').pluck().get()).toBe('{}');
  });

  it('refuses DELETE', () => {
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrowError(/append-only/);
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(1);
  });
});
