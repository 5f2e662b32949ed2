/**
 * The user actions the crash harness performs, as generators. Each generator
 * does one real action through a real signed-in connection of the real core
 * and, once the call has returned ok (committed), says what must survive a
 * crash; after every kill it checks that all of it is still there.
 *
 * To cover a new feature, add a generator to CRASH_GENERATORS: `act` performs
 * one of the feature's actions (return null when none is possible now) and
 * `verify` lists what is missing for the committed ones. The general checks
 * (integrity, audit chain, outbox without gaps, timeline ↔ audit ↔ outbox)
 * apply to every generator without further work.
 */
import { randomBytes } from 'node:crypto';
import type { EventActionInput } from '../../../common/contract';
import type { Db } from '../../../db';
import { findUnitByName, listVillages } from '../../../db/queries/org';
import { findCategoryByCode } from '../../../db/queries/reference';
import {
  countAuditRows,
  countOutboxRows,
  eventActionById,
  hasPendingExtension,
  lastEventAction,
  lastOrderAction,
  orderActionById,
  randomEventInState,
  randomOrderOfUnit,
} from '../../../db/testing-crash';
import type { Connection, CoreApp } from '../../app';
import { DEMO_PASSWORD } from '../../demo/demo-township';

/** What one committed action left behind, as reported to the parent. */
export interface Committed {
  generator: string;
  kind: string;
  /** The record the action is about (an event id). */
  entityId: string;
  /** The record the action wrote (the timeline entry's id). */
  recordId: string;
}

export interface CrashWorld {
  app: CoreApp;
  db: Db;
  as: Record<'operator' | 'director' | 'handler', Connection>;
  random: () => number;
}

export interface CrashGenerator {
  name: string;
  act(world: CrashWorld): Promise<Committed | null>;
  verify(db: Db, committed: Committed[]): string[];
}

/** A 1×1 PNG with random trailing bytes, so each photo is a new file. */
function photo(): { name: string; mime: 'image/png'; dataBase64: string } {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  return { name: '现场.png', mime: 'image/png', dataBase64: Buffer.concat([png, randomBytes(24)]).toString('base64') };
}

