import { z } from 'zod';
import { ROLES } from '../roles';
import { Id, Millis } from './shared';

/*
 * What every kind of case (an event, a supervision order, and the kinds to
 * come) shows the same way: its photos, its files and its timeline.
 */

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
export const MAX_PHOTOS = 9;

/** A photo sent with an action: base64 over the contract, checked against its bytes in the core. */
export const PhotoUpload = z.strictObject({
  name: z.string().trim().min(1).max(120),
  mime: z.enum(PHOTO_TYPES),
  dataBase64: z
    .string()
    .min(4)
    .max(Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64'),
});
export const Photos = z.array(PhotoUpload).max(MAX_PHOTOS).default([]);

/** A stored photo or file of a case, as listed (its bytes come through the case's `attachment` method). */
export const Attachment = z.object({
  id: Id,
  sha256: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  at: Millis,
});
export type Attachment = z.infer<typeof Attachment>;

/** A file handed to the user: an attachment's bytes, a printed PDF, a workbook. */
export const FileOut = z.object({ name: z.string(), mime: z.string(), dataBase64: z.string() });
export type FileOut = z.infer<typeof FileOut>;

/** One entry of a case's timeline: who moved it from which state to which, and why, with its photos. */
export const TimelineEntry = z.object({
  id: Id,
  kind: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  actorName: z.string(),
  actorRole: z.enum(ROLES).nullable(),
  unitName: z.string().nullable(),
  note: z.string(),
  payload: z.record(z.string(), z.unknown()),
  at: Millis,
  attachments: z.array(Attachment),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;
