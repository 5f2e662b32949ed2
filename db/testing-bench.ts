/** Raw-SQL baselines for the benchmarks: the same rows written without the app's road. Not used by production code. */
import type { Db } from './open';

/** One imported historical event as plain values, its names already resolved to ids. */
export interface RawHistoryRow {
  id: string;
  actionId: string;
  serial: string;
  title: string;
  categoryId: string;
  villageId: string | null;
  leadUnitId: string | null;
  reportedAt: number;
  closedAt: number;
  state: 'closed' | 'archived';
  searchText: string;
  searchBigrams: string;
}

/**
 * The rows of a historical import written by plain INSERTs in one transaction (event, its one
 * timeline entry, its two full-text rows): what the import costs with nothing but SQL.
 */
export function rawInsertHistory(db: Db, rows: readonly RawHistoryRow[], actorId: string, now: number): void {
  // A raw statement per run, like a hand-written script would: the baseline caches nothing of the app's.
  const event = db.prepare(
    `INSERT INTO events (id, serial, title, description, category_id, request_type, source, priority, risk_colour, village_id,
       reported_at, state, lead_unit_id, closed_at, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'request', 'history_import', 'normal', 'green', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const action = db.prepare(
    `INSERT INTO event_actions (id, event_id, kind, to_state, actor_id, actor_name, note, payload, at)
     VALUES (?, ?, 'history_import', ?, ?, 'bench', '', '{}', ?)`,
  );
  const fts = db.prepare('INSERT INTO events_fts (rowid, text) VALUES (?, ?)');
  const fts2 = db.prepare('INSERT INTO events_fts2 (rowid, bigrams) VALUES (?, ?)');
  db.transaction(() => {
    for (const r of rows) {
      const rowid = event.run(
        r.id,
        r.serial,
        r.title,
        r.title,
        r.categoryId,
        r.villageId,
        r.reportedAt,
        r.state,
        r.leadUnitId,
        r.closedAt,
        actorId,
        now,
        now,
      ).lastInsertRowid;
      action.run(r.actionId, r.id, r.state, actorId, r.closedAt);
      fts.run(rowid, r.searchText);
      fts2.run(rowid, r.searchBigrams);
    }
  }).immediate();
}
