// The Wasserstein family's loss terms beyond the basis (src/engine/basis.ts): KL-WGAN's
// self-normalised weights r = e^D / mean(e^D) on the fake samples, held constant or differentiated
// through, and the hinge form of the critic loss. Everything is per run of the batch (coefficient
// tensors that are 0 for the runs a term does not concern), so that all forms share kernels.
//
// With w = softmax_n(tau d_n) = r_n / B over a batch of B fake samples, and e_n = 1 (linear form) or
// the hinge's active set 1[1 + r_n d_n > 0], the fake term (1/B) sum_n phi(r_n d_n) has
//   dLoss/dd_m = e_m w_m                                  (r held constant)
//              + tau w_m (e_m d_m - sum_n e_n w_n d_n)     (the part through r),
// and the generator loss -sum_n w_n d_n has minus the same with e = 1. tau = 1 is Song & Ermon's r;
// tau = 0 gives r = 1 (WGAN and the hinge GAN) through the same kernels.
//
// The linear form keeps the basis a = b = d and adds only the difference w - 1/B (klWeightDelta);
// the hinge form replaces the basis (criticCoefficients gives it none) with its own value and gradient.
import * as tf from './tf';
import type { SchemeConfig } from '../config/schema';
import { klWeightDelta } from './objectives';
import { TensorRegistry } from './registry';

/** Whether a scheme's critic uses the hinge loss (WGAN family only). */
export function usesHinge(s: SchemeConfig): boolean {
  return s.objective !== 'f-gan' && s.wassersteinForm === 'hinge';
}

/** Whether a scheme differentiates through KL-WGAN's r. */
export function differentiatesRatio(s: SchemeConfig): boolean {
  return s.objective === 'kl-wgan' && s.klRatioGradient === 'differentiated';
}

export interface WassersteinRuns {
  /** The critic batch's schemes (learned runs) and their gradient scales (SGD rate when prescaled, else 1). */
  learned: readonly SchemeConfig[];
  criticScale: readonly number[];
  /** Every run's scheme and generator gradient scale. */
  all: readonly SchemeConfig[];
  generatorScale: readonly number[];
  batchSize: number;
  /** r = B softmax(temperature d): 1 is Song & Ermon's, 0 forces r = 1. */
  temperature: number;
}

type Tensors = Record<string, tf.Tensor | null>;

export class WassersteinTerms {
  private readonly B: number;
  private readonly temperature: number;
  private readonly t: Tensors;
  private readonly tensors = new TensorRegistry();

  /** The terms for these runs, or null when no run needs any of them. */
  static create(spec: WassersteinRuns): WassersteinTerms | null {
    const any = (list: readonly SchemeConfig[]) => list.some((s) => s.objective === 'kl-wgan' || usesHinge(s));
    return any(spec.learned) || any(spec.all) ? new WassersteinTerms(spec) : null;
  }

  private constructor(spec: WassersteinRuns) {
    const { learned, criticScale, all, generatorScale, batchSize: B } = spec;
    this.B = B;
    this.temperature = spec.temperature;
    const isKl = (s: SchemeConfig) => (s.objective === 'kl-wgan' ? 1 : 0);
    const linearKl = (s: SchemeConfig) => isKl(s) * (usesHinge(s) ? 0 : 1);
    const hinge = (s: SchemeConfig) => (usesHinge(s) ? 1 : 0);
    const through = (s: SchemeConfig) => (differentiatesRatio(s) ? 1 : 0);
    const column = (values: number[], when: boolean) => (when ? this.tensors.keep(tf.tensor(values, [values.length, 1, 1])) : null);
    const someL = (f: (s: SchemeConfig) => number) => learned.some((s) => f(s) > 0);
    const someA = (f: (s: SchemeConfig) => number) => all.some((s) => f(s) > 0);
    this.t = {
      // critic batch: linear-form KL (weight delta), hinge, through r; gradient and value coefficients
      klCriticGrad: column(learned.map((s, l) => linearKl(s) * criticScale[l]), someL(linearKl)),
      klCriticValue: column(learned.map(linearKl), someL(linearKl)),
      klRatioScale: column(learned.map((s) => isKl(s) * B), someL(hinge) && someL(isKl)),
      hingeGrad: column(learned.map((s, l) => (hinge(s) * criticScale[l]) / B), someL(hinge)),
      hingeValue: column(learned.map((s) => hinge(s) / B), someL(hinge)),
      hingeMask: column(learned.map(hinge), someL(hinge) && someL(through)),
      throughCriticGrad: column(learned.map((s, l) => through(s) * criticScale[l]), someL(through)),
      // every run: the generator's -mean(r d)
      klGenerator: column(all.map(isKl), someA(isKl)),
      klGeneratorGrad: column(all.map((s, r) => isKl(s) * generatorScale[r]), someA(isKl)),
      throughGenerator: column(all.map(through), someA(through)),
      throughGeneratorGrad: column(all.map((s, r) => through(s) * generatorScale[r]), someA(through)),
    };
  }

