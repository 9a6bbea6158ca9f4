// The objectives beyond the f-GAN family: WGAN (weight clipping), gradient penalties
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
// In the critic's homogeneous coordinates (src/engine/mlp.ts: x' = [x, 1], biases are rows of W'),
// per layer l (h_0 = x', a_l = h_{l-1} W_l, h_l = phi(a_l), d = a_L), the tangent is
//   adot_1 = [1, 0] W_1 (the x row), hdot_l = phi'(a_l) adot_l, adot_{l+1} = hdot_l W_{l+1}, g = adot_L,
// and the reverse pass, from the tangent adjoint of adot_L = dP/dg, is
//   dW_l = h_{l-1}^T abar_l + hdot_{l-1}^T adotbar_l  (hdot_0 = [1, 0]),
//   hdotbar_{l-1} = adotbar_l W_l^T,  hbar_{l-1} = abar_l W_l^T,
//   adotbar_{l-1} = hdotbar_{l-1} phi'(a),  abar_{l-1} = hbar_{l-1} phi'(a) + hdotbar_{l-1} adot_{l-1} phi''(a).
// The penalty does not depend on d itself, so abar_L = 0 and the output bias gets no gradient.
// The constant units get none either (phi' = phi'' = 0 there, or the relu-family mask).
import * as tf from './tf';
import type { Activation, MixtureComponent, SchemeConfig } from '../config/schema';
import type { RunSpec } from '../config/runs';
import { CRITIC_FUNCTIONS, type BasisCoefficients } from '../math/criticBasis';
import { activationDerivative, constUnitMask, joined, layer, mlpLayout, pieces, productBT, productTA, transposedWeights, type MlpOptions } from './mlp';

/** The Wasserstein critic in basis terms: a(d) = d on real samples, b(d) = d on fake ones. */
export const WASSERSTEIN_CRITIC: { a: BasisCoefficients; b: BasisCoefficients } = Object.freeze({ a: { d: 1 }, b: { d: 1 } });

/** The critic's (a, b): maximise E_p[a(d)] - E_q[b(d)]. WGAN and KL-WGAN use a = b = d in the
 * linear form (KL-WGAN's reweighting of the fake term is applied on top, see klWeightDelta). */
