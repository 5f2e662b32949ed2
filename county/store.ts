import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import {
  MAX_BATCH_BYTES,
  MAX_BATCH_CHANGES,
  MAX_CHANGE_BYTES,
  MAX_DATA_DEPTH,
  MAX_PULL_LIMIT,
  MAX_RECOVER_LIMIT,
  isMessageType,
  measureJson,
  parseChange,
  parseMessageData,
  PullRequest,
  RecoverRequest,
  type Change,
  type PushReply,
  type Refusal,
  type RefusalCode,
} from '../common/protocol';
import { isoChina } from '../common/china-time';
import { DEMO_COUNTY } from '../common/protocol/demo';

export const COUNTY_DATABASE_FILE = 'county.db';

export interface TownshipRow {
  id: string;
  name: string;
  lastSeq: number;
  lastOffset: number;
}

export interface StoredMessage {
  offset: number;
  id: string;
  type: string;
  at: string;
  data: unknown;
}

const newToken = () => randomBytes(24).toString('base64url');
const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/** ISO 8601 in China time, as PROTOCOL.md wants on the wire. */
export function isoChinaNow(ms = Date.now()): string {
  return isoChina(ms);
}

/** JSON of a value within the per-change limits, else null (never stringifies anything deeper or larger). */
function safeJson(value: unknown): string | null {
  if (value === undefined) return null;
  const m = measureJson(value, MAX_DATA_DEPTH, MAX_CHANGE_BYTES);
  return m.over ? null : JSON.stringify(value);
}

function migrate(db: Database.Database): void {
  const dir = fileURLToPath(new URL('./migrations/sqlite/', import.meta.url));
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}-[a-z0-9-]+\.sql$/.test(f))
    .sort();
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > files.length)
    throw new Error(`The county database is at version ${current}; this county center knows only ${files.length}.`);
  db.transaction(() => {
    files.slice(current).forEach((f) => db.exec(readFileSync(join(dir, f), 'utf8')));
    db.pragma(`user_version = ${files.length}`);
  }).immediate();
}

/**
 * The county center's storage: one SQLite file. Emits `appended(townshipId)`
 * whenever a township's message log grows in this process.
 */
export class CountyStore extends EventEmitter {
  readonly db: Database.Database;

