import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { HandshakeAuth, MAX_BATCH_BYTES, NAMESPACE, PROTOCOL_VERSION } from '../../common/protocol';
import { CountyStore } from '../store/store';
import { PostgresEngine } from '../store/postgres';
import { credentialsRoom, endOlderConnections, joinCluster, townshipRoom } from './cluster';

export interface CountyOptions {
  /** The SQLite data folder (county.db); not needed with `databaseUrl`. */
  dataDir?: string;
  /** PostgreSQL instead of SQLite (several nodes may share it); `npm run county` takes COUNTY_DATABASE_URL. */
  databaseUrl?: string;
  port?: number;
  host?: string;
  /** Register the demo township with the demo token if it is missing (default false: only with `--demo`). */
  demo?: boolean;
  log?: (line: string) => void;
  /** SQLite: how often to look for messages appended by another process (the CLI); 0 turns it off. */
  watchMs?: number;
  /** HTTP requests that are not Socket.IO's (the county console); without it they get 404. */
  handleRequest?: (req: IncomingMessage, res: ServerResponse) => void;
  /** PostgreSQL pool size of this node (default 20). */
  poolSize?: number;
}

export interface CountyServer {
  readonly store: CountyStore;
  readonly io: Server;
  readonly http: HttpServer;
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
 * write another's data. On PostgreSQL, several such nodes share the database
 * and reach each other's sockets through LISTEN/NOTIFY (server/cluster.ts).
 */
export async function startCountyServer(options: CountyOptions): Promise<CountyServer> {
  const log = options.log ?? ((line: string) => console.log(`[county] ${line}`));
  const store = await CountyStore.open({
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    poolSize: options.poolSize ?? 20,
  });
  try {
    return await serve(store, options, log);
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function serve(store: CountyStore, options: CountyOptions, log: (line: string) => void): Promise<CountyServer> {
  if (options.demo === true) await store.ensureDemoTownship();

  const http: HttpServer = createServer((req, res) => {
    if (options.handleRequest) return options.handleRequest(req, res);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Command Room county center: Socket.IO only.\n');
  });
  // A little over the push limit, so an oversized push gets TOO_LARGE instead of a dropped socket.
  const io = new Server(http, { maxHttpBufferSize: MAX_BATCH_BYTES * 2 + 64 * 1024, serveClient: false });
  if (store.engine instanceof PostgresEngine) await joinCluster(io, store.engine);
  const nsp = io.of(NAMESPACE);

  nsp.use((socket, next) => {
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    if (!auth.success) return next(refuse('AUTH_FAILED', 'The handshake needs { protocol, townshipId, token }.'));
    if (auth.data.protocol !== PROTOCOL_VERSION)
      return next(refuse('PROTOCOL_UNSUPPORTED', `This county center speaks protocol ${PROTOCOL_VERSION} only.`));
    store.authenticate(auth.data.townshipId, auth.data.token).then(
      (version) => {
        if (version === null) return next(refuse('AUTH_FAILED', 'Unknown township or wrong token.'));
        socket.data.townshipId = auth.data.townshipId;
        socket.data.credentials = version;
        next();
      },
      (error: unknown) => {
        log(`token check failed: ${error instanceof Error ? error.message : String(error)}`);
        next(Object.assign(new Error('The county center failed; try again later.'), { data: { code: 'INTERNAL' } }));
      },
    );
  });

  nsp.on('connection', (socket: Socket) => {
    const townshipId = socket.data.townshipId as string;
    const version = socket.data.credentials as number;
    void socket.join([townshipRoom(townshipId), credentialsRoom(townshipId, version)]);
    log(`township ${townshipId} connected (${socket.id})`);
    // Credentials changed between the check and the join: the disconnection may have missed this socket.
    void store.credentialsVersion(townshipId).then(
      (now) => now !== version && socket.disconnect(true),
      () => socket.disconnect(true),
    );
    const guard = (name: string, work: (request: unknown) => unknown) => (request: unknown, ack?: unknown) => {
      if (typeof ack !== 'function') return; // every request is an emit with acknowledgement
      const fail = (error: unknown) => {
        log(`${name} from ${townshipId} failed: ${error instanceof Error ? error.message : String(error)}`);
        (ack as Reply)({ ok: false, code: 'INTERNAL', message: 'The county center failed; try again later.' });
      };
      try {
        Promise.resolve(work(request)).then(ack as Reply, fail);
      } catch (error) {
        fail(error);
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

  // Through the adapter, on PostgreSQL these reach the township on whichever node it is connected to.
  const poke = (townshipId: string) => nsp.to(townshipRoom(townshipId)).emit('poke');
  store.on('appended', poke);
  // A new token or a revocation ends the township's live connections at once; its next handshake is checked anew.
  const endConnections = (townshipId: string, version: number) => {
    log(`credentials of township ${townshipId} changed; ending its connections`);
    endOlderConnections(nsp, townshipId, version);
  };
  store.on('credentials', endConnections);

  const watcher = await watchOtherProcesses(store, options.watchMs ?? 100, poke, endConnections);

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 7345, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  return {
    store,
    io,
    http,
    port,
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    async close() {
      watcher?.stop();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await store.close();
    },
  };
}

/**
 * SQLite: the CLI appends and rotates tokens in its own process; data_version
 * changes when another connection commits, then offsets and credentials say
 * whom to poke or disconnect. PostgreSQL needs none of this: the CLI reaches
 * the nodes through the emitter.
 */
async function watchOtherProcesses(
  store: CountyStore,
  watchMs: number,
  poke: (townshipId: string) => void,
  endConnections: (townshipId: string, version: number) => void,
): Promise<{ stop(): void } | null> {
  if (watchMs <= 0 || store.dataVersion() === null) return null;
  let version = store.dataVersion();
  let offsets = await store.offsets();
  let credentials = await store.credentialVersions();
  store.on('appended', () => void store.offsets().then((o) => (offsets = o)));
  store.on('credentials', () => void store.credentialVersions().then((c) => (credentials = c)));
  let busy = false;
  const timer = setInterval(() => {
    const now = store.dataVersion();
    if (busy || now === version) return;
    busy = true;
    version = now;
    void (async () => {
      const latest = await store.offsets();
      for (const [id, offset] of latest) if (offset !== offsets.get(id)) poke(id);
      offsets = latest;
      const versions = await store.credentialVersions();
      for (const [id, v] of versions) if (credentials.has(id) && v !== credentials.get(id)) endConnections(id, v);
      credentials = versions;
    })()
      .catch(() => {})
      .finally(() => (busy = false));
  }, watchMs);
  return { stop: () => clearInterval(timer) };
}
