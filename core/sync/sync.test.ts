import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_ENTITIES, MESSAGE_TYPES, type ChangeEntity } from '../../common/protocol';
import { appendOutbox } from '../../db/queries/outbox';
import { findCategoryByCode } from '../../db/queries/reference';
import { getSyncState } from '../../db/queries/sync';
import { storedEventRow } from '../../db/testing-events';
import {
  alarmCounts,
  appliedInboxTypes,
  calendarDayName,
  countyActionsMentioning,
  countyEventRecords,
  countyOrderState,
  countyRecordData,
  countySchemeRows,
  deadlineRuleHours,
  eventByCountyRef,
  eventCountBySource,
  unitCountByName,
} from '../../db/testing-sync';
import { expectOk, errorCode } from '../testing/core';
import { sampleMessage, sampleRecord } from '../testing/sync/samples';
import { startTestCounty, startTestTownship, waitFor, type TestTownship } from '../testing/sync/harness';

let county: Awaited<ReturnType<typeof startTestCounty>>;
let township: TestTownship;
const TOWNSHIP = 'QX-T';
const countyEvents = () => countyEventRecords(county.store.db);

beforeAll(async () => {
  county = await startTestCounty();
  const token = await county.store.addTownship(TOWNSHIP, '清溪镇');
  township = startTestTownship({ sync: { county: { url: county.url, townshipId: TOWNSHIP, token } } });
  await waitFor(() => township.app.sync.client.connected, 10_000, 'the link');
});
afterAll(async () => {
  township.stop();
  await county.close();
  county.remove();
});

const synced = async () => {
  const state = getSyncState(township.app.db);
  const seq = township.app.sync.status().lastSeq;
  return state.ackedSeq === seq && (await county.store.township(TOWNSHIP))!.lastSeq === seq;
};
const caughtUp = async () => getSyncState(township.app.db).appliedOffset === (await county.store.township(TOWNSHIP))!.lastOffset;

