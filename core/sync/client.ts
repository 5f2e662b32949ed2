import { encodeMessage } from '../../common/messages';
import { io, type Socket } from 'socket.io-client';
import type { SyncLink, SyncStatus } from '../../common/contract/sync';
import {
  MAX_BATCH_BYTES,
  MAX_BATCH_CHANGES,
  NAMESPACE,
  PROTOCOL_VERSION,
  PullReply,
  PushReply,
  RecoverReply,
  StatusReply,
  MAX_RECOVER_LIMIT,
  type Change,
} from '../../common/protocol';
import type { PushMessage } from '../../common/topics';
import type { Db } from '../../db';
import { outboxAt } from '../../db/queries/outbox';
import {
  deferCheckpoints,
  countInboxProblems,
  countOpenRefused,
  getSyncState,
  insertRefused,
  lastOutboxSeq,
  markSyncSuccess,
  resetAckedSeq,
  setAckedSeq,
  setCountyLastSeq,
  setSyncError,
  unsentCount,
} from '../../db/queries/sync';
import { applyMessages } from './receiver';
import { highestSeqWritten, recoverAll, startRecovery } from './recovery';
import { nextBatch } from './sender';

export interface CountyLink {
  url: string;
  townshipId: string;
  token: string;
}

export interface SyncClientOptions {
  db: Db;
  dataDir: string;
  now: () => number;
  publish: (message: PushMessage) => void;
  log: (message: string, error?: unknown) => void;
  /** Reply timeout of each request (default 10 s). */
  timeoutMs?: number;
  /** Retry backoff after a failed round (default 500 ms doubling up to 30 s). */
  backoff?: { minMs: number; maxMs: number };
  /** How often to look for new outbox rows written outside the contract (default 1 s). */
  pollMs?: number;
  /** How long to wait after a refused handshake before trying again (default 60 s). */
  refusedRetryMs?: number;
}

class SyncRequestError extends Error {}

/**
 * Messages applied per transaction during a catch-up: a whole page (500 notices
 * apply in about 10 ms on a quiet machine; a screen's request waits no longer).
 */
const APPLY_SLICE = 500;

/**
 * The township side of PROTOCOL.md: pushes the outbox after the acked seq,
 * pulls the county's log after the applied offset, on every (re)connect, on
 * `poke`, on local writes and on a slow poll. One round at a time; a failed
 * round is retried with backoff; replies are validated before they count.
 */
export class SyncClient {
  private socket: Socket | null = null;
  private link: SyncLink = 'off';
  private pumping = false;
  private again = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private statusTimer: NodeJS.Timeout | null = null;
  private stopped = true;
  private readonly timeoutMs: number;
  /** Changes per push: halved on TOO_LARGE, doubled back after each accepted push. */
  private batchLimit = MAX_BATCH_CHANGES;
  /** PROTOCOL.md revision 2: `status` after every (re)connect, before pushing. */
  private needStatus = true;

