import { describe, expect, it } from 'vitest';
import {
  arrowScale, arrowsData, occupiedCells, contourPaths, densityLevels, divergingColour, ellipsePoints, heatmapPixels, longestVector,
  planeLayout, planeScale, planeTicks, polylineData, symmetricEigen2, symmetricRange,
} from '../../../src/ui/planar/planeGeometry';
import { gaussian2LogPdf, type Gaussian2 } from '../../../src/math/planar/gaussian2';

const box = { x: [-3, 5] as [number, number], y: [-2, 6] as [number, number] };

/** Relative luminance of an sRGB colour. */
function luminance([r, g, b]: number[]): number {
  const lin = (c: number) => { const s = c / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** log N(0, I) on an n x n grid over box, cell (i, j) at j n + i. */
function gaussianGrid(g: Gaussian2, n: number): number[] {
  const h = (box.x[1] - box.x[0]) / n;
  return Array.from({ length: n * n }, (_, k) => gaussian2LogPdf(g, box.x[0] + ((k % n) + 0.5) * h, box.y[0] + (Math.floor(k / n) + 0.5) * h));
}

describe('the plane geometry', () => {
  it('fits a square plot in the width, capped, and maps data to pixels and back', () => {
    for (const width of [390, 560, 1920]) {
      const layout = planeLayout(width);
      expect(layout.width).toBeLessThanOrEqual(Math.min(width, 560));
      expect(layout.height - layout.side).toBeGreaterThan(0);
      const s = planeScale(box, layout);
      expect(s.x(box.x[0])).toBeCloseTo(layout.left);
      expect(s.x(box.x[1])).toBeCloseTo(layout.left + layout.side);
      // y grows upwards: the top of the box is the top of the square
      expect(s.y(box.y[1])).toBeCloseTo(layout.top);
      expect(s.y(box.y[0])).toBeCloseTo(layout.top + layout.side);
      for (const [x, y] of [[0.3, 1.7], [-2.9, 5.5], [4, -1]]) {
        const [bx, by] = s.invert(s.x(x), s.y(y));
        expect(bx).toBeCloseTo(x, 10);
        expect(by).toBeCloseTo(y, 10);
      }
    }
  });

  it('puts round ticks inside the box, more of them on a wider axis', () => {
    const few = planeTicks(box.x, 200);
    const many = planeTicks(box.x, 800);
    for (const t of [...few, ...many]) expect(t >= box.x[0] && t <= box.x[1]).toBe(true);
    expect(many.length).toBeGreaterThan(few.length);
    expect(few).toContain(0);
  });

  it('places the density contours at the levels that hold the given mass, increasing', () => {
    const g: Gaussian2 = { mean: [1, 2], cov: [[1, 0], [0, 1]] };
    const levels = densityLevels(gaussianGrid(g, 64), [0.9, 0.5, 0.2]);
    expect(levels.map((l) => l.mass)).toEqual([0.9, 0.5, 0.2]);
    for (let k = 1; k < levels.length; k++) expect(levels[k].threshold).toBeGreaterThan(levels[k - 1].threshold);
    // for N(m, I) the region holding mass a is the disc of radius sqrt(-2 ln(1 - a))
    for (const { threshold, mass } of levels) {
      const r = Math.sqrt(-2 * Math.log(1 - mass));
      expect(threshold).toBeCloseTo(gaussian2LogPdf(g, 1 + r, 2), 1);
    }
  });

  it('traces a contour of a Gaussian grid where the density crosses the threshold', () => {
    const g: Gaussian2 = { mean: [1, 2], cov: [[1, 0], [0, 1]] };
    const layout = planeLayout(400);
    const s = planeScale(box, layout);
    const threshold = gaussian2LogPdf(g, 1 + 1.5, 2);
    const [d] = contourPaths(gaussianGrid(g, 64), 64, [threshold], layout);
    const pts = [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => s.invert(Number(m[1]), Number(m[2])));
    expect(pts.length).toBeGreaterThan(20);
    for (const [x, y] of pts) expect(Math.hypot(x - 1, y - 2)).toBeCloseTo(1.5, 1);
  });

  it('draws the k-sigma ellipse of a correlated Gaussian: every point has Mahalanobis distance k', () => {
    const g: Gaussian2 = { mean: [0.5, -1], cov: [[2, 0.9], [0.9, 0.7]] };
    const det = g.cov[0][0] * g.cov[1][1] - g.cov[0][1] ** 2;
    const inv = [[g.cov[1][1] / det, -g.cov[0][1] / det], [-g.cov[1][0] / det, g.cov[0][0] / det]];
    for (const k of [1, 2]) {
      const pts = ellipsePoints(g, k, 48);
      expect(pts).toHaveLength(48);
      for (const [x, y] of pts) {
        const dx = x - g.mean[0];
        const dy = y - g.mean[1];
        expect(inv[0][0] * dx * dx + 2 * inv[0][1] * dx * dy + inv[1][1] * dy * dy).toBeCloseTo(k * k, 9);
      }
    }
    expect(ellipsePoints({ mean: [0, 0], cov: [[1, 2], [2, 1]] }, 1)).toEqual([]);
  });

  it('finds the eigenvalues and leading eigenvector of a symmetric matrix, diagonal ones included', () => {
    const { values, vector } = symmetricEigen2([[2, 0.9], [0.9, 0.7]]);
    expect(values[0] + values[1]).toBeCloseTo(2.7, 12);
    expect(values[0] * values[1]).toBeCloseTo(2 * 0.7 - 0.81, 12);
    expect(2 * vector[0] + 0.9 * vector[1]).toBeCloseTo(values[0] * vector[0], 12);
    expect(0.9 * vector[0] + 0.7 * vector[1]).toBeCloseTo(values[0] * vector[1], 12);
    expect(symmetricEigen2([[1, 0], [0, 3]])).toEqual({ values: [3, 1], vector: [0, 1] });
    expect(symmetricEigen2([[2, 0], [0, 2]]).values).toEqual([2, 2]);
  });

  it('scales the push arrows so that the longest is the given fraction of the plot', () => {
    const arrows = [0.001, 0, 0, -0.004, 0.003, 0.004];
    const a = arrowScale(arrows, 10);
    expect(a.cap).toBeCloseTo(0.8, 12);
    expect(longestVector(arrows.map((v) => v * a.factor))).toBeCloseTo(0.8, 12);
    expect(a.capped).toBe(0);
    expect(arrowScale([0, 0, 0, 0], 10).factor).toBe(0);
    // the drawn shaft of the longest arrow is 8% of the square's side in pixels
    const layout = planeLayout(500);
    const s = planeScale(box, layout);
    const d = arrowsData([0, 0], [0.003, 0.004], arrowScale([0.003, 0.004], box.x[1] - box.x[0]), s);
    const [x0, y0, x1, y1] = [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].slice(0, 2).flatMap((m) => [Number(m[1]), Number(m[2])]);
    expect(Math.hypot(x1 - x0, y1 - y0)).toBeCloseTo(0.08 * layout.side, 0);
    expect(y1).toBeLessThan(y0);
  });

  it('caps an outlying arrow instead of shrinking all the others to dots', () => {
    // 19 pushes of length 1 and one of length 100
    const arrows = [...Array.from({ length: 19 }, () => [0, 1]).flat(), 100, 0];
    const a = arrowScale(arrows, 10);
    expect(a.capped).toBe(1);
    // the typical arrows are drawn a third of the cap, the outlier at the cap
    expect(a.factor * 1).toBeCloseTo(a.cap / 3, 12);
    const layout = planeLayout(500);
    const s = planeScale(box, layout);
    const shafts = [...arrowsData([0, 0, 0, 0], [0, 1, 100, 0], a, s).matchAll(/M(-?[\d.]+),(-?[\d.]+)L(-?[\d.]+),(-?[\d.]+)M/g)]
      .map((m) => Math.hypot(Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])));
    expect(shafts).toHaveLength(2);
    expect(shafts[0]).toBeCloseTo((a.cap / 3) * s.unit, 0);
    expect(shafts[1]).toBeCloseTo(a.cap * s.unit, 0);
  });

  it('skips sub-pixel moves and breaks the line at non-finite points', () => {
    const s = planeScale(box, planeLayout(400));
    const d = polylineData([[0, 0], [0.0001, 0], [1, 1], [NaN, 0], [2, 2]], s);
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/L/g)).toHaveLength(1);
  });

  it('colours critic values on a diverging scale: neutral at 0, darker with |d|, sides matched, clamped', () => {
    const R = 4;
    const grey = divergingColour(0, R);
    expect(Math.max(...grey) - Math.min(...grey)).toBeLessThan(4);
    let last = luminance(grey);
    for (let v = 0.25; v <= R; v += 0.25) {
      const up = luminance(divergingColour(v, R));
      const down = luminance(divergingColour(-v, R));
      expect(up).toBeLessThan(last + 1e-12);
      expect(Math.abs(up - down)).toBeLessThan(0.04);
      last = up;
    }
    // positive is green, negative purple
    const [pr, pg] = divergingColour(R, R);
    const [nr, ng, nb] = divergingColour(-R, R);
    expect(pg).toBeGreaterThan(pr);
    expect(nr > ng && nb > ng).toBe(true);
    expect(divergingColour(10 * R, R)).toEqual(divergingColour(R, R));
    expect(divergingColour(-Infinity, R)).toEqual(divergingColour(-R, R));
  });

  it('takes a symmetric nice colour range from a percentile of |d| over both maps, at least 1', () => {
    const a = Array.from({ length: 100 }, (_, i) => i / 10);
    const b = a.map((v) => -v);
    const { range, ticks } = symmetricRange([a, b, null]);
    expect(range).toBeGreaterThanOrEqual(9.4);
    expect(range).toBeLessThanOrEqual(12);
    expect(ticks[0]).toBe(-range);
    expect(ticks.at(-1)).toBe(range);
    expect(ticks).toContain(0);
    expect(symmetricRange([[0.01, -0.02, NaN]]).range).toBe(1);
    // read only at the given cells (where the samples are), the far tails do not count
    const atCells = symmetricRange([[100, 2, -3, 200]], { cells: [1, 2] }).range;
    expect(atCells >= 3 && atCells <= 4).toBe(true);
    expect(symmetricRange([[100, 2]], { cells: [] }).range).toBeGreaterThanOrEqual(95);
  });

  it('finds the grid cells that hold points, ignoring points outside the box', () => {
    const grid = { x: [0, 4] as [number, number], y: [0, 2] as [number, number], n: 4 };
    // cells are 1 wide and 0.5 high; (i, j) is j n + i
    expect(occupiedCells([0.5, 0.1, 0.6, 0.2, 3.9, 1.9, 2.2, 0.7, -1, 1, 5, 1], grid)).toEqual([0, 6, 15]);
  });

  it('lays the heatmap out top row first', () => {
    const px = heatmapPixels([-5, -5, 5, 5], 2, 5);
    // the top-left pixel is grid row 1 (positive: green), the bottom-left grid row 0 (purple)
    expect(px[1]).toBeGreaterThan(px[0]);
    expect(px[8]).toBeGreaterThan(px[9]);
    expect(px[3]).toBe(255);
  });
});
