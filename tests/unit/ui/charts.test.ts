import { describe, expect, it } from 'vitest';
import { niceAxis } from '../../../src/ui/chartData';
import { monotonePath } from '../../../src/ui/SvgChart';

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

describe('monotone curves', () => {
  it('pass through the points and do not overshoot a step', () => {
    const pts: [number, number][] = [[0, 0], [10, 0], [20, 0], [30, 50], [40, 50], [50, 50]];
    const d = monotonePath(pts);
    expect(d.startsWith('M0.0,0.0')).toBe(true);
    expect(d.endsWith('50.0,50.0')).toBe(true);
    // control points stay within the range of their segment's ends
    const numbers = [...d.matchAll(/C([^C]+)/g)].map((m) => m[1].split(',').map(Number));
    numbers.forEach((c, k) => {
      const [y0, y1] = [pts[k][1], pts[k + 1][1]];
      for (const y of [c[1], c[3]]) {
        expect(y).toBeGreaterThanOrEqual(Math.min(y0, y1) - 1e-9);
        expect(y).toBeLessThanOrEqual(Math.max(y0, y1) + 1e-9);
      }
    });
  });
  it('is a straight line through two points', () => {
    expect(monotonePath([[0, 0], [10, 5]])).toBe('M0.0,0.0L10.0,5.0');
  });
});
