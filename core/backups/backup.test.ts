import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushMessage } from '../../common/topics';
import { loadMigrations, migrate, openDatabase } from '../../db';
import { listAttachments } from '../../db/queries/events';
import { findCategoryByCode } from '../../db/queries/reference';
import { getSetting, setSetting } from '../../db/queries/settings';
import { setAckedSeq } from '../../db/queries/sync';
import {
  countRows,
  deleteOutboxRow,
  eventTitles,
  insertBareOutboxRow,
  outboxSeqs,
  storedAuditRows,
  tableRootPage,
  tempDir,
} from '../../db/testing';
import { DATABASE_FILE, startCore, type CoreApp, type StartOptions } from '../app';
import { verifyAuditChain } from '../audit/verify';
import { DEMO_PASSWORD } from '../demo/demo-township';
import { attachmentPath } from '../events/attachments';
import { PNG_1PX } from '../testing/event-fixtures';
import { expectOk, errorCode } from '../testing/core';
import { backupsToKeep, calendarKeys } from './rotation';
import { databaseProblem } from './startup';
import { backupsDir, listBackups } from './store';

const DAY = 86_400_000;

describe('backup rotation', () => {
  it('keeps 7 daily, 4 weekly and 12 monthly backups over two years of days', () => {
    let kept: { name: string; kind: 'daily'; createdAt: number }[] = [];
    const start = Date.UTC(2025, 0, 1, 2);
    for (let d = 0; d < 730; d += 1) {
      kept.push({ name: `b${d}`, kind: 'daily', createdAt: start + d * DAY });
      const keep = backupsToKeep(kept);
      kept = kept.filter((b) => keep.has(b.name));
    }
    const last = start + 729 * DAY;
    const days = kept.map((b) => Math.round((last - b.createdAt) / DAY)).sort((a, b) => a - b);
    expect(days.slice(0, 7)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(new Set(kept.map((b) => calendarKeys(b.createdAt).month)).size).toBe(12);
    expect(new Set(kept.map((b) => calendarKeys(b.createdAt).week)).size).toBeGreaterThanOrEqual(7);
    expect(kept.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(days.at(-1)).toBeGreaterThan(300);
  });

  it('keeps the newest of a day, and the 3 newest pre-migration backups besides', () => {
    const t = Date.UTC(2026, 10, 30, 2);
    const keep = backupsToKeep([
      { name: 'morning', kind: 'daily', createdAt: t },
      { name: 'noon', kind: 'manual', createdAt: t + 3 * 3600_000 },
      ...[1, 2, 3, 4].map((i) => ({ name: `pre${i}`, kind: 'pre_migration' as const, createdAt: t - i * 100 * DAY })),
    ]);
    expect([...keep].sort()).toEqual(['noon', 'pre1', 'pre2', 'pre3']);
  });

  it('uses China time and ISO weeks', () => {
    expect(calendarKeys(Date.UTC(2026, 10, 30, 16, 30)).day).toBe('2026-12-01');
    expect(calendarKeys(Date.UTC(2026, 0, 1, 4)).week).toBe('2026-W01');
    expect(calendarKeys(Date.UTC(2027, 0, 1, 4)).week).toBe('2026-W53');
  });
});

describe('backups and restore', () => {
  let dir: ReturnType<typeof tempDir>;
  const clock = { now: Date.UTC(2026, 10, 30, 1, 0, 0) };
  let app: CoreApp;
  let restarted = 0;
  const pushes: PushMessage[] = [];
  const options = (): StartOptions => ({
    dataDir: dir.path,
    seedDemo: true,
    demoEvents: 0,
    now: () => clock.now,
    log: () => {},
    tickMs: 0,
    backupCheckMs: 0,
    onRestart: () => {
      restarted += 1;
    },
  });
  const signIn = async (username: string) => {
    const c = app.connect((m) => pushes.push(m));
    expectOk(await c.call('auth.login', { username, password: DEMO_PASSWORD }));
    return c;
  };
  const newEvent = async (title: string, photo = false) => {
    const operator = await signIn('operator');
    return expectOk<'events.create'>(
      await operator.call('events.create', {
        title,
        description: '村口桥头有大量生活垃圾堆放',
        categoryId: findCategoryByCode(app.db, 'sanitation.garbage')!.id,
        requestType: 'request',
        source: 'walk_in',
        priority: 'normal',
        photos: photo ? [{ name: '现场.png', mime: 'image/png', dataBase64: PNG_1PX }] : [],
      }),
    ).id;
  };
  const backupAuditActions = (a: CoreApp) =>
    storedAuditRows(a.db)
      .filter((r) => r.entity === 'backup')
      .map((r) => r.action);
  beforeEach(() => {
    dir = tempDir();
    restarted = 0;
    pushes.length = 0;
    app = startCore(options());
  });
  afterEach(() => {
    app.close();
    dir.remove();
  });

  it('backs up now on request: verified, photos pooled, audited, pushed; admins only', async () => {
    await newEvent('带照片的事件', true);
    const admin = await signIn('admin');
    expect(errorCode(await (await signIn('director')).call('backups.create', {}))).toBe('FORBIDDEN');
    expect(expectOk<'backups.create'>(await admin.call('backups.create', {}))).toEqual({ started: true });
    expect(expectOk<'backups.create'>(await admin.call('backups.create', {}))).toEqual({ started: false });
    await waitFor(() => pushes.some((p) => p.topic === 'backups.changed'));
    const listed = expectOk<'backups.list'>(await admin.call('backups.list', {}));
    expect(listed.running).toBe(false);
    expect(listed.backups).toHaveLength(1);
    const [backup] = listed.backups;
    expect(backup).toMatchObject({ kind: 'manual', verified: true, problem: 'ok', attachments: 1, missingAttachments: 0 });
    expect(backup!.schemaVersion).toBe(loadMigrations().at(-1)!.version);
    expect(backup!.auditHead.seq).toBeGreaterThan(0);
    expect(readdirSync(join(backupsDir(dir.path), 'attachments'))).toHaveLength(1);
    const actions = backupAuditActions(app);
    expect(actions).toEqual(['backup_requested', 'backup']);
  });

  it('takes the daily backup once per China day, by the injected clock', async () => {
    expect(await app.backups.tick()).toMatchObject({ kind: 'daily', verified: true });
    expect(app.backups.tick()).toBeNull();
    clock.now += DAY;
    expect(await app.backups.tick()).toMatchObject({ kind: 'daily' });
    expect(listBackups(dir.path)).toHaveLength(2);
  });

  it('restores a backup: current file kept aside, photos back, audited, everyone told, the core restarted', async () => {
    const photoEvent = await newEvent('备份前的事件', true);
    const backup = (await app.backups.run('manual'))!;
    clock.now += 60_000;
    await newEvent('备份后的事件');
    const sha = listAttachments(app.db, photoEvent)[0]!.sha256;
    rmSync(attachmentPath(dir.path, sha));
    const admin = await signIn('admin');
    expect(errorCode(await admin.call('backups.restore', { name: backup.name }))).toBe('BAD_INPUT');
    expect(errorCode(await admin.call('backups.restore', { name: '../../etc/passwd', confirm: true }))).toBe('BAD_INPUT');
    const result = expectOk<'backups.restore'>(await admin.call('backups.restore', { name: backup.name, confirm: true }));
    await waitFor(() => restarted === 1);
    expect(pushes.filter((p) => p.topic === 'app.restarting').length).toBeGreaterThanOrEqual(2);
    expect(existsSync(join(dir.path, result.keptAside))).toBe(true);
    expect(existsSync(attachmentPath(dir.path, sha))).toBe(true);

    app = startCore(options());
    expect(eventTitles(app.db)).toEqual(['备份前的事件']);
    expect(backupAuditActions(app).at(-1)).toBe('restore');
    expect(verifyAuditChain(app.db).ok).toBe(true);
    // The file kept aside still holds everything, including the restore request.
    const aside = openDatabase(join(dir.path, result.keptAside), { readonly: true });
    expect(countRows(aside, 'events')).toBe(2);
    aside.close();
  });

  it('restores once, however often it is asked, and takes no backup meanwhile', async () => {
    const backup = (await app.backups.run('manual'))!;
    const admin = await signIn('admin');
    expectOk(await admin.call('backups.restore', { name: backup.name, confirm: true }));
    expect(app.backups.restoring).toBe(true);
    expect(app.backups.run('manual')).toBeNull();
    app.backups.requestRestore(backup.name, clock.now);
    await waitFor(() => restarted === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(restarted).toBe(1);
    app = startCore(options());
  });

  it('refuses to restore a damaged backup and changes nothing', async () => {
    const backup = (await app.backups.run('manual'))!;
    const file = join(backupsDir(dir.path), `${backup.name}.db`);
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 100, bytes.length);
    writeFileSync(file, bytes);
    const admin = await signIn('admin');
    expect(errorCode(await admin.call('backups.restore', { name: backup.name, confirm: true }))).toBe('BACKUP_FAILED');
    await new Promise((r) => setTimeout(r, 20));
    expect(restarted).toBe(0);
  });
});

describe('start-up check', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());
  const start = () => startCore({ dataDir: dir.path, seedDemo: true, demoEvents: 0, tickMs: 0, backupCheckMs: 0, log: () => {} });

  it('backs up an existing database before migrating it, and not a new one', () => {
    const all = loadMigrations();
    const file = join(dir.path, DATABASE_FILE);
    const old = openDatabase(file, { wal: false });
    migrate(old, all.slice(0, -1));
    setSetting(old, 'marker', 'from the old version');
    old.close();
    start().close();
    const [backup] = listBackups(dir.path);
    expect(backup).toMatchObject({ kind: 'pre_migration', verified: true, schemaVersion: all.length - 1 });
    const copy = openDatabase(join(backupsDir(dir.path), `${backup!.name}.db`), { readonly: true });
    expect(getSetting(copy, 'marker')).toBe('from the old version');
    copy.close();

    const fresh = tempDir();
    startCore({ dataDir: fresh.path, demoEvents: 0, tickMs: 0, backupCheckMs: 0, log: () => {} }).close();
    expect(listBackups(fresh.path)).toEqual([]);
    fresh.remove();
  });

  it('refuses a damaged database without writing to it, and names the newest good backup', async () => {
    const first = start();
    const good = (await first.backups.run('manual'))!;
    first.close();
    const file = join(dir.path, DATABASE_FILE);
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over a few pages in the middle, as a failing disk would.
    bytes.fill(0xa5, pageSize * 4, pageSize * 8);
    writeFileSync(file, bytes);
    let caught: unknown;
    try {
      start();
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'DB_DAMAGED', newestBackup: { name: good.name } });
    expect((caught as Error).message).toContain(good.name);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('on a big file checks the evidence tables at start (the daily backup checks the rest)', () => {
    start().close();
    const file = join(dir.path, DATABASE_FILE);
    const probe = openDatabase(file, { readonly: true });
    const root = tableRootPage(probe, 'audit_log')!;
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    expect(databaseProblem(probe, 0)).toBeNull();
    probe.close();
    const bytes = readFileSync(file);
    bytes.fill(0x5a, (root - 1) * pageSize + 8, root * pageSize);
    writeFileSync(file, bytes);
    const damaged = openDatabase(file, { readonly: true });
    expect(databaseProblem(damaged, 0)).toMatch(/quick_check\(audit_log\)/);
    damaged.close();
  });

  it('refuses an outbox with a gap', () => {
    const first = start();
    for (const id of ['a', 'b', 'c']) insertBareOutboxRow(first.db, id);
    deleteOutboxRow(first.db, 'b');
    first.close();
    expect(() => start()).toThrowError(expect.objectContaining({ code: 'DB_DAMAGED', message: expect.stringMatching(/outbox/) }));
  });

  it('accepts a hole the county holds (a restore gets back no refused change), not one in the unsent changes', () => {
    const first = start();
    for (const id of ['a', 'b', 'c', 'd', 'e']) insertBareOutboxRow(first.db, id);
    const seqs = outboxSeqs(first.db);
    deleteOutboxRow(first.db, 'b');
    setAckedSeq(first.db, seqs.at(-2)!, Date.now());
    first.close();
    const second = start();
    insertBareOutboxRow(second.db, 'f');
    insertBareOutboxRow(second.db, 'g');
    deleteOutboxRow(second.db, 'f');
    second.close();
    expect(() => start()).toThrowError(expect.objectContaining({ code: 'DB_DAMAGED', message: expect.stringMatching(/outbox/) }));
  });
});

async function waitFor(condition: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
