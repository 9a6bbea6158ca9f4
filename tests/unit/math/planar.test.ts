import { describe, expect, it } from 'vitest';
import { frechetDistanceSquared, gaussian2Kl, gaussian2LogPdf, klOptimalDiagonal, reverseKlOptimalDiagonal, type Gaussian2 } from '../../../src/math/planar/gaussian2';
import { circleTarget, correlatedTarget, planarMixtureLogPdf, planarMoments, planarSupport, PlanarMixtureSampler } from '../../../src/math/planar/mixture2';
import { planarDivergence, unionBox } from '../../../src/math/planar/divergence2';
import { nelderMead } from '../../../src/math/landscape/nelderMead';
import { Rng } from '../../../src/engine/prng';

/** Eigen-decomposition of a symmetric 2 x 2 matrix: an independent route to matrix square roots. */
function symmetricSqrt(m: readonly (readonly number[])[]): number[][] {
  const [a, b, d] = [m[0][0], m[0][1], m[1][1]];
  const mean = (a + d) / 2;
  const r = Math.hypot((a - d) / 2, b);
  const l1 = mean + r;
  const l2 = mean - r;
  const theta = 0.5 * Math.atan2(2 * b, a - d);
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  const s1 = Math.sqrt(Math.max(0, l1));
  const s2 = Math.sqrt(Math.max(0, l2));
  return [[c * c * s1 + s * s * s2, c * s * (s1 - s2)], [c * s * (s1 - s2), s * s * s1 + c * c * s2]];
}
const mul = (x: readonly (readonly number[])[], y: readonly (readonly number[])[]) => [[x[0][0] * y[0][0] + x[0][1] * y[1][0], x[0][0] * y[0][1] + x[0][1] * y[1][1]], [x[1][0] * y[0][0] + x[1][1] * y[1][0], x[1][0] * y[0][1] + x[1][1] * y[1][1]]];

function frechetByEigen(p: Gaussian2, q: Gaussian2): number {
  const root = symmetricSqrt(p.cov);
  const inner = symmetricSqrt(mul(mul(root, q.cov), root));
  const tr = (m: readonly (readonly number[])[]) => m[0][0] + m[1][1];
  return (p.mean[0] - q.mean[0]) ** 2 + (p.mean[1] - q.mean[1]) ** 2 + tr(p.cov) + tr(q.cov) - 2 * tr(inner);
}

const P: Gaussian2 = { mean: [0, 0], cov: [[5.5, 4.5], [4.5, 5.5]] };
const diag = (s1: number, s2: number, m: [number, number] = [0, 0]): Gaussian2 => ({ mean: m, cov: [[s1 * s1, 0], [0, s2 * s2]] });

describe('two-dimensional Gaussians', () => {
  it('the squared Fréchet distance matches an eigen-decomposition computation and is 0 between equals', () => {
    const rng = new Rng(5, 1);
    for (let i = 0; i < 50; i++) {
      const cov = (): [[number, number], [number, number]] => {
        const a = 0.1 + 3 * rng.uniform();
        const d = 0.1 + 3 * rng.uniform();
        const b = (2 * rng.uniform() - 1) * 0.95 * Math.sqrt(a * d);
        return [[a, b], [b, d]];
      };
      const p: Gaussian2 = { mean: [rng.normal(), rng.normal()], cov: cov() };
      const q: Gaussian2 = { mean: [rng.normal(), rng.normal()], cov: cov() };
      expect(frechetDistanceSquared(p, q)).toBeCloseTo(frechetByEigen(p, q), 9);
      expect(frechetDistanceSquared(p, p)).toBeCloseTo(0, 9);
    }
    // a line and a parallel line 2 apart: only the offset counts
    const line = (y: number): Gaussian2 => ({ mean: [0, y], cov: [[1, 0], [0, 1e-4]] });
    expect(frechetDistanceSquared(line(0), line(2))).toBeCloseTo(4, 9);
  });

  it('the log density integrates to 1 and KL by quadrature matches the closed form', () => {
    const q = diag(1.5, 2.0, [0.5, -0.3]);
    const box = unionBox(planarSupport([{ weight: 1, ...P }]), planarSupport([{ weight: 1, ...q }]));
    const logP = (x: number, y: number) => gaussian2LogPdf(P, x, y);
    const logQ = (x: number, y: number) => gaussian2LogPdf(q, x, y);
    expect(planarDivergence('kl', logP, logQ, box, 500)).toBeCloseTo(gaussian2Kl(P, q), 4);
    expect(planarDivergence('rkl', logP, logQ, box, 500)).toBeCloseTo(gaussian2Kl(q, P), 4);
  });

  it('the KL-optimal diagonal Gaussian keeps the marginal variances; the reverse-KL-optimal one has variances 1/Lambda_ii', () => {
    const kl = klOptimalDiagonal(P);
    const rkl = reverseKlOptimalDiagonal(P);
    expect(kl.std[0]).toBeCloseTo(2.345, 3);
    expect(rkl.std[0]).toBeCloseTo(1.348, 3);
    // independent: minimise the closed-form KLs over the two scales
    const [a1, a2] = nelderMead((u, v) => gaussian2Kl(P, diag(Math.exp(u), Math.exp(v))), [0, 0], [0.3, 0.3]);
    expect([Math.exp(a1), Math.exp(a2)].map((s) => +s.toFixed(4))).toEqual([kl.std[0], kl.std[1]].map((s) => +s.toFixed(4)));
    const [b1, b2] = nelderMead((u, v) => gaussian2Kl(diag(Math.exp(u), Math.exp(v)), P), [0, 0], [0.3, 0.3]);
    expect([Math.exp(b1), Math.exp(b2)].map((s) => +s.toFixed(4))).toEqual([rkl.std[0], rkl.std[1]].map((s) => +s.toFixed(4)));
  });
});

