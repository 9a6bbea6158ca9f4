// Two-dimensional targets: mixtures of up to 25 Gaussians with full covariances, and the targets
// of the paper's Appendix D and of Fedus et al.'s line experiments.
import { cholesky2, isPositiveDefinite2, type Mat2, type Vec2 } from './linalg2';
import { gaussian2LogPdf, type Gaussian2 } from './gaussian2';

export interface PlanarComponent {
  weight: number;
  mean: Vec2;
  cov: Mat2;
}

export type PlanarMixture = readonly PlanarComponent[];

export const MAX_PLANAR_COMPONENTS = 25;

/** What is wrong with a 2-D mixture, in words (empty when it is usable). */
export function planarMixtureIssues(m: PlanarMixture): string[] {
  const issues: string[] = [];
  if (m.length === 0) issues.push('the target needs at least one component');
  if (m.length > MAX_PLANAR_COMPONENTS) issues.push(`the target has ${m.length} components; at most ${MAX_PLANAR_COMPONENTS} are allowed`);
  m.forEach((c, i) => {
    if (!(c.weight > 0)) issues.push(`component ${i + 1}: the weight must be > 0`);
    if (!isPositiveDefinite2(c.cov)) issues.push(`component ${i + 1}: the covariance must be symmetric positive definite`);
  });
  return issues;
}

/** log p(x, y), by log-sum-exp over the components. */
export function planarMixtureLogPdf(m: PlanarMixture, x: number, y: number): number {
  const total = m.reduce((s, c) => s + c.weight, 0);
  const terms = m.map((c) => Math.log(c.weight / total) + gaussian2LogPdf(c, x, y));
  const top = Math.max(...terms);
  if (top === -Infinity) return -Infinity;
  return top + Math.log(terms.reduce((s, t) => s + Math.exp(t - top), 0));
}

/** The mixture's mean and covariance (the Gaussian with its first two moments). */
export function planarMoments(m: PlanarMixture): Gaussian2 {
  const total = m.reduce((s, c) => s + c.weight, 0);
  let mx = 0;
  let my = 0;
  for (const c of m) { mx += (c.weight / total) * c.mean[0]; my += (c.weight / total) * c.mean[1]; }
  let a = 0;
  let b = 0;
  let d = 0;
  for (const c of m) {
    const w = c.weight / total;
    const dx = c.mean[0] - mx;
    const dy = c.mean[1] - my;
    a += w * (c.cov[0][0] + dx * dx);
    b += w * (c.cov[0][1] + dx * dy);
    d += w * (c.cov[1][1] + dy * dy);
  }
  return { mean: [mx, my], cov: [[a, b], [b, d]] };
}

/** A box [xMin, xMax] x [yMin, yMax] that holds every component to `spread` standard deviations. */
export function planarSupport(m: PlanarMixture, spread = 8): { x: [number, number]; y: [number, number] } {
  let x: [number, number] = [Infinity, -Infinity];
  let y: [number, number] = [Infinity, -Infinity];
  for (const c of m) {
    const sx = spread * Math.sqrt(c.cov[0][0]);
    const sy = spread * Math.sqrt(c.cov[1][1]);
    x = [Math.min(x[0], c.mean[0] - sx), Math.max(x[1], c.mean[0] + sx)];
    y = [Math.min(y[0], c.mean[1] - sy), Math.max(y[1], c.mean[1] + sy)];
  }
  return { x, y };
}

/** Samples of the mixture: a component by its weight, then mean + L n (L the Cholesky factor). */
export class PlanarMixtureSampler {
  private readonly cumulative: Float64Array;
  private readonly factors: Mat2[];

  constructor(private readonly m: PlanarMixture) {
    const total = m.reduce((s, c) => s + c.weight, 0);
    let acc = 0;
    this.cumulative = Float64Array.from(m, (c) => (acc += c.weight / total));
    this.cumulative[m.length - 1] = 1;
    this.factors = m.map((c) => cholesky2(c.cov));
  }

  /** Writes n points (x, y) into out from offset 2 * start on; `uniform` and `normal` draw the noise. */
  fill(uniform: () => number, normal: () => number, out: Float32Array | Float64Array, start: number, n: number): void {
    const k = this.cumulative.length;
    for (let i = 0; i < n; i++) {
      let c = 0;
      if (k > 1) {
        const u = uniform();
        while (c < k - 1 && u >= this.cumulative[c]) c++;
      }
      const n1 = normal();
      const n2 = normal();
      const L = this.factors[c];
      out[2 * (start + i)] = this.m[c].mean[0] + L[0][0] * n1;
      out[2 * (start + i) + 1] = this.m[c].mean[1] + L[1][0] * n1 + L[1][1] * n2;
    }
  }
}

const isotropic = (variance: number): Mat2 => [[variance, 0], [0, variance]];

/** Appendix D, Figures 6-7: one Gaussian with covariance [[5.5, 4.5], [4.5, 5.5]] at the origin. */
export function correlatedTarget(): PlanarComponent[] {
  return [{ weight: 1, mean: [0, 0], cov: [[5.5, 4.5], [4.5, 5.5]] }];
}

/** n unit-covariance (or `variance`) Gaussians with means evenly on a circle of `radius`, the first at angle 0. */
export function circleTarget(n = 5, radius = 5, variance = 1): PlanarComponent[] {
  return Array.from({ length: n }, (_, i) => {
    const angle = (2 * Math.PI * i) / n;
    return { weight: 1, mean: [radius * Math.cos(angle), radius * Math.sin(angle)] as Vec2, cov: isotropic(variance) };
  });
}

/** Fedus et al.'s data on a line: the x axis with unit spread, thickened by isotropic noise of
 * standard deviation `noise` so that p keeps a density. */
export function lineTarget(noise: number): PlanarComponent[] {
  const variance = +(noise * noise).toPrecision(12);
  return [{ weight: 1, mean: [0, 0], cov: [[1 + variance, 0], [0, variance]] }];
}
