import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { isIP, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Result } from '../common/errors';
import type { CallRequest, ServerFrame } from '../common/wire';
import { startCore, type Connection, type CoreApp, type StartOptions } from '../core/app';
import { ensureServerCertificate, machineNames, type ServerCertificate } from '../core/server/certificate';
import type { PrintPdf } from '../core/print/pdf';
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
  /** A printer of the shell's own (Electron's printToPDF, reached from its utility process); wins over `pdf`. */
  printPdf?: PrintPdf;
  /** Demo events seeded into a new demo township (default 3,000). */
  demoEvents?: number;
  /** How often the core looks whether the daily backup is due (default 15 min; 0 off). */
  backupCheckMs?: number;
  /** County sync: link from the environment, token file, demo defaults. */
  sync?: SyncOptions;
  /** How long a socket may stay without a session before it is closed (default 30 s). */
  signedOutIdleMs?: number;
  /**
   * 'auto' (default): plain HTTP on loopback only, HTTPS/WSS on any other
   * address. 'on' forces TLS on loopback too (tests, a reverse proxy's backend).
   */
  tls?: 'auto' | 'on';
  /** With TLS: also listen for plain HTTP on this port, only to redirect to HTTPS. */
  redirectHttpPort?: number;
}

/** 127.0.0.0/8, ::1 and localhost: the only addresses plain HTTP is served on. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export interface Webhost {
  readonly url: string;
  /** The TLS certificate served, or null on plain loopback HTTP. */
  readonly certificate: Omit<ServerCertificate, 'key'> | null;
  readonly core: CoreApp;
  close(): Promise<void>;
}

export const WS_PATH = '/ws';
// Room for a report-back with nine 8 MB photos in base64; larger frames are refused by ws.
const MAX_FRAME_BYTES = 100 * 1024 * 1024;

/**
 * What a socket without a session may do. Signing in takes a few small
 * frames; anything more from a stranger is refused before the core sees it.
 */
export const UNAUTHENTICATED_LIMITS = {
  /** Largest frame before sign-in. */
  frameBytes: 64 * 1024,
  /** Bytes a socket may send in all before it is signed in (ws buffers a frame whole before it is seen). */
  totalBytes: 256 * 1024,
  /** Sockets without a session at once from one address. */
  socketsPerAddress: 8,
  /** A socket still without a session after this long is closed (code 4401); the page reconnects when it calls again. */
  idleMs: 30_000,
};
/** Close code for a socket that stayed signed out too long. */
export const SIGNED_OUT_IDLE_CLOSE = 4401;

