/**
 * Test fixtures for events: a core with the demo township, a second unit
 * handler for an assisting unit, and events walked into any state through
 * the real lifecycle. Not used by production code.
 */
import type { EventActionInput, NewEvent } from '../../common/contract';
import type { EventState } from '../../common/events';
import { findUnitByName, listVillages } from '../../db/queries/org';
import { findCategoryByCode } from '../../db/queries/reference';
import { setSetting } from '../../db/queries/settings';
import { insertUser } from '../../db/queries/users';
import { hashPassword } from '../auth/password';
import type { Connection } from '../app';
import type { PrintPdf } from '../print/pdf';
import { DEMO_PASSWORD } from '../demo/demo-township';
import { expectOk, startTestCore, type TestCore } from './core';

/** The smallest valid PNG: a 1×1 pixel. */
export const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export interface EventsWorld {
  core: TestCore;
  operator: Connection;
  director: Connection;
  /** Handler of 综合行政执法队, the lead unit in fixtures. */
  handler: Connection;
  /** Handler of 派出所, the assisting unit in fixtures. */
  assistHandler: Connection;
  assessor: Connection;
  viewer: Connection;
  admin: Connection;
  leadUnitId: string;
  assistUnitId: string;
  categoryId: string;
  villageId: string;
  newEvent(overrides?: Partial<NewEvent>): Promise<string>;
  act(who: Connection, input: EventActionInput): Promise<void>;
  /** A fresh event walked into `state` through legal moves. */
  eventIn(state: EventState, options?: { pendingExtension?: boolean }): Promise<string>;
}

export async function startEventsWorld(options: { printPdf?: PrintPdf } = {}): Promise<EventsWorld> {
  const core = startTestCore(options);
  const db = core.db;
  const leadUnitId = findUnitByName(db, '综合行政执法队')!.id;
  const assistUnitId = findUnitByName(db, '派出所')!.id;
  const now = core.clock.now;
  // These tests travel in time across months; sessions must outlive the trip.
  setSetting(db, 'session.idleMinutes', String(10 * 365 * 24 * 60));
  insertUser(db, {
    id: '01a22add-9fde-72a4-abf5-b2b65e3f0001',
    username: 'police',
    displayName: '钱警官',
    role: 'unit_handler',
    unitId: assistUnitId,
    passwordHash: hashPassword(DEMO_PASSWORD),
    mustChangePassword: false,
    disabled: false,
    failedLogins: 0,
    lockedUntil: null,
    lastLoginAt: null,
    createdAt: now,
    updatedAt: now,
  });
  const assistHandler = core.connect();
  expectOk(await assistHandler.call('auth.login', { username: 'police', password: DEMO_PASSWORD }));
  const [operator, director, handler, assessor, viewer, admin] = await Promise.all(
    (['operator', 'director', 'unit_handler', 'assessor', 'viewer', 'admin'] as const).map((r) => core.signIn(r)),
  );
  const categoryId = findCategoryByCode(db, 'sanitation.garbage')!.id;
  const villageId = listVillages(db)[0]!.id;

  const newEvent = async (overrides: Partial<NewEvent> = {}) =>
    expectOk<'events.create'>(
      await operator!.call('events.create', {
        title: '清溪村口垃圾堆放',
        description: '村口桥头有大量生活垃圾堆放，气味很大',
        categoryId,
        requestType: 'consult',
        source: 'grid_report',
        priority: 'normal',
        villageId,
        address: '清溪村桥头',
        reporterName: '张三',
        reporterPhone: '13812345678',
        ...overrides,
      }),
    ).id;
  const act = async (who: Connection, input: EventActionInput) => {
    expectOk(await who.call('events.act', input));
  };
  const dispatchInput = (id: string): EventActionInput => ({
    action: 'dispatch',
    id,
    leadUnitId,
    assistUnitIds: [assistUnitId],
    instructions: '请尽快处置',
  });

  const world: EventsWorld = {
    core,
    operator: operator!,
    director: director!,
    handler: handler!,
    assistHandler,
    assessor: assessor!,
    viewer: viewer!,
    admin: admin!,
    leadUnitId,
    assistUnitId,
    categoryId,
    villageId,
    newEvent,
    act,
    async eventIn(state, options = {}) {
      const id = await newEvent({ register: state !== 'reported' && state !== 'rejected' && state !== 'merged' });
      const walk = async (...steps: EventActionInput[]) => {
        for (const step of steps)
          await act(['sign', 'return', 'feedback', 'requestExtension'].includes(step.action) ? handler! : director!, step);
      };
      const extension: EventActionInput[] = options.pendingExtension
        ? [{ action: 'requestExtension', id, requestedDue: core.clock.now + 30 * 86_400_000, reason: '需要协调多个部门' }]
        : [];
      switch (state) {
        case 'reported':
        case 'registered':
          break;
        case 'rejected':
          await walk({ action: 'reject', id, reason: '重复上报' });
          break;
        case 'merged':
          await walk({ action: 'merge', id, intoId: await newEvent() });
          break;
        case 'dispatched':
          await walk(dispatchInput(id), ...extension);
          break;
        case 'in_progress':
          await walk(dispatchInput(id), { action: 'sign', id }, ...extension);
          break;
        case 'awaiting_verification':
          await walk(dispatchInput(id), { action: 'sign', id }, ...extension, {
            action: 'feedback',
            id,
            text: '已清理完毕',
            photos: [],
          });
          break;
        case 'returned':
          await walk(dispatchInput(id), { action: 'return', id, reasonCode: 'not_our_function', reason: '不属于本单位职能' });
          break;
        case 'closed':
          await walk(
            dispatchInput(id),
            { action: 'sign', id },
            { action: 'feedback', id, text: '已清理完毕', photos: [] },
            { action: 'verify', id, resolvedLevel: 'township' },
          );
          break;
        case 'archived':
          await walk(
            dispatchInput(id),
            { action: 'sign', id },
            { action: 'feedback', id, text: '已清理完毕', photos: [] },
            { action: 'verify', id, resolvedLevel: 'township' },
            { action: 'callback', id, satisfaction: 'dissatisfied' },
          );
          break;
        case 'escalated':
          await walk({ action: 'escalate', id, reason: '涉及跨乡镇河道，需县级协调' });
          break;
        case 'county_owned':
          await walk({ action: 'escalate', id, reason: '涉及跨乡镇河道，需县级协调' });
          // The county's acceptance arrives by sync (a later issue); until then, set it as the applier will.
          db.prepare("UPDATE events SET state = 'county_owned', owner = 'county' WHERE id = ?").run(id);
          break;
      }
      return id;
    },
  };
  return world;
}
