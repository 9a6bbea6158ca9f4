// How heavy an experiment is: the multiply-adds of a step, the time expected before any is
// measured, the warning that names what to reduce, and out-of-memory errors said as such.
import { describe, expect, it } from 'vitest';
import { baseScheme, defaultConfig, type Config } from '../../../src/config/schema';
import { estimateCost, reduceAdvice } from '../../../src/config/cost';
import { estimateStepMs, formatDuration, heavyWarning, isOutOfMemory, memoryWarning, outOfMemoryMessage } from '../../../src/engine/workload';
import { getPreset } from '../../../src/config/presets';

const heavy: Config = { ...defaultConfig(), batchSize: 4096, seeds: 8, schemes: ['ns', 'sat', 'hyb', 'wgan', 'wgan-gp', 'kl-wgan', 'gan-gp'].map((f) => baseScheme(f as 'ns')) };

describe('workload', () => {
  it('counts the multiply-adds of a step from the critic, batch, critic steps and learned runs', () => {
    const c = defaultConfig(); // 1 learned + 1 optimal run, 1-20-20-1, B 256, K 5
    const stepMultiplyAdds = (x: Config) => estimateCost(x).perStepWork;
    expect(stepMultiplyAdds(c)).toBe((5 * 2 * 256 + 256) * (20 + 400 + 20) * 3);
    expect(stepMultiplyAdds({ ...c, critics: 'optimal' })).toBe(0);
    expect(stepMultiplyAdds({ ...c, batchSize: 512 })).toBe(2 * stepMultiplyAdds(c));
    const gp = { ...c, schemes: [baseScheme('wgan-gp')] };
    expect(stepMultiplyAdds(gp)).toBe((5 * (2 * 256 + 2 * 256) + 256) * 440 * 3);
  });

  it('expects Figure 5 to take about 16 ms a step on one wasm worker, as measured, and half on two', () => {
    const f5 = getPreset('figure5')!.config;
    const one = estimateStepMs(f5, 'wasm', 1);
    expect(one).toBeGreaterThan(10);
    expect(one).toBeLessThan(25);
    expect(estimateStepMs(f5, 'wasm', 2)).toBeLessThan(one * 0.6);
  });

  it('warns about a configuration expected to take more than 10 minutes, naming what makes it heavy', () => {
    const ms = estimateStepMs(heavy, 'wasm', 2);
    const warning = heavyWarning(heavy, ms, 4000)!;
    expect(warning).toMatch(/^This configuration is heavy: about \d+ (min|h)/);
    expect(warning).toMatch(/for a quicker run, reduce the batch size \(4096\): batch=256/);
    expect(heavyWarning(defaultConfig(), estimateStepMs(defaultConfig(), 'wasm', 1), 4000)).toBeNull();
    const big = { ...defaultConfig(), seeds: 8, schemes: heavy.schemes, critic: { hidden: [256, 256, 256, 256], activation: 'elu' as const } };
    expect(memoryWarning(big, 'wasm', 2)).toMatch(/^This configuration needs about [\d.]+ GiB per worker, more than the wasm backend can hold .*: it will run out of memory; reduce .*critic \(256x256x256x256\): arch=20x20/);
    expect(memoryWarning(defaultConfig(), 'wasm', 1)).toBeNull();
  });

  it('says out of memory for the backends\' words and nothing else', () => {
    expect(isOutOfMemory(new RangeError('memory access out of bounds'))).toBe(true);
    expect(isOutOfMemory(new Error('Array buffer allocation failed'))).toBe(true);
    expect(isOutOfMemory(new Error('NaN in the critic loss'))).toBe(false);
    const msg = outOfMemoryMessage(new RangeError('memory access out of bounds'), reduceAdvice(estimateCost(heavy)), 12)!;
    expect(msg).toMatch(/^Training ran out of memory at generator step 12 \("memory access out of bounds"\): reduce the batch size \(4096\): batch=256/);
    expect(msg).toMatch(/The settings and the trajectories so far are kept\.$/);
    expect(outOfMemoryMessage(new Error('other'), null, 1)).toBeNull();
  });

  it('writes durations the way people read them', () => {
    expect(formatDuration(1.84)).toBe('1.8 ms');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(7 * 60_000)).toBe('7 min');
    expect(formatDuration(125 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(NaN)).toBe('–');
  });
});
