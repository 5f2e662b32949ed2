import type { OutputOf, ParsedInputOf } from '../../common/contract';
import { AppError } from '../../common/errors';
import { getTownship, upsertTownship } from '../../db/queries/org';
import { hasTownship, isDemoTownship } from '../../db/queries/setup';
import { findUserByUsername, insertUser } from '../../db/queries/users';
import { assertStrongPassword, hashPassword } from '../auth/password';
import { audit, type ServiceContext } from '../context';
import { DEMO_TOWNSHIP } from '../demo/demo-township';
import { seedDemoTownship } from '../demo/seed';
import { assertMaySetUp } from './gate';

export function status(ctx: ServiceContext): OutputOf<'setup.status'> {
  const township = getTownship(ctx.db);
  return {
    needed: !township,
    demo: township ? isDemoTownship(ctx.db) : false,
    codeRequired: !township && !ctx.connection.local,
    township: township ? { name: township.name, code: township.code, countyName: township.countyName } : null,
  };
}

/**
 * The township's own start: its name and code and its first administrator,
 * in one transaction with the audit row. Nothing of the demo is created.
 */
export function create(ctx: ServiceContext, input: ParsedInputOf<'setup.create'>): OutputOf<'setup.create'> {
  const gate = assertMaySetUp(ctx, input.setupCode);
  // The gate is in memory; the database is the truth (another window may have finished first).
  if (hasTownship(ctx.db)) throw new AppError('FORBIDDEN', 'This room server is already set up. Sign in instead.');
  if (findUserByUsername(ctx.db, input.username)) {
    throw new AppError('DUPLICATE_NAME', `The username "${input.username}" is taken.`);
  }
  assertStrongPassword(input.password, input.username);
  const now = ctx.now();
  const townshipId = ctx.newId();
  upsertTownship(ctx.db, { id: townshipId, name: input.townshipName, code: input.townshipCode, countyName: input.countyName });
  const userId = ctx.newId();
  insertUser(ctx.db, {
    id: userId,
    username: input.username,
    displayName: input.displayName,
    role: 'admin',
    unitId: null,
    passwordHash: hashPassword(input.password),
    // They chose this password themselves, twice: nobody else knows it.
    mustChangePassword: false,
    disabled: false,
    failedLogins: 0,
    lockedUntil: null,
    lastLoginAt: null,
    createdAt: now,
    updatedAt: now,
  });
  audit(ctx, {
    action: 'setup',
    entity: 'township',
    entityId: townshipId,
    summary: {
      township: input.townshipName,
      code: input.townshipCode,
      county: input.countyName,
      admin: input.username,
      local: ctx.connection.local === true,
    },
  });
  ctx.afterCommit(() => {
    gate.code = null;
  });
  return { username: input.username };
}

/** The 体验演示数据 button: the demo township, as `--demo` would have made it. */
export function demo(ctx: ServiceContext, input: ParsedInputOf<'setup.demo'>): OutputOf<'setup.demo'> {
  const gate = assertMaySetUp(ctx, input.setupCode);
  const report = seedDemoTownship(ctx.db, ctx.now(), gate.demoEvents);
  if (!report) throw new AppError('FORBIDDEN', 'This room server is already set up. Sign in instead.');
  ctx.afterCommit(() => {
    gate.code = null;
  });
  return { township: DEMO_TOWNSHIP.name, users: report.users };
}
