// window.__fganTest.trajectory(req) of the test build: trains the engine's Trainer on the page's
// main thread, on exactly the backend asked for, and returns the raw (mu, sigma) of every run
// after every generator step. It fails, rather than falling back, when the backend is unavailable.
import { configSchema, type Config } from '../../src/config/schema';
import { expandRuns } from '../../src/config/runs';
import { configFromQuery } from '../../src/config/url';
import { selectBackend } from '../../src/engine/backend';
import type { BackendInfo } from '../../src/engine/protocol';
import { Trainer } from '../../src/engine/trainer';
import { appendPoints, Trajectory } from '../../src/engine/trajectory';
import { WASM_PATHS } from '../../src/engine/wasmPaths.browser';

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

function requestedConfig(config: Config | string): Config {
  if (typeof config !== 'string') return configSchema.parse(config);
  const parsed = configFromQuery(config);
  if (parsed.issues.length > 0) throw new Error(`bad test configuration: ${parsed.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
  return parsed.config;
}

export async function trainTrajectory(req: TrajectoryRequest): Promise<TrajectoryResult> {
  const config = requestedConfig(req.config);
  const backend = await selectBackend(req.backend, { wasmPaths: WASM_PATHS });
  if (backend.name !== req.backend) throw new Error(`backend ${req.backend} is not available here: ${backend.fallbackReason ?? `got ${backend.name}`}`);
  const runs = expandRuns(config).runs;
  const trainer = new Trainer(config, runs, { recordEvery: 1 });
  try {
    const { points } = await trainer.train(req.steps);
    const trajectories = runs.map(() => new Trajectory());
    appendPoints(trajectories, points);
    return {
      backend,
      runs: runs.map((r) => r.label),
      steps: Array.from(trajectories[0]?.steps ?? []),
      mu: trajectories.map((t) => Array.from(t.mu)),
      sigma: trajectories.map((t) => Array.from(t.sigma)),
    };
  } finally {
    trainer.dispose();
  }
}
