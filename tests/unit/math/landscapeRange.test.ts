import { describe, expect, it } from 'vitest';
import { DIVERGENCES, LANDSCAPE_IDS } from '../../../src/math/catalog';
import { checkPoint, divergenceValue, isInfiniteDivergence, landscapeGrids, POINT_RANGE } from '../../../src/math/landscape';
import { PAPER_TARGET, type Mixture } from '../../../src/math/mixture';
import { S_FORMULAS, sValue } from '../../../src/math/sFormulas';

const klGauss = (m1: number, s1: number, m2: number, s2: number) => Math.log(s2 / s1) + (s1 * s1 + (m1 - m2) ** 2) / (2 * s2 * s2) - 0.5;
const NARROW_EIGHT: Mixture = Array.from({ length: 8 }, (_, k) => ({ weight: 1 / 8, mean: -10 + (20 * k) / 7, std: 0.01 }));

describe('the range of computed points', () => {
  it('checkPoint refuses what lies outside POINT_RANGE with a message naming the parameter, and accepts its corners', () => {
    for (const [mu, sigma, name] of [[1e17, 1, 'mu'], [1e300, 1, 'mu'], [-1e5, 1, 'mu'], [NaN, 1, 'mu'], [Infinity, 1, 'mu'],
      [0, 1e-300, 'sigma'], [0, 0, 'sigma'], [0, -1, 'sigma'], [0, 1e5, 'sigma'], [0, NaN, 'sigma']] as const) {
      const message = checkPoint(mu, sigma);
      expect(message, `${mu}, ${sigma}`).toMatch(new RegExp(`^${name} must be`));
      expect(() => divergenceValue('js', PAPER_TARGET, mu, sigma)).toThrow(RangeError);
      expect(() => divergenceValue('js', PAPER_TARGET, mu, sigma)).toThrow(message!);
    }
    const { muAbsMax, sigmaMin, sigmaMax } = POINT_RANGE;
    for (const mu of [-muAbsMax, 0, muAbsMax]) for (const sigma of [sigmaMin, 1, sigmaMax]) expect(checkPoint(mu, sigma)).toBeNull();
  });

  it('at the corners of the range every id is a number >= 0 (Infinity only where infinite), never NaN', () => {
    const { muAbsMax, sigmaMin, sigmaMax } = POINT_RANGE;
    for (const target of [PAPER_TARGET, NARROW_EIGHT]) {
      for (const mu of [-muAbsMax, 0, muAbsMax]) {
        for (const sigma of [sigmaMin, sigmaMax]) {
          for (const id of LANDSCAPE_IDS) {
            const v = divergenceValue(id, target, mu, sigma);
            expect(Number.isNaN(v), `${id} at (${mu}, ${sigma})`).toBe(false);
            expect(v).toBeGreaterThanOrEqual(0);
            // Pearson and Neyman may exceed the largest double (e^{5e8} at the narrow corner): Infinity
            if (isInfiniteDivergence(id, target, sigma)) expect(v).toBe(Infinity);
            else if (id !== 'pearson' && id !== 'neyman') expect(Number.isFinite(v), `${id} at (${mu}, ${sigma})`).toBe(true);
            if (id === 'js') expect(v).toBeLessThanOrEqual(4 * Math.LN2 + 1e-12);
            if (id === 'hellinger') expect(v).toBeLessThanOrEqual(4 + 1e-12);
          }
        }
      }
    }
  });

  it('KL and reverse KL at the corners match their closed forms (single Gaussian target)', () => {
    const target: Mixture = [{ weight: 1, mean: 0.3, std: 0.7 }];
    const { muAbsMax, sigmaMin, sigmaMax } = POINT_RANGE;
    for (const mu of [-muAbsMax, 0, muAbsMax]) {
      for (const sigma of [sigmaMin, 1, sigmaMax]) {
        expect(Math.abs(divergenceValue('kl', target, mu, sigma) / klGauss(0.3, 0.7, mu, sigma) - 1), `(${mu}, ${sigma})`).toBeLessThan(1e-9);
        expect(Math.abs(divergenceValue('rkl', target, mu, sigma) / klGauss(mu, sigma, 0.3, 0.7) - 1), `(${mu}, ${sigma})`).toBeLessThan(1e-9);
        // q entirely on one side of p: W1 is the distance of the means
        if (mu !== 0 && sigma < 1) expect(Math.abs(divergenceValue('w1', target, mu, sigma) / Math.abs(mu - 0.3) - 1)).toBeLessThan(1e-12);
      }
    }
  });

  it('a window reaching outside the range is refused', () => {
    expect(() => landscapeGrids(['js'], PAPER_TARGET, { muMin: 0, muMax: 1e17, sigmaMin: 0.1, sigmaMax: 1, nMu: 3, nSigma: 3 })).toThrow(/mu must be/);
    expect(() => landscapeGrids(['js'], PAPER_TARGET, { muMin: 0, muMax: 1, sigmaMin: 1e-300, sigmaMax: 1, nMu: 3, nSigma: 3 })).toThrow(/sigma must be/);
  });
});

describe('the table of s_f formulas', () => {
  it('the branch above 0 of each divergence is the branch below 0 of its reverse', () => {
    for (const d of DIVERGENCES) {
      if (d.reverse) expect(S_FORMULAS[d.id].above, d.id).toEqual(S_FORMULAS[d.reverse].below);
    }
  });

  it('s_f(d) = f(e^d) for d < 0 and f(e^d)/e^d for d > 0 out to |d| = 30', () => {
    for (const div of DIVERGENCES) {
      for (let d = -30; d <= 30; d += 0.37) {
        const u = Math.exp(d);
        const expected = d < 0 ? div.f(u) : div.f(u) / u;
        expect(Math.abs(sValue(div.id, d) - expected), `${div.id} at ${d}`).toBeLessThanOrEqual(1e-12 + 1e-9 * Math.abs(expected));
      }
    }
  });
});
