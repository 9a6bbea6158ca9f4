// The critic-side functions a_f(d) and b_f(d) of every catalog divergence, written as linear
// combinations of a small fixed basis of functions of the critic output d. The same
// coefficients drive the float64 evaluation here and the float32 tfjs losses in the engine, so
// that many runs with different divergences can share one set of kernels (one basis tensor,
// one coefficient matrix).

export const DIVERGENCE_IDS = [
  'kl', 'rkl', 'js', 'srkl', 'igog', 'jeffreys', 'pearson', 'neyman', 'hellinger', 'k', 'rk', 'skl',
] as const;
export type DivergenceId = (typeof DIVERGENCE_IDS)[number];

export const CRITIC_BASIS = [
  'one', 'd', 'expD', 'expNegD', 'exp2D', 'expNeg2D', 'expHalfD', 'expNegHalfD', 'softplusNegD', 'sigmoidNegD',
] as const;
export type BasisFunction = (typeof CRITIC_BASIS)[number];
export type BasisCoefficients = Partial<Record<BasisFunction, number>>;

/** a_f(d) = f'(e^d) (evaluated on real samples) and b_f(d) = e^d f'(e^d) - f(e^d) (on fake ones). */
export interface CriticFunctions {
  readonly a: BasisCoefficients;
  readonly b: BasisCoefficients;
}

const LN2 = Math.LN2;

export const CRITIC_FUNCTIONS: Record<DivergenceId, CriticFunctions> = {
  kl: { a: { d: 1 }, b: { expD: 1, one: -1 } },
  rkl: { a: { one: 1, expNegD: -1 }, b: { d: 1 } },
  // sp(d) is written d + sp(-d) so that only sp(-d) is in the basis.
  js: { a: { one: 2 * LN2, softplusNegD: -2 }, b: { d: 2, softplusNegD: 2, one: -2 * LN2 } },
  srkl: { a: { softplusNegD: 2, expNegD: -2, one: 2 - 2 * LN2 }, b: { one: 2 * LN2, softplusNegD: -2 } },
  igog: {
    a: { sigmoidNegD: 4 / 3, expNegD: -4 / 3, one: 2 / 3 },
    b: { one: 2 / 3 + (4 / 3) * LN2, sigmoidNegD: -4 / 3, softplusNegD: -4 / 3 },
  },
  jeffreys: { a: { d: 0.5, one: 0.5, expNegD: -0.5 }, b: { d: 0.5, expD: 0.5, one: -0.5 } },
  pearson: { a: { expD: 1, one: -1 }, b: { exp2D: 0.5, one: -0.5 } },
  neyman: { a: { one: 0.5, expNeg2D: -0.5 }, b: { one: 1, expNegD: -1 } },
  hellinger: { a: { one: 2, expNegHalfD: -2 }, b: { expHalfD: 2, one: -2 } },
  // sigma(d) is written 1 - sigma(-d).
  k: { a: { one: 4 * LN2 - 2, softplusNegD: -4, sigmoidNegD: 4 }, b: { one: 2, sigmoidNegD: -4 } },
  rk: { a: { one: 2, sigmoidNegD: -4 }, b: { d: 4, softplusNegD: 4, sigmoidNegD: 4, one: -4 * LN2 - 2 } },
  skl: { a: { d: 2, softplusNegD: 2, one: -2 * LN2 }, b: { expD: 2, d: -2, softplusNegD: -2, one: 2 * LN2 - 2 } },
};

/** log(1 + e^t) without overflow. */
export function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

/** The logistic sigmoid without overflow. */
export function sigmoid(t: number): number {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const e = Math.exp(t);
  return e / (1 + e);
}

export function basisValue(fn: BasisFunction, d: number): number {
  switch (fn) {
    case 'one': return 1;
    case 'd': return d;
    case 'expD': return Math.exp(d);
    case 'expNegD': return Math.exp(-d);
    case 'exp2D': return Math.exp(2 * d);
    case 'expNeg2D': return Math.exp(-2 * d);
    case 'expHalfD': return Math.exp(d / 2);
    case 'expNegHalfD': return Math.exp(-d / 2);
    case 'softplusNegD': return softplus(-d);
    case 'sigmoidNegD': return sigmoid(-d);
  }
}

/** Evaluates sum_k c_k phi_k(d) in float64. */
export function evalBasis(coefficients: BasisCoefficients, d: number): number {
  let total = 0;
  for (const fn of CRITIC_BASIS) {
    const c = coefficients[fn];
    if (c) total += c * basisValue(fn, d);
  }
  return total;
}
