import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginGuard } from '../auth/login-guard';
import type { InspectionFinding } from '../../common/contract';
import { listOutbox } from '../../db/queries/outbox';
import { getOrder } from '../../db/queries/supervision';
import { newId, type ServiceContext } from '../context';
import { pdfPrinter } from '../print/pdf';
import { PNG_1PX } from '../testing/event-fixtures';
import { isoChina } from '../../common/china-time';
import { databaseDigest, errorCode, expectOk } from '../testing/core';
import { receiveCountyOrder } from './county-orders';
import { DAY, startSupervisionWorld, type SupervisionWorld } from '../testing/supervision-fixtures';

let w: SupervisionWorld;
beforeAll(async () => {
  w = await startSupervisionWorld();
}, 60_000);
afterAll(() => w.core.stop());

const findings = async () =>
  expectOk<'supervision.findings'>(await w.director.call('supervision.findings', {})) as InspectionFinding[];

async function record(unitId: string, place: string): Promise<string> {
  return expectOk<'supervision.recordFinding'>(
    await w.operator.call('supervision.recordFinding', {
      foundAt: w.core.clock.now - 3_600_000,
      place,
      villageId: w.villageId,
      unitId,
      problem: '值班人员脱岗，群众来电无人接听',
      inspector: '督查组 孙伟',
      photos: [{ name: 'scene.png', mime: 'image/png', dataBase64: PNG_1PX }],
    }),
  ).id;
}

describe('undercover inspections (常态暗访)', () => {
  it('records findings, turns them into one order per unit, and closes them when the order is accepted', async () => {
    const a = await record(w.leadUnitId, '执法队值班室');
    const b = await record(w.leadUnitId, '清溪村口执法点');
    const c = await record(w.assistUnitId, '派出所接警台');
    expect((await findings()).find((f) => f.id === a)).toMatchObject({ state: 'open', order: null, unitName: '综合行政执法队' });
    expect((await findings()).find((f) => f.id === a)!.attachments).toHaveLength(1);

    const before = databaseDigest(w.core.db);
    const input = { findingIds: [a, b, c], requirements: '立即整改并反馈', dueAt: w.core.clock.now + 2 * DAY };
    expect(errorCode(await w.operator.call('supervision.orderFindings', input))).toBe('FORBIDDEN');
    expect(errorCode(await w.director.call('supervision.orderFindings', { ...input, dueAt: 1 }))).toBe('BAD_INPUT');
    expect(databaseDigest(w.core.db)).toEqual(before);

    const orders = expectOk<'supervision.orderFindings'>(await w.director.call('supervision.orderFindings', input));
    expect(orders.map((o) => o.unitId).sort()).toEqual([w.leadUnitId, w.assistUnitId].sort());
    const lead = orders.find((o) => o.unitId === w.leadUnitId)!;
    const detail = expectOk<'supervision.get'>(await w.director.call('supervision.get', { id: lead.id }));
    expect(detail).toMatchObject({ targetKind: 'finding', strength: 'order' });
    expect(detail.problem).toContain('执法队值班室');
    expect(detail.problem).toContain('清溪村口执法点');
    let list = await findings();
    expect(list.filter((f) => f.order?.id === lead.id).map((f) => f.state)).toEqual(['ordered', 'ordered']);
    expect(errorCode(await w.director.call('supervision.orderFindings', input))).toBe('ILLEGAL_TRANSITION');

    // Rejected and re-issued: the findings follow the new order; accepted: they close.
    await w.answer(lead.id);
    const r = expectOk<'supervision.decide'>(
      await w.director.call('supervision.decide', {
        id: lead.id,
        decision: 'reject',
        note: '复查仍脱岗',
        dueAt: w.core.clock.now + DAY,
      }),
    );
    list = await findings();
    expect(list.filter((f) => f.order?.id === r.reissued!.id)).toHaveLength(2);
    await w.answer(r.reissued!.id);
    expectOk(await w.director.call('supervision.decide', { id: r.reissued!.id, decision: 'accept' }));
    list = await findings();
    expect(list.filter((f) => [a, b].includes(f.id)).map((f) => f.state)).toEqual(['closed', 'closed']);
    expect(list.find((f) => f.id === c)!.state).toBe('ordered');
    expect(errorCode(await w.handler.call('supervision.findings', {}))).toBe('FORBIDDEN');
  });
});

