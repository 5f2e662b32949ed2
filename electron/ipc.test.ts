import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../common/errors';
import type { PushMessage } from '../common/topics';
import { IPC_CALL_CHANNEL, IPC_PUSH_CHANNEL } from '../common/wire';
import type { Connection } from '../core/app';
import { DEMO_PASSWORD } from '../core/demo/demo-township';
import { startTestCore, type TestCore } from '../core/testing/core';
import {
  bindContractIpc,
  type ConnectionFactory,
  type ContentsLike,
  type FrameLike,
  type InvokeEventLike,
  type IpcMainLike,
} from './ipc';
import { APP_ENTRY_URL } from './window';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(event: InvokeEventLike, method: unknown, input?: unknown): Promise<Result<unknown>> {
    const handler = this.handlers.get(IPC_CALL_CHANNEL);
    if (!handler) throw new Error('No handler registered');
    return handler(event, method, input) as Promise<Result<unknown>>;
  }
}

let nextId = 1;
class FakeContents extends EventEmitter implements ContentsLike {
  readonly id = nextId++;
  readonly mainFrame: FrameLike;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  destroyed = false;
  constructor(url = APP_ENTRY_URL) {
    super();
    this.mainFrame = { url, processId: 7, routingId: this.id, parent: null };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
  /** An invoke event from this window's main frame. */
  fromMain(): InvokeEventLike {
    return { sender: this, senderFrame: this.mainFrame };
  }
  /** An invoke event from a subframe of this window (same process, another routing id). */
  fromSubframe(url = APP_ENTRY_URL): InvokeEventLike {
    return { sender: this, senderFrame: { url, processId: 7, routingId: 1000 + this.id, parent: this.mainFrame } };
  }
}

interface FakeConnection extends Connection {
  calls: { method: string; input: unknown }[];
  closed: boolean;
  push(message: PushMessage): void;
}

class FakeCore implements ConnectionFactory {
  readonly connections: FakeConnection[] = [];
  failWith: Error | null = null;
  connect(push: (message: PushMessage) => void): Connection {
    const connection: FakeConnection = {
      calls: [],
      closed: false,
      signedIn: false,
      push,
      call: async (method, input) => {
        connection.calls.push({ method, input });
        if (this.failWith) throw this.failWith;
        return { ok: true, value: { echo: method, connection: this.connections.indexOf(connection) } };
      },
      close: () => {
        connection.closed = true;
      },
    };
    this.connections.push(connection);
    return connection;
  }
}

function setup() {
  const ipcMain = new FakeIpcMain();
  const core = new FakeCore();
  const logs: string[] = [];
  const ipc = bindContractIpc(ipcMain, core, { log: (message) => logs.push(message) });
  return { ipcMain, core, ipc, logs };
}

function codeOf(result: Result<unknown>): string | null {
  return result.ok ? null : result.error.code;
}

describe('bindContractIpc', () => {
  it('registers one handler for the whole contract and removes it on dispose', () => {
    const { ipcMain, ipc } = setup();
    expect([...ipcMain.handlers.keys()]).toEqual([IPC_CALL_CHANNEL]);
    ipc.dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('forwards a call from an attached main frame to that window’s connection', async () => {
    const { ipcMain, core, ipc } = setup();
    const win = new FakeContents();
    ipc.attach(win);
    const result = await ipcMain.invoke(win.fromMain(), 'auth.me', {});
    expect(result).toEqual({ ok: true, value: { echo: 'auth.me', connection: 0 } });
    expect(core.connections).toHaveLength(1);
    expect(core.connections[0]!.calls).toEqual([{ method: 'auth.me', input: {} }]);
  });

  describe('refuses untrusted senders with FORBIDDEN, before the core sees anything', () => {
    const cases: [string, (win: FakeContents) => InvokeEventLike, boolean][] = [
      ['a subframe of our own origin', (win) => win.fromSubframe(), true],
      ['a subframe of another origin', (win) => win.fromSubframe('https://evil.example/'), true],
      [
        'a main frame showing another origin',
        (win) => ({ sender: win, senderFrame: { ...win.mainFrame, url: 'https://evil.example/' } }),
        true,
      ],
      [
        'a main frame showing a file URL',
        (win) => ({ sender: win, senderFrame: { ...win.mainFrame, url: 'file:///tmp/index.html' } }),
        true,
      ],
      [
        'a lookalike origin',
        (win) => ({ sender: win, senderFrame: { ...win.mainFrame, url: 'app://command-room.evil/index.html' } }),
        true,
      ],
      ['a frame that is gone (senderFrame null)', (win) => ({ sender: win, senderFrame: null }), true],
      [
        'a top-level frame that is not this window’s main frame',
        (win) => ({ sender: win, senderFrame: { ...win.mainFrame, routingId: 999 } }),
        true,
      ],
      ['a window never attached', () => new FakeContents().fromMain(), true],
      [
        'an impostor reusing an attached window’s id',
        (win) => {
          const impostor = new FakeContents();
          Object.defineProperty(impostor, 'id', { value: win.id });
          return impostor.fromMain();
        },
        true,
      ],
    ];
    it.each(cases)('%s', async (_label, eventOf) => {
      const { ipcMain, core, ipc } = setup();
      const win = new FakeContents();
      ipc.attach(win);
      const result = await ipcMain.invoke(eventOf(win), 'auth.me', {});
      expect(codeOf(result)).toBe('FORBIDDEN');
      expect(core.connections).toHaveLength(0);
    });

    it('a destroyed window', async () => {
      const { ipcMain, core, ipc } = setup();
      const win = new FakeContents();
      ipc.attach(win);
      win.destroyed = true;
      expect(codeOf(await ipcMain.invoke(win.fromMain(), 'auth.me', {}))).toBe('FORBIDDEN');
      expect(core.connections).toHaveLength(0);
    });
  });

  it.each([
    ['no.such.method'],
    ['__proto__'],
    ['constructor'],
    ['toString'],
    [''],
    [42],
    [null],
    [undefined],
    [{ method: 'auth.me' }],
  ])('refuses unknown method %j with UNKNOWN_METHOD', async (method) => {
    const { ipcMain, core, ipc } = setup();
    const win = new FakeContents();
    ipc.attach(win);
    expect(codeOf(await ipcMain.invoke(win.fromMain(), method, {}))).toBe('UNKNOWN_METHOD');
    expect(core.connections.flatMap((c) => c.calls)).toEqual([]);
  });

  it('turns a throwing core into INTERNAL instead of a rejected invoke', async () => {
    const { ipcMain, core, ipc, logs } = setup();
    const win = new FakeContents();
    ipc.attach(win);
    core.failWith = new Error('boom');
    const result = await ipcMain.invoke(win.fromMain(), 'auth.me', {});
    expect(codeOf(result)).toBe('INTERNAL');
    expect(result.ok ? '' : result.error.message).not.toContain('boom');
    expect(logs.some((line) => line.includes('auth.me'))).toBe(true);
  });

  it('gives each window its own connection and pushes only to that window', async () => {
    const { ipcMain, core, ipc } = setup();
    const a = new FakeContents();
    const b = new FakeContents();
    ipc.attach(a);
    ipc.attach(b);
    await ipcMain.invoke(a.fromMain(), 'auth.me', {});
    await ipcMain.invoke(a.fromMain(), 'auth.me', {});
    await ipcMain.invoke(b.fromMain(), 'auth.me', {});
    expect(core.connections).toHaveLength(2);
    expect(core.connections[0]!.calls).toHaveLength(2);

    const message: PushMessage = { topic: 'org.changed', payload: { entity: 'village' } };
    core.connections[1]!.push(message);
    expect(a.sent).toEqual([]);
    expect(b.sent).toEqual([{ channel: IPC_PUSH_CHANNEL, args: [message] }]);

    b.destroyed = true;
    core.connections[1]!.push(message);
    expect(b.sent).toHaveLength(1);
  });

  it('closes the connection when the window is destroyed, and forgets the window', async () => {
    const { ipcMain, core, ipc } = setup();
    const win = new FakeContents();
    ipc.attach(win);
    await ipcMain.invoke(win.fromMain(), 'auth.me', {});
    win.destroy();
    expect(core.connections[0]!.closed).toBe(true);
    win.destroyed = false; // even if the object were revived, it is no longer trusted
    expect(codeOf(await ipcMain.invoke(win.fromMain(), 'auth.me', {}))).toBe('FORBIDDEN');
  });

  it('starts a fresh connection (session) after the page is reloaded', async () => {
    const { ipcMain, core, ipc } = setup();
    const win = new FakeContents();
    ipc.attach(win);
    await ipcMain.invoke(win.fromMain(), 'auth.me', {});
    win.emit('did-navigate');
    expect(core.connections[0]!.closed).toBe(true);
    const result = await ipcMain.invoke(win.fromMain(), 'auth.me', {});
    expect(result).toEqual({ ok: true, value: { echo: 'auth.me', connection: 1 } });
  });

  it('closes every connection on dispose and then trusts nobody', async () => {
    const { ipcMain, core, ipc } = setup();
    const win = new FakeContents();
    ipc.attach(win);
    await ipcMain.invoke(win.fromMain(), 'auth.me', {});
    const handler = ipcMain.handlers.get(IPC_CALL_CHANNEL)!;
    ipc.dispose();
    expect(core.connections[0]!.closed).toBe(true);
    expect(codeOf((await handler(win.fromMain(), 'auth.me', {})) as Result<unknown>)).toBe('FORBIDDEN');
  });
});

describe('bindContractIpc with the real core', () => {
  let core: TestCore | null = null;
  afterEach(() => {
    core?.stop();
    core = null;
  });

  it('signs in through IPC; the session belongs to the window and ends on reload', async () => {
    core = startTestCore();
    const ipcMain = new FakeIpcMain();
    const ipc = bindContractIpc(ipcMain, core.app, { log: () => {} });
    const win = new FakeContents();
    const other = new FakeContents();
    ipc.attach(win);
    ipc.attach(other);

    const login = await ipcMain.invoke(win.fromMain(), 'auth.login', { username: 'director', password: DEMO_PASSWORD });
    expect(codeOf(login)).toBeNull();
    const me = await ipcMain.invoke(win.fromMain(), 'auth.me', {});
    expect(me.ok && (me.value as { username: string } | null)?.username).toBe('director');

    // Another window has its own (empty) session; a subframe gets nothing at all.
    expect(await ipcMain.invoke(other.fromMain(), 'auth.me', {})).toEqual({ ok: true, value: null });
    expect(codeOf(await ipcMain.invoke(win.fromSubframe(), 'auth.me', {}))).toBe('FORBIDDEN');

    // Input is validated by the core behind the binding.
    expect(codeOf(await ipcMain.invoke(win.fromMain(), 'auth.login', { username: 'director' }))).toBe('BAD_INPUT');

    win.emit('did-navigate');
    expect(await ipcMain.invoke(win.fromMain(), 'auth.me', {})).toEqual({ ok: true, value: null });
    ipc.dispose();
  });
});
