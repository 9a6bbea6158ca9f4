// Pure geometry of the 2-D views (no React): the square plot's layout and its data-to-pixel map,
// ticks, the target's density contours, the generator's push arrows, a Gaussian's k-sigma
// ellipse, and the diverging colour scale of the critic maps.
import { contours } from 'd3-contour';
import type { Gaussian2 } from '../../math/planar/gaussian2';
import { niceAxis, ticks } from '../ticks';

export interface PlaneBox {
  x: [number, number];
  y: [number, number];
}

/** A square plot: the svg's size and the plot square inside it, in pixels. */
export interface PlaneLayout {
  width: number;
  height: number;
  left: number;
  top: number;
  /** Side of the plot square. */
  side: number;
}

/** Margins leave room for 11px tick labels and the axis titles (left and bottom). */
export function planeLayout(width: number, maxWidth = 560, margin = { left: 50, right: 10, top: 8, bottom: 36 }): PlaneLayout {
  const w = Math.max(120, Math.min(width, maxWidth));
  const side = Math.max(60, w - margin.left - margin.right);
  return { width: side + margin.left + margin.right, height: side + margin.top + margin.bottom, left: margin.left, top: margin.top, side };
}

/** The map from data coordinates to pixels of a plot square (y grows upwards), and back. */
export interface PlaneScale {
  x: (v: number) => number;
  y: (v: number) => number;
  invert: (px: number, py: number) => [number, number];
  /** Pixels per data unit along x. */
  unit: number;
}

export function planeScale(box: PlaneBox, layout: PlaneLayout): PlaneScale {
  const { left, top, side } = layout;
  const kx = side / (box.x[1] - box.x[0]);
  const ky = side / (box.y[1] - box.y[0]);
  return {
    x: (v) => left + (v - box.x[0]) * kx,
    y: (v) => top + side - (v - box.y[0]) * ky,
    invert: (px, py) => [box.x[0] + (px - left) / kx, box.y[0] + (top + side - py) / ky],
    unit: kx,
  };
}

/** Round tick values inside [lo, hi], about one per `spacing` pixels of a `pixels`-long axis. */
export function planeTicks(range: [number, number], pixels: number, spacing = 70): number[] {
  return ticks(range[0], range[1], Math.max(3, Math.round(pixels / spacing)));
}

/** A density contour: its log-density threshold and the mass of p inside it (on the grid). */
export interface DensityLevel {
  threshold: number;
  mass: number;
}

/**
 * Highest-density levels of p from log p on a grid: for each mass fraction, the log density whose
 * superlevel set holds that fraction of the grid's mass. Thresholds increase (mass decreases);
 * repeated thresholds (flat regions) are dropped.
 */
export function densityLevels(logP: ArrayLike<number>, masses: readonly number[] = [0.99, 0.9, 0.75, 0.5, 0.25, 0.1]): DensityLevel[] {
  const finite = Array.from(logP).filter(Number.isFinite).sort((a, b) => b - a);
  if (finite.length === 0) return [];
  const top = finite[0];
  const weights = finite.map((v) => Math.exp(v - top));
  const total = weights.reduce((s, w) => s + w, 0);
  const out: DensityLevel[] = [];
  for (const mass of [...masses].sort((a, b) => b - a)) {
    let acc = 0;
    let k = 0;
    while (k < finite.length - 1 && acc + weights[k] < mass * total) acc += weights[k++];
    const threshold = finite[k];
    if (out.length === 0 || threshold > out[out.length - 1].threshold) out.push({ threshold, mass });
  }
  return out;
}

/**
 * SVG path data (in pixels) of the filled contour of an n x n grid (cell (i, j) at j n + i, row 0
 * at the bottom) at each threshold, in increasing order of threshold. Cell centres fall at the
 * grid's cell centres; non-finite values count as -Infinity (below every threshold).
 */
