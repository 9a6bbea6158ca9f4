import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/engine/tf';
import { selectBackend } from '../../../src/engine/backend';
import { FAMILY_KINDS, expandPlanarRuns, planarConfigSchema, type FamilyKind } from '../../../src/config/planar';
import { baseScheme } from '../../../src/config/schema';
import { makeFamily } from '../../../src/engine/planar/families';
import { PlanarTarget } from '../../../src/engine/planar/target';
import { PlanarTrainer } from '../../../src/engine/planar/trainer';
import { gaussian2LogPdf, sampleMoments } from '../../../src/math/planar/gaussian2';
import { circleTarget, correlatedTarget, planarMixtureLogPdf, planarSupport } from '../../../src/math/planar/mixture2';
import { planarDivergence, unionBox } from '../../../src/math/planar/divergence2';
import { Rng } from '../../../src/engine/prng';

beforeAll(async () => {
  await selectBackend('cpu');
});

const START = { mean: [0.5, -0.3] as [number, number], std: [1.2, 0.7] as [number, number], A: [[0.8, 0.3], [-0.2, 0.5]] as [number, number][] };
const family = (kind: FamilyKind) => makeFamily({ family: { kind, latent: 2, outputNoise: 0.05, hidden: [6] }, start: START });

function normals(R: number, n: number, dim: number, seed: number): tf.Tensor {
  const rng = new Rng(seed, 0);
  const out = new Float32Array(R * n * dim);
  rng.fillNormal(out, 0, out.length);
  return tf.tensor3d(out, [R, n, dim]);
}

describe('generator families on the plane', () => {
  for (const kind of FAMILY_KINDS) {
    it(`${kind}: the tape's parameter gradient of a function of the samples matches central differences`, () => {
      const f = family(kind);
      const params = f.initial(2, [3, 4]).map((p, i) => tf.add(p, tf.mul(normals(p.shape[0]!, 1, p.size / p.shape[0]!, 90 + i).reshape(p.shape), 0.1)));
      const z = normals(2, 64, f.noiseDim, 7);
      const objective = (ps: tf.Tensor[]) => {
        const x = f.sample(ps, z);
        const [x1, x2] = tf.split(x, 2, 2);
        return tf.sum(tf.add(tf.mul(tf.sin(x1), x2), tf.mul(tf.square(x1), 0.1)));
      };
      const grads = tf.grads((...ps: tf.Tensor[]) => objective(ps))(params);
      const h = 2e-3;
      params.forEach((p, i) => {
        const values = p.dataSync();
        const analytic = grads[i].dataSync();
        for (let j = 0; j < Math.min(values.length, 12); j++) {
          const shifted = (delta: number) => {
            const v = Float32Array.from(values);
            v[j] += delta;
            const ps = params.map((q, k) => (k === i ? tf.tensor(v, q.shape) : q));
            return objective(ps).dataSync()[0];
          };
          const numeric = (shifted(h) - shifted(-h)) / (2 * h);
          expect(Math.abs(analytic[j] - numeric)).toBeLessThan(0.02 * Math.abs(numeric) + 0.02);
        }
      });
    });
  }

  for (const kind of ['isotropic', 'diagonal', 'full', 'linear'] as const) {
    it(`${kind}: log q is the closed-form Gaussian density of the family's moments, and samples have those moments`, async () => {
      const f = family(kind);
      const params = f.initial(2, [3, 4]).map((p, i) => tf.add(p, tf.mul(normals(p.shape[0]!, 1, p.size / p.shape[0]!, 50 + i).reshape(p.shape), 0.2)));
      const values = params.map((p) => p.dataSync() as Float32Array);
      const x = normals(2, 16, 2, 11);
      const logQ = f.logDensity(params, x)!.dataSync();
      const xs = x.dataSync();
      for (let r = 0; r < 2; r++) {
        const g = f.moments(values, r)!;
        for (let n = 0; n < 16; n++) {
          expect(logQ[r * 16 + n]).toBeCloseTo(gaussian2LogPdf(g, xs[(r * 16 + n) * 2], xs[(r * 16 + n) * 2 + 1]), 3);
        }
        const samples = f.sample(params, normals(2, 40_000, f.noiseDim, 12)).dataSync();
        const m = sampleMoments(samples.subarray(r * 80_000, (r + 1) * 80_000));
        expect(m.mean[0]).toBeCloseTo(g.mean[0], 1);
        expect(m.cov[0][1]).toBeCloseTo(g.cov[0][1], 1);
        expect(m.cov[1][1] / g.cov[1][1]).toBeCloseTo(1, 1);
      }
    });
  }

  it('the target log density on the device is the mixture log density', () => {
    const target = circleTarget(5, 5);
    const device = new PlanarTarget(target);
    const x = tf.mul(normals(1, 50, 2, 13), 4);
    const values = device.logDensity(x).dataSync();
    const xs = x.dataSync();
    for (let n = 0; n < 50; n++) expect(values[n]).toBeCloseTo(planarMixtureLogPdf(target, xs[2 * n], xs[2 * n + 1]), 3);
    device.dispose();
  });
});

