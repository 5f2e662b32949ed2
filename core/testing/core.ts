/**
 * Helpers for tests that run the real core on a real SQLite file in a fresh
 * temporary folder. Not imported by production code.
 */
import { createHash } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MethodName, OutputOf } from '../../common/contract';
import type { Result } from '../../common/errors';
import type { Role } from '../../common/roles';
import type { PushMessage } from '../../common/topics';
import type { Db } from '../../db';
import { countRows, everyTableRow, insertRawSetting, settingRowCount, storedAuditRows, tempDir } from '../../db/testing';
import { DATABASE_FILE, startCore, type Connection, type CoreApp } from '../app';
import { DEMO_PASSWORD, DEMO_USERS } from '../demo/demo-township';
import type { PrintPdf } from '../print/pdf';

export { countRows, insertRawSetting, settingRowCount, storedAuditRows, tempDir };

export interface TestCore {
  app: CoreApp;
  db: Db;
  clock: { now: number; advance(ms: number): void };
  pushes: PushMessage[];
  connect(): Connection;
  /** A connection signed in as the demo user of that role. */
  signIn(role: Role): Promise<Connection>;
  stop(): void;
}

/** The moment every test core starts at (China time 09:00 on 30 November 2026). */
export const TEST_CORE_START = Date.UTC(2026, 10, 30, 1, 0, 0);

/**
 * The demo township without events, seeded at TEST_CORE_START once per run
 * (core/testing/global-setup.ts): a test core copies the file instead of
 * seeding the same township again, which hashes six passwords every time.
 */
export const DEMO_TEMPLATE_ENV = 'COMMAND_ROOM_TEST_TEMPLATE';

export function startTestCore(options: { seedDemo?: boolean; demoEvents?: number; printPdf?: PrintPdf } = {}): TestCore {
  const dir = tempDir();
  const seedDemo = options.seedDemo ?? true;
  const template = process.env[DEMO_TEMPLATE_ENV];
  if (seedDemo && !options.demoEvents && template) copyFileSync(template, join(dir.path, DATABASE_FILE));
  const clock = {
    now: TEST_CORE_START,
    advance(ms: number) {
      clock.now += ms;
    },
  };
  const app = startCore({
    dataDir: dir.path,
    seedDemo,
    demoEvents: options.demoEvents ?? 0,
    now: () => clock.now,
    log: () => {},
    tickMs: 0,
    ...(options.printPdf ? { printPdf: options.printPdf } : {}),
    backupCheckMs: 0,
  });
  const pushes: PushMessage[] = [];
  const connect = () => app.connect((message) => pushes.push(message));
  return {
    app,
    db: app.db,
    clock,
    pushes,
    connect,
    async signIn(role) {
      const user = DEMO_USERS.find((u) => u.role === role);
      if (!user) throw new Error(`no demo user for ${role}`);
      const connection = connect();
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

/** Unwraps a successful result or fails the test with the error it carried. */
export function expectOk<M extends MethodName>(result: Result<unknown>, _method?: M): OutputOf<M> {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as OutputOf<M>;
}

export function errorCode(result: Result<unknown>): string | null {
  return result.ok ? null : result.error.code;
}

/** SHA-256 of every row of every table, by table, to prove that nothing changed. */
export function databaseDigest(db: Db): Record<string, string> {
  return Object.fromEntries(
    [...everyTableRow(db)].map(([table, tableRows]) => {
      // Sorted in JS: some shadow tables of the FTS index have no rowid.
      const rows = tableRows
        .map((row) => JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)))
        .sort();
      return [table, createHash('sha256').update(rows.join('\n')).digest('hex')];
    }),
  );
}