  constructor(dataDir: string) {
    super();
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, COUNTY_DATABASE_FILE));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
  }

  close(): void {
    this.db.close();
  }

  /** The demo township with the token the demo app is configured with, unless it is already registered. */
  ensureDemoTownship(): void {
    if (!this.township(DEMO_COUNTY.townshipId))
      this.addTownship(DEMO_COUNTY.townshipId, DEMO_COUNTY.townshipName, DEMO_COUNTY.token);
  }

  /** Registers a township (or gives it a new token) and returns the token; only its hash is kept. */
  addTownship(id: string, name: string, token: string = newToken()): string {
    this.db
      .prepare(
        `INSERT INTO townships (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, token_hash = excluded.token_hash, revoked_at = NULL,
           credentials_version = credentials_version + 1`,
      )
      .run(id, name, hashToken(token).toString('hex'), Date.now());
    this.emit('credentials', id);
    return token;
  }

  /** A new token for a registered township (revoked or not); the old one stops working at once. */
  rotateToken(id: string): string {
    const token = newToken();
    const changed = this.db
      .prepare(
        `UPDATE townships SET token_hash = ?, revoked_at = NULL, credentials_version = credentials_version + 1 WHERE id = ?`,
      )
      .run(hashToken(token).toString('hex'), id).changes;
    if (changed === 0) throw new Error(`There is no township "${id}". Register it with add-township first.`);
    this.emit('credentials', id);
    return token;
  }

  /** Refuses the township from now on (its data stays); rotate-token lets it back in with a new token. */
  revokeTownship(id: string): void {
    const changed = this.db
      .prepare('UPDATE townships SET revoked_at = ?, credentials_version = credentials_version + 1 WHERE id = ?')
      .run(Date.now(), id).changes;
    if (changed === 0) throw new Error(`There is no township "${id}".`);
    this.emit('credentials', id);
  }

  /** Credentials versions of all townships: lets the server notice a rotation or revocation by another process. */
  credentialVersions(): Map<string, number> {
    const rows = this.db.prepare('SELECT id, credentials_version AS v FROM townships').all() as { id: string; v: number }[];
    return new Map(rows.map((r) => [r.id, r.v]));
  }

  township(id: string): TownshipRow | undefined {
    return this.db
      .prepare('SELECT id, name, last_seq AS lastSeq, last_offset AS lastOffset FROM townships WHERE id = ?')
      .get(id) as TownshipRow | undefined;
  }

  townships(): TownshipRow[] {
    return this.db
      .prepare('SELECT id, name, last_seq AS lastSeq, last_offset AS lastOffset FROM townships ORDER BY id')
      .all() as TownshipRow[];
  }

  /** Constant-time check of a township's token. */
  checkToken(townshipId: string, token: string): boolean {
    const row = this.db
      .prepare('SELECT token_hash FROM townships WHERE id = ? AND revoked_at IS NULL')
      .pluck()
      .get(townshipId) as string | undefined;
    const given = hashToken(token);
    const stored = row ? Buffer.from(row, 'hex') : randomBytes(given.length);
    return timingSafeEqual(given, stored) && row !== undefined;
  }

  /**
   * PROTOCOL.md `push` (revision 2): changes in seq order, each taken once;
   * a change that fails validation or the ownership rule is stored as
   * refused and the push goes on. One township's pushes never interleave: the
   * whole push is one IMMEDIATE transaction, which holds SQLite's write lock
   * (several processes on one file are serialised the same way).
   */
  push(townshipId: string, request: unknown): PushReply {
    const changes = (request as { changes?: unknown } | null)?.changes;
    if (!Array.isArray(changes) || changes.length === 0)
      return { ok: false, code: 'INVALID', message: 'push wants { changes: Change[] } with at least one change' };
    if (changes.length > MAX_BATCH_CHANGES)
      return { ok: false, code: 'TOO_LARGE', message: `at most ${MAX_BATCH_CHANGES} changes and 512 KiB per push` };
    // Measured without recursion and before anything is stringified: a 100,000-level-deep change cannot crash us.
    if (measureJson(changes, Number.MAX_SAFE_INTEGER, MAX_BATCH_BYTES).bytes > MAX_BATCH_BYTES)
      return { ok: false, code: 'TOO_LARGE', message: `at most ${MAX_BATCH_CHANGES} changes and 512 KiB per push` };
    // Without a readable seq a change cannot be placed in the stream, so the whole push is refused, nothing taken.
    for (const raw of changes) {
      const seq = (raw as { seq?: unknown } | null)?.seq;
      if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1)
        return { ok: false, code: 'INVALID', message: 'every change needs a seq (an integer ≥ 1)' };
    }
    const s = this.statements;
    return this.db
      .transaction((): PushReply => {
        const township = this.township(townshipId);
        if (!township) return { ok: false, code: 'AUTH_FAILED', message: 'This township is not registered.' };
        let last = township.lastSeq;
        const rejected: Refusal[] = [];
        const now = Date.now();
        try {
          for (const raw of changes as { seq: number }[]) {
            if (raw.seq <= last) continue;
            if (raw.seq > last + 1) return { ok: false, code: 'SEQ_GAP', expected: last + 1 };
            const refusal = this.take(townshipId, raw, now);
            if (refusal) rejected.push(refusal);
            last = raw.seq;
          }
          return { ok: true, applied: last, rejected };
        } finally {
          s.setSeq.run(last, townshipId);
        }
      })
      .immediate();
  }

  /** Takes one change (seq = last + 1): applies it, or stores it as refused and says why. */
  private take(townshipId: string, raw: { seq: number }, now: number): Refusal | null {
    const s = this.statements;
    const parsed = parseChange(raw);
    const refuse = (code: RefusalCode, message: string): Refusal => {
      const r = raw as Partial<Record<'id' | 'entity' | 'entityId' | 'op' | 'at', unknown>> & { data?: unknown };
      const text = (v: unknown, max = 200) => (typeof v === 'string' ? v.slice(0, max) : '');
      // Data within the limits is kept for the county's admin; deeper or larger data is not kept at all.
      const data = safeJson(r.data);
      s.insertChange.run(
        townshipId,
        raw.seq,
        text(r.id) || `refused-${raw.seq}`,
        text(r.entity, 50) || '?',
        text(r.entityId),
        r.op === 'delete' ? 'delete' : 'upsert',
        text(r.at, 50),
        data,
        now,
        'refused',
        code,
        message.slice(0, 1000),
      );
      return { seq: raw.seq, code, message };
    };
    if (!parsed.ok) return refuse('INVALID', parsed.message);
    const c = parsed.value;
    const owner = this.ownershipProblem(townshipId, c);
    if (owner) return refuse('NOT_OWNER', owner);
    const data = c.data === undefined ? null : JSON.stringify(c.data);
    s.insertChange.run(townshipId, c.seq, c.id, c.entity, c.entityId, c.op, c.at, data, now, 'applied', null, null);
    if (data === null) s.deleteRecord.run(townshipId, c.entity, c.entityId);
    else s.upsertRecord.run(townshipId, c.entity, c.entityId, data, c.seq);
    return null;
  }

  /** PROTOCOL.md "Ownership": why this change is not the township's to make, or null. */
  private ownershipProblem(townshipId: string, c: Change): string | null {
    const owned = (entity: 'event' | 'supervision_order', id: unknown) =>
      typeof id === 'string' && this.statements.owned.get(townshipId, entity, id) !== undefined;
    const recorded = (field: string) => {
      const row = this.statements.record.get(townshipId, c.entity, c.entityId) as { data: string } | undefined;
      return row ? (JSON.parse(row.data) as Record<string, unknown>)[field] : undefined;
    };
    switch (c.entity) {
      case 'event':
        return owned('event', c.entityId)
          ? `event ${c.entityId} belongs to the county since it accepted the escalation; the township no longer writes it`
          : null;
      case 'event_action': {
        const eventId = c.data ? c.data.eventId : recorded('eventId');
        return owned('event', eventId)
          ? `event ${String(eventId)} belongs to the county since it accepted the escalation; no more actions from the township`
          : null;
      }
      case 'supervision_order':
        return owned('supervision_order', c.entityId)
          ? `order ${c.entityId} was issued by the county; the township answers it with supervision_answer records`
          : null;
      case 'supervision_answer': {
        const orderId = c.data ? c.data.orderId : recorded('orderId');
        if (!owned('supervision_order', orderId)) return null;
        if (c.op === 'delete') return `answers to county order ${String(orderId)} are kept by the county`;
        return c.data?.accepted !== undefined
          ? `"accepted" on an answer to county order ${String(orderId)} is the county's to set, never the township's`
          : null;
      }
      default:
        return null;
    }
  }

  /** PROTOCOL.md `status`: where the county stands for this township. */
  status(townshipId: string): { ok: true; lastSeq: number; lastOffset: number } | { ok: false; code: string; message: string } {
    const t = this.township(townshipId);
    if (!t) return { ok: false, code: 'AUTH_FAILED', message: 'This township is not registered.' };
    return { ok: true, lastSeq: t.lastSeq, lastOffset: t.lastOffset };
  }

  /** PROTOCOL.md `recover`: this township's applied changes after a seq, exactly as pushed, ascending. */
  recover(
    townshipId: string,
    request: unknown,
  ): { ok: true; changes: Change[]; more: boolean } | { ok: false; code: string; message: string } {
    const parsed = RecoverRequest.safeParse(request);
    if (!parsed.success) return { ok: false, code: 'INVALID', message: 'recover wants { after: seq ≥ 0, limit: 1…500 }' };
    const limit = parsed.data.limit ?? MAX_RECOVER_LIMIT;
    const rows = this.statements.recover.all(townshipId, parsed.data.after, limit + 1) as (Omit<Change, 'data'> & {
      data: string | null;
    })[];
    return {
      ok: true,
      changes: rows
        .slice(0, limit)
        .map(({ data, ...c }) => (data === null ? c : { ...c, data: JSON.parse(data) as Record<string, unknown> })),
      more: rows.length > limit,
    };
  }

  /** The refused changes of a township, newest first (the county admin's list). */
  refused(townshipId: string, limit = 100): { seq: number; entity: string; entityId: string; code: string; message: string }[] {
    return this.db
      .prepare(
        `SELECT seq, entity, entity_id AS entityId, code, message FROM changes
         WHERE township_id = ? AND status = 'refused' ORDER BY seq DESC LIMIT ?`,
      )
      .all(townshipId, limit) as { seq: number; entity: string; entityId: string; code: string; message: string }[];
  }

  /** Prepared once per store: a push runs these per change. */
  private get statements() {
    return (this.cachedStatements ??= {
      insertChange: this.db.prepare(
        `INSERT INTO changes (township_id, seq, id, entity, entity_id, op, at, data, received_at, status, code, message)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      upsertRecord: this.db.prepare(
        `INSERT INTO records (township_id, entity, entity_id, data, seq) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (township_id, entity, entity_id) DO UPDATE SET data = excluded.data, seq = excluded.seq`,
      ),
      deleteRecord: this.db.prepare('DELETE FROM records WHERE township_id = ? AND entity = ? AND entity_id = ?'),
      record: this.db.prepare('SELECT data FROM records WHERE township_id = ? AND entity = ? AND entity_id = ?'),
      setSeq: this.db.prepare('UPDATE townships SET last_seq = ? WHERE id = ?'),
      owned: this.db.prepare('SELECT 1 FROM county_owned WHERE township_id = ? AND entity = ? AND entity_id = ?'),
      own: this.db.prepare('INSERT OR IGNORE INTO county_owned (township_id, entity, entity_id, since) VALUES (?, ?, ?, ?)'),
      recover: this.db.prepare(
        `SELECT seq, id, entity, entity_id AS entityId, op, at, data FROM changes
         WHERE township_id = ? AND seq > ? AND status = 'applied' ORDER BY seq LIMIT ?`,
      ),
    });
  }
  private cachedStatements: Record<
    'insertChange' | 'upsertRecord' | 'deleteRecord' | 'record' | 'setSeq' | 'owned' | 'own' | 'recover',
    Database.Statement
  > | null = null;

  /** PROTOCOL.md `pull`: the township's messages after an offset, ascending. */
  pull(
    townshipId: string,
    request: unknown,
  ): { ok: true; messages: StoredMessage[]; more: boolean } | { ok: false; code: string; message: string } {
    const parsed = PullRequest.safeParse(request);
    if (!parsed.success) return { ok: false, code: 'INVALID', message: 'pull wants { after: offset ≥ 0, limit: 1…500 }' };
    const limit = parsed.data.limit ?? MAX_PULL_LIMIT;
    const rows = this.db
      .prepare('SELECT offset, id, type, at, data FROM messages WHERE township_id = ? AND offset > ? ORDER BY offset LIMIT ?')
      .all(townshipId, parsed.data.after, limit + 1) as (Omit<StoredMessage, 'data'> & { data: string })[];
    return {
      ok: true,
      messages: rows.slice(0, limit).map((r) => ({ ...r, data: JSON.parse(r.data) as unknown })),
      more: rows.length > limit,
    };
  }

  /**
   * Appends a message to a township's log. The data is checked against its
   * type unless `unchecked` (tests send unknown types and bad data on purpose).
   */
  append(townshipId: string, type: string, data: unknown, options: { unchecked?: boolean; id?: string } = {}): StoredMessage {
    if (!options.unchecked) {
      if (!isMessageType(type)) throw new Error(`"${type}" is not a message type of PROTOCOL.md.`);
      const parsed = parseMessageData(type, data);
      if (!parsed.ok) throw new Error(`The ${type} data is invalid: ${parsed.message}`);
    }
    const message = this.appendMany(townshipId, [{ type, data, id: options.id }])[0]!;
    return message;
  }

  /** Appends many messages in one transaction (unchecked: for tests and benchmarks). */
  appendMany(townshipId: string, items: { type: string; data: unknown; id?: string }[]): StoredMessage[] {
    const insert = this.db.prepare('INSERT INTO messages (township_id, offset, id, type, at, data) VALUES (?, ?, ?, ?, ?, ?)');
    const out = this.db
      .transaction(() => {
        const row = this.township(townshipId);
        if (!row) throw new Error(`There is no township "${townshipId}". Register it with add-township first.`);
        let offset = row.lastOffset;
        const at = isoChinaNow();
        const stored = items.map((item) => {
          offset += 1;
          const m = { offset, id: item.id ?? uuidv7(), type: item.type, at, data: item.data };
          insert.run(townshipId, offset, m.id, m.type, m.at, JSON.stringify(m.data ?? null));
          this.noteOwnership(townshipId, m.type, m.data);
          return m;
        });
        this.db.prepare('UPDATE townships SET last_offset = ? WHERE id = ?').run(offset, townshipId);
        return stored;
      })
      .immediate();
    this.emit('appended', townshipId);
    return out;
  }

  /** What the county takes ownership of by sending a message: orders it issues, escalations it accepts. */
  private noteOwnership(townshipId: string, type: string, data: unknown): void {
    const d = data as Record<string, unknown> | null;
    if (type === 'supervision_order' && typeof d?.id === 'string')
      this.statements.own.run(townshipId, 'supervision_order', d.id, Date.now());
    if (type === 'escalation_reply' && d?.decision === 'accepted' && typeof d.eventId === 'string')
      this.statements.own.run(townshipId, 'event', d.eventId, Date.now());
  }

  /** Latest offsets of all townships: lets the server notice appends by another process (the CLI). */
  offsets(): Map<string, number> {
    const rows = this.db.prepare('SELECT id, last_offset AS o FROM townships').all() as { id: string; o: number }[];
    return new Map(rows.map((r) => [r.id, r.o]));
  }

  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }
}
