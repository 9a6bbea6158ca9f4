// The learned critics of a 2-D batch: L MLPs d(x) on the plane, layers W_l [L, in, out] and
// b_l [L, 1, out], differentiated by tfjs's tape. The input gradient that the penalties and the
// gradient arrows need is written out as a backward pass in plain kernels, so that the tape can
// differentiate it once more (tfjs's nested gradients lose the inner forward pass).
import * as tf from '../tf';
import type { Activation, SchemeConfig } from '../../config/schema';
import { Rng } from '../prng';

/** phi(a) and phi'(a) from kernels whose gradients tfjs has (no EluGrad, no comparison on the tape). */
function activation(kind: Activation): { phi: (a: tf.Tensor) => tf.Tensor; dphi: (a: tf.Tensor) => tf.Tensor } {
  switch (kind) {
    case 'elu': return {
      phi: (a) => tf.sub(tf.add(tf.relu(a), tf.exp(tf.neg(tf.relu(tf.neg(a))))), 1),
      dphi: (a) => tf.exp(tf.neg(tf.relu(tf.neg(a)))),
    };
    case 'relu': return { phi: (a) => tf.relu(a), dphi: (a) => tf.step(a) };
    case 'leaky-relu': return {
      phi: (a) => tf.sub(tf.relu(a), tf.mul(tf.relu(tf.neg(a)), 0.2)),
      dphi: (a) => tf.sub(1, tf.mul(tf.step(tf.neg(a)), 0.8)),
    };
    case 'tanh': return { phi: (a) => tf.tanh(a), dphi: (a) => tf.sub(1, tf.square(tf.tanh(a))) };
    case 'softplus': return { phi: (a) => tf.softplus(a), dphi: (a) => tf.sigmoid(a) };
  }
}

const NORM_FLOOR = 1e-12;
const unit = (t: tf.Tensor) => tf.div(t, tf.maximum(tf.sqrt(tf.sum(tf.square(t), 1, true)), NORM_FLOOR));

/** A tensor's shape and values, as plain data (a state to continue from). */
export interface TensorValues {
  shape: number[];
  values: number[];
}

export async function tensorValues(t: tf.Tensor): Promise<TensorValues> {
  return { shape: t.shape.slice(), values: Array.from(await t.data()) };
}

export class PlanarCritic {
  readonly L: number;
  private readonly act: ReturnType<typeof activation>;
  private readonly sizes: number[];
  /** Clip bounds [L, 1, 1] (1e30 where off), or null without clipping. */
  private readonly clip: tf.Tensor | null;
  /** Spectral normalisation: which runs, and the power-iteration vectors u_l [L, out, 1] and
   * v_l = unit(W_l u_l) [L, in, 1] (constants on the tape). */
  private readonly normalised: tf.Tensor | null;
  private vectors: tf.Tensor[] = [];
  private lefts: tf.Tensor[] = [];

  constructor(hidden: readonly number[], kind: Activation, schemes: readonly SchemeConfig[], seeds: readonly number[]) {
    this.L = schemes.length;
    this.act = activation(kind);
    this.sizes = [2, ...hidden, 1];
    this.clip = schemes.some((s) => s.clip > 0) ? tf.keep(tf.tensor(schemes.map((s) => (s.clip > 0 ? s.clip : 1e30)), [this.L, 1, 1])) : null;
    this.normalised = schemes.some((s) => s.spectralNorm) ? tf.keep(tf.tensor(schemes.map((s) => s.spectralNorm), [this.L, 1, 1], 'bool')) : null;
    if (this.normalised) {
      const rngs = seeds.map((s) => new Rng(s, 3));
      this.vectors = this.sizes.slice(1).map((out) => {
        const v = new Float32Array(this.L * out);
        for (let r = 0; r < this.L; r++) rngs[r].fillNormal(v, r * out, out);
        return tf.keep(tf.tidy(() => unit(tf.tensor3d(v, [this.L, out, 1]))));
      });
    }
  }

