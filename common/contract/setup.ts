import { z } from 'zod';
import { Password } from './auth';
import { method } from './define';
import { TownshipCode } from './org';
import { Empty, Name } from './shared';
import { Username } from './users';

/**
 * The one-time code the room server prints at start while no township exists.
 * A caller that is not the machine itself must give it to run setup.
 */
export const SetupCode = z.string().trim().min(1).max(40);

export const SetupStatus = z.object({
  /** No township yet: the app shows the setup page instead of the login. */
  needed: z.boolean(),
  /** A database made by the demo seed: every page shows the 演示数据 banner. */
  demo: z.boolean(),
  /** This connection must give the setup code (it is not the machine itself). */
  codeRequired: z.boolean(),
  township: z.object({ name: z.string(), code: z.string(), countyName: z.string() }).nullable(),
});
export type SetupStatus = z.infer<typeof SetupStatus>;

export const setupContract = {
  'setup.status': method({
    summary: 'Whether this room server still needs its first-run setup, and whether it holds the demo township.',
    input: Empty,
    output: SetupStatus,
    roles: 'public',
    kind: 'read',
  }),
  'setup.create': method({
    summary:
      'First run: create the township and its first administrator. Only while no township exists, and only from the machine itself or with the setup code.',
    input: z
      .strictObject({
        townshipName: Name(40),
        townshipCode: TownshipCode,
        countyName: Name(40),
        username: Username,
        displayName: Name(20),
        password: Password,
        passwordAgain: Password,
        setupCode: SetupCode.optional(),
      })
      .refine((v) => v.password === v.passwordAgain, { message: 'the two passwords differ', path: ['passwordAgain'] }),
    output: z.object({ username: z.string() }),
    roles: 'public',
    kind: 'write',
  }),
  'setup.demo': method({
    summary: 'First run: fill the empty database with the demo township 清溪镇 instead. Same conditions as setup.create.',
    input: z.strictObject({ setupCode: SetupCode.optional() }),
    output: z.object({ township: z.string(), users: z.array(z.object({ username: z.string(), role: z.string() })) }),
    roles: 'public',
    kind: 'write',
  }),
} as const;
