/**
 * The crash harness's child process: starts the real core on the given data
 * folder and performs user actions until it is killed, printing one line
 * `C <json>` per committed action (after the call returned ok) to stdout.
 * Run: node --import tsx core/testing/crash/worker.ts <dataDir> <seed>
 */
import { startCore } from '../../app';
import { CRASH_GENERATORS, crashWorld } from './actions';
import { prng } from './prng';

async function main(): Promise<void> {
  const [dataDir, seedText] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: crash-worker.ts <dataDir> <seed>');
  const random = prng(Number(seedText ?? 1));
  const app = startCore({ dataDir, seedDemo: true, demoEvents: 0, tickMs: 0, log: () => {} });
  const world = await crashWorld(app, random);
  process.stdout.write('READY\n');
  const parent = process.ppid;
  for (;;) {
    // Never outlive the harness (a timed-out test, a stopped soak): an orphan is re-parented.
    if (process.ppid !== parent) process.exit(4);
    const generator = CRASH_GENERATORS[Math.floor(random() * CRASH_GENERATORS.length)]!;
    try {
      const committed = await generator.act(world);
      if (committed) process.stdout.write(`C ${JSON.stringify(committed)}\n`);
    } catch (error) {
      process.stderr.write(`E ${generator.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`F ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(3);
});
