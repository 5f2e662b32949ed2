import type { EventSource, EventState, Priority, ResolvedLevel, Satisfaction } from '../../common/events';
import type { Db } from '../../db';
import { prepareBulkWriter, raiseSerialCounters, type ImportedEvent } from '../../db/queries/bulk';
import type { EventActionRecord, EventUnitRecord } from '../../db/queries/events';
import { getTownship, listGrids, listUnits, listVillages } from '../../db/queries/org';
import { listCategories, listRoutingRules } from '../../db/queries/reference';
import { computeDeadlines, formatChinaTime, HOUR_MS } from '../calendar';
import { newId } from '../context';
import { workingCalendar } from '../calendar/cache';
import { deadlineRule, warningSchedule } from '../calendar/event-deadlines';
import { bigrams, searchableText } from '../events/search-text';
import { DEMO_PLACES, DEMO_REPORTERS, DEMO_TEXTS } from './demo-texts';

const DAY = 24 * HOUR_MS;
const MINUTE = 60_000;

/** Deterministic PRNG (mulberry32): the same seed gives the same township history. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const weighted = <T extends string>(weights: Record<T, number>): T => {
    const entries = Object.entries(weights) as [T, number][];
    let r = next() * entries.reduce((s, [, w]) => s + w, 0);
    for (const [key, w] of entries) if ((r -= w) <= 0) return key;
    return entries[0]![0];
  };
  return { next, pick, weighted };
}

const SOURCES: Record<EventSource, number> = {
  grid_report: 45,
  hotline_12345: 25,
  walk_in: 8,
  county_assignment: 7,
  leader_instruction: 4,
  inspection: 6,
  iot_alarm: 5,
  // Taken over from an old system, never taken in: the demo has no history import of its own.
  history_import: 0,
};
const CATEGORY_WEIGHTS: Record<string, number> = {
  sanitation: 22,
  dispute: 14,
  parking: 12,
  fire: 9,
  traffic: 9,
  livelihood: 12,
  market: 7,
  construction: 6,
  safety: 6,
  emergency: 3,
};

export interface DemoOptions {
  count: number;
  days: number;
  now: number;
  seed?: number;
}

/**
 * A plausible history for the township: events over the last `days`, each
 * walked through the lifecycle with timings drawn around its deadlines, so
 * the queue holds fresh intake, running work, overdue, returned, reworked and
 * escalated events next to a long tail of archived ones.
 */
