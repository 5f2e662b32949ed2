import { pdfPrinter } from '../print/pdf';
import { LoginGuard } from '../auth/login-guard';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceInput, Incident } from '../../common/contract';
import { findUnitByName, findVillageByName } from '../../db/queries/org';
import { findCategoryByCode } from '../../db/queries/reference';
import { countRows, outboxCountAbout, storedAuditRows } from '../../db/testing';
import { userIdByUsername } from '../../db/testing-assessment';
import { storedEventRow } from '../../db/testing-events';
import { incidentSnapshot, storedAlarmAcks, villageUnitOf } from '../../db/testing-iot';
import type { Connection } from '../app';
import { newId, type ServiceContext } from '../context';
import { errorCode, expectOk, startTestCore, type TestCore } from '../testing/core';
import { receiveIotAlarm } from './alarms';

const MINUTE = 60_000;

function device(villageId: string, code = 'SD-0001'): DeviceInput {
  return {
    code,
    kind: 'smoke',
    villageId,
    address: '清溪村 5 组 12 号',
    residentName: '张秀英',
    residentPhone: '13800001111',
    contacts: [
      { name: '李村干', relation: 'village_staff', phone: '13800003333' },
      { name: '王邻居', relation: 'neighbour', phone: '13800002222' },
    ],
    installedAt: null,
    note: '独居老人',
  };
}

/** A service context for calling the entry point directly, as the sync applier will. */
function systemContext(core: TestCore): ServiceContext {
  return {
    db: core.db,
    dataDir: '',
    actor: null,
    connection: { id: 'sync', address: 'county', sessionId: null },
    now: () => core.clock.now,
    newId,
    publish: () => {},
    afterCommit: () => {},
    recordOnFailure: () => {},
    endSessions: () => {},
    printPdf: pdfPrinter(undefined),
    loginGuard: new LoginGuard(),
  };
}

