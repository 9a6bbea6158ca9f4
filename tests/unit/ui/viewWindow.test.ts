import { describe, expect, it } from 'vitest';
import {
  EMPTY_EXTENT, clampWindow, edgeArrow, extendExtent, fittedWindow, formatCoordinate, formatDivergenceValue, formatView, inWindow,
  panWindow, parseView, zoomWindow,
} from '../../../src/ui/viewWindow';
import { arrowVector, gradientReference, labelledBoundaries, panelLayout } from '../../../src/ui/panels/layout';
import { gridGradient } from '../../../src/ui/contour';
import { findGlobalMinima } from '../../../src/math/landscape';
import { effectiveRunFilter } from '../../../src/ui/panels/runFilter';

const PAPER = [{ weight: 0.5, mean: 0, std: 0.3 }, { weight: 0.5, mean: 2, std: 1 }];
const FAR = [{ weight: 0.5, mean: 0, std: 0.3 }, { weight: 0.5, mean: 8, std: 1 }];

describe('the fitted window', () => {
  const figure5Minima = (target: typeof PAPER) => (['js', 'srkl', 'rkl', 'igog'] as const).flatMap((id) => findGlobalMinima(id, target));

  it('covers the modes, the start and the minima of the paper target with a margin, sigma from near 0', () => {
    const minima = figure5Minima(PAPER);
    const w = fittedWindow(PAPER, { mu: 1.8, sigma: 1.8 }, minima);
    for (const p of [...minima, { mu: 0, sigma: 0.3 }, { mu: 2, sigma: 1 }, { mu: 1.8, sigma: 1.8 }]) expect(inWindow(w, p)).toBe(true);
    expect(w.muMin).toBeLessThan(-0.3);
    expect(w.muMax).toBeGreaterThan(2.3);
    expect(w.muMax - w.muMin).toBeLessThanOrEqual(4);
    expect(w.sigmaMax).toBeGreaterThan(1.8 * 1.05);
    expect(w.sigmaMax).toBeLessThanOrEqual(2.2);
    expect(w.sigmaMin).toBeGreaterThan(0);
    expect(w.sigmaMin).toBeLessThanOrEqual(0.1);
  });

  it('a far mode widens mu only: sigma follows the runs and the minima, not the spread of the whole target', () => {
    const minima = figure5Minima(FAR);
    const start = { mu: 1.8, sigma: 1.8 };
    const before = fittedWindow(FAR, start, []);
    const w = fittedWindow(FAR, start, minima);
    expect(w).toEqual(before); // the minima of the mode-seeking divergences sit at the modes
    expect(w.muMin).toBeLessThan(-0.3);
    expect(w.muMax).toBeGreaterThan(8.5);
    // the mixture's standard deviation is 4.07: twice it ran sigma up to 9, squashing sigma < 2.5
    expect(w.sigmaMax).toBeLessThanOrEqual(2.2);
    // runs that wander up to sigma 3.5 are followed
    const wandering = fittedWindow(FAR, start, minima, { muMin: 1, muMax: 3, sigmaMax: 3.5 });
    expect(inWindow(wandering, { mu: 2, sigma: 3.5 })).toBe(true);
    expect(wandering.sigmaMax).toBeLessThan(4.5);
  });

  it('reaches a far start, a minimum given and trajectories; a lone mode still gets a panel wider than tall', () => {
    const start = fittedWindow(PAPER, { mu: 10, sigma: 5 }, []);
    expect(inWindow(start, { mu: 10, sigma: 5 })).toBe(true);
    expect(start.sigmaMax).toBeGreaterThan(5.2);
    const kl = findGlobalMinima('kl', FAR)[0];
    const minimum = fittedWindow(FAR, { mu: 1.8, sigma: 1.8 }, [kl]);
    expect(inWindow(minimum, kl)).toBe(true);
    expect(minimum.sigmaMax).toBeGreaterThan(kl.sigma * 1.05);
    const extent = extendExtent({ ...EMPTY_EXTENT }, [1, -3, 2, 50], [1, 6, 2, NaN]);
    expect(extent).toEqual({ muMin: -3, muMax: 2, sigmaMax: 6 }); // a non-finite point is skipped
    const trajectories = fittedWindow(PAPER, { mu: 1.8, sigma: 1.8 }, [], extent);
    expect(inWindow(trajectories, { mu: -3, sigma: 6 })).toBe(true);
    const lone = fittedWindow([{ weight: 1, mean: 0, std: 1 }], { mu: 0, sigma: 1 }, [{ mu: 0, sigma: 1 }]);
    expect(lone.muMax - lone.muMin).toBeGreaterThanOrEqual(1.5 * (lone.sigmaMax - lone.sigmaMin) - 1e-9);
    expect(inWindow(lone, { mu: 0, sigma: 1 })).toBe(true);
  });

  it('does not move for a small growth of what it covers (edges are rounded to a nice step)', () => {
    const a = fittedWindow(PAPER, { mu: 1.8, sigma: 1.8 }, [], { muMin: 0, muMax: 2, sigmaMax: 1.5 });
    const b = fittedWindow(PAPER, { mu: 1.8, sigma: 1.8 }, [], { muMin: -0.01, muMax: 2.01, sigmaMax: 1.52 });
    expect(b).toEqual(a);
  });
});

