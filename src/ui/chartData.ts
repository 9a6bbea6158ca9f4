// Pure data preparation for the recharts views: densities on a grid, density-normalised
// histograms and the optimal critic.
import type { MixtureComponent } from '../config/schema';
import { mixtureLogPdf } from '../math/mixture';
import { normalLogPdf } from '../math/gaussian';

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

/** d*(x) = log p(x) - log q(x), the optimal critic of every f-divergence. */
export function optimalCriticAt(target: readonly MixtureComponent[], mu: number, sigma: number, x: number): number {
  return mixtureLogPdf(target, x) - normalLogPdf(x, mu, sigma);
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

/**
 * The exact pushforwards of p and q through d* = log p - log q, binned on the given histogram
 * edges: the mass of {x : d*(x) in bin} under p and under q, divided by the bin width. Computed
 * by midpoint quadrature over x on a fine grid covering both densities.
 */
export function exactPushforwardHistograms(
  target: readonly MixtureComponent[], mu: number, sigma: number, edges: number[], nx = 6000,
): { p: number[]; q: number[] } {
  const [lo0, hi0] = dataRange(target, mu, sigma);
  const lo = lo0 - 2;
  const hi = hi0 + 2;
  const bins = edges.length - 1;
  const dLo = edges[0];
  const dHi = edges[bins];
  const width = (dHi - dLo) / bins;
  const p = new Array<number>(bins).fill(0);
  const q = new Array<number>(bins).fill(0);
  const dx = (hi - lo) / nx;
  for (let i = 0; i < nx; i++) {
    const x = lo + (i + 0.5) * dx;
    const lp = mixtureLogPdf(target, x);
    const lq = normalLogPdf(x, mu, sigma);
    const d = lp - lq;
    if (!(d >= dLo && d <= dHi)) continue;
    const k = Math.min(bins - 1, Math.floor((d - dLo) / width));
    p[k] += Math.exp(lp) * dx;
    q[k] += Math.exp(lq) * dx;
  }
  return { p: p.map((m) => m / width), q: q.map((m) => m / width) };
}
