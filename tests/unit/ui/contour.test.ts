import { describe, expect, it } from 'vitest';
import { clampForTracing, extendPolyline, formatValue, landscapeThresholds, levelPath, newPolyline, plotScale, polylinePath, traceContours } from '../../../src/ui/contour';
import { ticks } from '../../../src/ui/ticks';

function bowl(n: number, f: (mu: number, s: number) => number) {
  const mus = Array.from({ length: n }, (_, i) => -1 + (5 * i) / (n - 1));
  const sigmas = Array.from({ length: n }, (_, j) => 0.1 + (2.9 * j) / (n - 1));
  const values = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) values[j * n + i] = f(mus[i], sigmas[j]);
  return { mus, sigmas, values };
}

describe('contour geometry', () => {
  it('thresholds are increasing, within the finite range, and denser at the bottom', () => {
    const g = bowl(41, (m, s) => (m - 1) ** 2 + (s - 1) ** 2);
    const t = landscapeThresholds(g.values, 12);
    expect(t.length).toBeGreaterThan(6);
    for (let k = 1; k < t.length; k++) expect(t[k]).toBeGreaterThan(t[k - 1]);
    const max = Math.max(...g.values);
    expect(t[t.length - 1]).toBeLessThan(max);
    // half the lines in the lowest quarter of the value range
    expect(t.filter((v) => v < max / 4).length).toBeGreaterThanOrEqual(t.length / 2);
  });

  it('ignores Infinity and NaN when choosing thresholds and returns [] for nothing finite', () => {
    expect(landscapeThresholds([Infinity, NaN])).toEqual([]);
    const t = landscapeThresholds([1, 2, 3, Infinity, NaN, 4]);
    expect(t.every(Number.isFinite)).toBe(true);
  });

  it('clamps non-finite cells above every finite value', () => {
    const c = clampForTracing([1, Infinity, NaN, -Infinity, 3]);
    expect([...c].every(Number.isFinite)).toBe(true);
    expect(c[1]).toBeGreaterThan(3);
    expect(c[2]).toBeGreaterThan(3);
    expect(c[3]).toBe(1);
  });

  it('traces a circle around the minimum of a bowl, in (mu, sigma) coordinates', () => {
    const g = bowl(61, (m, s) => Math.hypot(m - 1.5, s - 1.5));
    const [level] = traceContours(g, [0.5]);
    // the region >= 0.5 is the window with a round hole: one of its rings is the circle
    const rings = level.polygons.flat();
    const errors = rings.map((ring) => Math.max(...ring.map(([mu, s]) => Math.abs(Math.hypot(mu - 1.5, s - 1.5) - 0.5))));
    expect(Math.min(...errors)).toBeLessThan(0.02);
  });

  it('traces grids holding Infinity and NaN without throwing', () => {
    const g = bowl(31, (m, s) => (s < 0.5 ? Infinity : m > 3.5 ? NaN : (m - 1) ** 2 + s));
    const levels = traceContours(g, landscapeThresholds(g.values, 8));
    expect(levels.length).toBeGreaterThan(0);
    for (const l of levels) for (const p of l.polygons) for (const r of p) for (const [mu, s] of r) {
      expect(Number.isFinite(mu) && Number.isFinite(s)).toBe(true);
    }
  });

  it('maps data to pixels with sigma upwards and inverts exactly', () => {
    const scale = plotScale({ muMin: -1, muMax: 4, sigmaMin: 0.1, sigmaMax: 3 }, { left: 10, top: 5, width: 500, height: 290 });
    expect(scale.x(-1)).toBe(10);
    expect(scale.x(4)).toBe(510);
    expect(scale.y(0.1)).toBeCloseTo(295);
    expect(scale.y(3)).toBeCloseTo(5);
    const back = scale.invert(scale.x(1.8), scale.y(1.8));
    expect(back.mu).toBeCloseTo(1.8);
    expect(back.sigma).toBeCloseTo(1.8);
  });

  it('writes SVG paths; non-finite trajectory points break the line', () => {
    const scale = plotScale({ muMin: 0, muMax: 1, sigmaMin: 0, sigmaMax: 1 }, { left: 0, top: 0, width: 100, height: 100 });
    expect(polylinePath([0, 0.5, NaN, 1], [0, 0.5, 1, 1], scale)).toBe('M0.0,100.0L50.0,50.0M100.0,0.0');
    expect(levelPath({ threshold: 1, polygons: [[[[0, 0], [1, 0], [1, 1]]]] }, scale)).toBe('M0.0,100.0L100.0,100.0L100.0,0.0Z');
  });

  it('a trajectory path grows incrementally, the same as drawn at once, skipping sub-pixel moves', () => {
    const scale = plotScale({ muMin: 0, muMax: 1, sigmaMin: 0, sigmaMax: 1 }, { left: 0, top: 0, width: 100, height: 100 });
    const mus = Array.from({ length: 300 }, (_, i) => (i % 97 === 50 ? NaN : i / 300));
    const sigmas = Array.from({ length: 300 }, (_, i) => 0.5 + 0.4 * Math.sin(i / 20));
    const b = newPolyline();
    for (let n = 0; n <= 300; n += 7) extendPolyline(b, mus.slice(0, n), sigmas.slice(0, n), scale);
    extendPolyline(b, mus, sigmas, scale);
    expect(b.consumed).toBe(300);
    expect(b.d).toBe(extendPolyline(newPolyline(), mus, sigmas, scale).d);
    // moves of 1/3 pixel are thinned, but every drawn step is at least half a pixel
    expect(b.drawn).toBeLessThan(300);
    expect(b.drawn).toBeGreaterThan(100);
    expect(polylinePath(mus, sigmas, scale).split(/[ML]/).length - 1).toBe(297);
  });

  it('nice ticks and compact numbers', () => {
    expect(ticks(-1, 4, 5)).toEqual([-1, 0, 1, 2, 3, 4]);
    expect(ticks(0.1, 3, 5)).toEqual([0.5, 1, 1.5, 2, 2.5, 3]);
    expect(formatValue(Infinity)).toBe('∞');
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue(NaN)).toBe('undefined');
  });
});
