// What the 2-D training worker reports (the shell's protocol, ../protocol.ts, carries them): the
// points of a run's path and what the 2-D views are drawn from. Plain data only.
import type { Gaussian2 } from '../../math/planar/gaussian2';
import type { PlanarGrid } from '../../math/planar/landscape2';
import type { StepReadings } from '../protocol';
import type { FinalParameters } from './families';

/** A recorded point: q's mean and covariance per run (estimated from samples for the MLP family)
 * and each run's generator parameters, named by its family; with the losses and gradient norms of
 * the step that ended there (absent at step 0). */
export interface PlanarPoint {
  step: number;
  runs: Gaussian2[];
  params: FinalParameters[];
  readings?: StepReadings;
}

export interface PlanarStop {
  run: number;
  step: number;
  reason: string;
}

export interface PlanarRunSnapshot {
  run: number;
  /** q's mean and covariance (estimated from samples for the MLP family). */
  moments: Gaussian2;
  final: FinalParameters;
  /** Generator samples (x, y interleaved) and, at each, the generator's push -dLoss/dx on it. */
  samples: number[];
  arrows: number[];
  /** The learned critic d(x) on the grid (null for an optimal-critic run). */
  critic: number[] | null;
  /** d*(x) = log p - log q on the grid (null where q has no density). */
  optimal: number[] | null;
  /** The critic the run uses, on real and on fake samples (the pushforward histograms). */
  criticOnReal: number[];
  criticOnFake: number[];
  /** d* on many samples of p and of q: the exact pushforwards, estimated (null without a density). */
  optimalOnReal: number[] | null;
  optimalOnFake: number[] | null;
  /** True D_f(p, q_t) by divergence id (empty without a density): by quadrature, or where the
   * grid cannot resolve p or q, from samples with the standard errors in divergenceErrors. */
  divergences: Record<string, number>;
  divergenceErrors: Record<string, number> | null;
  /** Squared Fréchet distance between q's moments and the target's. */
  frechet: number;
}

export interface PlanarSnapshot {
  step: number;
  grid: PlanarGrid;
  /** log p on the grid. */
  logP: number[];
  /** Target samples (x, y interleaved). */
  realSamples: number[];
  runs: PlanarRunSnapshot[];
}
