// Computes divergence landscapes off the main thread: the grid (quadrature, ~60 ms for 121 x 121),
// its local minima, contour thresholds and the traced contour lines.
import { findMinima, landscapeGrid } from '../math/landscape';
import { landscapeThresholds, traceContours } from './contour';
import type { LandscapeRequest, LandscapeResponse } from './landscapeTypes';

self.onmessage = (event: MessageEvent<LandscapeRequest>) => {
  const { key, id, target, window } = event.data;
  try {
    const grid = landscapeGrid(id, target, window);
    const thresholds = landscapeThresholds(grid.values);
    const levels = traceContours(grid, thresholds);
    const minima = findMinima(id, target, window).map((m) => ({ mu: m.mu, sigma: m.sigma, value: m.value, global: m.global, onBoundary: Boolean(m.onBoundary) }));
    let min = Infinity;
    let max = -Infinity;
    let infinite = 0;
    for (let i = 0; i < grid.values.length; i++) {
      const v = grid.values[i];
      if (Number.isFinite(v)) { if (v < min) min = v; if (v > max) max = v; } else infinite++;
    }
    const response: LandscapeResponse = { key, ok: true, result: { levels, minima, min, max, infiniteCells: infinite } };
    (self as unknown as Worker).postMessage(response);
  } catch (e) {
    const response: LandscapeResponse = { key, ok: false, error: (e as Error).message };
    (self as unknown as Worker).postMessage(response);
  }
};
