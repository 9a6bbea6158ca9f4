// Global and local minima of D(p, N(mu, sigma²)) over the whole half-plane sigma > 0.
//
// Every minimum lies in minimaSearchRegion. Starts: the local minima of a coarse grid over that
// region (sigma log-spaced) and, since a narrow component's basin can be narrower than the grid,
// a Gaussian fitted to every run of neighbouring components (each component alone, pairs, ...,
// all of p). Each start descends by Nelder-Mead on a cheap quadrature, the distinct end points
// are polished on divergenceValue, and a point is kept only if it is lower than its neighbours.

import type { LandscapeId } from '../catalog';
import type { Mixture } from '../mixture';
import { landscapeRows, type LandscapeBounds } from './grid';
import { gridLocalMinima, minimaSearchRegion, rankMinima, type LandscapeMinimum } from './minima';
import { nelderMead } from './nelderMead';
import { GRID_QUADRATURE, type QuadratureSettings } from './panelRule';
import { modelOf, type TargetModel } from './targetModel';
import { checkPoint, divergenceValue, panelValue } from './values';

export interface GlobalMinimum extends LandscapeMinimum {
  /** Inside the window passed to findGlobalMinima (always true without one). */
  inWindow: boolean;
}

export interface NearestMinimum extends GlobalMinimum {
  /** Euclidean distance in (mu, sigma) from the point asked about. */
  distance: number;
}

interface Start {
  mu: number;
  sigma: number;
}

const GRID_MU = 97;
const GRID_SIGMA = 49;

/** Starting points: coarse-grid minima and Gaussians fitted to runs of neighbouring components. */
function starts(id: LandscapeId, target: Mixture, model: TargetModel): Start[] {
  const region = minimaSearchRegion(target);
  const mus = Array.from({ length: GRID_MU }, (_, i) => region.muMin + ((region.muMax - region.muMin) * i) / (GRID_MU - 1));
  const ratio = region.sigmaMax / region.sigmaMin;
  const sigmas = Array.from({ length: GRID_SIGMA }, (_, j) => region.sigmaMin * ratio ** (j / (GRID_SIGMA - 1)));
  const values = landscapeRows([id], target, mus, sigmas)[id];
  const found: Start[] = gridLocalMinima(values, GRID_MU, GRID_SIGMA).map(([i, j]) => ({ mu: mus[i], sigma: sigmas[j] }));
  const order = [...model.means.keys()].sort((a, b) => model.means[a] - model.means[b]);
  for (let first = 0; first < order.length; first++) {
    let weight = 0;
    let sum = 0;
    let squares = 0;
    for (let last = first; last < order.length; last++) {
      const k = order[last];
      weight += model.weights[k];
      sum += model.weights[k] * model.means[k];
      squares += model.weights[k] * (model.stds[k] ** 2 + model.means[k] ** 2);
      const mean = sum / weight;
      found.push({ mu: mean, sigma: Math.sqrt(Math.max(squares / weight - mean * mean, model.minStd ** 2)) });
    }
  }
  return found;
}

/** Nelder-Mead from a start in (mu / sigma0, log sigma): Infinity outside the computed range. */
function descend(value: (mu: number, sigma: number) => number, start: Start, step: number, tolerance: number): Start {
  const s0 = start.sigma;
  const objective = (u: number, l: number) => {
    const mu = start.mu + u * s0;
    const sigma = Math.exp(l);
    return checkPoint(mu, sigma) === null ? value(mu, sigma) : Infinity;
  };
  const [u, l] = nelderMead(objective, [0, Math.log(s0)], [step, step], tolerance, 2000);
  return { mu: start.mu + u * s0, sigma: Math.exp(l) };
}

/**
 * Strictly lower than its four neighbours at a relative step of 1e-4 (not a saddle, a slope or a
 * plateau such as JS far from p, where the value is 4 log 2 up to rounding).
 */
function isLocalMinimum(value: (mu: number, sigma: number) => number, at: Start, v: number): boolean {
  const h = 1e-4;
  const margin = 1e-12 * Math.abs(v);
  const neighbours: Start[] = [
    { mu: at.mu + h * at.sigma, sigma: at.sigma }, { mu: at.mu - h * at.sigma, sigma: at.sigma },
    { mu: at.mu, sigma: at.sigma * (1 + h) }, { mu: at.mu, sigma: at.sigma / (1 + h) },
  ];
  return neighbours.every((n) => checkPoint(n.mu, n.sigma) !== null || value(n.mu, n.sigma) > v + margin);
}

/** Whether two points are one minimum: within `tolerance` in mu/sigma and in log sigma. */
function same(a: Start, b: Start, tolerance: number): boolean {
  return Math.abs(a.mu - b.mu) <= tolerance * Math.min(a.sigma, b.sigma) && Math.abs(Math.log(a.sigma / b.sigma)) <= tolerance;
}

function search(id: LandscapeId, target: Mixture): LandscapeMinimum[] {
  const model = modelOf(target);
  const cheapSettings: QuadratureSettings = GRID_QUADRATURE;
  const cheap = (mu: number, sigma: number) => panelValue(id, model, mu, sigma, cheapSettings);
  const exact = (mu: number, sigma: number) => divergenceValue(id, target, mu, sigma);
  const rough: Start[] = [];
  for (const start of starts(id, target, model)) {
    if (checkPoint(start.mu, start.sigma) !== null || !Number.isFinite(cheap(start.mu, start.sigma))) continue;
    const end = descend(cheap, start, 0.25, 1e-5);
    if (!rough.some((r) => same(r, end, 1e-2))) rough.push(end);
  }
  const found: LandscapeMinimum[] = [];
  for (const start of rough) {
    const end = descend(exact, start, 1e-2, 1e-10);
    const value = exact(end.mu, end.sigma);
    if (!Number.isFinite(value) || found.some((f) => same(f, end, 1e-5)) || !isLocalMinimum(exact, end, value)) continue;
    found.push({ mu: end.mu, sigma: end.sigma, value, global: false, onBoundary: false });
  }
  return rankMinima(found);
}

const cache = new WeakMap<Mixture, Map<LandscapeId, LandscapeMinimum[]>>();

function cachedSearch(id: LandscapeId, target: Mixture): LandscapeMinimum[] {
  let byId = cache.get(target);
  if (!byId) { byId = new Map(); cache.set(target, byId); }
  let minima = byId.get(id);
  if (!minima) { minima = search(id, target); byId.set(id, minima); }
  return minima;
}

/**
 * Every local minimum of D(p, N(mu, sigma²)) over all mu and sigma > 0, lowest first, each to
 * ~1e-7 in the parameters; `global` marks the lowest. inWindow says whether a minimum lies in
 * the window (all true without one). Cached per target object and id.
 */
export function findGlobalMinima(
  id: LandscapeId, target: Mixture, window?: LandscapeBounds,
): GlobalMinimum[] {
  return cachedSearch(id, target).map((m) => ({
    ...m,
    inWindow: !window || (m.mu >= window.muMin && m.mu <= window.muMax && m.sigma >= window.sigmaMin && m.sigma <= window.sigmaMax),
  }));
}

/** The minimum of findGlobalMinima nearest to (mu, sigma) in Euclidean distance, null if there is none. */
export function nearestMinimum(id: LandscapeId, target: Mixture, mu: number, sigma: number): NearestMinimum | null {
  let best: NearestMinimum | null = null;
  for (const m of findGlobalMinima(id, target)) {
    const distance = Math.hypot(m.mu - mu, m.sigma - sigma);
    if (!best || distance < best.distance) best = { ...m, distance };
  }
  return best;
}