/** An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d; the core counts it as a.b.c.d. */
export function clientAddress(req: Pick<IncomingMessage, 'socket'>): string {
  const raw = req.socket.remoteAddress ?? 'unknown';
  return raw.startsWith('::ffff:') && isIP(raw.slice(7)) === 4 ? raw.slice(7) : raw;
}

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
export function sameOriginByAddress(req: Pick<IncomingMessage, 'headers'>, protocol: 'http:' | 'https:' = 'http:'): boolean {
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
  return url.protocol === protocol && url.host === host && isIP(hostname) !== 0;
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
  const printer = options.printPdf
    ? { print: options.printPdf, close: async () => {} }
    : options.pdf === false
      ? null
      : chromiumPrinter();
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

  const tls =
    options.tls === 'on' || !isLoopbackHost(options.host)
      ? await ensureServerCertificate(options.dataDir, machineNames([options.host]))
      : null;
  const serveFiles: RequestListener = (req, res) => serveStatic(staticDir, req, res);
  const http = tls ? createTlsServer({ key: tls.key, cert: tls.cert }, serveFiles) : createServer(serveFiles);
  let origin = '';
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
  });

  const allowedOrigins = (): Set<string> => {
    const { port, protocol } = new URL(origin);
    return new Set([origin, `${protocol}//127.0.0.1:${port}`, `${protocol}//localhost:${port}`]);
  };

  /** Open sockets and whether each holds a session, for the per-address limit and the idle close. */
  const sockets = new Map<WebSocket, { address: string; connection: Connection; signedOutSince: number | null }>();
  const signedOutFrom = (address: string) =>
    [...sockets.values()].filter((s) => s.address === address && !s.connection.signedIn).length;

  http.on('upgrade', (req: IncomingMessage, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (
      path !== WS_PATH ||
      !(allowedOrigins().has(req.headers.origin ?? '') || sameOriginByAddress(req, tls ? 'https:' : 'http:'))
    ) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    if (signedOutFrom(clientAddress(req)) >= UNAUTHENTICATED_LIMITS.socketsPerAddress) {
      socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\n\r\n');
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
    const address = clientAddress(req);
    const connection = core.connect((message) => send({ kind: 'push', ...message }), {
      address,
      local: isLoopback(req.socket.remoteAddress),
    });
    sockets.set(ws, { address, connection, signedOutSince: Date.now() });
    // ws reads a frame whole before handing it over: count the raw bytes of a signed-out socket as they arrive.
    let signedOutBytes = 0;
    req.socket.on('data', (chunk: Buffer) => {
      if (connection.signedIn) return;
      signedOutBytes += chunk.length;
      if (signedOutBytes > UNAUTHENTICATED_LIMITS.totalBytes) req.socket.destroy();
    });
    ws.on('message', (data, isBinary) => {
      const size = Array.isArray(data) ? data.reduce((n, part) => n + part.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
      if (!connection.signedIn && size > UNAUTHENTICATED_LIMITS.frameBytes) {
        ws.close(1009, 'sign in first: frames before sign-in are limited to 64 KiB');
        return;
      }
      const request = isBinary ? null : parseRequest(data.toString());
      if (!request) {
        ws.close(1003, 'frames must be JSON {id, method, input}');
        return;
      }
      void connection
        .call(request.method, request.input)
        .then((result: Result<unknown>) => send({ kind: 'reply', id: request.id, result }));
    });
    ws.on('close', () => {
      sockets.delete(ws);
      connection.close();
    });
    ws.on('error', () => ws.terminate());
  });

  const idleSweep = setInterval(() => {
    const now = Date.now();
    for (const [ws, socket] of sockets) {
      if (socket.connection.signedIn) socket.signedOutSince = null;
      else if (socket.signedOutSince === null) socket.signedOutSince = now;
      else if (now - socket.signedOutSince > (options.signedOutIdleMs ?? UNAUTHENTICATED_LIMITS.idleMs))
        ws.close(SIGNED_OUT_IDLE_CLOSE, 'signed out and idle');
    }
  }, 1000);
  idleSweep.unref();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => resolve());
  });
  const address = http.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `${tls ? 'https' : 'http'}://${hostForUrl}:${address.port}`;
  log(`Command Room is serving ${origin}/ (data: ${core.dbPath})`);
  if (tls) log(`TLS certificate (${tls.source}) SHA-256 ${tls.fingerprint}, valid until ${new Date(tls.notAfter).toISOString()}`);
  const redirect =
    tls && options.redirectHttpPort !== undefined
      ? createServer((req, res) => {
          const target = new URL(
            req.url ?? '/',
            `https://${(req.headers.host ?? hostForUrl).replace(/:\d+$/, '')}:${address.port}`,
          );
          res.writeHead(301, { Location: target.href, 'Content-Type': 'text/plain; charset=utf-8' });
          res.end('Command Room speaks HTTPS only on this network.\n');
        })
      : null;
  if (redirect) {
    await new Promise<void>((resolve, reject) => {
      redirect.once('error', reject);
      redirect.listen(options.redirectHttpPort, options.host, () => resolve());
    });
  }

  const { key: _key, ...certificate } = tls ?? { key: '' };
  return {
    url: origin,
    certificate: tls ? (certificate as Omit<ServerCertificate, 'key'>) : null,
    get core() {
      return core;
    },
    async close() {
      clearInterval(idleSweep);
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
      if (redirect) await new Promise<void>((resolve) => redirect.close(() => resolve()));
      core.close();
      await printer?.close();
    },
  };
}
