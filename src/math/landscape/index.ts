// The divergence landscape D(p, N(mu, sigma²)) over the generator's two parameters, for a
// Gaussian-mixture target p: exact point values, fast grids, and minima in a window or over the
// whole half-plane sigma > 0.
//
// D_f(p, q) = ∫ q f(p/q) dx is integrated as ∫ max(p, q) s_f(log p - log q) dx with s_f from the
// one table of sFormulas.ts, which never overflows and never forms 0 * Inf. Point values use the
// panel rule (panelRule.ts), grids the lattice rule (latticeRule.ts) where it applies, W1 its
// closed form between the roots of F_p - F_q (wasserstein.ts).
//
// What holds (unit tests check it against an independent adaptive Gauss-Kronrod quadrature over
// random targets of 1 to 8 components, std 0.01 to 10, means in [-10, 10], and points with mu in
// [-20, 20], sigma in [0.01, 20], far-apart cases included; and against closed forms at the
// corners of POINT_RANGE):
// - point values (divergenceValue): 1e-10 relative for every f-divergence and W1 (observed
//   below 1e-13 on those samples); where the value itself is near 0 (q close to p) the error is
//   about 1e-15 absolute for the f-divergences and 1e-11 for W1, so relative accuracy is lost
//   there. Pearson and Neyman are Infinity where infinite, and also where their value exceeds
//   the largest double (at points far from p): never NaN.
// - grids (landscapeGrid/s): 1e-4 relative (the lattice rule is typically 1e-6).
// - points outside POINT_RANGE (|mu| <= 1e4, 1e-4 <= sigma <= 1e4) are refused with a RangeError
//   whose message checkPoint gives beforehand.
// - findGlobalMinima finds the local minima in minimaSearchRegion from grid and cluster starts;
//   a basin narrower than both the coarse grid and every component cluster could be missed.

export {
  ACCURATE_QUADRATURE, GRID_QUADRATURE, type QuadratureSettings,
} from './panelRule';
export { LATTICE_QUADRATURE, type LatticeSettings } from './latticeRule';
export {
  assertPoint, checkPoint, divergenceValue, isInfiniteDivergence, POINT_RANGE,
} from './values';
export {
  checkWindow, defaultLandscapeWindow, gridAxes, WIDE_WINDOW, landscapeGrid, landscapeGrids, landscapeRows, PAPER_WINDOW,
  type LandscapeBounds, type LandscapeGrid, type LandscapeWindow,
} from './grid';
export { findMinima, minimaSearchRegion, type LandscapeMinimum } from './minima';
export { findGlobalMinima, nearestMinimum, type GlobalMinimum, type NearestMinimum } from './globalMinima';
