import { createHash } from 'node:crypto';
import pg from 'pg';
import type { CountyEngine } from './engine';
import { readMigrations } from './migrations';

/** `?` → `$1..$n`, leaving quoted strings, quoted identifiers and comments alone. */
export function numberPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      const stop = end < 0 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '?') out += `$${++n}`;
    else out += c;
  }
  return out;
}

const rewritten = new Map<string, string>();
const numbered = (sql: string) => {
  let text = rewritten.get(sql);
  if (text === undefined) {
    text = numberPlaceholders(sql);
    if (rewritten.size < 1000) rewritten.set(sql, text);
  }
  return text;
};

// BIGINT (ms timestamps, count(*)) as numbers: every value the county stores fits in 2^53.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

type Queryable = Pick<pg.PoolClient, 'query'>;

/**
 * Statements with parameters run as named prepared statements: each
 * connection parses and plans one once (a push runs the same few over and
 * over). Without parameters (BEGIN, migrations of several statements) plain text.
 */
const names = new Map<string, string>();
function statement(sql: string, params: readonly unknown[] | undefined): pg.QueryConfig {
  const text = numbered(sql);
  if (!params || params.length === 0) return { text };
  let name = names.get(text);
  if (name === undefined) {
    name = `county_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    if (names.size < 2000) names.set(text, name);
  }
  return { name, text, values: params as unknown[] };
}

function on(client: Queryable): Omit<CountyEngine, 'transaction' | 'close'> {
  return {
    kind: 'postgres',
    query: async <Row>(sql: string, params?: readonly unknown[]) => (await client.query(statement(sql, params))).rows as Row[],
    run: async (sql: string, params?: readonly unknown[]) => ({
      changes: (await client.query(statement(sql, params))).rowCount ?? 0,
    }),
  };
}

/**
 * PostgreSQL through a `pg` pool. A transaction takes one client for its
 * whole body; statements outside a transaction take any client.
 */
export class PostgresEngine implements CountyEngine {
  readonly kind = 'postgres' as const;
  readonly pool: pg.Pool;
  private readonly plain: Omit<CountyEngine, 'transaction' | 'close'>;

  constructor(url: string, poolSize = 10) {
    this.pool = new pg.Pool({ connectionString: url, max: poolSize, types });
    // An idle client whose server went away must not take the process down; the next query reconnects.
    this.pool.on('error', () => {});
    this.plain = on(this.pool);
  }

  query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    return this.plain.query<Row>(sql, params);
  }

  run(sql: string, params?: readonly unknown[]): Promise<{ changes: number }> {
    return this.plain.run(sql, params);
  }

  async transaction<T>(fn: (tx: CountyEngine) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx: CountyEngine = {
      ...on(client),
      transaction: (inner) => inner(tx),
      close: () => Promise.reject(new Error('A transaction cannot close its engine.')),
    };
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Applies missing migrations under an advisory lock, so nodes starting together migrate once. */
  async migrate(): Promise<void> {
    const files = readMigrations('postgres');
    await this.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('command-room-county-migrate'))");
      await tx.run('CREATE TABLE IF NOT EXISTS county_schema (version INTEGER NOT NULL)');
      const rows = await tx.query<{ version: number }>('SELECT version FROM county_schema');
      const current = rows[0]?.version ?? 0;
      if (current > files.length)
        throw new Error(`The county database is at version ${current}; this county center knows only ${files.length}.`);
      for (const f of files.slice(current)) await tx.run(f.sql);
      if (rows.length === 0) await tx.run('INSERT INTO county_schema (version) VALUES (?)', [files.length]);
      else await tx.run('UPDATE county_schema SET version = ?', [files.length]);
    });
  }
}

export async function openPostgresEngine(url: string, poolSize?: number): Promise<PostgresEngine> {
  const engine = new PostgresEngine(url, poolSize);
  try {
    await engine.migrate();
  } catch (error) {
    await engine.close();
    throw error;
  }
  return engine;
}
