// The scheme editor's line on a Wasserstein-family scheme: which variant it is and what its critic estimates.
import { describe, expect, it } from 'vitest';
import { objectiveSentence } from '../../../src/ui/CriticOptions';
import { getPreset } from '../../../src/config/presets';
import { baseScheme, type SchemeConfig } from '../../../src/config/schema';

describe('objectiveSentence', () => {
  it('names the variant and what the critic estimates, on one line; f-GAN schemes have none', () => {
    const cases: [SchemeConfig, RegExp][] = [
      [getPreset('kl-wgan')!.config.schemes[0], /authors' code.*hinge.*through r.*not an estimate of log p\/q/],
      [baseScheme('kl-wgan'), /r held constant.*Donsker–Varadhan.*estimates log p\/q up to a constant/],
      [{ ...baseScheme('kl-wgan'), klRatioGradient: 'differentiated' }, /gradient through r.*not an estimate of log p\/q/],
      [{ ...baseScheme('kl-wgan'), wassersteinForm: 'hinge' }, /hinge, r held constant.*not an estimate of log p\/q/],
      [getPreset('hinge-gan')!.config.schemes[0], /^Hinge GAN.*margin critic/],
      [baseScheme('wgan'), /^WGAN.*Wasserstein potential/],
    ];
    for (const [scheme, pattern] of cases) {
      const line = objectiveSentence(scheme)!;
      expect(line).toMatch(pattern);
      expect(line).not.toMatch(/\n/);
    }
    expect(objectiveSentence(baseScheme('ns', 'js'))).toBeNull();
  });
});
