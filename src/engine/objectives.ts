// The objectives beyond the f-GAN family (issue #5): WGAN (weight clipping), gradient penalties
// (WGAN-GP / GAN-GP on interpolates, DRAGAN around perturbed real samples) and KL-WGAN
// (self-normalised reweighting of fake samples). Everything is vectorised over the run batch:
// per-run choices are coefficient/mask tensors, so runs with different objectives share kernels.
//
// Gradient penalty, double backprop. The penalty P = lambda/N * sum_n (|dd/dx(x_n)| - 1)^2 acts on
// the critic logit d; its gradient with respect to the critic parameters needs the derivative of
// the input gradient. It is written out by hand (like the rest of the engine's backward pass, no
// tfjs tape): a forward-mode tangent pass gives g = dd/dx (the input is 1-D, so one tangent), and
// one reverse pass through both the primal and the tangent computations gives dP/dparams. Only
// plain kernels are used (matMul, mul, add, sum, sign, step), so it runs on cpu, wasm and webgl.
//
// Per layer l (h_0 = x, a_l = h_{l-1} W_l + b_l, h_l = phi(a_l), d = a_L), the tangent is
//   adot_1 = W_1 (input tangent 1), hdot_l = phi'(a_l) adot_l, adot_{l+1} = hdot_l W_{l+1}, g = adot_L,
// and the reverse pass, from the tangent adjoint of adot_L = dP/dg, is
//   dW_l = h_{l-1}^T abar_l + hdot_{l-1}^T adotbar_l,  db_l = sum_n abar_l,
//   hdotbar_{l-1} = adotbar_l W_l^T,  hbar_{l-1} = abar_l W_l^T,
//   adotbar_{l-1} = hdotbar_{l-1} phi'(a),  abar_{l-1} = hbar_{l-1} phi'(a) + hdotbar_{l-1} adot_{l-1} phi''(a).
// The penalty does not depend on d itself, so abar_L = 0 and b_L gets no gradient.
import * as tf from './tf';
import type { Activation, MixtureComponent, SchemeConfig } from '../config/schema';
import type { RunSpec } from '../config/runs';
import { CRITIC_FUNCTIONS, type BasisCoefficients } from '../math/criticBasis';
import { activate, activationDerivative, type MlpOptions } from './mlp';

/** The Wasserstein critic in basis terms: a(d) = d on real samples, b(d) = d on fake ones. */
export const WASSERSTEIN_CRITIC: { a: BasisCoefficients; b: BasisCoefficients } = Object.freeze({ a: { d: 1 }, b: { d: 1 } });

/** The critic's (a, b): maximise E_p[a(d)] - E_q[b(d)]. WGAN and KL-WGAN use a = b = d (KL-WGAN's
 * reweighting of the fake term is applied on top, see klWeightDelta). */
export function criticCoefficients(scheme: SchemeConfig): [BasisCoefficients, BasisCoefficients] {
  if (scheme.objective !== 'f-gan') return [WASSERSTEIN_CRITIC.a, WASSERSTEIN_CRITIC.b];
  const h = CRITIC_FUNCTIONS[scheme.criticDivergence];
  return [h.a, h.b];
}

/** The basis coefficients c of a scheme's generator loss -E_q[c(d)]: b_f, a_h or b_f (hybrid);
 * d for WGAN and KL-WGAN (minimise -E[D(G(z))]). */
export function generatorCoefficientsOf(scheme: SchemeConfig): BasisCoefficients {
  if (scheme.objective !== 'f-gan') return { d: 1 };
  switch (scheme.generatorForm) {
    case 'saturating': return CRITIC_FUNCTIONS[scheme.criticDivergence].b;
    case 'non-saturating': return CRITIC_FUNCTIONS[scheme.criticDivergence].a;
    case 'hybrid': return CRITIC_FUNCTIONS[scheme.generatorDivergence].b;
  }
}

