// Landscapes on the plane: grids of cell centres, and D_f(p, N(m, s^2 I)) over a grid of means m
// at one scale s, the 2-D analogue of Figure 5's panels (the isotropic family's landscape).
import type { DivergenceId } from '../criticBasis';
import { gaussian2LogPdf, type Gaussian2 } from './gaussian2';
import { planarMixtureLogPdf, planarSupport, type PlanarComponent } from './mixture2';
import { logDensityGrid, planarDivergences, unionBox } from './divergence2';

/** Cell centres of an n x n grid over [x0, x1] x [y0, y1], row-major from the bottom row: cell
 * (i, j) (x index i, y index j) is entry j n + i. */
export interface PlanarGrid {
  x: [number, number];
  y: [number, number];
  n: number;
}

/** D_f over q's mean at a fixed scale, for one run. */
export interface PlanarLandscape {
  id: string;
  run: number;
  scale: number;
  grid: PlanarGrid;
  values: number[];
}

/** The grid's cell centres (x, y interleaved). */
export function gridPoints(grid: PlanarGrid): Float32Array {
  const out = new Float32Array(grid.n * grid.n * 2);
  const hx = (grid.x[1] - grid.x[0]) / grid.n;
  const hy = (grid.y[1] - grid.y[0]) / grid.n;
  for (let j = 0; j < grid.n; j++) {
    for (let i = 0; i < grid.n; i++) {
      out[2 * (j * grid.n + i)] = grid.x[0] + (i + 0.5) * hx;
      out[2 * (j * grid.n + i) + 1] = grid.y[0] + (j + 0.5) * hy;
    }
  }
  return out;
}

/** D_f(p, N(m, scale^2 I)) over a grid of means m around the target, for run `run`. */
export function isotropicLandscape(target: readonly PlanarComponent[], id: DivergenceId, run: number, scale: number, n = 32): PlanarLandscape {
  const box = planarSupport(target, 2.5);
  const grid: PlanarGrid = { x: box.x, y: box.y, n };
  const means = gridPoints(grid);
  const values: number[] = [];
  for (let k = 0; k < n * n; k++) {
    const g: Gaussian2 = { mean: [means[2 * k], means[2 * k + 1]], cov: [[scale * scale, 0], [0, scale * scale]] };
    const quadratureBox = unionBox(planarSupport(target, 6), { x: [g.mean[0] - 6 * scale, g.mean[0] + 6 * scale], y: [g.mean[1] - 6 * scale, g.mean[1] + 6 * scale] });
    values.push(planarDivergences([id], logDensityGrid((x, y) => planarMixtureLogPdf(target, x, y), (x, y) => gaussian2LogPdf(g, x, y), quadratureBox, 60))[id]);
  }
  return { id, run, scale, grid, values };
}
