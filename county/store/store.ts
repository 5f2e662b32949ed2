import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
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
} from '../../common/protocol';
import { isoChina } from '../../common/china-time';
import { DEMO_COUNTY } from '../../common/protocol/demo';
import { openCountyEngine, type CountyEngine } from './engine';
import { SqliteEngine } from './sqlite';

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

export interface RefusedChange {
  seq: number;
  entity: string;
  entityId: string;
  code: string;
  message: string;
}

type Failure = { ok: false; code: string; message: string };

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

/** `(?, ?, …), (?, ?, …)` for a multi-row INSERT: one round trip per push on PostgreSQL. */
const rows = (count: number, width: number) =>
  Array.from({ length: count }, () => `(${Array.from({ length: width }, () => '?').join(', ')})`).join(', ');

const TOWNSHIP_COLUMNS = 'id, name, last_seq AS "lastSeq", last_offset AS "lastOffset"';

/** Where the county keeps its data: a PostgreSQL URL, else `county.db` in a folder. */
export interface CountyStoreOptions {
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
}

/**
 * The county center's storage on either engine. Emits `appended(townshipId)`
 * whenever a township's message log grows and `credentials(townshipId, version)`
 * when its token changes or is revoked (both after the commit, in this process).
 */
export class CountyStore extends EventEmitter {
  private constructor(readonly engine: CountyEngine) {
    super();
  }

  static async open(options: CountyStoreOptions): Promise<CountyStore> {
    if (!options.databaseUrl && !options.dataDir) throw new Error('The county store needs a data folder or a PostgreSQL URL.');
    const engine = await openCountyEngine({
      databaseUrl: options.databaseUrl,
      sqlitePath: options.dataDir ? join(options.dataDir, COUNTY_DATABASE_FILE) : undefined,
      poolSize: options.poolSize,
    });
    return new CountyStore(engine);
  }

  /** The SQLite database itself, for tests that look inside it; there is none on PostgreSQL. */
  get db(): Database.Database {
    if (this.engine instanceof SqliteEngine) return this.engine.db;
    throw new Error('store.db exists only on the SQLite engine; use store.engine.query');
  }

  close(): Promise<void> {
    return this.engine.close();
  }

  /** The demo township with the token the demo app is configured with, unless it is already registered. */
  async ensureDemoTownship(): Promise<void> {
    if (!(await this.township(DEMO_COUNTY.townshipId)))
      await this.addTownship(DEMO_COUNTY.townshipId, DEMO_COUNTY.townshipName, DEMO_COUNTY.token);
  }

  /** Registers a township (or gives it a new token) and returns the token; only its hash is kept. */
  async addTownship(id: string, name: string, token: string = newToken()): Promise<string> {
    const [row] = await this.engine.query<{ v: number }>(
      `INSERT INTO townships (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, token_hash = excluded.token_hash, revoked_at = NULL,
         credentials_version = townships.credentials_version + 1
       RETURNING credentials_version AS "v"`,
      [id, name, hashToken(token).toString('hex'), Date.now()],
    );
    this.emit('credentials', id, row!.v);
    return token;
  }

  /** A new token for a registered township (revoked or not); the old one stops working at once. */
  async rotateToken(id: string): Promise<string> {
    const token = newToken();
    const [row] = await this.engine.query<{ v: number }>(
      `UPDATE townships SET token_hash = ?, revoked_at = NULL, credentials_version = credentials_version + 1 WHERE id = ?
       RETURNING credentials_version AS "v"`,
      [hashToken(token).toString('hex'), id],
    );
    if (!row) throw new Error(`There is no township "${id}". Register it with add-township first.`);
    this.emit('credentials', id, row.v);
    return token;
  }

  /** Refuses the township from now on (its data stays); rotate-token lets it back in with a new token. */
  async revokeTownship(id: string): Promise<void> {
    const [row] = await this.engine.query<{ v: number }>(
      `UPDATE townships SET revoked_at = ?, credentials_version = credentials_version + 1 WHERE id = ?
       RETURNING credentials_version AS "v"`,
      [Date.now(), id],
    );
    if (!row) throw new Error(`There is no township "${id}".`);
    this.emit('credentials', id, row.v);
  }

  /** The version of a township's credentials: bumped by every new token and by a revocation. */
  async credentialsVersion(id: string): Promise<number | undefined> {
    const [row] = await this.engine.query<{ v: number }>('SELECT credentials_version AS "v" FROM townships WHERE id = ?', [id]);
    return row?.v;
  }

