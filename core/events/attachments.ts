import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_PHOTO_BYTES, type PHOTO_TYPES } from '../../common/contract/case-file';
import { AppError } from '../../common/errors';
import { getAttachment, insertAttachment } from '../../db/queries/events';
import type { ServiceContext } from '../context';

type PhotoType = (typeof PHOTO_TYPES)[number];

/** What the first bytes of each accepted type look like: the declared type must match the bytes. */
function sniff(bytes: Buffer): PhotoType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  return null;
}

export function attachmentPath(dataDir: string, sha256: string): string {
  return join(dataDir, 'attachments', sha256.slice(0, 2), sha256);
}

export interface PhotoInput {
  name: string;
  mime: PhotoType;
  dataBase64: string;
}

/**
 * Checks every photo before writing any, then stores each under its SHA-256
 * (written to a temporary name and renamed, so a crash never leaves half a
 * file under a real name). A file left behind by a rolled-back action is
 * harmless: it is content-addressed and unreferenced.
 */
/**
 * Checks every photo before writing any, then writes each file under its
 * SHA-256 (to a temporary name and renamed, so a crash never leaves half a
 * file under a real name). A file left behind by a rolled-back action is
 * harmless: it is content-addressed and unreferenced. Supervision stores its
 * photos the same way and lists them in its own table.
 */
export function writePhotoFiles(
  ctx: ServiceContext,
  photos: PhotoInput[],
): { photo: PhotoInput; sha256: string; size: number }[] {
  const decoded = photos.map((photo, index) => {
    const bytes = Buffer.from(photo.dataBase64, 'base64');
    if (bytes.length === 0) throw new AppError('UNSUPPORTED_FILE', `Photo ${index + 1} ("${photo.name}") is empty.`);
    if (bytes.length > MAX_PHOTO_BYTES) {
      throw new AppError(
        'TOO_LARGE',
        `Photo ${index + 1} ("${photo.name}") is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${MAX_PHOTO_BYTES / 1048576} MB.`,
      );
    }
    const actual = sniff(bytes);
    if (actual !== photo.mime) {
      throw new AppError(
        'UNSUPPORTED_FILE',
        `Photo ${index + 1} ("${photo.name}") is not a ${photo.mime.replace('image/', '').toUpperCase()} image. Use JPEG, PNG or WebP photos.`,
      );
    }
    return { photo, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
  return decoded.map(({ photo, bytes, sha256 }) => {
    const path = attachmentPath(ctx.dataDir, sha256);
    if (!existsSync(path)) {
      mkdirSync(join(path, '..'), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, bytes, { flush: true });
      renameSync(temporary, path);
    }
    return { photo, sha256, size: bytes.length };
  });
}

/** Stores an action's photos and lists them as the event's attachments. */
export function storePhotos(ctx: ServiceContext, eventId: string, actionId: string | null, photos: PhotoInput[]): string[] {
  return writePhotoFiles(ctx, photos).map(({ photo, sha256, size }) => {
    const id = ctx.newId();
    insertAttachment(ctx.db, {
      id,
      sha256,
      eventId,
      actionId,
      name: photo.name,
      mime: photo.mime,
      size,
      uploadedBy: ctx.actor?.userId ?? null,
      at: ctx.now(),
    });
    return id;
  });
}

/** Reads a stored file back and checks it against its SHA-256. */
export function readStoredFile(dataDir: string, record: { name: string; sha256: string }): Buffer {
  const path = attachmentPath(dataDir, record.sha256);
  if (!existsSync(path))
    throw new AppError('NOT_FOUND', `The file of "${record.name}" is missing from the data folder; restore it from a backup.`);
  const bytes = readFileSync(path);
  if (createHash('sha256').update(bytes).digest('hex') !== record.sha256) {
    throw new AppError('CONFLICT', `The file of "${record.name}" has been altered on disk; restore it from a backup.`);
  }
  return bytes;
}

export function readAttachment(
  ctx: ServiceContext,
  id: string,
): { name: string; mime: string; dataBase64: string; eventId: string } {
  const record = getAttachment(ctx.db, id);
  if (!record) throw new AppError('NOT_FOUND', 'That attachment does not exist.');
  const bytes = readStoredFile(ctx.dataDir, record);
  return { name: record.name, mime: record.mime, dataBase64: bytes.toString('base64'), eventId: record.eventId };
}
