// The catalog of canonical f-divergences: closed forms of f, f', f'', the critic
// functions a_f and b_f (through the shared basis of criticBasis.ts), the symmetry-preserving
// s_f (from the one table of sFormulas.ts), and the tail weights. Everything is float64 and
// stable for |d| <= 50 and far beyond.

import {
  CRITIC_FUNCTIONS, DIVERGENCE_IDS, evalBasis,
  type CriticFunctions, type DivergenceId,
} from './criticBasis';
import { sValue } from './sFormulas';

export { DIVERGENCE_IDS, type DivergenceId } from './criticBasis';

export interface TailWeights {
  /** f''(u) ~ C u^-left as u -> 0 */
  readonly left: number;
  /** f''(u) ~ D u^(right - 3) as u -> infinity */
  readonly right: number;
}

export interface Divergence {
  readonly id: DivergenceId;
  /** Display name, e.g. 'Jensen-Shannon (4·JS)'. */
  readonly name: string;
  readonly shortName: string;
  readonly description: string;
  /** f(u) for u >= 0; f(0) is the limit (Infinity where the limit is infinite). */
  f(u: number): number;
  fPrime(u: number): number;
  fSecond(u: number): number;
  /** a_f(d) = f'(e^d), the critic function on real samples. */
  a(d: number): number;
  /** b_f(d) = e^d f'(e^d) - f(e^d), the critic function on fake samples. */
  b(d: number): number;
  /** s_f(d) = f(e^d) for d < 0 and f(e^d)/e^d for d > 0 (the symmetry-preserving plot). */
  s(d: number): number;
  readonly tailWeights: TailWeights;
  /** L < 2 and R < 2: D_f(p, q) <= some M for all p, q. */
  readonly bounded: boolean;
  readonly criticFunctions: CriticFunctions;
  /** The catalog entry whose f is u f(1/u), or null when the reverse is not in the catalog. */
  readonly reverse: DivergenceId | null;
}

const LN2 = Math.LN2;

// log(2u/(1+u)) and log(2/(1+u)): log1p of (u-1)/(u+1) near u = 1 (where the log is near 0 and
// must not cancel), a plain log elsewhere (where 1 ± t would round to 0 for extreme u).
function logTwoUOverOnePlusU(u: number): number {
  return Math.abs(u - 1) < 0.5 ? Math.log1p((u - 1) / (u + 1)) : Math.log((2 * u) / (1 + u));
}
function logTwoOverOnePlusU(u: number): number {
  return Math.abs(u - 1) < 0.5 ? Math.log1p((1 - u) / (u + 1)) : Math.log(2 / (1 + u));
}

interface ClosedForm {
  name: string;
  shortName: string;
  description: string;
  f(u: number): number;
  fPrime(u: number): number;
  fSecond(u: number): number;
  tailWeights: TailWeights;
}