  constructor(private readonly o: SyncClientOptions) {
    this.timeoutMs = o.timeoutMs ?? 10_000;
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  /** The underlying socket, for tests that cut the connection. */
  get rawSocket(): Socket | null {
    return this.socket;
  }

  start(link: CountyLink): void {
    this.stop();
    this.stopped = false;
    this.setLink('connecting');
    const socket = io(`${link.url.replace(/\/+$/, '')}${NAMESPACE}`, {
      auth: { protocol: PROTOCOL_VERSION, townshipId: link.townshipId, token: link.token },
      transports: ['websocket'],
      reconnectionDelay: this.o.backoff?.minMs ?? 500,
      reconnectionDelayMax: this.o.backoff?.maxMs ?? 30_000,
      timeout: this.timeoutMs,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.failures = 0;
      this.needStatus = true;
      this.setLink('online');
      this.kick();
    });
    socket.on('disconnect', () => this.setLink('offline'));
    socket.on('poke', () => this.kick());
    socket.on('connect_error', (error: Error & { data?: { code?: unknown; message?: unknown } }) => {
      const code = typeof error.data?.code === 'string' ? error.data.code : null;
      if (code === 'AUTH_FAILED' || code === 'PROTOCOL_UNSUPPORTED') {
        this.setLink('refused');
        this.recordError(encodeMessage(code, { message: typeof error.data?.message === 'string' ? error.data.message : '' }));
        // A refused handshake is not retried by Socket.IO; try again later (the county may fix the registry).
        this.schedule(() => {
          if (!this.stopped && !socket.connected) socket.connect();
        }, this.o.refusedRetryMs ?? 60_000);
      } else {
        this.setLink('offline');
        this.recordError(encodeMessage('SYNC_UNREACHABLE', { reason: error.message }));
      }
    });
    this.pollTimer = setInterval(() => {
      if (this.connected && lastOutboxSeq(this.o.db) > getSyncState(this.o.db).ackedSeq) this.kick();
    }, this.o.pollMs ?? 1000);
    this.pollTimer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.retryTimer = this.pollTimer = this.statusTimer = null;
    this.socket?.disconnect(); // first, so requests waiting on it fail now
    this.socket?.removeAllListeners();
    this.socket = null;
    this.link = 'off';
  }

  /** Sync now (a local write, a poke, the admin's "retry"). */
  kick(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    void this.pump();
  }

  status(): SyncStatus {
    const db = this.o.db;
    const state = getSyncState(db);
    return {
      configured: !this.stopped,
      link: this.link,
      unsent: unsentCount(db, state.ackedSeq),
      lastSeq: lastOutboxSeq(db),
      ackedSeq: state.ackedSeq,
      appliedOffset: state.appliedOffset,
      lastSuccessAt: state.lastSuccessAt,
      lastError: state.lastError,
      lastErrorAt: state.lastErrorAt,
      problems: countInboxProblems(db),
      refused: countOpenRefused(db),
      recovering: state.recoverTarget > 0,
    };
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      do {
        this.again = false;
        if (!this.connected) break;
        if (this.needStatus) await this.askStatus();
        if (getSyncState(this.o.db).recoverTarget > 0) {
          await recoverAll(this.o, (event, payload) => this.request(event, payload));
          this.statusChanged();
        }
        await this.pullAll();
        await this.pushAll();
        // A full round with the county is a successful sync, even when there was nothing to exchange.
        markSyncSuccess(this.o.db, this.o.now());
        if (getSyncState(this.o.db).lastError !== null) setSyncError(this.o.db, null, this.o.now());
        this.statusChanged();
      } while (this.again && this.connected && !this.stopped);
      this.failures = 0;
    } catch (error) {
      this.failures++;
      this.recordError(encodeMessage('SYNC_FAILED', { reason: (error as Error).message }));
      const min = this.o.backoff?.minMs ?? 500;
      const delay = Math.min(this.o.backoff?.maxMs ?? 30_000, min * 2 ** Math.min(this.failures - 1, 16));
      this.schedule(() => this.kick(), delay * (0.75 + Math.random() * 0.5));
    } finally {
      this.pumping = false;
    }
  }

