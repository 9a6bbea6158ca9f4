// The trajectory buffer: points in step order, growth past its capacity, repeated steps kept
// once, views of the filled part, and the engine's points appended per run.
import { describe, expect, it } from 'vitest';
import { appendPoints, Trajectory } from '../../../src/engine/trajectory';

describe('trajectory buffer', () => {
  it('keeps points in step order through growth, each step once', () => {
    const t = new Trajectory(2);
    for (let step = 0; step < 1000; step += 10) expect(t.append(step, step / 10, 1 + step / 1000)).toBe(true);
    expect(t.append(990, 5, 5)).toBe(false);
    expect(t.append(500, 5, 5)).toBe(false);
    expect(t.length).toBe(100);
    expect(t.lastStep).toBe(990);
    expect(Array.from(t.steps.slice(0, 3))).toEqual([0, 10, 20]);
    expect(t.mu[57]).toBe(57);
    expect(t.sigma[99]).toBeCloseTo(1.99, 12);
    expect(t.steps.length).toBe(100);
  });

  it('round-trips the results file form and starts at the start point', () => {
    const points: [number, number, number][] = [[0, 1.8, 1.8], [10, 1.7, 1.6], [13, 1.65, 1.55]];
    expect(Trajectory.fromPoints(points).points()).toEqual(points);
    const start = Trajectory.start(0.5, 2);
    expect(start.points()).toEqual([[0, 0.5, 2]]);
    expect(new Trajectory().lastStep).toBe(-1);
  });

  it('appends the engine points of every run and says the last step', () => {
    const runs = [Trajectory.start(1, 1), Trajectory.start(1, 1)];
    const last = appendPoints(runs, [{ step: 10, mu: [0.9, 1.1], sigma: [1, 1.2] }, { step: 20, mu: [0.8, 1.2], sigma: [1, 1.3] }]);
    expect(last).toBe(20);
    expect(runs[1].points()).toEqual([[0, 1, 1], [10, 1.1, 1.2], [20, 1.2, 1.3]]);
    expect(appendPoints(runs, [], 20)).toBe(20);
  });
});
