/**
 * A million-event township for benchmarks, built in minutes: the lives of
 * db/testing-big-lifecycle.ts written with plain INSERTs in a few big
 * transactions into a migrated, seeded database (the real schema). The
 * secondary indexes and the assignment triggers are dropped for the load and
 * created again from their own SQL afterwards, which is what makes it fast:
 * SQLite builds an index from sorted rows far quicker than it maintains it row
 * by row. The assignment history is written as the triggers of migration 0011
 * would have written it, so every indicator has returns (accepted, upheld,
 * overruled), reworks, reopens, extensions and call-backs to count.
 *
 * Not written: the full-text index, the audit log and the outbox (the
 * assessment reads none of them); deadlines count calendar time (working
 * days × 7/5) rather than the working calendar. Not used by production code.
 */
import { DAY, HOUR, liveEvent, random, type EventLife, type LifeContext } from './testing-big-lifecycle';
import type { Db } from './open';
import { sql } from './statements';

/** Bump when the generated data changes: the cached files of bench/ are keyed by it. */
export const BIG_TOWNSHIP_VERSION = 1;

export interface BigTownshipOptions {
  events: number;
  /** The moment the township is seen at; events span `days` before it. */
  now: number;
  days: number;
  seed?: number;
  /** What people report, per top category code; `{p}` is a place. */
  texts: Record<string, { title: string; description: string }[]>;
  places: readonly string[];
  reporters: readonly string[];
  /** Assessed units wanted in all: village committees first, then service stations (30 by default). */
  units?: number;
  onProgress?: (events: number) => void;
}

export interface BigTownshipStats {
  events: number;
  eventUnits: number;
  assignments: number;
  actions: number;
  extensions: number;
  orders: number;
  findings: number;
  units: number;
  loadSeconds: number;
  indexSeconds: number;
}

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
const SOURCES = {
  grid_report: 45,
  hotline_12345: 25,
  walk_in: 8,
  county_assignment: 7,
  leader_instruction: 4,
  inspection: 6,
  iot_alarm: 5,
};
const TRANSACTION = 50_000;
const BIG_TABLES = [
  'events',
  'event_units',
  'event_actions',
  'event_assignments',
  'extension_requests',
  'supervision_orders',
  'supervision_order_units',
  'supervision_answers',
  'inspection_findings',
];

/** A UUID-shaped id that sorts in insertion order, so the primary keys are appended to. */
function idOf(kind: number, n: number): string {
  const hex = n.toString(16).padStart(20, '0');
  return `0${kind.toString(16)}${hex.slice(0, 6)}-${hex.slice(6, 10)}-7${hex.slice(10, 13)}-8${hex.slice(13, 16)}-${hex.slice(16)}00000000`;
}

function chinaDay(at: number): string {
  return new Date(at + 8 * HOUR).toISOString().slice(0, 10).replace(/-/g, '');
}