  private schedule(work: () => void, ms: number): void {
    if (this.stopped) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      work();
    }, ms);
    this.retryTimer.unref();
  }

  /**
   * Where the county stands. A county holding seqs this township never wrote
   * means a restored backup: recover before pushing anything. Otherwise the
   * county's `lastSeq` is the truth about what it took (an ack lost on the way,
   * or a county restored from its own backup that needs changes again).
   */
  private async askStatus(): Promise<void> {
    const db = this.o.db;
    const reply = StatusReply.safeParse(await this.request('status', {}));
    if (!reply.success) throw new SyncRequestError('the county center answered status with something unreadable');
    if (!reply.data.ok) throw new SyncRequestError(`status refused: ${reply.data.code}: ${reply.data.message}`);
    const { lastSeq } = reply.data;
    const lostReply = db
      .transaction((): number | null => {
        setCountyLastSeq(db, lastSeq);
        const state = getSyncState(db);
        if (state.recoverTarget > 0) return null; // a recovery under way resumes where it stopped
        if (lastSeq > highestSeqWritten(db)) {
          startRecovery(db, lastSeq);
          this.o.log(`the county holds changes up to seq ${lastSeq} that this township no longer has; recovering them`);
        } else if (lastSeq < state.ackedSeq) {
          resetAckedSeq(db, lastSeq);
          this.o.log(`the county stands at seq ${lastSeq}; resending from there`);
        } else if (lastSeq > state.ackedSeq) return state.ackedSeq;
        return null;
      })
      .immediate();
    if (lostReply !== null) await this.takeLostReply(lostReply, lastSeq);
    this.needStatus = false;
    this.statusChanged();
  }

  /**
   * The county took seqs after `acked` whose reply never arrived (an ack lost
   * on the way): its `rejected` list was lost with it. `recover` lists the
   * ones it applied; every other seq of that span it refused, and goes on the
   * admin's list (with the reason only the county still knows).
   */
  private async takeLostReply(acked: number, lastSeq: number): Promise<void> {
    const db = this.o.db;
    const applied = new Set<number>();
    for (let after = acked; after < lastSeq;) {
      const reply = RecoverReply.safeParse(await this.request('recover', { after, limit: MAX_RECOVER_LIMIT }));
      if (!reply.success) throw new SyncRequestError('the county center answered recover with something unreadable');
      if (!reply.data.ok) throw new SyncRequestError(`recover refused: ${reply.data.code}: ${reply.data.message}`);
      const held = reply.data.changes as { seq?: unknown; id?: unknown }[];
      // The county holds other changes at these seqs than this township wrote: a restored backup that has
      // since written past the county's last seq. Its own changes after the acked seq are unsent ones.
      const other = held.find((c) => typeof c.seq === 'number' && outboxAt(db, c.seq)?.id !== c.id);
      if (other) {
        db.transaction(() => startRecovery(db, lastSeq)).immediate();
        this.o.log(`the county holds other changes than this township from seq ${String(other.seq)} on; recovering them`);
        return;
      }
      const seqs = held.map((c) => c.seq).filter((s): s is number => typeof s === 'number');
      seqs.forEach((seq) => applied.add(seq));
      const top = Math.max(after, ...seqs);
      if (!reply.data.more || seqs.length === 0 || top <= after) break;
      after = top;
    }
    const now = this.o.now();
    db.transaction(() => {
      for (let seq = acked + 1; seq <= lastSeq; seq++) {
        if (applied.has(seq)) continue;
        const change = outboxAt(db, seq);
        if (!change) continue;
        insertRefused(db, {
          seq,
          changeId: change.id,
          entity: change.entity,
          entityId: change.entityId,
          code: 'REFUSED',
          message:
            'The county center refused this change; its reply with the reason was lost on the way (the county’s admin sees it).',
          refusedAt: now,
        });
      }
      setAckedSeq(db, lastSeq, now);
    })();
  }

  private async request(event: 'push' | 'pull' | 'status' | 'recover', payload: unknown): Promise<unknown> {
    const socket = this.socket;
    if (!socket?.connected) throw new SyncRequestError('the link to the county went down');
    // A reply cannot come over a dropped link: fail at once instead of waiting for the timeout.
    return new Promise((resolve, reject) => {
      const down = () => reject(new SyncRequestError('the link to the county went down'));
      socket.once('disconnect', down);
      socket
        .timeout(this.timeoutMs)
        .emitWithAck(event, payload)
        .then(resolve, () =>
          reject(new SyncRequestError(`the county center did not answer ${event} within ${this.timeoutMs / 1000} s`)),
        )
        .finally(() => socket.off('disconnect', down));
    });
  }

  /**
   * Pulls until the county has nothing more, checkpointing once at the end of
   * a catch-up of several slices (after a pull cut short, the next commit
   * does, as SQLite's threshold is back). The next page is asked for before this one is applied, so the county reads
   * and sends it while this process writes: a page whose `after` no longer
   * matches the applied offset (a message without a usable offset) is dropped
   * and asked for again. Nothing is applied out of order or twice: each page
   * is applied in one transaction with its offset, from the stored offset on.
   */
  private async pullAll(): Promise<void> {
    const resume = deferCheckpoints(this.o.db);
    let slices = 0;
    try {
      slices = await this.pullPages();
    } finally {
      resume(slices > 1);
    }
  }

  /** How many slices were applied. */
  private async pullPages(): Promise<number> {
    let slices = 0;
    let after = getSyncState(this.o.db).appliedOffset;
    let pending: Promise<unknown> | null = this.request('pull', { after, limit: 500 });
    for (;;) {
      const raw = await pending;
      pending = null;
      const reply = PullReply.safeParse(raw);
      if (!reply.success) throw new SyncRequestError('the county center answered pull with something unreadable');
      if (!reply.data.ok) throw new SyncRequestError(`pull refused: ${reply.data.code}: ${reply.data.message}`);
      const { messages, more } = reply.data;
      const lastOffset = (messages.at(-1) as { offset?: unknown } | undefined)?.offset;
      const ahead = more && typeof lastOffset === 'number' && Number.isSafeInteger(lastOffset) && lastOffset > after;
      let next: Promise<unknown> | null = null;
      if (ahead) {
        next = this.request('pull', { after: lastOffset, limit: 500 });
        // Dropped unanswered when this page fails: that is no error of its own.
        next.catch(() => {});
      }
      // A page in a few transactions, each with its offset (statements reused), and a turn of the event
      // loop between them: a screen's request or another link waits for one slice, never a whole page.
      for (let i = 0; i < messages.length; i += APPLY_SLICE) {
        if (i > 0) await new Promise((resolve) => setImmediate(resolve));
        const report = applyMessages(this.o, messages.slice(i, i + APPLY_SLICE));
        report.afterCommit.forEach((hook) => hook());
        report.pushes.forEach((message) => this.o.publish(message));
        if (report.counts.garbage > 0) this.recordError(encodeMessage('SYNC_GARBAGE', { count: report.counts.garbage }));
        slices++;
        this.statusChanged();
      }
      const applied = getSyncState(this.o.db).appliedOffset;
      if (messages.length > 0 && applied === after)
        throw new SyncRequestError('the county center sent messages without usable offsets');
      if (!more || messages.length === 0) return slices;
      // Let other work (a screen's request) run between pages.
      await new Promise((resolve) => setImmediate(resolve));
      pending = next !== null && applied === lastOffset ? next : this.request('pull', { after: applied, limit: 500 });
      after = applied;
    }
  }

  /** Pushes the outbox after the acked seq; true when anything was acknowledged. */
  private async pushAll(): Promise<boolean> {
    let acknowledged = false;
    const db = this.o.db;
    for (;;) {
      const state = getSyncState(db);
      if (state.recoverTarget > 0) return acknowledged; // never push before the county's changes are back
      const batch = nextBatch(db, state.ackedSeq, { changes: this.batchLimit, bytes: MAX_BATCH_BYTES });
      if (batch.oversized) throw new SyncRequestError(`change ${batch.oversized.seq} is larger than 512 KiB and cannot be sent`);
      if (batch.changes.length === 0) return acknowledged;
      const reply = PushReply.safeParse(await this.request('push', { changes: batch.changes }));
      if (!reply.success) throw new SyncRequestError('the county center answered push with something unreadable');
      const r = reply.data;
      if (r.ok) {
        this.takeReply(r, batch.changes);
        acknowledged = true;
        this.batchLimit = Math.min(MAX_BATCH_CHANGES, this.batchLimit * 2);
        this.statusChanged();
        const top = batch.changes.at(-1)!.seq;
        if (r.applied < top) throw new SyncRequestError(`the county center stopped at seq ${r.applied}`);
        continue;
      }
      if (r.code === 'TOO_LARGE' && batch.changes.length > 1) {
        this.batchLimit = Math.max(1, Math.floor(batch.changes.length / 2));
        this.o.log(`the county found a push too large; sending ${this.batchLimit} changes per push`);
        continue;
      }
      this.handleRefusal(r, batch.changes);
    }
  }

  /**
   * An accepted push: the acked seq moves and the refused changes are kept for
   * the admin, in one transaction. A reply naming seqs outside the push is a
   * county fault: nothing changes here and the push is retried later.
   */
  private takeReply(r: Extract<PushReply, { ok: true }>, changes: Change[]): void {
    const first = changes[0]!.seq;
    const top = changes.at(-1)!.seq;
    const bySeq = new Map(changes.map((c) => [c.seq, c]));
    const rejected = r.rejected ?? [];
    if (r.applied < first - 1 || r.applied > top)
      throw new SyncRequestError(`county fault: it acknowledged seq ${r.applied} for a push of ${first}…${top}`);
    const outside = rejected.find((x) => !bySeq.has(x.seq) || x.seq > r.applied);
    if (outside)
      throw new SyncRequestError(`county fault: it refused seq ${outside.seq}, which is not in the push ${first}…${top}`);
    const db = this.o.db;
    const now = this.o.now();
    db.transaction(() => {
      for (const x of rejected) {
        const c = bySeq.get(x.seq)!;
        insertRefused(db, {
          seq: x.seq,
          changeId: c.id,
          entity: c.entity,
          entityId: c.entityId,
          code: x.code,
          message: x.message.slice(0, 2000),
          refusedAt: now,
        });
      }
      setAckedSeq(db, r.applied, now);
    })();
    if (rejected.length > 0) this.o.log(`the county refused ${rejected.length} change(s); they are listed for the admin`);
  }

  private handleRefusal(r: Exclude<PushReply, { ok: true }>, changes: Change[]): void {
    const db = this.o.db;
    if (r.code === 'SEQ_GAP' && 'expected' in r) {
      if (r.expected - 1 > lastOutboxSeq(db))
        throw new SyncRequestError(`the county center expects seq ${r.expected}, beyond this township's last change`);
      // A hole in this township's own stream cannot be resent: say so and back off instead of asking again at once.
      if (!outboxAt(db, r.expected))
        throw new SyncRequestError(`the county center expects seq ${r.expected}, which this township's outbox does not hold`);
      // The county is behind (e.g. restored from a backup): resend from where it stands.
      resetAckedSeq(db, r.expected - 1);
      this.o.log(`county expected seq ${r.expected}; resending from there`);
      return;
    }
    if (r.code === 'INVALID' && 'seq' in r) {
      // A revision-1 county stops at an invalid change; only a seq inside this push says how far it got.
      if (r.seq > changes[0]!.seq && r.seq <= changes.at(-1)!.seq) setAckedSeq(db, r.seq - 1, this.o.now());
      throw new SyncRequestError(`the county center refused change ${r.seq}: ${r.message}`);
    }
    throw new SyncRequestError(`push refused: ${r.code}: ${'message' in r ? r.message : ''}`);
  }

  private recordError(message: string): void {
    try {
      setSyncError(this.o.db, message.slice(0, 500), this.o.now());
    } catch (error) {
      this.o.log('recording a sync error failed', error);
    }
    this.statusChanged();
  }

  private setLink(link: SyncLink): void {
    if (this.link === link) return;
    this.link = link;
    this.statusChanged();
  }

  /** At most a few status pushes per second, however busy the link is. */
  private statusChanged(): void {
    if (this.statusTimer || this.stopped) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      try {
        this.o.publish({ topic: 'sync.status', payload: this.status() });
      } catch (error) {
        this.o.log('publishing the sync status failed', error);
      }
    }, 250);
    this.statusTimer.unref();
  }
}
