// The value of a landscape under the pointer: D from the landscape module at that exact point and
// |grad D| by central differences of it, in (mu, sigma).
import type { LandscapeId, MixtureComponent } from '../../config/schema';
import { checkPoint, divergenceValue } from '../../math/landscape';

export interface PointReading {
  mu: number;
  sigma: number;
  value: number;
  /** |grad D| over (mu, sigma); NaN where D is infinite nearby. */
  gradient: number;
}

/** Relative step of the central differences: divergenceValue is accurate to ~1e-10 relative. */
const STEP = 1e-5;

/** grad D at (mu, sigma) by central differences: dD/dmu and dD/dsigma. */
export function gradientAt(id: LandscapeId, target: MixtureComponent[], mu: number, sigma: number): { gMu: number; gSigma: number } {
  const hMu = STEP * Math.max(1, Math.abs(mu));
  const hSigma = STEP * sigma;
  const gMu = (divergenceValue(id, target, mu + hMu, sigma) - divergenceValue(id, target, mu - hMu, sigma)) / (2 * hMu);
  const gSigma = (divergenceValue(id, target, mu, sigma + hSigma) - divergenceValue(id, target, mu, sigma - hSigma)) / (2 * hSigma);
  return { gMu, gSigma };
}

export function readPoint(id: LandscapeId, target: MixtureComponent[], mu: number, sigma: number): PointReading | null {
  if (checkPoint(mu, sigma) !== null) return null;
  const value = divergenceValue(id, target, mu, sigma);
  const { gMu, gSigma } = gradientAt(id, target, mu, sigma);
  const gradient = Math.hypot(gMu, gSigma);
  return { mu, sigma, value, gradient: Number.isFinite(gradient) ? gradient : NaN };
}
