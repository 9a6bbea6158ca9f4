// The value of a landscape under the pointer: D from the landscape module at that exact point and
// |grad D| by central differences of it, in (mu, sigma).
import type { LandscapeId, MixtureComponent } from '../../config/schema';
import { divergenceValue } from '../../math/landscape';

export interface PointReading {
  mu: number;
  sigma: number;
  value: number;
  /** |grad D| over (mu, sigma); NaN where D is infinite nearby. */
  gradient: number;
}

/** Relative step of the central differences: divergenceValue is accurate to ~1e-10 relative. */
const STEP = 1e-5;

export function readPoint(id: LandscapeId, target: MixtureComponent[], mu: number, sigma: number): PointReading | null {
  if (!Number.isFinite(mu) || !(sigma > 0) || !Number.isFinite(sigma)) return null;
  const value = divergenceValue(id, target, mu, sigma);
  const hMu = STEP * Math.max(1, Math.abs(mu));
  const hSigma = STEP * sigma;
  const gMu = (divergenceValue(id, target, mu + hMu, sigma) - divergenceValue(id, target, mu - hMu, sigma)) / (2 * hMu);
  const gSigma = (divergenceValue(id, target, mu, sigma + hSigma) - divergenceValue(id, target, mu, sigma - hSigma)) / (2 * hSigma);
  const gradient = Math.hypot(gMu, gSigma);
  return { mu, sigma, value, gradient: Number.isFinite(gradient) ? gradient : NaN };
}
