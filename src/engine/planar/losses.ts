// What every critic and generator of a 2-D batch minimises, as tape-differentiable functions of
// critic outputs: the f-GAN losses over the critic basis of src/math/criticBasis.ts, the
// Wasserstein forms (linear and hinge) and KL-WGAN's reweighting r = B softmax(d) over the batch,
// held constant in the gradient or differentiated through, as each scheme says. Per-run choices
// are coefficient columns [runs, 1, 1], so runs of different schemes share the kernels.
import * as tf from '../tf';
import type { SchemeConfig } from '../../config/schema';
import { CRITIC_BASIS, type BasisCoefficients, type BasisFunction } from '../../math/criticBasis';
import { criticCoefficients, generatorCoefficientsOf } from '../objectives';
import { usesHinge, differentiatesRatio } from '../wassersteinTerms';
import { TensorRegistry } from '../registry';

const PHI: Record<BasisFunction, (d: tf.Tensor) => tf.Tensor> = {
  one: (d) => tf.onesLike(d),
  d: (d) => d,
  expD: (d) => tf.exp(d),
  expNegD: (d) => tf.exp(tf.neg(d)),
  exp2D: (d) => tf.exp(tf.mul(d, 2)),
  expNeg2D: (d) => tf.exp(tf.mul(d, -2)),
  expHalfD: (d) => tf.exp(tf.mul(d, 0.5)),
  expNegHalfD: (d) => tf.exp(tf.mul(d, -0.5)),
  softplusNegD: (d) => tf.softplus(tf.neg(d)),
  sigmoidNegD: (d) => tf.sigmoid(tf.neg(d)),
};

/** The identity whose gradient is zero: what a loss holds constant. */
export const stopGradient = tf.customGrad(((x: tf.Tensor) => ({ value: tf.mul(x, 1), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) })) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor) => tf.Tensor;

/** sum_k c_k mean_n phi_k(d) per run, for one coefficient set per run. */
class BasisMean {
  private readonly terms: { fn: BasisFunction; coef: tf.Tensor; uses: tf.Tensor }[] = [];

  constructor(coefficients: readonly BasisCoefficients[], registry: TensorRegistry) {
    const R = coefficients.length;
    for (const fn of CRITIC_BASIS) {
      const values = coefficients.map((c) => c[fn] ?? 0);
      if (values.every((v) => v === 0)) continue;
      // a run that does not use phi_k evaluates it at d = 0, so that exp cannot overflow into Inf x 0
      this.terms.push({ fn, coef: registry.keep(tf.tensor(values, [R, 1, 1])), uses: registry.keep(tf.tensor(values.map((v) => (v === 0 ? 0 : 1)), [R, 1, 1])) });
    }
  }

  /** [runs, 1, 1] */
  of(d: tf.Tensor): tf.Tensor {
    let total: tf.Tensor = tf.zeros([d.shape[0]!, 1, 1]);
    for (const { fn, coef, uses } of this.terms) total = tf.add(total, tf.mul(coef, tf.mean(PHI[fn](tf.mul(d, uses)), 1, true)));
    return total;
  }
}

export class PlanarObjective {
  private readonly constants = new TensorRegistry();
  private readonly criticReal: BasisMean;
  private readonly criticFake: BasisMean;
  private readonly generator: BasisMean;
  /** Per learned run: f-GAN, linear Wasserstein, hinge, KL-WGAN, through r; per run: KL-WGAN, through r. */
  private readonly masks: Record<'fgan' | 'linear' | 'hinge' | 'klCritic' | 'throughCritic' | 'klGenerator' | 'throughGenerator', tf.Tensor>;

  private readonly anyKl: { critic: boolean; generator: boolean };

  constructor(all: readonly SchemeConfig[], learned: readonly SchemeConfig[]) {
    const coefficients = learned.map(criticCoefficients);
    this.criticReal = new BasisMean(coefficients.map(([a]) => a), this.constants);
    this.criticFake = new BasisMean(coefficients.map(([, b]) => b), this.constants);
    this.generator = new BasisMean(all.map(generatorCoefficientsOf), this.constants);
    const column = (list: readonly SchemeConfig[], f: (s: SchemeConfig) => boolean) => this.constants.keep(tf.tensor(list.map((s) => (f(s) ? 1 : 0)), [list.length, 1, 1]));
    const isKl = (s: SchemeConfig) => s.objective === 'kl-wgan';
    this.anyKl = { critic: learned.some(isKl), generator: all.some(isKl) };
    this.masks = {
      fgan: column(learned, (s) => s.objective === 'f-gan'),
      linear: column(learned, (s) => s.objective !== 'f-gan' && !usesHinge(s)),
      hinge: column(learned, usesHinge),
      klCritic: column(learned, isKl),
      throughCritic: column(learned, differentiatesRatio),
      klGenerator: column(all, isKl),
      throughGenerator: column(all, differentiatesRatio),
    };
  }

  /** KL-WGAN's r = B softmax(d) over the batch, constant in the gradient unless `through` says otherwise (per run). */
  private ratio(d: tf.Tensor, through: tf.Tensor): tf.Tensor {
    const r = tf.mul(tf.exp(tf.sub(d, tf.logSumExp(d, 1, true))), d.shape[1]!);
    return tf.add(tf.mul(r, through), tf.mul(stopGradient(r), tf.sub(1, through)));
  }

  /** The fake samples' weights: r for KL-WGAN runs, 1 for the others (1 when no run is KL-WGAN). */
  private weights(d: tf.Tensor, isKl: tf.Tensor, through: tf.Tensor, any: boolean): tf.Tensor | number {
    if (!any) return 1;
    return tf.add(tf.mul(this.ratio(tf.mul(d, isKl), through), isKl), tf.sub(1, isKl));
  }

  /** The critic loss of every learned run [L, 1, 1] on its outputs on real and fake samples [L, B, 1]. */
  critic(dReal: tf.Tensor, dFake: tf.Tensor): tf.Tensor {
    const m = this.masks;
    const fgan = tf.sub(this.criticFake.of(dFake), this.criticReal.of(dReal));
    const wFake = tf.mul(this.weights(dFake, m.klCritic, m.throughCritic, this.anyKl.critic), dFake);
    const linear = tf.sub(tf.mean(wFake, 1, true), tf.mean(dReal, 1, true));
    const hinge = tf.add(tf.mean(tf.relu(tf.sub(1, dReal)), 1, true), tf.mean(tf.relu(tf.add(1, wFake)), 1, true));
    return tf.add(tf.add(tf.mul(m.fgan, fgan), tf.mul(m.linear, linear)), tf.mul(m.hinge, hinge));
  }

  /** The generator loss of every run [R, 1, 1] on the critic's outputs on its samples [R, B, 1]. */
  generatorLoss(d: tf.Tensor): tf.Tensor {
    const m = this.masks;
    // -E[c(d)]; KL-WGAN's -mean(r d) adds -mean((r - 1) d) to the Wasserstein -mean(d)
    if (!this.anyKl.generator) return tf.neg(this.generator.of(d));
    const reweighted = tf.mul(tf.sub(this.weights(d, m.klGenerator, m.throughGenerator, true), 1), d);
    return tf.neg(tf.add(this.generator.of(d), tf.mul(m.klGenerator, tf.mean(reweighted, 1, true))));
  }

  dispose(): void {
    this.constants.dispose();
  }
}
