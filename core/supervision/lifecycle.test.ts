import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderDetail } from '../../common/contract';
import { ORDER_ACTIONS, ORDER_STATES, ORDER_TRANSITIONS, type OrderAction, type OrderState } from '../../common/supervision';
import { listOutbox } from '../../db/queries/outbox';
import type { Connection } from '../app';
import { PNG_1PX } from '../testing/event-fixtures';
import { databaseDigest, errorCode, expectOk } from '../testing/core';
import { DAY, startSupervisionWorld, type SupervisionWorld } from '../testing/supervision-fixtures';

let w: SupervisionWorld;
beforeAll(async () => {
  w = await startSupervisionWorld();
}, 60_000);
afterAll(() => w.core.stop());

const get = async (id: string, who: Connection = w.director) =>
  expectOk<'supervision.get'>(await who.call('supervision.get', { id })) as OrderDetail;

function moveInput(action: OrderAction, id: string): [string, Record<string, unknown>] {
  if (action === 'answer') return ['supervision.answer', { id, text: '已完成整改', photos: [] }];
  if (action === 'accept') return ['supervision.decide', { id, decision: 'accept' }];
  return ['supervision.decide', { id, decision: 'reject', note: '整改不到位', dueAt: w.core.clock.now + 2 * DAY }];
}

describe('the order lifecycle, table-driven over states × actions × roles', () => {
  const actors = ['operator', 'director', 'handler', 'assistHandler', 'assessor', 'viewer', 'admin'] as const;
  const roleOf = {
    operator: 'operator',
    director: 'director',
    handler: 'unit_handler',
    assistHandler: 'unit_handler',
    assessor: 'assessor',
    viewer: 'viewer',
    admin: 'admin',
  } as const;
  const cases = ORDER_STATES.flatMap((state) => ORDER_ACTIONS.flatMap((action) => actors.map((who) => ({ state, action, who }))));

  it.each(cases)('$action on a $state order by $who', async ({ state, action, who }) => {
    const id = await w.orderIn(state as OrderState);
    const t = ORDER_TRANSITIONS[action];
    // The assisting unit's handler is not an addressee of these orders.
    const legal = t.from.includes(state) && t.roles.includes(roleOf[who]) && who !== 'assistHandler';
    const before = databaseDigest(w.core.db);
    const [method, input] = moveInput(action, id);
    const result = await w[who].call(method, input);
    if (legal) {
      expect(errorCode(result)).toBeNull();
      expect((await get(id)).state).toBe(t.to);
    } else {
      expect(['FORBIDDEN', 'ILLEGAL_TRANSITION']).toContain(errorCode(result));
      expect(databaseDigest(w.core.db)).toEqual(before);
    }
  });

  it('offers exactly the moves the core allows', async () => {
    const open = await w.orderIn('open');
    expect((await get(open, w.handler)).allowedActions).toEqual(['answer']);
    expect((await get(open)).allowedActions).toEqual([]);
    const answered = await w.orderIn('answered');
    expect((await get(answered)).allowedActions).toEqual(['accept', 'reject']);
    expect((await get(answered, w.handler)).allowedActions).toEqual([]);
  });
});

