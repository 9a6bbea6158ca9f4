// Spectral normalisation of the learned critic (Miyato et al. 2018), vectorised over the critic
// batch: each weight matrix W_l is used as W_l / sigma_l, with sigma_l an estimate of its largest
// singular value from a power iteration whose vector u_l is kept between critic updates.
//
// In the homogeneous layout (src/engine/mlp.ts) W'_l = [[W_l, 0], [b_l / c, z / c]]: the weight
// rows [W_l, 0] have the singular values of W_l (one extra zero column), and the bias row is left
// as it is. So M_l = W'_l with its bias row zeroed, and the layer used is W'_l scaled row-wise by
// S_l = (1 / sigma_l on the weight rows, 1 on the bias row).
//
// One power-iteration step per critic update: v = M u / |M u|, u <- M^T v / |M^T v|. The estimate
// is sigma = |M u| with the kept u (equal to sigma_max once u is the top right singular vector,
// below it before), and the gradient flows through sigma with u held constant, as in Miyato et
// al.'s and PyTorch's implementations: with G = dLoss/d(W / sigma) and v = M u / |M u|,
//   dLoss/dW = (G - <G, W / sigma> v u^T) / sigma.
// Runs without spectral normalisation have S = 1 and no correction (exactly their plain gradient).
import * as tf from './tf';
import { homogeneousShapes } from './mlp';
import { Rng } from './prng';
import { TensorRegistry } from './registry';

/** The kept power-iteration vectors u_l [runs, out_l (+ 1 for the constant unit, always 0)]. */
export interface SpectralNormState {
  vectors: { shape: number[]; values: number[] }[];
}

/** The critic's layers as used in one pass, and what their backward pass needs. */
export interface NormalisedCritic {
  /** W'_l with its weight rows divided by sigma_l (runs with spectral normalisation). */
  weights: tf.Tensor[];
  /** S_l [runs, in + 1, 1]: 1 / sigma_l on the weight rows, 1 on the bias row (1 without it). */
  scales: tf.Tensor[];
  /** v_l = M_l u_l / |M_l u_l| [runs, in + 1, 1] (0 in the bias row). */
  lefts: tf.Tensor[];
  /** 1 / sigma_l for runs with spectral normalisation, 0 otherwise [runs, 1, 1]. */
  corrections: tf.Tensor[];
  /** sigma_l [runs, 1, 1]. */
  sigmas: tf.Tensor[];
}

/** Below this norm a vector is not rescaled (W = 0 has no direction). */
const NORM_FLOOR = 1e-12;

function unit(t: tf.Tensor): tf.Tensor {
  return tf.div(t, tf.maximum(tf.sqrt(tf.sum(tf.square(t), 1, true)), NORM_FLOOR));
}

export class SpectralNorm {
  private vectors: tf.Tensor[];
  /** [1, in + 1, 1]: 1 on the weight rows, 0 on the bias row; and its complement. */
  private readonly weightRows: tf.Tensor[];
  private readonly biasRow: tf.Tensor[];
  /** Runs with spectral normalisation: bool and 0/1 [runs, 1, 1]. */
  private readonly enabled: tf.Tensor;
  private readonly enabledMask: tf.Tensor;
  private readonly ones: tf.Tensor;
  private readonly shapes: [number, number][];
  private readonly constants = new TensorRegistry();

