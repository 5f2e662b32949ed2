/**
 * Which links may leave the app for the system browser. Pure, so
 * external-links.test.ts checks it without Electron.
 */

/** An http(s) URL without credentials, normalised; anything else (file:, javascript:, custom schemes) is null. */
export function safeExternalUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > 2048) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username || parsed.password || !parsed.hostname) return null;
  return parsed.href;
}

/**
 * What a window-open request may become: the system browser only for an
 * http(s) link the user clicked (Chromium reports a click on a
 * `target="_blank"` link, or a middle/ctrl click, as a tab disposition;
 * a script's popup is `new-window` and is refused). The app itself never
 * opens a window, so every other request is denied.
 */
export function externalLinkFromWindowOpen(details: { url?: unknown; disposition?: unknown }): string | null {
  if (details.disposition !== 'foreground-tab' && details.disposition !== 'background-tab') return null;
  return safeExternalUrl(details.url);
}
