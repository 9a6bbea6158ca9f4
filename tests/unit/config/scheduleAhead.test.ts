// What a schedule will do, said before it fires: the timeline's ticks and the form's hints.
import { describe, expect, it } from 'vitest';
import { changesByStep, schedulesAhead, settingAhead } from '../../../src/config/schedule';
import { configFromQuery } from '../../../src/config/url';
import { schemeLabels } from '../../../src/config/runs';
import { planarConfigFromQuery } from '../../../src/config/planarUrl';

describe('a schedule ahead', () => {
  const { config, issues } = configFromQuery('#s=ns:js;glr=0.002,0.01@887,0.005@2000&s=sat:js&csteps=5,1@1500');

  it('the ticks: one per step, in step order, saying what changes there', () => {
    expect(issues).toEqual([]);
    expect(changesByStep(config.changes, schemeLabels(config.schemes))).toEqual([
      { step: 887, text: 'step 887: non-saturating JS: generator learning rate 0.01' },
      { step: 1500, text: 'step 1500: critic steps per generator step 1' },
      { step: 2000, text: 'step 2000: non-saturating JS: generator learning rate 0.005' },
    ]);
  });

  it('a setting: its value now, then each change still ahead; nothing once they have passed', () => {
    expect(settingAhead(config, 0, 'glr', 0)).toBe('0.002 → 0.01 at step 887 → 0.005 at step 2000');
    expect(settingAhead(config, 887, 'glr', 0)).toBe('0.01 → 0.005 at step 2000');
    expect(settingAhead(config, 2000, 'glr', 0)).toBeNull();
    expect(settingAhead(config, 0, 'glr', 1)).toBeNull();
    expect(settingAhead(config, 0, 'csteps', null)).toBe('5 → 1 at step 1500');
    expect(settingAhead(config, 0, 'batch', null)).toBeNull();
  });

  it('2-D: each scheduled learning rate from its value now', () => {
    const planar = planarConfigFromQuery('#dim=2&preset=appendix-d-circle&s=ns:js;glr=0.03,0.005@1000;clr=0.01,0.02@50');
    expect(planar.issues).toEqual([]);
    const names = schemeLabels(planar.config.schemes);
    expect(schedulesAhead(planar.config, 0, names)).toEqual([
      'non-saturating JS: critic learning rate 0.01 → 0.02 at step 50',
      'non-saturating JS: generator learning rate 0.03 → 0.005 at step 1000',
    ]);
    expect(schedulesAhead(planar.config, 50, names)).toEqual(['non-saturating JS: generator learning rate 0.03 → 0.005 at step 1000']);
    expect(schedulesAhead(planar.config, 1000, names)).toEqual([]);
  });
});
