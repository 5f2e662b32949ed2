import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { openDatabase, type Db } from '../open';
import { preparedTexts } from '../statements';
import { tempDir } from '../testing';
import { insertTimelineEntry, listTimeline, type TimelineEntryRecord, type TimelineKind } from './timeline';

/** Each kind's timeline, its case row (the foreign key), and the index its list must use. */
const KINDS: { kind: TimelineKind; table: string; index: RegExp; seed: (db: Db, id: string) => void }[] = [
  {
    kind: 'event',
    table: 'event_actions',
    index: /event_actions_by_event/,
    seed: (db, id) =>
      db
        .prepare(
          `INSERT INTO events (id, serial, title, description, category_id, request_type, source, priority, risk_colour, address,
             reported_at, state, owner, created_at, updated_at)
           VALUES (?, ?, 't', 'd', 'c', 'complaint', 'walk_in', 'normal', 'green', '', 1, 'reported', 'township', 1, 1)`,
        )
        .run(id, `S-${id}`),
  },
  {
    kind: 'supervision_order',
    table: 'supervision_order_actions',
    index: /supervision_order_actions_by_order/,
    seed: (db, id) =>
      db
        .prepare(
          `INSERT INTO supervision_orders (id, serial, year, number, strength, colour, target_kind, target_id, problem, requirements,
             due_at, issued_at, state, source, issuer_name, yellow_at)
           VALUES (?, ?, 2026, ?, 'chase', 'yellow', 'unit', 'x', 'p', 'r', 9, 1, 'open', 'township', 'n', 5)`,
        )
        .run(id, `O-${id}`, Number(id.slice(-3))),
  },
];

const entry = (caseId: string, id: string, at: number): TimelineEntryRecord => ({
  id,
  caseId,
  kind: 'create',
  fromState: null,
  toState: 'reported',
  actorId: null,
  actorName: 'system',
  actorRole: null,
  unitId: null,
  note: '',
  payload: '{"a":1}',
  at,
});

describe('one timeline module for every kind of case', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Db;
  beforeAll(() => {
    dir = tempDir();
    db = openDatabase(join(dir.path, 'timeline.db'));
    migrate(db);
    db.prepare("INSERT INTO categories (id, code, name) VALUES ('c', 'c', 'c')").run();
  });
  afterAll(() => {
    db.close();
    dir.remove();
  });

  it.each(KINDS)('$kind: entries go to $table and come back in order, through an index', ({ kind, table, index, seed }) => {
    const caseId = `00000000-0000-7000-8000-000000000${kind === 'event' ? '101' : '202'}`;
    seed(db, caseId);
    insertTimelineEntry(db, kind, entry(caseId, `${caseId}-2`, 20));
    insertTimelineEntry(db, kind, entry(caseId, `${caseId}-1`, 10));
    expect(listTimeline(db, kind, caseId).map((e) => [e.id, e.caseId, e.payload])).toEqual([
      [`${caseId}-1`, caseId, '{"a":1}'],
      [`${caseId}-2`, caseId, '{"a":1}'],
    ]);
    expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 2 });

    // The statement production ran, not a copy of it.
    const list = preparedTexts(db).find((text) => text.startsWith('SELECT') && text.includes(`FROM ${table} `))!;
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${list}`).all(caseId) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(index);
  });
});
