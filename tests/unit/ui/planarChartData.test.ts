import { describe, expect, it } from 'vitest';
import {
  cellCentre, densityHistogram, divergenceKey, isotropicScale, landscapeLevels, landscapeMinimum, meanPath, monitorView,
  pushforwardView, sharedRange, valueAxis,
} from '../../../src/ui/planar/planarChartData';
import type { PlanarRunSnapshot } from '../../../src/engine/planar/protocol';
import type { PlanarMonitorRow } from '../../../src/ui/planar/planarStore';
import { planarConfigSchema } from '../../../src/config/planar';
import { baseScheme } from '../../../src/config/schema';
import { isotropicLandscape } from '../../../src/math/planar/landscape2';
import { circleTarget } from '../../../src/math/planar/mixture2';
import { Rng } from '../../../src/engine/prng';
import { formatDecade } from '../../../src/ui/ticks';

/** n normal samples with the given mean and spread, from a seeded stream. */
function normals(n: number, mean: number, sd: number, seed = 1): number[] {
  const rng = new Rng(seed, 0);
  return Array.from({ length: n }, () => mean + sd * rng.normal());
}

const integral = (edges: number[], density: number[]) => density.reduce((s, d, k) => s + d * (edges[k + 1] - edges[k]), 0);

function runSnapshot(over: Partial<PlanarRunSnapshot> = {}): PlanarRunSnapshot {
  return {
    run: 0, moments: { mean: [0, 0], cov: [[1, 0], [0, 1]] }, final: {} as PlanarRunSnapshot['final'], samples: [], arrows: [], critic: null, optimal: null,
    criticOnReal: normals(256, 1, 0.5, 1), criticOnFake: normals(256, -1, 0.5, 2),
    optimalOnReal: normals(2048, 2, 1, 3), optimalOnFake: normals(2048, -2, 1, 4),
    divergences: {}, divergenceErrors: null, frechet: 0, ...over,
  };
}

describe('pushforward histograms', () => {
  it('integrate to 1, counting samples beyond the range in the end bins', () => {
    const samples = [...normals(500, 0, 1), 50, -50, Infinity, NaN];
    const h = densityHistogram(samples, -3, 3, 30);
    expect(h.count).toBe(503);
    expect(h.clamped).toBeGreaterThanOrEqual(3);
    expect(integral(h.edges, h.density)).toBeCloseTo(1, 12);
    // the clamped outliers sit in the end bins
    expect(h.density[29]).toBeGreaterThan(0);
    expect(h.density[0]).toBeGreaterThan(0);
  });

  it('bin real, fake, p~ and q~ on the same bins over a range that holds them all, each integrating to 1', () => {
    const view = pushforwardView(runSnapshot(), 40);
    expect(view.exact).toBe(true);
    expect(view.rows).toHaveLength(40);
    const [lo, hi] = view.x.domain;
    // the exact pushforwards reach about ±2 ± 3 sd: the shared range holds them, not only the critic's outputs
    expect(lo).toBeLessThan(-4);
    expect(hi).toBeGreaterThan(4);
    const width = (hi - lo) / 40;
    view.rows.forEach((r, k) => expect(r.d).toBeCloseTo(lo + (k + 0.5) * width, 9));
    for (const key of ['real', 'fake', 'pTilde', 'qTilde'] as const) {
      const total = view.rows.reduce((s, r) => s + (r[key] ?? 0) * width, 0);
      expect(total).toBeCloseTo(1, 9);
    }
    // each set peaks where its samples are
    const peak = (key: 'real' | 'fake' | 'pTilde' | 'qTilde') => view.rows.reduce((b, r) => ((r[key] ?? 0) > (b[key] ?? 0) ? r : b)).d;
    expect(peak('real')).toBeCloseTo(1, 0);
    expect(peak('fake')).toBeCloseTo(-1, 0);
    expect(Math.abs(peak('pTilde') - 2)).toBeLessThan(0.8);
    expect(Math.abs(peak('qTilde') + 2)).toBeLessThan(0.8);
    expect(view.y.domain[0]).toBe(0);
    expect(view.y.domain[1]).toBeGreaterThanOrEqual(Math.max(...view.rows.map((r) => r.real)));
  });

  it('shows dropped modes as separate peaks of p~, and leaves the lines out without a density', () => {
    // p~ of a collapsed fit: a fifth of p's mass near log(1/5), the rest far out at 19 and 57
    const optimalOnReal = [...normals(410, -1.6, 0.2, 5), ...normals(819, 19, 2, 6), ...normals(819, 57, 3, 7)];
    const view = pushforwardView(runSnapshot({ optimalOnReal }));
    expect(view.x.domain[1]).toBeGreaterThan(57);
    const at = (d: number) => view.rows.reduce((b, r) => (Math.abs(r.d - d) < Math.abs(b.d - d) ? r : b)).pTilde ?? 0;
    expect(at(19)).toBeGreaterThan(5 * at(38));
    expect(at(57)).toBeGreaterThan(5 * at(38));
    const none = pushforwardView(runSnapshot({ optimalOnReal: null, optimalOnFake: null }));
    expect(none.exact).toBe(false);
    expect(none.rows.every((r) => r.pTilde === undefined && r.qTilde === undefined)).toBe(true);
  });

  it('keeps a diverged critic within the limit and a constant one at least 1 wide', () => {
    expect(sharedRange([[1e6, -1e6, ...normals(300, 0, 1)].concat(Array(10).fill(1e6))])[1]).toBeLessThanOrEqual(100);
    const [lo, hi] = sharedRange([[3, 3, 3]]);
    expect(hi - lo).toBeGreaterThanOrEqual(1);
    expect(lo).toBeLessThan(3);
    expect(hi).toBeGreaterThan(3);
  });
});

