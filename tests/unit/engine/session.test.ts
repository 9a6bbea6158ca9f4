// Live changes and slow motion: a run changed at step N and a run replayed from its link's
// schedule take the same steps; critic and generator updates move only their own player.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionResult } from '../../../src/engine/session';
import { lineSession, type LineSession } from '../../../src/engine/lineCore';
import { Trainer } from '../../../src/engine/trainer';
import { adam, type Config } from '../../../src/config/schema';
import { configFromQuery, configToQuery } from '../../../src/config/url';
import { configAtStep } from '../../../src/config/schedule';
import { runExperiment } from '../../../src/engine/headless';
import { baseScheme, makeConfig, runsOf, useBackend } from './helpers';
import type { TrajectoryPoint } from '../../../src/engine/protocol';

const sessions: { dispose(): void }[] = [];
function session(config: Config): LineSession {
  const s = lineSession(config);
  sessions.push(s);
  return s;
}
afterEach(() => { for (const s of sessions.splice(0)) s.dispose(); });

/** Trains in chunks of `chunk` steps up to `steps`, collecting points and notices. */
async function trainTo(s: LineSession, steps: number, chunk = 7): Promise<{ points: TrajectoryPoint[]; notices: string[] }> {
  const points: TrajectoryPoint[] = [];
  const notices: string[] = [];
  while (s.step < steps) {
    const r: SessionResult<TrajectoryPoint> = await s.train(Math.min(chunk, steps - s.step));
    points.push(...r.points);
    notices.push(...r.notices);
  }
  return { points, notices };
}

const base = () => makeConfig([baseScheme('ns'), baseScheme('sat')], { critics: 'both', batchSize: 32, criticSteps: 3, steps: 60, seed: 5 });

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`TrainingSession (${backend})`, () => {
    beforeAll(async () => { await useBackend(backend); });

    it('a live change at step N and the replay of its link give the same trajectory', async () => {
      const live = session(base());
      const first = await trainTo(live, 20);
      const edited = structuredClone(configAtStep(live.config, live.step));
      edited.schemes[1].generatorOptimizer.learningRate = 0.01;
      edited.criticSteps = 2;
      edited.batchSize = 48;
      const applied = await live.applyLive(edited);
      expect(applied.step).toBe(20);
      expect(applied.config.changes).toEqual([
        { step: 20, scheme: 1, key: 'glr', value: 0.01 },
        { step: 20, scheme: null, key: 'csteps', value: 2 },
        { step: 20, scheme: null, key: 'batch', value: 48 },
      ]);
      const rest = await trainTo(live, 60, 11);
      const query = configToQuery(applied.config);
      expect(decodeURIComponent(query)).toContain('glr=0.004,0.01@20');
      expect(query).toContain('csteps=3,2@20');
      const { config: fromLink, issues } = configFromQuery(query);
      expect(issues).toEqual([]);
      const replay = session(fromLink);
      const again = await trainTo(replay, 60, 60);
      const byStep = (pts: TrajectoryPoint[]) => new Map(pts.map((p) => [p.step, p]));
      const a = byStep([...first.points, ...rest.points]);
      const b = byStep(again.points);
      for (const step of [0, 10, 20, 30, 40, 50, 60]) expect(a.get(step)).toEqual(b.get(step));
      // the change did something: without it the path differs after step 20
      const plain = session(base());
      const c = byStep((await trainTo(plain, 60, 60)).points);
      expect(c.get(20)).toEqual(a.get(20));
      expect(c.get(30)!.mu[2]).not.toEqual(a.get(30)!.mu[2]);
    });

    it('a schedule typed by hand is a learning-rate schedule, and it is the live change', async () => {
      const { config } = configFromQuery('?s=ns:js;glr=0.002,0.02@15&critic=learned&batch=32&steps=30&seed=3');
      expect(config.changes).toEqual([{ step: 15, scheme: 0, key: 'glr', value: 0.02 }]);
      const scheduled = await trainTo(session(config), 30, 30);
      const manual = session({ ...config, changes: [] });
      const head = await trainTo(manual, 15);
      const edited = structuredClone(manual.config);
      edited.schemes[0].generatorOptimizer.learningRate = 0.02;
      await manual.applyLive(edited);
      const tail = await trainTo(manual, 30);
      expect([...head.points, ...tail.points].find((p) => p.step === 30)).toEqual(scheduled.points.find((p) => p.step === 30));
      expect(scheduled.points.at(-1)!.step).toBe(30);
    });

    it('the headless experiment reads a schedule from a link and trains what the live change trained', async () => {
      const live = session(base());
      await trainTo(live, 20);
      const edited = structuredClone(live.config);
      edited.schemes[0].criticOptimizer.learningRate = 0.05;
      edited.batchSize = 24;
      const { config } = await live.applyLive(edited);
      const rest = await trainTo(live, 60);
      const { config: fromLink } = configFromQuery(configToQuery(config));
      const headless = await runExperiment(fromLink, { backend: 'current', recordEvery: 10 });
      const end = rest.points.find((p) => p.step === 60)!;
      headless.runs.forEach((run, r) => {
        expect(run.trajectory.at(-1)).toEqual([60, end.mu[r], end.sigma[r]]);
        expect(run.final).toEqual({ mu: end.mu[r], sigma: end.sigma[r] });
      });
    });

    it('changing an optimizer kind resets that player\'s state only, and says so', async () => {
      const live = session(base());
      await trainTo(live, 10);
      const edited = structuredClone(live.config);
      edited.schemes[0].generatorOptimizer = adam(0.003);
      await live.applyLive(edited);
      const { notices } = await trainTo(live, 12);
      const all = [...notices, ...(await live.report()).notices];
      expect(all.join(' ')).toMatch(/non-saturating JS: the generator's optimizer changed at step 10; its state .* starts afresh/);
      expect(all.join(' ')).not.toMatch(/critic's optimizer/);
    });

    it('view-only edits and the step count change no trajectory', async () => {
      const a = session(base());
      await trainTo(a, 10);
      const edited = { ...structuredClone(a.config), panels: ['kl' as const], steps: 80 };
      const applied = await a.applyLive(edited);
      expect(applied.config.changes).toEqual([]);
      expect(applied.config.steps).toBe(80);
      const rest = await trainTo(a, 30);
      const b = await trainTo(session(base()), 30, 30);
      expect(rest.points.find((p) => p.step === 30)).toEqual(b.points.find((p) => p.step === 30));
    });
  });
}

