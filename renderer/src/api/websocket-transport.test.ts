import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RawPush } from './transport';
import { WebSocketTransport, type SocketLike } from './websocket-transport';

/** A WebSocket double the test drives by hand: open it, close it, answer its frames. */
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
  drop(code?: number): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code } as CloseEvent);
  }
  receive(frame: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(frame) }));
  }
  reply(id: number, result: unknown): void {
    this.receive({ kind: 'reply', id, result });
  }
}

describe('WebSocketTransport', () => {
  let sockets: FakeSocket[];
  let transport: WebSocketTransport;
  const latest = () => sockets[sockets.length - 1]!;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    transport = new WebSocketTransport('ws://host/ws', {
      createSocket: () => {
        const socket = new FakeSocket();
        sockets.push(socket);
        return socket;
      },
      waitForConnectionMs: 1_000,
      replyTimeoutMs: 5_000,
      backoffInitialMs: 100,
      backoffMaxMs: 1_000,
    });
  });

  afterEach(() => {
    transport.dispose();
    vi.useRealTimers();
  });

  it('matches replies to calls by id, whatever the order', async () => {
    latest().open();
    const first = transport.call('auth.me', {});
    const second = transport.call('org.directory', {});
    const [a, b] = latest().sent;
    expect(a).toMatchObject({ method: 'auth.me', input: {} });
    latest().reply(b!.id, { ok: true, value: 'directory' });
    latest().reply(a!.id, { ok: true, value: null });
    await expect(first).resolves.toEqual({ ok: true, value: null });
    await expect(second).resolves.toEqual({ ok: true, value: 'directory' });
  });

  it('holds calls made before the link is up and sends them once it opens', async () => {
    const pending = transport.call('auth.me', {});
    expect(latest().sent).toHaveLength(0);
    latest().open();
    expect(latest().sent).toHaveLength(1);
    latest().reply(latest().sent[0]!.id, { ok: true, value: null });
    await expect(pending).resolves.toEqual({ ok: true, value: null });
  });

  it('gives up with CONNECTION_LOST when the link does not come in time', async () => {
    const pending = transport.call('auth.me', {});
    vi.advanceTimersByTime(1_000);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'CONNECTION_LOST' } });
  });

  it('fails calls in flight when the socket drops, then reconnects and reports it', async () => {
    const changes: unknown[] = [];
    transport.onConnectionChange((change) => changes.push(change));
    latest().open();
    const inFlight = transport.call('users.list', {});
    latest().drop();
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'CONNECTION_LOST' } });
    expect(transport.state).toBe('reconnecting');

    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    latest().open();
    expect(transport.state).toBe('open');
    expect(changes).toEqual([
      { state: 'open', reconnected: false },
      { state: 'reconnecting', reconnected: false },
      { state: 'open', reconnected: true },
    ]);
  });

  it('backs off exponentially up to the cap while the host stays down', () => {
    latest().drop(); // never opened: attempt 1 scheduled within 100 ms
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    latest().drop(); // next within 200 ms, not sooner than half of it
    vi.advanceTimersByTime(99);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(101);
    expect(sockets).toHaveLength(3);
    for (let i = 0; i < 6; i += 1) {
      latest().drop();
      vi.advanceTimersByTime(1_000); // capped
    }
    expect(sockets).toHaveLength(9);
  });

  it('delivers pushes and ignores garbage frames', () => {
    const pushes: RawPush[] = [];
    transport.onPush((push) => pushes.push(push));
    latest().open();
    latest().receive({ kind: 'push', topic: 'org.changed', payload: { entity: 'grid' } });
    latest().onmessage?.(new MessageEvent('message', { data: 'not json' }));
    latest().receive({ kind: 'reply', id: 999, result: { ok: true, value: 1 } });
    expect(pushes).toEqual([{ topic: 'org.changed', payload: { entity: 'grid' } }]);
  });

  it('times out a call whose reply never comes', async () => {
    latest().open();
    const pending = transport.call('audit.list', {});
    vi.advanceTimersByTime(5_000);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'CONNECTION_LOST' } });
  });

  it('stays quiet after the server closed a signed-out idle socket, and reconnects on the next call', async () => {
    const states: string[] = [];
    transport.onConnectionChange((change) => states.push(change.state));
    latest().open();
    latest().drop(4401);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sockets).toHaveLength(1);
    expect(transport.state).toBe('open');
    expect(states).toEqual(['open']);

    const reply = transport.call('auth.login', { username: 'a', password: 'b' });
    expect(sockets).toHaveLength(2);
    latest().open();
    expect(latest().sent.map((frame) => frame.method)).toEqual(['auth.login']);
    latest().reply(latest().sent[0]!.id, { ok: true, value: 1 });
    expect(await reply).toEqual({ ok: true, value: 1 });
  });
});
