// Vite configuration of the dashboard: root web/, output dist/web/ (served by `sahelsat serve`).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  publicDir: 'public',
  resolve: {
    // satellite.js's index also loads its WebAssembly builds (with a worker): the browser needs
    // only the JavaScript SGP4, imported from its files (paths mirrored in web/tsconfig.json).
    alias: [
      {
        find: /^satellite\.js\/dist\/(.*)$/,
        replacement:
          fileURLToPath(new URL('../node_modules/satellite.js/dist/', import.meta.url)) + '$1',
      },
    ],
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
  },
  server: {
    // `npm run dev:web` talks to a local `sahelsat serve` on :8080.
    proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true } },
  },
});
