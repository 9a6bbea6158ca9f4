// The scheme editor's line on a Wasserstein-family scheme: which variant it is and what its critic estimates.
import { describe, expect, it } from 'vitest';
import { criticEstimatesLogRatio, objectiveSentence } from '../../../src/ui/CriticOptions';
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

describe('criticEstimatesLogRatio', () => {
  it('agrees with the line: only f-GAN and the constant-r linear KL-WGAN estimate log p/q', () => {
    const schemes: SchemeConfig[] = [
      baseScheme('kl-wgan'), { ...baseScheme('kl-wgan'), klRatioGradient: 'differentiated' }, { ...baseScheme('kl-wgan'), wassersteinForm: 'hinge' },
      baseScheme('wgan'), { ...baseScheme('wgan'), wassersteinForm: 'hinge' }, getPreset('kl-wgan')!.config.schemes[0],
    ];
    for (const s of schemes) expect(criticEstimatesLogRatio(s), objectiveSentence(s)!).toBe(/estimates log p\/q/.test(objectiveSentence(s)!));
    expect(criticEstimatesLogRatio(getPreset('figure5')!.config.schemes[0])).toBe(true);
  });
});
