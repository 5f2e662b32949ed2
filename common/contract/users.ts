import { z } from 'zod';
import { ADMIN, ROLES } from '../roles';
import { method } from './define';
import { Empty, Id, Millis, Name, Nothing } from './shared';
import { Password } from './auth';

export const UserRow = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitId: Id.nullable(),
  disabled: z.boolean(),
  lockedUntil: Millis.nullable(),
  lastLoginAt: Millis.nullable(),
});
export type UserRow = z.infer<typeof UserRow>;

export const Username = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, 'username: 3–32 lower-case letters, digits, _ . -');

export const usersContract = {
  'users.list': method({
    summary: 'All user accounts.',
    input: Empty,
    output: z.array(UserRow),
    roles: ADMIN,
    kind: 'read',
  }),
  'users.create': method({
    summary: 'Create an account; unit handlers must name their unit, other roles must not.',
    input: z.strictObject({
      username: Username,
      displayName: Name(20),
      role: z.enum(ROLES),
      unitId: Id.nullable().optional(),
      password: Password,
    }),
    output: UserRow,
    roles: ADMIN,
    kind: 'write',
  }),
  'users.update': method({
    summary: 'Change an account’s name, role, unit or disabled flag.',
    input: z
      .strictObject({
        id: Id,
        displayName: Name(20).optional(),
        role: z.enum(ROLES).optional(),
        unitId: Id.nullable().optional(),
        disabled: z.boolean().optional(),
      })
      .refine((v) => Object.keys(v).length > 1, { message: 'nothing to change' }),
    output: UserRow,
    roles: ADMIN,
    kind: 'write',
  }),
  'users.resetPassword': method({
    summary: 'Set a new password for an account; the user must change it at next sign-in.',
    input: z.strictObject({ id: Id, password: Password }),
    output: Nothing,
    roles: ADMIN,
    kind: 'write',
  }),
  'users.unlock': method({
    summary: 'Lift a lockout after failed sign-ins.',
    input: z.strictObject({ id: Id }),
    output: Nothing,
    roles: ADMIN,
    kind: 'write',
  }),
} as const;
