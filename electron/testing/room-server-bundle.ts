/**
 * The room server as Electron runs it: `dist-electron/room-server.js`, built
 * from the sources once per test run by `global-setup.ts`. A fork of the
 * bundle starts in about half a second; the TypeScript entry under tsx took
 * two to three, once per test of electron/main.test.ts.
 */
import { fileURLToPath } from 'node:url';

export const BUNDLED_ROOM_SERVER = fileURLToPath(new URL('../../dist-electron/room-server.js', import.meta.url));
