// Pure geometry of the contour panels: thresholds that show the basin structure of a divergence
// landscape, d3-contour tracing on a grid that may hold Infinity or NaN, and the mapping from
// grid coordinates to (mu, sigma) and on to SVG pixels.
import { contours } from 'd3-contour';

import type { LandscapeBounds } from '../math/landscape';

/** -grad D at a grid node, by central differences of the grid. */
export interface GradientArrow {
  mu: number;
  sigma: number;
  /** dD/dmu and dD/dsigma. */
  gMu: number;
  gSigma: number;
}

export interface Grid {
  mus: ArrayLike<number>;
  sigmas: ArrayLike<number>;
  /** Row-major, sigma outer: values[iSigma * nMu + iMu]. */
  values: ArrayLike<number>;
}

export interface ContourLevel {
  threshold: number;
  /** Rings in (mu, sigma) coordinates: polygons[k][ring][point] = [mu, sigma]. */
  polygons: Array<Array<Array<[number, number]>>>;
}

/** Finite values of the grid, sorted ascending. */
function sortedFinite(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) out.push(v);
  }
  out.sort((a, b) => a - b);
  return out;
}

/**
 * Contour thresholds concentrated near the bottom of the landscape, where the basins are:
 * quantiles of the finite values at (k / n)^2, so that half the lines sit in the lowest quarter
 * of the values. Duplicates (flat regions) are removed. Returns [] when nothing is finite.
 */
export function landscapeThresholds(values: ArrayLike<number>, count = 16): number[] {
  const sorted = sortedFinite(values);
  if (sorted.length === 0) return [];
  const out: number[] = [];
  for (let k = 1; k <= count; k++) {
    const q = (k / (count + 1)) ** 2;
    const v = sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))];
    if (out.length === 0 || v > out[out.length - 1] * (1 + 1e-9) + 1e-12) out.push(v);
  }
  return out;
}

/**
 * Replaces Infinity, -Infinity and NaN by finite stand-ins so that marching squares traces a
 * closed boundary around them: +Infinity and NaN become larger than every threshold (an infinite
 * divergence is "high ground"), -Infinity the smallest finite value.
 */
export function clampForTracing(values: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  let min = Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      if (v > max) max = v;
      if (v < min) min = v;
    }
  }
  if (!Number.isFinite(max)) { max = 0; min = 0; }
  const high = max + Math.max(1, Math.abs(max));
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = Number.isFinite(v) ? v : v === -Infinity ? min : high;
  }
  return out;
}

/** Traces the contour lines of a grid at the given thresholds, in (mu, sigma) coordinates. */
export function traceContours(grid: Grid, thresholds: number[]): ContourLevel[] {
  const nMu = grid.mus.length;
  const nSigma = grid.sigmas.length;
  if (nMu < 2 || nSigma < 2 || thresholds.length === 0) return [];
  const clamped = clampForTracing(grid.values);
  const mu0 = grid.mus[0];
  const dMu = (grid.mus[nMu - 1] - mu0) / (nMu - 1);
  const s0 = grid.sigmas[0];
  const dS = (grid.sigmas[nSigma - 1] - s0) / (nSigma - 1);
  // d3-contour puts sample i at coordinate i + 0.5.
  const toMu = (x: number) => mu0 + (x - 0.5) * dMu;
  const toSigma = (y: number) => s0 + (y - 0.5) * dS;
  const gen = contours().size([nMu, nSigma]).thresholds(thresholds);
  return gen(Array.from(clamped)).map((mp) => ({
    threshold: mp.value,
    polygons: mp.coordinates.map((poly) =>
      poly.map((ring) => ring.map(([x, y]) => [toMu(x), toSigma(y)] as [number, number])),
    ),
  }));
}

/** Arrows across a panel's gradient field: about this many grid nodes per row. */
const ARROWS_ACROSS = 13;

