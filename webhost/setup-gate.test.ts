import { mkdirSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Result } from '../common/errors';
import type { ServerFrame } from '../common/wire';
import { databaseDigest, tempDir } from '../core/testing/core';
import { startWebhost, type Webhost } from './server';

/** An address of this machine that is not loopback: a socket from it is "another desk on the LAN". */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

function connect(url: string, origin: string) {
  return new Promise<{ call(method: string, input: unknown): Promise<Result<unknown>>; close(): void }>((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { Origin: origin } });
    let next = 1;
    const waiting = new Map<number, (result: Result<unknown>) => void>();
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ServerFrame;
      if (frame.kind === 'reply') waiting.get(frame.id)?.(frame.result);
    });
    ws.once('open', () =>
      resolve({
        call: (method, input) =>
          new Promise((done) => {
            const id = next++;
            waiting.set(id, done);
            ws.send(JSON.stringify({ id, method, input }));
          }),
        close: () => ws.close(),
      }),
    );
    ws.once('error', reject);
  });
}

const FORM = {
  townshipName: '河口镇',
  townshipCode: 'HK',
  countyName: '南湖区',
  username: 'hkadmin',
  displayName: '周强',
  password: 'river2026x',
  passwordAgain: 'river2026x',
};
const code = (result: Result<unknown>) => (result.ok ? null : result.error.code);

describe.skipIf(!lanAddress)('the setup gate over the network', () => {
  let dir: ReturnType<typeof tempDir>;
  let host: Webhost;
  let lanUrl: string;
  let loopbackUrl: string;

  beforeAll(async () => {
    dir = tempDir();
    const staticDir = join(dir.path, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>x</title>');
    // A headless room server bound to every address, as for the desks on the LAN.
    host = await startWebhost({
      host: '0.0.0.0',
      port: 0,
      dataDir: join(dir.path, 'data'),
      staticDir,
      pdf: false,
      log: () => {},
    });
    const port = new URL(host.url).port;
    lanUrl = `http://${lanAddress}:${port}`;
    loopbackUrl = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await host?.close();
    dir?.remove();
  });

  it('refuses setup from another machine without the printed code, changing nothing; the code or loopback may', async () => {
    const lan = await connect(`ws://${lanAddress}:${new URL(lanUrl).port}/ws`, lanUrl);
    const status = await lan.call('setup.status', {});
    expect(status).toMatchObject({ ok: true, value: { needed: true, codeRequired: true } });
    const before = databaseDigest(host.core.db);
    expect(code(await lan.call('setup.create', FORM))).toBe('FORBIDDEN');
    expect(code(await lan.call('setup.create', { ...FORM, setupCode: 'WRONG-CODE-0000' }))).toBe('FORBIDDEN');
    expect(code(await lan.call('setup.demo', {}))).toBe('FORBIDDEN');
    expect(databaseDigest(host.core.db)).toEqual(before);

    const local = await connect(`ws://127.0.0.1:${new URL(loopbackUrl).port}/ws`, loopbackUrl);
    expect(await local.call('setup.status', {})).toMatchObject({ ok: true, value: { needed: true, codeRequired: false } });
    expect(code(await lan.call('setup.create', { ...FORM, setupCode: host.core.setupCode! }))).toBeNull();

    // Set up: FORBIDDEN from everywhere now, the machine itself included.
    const after = databaseDigest(host.core.db);
    expect(code(await local.call('setup.create', { ...FORM, username: 'second' }))).toBe('FORBIDDEN');
    expect(code(await local.call('setup.demo', {}))).toBe('FORBIDDEN');
    expect(databaseDigest(host.core.db)).toEqual(after);
    lan.close();
    local.close();
  });
});
