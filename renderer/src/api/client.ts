import type { InputOf, MethodName, OutputOf } from '@common/contract';
import { topics, type PayloadOf, type TopicName } from '@common/topics';
import type { ClientError, ClientResult } from './errors';
import { getTransport as transportOf, type ConnectionChange, type ConnectionState, type Transport } from './transport';

/**
 * The typed client, derived from the contract: one generic function instead of
 * a channel per feature. Only stores call it (ARCHITECTURE rule 8).
 */
export type CallResult<M extends MethodName> = ClientResult<OutputOf<M>>;

const failureListeners = new Set<(error: ClientError) => void>();

/**
 * Restores this tab's session when the link comes back (the auth store
 * resumes it). Until it has answered, every other call waits, so no page's
 * reload races the resume and meets a signed-out connection.
 */
export type SessionRestorer = (change: ConnectionChange) => Promise<unknown> | null;
let restorer: SessionRestorer | null = null;
let sessionGate: Promise<unknown> | null = null;
let wired = false;

function getTransport(): Transport {
  const transport = transportOf();
  if (!wired) {
    wired = true;
    // Registered before any store's listener (they all come through here), so the gate closes first.
    transport.onConnectionChange((change) => {
      if (change.state !== 'open' || !restorer) return;
      const restoring = restorer(change);
      if (!restoring) return;
      const gate: Promise<unknown> = restoring
        .catch(() => {})
        .finally(() => {
          if (sessionGate === gate) sessionGate = null;
        });
      sessionGate = gate;
    });
  }
  return transport;
}

export function setSessionRestorer(restore: SessionRestorer): void {
  restorer = restore;
  getTransport();
}

export async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<CallResult<M>> {
  if (sessionGate) await sessionGate;
  // The core validated the output against the same contract; this cast is the trust boundary.
  const result = (await getTransport().call(method, input)) as CallResult<M>;
  if (!result.ok) for (const listener of [...failureListeners]) listener(result.error);
  return result;
}

/**
 * For the session restorer only: goes out at once, past the gate, and its
 * failures are the restorer's to judge (a refused resume is not an expiry).
 */
export async function callForSession<M extends MethodName>(method: M, input: InputOf<M>): Promise<CallResult<M>> {
  return (await getTransport().call(method, input)) as CallResult<M>;
}

/**
 * Told about every failed call. Some failures concern the whole session, not
 * the page that made the call (it expired, a password change is due): the auth
 * store listens so that any page's call can send people where they must go.
 */
export function onCallFailure(listener: (error: ClientError) => void): () => void {
  failureListeners.add(listener);
  return () => failureListeners.delete(listener);
}

/** Listen to one push topic; payloads that do not match the topic's schema are dropped. */
export function onPush<T extends TopicName>(topic: T, listener: (payload: PayloadOf<T>) => void): () => void {
  const schema = topics[topic];
  return getTransport().onPush((push) => {
    if (push.topic !== topic) return;
    const parsed = schema.safeParse(push.payload);
    if (parsed.success) listener(parsed.data as PayloadOf<T>);
    else console.warn(`[client] dropped a malformed "${topic}" push`);
  });
}

export function connectionState(): ConnectionState {
  return getTransport().state;
}

export function onConnectionChange(listener: (change: ConnectionChange) => void): () => void {
  return getTransport().onConnectionChange(listener);
}

export type { ClientError, ClientErrorCode, ClientResult } from './errors';
export type { ConnectionChange, ConnectionState } from './transport';
