// The learned critics' inputs of every critic update of one generator step, from the batch
// sampler's upload matrices and the generators' sample matrix A [L, 4, 2] (x = V A).
import * as tf from './tf';
import type { BatchSampler } from './batchSampler';
import type { MlpLayout } from './mlp';

/** The critic's inputs of every critic step of one generator step: [L, rows, 2] or its L run pieces. */
export interface CriticInputs {
  xs: (tf.Tensor | tf.Tensor[])[];
  penaltyXs: (tf.Tensor | tf.Tensor[])[] | null;
  /** The fused kernel's inputs instead: the upload matrix V [L, K 2B, 4] and A [L, 4, 2]. */
  fused: { V: tf.Tensor; A: tf.Tensor } | null;
}

/** Which kernels a trainer's critic runs on: fused (one kernel per update) or tfjs's own. */
export interface CriticPath {
  update: 'fused' | 'kernels';
  slope: 'fused' | 'kernels';
}

interface BatchShape { L: number; K: number; B: number; fused: boolean; layout: MlpLayout }

export function criticInputsOf(batch: BatchSampler, A: tf.Tensor, shape: BatchShape): CriticInputs {
  const { L, K, B } = shape;
  if (shape.fused) return { xs: [], penaltyXs: null, fused: { V: tf.tensor3d(batch.criticV, [L, K * 2 * B, 4]), A } };
  return {
    fused: null,
    xs: sampleRows(batch.criticV, A, 2 * B, shape),
    penaltyXs: batch.penaltyV ? sampleRows(batch.penaltyV, A, B, shape) : null,
  };
}

/**
 * Critic inputs [x, 1] for every critic step from the upload matrix V [L, K rows, 4] (rows per
 * run and step) and A [L, 4, 2]: per step k, [L, rows, 2] (batched layout) or its L run pieces
 * [1, rows, 2] (perRun layout: per-run products reach XNNPACK, and every split is contiguous;
 * wasm's batched product and its strided slices cost milliseconds here).
 */
function sampleRows(V: Float32Array, A: tf.Tensor, rows: number, { K, L, layout }: BatchShape): (tf.Tensor | tf.Tensor[])[] {
  const splitK = (t: tf.Tensor) => (K > 1 ? tf.split(t, K, 1) : [t]);
  if (layout === 'batched') return splitK(tf.matMul(tf.tensor3d(V, [L, K * rows, 4]), A));
  const As = L > 1 ? tf.split(A, L, 0) : [A];
  const perRun = As.map((a, l) => splitK(tf.matMul(tf.tensor3d(V.subarray(l * K * rows * 4, (l + 1) * K * rows * 4), [1, K * rows, 4]), a)));
  return Array.from({ length: K }, (_, k) => perRun.map((steps) => steps[k]));
}
