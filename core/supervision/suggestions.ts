import type { SupervisionSettings, SupervisionSuggestion } from '../../common/contract';
import { DOCUMENT_TITLES } from '../../common/supervision';
import type { Db } from '../../db';
import { getUnit } from '../../db/queries/org';
import { getSetting, setSetting } from '../../db/queries/settings';
import { getOrder, listAnswers, listOrderUnitIds, liveOrderTargets } from '../../db/queries/supervision';
import { formatChinaTime } from '../calendar';
import {
  bouncedEvents,
  overdueEvents,
  redRiskEvents,
  unitOverdueCounts,
  yellowEvents,
  yellowOrderIds,
  type SuggestedEvent,
} from '../../db/queries/supervision-suggestions';
import { audit, type ServiceContext } from '../context';
import { DAY_MS, HOUR_MS } from '../calendar';
import { draft } from './read';

export const DEFAULT_SETTINGS: SupervisionSettings = { overdueRateThreshold: 0.2, overdueRateMinCount: 5 };
const KEYS = { overdueRateThreshold: 'supervision.overdueRateThreshold', overdueRateMinCount: 'supervision.overdueRateMinCount' };
/** How long a red-risk event may go without any timeline entry before it is suggested. */
export const STALL_MS = 24 * HOUR_MS;
export const RATE_WINDOW_MS = 30 * DAY_MS;

export function readSettings(db: Db): SupervisionSettings {
  const threshold = Number(getSetting(db, KEYS.overdueRateThreshold));
  const minCount = Number(getSetting(db, KEYS.overdueRateMinCount));
  return {
    overdueRateThreshold: threshold > 0 && threshold <= 1 ? threshold : DEFAULT_SETTINGS.overdueRateThreshold,
    overdueRateMinCount: Number.isInteger(minCount) && minCount >= 1 ? minCount : DEFAULT_SETTINGS.overdueRateMinCount,
  };
}

export function setSettings(ctx: ServiceContext, input: SupervisionSettings): SupervisionSettings {
  const before = readSettings(ctx.db);
  setSetting(ctx.db, KEYS.overdueRateThreshold, String(input.overdueRateThreshold));
  setSetting(ctx.db, KEYS.overdueRateMinCount, String(input.overdueRateMinCount));
  audit(ctx, { action: 'supervision.settings', entity: 'settings', entityId: 'supervision', summary: { before, after: input } });
  return readSettings(ctx.db);
}

/**
 * Candidates for supervision, found in the data. An event or unit that already
 * has an open or answered order is left out: it is being followed.
 */
export function suggestions(ctx: ServiceContext): { suggestions: SupervisionSuggestion[]; settings: SupervisionSettings } {
  const now = ctx.now();
  const settings = readSettings(ctx.db);
  const followedEvents = liveOrderTargets(ctx.db, 'event');
  const followedUnits = liveOrderTargets(ctx.db, 'unit');
  const out: SupervisionSuggestion[] = [];
  const seen = new Set<string>();
  const eventFacts = (e: SuggestedEvent) => ({ eventId: e.id, serial: e.serial, title: e.title });
  const forEvent = (
    kind: SupervisionSuggestion['kind'],
    e: SuggestedEvent,
    facts: SupervisionSuggestion['facts'],
    strength: 'chase' | 'order',
  ) => {
    if (followedEvents.has(e.id) || seen.has(e.id)) return;
    seen.add(e.id);
    out.push({
      kind,
      facts: { ...eventFacts(e), ...facts },
      draft: draft(ctx, { targetKind: 'event', targetId: e.id, strength }),
    });
  };

  for (const e of overdueEvents(ctx.db, now)) forEvent('overdue_event', e, { dueAt: e.handleDueAt ?? undefined }, 'order');
  for (const e of bouncedEvents(ctx.db))
    forEvent('bounced_event', e, { returnCount: e.returnCount, reworkCount: e.reworkCount }, 'order');
  for (const e of redRiskEvents(ctx.db)) {
    if (e.lastActionAt !== null && now - e.lastActionAt < STALL_MS) continue;
    forEvent('stalled_red_event', e, { lastActionAt: e.lastActionAt ?? undefined }, 'chase');
  }
  // Yellow before red: a chase while there is still time (PRODUCT.md).
  for (const e of yellowEvents(ctx.db)) forEvent('yellow_event', e, { dueAt: e.handleDueAt ?? undefined }, 'chase');
  for (const orderId of yellowOrderIds(ctx.db, now)) {
    const order = getOrder(ctx.db, orderId);
    if (!order) continue;
    const answered = new Set(listAnswers(ctx.db, order.id).map((a) => a.unitId));
    const silent = listOrderUnitIds(ctx.db, order.id).filter((id) => !answered.has(id));
    if (!silent.length) continue;
    const made = draft(ctx, { targetKind: order.targetKind, targetId: order.targetId, strength: 'chase' });
    made.unitIds = silent;
    made.problem = `${DOCUMENT_TITLES[order.strength]} ${order.serial}（${made.targetLabel}）办理时限为 ${formatChinaTime(order.dueAt).slice(0, 16)}，即将到期，尚未反馈整改情况。`;
    out.push({
      kind: 'yellow_order',
      facts: { orderId: order.id, orderSerial: order.serial, dueAt: order.dueAt, title: made.targetLabel },
      draft: made,
    });
  }
  for (const u of unitOverdueCounts(ctx.db, now, now - RATE_WINDOW_MS)) {
    const rate = u.overdue / u.total;
    if (u.total < settings.overdueRateMinCount || rate < settings.overdueRateThreshold || followedUnits.has(u.unitId)) continue;
    const unit = getUnit(ctx.db, u.unitId);
    if (!unit) continue;
    const made = draft(ctx, { targetKind: 'unit', targetId: unit.id, strength: 'order' });
    made.problem = `${unit.name}近 30 日承办事件 ${u.total} 件，超期 ${u.overdue} 件，超期率 ${(rate * 100).toFixed(1)}%，高于 ${(settings.overdueRateThreshold * 100).toFixed(0)}% 的督办线。`;
    out.push({
      kind: 'unit_overdue_rate',
      facts: { unitId: unit.id, unitName: unit.name, overdue: u.overdue, total: u.total, rate },
      draft: made,
    });
  }
  return { suggestions: out, settings };
}
