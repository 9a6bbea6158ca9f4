// The step readings (critic and generator losses, gradient norms) the engines record with each
// point, and the recording stride: which steps become points.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/engine/tf';
import { adam, sgd } from '../../../src/config/schema';
import { FULL_SPEED_STRIDE, recordStride } from '../../../src/engine/recordStride';
import { lineSession, type LineSession } from '../../../src/engine/lineCore';
import type { TrajectoryPoint } from '../../../src/engine/protocol';
import { baseScheme, makeConfig, trainerMaker, useBackend } from './helpers';
import { expandPlanarRuns } from '../../../src/config/planar';
import { getPlanarPreset } from '../../../src/config/planarPresets';
import { PlanarTrainer } from '../../../src/engine/planar/trainer';

const make = trainerMaker();
const sessions: LineSession[] = [];
afterEach(() => { for (const s of sessions.splice(0)) s.dispose(); });

describe('step readings (wasm)', () => {
  beforeAll(async () => { await useBackend('wasm'); });

  it('every recorded step has finite readings; optimal-critic runs have no critic loss or critic gradient', async () => {
    const config = makeConfig([baseScheme('ns'), baseScheme('gan-gp'), { ...baseScheme('hyb', 'js', 'rkl'), criticOptimizer: adam(1e-3) }], { critics: 'both', seeds: 1, batchSize: 64, criticSteps: 2, seed: 4 });
    const trainer = make(config, { recordEvery: 5 });
    const { points } = await trainer.train(20);
    expect(points.map((p) => p.step)).toEqual([0, 5, 10, 15, 20]);
    expect(points[0].readings).toBeUndefined();
    for (const p of points.slice(1)) {
      trainer.runs.forEach((run, r) => {
        const { criticLoss, generatorLoss, criticGradNorm, generatorGradNorm } = p.readings!;
        expect(Number.isFinite(generatorLoss[r]), `generator loss of ${run.label}`).toBe(true);
        expect(generatorGradNorm[r]!).toBeGreaterThan(0);
        if (run.critic === 'optimal') {
          expect(criticLoss[r]).toBeNull();
          expect(criticGradNorm[r]).toBeNull();
        } else {
          expect(Math.abs(criticLoss[r]!)).toBeLessThan(10);
          expect(criticGradNorm[r]!).toBeGreaterThan(0);
          expect(criticGradNorm[r]!).toBeLessThan(1e3);
        }
      });
    }
  });

  it("the generator's gradient norm is |the SGD step| / rate, computed from the trajectory (optimal critic, step 1)", async () => {
    const lr = 0.05;
    const config = makeConfig([{ ...baseScheme('ns'), generatorOptimizer: sgd(lr) }, { ...baseScheme('sat'), generatorOptimizer: sgd(lr) }], { critics: 'optimal', seeds: 1, batchSize: 256, seed: 2 });
    const trainer = make(config, { recordEvery: 1 });
    const { points } = await trainer.train(1);
    const [p0, p1] = points;
    trainer.runs.forEach((_, r) => {
      const step = Math.hypot(p1.mu[r] - p0.mu[r], p1.sigma[r] - p0.sigma[r]);
      expect(p1.readings!.generatorGradNorm[r]!).toBeCloseTo(step / lr, 3);
    });
  });

  it('keeps the number of tensors flat while it records readings', async () => {
    const config = makeConfig([baseScheme('ns')], { critics: 'both', seeds: 1, batchSize: 32, seed: 1 });
    const trainer = make(config, { recordEvery: 3 });
    await trainer.train(10);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) { await trainer.train(10); trainer.recordCurrent(); await trainer.flush(); }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('records multiples of the stride, plus the paused and the final step, each with readings', async () => {
    const config = makeConfig([baseScheme('ns')], { critics: 'both', seeds: 1, batchSize: 32, seed: 1, steps: 47 });
    const session = lineSession(config);
    sessions.push(session);
    session.recordEvery = FULL_SPEED_STRIDE;
    const points: TrajectoryPoint[] = [];
    points.push(...(await session.train(23)).points);
    session.recordCurrent(); // paused at 23
    points.push(...(await session.report()).points);
    points.push(...(await session.train(100)).points); // to the end, 47
    const extra = new Set([23, 47]);
    expect(points.map((p) => p.step)).toEqual([0, 10, 20, 23, 30, 40, 47]);
    for (const p of points) if (!extra.has(p.step)) expect(p.step % FULL_SPEED_STRIDE).toBe(0);
    for (const p of points.slice(1)) expect(p.readings?.generatorLoss.every((v) => Number.isFinite(v))).toBe(true);
  });
});

describe('recordStride', () => {
  it('records every step in slow motion and below 50 steps/s, every 10th from 60 on, and keeps its stride in between or unmeasured', () => {
    expect(recordStride(10, 1000, true)).toBe(1);
    expect(recordStride(10, 30, false)).toBe(1);
    expect(recordStride(1, 70, false)).toBe(10);
    expect(recordStride(1, 55, false)).toBe(1);
    expect(recordStride(10, 55, false)).toBe(10);
    expect(recordStride(10, null, false)).toBe(10);
  });
});

describe('2-D step readings (wasm)', () => {
  beforeAll(async () => { await useBackend('wasm'); });

  it('records the same readings: finite for every run, none of the critic for optimal-critic runs', async () => {
    const preset = getPlanarPreset('fedus-parallel-line')!;
    const config = { ...preset.config, batchSize: 64 };
    const { runs } = expandPlanarRuns(config);
    const trainer = new PlanarTrainer(config, runs, { recordEvery: 5 });
    try {
      const { points } = await trainer.train(10);
      expect(points.map((p) => p.step)).toEqual([0, 5, 10]);
      expect(points[0].readings).toBeUndefined();
      expect(runs.some((r) => r.critic === 'optimal') && runs.some((r) => r.critic === 'learned')).toBe(true);
      runs.forEach((run, r) => {
        const readings = points[2].readings!;
        expect(Number.isFinite(readings.generatorLoss[r]), run.label).toBe(true);
        expect(Number.isFinite(readings.generatorGradNorm[r]), run.label).toBe(true);
        if (run.critic === 'optimal') expect(readings.criticLoss[r]).toBeNull();
        else expect(readings.criticGradNorm[r]!).toBeGreaterThan(0);
      });
    } finally {
      trainer.dispose();
    }
  });
});
