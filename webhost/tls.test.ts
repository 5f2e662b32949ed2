import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEMO_PASSWORD } from '../core/demo/demo-township';
import { tempDir } from '../core/testing/core';
import { isLoopbackHost, startWebhost, type Webhost } from './server';

describe('the room server beyond loopback', () => {
  let dir: ReturnType<typeof tempDir>;
  let host: Webhost;
  let redirectPort: number;
  beforeAll(async () => {
    dir = tempDir();
    const staticDir = join(dir.path, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>乡镇综合信息指挥室</title>');
    redirectPort = 20_000 + Math.floor(Math.random() * 20_000);
    host = await startWebhost({
      seedDemo: true,
      host: '127.0.0.1',
      port: 0,
      tls: 'on',
      redirectHttpPort: redirectPort,
      dataDir: join(dir.path, 'data'),
      staticDir,
      demoEvents: 0,
      pdf: false,
      backupCheckMs: 0,
      log: () => {},
    });
  });
  afterAll(async () => {
    await host.close();
    dir.remove();
  });

  it('serves plain HTTP only on loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.4.5.6', 'localhost', '::1']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['0.0.0.0', '192.168.1.20', '10.0.0.1', '::', 'room-server', '128.0.0.1'])
      expect(isLoopbackHost(h)).toBe(false);
  });

  it('speaks HTTPS with its certificate, whose fingerprint it reports', async () => {
    expect(host.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const certificate = host.certificate!;
    const { status, body, fingerprint } = await new Promise<{ status: number; body: string; fingerprint: string }>(
      (resolve, reject) => {
        httpsGet(host.url + '/', { ca: certificate.cert }, (res) => {
          const peer = (res.socket as TLSSocket).getPeerCertificate();
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, fingerprint: peer.fingerprint256 }));
        }).on('error', reject);
      },
    );
    expect(status).toBe(200);
    expect(body).toContain('乡镇综合信息指挥室');
    expect(fingerprint).toBe(certificate.fingerprint);
  });

  it('refuses a client that does not trust the certificate', async () => {
    const error = await new Promise<Error>((resolve) =>
      httpsGet(host.url + '/', () => resolve(new Error('accepted'))).on('error', resolve),
    );
    expect(error.message).toMatch(/self[- ]signed|certificate/i);
  });

  it('answers plain HTTP on the redirect port only with a redirect to HTTPS', async () => {
    const res = await new Promise<{ status: number; location: string | undefined }>((resolve, reject) =>
      httpGet(`http://127.0.0.1:${redirectPort}/wall?x=1`, (r) => {
        r.resume();
        resolve({ status: r.statusCode ?? 0, location: r.headers.location });
      }).on('error', reject),
    );
    expect(res.status).toBe(301);
    expect(res.location).toBe(`${host.url}/wall?x=1`);
  });

  it('carries the contract over WSS', async () => {
    const ws = new WebSocket(host.url.replace('https', 'wss') + '/ws', {
      headers: { Origin: host.url },
      ca: host.certificate!.cert,
    });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const reply = await new Promise<{ result: { ok: boolean } }>((resolve) => {
      ws.once('message', (data) => resolve(JSON.parse(data.toString()) as { result: { ok: boolean } }));
      ws.send(JSON.stringify({ id: 1, method: 'auth.login', input: { username: 'operator', password: DEMO_PASSWORD } }));
    });
    expect(reply.result.ok).toBe(true);
    ws.terminate();
  });
});
