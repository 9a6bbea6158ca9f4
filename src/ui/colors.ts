// Colours: one per run (by scheme, so a scheme's learned and optimal runs share a hue), one per
// divergence (monitor and s_f plot), and the ramp of the contour bands.
import { DIVERGENCE_IDS } from '../math/catalog';

const RUN_COLOURS = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];

export function schemeColour(schemeIndex: number): string {
  return RUN_COLOURS[schemeIndex % RUN_COLOURS.length];
}

/** A light-to-dark ramp (low divergence light, high dark) for contour band k of n. */
export function bandColour(k: number, n: number): string {
  const t = n <= 1 ? 0 : k / (n - 1);
  // from a pale yellow-green to a slate blue
  const a = [247, 252, 240];
  const b = [67, 97, 148];
  const c = a.map((v, i) => Math.round(v + (b[i] - v) * t));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** A run's colour: its scheme's hue, a little darker for each further seed. */
export function runColour(schemeIndex: number, seedOffset: number): string {
  const base = schemeColour(schemeIndex);
  if (seedOffset === 0) return base;
  const rgb = [1, 3, 5].map((i) => parseInt(base.slice(i, i + 2), 16));
  const k = Math.max(0.45, 1 - 0.25 * seedOffset);
  return `rgb(${rgb.map((v) => Math.round(v * k)).join(',')})`;
}

const DIVERGENCE_COLOURS = ['#0f766e', '#b45309', '#7c3aed', '#be123c', '#1d4ed8', '#4d7c0f', '#a21caf', '#0369a1', '#854d0e', '#334155', '#c2410c', '#15803d'];

export function divergenceColour(id: string): string {
  const k = (DIVERGENCE_IDS as readonly string[]).indexOf(id);
  return DIVERGENCE_COLOURS[(k < 0 ? 0 : k) % DIVERGENCE_COLOURS.length];
}
