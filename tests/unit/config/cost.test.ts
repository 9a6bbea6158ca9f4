// The memory estimate against the peak that tf.profile measures for real Trainers on the cpu
// backend: it is an upper bound within a factor of 3 of tfjs's kernels path, which every
// configuration can fall back to (on wasm, which needs more, the measured peaks were 1.1 to 1.9
// times below it; see src/config/cost.ts); the fused critic kernels need less.
import { describe, expect, it } from 'vitest';
import { configFromQuery } from '../../../src/config/url';
import { expandRuns } from '../../../src/config/runs';
import { estimateCost, reduceAdvice, WASM_MEMORY_LIMIT } from '../../../src/config/cost';
import { selectBackend } from '../../../src/engine/backend';
import { Trainer } from '../../../src/engine/trainer';
import * as tf from '../../../src/engine/tf';

async function measuredPeak(query: string, fused: boolean): Promise<number> {
  const { config } = configFromQuery(query);
  const trainer = new Trainer(config, expandRuns(config).runs, { fused });
  try {
    const profile = await tf.profile(async () => { await trainer.train(1); return []; });
    return profile.peakBytes;
  } finally {
    trainer.dispose();
  }
}

describe('memory estimate', () => {
  it.each([
    '?s=ns:js&critic=learned&arch=64x64',
    '?s=ns:js;pen=gp&critic=learned&arch=64x64',
    '?s=wgan&critic=learned&arch=64x64&csteps=10',
    '?s=ns:js&critic=optimal&batch=4096',
    '?preset=figure5',
  ])('bounds the measured peak of %s within a factor of 3', async (query) => {
    await selectBackend('cpu');
    await tf.ready();
    const measured = await measuredPeak(query, false);
    const estimated = estimateCost(configFromQuery(query).config).bytes;
    expect(estimated).toBeGreaterThanOrEqual(measured);
    expect(estimated).toBeLessThanOrEqual(3 * measured);
    expect(await measuredPeak(query, true)).toBeLessThanOrEqual(measured);
  }, 60_000);

  it('grows with what makes an experiment heavy and names what to reduce, the largest saving first', () => {
    const base = estimateCost(configFromQuery('?s=ns:js&critic=learned').config);
    const heavy = estimateCost(configFromQuery('?s=ns:js&critic=learned&batch=4096&arch=256x256x256x256&csteps=20&seeds=8').config);
    expect(heavy.bytes).toBeGreaterThan(1000 * base.bytes);
    expect(heavy.perStepWork).toBeGreaterThan(1000 * base.perStepWork);
    expect(heavy.heaviest.map((f) => f.reduce)).toEqual(['arch=20x20', 'batch=256', 'seeds=1', 'csteps=5']);
    expect(reduceAdvice(heavy)).toBe('reduce the critic (256x256x256x256): arch=20x20, or the batch size (4096): batch=256, or the seeds (8): seeds=1');
    expect(base.heaviest).toEqual([]);
  });

  it('refuses the configuration that crashed wasm in one thread, and accepts Figure 5', () => {
    const crashed = configFromQuery('?s=sat:js&s=ns:js&s=hyb:rkl:js&s=hyb:igog:js&s=sat:kl&s=ns:kl&s=sat:rkl&s=ns:rkl&seeds=8&arch=256x256x256x256').config;
    expect(estimateCost(crashed).bytes).toBeGreaterThan(WASM_MEMORY_LIMIT);
    expect(estimateCost(configFromQuery('?preset=figure5').config).bytes).toBeLessThan(WASM_MEMORY_LIMIT / 100);
  });
});
