// Landscapes on grids over (mu, sigma): the window types, the paper's window and a wide one, a
// default window fitted to a target and a start point, and the grids themselves (the lattice rule
// where it applies, the panel rule otherwise; W1 by its root scan).

import type { LandscapeId } from '../catalog';
import type { Mixture } from '../mixture';
import { isChiSquare, type DensityRatioId } from './integrand';
import { Lattice, LATTICE_QUADRATURE, latticeRowDivergences, latticeRowW1 } from './latticeRule';
import { addFeatures, GRID_QUADRATURE, integrateDivergences, PanelLayout, type QuadratureSettings } from './panelRule';
import { modelOf, type TargetModel } from './targetModel';
import { checkPoint, panelValue, POINT_RANGE } from './values';

/** A rectangle of the (mu, sigma) half-plane: what a panel shows, where minima are searched. */
export interface LandscapeBounds {
  muMin: number;
  muMax: number;
  sigmaMin: number;
  sigmaMax: number;
}

/** A rectangle and the grid over it (nMu by nSigma points, edges included). */
export interface LandscapeWindow extends LandscapeBounds {
  nMu: number;
  nSigma: number;
}

/** A wide window around the paper's target: mu in [-5, 7], sigma in [0.05, 5]. */
export const WIDE_WINDOW: LandscapeWindow = Object.freeze({ muMin: -5, muMax: 7, sigmaMin: 0.05, sigmaMax: 5, nMu: 121, nSigma: 121 });
/** The window of the paper's Figure 5 panels. */
export const PAPER_WINDOW: LandscapeWindow = Object.freeze({ muMin: -0.5, muMax: 3, sigmaMin: 0.1, sigmaMax: 2.5, nMu: 121, nSigma: 121 });

export interface LandscapeGrid {
  mus: number[];
  sigmas: number[];
  /** values[iSigma * nMu + iMu]; Infinity where the divergence is infinite. */
  values: Float64Array;
}

export function gridAxes(window: LandscapeWindow): { mus: number[]; sigmas: number[] } {
  const axis = (lo: number, hi: number, n: number) => Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  return { mus: axis(window.muMin, window.muMax, window.nMu), sigmas: axis(window.sigmaMin, window.sigmaMax, window.nSigma) };
}

/** Throws a RangeError for a malformed window or one reaching outside POINT_RANGE. */
export function checkWindow(window: LandscapeWindow): void {
  const ok = Number.isFinite(window.muMin) && Number.isFinite(window.muMax) && window.muMin < window.muMax
    && window.sigmaMin > 0 && Number.isFinite(window.sigmaMax) && window.sigmaMin < window.sigmaMax
    && Number.isInteger(window.nMu) && Number.isInteger(window.nSigma) && window.nMu >= 2 && window.nSigma >= 2;
  if (!ok) throw new RangeError(`invalid landscape window ${JSON.stringify(window)}`);
  const outside = checkPoint(window.muMin, window.sigmaMin) ?? checkPoint(window.muMax, window.sigmaMax);
  if (outside !== null) throw new RangeError(`landscape window outside the computed range: ${outside}`);
}

/**
 * A window that shows the target's modes (every mean ± 2 std) and the start point, with a
 * margin of `margin` times the span on each side of mu; sigma from below a third of the
 * narrowest component (and below the start) up to twice the target's overall spread (and above
 * the start). For the paper's target and start it is about the paper's window.
 */
export function defaultLandscapeWindow(
  target: Mixture, start: { mu: number; sigma: number }, options: { margin?: number; nMu?: number; nSigma?: number } = {},
): LandscapeWindow {
  const model = modelOf(target);
  const margin = options.margin ?? 0.1;
  let lo = start.mu;
  let hi = start.mu;
  let variance = 0;
  for (let k = 0; k < model.n; k++) {
    lo = Math.min(lo, model.means[k] - 2 * model.stds[k]);
    hi = Math.max(hi, model.means[k] + 2 * model.stds[k]);
    variance += model.weights[k] * (model.stds[k] ** 2 + (model.means[k] - model.mean) ** 2);
  }
  const span = hi - lo;
  const sigmaMax = Math.max(2 * Math.sqrt(variance), start.sigma * (1 + margin));
  const sigmaMin = Math.max(POINT_RANGE.sigmaMin, Math.min(model.minStd / 3, start.sigma / (1 + margin), sigmaMax / 10));
  const clampMu = (mu: number) => Math.max(-POINT_RANGE.muAbsMax, Math.min(POINT_RANGE.muAbsMax, mu));
  return {
    muMin: clampMu(lo - margin * span), muMax: clampMu(hi + margin * span),
    sigmaMin, sigmaMax: Math.min(POINT_RANGE.sigmaMax, sigmaMax),
    nMu: options.nMu ?? 121, nSigma: options.nSigma ?? 121,
  };
}

const lattice = new Lattice();
const layout = new PanelLayout();

