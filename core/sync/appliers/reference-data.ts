import type { z } from 'zod';
import type { MessageData, ReferenceKind } from '../../../common/protocol';
import { REFERENCE_ITEM_SCHEMAS } from '../../../common/protocol/reference';
import { findUnitByName, findVillageByName, insertUnit, nextUnitSort, updateUnit } from '../../../db/queries/org';
import { upsertCalendarDay } from '../../../db/queries/calendar';
import { findCategoryByCode } from '../../../db/queries/reference';
import {
  deleteCountyCalendarDays,
  deleteUnusedCountyCategories,
  referenceVersion,
  replaceCountySchemes,
  setReferenceVersion,
  upsertCountyCategory,
  upsertDeadlineRule,
} from '../../../db/queries/sync';
import { invalidateCalendar } from '../../calendar/cache';
import { countySchemes } from './county-schemes';
import { Rejection, type ApplyContext } from '../apply-context';

type Items<K extends ReferenceKind> = z.infer<(typeof REFERENCE_ITEM_SCHEMAS)[K]>[];

function parseItems<K extends ReferenceKind>(kind: K, items: unknown[]): Items<K> {
  const schema = REFERENCE_ITEM_SCHEMAS[kind];
  return items.map((item, index) => {
    const parsed = schema.safeParse(item);
    if (!parsed.success)
      throw new Rejection('INVALID', `item ${index} of ${kind}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data as Items<K>[number];
  });
}

function categories(ctx: ApplyContext, items: Items<'categories'>): void {
  const codes = new Set(items.map((i) => i.code));
  // Parents first, so a child can find its parent's id.
  const ordered = [...items.filter((i) => !i.parent), ...items.filter((i) => i.parent)];
  ordered.forEach((item, index) => {
    const parentId = item.parent ? findCategoryByCode(ctx.db, item.parent)?.id : null;
    if (parentId === undefined)
      throw new Rejection('INVALID', `category ${item.code}: parent ${item.parent} is neither sent nor known here`);
    if (item.parent && !codes.has(item.parent) && findCategoryByCode(ctx.db, item.parent)?.parentId)
      throw new Rejection('INVALID', `category ${item.code}: the taxonomy has two levels only`);
    upsertCountyCategory(ctx.db, {
      id: findCategoryByCode(ctx.db, item.code)?.id ?? ctx.newId(),
      code: item.code,
      name: item.name,
      parentId,
      sort: item.sort ?? index + 1,
    });
  });
  deleteUnusedCountyCategories(ctx.db, [...codes]);
}

function deadlineRules(ctx: ApplyContext, items: Items<'deadline_rules'>): void {
  for (const item of items) {
    const category = findCategoryByCode(ctx.db, item.category);
    if (!category) throw new Rejection('INVALID', `deadline rule: category ${item.category} is not known here`);
    upsertDeadlineRule(ctx.db, {
      categoryId: category.parentId ?? category.id,
      priority: item.priority,
      signHours: item.signHours,
      handleDays: item.handleDays ?? null,
      handleHours: item.handleHours ?? null,
    });
  }
}

function holidayCalendar(ctx: ApplyContext, items: Items<'holiday_calendar'>): void {
  deleteCountyCalendarDays(ctx.db);
  for (const item of items) upsertCalendarDay(ctx.db, { date: item.date, kind: item.kind, name: item.name, source: 'county' });
  invalidateCalendar(ctx.db);
}

function units(ctx: ApplyContext, items: Items<'units'>): void {
  for (const item of items) {
    const village = item.village ? findVillageByName(ctx.db, item.village) : undefined;
    if (item.village && !village) throw new Rejection('INVALID', `unit ${item.name}: village ${item.village} is not known here`);
    const existing = findUnitByName(ctx.db, item.name);
    const fields = {
      name: item.name,
      platform: item.platform,
      kind: village ? ('village' as const) : ('department' as const),
      villageId: village?.id ?? null,
      phone: item.phone ?? null,
    };
    if (existing) updateUnit(ctx.db, { ...existing, ...fields, phone: item.phone ?? existing.phone });
    else insertUnit(ctx.db, { id: ctx.newId(), ...fields, sort: nextUnitSort(ctx.db) });
  }
  ctx.publish({ topic: 'org.changed', payload: { entity: 'unit' } });
}

/**
 * Replaces one kind of county-provided reference data when the version is
 * newer than the one applied; an older or equal version is recorded and skipped.
 */
export function applyReferenceData(ctx: ApplyContext, data: MessageData<'reference_data'>): void {
  const current = referenceVersion(ctx.db, data.kind);
  if (current !== null && data.version <= current) {
    ctx.result(data.kind, `version ${data.version} is not newer than ${current}; kept ${current}`);
    return;
  }
  switch (data.kind) {
    case 'categories':
      categories(ctx, parseItems('categories', data.items));
      break;
    case 'deadline_rules':
      deadlineRules(ctx, parseItems('deadline_rules', data.items));
      break;
    case 'holiday_calendar':
      holidayCalendar(ctx, parseItems('holiday_calendar', data.items));
      break;
    case 'units':
      units(ctx, parseItems('units', data.items));
      break;
    case 'scheme': {
      const items = parseItems('scheme', data.items);
      countySchemes(ctx, items);
      replaceCountySchemes(
        ctx.db,
        data.version,
        items.map((item) => ({ key: item.id, data: JSON.stringify(item) })),
      );
      break;
    }
  }
  setReferenceVersion(ctx.db, data.kind, data.version, JSON.stringify(data.items), ctx.now());
  ctx.result(data.kind, `version ${data.version}`);
}