/** The standard deviation of a Gaussian mixture (the DRAGAN perturbation's unit). */
export function mixtureStd(target: readonly MixtureComponent[]): number {
  const total = target.reduce((s, c) => s + c.weight, 0);
  const mean = target.reduce((s, c) => s + (c.weight / total) * c.mean, 0);
  const second = target.reduce((s, c) => s + (c.weight / total) * (c.std * c.std + c.mean * c.mean), 0);
  return Math.sqrt(Math.max(0, second - mean * mean));
}

/**
 * KL-WGAN's self-normalised weights minus the uniform ones: w_n - 1/N with
 * w = softmax_n(temperature * d_n) = r_n / N over the batch axis of d [R, N, 1] (stable: tf.softmax
 * subtracts the maximum). temperature 1 is Song & Ermon's r = e^d / mean(e^d); temperature 0
 * forces r = 1 (WGAN) through the same kernels. The weights are treated as constants (stop-gradient).
 */
export function klWeightDelta(d: tf.Tensor, temperature: number): tf.Tensor {
  const [R, N] = d.shape;
  const logits = temperature === 1 ? d : tf.mul(d, temperature);
  return tf.sub(tf.reshape(tf.softmax(tf.reshape(logits, [R, N])), [R, N, 1]), 1 / N);
}

/** phi''(a) in terms of h = phi(a) and phi'(a); null where it is identically zero. */
function activationSecond(h: tf.Tensor, dphi: tf.Tensor, activation: Activation): tf.Tensor | null {
  switch (activation) {
    case 'elu': return tf.sub(dphi, tf.step(h, 0)); // e^a = h + 1 for a < 0, 0 for a > 0
    case 'relu': case 'leaky-relu': return null;
    case 'tanh': return tf.mul(tf.mul(h, -2), dphi);
    case 'softplus': return tf.mul(dphi, tf.sub(1, dphi)); // sigmoid' = s (1 - s)
  }
}

/** The layer inputs [x, h_1, ..., h_{L-1}] of the critic in one batched product per layer (the
 * output layer is not needed: the penalty depends on d only through dd/dx). Written here rather
 * than taken from mlpForward, whose wasm layout keeps per-run pieces instead. */
function batchedHidden(x: tf.Tensor, params: tf.Tensor[], opts: MlpOptions): tf.Tensor[] {
  const layers = params.length / 2;
  const out: tf.Tensor[] = [x];
  let h = x;
  for (let l = 0; l + 1 < layers; l++) {
    const a = opts.fused ? tf.fused.matMul({ a: h as tf.Tensor3D, b: params[2 * l] as tf.Tensor3D, bias: params[2 * l + 1] }) : tf.add(tf.matMul(h, params[2 * l]), params[2 * l + 1]);
    h = activate(a, opts.activation);
    out.push(h);
  }
  return out;
}

export interface PenaltyGrads {
  /** dP/dparams, one per parameter, same shapes. */
  grads: tf.Tensor[];
  /** Per-run penalty value sum_n valueCoef_r (|g_n| - 1)^2, shape [R] (when asked). */
  value: tf.Tensor | null;
  /** The critic's input gradient at the penalty points, [R, N, 1]. */
  inputGrad: tf.Tensor;
}

/**
 * The gradient penalty at points x [R, N, 1] of a critic MLP with 1-D input: the parameter
 * gradients of sum_n gradCoef_r (|g_n| - 1)^2 with g = dd/dx (gradCoef [R, 1, 1], e.g. lambda / N,
 * zero for runs without a penalty), and optionally the value with valueCoef instead.
 */
