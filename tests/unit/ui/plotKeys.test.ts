import { describe, expect, it } from 'vitest';
import { plotKeyAction, plotKeysHint, ZOOM_STEP } from '../../../src/ui/panels/plotKeys';
import { editComponent, keyPatch } from '../../../src/ui/targetDrag';

const WINDOW = { muMin: -1, muMax: 4, sigmaMin: 0.1, sigmaMax: 3.1 };
const state = (panning = false, start = { mu: 1.8, sigma: 1.8 }) => ({ window: WINDOW, start, panning });
const press = (key: string, shiftKey = false) => ({ key, shiftKey });

describe('the keys of a focused landscape panel', () => {
  it('arrows move the start by a round fiftieth of the span, Shift by a tenth, on round values', () => {
    expect(plotKeyAction(press('ArrowRight'), state())).toEqual({ kind: 'start', start: { mu: 1.9, sigma: 1.8 } });
    expect(plotKeyAction(press('ArrowDown'), state())).toEqual({ kind: 'start', start: { mu: 1.8, sigma: 1.75 } });
    expect(plotKeyAction(press('ArrowLeft', true), state())).toEqual({ kind: 'start', start: { mu: 1.5, sigma: 1.8 } });
    expect(plotKeyAction(press('ArrowUp', true), state())).toEqual({ kind: 'start', start: { mu: 1.8, sigma: 2 } });
  });
  it('keeps the start within the configuration: sigma above 0, |mu| at most 10', () => {
    expect(plotKeyAction(press('ArrowDown'), state(false, { mu: 0, sigma: 0.05 }))).toEqual({ kind: 'start', start: { mu: 0, sigma: 0.05 } });
    expect(plotKeyAction(press('ArrowRight', true), state(false, { mu: 10, sigma: 1 }))).toEqual({ kind: 'start', start: { mu: 10, sigma: 1 } });
  });
  it('in pan mode the arrows move the window by a tenth of its span (Shift: half), and the start stays', () => {
    const right = plotKeyAction(press('ArrowRight'), state(true));
    expect(right).toEqual({ kind: 'window', window: { muMin: -0.5, muMax: 4.5, sigmaMin: 0.1, sigmaMax: 3.1 } });
    const up = plotKeyAction(press('ArrowUp', true), state(true));
    expect(up).toEqual({ kind: 'window', window: { muMin: -1, muMax: 4, sigmaMin: 1.6, sigmaMax: 4.6 } });
  });
  it('+ and − zoom about the start by one zoom step; 0 fits; P and Escape switch pan mode', () => {
    const zoomIn = plotKeyAction(press('+'), state());
    if (zoomIn?.kind !== 'window') throw new Error('+ should zoom');
    expect(zoomIn.window.muMax - zoomIn.window.muMin).toBeCloseTo(5 / ZOOM_STEP, 2);
    // the start stays where it is on the plot
    expect((1.8 - zoomIn.window.muMin) / (zoomIn.window.muMax - zoomIn.window.muMin)).toBeCloseTo(2.8 / 5, 2);
    const zoomOut = plotKeyAction(press('−'), state());
    if (zoomOut?.kind !== 'window') throw new Error('− should zoom');
    expect(zoomOut.window.muMax - zoomOut.window.muMin).toBeCloseTo(5 * ZOOM_STEP, 2);
    expect(plotKeyAction(press('0'), state())).toEqual({ kind: 'fit' });
    expect(plotKeyAction(press('p'), state())).toEqual({ kind: 'pan-mode', on: true });
    expect(plotKeyAction(press('P'), state(true))).toEqual({ kind: 'pan-mode', on: false });
    expect(plotKeyAction(press('Escape'), state(true))).toEqual({ kind: 'pan-mode', on: false });
    expect(plotKeyAction(press('Escape'), state())).toBeNull();
    expect(plotKeyAction(press('a'), state())).toBeNull();
    expect(plotKeysHint(true)).toMatch(/^Pan mode/);
  });
});

describe('the keys of a target handle', () => {
  const c = { weight: 0.5, mean: 2, std: 1 };
  it('the peak: Left and Right move the mean, Up and Down the weight; the spread widens and narrows', () => {
    expect(keyPatch(c, 'peak', 'ArrowRight', false, true)).toEqual({ mean: 2.1 });
    expect(keyPatch(c, 'peak', 'ArrowLeft', true, true)).toEqual({ mean: 1 });
    expect(keyPatch(c, 'peak', 'ArrowUp', false, true)).toEqual({ weight: 0.51 });
    expect(keyPatch(c, 'peak', 'ArrowUp', false, false)).toBeNull();
    expect(keyPatch(c, 'spread', 'ArrowUp', false, true)).toEqual({ std: 1.05 });
    expect(keyPatch(c, 'spread', 'ArrowLeft', true, true)).toEqual({ std: 0.5 });
    expect(keyPatch(c, 'spread', 'Enter', false, true)).toBeNull();
  });
  it('a patch by keys keeps the weights summing to 1 and the spread within its limits', () => {
    const target = [{ weight: 0.5, mean: 0, std: 0.3 }, c];
    const heavier = editComponent(target, 1, keyPatch(c, 'peak', 'ArrowUp', true, true)!);
    expect(heavier.map((x) => x.weight)).toEqual([0.4, 0.6]);
    const narrow = { weight: 1, mean: 0, std: 0.02 };
    expect(editComponent([narrow], 0, keyPatch(narrow, 'spread', 'ArrowDown', false, false)!)[0].std).toBe(0.01);
  });
});
