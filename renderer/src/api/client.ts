import type { InputOf, MethodName, OutputOf } from '@common/contract';
import { topics, type PayloadOf, type TopicName } from '@common/topics';
import type { ClientError, ClientResult } from './errors';
import { getTransport, type ConnectionChange, type ConnectionState } from './transport';

/**
 * The typed client, derived from the contract: one generic function instead of
 * a channel per feature. Only stores call it (ARCHITECTURE rule 8).
 */
export type CallResult<M extends MethodName> = ClientResult<OutputOf<M>>;

const failureListeners = new Set<(error: ClientError) => void>();

export async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<CallResult<M>> {
  // The core validated the output against the same contract; this cast is the trust boundary.
  const result = (await getTransport().call(method, input)) as CallResult<M>;
  if (!result.ok) for (const listener of [...failureListeners]) listener(result.error);
  return result;
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
