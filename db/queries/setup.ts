import type { Db } from '../open';
import { sql } from '../statements';

/** The settings key that marks a database made by the demo seed. */
const DEMO_KEY = 'township.demo';

export function hasTownship(db: Db): boolean {
  return sql<{ n: number }>(db, 'SELECT count(*) AS n FROM township').get()!.n > 0;
}

export function markDemoTownship(db: Db): void {
  sql(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    DEMO_KEY,
    '1',
  );
}

/**
 * A demo database: marked by the seed, or (seeded before the mark existed)
 * recognised by the seed's audit row.
 */
export function isDemoTownship(db: Db): boolean {
  const marked = sql<{ value: string }>(db, 'SELECT value FROM settings WHERE key = ?').get(DEMO_KEY);
  if (marked) return marked.value === '1';
  return (
    sql<{ n: number }>(db, "SELECT count(*) AS n FROM audit_log WHERE entity = 'township' AND action = 'seed_demo'").get()!.n > 0
  );
}
