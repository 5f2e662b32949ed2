import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, contentTypeFor, rendererSource, resolveRendererFile } from './protocol';
import { SECURITY_HEADERS } from './window';

const root = path.resolve('/opt/command-room/resources/app.asar/renderer/dist');

describe('resolveRendererFile', () => {
  it('maps our URLs to files under the renderer folder', () => {
    expect(resolveRendererFile(root, 'app://command-room/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://command-room/')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://command-room')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://command-room/assets/index-abc123.js?v=1#x')).toBe(
      path.join(root, 'assets', 'index-abc123.js'),
    );
    expect(resolveRendererFile(root, 'app://command-room/assets/')).toBe(path.join(root, 'assets', 'index.html'));
    expect(resolveRendererFile(root, 'app://command-room/assets/%E5%9B%BE%E6%A0%87.svg')).toBe(
      path.join(root, 'assets', '图标.svg'),
    );
    expect(resolveRendererFile(root, 'app://command-room/a/b/../c.js')).toBe(path.join(root, 'a', 'c.js'));
  });

  it.each([
    ['dot-dot above the root', 'app://command-room/../../etc/passwd', path.join(root, 'etc', 'passwd')],
    ['encoded dot-dot', 'app://command-room/%2e%2e/%2E%2E/etc/passwd', path.join(root, 'etc', 'passwd')],
    ['encoded single dot', 'app://command-room/%2e', path.join(root, 'index.html')],
  ])('keeps %s inside the root (URL parsing removes dot segments)', (_label, url, expected) => {
    expect(resolveRendererFile(root, url)).toBe(expected);
  });

  it.each([
    ['encoded slash', 'app://command-room/..%2f..%2fetc%2fpasswd'],
    ['encoded slash inside a name', 'app://command-room/assets%2f..%2f..%2fsecret'],
    ['encoded backslash', 'app://command-room/..%5c..%5cwindows%5cwin.ini'],
    ['raw backslash', 'app://command-room/..\\..\\windows\\win.ini'],
    ['NUL byte', 'app://command-room/index.html%00.png'],
    ['drive letter', 'app://command-room/C:%5cWindows%5cwin.ini'],
    ['encoded drive path', 'app://command-room/C%3a/Windows/win.ini'],
    ['bad percent encoding', 'app://command-room/%E5%9B'],
    ['other host', 'app://evil/index.html'],
    ['lookalike host', 'app://command-room.evil/index.html'],
    ['user info', 'app://x@command-room/index.html'],
    ['port', 'app://command-room:1/index.html'],
    ['other scheme', 'file:///opt/command-room/resources/app.asar/renderer/dist/index.html'],
    ['http', 'http://command-room/index.html'],
    ['not a URL', '../../etc/passwd'],
  ])('refuses %s', (_label, url) => {
    expect(resolveRendererFile(root, url)).toBeNull();
  });

  it('never returns a path outside the root, whatever the input', () => {
    const tricky = [
      '..',
      '%2e%2e',
      '%2E%2E',
      '.%2e',
      '%2e.',
      '..%00',
      '%252e%252e',
      '....',
      '.../...',
      '%c0%ae%c0%ae',
      '%uff0e%uff0e',
    ];
    for (const a of tricky) {
      for (const b of tricky) {
        const file = resolveRendererFile(root, `app://command-room/${a}/${b}/etc/passwd`);
        if (file !== null) {
          const relative = path.relative(root, file);
          expect(relative.startsWith('..') || path.isAbsolute(relative), `${a}/${b} → ${file}`).toBe(false);
        }
      }
    }
  });
});

describe('contentTypeFor', () => {
  it('serves scripts as JavaScript (ES modules require it) and knows the usual assets', () => {
    expect(contentTypeFor('/x/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/index.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
  });
});

describe('scheme registration', () => {
  it('is standard and secure, and never bypasses the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges?.standard).toBe(true);
    expect(APP_SCHEME_PRIVILEGES.privileges?.secure).toBe(true);
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBe(false);
    expect(APP_SCHEME_PRIVILEGES.privileges?.allowServiceWorkers).toBe(false);
  });

  it('the declarative source serves only our host from the renderer folder, with the security headers', () => {
    const source = rendererSource(root);
    expect(source.routes).toHaveLength(1);
    const route = source.routes[0]!;
    expect(route.match).toEqual({ host: 'command-room', path: '/' });
    expect(route.source).toMatchObject({ type: 'directory', root, index: 'index.html' });
    expect(route.source.headers).toEqual(SECURITY_HEADERS);
  });
});
