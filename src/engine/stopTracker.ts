// Which runs of a batch still train, for either dimension. After each generator step the device
// checks, per run, the values a StopRule names; a run that fails keeps the step and the values it
// failed with, and its parameters stay where they were. The page and the headless command read
// the stops at chunk ends.
import * as tf from './tf';
import { stopCause } from './readouts';
import type { RunStopped } from './protocol';

/** What is checked after each generator step, and how a stop is said. */
export interface StopRule {
  /** Numbers checked per run. */
  readonly columns: number;
  /** bool [R, 1, 1 + columns], alike in every column: true where a run may go on, from its values [R, 1, columns]. */
  passes(values: tf.Tensor): tf.Tensor;
  /** The cause of a stop from the values the run failed with, e.g. "NaN in the critic loss". */
  cause(values: readonly number[]): string;
  dispose(): void;
}

/** The 1-D rule: the losses and mu finite and sigma positive, checked in one product
 * (sigma + 0 x (losses, mu) > 0 is false for NaN, Inf or sigma <= 0). Values: (critic loss,
 * generator loss, mu, sigma). */
export function gaussianStopRule(logSigma: boolean): StopRule {
  const width = 5;
  const weights = tf.keep(tf.tensor3d([0, 0, 0, 1].flatMap((v) => new Array<number>(width).fill(v)), [1, 4, width]));
  return {
    columns: 4,
    passes: (values) => tf.greater(tf.matMul(values, weights), 0),
    cause: ([lossC, lossG, mu, sigma]) => stopCause(lossC, lossG, mu, sigma, logSigma),
    dispose: () => weights.dispose(),
  };
}

/** A rule that every value be finite; `names` say what each column is ("the generator loss"). */
export function finiteStopRule(names: readonly string[]): StopRule {
  const width = 1 + names.length;
  return {
    columns: names.length,
    passes: (values) => tf.tile(tf.all(tf.isFinite(values), 2, true), [1, 1, width]),
    cause: (values) => {
      const i = values.findIndex((v) => !Number.isFinite(v));
      return i < 0 ? 'an unknown cause' : `${Number.isNaN(values[i]) ? 'NaN' : 'Infinity'} in ${names[i]}`;
    },
    dispose: () => undefined,
  };
}

export interface StopState {
  /** 1 for a run still training, 0 for a stopped one. */
  alive: number[];
  /** The stop record of every run [R, 1 + columns]: the step and the values (zeros while it trains). */
  stopInfo: number[];
  stopped: RunStopped[];
}

export class StopTracker {
  /** Columns of the stop record: the step, then the rule's values. */
  private readonly fields: number;
  /** Runs still training, bool [R, 1, fields] (all columns alike). */
  private alive: tf.Tensor;
  /** (step, values) [R, 1, fields], frozen at the step a run stopped. */
  private stopInfo: tf.Tensor;
  private readonly stoppedRuns = new Map<number, RunStopped>();

  constructor(private readonly labels: string[], private readonly rule: StopRule) {
    const R = labels.length;
    this.fields = 1 + rule.columns;
    this.alive = tf.keep(tf.ones([R, 1, this.fields], 'bool'));
    this.stopInfo = tf.keep(tf.zeros([R, 1, this.fields]));
  }

  get stopped(): RunStopped[] {
    return [...this.stoppedRuns.values()];
  }

  get stoppedCount(): number {
    return this.stoppedRuns.size;
  }

  /**
   * Checks the step's values [R, 1, columns] and records the runs that fail at `step`; returns
   * bool [R, 1, width] (the first `width` columns of the record, all alike), true where a run still
   * trains (to select its new parameters). Call inside a tidy: the tracker keeps its own tensors.
   */
  check(values: tf.Tensor, step: number, width: number): tf.Tensor {
    const R = this.labels.length;
    const aliveNew = tf.logicalAnd(this.alive, this.rule.passes(values));
    const stepColumn = tf.tensor3d(new Float32Array(R).fill(step), [R, 1, 1]);
    const stopInfo = tf.selectSameShape(this.alive, tf.concat([stepColumn, values], 2), this.stopInfo);
    const keep = tf.slice(aliveNew, [0, 0, 0], [R, 1, width]);
    this.alive.dispose();
    this.stopInfo.dispose();
    this.alive = tf.keep(aliveNew);
    this.stopInfo = tf.keep(stopInfo);
    return keep;
  }

  /** The runs that stopped since the last read, each with its step and cause. */
  async read(): Promise<RunStopped[]> {
    const [alive, info] = await Promise.all([this.alive.data(), this.stopInfo.data()]);
    const fresh: RunStopped[] = [];
    const F = this.fields;
    for (let r = 0; r < this.labels.length; r++) {
      if (alive[r * F] || this.stoppedRuns.has(r)) continue;
      const step = info[r * F];
      const values = Array.from(info.slice(r * F + 1, (r + 1) * F));
      const stop: RunStopped = { run: r, step, reason: `${this.labels[r]}: ${this.rule.cause(values)} at generator step ${step}` };
      this.stoppedRuns.set(r, stop);
      fresh.push(stop);
    }
    return fresh;
  }

  async exportState(): Promise<StopState> {
    const alive = Array.from(await this.alive.data());
    return { alive: alive.filter((_, i) => i % this.fields === 0).map(Number), stopInfo: Array.from(await this.stopInfo.data()), stopped: this.stopped };
  }

  importState(state: StopState): void {
    const R = this.labels.length;
    this.alive.dispose();
    this.stopInfo.dispose();
    this.alive = tf.keep(tf.tensor3d(state.alive.flatMap((a) => new Array<boolean>(this.fields).fill(a > 0)), [R, 1, this.fields], 'bool'));
    this.stopInfo = tf.keep(tf.tensor(state.stopInfo, [R, 1, this.fields]));
    this.stoppedRuns.clear();
    for (const s of state.stopped) this.stoppedRuns.set(s.run, s);
  }

  dispose(): void {
    for (const t of [this.alive, this.stopInfo]) t.dispose();
    this.rule.dispose();
  }
}
