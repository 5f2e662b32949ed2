/**
 * What the console needs of the county's storage engine. The county's
 * `CountyEngine` (SQLite or PostgreSQL) satisfies it structurally; the console
 * asks for no more, so its SQL is written once for both: `?` placeholders,
 * snake_case columns (PostgreSQL folds unquoted aliases to lower case), times
 * as epoch milliseconds (BIGINT on PostgreSQL, which `pg` returns as text).
 */
export interface ConsoleDb {
  readonly kind: 'sqlite' | 'postgres';
  query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  run(sql: string, params?: readonly unknown[]): Promise<{ changes: number }>;
  transaction<T>(fn: (tx: ConsoleDb) => Promise<T>): Promise<T>;
}

/** A BIGINT/INTEGER column as a number, whichever engine returned it. */
export function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}
export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** A JSON column: text on SQLite, text or jsonb on PostgreSQL. */
export function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
