// The one scale of the runs' move arrows on the landscape panels. An arrow is a run's last move per
// generator step times a number of steps, drawn in the panel's own (mu, sigma) axes, so that its
// two components read on the axes. The number of steps is set by the fastest move any run of the
// experiment has recorded (drawn at full length), never by the moves of the moment alone: a
// converged run keeps the short arrow of its leftover noise. A key states the scale in (mu, sigma)
// per step; a move of less than MIN_ARROW_PX pixels is below what the panel can show: at rest.
import type { LandscapeBounds } from '../../math/landscape';
import { niceFloor } from '../ticks';
import type { Box } from './layout';

/** Arrows shorter than this many pixels are not drawn: the run is at rest at this scale. */
export const MIN_ARROW_PX = 2;

/** The largest |d mu| and |d sigma| per generator step between two recorded points of any run. */
export interface FastestMove {
  mu: number;
  sigma: number;
}

/** Grows `fastest` by a trajectory's moves that end at points `from` on (in place; returns it). */
export function extendFastestMove(fastest: FastestMove, steps: ArrayLike<number>, mus: ArrayLike<number>, sigmas: ArrayLike<number>, from = 1): FastestMove {
  const n = Math.min(steps.length, mus.length, sigmas.length);
  for (let i = Math.max(1, from); i < n; i++) {
    const dt = steps[i] - steps[i - 1];
    if (!(dt > 0)) continue;
    const dMu = Math.abs(mus[i] - mus[i - 1]) / dt;
    const dSigma = Math.abs(sigmas[i] - sigmas[i - 1]) / dt;
    if (!Number.isFinite(dMu) || !Number.isFinite(dSigma)) continue;
    if (dMu > fastest.mu) fastest.mu = dMu;
    if (dSigma > fastest.sigma) fastest.sigma = dSigma;
  }
  return fastest;
}

export interface MoveScale {
  /** An arrow is the move of this many steps at the run's last pace. */
  steps: number;
  /** Arrow pixels per (unit per step) along mu (rightwards) and along sigma (upwards). */
  pxMu: number;
  pxSigma: number;
  /** The key: a move of `value` per step in mu, and in sigma, is this long. */
  key: { value: number; muPx: number; sigmaPx: number };
}

/**
 * The scale at which the fastest move recorded is at most `maxLength` pixels long on a panel
 * showing `window` in `box`; null while no run has moved.
 */
export function moveScale(fastest: FastestMove, window: LandscapeBounds, box: Box, maxLength: number): MoveScale | null {
  const kx = box.width / (window.muMax - window.muMin);
  const ky = box.height / (window.sigmaMax - window.sigmaMin);
  const fastestPx = Math.hypot(fastest.mu * kx, fastest.sigma * ky);
  if (!(fastestPx > 0) || !Number.isFinite(fastestPx)) return null;
  const steps = maxLength / fastestPx;
  const pxMu = kx * steps;
  const pxSigma = ky * steps;
  // a round value whose longer arm is 0.4 to 1 times the full length
  const value = niceFloor(maxLength / Math.max(pxMu, pxSigma));
  return { steps, pxMu, pxSigma, key: { value, muPx: value * pxMu, sigmaPx: value * pxSigma } };
}

/** A move per step as an arrow in pixels (SVG's y grows downwards); at rest below MIN_ARROW_PX. */
export function moveArrow(move: { dMu: number; dSigma: number }, scale: MoveScale): { dx: number; dy: number; length: number; atRest: boolean } {
  const dx = move.dMu * scale.pxMu;
  const dy = -move.dSigma * scale.pxSigma;
  const length = Math.hypot(dx, dy);
  return length < MIN_ARROW_PX ? { dx: 0, dy: 0, length, atRest: true } : { dx, dy, length, atRest: false };
}
