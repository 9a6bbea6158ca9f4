// Messages between the page and the landscape worker.
import type { LandscapeId, MixtureComponent } from '../config/schema';
import type { ContourLevel, LandscapeWindow } from './contour';
import type { LandscapeMinimum } from '../math/landscape';

/** Several divergences over the same target and window: the worker computes their grids together. */
export interface LandscapeRequest {
  items: { key: string; id: LandscapeId }[];
  target: MixtureComponent[];
  window: LandscapeWindow;
}

export interface LandscapeResult {
  levels: ContourLevel[];
  minima: LandscapeMinimum[];
  /** Smallest and largest finite values on the grid. */
  min: number;
  max: number;
  /** Grid cells where the divergence is infinite (or undefined). */
  infiniteCells: number;
}

export type LandscapeResponse =
  | { key: string; ok: true; result: LandscapeResult }
  | { key: string; ok: false; error: string };
