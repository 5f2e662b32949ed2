import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaMs, formatChinaTime } from '../calendar';
import { countRows, latestOutboxData, outboxSeqs } from '../../db/testing';
import { anyGridOfVillage, storedEventRow } from '../../db/testing-events';
import { errorCode, expectOk } from '../testing/core';
import { attachmentPath } from './attachments';
import { PNG_1PX, startEventsWorld, type EventsWorld } from '../testing/event-fixtures';
import { runWarningTick } from './warning-tick';

describe('events', () => {
  let w: EventsWorld;
  const detail = async (id: string) => expectOk<'events.get'>(await w.director.call('events.get', { id }));
  beforeAll(async () => {
    w = await startEventsWorld();
  }, 60_000);
  afterAll(() => w.core.stop());

  it('numbers events per township and day: QX-20261130-0001, -0002 …', async () => {
    w.core.clock.now = chinaMs('2026-12-01 09:00');
    const a = await w.newEvent();
    const b = await w.newEvent();
    const serials = [a, b].map((id) => storedEventRow(w.core.db, id)?.serial);
    expect(serials).toEqual(['QX-20261201-0001', 'QX-20261201-0002']);
  });

  it('writes the change, its timeline, audit and outbox rows in one transaction, with a gapless outbox', async () => {
    const count = (table: string) => countRows(w.core.db, table);
    const before = { actions: count('event_actions'), audit: count('audit_log'), outbox: count('outbox') };
    await w.newEvent({ register: true });
    expect(count('event_actions')).toBe(before.actions + 2);
    expect(count('audit_log')).toBe(before.audit + 2);
    expect(count('outbox')).toBe(before.outbox + 4);
    const seqs = outboxSeqs(w.core.db);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const change = JSON.parse(latestOutboxData(w.core.db, 'event')!);
    expect(change).toMatchObject({
      state: 'registered',
      category: 'sanitation.garbage',
      priority: 'normal',
      source: 'grid_report',
    });
    expect(change.reportedAt).toMatch(/\+08:00$/);
  });

  it('computes deadlines on the working calendar from dispatch: across National Day and its adjusted Saturday', async () => {
    w.core.clock.now = chinaMs('2026-09-30 16:00');
    const id = await w.eventIn('registered');
    await w.act(w.operator, { action: 'dispatch', id, leadUnitId: w.leadUnitId, assistUnitIds: [], instructions: '' });
    const e = await detail(id);
    // Sign-for: 2 working hours — 1.5 h on Sep 30, then Oct 1–7 are off, 0.5 h on Thu Oct 8.
    expect(formatChinaTime(e.signDueAt!)).toBe('2026-10-08 09:00');
    // Handle: 5 working days after the dispatch day: Oct 8, 9, Sat Oct 10 (adjusted working day), 12, 13.
    expect(formatChinaTime(e.handleDueAt!)).toBe('2026-10-13 17:30');
    expect(e.units[0]).toMatchObject({ role: 'lead', state: 'pending', unitName: '综合行政执法队' });
  });

  it('turns the warning yellow at 75 % and red when overdue, through the tick', async () => {
    w.core.clock.now = chinaMs('2026-11-02 09:00'); // a Monday
    const id = await w.eventIn('registered');
    await w.act(w.operator, { action: 'dispatch', id, leadUnitId: w.leadUnitId, assistUnitIds: [], instructions: '' });
    await w.act(w.handler, { action: 'sign', id });
    const e = await detail(id);
    expect(formatChinaTime(e.handleDueAt!)).toBe('2026-11-09 17:30');
    expect(e.warning).toBe('none');
    const warning = () => storedEventRow(w.core.db, id)?.warning;
    // Allowed: Mon 7 h + Tue–Fri 4 × 7.5 h + Mon 7.5 h = 44.5 working hours; 75 % = 33.375 h,
    // reached on Fri Nov 6 after 3.5 h in the morning and 22.5 min after lunch: 13:52:30.
    w.core.clock.now = chinaMs('2026-11-06 13:52');
    expect(runWarningTick(w.core.db, w.core.clock.now)).not.toContain(id);
    expect(warning()).toBe(0);
    w.core.clock.now = chinaMs('2026-11-06 13:53');
    expect(runWarningTick(w.core.db, w.core.clock.now)).toContain(id);
    expect(warning()).toBe(1);
    w.core.clock.now = chinaMs('2026-11-09 17:30');
    expect(runWarningTick(w.core.db, w.core.clock.now)).not.toContain(id);
    w.core.clock.now = chinaMs('2026-11-09 17:31');
    expect(runWarningTick(w.core.db, w.core.clock.now)).toContain(id);
    expect(warning()).toBe(2);
    const overdue = expectOk<'events.queue'>(await w.operator.call('events.queue', { filter: { view: 'overdue' }, limit: 200 }));
    expect(overdue.rows.find((r) => r.id === id)?.warning).toBe('red');
    // A late report-back freezes the warning red; the tick no longer looks at it.
    await w.act(w.handler, { action: 'feedback', id, text: '已处理', photos: [] });
    expect(warning()).toBe(2);
    expect(storedEventRow(w.core.db, id)?.red_at).toBeNull();
  });

  it('tracks each unit on its own: an assisting unit signing does not move the event', async () => {
    const id = await w.eventIn('dispatched');
    await w.act(w.assistHandler, { action: 'sign', id });
    let e = await detail(id);
    expect(e.state).toBe('dispatched');
    expect(e.units.map((u) => [u.role, u.state])).toEqual([
      ['lead', 'pending'],
      ['assist', 'signed'],
    ]);
    await w.act(w.handler, { action: 'sign', id });
    e = await detail(id);
    expect(e.state).toBe('in_progress');
    expect(e.allowedActions).toEqual(expect.arrayContaining(['escalate']));
  });

  it('offers exactly the actions the user may take', async () => {
    const id = await w.eventIn('dispatched');
    const actions = async (who: typeof w.operator) => expectOk<'events.get'>(await who.call('events.get', { id })).allowedActions;
    expect(await actions(w.handler)).toEqual(['sign', 'return', 'requestExtension']);
    expect(await actions(w.assistHandler)).toEqual(['sign']);
    expect(await actions(w.operator)).toEqual([]);
    expect(await actions(w.director)).toEqual([]);
    // The viewer (the wall TV) reads no case file at all, so it is offered nothing (issue 13: read scope).
    expect(errorCode(await w.viewer.call('events.get', { id }))).toBe('FORBIDDEN');
  });

  it('keeps both timelines when merging', async () => {
    const target = await w.newEvent();
    const dup = await w.newEvent();
    await w.act(w.operator, { action: 'merge', id: dup, intoId: target });
    const merged = await detail(dup);
    expect(merged.state).toBe('merged');
    expect(merged.mergedInto?.id).toBe(target);
    expect(merged.timeline.map((t) => t.kind)).toEqual(['create', 'merge']);
    expect((await detail(target)).timeline.map((t) => t.kind)).toEqual(['create', 'merged_from']);
  });

  it('stores feedback photos under their SHA-256 and refuses a file that is not what it claims', async () => {
    const id = await w.eventIn('in_progress');
    const bad = await w.handler.call('events.act', {
      action: 'feedback',
      id,
      text: '已处理',
      photos: [{ name: 'x.jpg', mime: 'image/jpeg', dataBase64: Buffer.from('not an image').toString('base64') }],
    });
    expect(errorCode(bad)).toBe('UNSUPPORTED_FILE');
    expect((await detail(id)).state).toBe('in_progress');
    await w.act(w.handler, {
      action: 'feedback',
      id,
      text: '已处理',
      photos: [{ name: '现场.png', mime: 'image/png', dataBase64: PNG_1PX }],
    });
    const e = await detail(id);
    expect(e.attachments).toHaveLength(1);
    expect(e.timeline.at(-1)?.attachments[0]?.name).toBe('现场.png');
    expect(existsSync(attachmentPath(w.core.app.dbPath.replace(/command-room\.db$/, ''), e.attachments[0]!.sha256))).toBe(true);
    const file = expectOk<'events.attachment'>(await w.handler.call('events.attachment', { id: e.attachments[0]!.id }));
    expect(file.dataBase64).toBe(PNG_1PX);
  });

  it('shows a unit handler only the events of their unit', async () => {
    const mine = await w.eventIn('dispatched');
    const other = await w.eventIn('registered');
    const page = expectOk<'events.queue'>(
      await w.handler.call('events.queue', { filter: { view: 'all' }, sort: 'reported_desc', limit: 200 }),
    );
    expect(page.rows.map((r) => r.id)).toContain(mine);
    expect(page.rows.map((r) => r.id)).not.toContain(other);
    expect(errorCode(await w.handler.call('events.get', { id: other }))).toBe('FORBIDDEN');
    // 本单位待办 holds only running events on which the unit still has work.
    const todo = expectOk<'events.queue'>(await w.handler.call('events.queue', { filter: { view: 'my_todo' }, limit: 200 }));
    expect(todo.rows.map((r) => r.id)).toContain(mine);
    expect(todo.rows.every((r) => ['dispatched', 'in_progress'].includes(r.state))).toBe(true);
  });

  it('masks reporter phones in lists', async () => {
    const id = await w.newEvent({ reporterPhone: '13912345678' });
    const page = expectOk<'events.queue'>(
      await w.operator.call('events.queue', { filter: { view: 'all' }, sort: 'reported_desc', limit: 5 }),
    );
    expect(page.rows.find((r) => r.id === id)?.reporterPhone).toBe('139****5678');
    expect((await detail(id)).reporterPhone).toBe('13912345678');
  });

  it('finds Chinese text by two-character words and longer substrings', async () => {
    const id = await w.newEvent({ title: '幸福小区消防通道被电动车占用', description: '楼道内电动车违规充电，存在火灾隐患' });
    const search = async (text: string) =>
      expectOk<'events.queue'>(
        await w.operator.call('events.queue', { filter: { view: 'all', search: text }, limit: 200 }),
      ).rows.map((r) => r.id);
    expect(await search('消防')).toContain(id);
    expect(await search('通道')).toContain(id);
    expect(await search('违规充电')).toContain(id);
    expect(await search('消防 充电')).toContain(id);
    expect(await search('火灾隐患')).toContain(id);
    expect(await search('水管')).not.toContain(id);
    expect(errorCode(await w.operator.call('events.queue', { filter: { view: 'all', search: '消' } }))).toBe('BAD_INPUT');
  });

  it('suggests duplicates: same category, same grid, within 72 h, similar text', async () => {
    const grid = anyGridOfVillage(w.core.db, w.villageId)!;
    w.core.clock.now = chinaMs('2026-11-20 10:00');
    const original = await w.newEvent({ title: '桥头垃圾堆放发臭', description: '清溪村桥头垃圾堆放多日无人清理', gridId: grid });
    const query = { categoryId: w.categoryId, gridId: grid, title: '桥头垃圾没人清理', description: '桥头堆了很多垃圾' };
    const found = expectOk<'events.duplicates'>(await w.operator.call('events.duplicates', query));
    expect(found.map((d) => d.id)).toContain(original);
    expect(found.find((d) => d.id === original)?.sameGrid).toBe(true);
    // Four days later it is no longer a likely duplicate.
    w.core.clock.now = chinaMs('2026-11-24 11:00');
    expect(expectOk<'events.duplicates'>(await w.operator.call('events.duplicates', query)).map((d) => d.id)).not.toContain(
      original,
    );
    // Different text in the same grid is not a duplicate either.
    w.core.clock.now = chinaMs('2026-11-20 12:00');
    const unrelated = expectOk<'events.duplicates'>(
      await w.operator.call('events.duplicates', { ...query, title: '路灯不亮', description: '夜间照明缺失' }),
    );
    expect(unrelated.map((d) => d.id)).not.toContain(original);
  });

  it('lets only the director override a dispatch deadline', async () => {
    const id = await w.eventIn('registered');
    const due = w.core.clock.now + 3 * 86_400_000;
    const input = {
      action: 'dispatch' as const,
      id,
      leadUnitId: w.leadUnitId,
      assistUnitIds: [],
      instructions: '',
      handleDueAt: due,
    };
    expect(errorCode(await w.operator.call('events.act', input))).toBe('FORBIDDEN');
    expectOk(await w.director.call('events.act', input));
    expect((await detail(id)).handleDueAt).toBe(due);
  });

  it('extends the deadline when the director approves a request', async () => {
    const id = await w.eventIn('in_progress');
    const requestedDue = w.core.clock.now + 20 * 86_400_000;
    await w.act(w.handler, { action: 'requestExtension', id, requestedDue, reason: '需协调供电所停电施工' });
    expect((await detail(id)).pendingExtension?.requestedDue).toBe(requestedDue);
    await w.act(w.director, { action: 'decideExtension', id, approve: true });
    const e = await detail(id);
    expect(e.handleDueAt).toBe(requestedDue);
    expect(e.pendingExtension).toBeNull();
  });
});
