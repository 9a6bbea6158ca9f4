import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DIVERGENCES, DIVERGENCE_IDS, getDivergence, LANDSCAPE_IDS, LANDSCAPE_NAMES, type DivergenceId } from '../../../src/math/catalog';
import { numericTailWeights } from '../../../src/math/tails';
import { integrate } from '../../../src/math/quadrature';
import { normalLogPdf } from '../../../src/math/gaussian';

const dGrid = Array.from({ length: 81 }, (_, i) => -8 + i * 0.2);

function close(actual: number, expected: number, rel = 1e-9, abs = 1e-12) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(abs + rel * Math.abs(expected));
}

describe('catalog', () => {
  it('has every id of the critic basis, in order, with distinct names', () => {
    expect(DIVERGENCES.map((d) => d.id)).toEqual([...DIVERGENCE_IDS]);
    expect(new Set(DIVERGENCES.map((d) => d.name)).size).toBe(DIVERGENCES.length);
    expect(getDivergence('js').name).toBe('Jensen-Shannon (4·JS)');
    expect(LANDSCAPE_IDS).toHaveLength(13);
    expect(LANDSCAPE_NAMES.w1).toBe('Wasserstein-1');
    expect(() => getDivergence('nope' as DivergenceId)).toThrow(/unknown/);
  });

  describe.each(DIVERGENCES.map((d) => [d.id, d] as const))('%s', (_id, div) => {
    it('is canonical: f(1) = f\'(1) = 0, f\'\'(1) = 1', () => {
      close(div.f(1), 0, 0, 1e-15);
      close(div.fPrime(1), 0, 0, 1e-15);
      close(div.fSecond(1), 1, 1e-15);
    });

    it('f\' and f\'\' are the derivatives of f (central differences)', () => {
      for (const u of [0.05, 0.3, 0.9, 1.7, 6, 40]) {
        const h = 1e-5 * u;
        close((div.f(u + h) - div.f(u - h)) / (2 * h), div.fPrime(u), 1e-7, 1e-8);
        close((div.fPrime(u + h) - div.fPrime(u - h)) / (2 * h), div.fSecond(u), 1e-7, 1e-8);
      }
    });

    it('f(0) is the limit of f(u) as u -> 0 (finite or Infinity)', () => {
      const f0 = div.f(0);
      expect(Number.isNaN(f0)).toBe(false);
      const infinite = div.tailWeights.left >= 2;
      if (infinite) expect(f0).toBe(Infinity);
      else close(div.f(1e-24), f0, 1e-9, 1e-9); // Hellinger converges like sqrt(u)
    });

    it('a(d) = f\'(e^d) and b(d) = e^d f\'(e^d) - f(e^d)', () => {
      for (const d of dGrid) {
        const u = Math.exp(d);
        close(div.a(d), div.fPrime(u), 1e-9, 1e-11);
        close(div.b(d), u * div.fPrime(u) - div.f(u), 1e-9, 1e-11);
      }
      expect(Math.abs(div.a(0))).toBeLessThan(1e-15);
      expect(Math.abs(div.b(0))).toBeLessThan(1e-15);
    });

    it('a\'(d) = e^d f\'\'(e^d) and b\'(d) = e^d a\'(d) (finite differences, property)', () => {
      fc.assert(fc.property(fc.double({ min: -6, max: 6, noNaN: true }), (d) => {
        const h = 1e-5;
        const aPrime = (div.a(d + h) - div.a(d - h)) / (2 * h);
        const bPrime = (div.b(d + h) - div.b(d - h)) / (2 * h);
        const expected = Math.exp(d) * div.fSecond(Math.exp(d));
        const tol = (x: number) => 1e-6 * Math.max(1, Math.abs(x));
        return Math.abs(aPrime - expected) <= tol(expected) && Math.abs(bPrime - Math.exp(d) * expected) <= tol(Math.exp(d) * expected);
      }), { numRuns: 200 });
    });

    it('a, b and s are finite on d in [-50, 50]', () => {
      for (let d = -50; d <= 50; d += 0.25) {
        expect(Number.isFinite(div.a(d)), `a(${d})`).toBe(true);
        expect(Number.isFinite(div.b(d)), `b(${d})`).toBe(true);
        expect(Number.isFinite(div.s(d)), `s(${d})`).toBe(true);
        expect(div.s(d)).toBeGreaterThanOrEqual(0);
      }
    });

    it('s(d) = f(e^d) for d < 0 and f(e^d)/e^d for d > 0, and s(0) = 0', () => {
      for (const d of dGrid) {
        const u = Math.exp(d);
        const expected = d < 0 ? div.f(u) : div.f(u) / u;
        close(div.s(d), expected, 1e-8, 1e-12);
      }
      expect(div.s(0)).toBe(0);
    });

    it('the reverse entry satisfies a_R(d) = -b(-d), b_R(d) = -a(-d) and f_R(u) = u f(1/u)', () => {
      if (!div.reverse) return;
      const rev = getDivergence(div.reverse);
      for (const d of dGrid) {
        close(rev.a(d), -div.b(-d), 1e-9, 1e-11);
        close(rev.b(d), -div.a(-d), 1e-9, 1e-11);
        const u = Math.exp(d);
        close(rev.f(u), u * div.f(1 / u), 1e-9, 1e-12);
      }
    });

    it('tail weights from f\'\' agree with the table, and bounded iff L, R < 2', () => {
      expect(numericTailWeights(div.fSecond)).toEqual(div.tailWeights);
      expect(div.bounded).toBe(div.tailWeights.left < 2 && div.tailWeights.right < 2);
    });

    // p = N(0, 1), q = N(0.6, 1.2^2): every divergence is finite (Pearson needs sigma_q^2 > 1/2,
    // Neyman sigma_q^2 < 2).
    const logP = (x: number) => normalLogPdf(x, 0, 1);
    const logQ = (x: number) => normalLogPdf(x, 0.6, 1.2);
    const dStar = (x: number) => logP(x) - logQ(x);
    const trueD = integrate((x) => Math.exp(logQ(x)) * div.f(Math.exp(dStar(x))), -20, 20, 20, 40);
    const bound = (d: (x: number) => number) =>
      integrate((x) => Math.exp(logP(x)) * div.a(d(x)) - Math.exp(logQ(x)) * div.b(d(x)), -20, 20, 20, 40);

    it('the variational bound is tight at d* and strictly lower for a perturbed critic', () => {
      expect(trueD).toBeGreaterThan(0.01);
      close(bound(dStar), trueD, 1e-9);
      expect(bound((x) => dStar(x) + 0.3)).toBeLessThan(trueD - 1e-4);
      expect(bound((x) => 0.8 * dStar(x))).toBeLessThan(trueD - 1e-4);
    });
  });

  it('matches the paper\'s Table 1', () => {
    const table: [DivergenceId, number, number, boolean][] = [
      ['kl', 1, 2, false], ['rkl', 2, 1, false], ['js', 1, 1, true], ['jeffreys', 2, 2, false],
      ['neyman', 3, 0, false], ['srkl', 2, 0, false], ['igog', 2, 0, false],
    ];
    for (const [id, left, right, bounded] of table) {
      const div = getDivergence(id);
      expect(div.tailWeights).toEqual({ left, right });
      expect(numericTailWeights(div.fSecond)).toEqual({ left, right });
      expect(div.bounded).toBe(bounded);
    }
  });

  it('f values in the far tails: no NaN, Infinity only where the limit is infinite', () => {
    for (const div of DIVERGENCES) {
      for (const u of [1e-300, 1e-30, 1e-8, 1e8, 1e30, 1e100]) {
        const v = div.f(u);
        expect(Number.isNaN(v), `${div.id} f(${u})`).toBe(false);
        expect(v).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
