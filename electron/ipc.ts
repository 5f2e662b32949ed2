/**
 * The IPC binding of the contract: one generic handler for every method, no
 * channel per feature (ARCHITECTURE.md rules 1 and 2).
 *
 * - Only windows the main process attached may call, and only from their
 *   top-level frame showing a page of our own origin; anything else gets
 *   FORBIDDEN without reaching the core.
 * - Unknown method names get UNKNOWN_METHOD; the core validates the input.
 * - Each window has its own core `Connection` (its own session), created on
 *   its first call, closed when the window's page is replaced (reload) or the
 *   window is destroyed — as a browser tab's WebSocket is in `webhost/`.
 * - Pushes go to that window only, on `IPC_PUSH_CHANNEL`.
 *
 * Electron is only a type here: `ipcMain` is passed in, so `ipc.test.ts`
 * drives the binding with fakes in plain Node.
 */
import type { Result } from '../common/errors';
import { isMethodName } from '../common/contract/index';
import type { PushMessage } from '../common/topics';
import { IPC_CALL_CHANNEL, IPC_PUSH_CHANNEL } from '../common/wire';
import type { Connection } from '../core/app';
import { APP_ORIGIN, isTrustedSender } from './window';

/** The part of a `WebFrameMain` the sender check reads. */
export interface FrameLike {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
  readonly parent: unknown;
}

/** The part of a `WebContents` the binding uses. */
export interface ContentsLike {
  readonly id: number;
  readonly mainFrame: FrameLike;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
  once(event: 'destroyed', listener: () => void): unknown;
  on(event: 'did-navigate', listener: () => void): unknown;
}

/** The part of an `IpcMainInvokeEvent` the handler reads. */
export interface InvokeEventLike {
  readonly sender: ContentsLike;
  readonly senderFrame: FrameLike | null;
}

/** The part of `ipcMain` the binding uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Anything that opens core connections (`CoreApp`). */
export interface ConnectionFactory {
  connect(push: (message: PushMessage) => void, peer?: { local: boolean }): Connection;
}

export interface ContractIpc {
  /** Trust this window's top-level frame (when it shows our origin). */
  attach(contents: ContentsLike): void;
  /** Close every connection and stop handling calls. */
  dispose(): void;
}

export interface ContractIpcOptions {
  /** Origin the sender's frame must have; defaults to `app://command-room`. */
  origin?: string;
  /** Where refused calls and internal failures are reported. */
  log?: (message: string, detail?: unknown) => void;
}

interface Attached {
  contents: ContentsLike;
  connection: Connection | null;
}

function failure(code: 'FORBIDDEN' | 'UNKNOWN_METHOD' | 'INTERNAL', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/** Is `frame` the top-level frame of `contents`? Compared by identity, not by URL. */
export function isMainFrameOf(frame: FrameLike, contents: ContentsLike): boolean {
  const main = contents.mainFrame;
  return frame.parent === null && frame.processId === main.processId && frame.routingId === main.routingId;
}

export function bindContractIpc(ipcMain: IpcMainLike, core: ConnectionFactory, options: ContractIpcOptions = {}): ContractIpc {
  const origin = options.origin ?? APP_ORIGIN;
  const log = options.log ?? ((message: string, detail?: unknown) => console.warn(`[ipc] ${message}`, detail ?? ''));
  const attached = new Map<number, Attached>();
  let disposed = false;

  function closeConnection(entry: Attached): void {
    const connection = entry.connection;
    entry.connection = null;
    if (!connection) return;
    try {
      connection.close();
    } catch (error) {
      log('closing a connection failed', error);
    }
  }

  function connectionOf(entry: Attached): Connection {
    if (entry.connection) return entry.connection;
    const { contents } = entry;
    // The app's own window on this machine: it may run the first-run setup without the code.
    entry.connection = core.connect(
      (message) => {
        if (contents.isDestroyed()) return;
        try {
          contents.send(IPC_PUSH_CHANNEL, message);
        } catch (error) {
          log('push failed', error);
        }
      },
      { local: true },
    );
    return entry.connection;
  }

  async function handleCall(event: InvokeEventLike, method: unknown, input: unknown): Promise<Result<unknown>> {
    const entry = disposed ? undefined : attached.get(event.sender.id);
    const frame = event.senderFrame;
    if (
      !entry ||
      entry.contents !== event.sender ||
      event.sender.isDestroyed() ||
      !frame ||
      !isTrustedSender(frame.url, isMainFrameOf(frame, event.sender), origin)
    ) {
      log('refused a call from an untrusted sender', {
        url: frame?.url ?? null,
        method: typeof method === 'string' ? method : typeof method,
      });
      return failure('FORBIDDEN', '调用来源不受信任（仅接受本程序主窗口的请求）。Call refused: untrusted sender.');
    }
    if (!isMethodName(method)) {
      return failure(
        'UNKNOWN_METHOD',
        `未知的接口方法：${typeof method === 'string' ? method.slice(0, 100) : typeof method}。Unknown method.`,
      );
    }
    try {
      return await connectionOf(entry).call(method, input);
    } catch (error) {
      log(`method ${method} threw`, error);
      return failure('INTERNAL', '程序内部错误，操作未完成。Internal error; nothing was changed.');
    }
  }

  ipcMain.handle(IPC_CALL_CHANNEL, (event, method, input) => handleCall(event, method, input));

  return {
    attach(contents) {
      if (disposed || attached.has(contents.id)) return;
      const entry: Attached = { contents, connection: null };
      attached.set(contents.id, entry);
      // A new document in the main frame (reload) starts with a fresh session.
      contents.on('did-navigate', () => closeConnection(entry));
      contents.once('destroyed', () => {
        closeConnection(entry);
        if (attached.get(contents.id) === entry) attached.delete(contents.id);
      });
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      ipcMain.removeHandler(IPC_CALL_CHANNEL);
      for (const entry of attached.values()) closeConnection(entry);
      attached.clear();
    },
  };
}
