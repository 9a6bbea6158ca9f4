// The learned critics' hot loops on flat float32 arrays, with no tfjs: one critic update of every
// run of the critic batch (forward over real and fake samples, the loss's derivative over the
// critic basis, the backward pass, the optimizer's step and clipping) and the critic's slope
// dd/dx on the generator's samples. The tfjs kernels in kernels.ts run these over a backend's own
// memory, so that a whole update is one kernel instead of a hundred.
//
// Parameters are homogeneous (src/engine/mlp.ts): per run and layer W'_l [in + 1, out (+ 1)],
// row-major, the last row the bias row and, in hidden layers, the last column the constant unit.
// Inputs x [N, dim] leave out the column of ones that x' = [x, 1] adds.
import type { Activation } from '../../config/schema';

/** The loss's value features per run and group, in this order (basis.ts's internal basis). */
export const VALUE_FEATURES = ['d', 'softplusD', 'sigmoidD', 'expD', 'expNegD', 'exp2D', 'expNeg2D', 'expHalfD', 'expNegHalfD'] as const;
/** The derivative's features: s = sigmoid(d), s (1 - s), the exponentials and a constant. */
export const GRAD_FEATURES = ['sigmoidD', 'sigmoidDeriv', 'expD', 'expNegD', 'exp2D', 'expNeg2D', 'expHalfD', 'expNegHalfD', 'one'] as const;
/** exp(scale d) of the six exponential features, in the order above. */
const EXP_SCALES = [1, -1, 2, -2, 0.5, -0.5];
/** Coefficients per run and group: the value's, then the derivative's. */
export const COEFFICIENTS = VALUE_FEATURES.length + GRAD_FEATURES.length;

export interface CriticGeometry {
  /** Widths [in, H_1, ..., 1]. */
  sizes: number[];
  activation: Activation;
  /** The constant unit's column takes no gradient (relu, leaky-relu, softplus: its phi' is not 0). */
  maskConstUnit: boolean;
}

/** Per-run optimizer constants of one update (the Keras forms of optimizers.ts). */
export interface OptimizerHyper {
  /** Every run is SGD with its rate folded into the loss: the update is p - g. */
  prescaled: boolean;
  sgdLr: Float64Array | null;
  /** Adam's rate with this update's bias correction, per run. */
  adamLr: Float64Array | null;
  beta1: Float64Array | null;
  beta2: Float64Array | null;
  adamEps: Float64Array | null;
  rmsLr: Float64Array | null;
  rho: Float64Array | null;
  rmsEps: Float64Array | null;
}

/** One layer of every run: parameters and the optimizer's slots (Adam m, v; RMSProp ms). */
export interface LayerArrays {
  w: Float32Array;
  m: Float32Array | null;
  v: Float32Array | null;
  ms: Float32Array | null;
}

export interface UpdateArgs {
  geometry: CriticGeometry;
  /** Samples x [L, N, dim]: per run, `groupSize` real rows then `groupSize` fake ones. */
  x: Float32Array;
  runs: number;
  groupSize: number;
  /** [L, 2 groups, COEFFICIENTS] (lossCoefficients in plan.ts). */
  coefficients: Float32Array;
  hyper: OptimizerHyper;
  /** Per run, the clip bound (0: none). */
  clip: Float64Array | null;
  /** Updated in place. */
  layers: LayerArrays[];
  /** When given: each run's loss (without its constant term) [L]. */
  loss: Float32Array | null;
  /** When given: the gradients applied, per layer [L, rows, cols]. */
  grads: Float32Array[] | null;
}

export function layerShape(sizes: number[], l: number): [number, number] {
  const hidden = l + 2 < sizes.length;
  return [sizes[l] + 1, sizes[l + 1] + (hidden ? 1 : 0)];
}

function activate(a: number, activation: Activation): number {
  switch (activation) {
    case 'elu': return a > 0 ? a : Math.expm1(a);
    case 'relu': return a > 0 ? a : 0;
    case 'leaky-relu': return a > 0 ? a : 0.2 * a;
    case 'tanh': return Math.tanh(a);
    case 'softplus': return a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a));
  }
}

/** phi'(a) written in terms of the output h = phi(a) (mlp.ts's activationDerivative). */
function slopeOf(h: number, activation: Activation): number {
  switch (activation) {
    case 'elu': return h > 0 ? 1 : h + 1;
    case 'relu': return h > 0 ? 1 : 0;
    case 'leaky-relu': return h > 0 ? 1 : 0.2;
    case 'tanh': return 1 - h * h;
    case 'softplus': return 1 - Math.exp(-h);
  }
}

