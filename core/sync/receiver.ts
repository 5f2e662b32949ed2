import { pdfPrinter } from '../print/pdf';
import { LoginGuard } from '../auth/login-guard';
import {
  checkMessageEnvelope,
  isMessageType,
  messageLimitProblem,
  parseMessageData,
  type MessageType,
} from '../../common/protocol';
import type { PushMessage } from '../../common/topics';
import type { Db } from '../../db';
import {
  getSyncState,
  inboxKeepsData,
  inboxReceivedOf,
  insertInboxRows,
  insertNoticeRows,
  setAppliedOffset,
  withoutFsync,
  type InboxRecord,
  type InboxStatus,
  type NoticeRecord,
} from '../../db/queries/sync';
import { pooledId as newId } from './ids';
import { Rejection, type ApplyContext, type MessageMeta } from './apply-context';
import { APPLIERS, type Applier } from './appliers';

export interface ReceiverDeps {
  db: Db;
  dataDir: string;
  now: () => number;
}

export interface ApplyReport {
  /** The offset applied after this batch. */
  offset: number;
  counts: Record<InboxStatus | 'skipped' | 'garbage', number>;
  pushes: PushMessage[];
  afterCommit: (() => void)[];
}

function describe(error: unknown): string {
  if (error instanceof Rejection) return `${error.code}: ${error.message}`;
  return `INTERNAL: ${error instanceof Error ? error.message : String(error)}`.slice(0, 1000);
}

/**
 * Applies pulled messages in one transaction: each message's effect, its
 * inbox row and the new offset commit together, so a crash neither loses nor
 * repeats one. A message whose applier fails is rolled back alone (a
 * savepoint) and stored as rejected; an unknown type is stored and skipped;
 * either way the offset moves on, so nothing is ever retried forever. The
 * inbox rows and notices are written at the end of the transaction, a hundred
 * per INSERT, and which ids were received before is asked once for the slice.
 */
export function applyMessages(deps: ReceiverDeps, raw: unknown[]): ApplyReport {
  const { db } = deps;
  const report: ApplyReport = {
    offset: 0,
    counts: { applied: 0, unknown: 0, rejected: 0, duplicate: 0, skipped: 0, garbage: 0 },
    pushes: [],
    afterCommit: [],
  };
  const batch = newBatch(deps);
  withoutFsync(db, () => applyAll(deps, raw, report, batch));
  return report;
}

function applyAll(deps: ReceiverDeps, raw: unknown[], report: ApplyReport, batch: Batch): void {
  const { db } = deps;
  db.transaction(() => {
    let offset = getSyncState(db).appliedOffset;
    batch.received = inboxReceivedOf(db, candidateIds(raw));
    for (const item of raw) {
      // Depth and size before anything walks or stringifies the data: a hostile message cannot blow the stack.
      const tooBig = messageLimitProblem(item);
      if (tooBig !== null) {
        const o = (item as { offset?: unknown } | null)?.offset;
        if (typeof o !== 'number' || !Number.isSafeInteger(o) || o <= offset) {
          report.counts.garbage++;
          continue;
        }
        store(deps, report, batch, {
          meta: {
            offset: o,
            id: stringOr((item as { id?: unknown }).id, `invalid-${o}`),
            type: stringOr((item as { type?: unknown }).type, '?'),
            at: stringOr((item as { at?: unknown }).at, ''),
          },
          data: { omitted: tooBig },
          status: 'rejected',
          reason: tooBig,
        });
        offset = o;
        continue;
      }
      const envelope = checkMessageEnvelope(item);
      if (!envelope.ok) {
        // Without a usable offset there is nothing to store it under; a readable one is stored as rejected.
        const o = (item as { offset?: unknown } | null)?.offset;
        if (typeof o !== 'number' || !Number.isSafeInteger(o) || o <= offset) {
          report.counts.garbage++;
          continue;
        }
        store(deps, report, batch, {
          meta: {
            offset: o,
            id: stringOr((item as { id?: unknown }).id, `invalid-${o}`),
            type: stringOr((item as { type?: unknown }).type, '?'),
            at: stringOr((item as { at?: unknown }).at, ''),
          },
          data: (item as { data?: unknown }).data ?? null,
          status: 'rejected',
          reason: `INVALID: ${envelope.message}`,
        });
        offset = o;
        continue;
      }
      const m = envelope.value;
      if (m.offset <= offset) {
        report.counts.skipped++;
        continue;
      }
      const meta: MessageMeta = { offset: m.offset, id: m.id, type: m.type, at: m.at };
      if (batch.received.has(m.id))
        store(deps, report, batch, { meta, data: m.data, status: 'duplicate', reason: 'already received' });
      else if (!isMessageType(m.type))
        store(deps, report, batch, { meta, data: m.data, status: 'unknown', reason: `unknown type "${m.type}"` });
      else {
        const parsed = parseMessageData(m.type, m.data);
        if (!parsed.ok)
          store(deps, report, batch, { meta, data: m.data, status: 'rejected', reason: `INVALID: ${parsed.message}` });
        else
          store(deps, report, batch, {
            meta,
            data: m.data,
            status: 'applied',
            reason: '',
            apply: { type: m.type, data: parsed.value },
          });
      }
      offset = m.offset;
    }
    flush(deps, report, batch);
    setAppliedOffset(db, offset);
    report.offset = offset;
  }).immediate();
}

/** The ids a slice may hold, for one look-up of those received before (the envelope checks them later). */
function candidateIds(raw: unknown[]): string[] {
  const ids: string[] = [];
  for (const item of raw) {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && id.length <= 200) ids.push(id);
  }
  return ids;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, 200) : fallback;
}

