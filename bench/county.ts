/**
 * `npm run bench` county suite (issue 15): 1,000 simulated townships connected at once, each
 * pushing 100 changes and pulling 20 messages, on SQLite with one node, PostgreSQL with one node
 * and PostgreSQL with two nodes, in one run. The simulator and every node are processes of their
 * own; PostgreSQL is COUNTY_BENCH_DATABASE_URL (or COUNTY_TEST_DATABASE_URL), else a throwaway
 * cluster started here the way .ci/run starts it. Reports changes per second, push
 * acknowledgement p99 (paced and flat out), pull p99, memory per connection, each node's share of
 * the townships, and CPU seconds per process: where the time goes on this machine's 2 cores.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CountyStore } from '../county/store/store';
import { testCountyDatabase, type EngineKind } from '../county/store/testing';

const TOWNSHIPS = Number(process.env.BENCH_COUNTY_TOWNSHIPS ?? 1000);
const CHANGES = 100;
const PACED = 20;
// 1,000 townships × 2 pushes over 40 s: 50 pushes (500 changes) a second, about a third of what this machine takes flat out.
const PACED_MS = 40_000;
const BATCH = 10;
const MESSAGES = 20;

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

type Reply = { type: string } & Record<string, unknown>;
function spawnChild(script: string, env: Record<string, string>): { child: ChildProcess; next(type: string): Promise<Reply> } {
  const child = fork(here(script), [], {
    env: { ...process.env, ...env },
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting: ((m: Reply) => void)[] = [];
  const inbox: Reply[] = [];
  child.on('message', (m: Reply) => {
    if (m.type === 'error') console.error(`${script}: ${String(m.message)}`);
    const w = waiting.shift();
    if (w) w(m);
    else inbox.push(m);
  });
  return {
    child,
    next: (type) =>
      new Promise((resolve, reject) => {
        const take = (m: Reply) => (m.type === type ? resolve(m) : reject(new Error(`${script}: ${JSON.stringify(m)}`)));
        const m = inbox.shift();
        if (m) take(m);
        else waiting.push(take);
      }),
  };
}

/** A throwaway PostgreSQL for the bench when none is given (.ci/postgres.sh). */
function startPostgres(): { url: string; dataDir: string | null; stop(): void } {
  const given = process.env.COUNTY_BENCH_DATABASE_URL || process.env.COUNTY_TEST_DATABASE_URL;
  if (given) return { url: given, dataDir: null, stop: () => {} };
  const out = execFileSync(
    'bash',
    [
      '-c',
      'set -euo pipefail; source .ci/postgres.sh; start_throwaway_postgres >&2; echo "$COUNTY_TEST_DATABASE_URL $PG_DIR $PG_BIN"',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [url, dir, bin] = out.trim().split(' ');
  return {
    url: url!,
    dataDir: join(dir!, 'data'),
    stop: () =>
      execFileSync('bash', ['-c', `source .ci/postgres.sh; PG_DIR='${dir}'; PG_BIN='${bin}'; stop_throwaway_postgres`], {
        stdio: 'inherit',
      }),
  };
}

/** CPU seconds of the cluster: the postmaster with its finished children, plus its live backends (Linux /proc). */
function postgresCpuMs(dataDir: string | null): number | null {
  if (!dataDir) return null;
  try {
    const ticks = 100;
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const fields = (p: number) => readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const own = fields(pid);
    let total = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const f = fields(Number(entry));
        if (Number(f[1]) === pid) total += Number(f[11]) + Number(f[12]);
      } catch {
        // gone meanwhile
      }
    }
    return (total / ticks) * 1000;
  } catch {
    return null;
  }
}

interface Outcome {
  config: string;
  nodes: number;
  connectMs: number;
  changesPerSecond: number;
  pacedP99: number;
  pacedP50: number;
  burstP99: number;
  burstP50: number;
  pullP99: number;
  memoryPerConnectionKb: number;
  shares: number[];
  cpuSeconds: Record<string, number | null>;
  wallSeconds: number;
}