describe('county sync round trip', () => {
  it('pushes a record of every entity, each exactly as sent', async () => {
    const sent = new Map<ChangeEntity, { entityId: string; data: Record<string, unknown> }>();
    township.app.db.transaction(() => {
      for (const entity of CHANGE_ENTITIES) {
        const r = sampleRecord(entity);
        sent.set(entity, r);
        appendOutbox(township.app.db, {
          id: crypto.randomUUID(),
          entity,
          entityId: r.entityId,
          op: 'upsert',
          at: Date.now(),
          data: JSON.stringify(r.data),
        });
      }
    })();
    township.app.sync.kick();
    await waitFor(synced, 10_000, 'the push');
    for (const [entity, r] of sent) {
      const row = countyRecordData(county.store.db, TOWNSHIP, entity, r.entityId)!;
      expect(JSON.parse(row), entity).toEqual(r.data);
    }
    expect(township.app.sync.status()).toMatchObject({ link: 'online', unsent: 0, lastError: null });
  });

  it('sends an event created through the contract up with its actions', async () => {
    const operator = await township.signIn('operator');
    const categoryId = findCategoryByCode(township.app.db, 'fire')!.id;
    const { id } = expectOk(
      await operator.call('events.create', {
        title: '楼道堆放杂物',
        description: '消防通道被堵',
        categoryId,
        requestType: 'complaint',
        source: 'walk_in',
        priority: 'normal',
        register: true,
      }),
      'events.create',
    );
    await waitFor(synced, 10_000, 'the push');
    const event = countyEvents()
      .map((d) => JSON.parse(d) as { id: string; state: string })
      .find((e) => e.id === id);
    expect(event?.state).toBe('registered');
    expect(countyActionsMentioning(county.store.db, id)).toBe(2);
  });

  it('applies a message of every type', async () => {
    const db = township.app.db;
    const director = await township.signIn('director');
    const categoryId = findCategoryByCode(db, 'safety')!.id;
    const make = async () =>
      expectOk(
        await director.call('events.create', {
          title: '危房隐患',
          description: '老屋墙体开裂',
          categoryId,
          requestType: 'request',
          source: 'grid_report',
          priority: 'urgent',
          register: true,
        }),
        'events.create',
      ).id;
    const accepted = await make();
    const returned = await make();
    const ownEvent = await make();
    for (const id of [accepted, returned])
      expectOk(await director.call('events.act', { action: 'escalate', id, reason: '需县级协调' }));

    // The store is async: appends run in call order; all of them have landed before the pull is awaited.
    const sending: Promise<unknown>[] = [];
    const send = (type: string, data: unknown) => sending.push(county.store.append(TOWNSHIP, type, data));
    const assignment = sampleMessage('assignment', 1) as { countyRef: string };
    send('assignment', assignment);
    send('iot_alarm', sampleMessage('iot_alarm', 1));
    send('reference_data', {
      kind: 'categories',
      version: 3,
      items: [
        { code: 'flood', name: '防汛防台' },
        { code: 'flood.dike', name: '堤防险情', parent: 'flood' },
      ],
    });
    send('reference_data', {
      kind: 'deadline_rules',
      version: 3,
      items: [{ category: 'flood', priority: 'critical', signHours: 0.5, handleHours: 4 }],
    });
    send('reference_data', { kind: 'holiday_calendar', version: 2, items: [{ date: '2027-01-01', kind: 'off', name: '元旦' }] });
    send('reference_data', {
      kind: 'units',
      version: 1,
      items: [{ name: '水利站', platform: 'public_service', phone: '0571-1' }],
    });
    send('reference_data', {
      kind: 'scheme',
      version: 1,
      items: [
        {
          id: 'scheme-2026-Q4',
          name: '2026年四季度考核方案',
          periodKind: 'quarter',
          unitKinds: 'all',
          indicators: [{ key: 'closure', kind: 'rate', weight: 100, target: 0.9, floor: 0.5 }],
        },
      ],
    });
    send('reference_data', {
      kind: 'holiday_calendar',
      version: 1,
      items: [{ date: '2027-02-01', kind: 'off', name: '旧版本' }],
    });
    send('supervision_order', sampleMessage('supervision_order', 7));
    send('escalation_reply', { eventId: accepted, decision: 'accepted', note: '县级受理' });
    send('escalation_reply', { eventId: returned, decision: 'returned', note: '请属地先行处置' });
    send('status_update', { eventId: accepted, state: 'closed', note: '县级已办结' });
    send('status_update', { eventId: ownEvent, state: 'closed', note: '越权' });
    send('notice', { title: '防汛通知', body: '请各村做好防汛准备。' });
    await Promise.all(sending);
    await waitFor(caughtUp, 10_000, 'the pull');

    const event = (id: string) => {
      const e = storedEventRow(db, id)!;
      return { state: e.state, owner: e.owner, source: e.source, priority: e.priority, countyRef: e.county_ref };
    };
    const assigned = eventByCountyRef(db, assignment.countyRef);
    expect(assigned).toMatchObject({ state: 'registered', source: 'county_assignment' });
    expect(eventCountBySource(db, 'iot_alarm', 'critical')).toBe(1);
    // The alarm went through the alarms feature (it sounds), the county order through supervision.
    expect(alarmCounts(db).logged).toBe(1);
    expect(alarmCounts(db).sounded).toBeGreaterThanOrEqual(1);
    expect(countyOrderState(db, '督〔2026〕7号')).toBe('open');
    expect(findCategoryByCode(db, 'flood.dike')?.name).toBe('堤防险情');
    const floodId = findCategoryByCode(db, 'flood')!.id;
    expect(deadlineRuleHours(db, floodId, 'critical')).toBe(4);
    expect(calendarDayName(db, '2027-01-01')).toBe('元旦');
    expect(calendarDayName(db, '2027-02-01')).toBeUndefined();
    expect(unitCountByName(db, '水利站')).toBe(1);
    expect(countySchemeRows(db, 'scheme-2026-Q4')).toBe(1);
    expect(event(accepted)).toMatchObject({ state: 'closed', owner: 'county' });
    expect(event(returned)).toMatchObject({ state: 'registered', owner: 'township' });
    expect(event(ownEvent)).toMatchObject({ state: 'registered', owner: 'township' });

    // The township may no longer act on the county's event.
    expect(errorCode(await director.call('events.act', { action: 'escalate', id: accepted, reason: '再次上报' }))).toBe(
      'NOT_OWNER',
    );

    const admin = await township.signIn('admin');
    const problems = expectOk(await admin.call('sync.inbox', {}), 'sync.inbox');
    expect(problems.entries.map((e) => [e.type, e.status, e.reason.split(':')[0]])).toEqual([
      ['status_update', 'rejected', 'NOT_OWNER'],
    ]);
    const orders = expectOk(await director.call('sync.countyOrders', {}), 'sync.countyOrders');
    expect(orders.entries).toHaveLength(1);
    const notices = expectOk(await director.call('sync.notices', {}), 'sync.notices');
    expect(notices).toMatchObject({ unread: 1, notices: [{ title: '防汛通知', read: false }] });
    expect(
      expectOk(await director.call('sync.markNoticesRead', { ids: [notices.notices[0]!.id] }), 'sync.markNoticesRead').unread,
    ).toBe(0);
    expect(township.pushes.some((p) => p.topic === 'sync.notice')).toBe(true);
    expect(appliedInboxTypes(db)).toEqual([...MESSAGE_TYPES].sort());

    // The assignment goes back up as an event carrying the county's reference.
    await waitFor(synced, 10_000, 'the push back').catch((e) => {
      throw new Error(`${e}: ${township.app.sync.status().lastError}`);
    });
    expect(countyEvents().some((d) => (JSON.parse(d) as { countyRef?: string }).countyRef === assignment.countyRef)).toBe(true);
  });
});