/**
 * Made once per batch, not per message: the savepoint runner (a failing applier
 * leaves no trace), the context's services, and the callbacks through which an
 * applier reports (into `out`, reset for every message). Closures made per
 * message were a tenth of a catch-up's time.
 */
interface Batch {
  savepoint: (applier: Applier<MessageType>, ctx: ApplyContext, data: unknown) => void;
  base: Omit<ApplyContext, 'message' | 'inboxId'>;
  out: { pushes: PushMessage[]; hooks: (() => void)[]; entityId: string | null; reason: string };
  /** Message ids received before or earlier in the slice (any status but duplicate). */
  received: Set<string>;
  /** Written by `flush` at the end of the slice. */
  inbox: InboxRecord[];
  notices: NoticeRecord[];
  /** What each queued notice's message carried, by inbox id: a notice refused at the flush keeps it, as any rejected message does. */
  noticeData: Map<string, unknown>;
  /** All of a slice's notices or none (several INSERTs): a savepoint. */
  writeNotices: (rows: NoticeRecord[]) => void;
}

function newBatch(deps: ReceiverDeps): Batch {
  // A nested transaction is a savepoint.
  const savepoint = deps.db.transaction((applier: Applier<MessageType>, ctx: ApplyContext, data: unknown) =>
    applier(ctx, data as never),
  );
  const out: Batch['out'] = { pushes: [], hooks: [], entityId: null, reason: '' };
  const notices: NoticeRecord[] = [];
  const base: Batch['base'] = {
    db: deps.db,
    dataDir: deps.dataDir,
    actor: null,
    connection: { id: 'county-sync', address: 'county', sessionId: null },
    now: deps.now,
    newId,
    publish: (message) => out.pushes.push(message),
    afterCommit: (hook) => out.hooks.push(hook),
    recordOnFailure: () => {},
    endSessions: () => {},
    printPdf: pdfPrinter(undefined),
    later: { notice: (row) => notices.push(row) },
    loginGuard: new LoginGuard(),
    result: (id, text = '') => {
      out.entityId = id;
      out.reason = text;
    },
  };
  return {
    savepoint: (applier, ctx, data) => savepoint(applier, ctx, data),
    base,
    out,
    received: new Set(),
    inbox: [],
    notices,
    noticeData: new Map(),
    writeNotices: deps.db.transaction((rows: NoticeRecord[]) => insertNoticeRows(deps.db, rows)),
  };
}

function store(
  deps: ReceiverDeps,
  report: ApplyReport,
  batch: Batch,
  m: { meta: MessageMeta; data: unknown; status: InboxStatus; reason: string; apply?: { type: MessageType; data: unknown } },
): void {
  const inboxId = newId();
  let status = m.status;
  let reason = m.reason;
  let entityId: string | null = null;
  if (m.apply) {
    const out = batch.out;
    out.pushes = [];
    out.hooks = [];
    out.entityId = null;
    out.reason = reason;
    const ctx: ApplyContext = { ...batch.base, message: m.meta, inboxId };
    const applier = APPLIERS[m.apply.type] as Applier<MessageType>;
    const queued = batch.notices.length;
    try {
      // A notice only queues its row, so a failing one leaves nothing to undo: no savepoint (a tenth of its cost).
      if (m.apply.type === 'notice') applier(ctx, m.apply.data as never);
      else batch.savepoint(applier, ctx, m.apply.data);
      if (batch.notices.length > queued) batch.noticeData.set(inboxId, m.data);
      entityId = out.entityId;
      reason = out.reason;
      for (const push of out.pushes) report.pushes.push(push);
      for (const hook of out.hooks) report.afterCommit.push(hook);
    } catch (error) {
      batch.notices.length = queued;
      status = 'rejected';
      reason = describe(error);
      entityId = null;
    }
  }
  // After the applier, so the row carries the outcome.
  batch.inbox.push({
    id: inboxId,
    offset: m.meta.offset,
    messageId: m.meta.id,
    type: m.meta.type.slice(0, 100),
    at: m.meta.at.slice(0, 100),
    // Only what a list shows keeps its data: stringifying and storing every applied message was a third of a catch-up.
    data: inboxKeepsData(status, m.meta.type) ? JSON.stringify(m.data ?? null) : null,
    status,
    reason,
    entityId,
    receivedAt: deps.now(),
  });
  if (status !== 'duplicate') batch.received.add(m.meta.id);
  report.counts[status]++;
}

/**
 * Writes the slice's notices and inbox rows. A chunk of notices that fails (it
 * cannot, short of a broken database) is written again row by row, and a notice
 * that still fails is stored as rejected and announced to nobody, as when its
 * applier fails: the slice itself never fails for one message.
 */
function flush(deps: ReceiverDeps, report: ApplyReport, batch: Batch): void {
  const { db } = deps;
  try {
    batch.writeNotices(batch.notices);
  } catch {
    for (const notice of batch.notices) {
      try {
        insertNoticeRows(db, [notice]);
      } catch (error) {
        const row = batch.inbox.find((r) => r.id === notice.inboxId)!;
        report.counts[row.status]--;
        report.counts.rejected++;
        row.status = 'rejected';
        row.reason = describe(error);
        row.entityId = null;
        row.data = JSON.stringify(batch.noticeData.get(row.id) ?? null);
        report.pushes = report.pushes.filter((p) => !(p.topic === 'sync.notice' && p.payload.id === notice.id));
      }
    }
  }
  insertInboxRows(db, batch.inbox);
}
