// wasm and cpu agree on a fixed seed (the noise is generated in JS, so both see the same draws).
import { describe, expect, it } from 'vitest';
import { Trainer } from '../../../src/engine/trainer';
import type { TrajectoryPoint } from '../../../src/engine/protocol';
import { baseScheme, makeConfig, runsOf, useBackend } from './helpers';

async function run(backend: 'wasm' | 'cpu'): Promise<TrajectoryPoint[]> {
  await useBackend(backend);
  const config = makeConfig([baseScheme('ns', 'js'), baseScheme('hyb', 'js', 'igog')], { critics: 'both', batchSize: 64, seed: 11 });
  const trainer = new Trainer(config, runsOf(config));
  const { points } = await trainer.train(50);
  trainer.dispose();
  return points;
}

describe('backend agreement', () => {
  it('wasm and cpu give the same trajectory for 50 generator steps (tolerance 1e-4)', async () => {
    const wasm = await run('wasm');
    const cpu = await run('cpu');
    expect(wasm.length).toBe(6);
    wasm.forEach((p, i) => {
      p.mu.forEach((mu, r) => {
        expect(Math.abs(mu - cpu[i].mu[r]), `mu run ${r} step ${p.step}`).toBeLessThan(1e-4);
        expect(Math.abs(p.sigma[r] - cpu[i].sigma[r]), `sigma run ${r} step ${p.step}`).toBeLessThan(1e-4);
      });
    });
    expect(wasm.at(-1)!.mu[0]).not.toBe(1.8);
  });
});