export function penaltyParamGrads(
  x: tf.Tensor, params: tf.Tensor[], opts: MlpOptions, gradCoef: tf.Tensor, valueCoef: tf.Tensor | null = null,
): PenaltyGrads {
  const layers = params.length / 2;
  if (x.shape[2] !== 1) throw new Error('the gradient penalty is written for a 1-D critic input');
  // wasm: XNNPACK operators of batch-1, untransposed products are cached by the weight tensor's
  // id, whatever its shape; the critic's per-run layout (mlp.ts) uses the same weights reshaped
  // (e.g. W_L as [1, H]), so a product here with the same id but another shape reuses the wrong
  // operator and writes out of bounds. Private copies of the weights get ids of their own.
  if (tf.getBackend() === 'wasm') params = params.map((p, i) => (i % 2 === 0 ? tf.mul(p, 1) : p));
  const h = batchedHidden(x, params, opts); // [x, h_1, ..., h_{L-1}]
  // forward-mode tangent
  const adot: tf.Tensor[] = [params[0]]; // adot[l-1] = adot_l; adot_1 = W_1 [R, 1, H_1] broadcasts over samples
  const hdot: tf.Tensor[] = []; // hdot[l-1] = hdot_l
  const dphi: tf.Tensor[] = [];
  for (let l = 1; l < layers; l++) {
    const dp = activationDerivative(h[l], opts.activation);
    dphi.push(dp);
    const hd = tf.mul(dp, adot[l - 1]);
    hdot.push(hd);
    adot.push(tf.matMul(hd, params[2 * l]));
  }
  const g = adot[layers - 1]; // [R, N, 1]
  // d/dg (|g| - 1)^2 = 2 (g - sign g)
  const excess = tf.sub(g, tf.sign(g));
  let adotBar: tf.Tensor = tf.mul(excess, tf.mul(gradCoef, 2));
  let aBar: tf.Tensor | null = null;
  const grads: tf.Tensor[] = new Array(params.length);
  for (let l = layers; l >= 1; l--) {
    const w = params[2 * (l - 1)];
    const inputIdx = l - 1;
    // dW_l
    const tangentPart = inputIdx === 0 ? tf.sum(adotBar, 1, true) : tf.matMul(hdot[inputIdx - 1], adotBar, true, false);
    grads[2 * (l - 1)] = aBar ? tf.add(tf.matMul(h[inputIdx], aBar, true, false), tangentPart) : tangentPart;
    grads[2 * (l - 1) + 1] = aBar ? tf.sum(aBar, 1, true) : tf.zerosLike(params[2 * (l - 1) + 1]);
    if (l === 1) break;
    const hdotBar = tf.matMul(adotBar, w, false, true);
    const hBar: tf.Tensor | null = aBar ? tf.matMul(aBar, w, false, true) : null;
    const dp = dphi[l - 2];
    const second = activationSecond(h[l - 1], dp, opts.activation);
    const nextAdotBar = tf.mul(hdotBar, dp);
    let nextABar: tf.Tensor | null = hBar ? tf.mul(hBar, dp) : null;
    if (second) {
      const curvature = tf.mul(tf.mul(hdotBar, adot[l - 2]), second);
      nextABar = nextABar ? tf.add(nextABar, curvature) : curvature;
    }
    adotBar = nextAdotBar;
    aBar = nextABar ?? tf.zerosLike(h[l - 1]);
  }
  const value = valueCoef ? tf.sum(tf.mul(tf.square(tf.sub(tf.abs(g), 1)), valueCoef), [1, 2]) : null;
  return { grads, value, inputGrad: g };
}

/** Per-run constants of the objectives in a critic batch (the learned runs). */
export interface ObjectiveRuns {
  anyPenalty: boolean;
  anyGp: boolean;
  anyDragan: boolean;
  anyClip: boolean;
  anyKl: boolean;
}

export function objectiveFlags(runs: readonly RunSpec[]): ObjectiveRuns {
  const s = runs.map((r) => r.scheme);
  return {
    anyPenalty: s.some((x) => x.penalty !== 'none'),
    anyGp: s.some((x) => x.penalty === 'gp'),
    anyDragan: s.some((x) => x.penalty === 'dragan'),
    anyClip: s.some((x) => x.clip > 0),
    anyKl: s.some((x) => x.objective === 'kl-wgan'),
  };
}

/** Clips every parameter of run r to [-clip_r, clip_r] (bound [R, 1, 1]; a huge bound for clip 0). */
export function clipParams(params: tf.Tensor[], bound: tf.Tensor, negBound: tf.Tensor): tf.Tensor[] {
  return params.map((p) => tf.minimum(tf.maximum(p, negBound), bound));
}

/** The clip bound of each scheme: clip, or a large finite stand-in for "off". */
export function clipBounds(schemes: readonly SchemeConfig[]): number[] {
  return schemes.map((s) => (s.clip > 0 ? s.clip : 1e30));
}