// f is defined on u >= 0. Negative u gives NaN. Where a term is 0 * log 0 we return its limit 0.
const CLOSED_FORMS: Record<DivergenceId, ClosedForm> = {
  kl: {
    name: 'Kullback-Leibler KL(p‖q)', shortName: 'KL',
    description: 'Mass-covering: penalises q for missing regions where p has mass (tail weights 1, 2).',
    f: (u) => (u === 0 ? 1 : u * Math.log(u) - (u - 1)),
    fPrime: (u) => Math.log(u),
    fSecond: (u) => 1 / u,
    tailWeights: { left: 1, right: 2 },
  },
  rkl: {
    name: 'Reverse KL, KL(q‖p)', shortName: 'RKL',
    description: 'Mode-seeking: penalises q for putting mass where p has little (tail weights 2, 1).',
    f: (u) => -Math.log(u) + u - 1,
    fPrime: (u) => 1 - 1 / u,
    fSecond: (u) => 1 / (u * u),
    tailWeights: { left: 2, right: 1 },
  },
  js: {
    name: 'Jensen-Shannon (4·JS)', shortName: 'JS',
    description: 'The divergence of the saturating GAN: bounded and symmetric (tail weights 1, 1).',
    f: (u) => (u === 0 ? 2 * LN2 : 2 * u * logTwoUOverOnePlusU(u) + 2 * logTwoOverOnePlusU(u)),
    fPrime: (u) => 2 * logTwoUOverOnePlusU(u),
    fSecond: (u) => 2 / (u * (1 + u)),
    tailWeights: { left: 1, right: 1 },
  },
  srkl: {
    name: 'Softened reverse KL (4·KL(m‖p))', shortName: 'softened RKL',
    description: 'What non-saturating GAN training minimises: mode-seeking like reverse KL (tail weights 2, 0).',
    f: (u) => -2 * (1 + u) * logTwoUOverOnePlusU(u) + 2 * (u - 1),
    fPrime: (u) => -2 * logTwoUOverOnePlusU(u) + 2 - 2 / u,
    fSecond: (u) => 2 / (u * u * (1 + u)),
    tailWeights: { left: 2, right: 0 },
  },
  igog: {
    name: 'IGOG (Poole et al. 2016, ×4/3)', shortName: 'IGOG',
    description: '2 KL(m‖p) + KL(p‖m), canonically scaled: close to softened reverse KL (tail weights 2, 0).',
    f: (u) => -(4 / 3) * logTwoUOverOnePlusU(u) + (2 / 3) * (u - 1),
    fPrime: (u) => -(4 / 3) / (u * (1 + u)) + 2 / 3,
    fSecond: (u) => (4 / 3) * (1 / (u * u) - 1 / ((1 + u) * (1 + u))),
    tailWeights: { left: 2, right: 0 },
  },
  jeffreys: {
    name: 'Jeffreys / 2 (½KL + ½RKL)', shortName: 'Jeffreys',
    description: 'The mean of KL and reverse KL: symmetric and unbounded (tail weights 2, 2).',
    f: (u) => (u === 0 ? Infinity : 0.5 * (u - 1) * Math.log(u)),
    fPrime: (u) => 0.5 * (Math.log(u) + 1 - 1 / u),
    fSecond: (u) => 0.5 * (1 / u + 1 / (u * u)),
    tailWeights: { left: 2, right: 2 },
  },
  pearson: {
    name: 'Pearson χ² / 2', shortName: 'Pearson χ²',
    description: 'Strongly mass-covering: infinite when q has lighter tails than p demands (tail weights 0, 3).',
    f: (u) => 0.5 * (u - 1) * (u - 1),
    fPrime: (u) => u - 1,
    fSecond: () => 1,
    tailWeights: { left: 0, right: 3 },
  },
  neyman: {
    name: 'Neyman χ² / 2', shortName: 'Neyman χ²',
    description: 'Strongly mode-seeking: infinite when q is much wider than p (tail weights 3, 0).',
    f: (u) => (u === 0 ? Infinity : (u - 1) * (u - 1) / (2 * u)),
    fPrime: (u) => 0.5 * (1 - 1 / (u * u)),
    fSecond: (u) => 1 / (u * u * u),
    tailWeights: { left: 3, right: 0 },
  },
  hellinger: {
    name: 'Squared Hellinger ×2', shortName: 'Hellinger',
    description: '2∫(√p - √q)²: symmetric and bounded (tail weights 1.5, 1.5).',
    f: (u) => { const r = Math.sqrt(u) - 1; return 2 * r * r; },
    fPrime: (u) => 2 * (1 - 1 / Math.sqrt(u)),
    fSecond: (u) => 1 / (u * Math.sqrt(u)),
    tailWeights: { left: 1.5, right: 1.5 },
  },
  k: {
    name: 'K-divergence (4·KL(p‖m))', shortName: 'K',
    description: 'KL from p to the midpoint m: bounded, mildly mass-covering (tail weights 1, 0).',
    f: (u) => (u === 0 ? 2 : 4 * u * logTwoUOverOnePlusU(u) - 2 * (u - 1)),
    fPrime: (u) => 4 * logTwoUOverOnePlusU(u) + 4 / (1 + u) - 2,
    fSecond: (u) => 4 / (u * (1 + u) * (1 + u)),
    tailWeights: { left: 1, right: 0 },
  },
  rk: {
    name: 'Reverse K (4·KL(q‖m))', shortName: 'reverse K',
    description: 'KL from q to the midpoint m: bounded, mildly mode-seeking (tail weights 0, 1).',
    f: (u) => -4 * Math.log1p((u - 1) / 2) + 2 * (u - 1),
    fPrime: (u) => 2 - 4 / (1 + u),
    fSecond: (u) => 4 / ((1 + u) * (1 + u)),
    tailWeights: { left: 0, right: 1 },
  },
  skl: {
    name: 'Softened KL (4·KL(m‖q))', shortName: 'softened KL',
    description: 'KL from the midpoint m to q: mass-covering like KL (tail weights 0, 2).',
    f: (u) => 2 * (1 + u) * Math.log1p((u - 1) / 2) - 2 * (u - 1),
    fPrime: (u) => 2 * Math.log1p((u - 1) / 2),
    fSecond: (u) => 2 / (1 + u),
    tailWeights: { left: 0, right: 2 },
  },
};

