import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planShards, ShardMerger } from '../../../src/engine/shards';
import { Trainer } from '../../../src/engine/trainer';
import { FIGURE5_SCHEMES } from '../../../src/config/presets';
import type { BackendInfo, FromWorker, TrajectoryPoint } from '../../../src/engine/protocol';
import { makeConfig, runsOf, useBackend } from './helpers';

const figure5 = makeConfig(FIGURE5_SCHEMES, { critics: 'both', seeds: 2, batchSize: 32 });
const BACKEND: BackendInfo = { name: 'wasm', requested: 'auto', softwareRenderer: false, fallbackReason: null };

describe('planShards', () => {
  const runs = runsOf(figure5);

  it('splits Figure 5 over two cores on wasm: four learned and four optimal runs each', () => {
    const shards = planShards(runs, 'wasm', 2, 'auto');
    expect(shards).toHaveLength(2);
    expect(shards.flat().sort((a, b) => a - b)).toEqual(runs.map((r) => r.index));
    for (const s of shards) {
      expect(s.filter((i) => runs[i].critic === 'learned')).toHaveLength(4);
      expect(s.filter((i) => runs[i].critic === 'optimal')).toHaveLength(4);
    }
  });

  it('keeps one worker on WebGL, on one core, and for a single learned critic', () => {
    expect(planShards(runs, 'webgl', 8, 'auto')).toEqual([runs.map((r) => r.index)]);
    expect(planShards(runs, 'wasm', 1, 'auto')).toHaveLength(1);
    const single = runsOf(makeConfig([FIGURE5_SCHEMES[1]], { critics: 'both', seeds: 1 }));
    expect(planShards(single, 'wasm', 8, 'auto')).toHaveLength(1);
  });

  it('uses at most one worker per learned critic and 4 for auto; a fixed count is taken as given up to the runs', () => {
    expect(planShards(runs, 'cpu', 16, 'auto')).toHaveLength(4);
    expect(planShards(runs, 'webgl', 1, 3)).toHaveLength(3);
    const two = runsOf(makeConfig([FIGURE5_SCHEMES[0]], { critics: 'both', seeds: 1 }));
    expect(planShards(two, 'wasm', 8, 8)).toHaveLength(2);
  });
});

/** Feeds one fake worker's messages; collects what the merger emits. */
function harness(shards: number[][]) {
  const out: FromWorker[] = [];
  const merger = new ShardMerger((m) => out.push(m));
  merger.plan(shards);
  const ready = (s: number) => merger.accept(s, { type: 'ready', backend: BACKEND, runCount: shards[s].length });
  const point = (s: number, step: number, base: number): TrajectoryPoint => ({ step, mu: shards[s].map((r) => base + r), sigma: shards[s].map((r) => 10 * base + r) });
  return { out, merger, ready, point };
}

