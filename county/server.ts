import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { HandshakeAuth, MAX_BATCH_BYTES, NAMESPACE, PROTOCOL_VERSION } from '../common/protocol';
import { mountConsole, type ConsoleMount } from './console/mount';
import { CountyStore, COUNTY_DATABASE_FILE } from './store';
import { openCountyEngine } from './store/engine';
import { join } from 'node:path';

export interface CountyOptions {
  dataDir: string;
  port?: number;
  host?: string;
  /** Register the demo township with the demo token if it is missing (default false: only with `--demo`). */
  demo?: boolean;
  log?: (line: string) => void;
  /** How often to look for messages appended by another process (the CLI); 0 turns it off. */
  watchMs?: number;
}

export interface CountyServer {
  readonly store: CountyStore;
  readonly port: number;
  readonly url: string;
  /** Disconnects every township and closes the database. */
  close(): Promise<void>;
}

type Reply = (value: unknown) => void;

function refuse(code: 'AUTH_FAILED' | 'PROTOCOL_UNSUPPORTED', message: string): Error {
  return Object.assign(new Error(message), { data: { code, message } });
}

/**
 * The reference county center: Socket.IO namespace `/township` speaking
 * PROTOCOL.md. A socket belongs to the township its token proved; every
 * request works on that township only, so one township can never read or
 * write another's data.
 */
export async function startCountyServer(options: CountyOptions): Promise<CountyServer> {
  const log = options.log ?? ((line: string) => console.log(`[county] ${line}`));
  const store = new CountyStore(options.dataDir);
  if (options.demo === true) store.ensureDemoTownship();

  let consoleMount: ConsoleMount | null = null;
  const http: HttpServer = createServer((req, res) => {
    if (consoleMount?.handleHttp(req, res)) return;
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Command Room county center: Socket.IO only.\n');
  });
  // A little over the push limit, so an oversized push gets TOO_LARGE instead of a dropped socket.
  const io = new Server(http, { maxHttpBufferSize: MAX_BATCH_BYTES * 2 + 64 * 1024, serveClient: false });
  const nsp = io.of(NAMESPACE);
  const room = (townshipId: string) => `township:${townshipId}`;

  nsp.use((socket, next) => {
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    if (!auth.success) return next(refuse('AUTH_FAILED', 'The handshake needs { protocol, townshipId, token }.'));
    if (auth.data.protocol !== PROTOCOL_VERSION)
      return next(refuse('PROTOCOL_UNSUPPORTED', `This county center speaks protocol ${PROTOCOL_VERSION} only.`));
    if (!store.checkToken(auth.data.townshipId, auth.data.token))
      return next(refuse('AUTH_FAILED', 'Unknown township or wrong token.'));
    socket.data.townshipId = auth.data.townshipId;
    next();
  });

  nsp.on('connection', (socket: Socket) => {
    const townshipId = socket.data.townshipId as string;
    void socket.join(room(townshipId));
    log(`township ${townshipId} connected (${socket.id})`);
    const guard = (name: string, work: (request: unknown) => unknown) => (request: unknown, ack?: unknown) => {
      if (typeof ack !== 'function') return; // every request is an emit with acknowledgement
      try {
        (ack as Reply)(work(request));
      } catch (error) {
        log(`${name} from ${townshipId} failed: ${error instanceof Error ? error.message : String(error)}`);
        (ack as Reply)({ ok: false, code: 'INTERNAL', message: 'The county center failed; try again later.' });
      }
    };
    socket.on(
      'push',
      guard('push', (request) => store.push(townshipId, request)),
    );
    socket.on(
      'pull',
      guard('pull', (request) => store.pull(townshipId, request)),
    );
    socket.on(
      'status',
      guard('status', () => store.status(townshipId)),
    );
    socket.on(
      'recover',
      guard('recover', (request) => store.recover(townshipId, request)),
    );
    socket.on('disconnect', (reason) => log(`township ${townshipId} disconnected (${reason})`));
  });

  // The county console (county/console/): its files at `/`, its API on the `/console` namespace.
  const consoleEngine = await openCountyEngine({ sqlitePath: join(options.dataDir, COUNTY_DATABASE_FILE) });
  consoleMount = mountConsole({
    io,
    db: consoleEngine,
    log,
    townshipRoom: room,
    rotateToken: async (id) => store.rotateToken(id),
    revokeTownship: async (id) => store.revokeTownship(id),
  });

  const poke = (townshipId: string) => nsp.to(room(townshipId)).emit('poke');
  store.on('appended', poke);
  // A new token or a revocation ends the township's live connections at once; its next handshake is checked anew.
  const endConnections = (townshipId: string) => {
    log(`credentials of township ${townshipId} changed; ending its connections`);
    nsp.in(room(townshipId)).disconnectSockets(true);
  };
  store.on('credentials', endConnections);

  // Appends by another process (the CLI): data_version changes when another connection commits.
  let version = store.dataVersion();
  let offsets = store.offsets();
  let credentials = store.credentialVersions();
  const watchMs = options.watchMs ?? 100;
  const watcher =
    watchMs > 0
      ? setInterval(() => {
          const now = store.dataVersion();
          if (now === version) return;
          version = now;
          const latest = store.offsets();
          for (const [id, offset] of latest) if (offset !== offsets.get(id)) poke(id);
          offsets = latest;
          const versions = store.credentialVersions();
          for (const [id, v] of versions) if (credentials.has(id) && v !== credentials.get(id)) endConnections(id);
          credentials = versions;
        }, watchMs)
      : null;
  store.on('appended', () => {
    offsets = store.offsets();
  });
  store.on('credentials', () => {
    credentials = store.credentialVersions();
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 7345, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  return {
    store,
    port,
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    async close() {
      if (watcher) clearInterval(watcher);
      consoleMount?.close();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      store.close();
      await consoleEngine.close();
    },
  };
}
