import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushMessage } from '../../common/topics';
import { DEMO_PASSWORD } from '../demo/demo-township';
import type { Connection } from '../app';
import { startEventsWorld, type EventsWorld } from '../testing/event-fixtures';
import { errorCode, expectOk } from '../testing/core';

/** Read scope as PRODUCT.md gives it: who may read which case files, and what each session is told. */
describe('read scope', () => {
  let w: EventsWorld;
  beforeAll(async () => {
    w = await startEventsWorld();
  });
  afterAll(() => w.core.stop());

  /** A connection of its own, so that its pushes are its own. */
  async function listening(username: string): Promise<{ connection: Connection; pushes: PushMessage[] }> {
    const pushes: PushMessage[] = [];
    const connection = w.core.app.connect((message) => pushes.push(message), { address: '192.168.1.30' });
    expectOk(await connection.call('auth.login', { username, password: DEMO_PASSWORD }));
    return { connection, pushes };
  }
  const changedIds = (pushes: PushMessage[]) => pushes.flatMap((p) => (p.topic === 'events.changed' ? p.payload.ids : []));

  it('the viewer reads the dashboard and the wall only: no queue, no case file, no order, no attachment', async () => {
    const id = await w.eventIn('dispatched');
    expect(errorCode(await w.viewer.call('dashboard.summary', {}))).toBeNull();
    expect(errorCode(await w.viewer.call('events.queue', {}))).toBe('FORBIDDEN');
    expect(errorCode(await w.viewer.call('events.get', { id }))).toBe('FORBIDDEN');
    expect(errorCode(await w.viewer.call('events.attachment', { id }))).toBe('FORBIDDEN');
    expect(errorCode(await w.viewer.call('supervision.list', {}))).toBe('FORBIDDEN');
  });

  it('a unit handler reads what is assigned to the unit now; a withdrawn assignment ends its access', async () => {
    const id = await w.eventIn('dispatched');
    const serialOf = (rows: { id: string }[]) => rows.some((r) => r.id === id);
    expect(errorCode(await w.handler.call('events.get', { id }))).toBeNull();
    expect(serialOf(expectOk<'events.queue'>(await w.handler.call('events.queue', {})).rows)).toBe(true);

    // The lead unit returns it, the director upholds the return: the assignment is withdrawn.
    await w.act(w.handler, { action: 'return', id, reasonCode: 'not_our_function', reason: '不属于本单位职能' });
    await w.act(w.director, { action: 'arbitrate', id, decision: 'uphold', note: '退回，另行派遣' });
    await w.act(w.operator, {
      action: 'dispatch',
      id,
      leadUnitId: w.assistUnitId,
      assistUnitIds: [],
      instructions: '请派出所处置',
    });

    expect(errorCode(await w.handler.call('events.get', { id }))).toBe('FORBIDDEN');
    expect(serialOf(expectOk<'events.queue'>(await w.handler.call('events.queue', {})).rows)).toBe(false);
    expect(errorCode(await w.assistHandler.call('events.get', { id }))).toBeNull();
  });

  it('masks the reporter’s name for unit handlers, like the phone', async () => {
    const id = await w.eventIn('dispatched');
    const forOperator = expectOk<'events.get'>(await w.operator.call('events.get', { id }));
    const forHandler = expectOk<'events.get'>(await w.handler.call('events.get', { id }));
    expect(forOperator.reporterName).toBe('张三');
    expect(forHandler.reporterName).toBe('张*');
    expect(forHandler.reporterPhone).toBe('138****5678');
  });

  it('pushes to each session only what it may read', async () => {
    const lead = await listening('handler');
    const police = await listening('police');
    const wall = await listening('viewer');
    const room = await listening('director');

    const both = await w.newEvent({ register: true });
    await w.act(w.operator, {
      action: 'dispatch',
      id: both,
      leadUnitId: w.leadUnitId,
      assistUnitIds: [w.assistUnitId],
      instructions: '联合处置',
    });
    const policeOnly = await w.newEvent({ register: true });
    await w.act(w.operator, {
      action: 'dispatch',
      id: policeOnly,
      leadUnitId: w.assistUnitId,
      assistUnitIds: [],
      instructions: '请处置',
    });

    expect(changedIds(room.pushes)).toEqual(expect.arrayContaining([both, policeOnly]));
    expect(changedIds(lead.pushes)).toContain(both);
    expect(changedIds(lead.pushes)).not.toContain(policeOnly);
    expect(changedIds(police.pushes)).toEqual(expect.arrayContaining([both, policeOnly]));
    // The wall hears that events changed, so its figures reload, but not which.
    expect(wall.pushes.some((p) => p.topic === 'events.changed')).toBe(true);
    expect(changedIds(wall.pushes)).toEqual([]);
    for (const c of [lead, police, wall, room]) c.connection.close();
  });
});
