/**
 * The county center's storage engines behind one small interface: SQLite (the
 * embedded default) or PostgreSQL (several nodes on one database). Callers
 * write SQL both engines accept, with `?` placeholders, double-quoted aliases
 * (PostgreSQL folds unquoted ones to lower case) and `"offset"` quoted (a
 * reserved word in PostgreSQL); where the dialects differ, they branch on `kind`.
 */
export interface CountyEngine {
  readonly kind: 'sqlite' | 'postgres';
  /** SQL uses `?` placeholders; the PostgreSQL engine rewrites them to $1..$n. */
  query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  run(sql: string, params?: readonly unknown[]): Promise<{ changes: number }>;
  /** One transaction; inside it use only `tx`. PostgreSQL: one pooled client, BEGIN/COMMIT/ROLLBACK. */
  transaction<T>(fn: (tx: CountyEngine) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface CountyEngineOptions {
  /** A PostgreSQL URL (`postgres://…`); when given, PostgreSQL is used and `sqlitePath` is ignored. */
  databaseUrl?: string;
  /** The SQLite file (its folder is created); used when there is no `databaseUrl`. */
  sqlitePath?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
}

/** Opens the engine and brings its schema up to date (county/migrations/<engine>/). */
export async function openCountyEngine(options: CountyEngineOptions): Promise<CountyEngine> {
  if (options.databaseUrl) {
    const { openPostgresEngine } = await import('./postgres');
    return openPostgresEngine(options.databaseUrl, options.poolSize);
  }
  if (!options.sqlitePath) throw new Error('The county center needs either a PostgreSQL URL or an SQLite file.');
  const { openSqliteEngine } = await import('./sqlite');
  return openSqliteEngine(options.sqlitePath);
}
