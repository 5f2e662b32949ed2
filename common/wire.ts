/**
 * The shape of messages between a shell and the renderer. Both shells use the
 * same envelope so the renderer's client is one piece of code.
 */
import type { Result } from './errors';
import type { PushMessage } from './topics';

export interface CallRequest {
  id: number;
  method: string;
  input: unknown;
}
export interface CallReply {
  id: number;
  result: Result<unknown>;
}
export type ServerFrame = ({ kind: 'reply' } & CallReply) | ({ kind: 'push' } & PushMessage);

/** Name of the single IPC channel pair used by the Electron shell. */
export const IPC_CALL_CHANNEL = 'contract:call';
export const IPC_PUSH_CHANNEL = 'contract:push';

/**
 * What the Electron preload exposes as `window.commandRoom`: declared here once
 * so the preload that builds it and the renderer transport that uses it cannot drift.
 */
export interface CommandRoomBridge {
  call(method: string, input?: unknown): Promise<Result<unknown>>;
  onPush(listener: (message: PushMessage) => void): () => void;
}
