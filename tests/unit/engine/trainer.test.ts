import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/engine/tf';
import { Trainer } from '../../../src/engine/trainer';
import { adam, rmsprop, sgd } from '../../../src/config/schema';
import { baseScheme, makeConfig, runsOf, useBackend } from './helpers';
import type { TrajectoryPoint } from '../../../src/engine/protocol';

async function trajectory(trainer: Trainer, steps: number): Promise<TrajectoryPoint[]> {
  const points: TrajectoryPoint[] = [];
  let done = 0;
  while (done < steps) {
    const n = Math.min(25, steps - done);
    points.push(...(await trainer.train(n)).points);
    done += n;
  }
  return points;
}

const trainers: Trainer[] = [];
function make(...args: ConstructorParameters<typeof Trainer>): Trainer {
  const t = new Trainer(...args);
  trainers.push(t);
  return t;
}
afterEach(() => { for (const t of trainers.splice(0)) t.dispose(); });

describe('Trainer (wasm)', () => {
  beforeAll(async () => { await useBackend('wasm'); });

  it('is reproducible: same config and seed give the same trajectory', async () => {
    const config = makeConfig([baseScheme('ns')], { critics: 'learned', batchSize: 32, seed: 7 });
    const a = await trajectory(make(config, runsOf(config)), 30);
    const b = await trajectory(make(config, runsOf(config)), 30);
    expect(a).toEqual(b);
    const other = makeConfig([baseScheme('ns')], { critics: 'learned', batchSize: 32, seed: 8 });
    const c = await trajectory(make(other, runsOf(other)), 30);
    expect(c.at(-1)!.mu[0]).not.toEqual(a.at(-1)!.mu[0]);
  });

  it('trains a run alone exactly as inside a batch of 16 (vectorisation)', async () => {
    const critic = { kind: 'sgd', learningRate: 2e-2 } as const;
    const schemes = [
      baseScheme('ns', 'js'), baseScheme('sat', 'js'), baseScheme('hyb', 'js', 'rkl'), baseScheme('hyb', 'js', 'igog'),
      { ...baseScheme('ns', 'kl'), criticOptimizer: adam(1e-3) }, { ...baseScheme('sat', 'hellinger'), generatorOptimizer: rmsprop(1e-3) },
      baseScheme('ns', 'pearson'), { ...baseScheme('hyb', 'k', 'skl'), criticOptimizer: { ...sgd(1e-2), ...critic } },
    ];
    const big = makeConfig(schemes, { critics: 'both', seeds: 1, batchSize: 32, criticSteps: 2, seed: 3 });
    const bigRuns = runsOf(big);
    expect(bigRuns.length).toBe(16);
    const all = await trajectory(make(big, bigRuns), 40);
    for (const r of [0, 5, 9, 14]) {
      const spec = bigRuns[r];
      const alone = makeConfig([spec.scheme], { critics: spec.critic, batchSize: 32, criticSteps: 2, seed: spec.seed });
      const single = await trajectory(make(alone, runsOf(alone)), 40);
      single.forEach((p, i) => {
        expect(p.step).toBe(all[i].step);
        expect(Math.abs(p.mu[0] - all[i].mu[r]), `run ${r} mu at ${p.step}`).toBeLessThan(1e-5);
        expect(Math.abs(p.sigma[0] - all[i].sigma[r]), `run ${r} sigma at ${p.step}`).toBeLessThan(1e-5);
      });
    }
  });

  it('leaks no tensors: numTensors after 1000 generator steps equals that after 10', async () => {
    const config = makeConfig([baseScheme('ns'), { ...baseScheme('sat'), criticOptimizer: adam(1e-3) }], { critics: 'both', batchSize: 8, criticSteps: 1 });
    const trainer = make(config, runsOf(config));
    await trainer.train(10);
    const after10 = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) await trainer.train(99);
    await trainer.snapshot(16, 11);
    const after1000 = tf.memory().numTensors;
    expect(trainer.step).toBe(1000);
    expect(after1000).toBe(after10);
  });

  it('dispose frees every tensor the trainer made, whatever its objectives, critics and parametrisation', async () => {
    const { configFromQuery } = await import('../../../src/config/url');
    const { expandRuns } = await import('../../../src/config/runs');
    const { config } = configFromQuery('?s=ns:js;glr=0.002,0.004@3&s=wgan&s=wgan-gp&s=kl-wgan;form=hinge;r=differentiated;sn=1&s=ns:js;pen=dragan;lam=0.1&param=log&critic=both&batch=8&csteps=2');
    const before = tf.memory().numTensors;
    const trainer = new Trainer(config, expandRuns(config).runs);
    await trainer.train(5);
    const state = await trainer.exportState();
    trainer.importState(state);
    await trainer.snapshot(16, 11);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops a run with a NaN or Infinity, names the step and the cause, and keeps the others and its trajectory', async () => {
    const healthy = baseScheme('ns', 'js');
    const exploding = { ...baseScheme('sat', 'kl'), criticOptimizer: sgd(10) };
    const config = makeConfig([healthy, exploding], { critics: 'learned', batchSize: 32 });
    const trainer = make(config, runsOf(config));
    const points = await trajectory(trainer, 60);
    const stopped = trainer.stopped;
    expect(stopped.map((s) => s.run)).toEqual([1]);
    expect(stopped[0].reason).toMatch(/(NaN|Infinity) in the (critic loss|generator loss|mu|sigma) at generator step \d+/);
    const at = stopped[0].step;
    expect(points.filter((p) => p.step < at).every((p) => Number.isFinite(p.mu[1]) && Number.isFinite(p.sigma[1]))).toBe(true);
    expect(points.every((p) => Number.isFinite(p.mu[1]))).toBe(true); // frozen at the last finite value
    const aloneConfig = makeConfig([healthy], { critics: 'learned', batchSize: 32 });
    const alone = await trajectory(make(aloneConfig, runsOf(aloneConfig)), 60);
    expect(Math.abs(alone.at(-1)!.mu[0] - points.at(-1)!.mu[0])).toBeLessThan(1e-5);
  });

  it("stops a run whose sigma reaches <= 0 in 'direct' mode, naming the step; 'log' keeps sigma positive", async () => {
    const scheme = { ...baseScheme('hyb', 'js', 'rkl'), generatorOptimizer: sgd(2) };
    const config = makeConfig([scheme], { critics: 'optimal', batchSize: 64, mu0: 0, sigma0: 0.2 });
    const trainer = make(config, runsOf(config));
    await trajectory(trainer, 20);
    expect(trainer.stopped).toHaveLength(1);
    expect(trainer.stopped[0].reason).toMatch(/sigma reached .* at generator step \d+/);
    const logConfig = { ...config, sigmaParametrization: 'log' as const };
    const logTrainer = make(logConfig, runsOf(logConfig));
    const pts = await trajectory(logTrainer, 20);
    expect(pts.every((p) => p.sigma[0] > 0)).toBe(true);
  });

  it('reports snapshots with critic outputs and divergence estimates', async () => {
    const config = makeConfig([baseScheme('ns')], { critics: 'both', batchSize: 32 });
    const trainer = make(config, runsOf(config));
    await trainer.train(5);
    const snap = await trainer.snapshot(64, 21);
    expect(snap.step).toBe(5);
    expect(snap.xGrid).toHaveLength(21);
    expect(snap.runs).toHaveLength(2);
    for (const r of snap.runs) {
      expect(r.criticOnGrid).toHaveLength(21);
      expect(r.criticOnReal).toHaveLength(64);
      expect(r.fakeSamples).toHaveLength(64);
      expect(Object.keys(r.estimates)).toContain('srkl');
    }
    // the optimal run reports d*: its JS estimate is a reasonable estimate of 4 JS (positive)
    expect(snap.runs[1].estimates.js).toBeGreaterThan(0);
  });

  it('throws a clear error for an objective without an optimal critic', () => {
    const config = makeConfig([baseScheme('wgan')], { critics: 'learned' });
    expect(() => new Trainer(config, runsOf(config).map((r) => ({ ...r, critic: 'optimal' as const })))).toThrow(/wgan/);
  });
});