/** Scratch arrays of one geometry and sample count, reused across calls. */
export class PassScratch {
  /** Outputs of the hidden layers [N, cols_l] (constant unit included), then d [N]. */
  readonly acts: Float32Array[];
  readonly upA: Float32Array;
  readonly upB: Float32Array;
  readonly grad: Float32Array[];

  constructor(readonly geometry: CriticGeometry, readonly N: number) {
    const { sizes } = geometry;
    const layers = sizes.length - 1;
    this.acts = Array.from({ length: layers }, (_, l) => new Float32Array(N * layerShape(sizes, l)[1]));
    const widest = Math.max(...sizes) + 1;
    this.upA = new Float32Array(N * widest);
    this.upB = new Float32Array(N * widest);
    this.grad = Array.from({ length: layers }, (_, l) => { const [r, c] = layerShape(sizes, l); return new Float32Array(r * c); });
  }
}

/** The critic of run r on x [N, dim] (offset xOff): fills scratch.acts; the output d is the last. */
function forward(s: PassScratch, layers: Float32Array[], r: number, x: Float32Array, xOff: number): void {
  const { sizes, activation } = s.geometry;
  const N = s.N;
  const count = sizes.length - 1;
  for (let l = 0; l < count; l++) {
    const [rows, cols] = layerShape(sizes, l);
    const w = layers[l];
    const wOff = r * rows * cols;
    const out = s.acts[l];
    const input = l === 0 ? x : s.acts[l - 1];
    const inOff = l === 0 ? xOff : 0;
    const inWidth = rows - (l === 0 ? 1 : 0);
    const hidden = l + 1 < count;
    for (let n = 0; n < N; n++) {
      const o = n * cols;
      const h = inOff + n * inWidth;
      for (let j = 0; j < cols; j++) {
        let a = 0;
        for (let i = 0; i < inWidth; i++) a += input[h + i] * w[wOff + i * cols + j];
        if (l === 0) a += w[wOff + (rows - 1) * cols + j];
        out[o + j] = hidden ? activate(a, activation) : a;
      }
    }
  }
}

/** dLoss/dd of each sample of run r into up [N] from d [N]; its loss value when asked. */
function lossDerivative(d: Float32Array, up: Float32Array, coef: Float32Array, r: number, groupSize: number, wantValue: boolean): number {
  let value = 0;
  const V = VALUE_FEATURES.length;
  for (let n = 0; n < d.length; n++) {
    const c = (r * 2 + (n < groupSize ? 0 : 1)) * COEFFICIENTS;
    const dn = d[n];
    const sig = 1 / (1 + Math.exp(-dn));
    let g = coef[c + V] * sig + coef[c + V + 1] * sig * (1 - sig) + coef[c + V + 8];
    for (let e = 0; e < 6; e++) {
      const k = coef[c + V + 2 + e];
      if (k !== 0) g += k * Math.exp(EXP_SCALES[e] * dn);
    }
    up[n] = g;
    if (!wantValue) continue;
    value += coef[c] * dn + coef[c + 2] * sig;
    if (coef[c + 1] !== 0) value += coef[c + 1] * (dn > 0 ? dn + Math.log1p(Math.exp(-dn)) : Math.log1p(Math.exp(dn)));
    for (let e = 0; e < 6; e++) if (coef[c + 3 + e] !== 0) value += coef[c + 3 + e] * Math.exp(EXP_SCALES[e] * dn);
  }
  return value;
}

/**
 * Backward from up = dLoss/dd [N] of run r: parameter gradients into scratch.grad, or, with
 * `inputSlope`, dLoss/dx [N, dim] into it (offset slopeOff) and no parameter gradients.
 */