  /** Credentials versions of all townships: lets the server notice a rotation or revocation by another process. */
  async credentialVersions(): Promise<Map<string, number>> {
    const found = await this.engine.query<{ id: string; v: number }>('SELECT id, credentials_version AS "v" FROM townships');
    return new Map(found.map((r) => [r.id, r.v]));
  }

  async township(id: string, db: CountyEngine = this.engine): Promise<TownshipRow | undefined> {
    return (await db.query<TownshipRow>(`SELECT ${TOWNSHIP_COLUMNS} FROM townships WHERE id = ?`, [id]))[0];
  }

  townships(): Promise<TownshipRow[]> {
    return this.engine.query<TownshipRow>(`SELECT ${TOWNSHIP_COLUMNS} FROM townships ORDER BY id`);
  }

  /** Constant-time check of a township's token. */
  async checkToken(townshipId: string, token: string): Promise<boolean> {
    return (await this.authenticate(townshipId, token)) !== null;
  }

  /** Checks a token in constant time; the version of the credentials it proved, or null. */
  async authenticate(townshipId: string, token: string): Promise<number | null> {
    const found = await this.engine.query<{ hash: string; v: number }>(
      'SELECT token_hash AS "hash", credentials_version AS "v" FROM townships WHERE id = ? AND revoked_at IS NULL',
      [townshipId],
    );
    const row = found[0];
    const given = hashToken(token);
    const stored = row ? Buffer.from(row.hash, 'hex') : randomBytes(given.length);
    return timingSafeEqual(given, stored) && row !== undefined ? row.v : null;
  }

  /**
   * The township's row, locked until the transaction ends: every push and
   * every append of one township runs in turn, on any node. SQLite's BEGIN
   * IMMEDIATE already holds the one write lock; PostgreSQL takes the row lock.
   */
  private async lockTownship(tx: CountyEngine, townshipId: string): Promise<TownshipRow | undefined> {
    const lock = tx.kind === 'postgres' ? ' FOR UPDATE' : '';
    return (await tx.query<TownshipRow>(`SELECT ${TOWNSHIP_COLUMNS} FROM townships WHERE id = ?${lock}`, [townshipId]))[0];
  }

  /**
   * PROTOCOL.md `push` (revision 2): changes in seq order, each taken once;
   * a change that fails validation or the ownership rule is stored as
   * refused and the push goes on. The whole push is one transaction holding
   * the township's lock, so a reconnect to another node cannot interleave.
   */
  async push(townshipId: string, request: unknown): Promise<PushReply> {
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
    return this.engine.transaction(async (tx): Promise<PushReply> => {
      const township = await this.lockTownship(tx, townshipId);
      if (!township) return { ok: false, code: 'AUTH_FAILED', message: 'This township is not registered.' };
      const batch = new PushBatch(tx, townshipId, Date.now());
      let last = township.lastSeq;
      const rejected: Refusal[] = [];
      let gap: number | null = null;
      const fresh = (changes as { seq: number }[]).filter((raw) => raw.seq > last);
      await batch.loadOwnership(fresh);
      for (const raw of fresh) {
        if (raw.seq <= last) continue;
        if (raw.seq > last + 1) {
          gap = last + 1;
          break;
        }
        const refusal = await batch.take(raw);
        if (refusal) rejected.push(refusal);
        last = raw.seq;
      }
      // What was taken before a gap stays taken, as one stream.
      await batch.write();
      if (last !== township.lastSeq) await tx.run('UPDATE townships SET last_seq = ? WHERE id = ?', [last, townshipId]);
      return gap === null ? { ok: true, applied: last, rejected } : { ok: false, code: 'SEQ_GAP', expected: gap };
    });
  }

  /** PROTOCOL.md `status`: where the county stands for this township. */
  async status(townshipId: string): Promise<{ ok: true; lastSeq: number; lastOffset: number } | Failure> {
    const t = await this.township(townshipId);
    if (!t) return { ok: false, code: 'AUTH_FAILED', message: 'This township is not registered.' };
    return { ok: true, lastSeq: t.lastSeq, lastOffset: t.lastOffset };
  }

