// The critic MLP with a hand-written backward pass, in homogeneous coordinates.
//
// Kernels, not flops, are what a step costs (a 20-unit critic is tiny work), so the layers carry no
// separate bias: every layer is one product h' W' with
//   - the input x' = [x, 1] (shape [R, N, 2]: a column of ones, uploaded with the samples),
//   - W'_l = [[W_l, 0], [b_l / c, z / c]] of shape [R, in + 1, out + 1]: the extra column is a
//     constant unit whose pre-activation is z, so that its output phi(z) = c is the "1" the next
//     layer's bias row multiplies (c = +-1 exactly: the parametrisation and every optimizer step are
//     those of the usual W, b), and the last layer [R, in + 1, 1] has no constant unit.
// For elu (z = -64, c = -1) and tanh (z = 64, c = 1) the constant unit sits where phi' = 0 (and
// phi'' = 0), so no gradient ever reaches its column: exact, and free. For relu, leaky-relu and
// softplus (z with phi(z) = 1, phi'(z) = 1) the hidden layers' gradients are multiplied by a mask
// that zeroes that column (one kernel per hidden layer). Compared with W, b layers this saves the
// bias add (or, on wasm, the rank-1 bias copy the fused kernel needs), the bias gradient and the
// bias update: about a third of a critic step's kernels.
//
// Two layouts compute the same numbers:
// - 'batched': one BatchMatMul over all runs per product (fewest kernels; webgl).
// - 'perRun': a 2-D product per run. The wasm backend sends only batch-1, untransposed products
//   to XNNPACK; batched or transposed products take a scalar loop about 5-10x slower (bench/kernels.ts),
//   so on wasm each run gets its own untransposed matMul, large transposes are explicit, and matMul
//   + activation run as one _FusedMatMul kernel. The cpu backend gains from it too (bench/ab.ts).
//   wasm caches an XNNPACK operator per right-hand operand's tensor id whatever its shape: weights
//   are only ever used with one shape, and transposes are new tensors (never Reshape views).
import * as tf from './tf';
import type { Activation } from '../config/schema';

export type MlpLayout = 'batched' | 'perRun';

export interface MlpOptions {
  activation: Activation;
  /** Default: perRun on wasm and cpu (measured faster: bench/ab.ts), batched on webgl (fewer draws). */
  layout?: MlpLayout;
  /** Gradient masks of the hidden layers' constant units (constUnitMasks); made on the fly when absent. */
  masks?: (tf.Tensor | null)[];
}

/** The constant unit of a hidden layer: pre-activation z, output c = phi(z); frozen when phi'(z) = 0. */
export interface ConstUnit { z: number; c: number; frozen: boolean }

export const CONST_UNIT: Record<Activation, ConstUnit> = {
  elu: { z: -64, c: -1, frozen: true }, // e^-64 - 1 = -1 in float32, phi' = h + 1 = 0, phi'' = 0
  tanh: { z: 64, c: 1, frozen: true }, // tanh(64) = 1, phi' = 1 - h^2 = 0, phi'' = 0
  relu: { z: 1, c: 1, frozen: false },
  'leaky-relu': { z: 1, c: 1, frozen: false },
  softplus: { z: Math.log(Math.E - 1), c: 1, frozen: false }, // softplus(z) = 1 (to float32 rounding)
};

/** Per group of runs (the whole batch, or one run in the perRun layout). */
export interface MlpForward {
  /** Layer inputs [x', h'_1, ..., h'_{L-1}] joined over runs (batched layout; perRun: [x'] only). */
  inputs: tf.Tensor[];
  /** Output d, shape [R, N, 1]. */
  out: tf.Tensor;
  /** acts[l][g]: group g's input to layer l (l = 0: x'); weights[l][g]: group g's W'_l. */
  acts: tf.Tensor[][];
  weights: tf.Tensor[][];
  perRun: boolean;
}

export function mlpLayout(opts: Partial<MlpOptions>): MlpLayout {
  if (opts.layout) return opts.layout;
  const backend = tf.getBackend();
  return backend === 'wasm' || backend === 'cpu' ? 'perRun' : 'batched';
}

export function activate(h: tf.Tensor, activation: Activation): tf.Tensor {
  switch (activation) {
    case 'elu': return tf.elu(h);
    case 'relu': return tf.relu(h);
    case 'leaky-relu': return tf.leakyRelu(h, 0.2);
    case 'tanh': return tf.tanh(h);
    case 'softplus': return tf.softplus(h);
  }
}

