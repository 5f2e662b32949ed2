import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageType } from '../../common/protocol';
import { getSyncState, listInboxByStatus, listNotices, type InboxRecord } from '../../db/queries/sync';
import { countRows } from '../../db/testing';
import { refuseNoticesTitled } from '../../db/testing-sync';
import { startTestTownship, type TestTownship } from '../testing/sync/harness';
import { expectOk } from '../testing/core';
import { sampleMessage } from '../testing/sync/samples';
import { APPLIERS, type Applier } from './appliers';
import { applyMessages } from './receiver';

// A slice's inbox rows and notices are written together at its end (multi-row INSERTs): what that must not change.
let township: TestTownship;
beforeEach(() => {
  township = startTestTownship();
});
afterEach(() => township.stop());

const AT = '2026-11-30T09:00:00+08:00';
let offset = 0;
function envelope(type: MessageType, data: unknown, id = uuidv7()) {
  offset++;
  return { offset: offset + 1000, id, type, at: AT, data };
}
const apply = (raw: unknown[]) => applyMessages({ db: township.app.db, dataDir: township.dir, now: Date.now }, raw);
const inbox = (): InboxRecord[] =>
  listInboxByStatus(township.app.db, ['applied', 'unknown', 'rejected', 'duplicate'], Number.MAX_SAFE_INTEGER, 1000).reverse();
const noticeTitles = () => listNotices(township.app.db, 'nobody', Number.MAX_SAFE_INTEGER, 1000).map((n) => n.title);

function replaceApplier<T extends MessageType>(type: T, wrap: (original: Applier<T>) => Applier<T>): () => void {
  // Indexed by a generic key, the map's type is the intersection of its appliers: a record of one type here.
  const appliers = APPLIERS as unknown as Record<T, Applier<T>>;
  const original = appliers[type];
  appliers[type] = wrap(original);
  return () => {
    appliers[type] = original;
  };
}

