import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// import.meta.dirname rather than node:path/node:url: the renderer folder's lint forbids Node modules.
const rendererRoot = import.meta.dirname;

/**
 * The renderer is built once and loaded both by Electron (from file://, hence
 * the relative base and hash routing) and by webhost (served over HTTP).
 */
export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [vue()],
  resolve: {
    alias: {
      '@common': `${rendererRoot}/../common`,
      '@': `${rendererRoot}/src`,
    },
  },
  define: {
    // vue-i18n compile-time flags: Composition API only, no devtools in production.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // A desktop app loads from disk: one big vendor chunk is not a problem worth a warning.
    chunkSizeWarningLimit: 2500,
  },
  server: {
    // `vite --config renderer/vite.config.ts` for hot reload against a running webhost.
    proxy: {
      '/ws': { target: process.env.COMMAND_ROOM_WEBHOST ?? 'http://127.0.0.1:5180', ws: true },
    },
  },
});
