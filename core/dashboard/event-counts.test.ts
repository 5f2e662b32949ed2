import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countsByCategory, countsByState, countsByVillage } from '../../db/queries/dashboard';
import { OPEN_STATES } from '../../common/contract';
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
    const byState = db.prepare('SELECT state, count(*) AS count FROM events GROUP BY state ORDER BY state').all();
    expect([...countsByState(db)].sort((a, b) => a.state.localeCompare(b.state))).toEqual(byState);
    const open = OPEN_STATES.map((s) => `'${s}'`).join(',');
    const byVillage = db
      .prepare(
        `SELECT village_id AS villageId, count(*) AS count FROM events
         WHERE state IN (${open}) AND village_id IS NOT NULL GROUP BY village_id ORDER BY village_id`,
      )
      .all();
    expect([...countsByVillage(db, OPEN_STATES)].sort((a, b) => a.villageId.localeCompare(b.villageId))).toEqual(byVillage);
    const byCategory = db
      .prepare(
        `SELECT category_id AS categoryId, count(*) AS count FROM events WHERE state IN (${open})
         GROUP BY category_id ORDER BY category_id`,
      )
      .all();
    expect([...countsByCategory(db, OPEN_STATES)].sort((a, b) => a.categoryId.localeCompare(b.categoryId))).toEqual(byCategory);
  }

  it('starts exact after the demo import', () => {
    expectExact();
  });

  it('stays exact through changes of state, village and category, rolled-back writes and deletes', () => {
    const db = core.db;
    const ids = db.prepare('SELECT id FROM events ORDER BY id').pluck().all() as string[];
    const villages = db.prepare('SELECT id FROM villages').pluck().all() as string[];
    const categories = db.prepare('SELECT id FROM categories').pluck().all() as string[];
    const states = ['reported', 'in_progress', 'closed', 'archived', 'escalated'];
    for (let i = 0; i < 200; i++) {
      const id = ids[(i * 37) % ids.length]!;
      if (i % 4 === 0) db.prepare('UPDATE events SET state = ? WHERE id = ?').run(states[i % states.length], id);
      if (i % 4 === 1)
        db.prepare('UPDATE events SET village_id = ? WHERE id = ?').run(i % 8 === 1 ? null : villages[i % villages.length], id);
      if (i % 4 === 2)
        db.prepare('UPDATE events SET category_id = ?, state = ? WHERE id = ?').run(
          categories[i % categories.length],
          states[i % 3],
          id,
        );
      if (i % 4 === 3) db.prepare('UPDATE events SET title = title WHERE id = ?').run(id);
    }
    expectExact();
    expect(() =>
      db.transaction(() => {
        db.prepare("UPDATE events SET state = 'closed'").run();
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expectExact();
    db.prepare('UPDATE events SET merged_into = NULL').run();
    db.prepare('DELETE FROM events WHERE id IN (SELECT id FROM events ORDER BY id LIMIT 25)').run();
    expectExact();
  });
});
