import type { OutputOf } from '../../common/contract';
import type { Unit } from '../../common/contract/org';
import { listUnits } from '../../db/queries/org';
import { getCategory, listRoutingRules, listTemplates } from '../../db/queries/reference';
import { computeDeadlines } from '../calendar';
import type { ServiceContext } from '../context';
import { workingCalendar } from '../calendar/cache';
import { deadlineRule } from '../calendar/event-deadlines';
import { requireEvent } from './lifecycle';

/**
 * Dispatch suggestions: the event's own village unit first when the category
 * is handled locally (属地优先), then the category's units in rule order; and
 * the one-matter templates for the category.
 */
export function routing(ctx: ServiceContext, input: { id: string }): OutputOf<'events.routing'> {
  const event = requireEvent(ctx, input.id);
  const category = getCategory(ctx.db, event.categoryId);
  const topId = category?.parentId ?? event.categoryId;
  const rules = listRoutingRules(ctx.db, topId);
  const units = new Map<string, Unit>(listUnits(ctx.db).map((u) => [u.id, u]));
  const suggestions: OutputOf<'events.routing'>['suggestions'] = [];
  if (rules.some((r) => r.localityFirst) && event.villageId) {
    for (const unit of units.values()) {
      if (unit.kind === 'village' && unit.villageId === event.villageId)
        suggestions.push({ unitId: unit.id, unitName: unit.name, reason: 'locality' });
    }
  }
  for (const rule of rules) {
    const unit = units.get(rule.unitId);
    if (unit && !suggestions.some((s) => s.unitId === unit.id))
      suggestions.push({ unitId: unit.id, unitName: unit.name, reason: 'category' });
  }
  const templates = listTemplates(ctx.db).filter((t) => t.categoryId === null || t.categoryId === topId);
  const due = computeDeadlines(workingCalendar(ctx.db), deadlineRule(ctx.db, event.categoryId, event.priority), ctx.now());
  return { suggestions, templates, ...due };
}
