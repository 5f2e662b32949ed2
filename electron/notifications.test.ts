import { describe, expect, it } from 'vitest';
import { isPermissionAllowed } from './notifications';
import { APP_SCHEME } from './window';

describe('page permissions', () => {
  it('allows notifications from our own origin only', () => {
    expect(isPermissionAllowed('notifications', `${APP_SCHEME}://command-room/index.html`)).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://example.com/')).toBe(false);
    expect(isPermissionAllowed('notifications', undefined)).toBe(false);
  });

  it('denies everything else, even from our origin', () => {
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen'])
      expect(isPermissionAllowed(permission, `${APP_SCHEME}://command-room/`)).toBe(false);
  });
});
