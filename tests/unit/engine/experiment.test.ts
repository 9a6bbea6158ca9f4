// Shortened headless experiments move toward the minimum of the divergence the scheme minimises.
import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../../src/engine/headless';
import { localMinimum } from '../../../src/cli/experiment';
import { divergenceValue } from '../../../src/math/landscape';
import { FIGURE5_SCHEMES } from '../../../src/config/presets';
import { baseScheme, makeConfig } from './helpers';

describe('headless experiment (shortened)', () => {
  it('non-saturating JS with the optimal critic ends near the softened-reverse-KL minimum (1500 steps)', async () => {
    const config = makeConfig([baseScheme('ns', 'js')], { critics: 'optimal', steps: 1500, batchSize: 256 });
    const result = await runExperiment(config, { backend: 'wasm' });
    const run = result.runs[0];
    expect(run.minimises).toBe('srkl');
    expect(run.trajectory[0]).toEqual([0, expect.closeTo(1.8, 6), expect.closeTo(1.8, 6)]);
    expect(run.trajectory).toHaveLength(151);
    const min = localMinimum((m, s) => divergenceValue('srkl', config.target, m, s), run.final.mu, run.final.sigma);
    expect(Math.hypot(run.final.mu - min.mu, run.final.sigma - min.sigma)).toBeLessThan(0.08);
  });

  it('the learned critic moves toward the same minimum (600 steps, batch 64)', async () => {
    const config = makeConfig([baseScheme('ns', 'js')], { critics: 'learned', steps: 600, batchSize: 64 });
    const result = await runExperiment(config, { backend: 'wasm' });
    const run = result.runs[0];
    const D = (m: number, s: number) => divergenceValue('srkl', config.target, m, s);
    const min = localMinimum(D, 1.5, 1.1);
    const start = Math.hypot(1.8 - min.mu, 1.8 - min.sigma);
    const end = Math.hypot(run.final.mu - min.mu, run.final.sigma - min.sigma);
    expect(run.stopped).toBeUndefined();
    expect(end).toBeLessThan(0.5 * start);
    expect(D(run.final.mu, run.final.sigma)).toBeLessThan(D(1.8, 1.8));
  });

  it('splits the runs over two threads and returns exactly what one thread trains', async () => {
    const config = makeConfig(FIGURE5_SCHEMES, { critics: 'both', seeds: 2, steps: 40, batchSize: 32 });
    const split = await runExperiment({ ...config, workers: 2 }, { backend: 'wasm' });
    const one = await runExperiment({ ...config, workers: 1 }, { backend: 'wasm' });
    expect(split.workers).toBe(2);
    expect(one.workers).toBe(1);
    expect(split.runs).toHaveLength(16);
    expect(split.runs.map((r) => [r.scheme.label, r.critic, r.seed])).toEqual(one.runs.map((r) => [r.scheme.label, r.critic, r.seed]));
    expect(split.runs.map((r) => r.trajectory)).toEqual(one.runs.map((r) => r.trajectory));
  });
});
