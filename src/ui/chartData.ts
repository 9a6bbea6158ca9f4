// Pure data preparation for the chart views: grids, density-normalised histograms of samples,
// the x range of the data-space view, thinning of long series, and the rows each recharts
// chart plots. The densities, the optimal critic and the exact pushforwards come from src/math
// (mixture.ts, gaussian.ts, pushforward.ts).
import type { MixtureComponent } from '../config/schema';
import type { Snapshot } from '../engine/protocol';
import { mixturePdf } from '../math/mixture';
import { normalPdf } from '../math/gaussian';
import { optimalCritic, pushforwardHistogram } from '../math/pushforward';
import { getDivergence, type DivergenceId } from '../math/catalog';
import type { EstimatePoint } from './trainingState';
import { niceAxis, ticks, type AxisScale } from './ticks';

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

/** At most n evenly spaced entries of a grid, the first always kept. */
export function thinGrid(xs: readonly number[], n: number): number[] {
  if (xs.length <= n) return [...xs];
  const stride = Math.ceil(xs.length / n);
  return xs.filter((_, i) => i % stride === 0);
}

// ---- data space -------------------------------------------------------------------------------

/** Critic values beyond ±D_CLAMP are drawn at ±D_CLAMP. */
export const D_CLAMP = 12;
const DATA_POINTS = 101;
const clampD = (d: number) => Math.max(-D_CLAMP, Math.min(D_CLAMP, d));

export type DataSpaceRow = { x: number; p: number; q: number; samples?: number; d?: number; dStar: number };
export interface DataSpaceView { rows: DataSpaceRow[]; mu: number; sigma: number; x: AxisScale; density: AxisScale; critic: AxisScale }

/**
 * The data-space rows of run `selected`: p, q, a histogram of its generator samples, its critic
 * d and the optimal critic d* on at most 101 points of the snapshot's grid (or of a plain grid at
 * (mu0, sigma0) before the first snapshot). Null when the run has left the finite range.
 */
export function dataSpaceView(target: readonly MixtureComponent[], snapshot: Snapshot | null, selected: number, mu0: number, sigma0: number): DataSpaceView | null {
  const snap = snapshot?.runs.find((r) => r.run === selected);
  const mu = snap ? snap.mu : mu0;
  const sigma = snap ? snap.sigma : sigma0;
  if (!Number.isFinite(mu) || !(sigma > 0)) return null;
  const [lo, hi] = dataRange(target, mu, sigma);
  const xs = snapshot && snap ? thinGrid(snapshot.xGrid.filter((x) => x >= lo && x <= hi), DATA_POINTS) : linspace(lo, hi, DATA_POINTS);
  if (xs.length === 0) return null;
  const hist = snap ? histogram(snap.fakeSamples, lo, hi, 40) : null;
  const criticAt = new Map<number, number>();
  if (snapshot && snap) snapshot.xGrid.forEach((x, i) => criticAt.set(x, snap.criticOnGrid[i]));
  const rows = xs.map((x): DataSpaceRow => {
    const d = criticAt.get(x);
    const row: DataSpaceRow = { x, p: mixturePdf(target, x), q: normalPdf(x, mu, sigma), dStar: clampD(optimalCritic(target, mu, sigma, x)) };
    if (hist) row.samples = histogramAt(hist, x);
    if (d !== undefined && Number.isFinite(d)) row.d = clampD(d);
    return row;
  });
  return {
    rows, mu, sigma,
    x: { domain: [xs[0], xs[xs.length - 1]], ticks: ticks(lo, hi, 6).filter((t) => t >= xs[0] && t <= xs[xs.length - 1]) },
    density: niceAxis(rows.flatMap((r) => [r.p, r.q, r.samples]), { includeZero: true, approx: 4 }),
    critic: niceAxis(rows.flatMap((r) => [r.d, r.dStar]), { approx: 4 }),
  };
}

// ---- pushforward ------------------------------------------------------------------------------

export const PUSHFORWARD_BINS = 48;
/** Quadrature panels of the exact pushforwards: ~3 ms on the main thread, within ~1% of the
 * default 8000 at these bin widths (the default takes 12-20 ms). */
