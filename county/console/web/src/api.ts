import { io, type Socket } from 'socket.io-client';

const TOKEN_KEY = 'county-console-token';

/** A refused call: the server's stable code and its message for people. */
export class ConsoleCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let socket: Socket | null = null;
const changedListeners = new Set<() => void>();

function connection(): Socket {
  if (!socket) {
    socket = io('/console', { auth: { token: sessionStorage.getItem(TOKEN_KEY) }, transports: ['websocket'] });
    socket.on('changed', () => changedListeners.forEach((f) => f()));
  }
  return socket;
}

/** One console API call (county/console/api): resolves with its value or throws ConsoleCallError. */
export async function call<T>(method: string, input: unknown = {}): Promise<T> {
  let reply: { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  try {
    reply = await connection().timeout(30_000).emitWithAck('call', { method, input });
  } catch {
    throw new ConsoleCallError('OFFLINE', 'The county center does not answer.');
  }
  if (!reply.ok) throw new ConsoleCallError(reply.error.code, reply.error.message);
  return reply.value;
}

/** Keeps the session token for reconnects and reloads of this tab. */
export function rememberToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
  connection().auth = { token };
}

/** Called when townships push or connect (coalesced by the server). */
export function onChanged(listener: () => void): () => void {
  changedListeners.add(listener);
  return () => changedListeners.delete(listener);
}
