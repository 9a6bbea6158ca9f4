// The analytically optimal critic d*(x) = log p(x) - log q(x) of the f-GAN objectives on the
// device: p the target mixture, q the generator family's density with its parameters held
// constant (the gradient flows only through x).
import * as tf from './tf';
import type { MixtureComponent } from '../math/mixture';
import { TensorRegistry } from './registry';

/** The density side of a generator family that d* needs. */
export interface GeneratorDensity {
  /** -log q(x) up to the constant log p shares, and its x-derivative when asked. */
  negLogDensity(x: tf.Tensor, withGrad: boolean): { value: tf.Tensor; dx: tf.Tensor | null };
}

export class OptimalCritic {
  private readonly constants = new TensorRegistry();
  /** log(w_c / sum w) - log std_c, the means, 1/std and -1/std, [1, 1, C] each. */
  private readonly logC: tf.Tensor;
  private readonly mean: tf.Tensor;
  private readonly invStd: tf.Tensor;
  private readonly negInvStd: tf.Tensor;
  private readonly single: boolean;

  constructor(target: readonly MixtureComponent[]) {
    const total = target.reduce((s, c) => s + c.weight, 0);
    const C = target.length;
    const column = (values: number[]) => this.constants.keep(tf.tensor(values, [1, 1, C]));
    this.logC = column(target.map((c) => Math.log(c.weight / total) - Math.log(c.std)));
    this.mean = column(target.map((c) => c.mean));
    this.invStd = column(target.map((c) => 1 / c.std));
    this.negInvStd = column(target.map((c) => -1 / c.std));
    this.single = C === 1;
  }

  /** d*(x) on x [R, N, 1] (both log densities without log sqrt(2 pi)), and its x-derivative when asked. */
  evaluate(x: tf.Tensor, q: GeneratorDensity, withGrad = false): { d: tf.Tensor; dx: tf.Tensor | null } {
    const z = tf.mul(tf.sub(x, this.mean), this.invStd); // [R, N, C]
    const terms = tf.sub(this.logC, tf.mul(tf.square(z), 0.5));
    const logp = this.single ? terms : tf.logSumExp(terms, 2, true);
    const negLogQ = q.negLogDensity(x, withGrad);
    const d = tf.add(logp, negLogQ.value);
    if (!withGrad) return { d, dx: null };
    // d/dx log p = sum_c softmax_c(terms) (-z_c / s_c)
    const scoreTerms = tf.mul(z, this.negInvStd);
    const score = this.single ? scoreTerms : tf.sum(tf.mul(tf.softmax(terms), scoreTerms), 2, true);
    return { d, dx: tf.add(score, negLogQ.dx!) };
  }

  dispose(): void {
    this.constants.dispose();
  }
}