describe('ShardMerger', () => {
  it('emits one ready for all runs, then each trajectory point once every shard has reached its step', () => {
    const { out, merger, ready, point } = harness([[0, 2], [1, 3]]);
    ready(0);
    merger.accept(0, { type: 'trajectory', points: [point(0, 0, 0)], stepsPerSecond: 0 });
    expect(out).toEqual([]); // shard 1 is not ready yet
    ready(1);
    expect(out).toEqual([{ type: 'ready', backend: BACKEND, runCount: 4, workers: 2 }]);
    merger.accept(1, { type: 'trajectory', points: [point(1, 0, 0), point(1, 10, 1)], stepsPerSecond: 300 });
    merger.accept(0, { type: 'trajectory', points: [point(0, 10, 1), point(0, 20, 2)], stepsPerSecond: 200 });
    const points = out.filter((m) => m.type === 'trajectory').flatMap((m) => (m.type === 'trajectory' ? m.points : []));
    expect(points.map((p) => p.step)).toEqual([0, 10]);
    expect(points[1]).toEqual({ step: 10, mu: [1, 2, 3, 4], sigma: [10, 11, 12, 13] });
    expect(out.at(-1)).toMatchObject({ type: 'trajectory', stepsPerSecond: 200 }); // the slower shard's rate
  });

  it('drops the answers to an experiment that a reset replaced', () => {
    const { out, merger, point } = harness([[0], [1]]);
    const ready = (s: number, generation: number) => merger.accept(s, { type: 'ready', backend: BACKEND, runCount: 1, generation });
    ready(0, 1); ready(1, 1);
    merger.plan([[0], [1]]); // reset (generation 2) sent before the old points arrived
    merger.accept(0, { type: 'trajectory', points: [point(0, 10, 5)], stepsPerSecond: 1, generation: 1 });
    merger.accept(1, { type: 'trajectory', points: [point(1, 10, 5)], stepsPerSecond: 1, generation: 1 });
    ready(0, 1); ready(1, 1); // the answers to the replaced init
    expect(out.filter((m) => m.type === 'trajectory')).toEqual([]);
    expect(out.filter((m) => m.type === 'ready')).toHaveLength(1);
    ready(0, 2); ready(1, 2);
    expect(out.filter((m) => m.type === 'ready')).toHaveLength(2);
  });

  it('merges only the steps every running shard recorded, with each shard\'s readings in experiment run order', () => {
    const { out, merger, ready, point } = harness([[1], [0]]);
    ready(0); ready(1);
    const withReadings = (s: number, step: number, v: number): TrajectoryPoint => ({
      ...point(s, step, v), readings: { criticLoss: [v], generatorLoss: [v + 0.5], criticGradNorm: [null], generatorGradNorm: [v * 10] },
    });
    // shard 0 records every step for a moment (slower), shard 1 every 10th; shard 0 paused at 13 on its way to 20
    merger.accept(0, { type: 'trajectory', points: [withReadings(0, 9, 1), withReadings(0, 10, 2), withReadings(0, 11, 3), withReadings(0, 13, 4), withReadings(0, 20, 5)], stepsPerSecond: 40 });
    merger.accept(1, { type: 'trajectory', points: [withReadings(1, 10, 7), withReadings(1, 20, 8)], stepsPerSecond: 90 });
    const points = out.flatMap((m) => (m.type === 'trajectory' ? m.points : []));
    expect(points.map((p) => p.step)).toEqual([10, 20]);
    expect(points[0].readings).toEqual({ criticLoss: [7, 2], generatorLoss: [7.5, 2.5], criticGradNorm: [null, null], generatorGradNorm: [70, 20] });
  });

  it('lets a finished shard (all its runs stopped) hold its last values instead of blocking the others', () => {
    const { out, merger, ready, point } = harness([[0], [1]]);
    ready(0); ready(1);
    merger.accept(0, { type: 'trajectory', points: [point(0, 0, 0), point(0, 10, 1)], stepsPerSecond: 1 });
    merger.accept(1, { type: 'trajectory', points: [point(1, 0, 0), point(1, 10, 1), point(1, 20, 2)], stepsPerSecond: 1 });
    merger.accept(0, { type: 'run-stopped', stopped: { run: 0, step: 12, reason: 'NaN' } });
    merger.accept(0, { type: 'state', playing: false, step: 12, finished: true });
    merger.accept(1, { type: 'state', playing: true, step: 20, finished: false });
    const points = out.flatMap((m) => (m.type === 'trajectory' ? m.points : []));
    expect(points.at(-1)).toEqual({ step: 20, mu: [1, 3], sigma: [10, 21] });
    expect(out.find((m) => m.type === 'run-stopped')).toEqual({ type: 'run-stopped', stopped: { run: 0, step: 12, reason: 'NaN' } });
    expect(out.filter((m) => m.type === 'state').at(-1)).toEqual({ type: 'state', playing: true, step: 20, finished: false });
  });

  it('maps stops and snapshots back to the experiment run numbers', () => {
    const { out, merger, ready } = harness([[1, 3], [0, 2]]);
    ready(0); ready(1);
    merger.accept(1, { type: 'run-stopped', stopped: { run: 1, step: 5, reason: 'x' } });
    expect(out.at(-1)).toEqual({ type: 'run-stopped', stopped: { run: 2, step: 5, reason: 'x' } });
    const run = (r: number) => ({ run: r, mu: r, sigma: 1, criticOnGrid: [r], criticOnReal: [], criticOnFake: [], fakeSamples: [], estimates: {} });
    merger.accept(0, { type: 'snapshot', snapshot: { step: 40, xGrid: [0], runs: [run(0), run(1)] } });
    expect(out.some((m) => m.type === 'snapshot')).toBe(false);
    merger.accept(1, { type: 'snapshot', snapshot: { step: 38, xGrid: [0], runs: [run(0), run(1)] } });
    const snap = out.at(-1);
    expect(snap?.type).toBe('snapshot');
    if (snap?.type !== 'snapshot') return;
    expect(snap.snapshot.step).toBe(38);
    // shard 0 holds runs 1 and 3, shard 1 runs 0 and 2
    expect(snap.snapshot.runs.map((r) => [r.run, r.mu])).toEqual([[0, 0], [1, 0], [2, 1], [3, 1]]);
  });

  it('dates a merged snapshot by the shards still training, not by one whose runs all stopped', () => {
    const { out, merger, ready } = harness([[0], [1]]);
    ready(0); ready(1);
    const run = { run: 0, mu: 1, sigma: 1, criticOnGrid: [], criticOnReal: [], criticOnFake: [], fakeSamples: [], estimates: {} };
    merger.accept(0, { type: 'state', playing: false, step: 96, finished: true });
    merger.accept(0, { type: 'snapshot', snapshot: { step: 96, xGrid: [0], runs: [run] } });
    merger.accept(1, { type: 'snapshot', snapshot: { step: 500, xGrid: [0], runs: [run] } });
    const snap = out.filter((m) => m.type === 'snapshot').at(-1);
    expect(snap?.type === 'snapshot' && snap.snapshot.step).toBe(500);
  });

  it('reports, once every shard has paused, which shards are behind the leader and by how much', () => {
    const { merger, ready } = harness([[0], [1]]);
    ready(0); ready(1);
    merger.accept(0, { type: 'state', playing: false, step: 40, finished: false });
    merger.accept(1, { type: 'state', playing: true, step: 35, finished: false });
    expect(merger.lagging()).toBeNull();
    merger.accept(1, { type: 'state', playing: false, step: 35, finished: false });
    expect(merger.lagging()).toEqual([{ shard: 1, steps: 5 }]);
  });

  it('reports a pause only once the paused shards are at one step', () => {
    const { out, merger, ready } = harness([[0], [1]]);
    ready(0); ready(1);
    const states = () => out.filter((m) => m.type === 'state');
    merger.accept(0, { type: 'state', playing: true, step: 10, finished: false });
    merger.accept(1, { type: 'state', playing: true, step: 10, finished: false });
    merger.accept(0, { type: 'state', playing: false, step: 40, finished: false });
    merger.accept(1, { type: 'state', playing: false, step: 35, finished: false });
    expect(states().at(-1)).toEqual({ type: 'state', playing: true, step: 35, finished: false });
    merger.accept(1, { type: 'state', playing: false, step: 40, finished: false }); // caught up
    expect(states().at(-1)).toEqual({ type: 'state', playing: false, step: 40, finished: false });
  });
});

