// Computes divergence landscapes off the main thread: the grids over a window (quadrature; several
// divergences share one pass) with their contour lines and gradient field, the minima over the
// whole space, and values at points (NaN outside the range the quadrature holds).
import { checkPoint, divergenceValue, findGlobalMinima, landscapeGrids, type LandscapeWindow } from '../math/landscape';
import { isotropicLandscape } from '../math/planar/landscape2';
import { gridGradient, landscapeThresholds, traceContours, type Grid } from './contour';
import type { LandscapeGridResult, LandscapeRequest, LandscapeResponse } from './landscapeTypes';

function post(response: LandscapeResponse) {
  (self as unknown as Worker).postMessage(response);
}

function gridResult(grid: Grid, window: LandscapeWindow): LandscapeGridResult {
  const levels = traceContours(grid, landscapeThresholds(grid.values));
  let min = Infinity;
  let max = -Infinity;
  let infiniteCells = 0;
  for (let i = 0; i < grid.values.length; i++) {
    const v = grid.values[i];
    if (Number.isFinite(v)) { if (v < min) min = v; if (v > max) max = v; } else infiniteCells++;
  }
  return { window, levels, min, max, infiniteCells, arrows: gridGradient(grid) };
}

self.onmessage = (event: MessageEvent<LandscapeRequest>) => {
  const request = event.data;
  if (request.kind === 'values') {
    try {
      const values = request.points.map((p) => (checkPoint(p.mu, p.sigma) === null ? divergenceValue(p.id, request.target, p.mu, p.sigma) : NaN));
      post({ key: request.key, ok: true, result: { values } });
    } catch (e) {
      post({ key: request.key, ok: false, error: (e as Error).message });
    }
    return;
  }
  if (request.kind === 'planar') {
    try {
      post({ key: request.key, ok: true, result: isotropicLandscape(request.target, request.id, request.run, request.scale) });
    } catch (e) {
      post({ key: request.key, ok: false, error: (e as Error).message });
    }
    return;
  }
  if (request.kind === 'minima') {
    for (const { key, id } of request.items) {
      try {
        post({ key, ok: true, result: { minima: findGlobalMinima(id, request.target) } });
      } catch (e) {
        post({ key, ok: false, error: (e as Error).message });
      }
    }
    return;
  }
  const { items, target, window } = request;
  let grids: ReturnType<typeof landscapeGrids> | null = null;
  try {
    grids = landscapeGrids(items.map((i) => i.id), target, window);
  } catch (e) {
    for (const { key } of items) post({ key, ok: false, error: (e as Error).message });
    return;
  }
  for (const { key, id } of items) {
    try {
      post({ key, ok: true, result: gridResult(grids[id], window) });
    } catch (e) {
      post({ key, ok: false, error: (e as Error).message });
    }
  }
};
