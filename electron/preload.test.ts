import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_PUSH_CHANNEL, type CommandRoomBridge } from '../common/wire';

type Listener = (event: unknown, message: unknown) => void;

const fake = vi.hoisted(() => ({
  exposed: [] as [string, unknown][],
  invoke: [] as unknown[][],
  listeners: new Map<string, Set<Listener>>(),
  invokeResult: null as null | (() => Promise<unknown>),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => fake.exposed.push([key, api]),
  },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      fake.invoke.push(args);
      return fake.invokeResult ? fake.invokeResult() : Promise.resolve({ ok: true, value: 'reply' });
    },
    on: (channel: string, listener: Listener) => {
      const set = fake.listeners.get(channel) ?? new Set<Listener>();
      set.add(listener);
      fake.listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: Listener) => fake.listeners.get(channel)?.delete(listener),
  },
}));

let bridge: CommandRoomBridge;

beforeAll(async () => {
  await import('./preload');
  bridge = fake.exposed[0]![1] as CommandRoomBridge;
});

function emitPush(message: unknown): void {
  for (const listener of fake.listeners.get(IPC_PUSH_CHANNEL) ?? []) listener({ sender: 'ipcRenderer internals' }, message);
}

describe('preload', () => {
  it('exposes exactly one object with exactly call and onPush', () => {
    expect(fake.exposed).toHaveLength(1);
    expect(fake.exposed[0]![0]).toBe('commandRoom');
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onPush']);
    for (const value of Object.values(bridge)) expect(value).toBeTypeOf('function');
  });

  it('call invokes the one contract channel with method and input', async () => {
    await expect(bridge.call('auth.me', {})).resolves.toEqual({ ok: true, value: 'reply' });
    expect(fake.invoke.at(-1)).toEqual([IPC_CALL_CHANNEL, 'auth.me', {}]);
  });

  it.each([[42], [null], [undefined], [''], ['x'.repeat(201)], [{ toString: () => 'auth.me' }]])(
    'call refuses method %j without sending anything',
    async (method) => {
      const before = fake.invoke.length;
      const result = await bridge.call(method as string, {});
      expect(result.ok ? null : result.error.code).toBe('BAD_INPUT');
      expect(fake.invoke.length).toBe(before);
    },
  );

  it('call turns an undeliverable request into a result, never a rejection', async () => {
    fake.invokeResult = () => Promise.reject(new Error('An object could not be cloned.'));
    const unclonable = await bridge.call('auth.me', { f: () => 1 });
    fake.invokeResult = () => Promise.reject(new Error("No handler registered for 'contract:call'"));
    const nohandler = await bridge.call('auth.me', {});
    fake.invokeResult = null;
    expect(unclonable.ok ? null : unclonable.error.code).toBe('BAD_INPUT');
    expect(nohandler.ok ? null : nohandler.error.code).toBe('INTERNAL');
  });

  it('onPush hands over the message only (no event object) and unsubscribes once', () => {
    const received: unknown[][] = [];
    const unsubscribe = bridge.onPush((...args: unknown[]) => received.push(args));
    const message = { topic: 'org.changed', payload: { entity: 'grid' } };
    emitPush(message);
    expect(received).toEqual([[message]]);
    unsubscribe();
    unsubscribe();
    emitPush(message);
    expect(received).toHaveLength(1);
    expect(fake.listeners.get(IPC_PUSH_CHANNEL)?.size ?? 0).toBe(0);
  });

  it('onPush refuses a non-function listener', () => {
    expect(() => bridge.onPush('nope' as unknown as () => void)).toThrow(TypeError);
  });
});