describe('issuing', () => {
  it('operators send chase notices but not orders; only the director raises the colour', async () => {
    const chase = await w.issue(w.operator, { strength: 'chase' });
    expect(chase.serial).toMatch(/^督〔2026〕\d+号$/);
    expect((await get(chase.id)).colour).toBe('blue');
    const before = databaseDigest(w.core.db);
    expect(errorCode(await w.operator.call('supervision.issue', { ...base(), strength: 'order' }))).toBe('FORBIDDEN');
    expect(errorCode(await w.operator.call('supervision.issue', { ...base(), strength: 'flagged' }))).toBe('FORBIDDEN');
    expect(errorCode(await w.operator.call('supervision.issue', { ...base(), strength: 'chase', colour: 'red' }))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await w.handler.call('supervision.issue', { ...base(), strength: 'chase' }))).toBe('FORBIDDEN');
    expect(databaseDigest(w.core.db)).toEqual(before);
    const raised = await w.issue(w.director, { strength: 'order', colour: 'red' });
    expect((await get(raised.id)).colour).toBe('red');
  });

  it('numbers orders per year without gaps', async () => {
    const a = await w.issue(w.director);
    const b = await w.issue(w.director);
    const n = (s: string) => Number(/〕(\d+)号/.exec(s)![1]);
    expect(n(b.serial)).toBe(n(a.serial) + 1);
  });

  const base = () => ({
    strength: 'order',
    targetKind: 'unit',
    targetId: w.leadUnitId,
    unitIds: [w.leadUnitId],
    problem: '近期多件事件超期未办结',
    requirements: '请于期限内书面反馈整改情况',
    dueAt: w.core.clock.now + 3 * DAY,
  });

  it.each([
    ['a deadline in the past', { dueAt: Date.UTC(2026, 0, 1) }, 'BAD_INPUT'],
    ['a colour below the strength', { strength: 'flagged', colour: 'blue' }, 'BAD_INPUT'],
    ['no addressee', { unitIds: [] }, 'BAD_INPUT'],
    ['a unit twice', { unitIds: ['0193f1c2-0000-7000-8000-000000000001', '0193f1c2-0000-7000-8000-000000000001'] }, 'BAD_INPUT'],
    ['an unknown unit', { unitIds: ['0193f1c2-0000-7000-8000-000000000001'] }, 'NOT_FOUND'],
    ['an unknown target event', { targetKind: 'event', targetId: '0193f1c2-0000-7000-8000-000000000002' }, 'NOT_FOUND'],
    ['a blank problem', { problem: '   ' }, 'BAD_INPUT'],
    ['an unknown field', { extra: 1 }, 'BAD_INPUT'],
    [
      'a photo that is not an image',
      { photos: [{ name: 'x.png', mime: 'image/png', dataBase64: 'aGVsbG8gd29ybGQ=' }] },
      'UNSUPPORTED_FILE',
    ],
  ])('refuses %s and writes nothing', async (_what, change, code) => {
    const before = databaseDigest(w.core.db);
    expect(errorCode(await w.director.call('supervision.issue', { ...base(), ...change }))).toBe(code);
    expect(databaseDigest(w.core.db)).toEqual(before);
  });
});

describe('an order on an event, from issue to 销号 through 再督办', () => {
  it('walks the loop, raises the strength, records lateness, and shows on the event timeline', async () => {
    const eventId = await w.eventIn('in_progress');
    const drafted = expectOk<'supervision.draft'>(
      await w.director.call('supervision.draft', { targetKind: 'event', targetId: eventId, strength: 'order' }),
    );
    expect(drafted.unitIds).toEqual([w.leadUnitId, w.assistUnitId]);
    expect(drafted.problem).toContain('清溪村口垃圾堆放');
    const seqBefore = listOutbox(w.core.db, 0, 100_000).at(-1)!.seq;
    const { targetLabel: _label, ...fields } = drafted;
    const first = await w.issue(w.director, {
      ...fields,
      unitIds: [w.leadUnitId],
      photos: [{ name: 'a.png', mime: 'image/png', dataBase64: PNG_1PX }],
    });
    expect((await get(first.id)).attachments).toHaveLength(1);

    // The handler answers late, with a photo.
    w.core.clock.advance(4 * DAY);
    const answered = expectOk<'supervision.answer'>(
      await w.handler.call('supervision.answer', {
        id: first.id,
        text: '已清理',
        photos: [{ name: 'after.png', mime: 'image/png', dataBase64: PNG_1PX }],
      }),
    );
    expect(answered).toMatchObject({ state: 'answered', late: true });
    const detail = await get(first.id, w.handler);
    expect(detail.answers[0]).toMatchObject({ late: true, decision: null });
    expect(detail.answers[0]!.attachments).toHaveLength(1);
    const photo = expectOk<'supervision.attachment'>(
      await w.handler.call('supervision.attachment', { id: detail.answers[0]!.attachments[0]!.id }),
    );
    expect(photo.dataBase64).toBe(PNG_1PX);

    const rejected = expectOk<'supervision.decide'>(
      await w.director.call('supervision.decide', {
        id: first.id,
        decision: 'reject',
        note: '现场仍有垃圾',
        dueAt: w.core.clock.now + 2 * DAY,
      }),
    );
    expect(rejected.state).toBe('rejected');
    const second = await get(rejected.reissued!.id);
    expect(second).toMatchObject({ strength: 'flagged', colour: 'red', state: 'open', previous: { id: first.id } });
    expect((await get(first.id)).next).toEqual({ id: second.id, serial: second.serial });

    await w.answer(second.id);
    expectOk(await w.director.call('supervision.decide', { id: second.id, decision: 'accept', note: '同意销号' }));
    expect((await get(second.id)).state).toBe('accepted');
    // A flagged order stays flagged when rejected again is covered by raisedStrength; here: the event's timeline.
    const event = expectOk<'events.get'>(await w.director.call('events.get', { id: eventId }));
    const kinds = event.timeline.map((t) => t.kind).filter((k) => k.startsWith('supervise') || k === 'chase');
    expect(kinds).toEqual([
      'supervise',
      'supervise_answer',
      'supervise_reject',
      'supervise',
      'supervise_answer',
      'supervise_accept',
    ]);
    expect(event.state).toBe('in_progress');

    const changes = listOutbox(w.core.db, seqBefore, 100_000);
    const orders = changes
      .filter((c) => c.entity === 'supervision_order')
      .map((c) => JSON.parse(c.data!) as Record<string, unknown>);
    expect(Object.keys(orders[0]!).sort()).toEqual(
      [
        'id',
        'serial',
        'strength',
        'colour',
        'target',
        'units',
        'problem',
        'requirements',
        'dueAt',
        'issuedBy',
        'issuedAt',
        'state',
      ].sort(),
    );
    expect(orders[0]).toMatchObject({
      serial: first.serial,
      target: { kind: 'event', id: eventId },
      units: ['综合行政执法队'],
      state: 'open',
    });
    expect(orders.at(-1)).toMatchObject({ serial: second.serial, strength: 'flagged', state: 'accepted' });
    const answers = changes
      .filter((c) => c.entity === 'supervision_answer')
      .map((c) => JSON.parse(c.data!) as Record<string, unknown>);
    expect(answers.at(-1)).toMatchObject({ orderId: second.id, unit: '综合行政执法队', accepted: true });
    expect(String(answers.at(-1)!.at)).toMatch(/\+08:00$/);
  });

  it('re-issues chase → order → flagged → flagged', async () => {
    let { id } = await w.issue(w.operator, { strength: 'chase' });
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      await w.answer(id);
      const r = expectOk<'supervision.decide'>(
        await w.director.call('supervision.decide', { id, decision: 'reject', note: '不到位', dueAt: w.core.clock.now + DAY }),
      );
      id = r.reissued!.id;
      seen.push((await get(id)).strength);
    }
    expect(seen).toEqual(['order', 'flagged', 'flagged']);
  });

  it('an order to two units is answered once both have answered', async () => {
    const { id } = await w.issue(w.director, { unitIds: [w.leadUnitId, w.assistUnitId] });
    await w.answer(id);
    expect((await get(id)).state).toBe('open');
    expect(errorCode(await w.handler.call('supervision.answer', { id, text: '再次反馈内容', photos: [] }))).toBe(
      'ILLEGAL_TRANSITION',
    );
    await w.answer(id, w.assistHandler);
    expect((await get(id)).state).toBe('answered');
  });
});

