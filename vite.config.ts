import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const duckdbDist = fileURLToPath(new URL('./node_modules/@duckdb/duckdb-wasm/dist/', import.meta.url));

// `base: './'` makes every asset URL relative, so the build runs from any sub-path of any static host.
export default defineConfig({
  base: './',
  plugins: [svelte()],
  resolve: {
    alias: {
      // The synchronous browser bundle is shipped but not in the package's export map.
      'duckdb-browser-blocking': duckdbDist + 'duckdb-browser-blocking.mjs',
    },
  },
  worker: { format: 'es' },
  // Pre-bundle the worker's dependencies up front, so the dev server does not discover them mid-session and reload.
  optimizeDeps: {
    include: ['duckdb-browser-blocking', 'hyparquet', 'hyparquet-compressors', 'hyparquet-writer', 'parquet-wasm/esm', 'comlink', 'apache-arrow', 'd3'],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/sql/**/*.test.ts', 'src/**/*.test.ts', 'workers/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
