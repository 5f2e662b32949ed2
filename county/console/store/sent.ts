import { json, num, type ConsoleDb } from './console-db';

/** A message the console sent down, kept so the county can list its assignments, orders and notices. */
export interface SentMessage {
  id: string;
  townshipId: string;
  type: string;
  ref: string;
  serial: string | null;
  data: Record<string, unknown>;
  sentBy: string;
  sentAt: number;
}
interface Row {
  id: string;
  township_id: string;
  type: string;
  ref: string;
  serial: string | null;
  data: unknown;
  sent_by: string;
  sent_at: number;
}
const toSent = (r: Row): SentMessage => ({
  id: r.id,
  townshipId: r.township_id,
  type: r.type,
  ref: r.ref,
  serial: r.serial,
  data: json<Record<string, unknown>>(r.data),
  sentBy: r.sent_by,
  sentAt: num(r.sent_at),
});

export async function recordSent(db: ConsoleDb, m: SentMessage): Promise<void> {
  await db.run(
    'INSERT INTO console_sent (id, township_id, type, ref, serial, data, sent_by, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [m.id, m.townshipId, m.type, m.ref, m.serial, JSON.stringify(m.data), m.sentBy, m.sentAt],
  );
}

export async function sentOfType(db: ConsoleDb, type: string, limit = 500): Promise<SentMessage[]> {
  return (
    await db.query<Row>(
      'SELECT id, township_id, type, ref, serial, data, sent_by, sent_at FROM console_sent WHERE type = ? ORDER BY sent_at DESC, id DESC LIMIT ?',
      [type, limit],
    )
  ).map(toSent);
}

export async function sentFor(db: ConsoleDb, townshipId: string, refs: readonly string[]): Promise<SentMessage[]> {
  if (refs.length === 0) return [];
  return (
    await db.query<Row>(
      `SELECT id, township_id, type, ref, serial, data, sent_by, sent_at FROM console_sent
       WHERE township_id = ? AND ref IN (${refs.map(() => '?').join(', ')}) ORDER BY sent_at, id`,
      [townshipId, ...refs],
    )
  ).map(toSent);
}

/** The next number of a yearly serial (县督〔2026〕N号), taken inside the caller's transaction. */
export async function nextSerial(db: ConsoleDb, name: string): Promise<number> {
  await db.run(
    `INSERT INTO console_serials (name, last) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET last = console_serials.last + 1`,
    [name],
  );
  const [row] = await db.query<{ last: number }>('SELECT last FROM console_serials WHERE name = ?', [name]);
  return num(row?.last);
}

export interface EscalationDecision {
  townshipId: string;
  eventId: string;
  recordSeq: number;
  decision: 'accepted' | 'returned';
  note: string;
  decidedBy: string;
  decidedAt: number;
}

export async function recordDecision(db: ConsoleDb, d: EscalationDecision): Promise<number> {
  const { changes } = await db.run(
    `INSERT INTO console_escalation_decisions (township_id, event_id, record_seq, decision, note, decided_by, decided_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (township_id, event_id, record_seq) DO NOTHING`,
    [d.townshipId, d.eventId, d.recordSeq, d.decision, d.note, d.decidedBy, d.decidedAt],
  );
  return changes;
}

export async function decisions(db: ConsoleDb, townshipId?: string, eventId?: string): Promise<EscalationDecision[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (townshipId) {
    where.push('township_id = ?');
    params.push(townshipId);
  }
  if (eventId) {
    where.push('event_id = ?');
    params.push(eventId);
  }
  const rows = await db.query<{
    township_id: string;
    event_id: string;
    record_seq: number;
    decision: 'accepted' | 'returned';
    note: string;
    decided_by: string;
    decided_at: number;
  }>(
    `SELECT township_id, event_id, record_seq, decision, note, decided_by, decided_at FROM console_escalation_decisions
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY decided_at`,
    params,
  );
  return rows.map((r) => ({
    townshipId: r.township_id,
    eventId: r.event_id,
    recordSeq: num(r.record_seq),
    decision: r.decision,
    note: r.note,
    decidedBy: r.decided_by,
    decidedAt: num(r.decided_at),
  }));
}

export interface CountyEventState {
  townshipId: string;
  eventId: string;
  state: string;
  note: string;
  updatedBy: string;
  updatedAt: number;
}

export async function setCountyEventState(db: ConsoleDb, s: CountyEventState): Promise<void> {
  await db.run(
    `INSERT INTO console_county_events (township_id, event_id, state, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (township_id, event_id) DO UPDATE SET state = excluded.state, note = excluded.note,
       updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    [s.townshipId, s.eventId, s.state, s.note, s.updatedBy, s.updatedAt],
  );
}

export async function countyEventStates(db: ConsoleDb): Promise<Map<string, CountyEventState>> {
  const rows = await db.query<{
    township_id: string;
    event_id: string;
    state: string;
    note: string;
    updated_by: string;
    updated_at: number;
  }>('SELECT township_id, event_id, state, note, updated_by, updated_at FROM console_county_events');
  return new Map(
    rows.map((r) => [
      `${r.township_id}/${r.event_id}`,
      {
        townshipId: r.township_id,
        eventId: r.event_id,
        state: r.state,
        note: r.note,
        updatedBy: r.updated_by,
        updatedAt: num(r.updated_at),
      },
    ]),
  );
}

export async function latestReference(
  db: ConsoleDb,
): Promise<{ kind: string; version: number; items: unknown[]; publishedBy: string; publishedAt: number }[]> {
  const rows = await db.query<{ kind: string; version: number; items: unknown; published_by: string; published_at: number }>(
    `SELECT r.kind, r.version, r.items, r.published_by, r.published_at FROM console_reference r
     WHERE r.version = (SELECT MAX(v.version) FROM console_reference v WHERE v.kind = r.kind) ORDER BY r.kind`,
  );
  return rows.map((r) => ({
    kind: r.kind,
    version: num(r.version),
    items: json<unknown[]>(r.items),
    publishedBy: r.published_by,
    publishedAt: num(r.published_at),
  }));
}

export async function publishReference(db: ConsoleDb, kind: string, items: unknown[], by: string): Promise<number> {
  const [row] = await db.query<{ v: number | null }>('SELECT MAX(version) AS v FROM console_reference WHERE kind = ?', [kind]);
  const version = num(row?.v) + 1;
  await db.run('INSERT INTO console_reference (kind, version, items, published_by, published_at) VALUES (?, ?, ?, ?, ?)', [
    kind,
    version,
    JSON.stringify(items),
    by,
    Date.now(),
  ]);
  return version;
}
