import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs in plain Node against real SQLite files; `e2e`
// drives Debian's Chromium against the webhost and needs the built renderer.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['{common,core,db,webhost,electron,county,renderer,scripts}/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
