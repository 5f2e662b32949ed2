import type { CommandRoomBridge } from '@common/wire';
import { BridgeTransport } from './bridge-transport';
import type { ClientResult } from './errors';
import { WebSocketTransport } from './websocket-transport';

/** A push as it arrives, before the client checks it against the topic's schema. */
export interface RawPush {
  topic: string;
  payload: unknown;
}

/**
 * `open`: calls go out now. `connecting`: the first connection is being made.
 * `reconnecting`: the link dropped; calls wait (briefly) for it to come back.
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

export interface ConnectionChange {
  state: ConnectionState;
  /** True when the link came back after a drop: the server-side session is gone. */
  reconnected: boolean;
}

/** The one pipe between renderer and core; the typed client sits on top. */
export interface Transport {
  readonly state: ConnectionState;
  call(method: string, input: unknown): Promise<ClientResult<unknown>>;
  onPush(listener: (push: RawPush) => void): () => void;
  onConnectionChange(listener: (change: ConnectionChange) => void): () => void;
}

declare global {
  interface Window {
    commandRoom?: CommandRoomBridge;
  }
}

let current: Transport | null = null;

/** Electron's preload bridge when present, otherwise the webhost's WebSocket. */
export function getTransport(): Transport {
  if (!current) {
    current = window.commandRoom ? new BridgeTransport(window.commandRoom) : new WebSocketTransport(webSocketUrl());
  }
  return current;
}

function webSocketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws`;
}
