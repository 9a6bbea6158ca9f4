import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ACTIVATIONS, BACKENDS, CRITIC_KINDS, LANDSCAPE_IDS, OPTIMIZER_KINDS,
  baseScheme, configSchema, defaultConfig, parseConfigJson, type Config, type SchemeConfig,
} from '../../../src/config/schema';
import { configFromQuery, configToQuery, decodeScheme, encodeScheme } from '../../../src/config/url';
import { PRESETS, getPreset } from '../../../src/config/presets';
import { DIVERGENCE_IDS } from '../../../src/math/criticBasis';

const div = fc.constantFrom(...DIVERGENCE_IDS);
const lr = fc.constantFrom(1e-4, 5e-4, 2e-3, 4e-3, 2e-2, 0.1);
const optimizer = fc.record({
  kind: fc.constantFrom(...OPTIMIZER_KINDS),
  learningRate: lr,
  beta1: fc.constantFrom(0.5, 0.9),
  beta2: fc.constantFrom(0.9, 0.999),
  rho: fc.constantFrom(0.9, 0.95),
  epsilon: fc.constantFrom(1e-8, 1e-7),
});
const fganScheme: fc.Arbitrary<SchemeConfig> = fc.record({
  objective: fc.constant('f-gan' as const),
  criticDivergence: div,
  generatorForm: fc.constantFrom('saturating' as const, 'non-saturating' as const, 'hybrid' as const),
  generatorDivergence: div,
  penalty: fc.constantFrom('none' as const, 'gp' as const, 'dragan' as const),
  penaltyWeight: fc.constantFrom(0, 0.1, 10),
  draganScale: fc.constantFrom(0.5, 1),
  clip: fc.constantFrom(0, 0.01),
  wassersteinForm: fc.constantFrom('wgan' as const, 'hinge' as const),
  klRatioGradient: fc.constantFrom('constant' as const, 'differentiated' as const),
  spectralNorm: fc.boolean(),
  criticOptimizer: optimizer,
  generatorOptimizer: optimizer,
}).map((s) => (s.generatorForm === 'hybrid' ? s : { ...s, generatorDivergence: s.criticDivergence }));

const configArb: fc.Arbitrary<Config> = fc.record({
  target: fc.array(fc.record({
    weight: fc.constantFrom(0.25, 0.5, 1),
    mean: fc.double({ min: -5, max: 5, noNaN: true }).map((x) => +x.toFixed(3) + 0),
    std: fc.double({ min: 0.05, max: 3, noNaN: true }).map((x) => +x.toFixed(3)),
  }), { minLength: 1, maxLength: 8 }).map((t) => {
    const total = t.reduce((s, c) => s + c.weight, 0);
    return t.map((c) => ({ ...c, weight: c.weight / total }));
  }),
  // + 0 turns -0 into 0: the two are the same start point and share one spelling in a URL.
  mu0: fc.double({ min: -5, max: 5, noNaN: true }).map((x) => x + 0),
  sigma0: fc.double({ min: 0.05, max: 5, noNaN: true }),
  sigmaParametrization: fc.constantFrom('direct' as const, 'log' as const),
  critic: fc.record({
    hidden: fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 4 }),
    activation: fc.constantFrom(...ACTIVATIONS),
  }),
  schemes: fc.array(fganScheme, { minLength: 1, maxLength: 8 }),
  critics: fc.constantFrom(...CRITIC_KINDS),
  seeds: fc.integer({ min: 1, max: 8 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  batchSize: fc.integer({ min: 2, max: 4096 }),
  criticSteps: fc.integer({ min: 1, max: 50 }),
  steps: fc.integer({ min: 1, max: 200000 }),
  backend: fc.constantFrom(...BACKENDS),
  workers: fc.oneof(fc.constant('auto' as const), fc.integer({ min: 1, max: 8 })),
  panels: fc.uniqueArray(fc.constantFrom(...LANDSCAPE_IDS), { maxLength: 13 }),
  changes: fc.constant([]),
});

