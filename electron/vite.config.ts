/**
 * Builds the Electron shell into `dist-electron/`:
 *   main.js      ESM, the main process (core + db bundled; electron, better-sqlite3, node builtins external)
 *   assessment-worker.js  the assessment's worker thread (core/assessment/worker.ts), started by the core
 *   room-server.js  the room server (webhost/room-server-process.ts), run by utilityProcess.fork from main.js;
 *                playwright-core stays out (the Electron room server prints through the main process)
 *   preload.cjs  CommonJS, self-contained (sandboxed preloads may only `require('electron')`)
 *   migrations/  copy of db/migrations/*.sql, found by the core via `new URL('./migrations/', import.meta.url)`
 *
 * Two Vite environments built in order by one `vite build --config electron/vite.config.ts`.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.join(root, 'dist-electron');
const migrationsDir = path.join(root, 'db', 'migrations');

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
/** Left to the runtime: Electron itself, the native SQLite binding, Node's own modules. */
const mainExternal = ['electron', 'better-sqlite3', /^better-sqlite3\//, /^node:/, ...nodeBuiltins, 'playwright-core'];

/** Emits db/migrations/*.sql as dist-electron/migrations/*.sql next to main.js. */
function copyMigrations(): Plugin {
  return {
    name: 'command-room:copy-migrations',
    applyToEnvironment: (environment) => environment.name === 'main',
    buildStart() {
      if (existsSync(migrationsDir)) this.addWatchFile(migrationsDir);
    },
    generateBundle() {
      const files = existsSync(migrationsDir)
        ? readdirSync(migrationsDir)
            .filter((name) => name.endsWith('.sql'))
            .sort()
        : [];
      if (files.length === 0) this.warn(`no migrations found in ${migrationsDir}`);
      for (const name of files) {
        this.emitFile({ type: 'asset', fileName: `migrations/${name}`, source: readFileSync(path.join(migrationsDir, name)) });
      }
    },
  };
}

export default defineConfig({
  root,
  publicDir: false,
  envDir: false,
  clearScreen: false,
  plugins: [copyMigrations()],
  builder: {
    async buildApp(builder) {
      // In order: main empties dist-electron first, preload adds to it.
      await builder.build(builder.environments.main!);
      await builder.build(builder.environments.preload!);
    },
  },
  environments: {
    main: {
      consumer: 'server',
      resolve: { noExternal: true, external: ['electron', 'better-sqlite3', 'playwright-core'] },
      build: {
        outDir,
        emptyOutDir: true,
        copyPublicDir: false,
        target: 'node22',
        minify: false,
        sourcemap: true,
        reportCompressedSize: false,
        rolldownOptions: {
          // The assessment's worker thread is a second entry: run-worker.ts loads ./assessment-worker.js next to main.js.
          input: {
            main: path.join(root, 'electron', 'main.ts'),
            // The core and the server for the desks, in Electron's utility process (electron/room-server/).
            'room-server': path.join(root, 'webhost', 'room-server-process.ts'),
            'assessment-worker': path.join(root, 'core', 'assessment', 'worker.ts'),
            // The spreadsheet reader of every import (core/sheets/read-sheet.ts loads ./sheet-worker.js).
            'sheet-worker': path.join(root, 'core', 'sheets', 'worker.ts'),
          },
          external: mainExternal,
          platform: 'node',
          output: {
            format: 'es',
            entryFileNames: '[name].js',
            // Chunks stay next to main.js so import.meta.url-relative paths (migrations/) hold in every chunk.
            chunkFileNames: '[name]-[hash].js',
          },
        },
      },
    },
    preload: {
      consumer: 'server',
      resolve: { noExternal: true, external: ['electron'] },
      build: {
        outDir,
        emptyOutDir: false,
        copyPublicDir: false,
        target: 'es2023',
        minify: false,
        sourcemap: 'inline',
        reportCompressedSize: false,
        rolldownOptions: {
          input: { preload: path.join(root, 'electron', 'preload.ts') },
          external: ['electron'],
          platform: 'node',
          output: {
            format: 'cjs',
            entryFileNames: '[name].cjs',
            // One file: a sandboxed preload cannot require its own chunks.
            codeSplitting: false,
          },
        },
      },
    },
  },
});
