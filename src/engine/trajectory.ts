// One run's trajectory: (step, mu, sigma) points in step order, in typed arrays that grow by
// doubling. The page's store, the headless command and the browser tests' hook all record into
// it. A point at or before the last step is ignored, so that a step recorded twice (where
// training pauses, and again in the next chunk) is kept once.
import type { TrajectoryPoint } from './protocol';

export class Trajectory {
  private stepData: Float64Array;
  private muData: Float64Array;
  private sigmaData: Float64Array;
  private count = 0;

  constructor(capacity = 64) {
    this.stepData = new Float64Array(capacity);
    this.muData = new Float64Array(capacity);
    this.sigmaData = new Float64Array(capacity);
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

  /** Appends a point after the last one; returns false (and keeps nothing) for an earlier step. */
  append(step: number, mu: number, sigma: number): boolean {
    if (this.count > 0 && step <= this.stepData[this.count - 1]) return false;
    if (this.count === this.stepData.length) this.grow();
    this.stepData[this.count] = step;
    this.muData[this.count] = mu;
    this.sigmaData[this.count] = sigma;
    this.count++;
    return true;
  }

  /** The points as [step, mu, sigma] triples (the results file's form). */
  points(): [number, number, number][] {
    return Array.from({ length: this.count }, (_, k) => [this.stepData[k], this.muData[k], this.sigmaData[k]]);
  }

  private grow(): void {
    const capacity = Math.max(1, this.stepData.length * 2);
    for (const key of ['stepData', 'muData', 'sigmaData'] as const) {
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
    p.mu.forEach((mu, run) => trajectories[run]?.append(p.step, mu, p.sigma[run]));
    last = Math.max(last, p.step);
  }
  return last;
}
