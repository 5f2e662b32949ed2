import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { openDatabase, type Db } from './open';
import { preparedTexts, sql } from './statements';
import { tempDir } from './testing';

describe('sql(): the statement cache', () => {
  let dir: ReturnType<typeof tempDir>;
  let a: Db;
  let b: Db;
  beforeEach(() => {
    dir = tempDir();
    a = openDatabase(join(dir.path, 'a.db'));
    b = openDatabase(join(dir.path, 'b.db'));
    for (const db of [a, b]) db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  });
  afterEach(() => {
    a.close();
    b.close();
    dir.remove();
  });

  it('returns the same statement for the same text on one connection, prepared once', () => {
    let prepared = 0;
    const prepare = a.prepare.bind(a);
    a.prepare = ((text: string) => {
      prepared += 1;
      return prepare(text);
    }) as typeof a.prepare;
    const first = sql(a, 'SELECT id, name FROM t WHERE id = ?');
    const second = sql(a, 'SELECT id, name FROM t WHERE id = ?');
    expect(second).toBe(first);
    expect(prepared).toBe(1);
    expect(sql(a, 'SELECT name FROM t')).not.toBe(first);
    expect(prepared).toBe(2);
  });

  it('keeps each connection its own statements', () => {
    const text = 'INSERT INTO t (name) VALUES (?)';
    const onA = sql(a, text);
    const onB = sql(b, text);
    expect(onB).not.toBe(onA);
    onA.run('only in a');
    expect(sql<{ n: number }>(a, 'SELECT count(*) AS n FROM t').get()!.n).toBe(1);
    expect(sql<{ n: number }>(b, 'SELECT count(*) AS n FROM t').get()!.n).toBe(0);
  });

  it('lists the texts a connection prepared, and only those', () => {
    expect(preparedTexts(a)).toEqual([]);
    sql(a, 'SELECT id FROM t');
    sql(a, 'SELECT name FROM t');
    sql(a, 'SELECT id FROM t');
    sql(b, 'SELECT count(*) FROM t');
    expect(preparedTexts(a)).toEqual(['SELECT id FROM t', 'SELECT name FROM t']);
    expect(preparedTexts(b)).toEqual(['SELECT count(*) FROM t']);
  });

  it('types the rows: get() gives Row | undefined and all() gives Row[]', () => {
    sql(a, 'INSERT INTO t (name) VALUES (?)').run('张三');
    const select = sql<{ id: number; name: string }>(a, 'SELECT id, name FROM t WHERE name = ?');
    const row = select.get('张三');
    expectTypeOf(row).toEqualTypeOf<{ id: number; name: string } | undefined>();
    expectTypeOf(select.all('张三')).toEqualTypeOf<{ id: number; name: string }[]>();
    expect(row).toEqual({ id: 1, name: '张三' });
    expect(select.get('nobody')).toBeUndefined();
  });

  it('still works after the schema changed under a cached statement', () => {
    const select = sql<{ n: number }>(a, 'SELECT count(*) AS n FROM t');
    expect(select.get()!.n).toBe(0);
    a.exec('ALTER TABLE t ADD COLUMN extra TEXT');
    a.exec("INSERT INTO t (name) VALUES ('x')");
    expect(sql<{ n: number }>(a, 'SELECT count(*) AS n FROM t').get()!.n).toBe(1);
  });
});
