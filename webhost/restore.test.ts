import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerFrame } from '../common/wire';
import { DEMO_PASSWORD } from '../core/demo/demo-township';
import { insertRawSetting, settingRowCount, tempDir } from '../core/testing/core';
import { damagedDatabaseText, resolveServeOptions } from './serve-options';
import { startWebhost, type Webhost } from './server';

function connect(url: string, origin: string) {
  const ws = new WebSocket(url, { headers: { Origin: origin } });
  let next = 1;
  const frames: ServerFrame[] = [];
  const waiters = new Map<number, (frame: ServerFrame) => void>();
  let closeCode: number | null = null;
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as ServerFrame;
    frames.push(frame);
    if (frame.kind === 'reply') waiters.get(frame.id)?.(frame);
  });
  ws.on('close', (code) => (closeCode = code));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    frames,
    opened,
    closeCode: () => closeCode,
    async call(method: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
      await opened;
      const id = next++;
      ws.send(JSON.stringify({ id, method, input }));
      const frame = await new Promise<ServerFrame>((resolve) => waiters.set(id, resolve));
      return (frame as { result: { ok: boolean } }).result;
    },
  };
}

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('webhost: restoring a backup restarts the core and the tabs reconnect', () => {
  let dir: ReturnType<typeof tempDir>;
  let host: Webhost;
  let wsUrl: string;
  beforeAll(async () => {
    dir = tempDir();
    const staticDir = join(dir.path, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>x</title>');
    host = await startWebhost({
      host: '127.0.0.1',
      port: 0,
      dataDir: join(dir.path, 'data'),
      seedDemo: true,
      staticDir,
      backupCheckMs: 0,
      demoEvents: 0,
      log: () => {},
    });
    wsUrl = host.url.replace('http', 'ws') + '/ws';
  }, 60_000);
  afterAll(async () => {
    await host.close();
    dir.remove();
  });

  it('tells every tab, closes their sockets with 1012 and serves the restored database', { timeout: 60_000 }, async () => {
    const admin = connect(wsUrl, host.url);
    const adminLogin = await admin.call('auth.login', { username: 'admin', password: DEMO_PASSWORD });
    expect(adminLogin.ok).toBe(true);
    const other = connect(wsUrl, host.url);
    expect((await other.call('auth.login', { username: 'operator', password: DEMO_PASSWORD })).ok).toBe(true);
    expect((await admin.call('backups.create', {})).ok).toBe(true);
    await until(() => admin.frames.some((f) => f.kind === 'push' && f.topic === 'backups.changed'));
    const list = (await admin.call('backups.list', {})).value as { backups: { name: string }[] };
    const before = host.core;
    expect(
      (await other.call('users.create', {})).error?.code, // the operator may not: the role is checked over the wire too
    ).toBe('FORBIDDEN');
    insertRawSetting(before.db, 'after-backup', 'x');

    const restored = await admin.call('backups.restore', { name: list.backups[0]!.name, confirm: true });
    expect(restored.ok).toBe(true);
    await until(() => admin.closeCode() !== null && other.closeCode() !== null);
    expect(admin.closeCode()).toBe(1012);
    for (const tab of [admin, other])
      expect(tab.frames.some((f) => f.kind === 'push' && f.topic === 'app.restarting')).toBe(true);
    expect(host.core).not.toBe(before);

    const again = connect(wsUrl, host.url);
    expect((await again.call('auth.me', {})).ok).toBe(true);
    expect((await again.call('backups.list', {})).error?.code).toBe('UNAUTHENTICATED');
    // The backup held the admin's session, but a restore signs everyone out: it cannot be resumed.
    const token = (adminLogin.value as { resumeToken: string }).resumeToken;
    expect((await again.call('auth.resume', { token })).error?.code).toBe('UNAUTHENTICATED');
    expect(settingRowCount(host.core.db, 'after-backup')).toBe(0);
    again.ws.close();
  });
});

describe('npm run serve options', () => {
  it('binds to the loopback address unless told otherwise', () => {
    expect(resolveServeOptions({}, {})).toMatchObject({ host: '127.0.0.1', port: 5180, restoreBackup: null });
    expect(resolveServeOptions({}, { COMMAND_ROOM_HOST: '0.0.0.0' })).toMatchObject({ host: '0.0.0.0' });
    expect(resolveServeOptions({ host: '::1' }, { COMMAND_ROOM_HOST: '0.0.0.0' })).toMatchObject({ host: '::1' });
    expect(resolveServeOptions({ port: '70000' }, {})).toHaveProperty('error');
    expect(resolveServeOptions({ port: 'abc' }, {})).toHaveProperty('error');
  });

  it('says plainly that the database is damaged and how to restore the newest good backup', () => {
    const text = damagedDatabaseText('quick_check failed', { name: 'command-room-20261130-020000-daily' }, '/data');
    expect(text).toMatch(/damaged/);
    expect(text).toContain('--restore-backup command-room-20261130-020000-daily');
    expect(damagedDatabaseText('x', null, '/data')).toMatch(/No good backup/);
  });
});
