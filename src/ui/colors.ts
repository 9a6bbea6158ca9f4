// Colours: one per run (by scheme, so a scheme's learned and optimal runs share a hue), one per
// divergence (monitor and s_f plot), and the ramp of the contour bands.
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

/** Well-separated hues (after Okabe and Ito), in the order they are given out: the first four
 * (the monitor's default divergences) are blue, orange, green and purple. */
const DIVERGENCE_PALETTE = ['#0072b2', '#e69f00', '#009e73', '#7b3294', '#d55e00', '#56b4e9', '#8c564b', '#cc79a7', '#111827', '#7f7f7f', '#b5a800', '#17becf'];

/**
 * The colour of divergence `id` among the divergences `shown` (the monitor and the s_f plot show
 * the same list, so a divergence has one colour in both): one distinct hue per divergence, up to 12.
 */
export function divergenceColour(id: string, shown: readonly string[]): string {
  const k = shown.indexOf(id);
  return DIVERGENCE_PALETTE[(k < 0 ? 0 : k) % DIVERGENCE_PALETTE.length];
}
