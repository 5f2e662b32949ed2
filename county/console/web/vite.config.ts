import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// import.meta.dirname rather than node:path/node:url, as in the renderer's config.
const root = import.meta.dirname;

/** The county console: its own bundle, served by the county center at `/` (county/console/mount.ts). */
export default defineConfig({
  root,
  base: './',
  plugins: [vue()],
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: `${root}/../dist`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
  },
  server: {
    // `vite --config county/console/web/vite.config.ts` for hot reload against a running county center.
    proxy: { '/socket.io': { target: process.env.COUNTY_URL ?? 'http://127.0.0.1:7345', ws: true } },
  },
});
