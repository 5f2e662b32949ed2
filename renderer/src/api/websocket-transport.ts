import type { CallRequest } from '@common/wire';
import { connectionLost, type ClientResult } from './errors';
import type { ConnectionChange, ConnectionState, RawPush, Transport } from './transport';

/** The part of the browser's WebSocket this transport uses (a fake one in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
}

export interface WebSocketTransportOptions {
  createSocket?: (url: string) => SocketLike;
  /** How long a call made while disconnected waits for the link before failing. */
  waitForConnectionMs?: number;
  /** How long a sent call waits for its reply. Long jobs run in the core's workers, not here. */
  replyTimeoutMs?: number;
  /** Reconnect delay: doubles from the first to the last value. */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
}

const OPEN = 1;
/** The room server closed a socket that stayed signed out too long (webhost SIGNED_OUT_IDLE_CLOSE). */
const SIGNED_OUT_IDLE_CLOSE = 4401;

interface PendingCall {
  frame: string;
  resolve: (result: ClientResult<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
  sent: boolean;
}

/**
 * The browser end of webhost's `/ws`: one socket, replies matched by id, pushes
 * fanned out, automatic reconnection with capped exponential backoff. A call
 * never rejects; when the link is down it resolves to CONNECTION_LOST.
 */
export class WebSocketTransport implements Transport {
  private socket: SocketLike | null = null;
  private currentState: ConnectionState = 'connecting';
  private hasBeenOpen = false;
  private failedAttempts = 0;
  private nextId = 1;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  /** Closed by the server for idling signed out: nothing is wrong, the next call opens a new socket. */
  private dormant = false;
  private readonly pending = new Map<number, PendingCall>();
  private readonly pushListeners = new Set<(push: RawPush) => void>();
  private readonly connectionListeners = new Set<(change: ConnectionChange) => void>();
  private readonly createSocket: (url: string) => SocketLike;
  private readonly waitForConnectionMs: number;
  private readonly replyTimeoutMs: number;
  private readonly backoffInitialMs: number;
  private readonly backoffMaxMs: number;

  constructor(
    private readonly url: string,
    options: WebSocketTransportOptions = {},
  ) {
    this.createSocket = options.createSocket ?? ((socketUrl) => new WebSocket(socketUrl));
    this.waitForConnectionMs = options.waitForConnectionMs ?? 10_000;
    this.replyTimeoutMs = options.replyTimeoutMs ?? 60_000;
    this.backoffInitialMs = options.backoffInitialMs ?? 500;
    this.backoffMaxMs = options.backoffMaxMs ?? 10_000;
    this.connect();
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  call(method: string, input: unknown): Promise<ClientResult<unknown>> {
    const id = this.nextId++;
    const request: CallRequest = { id, method, input };
    return new Promise((resolve) => {
      const call: PendingCall = {
        frame: JSON.stringify(request),
        resolve,
        sent: false,
        timer: setTimeout(() => this.fail(id, 'no connection to the command-room service'), this.waitForConnectionMs),
      };
      this.pending.set(id, call);
      if (this.dormant) {
        this.dormant = false;
        this.connect();
      } else if (this.currentState === 'open') this.send(id, call);
    });
  }

  onPush(listener: (push: RawPush) => void): () => void {
    this.pushListeners.add(listener);
    return () => this.pushListeners.delete(listener);
  }

  onConnectionChange(listener: (change: ConnectionChange) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  /** Stops reconnecting and fails what is pending (tests, page teardown). */
  dispose(): void {
    this.disposed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.failAll('transport closed');
    const socket = this.socket;
    this.socket = null;
    socket?.close();
  }

  private connect(): void {
    this.reconnectTimer = null;
    let socket: SocketLike;
    try {
      socket = this.createSocket(this.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => this.handleOpen(socket);
    socket.onclose = (event) => this.handleClose(socket, event?.code);
    // An error is always followed by close; reconnecting is handled there.
    socket.onerror = () => {};
    socket.onmessage = (event) => this.handleMessage(event.data as unknown);
  }

  private handleOpen(socket: SocketLike): void {
    if (socket !== this.socket) return;
    const reconnected = this.hasBeenOpen;
    this.hasBeenOpen = true;
    this.failedAttempts = 0;
    this.setState('open', reconnected);
    for (const [id, call] of this.pending) if (!call.sent) this.send(id, call);
  }

  private handleClose(socket: SocketLike, code?: number): void {
    if (socket !== this.socket) return;
    this.socket = null;
    // Calls already sent will never get a reply: the server dropped them with the socket.
    for (const [id, call] of this.pending) if (call.sent) this.fail(id, 'connection lost before the reply arrived');
    if (this.disposed) return;
    if (code === SIGNED_OUT_IDLE_CLOSE && this.pending.size === 0) {
      // A sign-in page left open: no banner, no reconnect loop; the next call reconnects.
      this.dormant = true;
      return;
    }
    this.setState(this.hasBeenOpen ? 'reconnecting' : 'connecting', false);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.disposed || this.reconnectTimer) return;
    const base = Math.min(this.backoffMaxMs, this.backoffInitialMs * 2 ** this.failedAttempts);
    this.failedAttempts += 1;
    // Jitter keeps many wall displays from hammering a restarted host in lockstep.
    const delay = base / 2 + Math.random() * (base / 2);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private send(id: number, call: PendingCall): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return;
    try {
      socket.send(call.frame);
    } catch {
      return; // the close event follows and retries the connection; the call keeps waiting
    }
    call.sent = true;
    clearTimeout(call.timer);
    call.timer = setTimeout(() => this.fail(id, 'no reply from the command-room service'), this.replyTimeoutMs);
  }

  private handleMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      console.warn('[transport] ignored a frame that is not JSON');
      return;
    }
    if (!isRecord(frame)) return;
    if (frame.kind === 'reply' && typeof frame.id === 'number' && isResult(frame.result)) {
      const call = this.pending.get(frame.id);
      if (!call) return; // timed out already
      this.pending.delete(frame.id);
      clearTimeout(call.timer);
      call.resolve(frame.result);
    } else if (frame.kind === 'push' && typeof frame.topic === 'string') {
      const push: RawPush = { topic: frame.topic, payload: frame.payload };
      for (const listener of [...this.pushListeners]) listener(push);
    }
  }

  private fail(id: number, message: string): void {
    const call = this.pending.get(id);
    if (!call) return;
    this.pending.delete(id);
    clearTimeout(call.timer);
    call.resolve(connectionLost(message));
  }

  private failAll(message: string): void {
    for (const id of [...this.pending.keys()]) this.fail(id, message);
  }

  private setState(state: ConnectionState, reconnected: boolean): void {
    if (state === this.currentState && !reconnected) return;
    this.currentState = state;
    for (const listener of [...this.connectionListeners]) listener({ state, reconnected });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isResult(value: unknown): value is ClientResult<unknown> {
  if (!isRecord(value)) return false;
  if (value.ok === true) return 'value' in value;
  return value.ok === false && isRecord(value.error) && typeof value.error.code === 'string';
}