export function generateDemoEvents(db: Db, options: DemoOptions): { items: ImportedEvent[]; serials: Map<string, number> } {
  const r = random(options.seed ?? 20261130);
  const calendar = workingCalendar(db);
  const code = getTownship(db)?.code ?? 'CR';
  const categories = listCategories(db);
  const tops = new Map(categories.filter((c) => c.parentId === null).map((c) => [c.code, c]));
  const children = (topId: string) => categories.filter((c) => c.parentId === topId);
  const villages = listVillages(db);
  const grids = listGrids(db);
  const units = listUnits(db).filter((u) => u.kind === 'department');
  const routing = new Map([...tops.values()].map((t) => [t.id, listRoutingRules(db, t.id).map((rule) => rule.unitId)]));

  const reportTimes = Array.from(
    { length: options.count },
    () => options.now - Math.floor(options.days * DAY * Math.pow(r.next(), 1.25)) - 10 * MINUTE,
  ).sort((a, b) => a - b);
  const serials = new Map<string, number>();
  const items: ImportedEvent[] = [];
  const lastByCategory = new Map<string, string>();

  for (const reportedAt of reportTimes) {
    const topCode = r.weighted(CATEGORY_WEIGHTS);
    const top = tops.get(topCode)!;
    const category = r.pick(children(top.id));
    const text = r.pick(DEMO_TEXTS[topCode]!);
    const village = r.pick(villages);
    const grid = r.pick(grids.filter((g) => g.villageId === village.id));
    const place = `${village.name}${r.pick(DEMO_PLACES)}`;
    let source = r.weighted(SOURCES);
    if (source === 'iot_alarm' && topCode !== 'fire') source = 'grid_report';
    const priority: Priority =
      topCode === 'emergency' || source === 'iot_alarm' ? 'critical' : r.weighted({ normal: 85, urgent: 12, critical: 3 });
    const day = formatChinaTime(reportedAt).slice(0, 10).replace(/-/g, '');
    const n = (serials.get(day) ?? 0) + 1;
    serials.set(day, n);
    const id = newId();
    const actions: EventActionRecord[] = [];
    const unitsOnEvent: EventUnitRecord[] = [];
    let state: EventState = 'reported';
    const step = (
      kind: string,
      at: number,
      to: EventState,
      actor: string,
      role: string,
      unitId: string | null = null,
      note = '',
      payload = {},
    ) => {
      actions.push({
        id: newId(),
        eventId: id,
        kind,
        fromState: kind === 'create' ? null : state,
        toState: to,
        actorId: null,
        actorName: actor,
        actorRole: role,
        unitId,
        note,
        payload: JSON.stringify(payload),
        at,
      });
      state = to;
    };
    const e = {
      id,
      serial: `${code}-${day}-${String(n).padStart(4, '0')}`,
      title: text.title.replace('{p}', place),
      description: text.description,
      categoryId: category.id,
      requestType: r.next() < 0.08 ? ('consult' as const) : r.weighted({ request: 70, complaint: 25, suggestion: 5 }),
      source,
      priority,
      riskColour: priority === 'critical' ? ('red' as const) : r.weighted({ green: 75, yellow: 20, red: 5 }),
      villageId: village.id,
      gridId: grid.id,
      address: place,
      lat: null,
      lng: null,
      reporterName: r.pick(DEMO_REPORTERS),
      reporterPhone: `13${Math.floor(r.next() * 9) + 1}${String(Math.floor(r.next() * 1e8)).padStart(8, '0')}`,
      reportedAt,
      state,
      leadUnitId: null as string | null,
      dispatchedAt: null as number | null,
      signDueAt: null as number | null,
      handleDueAt: null as number | null,
      warning: 0 as 0 | 1 | 2,
      yellowAt: null as number | null,
      redAt: null as number | null,
      resolvedLevel: null as ResolvedLevel | null,
      satisfaction: null as Satisfaction | null,
      mergedInto: null as string | null,
      countyRef: source === 'county_assignment' ? `LJ-${day}-${String(n).padStart(5, '0')}` : null,
      owner: 'township' as 'township' | 'county',
      returnCount: 0,
      reworkCount: 0,
      closedAt: null as number | null,
      createdBy: null,
      createdAt: reportedAt,
      updatedAt: reportedAt,
    };
    const until = (at: number) => at <= options.now;
    simulate();
    e.state = state;
    e.updatedAt = actions.at(-1)!.at;
    const lead = unitsOnEvent.find((u) => u.role === 'lead' && u.state !== 'withdrawn');
    Object.assign(e, warningSchedule(calendar, priority === 'critical', { state, warning: 0 }, lead, options.now));
    if (e.redAt !== null) e.warning = options.now > e.redAt ? 2 : options.now >= (e.yellowAt ?? Infinity) ? 1 : 0;
    lastByCategory.set(top.id, id);
    const searchText = searchableText(e);
    items.push({ event: e, units: unitsOnEvent, actions, searchText, searchBigrams: bigrams(searchText) });

    function simulate(): void {
      step('create', reportedAt, 'reported', '王敏', 'operator');
      let t = Math.round(reportedAt + (5 + r.next() * 40) * MINUTE);
      if (!until(t)) return;
      if (r.next() < 0.03) return step('reject', t, 'rejected', '王敏', 'operator', null, '经核实情况不属实');
      const earlier = lastByCategory.get(top.id);
      if (earlier && r.next() < 0.03) {
        e.mergedInto = earlier;
        return step('merge', t, 'merged', '王敏', 'operator', null, '重复上报，合并处理', { intoId: earlier });
      }
      if (options.now - reportedAt < 3 * HOUR_MS && r.next() < 0.5) return; // still waiting at the intake desk
      step('register', t, 'registered', '王敏', 'operator');
      if (e.requestType === 'consult') {
        t += 20 * MINUTE;
        if (!until(t)) return;
        e.closedAt = t;
        e.resolvedLevel = 'township';
        step('answer', t, 'closed', '王敏', 'operator', null, '已电话答复');
        return callback(t);
      }
      if (options.now - reportedAt < 8 * HOUR_MS && r.next() < 0.4) return; // registered, waiting for dispatch
      if (r.next() < 0.02)
        return step('escalate', t + 30 * MINUTE, 'escalated', '陈建国', 'director', null, '涉及跨乡镇事项，提请县级协调');
      const candidates = routing.get(top.id) ?? [];
      let leadId = candidates.length > 0 && r.next() < 0.85 ? candidates[0]! : r.pick(units).id;
      for (let round = 0; round < 2; round++) {
        t += Math.round((10 + r.next() * 50) * MINUTE);
        if (!until(t)) return;
        const due = computeDeadlines(calendar, deadlineRule(db, category.id, priority), t);
        const assist = r.next() < 0.3 ? r.pick(units.filter((u) => u.id !== leadId)).id : null;
        unitsOnEvent.forEach((u) => (u.state = 'withdrawn'));
        for (const [unitId, role] of [[leadId, 'lead'], ...(assist ? [[assist, 'assist']] : [])] as [
          string,
          'lead' | 'assist',
        ][]) {
          const previous = unitsOnEvent.findIndex((u) => u.unitId === unitId);
          if (previous >= 0) unitsOnEvent.splice(previous, 1); // one row per unit, as the service keeps it
          unitsOnEvent.push({
            eventId: id,
            unitId,
            role,
            state: 'pending',
            instructions: '请按时限处置并反馈',
            dispatchedAt: t,
            ...due,
            signedAt: null,
            feedbackAt: null,
            returnedAt: null,
            warning: 0,
          });
        }
        Object.assign(e, { leadUnitId: leadId, dispatchedAt: t, ...due });
        step('dispatch', t, 'dispatched', '王敏', 'operator', leadId, '请按时限处置并反馈');
        const lead = unitsOnEvent.find((u) => u.unitId === leadId && u.state === 'pending')!;
        if (r.next() < 0.05) {
          t += Math.round((0.3 + r.next()) * HOUR_MS);
          if (!until(t)) return;
          lead.state = 'returned';
          lead.returnedAt = t;
          e.returnCount++;
          step('return', t, 'returned', '承办人', 'unit_handler', leadId, '不属于本单位职能', { reasonCode: 'not_our_function' });
          if (options.now - t < 2 * DAY) return;
          leadId = r.pick(units.filter((u) => u.id !== leadId)).id;
          continue;
        }
        const signAt = Math.round(t + (due.signDueAt - t) * (r.next() < 0.1 ? 1.1 + r.next() : r.next() * 0.9));
        if (!until(signAt)) return;
        lead.state = 'signed';
        lead.signedAt = signAt;
        step('sign', signAt, 'in_progress', '承办人', 'unit_handler', leadId);
        // The assisting unit signs for its share too, mostly in time (the assessment counts it).
        const helper = unitsOnEvent.find((u) => u.role === 'assist' && u.state === 'pending');
        const helperSignAt = Math.round(signAt + Math.max(0, due.signDueAt - signAt) * r.next() * (r.next() < 0.1 ? 3 : 0.9));
        if (helper && until(helperSignAt)) {
          helper.state = 'signed';
          helper.signedAt = helperSignAt;
          step('sign', helperSignAt, 'in_progress', '协办人', 'unit_handler', helper.unitId);
        }
        return work(lead, signAt, due.handleDueAt, helper?.state === 'signed' ? helper : undefined);
      }
    }

    function work(lead: EventUnitRecord, from: number, handleDueAt: number, helper?: EventUnitRecord): void {
      const late = r.next() < 0.12;
      let feedbackAt = Math.round(from + (handleDueAt - from) * (late ? 1.05 + r.next() * 2 : 0.2 + r.next() * 0.75));
      // The assisting unit reports back on its share before the lead reports the whole.
      if (helper && helper.signedAt! < feedbackAt) {
        const helperAt = Math.round(helper.signedAt! + (feedbackAt - helper.signedAt!) * (0.3 + r.next() * 0.6));
        if (!until(helperAt)) return;
        helper.state = 'fed_back';
        helper.feedbackAt = helperAt;
        step('feedback', helperAt, 'in_progress', '协办人', 'unit_handler', helper.unitId, '已配合完成分工事项');
      }
      if (!until(feedbackAt)) return;
      lead.state = 'fed_back';
      lead.feedbackAt = feedbackAt;
      step('feedback', feedbackAt, 'awaiting_verification', '承办人', 'unit_handler', lead.unitId, '已到现场处置完毕');
      let verifyAt = Math.round(feedbackAt + (1 + r.next() * 20) * HOUR_MS);
      if (r.next() < 0.07) {
        if (!until(verifyAt)) return;
        e.reworkCount++;
        lead.state = 'signed';
        lead.feedbackAt = null;
        step('rework', verifyAt, 'in_progress', '王敏', 'operator', lead.unitId, '现场核查未整改到位');
        feedbackAt = Math.round(verifyAt + (4 + r.next() * 40) * HOUR_MS);
        if (!until(feedbackAt)) return;
        lead.state = 'fed_back';
        lead.feedbackAt = feedbackAt;
        step('feedback', feedbackAt, 'awaiting_verification', '承办人', 'unit_handler', lead.unitId, '已重新整改');
        verifyAt = Math.round(feedbackAt + (1 + r.next() * 20) * HOUR_MS);
      }
      if (!until(verifyAt)) return;
      e.closedAt = verifyAt;
      e.resolvedLevel = r.weighted({ grid: 22, village: 33, township: 40, county: 5 });
      step('verify', verifyAt, 'closed', '王敏', 'operator', null, '', { resolvedLevel: e.resolvedLevel });
      callback(verifyAt);
    }

    function callback(closedAt: number): void {
      const at = Math.round(closedAt + (1 + r.next() * 2) * DAY);
      if (!until(at)) return;
      e.satisfaction = r.weighted({ satisfied: 80, basically_satisfied: 15, dissatisfied: 5 });
      step('callback', at, 'archived', '王敏', 'operator', null, '', { satisfaction: e.satisfaction });
    }
  }
  return { items, serials };
}

/** Writes generated events in batches of one transaction each. */
export function importDemoEvents(db: Db, items: ImportedEvent[], serials: Map<string, number>, batch = 5000): void {
  const write = prepareBulkWriter(db);
  for (let i = 0; i < items.length; i += batch) {
    db.transaction(() => items.slice(i, i + batch).forEach(write))();
  }
  raiseSerialCounters(db, serials);
}

export function seedDemoEvents(db: Db, now: number, count = 3000): number {
  const { items, serials } = generateDemoEvents(db, { count, days: 120, now });
  importDemoEvents(db, items, serials);
  return items.length;
}
