import { describe, expect, it } from 'vitest';
import { applyEngineMessage, initialTrainingState, trajectoriesToCsv, trajectoriesToJson } from '../../../src/ui/trainingState';
import { fromReplacedExperiment } from '../../../src/ui/trainingStatus';
import { Trajectory } from '../../../src/engine/trajectory';
import { histogram, histogramAt, thinIndices } from '../../../src/ui/chartData';

const start = { mu0: 1.8, sigma0: 1.8 };
const backend = { name: 'cpu' as const, requested: 'auto' as const, softwareRenderer: false, fallbackReason: 'WebGL is software-rendered here, so the CPU backend is used.' };

describe('training state', () => {
  it('ready starts every trajectory at the start point; trajectory messages append in order', () => {
    let s = applyEngineMessage(initialTrainingState(), { type: 'ready', backend, runCount: 2 }, start);
    expect(s.status).toBe('ready');
    expect(s.trajectories.map((t) => Array.from(t.mu))).toEqual([[1.8], [1.8]]);
    s = applyEngineMessage(s, { type: 'trajectory', stepsPerSecond: 120, points: [
      { step: 1, mu: [1.7, 1.9], sigma: [1.6, 1.7] },
      { step: 2, mu: [1.6, 2.0], sigma: [1.5, 1.6] },
    ] }, start);
    expect(s.step).toBe(2);
    expect(s.stepsPerSecond).toBe(120);
    expect(Array.from(s.trajectories[1].mu)).toEqual([1.8, 1.9, 2.0]);
    expect(Array.from(s.trajectories[0].steps)).toEqual([0, 1, 2]);
    // a repeated point is not appended twice
    const v = s.trajectoryVersion;
    s = applyEngineMessage(s, { type: 'trajectory', stepsPerSecond: 100, points: [{ step: 2, mu: [9, 9], sigma: [9, 9] }] }, start);
    expect(Array.from(s.trajectories[0].mu)).toEqual([1.8, 1.7, 1.6]);
    expect(s.trajectoryVersion).toBe(v + 1);
  });

  it('a backend change (lost WebGL context) keeps the trajectories and the step', () => {
    let s = applyEngineMessage(initialTrainingState(), { type: 'ready', backend: { ...backend, name: 'webgl', fallbackReason: null }, runCount: 1 }, start);
    s = applyEngineMessage(s, { type: 'trajectory', stepsPerSecond: 50, points: [{ step: 10, mu: [1.7], sigma: [1.6] }] }, start);
    const wasm = { ...backend, name: 'wasm' as const, fallbackReason: 'The WebGL context was lost, so training continues on wasm.' };
    s = applyEngineMessage(s, { type: 'backend', backend: wasm }, start);
    expect(s.backend).toEqual(wasm);
    expect(s.step).toBe(10);
    expect(Array.from(s.trajectories[0].mu)).toEqual([1.8, 1.7]);
  });

  it('records stopped runs once, notices once, errors stop playing', () => {
    let s = applyEngineMessage(initialTrainingState(), { type: 'ready', backend, runCount: 1 }, start);
    s = applyEngineMessage(s, { type: 'state', playing: true, step: 0, finished: false }, start);
    expect(s.playing).toBe(true);
    const stopped = { run: 0, step: 312, reason: 'sigma reached 0 at generator step 312' };
    s = applyEngineMessage(s, { type: 'run-stopped', stopped }, start);
    s = applyEngineMessage(s, { type: 'run-stopped', stopped }, start);
    expect(s.stopped).toEqual([stopped]);
    s = applyEngineMessage(s, { type: 'notice', message: 'hello' }, start);
    s = applyEngineMessage(s, { type: 'notice', message: 'hello' }, start);
    expect(s.engineNotices).toEqual(['hello']);
    s = applyEngineMessage(s, { type: 'error', message: 'boom' }, start);
    expect(s.playing).toBe(false);
    expect(s.error).toBe('boom');
  });

  it('a pause stays "pausing" while the workers still report playing, then names the step they all stopped at until training moves on', () => {
    let s = applyEngineMessage(initialTrainingState(), { type: 'ready', backend, runCount: 1 }, start);
    s = applyEngineMessage(s, { type: 'state', playing: true, step: 40, finished: false }, start);
    s = { ...s, pausing: true }; // the store's pause()
    // a worker behind catches up: the merged report still says playing
    s = applyEngineMessage(s, { type: 'state', playing: true, step: 43, finished: false }, start);
    expect([s.pausing, s.pausedAt]).toEqual([true, null]);
    s = applyEngineMessage(s, { type: 'state', playing: false, step: 47, finished: false }, start);
    expect([s.pausing, s.pausedAt, s.step]).toEqual([false, 47, 47]);
    // a critic update by hand stays at the step; a step by hand moves on and drops it
    s = applyEngineMessage(s, { type: 'state', playing: false, step: 47, finished: false, phase: 1 }, start);
    expect(s.pausedAt).toBe(47);
    s = applyEngineMessage(s, { type: 'state', playing: false, step: 48, finished: false }, start);
    expect(s.pausedAt).toBeNull();
    // playing again drops it too, and an error ends a pause on its way
    s = applyEngineMessage({ ...s, pausedAt: 48 }, { type: 'state', playing: true, step: 48, finished: false }, start);
    expect(s.pausedAt).toBeNull();
    s = applyEngineMessage({ ...s, pausing: true }, { type: 'error', message: 'boom' }, start);
    expect(s.pausing).toBe(false);
  });

  it('keeps one estimate point per snapshot step and restarts after a reset', () => {
    let s = applyEngineMessage(initialTrainingState(), { type: 'ready', backend, runCount: 1 }, start);
    const snap = (step: number, js: number) => ({ type: 'snapshot' as const, snapshot: { step, xGrid: [], runs: [{ run: 0, mu: 1, sigma: 1, criticOnGrid: [], criticOnReal: [], criticOnFake: [], fakeSamples: [], estimates: { js } }] } });
    s = applyEngineMessage(s, snap(10, 0.5), start);
    s = applyEngineMessage(s, snap(10, 0.6), start);
    s = applyEngineMessage(s, snap(20, 0.4), start);
    expect(s.estimates.map((e) => [e.step, e.byRun[0].js])).toEqual([[10, 0.6], [20, 0.4]]);
    s = applyEngineMessage(s, snap(5, 0.9), start);
    expect(s.estimates.map((e) => e.step)).toEqual([5]);
  });

  it('while a restart is on its way, what the old experiment sends is dropped; a ready counts once no newer reset waits', () => {
    const old = { type: 'trajectory' as const, stepsPerSecond: 10, points: [{ step: 5, mu: [1.7], sigma: [1.6] }] };
    const paused = { type: 'state' as const, playing: false, step: 5, finished: false };
    const ready = { type: 'ready' as const, backend, runCount: 1 };
    // the old run's steps must not put the counter of the restarted one back up
    expect(fromReplacedExperiment(old, 'starting', false)).toBe(true);
    expect(fromReplacedExperiment(paused, 'starting', true)).toBe(true);
    expect(fromReplacedExperiment({ type: 'snapshot', snapshot: {} as never }, 'starting', false)).toBe(true);
    // a ready while a newer reset waits to be sent is the replaced experiment's
    expect(fromReplacedExperiment(ready, 'starting', true)).toBe(true);
    expect(fromReplacedExperiment(ready, 'starting', false)).toBe(false);
    // once ready, training counts; notices, backend changes and errors always count
    expect(fromReplacedExperiment(old, 'ready', false)).toBe(false);
    expect(fromReplacedExperiment(paused, 'ready', false)).toBe(false);
    expect(fromReplacedExperiment({ type: 'notice', message: 'x' }, 'starting', true)).toBe(false);
    expect(fromReplacedExperiment({ type: 'error', message: 'x' }, 'starting', true)).toBe(false);
    expect(fromReplacedExperiment({ type: 'backend', backend }, 'starting', false)).toBe(false);
  });

  it('exports CSV and JSON with labels quoted and the link of their configuration', () => {
    const t = [Trajectory.fromPoints([[0, 1.8, 1.8]])];
    t[0].append(10, 1.7, 1.6, { criticLoss: NaN, generatorLoss: 0.25, criticGradNorm: NaN, generatorGradNorm: 3 });
    const link = 'https://example.org/#s=sat:js';
    const csv = trajectoriesToCsv(t, ['non-saturating JS · "learned"'], link);
    const lines = csv.split('\n');
    expect(lines[0]).toBe(`# link: ${link}`);
    lines.shift();
    expect(lines[0]).toMatch(/^# steps are multiples of the recording stride: 10 at full speed/);
    expect(lines[1]).toMatch(/^# critic_loss: /);
    expect(lines[2]).toBe('run,label,step,mu,sigma,critic_loss,generator_loss,critic_grad_norm,generator_grad_norm');
    expect(lines[3]).toBe('0,"non-saturating JS · ""learned""",0,1.8,1.8,,,,');
    expect(lines[4]).toBe('0,"non-saturating JS · ""learned""",10,1.7,1.6,,0.25,,3');
    const json = JSON.parse(trajectoriesToJson(t, ['a'], 's=sat:js', link));
    expect(json.config).toBe('s=sat:js');
    expect(json.link).toBe(link);
    expect(json.recording).toMatch(/multiples of the recording stride/);
    expect(json.runs).toEqual([{
      run: 0, label: 'a', steps: [0, 10], mu: [1.8, 1.7], sigma: [1.8, 1.6],
      criticLoss: [null, null], generatorLoss: [null, 0.25], criticGradNorm: [null, null], generatorGradNorm: [null, 3],
    }]);
  });
});

describe('chart data', () => {
  it('histograms integrate to the fraction of samples inside the range', () => {
    const samples = Array.from({ length: 1000 }, (_, i) => (i / 1000) * 4 - 1); // uniform on [-1, 3)
    const h = histogram(samples, 0, 2, 20);
    const mass = h.density.reduce((a, d) => a + d * 0.1, 0);
    expect(mass).toBeCloseTo(0.5, 2);
    expect(histogramAt(h, 1)).toBeCloseTo(0.25, 2);
    expect(histogramAt(h, 5)).toBe(0);
  });
  it('thins a series to at most 200 points, keeping the ends and the points already picked', () => {
    expect(thinIndices(0)).toEqual([]);
    expect(thinIndices(5)).toEqual([0, 1, 2, 3, 4]);
    for (const n of [199, 200, 201, 1000, 4001, 123_457]) {
      const idx = thinIndices(n);
      expect(idx.length).toBeLessThanOrEqual(200);
      expect(idx[0]).toBe(0);
      expect(idx[idx.length - 1]).toBe(n - 1);
      // the interior picks of a shorter series are a subset of a longer one's, or every other one
      const longer = new Set(thinIndices(n + 37));
      const kept = idx.slice(0, -1).filter((i) => longer.has(i)).length;
      expect(kept).toBeGreaterThanOrEqual(Math.floor((idx.length - 1) / 2));
    }
  });
});
