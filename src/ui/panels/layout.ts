// Pixel geometry of a landscape panel drawn at its real size (so font sizes are screen pixels):
// the plot box with room for tick labels on the left and below, and the colour bar with its title
// on the right.
// Also which colour-bar boundaries get a label and how long a gradient arrow is drawn.
import type { GradientArrow } from '../contour';
import type { LandscapeBounds } from '../../math/landscape';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface PanelLayout {
  width: number;
  height: number;
  box: Box;
  /** The colour bar: a column right of the plot, as tall as it. */
  bar: Box;
  /** The baseline of the colour bar's title, which reads upwards along the panel's right edge. */
  barTitleX: number;
  /** Font sizes in pixels. */
  tickFont: number;
  titleFont: number;
}

export const TICK_FONT = 12;

/** Right of the plot: a gap, the colour bar, its value labels and its title (turned upright). */
const RIGHT_MARGIN = 10 + 11 + 3 + 50 + 18;

export function panelLayout(width: number): PanelLayout {
  const w = Math.max(200, Math.round(width));
  const height = Math.round(Math.min(440, Math.max(210, w * 0.74)));
  const box = { left: 46, top: 8, width: w - 46 - RIGHT_MARGIN, height: height - 8 - 40 };
  const bar = { left: box.left + box.width + 10, top: box.top, width: 11, height: box.height };
  return { width: w, height, box, bar, barTitleX: w - 7, tickFont: TICK_FONT, titleFont: 14 };
}

/**
 * Boundaries of the colour bar that get a value: with `bands` equal blocks of `height` pixels,
 * every k-th boundary so that labels stand at least `minGap` pixels apart and from the two ends
 * (boundary k separates block k-1 from block k; the ends, 0 and `bands`, are labelled apart).
 */
export function labelledBoundaries(bands: number, height: number, minGap = 15): number[] {
  if (bands < 2) return [];
  const block = height / bands;
  const every = Math.max(1, Math.ceil(minGap / block));
  const out: number[] = [];
  // the ends carry the smallest and largest values: keep labels clear of them too
  for (let k = every; (bands - k) * block >= minGap; k += every) out.push(k);
  return out;
}

/**
 * The arrow of -grad D at a node in pixels: the direction of -grad D in (mu, sigma) mapped
 * through the plot's scale (sigma grows upwards), scaled to at most `maxLength` pixels by the
 * square root of |grad D| relative to `reference`, so that weak gradients stay visible but shorter.
 */
export function arrowVector(a: GradientArrow, window: LandscapeBounds, box: Box, reference: number, maxLength: number): { dx: number; dy: number } {
  const kx = box.width / (window.muMax - window.muMin);
  const ky = box.height / (window.sigmaMax - window.sigmaMin);
  const dx = -a.gMu * kx;
  const dy = a.gSigma * ky;
  const pixels = Math.hypot(dx, dy);
  const magnitude = Math.hypot(a.gMu, a.gSigma);
  if (!(pixels > 0) || !(reference > 0)) return { dx: 0, dy: 0 };
  const length = maxLength * Math.sqrt(Math.min(1, magnitude / reference));
  return { dx: (dx / pixels) * length, dy: (dy / pixels) * length };
}

/** A high quantile of |grad D| over the arrows: the magnitude drawn at full length. */
export function gradientReference(arrows: GradientArrow[], quantile = 0.9): number {
  const m = arrows.map((a) => Math.hypot(a.gMu, a.gSigma)).sort((x, y) => x - y);
  if (m.length === 0) return 0;
  return m[Math.min(m.length - 1, Math.floor(quantile * (m.length - 1)))];
}

/**
 * Where a `width` × `height` key goes in a corner of the plot box, `inset` pixels in: the corner
 * whose key would cover the fewest of `points` (markers, taken `clearance` pixels wide), the lower
 * right first on a tie, then the upper right, the upper left and the lower left.
 */
export function freeCorner(box: Box, width: number, height: number, points: { x: number; y: number }[], inset = 4, clearance = 8): { left: number; top: number } {
  const lefts = [box.left + box.width - inset - width, box.left + inset];
  const tops = [box.top + box.height - inset - height, box.top + inset];
  const corners = [[0, 0], [0, 1], [1, 1], [1, 0]].map(([i, j]) => ({ left: lefts[i], top: tops[j] }));
  const covered = (c: { left: number; top: number }) => points.filter((p) =>
    p.x > c.left - clearance && p.x < c.left + width + clearance && p.y > c.top - clearance && p.y < c.top + height + clearance).length;
  let best = corners[0];
  let fewest = covered(best);
  for (const c of corners.slice(1)) {
    const n = covered(c);
    if (n < fewest) { best = c; fewest = n; }
  }
  return best;
}
