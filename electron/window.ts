/**
 * The security settings of the desktop shell, as pure data and pure
 * predicates (ARCHITECTURE.md rule 6). Nothing here touches Electron at run
 * time — only its types — so `window.test.ts` checks every setting in plain
 * Node without the Electron binary.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** The privileged scheme the renderer is served from (see `protocol.ts`). */
export const APP_SCHEME = 'app';
/** The one host of that scheme. */
export const APP_HOST = 'command-room';
/** Origin of every page of ours, as Chromium serialises it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The URL the main window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const APP_TITLE = '乡镇综合信息指挥室';

/**
 * Content-Security-Policy of every page we serve. No `'unsafe-eval'`, no
 * remote origin anywhere: the renderer talks to the core only through the
 * preload bridge, never over the network. `style-src 'unsafe-inline'` is the
 * one concession: Element Plus sets inline styles (positions of popovers,
 * virtualized rows).
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'media-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'none'"],
  'child-src': ["'none'"],
  'frame-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
});

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');

/** Headers sent with every file of the renderer. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=(), payment=()',
});

/**
 * The web preferences of every window of ours. The renderer gets no Node, runs
 * in the OS sandbox, sees the preload's bridge only through context isolation,
 * and cannot embed other content.
 */
export function secureWebPreferences(preloadPath: string, options: { devTools?: boolean } = {}): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    enableWebSQL: false,
    plugins: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // A middle click must not open links behind the app's back (the window-open handler decides).
    disableBlinkFeatures: 'Auxclick',
    devTools: options.devTools ?? false,
  };
}

export interface MainWindowParams {
  preloadPath: string;
  /** Window icon (Linux and Windows when running unpacked); omitted when unknown. */
  iconPath?: string;
  /** Developer tools, only when the app is not packaged. */
  devTools?: boolean;
}

/** Options of the main window: a large, resizable window shown once painted. */
export function mainWindowOptions(params: MainWindowParams): BrowserWindowConstructorOptions {
  const options: BrowserWindowConstructorOptions = {
    title: APP_TITLE,
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    backgroundColor: '#f5f7fa',
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(params.preloadPath, { devTools: params.devTools ?? false }),
  };
  if (params.iconPath) options.icon = params.iconPath;
  return options;
}

function parseUrl(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length === 0) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether `url` belongs to our own origin: exactly our scheme and host, no
 * port, no user info. Compared part by part, not by string prefix, so
 * `app://command-room.evil/`, `app://command-room@evil/` and
 * `file:///…/command-room/` are all refused. (WHATWG `URL#origin` is `null`
 * for custom schemes in Node, so the parts are compared instead.)
 */
export function isOwnOrigin(url: unknown, expectedOrigin: string = APP_ORIGIN): boolean {
  const actual = parseUrl(url);
  const expected = parseUrl(expectedOrigin);
  if (!actual || !expected) return false;
  if (!expected.protocol || !expected.hostname) return false;
  return (
    actual.protocol === expected.protocol &&
    actual.hostname === expected.hostname &&
    actual.port === expected.port &&
    actual.username === '' &&
    actual.password === ''
  );
}

/**
 * Whether an IPC message comes from a frame we trust: the top-level frame of
 * a window, showing a page of our own origin. Subframes are refused whatever
 * they show.
 */
export function isTrustedSender(frameUrl: unknown, isMainFrame: boolean, expectedOrigin: string = APP_ORIGIN): boolean {
  return isMainFrame === true && isOwnOrigin(frameUrl, expectedOrigin);
}

/** Whether a window may navigate (or be redirected) to `url`: only within our own origin. */
export function isAllowedNavigation(url: unknown, expectedOrigin: string = APP_ORIGIN): boolean {
  return isOwnOrigin(url, expectedOrigin);
}
