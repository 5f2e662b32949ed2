import { z } from 'zod';
import { ADMIN, ANY_ROLE } from '../roles';
import { method } from './define';
import { Nothing } from './shared';

export const SyncLink = z.enum(['off', 'connecting', 'online', 'offline', 'refused']);
export type SyncLink = z.infer<typeof SyncLink>;

/** What the status bar shows: the link, the queue of unsent changes, the last sync and the last error. */
export const SyncStatus = z.object({
  configured: z.boolean(),
  link: SyncLink,
  unsent: z.number().int(),
  lastSeq: z.number().int(),
  ackedSeq: z.number().int(),
  appliedOffset: z.number().int(),
  lastSuccessAt: z.number().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.number().nullable(),
  /** County messages that were unknown or rejected, for the admin. */
  problems: z.number().int(),
  /** Changes the county refused (PROTOCOL.md revision 2) that the admin has not yet re-sent or dismissed. */
  refused: z.number().int(),
  /** Taking back from the county what a restored backup lost; nothing is pushed meanwhile. */
  recovering: z.boolean(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncSettings = z.object({
  url: z.string(),
  townshipId: z.string(),
  enabled: z.boolean(),
  hasToken: z.boolean(),
  /** `environment`: COMMAND_ROOM_COUNTY_* variables set these for this run; the page cannot change them. */
  source: z.enum(['settings', 'environment']),
});
export type SyncSettings = z.infer<typeof SyncSettings>;

export const InboxStatus = z.enum(['applied', 'unknown', 'rejected', 'duplicate']);
export const InboxEntry = z.object({
  id: z.string(),
  offset: z.number().int(),
  messageId: z.string(),
  type: z.string(),
  at: z.string(),
  receivedAt: z.number(),
  status: InboxStatus,
  reason: z.string(),
  entityId: z.string().nullable(),
  data: z.unknown(),
});
export type InboxEntry = z.infer<typeof InboxEntry>;

/** A change the county refused (PROTOCOL.md revision 2), with what the admin did about it. */
export const RefusedChange = z.object({
  seq: z.number().int(),
  changeId: z.string(),
  entity: z.string(),
  entityId: z.string(),
  code: z.string(),
  message: z.string(),
  refusedAt: z.number(),
  state: z.enum(['open', 'resent', 'dismissed']),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.number().nullable(),
  reason: z.string(),
  resentSeq: z.number().int().nullable(),
  /** The record as it was sent (null for a delete). */
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type RefusedChange = z.infer<typeof RefusedChange>;

/** `seq` orders the notices as received and pages them (`before`). */
export const Notice = z.object({
  id: z.string(),
  seq: z.number().int(),
  title: z.string(),
  body: z.string(),
  at: z.number(),
  read: z.boolean(),
});
export type Notice = z.infer<typeof Notice>;

const Page = { before: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(200).default(50) };

export const syncContract = {
  'sync.status': method({
    summary: 'The county link: state, unsent changes, last successful sync, last error.',
    input: z.strictObject({}),
    output: SyncStatus,
    roles: ANY_ROLE,
    kind: 'read',
  }),
  'sync.settings': method({
    summary: 'The county center this township syncs with (the token is never shown).',
    input: z.strictObject({}),
    output: SyncSettings,
    roles: ADMIN,
    kind: 'read',
  }),
  'sync.configure': method({
    summary: 'Set the county center address, township id and (optionally) a new token; reconnects.',
    input: z.strictObject({
      url: z
        .string()
        .trim()
        .max(300)
        .regex(/^(https?:\/\/[^\s/]+(\/\S*)?)?$/, 'an http(s):// address'),
      townshipId: z.string().trim().max(100),
      enabled: z.boolean(),
      /** A new token; omitted keeps the stored one, null removes it. */
      token: z.string().trim().min(8).max(500).nullable().optional(),
    }),
    output: SyncSettings,
    roles: ADMIN,
    kind: 'write',
  }),
  'sync.retry': method({
    summary: 'Try to sync now instead of waiting for the next retry.',
    input: z.strictObject({}),
    output: Nothing,
    roles: ADMIN,
    kind: 'read',
  }),
  'sync.inbox': method({
    summary: 'Messages from the county, newest first; by default the unknown and rejected ones.',
    input: z.strictObject({
      statuses: z.array(InboxStatus).min(1).max(4).default(['unknown', 'rejected']),
      ...Page,
    }),
    output: z.object({ entries: z.array(InboxEntry), more: z.boolean() }),
    roles: ADMIN,
    kind: 'read',
  }),
  'sync.refused': method({
    summary: 'Changes the county refused, newest first; by default the ones still open.',
    input: z.strictObject({
      states: z
        .array(z.enum(['open', 'resent', 'dismissed']))
        .min(1)
        .max(3)
        .default(['open']),
      before: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    output: z.object({ entries: z.array(RefusedChange), more: z.boolean() }),
    roles: ADMIN,
    kind: 'read',
  }),
  'sync.resendRefused': method({
    summary: 'Send a corrected record for a refused change, as a new change; audited.',
    input: z.strictObject({
      seq: z.number().int().min(1),
      /** The corrected record; checked against PROTOCOL.md (long texts are cut with a note). */
      data: z.record(z.string(), z.unknown()),
      reason: z.string().trim().max(500).default(''),
    }),
    output: RefusedChange,
    roles: ADMIN,
    kind: 'write',
  }),
  'sync.dismissRefused': method({
    summary: 'Dismiss a refused change with a reason (nothing is sent); audited.',
    input: z.strictObject({ seq: z.number().int().min(1), reason: z.string().trim().min(2).max(500) }),
    output: RefusedChange,
    roles: ADMIN,
    kind: 'write',
  }),
  'sync.countyOrders': method({
    summary: 'Supervision orders the county sent to the township, newest first.',
    input: z.strictObject(Page),
    output: z.object({ entries: z.array(InboxEntry), more: z.boolean() }),
    roles: ['director', 'admin'],
    kind: 'read',
  }),
  'sync.notices': method({
    summary: 'County notices (通知), newest first, with this user’s unread count.',
    input: z.strictObject(Page),
    output: z.object({ notices: z.array(Notice), unread: z.number().int(), more: z.boolean() }),
    roles: ANY_ROLE,
    kind: 'read',
  }),
  'sync.markNoticesRead': method({
    summary: 'Mark notices as read for the signed-in user.',
    input: z.strictObject({ ids: z.array(z.string().max(100)).min(1).max(500) }),
    output: z.object({ unread: z.number().int() }),
    roles: ANY_ROLE,
    kind: 'write',
  }),
} as const;
