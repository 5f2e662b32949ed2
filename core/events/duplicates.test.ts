import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCES } from '../../common/events';
import { chinaMs } from '../calendar';
import { anyGridOfVillage, eventActionKinds, storedEventRow } from '../../db/testing-events';
import { errorCode, expectOk } from '../testing/core';
import { startEventsWorld, type EventsWorld } from '../testing/event-fixtures';

describe('duplicates at registration: events that arrive already reported', () => {
  let w: EventsWorld;
  let grid: string;
  let original: string;
  const state = (id: string) => storedEventRow(w.core.db, id)?.state;

  beforeAll(async () => {
    w = await startEventsWorld();
    grid = anyGridOfVillage(w.core.db, w.villageId)!;
    w.core.clock.now = chinaMs('2026-11-20 10:00');
    original = await w.newEvent({
      title: '桥头垃圾堆放发臭',
      description: '清溪村桥头垃圾堆放多日无人清理',
      gridId: grid,
      source: 'walk_in',
      register: true,
    });
  }, 60_000);
  afterAll(() => w.core.stop());

  it.each(SOURCES.filter((s) => s !== 'walk_in'))(
    'an event from %s shows the same suggestions as intake, itself left out',
    async (source) => {
      w.core.clock.now += 60_000;
      const facts = { title: '桥头垃圾没人清理', description: '桥头堆了很多垃圾，气味很大', gridId: grid };
      const arrived = await w.newEvent({ ...facts, source });
      const suggested = expectOk<'events.duplicatesOf'>(await w.operator.call('events.duplicatesOf', { id: arrived }));
      const atIntake = expectOk<'events.duplicates'>(
        await w.operator.call('events.duplicates', {
          ...facts,
          categoryId: w.categoryId,
          reportedAt: w.core.clock.now,
          excludeId: arrived,
        }),
      );
      expect(suggested).toEqual(atIntake);
      expect(suggested.map((d) => d.id)).toContain(original);
      expect(suggested.map((d) => d.id)).not.toContain(arrived);
      expect(suggested.find((d) => d.id === original)).toMatchObject({ sameGrid: true, state: 'registered' });
      // The operator merges it (one move): it no longer crowds the next arrival's suggestions.
      await w.act(w.operator, { action: 'merge', id: arrived, intoId: original });
    },
  );

  it('merge is one move away: the arrival ends merged into the suggestion, both timelines kept', async () => {
    const arrived = await w.newEvent({
      title: '桥头垃圾很多',
      description: '桥头垃圾堆放发臭',
      gridId: grid,
      source: 'hotline_12345',
    });
    const [first] = expectOk<'events.duplicatesOf'>(await w.operator.call('events.duplicatesOf', { id: arrived }));
    expect(first).toBeDefined();
    await w.act(w.operator, { action: 'merge', id: arrived, intoId: first!.id });
    expect(state(arrived)).toBe('merged');
    const kinds = eventActionKinds(w.core.db, first!.id);
    expect(kinds).toContain('merged_from');
  });

  it('an unrelated arrival has no suggestions; only the room asks; an unknown event is NOT_FOUND', async () => {
    const unrelated = await w.newEvent({ title: '路灯不亮', description: '夜间照明缺失', gridId: grid, source: 'grid_report' });
    expect(expectOk<'events.duplicatesOf'>(await w.operator.call('events.duplicatesOf', { id: unrelated }))).toEqual([]);
    expect(errorCode(await w.handler.call('events.duplicatesOf', { id: unrelated }))).toBe('FORBIDDEN');
    expect(errorCode(await w.operator.call('events.duplicatesOf', { id: '01a22add-9fde-72a4-abf5-000000000997' }))).toBe(
      'NOT_FOUND',
    );
  });
});