describe('who sees what', () => {
  it('a unit handler sees only the orders addressed to their unit', async () => {
    const mine = await w.issue(w.director, { unitIds: [w.leadUnitId] });
    const theirs = await w.issue(w.director, { targetId: w.assistUnitId, unitIds: [w.assistUnitId] });
    const list = expectOk<'supervision.list'>(await w.handler.call('supervision.list', {}));
    expect(list.rows.some((r) => r.id === mine.id)).toBe(true);
    expect(list.rows.some((r) => r.id === theirs.id)).toBe(false);
    expect(list.rows.every((r) => r.unitNames.includes('综合行政执法队'))).toBe(true);
    const sneaky = expectOk<'supervision.list'>(await w.handler.call('supervision.list', { filter: { unitId: w.assistUnitId } }));
    expect(sneaky.total).toBe(0);
    expect(errorCode(await w.handler.call('supervision.get', { id: theirs.id }))).toBe('FORBIDDEN');
    expect(errorCode(await w.handler.call('supervision.suggestions', {}))).toBe('FORBIDDEN');
    const all = expectOk<'supervision.list'>(await w.director.call('supervision.list', {}));
    expect(all.rows.some((r) => r.id === theirs.id)).toBe(true);
  });

  it('filters by state, strength, colour, unit and overdue', async () => {
    const late = await w.issue(w.director, { strength: 'flagged', dueAt: w.core.clock.now + 60_000 });
    w.core.clock.advance(120_000);
    const overdue = expectOk<'supervision.list'>(await w.director.call('supervision.list', { filter: { overdue: true } }));
    expect(overdue.rows.map((r) => r.id)).toContain(late.id);
    expect(overdue.rows.every((r) => r.overdue && r.state === 'open' && r.warning === 'red')).toBe(true);
    for (const filter of [{ state: 'accepted' }, { strength: 'chase' }, { colour: 'red' }, { unitId: w.assistUnitId }] as const) {
      const rows = expectOk<'supervision.list'>(await w.director.call('supervision.list', { filter })).rows;
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        if ('state' in filter) expect(row.state).toBe(filter.state);
        if ('strength' in filter) expect(row.strength).toBe(filter.strength);
        if ('colour' in filter) expect(row.colour).toBe(filter.colour);
        if ('unitId' in filter) expect(row.unitNames).toContain('派出所');
      }
    }
  });
});
