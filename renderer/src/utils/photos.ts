import type { z } from 'zod';
import { MAX_PHOTO_BYTES, MAX_PHOTOS, PHOTO_TYPES, type PhotoUpload } from '@common/contract';

export type PhotoType = (typeof PHOTO_TYPES)[number];
/** A photo as the contract sends it: name, type and the bytes in base64. */
export type Photo = z.infer<typeof PhotoUpload>;

/** Why a chosen file cannot be sent; checked here so nobody waits for an upload the core would refuse. */
export type PhotoProblem = 'type' | 'size' | 'count';

export interface FileLike {
  name: string;
  type: string;
  size: number;
}

export function isPhotoType(mime: string): mime is PhotoType {
  return (PHOTO_TYPES as readonly string[]).includes(mime);
}

/** The same limits as the contract: JPEG/PNG/WebP, ≤ 8 MB each, ≤ 9 in all. */
export function photoProblem(file: FileLike, alreadyChosen: number): PhotoProblem | null {
  if (alreadyChosen >= MAX_PHOTOS) return 'count';
  if (!isPhotoType(file.type)) return 'type';
  if (file.size > MAX_PHOTO_BYTES || file.size === 0) return 'size';
  return null;
}

/** The file name the contract accepts: trimmed, at most 120 characters, never blank. */
export function photoName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length <= 120) return trimmed || 'photo';
  const dot = trimmed.lastIndexOf('.');
  const extension = dot > 0 && trimmed.length - dot <= 8 ? trimmed.slice(dot) : '';
  return trimmed.slice(0, 120 - extension.length) + extension;
}

/** `data:image/png;base64,AAAA` → `AAAA`. */
export function base64OfDataUrl(dataUrl: string): string {
  const comma = dataUrl.indexOf(',');
  return comma < 0 ? '' : dataUrl.slice(comma + 1);
}

export function dataUrlOf(mime: string, dataBase64: string): string {
  return `data:${mime};base64,${dataBase64}`;
}

/** Read a chosen image as the contract's upload. */
export function readPhoto(file: File): Promise<Photo> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const mime = file.type;
      if (!isPhotoType(mime)) return reject(new Error('unsupported type'));
      resolve({ name: photoName(file.name), mime, dataBase64: base64OfDataUrl(String(reader.result)) });
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
