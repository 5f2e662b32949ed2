import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendOutbox } from '../../db/queries/outbox';
import { findCategoryByCode } from '../../db/queries/reference';
import { getSyncState } from '../../db/queries/sync';
import { storedEventRow } from '../../db/testing-events';
import {
  anyCountyOwnedEvent,
  anyTownshipUnit,
  countyChangeCount,
  countyRecordCount,
  countyRecordData,
  eventByCountyRef,
  latestInboxRowsOfType,
  noticeCount,
  outboxEntitiesAboutEvent,
  refusedAudits,
  rewindAckedSeq,
} from '../../db/testing-sync';
import { CUT_NOTE } from '../outbox';
import { expectOk, errorCode } from '../testing/core';
import { sampleMessage, sampleRecord } from '../testing/sync/samples';
import { startTestCounty, startTestTownship, waitFor, type TestTownship } from '../testing/sync/harness';

// PROTOCOL.md revision 2 on the township side, against the real reference county.

let county: Awaited<ReturnType<typeof startTestCounty>>;
let township: TestTownship;
const T = 'QX-R2';

beforeAll(async () => {
  county = await startTestCounty();
  const token = await county.store.addTownship(T, '清溪镇');
  township = startTestTownship({ sync: { county: { url: county.url, townshipId: T, token } } });
  await waitFor(() => township.app.sync.client.connected, 10_000, 'the link');
});
afterAll(async () => {
  township.stop();
  await county.close();
  county.remove();
});

const db = () => township.app.db;
const synced = async () => {
  const seq = township.app.sync.status().lastSeq;
  return getSyncState(db()).ackedSeq === seq && (await county.store.township(T))!.lastSeq === seq;
};
const caughtUp = async () => getSyncState(db()).appliedOffset === (await county.store.township(T))!.lastOffset;
const lastSeq = () => township.app.sync.status().lastSeq;
const outboxFor = (eventId: string, afterSeq: number) => outboxEntitiesAboutEvent(db(), eventId, afterSeq);

async function newEvent(role: 'director' | 'operator' = 'director'): Promise<string> {
  const user = await township.signIn(role);
  return expectOk(
    await user.call('events.create', {
      title: '危房隐患',
      description: '老屋墙体开裂',
      categoryId: findCategoryByCode(db(), 'safety')!.id,
      requestType: 'request',
      source: 'grid_report',
      priority: 'urgent',
      register: true,
    }),
    'events.create',
  ).id;
}

function rawChange(entity: 'event' | 'event_action', data: Record<string, unknown>): number {
  return db().transaction(() =>
    appendOutbox(db(), {
      id: crypto.randomUUID(),
      entity,
      entityId: String(data.id),
      op: 'upsert',
      at: Date.now(),
      data: JSON.stringify(data),
    }),
  )();
}

