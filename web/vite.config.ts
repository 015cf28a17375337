import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(import.meta.url);

/**
 * echarts-for-react's ESM build imports `tslib` without declaring it as a dependency, and npm does not
 * hoist one here. Use the copy that echarts itself depends on (resolved from echarts, wherever npm put it)
 * instead of adding a dependency of our own.
 */
function tslibEsm(): string {
  const fromEcharts = createRequire(require.resolve('echarts'));
  return join(dirname(fromEcharts.resolve('tslib')), 'tslib.es6.js');
}

/** Web front end: built into web/dist and served by the server with an SPA fallback (architecture.md §5). */
export default defineConfig({
  root,
  plugins: [react()],
  resolve: {
    alias: [{ find: /^tslib$/, replacement: tslibEsm() }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Everything the first page needs from node_modules in one file: the sign-in page then costs a few
        // requests, not a dozen (each response carries ~1 KB of security headers; issue 12: /login ≤ 200 KB).
        // Screens are still one chunk each, and so are the libraries only they use (echarts, …).
        codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/, tags: ['$initial'] }] },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      // API_TARGET lets the dev server talk to a server on another port.
      '/api': { target: process.env.API_TARGET ?? 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