describe('monitor rows', () => {
  const monitor: PlanarMonitorRow[] = [0, 10, 20, 30].map((step, k) => ({
    step,
    frechet: [40 / (k + 1), 1 + k],
    divergences: [{ kl: 6 - k, rkl: 3 - k / 2, js: 0.1 * k }, { kl: 100 + k, rkl: 200 + k }] as Record<string, number>[],
  }));

  it('carry the selected run\'s values per step, for each monitored divergence', () => {
    const view = monitorView(monitor, 1, ['kl', 'rkl']);
    expect(view.rows.map((r) => r.step)).toEqual([0, 10, 20, 30]);
    view.rows.forEach((r, k) => {
      expect(r[divergenceKey('kl')]).toBe(100 + k);
      expect(r[divergenceKey('rkl')]).toBe(200 + k);
      expect(r.frechet).toBe(1 + k);
    });
    expect(view.hasDivergences).toBe(true);
    const run0 = monitorView(monitor, 0, ['kl', 'rkl', 'js']);
    expect(run0.rows[2][divergenceKey('rkl')]).toBe(2);
    expect(run0.rows[3].frechet).toBe(10);
  });

  it('use a log axis on whole decades only when positive values span two decades, leaving non-positive values out', () => {
    const lin = valueAxis([1, 5, 20]);
    expect(lin.log).toBe(false);
    expect(lin.domain[0]).toBe(0);
    const log = valueAxis([0.004, 0.3, 12, 0]);
    expect(log.log).toBe(true);
    expect(log.domain).toEqual([1e-3, 1e2]);
    expect(log.ticks.every((t) => Number.isInteger(Math.round(Math.log10(t))))).toBe(true);
    // js at step 0 is 0: on a log axis it is left out, not drawn at log 0
    const view = monitorView([
      { step: 0, frechet: [1], divergences: [{ js: 0, kl: 5 }] },
      { step: 5, frechet: [1], divergences: [{ js: 0.001, kl: 4 }] },
    ], 0, ['js', 'kl']);
    expect(view.divergences.log).toBe(true);
    expect(view.rows[0][divergenceKey('js')]).toBeNull();
    expect(view.rows[1][divergenceKey('js')]).toBe(0.001);
    expect(formatDecade(1e-5)).toBe('1e-5');
    expect(formatDecade(0.01)).toBe('0.01');
  });

  it('has no divergences for the MLP family, only the Fréchet distance', () => {
    const view = monitorView([{ step: 0, frechet: [3], divergences: [{}] }, { step: 5, frechet: [2], divergences: [{}] }], 0, ['kl', 'rkl']);
    expect(view.hasDivergences).toBe(false);
    expect(view.rows.map((r) => r.frechet)).toEqual([3, 2]);
    expect(view.rows[0][divergenceKey('kl')]).toBeNull();
  });
});

describe('the landscape over the mean', () => {
  const grid = { x: [-2, 2] as [number, number], y: [0, 8] as [number, number], n: 4 };

  it('maps cells to their centres and finds the minimum where it is', () => {
    expect(cellCentre(grid, 0)).toEqual([-1.5, 1]);
    expect(cellCentre(grid, 4 * 2 + 3)).toEqual([1.5, 5]);
    const values = Array.from({ length: 16 }, (_, k) => { const [x, y] = cellCentre(grid, k); return (x - 0.5) ** 2 + (y - 3) ** 2; });
    values[0] = NaN;
    values[15] = Infinity;
    expect(landscapeMinimum({ grid, values })).toMatchObject({ index: 4 * 1 + 2, x: 0.5, y: 3, value: 0 });
    expect(landscapeMinimum({ grid, values: Array(16).fill(NaN) })).toBeNull();
  });

  it('puts levels near the bottom and raises non-finite values above them', () => {
    const values = [...Array.from({ length: 99 }, (_, k) => k), Infinity];
    const { thresholds, clean, min, max } = landscapeLevels(values, 8);
    expect(min).toBe(0);
    expect(max).toBe(98);
    expect(thresholds.length).toBe(8);
    for (let k = 1; k < thresholds.length; k++) expect(thresholds[k]).toBeGreaterThan(thresholds[k - 1]);
    expect(thresholds.filter((t) => t < 25).length).toBeGreaterThanOrEqual(4);
    expect(clean[99]).toBeGreaterThan(98);
    expect(landscapeLevels([2, 2, 2]).thresholds).toEqual([]);
  });

  it('finds reverse KL\'s lowest mean on a mode of the circle and KL\'s near the middle', () => {
    const circle = circleTarget(5, 5);
    const config = planarConfigSchema.parse({ target: circle, family: { kind: 'isotropic' }, schemes: [baseScheme('ns', 'js')] });
    const rkl = landscapeMinimum(isotropicLandscape(config.target, 'rkl', 0, 1, 24))!;
    const nearest = Math.min(...circle.map((c) => Math.hypot(c.mean[0] - rkl.x, c.mean[1] - rkl.y)));
    expect(nearest).toBeLessThan(0.8);
    const kl = landscapeMinimum(isotropicLandscape(config.target, 'kl', 0, Math.sqrt(13.5), 24))!;
    expect(Math.hypot(kl.x, kl.y)).toBeLessThan(1);
  });

  it('reads the scale and the mean path of one run', () => {
    expect(isotropicScale({ mean: [0, 0], cov: [[4, 0], [0, 4]] })).toBe(2);
    const g = (x: number) => ({ mean: [x, -x] as [number, number], cov: [[1, 0], [0, 1]] as [[number, number], [number, number]] });
    expect(meanPath([{ step: 0, runs: [g(0), g(5)], params: [] }, { step: 10, runs: [g(1), g(6)], params: [] }], 1)).toEqual([[5, -5], [6, -6]]);
  });
});
