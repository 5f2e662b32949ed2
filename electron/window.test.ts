import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  SECURITY_HEADERS,
  isAllowedNavigation,
  isOwnOrigin,
  isTrustedSender,
  mainWindowOptions,
  secureWebPreferences,
} from './window';

/** CSP as directive → sources, parsed back from the header string. */
function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(directives.has(name), `directive ${name} appears twice`).toBe(false);
    directives.set(name, sources);
  }
  return directives;
}

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/dist-electron/preload.cjs');

  it('isolates, sandboxes and keeps Node out of the renderer', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and embedding off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.enableWebSQL).toBe(false);
    expect(prefs.plugins).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('uses the given preload and no developer tools unless asked', () => {
    expect(prefs.preload).toBe('/app/dist-electron/preload.cjs');
    expect(prefs.devTools).toBe(false);
    expect(secureWebPreferences('/p.cjs', { devTools: true }).devTools).toBe(true);
  });

  it('returns a fresh object each time (callers cannot weaken the next window)', () => {
    const a = secureWebPreferences('/p.cjs');
    a.sandbox = false;
    expect(secureWebPreferences('/p.cjs').sandbox).toBe(true);
  });
});

describe('mainWindowOptions', () => {
  it('embeds exactly the secure preferences and starts hidden', () => {
    const options = mainWindowOptions({ preloadPath: '/p.cjs', iconPath: '/icon.png' });
    expect(options.webPreferences).toEqual(secureWebPreferences('/p.cjs'));
    expect(options.show).toBe(false);
    expect(options.icon).toBe('/icon.png');
    expect(options.title).toBe('乡镇综合信息指挥室');
  });

  it('leaves the icon out when none is given and passes devTools through', () => {
    const options = mainWindowOptions({ preloadPath: '/p.cjs', devTools: true });
    expect(options).not.toHaveProperty('icon');
    expect(options.webPreferences?.devTools).toBe(true);
    expect(options.webPreferences?.sandbox).toBe(true);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const csp = parseCsp(CONTENT_SECURITY_POLICY);

  it('allows nothing but our own origin by default', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });

  it('has no eval, no inline script, no plugins, no framing, no forms, no <base>', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).not.toContain("'wasm-unsafe-eval'");
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
  });

  it('only inline styles are allowed beyond self (Element Plus), and images/fonts may be data:', () => {
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp.get('font-src')).toEqual(["'self'", 'data:']);
  });

  it('names no remote source anywhere', () => {
    for (const [name, sources] of csp) {
      for (const source of sources) {
        expect(source, `${name} ${source}`).not.toMatch(/^(https?:|wss?:|\*)/);
        expect(source, `${name} ${source}`).not.toContain('*');
      }
    }
  });

  it('is sent with every served file, with nosniff', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('isTrustedSender', () => {
  it('accepts the main frame of our own origin', () => {
    expect(APP_ORIGIN).toBe('app://command-room');
    expect(isTrustedSender(APP_ENTRY_URL, true, APP_ORIGIN)).toBe(true);
    expect(isTrustedSender('app://command-room/', true)).toBe(true);
    expect(isTrustedSender('app://command-room/index.html#/events?id=1', true)).toBe(true);
  });

  it('refuses subframes, even of our own origin', () => {
    expect(isTrustedSender(APP_ENTRY_URL, false, APP_ORIGIN)).toBe(false);
  });

  it.each([
    ['other host', 'app://evil/index.html'],
    ['suffix lookalike', 'app://command-room.evil/index.html'],
    ['prefix lookalike', 'app://evil-command-room/index.html'],
    ['trailing dot', 'app://command-room./index.html'],
    ['user info', 'app://command-room@evil/index.html'],
    ['user info on our host', 'app://user@command-room/index.html'],
    ['backslash user info', 'app://command-room\\@evil/'],
    ['port', 'app://command-room:8080/index.html'],
    ['encoded dot', 'app://command-room%2eevil/'],
    ['other case (Chromium lower-cases ours)', 'app://COMMAND-ROOM/index.html'],
    ['file URL', 'file:///opt/command-room/renderer/dist/index.html'],
    ['file URL with our host name', 'file://command-room/index.html'],
    ['http', 'http://command-room/index.html'],
    ['https', 'https://command-room/'],
    ['devtools', 'devtools://devtools/bundled/inspector.html'],
    ['about:blank', 'about:blank'],
    ['data URL', 'data:text/html,<script>1</script>'],
    ['blob URL of our origin', 'blob:app://command-room/6f1e'],
    ['javascript URL', 'javascript:alert(1)'],
    ['opaque app URL', 'app:command-room/index.html'],
    ['empty host', 'app:///command-room/index.html'],
    ['empty string', ''],
    ['not a URL', 'command-room'],
  ])('refuses %s', (_label, url) => {
    expect(isTrustedSender(url, true, APP_ORIGIN)).toBe(false);
  });

  it('refuses non-strings and a broken expected origin', () => {
    expect(isTrustedSender(undefined, true)).toBe(false);
    expect(isTrustedSender(null, true)).toBe(false);
    expect(isTrustedSender({ toString: () => APP_ENTRY_URL }, true)).toBe(false);
    expect(isTrustedSender(APP_ENTRY_URL, true, 'not an origin')).toBe(false);
    expect(isTrustedSender('file:///x', true, 'file://')).toBe(false);
  });
});

describe('isAllowedNavigation', () => {
  it('allows only our own origin', () => {
    expect(isAllowedNavigation(APP_ENTRY_URL)).toBe(true);
    expect(isAllowedNavigation('app://command-room/#/alarms')).toBe(true);
  });

  it.each([
    'http://example.com/',
    'https://example.com/',
    'https://command-room/',
    'http://localhost:5173/',
    'ws://localhost/',
    'file:///etc/passwd',
    'file:///opt/command-room/renderer/dist/index.html',
    'app://command-room.evil/',
    'app://evil/',
    'javascript:alert(1)',
    'data:text/html,hi',
    'about:blank',
    'chrome://settings',
    'devtools://devtools/',
    'mailto:a@b.c',
    'ms-settings:',
    'smb://server/share',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it('agrees with isOwnOrigin', () => {
    expect(isOwnOrigin('app://command-room/x')).toBe(true);
    expect(isOwnOrigin('app://command-room.evil/x')).toBe(false);
  });
});