async function runConfig(
  kind: EngineKind,
  nodes: number,
  postgres: { url: string; dataDir: string | null } | null,
): Promise<Outcome> {
  const config = `${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${nodes} node${nodes > 1 ? 's' : ''}`;
  if (postgres) process.env.COUNTY_TEST_DATABASE_URL = postgres.url;
  const database = await testCountyDatabase(kind);
  try {
    const store = await CountyStore.open(database.options);
    const townships: { id: string; token: string }[] = [];
    for (let i = 0; i < TOWNSHIPS; i++) {
      const id = `T${String(i).padStart(4, '0')}`;
      townships.push({ id, token: await store.addTownship(id, `乡镇${i}`) });
      await store.appendMany(
        id,
        Array.from({ length: MESSAGES }, (_, k) => ({ type: 'notice', data: { title: `通知 ${k}`, body: '请阅' } })),
      );
    }
    await store.close();

    const env = { COUNTY_DATA_DIR: database.options.dataDir ?? '', COUNTY_DATABASE_URL: database.options.databaseUrl ?? '' };
    const started = Array.from({ length: nodes }, () => spawnChild('./county-node.ts', env));
    const ports = (await Promise.all(started.map((n) => n.next('ready')))).map((m) => Number(m.port));
    const stats = async () =>
      Promise.all(
        started.map((n) => {
          n.child.send({ type: 'stats' });
          return n.next('stats') as Promise<Reply & { rss: number; connections: number; cpuMs: number }>;
        }),
      );
    const idle = await stats();
    const sim = spawnChild('./county-sim.ts', {});
    await sim.next('ready');
    sim.child.send({ type: 'connect', urls: ports.map((p) => `http://127.0.0.1:${p}`), townships });
    const connected = await sim.next('connected');
    const held = await stats();
    const pgBefore = postgresCpuMs(postgres?.dataDir ?? null);
    const wallStarted = performance.now();
    sim.child.send({ type: 'run', changes: CHANGES, paced: PACED, pacedMs: PACED_MS, batch: BATCH, messages: MESSAGES });
    const done = (await sim.next('done')) as Reply & {
      paced: { p50: number; p99: number };
      burst: { p50: number; p99: number; ms: number; changes: number };
      pull: { p99: number };
      cpuMs: number;
    };
    const wallSeconds = (performance.now() - wallStarted) / 1000;
    const after = await stats();
    const pgAfter = postgresCpuMs(postgres?.dataDir ?? null);
    sim.child.send({ type: 'stop' });
    for (const n of started) n.child.send({ type: 'stop' });
    await Promise.all([sim, ...started].map((p) => new Promise((resolve) => p.child.once('exit', resolve))));

    const cpuSeconds: Record<string, number | null> = { simulator: done.cpuMs / 1000 };
    after.forEach((s, i) => (cpuSeconds[`node ${i + 1}`] = (s.cpuMs - held[i]!.cpuMs) / 1000));
    cpuSeconds.postgres = pgBefore !== null && pgAfter !== null ? (pgAfter - pgBefore) / 1000 : null;
    return {
      config,
      nodes,
      connectMs: Number(connected.ms),
      changesPerSecond: done.burst.changes / (done.burst.ms / 1000),
      pacedP50: done.paced.p50,
      pacedP99: done.paced.p99,
      burstP50: done.burst.p50,
      burstP99: done.burst.p99,
      pullP99: done.pull.p99,
      memoryPerConnectionKb: held.reduce((sum, s, i) => sum + (s.rss - idle[i]!.rss), 0) / TOWNSHIPS / 1024,
      shares: held.map((s) => s.connections / TOWNSHIPS),
      cpuSeconds,
      wallSeconds,
    };
  } finally {
    await database.remove();
  }
}

export async function benchCounty(): Promise<void> {
  console.log(
    `\ncounty: ${TOWNSHIPS} townships × ${CHANGES} changes (${PACED} paced over ${PACED_MS / 1000} s, the rest flat out, ${BATCH} per push) and ${MESSAGES} messages pulled`,
  );
  const outcomes: Outcome[] = [await runConfig('sqlite', 1, null)];
  const postgres = startPostgres();
  try {
    outcomes.push(await runConfig('postgres', 1, postgres));
    outcomes.push(await runConfig('postgres', 2, postgres));
  } finally {
    postgres.stop();
  }
  const f = (n: number, d = 0) => n.toFixed(d);
  console.table(
    outcomes.map((o) => ({
      config: o.config,
      'changes/s (flat out)': f(o.changesPerSecond),
      'push ack p99 paced ms': f(o.pacedP99, 1),
      'push ack p99 flat out ms': f(o.burstP99, 1),
      'pull p99 ms': f(o.pullP99, 1),
      'KB per connection': f(o.memoryPerConnectionKb, 1),
      'townships per node': o.shares.map((s) => `${f(s * 100)} %`).join(' / '),
      'CPU s sim / nodes / pg': [
        f(o.cpuSeconds.simulator ?? 0, 1),
        Object.entries(o.cpuSeconds)
          .filter(([k]) => k.startsWith('node'))
          .map(([, v]) => f(v ?? 0, 1))
          .join('+'),
        o.cpuSeconds.postgres === null ? '?' : f(o.cpuSeconds.postgres!, 1),
      ].join(' / '),
      'wall s': f(o.wallSeconds, 1),
    })),
  );
  const [sqlite, pg1, pg2] = outcomes as [Outcome, Outcome, Outcome];
  const ratios = {
    'PostgreSQL/1 ÷ SQLite/1 changes/s': pg1.changesPerSecond / sqlite.changesPerSecond,
    'PostgreSQL/2 ÷ PostgreSQL/1 changes/s': pg2.changesPerSecond / pg1.changesPerSecond,
  };
  const targets = {
    'p99 push ack (paced) ≤ 500 ms on every configuration': outcomes.every((o) => o.pacedP99 <= 500),
    'two nodes each serve ≥ 40 % of the townships': pg2.shares.every((s) => s >= 0.4),
    'two nodes not slower than one': pg2.changesPerSecond >= pg1.changesPerSecond,
  };
  console.log(ratios, targets);
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const result = {
    suite: 'county',
    at: new Date().toISOString(),
    node: process.version,
    townships: TOWNSHIPS,
    outcomes,
    ratios,
    targets,
  };
  writeFileSync(join(dir, 'county.json'), JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchCounty();
