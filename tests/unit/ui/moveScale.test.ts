import { describe, expect, it } from 'vitest';
import { MIN_ARROW_PX, extendFastestMove, moveArrow, moveScale } from '../../../src/ui/panels/moveScale';
import { freeCorner } from '../../../src/ui/panels/layout';
import { niceFloor } from '../../../src/ui/ticks';

const window = { muMin: -0.5, muMax: 2.5, sigmaMin: 0.1, sigmaMax: 2.1 };
const box = { left: 46, top: 8, width: 300, height: 200 };
// 100 px per unit of mu, 100 px per unit of sigma
const MAX = 30;

describe('the fastest move recorded', () => {
  it('is the largest |d mu| and |d sigma| per step between recorded points, skipping gaps and breaks', () => {
    const steps = [0, 10, 20, 21, 21, 40];
    const mus = [1.8, 1.7, 1.65, 1.6, 9, NaN];
    const sigmas = [1.8, 1.78, 1.7, 1.695, 9, 1];
    const fastest = extendFastestMove({ mu: 0, sigma: 0 }, steps, mus, sigmas);
    expect(fastest.mu).toBeCloseTo(0.05, 12); // 0.05 in one step, from step 20 to 21
    expect(fastest.sigma).toBeCloseTo(0.008, 12); // 0.08 over ten steps
  });

  it('grows from a later point on without reading the earlier ones again', () => {
    const fastest = extendFastestMove({ mu: 0.01, sigma: 0.01 }, [0, 10, 20], [0, 5, 5.1], [1, 1, 1.2], 2);
    expect(fastest).toEqual({ mu: 0.01, sigma: expect.closeTo(0.02, 12) });
  });
});

describe('one scale for every move arrow', () => {
  const fastest = { mu: 0.006, sigma: 0.008 }; // 0.6 and 0.8 px per step: 1 px per step
  const scale = moveScale(fastest, window, box, MAX)!;

  it('draws the fastest move recorded at full length and every other move in proportion', () => {
    expect(scale.steps).toBeCloseTo(30, 9);
    const full = moveArrow({ dMu: 0.006, dSigma: 0.008 }, scale);
    expect(full.length).toBeCloseTo(MAX, 9);
    const half = moveArrow({ dMu: -0.003, dSigma: -0.004 }, scale);
    expect(half.length).toBeCloseTo(MAX / 2, 9);
    // mu grows rightwards, sigma upwards (SVG's y downwards)
    expect(half.dx).toBeLessThan(0);
    expect(half.dy).toBeGreaterThan(0);
    expect(half.atRest).toBe(false);
  });

  it('leaves a converged run at rest: its leftover noise is far below what the panel can show', () => {
    const noise = moveArrow({ dMu: 2e-5, dSigma: -3e-5 }, scale);
    expect(noise.atRest).toBe(true);
    expect(noise.length).toBeLessThan(MIN_ARROW_PX);
    expect([noise.dx, noise.dy]).toEqual([0, 0]);
  });

  it('keys a round value per step whose arms are its length along mu and sigma, within the full length', () => {
    const { value, muPx, sigmaPx } = scale.key;
    expect(value / 10 ** Math.floor(Math.log10(value))).toSatisfy((m: number) => [1, 2, 5].some((n) => Math.abs(m - n) < 1e-9));
    expect(muPx).toBeCloseTo(value * 100 * scale.steps, 6);
    expect(sigmaPx).toBeCloseTo(value * 100 * scale.steps, 6);
    expect(Math.max(muPx, sigmaPx)).toBeLessThanOrEqual(MAX);
    expect(Math.max(muPx, sigmaPx)).toBeGreaterThanOrEqual(0.4 * MAX);
    // a move of exactly the key's value along mu is as long as the key's mu arm
    expect(moveArrow({ dMu: value, dSigma: 0 }, scale).length).toBeCloseTo(muPx, 9);
  });

  it('is the same for the same fastest move whatever the current moves, and none before any move', () => {
    expect(moveScale(fastest, window, box, MAX)).toEqual(scale);
    expect(moveScale({ mu: 0, sigma: 0 }, window, box, MAX)).toBeNull();
  });
});

describe("the arrows' key", () => {
  it('takes the lower right corner unless a marker is there, then the corner that hides fewest', () => {
    expect(freeCorner(box, 100, 40, [])).toEqual({ left: 46 + 300 - 4 - 100, top: 8 + 200 - 4 - 40 });
    const lowerRight = { x: 300, y: 190 };
    expect(freeCorner(box, 100, 40, [lowerRight])).toEqual({ left: 46 + 300 - 4 - 100, top: 8 + 4 });
    const upperRight = { x: 300, y: 20 };
    expect(freeCorner(box, 100, 40, [lowerRight, upperRight])).toEqual({ left: 46 + 4, top: 8 + 4 });
    // a marker just outside the key still counts (markers are drawn a few pixels wide)
    expect(freeCorner(box, 100, 40, [{ x: 46 + 300 - 4 - 100 - 5, y: 190 }, upperRight, { x: 60, y: 20 }])).toEqual({ left: 46 + 4, top: 8 + 200 - 4 - 40 });
  });

  it('round values are the largest of 1, 2 or 5 times a power of ten at most the number', () => {
    expect([0.0037, 0.002, 0.0199, 7, 10, 55].map(niceFloor)).toEqual([0.002, 0.002, 0.01, 5, 10, 50]);
  });
});
