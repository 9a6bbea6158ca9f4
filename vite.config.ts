import { resolve } from 'node:path';
import { mergeConfig, type Plugin, type UserConfig } from 'vite';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const PAGE_ENTRY = '/src/main.tsx';

const config = defineConfig({
  plugins: [react()],
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/browser/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

export default config;

/**
 * The playground page built from another entry script than src/main.tsx, into `outDir`: the
 * benchmark and test builds (bench/vite.config.ts, tests/support/vite.config.ts), whose entries
 * add their window hooks to the page. `entry` is a path from the repository's root.
 */
export function pageWithEntry(entry: string, outDir: string): UserConfig {
  const swapEntry: Plugin = {
    name: 'fgan-page-entry',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!html.includes(`src="${PAGE_ENTRY}"`)) throw new Error(`index.html no longer loads ${PAGE_ENTRY}`);
        return html.replace(`src="${PAGE_ENTRY}"`, `src="${entry}"`);
      },
    },
  };
  return mergeConfig(config, { root: import.meta.dirname, plugins: [swapEntry], build: { outDir: resolve(import.meta.dirname, outDir), emptyOutDir: true } });
}
