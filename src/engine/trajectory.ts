// One run's trajectory: (step, mu, sigma) points in step order, with the readings of the step
// that ended at each (losses and gradient norms; NaN where there is none), in typed arrays that
// grow by doubling. The page's store, the headless command and the browser tests' hook all record
// into it. A point at or before the last step is ignored, so that a step recorded twice (where
// training pauses, and again in the next chunk) is kept once.
import type { StepReadings, TrajectoryPoint } from './protocol';

/** The readings a trajectory keeps, in their column order. */
export const READING_KEYS = ['criticLoss', 'generatorLoss', 'criticGradNorm', 'generatorGradNorm'] as const satisfies readonly (keyof StepReadings)[];
export type ReadingKey = (typeof READING_KEYS)[number];
/** One run's readings at one step (NaN: none). */
export type RunReadings = Record<ReadingKey, number>;

const COLUMNS = ['stepData', 'muData', 'sigmaData', ...READING_KEYS] as const;

export class Trajectory {
  private stepData: Float64Array;
  private muData: Float64Array;
  private sigmaData: Float64Array;
  private criticLoss: Float64Array;
  private generatorLoss: Float64Array;
  private criticGradNorm: Float64Array;
  private generatorGradNorm: Float64Array;
  private count = 0;

  constructor(capacity = 64) {
    this.stepData = new Float64Array(capacity);
    this.muData = new Float64Array(capacity);
    this.sigmaData = new Float64Array(capacity);
    this.criticLoss = new Float64Array(capacity);
    this.generatorLoss = new Float64Array(capacity);
    this.criticGradNorm = new Float64Array(capacity);
    this.generatorGradNorm = new Float64Array(capacity);
  }

  /** A trajectory that starts at (mu0, sigma0) at step 0. */
  static start(mu0: number, sigma0: number): Trajectory {
    const t = new Trajectory();
    t.append(0, mu0, sigma0);
    return t;
  }

  /** A trajectory of [step, mu, sigma] points (as results files hold them). */
  static fromPoints(points: readonly (readonly [number, number, number])[]): Trajectory {
    const t = new Trajectory(Math.max(1, points.length));
    for (const [step, mu, sigma] of points) t.append(step, mu, sigma);
    return t;
  }

  get length(): number {
    return this.count;
  }

  /** The step of the last point, or -1 when there is none. */
  get lastStep(): number {
    return this.count > 0 ? this.stepData[this.count - 1] : -1;
  }

  /** The recorded steps, mu and sigma: views of the filled part, valid until the next append. */
  get steps(): Float64Array {
    return this.stepData.subarray(0, this.count);
  }

  get mu(): Float64Array {
    return this.muData.subarray(0, this.count);
  }

  get sigma(): Float64Array {
    return this.sigmaData.subarray(0, this.count);
  }

  /** One reading at every point (NaN where the point has none): a view, valid until the next append. */
  reading(key: ReadingKey): Float64Array {
    return this[key].subarray(0, this.count);
  }

  /** Appends a point after the last one; returns false (and keeps nothing) for an earlier step. */
  append(step: number, mu: number, sigma: number, readings?: RunReadings): boolean {
    if (this.count > 0 && step <= this.stepData[this.count - 1]) return false;
    if (this.count === this.stepData.length) this.grow();
    this.stepData[this.count] = step;
    this.muData[this.count] = mu;
    this.sigmaData[this.count] = sigma;
    for (const key of READING_KEYS) this[key][this.count] = readings ? readings[key] : NaN;
    this.count++;
    return true;
  }

  /** The points as [step, mu, sigma] triples (the results file's form). */
  points(): [number, number, number][] {
    return Array.from({ length: this.count }, (_, k) => [this.stepData[k], this.muData[k], this.sigmaData[k]]);
  }

  /** The readings as rows [criticLoss, generatorLoss, criticGradNorm, generatorGradNorm], one per
   * point, null where there is none (the results file's form, beside points()). */
  readingRows(): (number | null)[][] {
    return Array.from({ length: this.count }, (_, k) => READING_KEYS.map((key) => (Number.isFinite(this[key][k]) ? this[key][k] : null)));
  }

  private grow(): void {
    const capacity = Math.max(1, this.stepData.length * 2);
    for (const key of COLUMNS) {
      const bigger = new Float64Array(capacity);
      bigger.set(this[key]);
      this[key] = bigger;
    }
  }
}

/**
 * Appends the engine's points (every run's mu and sigma at each step) to the runs' trajectories;
 * returns the last step among them (or `since` when there is none).
 */
export function appendPoints(trajectories: readonly Trajectory[], points: readonly TrajectoryPoint[], since = 0): number {
  let last = since;
  for (const p of points) {
    p.mu.forEach((mu, run) => trajectories[run]?.append(p.step, mu, p.sigma[run], p.readings && runReadings(p.readings, run)));
    last = Math.max(last, p.step);
  }
  return last;
}

/** The readings of `runs` runs with none taken yet (every entry null). */
export function emptyReadings(runs: number): StepReadings {
  const none = () => new Array<number | null>(runs).fill(null);
  return { criticLoss: none(), generatorLoss: none(), criticGradNorm: none(), generatorGradNorm: none() };
}

/** One run's readings of a step as a results-file row in READING_KEYS order (null: none). */
export function readingRow(readings: StepReadings | undefined, run: number): (number | null)[] {
  return READING_KEYS.map((key) => readings?.[key][run] ?? null);
}

/** One run's readings of a step (NaN for a null). */
export function runReadings(readings: StepReadings, run: number): RunReadings {
  const value = (key: ReadingKey) => readings[key][run] ?? NaN;
  return { criticLoss: value('criticLoss'), generatorLoss: value('generatorLoss'), criticGradNorm: value('criticGradNorm'), generatorGradNorm: value('generatorGradNorm') };
}
