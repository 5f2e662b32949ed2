import { MAX_BATCH_BYTES, MAX_BATCH_CHANGES, type Change } from '../../common/protocol';
import type { Db } from '../../db';
import { listOutbox } from '../../db/queries/outbox';
import { isoChina } from '../../common/china-time';

const encoder = new TextEncoder();
/** `{"changes":[` … `]}` around the changes. */
const ENVELOPE_BYTES = 14;

/**
 * The next `push` batch after the acked seq, in ascending seq: at most 500
 * changes and 512 KiB of JSON. A single change larger than the limit comes
 * back alone in `oversized` so the caller can report it instead of looping.
 */
export function nextBatch(
  db: Db,
  afterSeq: number,
  limits: { changes: number; bytes: number } = { changes: MAX_BATCH_CHANGES, bytes: MAX_BATCH_BYTES },
): { changes: Change[]; oversized: Change | null } {
  const rows = listOutbox(db, afterSeq, limits.changes);
  const changes: Change[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const row of rows) {
    const change: Change = {
      seq: row.seq,
      id: row.id,
      entity: row.entity,
      entityId: row.entityId,
      op: row.op,
      at: isoChina(row.at),
      ...(row.data === null ? {} : { data: JSON.parse(row.data) as Record<string, unknown> }),
    };
    const size = encoder.encode(JSON.stringify(change)).length + 1;
    if (bytes + size > limits.bytes) {
      if (changes.length === 0) return { changes: [], oversized: change };
      break;
    }
    bytes += size;
    changes.push(change);
  }
  return { changes, oversized: null };
}
