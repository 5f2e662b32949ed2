/**
 * Test support: the county suite runs on both engines. SQLite always; PostgreSQL
 * when COUNTY_TEST_DATABASE_URL names a server the tests may create schemas in
 * (`.ci/run` starts a throwaway cluster and sets it; in CI its absence fails).
 * Each test database is a schema of its own, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { CountyStore } from './store';

export type EngineKind = 'sqlite' | 'postgres';

export const TEST_DATABASE_URL_ENV = 'COUNTY_TEST_DATABASE_URL';

/** The engines to run on, each with the reason when it is skipped. */
export function testEngines(): { kind: EngineKind; skip: string | null }[] {
  const url = process.env[TEST_DATABASE_URL_ENV];
  if (!url && process.env.CI === 'true')
    throw new Error(
      `${TEST_DATABASE_URL_ENV} is not set: in CI the county suite must run on PostgreSQL too (.ci/run starts it).`,
    );
  return [
    { kind: 'sqlite', skip: null },
    { kind: 'postgres', skip: url ? null : `no PostgreSQL: set ${TEST_DATABASE_URL_ENV}=postgres://… to run these` },
  ];
}

/** Vitest titles: the skip reason shows in the report. */
export const engineTitle = (e: { kind: EngineKind; skip: string | null }) => (e.skip ? `${e.kind} (skipped: ${e.skip})` : e.kind);

export interface TestCountyDatabase {
  kind: EngineKind;
  /** For startCountyServer / CountyStore.open. */
  options: { dataDir?: string; databaseUrl?: string };
  remove(): Promise<void>;
}

/** A fresh, empty county database: a temp folder for SQLite, a new schema for PostgreSQL. */
export async function testCountyDatabase(kind: EngineKind): Promise<TestCountyDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'county-'));
    return { kind, options: { dataDir: dir }, remove: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const base = process.env[TEST_DATABASE_URL_ENV];
  if (!base) throw new Error(`${TEST_DATABASE_URL_ENV} is not set`);
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    kind,
    options: { databaseUrl: url.toString() },
    async remove() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

// Looking inside the county's database, on either engine -------------------------------

const one = async (store: CountyStore, sql: string, params: unknown[]) =>
  Number((await store.engine.query<{ n: number }>(sql, params))[0]!.n);

export const countChanges = (store: CountyStore, townshipId: string) =>
  one(store, 'SELECT count(*) AS "n" FROM changes WHERE township_id = ?', [townshipId]);

export const countRecords = (store: CountyStore, townshipId: string) =>
  one(store, 'SELECT count(*) AS "n" FROM records WHERE township_id = ?', [townshipId]);

export async function recordIds(store: CountyStore, townshipId: string): Promise<string[]> {
  const rows = await store.engine.query<{ id: string }>('SELECT entity_id AS "id" FROM records WHERE township_id = ?', [
    townshipId,
  ]);
  return rows.map((r) => r.id);
}

export async function changeSeqs(store: CountyStore, townshipId: string): Promise<number[]> {
  const rows = await store.engine.query<{ seq: number }>('SELECT seq FROM changes WHERE township_id = ? ORDER BY seq', [
    townshipId,
  ]);
  return rows.map((r) => Number(r.seq));
}

/** change ids with how often each was stored: a doubled change shows as 2. */
export async function changeIdCounts(store: CountyStore, townshipId: string): Promise<Map<string, number>> {
  const rows = await store.engine.query<{ id: string; n: number }>(
    'SELECT id, count(*) AS "n" FROM changes WHERE township_id = ? GROUP BY id',
    [townshipId],
  );
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export async function tokenHashes(store: CountyStore): Promise<string[]> {
  return (await store.engine.query<{ h: string }>('SELECT token_hash AS "h" FROM townships')).map((r) => r.h);
}
