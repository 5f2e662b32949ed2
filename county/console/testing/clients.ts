import { io, type Socket } from 'socket.io-client';
import { NAMESPACE } from '../../../common/protocol';
import { CONSOLE_NAMESPACE } from '../mount';

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** A console connection as the browser makes it: calls with acknowledgement, a session token in the handshake. */
export class ConsoleClient {
  socket: Socket;
  token: string | null = null;
  constructor(readonly url: string) {
    this.socket = this.open();
  }
  private open(): Socket {
    return io(`${this.url}${CONSOLE_NAMESPACE}`, { auth: { token: this.token }, transports: ['websocket'], reconnection: false });
  }
  async call(method: string, input: unknown = {}): Promise<Reply> {
    return (await this.socket.timeout(20_000).emitWithAck('call', { method, input })) as Reply;
  }
  /** The value of a call that must succeed. */
  async value<T = Record<string, unknown>>(method: string, input: unknown = {}): Promise<T> {
    const reply = await this.call(method, input);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
    return reply.value as T;
  }
  async signIn(username: string, password: string): Promise<Reply> {
    const reply = await this.call('auth.signIn', { username, password });
    if (reply.ok) this.token = (reply.value as { token: string }).token;
    return reply;
  }
  close(): void {
    this.socket.disconnect();
  }
  /** Connects again with the session in the handshake, as a reloaded page does. */
  reconnect(): void {
    this.socket.disconnect();
    this.socket = this.open();
  }
}

/** A console signed in as `username` and connected again with its session, as a reloaded page is. */
export async function signedInConsole(url: string, username: string, password: string): Promise<ConsoleClient> {
  const c = new ConsoleClient(url);
  const reply = await c.signIn(username, password);
  if (!reply.ok) {
    c.close();
    throw new Error(`sign-in of ${username}: ${reply.error.code}`);
  }
  c.reconnect();
  return c;
}

/** A township speaking PROTOCOL.md, without the app: pushes crafted records, pulls what the county sent. */
export class TownshipClient {
  socket!: Socket;
  seq = 0;
  pokes = 0;
  constructor(
    readonly url: string,
    readonly townshipId: string,
    readonly token: string,
  ) {}
  connect(): Promise<void> {
    this.socket = io(`${this.url}${NAMESPACE}`, {
      auth: { protocol: 1, townshipId: this.townshipId, token: this.token },
      transports: ['websocket'],
      reconnection: false,
    });
    this.socket.on('poke', () => (this.pokes += 1));
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }
  async push(records: { entity: string; entityId: string; data?: Record<string, unknown>; op?: 'upsert' | 'delete' }[]) {
    const changes = records.map((r) => {
      this.seq += 1;
      return {
        seq: this.seq,
        id: `${this.townshipId}-c-${this.seq}`,
        op: r.op ?? 'upsert',
        at: '2026-11-30T08:00:00+08:00',
        ...r,
      };
    });
    return (await this.socket.timeout(20_000).emitWithAck('push', { changes })) as {
      ok: boolean;
      applied?: number;
      rejected?: { seq: number; code: string }[];
    };
  }
  async pull(after = 0): Promise<{ offset: number; type: string; data: Record<string, unknown> }[]> {
    const reply = (await this.socket.timeout(20_000).emitWithAck('pull', { after, limit: 500 })) as {
      messages: { offset: number; type: string; data: Record<string, unknown> }[];
    };
    return reply.messages;
  }
  close(): void {
    this.socket?.disconnect();
  }
}
