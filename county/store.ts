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
  MAX_PULL_LIMIT,
  isMessageType,
  jsonBytes,
  parseChange,
  parseMessageData,
  PullRequest,
  type PushReply,
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

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/** ISO 8601 in China time, as PROTOCOL.md wants on the wire. */
export function isoChinaNow(ms = Date.now()): string {
  return isoChina(ms);
}

function migrate(db: Database.Database): void {
  const dir = fileURLToPath(new URL('./migrations/', import.meta.url));
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
  addTownship(id: string, name: string, token: string = randomBytes(24).toString('base64url')): string {
    this.db
      .prepare(
        `INSERT INTO townships (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, token_hash = excluded.token_hash`,
      )
      .run(id, name, hashToken(token).toString('hex'), Date.now());
    return token;
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
    const row = this.db.prepare('SELECT token_hash FROM townships WHERE id = ?').pluck().get(townshipId) as string | undefined;
    const given = hashToken(token);
    const stored = row ? Buffer.from(row, 'hex') : randomBytes(given.length);
    return timingSafeEqual(given, stored) && row !== undefined;
  }

  /** PROTOCOL.md `push`: apply in seq order, each exactly once; stop at a gap or an invalid change. */
  push(townshipId: string, request: unknown): PushReply {
    const changes = (request as { changes?: unknown } | null)?.changes;
    if (!Array.isArray(changes) || changes.length === 0)
      return { ok: false, code: 'INVALID', seq: 0, message: 'push wants { changes: Change[] } with at least one change' };
    if (changes.length > MAX_BATCH_CHANGES || jsonBytes(changes) > MAX_BATCH_BYTES)
      return { ok: false, code: 'TOO_LARGE', message: `at most ${MAX_BATCH_CHANGES} changes and 512 KiB per push` };
    const insertChange = this.db.prepare(
      `INSERT INTO changes (township_id, seq, id, entity, entity_id, op, at, data, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const upsertRecord = this.db.prepare(
      `INSERT INTO records (township_id, entity, entity_id, data, seq) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (township_id, entity, entity_id) DO UPDATE SET data = excluded.data, seq = excluded.seq`,
    );
    const deleteRecord = this.db.prepare('DELETE FROM records WHERE township_id = ? AND entity = ? AND entity_id = ?');
    const setSeq = this.db.prepare('UPDATE townships SET last_seq = ? WHERE id = ?');
    return this.db
      .transaction((): PushReply => {
        let last = this.township(townshipId)!.lastSeq;
        const now = Date.now();
        try {
          for (const raw of changes) {
            const parsed = parseChange(raw);
            if (!parsed.ok) {
              const seq = (raw as { seq?: unknown } | null)?.seq;
              return { ok: false, code: 'INVALID', seq: typeof seq === 'number' ? seq : 0, message: parsed.message };
            }
            const c = parsed.value;
            if (c.seq <= last) continue;
            if (c.seq > last + 1) return { ok: false, code: 'SEQ_GAP', expected: last + 1 };
            const data = c.data === undefined ? null : JSON.stringify(c.data);
            insertChange.run(townshipId, c.seq, c.id, c.entity, c.entityId, c.op, c.at, data, now);
            if (data === null) deleteRecord.run(townshipId, c.entity, c.entityId);
            else upsertRecord.run(townshipId, c.entity, c.entityId, data, c.seq);
            last = c.seq;
          }
          return { ok: true, applied: last };
        } finally {
          setSeq.run(last, townshipId);
        }
      })
      .immediate();
  }

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
          return m;
        });
        this.db.prepare('UPDATE townships SET last_offset = ? WHERE id = ?').run(offset, townshipId);
        return stored;
      })
      .immediate();
    this.emit('appended', townshipId);
    return out;
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
