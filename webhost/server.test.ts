import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerFrame } from '../common/wire';
import { tempDir } from '../core/testing/core';
import { isLoopback, sameOriginByAddress, startWebhost, type Webhost } from './server';
import { resolveInside } from './static-files';

function open(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { Origin: origin } });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function client(ws: WebSocket) {
  let next = 1;
  const frames: ServerFrame[] = [];
  const waiters = new Map<number, (frame: ServerFrame) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as ServerFrame;
    frames.push(frame);
    if (frame.kind === 'reply') waiters.get(frame.id)?.(frame);
  });
  return {
    frames,
    call(method: string, input: unknown) {
      const id = next++;
      ws.send(JSON.stringify({ id, method, input }));
      return new Promise<ServerFrame>((resolve) => waiters.set(id, resolve));
    },
  };
}

describe('webhost', () => {
  let dir: ReturnType<typeof tempDir>;
  let host: Webhost;
  let wsUrl: string;
  beforeAll(async () => {
    dir = tempDir();
    const staticDir = join(dir.path, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>乡镇综合信息指挥室</title>');
    writeFileSync(join(dir.path, 'secret.txt'), 'outside the static root');
    host = await startWebhost({
      host: '127.0.0.1',
      port: 0,
      dataDir: join(dir.path, 'data'),
      seedDemo: true,
      staticDir,
      log: () => {},
    });
    wsUrl = host.url.replace('http', 'ws') + '/ws';
  });
  afterAll(async () => {
    await host.close();
    dir.remove();
  });

  it('serves the renderer with a strict CSP, and client routes fall back to index.html', async () => {
    for (const path of ['/', '/wall', '/admin/users']) {
      const res = await fetch(host.url + path);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('乡镇综合信息指挥室');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    }
    expect((await fetch(host.url + '/missing.js')).status).toBe(404);
  });

  it('sends /wall and /dashboard to the renderer’s hash routes, for the TVs in the room', async () => {
    for (const [path, target] of [
      ['/wall', '/#/wall'],
      ['/wall/', '/#/wall'],
      ['/dashboard', '/#/dashboard'],
    ]) {
      const res = await fetch(host.url + path, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(target);
    }
  });

  it('never serves a file outside its folder', async () => {
    expect(resolveInside('/srv/app', '/../secret.txt')).toBeNull();
    expect(resolveInside('/srv/app', '/%2e%2e/secret.txt')).toBeNull();
    expect(resolveInside('/srv/app', '/a/%00')).toBeNull();
    expect(resolveInside('/srv/app', '/%E0%A4%A')).toBeNull();
    expect(resolveInside('/srv/app', '/assets/app.js')).toBe('/srv/app/assets/app.js');
    const res = await fetch(host.url + '/..%2fsecret.txt');
    expect(await res.text()).not.toContain('outside the static root');
  });

  it('refuses WebSockets from another origin', async () => {
    await expect(open(wsUrl, 'http://evil.example')).rejects.toThrow(/403/);
    await expect(open(wsUrl, 'null')).rejects.toThrow(/403/);
  });

  it('lets a page loaded from this host by its IP address connect back (a TV in the room), never by a name', () => {
    const from = (origin: string | undefined, host: string) => sameOriginByAddress({ headers: { origin, host } });
    expect(from('http://192.168.1.20:5180', '192.168.1.20:5180')).toBe(true);
    expect(from('http://[fe80::1]:5180', '[fe80::1]:5180')).toBe(true);
    // A name may be rebound to this address by another site's DNS.
    expect(from('http://evil.example:5180', 'evil.example:5180')).toBe(false);
    expect(from('http://192.168.1.20:5180', '192.168.1.21:5180')).toBe(false);
    expect(from('http://192.168.1.20:5180', '192.168.1.20:5181')).toBe(false);
    expect(from('https://192.168.1.20:5180', '192.168.1.20:5180')).toBe(false);
    expect(from(undefined, '192.168.1.20:5180')).toBe(false);
    expect(from('null', '192.168.1.20:5180')).toBe(false);
  });

  it('binds the contract over a WebSocket, one session per connection', async () => {
    const a = client(await open(wsUrl, host.url));
    const b = client(await open(wsUrl, host.url));
    const login = await a.call('auth.login', { username: 'admin', password: 'qingxi2026' });
    expect(login).toMatchObject({ kind: 'reply', result: { ok: true, value: { username: 'admin' } } });
    expect(await b.call('org.directory', {})).toMatchObject({ result: { ok: false, error: { code: 'UNAUTHENTICATED' } } });
    expect(await a.call('org.directory', {})).toMatchObject({ result: { ok: true } });
    expect(await a.call('no.such', {})).toMatchObject({ result: { ok: false, error: { code: 'UNKNOWN_METHOD' } } });
    await a.call('org.createVillage', { name: '网络测试村', kind: 'village' });
    expect(a.frames).toContainEqual({ kind: 'push', topic: 'org.changed', payload: { entity: 'village' } });
  });

  it('closes a socket that sends something other than a call', async () => {
    const ws = await open(wsUrl, host.url);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('not json');
    expect(await closed).toBe(1003);
  });

  it('counts only loopback sockets as the machine itself (setup without the code)', async () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopback(address), address).toBe(true);
    for (const address of ['192.168.1.20', '10.0.0.1', '::ffff:192.168.1.20', 'fe80::1', '', undefined, '128.0.0.1']) {
      expect(isLoopback(address), String(address)).toBe(false);
    }
    const a = client(await open(wsUrl, host.url));
    expect(await a.call('setup.status', {})).toMatchObject({
      result: { ok: true, value: { needed: false, demo: true, codeRequired: false } },
    });
  });
});
