/** Test support for the rebuild of the events table (migration 0020). Not used by production code. */
import type { Db } from './open';
import { sql } from './statements';

/** The indexes and triggers of a table, by name and SQL: a rebuild must give them all back. */
export function schemaObjectsOf(db: Db, table: string): { type: string; name: string; sql: string | null }[] {
  return sql<{ type: string; name: string; sql: string | null }>(
    db,
    "SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = ? AND type IN ('index', 'trigger') ORDER BY type, name",
  ).all(table);
}

/** Every event's rowid and id: the full-text tables are keyed by the rowid, so a rebuild must keep it. */
export function eventRowids(db: Db): { rowid: number; id: string }[] {
  return sql<{ rowid: number; id: string }>(db, 'SELECT rowid, id FROM events ORDER BY rowid').all();
}

/** Rows that point at nothing (PRAGMA foreign_key_check). */
export function brokenReferences(db: Db): unknown[] {
  return db.pragma('foreign_key_check') as unknown[];
}

/** Events the full-text tables find for a search (both tables, as the queue asks them). */
export function countSearch(db: Db, q: { trigram: string | null; bigram: string | null }): number {
  let n = 0;
  if (q.trigram) n += sql<{ n: number }>(db, 'SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH ?').get(q.trigram)!.n;
  if (q.bigram) n += sql<{ n: number }>(db, 'SELECT count(*) AS n FROM events_fts2 WHERE events_fts2 MATCH ?').get(q.bigram)!.n;
  return n;
}
