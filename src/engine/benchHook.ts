// Benchmark entry for headless Chromium (bench/browser.ts): window.__fganBench.run(opts) measures
// the engine on the page's main thread on the requested backend. The lead calls installBenchHook()
// from src/main.tsx; the engine code loads only when a benchmark runs.
import type { EngineFigures } from './benchCore';
import type { BackendInfo } from './protocol';

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
  if (typeof window === 'undefined') return;
  window.__fganBench = {
    async run(opts) {
      const [{ selectBackend }, { measureEngine }, { WASM_PATHS }] = await Promise.all([
        import('./backend'), import('./benchCore'), import('./wasmPaths.browser'),
      ]);
      const backend = await selectBackend(opts.backend, { wasmPaths: WASM_PATHS });
      const figures = await measureEngine({ singleSteps: opts.singleSteps, baselineSteps: opts.baselineSteps, figure5Steps: opts.figure5Steps });
      return { backend, figures };
    },
  };
}