const CATALOG_REVERSE: Record<DivergenceId, DivergenceId | null> = {
  kl: 'rkl', rkl: 'kl', js: 'js', srkl: 'skl', igog: null, jeffreys: 'jeffreys',
  pearson: 'neyman', neyman: 'pearson', hellinger: 'hellinger', k: 'rk', rk: 'k', skl: 'srkl',
};

function makeDivergence(id: DivergenceId): Divergence {
  const form = CLOSED_FORMS[id];
  const critic = CRITIC_FUNCTIONS[id];
  return Object.freeze({
    id,
    name: form.name,
    shortName: form.shortName,
    description: form.description,
    f: form.f,
    fPrime: form.fPrime,
    fSecond: form.fSecond,
    a: (d: number) => evalBasis(critic.a, d),
    b: (d: number) => evalBasis(critic.b, d),
    s: (d: number) => sValue(id, d),
    tailWeights: Object.freeze({ ...form.tailWeights }),
    bounded: form.tailWeights.left < 2 && form.tailWeights.right < 2,
    criticFunctions: critic,
    reverse: CATALOG_REVERSE[id],
  });
}

export const DIVERGENCES: readonly Divergence[] = Object.freeze(DIVERGENCE_IDS.map(makeDivergence));

const BY_ID = new Map<DivergenceId, Divergence>(DIVERGENCES.map((d) => [d.id, d]));

export function isDivergenceId(id: string): id is DivergenceId {
  return BY_ID.has(id as DivergenceId);
}

export function getDivergence(id: DivergenceId): Divergence {
  const divergence = BY_ID.get(id);
  if (!divergence) throw new Error(`unknown divergence id "${id}"`);
  return divergence;
}

/** Wasserstein-1 is not an f-divergence, but the landscape views show it beside them. */
export const LANDSCAPE_IDS = [...DIVERGENCE_IDS, 'w1'] as const;
export type LandscapeId = (typeof LANDSCAPE_IDS)[number];

export const LANDSCAPE_NAMES: Readonly<Record<LandscapeId, string>> = Object.freeze({
  ...Object.fromEntries(DIVERGENCES.map((d) => [d.id, d.name])) as Record<DivergenceId, string>,
  w1: 'Wasserstein-1',
});

export const LANDSCAPE_SHORT_NAMES: Readonly<Record<LandscapeId, string>> = Object.freeze({
  ...Object.fromEntries(DIVERGENCES.map((d) => [d.id, d.shortName])) as Record<DivergenceId, string>,
  w1: 'W1',
});

/**
 * The unit of each landscape's values: nats where f holds a natural log; none for the χ² and
 * Hellinger divergences (ratios of densities); W1 is a distance along x.
 */
export const LANDSCAPE_UNITS: Readonly<Record<LandscapeId, string>> = Object.freeze({
  kl: 'nats', rkl: 'nats', js: 'nats', srkl: 'nats', igog: 'nats', jeffreys: 'nats', k: 'nats', rk: 'nats', skl: 'nats',
  pearson: 'no unit', neyman: 'no unit', hellinger: 'no unit',
  w1: 'units of x',
});

export function isLandscapeId(id: string): id is LandscapeId {
  return id === 'w1' || isDivergenceId(id);
}
