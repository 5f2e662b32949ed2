/** One county node for bench/county.ts, in a process of its own: starts, reports, stops on request. */
import { startCountyServer } from '../county/server';

const server = await startCountyServer({
  dataDir: process.env.COUNTY_DATA_DIR || undefined,
  databaseUrl: process.env.COUNTY_DATABASE_URL || undefined,
  port: 0,
  log: () => {},
  watchMs: 0,
});
const gc = (globalThis as { gc?: () => void }).gc;

process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') {
    gc?.();
    const cpu = process.cpuUsage();
    process.send!({
      type: 'stats',
      rss: process.memoryUsage().rss,
      connections: server.io.of('/township').sockets.size,
      cpuMs: (cpu.user + cpu.system) / 1000,
    });
  } else if (message.type === 'stop') {
    void server.close().then(() => process.exit(0));
  }
});
process.send!({ type: 'ready', port: server.port });