export function contourPaths(values: ArrayLike<number>, n: number, thresholds: readonly number[], layout: PlaneLayout): string[] {
  if (n < 2 || thresholds.length === 0) return [];
  const low = Math.min(...thresholds) - 1;
  const clean = Array.from(values, (v) => (Number.isFinite(v) ? v : low));
  // d3-contour puts sample i at coordinate i + 0.5, so coordinate c is the box edge plus c cells
  const px = (c: number) => (layout.left + (c / n) * layout.side).toFixed(1);
  const py = (c: number) => (layout.top + layout.side - (c / n) * layout.side).toFixed(1);
  return contours().size([n, n]).thresholds([...thresholds])(clean).map((level) => {
    let d = '';
    for (const poly of level.coordinates) {
      for (const ring of poly) d += ring.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${px(x)},${py(y)}`).join('') + 'Z';
    }
    return d;
  });
}

/** SVG path data of a polyline; points under `minStep` pixels from the last one drawn are skipped. */
export function polylineData(points: readonly (readonly [number, number])[], scale: PlaneScale, minStep = 0.75): string {
  let d = '';
  let pen = false;
  let lx = NaN;
  let ly = NaN;
  for (const [vx, vy] of points) {
    if (!Number.isFinite(vx) || !Number.isFinite(vy)) { pen = false; continue; }
    const x = scale.x(vx);
    const y = scale.y(vy);
    if (pen && Math.abs(x - lx) < minStep && Math.abs(y - ly) < minStep) continue;
    d += `${pen ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
    pen = true;
    lx = x;
    ly = y;
  }
  return d;
}

/** SVG path data of small dots (x, y interleaved) as circles of radius r: one path for many. */
export function dotsData(xy: ArrayLike<number>, scale: PlaneScale, r: number): string {
  let d = '';
  for (let k = 0; k + 1 < xy.length; k += 2) {
    if (!Number.isFinite(xy[k]) || !Number.isFinite(xy[k + 1])) continue;
    const x = scale.x(xy[k]) - r;
    const y = scale.y(xy[k + 1]);
    d += `M${x.toFixed(1)},${y.toFixed(1)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
  }
  return d;
}

/** The longest of the vectors (x, y interleaved), non-finite ones ignored. */
export function longestVector(v: ArrayLike<number>): number {
  let max = 0;
  for (let k = 0; k + 1 < v.length; k += 2) {
    const m = Math.hypot(v[k], v[k + 1]);
    if (Number.isFinite(m) && m > max) max = m;
  }
  return max;
}

/** How the push arrows are drawn: data units per unit of push, and the longest length drawn (data units). */
export interface ArrowScale {
  factor: number;
  cap: number;
  /** Arrows longer than the cap, drawn cut short to it. */
  capped: number;
}

/**
 * One scale for all the arrows: the longest is drawn `fraction` of `span` long, unless it exceeds
 * `outlier` times the 90th percentile of the lengths; then that reference is drawn that long and
 * the few longer arrows are capped at it (one far sample's push would shrink all others to dots).
 */
export function arrowScale(arrows: ArrayLike<number>, span: number, fraction = 0.08, outlier = 3): ArrowScale {
  const lengths: number[] = [];
  for (let k = 0; k + 1 < arrows.length; k += 2) {
    const m = Math.hypot(arrows[k], arrows[k + 1]);
    if (Number.isFinite(m)) lengths.push(m);
  }
  lengths.sort((a, b) => a - b);
  const cap = fraction * span;
  const longest = lengths.at(-1) ?? 0;
  const p90 = lengths.length ? lengths[Math.ceil(0.9 * lengths.length) - 1] : 0;
  const reference = p90 > 0 ? Math.min(longest, outlier * p90) : longest;
  if (!(reference > 0)) return { factor: 0, cap, capped: 0 };
  return { factor: cap / reference, cap, capped: lengths.filter((m) => m > reference * (1 + 1e-9)).length };
}

/**
 * SVG path data of arrows from each sample along its push, drawn `scale.factor` data units per
 * unit of push and at most `scale.cap` long, each a shaft and a two-stroke head of at most `head`
 * pixels (a third of the shaft when shorter).
 */
export function arrowsData(samples: ArrayLike<number>, arrows: ArrayLike<number>, arrow: ArrowScale, scale: PlaneScale, head = 4): string {
  let d = '';
  const f = (v: number) => v.toFixed(1);
  for (let k = 0; k + 1 < samples.length && k + 1 < arrows.length; k += 2) {
    const length = Math.hypot(arrows[k], arrows[k + 1]) * arrow.factor;
    const shrink = length > arrow.cap ? arrow.cap / length : 1;
    const x0 = scale.x(samples[k]);
    const y0 = scale.y(samples[k + 1]);
    const x1 = scale.x(samples[k] + shrink * arrow.factor * arrows[k]);
    const y1 = scale.y(samples[k + 1] + shrink * arrow.factor * arrows[k + 1]);
    const len = Math.hypot(x1 - x0, y1 - y0);
    if (!(len >= 0.5)) continue;
    const h = Math.min(head, len / 3);
    const ux = (x1 - x0) / len;
    const uy = (y1 - y0) / len;
    // the head's two strokes at +-30 degrees from the shaft, pointing back
    const bx = x1 - h * (ux * 0.866 - uy * 0.5);
    const by = y1 - h * (uy * 0.866 + ux * 0.5);
    const cx = x1 - h * (ux * 0.866 + uy * 0.5);
    const cy = y1 - h * (uy * 0.866 - ux * 0.5);
    d += `M${f(x0)},${f(y0)}L${f(x1)},${f(y1)}M${f(bx)},${f(by)}L${f(x1)},${f(y1)}L${f(cx)},${f(cy)}`;
  }
  return d;
}

/** Eigenvalues (descending) and the unit eigenvector of the larger one, of a symmetric 2 x 2 matrix. */
export function symmetricEigen2(cov: Gaussian2['cov']): { values: [number, number]; vector: [number, number] } {
  const a = cov[0][0];
  const b = (cov[0][1] + cov[1][0]) / 2;
  const d = cov[1][1];
  const mid = (a + d) / 2;
  const rad = Math.hypot((a - d) / 2, b);
  const l1 = mid + rad;
  // (b, l1 - a) and (l1 - d, b) are both eigenvectors of l1; take the better-conditioned one
  const [vx, vy] = Math.abs(l1 - a) > Math.abs(l1 - d) ? [b, l1 - a] : [l1 - d, b];
  const norm = Math.hypot(vx, vy);
  return { values: [l1, mid - rad], vector: norm > 0 ? [vx / norm, vy / norm] : [1, 0] };
}

/** `count` points of the k-standard-deviation ellipse of g ((x - m)^T S^-1 (x - m) = k^2); [] when S is not positive definite. */
export function ellipsePoints(g: Gaussian2, k: number, count = 72): [number, number][] {
  const { values: [l1, l2], vector: [vx, vy] } = symmetricEigen2(g.cov);
  if (!(l2 > 0) || !Number.isFinite(l1) || !g.mean.every(Number.isFinite)) return [];
  const a = k * Math.sqrt(l1);
  const b = k * Math.sqrt(l2);
  return Array.from({ length: count }, (_, i) => {
    const t = (2 * Math.PI * i) / count;
    const u = a * Math.cos(t);
    const w = b * Math.sin(t);
    return [g.mean[0] + u * vx - w * vy, g.mean[1] + u * vy + w * vx] as [number, number];
  });
}

/** The indices (j n + i) of the grid's cells that hold at least one of the points (x, y interleaved), ascending. */
export function occupiedCells(xy: ArrayLike<number>, grid: PlaneBox & { n: number }): number[] {
  const { n } = grid;
  const hx = (grid.x[1] - grid.x[0]) / n;
  const hy = (grid.y[1] - grid.y[0]) / n;
  const seen = new Set<number>();
  for (let k = 0; k + 1 < xy.length; k += 2) {
    const i = Math.floor((xy[k] - grid.x[0]) / hx);
    const j = Math.floor((xy[k + 1] - grid.y[0]) / hy);
    if (i >= 0 && i < n && j >= 0 && j < n) seen.add(j * n + i);
  }
  return [...seen].sort((a, b) => a - b);
}

/**
 * The half-width R of a symmetric colour range [-R, R] for the maps: the `quantile` of |d| over
 * their finite values (only at `cells` when given and not empty: where the samples are, as the far
 * tails of d* = log p - log q grow without bound), at least `floor`, rounded up to a nice number;
 * and its ticks.
 */
export function symmetricRange(maps: readonly (ArrayLike<number> | null)[], { quantile = 0.95, floor = 1, cells }: { quantile?: number; floor?: number; cells?: readonly number[] } = {}): { range: number; ticks: number[] } {
  const abs: number[] = [];
  for (const m of maps) {
    if (!m) continue;
    const at = cells?.length ? cells : Array.from({ length: m.length }, (_, i) => i);
    for (const i of at) if (Number.isFinite(m[i])) abs.push(Math.abs(m[i]));
  }
  abs.sort((a, b) => a - b);
  // nearest rank: the smallest value with at least `quantile` of the values at or below it
  const q = abs.length ? abs[Math.max(0, Math.ceil(quantile * abs.length) - 1)] : 0;
  const axis = niceAxis([-Math.max(floor, q), Math.max(floor, q)], { approx: 4 });
  const range = Math.max(-axis.domain[0], axis.domain[1]);
  return { range, ticks: axis.ticks };
}

/** Diverging stops (after ColorBrewer's PRGn, GAN Lab's colours): purple for d < 0 (q above p),
 * near-white at 0, green for d > 0 (p above q), with the two sides matched in luminance. */
const STOPS: readonly (readonly [number, number, number])[] = [
  [118, 42, 131], [194, 165, 207], [247, 247, 247], [140, 191, 136], [11, 90, 42],
];

/** The colour of critic value v on the scale [-range, range] (clamped at the ends), as [r, g, b]. */
export function divergingColour(v: number, range: number): [number, number, number] {
  if (!Number.isFinite(v)) return v > 0 ? [...STOPS[4]] as [number, number, number] : v < 0 ? [...STOPS[0]] as [number, number, number] : [200, 200, 200];
  const t = (Math.max(-1, Math.min(1, v / range)) + 1) * 2;
  const k = Math.min(3, Math.floor(t));
  const f = t - k;
  return [0, 1, 2].map((c) => Math.round(STOPS[k][c] + (STOPS[k + 1][c] - STOPS[k][c]) * f)) as [number, number, number];
}

export const rgb = (c: readonly number[]): string => `rgb(${c[0]},${c[1]},${c[2]})`;

/** RGBA pixels of an n x n grid's heatmap, top row first (grid row j = n - 1), for an ImageData. */
export function heatmapPixels(values: ArrayLike<number>, n: number, range: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(n * n * 4);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const c = divergingColour(values[j * n + i], range);
      const p = 4 * ((n - 1 - j) * n + i);
      out[p] = c[0];
      out[p + 1] = c[1];
      out[p + 2] = c[2];
      out[p + 3] = 255;
    }
  }
  return out;
}
