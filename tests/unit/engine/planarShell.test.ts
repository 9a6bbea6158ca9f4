// The 2-D problems on the engine's one shell: runs split over workers train exactly as one batch,
// a live change at step N and the replay of its link take the same steps, a saved state (what a
// lost WebGL context continues from) goes on exactly, slow motion adds up to a step, and the
// headless command splits 2-D runs over threads with the same result as one thread.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlanarConfig } from '../../../src/config/planar';
import { getPlanarPreset } from '../../../src/config/planarPresets';
import { planarConfigFromQuery, planarConfigToQuery } from '../../../src/config/planarUrl';
import { planarSession, type PlanarSession } from '../../../src/engine/planar/core';
import { runPlanarExperiment } from '../../../src/engine/planar/headless';
import type { PlanarPoint } from '../../../src/engine/planar/protocol';
import { useBackend } from './helpers';

const sessions: PlanarSession[] = [];
function session(config: PlanarConfig, indices: number[] | null = null): PlanarSession {
  const s = planarSession(config, indices, { recordEvery: 1 });
  sessions.push(s);
  return s;
}
afterEach(() => { for (const s of sessions.splice(0)) s.dispose(); });

function preset(id: string, patch: Partial<PlanarConfig> = {}): PlanarConfig {
  return { ...structuredClone(getPlanarPreset(id)!.config), seeds: 1, ...patch };
}

/** Trains in chunks of `chunk` steps up to `steps`, collecting every point. */
async function trainTo(s: PlanarSession, steps: number, chunk = 7): Promise<PlanarPoint[]> {
  const points = [...(await s.report()).points];
  while (s.step < steps) points.push(...(await s.train(Math.min(chunk, steps - s.step))).points);
  return points;
}

/** Run r's moments and parameters at every point. */
const runPath = (points: PlanarPoint[], r: number) => points.map((p) => [p.step, p.runs[r], p.params[r]]);

describe('2-D on the shell (cpu)', () => {
  beforeAll(async () => { await useBackend('cpu'); });

  it('runs split into shards train exactly as one batch', async () => {
    const config = preset('appendix-d-circle', { steps: 12, critics: 'both', batchSize: 64 });
    const whole = await trainTo(session(config), 12);
    const R = whole[0].runs.length;
    expect(R).toBeGreaterThanOrEqual(4);
    const shards = [[0, 2], Array.from({ length: R }, (_, i) => i).filter((i) => i !== 0 && i !== 2)];
    for (const indices of shards) {
      const part = await trainTo(session(config, indices), 12, 5);
      indices.forEach((run, local) => expect(runPath(part, local)).toEqual(runPath(whole, run)));
    }
  });

  it('a live change at step N (rates, optimizer, critic steps, batch) and the replay of its link give the same steps', async () => {
    const config = preset('fedus-rank-one', { steps: 30 });
    const live = session(config);
    const before = await trainTo(live, 12, 5);
    const edited: PlanarConfig = {
      ...live.config, criticSteps: 2, batchSize: 48,
      schemes: live.config.schemes.map((s, i) => (i === 0 ? { ...s, generatorOptimizer: { ...s.generatorOptimizer, learningRate: 0.02 }, criticOptimizer: { ...s.criticOptimizer, kind: 'sgd' as const } } : s)),
    };
    const applied = await live.applyLive(edited);
    expect(applied.step).toBe(12);
    expect(applied.config.changes.map((c) => c.key).sort()).toEqual(['batch', 'copt', 'csteps', 'glr']);
    const after = await trainTo(live, 30, 5);
    const link = planarConfigToQuery(applied.config);
    const read = planarConfigFromQuery(link);
    expect(read.issues).toEqual([]);
    expect(read.config.changes).toEqual(applied.config.changes);
    const replay = await trainTo(session(read.config), 30, 9);
    expect(replay).toEqual([...before, ...after]);
  });

  it('continues exactly from a saved state, in a new session (the WebGL-loss recovery path)', async () => {
    const config = preset('appendix-d-correlated', { steps: 16, critics: 'learned', batchSize: 64 });
    const straight = await trainTo(session(config), 16);
    const first = session(config);
    const head = await trainTo(first, 10);
    const saved = await first.exportState();
    const second = session(config);
    await second.report(); // its own step-0 point
    second.importState(structuredClone(saved));
    const tail = await trainTo(second, 16);
    expect([...head, ...tail.filter((p) => p.step > 10)]).toEqual(straight);
  });

  it('a run whose parameters go bad stops with its step and cause (the shared StopTracker); the other trains on, and a saved state keeps it stopped', async () => {
    const config = preset('fedus-parallel-line', { steps: 30, critics: 'learned' });
    const first = session(config);
    await trainTo(first, 5);
    // run 0's generator parameters become NaN, as a diverging run's would
    const state = structuredClone(await first.exportState());
    for (const t of state.generator) {
      const perRun = t.values.length / t.shape[0];
      for (let k = 0; k < perRun; k++) t.values[k] = NaN;
    }
    const s = session(config);
    await s.report();
    s.importState(state);
    const points = await trainTo(s, 12);
    expect(s.stopped).toHaveLength(1);
    expect(s.stopped[0]).toEqual({ run: 0, step: 6, reason: 'non-saturating JS · learned · seed 1: NaN in the generator loss at generator step 6' });
    expect(s.activeRuns).toBe(1);
    // the other run moves on
    expect(points.at(-1)!.runs[1]).not.toEqual(points[0].runs[1]);
    const again = session(config);
    again.importState(structuredClone(await s.exportState()));
    expect(again.stopped).toEqual(s.stopped);
    expect(again.activeRuns).toBe(1);
  });

  it('slow motion: K critic updates and the generator update make the same step as one chunk', async () => {
    const config = preset('fedus-parallel-line', { steps: 10, criticSteps: 3 });
    const chunked = await trainTo(session(config), 4, 4);
    const slow = session(config);
    const points = [...(await slow.report()).points];
    for (let step = 0; step < 4; step++) {
      for (let k = 0; k < 3; k++) points.push(...(await slow.criticUpdate()).points);
      expect(slow.phase).toBe(3);
      points.push(...(await slow.generatorUpdate()).points);
    }
    expect(points).toEqual(chunked);
  });
});

describe('the 2-D headless command on threads (wasm)', () => {
  it('splits the runs over two threads and returns what one thread trains', async () => {
    const config = preset('appendix-d-circle', { steps: 12 });
    const threads = await runPlanarExperiment(config, { backend: 'wasm', cores: 2, recordEvery: 1 });
    expect(threads.workers).toBe(2);
    const one = await runPlanarExperiment(config, { backend: 'wasm', cores: 1, recordEvery: 1 });
    expect(one.workers).toBe(1);
    expect(threads.runs.map((r) => [r.trajectory, r.final, r.gradientNorm])).toEqual(one.runs.map((r) => [r.trajectory, r.final, r.gradientNorm]));
  }, 120_000);
});