describe('the optimal critic on the plane', () => {
  // q wider than p in every direction, so that the samples' weights p/q of the KL gradient are bounded
  it('gives the gradient of D_f (gradient matching): hybrid (KL, JS) and (RKL, JS) against quadrature differences', async () => {
    const config = planarConfigSchema.parse({
      target: correlatedTarget(), family: { kind: 'diagonal' }, start: { mean: [1, -0.5], std: [3.6, 3.4] },
      schemes: [baseScheme('hyb', 'js', 'kl'), baseScheme('hyb', 'js', 'rkl')], critics: 'optimal',
    });
    const trainer = new PlanarTrainer(config, expandPlanarRuns(config).runs);
    const { grads } = await trainer.generatorGradient(200_000);
    trainer.dispose();
    const p = correlatedTarget()[0];
    const box = unionBox(planarSupport([p]), { x: [-30, 30], y: [-30, 30] });
    const divergence = (id: 'kl' | 'rkl', m: [number, number], logS: [number, number]) => planarDivergence(id, (x, y) => gaussian2LogPdf(p, x, y),
      (x, y) => gaussian2LogPdf({ mean: m, cov: [[Math.exp(2 * logS[0]), 0], [0, Math.exp(2 * logS[1])]] }, x, y), box, 400);
    const h = 1e-3;
    (['kl', 'rkl'] as const).forEach((id, r) => {
      const m: [number, number] = [1, -0.5];
      const s: [number, number] = [Math.log(3.6), Math.log(3.4)];
      const dMean = [0, 1].map((k) => {
        const up = [...m] as [number, number]; up[k] += h;
        const down = [...m] as [number, number]; down[k] -= h;
        return (divergence(id, up, s) - divergence(id, down, s)) / (2 * h);
      });
      const dLogS = [0, 1].map((k) => {
        const up = [...s] as [number, number]; up[k] += h;
        const down = [...s] as [number, number]; down[k] -= h;
        return (divergence(id, m, up) - divergence(id, m, down)) / (2 * h);
      });
      const tape = [grads[0][2 * r], grads[0][2 * r + 1], grads[1][2 * r], grads[1][2 * r + 1]];
      [...dMean, ...dLogS].forEach((exact, k) => expect(Math.abs(tape[k] - exact)).toBeLessThan(0.05 * Math.abs(exact) + 0.01));
    });
  });

  it('refuses optimal critics for the MLP family, which has no density', () => {
    const config = planarConfigSchema.parse({
      target: circleTarget(8, 2, 0.01), family: { kind: 'mlp' }, schemes: [baseScheme('ns', 'js')], critics: 'both',
    });
    const { runs, skipped } = expandPlanarRuns(config);
    expect(runs.every((r) => r.critic === 'learned')).toBe(true);
    expect(skipped[0]).toMatch(/no closed-form density/);
  });
});

describe('every family with every loss scheme', () => {
  const schemes = [
    baseScheme('sat', 'js'), baseScheme('ns', 'js'), baseScheme('hyb', 'js', 'rkl'), baseScheme('wgan'), baseScheme('wgan-gp'),
    baseScheme('gan-gp'), baseScheme('dragan'), baseScheme('kl-wgan'),
    { ...baseScheme('kl-wgan'), wassersteinForm: 'hinge' as const, klRatioGradient: 'differentiated' as const, spectralNorm: true },
  ];
  for (const kind of FAMILY_KINDS) {
    it(`${kind}: trains a few steps under each scheme (learned and, where q has a density, optimal critics) and moves`, async () => {
      for (const group of [schemes.slice(0, 5), schemes.slice(5)]) {
        const config = planarConfigSchema.parse({
          target: circleTarget(3, 2, 0.2), family: { kind, latent: 2, hidden: [8] }, start: { mean: [0.5, 0.5], std: [1, 1] },
          schemes: group, critics: 'both', batchSize: 16, criticSteps: 2, steps: 4, critic: { hidden: [8, 8] },
        });
        const { runs } = expandPlanarRuns(config);
        const trainer = new PlanarTrainer(config, runs);
        const before = await trainer.moments();
        const result = await trainer.train(4);
        const after = await trainer.moments();
        trainer.dispose();
        expect(result.stopped).toEqual([]);
        after.forEach((g, r) => {
          expect([...g.mean, g.cov[0][0], g.cov[1][1]].every(Number.isFinite), runs[r].label).toBe(true);
          const moved = Math.abs(g.mean[0] - before[r].mean[0]) + Math.abs(g.cov[0][0] - before[r].cov[0][0]);
          expect(moved, runs[r].label).toBeGreaterThan(0);
        });
      }
    });
  }
});
