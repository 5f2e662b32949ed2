import { createServer, type IncomingMessage } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Result } from '../common/errors';
import type { CallRequest, ServerFrame } from '../common/wire';
import { startCore, type CoreApp, type StartOptions } from '../core/app';
import type { SyncOptions } from '../core/sync';
import { chromiumPrinter } from './pdf';
import { serveStatic } from './static-files';

export interface WebhostOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  /** `--demo`: an empty data folder gets the demo township (default: the first-run setup page). */
  seedDemo?: boolean;
  staticDir?: string;
  now?: () => number;
  log?: (message: string) => void;
  /** Print PDFs with the machine's Chromium (default true; off when there is none). */
  pdf?: boolean;
  /** Demo events seeded into a new demo township (default 3,000). */
  demoEvents?: number;
  /** How often the core looks whether the daily backup is due (default 15 min; 0 off). */
  backupCheckMs?: number;
  /** County sync: link from the environment, token file, demo defaults. */
  sync?: SyncOptions;
}

export interface Webhost {
  readonly url: string;
  readonly core: CoreApp;
  close(): Promise<void>;
}

export const WS_PATH = '/ws';
// Room for a report-back with nine 8 MB photos in base64; larger frames are refused by ws.
const MAX_FRAME_BYTES = 100 * 1024 * 1024;

export function defaultStaticDir(): string {
  return fileURLToPath(new URL('../renderer/dist/', import.meta.url));
}

function parseRequest(data: string): CallRequest | null {
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof frame !== 'object' || frame === null) return null;
  const { id, method, input } = frame as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof method !== 'string') return null;
  return { id, method, input };
}

/**
 * A page served by this host to another machine in the room (a TV opening
 * http://192.168.1.20:5180/wall) connects from the origin it was loaded from.
 * Accepted when that origin is exactly the address the request was sent to,
 * and that address is an IP literal: a name could be rebound by some other
 * site's DNS to this host (DNS rebinding), an address cannot.
 */
export function sameOriginByAddress(req: Pick<IncomingMessage, 'headers'>): boolean {
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (!origin || !host) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  return url.protocol === 'http:' && url.host === host && isIP(hostname) !== 0;
}

/** A socket from this machine itself: 127.0.0.0/8, ::1, or IPv4 loopback mapped into IPv6. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || (isIP(v4) === 4 && v4.startsWith('127.'));
}

/**
 * The browser shell: the built renderer over HTTP and the contract over one
 * WebSocket per tab. Each socket is its own connection to the core, so each
 * holds its own session. Sockets from another origin are refused: a page on
 * some other site must not drive the command room through the user's browser.
 */
export async function startWebhost(options: WebhostOptions): Promise<Webhost> {
  const staticDir = options.staticDir ?? defaultStaticDir();
  const log = options.log ?? ((message: string) => console.log(message));
  const printer = options.pdf === false ? null : chromiumPrinter();
  const coreOptions = (seedDemo: boolean): StartOptions => ({
    dataDir: options.dataDir,
    seedDemo,
    ...(printer ? { printPdf: printer.print } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.backupCheckMs !== undefined ? { backupCheckMs: options.backupCheckMs } : {}),
    ...(options.demoEvents !== undefined ? { demoEvents: options.demoEvents } : {}),
    onRestart: () => restartCore(),
    ...(options.sync ? { sync: options.sync } : {}),
  });
  let core = startCore(coreOptions(options.seedDemo ?? false));
  /** Why the core could not start again after a restore; sockets are then refused with it. */
  let coreProblem: string | null = null;

  /**
   * A restore closed the core and swapped the files: every tab was told
   * (app.restarting); their sockets close with 1012 (service restart), the
   * tabs reconnect to the new core and sign in again.
   */
  function restartCore(): void {
    for (const client of wss.clients) client.close(1012, 'restarting after a restore');
    try {
      core = startCore(coreOptions(false));
      coreProblem = null;
      log(`Command Room restarted on the restored database (${core.dbPath})`);
    } catch (error) {
      coreProblem = error instanceof Error ? error.message : String(error);
      log(`Command Room could not start again after the restore: ${coreProblem}`);
    }
  }

  const http = createServer((req, res) => serveStatic(staticDir, req, res));
  let origin = '';
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
  });

  const allowedOrigins = (): Set<string> => {
    const port = new URL(origin).port;
    return new Set([origin, `http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  };

  http.on('upgrade', (req: IncomingMessage, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== WS_PATH || !(allowedOrigins().has(req.headers.origin ?? '') || sameOriginByAddress(req))) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    if (coreProblem) {
      ws.close(1011, coreProblem.slice(0, 120));
      return;
    }
    const send = (frame: ServerFrame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    const connection = core.connect((message) => send({ kind: 'push', ...message }), {
      local: isLoopback(req.socket.remoteAddress),
    });
    ws.on('message', (data, isBinary) => {
      const request = isBinary ? null : parseRequest(data.toString());
      if (!request) {
        ws.close(1003, 'frames must be JSON {id, method, input}');
        return;
      }
      void connection
        .call(request.method, request.input)
        .then((result: Result<unknown>) => send({ kind: 'reply', id: request.id, result }));
    });
    ws.on('close', () => connection.close());
    ws.on('error', () => ws.terminate());
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => resolve());
  });
  const address = http.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${hostForUrl}:${address.port}`;
  log(`Command Room is serving ${origin}/ (data: ${core.dbPath})`);

  return {
    url: origin,
    get core() {
      return core;
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
      core.close();
      await printer?.close();
    },
  };
}
