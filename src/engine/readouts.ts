// What the trainer reads back for people: why a run stopped, the critic's divergence estimates
// E_f(p, q, d) (paper §5.4), computed in float64 from critic outputs, and the x grid of the views.
import type { Config } from '../config/schema';
import { CRITIC_FUNCTIONS, DIVERGENCE_IDS, evalBasis } from '../math/criticBasis';

/** The x grid of snapshots: covers the target and the generator's start comfortably. */
export function snapshotGrid(config: Config, points = 161): number[] {
  let lo = Math.min(config.mu0 - 3 * config.sigma0, -3);
  let hi = Math.max(config.mu0 + 3 * config.sigma0, 5);
  for (const c of config.target) {
    lo = Math.min(lo, c.mean - 4 * c.std);
    hi = Math.max(hi, c.mean + 4 * c.std);
  }
  return Array.from({ length: points }, (_, i) => lo + ((hi - lo) * i) / (points - 1));
}

function describe(v: number): string {
  return Number.isNaN(v) ? 'NaN' : 'Infinity';
}

/** The first cause among the values read at the step a run stopped. */
export function stopCause(lossC: number, lossG: number, mu: number, sigma: number, logSigma: boolean): string {
  if (!Number.isFinite(lossC)) return `${describe(lossC)} in the critic loss`;
  if (!Number.isFinite(lossG)) return `${describe(lossG)} in the generator loss`;
  if (!Number.isFinite(mu)) return `${describe(mu)} in mu`;
  if (!Number.isFinite(sigma)) return `${describe(sigma)} in sigma`;
  if (!(sigma > 0)) return logSigma ? `sigma underflowed to ${sigma}` : `sigma reached ${+sigma.toPrecision(4)} (<= 0; direct parametrisation)`;
  return 'an unknown cause';
}

/** E_f(p, q, d) = mean a_f(d on real) - mean b_f(d on fake) for every catalog divergence, float64. */
export function estimateDivergences(onReal: ArrayLike<number>, onFake: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of DIVERGENCE_IDS) {
    const { a, b } = CRITIC_FUNCTIONS[id];
    let sa = 0;
    for (let i = 0; i < onReal.length; i++) sa += evalBasis(a, onReal[i]);
    let sb = 0;
    for (let i = 0; i < onFake.length; i++) sb += evalBasis(b, onFake[i]);
    out[id] = sa / onReal.length - sb / onFake.length;
  }
  return out;
}

