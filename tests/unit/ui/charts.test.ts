import { describe, expect, it } from 'vitest';
import { PAPER_TARGET } from '../../../src/math/mixture';
import { optimalCritic } from '../../../src/math/pushforward';
import { getDivergence } from '../../../src/math/catalog';
import type { Snapshot } from '../../../src/engine/protocol';
import {
  D_CLAMP, MAX_SERIES_POINTS, PUSHFORWARD_BINS, dataSpaceView, monitorRows, pushforwardView, sfRows, thinGrid, thinIndices,
} from '../../../src/ui/chartData';
import { niceAxis } from '../../../src/ui/ticks';

describe('chart axes', () => {
  it('cover the data on round numbers, with 0 when asked', () => {
    expect(niceAxis([0.13, 0.71])).toEqual({ domain: [0.1, 0.8], ticks: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8] });
    expect(niceAxis([0.13, 0.71], { includeZero: true, approx: 4 })).toEqual({ domain: [0, 0.8], ticks: [0, 0.2, 0.4, 0.6, 0.8] });
    expect(niceAxis([-11.7, 3.2], { approx: 4 }).domain).toEqual([-15, 5]);
  });
  it('ignore missing and non-finite values, and survive no data or one value', () => {
    expect(niceAxis([null, undefined, NaN, Infinity, 2, 3]).domain).toEqual([2, 3]);
    expect(niceAxis([]).domain).toEqual([0, 1]);
    const one = niceAxis([5]);
    expect(one.domain[0]).toBeLessThanOrEqual(5);
    expect(one.domain[1]).toBeGreaterThanOrEqual(5);
    expect(one.domain[1]).toBeGreaterThan(one.domain[0]);
  });
});

describe('thinning', () => {
  it('keeps at most MAX_SERIES_POINTS indices, evenly spaced, first and last included', () => {
    for (const n of [0, 1, 2, 199, 200, 201, 1000, 12_345]) {
      const picks = thinIndices(n);
      expect(picks.length).toBeLessThanOrEqual(MAX_SERIES_POINTS);
      if (n === 0) { expect(picks).toEqual([]); continue; }
      expect(picks[0]).toBe(0);
      expect(picks[picks.length - 1]).toBe(n - 1);
      for (let k = 1; k < picks.length; k++) expect(picks[k]).toBeGreaterThan(picks[k - 1]);
    }
    expect(thinIndices(150)).toEqual(Array.from({ length: 150 }, (_, i) => i));
  });
  it('keeps the indices it picked as the series grows (cached values stay valid)', () => {
    const before = new Set(thinIndices(3000).slice(0, -1));
    const after = new Set(thinIndices(3001));
    for (const i of before) if (i % 32 === 0) expect(after.has(i)).toBe(true);
    // a stride of a power of two
    const picks = thinIndices(5000);
    const stride = picks[1] - picks[0];
    expect(Math.log2(stride) % 1).toBe(0);
  });
  it('thins a grid to at most n entries', () => {
    const xs = Array.from({ length: 401 }, (_, i) => i / 10);
    const thin = thinGrid(xs, 101);
    expect(thin.length).toBeLessThanOrEqual(101);
    expect(thin[0]).toBe(0);
    expect(thinGrid([1, 2, 3], 10)).toEqual([1, 2, 3]);
  });
});

function snapshot(mu: number, sigma: number): Snapshot {
  const xGrid = Array.from({ length: 401 }, (_, i) => -10 + i * 0.05);
  // a critic that is off d* by a constant, and samples of q
  const fakeSamples = Array.from({ length: 512 }, (_, i) => mu + sigma * Math.sqrt(2) * inverseErf((2 * (i + 0.5)) / 512 - 1));
  return {
    step: 42,
    xGrid,
    runs: [{
      run: 0, mu, sigma,
      criticOnGrid: xGrid.map((x) => optimalCritic(PAPER_TARGET, mu, sigma, x) + 0.1),
      criticOnReal: fakeSamples.map((x) => optimalCritic(PAPER_TARGET, mu, sigma, x) + 1),
      criticOnFake: fakeSamples.map((x) => optimalCritic(PAPER_TARGET, mu, sigma, x)),
      fakeSamples,
      estimates: {},
    }],
  };
}

/** Winitzki's approximation: enough for evenly spread samples. */
function inverseErf(y: number): number {
  const a = 0.147;
  const l = Math.log(1 - y * y);
  const t = 2 / (Math.PI * a) + l / 2;
  return Math.sign(y) * Math.sqrt(Math.sqrt(t * t - l / a) - t);
}

