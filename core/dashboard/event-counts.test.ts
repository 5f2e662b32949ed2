import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countsByCategory, countsByState, countsByVillage } from '../../db/queries/dashboard';
import { OPEN_STATES } from '../../common/contract';
import {
  deleteFirstEvents,
  eventCountsByCategoryFromEvents,
  eventCountsByStateFromEvents,
  eventCountsByVillageFromEvents,
  idsOf,
  patchEventRaw,
} from '../../db/testing';
import { startTestCore, type TestCore } from '../testing/core';

/** The counts kept by triggers must equal a count of the events table after any kind of change. */
describe('event counts kept by triggers', () => {
  let core: TestCore;
  beforeAll(() => {
    core = startTestCore({ demoEvents: 400 });
  }, 60_000);
  afterAll(() => core.stop());

  function expectExact(): void {
    const db = core.db;
    const byState = eventCountsByStateFromEvents(db);
    expect([...countsByState(db)].sort((a, b) => a.state.localeCompare(b.state))).toEqual(byState);
    const byVillage = eventCountsByVillageFromEvents(db, OPEN_STATES);
    expect([...countsByVillage(db, OPEN_STATES)].sort((a, b) => a.villageId.localeCompare(b.villageId))).toEqual(byVillage);
    const byCategory = eventCountsByCategoryFromEvents(db, OPEN_STATES);
    expect([...countsByCategory(db, OPEN_STATES)].sort((a, b) => a.categoryId.localeCompare(b.categoryId))).toEqual(byCategory);
  }

  it('starts exact after the demo import', () => {
    expectExact();
  });

  it('stays exact through changes of state, village and category, rolled-back writes and deletes', () => {
    const db = core.db;
    const ids = idsOf(db, 'events');
    const villages = idsOf(db, 'villages');
    const categories = idsOf(db, 'categories');
    const states = ['reported', 'in_progress', 'closed', 'archived', 'escalated'];
    for (let i = 0; i < 200; i++) {
      const id = ids[(i * 37) % ids.length]!;
      if (i % 4 === 0) patchEventRaw(db, id, { state: states[i % states.length]! });
      if (i % 4 === 1) patchEventRaw(db, id, { villageId: i % 8 === 1 ? null : villages[i % villages.length]! });
      if (i % 4 === 2) patchEventRaw(db, id, { categoryId: categories[i % categories.length]!, state: states[i % 3]! });
      if (i % 4 === 3) patchEventRaw(db, id, { title: 'unchanged' });
    }
    expectExact();
    expect(() =>
      db.transaction(() => {
        patchEventRaw(db, null, { state: 'closed' });
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expectExact();
    patchEventRaw(db, null, { mergedInto: null });
    deleteFirstEvents(db, 25);
    expectExact();
  });
});
