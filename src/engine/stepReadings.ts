// The losses and parameter-gradient norms of the last generator step, as training curves show
// them. The trainer hands over the tensors it computes anyway (no extra kernel per step); only a
// step that is recorded turns them into one small tensor, read back with the trajectory point.
import * as tf from './tf';
import type { StepReadings } from './protocol';
import { emptyReadings } from './trajectory';

export interface ReadingsLayout {
  /** Runs of the batch. */
  R: number;
  /** The run of each critic-batch row (the learned-critic runs). */
  learnedIdx: readonly number[];
  /** The factor each run's generator gradient and each critic row's gradient carry (an SGD rate
   * folded into the loss), divided out so that the norms are of the gradients themselves. */
  generatorScale: readonly number[];
  criticScale: readonly number[];
  /** The constant term of each run's generator loss and each critic row's loss that the device's
   * value leaves out (0 when absent). */
  generatorConstant?: readonly number[];
  criticConstant?: readonly number[];
}

/** Sum of squares per leading row of every tensor [rows, ...] together: [rows]. */
function rowSquares(tensors: tf.Tensor[], rows: number): tf.Tensor {
  return tensors.map((g) => tf.sum(tf.square(tf.reshape(g, [rows, -1])), 1)).reduce((a, b) => tf.add(a, b));
}

export class StepReadingsKeeper {
  /** [loss, ...gradients] of the generator update and of the critic's last update. */
  private generator: tf.Tensor[] = [];
  private critic: tf.Tensor[] = [];

  constructor(private readonly layout: ReadingsLayout) {}

  /** The critic batch's loss [L, ...] and parameter gradients [L, ...] of its last update in the step. */
  keepCritic(loss: tf.Tensor, grads: tf.Tensor[]): void {
    this.critic = this.replace(this.critic, [loss, ...grads]);
  }

  /** Every run's generator loss [R, ...] and parameter gradients [R, ...] of the step. */
  keepGenerator(loss: tf.Tensor, grads: tf.Tensor[]): void {
    this.generator = this.replace(this.generator, [loss, ...grads]);
  }

  private replace(old: tf.Tensor[], next: tf.Tensor[]): tf.Tensor[] {
    const kept = next.map((t) => tf.keep(t));
    for (const t of old) if (!kept.includes(t)) t.dispose();
    return kept;
  }

  /** The step's readings as one flat tensor [2R + 2L] (losses, then norms), or null before any step. */
  tensor(): tf.Tensor | null {
    if (this.generator.length === 0) return null;
    const { R, learnedIdx } = this.layout;
    const L = this.critic.length > 0 ? learnedIdx.length : 0;
    return tf.tidy(() => {
      const [gLoss, ...gGrads] = this.generator;
      const parts = [tf.reshape(gLoss, [R]), tf.sqrt(rowSquares(gGrads, R))];
      if (L > 0) {
        const [cLoss, ...cGrads] = this.critic;
        parts.push(tf.reshape(cLoss, [L]), tf.sqrt(rowSquares(cGrads, L)));
      }
      return tf.concat(parts, 0);
    });
  }

  /** The readings of a tensor's values (null for what a run lacks and for values that are not finite). */
  read(values: ArrayLike<number>): StepReadings {
    const { R, learnedIdx, generatorScale, criticScale, generatorConstant, criticConstant } = this.layout;
    const finite = (v: number) => (Number.isFinite(v) ? v : null);
    const out = emptyReadings(R);
    for (let r = 0; r < R; r++) {
      out.generatorLoss[r] = finite(values[r] + (generatorConstant?.[r] ?? 0));
      out.generatorGradNorm[r] = finite(values[R + r] / generatorScale[r]);
    }
    const L = learnedIdx.length;
    if (values.length >= 2 * R + 2 * L) {
      learnedIdx.forEach((run, l) => {
        out.criticLoss[run] = finite(values[2 * R + l] + (criticConstant?.[l] ?? 0));
        out.criticGradNorm[run] = finite(values[2 * R + L + l] / criticScale[l]);
      });
    }
    return out;
  }

  /** Forgets the kept step (a state was imported). */
  clear(): void {
    for (const t of new Set([...this.generator, ...this.critic])) t.dispose();
    this.generator = [];
    this.critic = [];
  }

  dispose(): void {
    this.clear();
  }
}
