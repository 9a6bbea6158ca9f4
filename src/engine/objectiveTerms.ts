// What the critic and the generator of every run minimise, on critic outputs: the f-GAN losses
// over the shared basis (basis.ts), the Wasserstein forms and KL-WGAN's reweighting
// (wassersteinTerms.ts) and the gradient penalties (objectives.ts). Derivatives carry each
// player's optimizer gradScale (the SGD rate when the optimizer folds it in).
import * as tf from './tf';
import type { RunSpec } from '../config/runs';
import { BasisLoss } from './basis';
import type { MlpOptions } from './mlp';
import { criticCoefficients, generatorCoefficientsOf, objectiveFlags, penaltyParamGrads } from './objectives';
import { TensorRegistry } from './registry';
import { WassersteinTerms } from './wassersteinTerms';

/** A loss value per run [runs, 1, 1] (when asked) and its derivative with respect to d. */
export interface LossTerms {
  value: tf.Tensor | null;
  grad: tf.Tensor;
}

export interface ObjectiveSpec {
  /** Every run of the batch, and which of them form the critic batch (learned critics). */
  runs: readonly RunSpec[];
  learnedIdx: readonly number[];
  batchSize: number;
  criticScale: readonly number[];
  generatorScale: readonly number[];
  /** KL-WGAN's weights are B softmax(temperature d) over the batch. */
  klTemperature: number;
}

export class ObjectiveTerms {
  readonly anyPenalty: boolean;
  private readonly criticLoss: BasisLoss | null;
  private readonly generatorLoss: BasisLoss;
  private readonly wasserstein: WassersteinTerms | null;
  private readonly constants = new TensorRegistry();
  /** Learned runs: penalty coefficients lambda/B (x gradient scale) and lambda/B [L, 1, 1]. */
  private readonly penaltyGradCoef: tf.Tensor | null;
  private readonly penaltyValueCoef: tf.Tensor | null;

  constructor(private readonly spec: ObjectiveSpec) {
    const { runs, batchSize: B, criticScale, generatorScale } = spec;
    const learned = spec.learnedIdx.map((i) => runs[i].scheme);
    this.criticLoss = learned.length > 0
      ? new BasisLoss({ runs: learned.length, samplesPerGroup: B, scale: [-1 / B, 1 / B], gradScale: [...criticScale], groups: learned.map(criticCoefficients) })
      : null;
    this.generatorLoss = new BasisLoss({ runs: runs.length, samplesPerGroup: B, scale: [-1 / B], gradScale: [...generatorScale], groups: runs.map((r) => [generatorCoefficientsOf(r.scheme)]) });
    this.wasserstein = WassersteinTerms.create({
      learned, criticScale, all: runs.map((r) => r.scheme), generatorScale, batchSize: B, temperature: spec.klTemperature,
    });
    this.anyPenalty = objectiveFlags(spec.learnedIdx.map((i) => runs[i])).anyPenalty;
    const lambda = learned.map((s) => (s.penalty === 'none' ? 0 : s.penaltyWeight / B));
    const column = (values: number[]) => this.constants.keep(tf.tensor(values, [values.length, 1, 1]));
    this.penaltyGradCoef = this.anyPenalty ? column(lambda.map((v, l) => v * criticScale[l])) : null;
    this.penaltyValueCoef = this.anyPenalty ? column(lambda) : null;
  }

  /** The constant term of each critic row's loss and each run's generator loss, which the
   * values below leave out (it moves no parameter). */
  get criticConstant(): readonly number[] { return this.criticLoss?.constant ?? []; }
  get generatorConstant(): readonly number[] { return this.generatorLoss.constant; }

  /** The critic loss's coefficients for the fused critic update (fused/criticPass.ts), or null
   * where it does not cover the loss (hinge and KL-WGAN terms, penalties). */
  get fusedCriticCoefficients(): Float32Array | null {
    return this.criticLoss && !this.wasserstein && !this.anyPenalty ? this.criticLoss.table : null;
  }

  /** The critic batch's loss on its outputs d [L, 2B, 1] (real rows, then fake); the value when asked. */
  critic(d: tf.Tensor, withValue: boolean): LossTerms {
    const { value, grad } = this.criticLoss!.evaluate(d, { value: withValue, grad: true });
    return this.wasserstein ? this.wasserstein.critic(d, grad!, value) : { value, grad: grad! };
  }

  /** The gradient penalty's parameter gradients (and value when asked) on penalty points x. */
  penalty(x: tf.Tensor | tf.Tensor[], weights: tf.Tensor[], opts: MlpOptions, withValue: boolean): { grads: tf.Tensor[]; value: tf.Tensor | null } {
    const pen = penaltyParamGrads(x, weights, opts, this.penaltyGradCoef!, withValue ? this.penaltyValueCoef : null);
    return { grads: pen.grads, value: pen.value ?? null };
  }

  /** Every run's generator loss on the critic's outputs d [R, B, 1] of its fake samples. */
  generator(d: tf.Tensor): LossTerms & { value: tf.Tensor } {
    const basis = this.generatorLoss.evaluate(d, { value: true, grad: true });
    return this.wasserstein ? this.wasserstein.generator(d, basis.value!, basis.grad!, false) : { value: basis.value!, grad: basis.grad! };
  }

  /** The generator loss (with its constant term) and its unscaled derivative on d [R, n, 1] of any n. */
  generatorOn(d: tf.Tensor, n: number): LossTerms & { value: tf.Tensor } {
    const { runs } = this.spec;
    const loss = new BasisLoss({ runs: runs.length, samplesPerGroup: n, scale: [-1 / n], groups: runs.map((r) => [generatorCoefficientsOf(r.scheme)]) });
    const basis = loss.evaluate(d, { value: true, grad: true });
    const terms = this.wasserstein ? this.wasserstein.generator(d, basis.value!, basis.grad!, true) : { value: basis.value!, grad: basis.grad! };
    const value = tf.add(terms.value, tf.tensor(loss.constant, [runs.length, 1, 1]));
    loss.dispose();
    return { value, grad: terms.grad };
  }

  dispose(): void {
    for (const part of [this.criticLoss, this.generatorLoss, this.wasserstein, this.constants]) part?.dispose();
  }
}