  /** PROTOCOL.md `recover`: this township's applied changes after a seq, exactly as pushed, ascending. */
  async recover(townshipId: string, request: unknown): Promise<{ ok: true; changes: Change[]; more: boolean } | Failure> {
    const parsed = RecoverRequest.safeParse(request);
    if (!parsed.success) return { ok: false, code: 'INVALID', message: 'recover wants { after: seq ≥ 0, limit: 1…500 }' };
    const limit = parsed.data.limit ?? MAX_RECOVER_LIMIT;
    const found = await this.engine.query<Omit<Change, 'data'> & { data: string | null }>(
      `SELECT seq, id, entity, entity_id AS "entityId", op, at, data FROM changes
       WHERE township_id = ? AND seq > ? AND status = 'applied' ORDER BY seq LIMIT ?`,
      [townshipId, parsed.data.after, limit + 1],
    );
    return {
      ok: true,
      changes: found
        .slice(0, limit)
        .map(({ data, ...c }) => (data === null ? c : { ...c, data: JSON.parse(data) as Record<string, unknown> })),
      more: found.length > limit,
    };
  }

  /** The refused changes of a township, newest first (the county admin's list). */
  refused(townshipId: string, limit = 100): Promise<RefusedChange[]> {
    return this.engine.query<RefusedChange>(
      `SELECT seq, entity, entity_id AS "entityId", code, message FROM changes
       WHERE township_id = ? AND status = 'refused' ORDER BY seq DESC LIMIT ?`,
      [townshipId, limit],
    );
  }

  /** PROTOCOL.md `pull`: the township's messages after an offset, ascending. */
  async pull(townshipId: string, request: unknown): Promise<{ ok: true; messages: StoredMessage[]; more: boolean } | Failure> {
    const parsed = PullRequest.safeParse(request);
    if (!parsed.success) return { ok: false, code: 'INVALID', message: 'pull wants { after: offset ≥ 0, limit: 1…500 }' };
    const limit = parsed.data.limit ?? MAX_PULL_LIMIT;
    const found = await this.engine.query<Omit<StoredMessage, 'data'> & { data: string }>(
      `SELECT "offset", id, type, at, data FROM messages WHERE township_id = ? AND "offset" > ? ORDER BY "offset" LIMIT ?`,
      [townshipId, parsed.data.after, limit + 1],
    );
    return {
      ok: true,
      messages: found.slice(0, limit).map((r) => ({ ...r, data: JSON.parse(r.data) as unknown })),
      more: found.length > limit,
    };
  }

  /**
   * Appends a message to a township's log. The data is checked against its
   * type unless `unchecked` (tests send unknown types and bad data on purpose).
   */
  async append(
    townshipId: string,
    type: string,
    data: unknown,
    options: { unchecked?: boolean; id?: string } = {},
  ): Promise<StoredMessage> {
    if (!options.unchecked) {
      if (!isMessageType(type)) throw new Error(`"${type}" is not a message type of PROTOCOL.md.`);
      const parsed = parseMessageData(type, data);
      if (!parsed.ok) throw new Error(`The ${type} data is invalid: ${parsed.message}`);
    }
    return (await this.appendMany(townshipId, [{ type, data, id: options.id }]))[0]!;
  }

  /** Appends many messages in one transaction (unchecked: for tests and benchmarks). */
  async appendMany(townshipId: string, items: { type: string; data: unknown; id?: string }[]): Promise<StoredMessage[]> {
    const out = await this.engine.transaction(async (tx) => {
      const row = await this.lockTownship(tx, townshipId);
      if (!row) throw new Error(`There is no township "${townshipId}". Register it with add-township first.`);
      let offset = row.lastOffset;
      const at = isoChinaNow();
      const stored = items.map((item) => ({ offset: ++offset, id: item.id ?? uuidv7(), type: item.type, at, data: item.data }));
      for (let i = 0; i < stored.length; i += 500) {
        const chunk = stored.slice(i, i + 500);
        await tx.run(
          `INSERT INTO messages (township_id, "offset", id, type, at, data) VALUES ${rows(chunk.length, 6)}`,
          chunk.flatMap((m) => [townshipId, m.offset, m.id, m.type, m.at, JSON.stringify(m.data ?? null)]),
        );
      }
      for (const m of stored) await this.noteOwnership(tx, townshipId, m.type, m.data);
      await tx.run('UPDATE townships SET last_offset = ? WHERE id = ?', [offset, townshipId]);
      return stored;
    });
    this.emit('appended', townshipId);
    return out;
  }