describe('a batched slice', () => {
  it('applies a message id once when the slice holds it twice, and a notice takes its inbox row id', () => {
    const db = township.app.db;
    const events = countRows(db, 'events');
    const notice = envelope('notice', sampleMessage('notice', 1));
    const assignment = envelope('assignment', sampleMessage('assignment', 1));
    const slice = [
      notice,
      assignment,
      { ...envelope('notice', notice.data), id: notice.id },
      { ...envelope('assignment', {}), id: assignment.id, data: assignment.data },
    ];
    const report = apply(slice);
    expect(report.counts).toMatchObject({ applied: 2, duplicate: 2, rejected: 0 });
    expect(report.offset).toBe(slice.at(-1)!.offset);
    expect(getSyncState(db).appliedOffset).toBe(slice.at(-1)!.offset);
    expect(countRows(db, 'events') - events).toBe(1);
    expect(noticeTitles()).toEqual([(notice.data as { title: string }).title]);
    const rows = inbox();
    expect(rows.map((r) => [r.offset, r.status])).toEqual(slice.map((m, i) => [m.offset, i < 2 ? 'applied' : 'duplicate']));
    const [notices] = [listNotices(db, 'nobody', Number.MAX_SAFE_INTEGER, 10)];
    expect(notices[0]!.id).toBe(rows[0]!.id);
    expect(rows[0]!.entityId).toBe(rows[0]!.id);
    expect(report.pushes.filter((p) => p.topic === 'sync.notice')).toEqual([
      { topic: 'sync.notice', payload: { id: rows[0]!.id, title: (notice.data as { title: string }).title } },
    ]);
    // The same ids in a later slice: found in the database, not applied again.
    const again = apply([
      { ...envelope('notice', notice.data), id: notice.id },
      { ...envelope('assignment', assignment.data), id: assignment.id },
    ]);
    expect(again.counts).toMatchObject({ applied: 0, duplicate: 2 });
    expect(countRows(db, 'events') - events).toBe(1);
    expect(countRows(db, 'notices')).toBe(1);
  });

  it('leaves no trace of an applier failing in the middle of a slice, and applies the rest', () => {
    const db = township.app.db;
    const events = countRows(db, 'events');
    // Each fails after doing its work: the assignment after creating its event, the notice after queuing its row.
    const levels = new Set<unknown>();
    const restore = [
      replaceApplier('assignment', (original) => (ctx, data) => {
        levels.add(ctx.db.pragma('synchronous', { simple: true }));
        original(ctx, data);
        if (data.title === '失败的派发') throw new Error('assignment broke');
      }),
      replaceApplier('notice', (original) => (ctx, data) => {
        original(ctx, data);
        if (data.title === '失败的通知') throw new Error('notice broke');
      }),
    ];
    try {
      const slice = Array.from({ length: 300 }, (_, n) => {
        const type = n % 3 === 0 ? 'assignment' : 'notice';
        const data = sampleMessage(type, n) as { title: string };
        if (n === 150) data.title = '失败的派发';
        if (n === 151) data.title = '失败的通知';
        return envelope(type, data);
      });
      const report = apply(slice);
      expect(report.counts).toMatchObject({ applied: 298, rejected: 2, duplicate: 0 });
      expect(countRows(db, 'events') - events).toBe(99);
      expect(countRows(db, 'notices')).toBe(199);
      expect(noticeTitles()).not.toContain('失败的通知');
      const rows = inbox();
      expect(rows).toHaveLength(300);
      expect(rows[150]).toMatchObject({ status: 'rejected', reason: 'INTERNAL: assignment broke', entityId: null });
      expect(rows[151]).toMatchObject({ status: 'rejected', reason: 'INTERNAL: notice broke', entityId: null });
      expect(rows[151]!.data).toContain('失败的通知');
      expect(rows.filter((r) => r.status === 'applied').every((r) => r.entityId !== null)).toBe(true);
      expect(report.pushes.some((p) => p.topic === 'sync.notice' && p.payload.title === '失败的通知')).toBe(false);
      expect(getSyncState(db).appliedOffset).toBe(slice.at(-1)!.offset);
      // Commits of the catch-up are not fsynced (NORMAL); every other commit is again (FULL).
      expect([...levels]).toEqual([1]);
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      restore.forEach((r) => r());
    }
  });

  it('stores a notice the database refuses at the end of the slice as rejected, and writes the rest', () => {
    const db = township.app.db;
    refuseNoticesTitled(db, '被拒的通知');
    const slice = Array.from({ length: 250 }, (_, n) => {
      const data = sampleMessage('notice', n) as { title: string };
      if (n === 120) data.title = '被拒的通知';
      return envelope('notice', data);
    });
    const report = apply(slice);
    expect(report.counts).toMatchObject({ applied: 249, rejected: 1 });
    expect(countRows(db, 'notices')).toBe(249);
    expect(noticeTitles()).not.toContain('被拒的通知');
    const rows = inbox();
    expect(rows).toHaveLength(250);
    expect(rows[120]).toMatchObject({ status: 'rejected', entityId: null });
    expect(rows[120]!.reason).toContain('notice refused');
    // Rejected, it keeps what the county sent, as every rejected message does (the admin's list shows it).
    expect(JSON.parse(rows[120]!.data!)).toEqual(slice[120]!.data);
    expect(rows[119]!.data).toBeNull();
    expect(report.pushes.filter((p) => p.topic === 'sync.notice')).toHaveLength(249);
    expect(report.pushes.some((p) => p.topic === 'sync.notice' && p.payload.title === '被拒的通知')).toBe(false);
    expect(getSyncState(db).appliedOffset).toBe(slice.at(-1)!.offset);
  });
});

describe('the notices list', () => {
  it('pages a county batch of one instant newest first, skipping none and showing none twice', async () => {
    // The county sends a batch with one time: a cursor on the time lost the rest of a page's last instant.
    const titles = Array.from({ length: 120 }, (_, i) => `同一时刻的通知 ${i}`);
    apply(titles.map((title) => envelope('notice', { title, body: '请各村做好防汛准备。' })));
    // A slice of applied messages only is written with its constant columns in the statement: the rows are the same.
    const rows = inbox().slice(-titles.length);
    expect(rows.map((r) => [r.type, r.data, r.status, r.reason, r.entityId])).toEqual(
      rows.map((r) => ['notice', null, 'applied', '', r.id]),
    );
    const director = await township.signIn('director');
    const shown: string[] = [];
    let before: number | undefined;
    for (let page = 0; page < 5; page++) {
      const result = expectOk(await director.call('sync.notices', { limit: 50, before }), 'sync.notices');
      shown.push(...result.notices.map((n) => n.title));
      before = result.notices.at(-1)?.seq;
      if (!result.more) break;
    }
    expect(shown).toEqual(titles.toReversed());
  });
});