  /** w = softmax(tau d) minus 1/B. */
  private delta(d: tf.Tensor): tf.Tensor {
    return klWeightDelta(d, this.temperature);
  }

  /** tau w (e d - sum_n e_n w_n d_n): the part of dLoss/dd that flows through r (e = 1 when null). */
  private throughRatio(d: tf.Tensor, delta: tf.Tensor, active: tf.Tensor | null): tf.Tensor {
    const w = tf.add(delta, 1 / this.B);
    const ed = active ? tf.mul(active, d) : d;
    const centred = tf.sub(ed, tf.sum(tf.mul(w, ed), [1, 2], true));
    const part = tf.mul(w, centred);
    return this.temperature === 1 ? part : tf.mul(part, this.temperature);
  }

  /**
   * The critic loss's terms on critic outputs d [L, 2B, 1] (real rows, then fake): adds them to the
   * basis gradient `grad` and, when given, to the per-run value [L, 1, 1].
   */
  critic(d: tf.Tensor, grad: tf.Tensor, value: tf.Tensor | null): { grad: tf.Tensor; value: tf.Tensor | null } {
    const { B, t } = this;
    const L = d.shape[0];
    const dFake = tf.slice(d, [0, B, 0], [L, B, 1]);
    const delta = t.klCriticGrad || t.klRatioScale || t.throughCriticGrad ? this.delta(dFake) : null;
    if (t.klCriticGrad && delta) {
      // the linear form: E_q[r d] has dLoss/dd_n = r_n / B = 1/B + delta_n (the basis gives 1/B)
      grad = tf.add(grad, tf.pad(tf.mul(delta, t.klCriticGrad), [[0, 0], [B, 0], [0, 0]]));
      if (value) value = tf.add(value, tf.sum(tf.mul(tf.mul(delta, dFake), t.klCriticValue!), [1, 2], true));
    }
    let active: tf.Tensor | null = null;
    if (t.hingeGrad) {
      const hinge = this.hinge(d, dFake, delta, value !== null);
      active = hinge.fakeActive;
      grad = tf.add(grad, hinge.grad);
      if (value) value = tf.add(value, hinge.value!);
    }
    if (t.throughCriticGrad) {
      // e = 1 for the linear form's runs, the active set for the hinge runs
      const e = active && t.hingeMask ? tf.add(tf.mul(tf.sub(active, 1), t.hingeMask), 1) : null;
      grad = tf.add(grad, tf.pad(tf.mul(this.throughRatio(dFake, delta!, e), t.throughCriticGrad), [[0, 0], [B, 0], [0, 0]]));
    }
    return { grad, value };
  }

  /** mean relu(1 - d_real) + mean relu(1 + r d_fake): its gradient (r constant) and value. */
  private hinge(d: tf.Tensor, dFake: tf.Tensor, delta: tf.Tensor | null, withValue: boolean): { grad: tf.Tensor; value: tf.Tensor | null; fakeActive: tf.Tensor } {
    const { B, t } = this;
    const L = d.shape[0];
    const dReal = tf.slice(d, [0, 0, 0], [L, B, 1]);
    const r = t.klRatioScale && delta ? tf.add(tf.mul(delta, t.klRatioScale), 1) : null;
    const rd = r ? tf.mul(r, dFake) : dFake;
    const realMargin = tf.sub(1, dReal);
    const fakeMargin = tf.add(rd, 1);
    const fakeActive = tf.step(fakeMargin, 0);
    const realGrad = tf.neg(tf.step(realMargin, 0));
    const fakeGrad = r ? tf.mul(fakeActive, r) : fakeActive;
    const grad = tf.mul(tf.concat([realGrad, fakeGrad], 1), t.hingeGrad!);
    const value = withValue ? tf.mul(tf.add(tf.sum(tf.relu(realMargin), [1, 2], true), tf.sum(tf.relu(fakeMargin), [1, 2], true)), t.hingeValue!) : null;
    return { grad, value, fakeActive };
  }

  /**
   * The generator loss -mean(r d) from the basis's -mean(d): corrects the value and the gradient
   * of the KL-WGAN runs. `unscaled`: the gradient without the SGD rate folded in.
   */
  generator(d: tf.Tensor, value: tf.Tensor, grad: tf.Tensor, unscaled = false): { value: tf.Tensor; grad: tf.Tensor } {
    const { t } = this;
    if (!t.klGenerator) return { value, grad };
    const delta = this.delta(d);
    const gradMask = unscaled ? t.klGenerator : t.klGeneratorGrad!;
    const next = { value: tf.sub(value, tf.sum(tf.mul(tf.mul(delta, t.klGenerator), d), [1, 2], true)), grad: tf.sub(grad, tf.mul(delta, gradMask)) };
    if (t.throughGenerator) next.grad = tf.sub(next.grad, tf.mul(this.throughRatio(d, delta, null), unscaled ? t.throughGenerator : t.throughGeneratorGrad!));
    return next;
  }

  dispose(): void {
    this.tensors.dispose();
  }
}
