import { MAX_RECOVER_LIMIT, parseChange, RecoverReply, type Change } from '../../common/protocol';
import type { Db } from '../../db';
import {
  appendOutbox,
  insertOutboxAt,
  lowerOutboxSequence,
  raiseOutboxSequence,
  type OutboxEntity,
} from '../../db/queries/outbox';
import {
  clearHeld,
  dropHeld,
  getSyncState,
  highestOutboxSeq,
  holdUnsent,
  listHeld,
  setAckedSeq,
  setRecovery,
} from '../../db/queries/sync';
import { applyRecoveredRecord } from './recovered-records';

/**
 * Taking back from the county what a restored backup lost (PROTOCOL.md
 * `status` / `recover`). The county's changes go back into the outbox at
 * their own seqs and are applied to the local database, a page per
 * transaction together with the progress pointer, so a crash (SIGKILL)
 * resumes at the next page. Local changes that were unsent when the recovery
 * began, or written while it ran, are set aside and queued again after the
 * county's last seq: no seq is ever used twice, and a local change made after
 * the restore still wins over the older state it replaced.
 */

export interface RecoveryDeps {
  db: Db;
  dataDir: string;
  now: () => number;
  log: (message: string, error?: unknown) => void;
}

export function highestSeqWritten(db: Db): number {
  return highestOutboxSeq(db);
}

/** In the caller's transaction: sets unsent changes aside and reserves the county's seqs. */
export function startRecovery(db: Db, countyLastSeq: number): void {
  const acked = getSyncState(db).ackedSeq;
  holdUnsent(db, acked);
  // New local changes during the recovery are numbered after the county's, never on top of them.
  raiseOutboxSequence(db, countyLastSeq);
  setRecovery(db, countyLastSeq, acked);
}

type Request = (event: 'recover', payload: unknown) => Promise<unknown>;

export async function recoverAll(deps: RecoveryDeps, request: Request): Promise<number> {
  const { db } = deps;
  let recovered = 0;
  for (;;) {
    const state = getSyncState(db);
    if (state.recoverTarget === 0) return recovered;
    const reply = RecoverReply.safeParse(await request('recover', { after: state.recoveredSeq, limit: MAX_RECOVER_LIMIT }));
    if (!reply.success) throw new Error('the county center answered recover with something unreadable');
    if (!reply.data.ok) throw new Error(`recover refused: ${reply.data.code}: ${reply.data.message}`);
    const { changes, more } = reply.data;
    const parsed: Change[] = [];
    for (const raw of changes) {
      const p = parseChange(raw);
      if (!p.ok) throw new Error(`the county center sent back an unreadable change: ${p.message}`);
      if (p.value.seq <= state.recoveredSeq || p.value.seq > state.recoverTarget)
        throw new Error(`the county center sent back seq ${p.value.seq}, outside ${state.recoveredSeq}…${state.recoverTarget}`);
      parsed.push(p.value);
    }
    const done = !more || parsed.length === 0;
    db.transaction(() => {
      for (const c of parsed) {
        takeBack(deps, c);
        recovered++;
      }
      const last = parsed.at(-1)?.seq ?? state.recoveredSeq;
      if (done) finish(deps, state.recoverTarget);
      else setRecovery(db, state.recoverTarget, last);
    }).immediate();
    if (done) {
      deps.log(`recovered ${recovered} change(s) from the county; the next change is numbered after seq ${state.recoverTarget}`);
      return recovered;
    }
  }
}

function takeBack(deps: RecoveryDeps, c: Change): void {
  const { db } = deps;
  // The county's change goes back where it was; one the township still holds aside is that same change.
  dropHeld(db, c.id);
  insertOutboxAt(db, {
    seq: c.seq,
    id: c.id,
    entity: c.entity as OutboxEntity,
    entityId: c.entityId,
    op: c.op,
    at: Date.parse(c.at),
    data: c.data === undefined ? null : JSON.stringify(c.data),
  });
  applyRecoveredRecord(deps, c.entity, c.entityId, c.op === 'delete' ? null : (c.data ?? null), c.seq);
}

/** The county's changes are all back: queue the changes set aside after them, oldest first, and re-apply them here. */
function finish(deps: RecoveryDeps, target: number): void {
  const { db } = deps;
  raiseOutboxSequence(db, target);
  // Changes written during the recovery were numbered after the target; they go after the held ones,
  // renumbered from target + 1 (never sent: nothing is pushed while a recovery runs), leaving no hole.
  holdUnsent(db, target);
  lowerOutboxSequence(db, target);
  for (const h of listHeld(db)) {
    appendOutbox(db, { id: h.id, entity: h.entity, entityId: h.entityId, op: h.op, at: h.at, data: h.data });
    applyRecoveredRecord(
      deps,
      h.entity,
      h.entityId,
      h.data === null ? null : (JSON.parse(h.data) as Record<string, unknown>),
      null,
    );
  }
  clearHeld(db);
  setAckedSeq(db, target, deps.now());
  setRecovery(db, 0, 0);
}