describe('revision 2 in the township', () => {
  it('never writes to an event the county owns: status_update, a chase on it, a merge into it', async () => {
    const director = await township.signIn('director');
    const accepted = await newEvent();
    const own = await newEvent();
    expectOk(await director.call('events.act', { action: 'escalate', id: accepted, reason: '需县级协调' }));
    await waitFor(synced, 10_000, 'the escalation up');
    await county.store.append(T, 'escalation_reply', { eventId: accepted, decision: 'accepted', note: '县级受理' });
    await waitFor(async () => (await caughtUp()) && (await synced()), 10_000, 'the acceptance');
    expect(storedEventRow(db(), accepted)?.owner).toBe('county');
    const before = lastSeq();

    await county.store.append(T, 'status_update', { eventId: accepted, state: 'in_progress', note: '县级处理中' });
    await waitFor(caughtUp, 10_000, 'the status update');
    expect(storedEventRow(db(), accepted)?.state).toBe('in_progress');

    const unitId = anyTownshipUnit(db())!;
    const chase = await director.call('supervision.issue', {
      strength: 'chase',
      targetKind: 'event',
      targetId: accepted,
      unitIds: [unitId],
      problem: '请加快办理进度',
      requirements: '当日反馈',
      dueAt: Date.now() + 86_400_000,
      photos: [],
    });
    const merge = await director.call('events.act', { action: 'merge', id: own, intoId: accepted, note: '同一处危房' });
    // Both happen here (a local chase to a unit, the township's own event merged); nothing of the county's event goes up.
    expectOk(chase, 'supervision.issue');
    expectOk(merge, 'events.act');
    expect(outboxFor(own, before)).toContain('event');
    expect(outboxFor(accepted, before)).toEqual([]);
    await waitFor(synced, 10_000, 'the push');
    expect(await county.store.refused(T)).toEqual([]);
  });

  it('cuts long texts with a note when they enter the outbox; the full text stays local; the county takes it', async () => {
    const before = lastSeq();
    const address = '址'.repeat(999);
    const assignment = { ...(sampleMessage('assignment', 2) as { countyRef: string }), village: '不存在村', address };
    await county.store.append(T, 'assignment', assignment);
    await waitFor(async () => (await caughtUp()) && (await synced()), 10_000, 'the assignment round trip');
    const local = eventByCountyRef(db(), assignment.countyRef)!;
    expect(local.address.length).toBeGreaterThan(1000);
    expect(local.address).toContain(address);
    const up = countyRecordData(county.store.db, T, 'event', local.id)!;
    const sent = JSON.parse(up) as { address: string };
    expect(sent.address.length).toBe(1000);
    expect(sent.address.endsWith(CUT_NOTE)).toBe(true);
    expect(lastSeq()).toBeGreaterThan(before);
    expect(await county.store.refused(T)).toEqual([]);
  });

  it('lists refused changes with code and message; the admin re-sends a corrected record or dismisses one, audited', async () => {
    const admin = await township.signIn('admin');
    const bad: Record<string, unknown> = { ...sampleRecord('event').data, title: '题'.repeat(300) };
    const accepted = anyCountyOwnedEvent(db())!;
    const notMine = { ...sampleRecord('event').data, id: accepted };
    const good = sampleRecord('event').data;
    const badSeq = rawChange('event', bad);
    const notMineSeq = rawChange('event', notMine);
    rawChange('event', good);
    await waitFor(synced, 10_000, 'the push past the refused ones');
    expect(countyRecordCount(county.store.db, good.id as string)).toBe(1);
    expect(township.app.sync.status()).toMatchObject({ refused: 2, lastError: null });

    const list = expectOk(await admin.call('sync.refused', {}), 'sync.refused');
    expect(list.entries.map((e) => [e.seq, e.code])).toEqual([
      [notMineSeq, 'NOT_OWNER'],
      [badSeq, 'INVALID'],
    ]);
    expect(list.entries[1]!.message).toContain('title');
    expect(list.entries[1]!.data).toMatchObject({ id: bad.id, title: bad.title });

    // A correction must keep the record's id; a county-owned record cannot be re-sent at all.
    expect(errorCode(await admin.call('sync.resendRefused', { seq: badSeq, data: { ...bad, id: 'other' } }))).toBe('BAD_INPUT');
    expect(errorCode(await admin.call('sync.resendRefused', { seq: notMineSeq, data: notMine }))).toBe('NOT_OWNER');
    const resent = expectOk(
      await admin.call('sync.resendRefused', { seq: badSeq, data: { ...bad, title: '危房隐患（更正）' }, reason: '标题过长' }),
      'sync.resendRefused',
    );
    expect(resent).toMatchObject({ state: 'resent', resentSeq: expect.any(Number), reason: '标题过长' });
    expect(errorCode(await admin.call('sync.dismissRefused', { seq: badSeq, reason: '已处理' }))).toBe('CONFLICT');
    expect(errorCode(await admin.call('sync.dismissRefused', { seq: notMineSeq, reason: '' }))).toBe('BAD_INPUT');
    expectOk(await admin.call('sync.dismissRefused', { seq: notMineSeq, reason: '县级已接管该事件' }), 'sync.dismissRefused');
    await waitFor(synced, 10_000, 'the corrected record');
    const atCounty = countyRecordData(county.store.db, T, 'event', bad.id as string)!;
    expect(JSON.parse(atCounty)).toMatchObject({ title: '危房隐患（更正）' });
    const audits = refusedAudits(db());
    expect(audits).toEqual([
      { action: 'sync.resend_refused', entityId: String(badSeq) },
      { action: 'sync.dismiss_refused', entityId: String(notMineSeq) },
    ]);
    expect(township.app.sync.status().refused).toBe(0);
    expect(expectOk(await admin.call('sync.refused', { states: ['resent', 'dismissed'] }), 'sync.refused').entries).toHaveLength(
      2,
    );
    const operator = await township.signIn('operator');
    expect(errorCode(await operator.call('sync.refused', {}))).toBe('FORBIDDEN');
  });

  it('treats a reply outside the batch as a county fault: the outbox stays, the error shows, it retries later', async () => {
    await waitFor(synced, 10_000, 'a quiet link');
    const push = county.store.push.bind(county.store);
    let faults = 0;
    county.store.push = async (_id, request) => {
      const changes = (request as { changes: { seq: number }[] }).changes;
      faults++;
      return faults % 2
        ? { ok: true, applied: changes.at(-1)!.seq + 5, rejected: [] }
        : { ok: true, applied: changes.at(-1)!.seq, rejected: [{ seq: changes.at(-1)!.seq + 3, code: 'INVALID', message: 'x' }] };
    };
    try {
      const acked = getSyncState(db()).ackedSeq;
      const seq = rawChange('event', sampleRecord('event').data);
      await waitFor(() => faults >= 2, 10_000, 'two faulty replies');
      expect(getSyncState(db()).ackedSeq).toBe(acked);
      expect(township.app.sync.status().lastError).toContain('county fault');
      expect(township.app.sync.status().refused).toBe(0);
      county.store.push = push;
      await waitFor(synced, 10_000, 'the retry');
      expect(getSyncState(db()).ackedSeq).toBe(seq);
    } finally {
      county.store.push = push;
    }
  });

  it('sends fewer changes per push when the county says TOO_LARGE', async () => {
    await waitFor(synced, 10_000, 'a quiet link');
    const push = county.store.push.bind(county.store);
    const sizes: number[] = [];
    county.store.push = async (id, request) => {
      const n = (request as { changes: unknown[] }).changes.length;
      sizes.push(n);
      return n > 8 ? { ok: false, code: 'TOO_LARGE', message: 'at most 8 here' } : push(id, request);
    };
    try {
      db().transaction(() => {
        for (let i = 0; i < 30; i++) rawChange('event', sampleRecord('event').data);
      })();
      await waitFor(synced, 10_000, 'the smaller pushes');
      expect(sizes[0]).toBe(30);
      expect(sizes.filter((n) => n <= 8).length).toBeGreaterThanOrEqual(4);
    } finally {
      county.store.push = push;
    }
  });

  it('asks status after every reconnect before pushing, and takes the county’s word on a lost ack', async () => {
    await waitFor(synced, 10_000, 'a quiet link');
    const top = lastSeq();
    const socket = township.app.sync.client.rawSocket!;
    const sent: string[] = [];
    socket.onAnyOutgoing((event: string) => sent.push(event));
    // An ack lost on the way: the township thinks the county has less than it does.
    rewindAckedSeq(db(), Math.max(0, top - 3));
    const pushes = countyChangeCount(county.store.db);
    socket.io.engine.close();
    await waitFor(() => sent.includes('status') && township.app.sync.client.connected, 10_000, 'the reconnect');
    rawChange('event', sampleRecord('event').data);
    await waitFor(synced, 10_000, 'the push after status');
    expect(sent.indexOf('status')).toBeLessThan(sent.indexOf('push'));
    expect(countyChangeCount(county.store.db)).toBe(pushes + 1);
  });

  it('stores too-deep and too-large messages as rejected without stringifying them, and goes on', async () => {
    let deep: Record<string, unknown> = { title: '深', body: '' };
    for (let i = 0; i < 3000; i++) deep = { nested: deep };
    await county.store.appendMany(T, [
      { type: 'notice', data: deep },
      { type: 'notice', data: { title: '巨大', body: 'x'.repeat(9 * 1024 * 1024) } },
      { type: 'notice', data: { title: '正常通知', body: '请阅' } },
    ]);
    await waitFor(caughtUp, 20_000, 'the pull past them');
    const rows = latestInboxRowsOfType(db(), 'notice', 3);
    expect(rows.map((r) => [r.status, r.reason.split(':')[0]])).toEqual([
      ['applied', ''],
      ['rejected', 'TOO_LARGE'],
      ['rejected', 'TOO_DEEP'],
    ]);
    expect(noticeCount(db(), '正常通知')).toBe(1);
  });
});
