import type { Db } from '../../db';
import { findUnitByName } from '../../db/queries/org';
import { insertDeadlineRule, listCalendarDays, upsertCalendarDay } from '../../db/queries/calendar';
import {
  countCategories,
  findCategoryByCode,
  insertCategory,
  insertRoutingRule,
  insertTemplate,
} from '../../db/queries/reference';
import { bundledCalendarDays, DEFAULT_DEADLINE_RULES, type DeadlinePriority } from '../calendar';
import { newId } from '../context';
import { CATEGORY_SEED, ROUTING_SEED, TEMPLATE_SEED } from './taxonomy';

/** Fire and emergencies are worked faster than the defaults. */
const FAST_CATEGORIES = new Set(['fire', 'emergency', 'safety']);

/**
 * Reference data every installation needs, demo or not: the category
 * taxonomy with its deadline rules, and the holiday calendar. Runs only on an
 * empty table, so admin edits and county updates are never overwritten.
 */
export function seedReferenceData(db: Db): void {
  db.transaction(() => {
    if (countCategories(db) === 0) {
      CATEGORY_SEED.forEach((top, index) => {
        const id = newId();
        insertCategory(db, { id, parentId: null, code: top.code, name: top.name, sort: index + 1 });
        top.children.forEach(([code, name], childIndex) =>
          insertCategory(db, { id: newId(), parentId: id, code: `${top.code}.${code}`, name, sort: childIndex + 1 }),
        );
        for (const priority of Object.keys(DEFAULT_DEADLINE_RULES) as DeadlinePriority[]) {
          const rule = DEFAULT_DEADLINE_RULES[priority];
          const fast = FAST_CATEGORIES.has(top.code) && priority === 'normal';
          insertDeadlineRule(db, {
            categoryId: id,
            priority,
            signHours: fast ? 1 : rule.signHours,
            handleDays: rule.handleDays === null ? null : fast ? 3 : rule.handleDays,
            handleHours: rule.handleHours,
          });
        }
      });
    }
    if (listCalendarDays(db).length === 0) {
      for (const day of bundledCalendarDays()) upsertCalendarDay(db, { ...day, source: 'seed' });
    }
  })();
}

/** Routing rules and one-matter templates name demo units, so they come with the demo township. */
export function seedDemoRouting(db: Db): void {
  const unitId = (name: string) => findUnitByName(db, name)?.id;
  for (const [code, rule] of Object.entries(ROUTING_SEED)) {
    const category = findCategoryByCode(db, code);
    if (!category) continue;
    rule.units.forEach((name, index) => {
      const id = unitId(name);
      if (id) insertRoutingRule(db, { categoryId: category.id, unitId: id, localityFirst: rule.locality, sort: index + 1 });
    });
  }
  for (const t of TEMPLATE_SEED) {
    const lead = unitId(t.lead);
    if (!lead) continue;
    insertTemplate(db, {
      id: newId(),
      name: t.name,
      categoryId: findCategoryByCode(db, t.category)?.id ?? null,
      instructions: t.instructions,
      units: [
        { unitId: lead, role: 'lead' },
        ...t.assist.flatMap((name) => (unitId(name) ? [{ unitId: unitId(name)!, role: 'assist' as const }] : [])),
      ],
    });
  }
}
