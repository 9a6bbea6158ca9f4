// Pure data preparation for the 2-D page's charts (no React): density histograms of critic
// outputs on shared bins, the monitor's rows and axes, and the isotropic landscape's geometry
// (cell centres, the minimum, contour levels, q's scale and mean path).
import type { PlanarPoint, PlanarRunSnapshot } from '../../engine/planar/protocol';
import type { PlanarGrid, PlanarLandscape } from '../../math/planar/landscape2';
import type { Gaussian2 } from '../../math/planar/gaussian2';
import type { PlanarMonitorRow } from './planarStore';
import { thinIndices } from '../chartData';
import { decadeAxis, niceAxis, ticks, type AxisScale } from '../ticks';

// ---- pushforward histograms -------------------------------------------------------------------

export const PLANAR_BINS = 40;
/** The pushforward axis never extends beyond ±PUSHFORWARD_LIMIT (a diverged critic stays readable). */
export const PUSHFORWARD_LIMIT = 100;

export interface DensityHistogram {
  /** Bin edges, length bins + 1. */
  edges: number[];
  /** Density: sums to 1 over the bins (times their width) when any sample is counted. */
  density: number[];
  /** Samples counted (NaN is skipped) and how many of them lay outside [lo, hi] and were clamped into the end bins. */
  count: number;
  clamped: number;
}

/** A density-normalised histogram on [lo, hi]; samples beyond it count in the end bins, so it integrates to 1. */
export function densityHistogram(samples: ArrayLike<number>, lo: number, hi: number, bins: number): DensityHistogram {
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo + i * width);
  const counts = new Array<number>(bins).fill(0);
  let count = 0;
  let clamped = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i];
    if (Number.isNaN(v)) continue;
    count++;
    if (v < lo || v > hi) clamped++;
    const k = Math.max(0, Math.min(bins - 1, Math.floor((v - lo) / width)));
    counts[k]++;
  }
  return { edges, density: counts.map((c) => (count > 0 ? c / (count * width) : 0)), count, clamped };
}

/** The q-th quantile (0..1) of sorted values. */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
}

/**
 * One range for several sample sets: from the 0.5% to the 99.5% quantile of each set (so a small
 * set is not drowned by a big one), padded by 4%, at least 1 wide, within ±limit.
 */
export function sharedRange(sets: readonly (ArrayLike<number> | null)[], limit = PUSHFORWARD_LIMIT): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const set of sets) {
    if (!set) continue;
    const sorted = Array.from(set).filter(Number.isFinite).sort((a, b) => a - b);
    if (sorted.length === 0) continue;
    lo = Math.min(lo, quantile(sorted, 0.005));
    hi = Math.max(hi, quantile(sorted, 0.995));
  }
  if (!(hi >= lo)) return [-1, 1];
  const pad = Math.max(0.5, 0.04 * (hi - lo));
  lo = Math.max(-limit, lo - pad);
  hi = Math.min(limit, hi + pad);
  return hi - lo < 1 ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

export type PlanarPushforwardRow = { d: number; real: number; fake: number; pTilde?: number; qTilde?: number };

export interface PlanarPushforwardView {
  rows: PlanarPushforwardRow[];
  x: AxisScale;
  y: AxisScale;
  /** Whether the exact pushforwards (lines) are drawn. */
  exact: boolean;
  /** The largest fraction of any one set's samples that lay beyond the axis (counted in the end bins). */
  clamped: number;
}

/** Histograms of a run's critic on real and fake samples, and of d* on p's and q's samples, on shared bins. */
export function pushforwardView(run: PlanarRunSnapshot, bins = PLANAR_BINS): PlanarPushforwardView {
  const exact = run.optimalOnReal !== null && run.optimalOnFake !== null;
  const [lo, hi] = sharedRange([run.criticOnReal, run.criticOnFake, run.optimalOnReal, run.optimalOnFake]);
  const real = densityHistogram(run.criticOnReal, lo, hi, bins);
  const fake = densityHistogram(run.criticOnFake, lo, hi, bins);
  const pT = exact ? densityHistogram(run.optimalOnReal!, lo, hi, bins) : null;
  const qT = exact ? densityHistogram(run.optimalOnFake!, lo, hi, bins) : null;
  const rows = real.density.map((_, k): PlanarPushforwardRow => {
    const row: PlanarPushforwardRow = { d: (real.edges[k] + real.edges[k + 1]) / 2, real: real.density[k], fake: fake.density[k] };
    if (pT && qT) { row.pTilde = pT.density[k]; row.qTilde = qT.density[k]; }
    return row;
  });
  const clamped = Math.max(...[real, fake, pT, qT].map((h) => (h && h.count > 0 ? h.clamped / h.count : 0)));
  return {
    rows, exact, clamped,
    x: { domain: [lo, hi], ticks: ticks(lo, hi, 6).filter((t) => t >= lo && t <= hi) },
    y: niceAxis(rows.flatMap((r) => [r.real, r.fake, r.pTilde, r.qTilde]), { includeZero: true, approx: 4 }),
  };
}

// ---- divergence monitor -----------------------------------------------------------------------

