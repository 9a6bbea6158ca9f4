// D_f(p, q) between two densities on the plane, by the midpoint rule on a grid over a box that
// holds both: D_f = ∫ max(p, q) s_f(log p - log q) dx (the symmetry-preserving integrand of
// src/math/sFormulas.ts, which neither overflows nor cancels). The accuracy is that of the grid:
// the tests compare with closed forms (KL between Gaussians) to 1e-4 relative.
import type { DivergenceId } from '../criticBasis';
import { sValue } from '../sFormulas';

export type LogDensity2 = (x: number, y: number) => number;

export interface PlanarBox {
  x: [number, number];
  y: [number, number];
}

/** The union of two boxes. */
export function unionBox(a: PlanarBox, b: PlanarBox): PlanarBox {
  return { x: [Math.min(a.x[0], b.x[0]), Math.max(a.x[1], b.x[1])], y: [Math.min(a.y[0], b.y[0]), Math.max(a.y[1], b.y[1])] };
}

/** log p and log q at the midpoints of an n x n grid over the box, and the cell area. */
export function logDensityGrid(logP: LogDensity2, logQ: LogDensity2, box: PlanarBox, n: number): { lp: Float64Array; lq: Float64Array; area: number } {
  const hx = (box.x[1] - box.x[0]) / n;
  const hy = (box.y[1] - box.y[0]) / n;
  const lp = new Float64Array(n * n);
  const lq = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const x = box.x[0] + (i + 0.5) * hx;
    for (let j = 0; j < n; j++) {
      const y = box.y[0] + (j + 0.5) * hy;
      lp[i * n + j] = logP(x, y);
      lq[i * n + j] = logQ(x, y);
    }
  }
  return { lp, lq, area: hx * hy };
}

/** D_f(p, q) for each id from log densities on a grid (logDensityGrid). */
export function planarDivergences(ids: readonly DivergenceId[], grid: { lp: Float64Array; lq: Float64Array; area: number }): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of ids) {
    let sum = 0;
    for (let k = 0; k < grid.lp.length; k++) {
      const a = grid.lp[k];
      const b = grid.lq[k];
      const top = Math.max(a, b);
      if (top === -Infinity) continue;
      sum += Math.exp(top) * sValue(id, a - b);
    }
    out[id] = sum * grid.area;
  }
  return out;
}

/** D_f(p, q) of one divergence over the box with an n x n grid. */
export function planarDivergence(id: DivergenceId, logP: LogDensity2, logQ: LogDensity2, box: PlanarBox, n = 400): number {
  return planarDivergences([id], logDensityGrid(logP, logQ, box, n))[id];
}

/** D_f estimates from samples and their standard errors. */
export interface DivergenceEstimate {
  values: Record<string, number>;
  errors: Record<string, number>;
}

/**
 * D_f(p, q) = E_m[max(p, q)/m s_f(log p - log q)] with m = (p + q)/2, estimated from n samples of
 * p and n of q (stratified: half of m's mass each), with the standard error of the estimate. For
 * densities too narrow for the grid of planarDivergences (the error is stated instead of hidden).
 */
export function planarDivergenceSamples(ids: readonly DivergenceId[], logP: LogDensity2, logQ: LogDensity2, fromP: ArrayLike<number>, fromQ: ArrayLike<number>): DivergenceEstimate {
  const values: Record<string, number> = {};
  const errors: Record<string, number> = {};
  const strata = [fromP, fromQ].map((xy) => {
    const n = xy.length / 2;
    const lp = new Float64Array(n);
    const lq = new Float64Array(n);
    for (let i = 0; i < n; i++) { lp[i] = logP(xy[2 * i], xy[2 * i + 1]); lq[i] = logQ(xy[2 * i], xy[2 * i + 1]); }
    return { n, lp, lq };
  });
  for (const id of ids) {
    let value = 0;
    let variance = 0;
    for (const { n, lp, lq } of strata) {
      let sum = 0;
      let sumSq = 0;
      for (let i = 0; i < n; i++) {
        const d = lp[i] - lq[i];
        // max(p, q) / m = 2 / (1 + e^{-|d|})
        const g = (2 / (1 + Math.exp(-Math.abs(d)))) * sValue(id, d);
        sum += g;
        sumSq += g * g;
      }
      const mean = sum / n;
      value += 0.5 * mean;
      variance += 0.25 * Math.max(0, sumSq / n - mean * mean) / Math.max(1, n - 1);
    }
    values[id] = value;
    errors[id] = Math.sqrt(variance);
  }
  return { values, errors };
}
