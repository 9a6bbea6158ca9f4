// The schedule of live changes: what a change means for a running experiment, how an edit
// becomes a change at a step, and the URL spelling that a link and a hand-typed schedule share.
import { describe, expect, it } from 'vitest';
import { baseScheme, defaultConfig, type Config } from '../../../src/config/schema';
import { classifyChange, configAtStep, describeChange, nextChangeStep, scheduleLiveEdit } from '../../../src/config/schedule';
import { configFromQuery, configToQuery } from '../../../src/config/url';
import { getPreset } from '../../../src/config/presets';

const base = (): Config => ({ ...defaultConfig(), schemes: [baseScheme('ns'), baseScheme('wgan-gp')] });

describe('classifyChange', () => {
  it('tells view-only, live and restarting edits apart', () => {
    const c = base();
    expect(classifyChange(c, { ...c, panels: ['kl'] }).kind).toBe('view');
    expect(classifyChange(c, { ...c, criticSteps: 2 }).kind).toBe('live');
    expect(classifyChange(c, { ...c, batchSize: 64 }).kind).toBe('live');
    expect(classifyChange(c, { ...c, steps: 9000 }).kind).toBe('live');
    const lr = structuredClone(c);
    lr.schemes[1].generatorOptimizer.learningRate = 0.01;
    lr.schemes[1].penaltyWeight = 3;
    lr.schemes[0].criticOptimizer.kind = 'adam';
    expect(classifyChange(c, lr).kind).toBe('live');
    expect(classifyChange(c, { ...c, mu0: 0 })).toEqual({ kind: 'restart', restartReason: 'the start point changed' });
    expect(classifyChange(c, { ...c, target: [{ weight: 1, mean: 3, std: 1 }] }).restartReason).toBe('the target changed');
    expect(classifyChange(c, { ...c, schemes: [c.schemes[0]] }).restartReason).toBe('a scheme was removed');
    expect(classifyChange(c, { ...c, schemes: [baseScheme('ns', 'kl'), c.schemes[1]] }).restartReason).toBe("scheme 1's loss changed");
    expect(classifyChange(c, { ...c, critic: { hidden: [8], activation: 'elu' } }).restartReason).toBe('the critic architecture changed');
    expect(classifyChange(c, { ...c, seeds: 3 }).kind).toBe('restart');
  });
});

describe('scheduleLiveEdit', () => {
  it('at step 0 edits the starting values and keeps a schedule from a link', () => {
    const { config } = configFromQuery('?s=ns:js;glr=0.002,0.004@100');
    const edited = structuredClone(config);
    edited.schemes[0].criticOptimizer.learningRate = 0.05;
    const next = scheduleLiveEdit(config, edited, 0);
    expect(next.schemes[0].criticOptimizer.learningRate).toBe(0.05);
    expect(next.changes).toEqual(config.changes);
  });

  it('later, adds one change per edited setting at that step and drops the ones it overrides', () => {
    const { config } = configFromQuery('?s=ns:js;glr=0.002,0.004@100,0.008@900&csteps=5,3@50');
    const at300 = structuredClone(configAtStep(config, 300));
    expect(at300.schemes[0].generatorOptimizer.learningRate).toBe(0.004);
    expect(at300.criticSteps).toBe(3);
    at300.schemes[0].generatorOptimizer.learningRate = 0.001;
    const next = scheduleLiveEdit(config, at300, 300);
    expect(next.schemes[0].generatorOptimizer.learningRate).toBe(0.002); // the start is the start
    expect(next.changes).toEqual([
      { step: 50, scheme: null, key: 'csteps', value: 3 },
      { step: 100, scheme: 0, key: 'glr', value: 0.004 },
      { step: 300, scheme: 0, key: 'glr', value: 0.001 },
    ]);
    expect(decodeURIComponent(configToQuery(next))).toContain('glr=0.002,0.004@100,0.001@300');
    expect(nextChangeStep(next, 100)).toBe(300);
    expect(nextChangeStep(next, 300)).toBe(Infinity);
  });
});

describe('schedules in the URL', () => {
  it('round-trip, and read the same from a hand-typed learning-rate schedule', () => {
    const { config, issues } = configFromQuery('?s=ns:js;glr=0.002,0.004@1200&s=wgan-gp;lam=1,5@10,0.5@20&batch=256,512@1000');
    expect(issues).toEqual([]);
    expect(config.changes).toEqual([
      { step: 10, scheme: 1, key: 'lam', value: 5 },
      { step: 20, scheme: 1, key: 'lam', value: 0.5 },
      { step: 1000, scheme: null, key: 'batch', value: 512 },
      { step: 1200, scheme: 0, key: 'glr', value: 0.004 },
    ]);
    expect(configFromQuery(configToQuery(config)).config).toEqual(config);
    expect(configAtStep(config, 1199).schemes[0].generatorOptimizer.learningRate).toBe(0.002);
    expect(configAtStep(config, 1200).schemes[0].generatorOptimizer.learningRate).toBe(0.004);
    expect(configAtStep(config, 1000).batchSize).toBe(512);
    expect(describeChange(config.changes[3], ['non-saturating JS'])).toBe('non-saturating JS: generator learning rate 0.004');
  });

  it('reports and drops what it cannot use, keeping the rest of the link', () => {
    const bad = (q: string) => configFromQuery(q);
    expect(bad('?s=ns:js;glr=0.002,0.004@x').issues[0].message).toMatch(/value@step/);
    expect(bad('?s=ns:js;glr=0.002,0.004@50,0.001@20').issues[0].message).toMatch(/must increase/);
    expect(bad('?s=ns:js;glr=0.002@7,0.004@50').issues[0].message).toMatch(/first value holds from step 0/);
    expect(bad('?s=ns:js;pen=gp,none@5').issues.length).toBeGreaterThan(0);
    const neg = bad('?s=ns:js;glr=0.002,-1@50');
    expect(neg.issues[0].field).toBe('s');
    expect(neg.config.changes).toEqual([]);
    const steps = bad('?csteps=5,0@50');
    expect(steps.issues.some((i) => /csteps=0@50/.test(i.message))).toBe(true);
    expect(steps.config.criticSteps).toBe(5);
  });

  it('presets carry no schedule', () => {
    expect(getPreset('figure5')!.config.changes).toEqual([]);
  });
});
