// The batched critic MLP with a hand-written backward pass. Autodiff through the tfjs tape costs
// an Identity clone per saved tensor and bookkeeping per op; the forward and backward kernels of a
// small MLP written out by hand are about half as many. Shapes: x [R, N, 1], weights [R, in, out],
// biases [R, 1, out]; params = [W1, b1, W2, b2, ..., WL, bL].
//
// Two layouts compute the same numbers:
// - 'batched': one BatchMatMul over all runs per product (fewest kernels; webgl).
// - 'perRun': a 2-D product per run. The wasm backend sends only batch-1, untransposed products
//   to XNNPACK; batched or transposed products take a scalar loop about 5-10x slower (bench/kernels.ts),
//   so on wasm each run gets its own untransposed matMul, transposes are explicit, and matMul + bias
//   + activation run as one _FusedMatMul kernel. The cpu backend gains from it too (bench/ab.ts).
import * as tf from './tf';
import type { Activation } from '../config/schema';

export type MlpLayout = 'batched' | 'perRun';

export interface MlpOptions {
  activation: Activation;
  /** tf.fused.matMul with bias (cpu, webgl); wasm's fused kernel takes only a rank-1 bias (the
   * perRun layout uses it with per-run rank-1 biases whatever this says). */
  fused: boolean;
  /** Default: perRun on wasm and cpu (measured faster: bench/ab.ts), batched on webgl (fewer draws). */
  layout?: MlpLayout;
}

export interface MlpForward {
  /** Layer inputs: [x, h1, ..., h_{L-1}] (h are post-activation); perRun layout: [x] only. */
  inputs: tf.Tensor[];
  /** Output d, shape [R, N, 1]. */
  out: tf.Tensor;
  /** perRun layout: the per-run pieces the backward pass reuses. */
  perRun?: PerRunForward;
}

interface PerRunForward {
  /** runs[r][l]: run r's input to layer l, 2-D [N, width_l]. */
  runs: tf.Tensor[][];
  /** weights[l][r]: run r's 2-D weight of layer l [in, out]. */
  weights: tf.Tensor[][];
}

/** Benchmark switch (bench/engine.ts): force a layout for every caller; null restores the default. */
let layoutOverride: MlpLayout | null = null;
export function setMlpLayoutOverride(layout: MlpLayout | null): void {
  layoutOverride = layout;
}

export function mlpLayout(opts: MlpOptions): MlpLayout {
  if (layoutOverride ?? opts.layout) return (layoutOverride ?? opts.layout)!;
  const backend = tf.getBackend();
  return backend === 'wasm' || backend === 'cpu' ? 'perRun' : 'batched';
}