function backward(s: PassScratch, layers: Float32Array[], r: number, x: Float32Array, xOff: number, inputSlope: Float32Array | null, slopeOff: number): void {
  const { sizes, activation, maskConstUnit } = s.geometry;
  const N = s.N;
  let up = s.upA;
  let next = s.upB;
  for (let l = sizes.length - 2; l >= 0; l--) {
    const [rows, cols] = layerShape(sizes, l);
    const w = layers[l];
    const wOff = r * rows * cols;
    const hidden = l + 2 < sizes.length;
    if (!inputSlope) {
      const g = s.grad[l];
      g.fill(0);
      const input = l === 0 ? x : s.acts[l - 1];
      const inWidth = rows - (l === 0 ? 1 : 0);
      const inOff = l === 0 ? xOff : 0;
      for (let n = 0; n < N; n++) {
        const u = n * cols;
        for (let i = 0; i < inWidth; i++) {
          const a = input[inOff + n * inWidth + i];
          for (let j = 0; j < cols; j++) g[i * cols + j] += a * up[u + j];
        }
        if (l === 0) for (let j = 0; j < cols; j++) g[(rows - 1) * cols + j] += up[u + j];
      }
      if (hidden && maskConstUnit) for (let i = 0; i < rows; i++) g[i * cols + cols - 1] = 0;
      if (l === 0) break;
    }
    // up through W'^T: to the input of layer l (dim columns for l = 0, else the previous outputs)
    const inWidth = l === 0 ? rows - 1 : rows;
    const prev = l === 0 ? null : s.acts[l - 1];
    for (let n = 0; n < N; n++) {
      const u = n * cols;
      for (let i = 0; i < inWidth; i++) {
        let a = 0;
        for (let j = 0; j < cols; j++) a += up[u + j] * w[wOff + i * cols + j];
        if (prev) next[n * inWidth + i] = a * slopeOf(prev[n * inWidth + i], activation);
        else inputSlope![slopeOff + n * inWidth + i] = a;
      }
    }
    const t = up; up = next; next = t;
  }
}

/** One optimizer step (and clip) of run r on layer l's parameters with gradient g. */
function optimizerStep(args: UpdateArgs, layer: LayerArrays, g: Float32Array, r: number, l: number): void {
  const { hyper, clip } = args;
  const [rows, cols] = layerShape(args.geometry.sizes, l);
  const size = rows * cols;
  const off = r * size;
  const { w, m, v, ms } = layer;
  const sgd = hyper.sgdLr?.[r] ?? 0;
  const adam = hyper.adamLr?.[r] ?? 0;
  const rms = hyper.rmsLr?.[r] ?? 0;
  const bound = clip?.[r] ?? 0;
  const hidden = l + 2 < args.geometry.sizes.length;
  for (let i = 0; i < size; i++) {
    const gi = g[i];
    let step: number;
    if (hyper.prescaled) step = gi;
    else {
      step = 0;
      if (hyper.sgdLr) step += sgd * gi;
      if (m && v) {
        const mi = (m[off + i] = hyper.beta1![r] * m[off + i] + (1 - hyper.beta1![r]) * gi);
        const vi = (v[off + i] = hyper.beta2![r] * v[off + i] + (1 - hyper.beta2![r]) * gi * gi);
        step += adam * (mi / (Math.sqrt(vi) + hyper.adamEps![r]));
      }
      if (ms) {
        const si = (ms[off + i] = hyper.rho![r] * ms[off + i] + (1 - hyper.rho![r]) * gi * gi);
        step += rms * (gi / (Math.sqrt(si) + hyper.rmsEps![r]));
      }
    }
    let p = w[off + i] - step;
    if (bound > 0 && !(hidden && i % cols === cols - 1)) p = Math.min(Math.max(p, -bound), bound);
    w[off + i] = p;
  }
}

/** One critic update of every run (see UpdateArgs). */
export function criticUpdate(args: UpdateArgs, scratch: PassScratch): void {
  const { geometry, x, runs, groupSize, coefficients, layers, loss, grads } = args;
  const dim = geometry.sizes[0];
  const N = scratch.N;
  const weights = layers.map((layer) => layer.w);
  const count = layers.length;
  for (let r = 0; r < runs; r++) {
    const xOff = r * N * dim;
    forward(scratch, weights, r, x, xOff);
    const value = lossDerivative(scratch.acts[count - 1], scratch.upA, coefficients, r, groupSize, loss !== null);
    if (loss) loss[r] = value;
    backward(scratch, weights, r, x, xOff, null, 0);
    for (let l = 0; l < count; l++) {
      const g = scratch.grad[l];
      if (grads) grads[l].set(g, r * g.length);
      optimizerStep(args, layers[l], g, r, l);
    }
  }
}

/** The critic d [L, N] and its slope dd/dx [L, N, dim] of every run on x [L, N, dim]. */
export function criticSlope(geometry: CriticGeometry, weights: Float32Array[], x: Float32Array, runs: number, d: Float32Array, slope: Float32Array, scratch: PassScratch): void {
  const dim = geometry.sizes[0];
  const N = scratch.N;
  const count = weights.length;
  for (let r = 0; r < runs; r++) {
    forward(scratch, weights, r, x, r * N * dim);
    d.set(scratch.acts[count - 1], r * N);
    scratch.upA.fill(1, 0, N);
    backward(scratch, weights, r, x, r * N * dim, slope, r * N * dim);
  }
}
