import type { CommandRoomBridge } from '@common/wire';
import type { ClientResult } from './errors';
import type { ConnectionChange, RawPush, Transport } from './transport';

/**
 * Electron: the preload's bridge is always connected (IPC within one app), so
 * the connection state never changes.
 */
export class BridgeTransport implements Transport {
  readonly state = 'open' as const;

  constructor(private readonly bridge: CommandRoomBridge) {}

  async call(method: string, input: unknown): Promise<ClientResult<unknown>> {
    try {
      return await this.bridge.call(method, input);
    } catch (error) {
      // An IPC failure is a bug in the shell, not the user's fault: report it as such.
      return { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
    }
  }

  onPush(listener: (push: RawPush) => void): () => void {
    return this.bridge.onPush(listener);
  }

  onConnectionChange(_listener: (change: ConnectionChange) => void): () => void {
    return () => {};
  }
}
