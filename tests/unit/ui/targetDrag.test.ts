import { describe, expect, it } from 'vitest';
import { editComponent, mixturePdf, peakHeight, weightForPeak } from '../../../src/ui/targetDrag';
import { normaliseTarget } from '../../../src/config/schema';

const PAPER = [{ weight: 0.5, mean: 0, std: 0.3 }, { weight: 0.3, mean: 2, std: 1 }, { weight: 0.2, mean: 5, std: 0.5 }];

describe('dragging a target component', () => {
  it('moves the mean and the spread within the limits, rounded to 0.001', () => {
    const t = editComponent(PAPER, 1, { mean: 2.71828, std: 0.123456 });
    expect(t[1]).toEqual({ weight: 0.3, mean: 2.718, std: 0.123 });
    expect(t[0]).toEqual(PAPER[0]);
    expect(editComponent(PAPER, 0, { mean: 40, std: 0 })[0]).toMatchObject({ mean: 10, std: 0.01 });
  });

  it('changes a weight and rescales the others in proportion: the sum stays 1 and no notice is due', () => {
    const t = editComponent(PAPER, 0, { weight: 0.8 });
    expect(t.map((c) => c.weight)).toEqual([0.8, 0.12, 0.08]);
    expect(t.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 12);
    expect(editComponent(PAPER, 1, { weight: 0.45 }).map((c) => c.weight)).toEqual([0.393, 0.45, 0.157]);
    expect(normaliseTarget(t).notice).toBeNull();
    expect(editComponent(PAPER, 0, { weight: 5 })[0].weight).toBe(0.98);
    expect(editComponent([{ weight: 1, mean: 0, std: 1 }], 0, { weight: 0.4 })[0].weight).toBe(1);
  });

  it('peak height and weight are inverse; the mixture density integrates to 1', () => {
    expect(weightForPeak(peakHeight(PAPER[2]), PAPER[2].std)).toBeCloseTo(0.2, 12);
    let integral = 0;
    for (let x = -10; x < 12; x += 0.001) integral += mixturePdf(PAPER, x) * 0.001;
    expect(integral).toBeCloseTo(1, 5);
  });
});
