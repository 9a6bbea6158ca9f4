// The critic basis of src/math/criticBasis.ts evaluated in tfjs. A loss over many runs is
// sum_{n,k} W[r, n, k] * phi_k(d[r, n]) with a per-run, per-sample coefficient tensor W: runs with
// different divergences share the kernels. Only the basis functions some run uses are computed;
// an exponential feature a run does not use is evaluated on a clamped d for that run, so that it
// cannot overflow into Inf * 0 = NaN. The loss's derivative dLoss/dd is written out by hand
// (the engine does its own backward pass).
//
// Kernel economy: the catalog's softplus(-d) and sigmoid(-d) are rewritten internally as
// softplus(d) - d and 1 - sigmoid(d), so that no Neg kernel is needed, and the derivative of the
// whole combination sum_k c_k phi_k(d) is itself one combination of the same few features
// (softplus' = sigmoid, exp(s d)' = s exp(s d), d' = 1): for the JS family the gradient is
// sigmoid(d) times one coefficient tensor plus one constant tensor, three kernels.
import * as tf from './tf';
import { CRITIC_BASIS, type BasisCoefficients, type BasisFunction } from '../math/criticBasis';
import { TensorRegistry } from './registry';
import { COEFFICIENTS, GRAD_FEATURES, VALUE_FEATURES } from './fused/criticPass';

/** Exponential features: phi = exp(scale * d); clamp d from above (scale > 0) or below. */
const EXP_SCALE: Partial<Record<BasisFunction, number>> = {
  expD: 1, expNegD: -1, exp2D: 2, expNeg2D: -2, expHalfD: 0.5, expNegHalfD: -0.5,
};

/** The internal basis: d, softplus(d), sigmoid(d) and the exponentials. */
type Feature = 'd' | 'softplusD' | 'sigmoidD' | keyof typeof EXP_SCALE;
const FEATURES: Feature[] = ['d', 'softplusD', 'sigmoidD', 'expD', 'expNegD', 'exp2D', 'expNeg2D', 'expHalfD', 'expNegHalfD'];

/** Large finite bound standing for "no clamp" (Infinity is avoided for WebGL textures). */
const NO_CLAMP = 1e30;

