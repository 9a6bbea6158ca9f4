import { describe, expect, it } from 'vitest';
import { PLANAR_PRESETS } from '../../../src/config/planarPresets';
import { isPlanarQuery, planarConfigFromQuery, planarConfigToQuery } from '../../../src/config/planarUrl';
import { planarConfigSchema } from '../../../src/config/planar';
import { baseScheme } from '../../../src/config/schema';
import { circleTarget } from '../../../src/math/planar/mixture2';

describe('2-D links', () => {
  it('every preset reads back from its link, with or without the preset named', () => {
    for (const preset of PLANAR_PRESETS) {
      for (const base of [null, preset.id]) {
        const query = planarConfigToQuery(preset.config, base);
        expect(isPlanarQuery(`?${query}`)).toBe(true);
        const back = planarConfigFromQuery(`?${query}`);
        expect(back.issues).toEqual([]);
        expect(back.config).toEqual(preset.config);
      }
    }
  });

  it('a custom configuration round-trips: target, family, start with A, schedules, critic settings', () => {
    const config = planarConfigSchema.parse({
      target: [...circleTarget(3, 2, 0.3), { weight: 2, mean: [1, -1], cov: [[1, 0.4], [0.4, 0.5]] }],
      family: { kind: 'linear', latent: 2, outputNoise: 0.1 }, start: { mean: [1, 2], std: [1, 1], A: [[0.5, 0], [0.1, 0.2]] },
      schemes: [baseScheme('ns', 'js'), baseScheme('wgan-gp')], critics: 'learned', seeds: 2, seed: 7, batchSize: 128, criticSteps: 3, steps: 900,
      critic: { hidden: [16, 8], activation: 'tanh' }, changes: [{ step: 300, scheme: 1, key: 'glr', value: 0.0005 }],
    });
    const query = planarConfigToQuery(config);
    expect(query).toContain('s=wgan-gp;');
    expect(query).toContain('@300');
    expect(planarConfigFromQuery(query).config).toEqual(config);
  });

  it('bad values are named, ignored and the rest is kept', () => {
    const { config, issues } = planarConfigFromQuery('?dim=2&preset=ring&family=cubic&steps=12&start=1:2&s=ns:js;glr=0.1,0.01@5;lam=1,2@3&batch=64,1@9&zzz=1');
    expect(config.steps).toBe(12);
    expect(config.family.kind).toBe('mlp');
    expect(config.batchSize).toBe(64);
    // every live setting has a schedule in 2-D too; a bad scheduled value is refused alone
    expect(config.changes).toEqual([{ step: 3, scheme: 0, key: 'lam', value: 2 }, { step: 5, scheme: 0, key: 'glr', value: 0.01 }]);
    const text = issues.map((i) => i.message).join('\n');
    expect(text).toMatch(/family=cubic: "cubic" is not one of/);
    expect(text).toMatch(/start=1:2/);
    expect(text).toMatch(/ignored the change batch=1@9/);
    expect(text).toMatch(/unknown field "zzz"/);
  });
});
