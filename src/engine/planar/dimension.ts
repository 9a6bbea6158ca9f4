// The 2-D problems as the page's side of the shell sees them (../batchTrainer.ts): no tfjs.
import { expandPlanarRuns, type PlanarConfig } from '../../config/planar';
import type { Gaussian2 } from '../../math/planar/gaussian2';
import type { EngineDimension } from '../batchTrainer';
import type { FinalParameters } from './families';
import type { PlanarPoint } from './protocol';

/** What a 2-D point holds of one run. */
export interface PlanarRunPoint {
  moments: Gaussian2;
  params: FinalParameters;
}

export const planarDimension: EngineDimension<PlanarConfig, PlanarPoint, PlanarRunPoint> = {
  dimension: 2,
  expandRuns: expandPlanarRuns,
  placement: (config) => ({ backend: config.backend, workers: config.workers }),
  runsOfPoint: (p) => p.runs.map((moments, r) => ({ moments, params: p.params[r] })),
  pointOf: (step, runs, readings) => ({ step, runs: runs.map((r) => r.moments), params: runs.map((r) => r.params), ...(readings ? { readings } : {}) }),
};