/** dy * activation'(a) from the upstream gradient dy and the activation's output h (same shape). */
export function activationBackward(dy: tf.Tensor, h: tf.Tensor, activation: Activation): tf.Tensor {
  if (activation === 'elu' && tf.engine().state.gradientDepth === 0) return tf.engine().runKernel('EluGrad', { dy, y: h }) as tf.Tensor;
  return tf.mul(dy, activationDerivative(h, activation));
}

/** The activation's derivative written in terms of its output h. */
export function activationDerivative(h: tf.Tensor, activation: Activation): tf.Tensor {
  switch (activation) {
    case 'elu': return tf.add(tf.minimum(h, 0), 1); // 1 for h > 0, e^a = h + 1 below
    case 'relu': return tf.step(h, 0);
    case 'leaky-relu': return tf.step(h, 0.2);
    case 'tanh': return tf.sub(1, tf.square(h));
    case 'softplus': return tf.sub(1, tf.exp(tf.neg(h))); // sigmoid(a) = 1 - e^-softplus(a)
  }
}

// ---------------------------------------------------------------------------------------------
// Conversions between (W, b) layers and homogeneous ones.

/** Layer sizes [1, H_1, ..., 1] of homogeneous parameters. */
export function layerSizesOf(params: tf.Tensor[]): number[] {
  const L = params.length;
  return [params[0].shape[1]! - 1, ...params.map((p, l) => (l + 1 < L ? p.shape[2]! - 1 : p.shape[2]!))];
}

/** The homogeneous shape [in + 1, out (+ 1 for hidden layers)] of each layer. */
export function homogeneousShapes(sizes: number[]): [number, number][] {
  const L = sizes.length - 1;
  return Array.from({ length: L }, (_, l) => [sizes[l] + 1, sizes[l + 1] + (l + 1 < L ? 1 : 0)]);
}

/** (W [R, in, out], b [R, out]) per layer, row-major per run, to homogeneous arrays [R, in + 1, out']. */
export function toHomogeneousArrays(layers: { w: ArrayLike<number>; b: ArrayLike<number> }[], sizes: number[], R: number, activation: Activation): Float32Array[] {
  const { z, c } = CONST_UNIT[activation];
  const shapes = homogeneousShapes(sizes);
  return layers.map(({ w, b }, l) => {
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    const [rows, cols] = shapes[l];
    const cPrev = l === 0 ? 1 : c;
    const out = new Float32Array(R * rows * cols);
    for (let r = 0; r < R; r++) {
      const base = r * rows * cols;
      for (let i = 0; i < fanIn; i++) for (let j = 0; j < fanOut; j++) out[base + i * cols + j] = w[(r * fanIn + i) * fanOut + j];
      for (let j = 0; j < fanOut; j++) out[base + fanIn * cols + j] = b[r * fanOut + j] / cPrev;
      if (cols > fanOut) out[base + fanIn * cols + fanOut] = z / cPrev;
    }
    return out;
  });
}

/** The inverse of toHomogeneousArrays. */
export function fromHomogeneousArrays(h: ArrayLike<number>[], sizes: number[], R: number, activation: Activation): { w: Float32Array; b: Float32Array }[] {
  const { c } = CONST_UNIT[activation];
  const shapes = homogeneousShapes(sizes);
  return h.map((values, l) => {
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    const [rows, cols] = shapes[l];
    const cPrev = l === 0 ? 1 : c;
    const w = new Float32Array(R * fanIn * fanOut);
    const b = new Float32Array(R * fanOut);
    for (let r = 0; r < R; r++) {
      const base = r * rows * cols;
      for (let i = 0; i < fanIn; i++) for (let j = 0; j < fanOut; j++) w[(r * fanIn + i) * fanOut + j] = values[base + i * cols + j];
      for (let j = 0; j < fanOut; j++) b[r * fanOut + j] = values[base + fanIn * cols + j] * cPrev;
    }
    return { w, b };
  });
}

/** [W1, b1, ..., WL, bL] (W [R, in, out], b [R, 1, out]) as homogeneous tensors, with tf ops (differentiable). */
export function homogeneousParams(params: tf.Tensor[], activation: Activation): tf.Tensor[] {
  const { z, c } = CONST_UNIT[activation];
  const L = params.length / 2;
  return Array.from({ length: L }, (_, l) => {
    const w = params[2 * l];
    const [R, fanIn] = w.shape as number[];
    const cPrev = l === 0 ? 1 : c;
    const top = tf.concat([w, tf.div(params[2 * l + 1], cPrev)], 1);
    if (l + 1 === L) return top;
    const column = new Float32Array(R * (fanIn + 1));
    for (let r = 0; r < R; r++) column[r * (fanIn + 1) + fanIn] = z / cPrev;
    return tf.concat([top, tf.tensor3d(column, [R, fanIn + 1, 1])], 2);
  });
}

