// A Gaussian-mixture target prepared for quadrature: per-component constants for a fast log p(x),
// the distribution functions, and the kinks of log p (where the dominant component changes).

import { LOG_SQRT_2PI, standardNormalCdf } from '../gaussian';
import type { Mixture } from '../mixture';

/** A point where log p switches from one component's parabola to another's. */
export interface LogDensityKink {
  readonly x: number;
  /** |difference of the two parabolas' slopes| there: log p bends over a length of about 1/slopeJump. */
  readonly slopeJump: number;
}

export class TargetModel {
  readonly n: number;
  readonly means: Float64Array;
  readonly stds: Float64Array;
  readonly weights: Float64Array;
  readonly invStds: Float64Array;
  readonly logCoef: Float64Array;
  readonly maxStd: number;
  readonly minStd: number;
  readonly mean: number;
  readonly kinks: readonly LogDensityKink[];
  private readonly terms: Float64Array;

  constructor(readonly target: Mixture) {
    this.n = target.length;
    this.means = Float64Array.from(target, (c) => c.mean);
    this.stds = Float64Array.from(target, (c) => c.std);
    this.weights = Float64Array.from(target, (c) => c.weight);
    this.invStds = Float64Array.from(target, (c) => 1 / c.std);
    this.logCoef = Float64Array.from(target, (c) => Math.log(c.weight / c.std) - LOG_SQRT_2PI);
    this.maxStd = Math.max(...target.map((c) => c.std));
    this.minStd = Math.min(...target.map((c) => c.std));
    this.mean = target.reduce((sum, c) => sum + c.weight * c.mean, 0);
    this.terms = new Float64Array(this.n);
    this.kinks = this.findKinks();
  }

  /** log(w_k N(x; m_k, s_k²)) */
  componentLogPdf(k: number, x: number): number {
    const z = (x - this.means[k]) * this.invStds[k];
    return this.logCoef[k] - 0.5 * z * z;
  }

  /** log p(x) by log-sum-exp, one exp per non-dominant component. */
  logPdf(x: number): number {
    const n = this.n;
    const z0 = (x - this.means[0]) * this.invStds[0];
    const t0 = this.logCoef[0] - 0.5 * z0 * z0;
    if (n === 1) return t0;
    if (n === 2) {
      const z1 = (x - this.means[1]) * this.invStds[1];
      const t1 = this.logCoef[1] - 0.5 * z1 * z1;
      return t0 > t1 ? t0 + Math.log1p(Math.exp(t1 - t0)) : t1 + Math.log1p(Math.exp(t0 - t1));
    }
    const terms = this.terms;
    let maxTerm = t0;
    terms[0] = t0;
    for (let k = 1; k < n; k++) {
      const z = (x - this.means[k]) * this.invStds[k];
      const t = this.logCoef[k] - 0.5 * z * z;
      terms[k] = t;
      if (t > maxTerm) maxTerm = t;
    }
    let sum = 0;
    for (let k = 0; k < n; k++) sum += Math.exp(terms[k] - maxTerm);
    return maxTerm + Math.log(sum);
  }

  cdf(x: number): number {
    let total = 0;
    for (let k = 0; k < this.n; k++) total += this.weights[k] * standardNormalCdf((x - this.means[k]) * this.invStds[k]);
    return total;
  }

  survival(x: number): number {
    let total = 0;
    for (let k = 0; k < this.n; k++) total += this.weights[k] * standardNormalCdf((this.means[k] - x) * this.invStds[k]);
    return total;
  }

  /**
   * Where two components' log-densities (parabolas in x) are equal and above every other
   * component's: log p has a bend there whose length is 1/slopeJump, often far shorter than any
   * component's std (narrow components far apart), so quadratures must split there.
   */
  private findKinks(): LogDensityKink[] {
    const kinks: LogDensityKink[] = [];
    for (let j = 0; j < this.n; j++) {
      for (let k = j + 1; k < this.n; k++) {
        for (const x of this.parabolaCrossings(j, k)) {
          const top = this.componentLogPdf(j, x);
          let dominant = true;
          for (let l = 0; l < this.n && dominant; l++) if (l !== j && l !== k && this.componentLogPdf(l, x) > top) dominant = false;
          if (!dominant) continue;
          const slopeJ = -(x - this.means[j]) * this.invStds[j] * this.invStds[j];
          const slopeK = -(x - this.means[k]) * this.invStds[k] * this.invStds[k];
          const slopeJump = Math.abs(slopeJ - slopeK);
          if (slopeJump > 0 && Number.isFinite(slopeJump)) kinks.push({ x, slopeJump });
        }
      }
    }
    return kinks.sort((a, b) => a.x - b.x);
  }

  /** Real roots of componentLogPdf(j, x) = componentLogPdf(k, x), a quadratic a x² + b x + c = 0. */
  private parabolaCrossings(j: number, k: number): number[] {
    const pj = this.invStds[j] ** 2;
    const pk = this.invStds[k] ** 2;
    const a = 0.5 * (pk - pj);
    const b = this.means[j] * pj - this.means[k] * pk;
    const c = this.logCoef[j] - this.logCoef[k] - 0.5 * (this.means[j] ** 2 * pj - this.means[k] ** 2 * pk);
    if (Math.abs(a) <= 1e-12 * Math.max(pj, pk)) return b === 0 ? [] : [-c / b];
    const disc = b * b - 4 * a * c;
    if (disc < 0) return [];
    // the stable pair of roots: q = -(b + sign(b) √disc)/2, roots q/a and c/q
    const q = -0.5 * (b + (b >= 0 ? 1 : -1) * Math.sqrt(disc));
    return q === 0 ? [0] : [q / a, c / q];
  }
}

const modelCache = new WeakMap<Mixture, TargetModel>();

/** The prepared model of a target, cached per target object. */
export function modelOf(target: Mixture): TargetModel {
  let model = modelCache.get(target);
  if (!model) {
    model = new TargetModel(target);
    modelCache.set(target, model);
  }
  return model;
}