describe('IoT alarms and verification', () => {
  let core: TestCore;
  let admin: Connection;
  let operator: Connection;
  let director: Connection;
  let villageId: string;

  beforeEach(async () => {
    core = startTestCore();
    [admin, operator, director] = await Promise.all([core.signIn('admin'), core.signIn('operator'), core.signIn('director')]);
    villageId = findVillageByName(core.db, '清溪村')!.id;
    expectOk(await admin.call('iot.saveDevice', { device: device(villageId) }));
  });
  afterEach(() => core.stop());

  const inject = async (code = 'SD-0001') =>
    expectOk<'iot.injectTestAlarm'>(await admin.call('iot.injectTestAlarm', { deviceCode: code }));
  const incident = async (eventId: string) =>
    expectOk<'iot.incident'>(await operator.call('iot.incident', { eventId })) as Incident;
  const eventOf = async (id: string) => expectOk<'events.get'>(await operator.call('events.get', { id }));
  const alarms = async (c: Connection = operator) => expectOk<'alarms.list'>(await c.call('alarms.list', {}));

  it('an alarm creates a registered 特急 fire-safety event at once, with timeline, audit and outbox, and sounds', async () => {
    const { eventId, attached } = await inject();
    expect(attached).toBe(false);
    const event = await eventOf(eventId);
    expect(event).toMatchObject({ priority: 'critical', source: 'iot_alarm', state: 'registered', riskColour: 'red' });
    expect(event.categoryId).toBe(findCategoryByCode(core.db, 'fire.smoke_alarm')!.id);
    expect(event.timeline.map((t) => t.kind)).toEqual(['create', 'register']);
    const outbox = outboxCountAbout(core.db, 'event', eventId);
    expect(outbox).toBe(2);
    const audited = storedAuditRows(core.db).filter((r) => r.entity === 'event' && r.entity_id === eventId).length;
    expect(audited).toBe(2);
    const list = await alarms();
    expect(list.total).toBe(1);
    expect(list.alarms[0]).toMatchObject({ eventId, kind: 'iot', count: 1, realarm: false });
  });

  it('repeats within 30 minutes attach to the open event and sound the acknowledged alarm again', async () => {
    const first = await inject();
    const list = await alarms();
    expectOk(await operator.call('alarms.ack', { ids: [list.alarms[0]!.id] }));
    expect((await alarms()).total).toBe(0);
    core.clock.advance(29 * MINUTE);
    const second = await inject();
    expect(second).toEqual({ eventId: first.eventId, attached: true });
    const again = await alarms();
    expect(again.total).toBe(1);
    expect(again.alarms[0]!.count).toBe(2);
    expect((await incident(first.eventId)).alarmCount).toBe(2);
    const timeline = (await eventOf(first.eventId)).timeline;
    expect(timeline.at(-1)).toMatchObject({ kind: 'repeat_alarm', payload: expect.objectContaining({ count: 2 }) });
  });

  it('an alarm more than 30 minutes after the last one raises a new event flagged as a re-alarm', async () => {
    const first = await inject();
    core.clock.advance(31 * MINUTE);
    const second = await inject();
    expect(second.attached).toBe(false);
    expect(second.eventId).not.toBe(first.eventId);
    const info = await incident(second.eventId);
    expect(info.realarm).toBe(true);
    expect(info.previous?.eventId).toBe(first.eventId);
    expect((await eventOf(second.eventId)).title).toMatch(/^【复警】/);
  });

  it('verification calls go resident → neighbour → village staff, each on the timeline', async () => {
    const { eventId } = await inject();
    const info = await incident(eventId);
    expect(info.contacts.map((c) => c.relation)).toEqual(['resident', 'neighbour', 'village_staff']);
    expect(info.contacts[0]!.phone).toBe('13800001111');
    // Skipping the resident is refused and writes nothing.
    const skip = await operator.call('iot.recordCall', { eventId, contactIndex: 1, outcome: 'reached' });
    expect(errorCode(skip)).toBe('ILLEGAL_TRANSITION');
    expectOk(await operator.call('iot.recordCall', { eventId, contactIndex: 0, outcome: 'no_answer' }));
    expectOk(await operator.call('iot.recordCall', { eventId, contactIndex: 1, outcome: 'reached', note: '邻居去敲门' }));
    expectOk(
      await operator.call('iot.recordCall', { eventId, contactIndex: 2, outcome: 'false_alarm', note: '村干部到场，做饭油烟' }),
    );
    const after = await incident(eventId);
    expect(after.calls.map((c) => c.outcome)).toEqual(['no_answer', 'reached', 'false_alarm']);
    expect(after.nextContact).toBeNull();
    const calls = (await eventOf(eventId)).timeline.filter((t) => t.kind === 'iot_call');
    expect(calls.map((c) => c.payload.relation)).toEqual(['resident', 'neighbour', 'village_staff']);
    expect(calls[2]!.note).toBe('村干部到场，做饭油烟');
  });

  it('closing as a false alarm needs a call that said so, closes the event and silences its alarm', async () => {
    const { eventId } = await inject();
    expect(errorCode(await operator.call('iot.resolve', { eventId, decision: 'false_alarm' }))).toBe('ILLEGAL_TRANSITION');
    expectOk(await operator.call('iot.recordCall', { eventId, contactIndex: 0, outcome: 'false_alarm', note: '住户说是烧菜' }));
    expect(
      expectOk<'iot.resolve'>(await operator.call('iot.resolve', { eventId, decision: 'false_alarm', note: '误报' })),
    ).toEqual({
      state: 'closed',
    });
    const event = await eventOf(eventId);
    expect(event.state).toBe('closed');
    expect(event.timeline.at(-1)).toMatchObject({ kind: 'false_alarm', toState: 'closed', note: '误报' });
    expect((await alarms()).total).toBe(0);
    expect(countRows(core.db, 'alarm_acks')).toBe(1);
    // Over: no more calls, no second decision.
    expect(errorCode(await operator.call('iot.recordCall', { eventId, contactIndex: 1, outcome: 'reached' }))).toBe(
      'ILLEGAL_TRANSITION',
    );
    expect(errorCode(await operator.call('iot.resolve', { eventId, decision: 'dispatch' }))).toBe('ILLEGAL_TRANSITION');
  });

  it('a confirmed fire cannot be closed as a false alarm; dispatch sends the fire team with the village', async () => {
    const { eventId } = await inject();
    expectOk(await operator.call('iot.recordCall', { eventId, contactIndex: 0, outcome: 'confirmed_fire' }));
    expect(errorCode(await operator.call('iot.resolve', { eventId, decision: 'false_alarm' }))).toBe('ILLEGAL_TRANSITION');
    expect(expectOk<'iot.resolve'>(await director.call('iot.resolve', { eventId, decision: 'dispatch' })).state).toBe(
      'dispatched',
    );
    const event = await eventOf(eventId);
    const fire = findUnitByName(core.db, '专职消防队')!.id;
    const villageUnit = villageUnitOf(core.db, villageId);
    expect(event.units.find((u) => u.role === 'lead')?.unitId).toBe(fire);
    if (villageUnit) expect(event.units.some((u) => u.unitId === villageUnit && u.role === 'assist')).toBe(true);
    expect((await incident(eventId)).outcome).toBe('dispatched');
  });

  it('a re-alarm after closing raises a new event linked to the closed one, even within 30 minutes', async () => {
    const first = await inject();
    expectOk(await operator.call('iot.recordCall', { eventId: first.eventId, contactIndex: 0, outcome: 'false_alarm' }));
    expectOk(await operator.call('iot.resolve', { eventId: first.eventId, decision: 'false_alarm' }));
    core.clock.advance(5 * MINUTE);
    const second = await inject();
    expect(second.attached).toBe(false);
    const info = await incident(second.eventId);
    expect(info).toMatchObject({ realarm: true, previous: { eventId: first.eventId, state: 'closed' } });
    expect((await eventOf(second.eventId)).timeline.map((t) => t.kind)).toEqual(['create', 'register', 'realarm']);
    expect((await alarms()).alarms[0]).toMatchObject({ eventId: second.eventId, realarm: true });
  });

  it('acknowledgements are recorded with user and time; mutes are per user and expire', async () => {
    await inject();
    await inject('SD-0001');
    expectOk(await admin.call('iot.saveDevice', { device: device(villageId, 'SD-0002') }));
    await inject('SD-0002');
    expect((await alarms()).total).toBe(2);
    core.clock.advance(MINUTE);
    expect(expectOk<'alarms.ack'>(await director.call('alarms.ack', { all: true })).acked).toBe(2);
    const acks = storedAlarmAcks(core.db);
    const directorId = userIdByUsername(core.db, 'director');
    expect(acks).toHaveLength(2);
    expect(acks.every((a) => a.userId === directorId && a.at === core.clock.now)).toBe(true);
    const audit = storedAuditRows(core.db)
      .filter((r) => r.entity === 'alarm' && r.action === 'acknowledge')
      .map((r) => ({ summary: r.summary }));
    expect(audit).toHaveLength(1);

    expect(expectOk<'alarms.mute'>(await operator.call('alarms.mute', { minutes: 15 })).mutedUntil).toBe(
      core.clock.now + 15 * MINUTE,
    );
    expect((await alarms(operator)).mutedUntil).toBe(core.clock.now + 15 * MINUTE);
    expect((await alarms(director)).mutedUntil).toBeNull();
    expect(errorCode(await operator.call('alarms.mute', { minutes: 20 }))).toBe('BAD_INPUT');
    core.clock.advance(16 * MINUTE);
    expect((await alarms(operator)).mutedUntil).toBeNull();
  });

  it('a 特急 event taken in by hand sounds the alarm too', async () => {
    const category = findCategoryByCode(core.db, 'emergency') ?? findCategoryByCode(core.db, 'fire')!;
    const created = expectOk<'events.create'>(
      await operator.call('events.create', {
        title: '山体滑坡堵路',
        description: '上塘村路段山体滑坡，道路中断',
        categoryId: category.id,
        requestType: 'request',
        source: 'walk_in',
        priority: 'critical',
      }),
    );
    expect((await alarms()).alarms[0]).toMatchObject({ eventId: created.id, kind: 'critical_event' });
    expectOk(
      await operator.call('events.create', {
        title: '路灯不亮',
        description: '西街路灯坏了',
        categoryId: category.id,
        requestType: 'request',
        source: 'walk_in',
        priority: 'normal',
      }),
    );
    expect((await alarms()).total).toBe(1);
  });

  it('roles: only the room hears and acknowledges, only the admin injects, phones are masked for the director', async () => {
    const viewer = await core.signIn('viewer');
    const handler = await core.signIn('unit_handler');
    expect(errorCode(await viewer.call('alarms.list', {}))).toBe('FORBIDDEN');
    expect(errorCode(await handler.call('alarms.ack', { all: true }))).toBe('FORBIDDEN');
    expect(errorCode(await operator.call('iot.injectTestAlarm', { deviceCode: 'SD-0001' }))).toBe('FORBIDDEN');
    expect(errorCode(await director.call('iot.saveDevice', { device: device(villageId, 'SD-9') }))).toBe('FORBIDDEN');
    expect(errorCode(await handler.call('iot.devices', {}))).toBe('FORBIDDEN');
    const { eventId } = await inject();
    expect(errorCode(await admin.call('iot.recordCall', { eventId, contactIndex: 0, outcome: 'reached' }))).toBe('FORBIDDEN');
    const full = expectOk<'iot.devices'>(await operator.call('iot.devices', {})).rows[0]!;
    const masked = expectOk<'iot.devices'>(await director.call('iot.devices', {})).rows[0]!;
    expect(full.residentPhone).toBe('13800001111');
    expect(masked.residentPhone).toBe('138****1111');
    expect(masked.contacts.every((c) => c.phone.includes('****'))).toBe(true);
    // The registry keeps contacts in calling order: neighbours before village staff.
    expect(full.contacts.map((c) => c.relation)).toEqual(['neighbour', 'village_staff']);
  });

  it('the county entry point: unknown devices use the message, a message seen twice changes nothing', () => {
    const ctx = systemContext(core);
    const message = {
      id: 'county-msg-1',
      deviceId: 'COUNTY-77',
      kind: 'smoke',
      at: '2026-11-30T09:00:00+08:00',
      address: '桃源村 3 组 8 号',
      village: '桃源村',
      resident: '周大爷',
      contacts: [{ name: '周女儿', relation: '家属', phone: '13900009999' }],
    };
    const first = core.db.transaction(() => receiveIotAlarm(ctx, message, 'county'))();
    expect(first.attached).toBe(false);
    const again = core.db.transaction(() => receiveIotAlarm(ctx, message, 'county'))();
    expect(again).toEqual({ eventId: first.eventId, attached: true });
    const stored = storedEventRow(core.db, first.eventId)!;
    const event = { v: stored.village_id, by: stored.created_by };
    expect(event).toEqual({ v: findVillageByName(core.db, '桃源村')!.id, by: null });
    expect(countRows(core.db, 'iot_alarm_log')).toBe(1);
    const snapshot = JSON.parse(incidentSnapshot(core.db, first.eventId)!);
    expect(snapshot.contacts).toEqual([{ name: '周女儿', relation: 'family', phone: '13900009999' }]);
  });

  it('a village can be removed while detectors name it: they keep their data without a village', async () => {
    const village = expectOk<'org.createVillage'>(await admin.call('org.createVillage', { name: '新建村', kind: 'village' }));
    const { id } = expectOk<'iot.saveDevice'>(await admin.call('iot.saveDevice', { device: device(village.id, 'NEW-1') }));
    expectOk(await admin.call('org.deleteVillage', { id: village.id }));
    const row = expectOk<'iot.devices'>(await admin.call('iot.devices', { search: 'NEW-1' })).rows[0]!;
    expect(row).toMatchObject({ id, villageId: null, address: '清溪村 5 组 12 号' });
  });

  it('an alarm storm is coalesced into a few alarms.changed pushes', async () => {
    for (let i = 0; i < 20; i++) expectOk(await admin.call('iot.saveDevice', { device: device(villageId, `STORM-${i}`) }));
    core.pushes.length = 0;
    for (let i = 0; i < 20; i++) await inject(`STORM-${i}`);
    expect(core.pushes.filter((p) => p.topic === 'alarms.changed')).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 350));
    const alarmPushes = core.pushes.filter((p) => p.topic === 'alarms.changed').length;
    expect(alarmPushes).toBeGreaterThanOrEqual(1);
    expect(alarmPushes).toBeLessThanOrEqual(3 * 2); // one per signed-in connection (3), at most two rounds
    expect((await alarms()).total).toBe(20);
  });
});
