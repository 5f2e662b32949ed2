import { APP_SCHEME } from './window';

/**
 * The one permission a page gets: desktop notifications, so that a 特急 or
 * IoT alarm reaches the operator when the window is behind others. Only our
 * own origin may ask; everything else stays denied.
 */
export function isPermissionAllowed(permission: string, origin: string | undefined): boolean {
  return permission === 'notifications' && typeof origin === 'string' && origin.startsWith(`${APP_SCHEME}://`);
}
