// Live settings hold typed values, with one setter each, over the 1-D and 2-D configurations
// alike; a link spells them and reads them back; files holding numbers as text still read.
import { describe, expect, it } from 'vitest';
import { applyChange, compareChanges, liveValue, readLiveValue, spellValue } from '../../../src/config/liveSettings';
import { defaultConfig, liveChangeSchema, type LiveChange } from '../../../src/config/schema';
import { defaultPlanarConfig } from '../../../src/config/planarUrl';

describe('live settings', () => {
  it('each key reads and writes its field, in either dimension', () => {
    for (const config of [defaultConfig(), defaultPlanarConfig()]) {
      const lr = applyChange(config, { step: 5, scheme: 0, key: 'glr', value: 0.0125 });
      expect(lr.schemes[0].generatorOptimizer.learningRate).toBe(0.0125);
      expect(liveValue(lr, 'glr', 0)).toBe(0.0125);
      const opt = applyChange(config, { step: 5, scheme: 0, key: 'copt', value: 'rmsprop' });
      expect(opt.schemes[0].criticOptimizer.kind).toBe('rmsprop');
      const batch = applyChange(config, { step: 5, scheme: null, key: 'batch', value: 96 });
      expect([batch.batchSize, liveValue(batch, 'batch', null)]).toEqual([96, 96]);
      expect(applyChange(config, { step: 5, scheme: null, key: 'csteps', value: 2 }).criticSteps).toBe(2);
      expect(applyChange(config, { step: 5, scheme: 0, key: 'lam', value: 3 }).schemes[0].penaltyWeight).toBe(3);
    }
  });

  it('refuses a value of the wrong type or range, naming the change', () => {
    const config = defaultConfig();
    expect(() => applyChange(config, { step: 9, scheme: 0, key: 'glr', value: 'adam' })).toThrow(/glr=adam at step 9: should be a number/);
    expect(() => applyChange(config, { step: 9, scheme: 0, key: 'gopt', value: 2 })).toThrow(/should be one of sgd, adam, rmsprop/);
    expect(() => applyChange(config, { step: 9, scheme: 0, key: 'glr', value: -1 })).toThrow(/glr=-1 at step 9: schemes\.0\.generatorOptimizer\.learningRate/);
    expect(() => applyChange(config, { step: 9, scheme: null, key: 'batch', value: 1 })).toThrow(/batch=1 at step 9: batchSize/);
    expect(() => applyChange(config, { step: 9, scheme: 3, key: 'glr', value: 0.1 })).toThrow(/there is no scheme 4/);
  });

  it('spells values as links write them and reads them back', () => {
    expect(spellValue(1e-21)).toBe('1e-21');
    expect(spellValue('adam')).toBe('adam');
    expect(readLiveValue('glr', '0.004')).toBe(0.004);
    expect(readLiveValue('copt', 'sgd')).toBe('sgd');
    expect(() => readLiveValue('copt', 'lbfgs')).toThrow(/not one of/);
    expect(() => readLiveValue('glr', 'fast')).toThrow(/not a number/);
  });

  it('reads numbers written as text (files of earlier versions), and keys an optimizer by name', () => {
    expect(liveChangeSchema.parse({ step: 3, scheme: 0, key: 'glr', value: '0.004' }).value).toBe(0.004);
    expect(liveChangeSchema.parse({ step: 3, scheme: 0, key: 'gopt', value: 'sgd' }).value).toBe('sgd');
    expect(liveChangeSchema.safeParse({ step: 3, scheme: 0, key: 'glr', value: 'fast' }).success).toBe(false);
  });

  it('orders a schedule by step, scheme options before global settings, keys in one order', () => {
    const changes: LiveChange[] = [
      { step: 4, scheme: null, key: 'batch', value: 64 }, { step: 4, scheme: null, key: 'csteps', value: 2 },
      { step: 4, scheme: 1, key: 'glr', value: 0.1 }, { step: 4, scheme: 0, key: 'glr', value: 0.1 },
      { step: 4, scheme: 0, key: 'clr', value: 0.1 }, { step: 2, scheme: null, key: 'batch', value: 32 },
    ];
    expect([...changes].sort(compareChanges).map((c) => `${c.step}:${c.scheme}:${c.key}`)).toEqual([
      '2:null:batch', '4:0:clr', '4:0:glr', '4:1:glr', '4:null:csteps', '4:null:batch',
    ]);
  });
});
