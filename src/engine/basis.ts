// The critic basis of src/math/criticBasis.ts evaluated in tfjs. A loss over many runs is
// sum_{n,k} W[r, n, k] * phi_k(d[r, n]) with a per-run, per-sample coefficient tensor W: runs with
// different divergences share the kernels. Only the basis functions some run uses are computed;
// an exponential feature a run does not use is evaluated on a clamped d for that run, so that it
// cannot overflow into Inf * 0 = NaN. The loss's derivative dLoss/dd is written out by hand
// (the engine does its own backward pass).
import * as tf from './tf';
import { CRITIC_BASIS, type BasisCoefficients, type BasisFunction } from '../math/criticBasis';

/** Exponential features: phi = exp(scale * d); clamp d from above (scale > 0) or below. */
const EXP_SCALE: Partial<Record<BasisFunction, number>> = {
  expD: 1, expNegD: -1, exp2D: 2, expNeg2D: -2, expHalfD: 0.5, expNegHalfD: -0.5,
};

/** Large finite bound standing for "no clamp" (Infinity is avoided for WebGL textures). */
const NO_CLAMP = 1e30;

/**
 * rows[r][g]: the coefficients for the rows of run r in group g; groups split the sample axis
 * into equal consecutive blocks (e.g. real | fake); scale[g] multiplies them (e.g. -1/B, +1/B).
 * gradScale[r] (optional) multiplies run r's derivative only (e.g. an SGD learning rate).
 */
export interface BasisLossSpec {
  runs: number;
  samplesPerGroup: number;
  groups: BasisCoefficients[][];
  scale: number[];
  gradScale?: number[];
}

export class BasisLoss {
  /** The non-constant basis functions some run uses (the 'one' term has no gradient). */
  readonly features: BasisFunction[];
  private readonly valueWeights: tf.Tensor;
  private readonly gradFeatures: BasisFunction[];
  private readonly gradWeights: tf.Tensor | null;
  private readonly gradConstant: tf.Tensor | null;
  private readonly clamps = new Map<BasisFunction, tf.Tensor>();
  /** The constant ('one') term of each run's loss, float64. */
  readonly constant: number[];

  constructor(spec: BasisLossSpec) {
    const { runs, samplesPerGroup: n } = spec;
    const groups = spec.scale.length;
    const total = groups * n;
    const used = new Set<BasisFunction>();
    for (const row of spec.groups) for (const c of row) for (const f of CRITIC_BASIS) if (f !== 'one' && c[f]) used.add(f);
    this.features = CRITIC_BASIS.filter((f) => used.has(f));
    this.gradFeatures = this.features.filter((f) => f !== 'd');
    this.constant = spec.groups.map((row) => row.reduce((s, c, g) => s + (c.one ?? 0) * spec.scale[g] * n, 0));

    const fill = (list: BasisFunction[], coef: (r: number, g: number, f: BasisFunction) => number): Float32Array => {
      const nb = list.length;
      const w = new Float32Array(runs * total * nb);
      for (let r = 0; r < runs; r++) {
        for (let g = 0; g < groups; g++) {
          const values = list.map((f) => coef(r, g, f));
          for (let i = 0; i < n; i++) {
            const base = (r * total + g * n + i) * nb;
            for (let k = 0; k < nb; k++) w[base + k] = values[k];
          }
        }
      }
      return w;
    };
    const c = (r: number, g: number, f: BasisFunction) => (spec.groups[r][g][f] ?? 0) * spec.scale[g];
    const gs = (r: number) => spec.gradScale?.[r] ?? 1;
    const nb = Math.max(1, this.features.length);
    this.valueWeights = tf.keep(tf.tensor(this.features.length ? fill(this.features, c) : new Float32Array(runs * total), [runs, total, nb]));
    const derivativeFactor = (f: BasisFunction) => EXP_SCALE[f] ?? -1; // softplus(-d)' = -sigmoid(-d); sigmoid(-d)' = -s(1-s)
    this.gradWeights = this.gradFeatures.length
      ? tf.keep(tf.tensor(fill(this.gradFeatures, (r, g, f) => c(r, g, f) * derivativeFactor(f) * gs(r)), [runs, total, this.gradFeatures.length]))
      : null;
    this.gradConstant = used.has('d') ? tf.keep(tf.tensor(fill(['d'], (r, g) => c(r, g, 'd') * gs(r)), [runs, total, 1])) : null;

    for (const f of this.features) {
      const scale = EXP_SCALE[f];
      if (scale === undefined) continue;
      let allUse = true;
      const bound = new Float32Array(runs * total);
      for (let r = 0; r < runs; r++) {
        for (let g = 0; g < groups; g++) {
          const uses = !!spec.groups[r][g][f];
          if (!uses) allUse = false;
          bound.fill(uses ? Math.sign(scale) * NO_CLAMP : 0, r * total + g * n, r * total + (g + 1) * n);
        }
      }
      if (!allUse) this.clamps.set(f, tf.keep(tf.tensor(bound, [runs, total, 1])));
    }
  }

