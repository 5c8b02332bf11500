import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The dashboard imports satellite.js's JavaScript SGP4 files directly (see web/vite.config.ts).
    alias: [
      {
        find: /^satellite\.js\/dist\/(.*)$/,
        replacement:
          fileURLToPath(new URL('./node_modules/satellite.js/dist/', import.meta.url)) + '$1',
      },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // The reference-data tests propagate thousands of states; the default 5 s is too tight on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
