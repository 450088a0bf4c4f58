import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const duckdbDist = fileURLToPath(new URL('./node_modules/@duckdb/duckdb-wasm/dist/', import.meta.url));

/**
 * The dev server (`npm start`) injects each component's CSS as a <style> element (hot reload), which index.html's
 * Content Security Policy (`style-src 'self'`) refuses: loosen that one directive while serving, never in the build.
 */
function devServerStyles(): Plugin {
  return {
    name: 'cartera-dev-server-styles',
    apply: 'serve',
    transformIndexHtml(html) {
      const loosened = html.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';");
      if (loosened === html) throw new Error("index.html: no `style-src 'self';` in the Content Security Policy to loosen for the dev server.");
      return loosened;
    },
  };
}

// `base: './'` makes every asset URL relative, so the build runs from any sub-path of any static host.
export default defineConfig({
  base: './',
  plugins: [svelte(), devServerStyles()],
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
