import { AppError } from '../../common/errors';
import type { CountyLink } from './client';

/**
 * The county link from COMMAND_ROOM_COUNTY_URL, COMMAND_ROOM_TOWNSHIP_ID and
 * COMMAND_ROOM_COUNTY_TOKEN (for unattended runs; both shells read them).
 * All three or none: a partial set is an error a person must fix.
 */
export function countyFromEnv(env: Record<string, string | undefined>): CountyLink | undefined {
  const url = env.COMMAND_ROOM_COUNTY_URL?.trim();
  const townshipId = env.COMMAND_ROOM_TOWNSHIP_ID?.trim();
  const token = env.COMMAND_ROOM_COUNTY_TOKEN?.trim();
  if (!url && !townshipId && !token) return undefined;
  if (!url || !townshipId || !token) {
    throw new AppError(
      'BAD_INPUT',
      'Set all three of COMMAND_ROOM_COUNTY_URL, COMMAND_ROOM_TOWNSHIP_ID and COMMAND_ROOM_COUNTY_TOKEN, or none of them.',
    );
  }
  if (!/^https?:\/\/\S+$/.test(url))
    throw new AppError('BAD_INPUT', 'COMMAND_ROOM_COUNTY_URL must be an http:// or https:// address.');
  return { url, townshipId, token };
}
