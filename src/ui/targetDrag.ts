// Dragging one component of the target mixture: its mean and spread within the configuration's
// limits, and its weight with the others rescaled in proportion; weights are round (roundWeight)
// and sum to 1, so no rescaling notice is due and the link stays short.
import type { MixtureComponent } from '../config/schema';
import { roundWeight } from './targetEdit';

export const TARGET_LIMITS = Object.freeze({ mean: 10, stdMin: 0.01, stdMax: 10, weightMin: 0.01 });

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
/** Three significant decimals: what a drag can mean, and a readable link. */
const round3 = (v: number) => Math.round(v * 1000) / 1000;

export interface ComponentPatch {
  mean?: number;
  std?: number;
  weight?: number;
}

export function editComponent(target: MixtureComponent[], index: number, patch: ComponentPatch): MixtureComponent[] {
  const c = target[index];
  if (!c) return target;
  const mean = patch.mean === undefined ? c.mean : round3(clamp(patch.mean, -TARGET_LIMITS.mean, TARGET_LIMITS.mean));
  const std = patch.std === undefined ? c.std : round3(clamp(patch.std, TARGET_LIMITS.stdMin, TARGET_LIMITS.stdMax));
  const next = target.map((x, k) => (k === index ? { ...x, mean, std } : x));
  if (patch.weight === undefined || target.length < 2) return next;
  const others = target.reduce((s, x, k) => (k === index ? s : s + x.weight), 0);
  const weight = clamp(patch.weight, TARGET_LIMITS.weightMin, 1 - TARGET_LIMITS.weightMin * (target.length - 1));
  const scaled = next.map((x, k) => (k === index ? x : { ...x, weight: roundWeight((x.weight / others) * (1 - weight)) }));
  // the dragged component takes the rounding remainder, so that the sum is 1
  const rest = scaled.reduce((s, x, k) => (k === index ? s : s + x.weight), 0);
  return scaled.map((x, k) => (k === index ? { ...x, weight: +(1 - rest).toPrecision(12) } : x));
}

/** The mixture density at x. */
export function mixturePdf(target: readonly MixtureComponent[], x: number): number {
  let sum = 0;
  for (const c of target) {
    const z = (x - c.mean) / c.std;
    sum += (c.weight / (c.std * Math.sqrt(2 * Math.PI))) * Math.exp(-0.5 * z * z);
  }
  return sum;
}

/** The height of one component's bump, w / (std sqrt(2 pi)), and the weight that gives a height. */
export function peakHeight(c: MixtureComponent): number {
  return c.weight / (c.std * Math.sqrt(2 * Math.PI));
}

export function weightForPeak(height: number, std: number): number {
  return height * std * Math.sqrt(2 * Math.PI);
}

export type TargetHandle = 'peak' | 'spread';

const KEY_STEPS = { mean: [0.1, 1], std: [0.05, 0.5], weight: [0.01, 0.1] } as const;

/**
 * What an arrow key does to a focused handle: on the peak, Left and Right move the mean and Up
 * and Down change the weight (when there is more than one component); on the spread, Right and
 * Up widen, Left and Down narrow. Shift takes ten times the step. Null for other keys.
 */
export function keyPatch(c: MixtureComponent, handle: TargetHandle, key: string, shift: boolean, weighted: boolean): ComponentPatch | null {
  const sign = key === 'ArrowRight' || key === 'ArrowUp' ? 1 : key === 'ArrowLeft' || key === 'ArrowDown' ? -1 : 0;
  if (sign === 0) return null;
  const size = shift ? 1 : 0;
  if (handle === 'spread') return { std: c.std + sign * KEY_STEPS.std[size] };
  if (key === 'ArrowLeft' || key === 'ArrowRight') return { mean: c.mean + sign * KEY_STEPS.mean[size] };
  return weighted ? { weight: c.weight + sign * KEY_STEPS.weight[size] } : null;
}