describe('a split experiment (cpu)', () => {
  beforeAll(async () => { await useBackend('cpu'); });
  const trainers: Trainer[] = [];
  afterAll(() => { for (const t of trainers) t.dispose(); });

  it('trains exactly the trajectories of one batch when its runs are split over two workers', async () => {
    const config = figure5;
    const runs = runsOf(config);
    const whole = new Trainer(config, runs);
    trainers.push(whole);
    const shards = planShards(runs, 'wasm', 2, 'auto');
    const parts = shards.map((s) => new Trainer(config, s.map((i) => runs[i])));
    trainers.push(...parts);
    const out: FromWorker[] = [];
    const merger = new ShardMerger((m) => out.push(m));
    merger.plan(shards);
    shards.forEach((s, i) => merger.accept(i, { type: 'ready', backend: BACKEND, runCount: s.length }));
    const expected: TrajectoryPoint[] = [];
    for (let chunk = 0; chunk < 2; chunk++) {
      expected.push(...(await whole.train(10)).points);
      // shards report at different times, in chunks of different lengths
      for (const [i, t] of parts.entries()) {
        const res = await t.train(10);
        merger.accept(i, { type: 'trajectory', points: res.points, stepsPerSecond: 1 });
      }
    }
    const merged = out.flatMap((m) => (m.type === 'trajectory' ? m.points : []));
    expect(merged.map((p) => p.step)).toEqual(expected.map((p) => p.step));
    expect(merged).toEqual(expected);
  });
});
