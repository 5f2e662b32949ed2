import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import WebSocket from 'ws';
import type { EnrollmentGrant } from '../../common/contract';
import type { Result } from '../../common/errors';
import type { PushMessage } from '../../common/topics';
import type { ServerFrame } from '../../common/wire';
import type { Connection } from '../../core/app';
import type { ConnectionFactory } from '../ipc';
import { linkDown, SessionKeeper } from '../session-keeper';
import { decidePin, type DeskConfig, type PinDecision } from './enrollment';

/**
 * The desk client's way to the room server: the window's calls go from the
 * main process over WSS to the server, exactly as a browser tab's do (the
 * renderer itself still never touches the network). Each window gets its own
 * socket, so its own session. Before a frame is sent the server's key is
 * compared with the pin kept at enrollment; a different key ends the socket
 * at once and is reported (decidePin / refusalText).
 */
export const WS_PATH = '/ws';
const MAX_FRAME_BYTES = 100 * 1024 * 1024;

/** base64 SHA-256 of the peer certificate's public key (SPKI), or null when there is none. */
export function peerPin(res: IncomingMessage): string | null {
  const socket = res.socket as TLSSocket;
  const cert = typeof socket.getPeerX509Certificate === 'function' ? socket.getPeerX509Certificate() : undefined;
  if (!cert) return null;
  return createHash('sha256')
    .update(cert.publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');
}

function openSocket(serverUrl: string): WebSocket {
  const url = new URL(serverUrl);
  // The pin is checked instead of a CA chain (the server's certificate is self-signed or from the county's CA).
  return new WebSocket(`wss://${url.host}${WS_PATH}`, {
    origin: url.origin,
    rejectUnauthorized: false,
    maxPayload: MAX_FRAME_BYTES,
    handshakeTimeout: 10_000,
  });
}

/** Redeems a code over a fresh socket; resolves with what the server answered and the pin seen on the way. */
export function redeemEnrollment(
  serverUrl: string,
  code: string,
  deskName: string,
): Promise<{ observedPin: string | null; result: Result<EnrollmentGrant> }> {
  return new Promise((resolve, reject) => {
    const ws = openSocket(serverUrl);
    let observedPin: string | null = null;
    ws.on('upgrade', (res) => {
      observedPin = peerPin(res);
    });
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, method: 'server.enroll', input: { code, deskName } })));
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      if (frame.kind !== 'reply') return;
      ws.close();
      resolve({ observedPin, result: frame.result as Result<EnrollmentGrant> });
    });
    ws.on('error', (error) => reject(error));
    ws.on('close', () => reject(new Error('the server closed the connection')));
  });
}

export interface RemoteCoreOptions {
  /** Told once per socket when the server's key is not the pinned one. */
  onRefused?: (decision: Extract<PinDecision, { trust: false }>) => void;
  /** Told when a window's link goes up or down (the window title shows it). */
  onLink?: (up: boolean) => void;
  callWaitMs?: number;
  reconnectMs?: { first: number; max: number };
}

/** The room server, reached over WSS, as the IPC binding's connection factory. */
export function remoteCore(
  config: Pick<DeskConfig, 'serverUrl' | 'spkiPin'>,
  options: RemoteCoreOptions = {},
): ConnectionFactory {
  return { connect: (push) => remoteConnection(config, push, options) };
}

function remoteConnection(
  config: Pick<DeskConfig, 'serverUrl' | 'spkiPin'>,
  push: (message: PushMessage) => void,
  options: RemoteCoreOptions,
): Connection {
  const keeper = new SessionKeeper();
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const waiters = new Set<() => void>();
  const backoff = options.reconnectMs ?? { first: 500, max: 10_000 };
  let socket: WebSocket | null = null;
  let open = false;
  let generation = 0;
  let seenGeneration = 0;
  let nextId = 1;
  let closed = false;
  let refused: Extract<PinDecision, { trust: false }> | null = null;
  let delay = backoff.first;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let restoring: Promise<void> | null = null;

  const wake = () => {
    for (const w of [...waiters]) w();
  };

  function connectSocket(): void {
    timer = null;
    if (closed || refused) return;
    const ws = openSocket(config.serverUrl);
    socket = ws;
    ws.on('upgrade', (res) => {
      const decision = decidePin(config, peerPin(res));
      if (!decision.trust) {
        refused = decision;
        ws.terminate();
        options.onRefused?.(decision);
        wake();
      }
    });
    ws.on('open', () => {
      if (refused) return;
      open = true;
      generation += 1;
      delay = backoff.first;
      options.onLink?.(true);
      wake();
    });
    ws.on('message', (data) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(data.toString()) as ServerFrame;
      } catch {
        return;
      }
      if (frame.kind === 'reply') {
        const resolve = pending.get(frame.id);
        pending.delete(frame.id);
        resolve?.(frame.result);
      } else if (frame.kind === 'push') push({ topic: frame.topic, payload: frame.payload } as PushMessage);
    });
    ws.on('error', () => {});
    ws.on('close', () => {
      const wasOpen = open;
      open = false;
      if (socket === ws) socket = null;
      for (const [id, resolve] of pending) {
        pending.delete(id);
        resolve(linkDown('The link to the room server dropped while this was being done; check whether it was saved.'));
      }
      if (wasOpen) options.onLink?.(false);
      wake();
      if (closed || refused) return;
      timer = setTimeout(connectSocket, delay);
      delay = Math.min(backoff.max, delay * 2);
    });
  }

  function waitOpen(ms: number): Promise<boolean> {
    if (open) return Promise.resolve(true);
    if (refused || closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        waiters.delete(done);
        resolve(open);
      };
      const t = setTimeout(done, ms);
      waiters.add(done);
    });
  }

  function send(method: string, input: unknown): Promise<Result<unknown>> {
    const ws = socket;
    if (!ws || !open) return Promise.resolve(linkDown('No link to the room server.'));
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, method, input }));
    });
  }

  async function callNow(method: string, input: unknown): Promise<Result<unknown>> {
    if (!(await waitOpen(options.callWaitMs ?? 10_000))) {
      return linkDown(
        refused
          ? "The room server's certificate is not the one this desk pinned at enrollment; the connection was refused."
          : 'No link to the room server. The call was not sent; try again when the link is back.',
      );
    }
    if (seenGeneration !== generation) {
      // A new socket: take the session over before the window's calls go out (every call waits for it).
      seenGeneration = generation;
      const restore = keeper
        .restore(send)
        .then(() => undefined)
        .finally(() => {
          if (restoring === restore) restoring = null;
        });
      restoring = restore;
    }
    if (restoring) await restoring;
    const result = await send(method, input);
    keeper.observe(method, result);
    return result;
  }

  connectSocket();
  return {
    call: callNow,
    get signedIn() {
      return keeper.hasSession;
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      socket?.close();
      wake();
    },
  };
}
