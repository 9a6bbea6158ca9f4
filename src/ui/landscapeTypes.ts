// Messages between the page and the landscape worker: grids over a window (contour lines and the
// gradient field), minima over the whole space (mu real, sigma > 0), which do not depend on the
// window, and values at given points (the divergence monitor's curves).
import type { LandscapeId, MixtureComponent } from '../config/schema';
import type { ContourLevel, GradientArrow } from './contour';
import type { LandscapeMinimum, LandscapeWindow } from '../math/landscape';
import type { DivergenceId } from '../math/criticBasis';
import type { PlanarComponent } from '../math/planar/mixture2';
import type { PlanarLandscape } from '../math/planar/landscape2';

/** Several divergences over the same target (and window): the worker computes them together. */
export type LandscapeRequest =
  | { kind: 'grid'; items: { key: string; id: LandscapeId }[]; target: MixtureComponent[]; window: LandscapeWindow }
  | { kind: 'minima'; items: { key: string; id: LandscapeId }[]; target: MixtureComponent[] }
  | { kind: 'values'; key: string; target: MixtureComponent[]; points: PointRequest[] }
  /** The 2-D isotropic landscape of one run at one scale (math/planar/landscape2.ts). */
  | { kind: 'planar'; key: string; target: PlanarComponent[]; id: DivergenceId; run: number; scale: number };

/** One divergence at one (mu, sigma); its value is NaN outside the range the quadrature holds. */
export interface PointRequest {
  id: LandscapeId;
  mu: number;
  sigma: number;
}

export interface LandscapeValuesResult {
  /** values[k] is D at points[k]. */
  values: number[];
}

export interface LandscapeGridResult {
  /** The window the grid covers. */
  window: LandscapeWindow;
  levels: ContourLevel[];
  /** Smallest and largest finite values on the grid. */
  min: number;
  max: number;
  /** Grid cells where the divergence is infinite (or undefined). */
  infiniteCells: number;
  /** The gradient on a coarse lattice of grid nodes where it is finite. */
  arrows: GradientArrow[];
}

export interface LandscapeMinimaResult {
  minima: LandscapeMinimum[];
}

export type LandscapeResponse =
  | { key: string; ok: true; result: LandscapeGridResult | LandscapeMinimaResult | LandscapeValuesResult | PlanarLandscape }
  | { key: string; ok: false; error: string };
