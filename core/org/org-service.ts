import type { Directory, Grid, MethodName, ParsedInputOf, Township, Unit, Village } from '../../common/contract';
import { AppError } from '../../common/errors';
import * as q from '../../db/queries/org';
import { audit, type ServiceContext } from '../context';

type Input<M extends MethodName> = ParsedInputOf<M>;

export function directory(ctx: ServiceContext): Directory {
  return {
    township: requireTownship(ctx),
    villages: q.listVillages(ctx.db),
    grids: q.listGrids(ctx.db),
    units: q.listUnits(ctx.db),
  };
}

function requireTownship(ctx: ServiceContext): Township {
  const township = q.getTownship(ctx.db);
  if (!township)
    throw new AppError(
      'NOT_FOUND',
      'No township is set up yet. Start the app with the demo township or ask the administrator to set it up.',
    );
  return township;
}

/** Field-by-field before/after, for the audit row. */
function changes<T extends object>(before: T, after: T): Record<string, { from: unknown; to: unknown }> {
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    if (before[key] !== after[key]) diff[key] = { from: before[key], to: after[key] };
  }
  return diff;
}

function defined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function updateTownship(ctx: ServiceContext, input: Input<'org.updateTownship'>): Township {
  const before = requireTownship(ctx);
  const after: Township = { ...before, ...defined(input) };
  q.upsertTownship(ctx.db, after);
  audit(ctx, { action: 'update', entity: 'township', entityId: after.id, summary: changes(before, after) });
  ctx.publish({ topic: 'org.changed', payload: { entity: 'township' } });
  return after;
}

// Villages ---------------------------------------------------------------

function requireVillage(ctx: ServiceContext, id: string): Village {
  const village = q.getVillage(ctx.db, id);
  if (!village)
    throw new AppError('NOT_FOUND', 'That village or community does not exist (it may have been deleted). Reload the list.');
  return village;
}

function assertVillageNameFree(ctx: ServiceContext, name: string, exceptId?: string): void {
  const other = q.findVillageByName(ctx.db, name);
  if (other && other.id !== exceptId)
    throw new AppError('DUPLICATE_NAME', `A village or community named "${name}" already exists.`);
}

export function createVillage(ctx: ServiceContext, input: Input<'org.createVillage'>): Village {
  assertVillageNameFree(ctx, input.name);
  const village: Village = { id: ctx.newId(), name: input.name, kind: input.kind, sort: q.nextVillageSort(ctx.db) };
  q.insertVillage(ctx.db, village);
  audit(ctx, { action: 'create', entity: 'village', entityId: village.id, summary: village });
  ctx.publish({ topic: 'org.changed', payload: { entity: 'village' } });
  return village;
}

export function updateVillage(ctx: ServiceContext, input: Input<'org.updateVillage'>): Village {
  const before = requireVillage(ctx, input.id);
  const after: Village = { ...before, ...defined(input) };
  if (after.name !== before.name) assertVillageNameFree(ctx, after.name, after.id);
  q.updateVillage(ctx.db, after);
  audit(ctx, { action: 'update', entity: 'village', entityId: after.id, summary: changes(before, after) });
  ctx.publish({ topic: 'org.changed', payload: { entity: 'village' } });
  return after;
}

export function deleteVillage(ctx: ServiceContext, input: { id: string }): null {
  const village = requireVillage(ctx, input.id);
  const refs = q.villageReferences(ctx.db, village.id);
  if (refs.grids > 0 || refs.units > 0 || refs.events > 0) {
    throw new AppError(
      'IN_USE',
      `"${village.name}" still has ${refs.grids} grid(s), ${refs.units} unit(s) and ${refs.events} event(s). Move or delete the grids and units first; a place with events stays for the record — rename it instead.`,
    );
  }
  q.deleteVillage(ctx.db, village.id);
  audit(ctx, { action: 'delete', entity: 'village', entityId: village.id, summary: village });
  ctx.publish({ topic: 'org.changed', payload: { entity: 'village' } });
  return null;
}

// Grids -------------------------------------------------------------------

function requireGrid(ctx: ServiceContext, id: string): Grid {
  const grid = q.getGrid(ctx.db, id);
  if (!grid) throw new AppError('NOT_FOUND', 'That grid does not exist (it may have been deleted). Reload the list.');
  return grid;
}

function assertGridNameFree(ctx: ServiceContext, villageId: string, name: string, exceptId?: string): void {
  const other = q.findGridByName(ctx.db, villageId, name);
  if (other && other.id !== exceptId) throw new AppError('DUPLICATE_NAME', `This village already has a grid named "${name}".`);
}

export function createGrid(ctx: ServiceContext, input: Input<'org.createGrid'>): Grid {
  requireVillage(ctx, input.villageId);
  assertGridNameFree(ctx, input.villageId, input.name);
  const grid: Grid = {
    id: ctx.newId(),
    villageId: input.villageId,
    name: input.name,
    workerName: input.workerName ?? null,
    workerPhone: input.workerPhone ?? null,
  };
  q.insertGrid(ctx.db, grid);
  audit(ctx, { action: 'create', entity: 'grid', entityId: grid.id, summary: grid });
  ctx.publish({ topic: 'org.changed', payload: { entity: 'grid' } });
  return grid;
}

