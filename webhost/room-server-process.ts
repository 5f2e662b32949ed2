/**
 * The room server as a child process: the core and the server for the desks,
 * started by the Electron main process with `utilityProcess.fork` (bundled to
 * dist-electron/room-server.js). It is the same code as headless
 * `npm run serve` (startWebhost); the main process's window reaches the core
 * through the messages of common/room-server-protocol.ts instead of a socket.
 *
 * Under Electron the parent is `process.parentPort`; under plain Node (tests,
 * a developer's fork) it is the IPC channel of `child_process.fork`, so the
 * same file is exercised without Electron.
 */
import { AppError } from '../common/errors';
import { DatabaseDamagedError } from '../core/backups/startup';
import { parseToRoomServer, type FromRoomServer, type RoomServerStartOptions } from '../common/room-server-protocol';
import type { Connection, CoreApp } from '../core/app';
import type { PrintPdf } from '../core/print/pdf';
import { countyFromEnv } from '../core/sync/env';
import { startWebhost, type Webhost } from './server';
import { fileTokenStore } from './token-store';

export interface ParentLink {
  onMessage(listener: (data: unknown) => void): void;
  post(message: FromRoomServer): void;
}

interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

/** Electron's parentPort when there is one, else Node's fork IPC channel. */
export function parentLink(proc: NodeJS.Process = process): ParentLink | null {
  const port = (proc as NodeJS.Process & { parentPort?: ElectronParentPort }).parentPort;
  if (port) return { onMessage: (l) => port.on('message', (event) => l(event.data)), post: (m) => port.postMessage(m) };
  if (typeof proc.send === 'function') {
    return { onMessage: (l) => proc.on('message', l), post: (m) => void proc.send!(m) };
  }
  return null;
}

export function serveRoomOverLink(link: ParentLink, log: (message: string) => void = console.log): void {
  let host: Webhost | null = null;
  let starting = false;
  let nextPrint = 0;
  const prints = new Map<number, { resolve: (pdf: Uint8Array) => void; reject: (error: Error) => void }>();
  const printInMain: PrintPdf = (html, options = {}) =>
    new Promise<Uint8Array>((resolve, reject) => {
      const id = nextPrint++;
      prints.set(id, { resolve, reject });
      link.post({ type: 'print', id, html, ...(options.landscape !== undefined ? { landscape: options.landscape } : {}) });
    });
  const connections = new Map<number, { core: CoreApp; connection: Connection }>();

  function connectionFor(id: number): Connection | null {
    if (!host) return null;
    const known = connections.get(id);
    // After a restore the webhost runs a new core: the window's connection is made afresh on it.
    if (known && known.core === host.core) return known.connection;
    const core = host.core;
    const connection = core.connect(
      (push) => link.post({ type: 'push', connection: id, topic: push.topic, payload: push.payload }),
      {
        local: true,
        address: 'local',
      },
    );
    connections.set(id, { core, connection });
    return connection;
  }

  async function start(options: RoomServerStartOptions): Promise<void> {
    if (host || starting) return;
    starting = true;
    try {
      const { printInMain: viaMain, ...rest } = options;
      // The county link as headless serve has it: from the environment, its token in an owner-only file.
      const sync = { county: countyFromEnv(process.env), tokenStore: fileTokenStore(rest.dataDir), demoCounty: true };
      host = await startWebhost({ ...rest, log, sync, ...(viaMain ? { printPdf: printInMain } : {}) });
      const cert = host.certificate;
      link.post({
        type: 'ready',
        url: host.url,
        spkiPin: cert?.spkiPin ?? null,
        fingerprint: cert?.fingerprint ?? null,
        setupCode: host.core.setupCode,
      });
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'INTERNAL';
      const damaged = error instanceof DatabaseDamagedError ? { problem: error.problem, newestBackup: error.newestBackup } : {};
      link.post({ type: 'fatal', code, message: error instanceof Error ? error.message : String(error), ...damaged });
    } finally {
      starting = false;
    }
  }

  link.onMessage((data) => {
    const message = parseToRoomServer(data);
    if (!message) {
      log('[room-server] dropped a malformed message from the main process');
      return;
    }
    switch (message.type) {
      case 'start':
        void start(message.options);
        return;
      case 'connect':
        connectionFor(message.connection);
        return;
      case 'call': {
        const connection = connectionFor(message.connection);
        if (!connection) {
          link.post({
            type: 'reply',
            connection: message.connection,
            id: message.id,
            result: {
              ok: false,
              error: { code: 'INTERNAL', message: 'The room server is still starting. Try again in a moment.' },
            },
          });
          return;
        }
        void connection
          .call(message.method, message.input)
          .then((result) => link.post({ type: 'reply', connection: message.connection, id: message.id, result }));
        return;
      }
      case 'printed': {
        const waiting = prints.get(message.id);
        prints.delete(message.id);
        if (message.pdf !== undefined) waiting?.resolve(new Uint8Array(Buffer.from(message.pdf, 'base64')));
        else waiting?.reject(new AppError('PDF_UNAVAILABLE', message.error ?? 'The PDF could not be made.'));
        return;
      }
      case 'disconnect':
        connections.get(message.connection)?.connection.close();
        connections.delete(message.connection);
        return;
      case 'stop':
        for (const { connection } of connections.values()) connection.close();
        connections.clear();
        void (host?.close() ?? Promise.resolve()).then(() => {
          link.post({ type: 'stopped' });
          host = null;
        });
        return;
    }
  });
}

const link = parentLink();
if (link && process.env.COMMAND_ROOM_ROOM_SERVER === '1') serveRoomOverLink(link);
