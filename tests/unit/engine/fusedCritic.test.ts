// The fused critic kernels (src/engine/fused/) train exactly as tfjs's own kernels do: the same
// trajectories within float32 reassociation, for every objective the fused update covers and the
// configurations it leaves to the kernels path.
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/engine/tf';
import { baseScheme, makeConfig, trainerMaker, trainPoints, useBackend } from './helpers';
import { optimizerSchema, type Config, type SchemeConfig } from '../../../src/config/schema';
import type { Trainer } from '../../../src/engine/trainer';

const adam = (lr: number) => optimizerSchema.parse({ kind: 'adam', learningRate: lr, beta1: 0.5, beta2: 0.9 });
const rmsprop = (lr: number) => optimizerSchema.parse({ kind: 'rmsprop', learningRate: lr });

/** Every f-GAN divergence family the basis has, one scheme each, with each optimizer kind. */
function mixedSchemes(): SchemeConfig[] {
  return [
    baseScheme('sat', 'js'),
    baseScheme('ns', 'js'),
    baseScheme('hyb', 'js', 'rkl'),
    baseScheme('hyb', 'igog', 'js'),
    { ...baseScheme('ns', 'kl'), criticOptimizer: adam(1e-3) },
    { ...baseScheme('ns', 'pearson'), criticOptimizer: rmsprop(1e-3) },
    { ...baseScheme('ns', 'hellinger'), criticOptimizer: adam(2e-3), clip: 0.5 },
    { ...baseScheme('ns', 'neyman'), criticOptimizer: adam(1e-3) },
  ];
}

/** Largest difference in mu and sigma between two trainers' points, relative to the value. */
function maxDifference(a: Awaited<ReturnType<typeof trainPoints>>, b: Awaited<ReturnType<typeof trainPoints>>): number {
  let worst = 0;
  expect(a.length).toBe(b.length);
  a.forEach((p, i) => {
    for (const key of ['mu', 'sigma'] as const) {
      p[key].forEach((v, r) => {
        const w = b[i][key][r];
        worst = Math.max(worst, Math.abs(v - w) / Math.max(1, Math.abs(w)));
      });
    }
  });
  return worst;
}

async function compare(make: (c: Config, o?: { fused?: boolean }) => Trainer, config: Config, steps: number): Promise<{ fused: Trainer; plain: Trainer; diff: number }> {
  const fused = make(config);
  const plain = make(config, { fused: false });
  const diff = maxDifference(await trainPoints(fused, steps), await trainPoints(plain, steps));
  return { fused, plain, diff };
}

describe.each(['cpu', 'wasm'] as const)('fused critic kernels (%s)', (backend) => {
  const make = trainerMaker();

  it('Figure 5 trains as on tfjs kernels within 1e-5 over 200 steps, on the fused path', async () => {
    await useBackend(backend);
    const config = makeConfig([baseScheme('sat'), baseScheme('ns'), baseScheme('hyb', 'js', 'rkl'), baseScheme('hyb', 'js', 'igog')], { critics: 'both', seeds: 2, steps: 200 });
    const { fused, plain, diff } = await compare(make, config, 200);
    expect(fused.criticPath).toEqual({ update: 'fused', slope: 'fused' });
    expect(plain.criticPath).toEqual({ update: 'kernels', slope: 'kernels' });
    expect(diff).toBeLessThan(1e-5);
  });

  it.each(['elu', 'relu', 'leaky-relu', 'tanh', 'softplus'] as const)('every divergence family and optimizer, clipping and readings with %s', async (activation) => {
    await useBackend(backend);
    const config = makeConfig(mixedSchemes(), { critic: { hidden: [12, 7], activation }, batchSize: 64, criticSteps: 2, steps: 200 });
    const { fused, plain, diff } = await compare(make, config, 200);
    expect(fused.criticPath.update).toBe('fused');
    expect(diff).toBeLessThan(1e-5);
    const readings = async (t: Trainer) => { t.stepOnce(); t.recordCurrent(); return (await t.flush()).points.at(-1)!.readings; };
    const [ra, rb] = [await readings(fused), await readings(plain)];
    expect(ra).toBeTruthy();
    expect(Object.keys(ra!)).toEqual(Object.keys(rb!));
    for (const key of Object.keys(rb!) as (keyof NonNullable<typeof rb>)[]) {
      const x = ra![key] as number[];
      const y = rb![key] as number[];
      expect(x.length).toBe(y.length);
      x.forEach((v, i) => expect(Math.abs(v - y[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(y[i]))));
    }
  });

  it('layers wider than the SIMD blocks and narrower than a vector train as on the kernels', async () => {
    await useBackend(backend);
    const config = makeConfig(mixedSchemes().slice(0, 4), { critic: { hidden: [30, 3, 26], activation: 'elu' }, batchSize: 32, criticSteps: 2, steps: 100 });
    const { fused, diff } = await compare(make, config, 100);
    expect(fused.criticPath.update).toBe('fused');
    expect(diff).toBeLessThan(1e-5);
  });

  it('continues exactly from an exported state, and leaks no tensors', async () => {
    await useBackend(backend);
    const config = makeConfig(mixedSchemes(), { critic: { hidden: [8, 8], activation: 'elu' }, batchSize: 32, criticSteps: 3, steps: 40 });
    const whole = make(config);
    const first = make(config);
    await trainPoints(whole, 40);
    await trainPoints(first, 20);
    const resumed = make(config);
    resumed.importState(await first.exportState());
    await trainPoints(resumed, 20);
    expect(await resumed.parameters()).toEqual(await whole.parameters());
    const before = tf.memory().numTensors;
    await trainPoints(whole, 20);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('WGAN with clipping and RMSProp takes the fused path and trains as on the kernels', async () => {
    await useBackend(backend);
    const { fused, diff } = await compare(make, makeConfig([baseScheme('wgan'), baseScheme('ns')], { batchSize: 64, steps: 200 }), 200);
    expect(fused.criticPath.update).toBe('fused');
    expect(diff).toBeLessThan(1e-5);
  });

  it('leaves penalties, spectral normalisation, hinge and KL-WGAN critics on the kernels path (the slope stays fused)', async () => {
    await useBackend(backend);
    for (const scheme of [baseScheme('gan-gp'), { ...baseScheme('ns'), spectralNorm: true }, baseScheme('kl-wgan'), { ...baseScheme('wgan'), wassersteinForm: 'hinge' as const }]) {
      const t = make(makeConfig([scheme], { batchSize: 32, steps: 10 }));
      expect(t.criticPath).toEqual({ update: 'kernels', slope: 'fused' });
      await trainPoints(t, 10);
    }
  });
});
