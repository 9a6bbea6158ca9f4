// Which runs of a batch still train. After each generator step the device checks, per run, that
// the losses and mu are finite and sigma is positive (sigma + 0 x (losses, mu) > 0 is false for
// NaN, Inf or sigma <= 0); a run that fails keeps the step and the values it failed with, and its
// parameters stay where they were. The page and the headless command read the stops at chunk ends.
import * as tf from './tf';
import { stopCause } from './readouts';
import type { RunStopped } from './protocol';

/** Columns of the stop record: step, critic loss, generator loss, mu, sigma. */
const FIELDS = 5;

export interface StopState {
  /** 1 for a run still training, 0 for a stopped one. */
  alive: number[];
  /** The stop record of every run [R, FIELDS] (zeros while it trains). */
  stopInfo: number[];
  stopped: RunStopped[];
}

export class StopTracker {
  /** Runs still training, bool [R, 1, FIELDS] (all columns alike). */
  private alive: tf.Tensor;
  /** (step, critic loss, generator loss, mu, sigma) [R, 1, FIELDS], frozen at the step a run stopped. */
  private stopInfo: tf.Tensor;
  /** sigma + 0 x (losses and mu), written into all FIELDS columns by one product. */
  private readonly checkWeights: tf.Tensor;
  private readonly stoppedRuns = new Map<number, RunStopped>();

  constructor(private readonly labels: string[], private readonly logSigma: boolean) {
    const R = labels.length;
    this.alive = tf.keep(tf.ones([R, 1, FIELDS], 'bool'));
    this.stopInfo = tf.keep(tf.zeros([R, 1, FIELDS]));
    this.checkWeights = tf.keep(tf.tensor3d([0, 0, 0, 1].flatMap((v) => new Array<number>(FIELDS).fill(v)), [1, 4, FIELDS]));
  }

  get stopped(): RunStopped[] {
    return [...this.stoppedRuns.values()];
  }

  get stoppedCount(): number {
    return this.stoppedRuns.size;
  }

  /**
   * Checks the step's values [R, 1, 4] = (critic loss, generator loss, mu, sigma) and records the
   * runs that fail at `step`; returns bool [R, 1, 2], true where a run still trains (to select its
   * new parameters). Call inside a tidy: the tracker keeps its own tensors.
   */
  check(values: tf.Tensor, step: number): tf.Tensor {
    const R = this.labels.length;
    const ok = tf.greater(tf.matMul(values, this.checkWeights), 0); // [R, 1, FIELDS]
    const aliveNew = tf.logicalAnd(this.alive, ok);
    const stepColumn = tf.tensor3d(new Float32Array(R).fill(step), [R, 1, 1]);
    const stopInfo = tf.selectSameShape(this.alive, tf.concat([stepColumn, values], 2), this.stopInfo);
    const keep = tf.slice(aliveNew, [0, 0, 0], [R, 1, 2]);
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
    for (let r = 0; r < this.labels.length; r++) {
      if (alive[r * FIELDS] || this.stoppedRuns.has(r)) continue;
      const step = info[r * FIELDS];
      const [lossC, lossG, mu, sigma] = Array.from(info.slice(r * FIELDS + 1, (r + 1) * FIELDS));
      const stop: RunStopped = { run: r, step, reason: `${this.labels[r]}: ${stopCause(lossC, lossG, mu, sigma, this.logSigma)} at generator step ${step}` };
      this.stoppedRuns.set(r, stop);
      fresh.push(stop);
    }
    return fresh;
  }

  async exportState(): Promise<StopState> {
    const alive = Array.from(await this.alive.data());
    return { alive: alive.filter((_, i) => i % FIELDS === 0).map(Number), stopInfo: Array.from(await this.stopInfo.data()), stopped: this.stopped };
  }

  importState(state: StopState): void {
    const R = this.labels.length;
    this.alive.dispose();
    this.stopInfo.dispose();
    this.alive = tf.keep(tf.tensor3d(state.alive.flatMap((a) => new Array<boolean>(FIELDS).fill(a > 0)), [R, 1, FIELDS], 'bool'));
    this.stopInfo = tf.keep(tf.tensor(state.stopInfo, [R, 1, FIELDS]));
    this.stoppedRuns.clear();
    for (const s of state.stopped) this.stoppedRuns.set(s.run, s);
  }

  dispose(): void {
    for (const t of [this.alive, this.stopInfo, this.checkWeights]) t.dispose();
  }
}
