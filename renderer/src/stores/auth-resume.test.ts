import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocketTransport, type SocketLike } from '@/api/websocket-transport';

/** A WebSocket double driven by hand, as in websocket-transport.test.ts. */
class FakeSocket implements SocketLike {
  readyState = 0;
  sent: { id: number; method: string; input: unknown }[] = [];
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  onmessage: SocketLike['onmessage'] = null;
  send(data: string): void {
    this.sent.push(JSON.parse(data) as { id: number; method: string; input: unknown });
  }
  close(): void {
    this.drop();
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  drop(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({} as CloseEvent);
  }
  reply(id: number, result: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify({ kind: 'reply', id, result }) }));
  }
}

const fake = vi.hoisted(() => ({ sockets: [] as unknown[], transport: null as unknown }));
vi.mock('@/api/transport', () => ({ getTransport: () => fake.transport }));
vi.mock('./reset', () => ({ resetSignedInData: () => {} }));

const storage = new Map<string, string>();
vi.stubGlobal('sessionStorage', {
  getItem: (key: string) => storage.get(key) ?? null,
  setItem: (key: string, value: string) => void storage.set(key, value),
  removeItem: (key: string) => void storage.delete(key),
});

fake.transport = new WebSocketTransport('ws://host/ws', {
  createSocket: () => {
    const socket = new FakeSocket();
    fake.sockets.push(socket);
    return socket;
  },
  backoffInitialMs: 100,
  backoffMaxMs: 100,
  waitForConnectionMs: 60_000,
});
const { call, onConnectionChange } = await import('@/api/client');
const { useAuthStore } = await import('./auth');

const latest = () => fake.sockets.at(-1) as FakeSocket;
const USER = {
  id: 'u1',
  username: 'viewer',
  displayName: '指挥大屏',
  role: 'viewer',
  unitId: null,
  unitName: null,
  mustChangePassword: false,
};
const flush = () => vi.advanceTimersByTimeAsync(0);

describe('the auth store resumes its session when the link comes back', () => {
  beforeEach(async () => {
    vi.useFakeTimers();
    setActivePinia(createPinia());
    storage.clear();
    if (latest().readyState !== 1) latest().open();
    const auth = useAuthStore();
    const login = auth.login('viewer', 'qingxi2026');
    const frame = latest().sent.at(-1)!;
    expect(frame.method).toBe('auth.login');
    latest().reply(frame.id, { ok: true, value: { ...USER, resumeToken: 'T'.repeat(43) } });
    expect(await login).toBeNull();
  });
  afterEach(() => vi.useRealTimers());

  it('keeps the token in sessionStorage only, not in the user', () => {
    expect(storage.get('commandRoom.resumeToken')).toBe('T'.repeat(43));
    expect(useAuthStore().user).toEqual(USER);
  });

  it('sends the resume first, and holds every other call until it has answered', async () => {
    const auth = useAuthStore();
    latest().drop();
    // A call made during the outage waits in the transport; one made when the link opens waits at the gate.
    const during = call('dashboard.summary', {});
    let onOpen: Promise<unknown> | null = null;
    const stop = onConnectionChange((change) => {
      if (change.state === 'open') onOpen = call('dashboard.map', {});
    });
    await vi.advanceTimersByTimeAsync(200);
    latest().open();
    await flush();
    expect(latest().sent.map((f) => f.method)).toEqual(['auth.resume', 'dashboard.summary']);
    expect(latest().sent[0]!.input).toEqual({ token: 'T'.repeat(43) });

    latest().reply(latest().sent[0]!.id, { ok: true, value: USER });
    await flush();
    expect(latest().sent.map((f) => f.method)).toEqual(['auth.resume', 'dashboard.summary', 'dashboard.map']);
    expect(auth.user).toEqual(USER);
    expect(auth.endReason).toBeNull();
    for (const frame of latest().sent.slice(1)) latest().reply(frame.id, { ok: true, value: null });
    await Promise.all([during, onOpen]);
    stop();
  });

  it('falls back to the login page and forgets the token when the resume is refused', async () => {
    const auth = useAuthStore();
    latest().drop();
    await vi.advanceTimersByTimeAsync(200);
    latest().open();
    await flush();
    latest().reply(latest().sent[0]!.id, { ok: false, error: { code: 'UNAUTHENTICATED', message: 'no' } });
    await flush();
    expect(auth.user).toBeNull();
    expect(auth.endReason).toBe('reconnected');
    expect(storage.has('commandRoom.resumeToken')).toBe(false);
  });

  it('forgets the token on logout', async () => {
    const auth = useAuthStore();
    const out = auth.logout();
    await flush();
    latest().reply(latest().sent.at(-1)!.id, { ok: true, value: null });
    await out;
    expect(storage.has('commandRoom.resumeToken')).toBe(false);
  });
});
