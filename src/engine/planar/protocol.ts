// Messages between the page and the 2-D training worker, and what the 2-D views are drawn from.
// Plain data only (structured-clone friendly).
import type { PlanarConfig } from '../../config/planar';
import type { Gaussian2 } from '../../math/planar/gaussian2';
import type { BackendInfo, StepReadings } from '../protocol';
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

/** Cell centres of an n x n grid over [x0, x1] x [y0, y1], row-major from the bottom row: cell
 * (i, j) (x index i, y index j) is entry j n + i. */
export interface PlanarGrid {
  x: [number, number];
  y: [number, number];
  n: number;
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

/** D_f over q's mean at a fixed scale (isotropic family): the 2-D analogue of Figure 5's panels. */
export interface PlanarLandscape {
  id: string;
  run: number;
  scale: number;
  grid: PlanarGrid;
  values: number[];
}

export type ToPlanarWorker =
  | { type: 'init'; config: PlanarConfig; backend: BackendInfo['requested']; generation: number }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'snapshot' }
  | { type: 'landscape'; run: number; id: string };

/** Every message from the worker carries the generation of the experiment it is about (the
 * number the page gave with 'init'), so that a restart ignores what was still on its way. */
export type FromPlanarWorker = { generation: number } & (
  | { type: 'ready'; backend: BackendInfo; runs: { label: string; critic: 'learned' | 'optimal'; minimises: string | null }[]; skipped: string[] }
  | { type: 'points'; step: number; points: PlanarPoint[]; msPerStep: number }
  | { type: 'stopped'; stops: PlanarStop[] }
  | { type: 'state'; playing: boolean; step: number; finished: boolean }
  | { type: 'snapshot'; snapshot: PlanarSnapshot }
  | { type: 'landscape'; landscape: PlanarLandscape }
  | { type: 'error'; message: string });

/** A message as the worker posts it, before it adds the generation. */
export type PlanarWorkerMessage = FromPlanarWorker extends infer M ? (M extends { generation: number } ? Omit<M, 'generation'> : never) : never;