/** Catalog coefficients in the internal basis, plus the constant term. */
function rewrite(c: BasisCoefficients): { coef: Partial<Record<Feature, number>>; one: number } {
  const coef: Partial<Record<Feature, number>> = {};
  const add = (f: Feature, v: number) => { coef[f] = (coef[f] ?? 0) + v; };
  let one = c.one ?? 0;
  for (const f of CRITIC_BASIS) {
    const v = c[f];
    if (!v || f === 'one') continue;
    if (f === 'softplusNegD') { add('softplusD', v); add('d', -v); } // softplus(-d) = softplus(d) - d
    else if (f === 'sigmoidNegD') { add('sigmoidD', -v); one += v; } // sigmoid(-d) = 1 - sigmoid(d)
    else add(f as Feature, v);
  }
  for (const f of Object.keys(coef) as Feature[]) if (coef[f] === 0) delete coef[f];
  return { coef, one };
}

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
  /** The non-constant internal features some run uses. */
  readonly features: Feature[];
  /** Per feature, its coefficients [R, N, 1]: one tensor each, so that no Concat is needed (on wasm
   * a concat along the last axis copies row by row in JavaScript: a millisecond for 16 x 256 rows). */
  private readonly valueWeights: tf.Tensor[];
  /** Features with a non-constant derivative, and the coefficients of the derivative features. */
  private readonly gradFeatures: Feature[];
  private readonly gradWeights: tf.Tensor[];
  /** The constant part of the derivative (from d: its coefficient; from softplus/sigmoid: none). */
  private readonly gradConstant: tf.Tensor | null;
  private readonly clamps = new Map<Feature, tf.Tensor>();
  /** The constant ('one') term of each run's loss, float64. */
  readonly constant: number[];
  private readonly runs: number;
  /** The derivative features: 'sigmoidD' (s), 'sigmoidDeriv' (s (1 - s)) and exponentials. */
  private readonly psi: string[];
  private readonly tensors = new TensorRegistry();
  /** The same coefficients as plain numbers [runs, groups, COEFFICIENTS] for the fused kernels:
   * the value's over VALUE_FEATURES, then the derivative's over GRAD_FEATURES. */
  readonly table: Float32Array;

  constructor(spec: BasisLossSpec) {
    const { runs, samplesPerGroup: n } = spec;
    this.runs = runs;
    const groups = spec.scale.length;
    const total = groups * n;
    const rows = spec.groups.map((row) => row.map(rewrite));
    const used = new Set<Feature>();
    for (const row of rows) for (const c of row) for (const f of Object.keys(c.coef) as Feature[]) used.add(f);
    this.features = FEATURES.filter((f) => used.has(f));
    this.gradFeatures = this.features.filter((f) => f !== 'd');
    this.constant = rows.map((row) => row.reduce((s, c, g) => s + c.one * spec.scale[g] * n, 0));

    const fill = (list: Feature[], coef: (r: number, g: number, f: Feature) => number): Float32Array => {
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
    const c = (r: number, g: number, f: Feature) => (rows[r][g].coef[f] ?? 0) * spec.scale[g];
    const gs = (r: number) => spec.gradScale?.[r] ?? 1;
    this.valueWeights = this.features.map((f) => this.tensors.keep(tf.tensor(fill([f], c), [runs, total, 1])));
    // derivative of each feature in terms of a feature: softplus' = sigmoid; sigmoid' = s (1 - s);
    // exp(s d)' = s exp(s d): the coefficient of the derivative feature is c * factor
    const derivativeFactor = (f: Feature) => EXP_SCALE[f as keyof typeof EXP_SCALE] ?? 1;
    // softplus(d) and sigmoid(d) both differentiate to a function of s = sigmoid(d): merge them
    // into the psi features 'sigmoidD' (s) and 'sigmoidDeriv' (s (1 - s)) below.
    const psiList = this.gradFeatures.map((f) => (f === 'softplusD' ? 'sigmoidD' : f === 'sigmoidD' ? 'sigmoidDeriv' : f));
    this.psi = [...new Set(psiList)];
    const psiCoef = (r: number, g: number, p: string) => this.gradFeatures.reduce((s, f, i) => s + (psiList[i] === p ? c(r, g, f) * derivativeFactor(f) : 0), 0) * gs(r);
    this.gradWeights = this.psi.map((p) => this.tensors.keep(tf.tensor(fill([p as Feature], (r, g) => psiCoef(r, g, p)), [runs, total, 1])));
    this.table = new Float32Array(runs * groups * COEFFICIENTS);
    for (let r = 0; r < runs; r++) {
      for (let g = 0; g < groups; g++) {
        const base = (r * groups + g) * COEFFICIENTS;
        VALUE_FEATURES.forEach((f, k) => { this.table[base + k] = c(r, g, f); });
        GRAD_FEATURES.forEach((p, k) => { this.table[base + VALUE_FEATURES.length + k] = p === 'one' ? c(r, g, 'd') * gs(r) : psiCoef(r, g, p); });
      }
    }
    this.gradConstant = used.has('d') ? this.tensors.keep(tf.tensor(fill(['d'], (r, g) => c(r, g, 'd') * gs(r)), [runs, total, 1])) : null;

    for (const f of this.features) {
      const scale = EXP_SCALE[f as keyof typeof EXP_SCALE];
      if (scale === undefined) continue;
      let allUse = true;
      const bound = new Float32Array(runs * total);
      for (let r = 0; r < runs; r++) {
        for (let g = 0; g < groups; g++) {
          const uses = !!rows[r][g].coef[f];
          if (!uses) allUse = false;
          bound.fill(uses ? Math.sign(scale) * NO_CLAMP : 0, r * total + g * n, r * total + (g + 1) * n);
        }
      }
      if (!allUse) this.clamps.set(f, this.tensors.keep(tf.tensor(bound, [runs, total, 1])));
    }
  }

  private expFeature(f: Feature, d: tf.Tensor): tf.Tensor {
    const scale = EXP_SCALE[f as keyof typeof EXP_SCALE]!;
    const clamp = this.clamps.get(f);
    const arg = clamp ? (scale > 0 ? tf.minimum(d, clamp) : tf.maximum(d, clamp)) : d;
    return tf.exp(scale === 1 ? arg : scale === -1 ? tf.neg(arg) : tf.mul(arg, scale));
  }

  /**
   * Per-run loss values [R, 1, 1] (without the constant term) and/or dLoss/dd [R, N, 1] for
   * critic outputs d of shape [R, N, 1].
   */
  evaluate(d: tf.Tensor, want: { value: boolean; grad: boolean }): { value: tf.Tensor | null; grad: tf.Tensor | null } {
    const cache = new Map<string, tf.Tensor>();
    const memo = (key: string, make: () => tf.Tensor) => {
      let t = cache.get(key);
      if (!t) { t = make(); cache.set(key, t); }
      return t;
    };
    const sig = () => memo('sigmoidD', () => tf.sigmoid(d));
    const phi = (f: Feature): tf.Tensor => {
      if (EXP_SCALE[f as keyof typeof EXP_SCALE] !== undefined) return memo(f, () => this.expFeature(f, d));
      switch (f) {
        case 'd': return d;
        case 'softplusD': return memo(f, () => tf.softplus(d));
        case 'sigmoidD': return sig();
        default: throw new Error(`unknown basis function ${f}`);
      }
    };
    const psi = (p: string): tf.Tensor => {
      if (p === 'sigmoidD') return sig();
      if (p === 'sigmoidDeriv') return memo(p, () => tf.mul(sig(), tf.sub(1, sig())));
      return phi(p as Feature);
    };
    // sum_k phi_k * W_k: products added up before the one reduction
    const combine = (terms: tf.Tensor[], weights: tf.Tensor[]) => terms.map((t, k) => tf.mul(t, weights[k])).reduce((a, b) => tf.add(a, b));
    let value: tf.Tensor | null = null;
    let grad: tf.Tensor | null = null;
    if (want.value) {
      value = this.features.length ? tf.sum(combine(this.features.map(phi), this.valueWeights), [1, 2], true) : tf.zeros([this.runs, 1, 1]);
    }
    if (want.grad) {
      if (this.psi.length) {
        grad = combine(this.psi.map(psi), this.gradWeights);
        if (this.gradConstant) grad = tf.add(grad, this.gradConstant);
      } else {
        grad = this.gradConstant ?? tf.zerosLike(d);
      }
    }
    return { value, grad };
  }

  dispose(): void {
    this.tensors.dispose();
  }
}
