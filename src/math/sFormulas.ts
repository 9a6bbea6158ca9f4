// The symmetry-preserving integrand s_f(d) of every catalog divergence: s_f(d) = f(e^d)
// for d <= 0 and f(e^d)/e^d for d > 0, so that D_f(p, q) = ∫ max(p, q) s_f(log p - log q) dx.
//
// This is the one table of these formulas. Each branch is a linear combination of a small basis
// of functions of w = -|d| <= 0 (e = e^w <= 1), so nothing overflows or cancels badly as
// |d| -> infinity. The catalog evaluates s_f from it, and the landscape quadratures accumulate
// the basis sums once per node (shared by every divergence) and apply these coefficients at the
// end: a new divergence is one new row here.

import type { DivergenceId } from './criticBasis';

/** Basis functions of w <= 0, e = e^w; the index is the position in a basis vector. */
export const S_BASIS = ['em1', 'w', 'we', 'spm', 'espm', 'hel', 'em1sq', 'em1sqOverE'] as const;
export type SBasisFunction = (typeof S_BASIS)[number];
/** em1 = e - 1, w, w e, spm = log(1 + e) - log 2, espm = e spm, hel = (√e - 1)², em1sq = (e - 1)², em1sqOverE = (e - 1)²/e. */
export const S_BASIS_SIZE = S_BASIS.length;
export const BASIS_EM1 = 0;
export const BASIS_W = 1;
export const BASIS_WE = 2;
export const BASIS_SPM = 3;
export const BASIS_ESPM = 4;
export const BASIS_HEL = 5;
/** The first basis function that no quadrature of the landscape accumulates (Pearson and Neyman use their own kernels). */
export const QUADRATURE_BASIS_SIZE = 6;

type SCoefficients = Partial<Record<SBasisFunction, number>>;

export interface SFormula {
  /** s_f(d) for d <= 0, in the basis at w = d. */
  readonly below: SCoefficients;
  /** s_f(d) for d > 0, in the basis at w = -d (the reverse divergence's `below`). */
  readonly above: SCoefficients;
}

const FOUR_THIRDS = 4 / 3;
const TWO_THIRDS = 2 / 3;

// Rows in w: KL's f(e^w) = w e^w - (e^w - 1); the `above` row of f is the `below` row of its
// reverse u f(1/u) (a unit test checks every row against f).
const KL_BELOW = { we: 1, em1: -1 };
const RKL_BELOW = { w: -1, em1: 1 };
const JS_BELOW = { we: 2, espm: -2, spm: -2 };
const SRKL_BELOW = { spm: 2, espm: 2, w: -2, we: -2, em1: 2 };
const SKL_BELOW = { spm: 2, espm: 2, em1: -2 };
const K_BELOW = { we: 4, espm: -4, em1: -2 };
const RK_BELOW = { spm: -4, em1: 2 };
const JEFFREYS = { we: 0.5, w: -0.5 };
const HELLINGER = { hel: 2 };
const PEARSON_BELOW = { em1sq: 0.5 };
const NEYMAN_BELOW = { em1sqOverE: 0.5 };

export const S_FORMULAS: Readonly<Record<DivergenceId, SFormula>> = Object.freeze({
  kl: { below: KL_BELOW, above: RKL_BELOW },
  rkl: { below: RKL_BELOW, above: KL_BELOW },
  js: { below: JS_BELOW, above: JS_BELOW },
  srkl: { below: SRKL_BELOW, above: SKL_BELOW },
  // IGOG's reverse (4/3) u log((1+u)/2) + (2/3)(1 - u) is not a catalog entry
  igog: { below: { spm: FOUR_THIRDS, w: -FOUR_THIRDS, em1: TWO_THIRDS }, above: { espm: FOUR_THIRDS, em1: -TWO_THIRDS } },
  jeffreys: { below: JEFFREYS, above: JEFFREYS },
  pearson: { below: PEARSON_BELOW, above: NEYMAN_BELOW },
  neyman: { below: NEYMAN_BELOW, above: PEARSON_BELOW },
  hellinger: { below: HELLINGER, above: HELLINGER },
  k: { below: K_BELOW, above: RK_BELOW },
  rk: { below: RK_BELOW, above: K_BELOW },
  skl: { below: SKL_BELOW, above: SRKL_BELOW },
});

/** A row as a dense vector over S_BASIS. */
export function sCoefficientVector(coefficients: SCoefficients): Float64Array {
  return Float64Array.from(S_BASIS, (fn) => coefficients[fn] ?? 0);
}

const DENSE = Object.fromEntries(
  Object.entries(S_FORMULAS).map(([id, form]) => [id, { below: sCoefficientVector(form.below), above: sCoefficientVector(form.above) }]),
) as Record<DivergenceId, { below: Float64Array; above: Float64Array }>;

/** Dense coefficient vectors of s_f's two branches. */
export function sCoefficients(id: DivergenceId): { below: Float64Array; above: Float64Array } {
  return DENSE[id];
}

/**
 * The basis at w <= 0 to full relative accuracy (expm1 and log1p; the quadratures use e - 1,
 * whose absolute error is all that matters once weighted by a density).
 */
export function sBasisValues(w: number, out: Float64Array): Float64Array {
  const e = Math.exp(w);
  const em1 = Math.expm1(w);
  const spm = w === 0 ? 0 : Math.log1p(e) - Math.LN2;
  const halfEm1 = Math.expm1(w / 2);
  out[0] = em1;
  out[1] = w;
  out[2] = w * e;
  out[3] = spm;
  out[4] = e * spm;
  out[5] = halfEm1 * halfEm1;
  out[6] = em1 * em1;
  out[7] = em1 * em1 * Math.exp(-w);
  return out;
}

const scratch = new Float64Array(S_BASIS_SIZE);

/** s_f(d) from the table, to ~1e-15 absolute and 1e-9 relative for |d| >= 1e-6. */
export function sValue(id: DivergenceId, d: number): number {
  const form = DENSE[id];
  const coefficients = d <= 0 ? form.below : form.above;
  const basis = sBasisValues(d <= 0 ? d : -d, scratch);
  let total = 0;
  for (let i = 0; i < S_BASIS_SIZE; i++) if (coefficients[i] !== 0) total += coefficients[i] * basis[i];
  return total;
}
