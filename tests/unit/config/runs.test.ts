import { describe, expect, it } from 'vitest';
import { configFromQuery } from '../../../src/config/url';
import { expandRuns, schemeLabels } from '../../../src/config/runs';
import { getPreset } from '../../../src/config/presets';

describe('scheme labels', () => {
  it('tell apart schemes that differ only in an option, naming the option', () => {
    const { config } = configFromQuery('?s=ns:js&s=ns:js;glr=0.004&s=sat:js&s=hyb:rkl:js;clr=0.01;lam=2');
    expect(schemeLabels(config.schemes)).toEqual(['non-saturating JS (glr 0.002)', 'non-saturating JS (glr 0.004)', 'saturating JS', 'hybrid (RKL, JS)']);
    const labels = expandRuns(config).runs.map((r) => r.label);
    expect(labels).toContain('non-saturating JS (glr 0.004) · learned · seed 1');
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('tell apart identical schemes by their position, and keep the Figure 5 labels as they are', () => {
    const { config } = configFromQuery('?s=wgan&s=wgan');
    expect(schemeLabels(config.schemes)).toEqual(['WGAN (scheme 1)', 'WGAN (scheme 2)']);
    expect(schemeLabels(getPreset('figure5')!.config.schemes)).toEqual(['saturating JS', 'non-saturating JS', 'hybrid (RKL, JS)', 'hybrid (IGOG, JS)']);
  });
});