  /** `sizes`: layer widths [1, H_1, ..., 1]; `enabled` and `seeds`: per run of the critic batch. */
  constructor(sizes: number[], enabled: boolean[], seeds: number[]) {
    const runs = enabled.length;
    this.shapes = homogeneousShapes(sizes);
    this.weightRows = this.shapes.map(([rows]) => this.constants.keep(tf.tensor3d(Array.from({ length: rows }, (_, i) => (i + 1 < rows ? 1 : 0)), [1, rows, 1])));
    this.biasRow = this.shapes.map(([rows]) => this.constants.keep(tf.tensor3d(Array.from({ length: rows }, (_, i) => (i + 1 < rows ? 0 : 1)), [1, rows, 1])));
    this.enabled = this.constants.keep(tf.tensor3d(enabled, [runs, 1, 1], 'bool'));
    this.enabledMask = this.constants.keep(tf.tensor3d(enabled.map(Number), [runs, 1, 1]));
    this.ones = this.constants.keep(tf.ones([runs, 1, 1]));
    // u_0: a seeded normal direction per run over the real units (the constant unit's entry 0)
    const rngs = seeds.map((s) => new Rng(s, 3));
    this.vectors = this.shapes.map(([, cols], l) => {
      const real = sizes[l + 1];
      const values = new Float32Array(runs * cols);
      for (let r = 0; r < runs; r++) {
        const n = new Float32Array(real);
        rngs[r].fillNormal(n, 0, real);
        const norm = Math.hypot(...n) || 1;
        for (let j = 0; j < real; j++) values[r * cols + j] = n[j] / norm;
      }
      return tf.keep(tf.tensor3d(values, [runs, cols, 1]));
    });
  }

  private weightPart(w: tf.Tensor, l: number): tf.Tensor {
    return tf.mul(w, this.weightRows[l]);
  }

  /** One power-iteration step on every layer's current weights; the new u are kept. */
  iterate(params: tf.Tensor[]): void {
    const next = tf.tidy(() => params.map((w, l) => {
      const m = this.weightPart(w, l);
      const v = unit(tf.matMul(m, this.vectors[l]));
      return tf.keep(unit(tf.matMul(m, v, true, false)));
    }));
    for (const u of this.vectors) u.dispose();
    this.vectors = next;
  }

  /** The layers used in a forward pass: W'_l scaled by S_l. */
  normalise(params: tf.Tensor[]): NormalisedCritic {
    const out: NormalisedCritic = { weights: [], scales: [], lefts: [], corrections: [], sigmas: [] };
    params.forEach((w, l) => {
      const mu = tf.matMul(this.weightPart(w, l), this.vectors[l]);
      const sigma = tf.sqrt(tf.sum(tf.square(mu), 1, true));
      const inverse = tf.div(1, tf.maximum(sigma, NORM_FLOOR));
      const used = tf.where(this.enabled, inverse, this.ones);
      const scale = tf.add(tf.mul(this.weightRows[l], used), this.biasRow[l]);
      out.weights.push(tf.mul(w, scale));
      out.scales.push(scale);
      out.lefts.push(tf.mul(mu, inverse));
      out.corrections.push(tf.mul(inverse, this.enabledMask));
      out.sigmas.push(sigma);
    });
    return out;
  }

  /** dLoss/dW'_l from dLoss/d(used W'_l) of the same pass. */
  backward(grads: tf.Tensor[], critic: NormalisedCritic): tf.Tensor[] {
    return grads.map((g, l) => {
      const inner = tf.sum(tf.mul(tf.mul(g, critic.weights[l]), this.weightRows[l]), [1, 2], true);
      const outer = tf.matMul(critic.lefts[l], this.vectors[l], false, true);
      return tf.sub(tf.mul(g, critic.scales[l]), tf.mul(outer, tf.mul(inner, critic.corrections[l])));
    });
  }

  /** sigma_l of every run and layer, [runs, layers] (the page's read-out). */
  sigmaTable(params: tf.Tensor[]): tf.Tensor {
    return tf.concat(this.normalise(params).sigmas.map((s) => tf.reshape(s, [s.shape[0], 1])), 1);
  }

  async exportState(): Promise<SpectralNormState> {
    return { vectors: await Promise.all(this.vectors.map(async (u) => ({ shape: u.shape.slice(), values: Array.from(await u.data()) }))) };
  }

  /** Continues with saved vectors (ignored when their shapes are not this critic's). */
  importState(state: SpectralNormState): void {
    const fits = state.vectors.length === this.vectors.length && state.vectors.every((v, l) => v.shape.join() === this.vectors[l].shape.join());
    if (!fits) return;
    for (const u of this.vectors) u.dispose();
    this.vectors = state.vectors.map((v) => tf.keep(tf.tensor(v.values, v.shape, 'float32')));
  }

  dispose(): void {
    for (const u of this.vectors) u.dispose();
    this.constants.dispose();
  }
}
