import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/engine/backend';
import { expandPlanarRuns, planarConfigSchema } from '../../../src/config/planar';
import { baseScheme } from '../../../src/config/schema';
import { PlanarTrainer } from '../../../src/engine/planar/trainer';
import { planarSnapshot } from '../../../src/engine/planar/views';
import { isotropicLandscape } from '../../../src/math/planar/landscape2';
import { circleTarget } from '../../../src/math/planar/mixture2';
import { frechetDistanceSquared, gaussian2LogPdf } from '../../../src/math/planar/gaussian2';
import { planarMixtureLogPdf, planarMoments, planarSupport } from '../../../src/math/planar/mixture2';
import { planarDivergence, unionBox } from '../../../src/math/planar/divergence2';

beforeAll(async () => {
  await selectBackend('cpu');
});

const circle = circleTarget(5, 5);

describe('the 2-D views', () => {
  it('a snapshot holds the critics on the grid, samples with their pushes, and true divergences that quadrature confirms', async () => {
    const config = planarConfigSchema.parse({
      target: circle, family: { kind: 'isotropic' }, start: { mean: [2, 1], std: [1.5, 1.5] },
      schemes: [baseScheme('hyb', 'js', 'rkl'), baseScheme('hyb', 'js', 'kl')], critics: 'both', batchSize: 64, steps: 20,
    });
    const runs = expandPlanarRuns(config).runs;
    const trainer = new PlanarTrainer(config, runs);
    await trainer.train(3);
    const snap = await planarSnapshot(trainer.viewSource(), true);
    trainer.dispose();
    expect(snap.step).toBe(3);
    const cells = snap.grid.n * snap.grid.n;
    expect(snap.logP).toHaveLength(cells);
    const h = (snap.grid.x[1] - snap.grid.x[0]) / snap.grid.n;
    expect(snap.logP[0]).toBeCloseTo(planarMixtureLogPdf(circle, snap.grid.x[0] + h / 2, snap.grid.y[0] + h / 2), 4);
    snap.runs.forEach((run, r) => {
      expect(run.samples).toHaveLength(run.arrows.length);
      expect(run.optimal).toHaveLength(cells);
      expect(run.critic === null).toBe(runs[r].critic === 'optimal');
      expect(run.frechet).toBeCloseTo(frechetDistanceSquared(run.moments, planarMoments(circle)), 9);
      const box = unionBox(planarSupport(circle, 8), { x: [-20, 20], y: [-20, 20] });
      const rkl = planarDivergence('rkl', (x, y) => planarMixtureLogPdf(circle, x, y), (x, y) => gaussian2LogPdf(run.moments, x, y), box, 300);
      expect(run.divergences.rkl).toBeCloseTo(rkl, 2);
      // the push on an optimal-critic run's samples is -dLoss/dx: finite, and not all zero
      expect(run.arrows.every(Number.isFinite)).toBe(true);
      expect(run.arrows.some((a) => a !== 0)).toBe(true);
    });
  });

  it('the isotropic landscape of reverse KL has a basin at every mode of the circle, that of KL one in the middle', () => {
    const config = planarConfigSchema.parse({ target: circle, family: { kind: 'isotropic' }, schemes: [baseScheme('ns', 'js')] });
    const argmin = (values: number[]) => values.reduce((best, v, i) => (v < values[best] ? i : best), 0);
    const at = (l: ReturnType<typeof isotropicLandscape>, k: number) => {
      const h = (l.grid.x[1] - l.grid.x[0]) / l.grid.n;
      return [l.grid.x[0] + ((k % l.grid.n) + 0.5) * h, l.grid.y[0] + (Math.floor(k / l.grid.n) + 0.5) * h];
    };
    const kl = isotropicLandscape(config.target, 'kl', 0, Math.sqrt(13.5), 24);
    const [kx, ky] = at(kl, argmin(kl.values));
    expect(Math.hypot(kx, ky)).toBeLessThan(1);
    const rkl = isotropicLandscape(config.target, 'rkl', 0, 1, 24);
    const [rx, ry] = at(rkl, argmin(rkl.values));
    expect(Math.abs(Math.hypot(rx, ry) - 5)).toBeLessThan(1);
    // a basin at each mode: the value at each mode is below the value at the centre
    const h = (rkl.grid.x[1] - rkl.grid.x[0]) / rkl.grid.n;
    const near = (x: number, y: number) => rkl.values[Math.floor((y - rkl.grid.y[0]) / h) * rkl.grid.n + Math.floor((x - rkl.grid.x[0]) / h)];
    const centre = near(0, 0);
    for (const c of circle) expect(near(c.mean[0], c.mean[1])).toBeLessThan(centre);
  });
});

describe('the 2-D monitor where p is too narrow for the quadrature grid', () => {
  it('estimates D_f from samples, states the error, and agrees with the closed form of KL', async () => {
    const { getPlanarPreset } = await import('../../../src/config/planarPresets');
    const { gaussian2Kl } = await import('../../../src/math/planar/gaussian2');
    const config = planarConfigSchema.parse({ ...getPlanarPreset('fedus-parallel-line')!.config, critics: 'optimal', schemes: [baseScheme('ns', 'js')] });
    const trainer = new PlanarTrainer(config, expandPlanarRuns(config).runs);
    const snap = await planarSnapshot(trainer.viewSource(), true);
    trainer.dispose();
    const run = snap.runs[0];
    expect(run.divergenceErrors).not.toBeNull();
    const exact = gaussian2Kl({ mean: config.target[0].mean, cov: config.target[0].cov }, run.moments);
    expect(exact).toBeGreaterThan(700);
    expect(Math.abs(run.divergences.kl - exact)).toBeLessThan(4 * run.divergenceErrors!.kl + 1e-6);
    expect(run.divergenceErrors!.kl).toBeLessThan(0.01 * exact);
  });
});
