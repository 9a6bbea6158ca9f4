// The integrand of D_f(p, q) = ∫ max(p, q) s_f(log p - log q) dx at quadrature nodes, shared by
// every divergence: a node adds max(p, q) times the basis of sFormulas.ts (at w = -|log p - log q|)
// to the sums of its branch (p <= q or p > q); each divergence is then the dot product of its row
// of the table with those sums. So one pass over the nodes serves any number of divergences, and
// the formulas exist once.
//
// Pearson and Neyman are the exception: where u = p/q is huge (or tiny) their s_f grows like u
// (1/u), and max(p, q) s_f must be formed in log space as p²/q (q²/p) to avoid overflow.

import type { DivergenceId } from '../criticBasis';
import {
  BASIS_EM1, BASIS_ESPM, BASIS_HEL, BASIS_SPM, BASIS_W, BASIS_WE, QUADRATURE_BASIS_SIZE, sCoefficients,
} from '../sFormulas';

export type DensityRatioId = Exclude<DivergenceId, 'pearson' | 'neyman'>;
export type ChiSquareId = 'pearson' | 'neyman';

/** Sums of the basis over the nodes with p <= q (first half) and p > q (second half). */
export const SUMS_SIZE = 2 * QUADRATURE_BASIS_SIZE;

export function isChiSquare(id: DivergenceId | 'w1'): id is ChiSquareId {
  return id === 'pearson' || id === 'neyman';
}

/** Which optional basis functions some of the ids use: log1p(e) for the softened ones, √e for Hellinger. */
export interface BasisNeeds {
  readonly softplus: boolean;
  readonly hellinger: boolean;
}

export function basisNeeds(ids: readonly DivergenceId[]): BasisNeeds {
  let softplus = false;
  let hellinger = false;
  for (const id of ids) {
    const { below, above } = sCoefficients(id);
    if (below[BASIS_SPM] !== 0 || below[BASIS_ESPM] !== 0 || above[BASIS_SPM] !== 0 || above[BASIS_ESPM] !== 0) softplus = true;
    if (below[BASIS_HEL] !== 0 || above[BASIS_HEL] !== 0) hellinger = true;
  }
  return { softplus, hellinger };
}

/**
 * Adds one node: weight = quadrature weight × max(p, q), w = -|log p - log q|, e = e^w =
 * min(p, q)/max(p, q). e - 1 stands for expm1(w): only its absolute error (1e-16) matters here.
 */
export function addNode(sums: Float64Array, above: boolean, w: number, e: number, weight: number, needs: BasisNeeds): void {
  const o = above ? QUADRATURE_BASIS_SIZE : 0;
  sums[o + BASIS_EM1] += weight * (e - 1);
  sums[o + BASIS_W] += weight * w;
  sums[o + BASIS_WE] += weight * (w * e);
  if (needs.softplus) {
    const spm = Math.log1p(e) - Math.LN2;
    sums[o + BASIS_SPM] += weight * spm;
    sums[o + BASIS_ESPM] += weight * (e * spm);
  }
  if (needs.hellinger) {
    const r = Math.sqrt(e) - 1;
    sums[o + BASIS_HEL] += weight * (r * r);
  }
}

/** D_f from the sums, clamped at 0 (rounding can leave -1e-17 at an exact match). */
export function divergenceFromSums(id: DensityRatioId, sums: Float64Array, scale = 1): number {
  const { below, above } = sCoefficients(id);
  let total = 0;
  for (let i = 0; i < QUADRATURE_BASIS_SIZE; i++) total += below[i] * sums[i] + above[i] * sums[QUADRATURE_BASIS_SIZE + i];
  total *= scale;
  return total < 0 ? 0 : total;
}

/**
 * max(p, q) s_f(d) for Pearson and Neyman from log p and log q: Pearson is ½(1 - e^-d)² p²/q
 * where d > 0 and ½(e^d - 1)² q elsewhere (the table's em1sqOverE and em1sq rows); Neyman mirrors it.
 */
export function chiSquareIntegrand(id: ChiSquareId, lp: number, lq: number): number {
  const d = lp - lq;
  const em1 = Math.expm1(d > 0 ? -d : d);
  if (id === 'pearson') return d > 0 ? 0.5 * em1 * em1 * Math.exp(lp + d) : 0.5 * em1 * em1 * Math.exp(lq);
  return d < 0 ? 0.5 * em1 * em1 * Math.exp(lq - d) : 0.5 * em1 * em1 * Math.exp(lp);
}