  private expFeature(f: BasisFunction, d: tf.Tensor): tf.Tensor {
    const scale = EXP_SCALE[f]!;
    const clamp = this.clamps.get(f);
    const arg = clamp ? (scale > 0 ? tf.minimum(d, clamp) : tf.maximum(d, clamp)) : d;
    return tf.exp(scale === 1 ? arg : scale === -1 ? tf.neg(arg) : tf.mul(arg, scale));
  }

  /**
   * Per-run loss values [R] (without the constant term) and/or dLoss/dd [R, N, 1] for critic
   * outputs d of shape [R, N, 1].
   */
  evaluate(d: tf.Tensor, want: { value: boolean; grad: boolean }): { value: tf.Tensor | null; grad: tf.Tensor | null } {
    const cache = new Map<string, tf.Tensor>();
    const memo = (key: string, make: () => tf.Tensor) => {
      let t = cache.get(key);
      if (!t) { t = make(); cache.set(key, t); }
      return t;
    };
    const negD = () => memo('negD', () => tf.neg(d));
    const sigNeg = () => memo('sigNeg', () => tf.sigmoid(negD()));
    const phi = (f: BasisFunction): tf.Tensor => {
      if (EXP_SCALE[f] !== undefined) return memo(f, () => this.expFeature(f, d));
      switch (f) {
        case 'd': return d;
        case 'softplusNegD': return memo(f, () => tf.softplus(negD()));
        case 'sigmoidNegD': return sigNeg();
        default: throw new Error(`unknown basis function ${f}`);
      }
    };
    const psi = (f: BasisFunction): tf.Tensor => {
      if (EXP_SCALE[f] !== undefined) return phi(f);
      if (f === 'softplusNegD') return sigNeg();
      if (f === 'sigmoidNegD') return memo('sigDeriv', () => tf.mul(sigNeg(), tf.sub(1, sigNeg())));
      throw new Error(`no derivative feature for ${f}`);
    };
    const stack = (list: tf.Tensor[]) => (list.length === 1 ? list[0] : tf.concat(list, 2));
    let value: tf.Tensor | null = null;
    let grad: tf.Tensor | null = null;
    if (want.value) {
      value = this.features.length
        ? tf.sum(tf.mul(stack(this.features.map(phi)), this.valueWeights), [1, 2])
        : tf.zeros([d.shape[0]]);
    }
    if (want.grad) {
      if (this.gradWeights) {
        const prod = tf.mul(stack(this.gradFeatures.map(psi)), this.gradWeights);
        grad = this.gradFeatures.length > 1 ? tf.sum(prod, 2, true) : prod;
        if (this.gradConstant) grad = tf.add(grad, this.gradConstant);
      } else {
        grad = this.gradConstant ?? tf.zerosLike(d);
      }
    }
    return { value, grad };
  }

  dispose(): void {
    this.valueWeights.dispose();
    this.gradWeights?.dispose();
    this.gradConstant?.dispose();
    for (const t of this.clamps.values()) t.dispose();
  }
}
