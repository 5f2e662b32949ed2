/**
 * The preload: the renderer's only door to the main process. Runs sandboxed,
 * so it is bundled into one self-contained CommonJS file
 * (`dist-electron/preload.cjs`) whose only `require` is `electron`.
 *
 * It exposes exactly one object, `window.commandRoom`, with two functions:
 * `call(method, input)` → the contract result, and `onPush(listener)` → an
 * unsubscribe function. No `ipcRenderer`, no event objects, no channel names
 * leak to the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Result } from '../common/errors';
import type { PushMessage } from '../common/topics';
import { IPC_CALL_CHANNEL, IPC_PUSH_CHANNEL, type CommandRoomBridge } from '../common/wire';

const MAX_METHOD_LENGTH = 200;

function refuse(message: string): Promise<Result<unknown>> {
  return Promise.resolve({ ok: false, error: { code: 'BAD_INPUT', message } });
}

/** `invoke` rejects only when the request cannot be sent (the core's own errors come back as results). */
function undelivered(error: unknown): Result<unknown> {
  const text = error instanceof Error ? error.message : String(error);
  return /clone/i.test(text)
    ? {
        ok: false,
        error: { code: 'BAD_INPUT', message: '请求参数无法传递（含有函数或其他不可复制的值）。Input could not be sent.' },
      }
    : { ok: false, error: { code: 'INTERNAL', message: '请求未能送达主进程。The request did not reach the main process.' } };
}

const bridge: CommandRoomBridge = {
  call(method, input) {
    if (typeof method !== 'string' || method.length === 0 || method.length > MAX_METHOD_LENGTH) {
      return refuse('接口方法名无效。Method name must be a non-empty string.');
    }
    return (ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input) as Promise<Result<unknown>>).catch(undelivered);
  },
  onPush(listener) {
    if (typeof listener !== 'function') throw new TypeError('onPush expects a function');
    const forward = (_event: IpcRendererEvent, message: PushMessage): void => listener(message);
    ipcRenderer.on(IPC_PUSH_CHANNEL, forward);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipcRenderer.removeListener(IPC_PUSH_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('commandRoom', bridge);