async function ok(connection: Connection, method: string, input: unknown): Promise<unknown> {
  const result = await connection.call(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

const lastAction = (db: Db, eventId: string) => lastEventAction(db, eventId)!;

/** The event lifecycle: intake, dispatch, sign, return and arbitration, feedback with photos, verify, extension … */
export const eventLifecycle: CrashGenerator = {
  name: 'events',
  async act(w) {
    const pick = (state: string) => randomEventInState(w.db, state);
    const lead = findUnitByName(w.db, '综合行政执法队')!.id;
    const moves: [string, (id: string) => [Connection, EventActionInput]][] = [
      ['registered', (id) => [w.as.director, { action: 'dispatch', id, leadUnitId: lead, instructions: '请尽快处置' }]],
      [
        'dispatched',
        (id) =>
          w.random() < 0.8
            ? [w.as.handler, { action: 'sign', id }]
            : [w.as.handler, { action: 'return', id, reasonCode: 'not_our_function', reason: '不属于本单位职能' }],
      ],
      ['returned', (id) => [w.as.director, { action: 'arbitrate', id, decision: 'overrule', note: '属本单位职责，继续办理' }]],
      [
        'in_progress',
        (id) => {
          if (hasPendingExtension(w.db, id)) return [w.as.director, { action: 'decideExtension', id, approve: w.random() < 0.5 }];
          if (w.random() < 0.2)
            return [
              w.as.handler,
              { action: 'requestExtension', id, requestedDue: Date.now() + 60 * 86_400_000, reason: '需协调多个部门' },
            ];
          return [w.as.handler, { action: 'feedback', id, text: '已处置完毕', photos: w.random() < 0.3 ? [photo()] : [] }];
        },
      ],
      [
        'awaiting_verification',
        (id) =>
          w.random() < 0.8
            ? [w.as.operator, { action: 'verify', id, resolvedLevel: 'township' }]
            : [w.as.operator, { action: 'rework', id, reason: '现场仍有垃圾' }],
      ],
      ['closed', (id) => [w.as.operator, { action: 'callback', id, satisfaction: 'satisfied' }]],
    ];
    const candidates = moves.map(([state, move]) => [pick(state), move] as const).filter(([id]) => id !== undefined);
    if (candidates.length === 0 || w.random() < 0.25) {
      const created = (await ok(w.as.operator, 'events.create', {
        title: '村口垃圾堆放',
        description: '村口桥头有大量生活垃圾堆放，气味很大',
        categoryId: findCategoryByCode(w.db, 'sanitation.garbage')!.id,
        requestType: 'request',
        source: 'grid_report',
        priority: w.random() < 0.2 ? 'urgent' : 'normal',
        villageId: listVillages(w.db)[0]!.id,
        reporterName: '张三',
        reporterPhone: '13812345678',
        register: w.random() < 0.8,
      })) as { id: string };
      const entry = lastAction(w.db, created.id);
      return { generator: 'events', kind: entry.kind, entityId: created.id, recordId: entry.id };
    }
    const [id, move] = candidates[Math.floor(w.random() * candidates.length)]!;
    const [who, input] = move(id!);
    await ok(who, 'events.act', input);
    const entry = lastAction(w.db, id!);
    return { generator: 'events', kind: entry.kind, entityId: id!, recordId: entry.id };
  },
  verify(db, committed) {
    const problems: string[] = [];
    for (const c of committed) {
      const row = eventActionById(db, c.recordId);
      if (!row) problems.push(`committed ${c.kind} ${c.recordId} on event ${c.entityId} is missing from the timeline`);
      else if (row.kind !== c.kind || row.eventId !== c.entityId) problems.push(`timeline entry ${c.recordId} changed`);
      if (countOutboxRows(db, 'event_action', c.recordId) !== 1)
        problems.push(`committed ${c.kind} ${c.recordId} has no outbox row`);
      if (countAuditRows(db, 'event', c.entityId, c.kind) < 1)
        problems.push(`committed ${c.kind} on ${c.entityId} has no audit row`);
    }
    return problems;
  },
};

/** Supervision: the director issues an order to a unit, the unit answers, the director accepts or rejects (再督办). */
export const supervisionLoop: CrashGenerator = {
  name: 'supervision',
  async act(w) {
    const unit = findUnitByName(w.db, '综合行政执法队')!.id;
    const pick = (state: string) => randomOrderOfUnit(w.db, unit, state);
    const answered = pick('answered');
    const open = pick('open');
    let orderId: string;
    if (answered && w.random() < 0.5) {
      const accept = w.random() < 0.7;
      await ok(
        w.as.director,
        'supervision.decide',
        accept
          ? { id: answered, decision: 'accept', note: '整改到位，予以销号' }
          : { id: answered, decision: 'reject', note: '整改不彻底', dueAt: Date.now() + 7 * 86_400_000 },
      );
      orderId = answered;
    } else if (open && w.random() < 0.6) {
      await ok(w.as.handler, 'supervision.answer', {
        id: open,
        text: '已按要求完成整改',
        photos: w.random() < 0.3 ? [photo()] : [],
      });
      orderId = open;
    } else {
      const issued = (await ok(w.as.director, 'supervision.issue', {
        strength: 'order',
        targetKind: 'unit',
        targetId: unit,
        unitIds: [unit],
        problem: '占道经营问题反复出现',
        requirements: '限期整改并报送整改情况',
        dueAt: Date.now() + 7 * 86_400_000,
      })) as { id: string };
      orderId = issued.id;
    }
    const entry = lastOrderAction(w.db, orderId)!;
    return { generator: 'supervision', kind: entry.kind, entityId: orderId, recordId: entry.id };
  },
  verify(db, committed) {
    const problems: string[] = [];
    for (const c of committed) {
      const row = orderActionById(db, c.recordId);
      if (!row) problems.push(`committed ${c.kind} ${c.recordId} on order ${c.entityId} is missing from its timeline`);
      else if (row.kind !== c.kind || row.orderId !== c.entityId) problems.push(`order timeline entry ${c.recordId} changed`);
      if (countOutboxRows(db, 'supervision_order', c.entityId) < 1)
        problems.push(`committed ${c.kind} on order ${c.entityId} has no outbox row`);
      if (countAuditRows(db, 'supervision_order', c.entityId, `supervision.${c.kind}`) < 1)
        problems.push(`committed ${c.kind} on order ${c.entityId} has no audit row`);
    }
    return problems;
  },
};

export const CRASH_GENERATORS: CrashGenerator[] = [eventLifecycle, supervisionLoop];

/** Signs in the people the generators act as. */
export async function crashWorld(app: CoreApp, random: () => number): Promise<CrashWorld> {
  const signIn = async (username: string) => {
    const connection = app.connect(() => {});
    await ok(connection, 'auth.login', { username, password: DEMO_PASSWORD });
    return connection;
  };
  return {
    app,
    db: app.db,
    as: { operator: await signIn('operator'), director: await signIn('director'), handler: await signIn('handler') },
    random,
  };
}
