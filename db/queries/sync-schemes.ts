import type { Db } from '../open';
import { sql } from '../statements';
import type { SchemeRecord } from './assessment';

/** County schemes (县级方案) as assessment schemes: a new version of the family only when the county changed it. */

export function latestSchemeOfCode(db: Db, code: string): SchemeRecord | undefined {
  return sql<SchemeRecord>(
    db,
    `SELECT id, code, version, name, period_kind AS periodKind, unit_kinds AS unitKinds, indicators, note,
       created_by AS createdBy, created_at AS createdAt, source, periods
     FROM assessment_schemes WHERE code = ? ORDER BY version DESC LIMIT 1`,
  ).get(code);
}

export function insertCountyScheme(db: Db, s: Omit<SchemeRecord, 'createdBy' | 'source'> & { periods: string | null }): void {
  sql(
    db,
    `INSERT INTO assessment_schemes (id, code, version, name, period_kind, unit_kinds, indicators, note, created_by, created_at,
       source, periods)
     VALUES (@id, @code, @version, @name, @periodKind, @unitKinds, @indicators, @note, NULL, @createdAt, 'county', @periods)`,
  ).run(s);
}

export function isCountyScheme(db: Db, code: string): boolean {
  return (
    sql<{ one: number }>(db, "SELECT 1 AS one FROM assessment_schemes WHERE code = ? AND source = 'county' LIMIT 1").get(code) !==
    undefined
  );
}
