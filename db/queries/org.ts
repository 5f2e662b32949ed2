import type { Grid, Township, Unit, Village } from '../../common/contract';
import type { Platform, UnitKind } from '../../common/org';
import type { Db } from '../open';
import { sql } from '../statements';

interface GridRow {
  id: string;
  village_id: string;
  name: string;
  worker_name: string | null;
  worker_phone: string | null;
}
interface UnitRow {
  id: string;
  name: string;
  platform: Platform;
  kind: UnitKind;
  village_id: string | null;
  phone: string | null;
  sort: number;
}

const toGrid = (r: GridRow): Grid => ({
  id: r.id,
  villageId: r.village_id,
  name: r.name,
  workerName: r.worker_name,
  workerPhone: r.worker_phone,
});
const toUnit = (r: UnitRow): Unit => ({
  id: r.id,
  name: r.name,
  platform: r.platform,
  kind: r.kind,
  villageId: r.village_id,
  phone: r.phone,
  sort: r.sort,
});

export function getTownship(db: Db): Township | undefined {
  return sql<Township>(db, 'SELECT id, name, code, county_name AS countyName FROM township').get();
}

export function upsertTownship(db: Db, t: Township): void {
  sql(
    db,
    `INSERT INTO township (id, name, code, county_name) VALUES (@id, @name, @code, @countyName)
     ON CONFLICT (singleton) DO UPDATE SET name = excluded.name, code = excluded.code, county_name = excluded.county_name`,
  ).run(t);
}

export function listVillages(db: Db): Village[] {
  return sql<Village>(db, 'SELECT id, name, kind, sort FROM villages ORDER BY sort, name').all();
}
export function getVillage(db: Db, id: string): Village | undefined {
  return sql<Village>(db, 'SELECT id, name, kind, sort FROM villages WHERE id = ?').get(id);
}
export function findVillageByName(db: Db, name: string): Village | undefined {
  return sql<Village>(db, 'SELECT id, name, kind, sort FROM villages WHERE name = ?').get(name);
}
export function insertVillage(db: Db, v: Village): void {
  sql(db, 'INSERT INTO villages (id, name, kind, sort) VALUES (@id, @name, @kind, @sort)').run(v);
}
export function updateVillage(db: Db, v: Village): void {
  sql(db, 'UPDATE villages SET name = @name, kind = @kind, sort = @sort WHERE id = @id').run(v);
}
export function deleteVillage(db: Db, id: string): void {
  sql(db, 'DELETE FROM villages WHERE id = ?').run(id);
}
export function nextVillageSort(db: Db): number {
  return sql<{ n: number }>(db, 'SELECT coalesce(max(sort), 0) + 1 AS n FROM villages').get()!.n;
}
export function villageReferences(db: Db, id: string): { grids: number; units: number; events: number } {
  return sql<{ grids: number; units: number; events: number }>(
    db,
    `SELECT (SELECT count(*) FROM grids WHERE village_id = @id) AS grids,
            (SELECT count(*) FROM units WHERE village_id = @id) AS units,
            (SELECT count(*) FROM events WHERE village_id = @id) AS events`,
  ).get({ id })!;
}

export function gridReferences(db: Db, id: string): { events: number } {
  return sql<{ events: number }>(db, 'SELECT count(*) AS events FROM events WHERE grid_id = ?').get(id)!;
}

const GRID_COLUMNS = 'id, village_id, name, worker_name, worker_phone';
export function listGrids(db: Db): Grid[] {
  return sql<GridRow>(db, `SELECT ${GRID_COLUMNS} FROM grids ORDER BY village_id, name`).all().map(toGrid);
}
export function getGrid(db: Db, id: string): Grid | undefined {
  const row = sql<GridRow>(db, `SELECT ${GRID_COLUMNS} FROM grids WHERE id = ?`).get(id);
  return row && toGrid(row);
}
export function findGridByName(db: Db, villageId: string, name: string): Grid | undefined {
  const row = sql<GridRow>(db, `SELECT ${GRID_COLUMNS} FROM grids WHERE village_id = ? AND name = ?`).get(villageId, name);
  return row && toGrid(row);
}
export function insertGrid(db: Db, g: Grid): void {
  sql(
    db,
    'INSERT INTO grids (id, village_id, name, worker_name, worker_phone) VALUES (@id, @villageId, @name, @workerName, @workerPhone)',
  ).run(g);
}
export function updateGrid(db: Db, g: Grid): void {
  sql(
    db,
    'UPDATE grids SET village_id = @villageId, name = @name, worker_name = @workerName, worker_phone = @workerPhone WHERE id = @id',
  ).run(g);
}
export function deleteGrid(db: Db, id: string): void {
  sql(db, 'DELETE FROM grids WHERE id = ?').run(id);
}

const UNIT_COLUMNS = 'id, name, platform, kind, village_id, phone, sort';
export function listUnits(db: Db): Unit[] {
  return sql<UnitRow>(db, `SELECT ${UNIT_COLUMNS} FROM units ORDER BY sort, name`).all().map(toUnit);
}
export function getUnit(db: Db, id: string): Unit | undefined {
  const row = sql<UnitRow>(db, `SELECT ${UNIT_COLUMNS} FROM units WHERE id = ?`).get(id);
  return row && toUnit(row);
}
export function findUnitByName(db: Db, name: string): Unit | undefined {
  const row = sql<UnitRow>(db, `SELECT ${UNIT_COLUMNS} FROM units WHERE name = ?`).get(name);
  return row && toUnit(row);
}
export function insertUnit(db: Db, u: Unit): void {
  sql(
    db,
    'INSERT INTO units (id, name, platform, kind, village_id, phone, sort) VALUES (@id, @name, @platform, @kind, @villageId, @phone, @sort)',
  ).run(u);
}
export function updateUnit(db: Db, u: Unit): void {
  sql(
    db,
    'UPDATE units SET name = @name, platform = @platform, kind = @kind, village_id = @villageId, phone = @phone, sort = @sort WHERE id = @id',
  ).run(u);
}
export function deleteUnit(db: Db, id: string): void {
  sql(db, 'DELETE FROM units WHERE id = ?').run(id);
}
export function nextUnitSort(db: Db): number {
  return sql<{ n: number }>(db, 'SELECT coalesce(max(sort), 0) + 1 AS n FROM units').get()!.n;
}
export function unitReferences(db: Db, id: string): { users: number; events: number } {
  return sql<{ users: number; events: number }>(
    db,
    `SELECT (SELECT count(*) FROM users WHERE unit_id = @id) AS users,
            (SELECT count(*) FROM event_units WHERE unit_id = @id) AS events`,
  ).get({ id })!;
}

export function isEmptyDirectory(db: Db): boolean {
  return !getTownship(db) && sql<{ n: number }>(db, 'SELECT count(*) AS n FROM users').get()!.n === 0;
}
