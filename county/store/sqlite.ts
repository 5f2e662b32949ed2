import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { CountyEngine } from './engine';
import { readMigrations } from './migrations';

/** better-sqlite3 binds no booleans or undefined; PostgreSQL takes both as they are. */
const bindable = (params: readonly unknown[] = []) =>
  params.map((p) => (p === undefined ? null : typeof p === 'boolean' ? (p ? 1 : 0) : p));

/**
 * SQLite behind the async interface. better-sqlite3 is synchronous, but a
 * transaction's body is async, so everything on the one connection runs in
 * turn through a queue: a statement from outside can never land inside
 * somebody else's open transaction. Between processes, BEGIN IMMEDIATE and
 * the busy timeout serialise writers.
 */
export class SqliteEngine implements CountyEngine {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
  }

  private statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      // Multi-row inserts vary in width: keep the cache bounded.
      if (this.statements.size >= 500) this.statements.clear();
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private inTurn<T>(work: () => Promise<T> | T): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** The statements themselves, without waiting for a turn: only for the holder of the turn. */
  private readonly direct: CountyEngine = {
    kind: 'sqlite',
    query: async <Row>(sql: string, params?: readonly unknown[]) => this.statement(sql).all(...bindable(params)) as Row[],
    run: async (sql: string, params?: readonly unknown[]) => ({ changes: this.statement(sql).run(...bindable(params)).changes }),
    // Already inside a transaction: the inner body simply joins it.
    transaction: (fn) => fn(this.direct),
    close: () => Promise.reject(new Error('A transaction cannot close its engine.')),
  };

  query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    return this.inTurn(() => this.direct.query<Row>(sql, params));
  }

  run(sql: string, params?: readonly unknown[]): Promise<{ changes: number }> {
    return this.inTurn(() => this.direct.run(sql, params));
  }

  transaction<T>(fn: (tx: CountyEngine) => Promise<T>): Promise<T> {
    return this.inTurn(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.direct);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    await this.inTurn(() => undefined);
    this.db.close();
  }

  /** Applies the migrations this file lacks (the file's user_version counts those applied). */
  migrate(): void {
    const files = readMigrations('sqlite');
    const current = this.db.pragma('user_version', { simple: true }) as number;
    if (current > files.length)
      throw new Error(`The county database is at version ${current}; this county center knows only ${files.length}.`);
    this.db
      .transaction(() => {
        files.slice(current).forEach((f) => this.db.exec(f.sql));
        this.db.pragma(`user_version = ${files.length}`);
      })
      .immediate();
  }
}

export function openSqliteEngine(file: string): SqliteEngine {
  const engine = new SqliteEngine(file);
  try {
    engine.migrate();
  } catch (error) {
    engine.db.close();
    throw error;
  }
  return engine;
}
