import { num, numOrNull, type ConsoleDb } from './console-db';

export interface TownshipSummary {
  id: string;
  name: string;
  revoked: boolean;
  lastSeq: number;
  lastOffset: number;
  lastPushAt: number | null;
  lastPullAt: number | null;
  /** Messages in the township's log it has not yet pulled (as far as its last pull told). */
  backlog: number;
  refused: number;
}

interface Row {
  id: string;
  name: string;
  revoked_at: number | null;
  last_seq: number;
  last_offset: number;
  last_push_at: number | null;
  last_pull_at: number | null;
  pulled_offset: number | null;
  refused: number | null;
}

export async function townshipSummaries(db: ConsoleDb): Promise<TownshipSummary[]> {
  const rows = await db.query<Row>(
    `SELECT t.id, t.name, t.revoked_at, t.last_seq, t.last_offset, a.last_push_at, a.last_pull_at, a.pulled_offset, r.refused
     FROM townships t
     LEFT JOIN console_township_activity a ON a.township_id = t.id
     LEFT JOIN (SELECT township_id, COUNT(*) AS refused FROM changes WHERE status = 'refused' GROUP BY township_id) r
       ON r.township_id = t.id
     ORDER BY t.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    revoked: r.revoked_at !== null && r.revoked_at !== undefined,
    lastSeq: num(r.last_seq),
    lastOffset: num(r.last_offset),
    lastPushAt: numOrNull(r.last_push_at),
    lastPullAt: numOrNull(r.last_pull_at),
    backlog: Math.max(0, num(r.last_offset) - num(r.pulled_offset)),
    refused: num(r.refused),
  }));
}

export async function townshipExists(db: ConsoleDb, id: string): Promise<boolean> {
  return (await db.query<{ id: string }>('SELECT id FROM townships WHERE id = ?', [id])).length > 0;
}

export async function townshipNames(db: ConsoleDb): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; name: string }>('SELECT id, name FROM townships');
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function refusedChanges(db: ConsoleDb, townshipId: string, limit = 200) {
  const rows = await db.query<{
    seq: number;
    entity: string;
    entity_id: string;
    code: string;
    message: string;
    received_at: number;
  }>(
    `SELECT seq, entity, entity_id, code, message, received_at FROM changes
     WHERE township_id = ? AND status = 'refused' ORDER BY seq DESC LIMIT ?`,
    [townshipId, limit],
  );
  return rows.map((r) => ({
    seq: num(r.seq),
    entity: r.entity,
    entityId: r.entity_id,
    code: r.code,
    message: r.message,
    receivedAt: num(r.received_at),
  }));
}

/** Link activity seen by the console's listener on the township namespace (any node writes its own). */
export async function notePush(db: ConsoleDb, townshipId: string, at: number): Promise<void> {
  await db.run(
    `INSERT INTO console_township_activity (township_id, last_push_at, pulled_offset) VALUES (?, ?, 0)
     ON CONFLICT (township_id) DO UPDATE SET last_push_at = excluded.last_push_at`,
    [townshipId, at],
  );
}

export async function notePull(db: ConsoleDb, townshipId: string, at: number, after: number): Promise<void> {
  await db.run(
    `INSERT INTO console_township_activity (township_id, last_pull_at, pulled_offset) VALUES (?, ?, ?)
     ON CONFLICT (township_id) DO UPDATE SET last_pull_at = excluded.last_pull_at,
       pulled_offset = CASE WHEN excluded.pulled_offset > console_township_activity.pulled_offset
         THEN excluded.pulled_offset ELSE console_township_activity.pulled_offset END`,
    [townshipId, at, after],
  );
}
