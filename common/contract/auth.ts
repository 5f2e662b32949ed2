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

export const ActiveSession = z.object({
  id: Id,
  userId: Id,
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  address: z.string().nullable(),
  createdAt: z.number(),
  lastSeenAt: z.number(),
  connected: z.boolean(),
  /** The caller's own session. */
  current: z.boolean(),
});
export type ActiveSession = z.infer<typeof ActiveSession>;

export const authContract = {
  'auth.login': method({
    summary: 'Sign in with username and password; 5 failures lock the account for 5 minutes.',
    input: z.strictObject({ username: z.string().trim().min(1).max(40), password: Password }),
    // The resume token goes to this caller only; the core keeps just its hash.
    output: SessionUser.extend({ resumeToken: ResumeToken }),
    roles: 'public',
    // The password check runs off the core's thread before a short write transaction.
    kind: 'job',
  }),
  'auth.resume': method({
    summary:
      'Take over the session of a resume token (a tab that reconnected or reloaded) and get a new token; refused once it ended, idled out or outlived its lifetime.',
    input: z.strictObject({ token: ResumeToken }),
    output: SessionUser.extend({ resumeToken: ResumeToken }),
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
    kind: 'job',
  }),
  'auth.sessions': method({
    summary: 'The open sessions (user, role, address, since, last seen), for the administrator.',
    input: Empty,
    output: z.array(ActiveSession),
    roles: ['admin'],
    kind: 'read',
  }),
  'auth.endSession': method({
    summary: 'End one session now; its desk is signed out at once.',
    input: z.strictObject({ id: Id }),
    output: Nothing,
    roles: ['admin'],
    kind: 'write',
  }),
} as const;
