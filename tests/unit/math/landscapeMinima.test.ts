import { describe, expect, it } from 'vitest';
import type { LandscapeId } from '../../../src/math/catalog';
import {
  defaultLandscapeWindow, divergenceValue, findGlobalMinima, findMinima, minimaSearchRegion, nearestMinimum, PAPER_WINDOW,
} from '../../../src/math/landscape';
import { PAPER_TARGET, type Mixture } from '../../../src/math/mixture';

const FAR: Mixture = [{ weight: 1, mean: 8, std: 0.5 }];
const BIMODAL: Mixture = [{ weight: 0.5, mean: 0, std: 0.3 }, { weight: 0.5, mean: 8, std: 1 }];

/** Nothing on a ring of points around m (relative step h) is lower. */
function isLowest(id: LandscapeId, target: Mixture, m: { mu: number; sigma: number; value: number }, h: number): boolean {
  for (let k = 0; k < 8; k++) {
    const angle = (k * Math.PI) / 4;
    const v = divergenceValue(id, target, m.mu + h * m.sigma * Math.cos(angle), m.sigma * (1 + h * Math.sin(angle)));
    if (v < m.value) return false;
  }
  return true;
}

describe('findGlobalMinima: the whole half-plane sigma > 0', () => {
  it.each(['js', 'kl', 'rkl', 'srkl', 'igog', 'hellinger', 'w1'] as const)('%s: a far target N(8, 0.5) has its global minimum at (8, 0.5), outside the paper window', (id) => {
    const minima = findGlobalMinima(id, FAR, PAPER_WINDOW);
    expect(minima.length).toBeGreaterThanOrEqual(1);
    const [best] = minima;
    expect(best.global).toBe(true);
    expect(Math.abs(best.mu - 8)).toBeLessThan(1e-6);
    expect(Math.abs(best.sigma - 0.5)).toBeLessThan(1e-6);
    expect(best.value).toBeLessThan(1e-10);
    expect(best.inWindow).toBe(false);
    // the lowest point of the paper window is far above it
    expect(findMinima(id, FAR, { ...PAPER_WINDOW, nMu: 31, nSigma: 31 })[0].value).toBeGreaterThan(best.value + 0.1);
  });

  it('the bimodal target 0.5 N(0, 0.3²) + 0.5 N(8, 1): mode-seeking minima at both modes, one outside the paper window', () => {
    for (const id of ['rkl', 'srkl', 'igog'] as const) {
      const minima = findGlobalMinima(id, BIMODAL, PAPER_WINDOW);
      const near = (mu: number, sigma: number) => minima.find((m) => Math.abs(m.mu - mu) < 0.05 && Math.abs(m.sigma - sigma) < 0.05);
      const wide = near(8, 1);
      const narrow = near(0, 0.3);
      expect(wide, id).toBeDefined();
      expect(narrow, id).toBeDefined();
      expect(wide!.inWindow).toBe(false);
      expect(narrow!.inWindow).toBe(true);
      expect(minima.filter((m) => m.global).length).toBeGreaterThanOrEqual(1);
      expect(minima[0].global).toBe(true);
      for (const m of minima) expect(isLowest(id, BIMODAL, m, 1e-3), `${id} at (${m.mu}, ${m.sigma})`).toBe(true);
    }
    // KL covers both modes: one minimum, at the moments of p
    const kl = findGlobalMinima('kl', BIMODAL);
    expect(kl).toHaveLength(1);
    expect(kl[0].mu).toBeCloseTo(4, 6);
    expect(kl[0].sigma).toBeCloseTo(Math.sqrt(0.5 * 0.09 + 0.5 * 1 + 16), 6);
  });

  it('agrees with findMinima on the paper target (both minima of the reverse-KL-like divergences, in the window)', () => {
    for (const id of ['js', 'kl', 'rkl', 'srkl', 'igog'] as const) {
      const inWindow = findMinima(id, PAPER_TARGET, { ...PAPER_WINDOW, nMu: 61, nSigma: 61 });
      const global = findGlobalMinima(id, PAPER_TARGET, PAPER_WINDOW);
      expect(global.map((m) => m.inWindow)).toEqual(global.map(() => true));
      expect(global).toHaveLength(inWindow.length);
      global.forEach((m, k) => {
        expect(Math.abs(m.mu - inWindow[k].mu), id).toBeLessThan(1e-5);
        expect(Math.abs(m.sigma - inWindow[k].sigma), id).toBeLessThan(1e-5);
        expect(m.global).toBe(k === 0);
      });
    }
  });

  it('every minimum lies inside minimaSearchRegion', () => {
    for (const target of [PAPER_TARGET, FAR, BIMODAL]) {
      const region = minimaSearchRegion(target);
      for (const m of findGlobalMinima('srkl', target)) {
        expect(m.mu).toBeGreaterThan(region.muMin);
        expect(m.mu).toBeLessThan(region.muMax);
        expect(m.sigma).toBeGreaterThan(region.sigmaMin);
        expect(m.sigma).toBeLessThan(region.sigmaMax);
      }
    }
  });
});

describe('nearestMinimum', () => {
  it('a run on N(8, 0.5) ending at (7.992, 0.5) is reported against (8, 0.5)', () => {
    const m = nearestMinimum('js', FAR, 7.992, 0.5)!;
    expect(m.mu).toBeCloseTo(8, 6);
    expect(m.sigma).toBeCloseTo(0.5, 6);
    expect(m.distance).toBeCloseTo(0.008, 6);
  });

  it('picks the nearer of two minima on the paper target', () => {
    expect(nearestMinimum('srkl', PAPER_TARGET, 0.1, 0.4)!.mu).toBeCloseTo(0.0668, 3);
    expect(nearestMinimum('srkl', PAPER_TARGET, 1.8, 1.8)!.mu).toBeCloseTo(1.5491, 3);
  });
});

describe('defaultLandscapeWindow', () => {
  it('covers every mode and the start with a margin', () => {
    for (const [target, start] of [[PAPER_TARGET, { mu: 1.8, sigma: 1.8 }], [BIMODAL, { mu: 10, sigma: 5 }], [FAR, { mu: -3, sigma: 0.2 }]] as const) {
      const w = defaultLandscapeWindow(target, start);
      for (const c of target) {
        expect(w.muMin).toBeLessThan(c.mean - c.std);
        expect(w.muMax).toBeGreaterThan(c.mean + c.std);
        expect(w.sigmaMin).toBeLessThan(c.std);
        expect(w.sigmaMax).toBeGreaterThan(c.std);
      }
      expect(w.muMin).toBeLessThan(start.mu);
      expect(w.muMax).toBeGreaterThan(start.mu);
      expect(w.sigmaMin).toBeLessThan(start.sigma);
      expect(w.sigmaMax).toBeGreaterThan(start.sigma);
      expect(w.sigmaMin).toBeGreaterThan(0);
    }
  });

  it('is about the paper window for the paper target and start', () => {
    const w = defaultLandscapeWindow(PAPER_TARGET, { mu: 1.8, sigma: 1.8 });
    expect(w.sigmaMin).toBeCloseTo(0.1, 6);
    expect(w.sigmaMax).toBeCloseTo(2 * Math.sqrt(0.5 * 0.09 + 0.5 * 1 + 1), 6);
    expect(w.muMin).toBeLessThan(-0.5);
    expect(w.muMax).toBeGreaterThan(3);
    expect(w.muMax - w.muMin).toBeLessThan(6);
  });
});