describe('slow motion (cpu)', () => {
  beforeAll(async () => { await useBackend('cpu'); });

  it('K critic updates then a generator update equal one generator step, bit for bit', async () => {
    const config = base();
    const fast = new Trainer(config, runsOf(config), { recordEvery: 1 });
    const slow = new Trainer(config, runsOf(config), { recordEvery: 1 });
    sessions.push(fast, slow);
    for (let i = 0; i < 4; i++) {
      fast.stepOnce();
      for (let k = 0; k < config.criticSteps; k++) slow.criticUpdate();
      slow.generatorUpdate();
    }
    expect((await slow.flush()).points).toEqual((await fast.flush()).points);
    expect(await slow.exportState()).toEqual(await fast.exportState());
  });

  it('a critic update moves d(x) and not (mu, sigma); the generator update moves (mu, sigma)', async () => {
    const s = session(makeConfig([baseScheme('ns')], { critics: 'learned', batchSize: 32, criticSteps: 2, seed: 9 }));
    await s.train(3);
    const before = await s.snapshot();
    await s.criticUpdate();
    expect(s.phase).toBe(1);
    const afterCritic = await s.snapshot();
    expect(afterCritic.runs[0].mu).toBe(before.runs[0].mu);
    expect(afterCritic.runs[0].sigma).toBe(before.runs[0].sigma);
    const moved = afterCritic.runs[0].criticOnGrid.reduce((m, v, i) => Math.max(m, Math.abs(v - before.runs[0].criticOnGrid[i])), 0);
    expect(moved).toBeGreaterThan(1e-6);
    const res = await s.generatorUpdate();
    expect(s.step).toBe(4);
    expect(s.phase).toBe(0);
    expect(res.points.map((p) => p.step)).toEqual([4]);
    const afterGenerator = await s.snapshot();
    expect(afterGenerator.runs[0].mu).not.toBe(before.runs[0].mu);
  });

  it('a live change during a generator step takes effect at the next one', async () => {
    const s = session(base());
    await s.train(5);
    await s.criticUpdate();
    const edited = structuredClone(s.config);
    edited.schemes[0].generatorOptimizer.learningRate = 0.01;
    const applied = await s.applyLive(edited);
    expect(applied.step).toBe(6);
    expect(applied.config.changes[0]).toMatchObject({ step: 6, key: 'glr' });
  });
});
