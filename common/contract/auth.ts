import { z } from 'zod';
import { ANY_ROLE, ROLES } from '../roles';
import { method } from './define';
import { Empty, Id, Nothing } from './shared';

export const SessionUser = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitId: Id.nullable(),
  unitName: z.string().nullable(),
  mustChangePassword: z.boolean(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const Password = z.string().min(1).max(128);
/** 32 random bytes, base64url; any other string is simply a token that matches no session. */
export const ResumeToken = z.string().min(1).max(200);

export const authContract = {
  'auth.login': method({
    summary: 'Sign in with username and password; 5 failures lock the account for 5 minutes.',
    input: z.strictObject({ username: z.string().trim().min(1).max(40), password: Password }),
    // The resume token goes to this caller only; the core keeps just its hash.
    output: SessionUser.extend({ resumeToken: ResumeToken }),
    roles: 'public',
    kind: 'write',
  }),
  'auth.resume': method({
    summary: 'Take over the session of a resume token (a tab that reconnected or reloaded); refused once it ended or idled out.',
    input: z.strictObject({ token: ResumeToken }),
    output: SessionUser,
    roles: 'public',
    kind: 'write',
  }),
  'auth.me': method({
    summary: 'The signed-in user of this connection, or null.',
    input: Empty,
    output: SessionUser.nullable(),
    roles: 'public',
    kind: 'read',
  }),
  'auth.logout': method({
    summary: 'End this connection’s session.',
    input: Empty,
    output: Nothing,
    roles: ANY_ROLE,
    kind: 'write',
  }),
  'auth.changePassword': method({
    summary: 'Change one’s own password (at least 8 characters, letters and digits).',
    input: z.strictObject({ oldPassword: Password, newPassword: Password }),
    output: Nothing,
    roles: ANY_ROLE,
    kind: 'write',
  }),
} as const;