const PUSHFORWARD_PANELS = 2000;

export type PushforwardRow = { d: number; real: number; fake: number; pTilde: number; qTilde: number };
export interface PushforwardView { rows: PushforwardRow[]; step: number; x: AxisScale; y: AxisScale }

/**
 * Density histograms of run `selected`'s critic outputs on real and fake samples, and the exact
 * pushforwards p~, q~ through d* binned the same way, on a range that holds most of the mass.
 */
export function pushforwardView(target: readonly MixtureComponent[], snapshot: Snapshot | null, selected: number): PushforwardView | null {
  const snap = snapshot?.runs.find((r) => r.run === selected);
  if (!snapshot || !snap || !Number.isFinite(snap.mu) || !(snap.sigma > 0)) return null;
  // a range that holds most of both empirical and exact mass, at most [-10, 10]
  const finite = [...snap.criticOnReal, ...snap.criticOnFake].filter(Number.isFinite).sort((a, b) => a - b);
  const qLo = finite.length ? finite[Math.floor(0.01 * (finite.length - 1))] : -4;
  const qHi = finite.length ? finite[Math.floor(0.99 * (finite.length - 1))] : 4;
  const lo = Math.max(-10, Math.min(-2, qLo - 0.5));
  const hi = Math.min(10, Math.max(2, qHi + 0.5));
  const real = histogram(snap.criticOnReal, lo, hi, PUSHFORWARD_BINS);
  const fake = histogram(snap.criticOnFake, lo, hi, PUSHFORWARD_BINS);
  const exact = pushforwardHistogram(target, snap.mu, snap.sigma, real.edges, PUSHFORWARD_PANELS);
  const rows = real.density.map((_, k): PushforwardRow => ({
    d: (real.edges[k] + real.edges[k + 1]) / 2,
    real: real.density[k],
    fake: fake.density[k],
    pTilde: exact.p[k],
    qTilde: exact.q[k],
  }));
  return {
    rows, step: snapshot.step,
    x: { domain: [lo, hi], ticks: ticks(lo, hi, 6).filter((t) => t >= lo && t <= hi) },
    y: niceAxis(rows.flatMap((r) => [r.real, r.fake, r.pTilde, r.qTilde]), { includeZero: true, approx: 4 }),
  };
}

// ---- divergence monitor -----------------------------------------------------------------------

export type MonitorRow = { step: number } & Record<string, number | null>;

/**
 * Merges the true-divergence rows (field true_<id>) and the critic's estimates of run `selected`
 * (field est_<id>, at most MAX_SERIES_POINTS snapshots, thinned) into one row per step, sorted by
 * step. Returns the rows and how many snapshots carried an estimate.
 */
export function monitorRows(trueRows: Iterable<MonitorRow>, estimates: readonly EstimatePoint[], selected: number, ids: readonly DivergenceId[]): { rows: MonitorRow[]; estimates: number } {
  const byStep = new Map<number, MonitorRow>();
  for (const r of trueRows) byStep.set(r.step, { ...r });
  let count = 0;
  for (const k of thinIndices(estimates.length)) {
    const e = estimates[k];
    const est = e.byRun[selected];
    if (!est) continue;
    count++;
    let r = byStep.get(e.step);
    if (!r) { r = { step: e.step } as MonitorRow; byStep.set(e.step, r); }
    for (const id of ids) {
      const v = est[id];
      r[`est_${id}`] = typeof v === 'number' && Number.isFinite(v) ? v : null;
    }
  }
  return { rows: [...byStep.values()].sort((a, b) => a.step - b.step), estimates: count };
}

// ---- s_f plot ---------------------------------------------------------------------------------

/** s_f(d) of each id on d in [-6, 6] (121 points); values above sMax or not finite are null (gaps). */
export function sfRows(ids: readonly DivergenceId[], sMax: number): Record<string, number | null>[] {
  return linspace(-6, 6, 121).map((d) => {
    const row: Record<string, number | null> = { d };
    for (const id of ids) {
      const v = getDivergence(id).s(d);
      row[id] = Number.isFinite(v) && v <= sMax ? v : null;
    }
    return row;
  });
}