/** Gradients with respect to homogeneous parameters as [dW1, db1, ...] of the (W, b) layers. */
export function standardGrads(grads: tf.Tensor[], activation: Activation): tf.Tensor[] {
  const { c } = CONST_UNIT[activation];
  const sizes = layerSizesOf(grads);
  return grads.flatMap((g, l) => {
    const R = g.shape[0];
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    const cPrev = l === 0 ? 1 : c;
    return [tf.slice(g, [0, 0, 0], [R, fanIn, fanOut]), tf.div(tf.slice(g, [0, fanIn, 0], [R, 1, fanOut]), cPrev)];
  });
}

/** x [R, N, 1] -> x' = [x, 1] [R, N, 2]. */
export function homogeneousInput(x: tf.Tensor): tf.Tensor {
  return tf.concat([x, tf.onesLike(x)], 2);
}

/** Gradient masks of the hidden layers ([1, in + 1, out + 1], zero in the constant unit's column),
 * null where the constant unit is frozen by the activation itself (elu, tanh) and for the last layer. */
export function constUnitMasks(sizes: number[], activation: Activation): (tf.Tensor | null)[] {
  const shapes = homogeneousShapes(sizes);
  return shapes.map(([rows, cols], l) => {
    if (CONST_UNIT[activation].frozen || l + 1 === shapes.length) return null;
    const m = new Float32Array(rows * cols).fill(1);
    for (let i = 0; i < rows; i++) m[i * cols + cols - 1] = 0;
    return tf.tensor3d(m, [1, rows, cols]);
  });
}

// ---------------------------------------------------------------------------------------------

/** Activations the fused matMul kernels apply themselves (wasm's FusableActivation enum). */
const FUSED_ACTIVATION: Partial<Record<Activation, 'elu' | 'relu' | 'leakyrelu'>> = { elu: 'elu', relu: 'relu', 'leaky-relu': 'leakyrelu' };

/** A tensor's R run pieces along axis 0 (one SplitV kernel; none for R = 1). */
export function pieces(t: tf.Tensor, R: number): tf.Tensor[] {
  return R === 1 ? [t] : tf.split(t, R, 0);
}

/** Run pieces back into one batched tensor (one Concat kernel; none for R = 1). */
export function joined(list: tf.Tensor[]): tf.Tensor {
  return list.length === 1 ? list[0] : tf.concat(list, 0);
}

/** phi(a w) (or a w for the output layer): one _FusedMatMul kernel where the backend can. */
export function layer(a: tf.Tensor, w: tf.Tensor, activation: Activation | null): tf.Tensor {
  const fusedAct = activation ? FUSED_ACTIVATION[activation] : 'linear';
  if (tf.engine().state.gradientDepth === 0) {
    // the kernel itself: tf.fused.matMul adds an op wrapper, customGrad and Reshapes per call
    const h = tf.engine().runKernel('_FusedMatMul', { a, b: w }, { transposeA: false, transposeB: false, activation: fusedAct ?? 'linear', leakyreluAlpha: 0.2 }) as tf.Tensor;
    return activation && !fusedAct ? activate(h, activation) : h;
  }
  const h = tf.matMul(a, w);
  return activation ? activate(h, activation) : h;
}

/**
 * The critic on homogeneous inputs x' [R, N, 2] with homogeneous params [W'_1, ..., W'_L]. In the
 * perRun layout x may also be given as its R run pieces [1, N, 2] (saves a split of x).
 */
export function mlpForward(x: tf.Tensor | tf.Tensor[], params: tf.Tensor[], opts: MlpOptions): MlpForward {
  const given = Array.isArray(x) ? x : null;
  const first = given ? given[0] : (x as tf.Tensor);
  if (first.shape[2] !== 2) throw new Error(`the critic takes homogeneous inputs [x, 1] of shape [R, N, 2], got [${first.shape}]`);
  const perRun = given !== null || mlpLayout(opts) === 'perRun';
  const R = params[0].shape[0];
  const L = params.length;
  const split = (t: tf.Tensor) => (perRun ? pieces(t, R) : [t]);
  const acts: tf.Tensor[][] = [given ?? split(x as tf.Tensor)];
  const weights: tf.Tensor[][] = [];
  let outs: tf.Tensor[] = [];
  for (let l = 0; l < L; l++) {
    const ws = split(params[l]);
    weights.push(ws);
    const hs = acts[l].map((a, g) => layer(a, ws[g], l + 1 < L ? opts.activation : null));
    if (l + 1 < L) acts.push(hs);
    else outs = hs;
  }
  const out = joined(outs);
  return { inputs: perRun ? (given ? [] : [x as tf.Tensor]) : acts.map((a) => a[0]), out, acts, weights, perRun };
}

