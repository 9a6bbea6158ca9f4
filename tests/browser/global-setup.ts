// Serves the production build (dist/, built by `vite build` before the browser tests) on a
// fixed port for the whole browser test run, and hands its URL to the tests.
import { existsSync } from 'node:fs';
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
const DIST = process.env.FGAN_DIST ?? 'dist';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = resolve(import.meta.dirname, '../..');
  if (!existsSync(resolve(root, DIST, 'index.html'))) {
    throw new Error(`${DIST}/ is missing: run \`npx vite build\` before the browser tests (npm run test:browser does).`);
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