/** Fills a migrated, seeded, event-less database with `events` events and what hangs off them. */
export function fillBigTownship(db: Db, o: BigTownshipOptions): BigTownshipStats {
  const r = random(o.seed ?? 20261207);
  const stats: BigTownshipStats = {
    events: 0,
    eventUnits: 0,
    assignments: 0,
    actions: 0,
    extensions: 0,
    orders: 0,
    findings: 0,
    units: 0,
    loadSeconds: 0,
    indexSeconds: 0,
  };
  const code = sql<{ code: string }>(db, 'SELECT code FROM township LIMIT 1').get()?.code ?? 'CR';
  const operatorId = sql<{ id: string }>(db, "SELECT id FROM users WHERE role = 'operator' LIMIT 1").get()!.id;
  const directorId = sql<{ id: string }>(db, "SELECT id FROM users WHERE role = 'director' LIMIT 1").get()!.id;
  const handlerId = sql<{ id: string }>(db, "SELECT id FROM users WHERE role = 'unit_handler' LIMIT 1").get()!.id;
  const villages = sql<{ id: string; name: string }>(db, 'SELECT id, name FROM villages ORDER BY sort').all();
  const grids = sql<{ id: string; villageId: string }>(db, 'SELECT id, village_id AS villageId FROM grids').all();
  const departments = sql<{ id: string }>(db, "SELECT id FROM units WHERE kind = 'department' ORDER BY sort")
    .all()
    .map((u) => u.id);

  // Village committees and service stations, so that 30 units are assessed as in a real township.
  const wanted = o.units ?? 30;
  const addUnit = sql(db, 'INSERT OR IGNORE INTO units (id, name, platform, kind, village_id) VALUES (?, ?, ?, ?, ?)');
  const unitCount = () => sql<{ n: number }>(db, 'SELECT count(*) AS n FROM units').get()!.n;
  let added = 0;
  for (const v of villages) {
    if (unitCount() >= wanted) break;
    addUnit.run(idOf(15, ++added), `${v.name}村委会`, 'public_service', 'village', v.id);
  }
  while (unitCount() < wanted) addUnit.run(idOf(15, ++added), `便民服务站${added}`, 'public_service', 'department', null);
  const villageUnit = new Map(
    sql<{ id: string; villageId: string }>(db, "SELECT id, village_id AS villageId FROM units WHERE kind = 'village'")
      .all()
      .map((u) => [u.villageId, u.id]),
  );
  const stations = sql<{ id: string }>(db, "SELECT id FROM units WHERE name LIKE '便民服务站%'")
    .all()
    .map((u) => u.id);
  stats.units = unitCount();

  const categories = sql<{ id: string; parentId: string | null; code: string }>(
    db,
    'SELECT id, parent_id AS parentId, code FROM categories',
  ).all();
  const tops = categories.filter((cat) => cat.parentId === null);
  const weights = Object.fromEntries(tops.map((t) => [t.code, CATEGORY_WEIGHTS[t.code] ?? 3]));
  const topByCode = new Map(tops.map((t) => [t.code, t]));
  const childrenOf = new Map(tops.map((t) => [t.id, categories.filter((cat) => cat.parentId === t.id)]));
  const firstRoute = new Map(
    sql<{ categoryId: string; unitId: string }>(
      db,
      'SELECT category_id AS categoryId, unit_id AS unitId FROM routing_rules ORDER BY category_id, sort',
    )
      .all()
      .reverse()
      .map((rule) => [rule.categoryId, rule.unitId]),
  );
  const rules = new Map(
    sql<{ categoryId: string; priority: string; signHours: number; handleDays: number | null; handleHours: number | null }>(
      db,
      'SELECT category_id AS categoryId, priority, sign_hours AS signHours, handle_days AS handleDays, handle_hours AS handleHours FROM deadline_rules',
    )
      .all()
      .map((rule) => [`${rule.categoryId}|${rule.priority}`, rule]),
  );
  const context: LifeContext = {
    now: o.now,
    r,
    departments,
    directorId,
    deadlines(topId, priority, t) {
      const rule = rules.get(`${topId}|${priority}`);
      const signHours = rule?.signHours ?? 24;
      const handle = rule?.handleHours != null ? rule.handleHours * HOUR : ((rule?.handleDays ?? 5) * DAY * 7) / 5;
      return { signDueAt: Math.round(t + signHours * HOUR), handleDueAt: Math.round(t + handle) };
    },
  };

  // The load: without secondary indexes and without the assignment triggers (the rows are written as they would leave them).
  const dropped = sql<{ type: string; name: string; sql: string }>(
    db,
    `SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND (
       type = 'index' AND tbl_name IN (${BIG_TABLES.map((t) => `'${t}'`).join(', ')})
       OR type = 'trigger' AND tbl_name IN ('event_units', 'event_actions'))`,
  ).all();
  for (const d of dropped) db.exec(`DROP ${d.type.toUpperCase()} ${d.name}`);
  // Rows are generated with their parents: no foreign-key lookups per row (core/assessment/big-township.test.ts checks them).
  const synchronous = db.pragma('synchronous', { simple: true });
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  const cacheSize = db.pragma('cache_size', { simple: true });
  db.pragma('cache_size = -262144');

  const insertEvent = sql(
    db,
    `INSERT INTO events (id, serial, title, description, category_id, request_type, source, priority, risk_colour,
       village_id, grid_id, address, reporter_name, reporter_phone, reported_at, state, lead_unit_id, dispatched_at,
       sign_due_at, handle_due_at, warning, yellow_at, red_at, resolved_level, satisfaction, merged_into, county_ref,
       return_count, rework_count, closed_at, created_by, created_at, updated_at)
     VALUES (@id, @serial, @title, @description, @categoryId, @requestType, @source, @priority, @riskColour,
       @villageId, @gridId, @address, @reporterName, @reporterPhone, @reportedAt, @state, @leadUnitId, @dispatchedAt,
       @signDueAt, @handleDueAt, @warning, @yellowAt, @redAt, @resolvedLevel, @satisfaction, @mergedInto, @countyRef,
       @returnCount, @reworkCount, @closedAt, @createdBy, @reportedAt, @updatedAt)`,
  );
  const insertUnit = sql(
    db,
    `INSERT INTO event_units (event_id, unit_id, role, state, instructions, dispatched_at, sign_due_at, handle_due_at,
       signed_at, feedback_at, returned_at, warning)
     VALUES (@eventId, @unitId, @role, @state, '请按时限处置并反馈', @dispatchedAt, @signDueAt, @handleDueAt,
       @signedAt, @feedbackAt, @returnedAt, @warning)`,
  );
  const insertAssignment = sql(
    db,
    `INSERT INTO event_assignments (event_id, unit_id, role, state, dispatched_at, sign_due_at, handle_due_at, prev_due_at,
       due_changed_at, signed_at, first_feedback_at, feedback_at, reworked_at, returned_at, return_verdict, verdict_at,
       verdict_by, closed_at, withdrawn_at)
     VALUES (@eventId, @unitId, @role, @state, @dispatchedAt, @signDueAt, @handleDueAt, @prevDueAt, @dueChangedAt,
       @signedAt, @firstFeedbackAt, @feedbackAt, @reworkedAt, @returnedAt, @returnVerdict, @verdictAt, @verdictBy,
       @closedAt, @withdrawnAt)`,
  );
  const insertAction = sql(
    db,
    `INSERT INTO event_actions (id, event_id, kind, from_state, to_state, actor_name, actor_role, unit_id, note, payload, at)
     VALUES (@id, @eventId, @kind, @fromState, @toState, @actorName, @actorRole, @unitId, @note, @payload, @at)`,
  );
  const insertExtension = sql(
    db,
    `INSERT INTO extension_requests (id, event_id, unit_id, reason, requested_due, state, requested_by, requested_at,
       decided_by, decided_at) VALUES (?, ?, ?, '现场情况复杂，申请延期', ?, ?, ?, ?, ?, ?)`,
  );
  const insertOrder = sql(
    db,
    `INSERT INTO supervision_orders (id, serial, year, number, strength, colour, target_kind, target_id, problem,
       requirements, due_at, issued_by, issued_at, state, closed_at, issuer_name, yellow_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '限期整改并反馈', ?, ?, ?, ?, ?, '清溪镇指挥室', ?)`,
  );
  const insertOrderUnit = sql(db, 'INSERT INTO supervision_order_units (order_id, unit_id) VALUES (?, ?)');
  const insertAnswer = sql(
    db,
    `INSERT INTO supervision_answers (id, order_id, unit_id, text, answered_by, answered_at, late, decision, decided_by,
       decided_at) VALUES (?, ?, ?, '已整改到位', ?, ?, ?, ?, ?, ?)`,
  );
  const insertFinding = sql(
    db,
    `INSERT INTO inspection_findings (id, found_at, place, village_id, unit_id, problem, inspector, recorded_by,
       recorded_at, order_id, state, closed_at) VALUES (?, ?, ?, ?, ?, '暗访发现问题未整改', '督查组', ?, ?, ?, ?, ?)`,
  );
  const raiseCounter = sql(
    db,
    'INSERT INTO serial_counters (day, last) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET last = max(last, excluded.last)',
  );
  const raiseOrderCounter = sql(
    db,
    'INSERT INTO supervision_counters (year, last) VALUES (?, ?) ON CONFLICT (year) DO UPDATE SET last = max(last, excluded.last)',
  );

  // Report times: more events lately (a growing township), sorted so that ids and serials follow time.
  const reportTimes = Float64Array.from(
    { length: o.events },
    () => o.now - Math.floor(o.days * DAY * Math.pow(r.next(), 1.15)) - 600_000,
  );
  reportTimes.sort();
  const perDay = new Map<string, number>();
  const orderNumbers = new Map<number, number>();
  const lastByTop = new Map<string, string>();
  let actionN = 0;
  let extensionN = 0;
  let orderN = 0;
  let answerN = 0;
  let findingN = 0;

  /** A supervision order on a unit (and maybe a second), answered on time, late or not yet. */
  const order = (issuedAt: number, targetKind: string, targetId: string, unitIds: string[], problem: string) => {
    const year = Number(chinaDay(issuedAt).slice(0, 4));
    const number = (orderNumbers.get(year) ?? 0) + 1;
    orderNumbers.set(year, number);
    const id = idOf(3, ++orderN);
    const strength = r.weighted({ chase: 50, order: 40, flagged: 10 });
    const dueAt = issuedAt + Math.round((3 + r.next() * 25) * DAY);
    let state = 'open';
    let closedAt: number | null = null;
    const answers: [string, number, number][] = [];
    for (const unitId of unitIds) {
      const answeredAt = Math.round(issuedAt + (dueAt - issuedAt) * (r.next() < 0.15 ? 1.05 + r.next() : 0.3 + r.next() * 0.65));
      if (answeredAt <= o.now && r.next() < 0.95) answers.push([unitId, answeredAt, answeredAt > dueAt ? 1 : 0]);
    }
    if (answers.length === unitIds.length && answers.length > 0) {
      const last = Math.max(...answers.map((a) => a[1]));
      state = last + 2 * DAY <= o.now ? 'accepted' : 'answered';
      if (state === 'accepted') closedAt = last + 2 * DAY;
    }
    const colour = strength === 'chase' ? 'blue' : strength === 'order' ? 'yellow' : 'red';
    insertOrder.run(id, `督〔${year}〕${number}号`, year, number, strength, colour, targetKind, targetId, problem, dueAt, directorId,
      issuedAt, state, closedAt, Math.round(issuedAt + (dueAt - issuedAt) * 0.75)); // prettier-ignore
    for (const unitId of unitIds) insertOrderUnit.run(id, unitId);
    for (const [unitId, at, late] of answers) {
      const decided = state === 'accepted' ? closedAt : null;
      insertAnswer.run(
        idOf(4, ++answerN),
        id,
        unitId,
        handlerId,
        at,
        late,
        decided ? 'accepted' : null,
        decided ? directorId : null,
        decided,
      );
    }
    stats.orders++;
    return id;
  };

  const write = (e: Record<string, unknown>, life: EventLife) => {
    insertEvent.run(e);
    for (const u of life.units) insertUnit.run(u);
    for (const a of life.assignments) insertAssignment.run(a);
    for (const a of life.actions) insertAction.run({ ...a, id: idOf(2, ++actionN), eventId: e.id });
    for (const x of life.extensions) {
      insertExtension.run(
        idOf(5, ++extensionN),
        e.id,
        x.unitId,
        x.requestedDue,
        x.state,
        handlerId,
        x.requestedAt,
        directorId,
        x.decidedAt,
      );
    }
    stats.eventUnits += life.units.length;
    stats.assignments += life.assignments.length;
    stats.actions += life.actions.length;
    stats.extensions += life.extensions.length;
  };

  const loadStarted = performance.now();
  for (let from = 0; from < o.events; from += TRANSACTION) {
    db.transaction(() => {
      for (let i = from; i < Math.min(o.events, from + TRANSACTION); i++) {
        const reportedAt = reportTimes[i]!;
        const top = topByCode.get(r.weighted(weights))!;
        const category = r.pick(childrenOf.get(top.id)!.length > 0 ? childrenOf.get(top.id)! : [top]);
        const village = r.pick(villages);
        const villageGrids = grids.filter((g) => g.villageId === village.id);
        const place = `${village.name}${r.pick(o.places)}`;
        const text = r.pick(o.texts[top.code] ?? o.texts[Object.keys(o.texts)[0]!]!);
        let source = r.weighted(SOURCES);
        if (source === 'iot_alarm' && top.code !== 'fire') source = 'grid_report';
        const priority =
          top.code === 'emergency' || source === 'iot_alarm' ? 'critical' : r.weighted({ normal: 85, urgent: 12, critical: 3 });
        const consult = r.next() < 0.08;
        const requestType = consult ? 'consult' : r.weighted({ request: 70, complaint: 25, suggestion: 5 });
        const route = r.next();
        const lead =
          route < 0.7 && firstRoute.has(top.id)
            ? firstRoute.get(top.id)!
            : route < 0.88 && villageUnit.has(village.id)
              ? villageUnit.get(village.id)!
              : route < 0.92 && stations.length > 0
                ? r.pick(stations)
                : r.pick(departments);
        const id = idOf(1, i + 1);
        const earlier = lastByTop.get(top.id);
        const life = liveEvent(context, {
          id,
          topId: top.id,
          priority,
          reportedAt,
          consult,
          lead,
          canMerge: lastByTop.has(top.id),
        });
        lastByTop.set(top.id, id);
        const day = chinaDay(reportedAt);
        const n = (perDay.get(day) ?? 0) + 1;
        perDay.set(day, n);
        const running = ['dispatched', 'in_progress', 'awaiting_verification', 'returned'].includes(life.state);
        const yellowAt = running ? Math.round(life.handleDueAt! - (life.handleDueAt! - life.dispatchedAt!) / 4) : null;
        const redAt = running ? life.handleDueAt : null;
        write(
          {
            id,
            serial: `${code}-${day}-${String(n).padStart(4, '0')}`,
            title: text.title.replace('{p}', place),
            description: text.description,
            categoryId: category.id,
            requestType,
            source,
            priority,
            riskColour: priority === 'critical' ? 'red' : r.weighted({ green: 75, yellow: 20, red: 5 }),
            villageId: village.id,
            gridId: villageGrids.length > 0 ? r.pick(villageGrids).id : null,
            address: place,
            reporterName: r.pick(o.reporters),
            reporterPhone: `13${1 + Math.floor(r.next() * 9)}${String(Math.floor(r.next() * 1e8)).padStart(8, '0')}`,
            reportedAt,
            state: life.state,
            leadUnitId: life.leadUnitId,
            dispatchedAt: life.dispatchedAt,
            signDueAt: life.signDueAt,
            handleDueAt: life.handleDueAt,
            warning: redAt !== null && o.now > redAt ? 2 : yellowAt !== null && o.now >= yellowAt ? 1 : 0,
            yellowAt,
            redAt,
            resolvedLevel: life.resolvedLevel,
            satisfaction: life.satisfaction,
            mergedInto: life.merged ? earlier : null,
            countyRef: source === 'county_assignment' ? `LJ-${day}-${String(n).padStart(5, '0')}` : null,
            returnCount: life.returnCount,
            reworkCount: life.reworkCount,
            closedAt: life.closedAt,
            createdBy: operatorId,
            updatedAt: life.actions.at(-1)!.at,
          },
          life,
        );
        // About one event in a hundred draws a supervision order on its lead unit, days after the dispatch.
        const issuedAt = life.dispatchedAt === null ? null : life.dispatchedAt + Math.round((1 + r.next() * 6) * DAY);
        if (issuedAt !== null && issuedAt <= o.now && r.next() < 0.01) {
          const units = [life.leadUnitId!, ...life.units.filter((u) => u.role === 'assist').map((u) => u.unitId)];
          order(issuedAt, 'event', id, units, `${text.title.replace('{p}', place)}，办理滞后`);
        }
        // One in two hundred: an undercover inspection finding, every other one turned into an order.
        if (r.next() < 0.005) {
          const unitId = r.next() < 0.5 ? (villageUnit.get(village.id) ?? lead) : r.pick(departments);
          const findingId = idOf(6, ++findingN);
          const orderAt = reportedAt + DAY;
          const ordered = orderAt <= o.now && r.next() < 0.5;
          insertFinding.run(findingId, reportedAt, place, village.id, unitId, operatorId, reportedAt, null, 'open', null);
          if (ordered) {
            const orderId = order(orderAt, 'finding', findingId, [unitId], `${place}暗访问题整改`);
            sql(db, "UPDATE inspection_findings SET order_id = ?, state = 'ordered' WHERE id = ?").run(orderId, findingId);
          }
          stats.findings++;
        }
        stats.events++;
      }
    })();
    o.onProgress?.(stats.events);
  }
  for (const [day, last] of perDay) raiseCounter.run(day, last);
  for (const [year, last] of orderNumbers) raiseOrderCounter.run(year, last);
  stats.loadSeconds = (performance.now() - loadStarted) / 1000;

  const indexStarted = performance.now();
  db.transaction(() => {
    for (const d of dropped) db.exec(d.sql);
  })();
  stats.indexSeconds = (performance.now() - indexStarted) / 1000;
  db.pragma('foreign_keys = ON');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma(`cache_size = ${cacheSize}`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  return stats;
}
