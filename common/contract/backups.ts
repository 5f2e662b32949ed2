import { z } from 'zod';
import { method } from './define';
import { Empty, Millis } from './shared';

export const BACKUP_KINDS = ['daily', 'manual', 'pre_migration'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** A backup's name: the file name without `.db`; the pattern keeps it inside the backup folder. */
export const BackupName = z
  .string()
  .regex(/^command-room-\d{8}-\d{6}(-\d{1,3})?-(daily|manual|pre_migration)$/, 'not a backup name');

export const BackupInfo = z.object({
  name: z.string(),
  kind: z.enum(BACKUP_KINDS),
  createdAt: Millis,
  size: z.number().int(),
  schemaVersion: z.number().int(),
  /** The audit chain's head when the backup was taken: anchors the chain outside the live file. */
  auditHead: z.object({ seq: z.number().int(), hash: z.string() }),
  attachments: z.number().int(),
  /** Attachment files the database referred to that were missing from the data folder. */
  missingAttachments: z.number().int(),
  /** Opened read-only after writing: quick_check ok and the expected schema version. */
  verified: z.boolean(),
  problem: z.string(),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

export const backupsContract = {
  'backups.list': method({
    summary: 'The backups in the backup folder, newest first, and whether one is being written.',
    input: Empty,
    output: z.object({
      folder: z.string(),
      backups: z.array(BackupInfo),
      running: z.boolean(),
      lastError: z.string().nullable(),
    }),
    roles: ['admin'],
    kind: 'read',
  }),
  'backups.create': method({
    summary: 'Start a manual backup now; a `backups.changed` push tells when it is written and verified.',
    input: Empty,
    output: z.object({ started: z.boolean() }),
    roles: ['admin'],
    kind: 'write',
  }),
  'backups.restore': method({
    summary: 'Replace the database with a backup: the current file is kept aside, every user is signed out and the app restarts.',
    input: z.strictObject({ name: BackupName, confirm: z.literal(true) }),
    output: z.object({ restarting: z.literal(true), keptAside: z.string() }),
    roles: ['admin'],
    kind: 'write',
  }),
} as const;
