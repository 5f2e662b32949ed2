import { join } from 'node:path';
import { createConsoleUser } from './api/auth';
import { CONSOLE_ROLES, ConsoleError, type ConsoleRole } from './roles';
import { audit } from './store/audit';
import { openCountyEngine } from '../store/engine';

export const ADD_USER_HELP = `  npm run county -- add-user <username> <county_admin|county_dispatcher|county_supervisor> [display name]
      create a county console user and print a one-time password (changed at the first sign-in);
      the first county admin is created this way: the console has no built-in account`;

/** `add-user`: the console's users start here; nobody knows a password the CLI did not print. */
export async function addUserCommand(options: { dataDir: string; databaseUrl?: string }, args: string[]): Promise<string> {
  const [username, role, ...name] = args;
  if (!username || !role) throw new ConsoleError('BAD_INPUT', `Usage:\n${ADD_USER_HELP}`);
  if (!(CONSOLE_ROLES as readonly string[]).includes(role))
    throw new ConsoleError('BAD_INPUT', `The role must be one of ${CONSOLE_ROLES.join(', ')}.`);
  const engine = await openCountyEngine({
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    sqlitePath: join(options.dataDir, 'county.db'),
  });
  try {
    const { user, password } = await engine.transaction(async (tx) => {
      const created = await createConsoleUser(tx, {
        username,
        displayName: name.join(' ') || username,
        role: role as ConsoleRole,
      });
      await audit(tx, { userId: null, action: 'users.create', target: created.user.id, detail: { role, by: 'cli' } });
      return created;
    });
    return `Created ${user.role} "${user.username}". One-time password: ${password}\n(it must be changed at the first sign-in)`;
  } finally {
    await engine.close();
  }
}
