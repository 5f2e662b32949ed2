import { createAdapter } from '@socket.io/postgres-adapter';
import { Emitter } from '@socket.io/postgres-emitter';
import type { Namespace, Server } from 'socket.io';
import { NAMESPACE } from '../../common/protocol';
import type { PostgresEngine } from '../store/postgres';

/** The table both the adapter and the emitter use for payloads over NOTIFY's 8,000 bytes (county migration 0001). */
const ATTACHMENTS = 'socket_io_attachments';

/**
 * NOTIFY channels are per database; the schema in the prefix keeps two
 * county centers in two schemas of one database (the tests do that) apart.
 * Short: channel names are identifiers of at most 63 bytes.
 */
async function channelPrefix(engine: PostgresEngine): Promise<string> {
  const [row] = await engine.query<{ schema: string }>('SELECT current_schema() AS "schema"');
  return `county:${(row?.schema ?? 'public').slice(0, 30)}`;
}

export const townshipRoom = (townshipId: string) => `township:${townshipId}`;
/** The sockets of a township that proved the given version of its credentials. */
export const credentialsRoom = (townshipId: string, version: number) => `credentials:${townshipId}:${version}`;

/**
 * Ends the township's connections made with older credentials. Through the
 * cluster adapter the local part runs only after the NOTIFY, so a township
 * that reconnects at once with its new token must not be caught by it.
 */
export function endOlderConnections(
  target: { in(room: string): { except(room: string): { disconnectSockets(close: boolean): unknown } } },
  townshipId: string,
  version: number,
): void {
  void target.in(townshipRoom(townshipId)).except(credentialsRoom(townshipId, version)).disconnectSockets(true);
}

/**
 * Several nodes on one PostgreSQL: pokes and disconnections reach a township
 * on whichever node it is connected to, through LISTEN/NOTIFY. Resolves once
 * this node listens, so nothing sent after the start is missed.
 */
export async function joinCluster(io: Server, engine: PostgresEngine, timeoutMs = 10_000): Promise<void> {
  io.adapter(
    createAdapter(engine.pool, {
      channelPrefix: await channelPrefix(engine),
      tableName: ATTACHMENTS,
      errorHandler: () => {},
    }),
  );
  const nsp = io.of(NAMESPACE);
  const until = Date.now() + timeoutMs;
  while (!listening(nsp)) {
    if (Date.now() > until) throw new Error('The county node could not LISTEN on PostgreSQL in time.');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The adapter exposes no readiness; its pub/sub client holds a pg client once every LISTEN has run. */
function listening(nsp: Namespace): boolean {
  const adapter = nsp.adapter as unknown as { client?: { client?: unknown } };
  return adapter.client?.client !== undefined;
}

/**
 * For a process that is no node (the CLI): reaches the townships' sockets on
 * every node. postgres-emitter 0.1.1 predates the message format of
 * postgres-adapter 0.5 (socket.io-adapter's ClusterAdapter), which drops any
 * message without a top-level `nsp`: every document it publishes gets one,
 * and its NOTIFYs, which it does not await, are awaited by `flush`.
 */
export async function clusterEmitter(engine: PostgresEngine) {
  const emitter = new Emitter(engine.pool, NAMESPACE, { channelPrefix: await channelPrefix(engine), tableName: ATTACHMENTS });
  const inFlight = new Set<Promise<unknown>>();
  const patched = <T extends object>(operator: T): T => {
    const op = operator as unknown as { publish(document: Record<string, unknown>): Promise<unknown> };
    const publish = op.publish.bind(op);
    op.publish = (document) => {
      const sent = publish({ ...document, nsp: NAMESPACE });
      inFlight.add(sent);
      void sent.finally(() => inFlight.delete(sent));
      return sent;
    };
    return operator;
  };
  return {
    poke: (townshipId: string) => patched(emitter.to(townshipRoom(townshipId))).emit('poke'),
    disconnect: (townshipId: string, version: number) =>
      patched(emitter.in(townshipRoom(townshipId)).except(credentialsRoom(townshipId, version))).disconnectSockets(true),
    flush: async () => {
      await Promise.allSettled([...inFlight]);
    },
  };
}
