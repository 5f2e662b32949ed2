import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server, Socket } from 'socket.io';
import { LoginGuard } from '../../core/auth/login-guard';
import { NAMESPACE } from '../../common/protocol';
import { CONSOLE_METHODS } from './api';
import type { CallContext, ConsoleDeps } from './api/context';
import { route } from './api/router';
import type { ConsoleDb } from './store/console-db';
import { appendMessage } from './store/log';
import { notePull, notePush } from './store/townships';
import { sessionUser, type ConsoleUser } from './store/users';

export const CONSOLE_NAMESPACE = '/console';
/** How often a township's pushes and pulls are noted for the townships page, at most. */
const NOTE_MS = 2000;
/** Where `npm run build:county` puts the console's files. */
export const CONSOLE_DIST = fileURLToPath(new URL('./dist/', import.meta.url));

export interface ConsoleOptions {
  io: Server;
  db: ConsoleDb;
  rotateToken(townshipId: string): Promise<string>;
  revokeTownship(townshipId: string): Promise<void>;
  log: (line: string) => void;
  /** The township room name of the county server (pokes go there). */
  townshipRoom?: (townshipId: string) => string;
  distDir?: string;
}

export interface ConsoleMount {
  /** Serves the console's files; false when the request is not for them. */
  handleHttp(req: IncomingMessage, res: ServerResponse): boolean;
  close(): void;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The county console beside the `/township` namespace: its files over HTTP,
 * its API as calls on the `/console` Socket.IO namespace, and a listener on
 * `/township` that notes each township's pushes and pulls (for the
 * townships page) and tells open consoles something changed.
 */
export function mountConsole(options: ConsoleOptions): ConsoleMount {
  const { io, db, log } = options;
  const townships = io.of(NAMESPACE);
  const consoles = io.of(CONSOLE_NAMESPACE);
  const room = options.townshipRoom ?? ((id: string) => `township:${id}`);
  const distDir = options.distDir ?? CONSOLE_DIST;

  let changedTimer: NodeJS.Timeout | null = null;
  // Coalesced: a township pushing 500 changes a second is one refresh of the open pages, not 500.
  const changed = () => {
    changedTimer ??= setTimeout(() => {
      changedTimer = null;
      consoles.emit('changed');
    }, 1000);
  };
  const deps: ConsoleDeps = {
    db,
    append: appendMessage,
    poke: (ids) => {
      for (const id of ids) townships.to(room(id)).emit('poke');
      if (ids.length) changed();
    },
    connected: async () => new Set((await townships.fetchSockets()).map((s) => String(s.data.townshipId))),
    rotateToken: options.rotateToken,
    revokeTownship: options.revokeTownship,
    guard: new LoginGuard(),
  };

  const onTownship = (socket: Socket) => {
    const townshipId = String(socket.data.townshipId);
    changed();
    // One write per push or pull would double the county's write load under a flood of
    // townships: each socket notes at most once per NOTE_MS, and a pull at once when its
    // offset moved (the backlog shown must not lag behind what the township applied).
    let pushNoted = 0;
    let pullNoted = 0;
    let pulledOffset = -1;
    socket.onAny((event: string, request: unknown) => {
      const now = Date.now();
      let note: Promise<void> | null = null;
      if (event === 'push' && now - pushNoted >= NOTE_MS) {
        pushNoted = now;
        note = notePush(db, townshipId, now);
      } else if (event === 'pull') {
        const after = Math.max(0, Number((request as { after?: unknown } | null)?.after) || 0);
        if (after !== pulledOffset || now - pullNoted >= NOTE_MS) {
          pulledOffset = after;
          pullNoted = now;
          note = notePull(db, townshipId, now, after);
        }
      }
      note?.catch((error: unknown) => log(`console: noting ${event} of ${townshipId} failed: ${String(error)}`));
      if (event === 'push') changed();
    });
    socket.on('disconnect', changed);
  };
  townships.on('connection', onTownship);

  consoles.use((socket, next) => {
    socket.data.token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token.slice(0, 200) : null;
    next();
  });
  consoles.on('connection', (socket) => {
    const address = socket.handshake.address;
    socket.on('call', (request: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      void (async () => {
        // The session is read on every call: a sign-out, an expiry or a disabled account on any node counts at once.
        const token = socket.data.token as string | null;
        const user: ConsoleUser | null = token ? await sessionUser(db, token) : null;
        const ctx: CallContext = {
          deps,
          user,
          token: user ? token : null,
          address,
          connectionId: socket.id,
          setSession: (_user, next) => {
            socket.data.token = next;
          },
        };
        return route(CONSOLE_METHODS, ctx, request, log);
      })()
        .catch((error: unknown) => {
          log(`console call failed: ${String(error)}`);
          return { ok: false, error: { code: 'INTERNAL', message: 'The county center failed; try again later.' } };
        })
        .then((reply) => (ack as (r: unknown) => void)(reply));
    });
  });

  const handleHttp = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://county').pathname);
    const relative = path === '/' ? 'index.html' : normalize(path).replace(/^[/\\]+/, '');
    const file = join(distDir, relative);
    if (!file.startsWith(distDir.endsWith(sep) ? distDir : distDir + sep)) return false;
    if (!existsSync(file) || !statSync(file).isFile()) {
      if (path !== '/') return false;
      res
        .writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('The county console is not built: run `npm run build:county`.\n');
      return true;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
    return true;
  };

  return {
    handleHttp,
    close() {
      if (changedTimer) clearTimeout(changedTimer);
      townships.off('connection', onTownship);
    },
  };
}