/**
 * a^T b contracted over the samples. wasm's scalar loop (any transposed product) costs about its
 * output size: for a 21 x 21 output an explicit transpose + XNNPACK product is 2-3x faster
 * (bench/kernels.ts); a one-column output, or the first layer's two rows (x' = [x, 1]: 19 us
 * against 42 us for 512 samples), stays a single transposed product.
 */
export function productTA(a: tf.Tensor, b: tf.Tensor, perRun: boolean): tf.Tensor {
  if (perRun && (b.shape[2] as number) > 1 && (a.shape[2] as number) > 4 && tf.getBackend() === 'wasm') return tf.matMul(tf.transpose(a, [0, 2, 1]), b);
  return tf.matMul(a, b, true, false);
}

/** Per group, explicit copies of W^T for the products up W^T on wasm's perRun layout
 * (a new tensor, never a Reshape view: XNNPACK operators are cached by tensor id); else null. */
export function transposedWeights(w: tf.Tensor, perRun: boolean): tf.Tensor[] | null {
  // the product up W^T has in + 1 > 1 output columns: always explicit on wasm (see productTA)
  if (!(perRun && tf.getBackend() === 'wasm')) return null;
  return pieces(tf.transpose(w, [0, 2, 1]), w.shape[0]);
}

/** up W^T, with W^T from transposedWeights when given. */
export function productBT(up: tf.Tensor, w: tf.Tensor, wT: tf.Tensor | null | undefined): tf.Tensor {
  return wT ? tf.matMul(up, wT) : tf.matMul(up, w, false, true);
}

/** The gradient mask of layer l's constant unit (null: none needed). */
export function constUnitMask(opts: MlpOptions, params: tf.Tensor[], l: number): tf.Tensor | null {
  if (CONST_UNIT[opts.activation].frozen || l + 1 >= params.length) return null;
  if (opts.masks) return opts.masks[l];
  return constUnitMasks(layerSizesOf(params), opts.activation)[l];
}

/**
 * Gradients of sum(g * d) with respect to every homogeneous parameter, given upstream
 * g = dLoss/dd of shape [R, N, 1]. Runs are independent (the loss is a sum over runs).
 */
export function mlpParamGrads(fwd: MlpForward, params: tf.Tensor[], g: tf.Tensor, opts: MlpOptions): tf.Tensor[] {
  return backward(fwd, params, g, opts, false).grads;
}

/**
 * d(sum upstream * d)/dx for every sample, shape [R, N, 1] (upstream [R, N, 1], default 1: dd/dx).
 */
export function mlpInputGrad(fwd: MlpForward, params: tf.Tensor[], opts: MlpOptions, upstream?: tf.Tensor): tf.Tensor {
  const [R, N] = fwd.out.shape;
  return backward(fwd, params, upstream ?? tf.ones([R, N, 1]), opts, true).dx!;
}

function backward(fwd: MlpForward, params: tf.Tensor[], g: tf.Tensor, opts: MlpOptions, inputGrad: boolean): { grads: tf.Tensor[]; dx: tf.Tensor | null } {
  const { perRun, acts, weights } = fwd;
  const R = params[0].shape[0];
  const L = params.length;
  let ups = perRun ? pieces(g, R) : [g];
  const grads: tf.Tensor[] = new Array(L);
  for (let l = L - 1; l >= 0; l--) {
    if (!inputGrad) {
      let dW = joined(acts[l].map((a, i) => productTA(a, ups[i], perRun)));
      const mask = constUnitMask(opts, params, l);
      if (mask) dW = tf.mul(dW, mask);
      grads[l] = dW;
      if (l === 0) break;
    }
    if (l === 0) {
      // dd/dx: only the x row of W'_1 (the ones column of x' is a constant)
      const xRow = tf.slice(params[0], [0, 0, 0], [R, 1, params[0].shape[2]!]);
      const rows = perRun ? pieces(xRow, R) : [xRow];
      return { grads, dx: joined(ups.map((u, i) => tf.matMul(u, rows[i], false, true))) };
    }
    const wT = transposedWeights(params[l], perRun);
    ups = ups.map((u, i) => activationBackward(productBT(u, weights[l][i], wT?.[i]), acts[l][i], opts.activation));
  }
  return { grads, dx: null };
}