export function criticCoefficients(scheme: SchemeConfig): [BasisCoefficients, BasisCoefficients] {
  // the hinge form has no basis terms: src/engine/wassersteinTerms.ts computes its whole loss
  if (scheme.objective !== 'f-gan') return scheme.wassersteinForm === 'hinge' ? [{}, {}] : [WASSERSTEIN_CRITIC.a, WASSERSTEIN_CRITIC.b];
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

export interface PenaltyGrads {
  /** dP/dparams, one per homogeneous parameter, same shapes. */
  grads: tf.Tensor[];
  /** Per-run penalty value sum_n valueCoef_r (|g_n| - 1)^2, shape [R, 1, 1] (when asked). */
  value: tf.Tensor | null;
  /** The critic's input gradient at the penalty points, [R, N, 1]. */
  inputGrad: tf.Tensor;
}

/**
 * The gradient penalty at homogeneous points x' = [x, 1] [R, N, 2] of a critic MLP with 1-D input
 * and homogeneous parameters (src/engine/mlp.ts): the parameter gradients of
 * sum_n gradCoef_r (|g_n| - 1)^2 with g = dd/dx (gradCoef [R, 1, 1], e.g. lambda / N, zero for runs
 * without a penalty), and optionally the value with valueCoef instead. In the perRun layout
 * (wasm, cpu) every product is a per-run 2-D product, untransposed where it is wide (XNNPACK);
 * x may then also be given as its R run pieces [1, N, 2].
 */
export function penaltyParamGrads(
  x: tf.Tensor | tf.Tensor[], params: tf.Tensor[], opts: MlpOptions, gradCoef: tf.Tensor, valueCoef: tf.Tensor | null = null,
): PenaltyGrads {
  const L = params.length;
  const given = Array.isArray(x) ? x : null;
  const first = given ? given[0] : (x as tf.Tensor);
  if (first.shape[2] !== 2) throw new Error('the gradient penalty takes homogeneous inputs [x, 1] of a 1-D critic');
  const R = params[0].shape[0];
  const perRun = given !== null || mlpLayout(opts) === 'perRun';
  const split = (t: tf.Tensor) => (perRun ? pieces(t, R) : [t]);
  const G = perRun ? R : 1;
  const act = opts.activation;
  const ws = params.map(split);
  const xs = given ?? split(x as tf.Tensor);
  // the input tangent [1, 0] per sample: xdot^T adotBar puts sum_n adotBar in the x row
  const N = first.shape[1] as number;
  const tangentIn = new Float32Array((perRun ? 1 : R) * N * 2);
  for (let i = 0; i < tangentIn.length; i += 2) tangentIn[i] = 1;
  const xdot = tf.tensor3d(tangentIn, [perRun ? 1 : R, N, 2]);
  const coef2 = split(tf.mul(gradCoef, 2));
  const xRow = split(tf.slice(params[0], [0, 0, 0], [R, 1, params[0].shape[2]!]));
  const wT = params.map((p, l) => (l > 0 ? transposedWeights(p, perRun) : null));
  const grads: tf.Tensor[][] = params.map(() => []);
  const gs: tf.Tensor[] = [];
  for (let gi = 0; gi < G; gi++) {
    const groupWeights = ws.map((w) => w[gi]);
    const groupTransposed = wT.map((w) => w?.[gi]);
    const pass = tangentForward(xs[gi], groupWeights, xRow[gi], act);
    const g = pass.adot[L - 1]; // [1 or R, N, 1]
    gs.push(g);
    // d/dg (|g| - 1)^2 = 2 (g - sign g)
    const adotBar = tf.mul(tf.sub(g, tf.sign(g)), coef2[gi]);
    const groupGrads = tangentBackward(pass, adotBar, xdot, groupWeights, groupTransposed, act, perRun);
    groupGrads.forEach((dW, l) => grads[l].push(dW));
  }
  const out = grads.map((list, l) => {
    const dW = joined(list);
    const mask = constUnitMask(opts, params, l);
    return mask ? tf.mul(dW, mask) : dW;
  });
  const g = joined(gs);
  const value = valueCoef ? tf.sum(tf.mul(tf.square(tf.sub(tf.abs(g), 1)), valueCoef), [1, 2], true) : null;
  return { grads: out, value, inputGrad: g };
}

/** The forward pass of one group with its input tangents: activations h, tangents adot_l = hdot_{l-1} W'_l. */
interface TangentPass {
  h: tf.Tensor[];
  adot: tf.Tensor[];
  hdot: tf.Tensor[];
  dphi: tf.Tensor[];
}

function tangentForward(x: tf.Tensor, ws: tf.Tensor[], xRow: tf.Tensor, act: MlpOptions['activation']): TangentPass {
  const pass: TangentPass = { h: [x], adot: [xRow], hdot: [], dphi: [] }; // adot_1 = the x row of W'_1
  for (let l = 1; l < ws.length; l++) {
    pass.h.push(layer(pass.h[l - 1], ws[l - 1], act));
    const dp = activationDerivative(pass.h[l], act);
    pass.dphi.push(dp);
    const hd = tf.mul(dp, pass.adot[l - 1]);
    pass.hdot.push(hd);
    pass.adot.push(tf.matMul(hd, ws[l]));
  }
  return pass;
}

/** Back through a tangent pass from adotBar (d penalty / d adot_L): the weight gradients of one group, input layer first. */
function tangentBackward(
  pass: TangentPass, adotBarL: tf.Tensor, xdot: tf.Tensor, ws: tf.Tensor[], wT: (tf.Tensor | undefined)[], act: MlpOptions['activation'], perRun: boolean,
): tf.Tensor[] {
  const L = ws.length;
  const grads: tf.Tensor[] = new Array<tf.Tensor>(L);
  let adotBar = adotBarL;
  let aBar: tf.Tensor | null = null;
  for (let l = L; l >= 1; l--) {
    const input = pass.h[l - 1];
    const inputDot = l === 1 ? xdot : pass.hdot[l - 2];
    const tangentPart = productTA(inputDot, adotBar, perRun);
    grads[l - 1] = aBar ? tf.add(productTA(input, aBar, perRun), tangentPart) : tangentPart;
    if (l === 1) break;
    const hdotBar = productBT(adotBar, ws[l - 1], wT[l - 1]);
    const hBar: tf.Tensor | null = aBar ? productBT(aBar, ws[l - 1], wT[l - 1]) : null;
    const dp = pass.dphi[l - 2];
    const second = activationSecond(pass.h[l - 1], dp, act);
    const nextAdotBar = tf.mul(hdotBar, dp);
    let nextABar: tf.Tensor | null = hBar ? tf.mul(hBar, dp) : null;
    if (second) {
      const curvature = tf.mul(tf.mul(hdotBar, pass.adot[l - 2]), second);
      nextABar = nextABar ? tf.add(nextABar, curvature) : curvature;
    }
    adotBar = nextAdotBar;
    aBar = nextABar ?? tf.zerosLike(pass.h[l - 1]);
  }
  return grads;
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

/** Clips every parameter of run r to [-clip_r, clip_r]: bounds[i] broadcasts against params[i]
 * (per run, a huge bound for clip 0 and for the homogeneous layers' constant-unit entries). */
export function clipParams(params: tf.Tensor[], bounds: tf.Tensor[], negBounds: tf.Tensor[]): tf.Tensor[] {
  return params.map((p, i) => tf.minimum(tf.maximum(p, negBounds[i]), bounds[i]));
}

/** The clip bound of each scheme: clip, or a large finite stand-in for "off". */
export function clipBounds(schemes: readonly SchemeConfig[]): number[] {
  return schemes.map((s) => (s.clip > 0 ? s.clip : 1e30));
}

/**
 * Per-parameter clip bounds of the learned runs' homogeneous critic layers (shapes from
 * homogeneousShapes) and their negatives: the run's clip for weights and biases, none (1e30) for
 * the constant units of the hidden layers.
 */
export function clipBoundTensors(schemes: readonly SchemeConfig[], shapes: readonly [number, number][]): { upper: tf.Tensor[]; lower: tf.Tensor[] } {
  const clips = clipBounds(schemes);
  const L = schemes.length;
  const bounds = shapes.map(([rows, cols], l) => {
    const hidden = l + 1 < shapes.length;
    const b = new Float32Array(L * rows * cols);
    for (let r = 0; r < L; r++) for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) b[(r * rows + i) * cols + j] = hidden && j === cols - 1 ? 1e30 : clips[r];
    return b;
  });
  return {
    upper: bounds.map((b, l) => tf.tensor3d(b, [L, ...shapes[l]])),
    lower: bounds.map((b, l) => tf.tensor3d(b.map((v) => -v), [L, ...shapes[l]])),
  };
}
