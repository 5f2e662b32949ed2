import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

const alias = {
  '@common': fileURLToPath(new URL('./common', import.meta.url)),
  '@': fileURLToPath(new URL('./renderer/src', import.meta.url)),
};

// Two projects: `unit` runs in plain Node against real SQLite files; `e2e`
// drives Debian's Chromium against the webhost and needs the built renderer.
// Vitest's default is one worker less than the cores: one on our 2-core CI
// machine, so every file waited for the one before. The files spend much of
// their time waiting (fsync, sockets, child processes, Chromium), so two run at
// a time. Each file has its own data folder and port 0, so they cannot collide.
const UNIT_WORKERS = Math.max(2, availableParallelism() - 1);
// These measure their own process's memory: in a worker of their own, not one that ran other files before.
const OWN_PROCESS = ['webhost/attack.test.ts'];
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // The demo township seeded once, copied by every startTestCore (core/testing/core.ts); the Electron
          // bundle built once, whose room server the Electron tests fork (electron/testing/room-server-bundle.ts).
          globalSetup: ['core/testing/global-setup.ts', 'electron/testing/global-setup.ts'],
          environment: 'node',
          include: ['{common,core,db,webhost,electron,county,scripts}/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**', 'county/console/web/**', ...OWN_PROCESS],
          // The Node-side files share each worker's module cache instead of loading the whole core again
          // for every file (about a quarter of the run). Each file still has its own data folder and
          // port 0; the only module state they share is caches keyed by database.
          isolate: false,
          testTimeout: 30_000,
          maxWorkers: UNIT_WORKERS,
          // Seeding the demo township's 3,000 events in a beforeAll takes seconds on a busy 2-core machine.
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'unit-own-process',
          environment: 'node',
          include: [...OWN_PROCESS],
          // One group shares one pool: Vitest requires the same count across it.
          maxWorkers: UNIT_WORKERS,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        // Component tests (`// @vitest-environment happy-dom`) mount real .vue files.
        plugins: [vue()],
        define: { __VUE_I18N_FULL_INSTALL__: true, __VUE_I18N_LEGACY_API__: false, __INTLIFY_PROD_DEVTOOLS__: false },
        test: {
          // Isolated, each file in a fresh module graph: most mock the API client with vi.mock.
          name: 'unit-dom',
          // Through Vite, as in the app: Node's own loader gives Element Plus the CommonJS async-validator.
          server: { deps: { inline: ['element-plus'] } },
          environment: 'node',
          include: ['{renderer,county/console/web}/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**'],
          testTimeout: 30_000,
          maxWorkers: UNIT_WORKERS,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          globalSetup: ['e2e/global-setup.ts'],
          include: ['e2e/**/*.e2e.test.ts'],
          // Each file loaded the whole core and webhost again (seconds per file on a busy machine); like `unit`,
          // the files share each worker's module cache, each with its own data folder, port and browser contexts.
          isolate: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // Two browsers at a time, after the unit files (a group of its own, as its worker count may differ).
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
