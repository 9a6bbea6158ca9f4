// Pure data preparation for the chart views: grids, density-normalised histograms of samples,
// the x range of the data-space view and thinning of long series. The densities, the optimal
// critic and the exact pushforwards come from src/math (mixture.ts, gaussian.ts, pushforward.ts).
import type { MixtureComponent } from '../config/schema';

export interface Histogram {
  /** Bin edges, length bins + 1. */
  edges: number[];
  /** Density (integrates to 1 over the edges' range for the samples inside it). */
  density: number[];
}

/** A density-normalised histogram of the finite samples within [lo, hi]. */
export function histogram(samples: ArrayLike<number>, lo: number, hi: number, bins: number): Histogram {
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo + ((hi - lo) * i) / bins);
  const counts = new Array<number>(bins).fill(0);
  let n = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i];
    if (!Number.isFinite(v)) continue;
    n++;
    if (v < lo || v > hi) continue;
    const k = Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins));
    counts[k]++;
  }
  const width = (hi - lo) / bins;
  return { edges, density: counts.map((c) => (n > 0 ? c / (n * width) : 0)) };
}

/** The histogram's density at x (0 outside its range). */
export function histogramAt(h: Histogram, x: number): number {
  const lo = h.edges[0];
  const hi = h.edges[h.edges.length - 1];
  if (x < lo || x > hi) return 0;
  const bins = h.density.length;
  return h.density[Math.min(bins - 1, Math.floor(((x - lo) / (hi - lo)) * bins))];
}

export function linspace(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

/** The x range that shows the target and a generator: both means ± 3.5 standard deviations. */
export function dataRange(target: readonly MixtureComponent[], mu: number, sigma: number): [number, number] {
  let lo = mu - 3.5 * sigma;
  let hi = mu + 3.5 * sigma;
  for (const c of target) {
    lo = Math.min(lo, c.mean - 3.5 * c.std);
    hi = Math.max(hi, c.mean + 3.5 * c.std);
  }
  // keep it readable when a run diverges
  return [Math.max(lo, -15), Math.min(hi, 15)];
}

/** Most points a chart series gets (a chart's cost grows with the points it lays out). */
export const MAX_SERIES_POINTS = 200;

/**
 * Indices of at most `max` entries of a series of length n, evenly spaced, first and last always
 * kept. The stride is a power of two, so that as a series grows the indices picked stay picked
 * (values computed for them can be cached).
 */
export function thinIndices(n: number, max = MAX_SERIES_POINTS): number[] {
  if (n <= 0) return [];
  let stride = 1;
  while (Math.ceil(n / stride) > max - 1) stride *= 2;
  const out: number[] = [];
  for (let i = 0; i < n; i += stride) out.push(i);
  if (out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}

/** An axis: a domain on "nice" round numbers that holds [lo, hi], and its ticks. */
export interface AxisScale {
  domain: [number, number];
  ticks: number[];
}

/**
 * A nice axis for the finite values among `values` (and 0 when includeZero): a domain on round
 * numbers and its ticks.
 */
export function niceAxis(values: Iterable<number | null | undefined>, { includeZero = false, approx = 5, fallback = [0, 1] as [number, number] } = {}): AxisScale {
  let lo = includeZero ? 0 : Infinity;
  let hi = includeZero ? 0 : -Infinity;
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi >= lo)) [lo, hi] = fallback;
  if (hi - lo < 1e-9 * Math.max(1, Math.abs(hi))) { lo -= 0.5; hi += 0.5; if (includeZero && lo < 0 && hi - 0.5 >= 0) lo = 0; }
  const raw = (hi - lo) / approx;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm < 1.5 ? 1 : norm < 3.5 ? 2 : norm < 7.5 ? 5 : 10) * mag;
  const a = Math.floor(lo / step + 1e-9) * step;
  const b = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = a; v <= b + 1e-9 * step; v += step) ticks.push(+v.toPrecision(12));
  return { domain: [ticks[0], ticks[ticks.length - 1]], ticks };
}
