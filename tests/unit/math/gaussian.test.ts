import { describe, expect, it } from 'vitest';
import { erf, erfc, normalCdf, normalLogPdf, normalPdf, normalSurvival, standardNormalLogCdf } from '../../../src/math/gaussian';
import { mixtureCdf, mixtureIssues, mixtureLogPdf, mixturePdf, mixtureSurvival, PAPER_TARGET } from '../../../src/math/mixture';
import { integrate } from '../../../src/math/quadrature';

// reference values from mpmath at 30 digits
const ERFC: [number, number][] = [
  [-3, 1.9999779095030014146], [-0.3, 1.3286267594591274162], [0.1, 0.8875370839817151016],
  [0.4, 0.57160764495333152355], [0.5, 0.47950012218695346232], [1, 0.15729920705028513066],
  [2, 0.0046777349810472658379], [3.9, 3.4792248597231767129e-8], [4.1, 6.7000276540849184417e-9],
  [10, 2.088487583762544757e-45], [26, 5.6631924088561428465e-296],
];
const LOG_CDF: [number, number][] = [
  [-40, -804.60844201375378817], [-10, -53.231285150512470578], [-3, -6.6077262215103495433],
  [0.5, -0.36894641528865639307], [8, -6.2209605742717858094e-16],
];

describe('gaussian', () => {
  it('erfc has ~1e-15 relative accuracy, including deep in the tail', () => {
    for (const [x, ref] of ERFC) expect(Math.abs(erfc(x) / ref - 1), `erfc(${x})`).toBeLessThan(5e-15);
  });

  it('erf is odd, erf + erfc = 1, and accurate near 0', () => {
    for (const x of [1e-10, 0.2, 0.46875, 0.47, 1.3, 5]) {
      expect(erf(-x)).toBe(-erf(x));
      expect(Math.abs(erf(x) + erfc(x) - 1)).toBeLessThan(2e-16);
    }
    expect(Math.abs(erf(1e-10) / (2e-10 / Math.sqrt(Math.PI)) - 1)).toBeLessThan(1e-15);
  });

  it('log Phi is accurate in both tails', () => {
    for (const [z, ref] of LOG_CDF) expect(Math.abs(standardNormalLogCdf(z) / ref - 1), `logPhi(${z})`).toBeLessThan(1e-14);
  });

  it('pdf integrates to 1 and cdf + survival = 1', () => {
    expect(Math.abs(integrate((x) => normalPdf(x, 0.5, 0.2), -5, 6, 20, 20) - 1)).toBeLessThan(1e-13);
    expect(normalLogPdf(1e6, 0, 1)).toBeCloseTo(-5e11 - 0.5 * Math.log(2 * Math.PI), 0);
    for (const x of [-3, 0.1, 2.7]) expect(normalCdf(x, 0.5, 1.3) + normalSurvival(x, 0.5, 1.3)).toBeCloseTo(1, 15);
  });
});

describe('mixture', () => {
  it('PAPER_TARGET is 0.5 N(0, 0.3²) + 0.5 N(2, 1) and valid', () => {
    expect(PAPER_TARGET).toEqual([{ weight: 0.5, mean: 0, std: 0.3 }, { weight: 0.5, mean: 2, std: 1 }]);
    expect(mixtureIssues(PAPER_TARGET)).toEqual([]);
    expect(mixtureIssues([{ weight: 0.5, mean: 0, std: 1 }])).toHaveLength(1);
    expect(mixtureIssues([{ weight: 1, mean: 0, std: 0 }])).toHaveLength(1);
  });

  it('log pdf agrees with the direct sum and stays finite far in the tails', () => {
    for (const x of [-2, 0, 0.7, 3, 9]) {
      const direct = 0.5 * normalPdf(x, 0, 0.3) + 0.5 * normalPdf(x, 2, 1);
      expect(Math.abs(mixturePdf(PAPER_TARGET, x) / direct - 1)).toBeLessThan(1e-14);
    }
    // at x = 1000 both densities underflow, but log p is the wide component's quadratic
    const far = mixtureLogPdf(PAPER_TARGET, 1000);
    expect(Math.abs(far - (Math.log(0.5) + normalLogPdf(1000, 2, 1))) / Math.abs(far)).toBeLessThan(1e-15);
  });

  it('cdf is the integral of the pdf; survival is accurate in the right tail', () => {
    for (const x of [-1, 0.4, 2.5]) {
      const integral = integrate((t) => mixturePdf(PAPER_TARGET, t), -12, x, 20, 40);
      expect(Math.abs(mixtureCdf(PAPER_TARGET, x) - integral)).toBeLessThan(1e-13);
    }
    const s = mixtureSurvival(PAPER_TARGET, 12);
    expect(Math.abs(s / (0.5 * 0.5 * erfc(10 / Math.SQRT2)) - 1)).toBeLessThan(1e-13);
  });
});
