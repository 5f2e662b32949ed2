import { z } from 'zod';

/** UUIDv7 (or any UUID) as produced by the core. */
export const Id = z.string().uuid();

/** A person-facing name: trimmed, not blank, bounded. */
export const Name = (max = 60) => z.string().trim().min(1).max(max);

export const Phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-\s]{5,20}$/, 'phone must be 5–20 digits');

export const Empty = z.strictObject({});
export const Nothing = z.null();

export const ById = z.strictObject({ id: Id });

/** Epoch milliseconds. */
export const Millis = z.number().int().nonnegative();
