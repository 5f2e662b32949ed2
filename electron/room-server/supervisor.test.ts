import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../core/testing/core';
import { DEMO_PASSWORD } from '../../core/demo/demo-township';
import type { ToRoomServer } from '../../common/room-server-protocol';
import { parseFromRoomServer, parseToRoomServer } from '../../common/room-server-protocol';
import { forkRoomServer } from './fork-child';
import { decideRestart, RESTART_POLICY, windowTitle, type RoomServerState } from './restart-policy';
import { RoomServerSupervisor, type ChildLike } from './supervisor';

const ENTRY = fileURLToPath(new URL('../../webhost/room-server-process.ts', import.meta.url));

describe('restarting the room server', () => {
  it('waits longer after each crash in a row, and gives up after five within five minutes', () => {
    const t0 = 1_000_000;
    expect(decideRestart([t0], t0)).toEqual({ restart: true, attempt: 1, delayMs: 1000 });
    expect(decideRestart([t0, t0 + 1], t0 + 1)).toEqual({ restart: true, attempt: 2, delayMs: 2000 });
    expect(decideRestart([t0, t0 + 1, t0 + 2, t0 + 3], t0 + 3)).toEqual({ restart: true, attempt: 4, delayMs: 8000 });
    expect(decideRestart([t0, t0 + 1, t0 + 2, t0 + 3, t0 + 4], t0 + 4)).toEqual({ restart: false, crashes: 5 });
    // Crashes older than the window are forgiven: a server that ran for an hour starts again at 1 s.
    const later = t0 + RESTART_POLICY.windowMs + 10;
    expect(decideRestart([t0, t0 + 1, t0 + 2, t0 + 3, later], later)).toEqual({ restart: true, attempt: 1, delayMs: 1000 });
    expect(decideRestart([1, 2, 3, 4], 5, { ...RESTART_POLICY, firstDelayMs: 20_000, maxCrashes: 9 }).restart && 'capped').toBe(
      'capped',
    );
    expect(decideRestart([1, 2, 3, 4], 5, { ...RESTART_POLICY, firstDelayMs: 20_000, maxCrashes: 9 })).toMatchObject({
      delayMs: RESTART_POLICY.maxDelayMs,
    });
  });

  it('shows its state in the window title', () => {
    const base = '乡镇综合信息指挥室';
    const states: [RoomServerState, string][] = [
      [{ kind: 'running', url: 'https://x' }, base],
      [{ kind: 'starting' }, `${base} — 服务启动中…`],
      [
        { kind: 'restarting', attempt: 2, delayMs: 2000, reason: 'exit code 1' },
        `${base} — 服务意外停止，2 秒后第 2 次重新启动…`,
      ],
      [{ kind: 'failed', reason: 'x' }, `${base} — 服务已停止（多次重启失败）`],
    ];
    for (const [state, title] of states) expect(windowTitle(base, state)).toBe(title);
  });

  it('checks every message between the window and the server, both ways', () => {
    expect(parseToRoomServer({ type: 'call', connection: 1, id: 2, method: 'auth.me', input: {} })).not.toBeNull();
    expect(parseToRoomServer({ type: 'call', connection: -1, id: 2, method: 'auth.me', input: {} })).toBeNull();
    expect(parseToRoomServer({ type: 'start', options: { dataDir: '', host: 'x', port: 1, seedDemo: false } })).toBeNull();
    expect(parseToRoomServer({ type: 'eval', code: 'process.exit()' })).toBeNull();
    expect(parseFromRoomServer({ type: 'reply', connection: 1, id: 2, result: { ok: true, value: 3 } })).not.toBeNull();
    expect(parseFromRoomServer({ type: 'reply', connection: 1, id: 2, result: { ok: 'yes' } })).toBeNull();
  });

  it('stops trying after a crash loop and says why, instead of spinning', async () => {
    let spawned = 0;
    const crashing = (): ChildLike => {
      spawned += 1;
      let exit: ((code: number | null) => void) | null = null;
      return {
        post: (message: ToRoomServer) => {
          if (message.type === 'start') setTimeout(() => exit?.(3), 1);
        },
        onMessage: () => {},
        onExit: (listener) => {
          exit = listener;
        },
        kill: () => {},
      };
    };
    const supervisor = new RoomServerSupervisor({
      spawn: crashing,
      start: { dataDir: '/nowhere', host: '127.0.0.1', port: 0, seedDemo: false },
      policy: { ...RESTART_POLICY, firstDelayMs: 5, maxDelayMs: 20 },
      log: () => {},
    });
    const seen: string[] = [];
    supervisor.onState((s) => seen.push(s.kind));
    const connection = supervisor.connect(() => {});
    void supervisor.start();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(spawned).toBe(RESTART_POLICY.maxCrashes);
    expect(supervisor.state).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/5 crashes/) });
    expect(seen.filter((k) => k === 'restarting')).toHaveLength(RESTART_POLICY.maxCrashes - 1);
    const refused = await connection.call('auth.me', {});
    expect(refused.ok ? null : refused.error.code).toBe('CONNECTION_LOST');
  });
});

describe('the room server in its own process (a Node fork of the utility-process entry)', () => {
  let dir: ReturnType<typeof tempDir> | null = null;
  let supervisor: RoomServerSupervisor | null = null;
  afterEach(async () => {
    await supervisor?.stop();
    dir?.remove();
  });

  it('serves the window, is restarted after it is killed, and the window stays signed in', async () => {
    dir = tempDir();
    const children: ReturnType<typeof forkRoomServer>[] = [];
    supervisor = new RoomServerSupervisor({
      spawn: () => {
        const child = forkRoomServer(ENTRY, ['--import', 'tsx']);
        children.push(child);
        return child;
      },
      start: { dataDir: join(dir.path, 'data'), host: '127.0.0.1', port: 0, seedDemo: true, demoEvents: 0, pdf: false },
      policy: { ...RESTART_POLICY, firstDelayMs: 50 },
      callWaitMs: 60_000,
      log: () => {},
    });
    const ready = await supervisor.start();
    expect(ready).toMatchObject({ type: 'ready', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    const pushes: string[] = [];
    const window = supervisor.connect((push) => pushes.push(push.topic));
    const login = await window.call('auth.login', { username: 'operator', password: DEMO_PASSWORD });
    expect(login.ok).toBe(true);
    expect(window.signedIn).toBe(true);

    const states: string[] = [];
    supervisor.onState((s) => states.push(s.kind));
    const inFlight = window.call('events.queue', {});
    process.kill(children[0]!.pid!, 'SIGKILL');
    // A call caught by the crash is answered, not lost: its outcome is unknown to the window.
    const caught = await inFlight;
    expect(caught.ok || (caught.error.code as string) === 'CONNECTION_LOST').toBe(true);
    await new Promise<void>((resolve) => {
      const off = supervisor!.onState((s) => s.kind === 'restarting' && (off(), resolve()));
      if (supervisor!.state.kind !== 'running') resolve();
    });
    // The window's next call waits for the new process, which resumes the session first.
    // Two calls at once: the second waits for the resume the first started, so both meet the signed-in session.
    const [me, page] = await Promise.all([window.call('auth.me', {}), window.call('events.queue', {})]);
    expect(me).toMatchObject({ ok: true, value: { username: 'operator' } });
    expect(page.ok ? 'ok' : page.error.code).toBe('ok');
    expect(states.slice(-3)).toEqual(['restarting', 'starting', 'running']);
    expect(children).toHaveLength(2);
    const queue = await window.call('events.queue', {});
    expect(queue.ok ? 'ok' : queue.error.code).toBe('ok');
  }, 120_000);
});