describe('data-space rows', () => {
  it('before a snapshot: p, q and d* on 101 points at (mu0, sigma0), no critic or samples', () => {
    const view = dataSpaceView(PAPER_TARGET, null, 0, 1, 1.8)!;
    expect(view.rows).toHaveLength(101);
    expect(view.rows.every((r) => r.d === undefined && r.samples === undefined)).toBe(true);
    expect(view.mu).toBe(1);
    // d* = log p/q, clipped
    const r = view.rows[50];
    expect(r.dStar).toBeCloseTo(Math.max(-D_CLAMP, Math.min(D_CLAMP, Math.log(r.p / r.q))), 9);
  });
  it('from a snapshot: at most 101 rows, with the learned critic, a sample histogram, and axes that hold them', () => {
    const view = dataSpaceView(PAPER_TARGET, snapshot(0.5, 1.2), 0, 1, 1.8)!;
    expect(view.rows.length).toBeGreaterThan(50);
    expect(view.rows.length).toBeLessThanOrEqual(101);
    expect(view.mu).toBe(0.5);
    for (const r of view.rows) {
      expect(Math.abs(r.d! - r.dStar)).toBeLessThan(0.1 + 1e-9 + (Math.abs(r.dStar) >= D_CLAMP ? 1 : 0));
      expect(r.d! + 1e-12).toBeGreaterThanOrEqual(view.critic.domain[0]);
      expect(r.d! - 1e-12).toBeLessThanOrEqual(view.critic.domain[1]);
      expect(Math.max(r.p, r.q, r.samples!)).toBeLessThanOrEqual(view.density.domain[1]);
    }
    // the histogram of samples of q looks like q near its mode
    const mode = view.rows.reduce((a, b) => (Math.abs(b.x - 0.5) < Math.abs(a.x - 0.5) ? b : a));
    expect(mode.samples!).toBeGreaterThan(0.6 * mode.q);
    expect(view.x.ticks.every((t) => t >= view.x.domain[0] && t <= view.x.domain[1])).toBe(true);
  });
  it('is null for a run that has diverged', () => {
    const s = snapshot(0.5, 1.2);
    s.runs[0].sigma = NaN;
    expect(dataSpaceView(PAPER_TARGET, s, 0, 1, 1.8)).toBeNull();
    expect(dataSpaceView(PAPER_TARGET, s, 3, 1, 1.8)).not.toBeNull();
  });
});

describe('pushforward rows', () => {
  it('bins real and fake critic outputs and the exact pushforwards the same way, each a density', () => {
    const view = pushforwardView(PAPER_TARGET, snapshot(0.5, 1.2), 0)!;
    expect(view.rows).toHaveLength(PUSHFORWARD_BINS);
    expect(view.step).toBe(42);
    const width = view.rows[1].d - view.rows[0].d;
    const mass = (k: 'real' | 'fake' | 'pTilde' | 'qTilde') => view.rows.reduce((a, r) => a + r[k] * width, 0);
    // most mass lies in the range shown
    for (const k of ['real', 'fake', 'pTilde', 'qTilde'] as const) {
      expect(mass(k)).toBeGreaterThan(0.9);
      expect(mass(k)).toBeLessThan(1.0001);
    }
    // the fake histogram is of d*(x), x ~ q: close to q~ bin by bin in total variation
    const tv = view.rows.reduce((a, r) => a + Math.abs(r.fake - r.qTilde) * width, 0) / 2;
    expect(tv).toBeLessThan(0.1);
    expect(view.y.domain[1]).toBeGreaterThanOrEqual(Math.max(...view.rows.flatMap((r) => [r.real, r.fake, r.pTilde, r.qTilde])));
  });
  it('is null before the first snapshot', () => {
    expect(pushforwardView(PAPER_TARGET, null, 0)).toBeNull();
  });
});

describe('monitor rows', () => {
  it('merge true values and thinned estimates by step, sorted', () => {
    const trueRows = [{ step: 10, true_js: 0.3 }, { step: 0, true_js: 0.5 }];
    const estimates = Array.from({ length: 500 }, (_, k) => ({ step: k * 2, byRun: [{ js: 0.1 + k * 1e-3, kl: NaN }] }));
    const { rows, estimates: n } = monitorRows(trueRows, estimates, 0, ['js', 'kl']);
    expect(n).toBeLessThanOrEqual(MAX_SERIES_POINTS);
    expect(n).toBeGreaterThan(100);
    for (let k = 1; k < rows.length; k++) expect(rows[k].step).toBeGreaterThan(rows[k - 1].step);
    const r0 = rows.find((r) => r.step === 0)!;
    expect(r0.true_js).toBe(0.5);
    expect(r0.est_js).toBeCloseTo(0.1, 12);
    expect(r0.est_kl).toBeNull();
    // a run without estimates gets none
    expect(monitorRows(trueRows, estimates, 1, ['js']).estimates).toBe(0);
  });
});

describe('s_f rows', () => {
  it('s_f of each divergence on [-6, 6], gaps where it exceeds the cut', () => {
    const rows = sfRows(['js', 'srkl'], 6);
    expect(rows).toHaveLength(121);
    expect(rows[60].d).toBeCloseTo(0, 12);
    expect(rows[60].js).toBeCloseTo(getDivergence('js').s(0), 12);
    expect(rows.every((r) => r.srkl === null || (r.srkl >= 0 && r.srkl <= 6))).toBe(true);
    // softened reverse KL's s_f passes the cut on the left (8.65 at d = -6), not on the right
    expect(rows[0].srkl).toBeNull();
    expect(rows[120].srkl).toBeCloseTo(getDivergence('srkl').s(6), 12);
    expect(rows.every((r) => r.js !== null)).toBe(true);
  });
});