describe('orders from the county', () => {
  function systemContext(): ServiceContext {
    return {
      db: w.core.db,
      dataDir: '',
      actor: null,
      connection: { id: newId(), address: 'local', sessionId: null },
      now: () => w.core.clock.now,
      newId,
      publish: () => {},
      afterCommit: () => {},
      recordOnFailure: () => {},
      endSessions: () => {},
      printPdf: pdfPrinter(undefined),
      loginGuard: new LoginGuard(),
    };
  }
  const record = () => ({
    id: 'county-order-0001',
    serial: '临督〔2026〕7号',
    strength: 'flagged',
    colour: 'red',
    target: { kind: 'unit', id: 'county-unit-x' },
    units: ['综合行政执法队', w.assistUnitId],
    problem: '县级暗访发现清溪镇集镇区域占道经营反弹。',
    requirements: '限期清理并建立长效机制。',
    dueAt: isoChina(w.core.clock.now + 5 * DAY),
    issuedBy: '临江县社会治理中心',
    issuedAt: isoChina(w.core.clock.now),
    state: 'open',
    someFutureField: true,
  });

  it('registers a county order inside the caller’s transaction, once, with units by name or id', async () => {
    const seq = listOutbox(w.core.db, 0, 1_000_000).at(-1)?.seq ?? 0;
    const ctx = systemContext();
    const first = w.core.db.transaction(() => receiveCountyOrder(ctx, record()))();
    expect(first).toMatchObject({ serial: '临督〔2026〕7号', duplicate: false });
    const order = getOrder(w.core.db, first.id)!;
    expect(order).toMatchObject({
      source: 'county',
      countyRef: 'county-order-0001',
      strength: 'flagged',
      issuedBy: null,
      targetKind: 'unit',
    });
    const again = w.core.db.transaction(() => receiveCountyOrder(ctx, record()))();
    expect(again).toEqual({ id: first.id, serial: first.serial, duplicate: true });

    // The unit answers it like any order; the answer goes up under the county's id, the order itself does not.
    await w.answer(first.id);
    const up = listOutbox(w.core.db, seq, 1_000).filter((c) => c.entity.startsWith('supervision'));
    expect(up.map((c) => c.entity)).toEqual(['supervision_answer']);
    expect(JSON.parse(up[0]!.data!)).toMatchObject({ orderId: 'county-order-0001', unit: '综合行政执法队' });
    const list = expectOk<'supervision.list'>(await w.handler.call('supervision.list', {}));
    expect(list.rows.find((r) => r.id === first.id)).toMatchObject({ source: 'county', issuerName: '临江县社会治理中心' });
  });

  it.each([
    ['an unknown unit', { units: ['不存在的单位'] }, 'NOT_FOUND'],
    ['a bad strength', { strength: 'urgent' }, 'BAD_INPUT'],
    ['no units', { units: [] }, 'BAD_INPUT'],
    ['a bad deadline', { dueAt: 'tomorrow' }, 'BAD_INPUT'],
  ])('refuses %s and writes nothing', (_what, change, code) => {
    const before = databaseDigest(w.core.db);
    const ctx = systemContext();
    let caught: unknown;
    try {
      w.core.db.transaction(() => receiveCountyOrder(ctx, { ...record(), id: 'county-order-bad', ...change }))();
    } catch (error) {
      caught = error;
    }
    expect((caught as { code?: string }).code).toBe(code);
    expect(databaseDigest(w.core.db)).toEqual(before);
  });
});

describe('warnings on orders', () => {
  it('the tick tells the screens when an open order turns yellow and when it turns red', async () => {
    const { id } = await w.issue(w.director, { dueAt: w.core.clock.now + 5 * DAY });
    const pushedFor = () => w.core.pushes.filter((p) => p.topic === 'supervision.changed' && p.payload.ids.includes(id)).length;
    w.core.app.tick();
    const before = pushedFor();
    const warning = async () => expectOk<'supervision.get'>(await w.director.call('supervision.get', { id })).warning;
    expect(await warning()).toBe('none');
    w.core.clock.advance(4 * DAY + 20 * 3_600_000);
    w.core.app.tick();
    expect(await warning()).toBe('yellow');
    // One broadcast reaches every signed-in connection.
    const perBroadcast = pushedFor() - before;
    expect(perBroadcast).toBeGreaterThan(0);
    w.core.app.tick();
    expect(pushedFor()).toBe(before + perBroadcast);
    w.core.clock.advance(DAY);
    w.core.app.tick();
    expect(await warning()).toBe('red');
    expect(pushedFor()).toBe(before + 2 * perBroadcast);
  });
});