  /** What the county takes ownership of by sending a message: orders it issues, escalations it accepts. */
  private async noteOwnership(tx: CountyEngine, townshipId: string, type: string, data: unknown): Promise<void> {
    const d = data as Record<string, unknown> | null;
    const own = (entity: string, id: string) =>
      tx.run(
        `INSERT INTO county_owned (township_id, entity, entity_id, since) VALUES (?, ?, ?, ?)
         ON CONFLICT (township_id, entity, entity_id) DO NOTHING`,
        [townshipId, entity, id, Date.now()],
      );
    if (type === 'supervision_order' && typeof d?.id === 'string') await own('supervision_order', d.id);
    if (type === 'escalation_reply' && d?.decision === 'accepted' && typeof d.eventId === 'string') await own('event', d.eventId);
  }

  /** Latest offsets of all townships: lets the server notice appends by another process (the CLI). */
  async offsets(): Promise<Map<string, number>> {
    const found = await this.engine.query<{ id: string; o: number }>('SELECT id, last_offset AS "o" FROM townships');
    return new Map(found.map((r) => [r.id, r.o]));
  }

  /** SQLite's data_version: changes when another connection (the CLI) commits. Null on PostgreSQL. */
  dataVersion(): number | null {
    return this.engine instanceof SqliteEngine ? (this.engine.db.pragma('data_version', { simple: true }) as number) : null;
  }
}

type RecordKey = string;
const recordKey = (entity: string, entityId: string): RecordKey => `${entity}\u0000${entityId}`;

/**
 * One push's writes, collected and written with a few multi-row statements.
 * Ownership is read once for the ids the changes name; records changed
 * earlier in the same push are seen through `touched`.
 */
class PushBatch {
  private readonly changeRows: unknown[][] = [];
  /** The last write per record in this push: its data, or null for a delete. */
  private readonly touched = new Map<RecordKey, { entity: string; entityId: string; data: string | null; seq: number }>();
  private readonly owned = new Set<RecordKey>();
  private readonly ownershipLoaded = new Set<RecordKey>();

  constructor(
    private readonly tx: CountyEngine,
    private readonly townshipId: string,
    private readonly now: number,
  ) {}

  /** Reads in one query whether the county owns the events and orders these changes name. */
  async loadOwnership(changes: readonly unknown[]): Promise<void> {
    const ids = new Set<string>();
    for (const raw of changes) {
      const c = raw as { entity?: unknown; entityId?: unknown; data?: { eventId?: unknown; orderId?: unknown } | null };
      for (const id of [c.entityId, c.data?.eventId, c.data?.orderId]) if (typeof id === 'string') ids.add(id);
    }
    await this.loadOwned([...ids]);
  }

  private async loadOwned(ids: string[]): Promise<void> {
    const wanted = ids.filter(
      (id) => !this.ownershipLoaded.has(recordKey('event', id)) || !this.ownershipLoaded.has(recordKey('supervision_order', id)),
    );
    for (let i = 0; i < wanted.length; i += 500) {
      const chunk = wanted.slice(i, i + 500);
      const found = await this.tx.query<{ entity: string; entityId: string }>(
        `SELECT entity, entity_id AS "entityId" FROM county_owned
         WHERE township_id = ? AND entity_id IN (${chunk.map(() => '?').join(', ')})`,
        [this.townshipId, ...chunk],
      );
      for (const r of found) this.owned.add(recordKey(r.entity, r.entityId));
    }
    for (const id of wanted) {
      this.ownershipLoaded.add(recordKey('event', id));
      this.ownershipLoaded.add(recordKey('supervision_order', id));
    }
  }

  private async isOwned(entity: 'event' | 'supervision_order', id: unknown): Promise<boolean> {
    if (typeof id !== 'string') return false;
    if (!this.ownershipLoaded.has(recordKey(entity, id))) await this.loadOwned([id]);
    return this.owned.has(recordKey(entity, id));
  }

  /** A field of the record as it stands now (this push's writes first). */
  private async recorded(entity: string, entityId: string, field: string): Promise<unknown> {
    const mine = this.touched.get(recordKey(entity, entityId));
    let data: string | null | undefined = mine ? mine.data : undefined;
    if (data === undefined) {
      const found = await this.tx.query<{ data: string }>(
        'SELECT data FROM records WHERE township_id = ? AND entity = ? AND entity_id = ?',
        [this.townshipId, entity, entityId],
      );
      data = found[0]?.data ?? null;
    }
    return data === null ? undefined : (JSON.parse(data) as Record<string, unknown>)[field];
  }