/** What one row of a grid computes: the ids split by rule, and where each id's values go. */
interface RowPlan {
  model: TargetModel;
  /** f-divergences sharing one pass (all but Pearson and Neyman) */
  shared: DensityRatioId[];
  sharedOut: Float64Array[];
  /** W1 by the lattice's scan (fast grids only) */
  w1: Float64Array | null;
  /** ids computed point by point with the panel rule */
  separate: { id: LandscapeId; out: Float64Array }[];
  /** null: the lattice rule where it applies; else the panel rule with these settings everywhere */
  settings: QuadratureSettings | null;
}

/** Fills values of every id for the evenly spaced mus at one sigma, at out[offset + i]. */
function fillRow(plan: RowPlan, mus: readonly number[], sigma: number, offset: number): void {
  const { model, shared, sharedOut, w1, separate, settings } = plan;
  const panels = settings ?? GRID_QUADRATURE;
  const nMu = mus.length;
  const muMin = mus[0];
  const dMu = (mus[nMu - 1] - muMin) / (nMu - 1);
  const onLattice = settings === null && (shared.length > 0 || w1 !== null)
    && lattice.layout(model, muMin, dMu, nMu, sigma, LATTICE_QUADRATURE);
  if (onLattice && shared.length > 0) latticeRowDivergences(lattice, shared, sharedOut, offset);
  if (onLattice && w1 !== null) latticeRowW1(lattice, model, w1, offset);
  const sums = new Float64Array(Math.max(1, shared.length));
  for (let i = 0; i < nMu; i++) {
    const mu = mus[i];
    if (!onLattice && shared.length > 0) {
      addFeatures(layout, 'js', model, mu, sigma);
      layout.build(panels.z, panels.panelWidths);
      integrateDivergences(shared, model, mu, sigma, layout, panels.order, sums);
      for (let k = 0; k < shared.length; k++) sharedOut[k][offset + i] = sums[k];
    }
    if (!onLattice && w1 !== null) w1[offset + i] = panelValue('w1', model, mu, sigma, panels);
    for (const { id, out } of separate) out[offset + i] = panelValue(id, model, mu, sigma, panels);
  }
}

/** The row plan for ids whose values go to outs[id]. */
function rowPlan<Id extends LandscapeId>(ids: readonly Id[], model: TargetModel, outs: Record<Id, Float64Array>, settings?: QuadratureSettings): RowPlan {
  const fast = settings === undefined;
  const shared = ids.filter((id) => id !== 'w1' && !isChiSquare(id)) as unknown as DensityRatioId[];
  return {
    model,
    shared,
    sharedOut: shared.map((id) => outs[id as unknown as Id]),
    w1: fast && ids.includes('w1' as Id) ? outs['w1' as Id] : null,
    separate: ids.filter((id) => isChiSquare(id) || (!fast && id === 'w1')).map((id) => ({ id, out: outs[id] })),
    settings: settings ?? null,
  };
}

/**
 * Values of several ids at every (mu_i, sigma_j) of evenly spaced mus (at least two) and any
 * sigmas, row-major (sigma index outer). Used by landscapeGrids and by the minima search (whose
 * sigmas are log-spaced). Every point must be inside POINT_RANGE.
 */
export function landscapeRows<Id extends LandscapeId>(
  ids: readonly Id[], target: Mixture, mus: readonly number[], sigmas: readonly number[], settings?: QuadratureSettings,
): Record<Id, Float64Array> {
  const model = modelOf(target);
  const unique = [...new Set(ids)];
  const outs = {} as Record<Id, Float64Array>;
  for (const id of unique) outs[id] = new Float64Array(mus.length * sigmas.length);
  const plan = rowPlan(unique, model, outs, settings);
  sigmas.forEach((sigma, j) => fillRow(plan, mus, sigma, j * mus.length));
  return outs;
}

/**
 * Values on an nSigma × nMu grid (row-major, sigma index outer). By default the f-divergences
 * other than Pearson and Neyman use the lattice rule (LATTICE_QUADRATURE, ~1e-6 relative) where
 * a row needs at most maxNodes nodes per mu and GRID_QUADRATURE otherwise, W1 its closed form
 * between the roots of F_p - F_q, Pearson and Neyman GRID_QUADRATURE: 1e-4 relative or better
 * (tests check it over random targets). With explicit settings every id uses the panel rule with
 * those settings, so each value equals divergenceValue(id, target, mu, sigma, settings).
 */
export function landscapeGrid(id: LandscapeId, target: Mixture, window: LandscapeWindow, settings?: QuadratureSettings): LandscapeGrid {
  return landscapeGrids([id], target, window, settings)[id];
}

/**
 * Grids of several ids at once. The f-divergences other than Pearson and Neyman share one pass:
 * one set of nodes, log p, log q and the basis of every node, so five together cost little more
 * than one.
 */
export function landscapeGrids<Id extends LandscapeId>(
  ids: readonly Id[], target: Mixture, window: LandscapeWindow, settings?: QuadratureSettings,
): Record<Id, LandscapeGrid> {
  checkWindow(window);
  const { mus, sigmas } = gridAxes(window);
  const values = landscapeRows(ids, target, mus, sigmas, settings);
  const result = {} as Record<Id, LandscapeGrid>;
  for (const id of Object.keys(values) as Id[]) result[id] = { mus, sigmas, values: values[id] };
  return result;
}
