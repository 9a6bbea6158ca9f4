// Where live changes are marked on the paths: the recorded point at a change's step, and one
// marker per step and run naming every change made there.
import { describe, expect, it } from 'vitest';
import { changeMarks, pointAtStep } from '../../../src/ui/panels/LiveHistory';
import { configFromQuery } from '../../../src/config/url';
import { expandRuns } from '../../../src/config/runs';

describe('change markers', () => {
  it('find the recorded point at or before a step', () => {
    const t = { steps: [0, 10, 20, 27, 30], mu: [0, 1, 2, 3, 4], sigma: [1, 1, 1, 1, 1] };
    expect(pointAtStep(t, 0)).toBe(0);
    expect(pointAtStep(t, 27)).toBe(3);
    expect(pointAtStep(t, 29)).toBe(3);
    expect(pointAtStep(t, 99)).toBe(4);
    expect(pointAtStep({ steps: [] }, 5)).toBe(-1);
  });

  it('mark the runs a change concerns: a scheme option its scheme\'s runs, a global setting every run', () => {
    const { config } = configFromQuery('?s=ns:js;glr=0.002,0.004@100&s=sat:js&csteps=5,2@100,3@200&critic=learned');
    const runs = expandRuns(config).runs;
    const marks = changeMarks(config.changes, runs, ['NS', 'SAT']);
    expect(marks.map((m) => [m.step, m.run.index, m.text])).toEqual([
      [100, 0, 'step 100: NS: generator learning rate 0.004; critic steps per generator step 2'],
      [100, 1, 'step 100: critic steps per generator step 2'],
      [200, 0, 'step 200: critic steps per generator step 3'],
      [200, 1, 'step 200: critic steps per generator step 3'],
    ]);
  });
});
