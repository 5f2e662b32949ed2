import { startCountyServer, type CountyOptions, type CountyServer } from '../server';
import { townshipRoom } from '../server/cluster';
import { mountConsole, type ConsoleMount } from './mount';

export type CountyWithConsole = CountyServer & { console: ConsoleMount };

/**
 * The county center with its console: the console's files at `/`, its API on
 * the `/console` namespace, on the server's own engine (SQLite or PostgreSQL).
 */
export async function startCountyWithConsole(options: CountyOptions): Promise<CountyWithConsole> {
  let mount: ConsoleMount | null = null;
  const server = await startCountyServer({
    ...options,
    handleRequest: (req, res) => {
      if (mount?.handleHttp(req, res)) return;
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found.\n');
    },
  });
  const log = options.log ?? ((line: string) => console.log(`[county] ${line}`));
  mount = mountConsole({
    io: server.io,
    db: server.store.engine,
    log,
    townshipRoom,
    rotateToken: (id) => server.store.rotateToken(id),
    revokeTownship: (id) => server.store.revokeTownship(id),
  });
  const console_ = mount;
  return {
    ...server,
    console: console_,
    async close() {
      console_.close();
      await server.close();
    },
  };
}
