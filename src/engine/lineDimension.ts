// The 1-D problem as the page's side of the shell sees it (batchTrainer.ts): no tfjs.
import type { Config } from '../config/schema';
import { expandRuns } from '../config/runs';
import type { EngineDimension } from './batchTrainer';
import type { TrajectoryPoint } from './protocol';

/** What a 1-D point holds of one run. */
export interface LineRunPoint {
  mu: number;
  sigma: number;
}

export const lineDimension: EngineDimension<Config, TrajectoryPoint, LineRunPoint> = {
  dimension: 1,
  expandRuns,
  placement: (config) => ({ backend: config.backend, workers: config.workers }),
  runsOfPoint: (p) => p.mu.map((mu, r) => ({ mu, sigma: p.sigma[r] })),
  pointOf: (step, runs, readings) => ({ step, mu: runs.map((r) => r.mu), sigma: runs.map((r) => r.sigma), ...(readings ? { readings } : {}) }),
};
