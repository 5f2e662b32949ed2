/**
 * A township for the chaos test and the soak run, in its own process so it can
 * be killed with SIGKILL: starts the real core with the county link, writes
 * `TARGET_CHANGES` changes into the outbox in small transactions (resuming
 * after a kill from what the database holds), and cuts its own connection at
 * random moments with `socket.io.engine.close()`.
 */
import { v7 as uuidv7 } from 'uuid';
import { appendOutbox } from '../../../db/queries/outbox';
import { outboxCountOf } from '../../../db/testing';
import { startCore } from '../../app';
import { FAST_CLIENT } from './harness';
import { sampleRecord } from './samples';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const target = Number(env('TARGET_CHANGES'));
const cutMin = Number(process.env.CUT_MIN_MS ?? 300);
const cutMax = Number(process.env.CUT_MAX_MS ?? 1500);

const app = startCore({
  dataDir: env('DATA_DIR'),
  seedDemo: true,
  demoEvents: 0,
  tickMs: 0,
  log: process.env.TOWNSHIP_LOG ? (...args: unknown[]) => console.error(new Date().toISOString(), ...args) : () => {},
  sync: {
    county: { url: env('COUNTY_URL'), townshipId: env('TOWNSHIP_ID'), token: env('COUNTY_TOKEN') },
    client: FAST_CLIENT,
  },
});
const db = app.db;
const generated = () => outboxCountOf(db, 'daily_figures');

let stopped = false;
const cut = () => {
  if (stopped) return;
  app.sync.client.rawSocket?.io.engine?.close();
  setTimeout(cut, cutMin + Math.random() * (cutMax - cutMin));
};
setTimeout(cut, cutMin + Math.random() * (cutMax - cutMin));

const write = db.transaction((from: number, n: number) => {
  for (let i = from; i < from + n; i++) {
    const r = sampleRecord('daily_figures', i + 1);
    appendOutbox(db, {
      id: uuidv7(),
      entity: 'daily_figures',
      entityId: r.entityId,
      op: 'upsert',
      at: Date.now(),
      data: JSON.stringify(r.data),
    });
  }
});

async function generate(): Promise<void> {
  for (let done = generated(); done < target && !stopped; done = generated()) {
    write.immediate(done, Math.min(50, target - done));
    app.sync.kick();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  process.stdout.write('generated\n');
}

// The test that spawned this township is gone (see township-child.ts): so is the township.
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => {
  stopped = true;
  app.close();
  process.exit(0);
});
process.stdout.write('ready\n');
void generate();
