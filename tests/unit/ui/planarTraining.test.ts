// The 2-D page's training state: points are appended in place with a version, a repeated point is
// dropped, and the engine's notices that the page says elsewhere (the backend's fallback, runs
// left out) are not repeated.
import { describe, expect, it } from 'vitest';
import { applyPlanarMessage, startingTraining, type PlanarTraining } from '../../../src/ui/planar/planarTraining';
import type { PlanarPoint } from '../../../src/engine/planar/protocol';
import type { BackendInfo } from '../../../src/engine/protocol';

const point = (step: number): PlanarPoint => ({ step, runs: [{ mean: [step, 0], cov: [[1, 0], [0, 1]] }], params: [{ mean: [step, 0], scale: [1, 1] } as never] });
const fresh = (): PlanarTraining => ({ ...startingTraining(0), notices: [], backend: null, workers: 1, error: null, skipped: ['the mlp family has no optimal critic'] });
const BACKEND: BackendInfo = { name: 'wasm', requested: 'auto', softwareRenderer: true, fallbackReason: 'WebGL renders in software here.' };

describe('2-D training state', () => {
  it('appends points in place, bumping the version, and drops a point it has', () => {
    let s = applyPlanarMessage(fresh(), { type: 'ready', backend: BACKEND, runCount: 1, workers: 2 });
    const points = s.points;
    s = applyPlanarMessage(s, { type: 'trajectory', points: [point(0), point(10)], stepsPerSecond: 0, msPerStep: 3 });
    s = applyPlanarMessage(s, { type: 'trajectory', points: [point(10), point(20)], stepsPerSecond: 0 });
    expect(s.points).toBe(points);
    expect(s.points.map((p) => p.step)).toEqual([0, 10, 20]);
    expect(s.pointsVersion).toBe(fresh().pointsVersion + 3);
    expect([s.step, s.msPerStep, s.workers]).toEqual([20, 3, 2]);
  });

  it('says a notice once, and not the backend fallback or the runs left out, which the page shows itself', () => {
    let s = applyPlanarMessage(fresh(), { type: 'notice', message: BACKEND.fallbackReason! });
    s = applyPlanarMessage(s, { type: 'notice', message: 'the mlp family has no optimal critic' });
    s = applyPlanarMessage(s, { type: 'ready', backend: BACKEND, runCount: 1 });
    s = applyPlanarMessage(s, { type: 'notice', message: BACKEND.fallbackReason! });
    s = applyPlanarMessage(s, { type: 'notice', message: 'optimizer state starts afresh' });
    s = applyPlanarMessage(s, { type: 'notice', message: 'optimizer state starts afresh' });
    expect(s.notices.map((n) => n.text)).toEqual(['optimizer state starts afresh']);
  });

  it('a pause ends where the engine says it stopped', () => {
    let s = applyPlanarMessage(fresh(), { type: 'ready', backend: BACKEND, runCount: 1 });
    s = { ...applyPlanarMessage(s, { type: 'state', playing: true, step: 4, finished: false }), pausing: true };
    s = applyPlanarMessage(s, { type: 'state', playing: true, step: 6, finished: false });
    expect(s.pausing).toBe(true);
    s = applyPlanarMessage(s, { type: 'state', playing: false, step: 7, finished: false });
    expect([s.pausing, s.pausedAt, s.playing, s.step]).toEqual([false, 7, false, 7]);
  });
});
