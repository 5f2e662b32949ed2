import type Database from 'better-sqlite3';
import type { Db } from './open';

type Params = unknown[] | object;

/**
 * Prepared statements, cached per connection and SQL text. Preparing costs a
 * parse and a plan every time; a hot query (the queue, the timeline) pays it
 * once per connection. The cache dies with its connection (WeakMap), and a
 * statement that became invalid after a schema change is re-prepared by
 * SQLite itself on its next run.
 *
 * `R` is the row type of the query, so callers get `R | undefined` from
 * `.get()` and `R[]` from `.all()` with no cast at the call site.
 *
 * The statement is shared by every caller of the same text: never switch it
 * to `.pluck()`/`.raw()`/`.expand()` (that would change it for all of them);
 * select a named column and read it from the row instead.
 */
const cache = new WeakMap<Db, Map<string, Database.Statement>>();

export function sql<R = unknown, P extends Params = unknown[]>(db: Db, text: string): Database.Statement<P, R> {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(text);
  if (!statement) {
    statement = db.prepare(text);
    statements.set(text, statement);
  }
  return statement as unknown as Database.Statement<P, R>;
}

/**
 * The SQL texts prepared so far on a connection: the query-plan tests run
 * `EXPLAIN QUERY PLAN` over the statements production really ran.
 */
export function preparedTexts(db: Db): string[] {
  return [...(cache.get(db)?.keys() ?? [])];
}
