// Minima of D(p, N(mu, sigma²)) in a window, and the region that holds every minimum of the
// whole half-plane sigma > 0 (globalMinima.ts searches it).

import type { LandscapeId } from '../catalog';
import type { Mixture } from '../mixture';
import { landscapeGrid, type LandscapeBounds, type LandscapeWindow } from './grid';
import { nelderMead } from './nelderMead';
import { modelOf } from './targetModel';
import { divergenceValue, POINT_RANGE } from './values';

export interface LandscapeMinimum {
  mu: number;
  sigma: number;
  value: number;
  /** The smallest of the minima found (ties within 1e-9 relative all count). */
  global: boolean;
  /** On the window's edge: a minimum of the window, not an interior local minimum. */
  onBoundary: boolean;
}

/** Marks the smallest minima global after sorting by value. */
export function rankMinima<M extends { value: number; global: boolean }>(found: M[]): M[] {
  found.sort((a, b) => a.value - b.value);
  for (const m of found) m.global = found.length > 0 && m.value <= found[0].value + 1e-9 * Math.abs(found[0].value) + 1e-15;
  return found;
}

/** Indices (i, j) of the grid's local minima over the 8 neighbours, ties broken by index. */
export function gridLocalMinima(values: Float64Array, nMu: number, nSigma: number): [number, number][] {
  const found: [number, number][] = [];
  for (let j = 0; j < nSigma; j++) {
    for (let i = 0; i < nMu; i++) {
      const v = values[j * nMu + i];
      if (!Number.isFinite(v)) continue;
      let isMin = true;
      for (let dj = -1; dj <= 1 && isMin; dj++) {
        for (let di = -1; di <= 1; di++) {
          if ((di === 0 && dj === 0) || i + di < 0 || i + di >= nMu || j + dj < 0 || j + dj >= nSigma) continue;
          const w = values[(j + dj) * nMu + i + di];
          // ties broken by index so a flat patch yields one candidate
          if (w < v || (w === v && (dj < 0 || (dj === 0 && di < 0)))) { isMin = false; break; }
        }
      }
      if (isMin) found.push([i, j]);
    }
  }
  return found;
}

/**
 * Every local minimum of D(p, N(mu, sigma²)) in the window: local minima of the grid (8
 * neighbours), each refined by Nelder-Mead on divergenceValue to ~1e-7 in the parameters,
 * deduplicated. Minima that end on the window's edge are kept with onBoundary = true.
 * findGlobalMinima searches the whole half-plane instead.
 */
export function findMinima(id: LandscapeId, target: Mixture, window: LandscapeWindow): LandscapeMinimum[] {
  const { mus, sigmas, values } = landscapeGrid(id, target, window);
  const logMin = Math.log(window.sigmaMin);
  const logMax = Math.log(window.sigmaMax);
  const clampMu = (mu: number) => Math.min(window.muMax, Math.max(window.muMin, mu));
  const clampLog = (l: number) => Math.min(logMax, Math.max(logMin, l));
  // outside the window: the clamped value plus a penalty that pulls back to the edge
  const objective = (mu: number, l: number) => divergenceValue(id, target, clampMu(mu), Math.exp(clampLog(l))) + (clampMu(mu) - mu) ** 2 + (clampLog(l) - l) ** 2;
  const muScale = window.muMax - window.muMin;
  const logScale = logMax - logMin;
  const found: LandscapeMinimum[] = [];
  for (const [i, j] of gridLocalMinima(values, mus.length, sigmas.length)) {
    const stepMu = (mus[1] - mus[0]) * 0.5;
    const stepLog = Math.log(sigmas[Math.min(j + 1, sigmas.length - 1)] / sigmas[Math.max(j - 1, 0)]) * 0.25;
    const [mu, logSigma] = nelderMead(objective, [mus[i], Math.log(sigmas[j])], [stepMu, stepLog]);
    const m = clampMu(mu);
    const l = clampLog(logSigma);
    const edge = 1e-6;
    const onBoundary = (m - window.muMin) / muScale < edge || (window.muMax - m) / muScale < edge
      || (l - logMin) / logScale < edge || (logMax - l) / logScale < edge;
    const candidate = { mu: m, sigma: Math.exp(l), value: divergenceValue(id, target, m, Math.exp(l)), global: false, onBoundary };
    const duplicate = found.find((f) => Math.abs(f.mu - candidate.mu) / muScale < 1e-4 && Math.abs(Math.log(f.sigma / candidate.sigma)) / logScale < 1e-4);
    if (duplicate) { if (candidate.value < duplicate.value) Object.assign(duplicate, candidate); continue; }
    found.push(candidate);
  }
  return rankMinima(found);
}

/**
 * The region that holds every minimum of every landscape id (the search box): mu within the
 * target's components widened by three of the widest stds, sigma from a tenth of the narrowest
 * component to three times the target's overall spread. Beyond it q only moves away from p: every
 * f-divergence and W1 grow (a Gaussian much narrower than every component, much wider than p,
 * or beside all of p's mass is worse than one nearer).
 */
export function minimaSearchRegion(target: Mixture): LandscapeBounds {
  const model = modelOf(target);
  let lo = Infinity;
  let hi = -Infinity;
  let variance = 0;
  for (let k = 0; k < model.n; k++) {
    lo = Math.min(lo, model.means[k]);
    hi = Math.max(hi, model.means[k]);
    variance += model.weights[k] * (model.stds[k] ** 2 + (model.means[k] - model.mean) ** 2);
  }
  return {
    muMin: lo - 3 * model.maxStd, muMax: hi + 3 * model.maxStd,
    sigmaMin: Math.max(POINT_RANGE.sigmaMin, model.minStd / 10), sigmaMax: Math.min(POINT_RANGE.sigmaMax, 3 * Math.sqrt(variance)),
  };
}
