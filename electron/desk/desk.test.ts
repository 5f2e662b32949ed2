import { connect, createServer, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollmentGrant } from '../../common/contract';
import { DEMO_PASSWORD } from '../../core/demo/demo-township';
import { enrollmentProof } from '../../core/server/enrollment-code';
import { tempDir } from '../../core/testing/core';
import { forkRoomServer } from '../room-server/fork-child';
import { RESTART_POLICY } from '../room-server/restart-policy';
import { RoomServerSupervisor } from '../room-server/supervisor';
import { decideEnrollment, decidePin, parseDeskConfig, parseServerAddress, refusalText, type DeskConfig } from './enrollment';
import { DESK_MESSAGES, deskLocale, deskText } from './messages';
import { redeemEnrollment, remoteCore } from './remote-core';

/** A TCP relay in front of the server: the desk's network cable, which the test pulls and plugs back. */
async function cable(targetPort: number) {
  const sockets = new Set<Socket>();
  let cut = false;
  const server = createServer((client) => {
    if (cut) return void client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => to.destroy());
      sockets.add(from);
      from.on('close', () => sockets.delete(from));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    cut() {
      cut = true;
      for (const s of sockets) s.destroy();
    },
    restore() {
      cut = false;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const PIN = Buffer.alloc(32, 7).toString('base64');
const OTHER_PIN = Buffer.alloc(32, 9).toString('base64');
const CODE = '7K3M-Q9TX-2HPC';
const grant = (pin: string, proofPin = pin): EnrollmentGrant => ({
  enrollmentId: '0190a0b0-0000-7000-8000-000000000001',
  townshipName: '清溪镇',
  spkiPin: pin,
  fingerprint: 'AA:BB',
  proof: enrollmentProof('7K3MQ9TX2HPC', proofPin),
});

describe('the desk client’s decisions', () => {
  it('takes a server address as people type it, HTTPS only', () => {
    expect(parseServerAddress('192.168.1.20')).toEqual({ ok: true, url: 'https://192.168.1.20:5180' });
    expect(parseServerAddress(' 192.168.1.20:8443 ')).toEqual({ ok: true, url: 'https://192.168.1.20:8443' });
    expect(parseServerAddress('https://room-server.local/')).toEqual({ ok: true, url: 'https://room-server.local:5180' });
    expect(parseServerAddress('[fe80::1]:5180')).toEqual({ ok: true, url: 'https://[fe80::1]:5180' });
    expect(parseServerAddress('')).toEqual({ ok: false, reason: 'addressEmpty' });
    expect(parseServerAddress('http://192.168.1.20:5180')).toEqual({ ok: false, reason: 'addressPlain' });
    expect(parseServerAddress('ftp://x')).toEqual({ ok: false, reason: 'addressInvalid' });
    expect(parseServerAddress('https://192.168.1.20/admin')).toEqual({ ok: false, reason: 'addressInvalid' });
    expect(parseServerAddress('bad host!')).toEqual({ ok: false, reason: 'addressInvalid' });
  });

  it('keeps an enrollment only when the proof binds the pin it saw to the code', () => {
    const base = { serverUrl: 'https://192.168.1.20:5180', code: CODE.toLowerCase(), deskName: 'DESK-2', now: 5 };
    const accepted = decideEnrollment({ ...base, observedPin: PIN, grant: grant(PIN) });
    expect(accepted).toEqual({
      accept: true,
      config: {
        version: 1,
        serverUrl: 'https://192.168.1.20:5180',
        spkiPin: PIN,
        fingerprint: 'AA:BB',
        townshipName: '清溪镇',
        deskName: 'DESK-2',
        enrollmentId: grant(PIN).enrollmentId,
        enrolledAt: 5,
      },
    });
    // A man in the middle: his key on the wire, the real server's proof relayed.
    expect(decideEnrollment({ ...base, observedPin: OTHER_PIN, grant: grant(PIN) })).toEqual({
      accept: false,
      reason: 'proofMismatch',
    });
    // … or claiming his own pin without the code to prove it.
    expect(decideEnrollment({ ...base, observedPin: OTHER_PIN, grant: { ...grant(PIN), spkiPin: OTHER_PIN } })).toEqual({
      accept: false,
      reason: 'proofMismatch',
    });
    expect(decideEnrollment({ ...base, code: 'short', observedPin: PIN, grant: grant(PIN) })).toEqual({
      accept: false,
      reason: 'codeInvalid',
    });
  });

  it('trusts a server only with the pinned key, and says in Chinese what happened and what to do', () => {
    expect(decidePin({ spkiPin: PIN }, PIN)).toEqual({ trust: true });
    const changed = decidePin({ spkiPin: PIN }, OTHER_PIN);
    expect(changed).toEqual({ trust: false, expected: PIN, observed: OTHER_PIN });
    expect(decidePin({ spkiPin: PIN }, null)).toMatchObject({ trust: false });
    if (changed.trust) throw new Error('unreachable');
    const zh = refusalText('zh-CN', changed);
    expect(zh.title).toBe('指挥室服务器的证书已变化');
    expect(zh.message).toContain('已拒绝连接');
    expect(zh.message).toContain(PIN);
    expect(zh.message).toContain(OTHER_PIN);
    expect(zh.message).toContain('新的接入码');
    expect(zh.message).toContain('--enroll=');
    expect(refusalText('en-US', changed).message).toContain('new enrollment code');
    expect(deskLocale('zh-CN')).toBe('zh-CN');
    expect(deskLocale('zh-TW')).toBe('zh-CN');
    expect(deskLocale('en-GB')).toBe('en-US');
    expect(deskText('zh-CN', 'addressInvalid', { address: 'x!' })).toContain('“x!”');
  });

  it('has the same message keys and placeholders in zh-CN and en-US', () => {
    const zh = DESK_MESSAGES['zh-CN'];
    const en = DESK_MESSAGES['en-US'];
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(en[key]), key).toEqual(names(zh[key]));
    }
  });

  it('reads back only a well-formed desk.json', () => {
    const config: DeskConfig = {
      version: 1,
      serverUrl: 'https://192.168.1.20:5180',
      spkiPin: PIN,
      fingerprint: 'AA',
      townshipName: 't',
      deskName: 'd',
      enrollmentId: 'e',
      enrolledAt: 1,
    };
    expect(parseDeskConfig(JSON.stringify(config))).toEqual(config);
    expect(parseDeskConfig('{')).toBeNull();
    expect(parseDeskConfig(JSON.stringify({ ...config, serverUrl: 'http://x' }))).toBeNull();
    expect(parseDeskConfig(JSON.stringify({ ...config, spkiPin: 'short' }))).toBeNull();
  });
});

describe('a desk and a room server over WSS (the server in its own process, HTTPS on loopback)', () => {
  const ENTRY = fileURLToPath(new URL('../../webhost/room-server-process.ts', import.meta.url));
  let dir: ReturnType<typeof tempDir>;
  let supervisor: RoomServerSupervisor;
  let url: string;
  let serverPin: string;
  beforeAll(async () => {
    dir = tempDir();
    supervisor = new RoomServerSupervisor({
      spawn: () => forkRoomServer(ENTRY, ['--import', 'tsx']),
      start: {
        dataDir: join(dir.path, 'data'),
        host: '127.0.0.1',
        port: 0,
        seedDemo: true,
        demoEvents: 0,
        pdf: false,
        tls: 'on',
      },
      policy: RESTART_POLICY,
      log: () => {},
    });
    const ready = await supervisor.start();
    if (ready.type !== 'ready') throw new Error(ready.message);
    url = ready.url;
    serverPin = ready.spkiPin!;
  }, 120_000);
  afterAll(async () => {
    await supervisor.stop();
    dir.remove();
  });

  it('enrolls with a code from the admin, pins the key, works, and refuses a server whose key changed', async () => {
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    // The administrator's desk (pinned by hand here) makes a code.
    const admin = remoteCore({ serverUrl: url, spkiPin: serverPin }).connect(() => {});
    expect((await admin.call('auth.login', { username: 'admin', password: DEMO_PASSWORD })).ok).toBe(true);
    const made = await admin.call('server.createEnrollment', { label: '2 号值班台' });
    if (!made.ok) throw new Error(made.error.message);
    const code = (made.value as { code: string }).code;

    // The new desk redeems it and decides to keep the pin it saw.
    const { observedPin, result } = await redeemEnrollment(url, code, 'DESK-2');
    expect(observedPin).toBe(serverPin);
    if (!result.ok) throw new Error(result.error.message);
    const decision = decideEnrollment({
      serverUrl: url,
      code,
      deskName: 'DESK-2',
      observedPin: observedPin!,
      grant: result.value,
      now: 1,
    });
    if (!decision.accept) throw new Error(decision.reason);
    expect(decision.config.spkiPin).toBe(serverPin);
    // Spent: a second desk with the same code is refused.
    const again = await redeemEnrollment(url, code, 'DESK-3');
    expect(again.result.ok ? null : again.result.error.code).toBe('ENROLLMENT_INVALID');

    // The enrolled desk works through the pinned link, pushes included.
    const pushes: string[] = [];
    const desk = remoteCore(decision.config).connect((p) => pushes.push(p.topic));
    expect((await desk.call('auth.login', { username: 'operator', password: DEMO_PASSWORD })).ok).toBe(true);
    expect(desk.signedIn).toBe(true);
    const queue = await desk.call('events.queue', {});
    expect(queue.ok).toBe(true);

    // A server with another key (a new certificate, or an impostor): refused before any frame goes out.
    const refusals: string[] = [];
    const fooled = remoteCore(
      { serverUrl: url, spkiPin: Buffer.alloc(32, 1).toString('base64') },
      { onRefused: (d) => refusals.push(d.observed), callWaitMs: 5000 },
    ).connect(() => {});
    const refused = await fooled.call('auth.login', { username: 'operator', password: DEMO_PASSWORD });
    expect(refused.ok ? null : (refused.error.code as string)).toBe('CONNECTION_LOST');
    expect(refused.ok ? '' : refused.error.message).toMatch(/certificate/);
    expect(refusals).toEqual([serverPin]);
    for (const c of [admin, desk, fooled]) c.close();
  }, 120_000);

  it('when the link drops: calls are refused clearly, and on reconnect the session is resumed', async () => {
    const wire = await cable(Number(new URL(url).port));
    try {
      const links: boolean[] = [];
      const desk = remoteCore(
        { serverUrl: `https://127.0.0.1:${wire.port}`, spkiPin: serverPin },
        { callWaitMs: 1500, reconnectMs: { first: 100, max: 300 }, onLink: (up) => links.push(up) },
      ).connect(() => {});
      expect((await desk.call('auth.login', { username: 'operator', password: DEMO_PASSWORD })).ok).toBe(true);
      wire.cut();
      // A call caught by the cut is answered, not lost …
      const caught = await desk.call('events.queue', {});
      expect(caught.ok ? null : (caught.error.code as string)).toBe('CONNECTION_LOST');
      // … and once the link is known to be down, calls are not sent at all.
      while (links.at(-1) !== false) await new Promise((r) => setTimeout(r, 20));
      const refused = await desk.call('events.queue', {});
      expect(refused.ok ? null : (refused.error.code as string)).toBe('CONNECTION_LOST');
      expect(refused.ok ? '' : refused.error.message).toMatch(/not sent/);
      wire.restore();
      const me = await desk.call('auth.me', {});
      expect(me).toMatchObject({ ok: true, value: { username: 'operator' } });
      expect(links).toEqual([true, false, true]);
      desk.close();
    } finally {
      wire.cut();
      await wire.close();
    }
  }, 60_000);
});
