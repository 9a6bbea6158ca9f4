// Serves the test build (dist-test/: the playground page with the tests' hook, built by
// `npx vite build --config tests/support/vite.config.ts` before the browser tests) on a fixed port
// for the whole browser test run, and hands its URL to the tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

// FGAN_DIST and FGAN_PORT let several test runs share a machine (each its own build and port).
const PORT = Number(process.env.FGAN_PORT ?? 4179);
const DIST = process.env.FGAN_DIST ?? 'dist-test';
const BUILD_COMMAND = 'npx vite build --config tests/support/vite.config.ts';

/** True when the build's entry installs window.__fganTest (a product build does not). */
function isTestBuild(dist: string): boolean {
  const assets = resolve(dist, 'assets');
  return existsSync(assets) && readdirSync(assets).some((f) => f.endsWith('.js') && readFileSync(resolve(assets, f), 'utf8').includes('__fganTest'));
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = resolve(import.meta.dirname, '../..');
  if (!existsSync(resolve(root, DIST, 'index.html'))) {
    throw new Error(`${DIST}/ is missing: run \`${BUILD_COMMAND}\` before the browser tests (npm run test:browser does).`);
  }
  if (!isTestBuild(resolve(root, DIST))) {
    throw new Error(`${DIST}/ is not the test build (no window.__fganTest): build it with \`${BUILD_COMMAND}\`.`);
  }
  const server: PreviewServer = await preview({
    root,
    build: { outDir: DIST },
    logLevel: 'warn',
    preview: { port: PORT, strictPort: true, host: '127.0.0.1' },
  });
  const url = `http://127.0.0.1:${PORT}/`;
  project.provide('baseUrl', url);
  process.env.FGAN_BASE_URL = url;
  return async () => {
    await server.close();
  };
}