  /** Glorot-uniform weights and zero biases from each run's seed. */
  initial(seeds: readonly number[]): tf.Tensor[] {
    const rngs = seeds.map((s) => new Rng(s, 1));
    return this.sizes.slice(1).flatMap((out, l) => {
      const fanIn = this.sizes[l];
      const limit = Math.sqrt(6 / (fanIn + out));
      const w = new Float32Array(this.L * fanIn * out);
      for (let r = 0; r < this.L; r++) for (let i = 0; i < fanIn * out; i++) w[r * fanIn * out + i] = (2 * rngs[r].uniform() - 1) * limit;
      return [tf.tensor3d(w, [this.L, fanIn, out]), tf.zeros([this.L, 1, out])];
    });
  }

  /** One power-iteration step on the current weights (outside the tape; the vectors are kept). */
  iterate(params: tf.Tensor[]): void {
    if (!this.normalised) return;
    const next = tf.tidy(() => this.vectors.map((u, i) => {
      const W = params[2 * i];
      const v = unit(tf.matMul(W, u));
      return [tf.keep(unit(tf.matMul(W, v, true, false))), tf.keep(v)];
    }));
    for (const t of [...this.vectors, ...this.lefts]) t.dispose();
    this.vectors = next.map(([u]) => u);
    this.lefts = next.map(([, v]) => v);
  }

  /** The weights as used: W / sigma_max(W) for the normalised runs, sigma = v^T W u with u, v
   * constants (iterate first: it sets them). */
  private weights(params: tf.Tensor[]): tf.Tensor[] {
    if (!this.normalised) return params;
    return params.map((p, j) => {
      if (j % 2 === 1) return p;
      const sigma = tf.sum(tf.mul(this.lefts[j / 2], tf.matMul(p, this.vectors[j / 2])), 1, true);
      return tf.div(p, tf.where(this.normalised!, tf.maximum(sigma, NORM_FLOOR), tf.onesLike(sigma)));
    });
  }

  /** d [L, N, 1] on x [L, N, 2]; with the input gradient dd/dx [L, N, 2] when asked. `rows`
   * [R] picks a critic per row of x (the generator's batch: runs share the learned critics' rows,
   * and the gather stays off the tape's differentiated path). */
  evaluate(params: tf.Tensor[], x: tf.Tensor, withGrad = false, rows: tf.Tensor | null = null): { d: tf.Tensor; dx: tf.Tensor | null } {
    const used = rows ? this.weights(params).map((w) => tf.gather(w, rows, 0)) : this.weights(params);
    const pre: tf.Tensor[] = [];
    let h = x;
    for (let j = 0; j < used.length; j += 2) {
      const a = tf.add(tf.matMul(h, used[j]), used[j + 1]);
      if (j + 2 < used.length) { pre.push(a); h = this.act.phi(a); } else h = a;
    }
    if (!withGrad) return { d: h, dx: null };
    // backward from dd/dd = 1: delta_{l-1} = (delta_l W_l^T) phi'(a_{l-1}), dx = delta_1 W_1^T
    let delta: tf.Tensor = tf.onesLike(h);
    for (let j = used.length - 2; j >= 0; j -= 2) {
      const back = tf.matMul(delta, used[j], false, true);
      delta = j > 0 ? tf.mul(back, this.act.dphi(pre[j / 2 - 1])) : back;
    }
    return { d: h, dx: delta };
  }

  /** Clips every parameter of the clipped runs to [-c, c]. */
  clipped(params: tf.Tensor[]): tf.Tensor[] {
    const c = this.clip;
    return c ? params.map((p) => tf.minimum(tf.maximum(p, tf.neg(c)), c)) : params;
  }

  /** The power-iteration vectors (spectral normalisation), to continue from; empty without it. */
  async exportState(): Promise<{ vectors: TensorValues[]; lefts: TensorValues[] }> {
    return { vectors: await Promise.all(this.vectors.map(tensorValues)), lefts: await Promise.all(this.lefts.map(tensorValues)) };
  }

  importState(state: { vectors: readonly TensorValues[]; lefts: readonly TensorValues[] }): void {
    if (!this.normalised) return;
    for (const t of [...this.vectors, ...this.lefts]) t.dispose();
    const load = (list: readonly TensorValues[]) => list.map((v) => tf.keep(tf.tensor(v.values, v.shape)));
    this.vectors = load(state.vectors);
    this.lefts = load(state.lefts);
  }

  dispose(): void {
    for (const t of [this.clip, this.normalised, ...this.vectors, ...this.lefts]) t?.dispose();
  }
}