function dense(h: tf.Tensor, w: tf.Tensor, b: tf.Tensor, fused: boolean): tf.Tensor {
  if (fused) return tf.fused.matMul({ a: h as tf.Tensor3D, b: w as tf.Tensor3D, bias: b });
  return tf.add(tf.matMul(h, w), b);
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
  if (activation === 'elu') return tf.engine().runKernel('EluGrad', { dy, y: h }) as tf.Tensor;
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

export function mlpForward(x: tf.Tensor, params: tf.Tensor[], opts: MlpOptions): MlpForward {
  if (mlpLayout(opts) === 'perRun') return perRunForward(x, params, opts);
  const layers = params.length / 2;
  const inputs: tf.Tensor[] = [x];
  let h = x;
  for (let l = 0; l < layers; l++) {
    h = dense(h, params[2 * l], params[2 * l + 1], opts.fused);
    if (l + 1 < layers) {
      h = activate(h, opts.activation);
      inputs.push(h);
    }
  }
  return { inputs, out: h };
}

/**
 * Gradients of sum(g * d) with respect to every parameter, given upstream g = dLoss/dd of shape
 * [R, N, 1]. Runs are independent (the loss is a sum over runs).
 */
export function mlpParamGrads(fwd: MlpForward, params: tf.Tensor[], g: tf.Tensor, opts: MlpOptions): tf.Tensor[] {
  if (fwd.perRun) return perRunBackward(fwd, fwd.perRun, params, g, opts, false).grads;
  const layers = params.length / 2;
  const grads: tf.Tensor[] = new Array(params.length);
  let up = g;
  for (let l = layers - 1; l >= 0; l--) {
    const input = fwd.inputs[l];
    grads[2 * l] = tf.matMul(input, up, true, false);
    grads[2 * l + 1] = tf.sum(up, 1, true);
    if (l > 0) {
      const gh = tf.matMul(up, params[2 * l], false, true);
      up = activationBackward(gh, fwd.inputs[l], opts.activation);
    }
  }
  return grads;
}

/** dd/dx for every sample (upstream 1), shape [R, N, 1]. */
export function mlpInputGrad(fwd: MlpForward, params: tf.Tensor[], opts: MlpOptions): tf.Tensor {
  if (fwd.perRun) return perRunBackward(fwd, fwd.perRun, params, null, opts, true).dx!;
  const layers = params.length / 2;
  // d = h_{L-1} W_L + b_L: dd/dh_{L-1} = W_L^T, broadcast over samples
  let up: tf.Tensor = tf.transpose(params[2 * (layers - 1)], [0, 2, 1]); // [R, 1, H]
  for (let l = layers - 1; l >= 1; l--) {
    const ga = tf.mul(up, activationDerivative(fwd.inputs[l], opts.activation)); // [R, N, H_l]
    up = tf.matMul(ga, params[2 * (l - 1)], false, true); // [R, N, H_{l-1}] (or [R, N, 1] at the input)
  }
  return up;
}

// ---------------------------------------------------------------------------------------------
// perRun layout. Per-run tensors keep a leading 1 ([1, N, width], [1, in, out]) so that no Reshape
// kernels are needed between the batched tensors and the per-run products.

/** Activations the wasm fused matMul applies itself (its FusableActivation enum). */
const FUSED_ACTIVATION: Partial<Record<Activation, 'elu' | 'relu' | 'leakyrelu'>> = { elu: 'elu', relu: 'relu', 'leaky-relu': 'leakyrelu' };

/** A tensor's R run pieces along axis 0 (one SplitV kernel; none for R = 1). */
function pieces(t: tf.Tensor, R: number): tf.Tensor[] {
  return R === 1 ? [t] : tf.split(t, R, 0);
}

/** Run pieces back into one batched tensor (one Concat kernel; none for R = 1). */
function joined(list: tf.Tensor[]): tf.Tensor {
  return list.length === 1 ? list[0] : tf.concat(list, 0);
}

/** matMul(a, w) + bias, then the activation (if any): one _FusedMatMul kernel where the backend can. */
function fusedDense(a: tf.Tensor, w: tf.Tensor, bias: tf.Tensor, activation: Activation | null): tf.Tensor {
  const fusedAct = activation ? FUSED_ACTIVATION[activation] : 'linear';
  const act = fusedAct ?? 'linear';
  let h: tf.Tensor;
  if (tf.engine().state.gradientDepth === 0) {
    // the kernel itself: tf.fused.matMul adds an op wrapper, customGrad and three Reshapes per call
    h = tf.engine().runKernel('_FusedMatMul', { a, b: w, bias }, { transposeA: false, transposeB: false, activation: act, leakyreluAlpha: 0.2 }) as tf.Tensor;
  } else {
    h = tf.fused.matMul({ a: a as tf.Tensor3D, b: w as tf.Tensor3D, bias, activation: act, leakyreluAlpha: 0.2 });
  }
  if (activation && !fusedAct) h = activate(h, activation);
  return h;
}

function perRunForward(x: tf.Tensor, params: tf.Tensor[], opts: MlpOptions): MlpForward {
  const [R] = x.shape;
  const layers = params.length / 2;
  const runs: tf.Tensor[][] = pieces(x, R).map((xr) => [xr]);
  const weights: tf.Tensor[][] = [];
  for (let l = 0; l < layers; l++) {
    const fanOut = params[2 * l].shape[2] as number;
    const ws = pieces(params[2 * l], R);
    weights.push(ws);
    // wasm's fused kernel needs a bias whose storage is rank 1: split a flat view (a copy, also for R = 1)
    const flat = tf.reshape(params[2 * l + 1], [R * fanOut]);
    const bs = R === 1 ? [tf.add(flat, 0)] : tf.split(flat, R, 0);
    const hidden = l + 1 < layers;
    for (let r = 0; r < R; r++) runs[r].push(fusedDense(runs[r][l], ws[r], bs[r], hidden ? opts.activation : null));
  }
  const out = joined(runs.map((run) => run.pop()!)); // [R, N, 1]
  return { inputs: [x], out, perRun: { runs, weights } };
}

/**
 * Backward pass of the perRun layout: parameter gradients for upstream g [R, N, 1], or (inputGrad)
 * dd/dx with upstream 1. On wasm only untransposed products (XNNPACK); the explicit transposes are
 * of the [in, out] weights and of one [N, H] activation per hidden-to-hidden layer.
 */
function perRunBackward(fwd: MlpForward, pr: PerRunForward, params: tf.Tensor[], g: tf.Tensor | null, opts: MlpOptions, inputGrad: boolean): { grads: tf.Tensor[]; dx: tf.Tensor | null } {
  const x = fwd.inputs[0];
  const [R, N] = x.shape;
  const layers = params.length / 2;
  const wasm = tf.getBackend() === 'wasm';
  const ones = tf.ones([1, N, 1]);
  let ups: tf.Tensor[] = g ? pieces(g, R) : [];
  const grads: tf.Tensor[] = new Array(params.length);
  for (let l = layers - 1; l >= 0; l--) {
    const [, fanIn, fanOut] = params[2 * l].shape;
    if (!inputGrad) {
      const dWs: tf.Tensor[] = [];
      const dbs: tf.Tensor[] = [];
      for (let r = 0; r < R; r++) {
        const input = pr.runs[r][l]; // [1, N, fanIn]
        const up = ups[r]; // [1, N, fanOut]
        // A contraction over the N samples with a width-1 side is small: the transposed (scalar-loop)
        // product beats XNNPACK there, whose per-call packing of the [N, width] operand dominates.
        if (fanIn === 1 || fanOut === 1 || !wasm) dWs.push(tf.matMul(input, up, true, false));
        else dWs.push(tf.matMul(tf.transpose(input, [0, 2, 1]), up));
        if (fanOut > 1) dbs.push(tf.matMul(ones, up, true, false)); // [1, 1, fanOut]
      }
      grads[2 * l] = joined(dWs);
      grads[2 * l + 1] = fanOut > 1 ? joined(dbs) : tf.sum(g!, 1, true);
    }
    if (l === 0 && !inputGrad) break;
    // upstream for layer l's input: dH = up W^T, then through the activation (not at the input)
    // W^T as a new tensor, never a Reshape view: wasm caches an XNNPACK operator per right-hand
    // operand's data id (whatever its shape), so a view of a weight already used in the forward
    // pass with another shape would reuse that operator's packing and give wrong products.
    const wT = wasm || fanIn === 1 || fanOut === 1 ? pieces(tf.transpose(params[2 * l], [0, 2, 1]), R) : null;
    const next: tf.Tensor[] = [];
    for (let r = 0; r < R; r++) {
      let dH: tf.Tensor;
      if (inputGrad && l === layers - 1) dH = tf.matMul(ones, wT ? wT[r] : pr.weights[l][r], false, !wT); // upstream 1 at the output
      else dH = wT ? tf.matMul(ups[r], wT[r]) : tf.matMul(ups[r], pr.weights[l][r], false, true);
      next.push(l > 0 ? activationBackward(dH, pr.runs[r][l], opts.activation) : dH);
    }
    ups = next;
    if (l === 0) break;
  }
  if (inputGrad) return { grads: [], dx: joined(ups) };
  return { grads, dx: null };
}