describe('two-dimensional mixtures', () => {
  it('the circle of five has mean 0 and isotropic variance (2 + 25)/2 as its KL-optimal isotropic Gaussian', () => {
    const circle = circleTarget(5, 5);
    const m = planarMoments(circle);
    expect(m.mean[0]).toBeCloseTo(0, 12);
    expect(m.mean[1]).toBeCloseTo(0, 12);
    expect((m.cov[0][0] + m.cov[1][1]) / 2).toBeCloseTo(13.5, 12);
    // independent: KL(p || N(0, v I)) by quadrature is smallest at v = 13.5
    const box = planarSupport(circle, 12);
    const kl = (v: number) => planarDivergence('kl', (x, y) => planarMixtureLogPdf(circle, x, y), (x, y) => gaussian2LogPdf(diag(Math.sqrt(v), Math.sqrt(v)), x, y), box, 240);
    expect(kl(13.5)).toBeLessThan(kl(12.5));
    expect(kl(13.5)).toBeLessThan(kl(14.5));
  });

  it('samples have the mixture moments', () => {
    const target = correlatedTarget();
    const rng = new Rng(3, 2);
    const n = 100_000;
    const out = new Float64Array(2 * n);
    new PlanarMixtureSampler(target).fill(() => rng.uniform(), () => rng.normal(), out, 0, n);
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < n; i++) { sxx += out[2 * i] ** 2; sxy += out[2 * i] * out[2 * i + 1]; }
    expect(sxx / n).toBeCloseTo(5.5, 1);
    expect(sxy / n).toBeCloseTo(4.5, 1);
  });
});

describe('D_f from samples', () => {
  it('agrees with quadrature within its stated error, and states a small error', async () => {
    const { planarDivergenceSamples } = await import('../../../src/math/planar/divergence2');
    const q = diag(1.5, 2.0, [0.5, -0.3]);
    const rng = new Rng(9, 4);
    const draw = (g: Gaussian2, n: number) => {
      const out = new Float64Array(2 * n);
      new PlanarMixtureSampler([{ weight: 1, ...g }]).fill(() => rng.uniform(), () => rng.normal(), out, 0, n);
      return out;
    };
    const logP = (x: number, y: number) => gaussian2LogPdf(P, x, y);
    const logQ = (x: number, y: number) => gaussian2LogPdf(q, x, y);
    const est = planarDivergenceSamples(['kl', 'rkl', 'js'], logP, logQ, draw(P, 20_000), draw(q, 20_000));
    const box = unionBox(planarSupport([{ weight: 1, ...P }]), planarSupport([{ weight: 1, ...q }]));
    for (const id of ['kl', 'rkl', 'js'] as const) {
      const exact = planarDivergence(id, logP, logQ, box, 400);
      expect(Math.abs(est.values[id] - exact)).toBeLessThan(4 * est.errors[id]);
      expect(est.errors[id]).toBeLessThan(0.03 * exact);
    }
  });
});
