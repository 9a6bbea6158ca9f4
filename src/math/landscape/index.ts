// The divergence landscape D(p, N(mu, sigma²)) over the generator's two parameters, for a
// Gaussian-mixture target p: exact point values, fast grids, and minima in a window or over the
// whole half-plane sigma > 0.
//
// D_f(p, q) = ∫ q f(p/q) dx is integrated as ∫ max(p, q) s_f(log p - log q) dx with s_f from the
// one table of sFormulas.ts, which never overflows and never forms 0 * Inf. Point values use the
// panel rule (panelRule.ts), grids the lattice rule (latticeRule.ts) where it applies, W1 its
// closed form between the roots of F_p - F_q (wasserstein.ts).
//
// Accuracy (unit tests check it against an independent adaptive quadrature over random targets
// of 1 to 8 components, std 0.01 to 10, means in [-10, 10], and points over POINT_RANGE's
// central part): point values 1e-10 relative, grids 1e-4 relative, W1 1e-10 relative; values
// below ~1e-12 absolute are at the level of rounding. Points outside POINT_RANGE are refused.

export {
  ACCURATE_QUADRATURE, GRID_QUADRATURE, type QuadratureSettings,
} from './panelRule';
export { LATTICE_QUADRATURE, type LatticeSettings } from './latticeRule';
export {
  assertPoint, checkPoint, divergenceValue, isInfiniteDivergence, POINT_RANGE,
} from './values';
export {
  checkWindow, defaultLandscapeWindow, gridAxes, ISSUE_WINDOW, landscapeGrid, landscapeGrids, landscapeRows, PAPER_WINDOW,
  type LandscapeGrid, type LandscapeWindow,
} from './grid';
export { findMinima, minimaSearchRegion, type LandscapeMinimum } from './minima';
export { findGlobalMinima, nearestMinimum, type GlobalMinimum, type NearestMinimum } from './globalMinima';
