// Two-dimensional Gaussians N(mean, cov): densities, the squared Fréchet distance and the closed
// forms that the Appendix D tests check.
import { LOG_SQRT_2PI } from '../gaussian';
import { det2, inverse2, multiply2, trace2, type Mat2, type Vec2 } from './linalg2';

export interface Gaussian2 {
  mean: Vec2;
  cov: Mat2;
}

/** log N(x; mean, cov). */
export function gaussian2LogPdf(g: Gaussian2, x: number, y: number): number {
  const p = inverse2(g.cov);
  const dx = x - g.mean[0];
  const dy = y - g.mean[1];
  const quad = p[0][0] * dx * dx + (p[0][1] + p[1][0]) * dx * dy + p[1][1] * dy * dy;
  return -0.5 * quad - 0.5 * Math.log(det2(g.cov)) - 2 * LOG_SQRT_2PI;
}

/**
 * The squared Fréchet (2-Wasserstein) distance between two Gaussians:
 * |m1 - m2|^2 + tr S1 + tr S2 - 2 tr (S1^1/2 S2 S1^1/2)^1/2. For 2 x 2 matrices the trace of the
 * square root of a positive semi-definite X is sqrt(tr X + 2 sqrt(det X)), with tr X = tr(S1 S2)
 * and det X = det S1 det S2.
 */
export function frechetDistanceSquared(a: Gaussian2, b: Gaussian2): number {
  const dm = (a.mean[0] - b.mean[0]) ** 2 + (a.mean[1] - b.mean[1]) ** 2;
  const detProduct = Math.max(0, det2(a.cov) * det2(b.cov));
  const crossTrace = Math.sqrt(Math.max(0, trace2(multiply2(a.cov, b.cov)) + 2 * Math.sqrt(detProduct)));
  return Math.max(0, dm + trace2(a.cov) + trace2(b.cov) - 2 * crossTrace);
}

/** KL(p || q) between two Gaussians. */
export function gaussian2Kl(p: Gaussian2, q: Gaussian2): number {
  const qi = inverse2(q.cov);
  const dm: Vec2 = [q.mean[0] - p.mean[0], q.mean[1] - p.mean[1]];
  const quad = qi[0][0] * dm[0] * dm[0] + (qi[0][1] + qi[1][0]) * dm[0] * dm[1] + qi[1][1] * dm[1] * dm[1];
  return 0.5 * (trace2(multiply2(qi, p.cov)) + quad - 2 + Math.log(det2(q.cov) / det2(p.cov)));
}

/** The diagonal Gaussian closest to p in KL(p || q) (mode covering): p's mean and marginal variances. */
export function klOptimalDiagonal(p: Gaussian2): { mean: Vec2; std: Vec2 } {
  return { mean: p.mean, std: [Math.sqrt(p.cov[0][0]), Math.sqrt(p.cov[1][1])] };
}

/** The diagonal Gaussian closest to a Gaussian p in KL(q || p) (mode seeking): p's mean and
 * variances 1 / Lambda_ii with Lambda = cov^-1. */
export function reverseKlOptimalDiagonal(p: Gaussian2): { mean: Vec2; std: Vec2 } {
  const precision = inverse2(p.cov);
  return { mean: p.mean, std: [1 / Math.sqrt(precision[0][0]), 1 / Math.sqrt(precision[1][1])] };
}

/** The mean and covariance of points given as interleaved (x, y) pairs. */
export function sampleMoments(xy: ArrayLike<number>): Gaussian2 {
  const n = xy.length / 2;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) { mx += xy[2 * i]; my += xy[2 * i + 1]; }
  mx /= n;
  my /= n;
  let a = 0;
  let b = 0;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const dx = xy[2 * i] - mx;
    const dy = xy[2 * i + 1] - my;
    a += dx * dx; b += dx * dy; d += dy * dy;
  }
  const k = Math.max(1, n - 1);
  return { mean: [mx, my], cov: [[a / k, b / k], [b / k, d / k]] };
}
