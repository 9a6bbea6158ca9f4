// Links a person can read: scheme options unescaped, numbers as short decimals that read back to
// the same value, no '+' that a query would have to escape.
import { describe, expect, it } from 'vitest';
import { baseScheme, defaultConfig } from '../../../src/config/schema';
import { configFromQuery, configToQuery, formatNumber } from '../../../src/config/url';

describe('readable links', () => {
  it('writes scheme options with a plain "=" and reads them back', () => {
    const scheme = { ...baseScheme('ns'), generatorOptimizer: { ...baseScheme('ns').generatorOptimizer, learningRate: 0.003 } };
    const config = { ...defaultConfig(), schemes: [scheme] };
    const query = configToQuery(config);
    expect(query).toBe('s=ns:js;glr=0.003');
    expect(configFromQuery(query)).toEqual({ config, issues: [] });
  });

  it('writes numbers as the shortest decimal that reads back to the same double, without "+"', () => {
    for (const x of [0.1, 0.25, 1 / 3, 1 - 2 / 3, 1e21, 1.5e300, 2e-7, -0.004, 123456789.125]) {
      const text = formatNumber(x);
      expect(Number(text)).toBe(x);
      expect(text).not.toContain('+');
      expect(text.length).toBeLessThanOrEqual(String(x).length);
    }
    expect(formatNumber(1e21)).toBe('1e21');
    expect(configToQuery({ ...defaultConfig(), target: [{ weight: 1, mean: 1e-7, std: 1 }] })).toBe('target=1:1e-7:1');
  });
});
