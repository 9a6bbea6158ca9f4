// Test entry for the browser tests: window.__fganTest.trajectory(req) trains the engine's Trainer
// on the page's main thread, on exactly the backend asked for, and returns the raw (mu, sigma)
// of every run after every generator step. src/main.tsx installs it; the engine code loads only
// when a test calls it. It fails, rather than falling back, when the backend is unavailable.
import { configSchema, type Config } from '../config/schema';
import { expandRuns } from '../config/runs';
import { configFromQuery } from '../config/url';
import type { BackendInfo } from './protocol';

export interface TrajectoryRequest {
  backend: 'webgl' | 'wasm' | 'cpu';
  /** A configuration, or a query string as the page's URL takes it (e.g. '?seed=7&critic=both'). */
  config: Config | string;
  /** Generator steps to train. */
  steps: number;
}

export interface TrajectoryResult {
  backend: BackendInfo;
  /** Run labels, in run order. */
  runs: string[];
  /** Generator step of each recorded point (0, 1, ..., steps). */
  steps: number[];
  /** mu[run][k] and sigma[run][k] at steps[k]. */
  mu: number[][];
  sigma: number[][];
}

/** What the page itself offers the tests (the engine knows nothing of the page). */
export interface PageTestActions {
  /** Makes the training worker lose its WebGL context, as a GPU reset would. */
  loseWebglContext(): void;
}

declare global {
  interface Window {
    __fganTest?: { trajectory(req: TrajectoryRequest): Promise<TrajectoryResult> } & PageTestActions;
  }
}

export function installTestHook(page: PageTestActions): void {
  if (typeof window === 'undefined') return;
  window.__fganTest = {
    ...page,
    async trajectory(req) {
      const [{ selectBackend }, { Trainer }, { WASM_PATHS }] = await Promise.all([import('./backend'), import('./trainer'), import('./wasmPaths.browser')]);
      let config: Config;
      if (typeof req.config === 'string') {
        const parsed = configFromQuery(req.config);
        if (parsed.issues.length > 0) throw new Error(`bad test configuration: ${parsed.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
        config = parsed.config;
      } else {
        config = configSchema.parse(req.config);
      }
      const backend = await selectBackend(req.backend, { wasmPaths: WASM_PATHS });
      if (backend.name !== req.backend) throw new Error(`backend ${req.backend} is not available here: ${backend.fallbackReason ?? `got ${backend.name}`}`);
      const runs = expandRuns(config).runs;
      const trainer = new Trainer(config, runs, { recordEvery: 1 });
      try {
        const { points } = await trainer.train(req.steps);
        return {
          backend,
          runs: runs.map((r) => r.label),
          steps: points.map((p) => p.step),
          mu: runs.map((_, r) => points.map((p) => p.mu[r])),
          sigma: runs.map((_, r) => points.map((p) => p.sigma[r])),
        };
      } finally {
        trainer.dispose();
      }
    },
  };
}