describe('config URL codec', () => {
  it('round-trips every valid configuration exactly', () => {
    fc.assert(fc.property(configArb, (config) => {
      const parsed = configSchema.parse(config);
      const { config: back, issues } = configFromQuery(configToQuery(parsed));
      expect(issues).toEqual([]);
      expect(back.schemes).toEqual(parsed.schemes);
      expect(back.target.map((c) => [c.mean, c.std])).toEqual(parsed.target.map((c) => [c.mean, c.std]));
      back.target.forEach((c, i) => expect(c.weight).toBeCloseTo(parsed.target[i].weight, 10));
      const { target: _a, schemes: _b, ...rest } = back;
      const { target: _c, schemes: _d, ...restIn } = parsed;
      expect(rest).toEqual(restIn);
    }), { numRuns: 300 });
  });

  it('writes nothing for the default configuration', () => {
    expect(configToQuery(defaultConfig())).toBe('');
    expect(configFromQuery('')).toEqual({ config: defaultConfig(), issues: [] });
  });

  it('writes a short readable Figure 5 link', () => {
    const q = configToQuery(getPreset('figure5')!.config);
    expect(q).toBe('s=sat:js&s=ns:js&s=hyb:rkl:js&s=hyb:igog:js&seeds=2');
    expect(configFromQuery(`?${q}`).config).toEqual(getPreset('figure5')!.config);
    expect(configFromQuery('?preset=figure5').config).toEqual(getPreset('figure5')!.config);
  });

  it('reads whole URLs and ignores the fragment', () => {
    const { config, issues } = configFromQuery('https://example.org/app/?mu0=0.5&sigma0=2#top');
    expect(issues).toEqual([]);
    expect(config.mu0).toBe(0.5);
    expect(config.sigma0).toBe(2);
  });

  it('keeps defaults for invalid and unknown fields and names each one', () => {
    const { config, issues } = configFromQuery('?sigma0=-3&mu0=abc&s=bogus&s=ns:kl&zzz=1&batch=2.5&panels=js,nope&target=1:0');
    const d = defaultConfig();
    expect(config.sigma0).toBe(d.sigma0);
    expect(config.mu0).toBe(d.mu0);
    expect(config.batchSize).toBe(d.batchSize);
    expect(config.panels).toEqual(d.panels);
    expect(config.target).toEqual(d.target);
    expect(config.schemes).toEqual([baseScheme('ns', 'kl')]);
    const fields = issues.map((i) => i.field).sort();
    expect(fields).toEqual(['batch', 'mu0', 'panels', 's', 'sigma0', 'target', 'zzz']);
    expect(issues.find((i) => i.field === 'sigma0')!.message).toMatch(/sigma0=-3.*> 0/);
    expect(issues.find((i) => i.field === 's')!.message).toMatch(/bogus/);
    expect(issues.find((i) => i.field === 'zzz')!.message).toMatch(/unknown field/);
  });

  it('renormalises target weights with a notice', () => {
    const { config, issues } = configFromQuery('?target=1:0:0.3,3:2:1');
    expect(config.target.map((c) => c.weight)).toEqual([0.25, 0.75]);
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(/rescaled/);
  });

  it('refuses zero learning rates and bad optimizer names inside a scheme', () => {
    expect(() => decodeScheme('ns:js;glr=0')).toThrow(/learning rate must be > 0/);
    expect(() => decodeScheme('ns:js;copt=lbfgs')).toThrow(/not one of/);
    expect(() => decodeScheme('hyb:rkl')).toThrow(/hyb:F:H/);
    expect(() => decodeScheme('ns:js;wat=1')).toThrow(/unknown scheme option/);
  });

  it('encodes scheme options relative to the family defaults', () => {
    expect(encodeScheme(baseScheme('sat', 'js'))).toBe('sat:js');
    const s = { ...baseScheme('ns', 'js'), generatorOptimizer: { ...baseScheme('ns').generatorOptimizer, kind: 'adam' as const, learningRate: 1e-3 } };
    expect(encodeScheme(s)).toBe('ns:js;gopt=adam;glr=0.001');
    expect(decodeScheme(encodeScheme(s))).toEqual(s);
  });

  it('never lets URL text reach a config as anything but typed values', () => {
    const { config } = configFromQuery('?s=%3Cimg%20src=x%20onerror=alert(1)%3E&mu0=%3Cb%3E');
    expect(config).toEqual(defaultConfig());
  });
});

describe('presets and JSON configs', () => {
  it('every preset is a valid config that survives its own link', () => {
    for (const p of PRESETS) {
      expect(configSchema.safeParse(p.config).success).toBe(true);
      expect(configFromQuery(configToQuery(p.config))).toEqual({ config: p.config, issues: [] });
    }
  });

  it('paper defaults: critic SGD 2e-2, generator 4e-3 saturating and 2e-3 otherwise, batch 256, 5 critic steps, 4000 steps', () => {
    const d = defaultConfig();
    expect([d.batchSize, d.criticSteps, d.steps, d.mu0, d.sigma0]).toEqual([256, 5, 4000, 1.8, 1.8]);
    expect(baseScheme('sat').generatorOptimizer).toMatchObject({ kind: 'sgd', learningRate: 4e-3 });
    expect(baseScheme('ns').generatorOptimizer).toMatchObject({ kind: 'sgd', learningRate: 2e-3 });
    expect(baseScheme('hyb', 'js', 'igog').criticOptimizer).toMatchObject({ kind: 'sgd', learningRate: 2e-2 });
    expect(d.critic).toEqual({ hidden: [20, 20], activation: 'elu' });
  });

  it('JSON files: defaults fill the gaps, errors name the field', () => {
    expect(parseConfigJson('{"steps": 100}').config!.steps).toBe(100);
    const bad = parseConfigJson('{"sigma0": -1}');
    expect(bad.config).toBeNull();
    expect(bad.issues[0].field).toBe('sigma0');
    expect(parseConfigJson('{nope').issues[0].message).toMatch(/not valid JSON/);
    expect(parseConfigJson('{"workers": "many"}').issues[0]).toEqual({ field: 'workers', message: 'workers must be auto or a whole number from 1 to 8' });
  });

  it('reads workers as auto or a count, and refuses anything else with a notice', () => {
    expect(configFromQuery('?workers=2').config.workers).toBe(2);
    expect(configToQuery({ ...defaultConfig(), workers: 3 })).toBe('workers=3');
    expect(configToQuery(defaultConfig())).not.toContain('workers');
    for (const bad of ['0', '9', '1.5', 'x']) {
      const { config, issues } = configFromQuery(`?workers=${bad}`);
      expect(config.workers).toBe('auto');
      expect(issues.map((i) => i.field)).toEqual(['workers']);
    }
  });
});