/** A y axis: linear, or logarithmic (decades) when the positive values span at least LOG_SPAN. */
export interface ValueAxis extends AxisScale {
  log: boolean;
}
export const LOG_SPAN = 100;

/** The axis of some values: logarithmic on whole decades when they are positive and span two decades or more. */
export function valueAxis(values: Iterable<number | null | undefined>): ValueAxis {
  const finite: number[] = [];
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) finite.push(v);
  const positive = finite.filter((v) => v > 0);
  const min = Math.min(...positive);
  const max = Math.max(...positive);
  if (positive.length >= 2 && max / min >= LOG_SPAN) return { log: true, ...decadeAxis(min, max) };
  return { log: false, ...niceAxis(finite, { includeZero: true, approx: 4 }) };
}

export type PlanarMonitorChartRow = { step: number } & Record<string, number | null>;

export interface PlanarMonitorView {
  /** One row per (thinned) snapshot: `div_<id>` per divergence and `frechet`, null where undefined or off a log axis. */
  rows: PlanarMonitorChartRow[];
  ids: string[];
  divergences: ValueAxis;
  frechet: ValueAxis;
  steps: AxisScale;
  /** Whether any row holds a true divergence (none for the MLP family). */
  hasDivergences: boolean;
}

export const divergenceKey = (id: string) => `div_${id}`;

/** A value for the chart: null when not finite, or not positive on a log axis. */
const plotted = (v: number | undefined, log: boolean): number | null => (v === undefined || !Number.isFinite(v) || (log && v <= 0) ? null : v);

/** The monitor rows of run `run` for the divergences `ids`, thinned to at most `max` snapshots. */
export function monitorView(monitor: readonly PlanarMonitorRow[], run: number, ids: readonly string[], max = 200): PlanarMonitorView {
  const picked = thinIndices(monitor.length, max).map((i) => monitor[i]);
  const divValues = picked.flatMap((m) => ids.map((id) => m.divergences[run]?.[id]));
  const divergences = valueAxis(divValues);
  const frechet = valueAxis(picked.map((m) => m.frechet[run]));
  const rows = picked.map((m) => {
    const row: PlanarMonitorChartRow = { step: m.step, frechet: plotted(m.frechet[run], frechet.log) };
    for (const id of ids) row[divergenceKey(id)] = plotted(m.divergences[run]?.[id], divergences.log);
    return row;
  });
  return {
    rows, ids: [...ids], divergences, frechet,
    steps: niceAxis(picked.map((m) => m.step), { includeZero: true, approx: 5 }),
    hasDivergences: divValues.some((v) => v !== undefined && Number.isFinite(v)),
  };
}

// ---- landscape over the mean ------------------------------------------------------------------

/** The centre of cell k (= j n + i) of a grid. */
export function cellCentre(grid: PlanarGrid, k: number): [number, number] {
  const i = k % grid.n;
  const j = Math.floor(k / grid.n);
  return [grid.x[0] + ((i + 0.5) * (grid.x[1] - grid.x[0])) / grid.n, grid.y[0] + ((j + 0.5) * (grid.y[1] - grid.y[0])) / grid.n];
}

/** The cell of the smallest finite value and its centre, or null when no value is finite. */
export function landscapeMinimum(l: Pick<PlanarLandscape, 'grid' | 'values'>): { index: number; x: number; y: number; value: number } | null {
  let best = -1;
  for (let k = 0; k < l.values.length; k++) if (Number.isFinite(l.values[k]) && (best < 0 || l.values[k] < l.values[best])) best = k;
  if (best < 0) return null;
  const [x, y] = cellCentre(l.grid, best);
  return { index: best, x, y, value: l.values[best] };
}

/**
 * Contour levels of a landscape: `count` quantiles of its finite values at (k / (count + 1))^2,
 * so that most lines sit near the bottom where the basins are (duplicates dropped); and the values
 * with non-finite ones raised above every level (an infinite divergence is high ground).
 */
export function landscapeLevels(values: readonly number[], count = 12): { thresholds: number[]; clean: number[]; min: number; max: number } {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return { thresholds: [], clean: values.map(() => 0), min: 0, max: 0 };
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const thresholds: number[] = [];
  for (let k = 1; k <= count; k++) {
    const v = sorted[Math.floor(((k / (count + 1)) ** 2) * (sorted.length - 1))];
    if (v > min && (thresholds.length === 0 || v > thresholds[thresholds.length - 1] + 1e-9 * Math.max(1, Math.abs(v)))) thresholds.push(v);
  }
  const high = max + Math.max(1, Math.abs(max));
  return { thresholds, clean: values.map((v) => (Number.isFinite(v) ? v : Number.isNaN(v) || v > 0 ? high : min)), min, max };
}

/** The isotropic scale of a Gaussian: sqrt of its mean variance (what the worker computes the landscape at). */
export function isotropicScale(g: Gaussian2): number {
  return Math.sqrt((g.cov[0][0] + g.cov[1][1]) / 2);
}

/** q's mean of run `run` at each recorded point. */
export function meanPath(points: readonly PlanarPoint[], run: number): [number, number][] {
  const out: [number, number][] = [];
  for (const p of points) {
    const g = p.runs[run];
    if (g) out.push([g.mean[0], g.mean[1]]);
  }
  return out;
}
