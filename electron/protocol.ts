/**
 * How `app://command-room/…` URLs map to files of the built renderer. Pure
 * (node:path only, no Electron at run time) so `protocol.test.ts` checks the
 * path-traversal guard in plain Node.
 */
import path from 'node:path';
import type { CustomScheme, ProtocolSource } from 'electron';
import { APP_HOST, APP_SCHEME, SECURITY_HEADERS } from './window';

/**
 * Registered before `app` is ready. Standard + secure give the pages a real
 * origin (so `'self'` in the CSP, relative URLs and ES modules work) and a
 * secure context; `bypassCSP` stays false; no service workers.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    corsEnabled: true,
    codeCache: true,
    bypassCSP: false,
    allowServiceWorkers: false,
    stream: false,
  },
};

/**
 * The declarative source for `protocol.registerSource` (Electron ≥ 45): served
 * from disk by Electron itself, off the main thread, confined to `rendererDir`
 * (also inside `app.asar`), with our security headers on every file.
 */
export function rendererSource(rendererDir: string): ProtocolSource {
  return {
    routes: [
      {
        match: { host: APP_HOST, path: '/' },
        source: { type: 'directory', root: rendererDir, index: 'index.html', headers: { ...SECURITY_HEADERS } },
      },
    ],
  };
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `rootDir` that `requestUrl` names, or `null` when the URL is
 * not ours or would leave `rootDir` (`..`, encoded `%2e%2e`, encoded slashes or
 * backslashes, NUL bytes, absolute or drive paths). A path ending in `/` names
 * its `index.html`.
 */
export function resolveRendererFile(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (
    url.protocol !== `${APP_SCHEME}:` ||
    url.hostname !== APP_HOST ||
    url.port !== '' ||
    url.username !== '' ||
    url.password !== ''
  ) {
    return null;
  }
  let pathname = url.pathname;
  if (pathname === '' || pathname.endsWith('/')) pathname += 'index.html';

  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    // After decoding, a segment must still be one plain name.
    if (segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) return null;
    segments.push(segment);
  }
  if (segments.length === 0) return null;

  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...segments);
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return file;
}
