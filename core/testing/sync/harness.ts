/** Test helpers: a real county center and a real township core on loopback. Not used by production code. */
import { startCountyServer, type CountyServer } from '../../../county/server';
import { tempDir } from '../../../db/testing';
import { startCore, type CoreApp } from '../../app';
import { DEMO_PASSWORD, DEMO_USERS } from '../../demo/demo-township';
import type { Role } from '../../../common/roles';
import type { PushMessage } from '../../../common/topics';
import type { Connection } from '../../app';
import type { SyncOptions } from '../../sync';

export const FAST_CLIENT: NonNullable<SyncOptions['client']> = {
  timeoutMs: 3000,
  backoff: { minMs: 50, maxMs: 500 },
  pollMs: 100,
  refusedRetryMs: 500,
};

export async function startTestCounty(dataDir?: string, port = 0): Promise<CountyServer & { dir: string; remove(): void }> {
  const dir = dataDir ? { path: dataDir, remove: () => {} } : tempDir('county-test-');
  const server = await startCountyServer({ dataDir: dir.path, port, log: () => {}, watchMs: 50 });
  return Object.assign(server, { dir: dir.path, remove: dir.remove });
}

export interface TestTownship {
  app: CoreApp;
  dir: string;
  pushes: PushMessage[];
  signIn(role: Role): Promise<Connection>;
  stop(): void;
}

export function startTestTownship(
  options: {
    sync?: SyncOptions;
    seedDemo?: boolean;
    dataDir?: string;
    log?: (message: string, error?: unknown) => void;
    now?: () => number;
  } = {},
): TestTownship {
  const dir = options.dataDir ? { path: options.dataDir, remove: () => {} } : tempDir('township-test-');
  const app = startCore({
    dataDir: dir.path,
    seedDemo: options.seedDemo ?? true,
    demoEvents: 0,
    log: options.log ?? (() => {}),
    tickMs: 0,
    ...(options.now ? { now: options.now } : {}),
    sync: { ...options.sync, client: { ...FAST_CLIENT, ...options.sync?.client } },
  });
  const pushes: PushMessage[] = [];
  return {
    app,
    dir: dir.path,
    pushes,
    async signIn(role) {
      const user = DEMO_USERS.find((u) => u.role === role)!;
      const connection = app.connect((message) => pushes.push(message));
      const result = await connection.call('auth.login', { username: user.username, password: DEMO_PASSWORD });
      if (!result.ok) throw new Error(`sign-in as ${role} failed: ${result.error.code}`);
      return connection;
    },
    stop() {
      app.close();
      dir.remove();
    },
  };
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
