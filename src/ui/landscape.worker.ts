// Computes divergence landscapes off the main thread: the grids (quadrature; several divergences
// share one pass), their local minima, contour thresholds and the traced contour lines.
import { findMinima, landscapeGrids } from '../math/landscape';
import { landscapeThresholds, traceContours } from './contour';
import type { LandscapeRequest, LandscapeResponse, LandscapeResult } from './landscapeTypes';

function post(response: LandscapeResponse) {
  (self as unknown as Worker).postMessage(response);
}

self.onmessage = (event: MessageEvent<LandscapeRequest>) => {
  const { items, target, window } = event.data;
  let grids: ReturnType<typeof landscapeGrids> | null = null;
  try {
    grids = landscapeGrids(items.map((i) => i.id), target, window);
  } catch (e) {
    for (const { key } of items) post({ key, ok: false, error: (e as Error).message });
    return;
  }
  for (const { key, id } of items) {
    try {
      const grid = grids[id];
      const levels = traceContours(grid, landscapeThresholds(grid.values));
      const minima = findMinima(id, target, window).map((m) => ({ mu: m.mu, sigma: m.sigma, value: m.value, global: m.global, onBoundary: Boolean(m.onBoundary) }));
      let min = Infinity;
      let max = -Infinity;
      let infiniteCells = 0;
      for (let i = 0; i < grid.values.length; i++) {
        const v = grid.values[i];
        if (Number.isFinite(v)) { if (v < min) min = v; if (v > max) max = v; } else infiniteCells++;
      }
      const result: LandscapeResult = { levels, minima, min, max, infiniteCells };
      post({ key, ok: true, result });
    } catch (e) {
      post({ key, ok: false, error: (e as Error).message });
    }
  }
};