describe('zoom and pan', () => {
  const w = { muMin: -1, muMax: 4, sigmaMin: 0.1, sigmaMax: 3 };
  it('zoom keeps the point under the pointer in place', () => {
    const z = zoomWindow(w, 0.5, { mu: 2, sigma: 1 });
    expect(z.muMax - z.muMin).toBeCloseTo(2.5, 6);
    expect((2 - z.muMin) / (z.muMax - z.muMin)).toBeCloseTo((2 - w.muMin) / (w.muMax - w.muMin), 3);
    expect((1 - z.sigmaMin) / (z.sigmaMax - z.sigmaMin)).toBeCloseTo((1 - w.sigmaMin) / (w.sigmaMax - w.sigmaMin), 3);
  });
  it('pan shifts both axes and never takes sigma to 0 or below', () => {
    const p = panWindow(w, 1, 0.5);
    expect(p).toEqual({ muMin: 0, muMax: 5, sigmaMin: 0.6, sigmaMax: 3.5 });
    const low = panWindow(w, 0, -2);
    expect(low.sigmaMin).toBeGreaterThan(0);
    expect(low.sigmaMax - low.sigmaMin).toBeCloseTo(2.9, 2);
    expect(clampWindow({ muMin: 0, muMax: 0, sigmaMin: -1, sigmaMax: -0.5 }).sigmaMin).toBeGreaterThan(0);
  });
});

describe('the view in the URL', () => {
  it('round-trips and says what is wrong with a bad value', () => {
    const w = { muMin: -1.5, muMax: 9, sigmaMin: 0.05, sigmaMax: 5.5 };
    expect(formatView(w)).toBe('-1.5:9,0.05:5.5');
    expect(parseView(formatView(w))).toEqual(w);
    expect(() => parseView('1:2')).toThrow(/muMin:muMax,sigmaMin:sigmaMax/);
    expect(() => parseView('2:1,0.1:3')).toThrow(/muMin must be below muMax/);
    expect(() => parseView('0:1,0:3')).toThrow(/sigmaMin must be > 0/);
    expect(() => parseView('0:x,0.1:3')).toThrow(/two numbers/);
    expect(() => parseView('0:1000,0.1:3')).toThrow(/within/);
  });
});

describe('panel drawing helpers', () => {
  it('an edge arrow sits on the inset box edge on the line from the centre to the point', () => {
    const box = { left: 0, top: 0, width: 200, height: 100 };
    const right = edgeArrow(box, 400, 50, 10);
    expect(right).toEqual({ x: 190, y: 50, angle: 0 });
    const up = edgeArrow(box, 100, -500, 10);
    expect(up.x).toBeCloseTo(100);
    expect(up.y).toBeCloseTo(10);
    expect(up.angle).toBeCloseTo(-90);
  });

  it('minimum values below 1e-12 print as 0; coordinates to three decimals without -0', () => {
    expect(formatDivergenceValue(6.74e-17)).toBe('0');
    expect(formatDivergenceValue(0.27751)).toBe('0.278');
    expect(formatDivergenceValue(2e-5)).toBe('2.00e-5');
    expect(formatCoordinate(7.26e-12)).toBe('0');
    expect(formatCoordinate(-1e-9)).toBe('0');
    expect(formatCoordinate(1.14199)).toBe('1.142');
    expect(formatCoordinate(8)).toBe('8');
  });

  it('panels leave room for the colour bar and label its boundaries at least a font apart', () => {
    const l = panelLayout(300);
    expect(l.bar.left).toBeGreaterThan(l.box.left + l.box.width);
    expect(l.bar.left + l.bar.width + 40).toBeLessThanOrEqual(l.width);
    expect(l.tickFont).toBeGreaterThanOrEqual(11);
    const labels = labelledBoundaries(17, 200, 15);
    expect(labels.length).toBeGreaterThan(3);
    for (let k = 1; k < labels.length; k++) expect((labels[k] - labels[k - 1]) * (200 / 17)).toBeGreaterThanOrEqual(15);
    expect(labels[0] * (200 / 17)).toBeGreaterThanOrEqual(15);
    expect((17 - labels[labels.length - 1]) * (200 / 17)).toBeGreaterThanOrEqual(15);
  });

  it('gradient arrows of a bowl point to its bottom, in pixels with sigma upwards', () => {
    const n = 41;
    const mus = Array.from({ length: n }, (_, i) => -1 + (5 * i) / (n - 1));
    const sigmas = Array.from({ length: n }, (_, j) => 0.1 + (2.9 * j) / (n - 1));
    const values = new Float64Array(n * n);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) values[j * n + i] = (mus[i] - 1) ** 2 + 3 * (sigmas[j] - 1) ** 2;
    const arrows = gridGradient({ mus, sigmas, values });
    expect(arrows.length).toBeGreaterThan(50);
    const window = { muMin: -1, muMax: 4, sigmaMin: 0.1, sigmaMax: 3 };
    const box = { left: 0, top: 0, width: 250, height: 145 };
    const reference = gradientReference(arrows);
    for (const a of arrows) {
      expect(a.gMu).toBeCloseTo(2 * (a.mu - 1), 6);
      expect(a.gSigma).toBeCloseTo(6 * (a.sigma - 1), 6);
      const { dx, dy } = arrowVector(a, window, box, reference, 10);
      if (a.mu > 1.01) expect(dx).toBeLessThan(0);
      if (a.sigma > 1.01) expect(dy).toBeGreaterThan(0); // downwards on screen: towards smaller sigma
      expect(Math.hypot(dx, dy)).toBeLessThanOrEqual(10 + 1e-9);
    }
  });
});

describe('which runs a panel draws', () => {
  it('the minimisers when several schemes run and one minimises it, else all, unless chosen', () => {
    expect(effectiveRunFilter(undefined, 4, true)).toBe('minimisers');
    expect(effectiveRunFilter(undefined, 4, false)).toBe('all');
    expect(effectiveRunFilter(undefined, 1, true)).toBe('all');
    expect(effectiveRunFilter('all', 4, true)).toBe('all');
  });
});
