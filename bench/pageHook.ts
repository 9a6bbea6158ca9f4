// window.__fganBench of the benchmark build: run(opts) measures the engine on the page's main
// thread on the requested backend (bench/browser.ts calls it in headless Chromium). The engine
// code loads only when a benchmark runs.
import type { EngineFigures } from './engineCore';
import type { BackendInfo } from '../src/engine/protocol';

export interface BrowserBenchOptions {
  backend: 'webgl' | 'wasm' | 'cpu';
  singleSteps?: number;
  baselineSteps?: number;
  figure5Steps?: number;
}

export interface BrowserBenchResult {
  backend: BackendInfo;
  figures: EngineFigures;
}

declare global {
  interface Window {
    __fganBench?: { run(opts: BrowserBenchOptions): Promise<BrowserBenchResult> };
  }
}

export function installBenchHook(): void {
  window.__fganBench = {
    async run(opts) {
      const [{ selectBackend }, { measureEngine }, { WASM_PATHS }] = await Promise.all([
        import('../src/engine/backend'), import('./engineCore'), import('../src/engine/wasmPaths.browser'),
      ]);
      const backend = await selectBackend(opts.backend, { wasmPaths: WASM_PATHS });
      const figures = await measureEngine({ singleSteps: opts.singleSteps, baselineSteps: opts.baselineSteps, figure5Steps: opts.figure5Steps });
      return { backend, figures };
    },
  };
}