/** The gradient by central differences on every k-th node of the grid, where it is finite. */
export function gridGradient(grid: Grid): GradientArrow[] {
  const nMu = grid.mus.length;
  const nSigma = grid.sigmas.length;
  const dMu = (grid.mus[nMu - 1] - grid.mus[0]) / (nMu - 1);
  const dSigma = (grid.sigmas[nSigma - 1] - grid.sigmas[0]) / (nSigma - 1);
  const every = Math.max(2, Math.round(nMu / ARROWS_ACROSS));
  const at = (i: number, j: number) => grid.values[j * nMu + i];
  const arrows: GradientArrow[] = [];
  for (let j = Math.floor(every / 2); j < nSigma - 1; j += every) {
    for (let i = Math.floor(every / 2); i < nMu - 1; i += every) {
      const gMu = (at(i + 1, j) - at(i - 1, j)) / (2 * dMu);
      const gSigma = (at(i, j + 1) - at(i, j - 1)) / (2 * dSigma);
      if (Number.isFinite(gMu) && Number.isFinite(gSigma)) arrows.push({ mu: grid.mus[i], sigma: grid.sigmas[j], gMu, gSigma });
    }
  }
  return arrows;
}

/** A linear map from data coordinates to SVG pixels. */
export interface PlotScale {
  x: (mu: number) => number;
  y: (sigma: number) => number;
  invert: (px: number, py: number) => { mu: number; sigma: number };
}

export function plotScale(window: LandscapeBounds, box: { left: number; top: number; width: number; height: number }): PlotScale {
  const kx = box.width / (window.muMax - window.muMin);
  const ky = box.height / (window.sigmaMax - window.sigmaMin);
  return {
    x: (mu) => box.left + (mu - window.muMin) * kx,
    // sigma grows upwards
    y: (sigma) => box.top + box.height - (sigma - window.sigmaMin) * ky,
    invert: (px, py) => ({
      mu: window.muMin + (px - box.left) / kx,
      sigma: window.sigmaMin + (box.top + box.height - py) / ky,
    }),
  };
}

/** SVG path data for a contour level; points outside the window are clipped by the SVG clip path. */
export function levelPath(level: ContourLevel, scale: PlotScale): string {
  let d = '';
  for (const poly of level.polygons) {
    for (const ring of poly) {
      ring.forEach(([mu, sigma], i) => {
        d += `${i === 0 ? 'M' : 'L'}${scale.x(mu).toFixed(1)},${scale.y(sigma).toFixed(1)}`;
      });
      d += 'Z';
    }
  }
  return d;
}

/** SVG path data of a polyline, built as its points arrive (trajectories grow while training). */
export interface PolylineBuilder {
  d: string;
  /** Points read so far. */
  consumed: number;
  /** Points drawn (sub-pixel moves are skipped). */
  drawn: number;
  pen: boolean;
  lastX: number;
  lastY: number;
}

export function newPolyline(): PolylineBuilder {
  return { d: '', consumed: 0, drawn: 0, pen: false, lastX: NaN, lastY: NaN };
}

/**
 * Appends the points from `b.consumed` on to the path (in place; returns b). Non-finite points
 * break the line; a point less than `minStep` pixels (in x and in y) from the last one drawn is
 * skipped, so a long run costs the path only the pixels it moves through.
 */
export function extendPolyline(b: PolylineBuilder, mus: ArrayLike<number>, sigmas: ArrayLike<number>, scale: PlotScale, minStep = 0.5): PolylineBuilder {
  const n = Math.min(mus.length, sigmas.length);
  let d = '';
  for (let i = b.consumed; i < n; i++) {
    const mu = mus[i];
    const s = sigmas[i];
    if (!Number.isFinite(mu) || !Number.isFinite(s)) { b.pen = false; continue; }
    const x = scale.x(mu);
    const y = scale.y(s);
    if (b.pen && Math.abs(x - b.lastX) < minStep && Math.abs(y - b.lastY) < minStep) continue;
    d += `${b.pen ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
    b.pen = true;
    b.lastX = x;
    b.lastY = y;
    b.drawn++;
  }
  b.d += d;
  b.consumed = Math.max(b.consumed, n);
  return b;
}

/** SVG path data of a polyline through (mu, sigma) points; non-finite points break the line. */
export function polylinePath(mus: ArrayLike<number>, sigmas: ArrayLike<number>, scale: PlotScale): string {
  return extendPolyline(newPolyline(), mus, sigmas, scale, 0).d;
}

/** A compact number for labels and tooltips: 4 significant digits, "∞" for Infinity. */
export function formatValue(v: number): string {
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '-∞';
  if (Number.isNaN(v)) return 'undefined';
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential(2);
  return String(+v.toPrecision(4));
}
