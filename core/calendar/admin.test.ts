import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import holidays2026 from './holidays-CN-2026.json';
import { chinaMs, formatChinaTime } from './';
import type { Connection } from '../app';
import { databaseDigest, errorCode, expectOk } from '../testing/core';
import { startEventsWorld, type EventsWorld } from '../testing/event-fixtures';

describe('calendar and deadline rules, edited by the admin', () => {
  let w: EventsWorld;
  let admin: Connection;
  beforeAll(async () => {
    w = await startEventsWorld();
    admin = w.admin;
  }, 60_000);
  afterAll(() => w.core.stop());

  it('lists the seeded 2026 holidays', async () => {
    const days = expectOk<'calendar.list'>(await w.operator.call('calendar.list', { year: 2026 }));
    expect(days.find((d) => d.date === '2026-10-10')).toMatchObject({ kind: 'work', source: 'seed' });
    expect(days.filter((d) => d.kind === 'off' && d.date.startsWith('2026-10'))).toHaveLength(7);
  });

  it('moves deadlines when a day off is added, for dispatches made after the change', async () => {
    w.core.clock.now = chinaMs('2026-12-03 16:00'); // Thursday
    expectOk(await admin.call('calendar.setDay', { date: '2026-12-04', kind: 'off', name: '防汛调休' }));
    const id = await w.eventIn('registered');
    await w.act(w.operator, { action: 'dispatch', id, leadUnitId: w.leadUnitId, assistUnitIds: [], instructions: '' });
    const e = expectOk<'events.get'>(await w.director.call('events.get', { id }));
    // 2 working hours from Thu 16:00: 1.5 h on Thursday, Friday off, 0.5 h on Monday.
    expect(formatChinaTime(e.signDueAt!)).toBe('2026-12-07 09:00');
    expectOk(await admin.call('calendar.removeDay', { date: '2026-12-04' }));
  });

  it('refuses an adjusted working day on a weekday, and a bad holiday file, changing nothing', async () => {
    const digest = databaseDigest(w.core.db);
    expect(errorCode(await admin.call('calendar.setDay', { date: '2026-12-02', kind: 'work', name: '调休' }))).toBe('BAD_INPUT');
    expect(errorCode(await admin.call('calendar.setDay', { date: '2026-02-30', kind: 'off', name: '假' }))).toBe('BAD_INPUT');
    const bad = { ...holidays2026, holidays: [{ name: '元旦', off: ['2026-01-01'], workdays: ['2026-01-01'] }] };
    expect(errorCode(await admin.call('calendar.importHolidays', { file: bad }))).toBe('BAD_INPUT');
    expect(errorCode(await admin.call('calendar.importHolidays', { file: 'not a file' }))).toBe('BAD_INPUT');
    expect(errorCode(await w.operator.call('calendar.setDay', { date: '2026-12-05', kind: 'work', name: '调休' }))).toBe(
      'FORBIDDEN',
    );
    expect(databaseDigest(w.core.db)).toEqual(digest);
  });

  it('imports a holiday file, replacing that year', async () => {
    const result = expectOk<'calendar.importHolidays'>(await admin.call('calendar.importHolidays', { file: holidays2026 }));
    expect(result.year).toBe(2026);
    const days = expectOk<'calendar.list'>(await admin.call('calendar.list', { year: 2026 }));
    expect(days.length).toBe(result.days);
    expect(new Set(days.map((d) => d.source))).toEqual(new Set(['admin']));
  });

  it('changes a deadline rule for a top-level category only', async () => {
    const rules = expectOk<'calendar.deadlineRules'>(await admin.call('calendar.deadlineRules', {}));
    expect(rules.length).toBe(30);
    const rule = rules.find((r) => r.categoryName === '环境卫生' && r.priority === 'normal')!;
    const changed = expectOk<'calendar.setDeadlineRule'>(
      await admin.call('calendar.setDeadlineRule', {
        categoryId: rule.categoryId,
        priority: 'normal',
        signHours: 4,
        handleDays: 10,
        handleHours: null,
      }),
    );
    expect(changed).toMatchObject({ signHours: 4, handleDays: 10 });
    expect(
      errorCode(
        await admin.call('calendar.setDeadlineRule', {
          categoryId: w.categoryId,
          priority: 'normal',
          signHours: 4,
          handleDays: 10,
          handleHours: null,
        }),
      ),
    ).toBe('BAD_INPUT');
    expect(
      errorCode(
        await admin.call('calendar.setDeadlineRule', {
          categoryId: rule.categoryId,
          priority: 'normal',
          signHours: 4,
          handleDays: 10,
          handleHours: 5,
        }),
      ),
    ).toBe('BAD_INPUT');
  });
});
