// The batched critic MLP with a hand-written backward pass. Autodiff through the tfjs tape costs
// an Identity clone per saved tensor and bookkeeping per op; the forward and backward kernels of a
// small MLP written out by hand are about half as many. Shapes: x [R, N, 1], weights [R, in, out],
// biases [R, 1, out]; params = [W1, b1, W2, b2, ..., WL, bL].
import * as tf from './tf';
import type { Activation } from '../config/schema';

export interface MlpOptions {
  activation: Activation;
  /** tf.fused.matMul with bias (cpu, webgl); wasm's fused kernel takes only a rank-1 bias. */
  fused: boolean;
}

export interface MlpForward {
  /** Layer inputs: [x, h1, ..., h_{L-1}] (h are post-activation). */
  inputs: tf.Tensor[];
  /** Output d, shape [R, N, 1]. */
  out: tf.Tensor;
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
  const layers = params.length / 2;
  // d = h_{L-1} W_L + b_L: dd/dh_{L-1} = W_L^T, broadcast over samples
  let up: tf.Tensor = tf.transpose(params[2 * (layers - 1)], [0, 2, 1]); // [R, 1, H]
  for (let l = layers - 1; l >= 1; l--) {
    const ga = tf.mul(up, activationDerivative(fwd.inputs[l], opts.activation)); // [R, N, H_l]
    up = tf.matMul(ga, params[2 * (l - 1)], false, true); // [R, N, H_{l-1}] (or [R, N, 1] at the input)
  }
  return up;
}