export function updateGrid(ctx: ServiceContext, input: Input<'org.updateGrid'>): Grid {
  const before = requireGrid(ctx, input.id);
  const after: Grid = { ...before, ...defined(input) };
  if (after.villageId !== before.villageId) requireVillage(ctx, after.villageId);
  if (after.name !== before.name || after.villageId !== before.villageId)
    assertGridNameFree(ctx, after.villageId, after.name, after.id);
  q.updateGrid(ctx.db, after);
  audit(ctx, { action: 'update', entity: 'grid', entityId: after.id, summary: changes(before, after) });
  ctx.publish({ topic: 'org.changed', payload: { entity: 'grid' } });
  return after;
}

export function deleteGrid(ctx: ServiceContext, input: { id: string }): null {
  const grid = requireGrid(ctx, input.id);
  const refs = q.gridReferences(ctx.db, grid.id);
  if (refs.events > 0) {
    throw new AppError(
      'IN_USE',
      `"${grid.name}" has ${refs.events} event(s) on record and cannot be deleted; rename or merge it instead.`,
    );
  }
  q.deleteGrid(ctx.db, grid.id);
  audit(ctx, { action: 'delete', entity: 'grid', entityId: grid.id, summary: grid });
  ctx.publish({ topic: 'org.changed', payload: { entity: 'grid' } });
  return null;
}

// Units -------------------------------------------------------------------

function requireUnit(ctx: ServiceContext, id: string): Unit {
  const unit = q.getUnit(ctx.db, id);
  if (!unit) throw new AppError('NOT_FOUND', 'That handling unit does not exist (it may have been deleted). Reload the list.');
  return unit;
}

function assertUnitNameFree(ctx: ServiceContext, name: string, exceptId?: string): void {
  const other = q.findUnitByName(ctx.db, name);
  if (other && other.id !== exceptId) throw new AppError('DUPLICATE_NAME', `A handling unit named "${name}" already exists.`);
}

/** A village unit belongs to exactly one village; a department to none. */
function assertUnitVillage(ctx: ServiceContext, unit: Unit): void {
  if (unit.kind === 'village') {
    if (!unit.villageId)
      throw new AppError('BAD_INPUT', 'A village unit must name its village.', [
        { path: 'villageId', message: 'required for a village unit' },
      ]);
    requireVillage(ctx, unit.villageId);
  } else if (unit.villageId) {
    throw new AppError('BAD_INPUT', 'A department does not belong to a village; leave the village empty.', [
      { path: 'villageId', message: 'only for village units' },
    ]);
  }
}

export function createUnit(ctx: ServiceContext, input: Input<'org.createUnit'>): Unit {
  assertUnitNameFree(ctx, input.name);
  const unit: Unit = {
    id: ctx.newId(),
    name: input.name,
    platform: input.platform,
    kind: input.kind,
    villageId: input.villageId ?? null,
    phone: input.phone ?? null,
    sort: q.nextUnitSort(ctx.db),
  };
  assertUnitVillage(ctx, unit);
  q.insertUnit(ctx.db, unit);
  audit(ctx, { action: 'create', entity: 'unit', entityId: unit.id, summary: unit });
  ctx.publish({ topic: 'org.changed', payload: { entity: 'unit' } });
  return unit;
}

export function updateUnit(ctx: ServiceContext, input: Input<'org.updateUnit'>): Unit {
  const before = requireUnit(ctx, input.id);
  const after: Unit = { ...before, ...defined(input) };
  if (input.kind === 'department' && input.villageId === undefined) after.villageId = null;
  if (after.name !== before.name) assertUnitNameFree(ctx, after.name, after.id);
  assertUnitVillage(ctx, after);
  q.updateUnit(ctx.db, after);
  audit(ctx, { action: 'update', entity: 'unit', entityId: after.id, summary: changes(before, after) });
  ctx.publish({ topic: 'org.changed', payload: { entity: 'unit' } });
  return after;
}

export function deleteUnit(ctx: ServiceContext, input: { id: string }): null {
  const unit = requireUnit(ctx, input.id);
  const refs = q.unitReferences(ctx.db, unit.id);
  if (refs.users > 0 || refs.events > 0) {
    throw new AppError(
      'IN_USE',
      `"${unit.name}" still has ${refs.users} user account(s) and ${refs.events} event assignment(s). Move the accounts first; a unit with events stays for the record.`,
    );
  }
  q.deleteUnit(ctx.db, unit.id);
  audit(ctx, { action: 'delete', entity: 'unit', entityId: unit.id, summary: unit });
  ctx.publish({ topic: 'org.changed', payload: { entity: 'unit' } });
  return null;
}

export { requireUnit };
