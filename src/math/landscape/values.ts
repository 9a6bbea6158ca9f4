// Point values D(p, N(mu, sigma²)) of every landscape id, the range of (mu, sigma) where they are
// computed, and where a divergence is infinite.

import type { LandscapeId } from '../catalog';
import type { Mixture } from '../mixture';
import { isChiSquare } from './integrand';
import { ACCURATE_QUADRATURE, addFeatures, integrateDivergences, PanelLayout, type QuadratureSettings } from './panelRule';
import { modelOf, type TargetModel } from './targetModel';
import { wassersteinValue } from './wasserstein';

/**
 * The generator parameters at which values are computed. Within it every quadrature node keeps
 * at least 1e8 distinct doubles per sigma (|mu| / sigma <= 1e8) and every value is finite or a
 * true Infinity. Beyond it values are refused rather than computed wrongly.
 */
export const POINT_RANGE = Object.freeze({ muAbsMax: 1e4, sigmaMin: 1e-4, sigmaMax: 1e4 });

/** Why (mu, sigma) is outside POINT_RANGE, or null when it is inside. */
export function checkPoint(mu: number, sigma: number): string | null {
  const { muAbsMax, sigmaMin, sigmaMax } = POINT_RANGE;
  if (!Number.isFinite(mu) || Math.abs(mu) > muAbsMax) return `mu must be a finite number in [-${muAbsMax}, ${muAbsMax}], got ${mu}`;
  if (!Number.isFinite(sigma) || !(sigma >= sigmaMin && sigma <= sigmaMax)) {
    return `sigma must be a number in [${sigmaMin}, ${sigmaMax}], got ${sigma}`;
  }
  return null;
}

/** Throws a RangeError with checkPoint's message outside POINT_RANGE. */
export function assertPoint(mu: number, sigma: number): void {
  const problem = checkPoint(mu, sigma);
  if (problem !== null) throw new RangeError(problem);
}

/**
 * Whether D(p, N(mu, sigma^2)) is infinite. Only Pearson and Neyman can be, for Gaussian tails:
 * ∫ p²/q < ∞ iff 2/s_k² - 1/sigma² > 0 for every component (sigma² > s_k²/2); ∫ q²/p < ∞ iff
 * 2/sigma² - 1/s_max² > 0 (sigma² < 2 s_max²). At equality the exponent is linear in x and the
 * integral diverges. Every other catalog divergence has tail weights at most 2, so its integrand
 * is bounded by (p + q) times a polynomial in x: always finite. W1 is always finite.
 */
export function isInfiniteDivergence(id: LandscapeId, target: Mixture, sigma: number): boolean {
  return infiniteFor(id, modelOf(target), sigma);
}

function infiniteFor(id: LandscapeId, model: TargetModel, sigma: number): boolean {
  if (id === 'pearson') return sigma * sigma <= (model.maxStd * model.maxStd) / 2;
  if (id === 'neyman') return sigma * sigma >= 2 * model.maxStd * model.maxStd;
  return false;
}

const layout = new PanelLayout();
const scratch = new Float64Array(1);

/** One value by the panel rule (W1 by its root scan), for a point inside POINT_RANGE. */
export function panelValue(id: LandscapeId, model: TargetModel, mu: number, sigma: number, settings: QuadratureSettings): number {
  if (infiniteFor(id, model, sigma)) return Infinity;
  if (id === 'w1') return wassersteinValue(model, mu, sigma, settings);
  addFeatures(layout, id, model, mu, sigma);
  layout.build(settings.z, settings.panelWidths);
  integrateDivergences([id], model, mu, sigma, layout, settings.order, scratch);
  return isChiSquare(id) && scratch[0] < 0 ? 0 : scratch[0];
}

/**
 * D(p, N(mu, sigma²)) for a landscape id (f-divergences and W1), to ~1e-10 relative (tests check
 * closed forms, refinement and an independent adaptive quadrature over random targets).
 * Infinity where the divergence is infinite, never NaN. Throws a RangeError outside POINT_RANGE
 * (checkPoint says why beforehand).
 */
export function divergenceValue(
  id: LandscapeId, target: Mixture, mu: number, sigma: number, settings: QuadratureSettings = ACCURATE_QUADRATURE,
): number {
  assertPoint(mu, sigma);
  return panelValue(id, modelOf(target), mu, sigma, settings);
}
