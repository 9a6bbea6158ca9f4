// Gradient matching (paper §3): with the optimal critic d* (q's parameters held constant), the
// generator gradient equals the gradient of the divergence the scheme minimises.
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer } from '../../../src/engine/trainer';
import { divergenceValue } from '../../../src/math/landscape';
import { baseScheme, makeConfig, runsOf, stratifiedNormals, useBackend } from './helpers';
import type { SchemeConfig } from '../../../src/config/schema';

const N = 20000;

const SCHEMES: Array<[string, SchemeConfig]> = [
  ['saturating JS', baseScheme('sat', 'js')],
  ['saturating KL', baseScheme('sat', 'kl')],
  ['saturating reverse KL', baseScheme('sat', 'rkl')],
  ['hybrid (IGOG, JS)', baseScheme('hyb', 'js', 'igog')],
  ['hybrid (Hellinger, JS)', baseScheme('hyb', 'js', 'hellinger')],
  ['non-saturating JS', baseScheme('ns', 'js')],
  ['non-saturating KL', baseScheme('ns', 'kl')],
];

describe.each(['cpu', 'wasm'] as const)('gradient matching with the optimal critic (%s)', (backend) => {
  beforeAll(async () => { await useBackend(backend); });

  it.each([[1.8, 1.8], [1.0, 1.4], [2.2, 1.3]])('equals the finite-difference gradient of D_f at mu=%s, sigma=%s', async (mu, sigma) => {
    const config = makeConfig(SCHEMES.map(([, s]) => s), { critics: 'optimal', mu0: mu, sigma0: sigma, batchSize: 16 });
    const runs = runsOf(config);
    const trainer = new Trainer(config, runs);
    const { dmu, dsigma } = await trainer.generatorGradient(stratifiedNormals(N, runs.length), N);
    trainer.dispose();
    runs.forEach((run, r) => {
      const id = run.minimises!;
      const h = 1e-4;
      const D = (m: number, s: number) => divergenceValue(id, config.target, m, s);
      const fdMu = (D(mu + h, sigma) - D(mu - h, sigma)) / (2 * h);
      const fdSigma = (D(mu, sigma + h) - D(mu, sigma - h)) / (2 * h);
      const scale = Math.max(1e-2, Math.hypot(fdMu, fdSigma));
      expect(Math.abs(dmu[r] - fdMu) / scale, `${SCHEMES[r][0]} (${id}) dmu ${dmu[r]} vs ${fdMu}`).toBeLessThan(0.01);
      expect(Math.abs(dsigma[r] - fdSigma) / scale, `${SCHEMES[r][0]} (${id}) dsigma ${dsigma[r]} vs ${fdSigma}`).toBeLessThan(0.01);
    });
  });

  it('gives the non-saturating JS gradient equal to the softened-reverse-KL gradient (same z)', async () => {
    const config = makeConfig([baseScheme('ns', 'js'), baseScheme('sat', 'srkl')], { critics: 'optimal', batchSize: 16 });
    const runs = runsOf(config);
    expect(runs.map((r) => r.minimises)).toEqual(['srkl', 'srkl']);
    const trainer = new Trainer(config, runs);
    const n = 4096;
    const z = new Float32Array(2 * n);
    const zs = stratifiedNormals(n, 1);
    z.set(zs, 0);
    z.set(zs, n);
    const { dmu, dsigma } = await trainer.generatorGradient(z, n);
    trainer.dispose();
    expect(dmu[0]).toBeCloseTo(dmu[1], 5);
    expect(dsigma[0]).toBeCloseTo(dsigma[1], 5);
    expect(Math.abs(dmu[0]) + Math.abs(dsigma[0])).toBeGreaterThan(1e-3);
  });
});