  /** Takes one change (seq = last + 1): applies it, or keeps it as refused and says why. */
  async take(raw: { seq: number }): Promise<Refusal | null> {
    const parsed = parseChange(raw);
    if (!parsed.ok) return this.refuse(raw, 'INVALID', parsed.message);
    const c = parsed.value;
    const owner = await this.ownershipProblem(c);
    if (owner) return this.refuse(raw, 'NOT_OWNER', owner);
    const data = c.data === undefined ? null : JSON.stringify(c.data);
    this.changeRows.push([this.townshipId, c.seq, c.id, c.entity, c.entityId, c.op, c.at, data, this.now, 'applied', null, null]);
    this.touched.set(recordKey(c.entity, c.entityId), { entity: c.entity, entityId: c.entityId, data, seq: c.seq });
    return null;
  }

  private refuse(raw: { seq: number }, code: RefusalCode, message: string): Refusal {
    const r = raw as Partial<Record<'id' | 'entity' | 'entityId' | 'op' | 'at', unknown>> & { data?: unknown };
    const text = (v: unknown, max = 200) => (typeof v === 'string' ? v.slice(0, max) : '');
    // Data within the limits is kept for the county's admin; deeper or larger data is not kept at all.
    this.changeRows.push([
      this.townshipId,
      raw.seq,
      text(r.id) || `refused-${raw.seq}`,
      text(r.entity, 50) || '?',
      text(r.entityId),
      r.op === 'delete' ? 'delete' : 'upsert',
      text(r.at, 50),
      safeJson(r.data),
      this.now,
      'refused',
      code,
      message.slice(0, 1000),
    ]);
    return { seq: raw.seq, code, message };
  }

  /** PROTOCOL.md "Ownership": why this change is not the township's to make, or null. */
  private async ownershipProblem(c: Change): Promise<string | null> {
    switch (c.entity) {
      case 'event':
        return (await this.isOwned('event', c.entityId))
          ? `event ${c.entityId} belongs to the county since it accepted the escalation; the township no longer writes it`
          : null;
      case 'event_action': {
        const eventId = c.data ? c.data.eventId : await this.recorded(c.entity, c.entityId, 'eventId');
        return (await this.isOwned('event', eventId))
          ? `event ${String(eventId)} belongs to the county since it accepted the escalation; no more actions from the township`
          : null;
      }
      case 'supervision_order':
        return (await this.isOwned('supervision_order', c.entityId))
          ? `order ${c.entityId} was issued by the county; the township answers it with supervision_answer records`
          : null;
      case 'supervision_answer': {
        const orderId = c.data ? c.data.orderId : await this.recorded(c.entity, c.entityId, 'orderId');
        if (!(await this.isOwned('supervision_order', orderId))) return null;
        if (c.op === 'delete') return `answers to county order ${String(orderId)} are kept by the county`;
        return c.data?.accepted !== undefined
          ? `"accepted" on an answer to county order ${String(orderId)} is the county's to set, never the township's`
          : null;
      }
      default:
        return null;
    }
  }

  /** Writes the changes taken and the records' final state, in chunks the engines' parameter limits allow. */
  async write(): Promise<void> {
    for (let i = 0; i < this.changeRows.length; i += 100) {
      const chunk = this.changeRows.slice(i, i + 100);
      await this.tx.run(
        `INSERT INTO changes (township_id, seq, id, entity, entity_id, op, at, data, received_at, status, code, message)
         VALUES ${rows(chunk.length, 12)}`,
        chunk.flat(),
      );
    }
    const finals = [...this.touched.values()];
    const upserts = finals.filter((r) => r.data !== null);
    for (const r of finals.filter((f) => f.data === null))
      await this.tx.run('DELETE FROM records WHERE township_id = ? AND entity = ? AND entity_id = ?', [
        this.townshipId,
        r.entity,
        r.entityId,
      ]);
    for (let i = 0; i < upserts.length; i += 100) {
      const chunk = upserts.slice(i, i + 100);
      await this.tx.run(
        `INSERT INTO records (township_id, entity, entity_id, data, seq) VALUES ${rows(chunk.length, 5)}
         ON CONFLICT (township_id, entity, entity_id) DO UPDATE SET data = excluded.data, seq = excluded.seq`,
        chunk.flatMap((r) => [this.townshipId, r.entity, r.entityId, r.data, r.seq]),
      );
    }
  }
}
